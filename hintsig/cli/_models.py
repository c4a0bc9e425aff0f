"""`hintsig models ...`: serve a saved model, score a file, print or check its signature.

Every command takes `-m/--model-uri`: any URI hintsig loads (a path, `file://`, `runs:/`,
`models:/<id>`, `models:/<name>/<version>`, `models:/<name>@<alias>`). Failures print one
line to stderr (`hintsig.cli._common`).
"""

from __future__ import annotations

import json
import re
from typing import Any

import click

from hintsig.cli import cli
from hintsig.cli._common import (
    STDIO,
    CliError,
    Group,
    read_input,
    reports_errors,
    write_output,
)
from hintsig.cli._extras import require_extra

__all__ = ["models"]

_MODEL_URI = click.option(
    "-m",
    "--model-uri",
    required=True,
    metavar="URI",
    help="The model: a path, runs:/<run_id>/<name>, models:/<name>/<version>, "
    "models:/<name>@<alias>, ...",
)
_CONTENT_TYPES = {"json": "application/json", "csv": "text/csv"}


def _local_env_only(ctx: click.Context, param: click.Parameter, value: str) -> str:
    """`--env-manager local` (MLflow's flag): anything else is refused, no environment is built."""
    if value != "local":
        raise click.BadParameter(
            f"{value!r}: hintsig runs the model in the current Python environment and builds "
            "none; use --env-manager local (or leave the flag out)",
            ctx,
            param,
        )
    return value


_ENV_MANAGER = click.option(
    "--env-manager",
    default="local",
    show_default=True,
    metavar="local",
    callback=_local_env_only,
    help="Accepted for MLflow compatibility: the model runs in the current environment "
    "(virtualenv, uv and conda are refused).",
)


_SIZE_UNITS = {
    "": 1,
    "b": 1,
    "kb": 1000,
    "kib": 1024,
    "mb": 1000**2,
    "mib": 1024**2,
    "gb": 1000**3,
    "gib": 1024**3,
}
_SIZE = re.compile(r"\s*(\d+)\s*([a-z]*)\s*", re.IGNORECASE)


def _byte_size(ctx: click.Context, param: click.Parameter, value: str) -> int:
    """A number of bytes from `1048576`, `512KiB`, `100MiB`, `1GB` (KB = 1000, KiB = 1024)."""
    match = _SIZE.fullmatch(value)
    unit = match.group(2).lower() if match else None
    if match is None or unit not in _SIZE_UNITS:
        raise click.BadParameter(
            f"{value!r} is not a size; write bytes, or a number with KiB, MiB, GiB, KB, MB, GB",
            ctx,
            param,
        )
    return int(match.group(1)) * _SIZE_UNITS[unit]


@cli.group("models", cls=Group)
def models() -> None:
    """Serve saved models, score files with them, print and check their signatures."""


@models.command("serve")
@_MODEL_URI
@click.option("-p", "--port", default=5000, show_default=True, type=click.IntRange(0, 65535))
@click.option(
    "-h",
    "--host",
    default="127.0.0.1",
    show_default=True,
    help="The address to bind; 0.0.0.0 makes the server reachable from other machines.",
)
@click.option(
    "-w",
    "--workers",
    default=1,
    show_default=True,
    type=click.IntRange(min=1),
    help="Worker processes, each with its own copy of the model.",
)
@click.option(
    "-t",
    "--timeout",
    default=None,
    type=click.FloatRange(min=0, min_open=True),
    help="Seconds one request may take: waiting for a free worker thread (503 after) and "
    "predicting (504 after). Default: no limit.",
)
@click.option(
    "--workers-threads",
    default=None,
    type=click.IntRange(min=0),
    envvar="HINTSIG_WORKERS_THREADS",
    help="Worker threads per process that score requests (default: CPU count + 4, at most "
    "32); 0 scores on the event loop (fastest for quick models, no --timeout).",
)
@click.option(
    "--max-body-size",
    default="100MiB",
    metavar="SIZE",
    show_default=True,
    callback=_byte_size,
    help="The largest request body; larger ones are answered with 413 without being read.",
)
@click.option(
    "--name",
    default=None,
    metavar="NAME",
    help="The model's name on the page, in OpenAPI and in /v2/models/NAME (default: the "
    "registered model's name, else the name it was logged under, else its directory's name).",
)
@click.option(
    "--access-log/--no-access-log",
    default=True,
    show_default=True,
    help="Log one line per request (method, path, status; never the body).",
)
@_ENV_MANAGER
@reports_errors
def serve_command(
    model_uri: str,
    port: int,
    host: str,
    workers: int,
    timeout: float | None,
    max_body_size: int,
    access_log: bool,
    name: str | None,
    env_manager: str,
    workers_threads: int | None,
) -> None:
    """Serve the model over HTTP (on 127.0.0.1 unless --host says otherwise).

    Endpoints: POST /invocations (JSON or CSV), GET / (the schema page with a form to try
    the model), /openapi.json, /metadata, /ping, /health, /version, and the Open Inference
    Protocol (KServe V2): /v2, /v2/health/live, /v2/health/ready, /v2/models/NAME[/ready],
    POST /v2/models/NAME/infer.
    """
    require_extra("serve", "starlette", "uvicorn")
    from hintsig.serving._server import serve

    serve(
        model_uri,
        host=host,
        port=port,
        workers=workers,
        timeout=timeout,
        max_body_size=max_body_size,
        access_log=access_log,
        workers_threads=workers_threads,
        name=name,
    )


