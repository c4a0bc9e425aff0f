"""Open Inference Protocol speed: `POST /v2/models/{name}/infer` against a bare Starlette floor.

Run: `.venv/bin/python benchmarks/v2.py` (about 50 seconds). Two uvicorn processes on
127.0.0.1, each with one worker and no access log, serving the same (-1, 784) FP32 linear
model (784 -> 10 logits, the same `predict` call in both):

* the floor: a bare Starlette endpoint that reads the V2 request with `json.loads`, makes the
  input with `np.asarray(data, dtype=np.float32)` (JSON) or `np.frombuffer` (binary), calls
  the model and answers the logits in the same V2 form, with no checks at all;
* hintsig: `hintsig models serve` on the saved model (request model, signature checks,
  enforcement, V2 encoder).

The load is `benchmarks/serving.py`'s: 8 concurrent keep-alive clients on raw asyncio
streams, the two servers alternating in short rounds. Printed for batch 1 and batch 256, JSON
and binary tensor data (both ways): requests/s, p50 and p99 latency, and hintsig's
requests/s as a ratio of the floor's. Goal: at least 0.8x the floor's requests/s.

hintsig passes the floor on JSON bodies: the floor parses with the standard library's
`json.loads`, which takes about 5x as long on a list of floats as the pydantic (Rust) JSON
parser that reads hintsig's request model; binary data is the comparison of the protocol
layers themselves (same `np.frombuffer`, same model call).
"""

from __future__ import annotations

import asyncio
import json
import sys
import tempfile
import urllib.request
from pathlib import Path

import numpy as np
from serving import CLIENTS, Figures, free_port, load_request, merge, ms, start

import hintsig.pyfunc

ROUNDS = 2
SECONDS = 2.5
BATCHES = (1, 256)
ENCODINGS = ("json", "binary")
SERVERS = ("floor", "hintsig")
FEATURES = 784
HEADER = "Inference-Header-Content-Length"


class Linear(hintsig.pyfunc.PythonModel):
    """784 pixels -> 10 logits with fixed random weights."""

    def __init__(self) -> None:
        self.weights = np.random.default_rng(0).standard_normal((FEATURES, 10)).astype(np.float32)

    def predict(self, context, model_input, params=None):  # type: ignore[no-untyped-def]
        return model_input @ self.weights


# ----------------------------------------------------------------------------- the floor


def floor_server(port: int, model_dir: str) -> None:
    """The floor: decode with numpy, call the same model, answer V2 (its own process)."""
    import uvicorn
    from starlette.applications import Starlette
    from starlette.requests import Request
    from starlette.responses import Response
    from starlette.routing import Route

    model = hintsig.pyfunc.load_model(model_dir).unwrap_python_model()

    async def infer(request: Request) -> Response:
        body = await request.body()
        length = request.headers.get(HEADER)
        header = json.loads(body if length is None else body[: int(length)])
        (tensor,) = header["inputs"]
        if length is None:
            array = np.asarray(tensor["data"], dtype=np.float32).reshape(tensor["shape"])
        else:
            array = np.frombuffer(body, np.float32, offset=int(length)).reshape(tensor["shape"])
        logits = model.predict(None, array)
        output = {"name": "output-0", "datatype": "FP32", "shape": list(logits.shape)}
        answer: dict[str, object] = {"model_name": "linear", "outputs": [output]}
        if length is None:
            output["data"] = logits.ravel().tolist()
            return Response(json.dumps(answer), media_type="application/json")
        raw = logits.tobytes()
        output["parameters"] = {"binary_data_size": len(raw)}
        text = json.dumps(answer).encode()
        return Response(
            text + raw, media_type="application/octet-stream", headers={HEADER: str(len(text))}
        )

    app = Starlette(routes=[Route("/v2/models/linear/infer", infer, methods=["POST"])])
    uvicorn.run(app, host="127.0.0.1", port=port, log_level="warning", access_log=False)


# ----------------------------------------------------------------------------- requests


