"""`hintsig signature ...`: schemas from data files."""

from __future__ import annotations

import importlib.util
import io
import json
from pathlib import Path
from typing import Any

import click

from hintsig.cli import cli
from hintsig.cli._common import STDIO, CliError, Group, read_input, reports_errors

__all__ = ["signature"]

_FORMATS = ("json", "csv", "parquet")
_SUFFIXES = {".json": "json", ".csv": "csv", ".parquet": "parquet", ".pq": "parquet"}


@cli.group("signature", cls=Group)
def signature() -> None:
    """Model signatures and schemas."""


@signature.command("infer")
@click.option(
    "-i",
    "--input-path",
    required=True,
    metavar="PATH",
    help="The data: JSON (any value a model takes), CSV, or Parquet (needs pyarrow); "
    "'-' reads JSON or CSV from standard input.",
)
@click.option(
    "-f",
    "--format",
    "data_format",
    type=click.Choice(_FORMATS),
    default=None,
    help="The file's format (default: from its extension; JSON for standard input).",
)
@reports_errors
def infer_command(input_path: str, data_format: str | None) -> None:
    """Print the schema inferred from a data file, as JSON (the form MLflow writes)."""
    from hintsig.models._infer import infer_schema

    kind = data_format or _format_of(input_path)
    schema = infer_schema(_read_data(input_path, kind))
    click.echo(json.dumps(schema.to_dict(), indent=2))


def _format_of(path: str) -> str:
    if path == STDIO:
        return "json"
    kind = _SUFFIXES.get(Path(path).suffix.lower())
    if kind is None:
        raise CliError(
            f"Cannot tell the format of {path} from its extension; pass --format "
            f"({', '.join(_FORMATS)})"
        )
    return kind


def _read_data(path: str, kind: str) -> Any:
    if kind == "parquet":
        return _read_parquet(path)
    raw = read_input(path)
    if kind == "csv":
        return _read_csv(raw, path)
    try:
        return json.loads(raw)
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        reason = exc.msg if isinstance(exc, json.JSONDecodeError) else "not UTF-8 text"
        raise CliError(f"{path} is not valid JSON ({reason})") from None


def _read_csv(raw: bytes, path: str) -> Any:
    import pandas as pd

    try:
        return pd.read_csv(io.BytesIO(raw))
    except (pd.errors.ParserError, pd.errors.EmptyDataError, UnicodeDecodeError) as exc:
        raise CliError(f"{path} is not valid CSV ({type(exc).__name__})") from None


def _read_parquet(path: str) -> Any:
    import pandas as pd

    if path == STDIO:
        raise CliError("Parquet cannot be read from standard input; pass a file")
    if importlib.util.find_spec("pyarrow") is None:
        raise CliError("Reading Parquet needs pyarrow: pip install pyarrow")
    return pd.read_parquet(path)
