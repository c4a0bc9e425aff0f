"""Test helpers: a real server on a loopback port, in a thread or in its own process."""

from __future__ import annotations

import contextlib
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

import httpx
import uvicorn


def free_port() -> int:
    """A TCP port free on 127.0.0.1 right now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


@contextlib.contextmanager
def running(app: Any, seconds: float = 30) -> Iterator[str]:
    """Serve `app` with uvicorn in a thread on a loopback port; yields the base URL."""
    config = uvicorn.Config(app, host="127.0.0.1", port=free_port(), log_level="warning")
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + seconds
    while not server.started:
        if not thread.is_alive() or time.monotonic() > deadline:
            raise RuntimeError("the test server did not start")
        time.sleep(0.02)
    try:
        yield f"http://127.0.0.1:{config.port}"
    finally:
        server.should_exit = True
        thread.join(timeout=seconds)


@contextlib.contextmanager
def serving_process(
    args: Sequence[str], log: Path, seconds: float = 60
) -> Iterator[tuple[str, subprocess.Popen[bytes]]]:
    """`hintsig models serve ARGS` in its own process on a free loopback port, until /ping
    answers; yields the base URL and the process, and stops it afterwards."""
    port = free_port()
    command = [sys.executable, "-c", "from hintsig.cli import main; main()", "models", "serve"]
    with log.open("wb") as output:
        process = subprocess.Popen(
            [*command, *args, "--port", str(port)], stdout=output, stderr=subprocess.STDOUT
        )
        try:
            url = f"http://127.0.0.1:{port}"
            _wait_until_up(url, process, log, seconds)
            yield url, process
        finally:
            process.terminate()
            try:
                process.wait(timeout=seconds)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait(timeout=seconds)


def _wait_until_up(url: str, process: subprocess.Popen[bytes], log: Path, seconds: float) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"the server exited ({process.returncode}): {log.read_text()}")
        try:
            if httpx.get(f"{url}/ping", timeout=2).status_code == 200:
                return
        except httpx.TransportError:
            time.sleep(0.2)
    raise RuntimeError("the server did not start in time")
