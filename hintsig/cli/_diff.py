"""`hintsig models diff OLD_URI NEW_URI`: what changed between two models' signatures.

Prints every change, breaking ones marked `BREAKING`, and exits with status 1 when any change
breaks callers of the old model (0 otherwise), so CI can gate a model's promotion on it. A model
that cannot be read is a one-line error (status 1 too: the gate stays closed).
"""

from __future__ import annotations

import json

import click

from hintsig.cli._common import reports_errors
from hintsig.cli._models import models

__all__ = ["diff_command"]


@models.command("diff")
@click.argument("old_uri", metavar="OLD_URI")
@click.argument("new_uri", metavar="NEW_URI")
@click.option("--json", "as_json", is_flag=True, help="Print the changes as JSON.")
@reports_errors
def diff_command(old_uri: str, new_uri: str, as_json: bool) -> None:
    """Compare the signatures of two models; exit status 1 when a change breaks callers.

    Breaking: a new required input, field or param without a default; an optional input or
    field made required; a narrowed type; a changed tensor shape; an output removed or changed.
    Compatible: a new optional input, a new param with a default, a widened type, an input
    removed, a new output.
    """
    from hintsig.models._diff import diff_signatures
    from hintsig.models.model import get_model_info

    diff = diff_signatures(get_model_info(old_uri).signature, get_model_info(new_uri).signature)
    if as_json:
        click.echo(json.dumps({"old": old_uri, "new": new_uri, **diff.to_dict()}, indent=2))
    else:
        if diff.changes:
            click.echo(f"Signature changes from {old_uri} to {new_uri}:")
        for change in diff.changes:
            click.echo(f"  {change}")
        click.echo(diff.summary)
    if diff.breaking:
        click.get_current_context().exit(1)