@models.command("predict")
@_MODEL_URI
@click.option(
    "-i",
    "--input-path",
    default=STDIO,
    metavar="PATH",
    help="The request body to score, as POSTed to /invocations (default: standard input).",
)
@click.option(
    "-t",
    "--content-type",
    type=click.Choice(sorted(_CONTENT_TYPES)),
    default="json",
    show_default=True,
)
@click.option(
    "-o",
    "--output-path",
    default=STDIO,
    metavar="PATH",
    help='Where to write {"predictions": ...} (default: standard output).',
)
@_ENV_MANAGER
@reports_errors
def predict_command(
    model_uri: str, input_path: str, content_type: str, output_path: str, env_manager: str
) -> None:
    """Score a request body with the model, as the server would answer it."""
    body = read_input(input_path)
    write_output(output_path, _score(model_uri, body, _CONTENT_TYPES[content_type]) + b"\n")


@models.command("signature")
@_MODEL_URI
@click.option(
    "--json-schema",
    is_flag=True,
    help="Print the JSON Schema of a scoring request instead of the signature.",
)
@reports_errors
def signature_command(model_uri: str, json_schema: bool) -> None:
    """Print the model's signature as JSON (or the JSON Schema of its requests)."""
    from hintsig.models._uri import resolve_model_uri
    from hintsig.models.model import Model

    metadata = Model.load(resolve_model_uri(model_uri))
    signature = metadata.signature
    if signature is None:
        raise CliError(f"The model {model_uri} has no signature")
    if json_schema:
        from hintsig.models._json_schema import signature_to_json_schema

        # from the MLmodel only: a command that reads metadata never unpickles the model
        saved = metadata.to_dict()
        hinted = bool(
            saved.get("is_signature_from_type_hint") or saved.get("type_hint_from_example")
        )
        document: Any = signature_to_json_schema(signature, type_hinted=hinted)
    else:
        from hintsig.serving._served import signature_json

        document = signature_json(signature)
    click.echo(json.dumps(document, indent=2))


@models.command("validate")
@_MODEL_URI
@click.option(
    "-i",
    "--input-path",
    default=STDIO,
    metavar="PATH",
    help="The serving input (a JSON request body) to check (default: standard input).",
)
@reports_errors
def validate_command(model_uri: str, input_path: str) -> None:
    """Check a serving input by predicting on it; print the predictions."""
    body = read_input(input_path)
    click.echo(_score(model_uri, body, _CONTENT_TYPES["json"]).decode("utf-8"))


def _score(model_uri: str, body: bytes, content_type: str) -> bytes:
    """`{"predictions": ...}` for `body`, as the server answers it; an error names the model's
    own exception with its text (the user passed the data)."""
    from hintsig.pyfunc._persist import load_model
    from hintsig.serving._scoring import Scorer

    return Scorer(load_model(model_uri), log_model_errors=False).score(body, content_type)
