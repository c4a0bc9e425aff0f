"""`hintsig models fuzz`: contract tests of a saved model, from its own signature."""

from __future__ import annotations

import contextlib
import sys
from collections.abc import Callable, Iterator

import click

from hintsig.cli._common import CliUsageError, reports_errors
from hintsig.cli._models import _MODEL_URI, models
from hintsig.exceptions import HintsigException

__all__ = ["fuzz_command"]


@models.command("fuzz")
@_MODEL_URI
@click.option("--examples", default=100, show_default=True, type=click.IntRange(min=1))
@click.option("--seed", default=None, type=int, help="Make the run repeatable.")
@click.option(
    "--serve",
    is_flag=True,
    help="Also start the model server on 127.0.0.1 and check its answers to valid "
    "(200) and invalid (4xx) requests in every payload format.",
)
@reports_errors
def fuzz_command(model_uri: str, examples: int, seed: int | None, serve: bool) -> None:
    """Run the model on inputs its signature allows; exit 1 on a failure (shrunk)."""
    try:
        from hintsig.pyfunc import load_model
        from hintsig.testing import check_model

        model = load_model(model_uri)
    except HintsigException as exc:
        raise CliUsageError(exc.message) from None
    progress = _progress(examples) if sys.stderr.isatty() else None
    try:
        report = check_model(model_uri, max_examples=examples, seed=seed, progress=progress)
    except HintsigException as exc:
        raise CliUsageError(exc.message) from None
    if progress is not None:
        click.echo("", err=True)
    click.echo(str(report))
    failed = not report.passed
    if serve:
        from hintsig.testing import check_server

        with _served(model) as url:
            served = check_server(url, model, max_examples=max(1, examples // 5), seed=seed)
        click.echo(str(served))
        failed = failed or not served.passed
    if failed:
        sys.exit(1)


def _progress(total: int) -> Callable[[int], None]:
    def show(done: int) -> None:
        line = f"\rfuzzing: {done} examples tried (of {total}, plus shrinking)"
        click.echo(line, nl=False, err=True)

    return show


@contextlib.contextmanager
def _served(model: object) -> Iterator[str]:
    """The real scoring server for `model`, in this process on a free loopback port."""
    import socket
    import threading
    import time

    import uvicorn

    from hintsig.serving import create_app

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    config = uvicorn.Config(create_app(model), host="127.0.0.1", port=port, log_level="error")  # type: ignore[arg-type]
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started:
        if not thread.is_alive() or time.monotonic() > deadline:
            raise HintsigException("The model server did not start")
        time.sleep(0.02)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=30)