def body_and_headers(batch: int, encoding: str) -> tuple[bytes, dict[str, str]]:
    """A V2 infer request for `batch` rows, JSON or binary both ways."""
    rows = np.random.default_rng(1).random((batch, FEATURES), dtype=np.float32)
    tensor: dict[str, object] = {"name": "input-0", "shape": [batch, FEATURES], "datatype": "FP32"}
    if encoding == "json":
        tensor["data"] = rows.ravel().tolist()
        return json.dumps({"inputs": [tensor]}).encode(), {"Content-Type": "application/json"}
    raw = rows.tobytes()
    tensor["parameters"] = {"binary_data_size": len(raw)}
    outputs = [{"name": "output-0", "parameters": {"binary_data": True}}]
    header = json.dumps({"inputs": [tensor], "outputs": outputs}).encode()
    headers = {"Content-Type": "application/octet-stream", HEADER: str(len(header))}
    return header + raw, headers


def request_bytes(port: int, body: bytes, headers: dict[str, str]) -> bytes:
    lines = ["POST /v2/models/linear/infer HTTP/1.1", f"Host: 127.0.0.1:{port}"]
    lines += [f"{k}: {v}" for k, v in {**headers, "Content-Length": str(len(body))}.items()]
    return ("\r\n".join(lines) + "\r\n\r\n").encode() + body


def check(port: int) -> None:
    """Both servers answer the same logits for the same rows."""
    body, headers = body_and_headers(2, "json")
    request = urllib.request.Request(
        f"http://127.0.0.1:{port}/v2/models/linear/infer", data=body, headers=headers
    )
    with urllib.request.urlopen(request, timeout=10) as answer:
        (output,) = json.loads(answer.read())["outputs"]
    rows = np.asarray(json.loads(body)["inputs"][0]["data"], np.float32).reshape(2, FEATURES)
    expected = rows @ Linear().weights
    assert output["shape"] == [2, 10]
    np.testing.assert_allclose(np.asarray(output["data"]).reshape(2, 10), expected, rtol=1e-5)


# ----------------------------------------------------------------------------- report


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        model_dir = Path(tmp) / "linear"
        example = np.zeros((1, FEATURES), dtype=np.float32)
        hintsig.pyfunc.save_model(model_dir, python_model=Linear(), input_example=example)
        ports = {name: free_port() for name in SERVERS}
        serve = [sys.executable, "-c", "from hintsig.cli import main; main()", "models", "serve"]
        commands = {
            "floor": [sys.executable, __file__, "--floor", str(ports["floor"]), str(model_dir)],
            "hintsig": [*serve, "-m", str(model_dir), "-p", str(ports["hintsig"])],
        }
        processes = [start(commands[name], ports[name]) for name in SERVERS]
        try:
            for name in SERVERS:
                check(ports[name])
            report(ports)
        finally:
            for process in processes:
                process.terminate()
                process.wait(timeout=30)


def report(ports: dict[str, int]) -> None:
    print(f"{CLIENTS} concurrent clients, {ROUNDS} x {SECONDS} s per server and case")
    print(f"{'batch':>6} {'data':>7} {'server':>8} {'req/s':>9} {'p50':>10} {'p99':>10}   ratio")
    for batch in BATCHES:
        for encoding in ENCODINGS:
            body, headers = body_and_headers(batch, encoding)
            runs: dict[str, list[Figures]] = {name: [] for name in SERVERS}
            for _ in range(ROUNDS):
                for name in SERVERS:
                    request = request_bytes(ports[name], body, headers)
                    runs[name].append(asyncio.run(load_request(ports[name], request, SECONDS)))
            floor = merge(runs["floor"])
            for name in SERVERS:
                figures = merge(runs[name])
                p50, p99 = figures.quantile(0.5), figures.quantile(0.99)
                ratio = f"   {figures.rate / floor.rate:.2f}x floor" if name != "floor" else ""
                print(
                    f"{batch:>6} {encoding:>7} {name:>8} {figures.rate:>9.0f} {ms(p50):>10} "
                    f"{ms(p99):>10}{ratio}"
                )


if __name__ == "__main__":
    if len(sys.argv) == 4 and sys.argv[1] == "--floor":
        floor_server(int(sys.argv[2]), sys.argv[3])
    else:
        main()
