"""`hintsig models export`: a serving platform's metadata file from a model's signature."""

from __future__ import annotations

from pathlib import Path

import click

from hintsig.cli._common import STDIO, CliError, reports_errors, write_output
from hintsig.cli._models import models
from hintsig.models._export import EXPORT_FORMATS, FILE_NAMES

__all__ = ["export_command"]


@models.command("export")
@click.option("-m", "--model-uri", required=True, metavar="URI", help="The model.")
@click.option("-f", "--format", "format_", type=click.Choice(EXPORT_FORMATS), required=True)
@click.option(
    "-o",
    "--output-path",
    default=STDIO,
    metavar="PATH",
    help="The file to write, or a directory to write the platform's file name in "
    f"({', '.join(f'{k}: {v}' for k, v in FILE_NAMES.items())}); default: standard output.",
)
@click.option(
    "--name",
    default=None,
    metavar="NAME",
    help="The model's name (default: as `models serve` names it).",
)
@click.option(
    "--max-batch-size",
    default=8,
    show_default=True,
    type=click.IntRange(min=1),
    help="Triton's max_batch_size, when every tensor has a batch dimension (-1 first).",
)
@reports_errors
def export_command(
    model_uri: str, format_: str, output_path: str, name: str | None, max_batch_size: int
) -> None:
    """Write KServe V2 model metadata, an MLServer model-settings.json or a Triton
    config.pbtxt for the model, from its signature."""
    from hintsig.models._export import export_metadata
    from hintsig.models._naming import model_name
    from hintsig.models._uri import resolve_model_uri
    from hintsig.models.model import Model

    metadata = Model.load(resolve_model_uri(model_uri))
    if metadata.signature is None:
        raise CliError(f"The model {model_uri} has no signature")
    text = export_metadata(
        metadata.signature,
        format_,
        name=model_name(model_uri, metadata, name),
        max_batch_size=max_batch_size,
    )
    target = output_path
    if target != STDIO and Path(target).is_dir():
        target = str(Path(target) / FILE_NAMES[format_])
    write_output(target, text.encode("utf-8"))
