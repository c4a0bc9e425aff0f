"""Serving speed: hintsig's scoring server against a bare Starlette floor, on loopback.

Run: `.venv/bin/python benchmarks/serving.py` (about 40 seconds). Three uvicorn processes on
127.0.0.1, each with one worker and no access log:

* the floor: a bare Starlette endpoint that only parses the JSON body and returns it;
* hintsig: `hintsig models serve` on a `list[Message]` model that echoes each content;
* hintsig --timeout: the same with `--timeout 60` (both score on the worker pool).

A closed loop of 8 concurrent clients (keep-alive HTTP/1.1 on raw asyncio streams, so the
client costs little) sends the same request again and again, alternating between the two
servers in short rounds (same machine load). Printed: requests/s, p50 and p99 latency for a
1-element and a 1,000-element batch, and each as a ratio of the floor's. Target: at least
0.70 of the floor's requests/s for the 1-element batch (default options). Everything is
bounded: 2 rounds of 2.5 s per server and batch size. (`hintsig models serve` freezes the
garbage collector's view of what it loaded, `gc.freeze()`; the floor, bare, does not, which
helps hintsig most at 1,000 elements.)
"""

from __future__ import annotations

import asyncio
import json
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path

import pydantic

import hintsig.pyfunc

CLIENTS = 8
ROUNDS = 2
SECONDS = 2.5
WARMUP = 0.5
BATCHES = (1, 1000)
SERVERS = ("floor", "hintsig", "hintsig --timeout")


class Message(pydantic.BaseModel):
    role: str
    content: str


class EchoModel(hintsig.pyfunc.PythonModel):
    def predict(self, model_input: list[Message]) -> list[str]:
        return [message.content for message in model_input]


# ----------------------------------------------------------------------------- servers


def floor_server(port: int) -> None:
    """The floor: parse the JSON body, answer it back (run in its own process)."""
    import uvicorn
    from starlette.applications import Starlette
    from starlette.requests import Request
    from starlette.responses import Response
    from starlette.routing import Route

    async def echo(request: Request) -> Response:
        data = json.loads(await request.body())
        return Response(json.dumps(data), media_type="application/json")

    app = Starlette(routes=[Route("/invocations", echo, methods=["POST"])])
    uvicorn.run(app, host="127.0.0.1", port=port, log_level="warning", access_log=False)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def start(command: list[str], port: int) -> subprocess.Popen[bytes]:
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SystemExit(f"{command[3:6]} exited with status {process.returncode}")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return process
        except OSError:
            time.sleep(0.2)
    process.kill()
    raise SystemExit("a server did not start within 60 s")


# ----------------------------------------------------------------------------- load


@dataclass
class Figures:
    requests: int
    seconds: float
    latencies: list[float]

    @property
    def rate(self) -> float:
        return self.requests / self.seconds

    def quantile(self, q: float) -> float:
        ordered = sorted(self.latencies)
        return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


def request_bytes(port: int, body: bytes) -> bytes:
    head = (
        f"POST /invocations HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n"
        f"Content-Type: application/json\r\nContent-Length: {len(body)}\r\n\r\n"
    )
    return head.encode() + body


async def client(port: int, request: bytes, stop_at: float, record_from: float) -> list[float]:
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    latencies = []
    try:
        while (start := time.perf_counter()) < stop_at:
            writer.write(request)
            head = await reader.readuntil(b"\r\n\r\n")
            if not head.startswith(b"HTTP/1.1 200"):
                raise SystemExit(f"unexpected answer: {head[:60]!r}")
            length = next(
                int(line.split(b":", 1)[1])
                for line in head.split(b"\r\n")
                if line.lower().startswith(b"content-length:")
            )
            await reader.readexactly(length)
            if start >= record_from:
                latencies.append(time.perf_counter() - start)
    finally:
        writer.close()
        await writer.wait_closed()
    return latencies


async def load(port: int, body: bytes, seconds: float) -> Figures:
    return await load_request(port, request_bytes(port, body), seconds)


async def load_request(port: int, request: bytes, seconds: float) -> Figures:
    """`CLIENTS` clients sending the raw HTTP `request` for `seconds` after the warm-up."""
    began = time.perf_counter()
    record_from = began + WARMUP
    stop_at = record_from + seconds
    results = await asyncio.gather(
        *(client(port, request, stop_at, record_from) for _ in range(CLIENTS))
    )
    latencies = [x for r in results for x in r]
    return Figures(len(latencies), time.perf_counter() - record_from, latencies)


def merge(runs: list[Figures]) -> Figures:
    return Figures(
        sum(r.requests for r in runs),
        sum(r.seconds for r in runs),
        [x for r in runs for x in r.latencies],
    )


# ----------------------------------------------------------------------------- report


def payload(batch: int) -> bytes:
    rows = [{"role": "user", "content": f"hello number {i}"} for i in range(batch)]
    return json.dumps({"inputs": rows}).encode()


def ms(seconds: float) -> str:
    return f"{seconds * 1e3:.2f} ms"


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        model_dir = Path(tmp) / "echo"
        hintsig.pyfunc.save_model(
            model_dir, python_model=EchoModel(), input_example=[{"role": "user", "content": "hi"}]
        )
        ports = {name: free_port() for name in SERVERS}
        serve = [sys.executable, "-c", "from hintsig.cli import main; main()", "models", "serve"]
        commands = {
            "floor": [sys.executable, __file__, "--floor", str(ports["floor"])],
            "hintsig": [*serve, "-m", str(model_dir), "-p", str(ports["hintsig"])],
            "hintsig --timeout": [
                *serve, "-m", str(model_dir), "-p", str(ports["hintsig --timeout"]), "-t", "60",
            ],
        }  # fmt: skip
        processes = [start(commands[name], ports[name]) for name in SERVERS]
        try:
            for name in SERVERS[1:]:
                check(ports[name])
            report(ports)
        finally:
            for process in processes:
                process.terminate()
                process.wait(timeout=30)


def check(port: int) -> None:
    request = urllib.request.Request(
        f"http://127.0.0.1:{port}/invocations",
        data=payload(2),
        headers={"Content-Type": "application/json"},
    )
    with urllib.request.urlopen(request, timeout=10) as answer:
        assert json.loads(answer.read()) == {"predictions": ["hello number 0", "hello number 1"]}


def report(ports: dict[str, int]) -> None:
    print(f"{CLIENTS} concurrent clients, {ROUNDS} x {SECONDS} s per server and batch size")
    print(f"{'batch':>6} {'server':>18} {'req/s':>9} {'p50':>10} {'p99':>10}   ratios to floor")
    for batch in BATCHES:
        body = payload(batch)
        runs: dict[str, list[Figures]] = {name: [] for name in SERVERS}
        for _ in range(ROUNDS):
            for name in SERVERS:
                runs[name].append(asyncio.run(load(ports[name], body, SECONDS)))
        floor = merge(runs["floor"])
        for name in SERVERS:
            figures = merge(runs[name])
            p50, p99 = figures.quantile(0.5), figures.quantile(0.99)
            ratios = ""
            if name != "floor":
                ratios = (
                    f"   req/s {figures.rate / floor.rate:.2f}, "
                    f"p50 {p50 / floor.quantile(0.5):.2f}, p99 {p99 / floor.quantile(0.99):.2f}"
                )
            print(f"{batch:>6} {name:>18} {figures.rate:>9.0f} {ms(p50):>10} {ms(p99):>10}{ratios}")


if __name__ == "__main__":
    if len(sys.argv) == 3 and sys.argv[1] == "--floor":
        floor_server(int(sys.argv[2]))
    else:
        main()
