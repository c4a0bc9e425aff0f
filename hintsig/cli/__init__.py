"""The `hintsig` command line. Each command group lives in its own `_`-module."""

from __future__ import annotations

import click

from hintsig.cli._common import Group

__all__ = ["cli", "main"]


@click.group(cls=Group)
@click.version_option(package_name="hintsig")
def cli() -> None:
    """hintsig: typed, validated model signatures."""


def main() -> None:
    """Console-script entry point."""
    from hintsig.cli import _commands  # noqa: F401  (registers the command groups)

    cli()
