"""Serving a type-hinted model: requests wrap the batch in `{"inputs": ...}`.

Seed section: "使用类型提示提供模型服务" (serving models with type hints). The seed runs
`mlflow models serve -m runs:/<run_id>/model --env-manager local` and two `curl` requests;
this script does the same with `hintsig models serve` and urllib.
"""

# ruff: noqa: UP006, UP035

import json
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path
from typing import List

import pydantic

import hintsig
import hintsig.pyfunc


class Message(pydantic.BaseModel):
    role: str
    content: str


class ChatModel(hintsig.pyfunc.PythonModel):
    def predict(self, model_input: List[Message]) -> List[str]:
        return [f"echo: {msg.content}" for msg in model_input]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def post(url: str, body: str) -> tuple[int, str]:
    request = urllib.request.Request(
        url, data=body.encode(), headers={"Content-Type": "application/json"}, method="POST"
    )
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode()


def wait_until_up(url: str, server: subprocess.Popen[bytes], seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit(f"the server exited with code {server.returncode}")
        try:
            with urllib.request.urlopen(url, timeout=2):
                return
        except OSError:
            time.sleep(0.3)
    raise SystemExit("the server did not start in time")


with hintsig.start_run():
    model_info = hintsig.pyfunc.log_model(
        name="chat_model",
        python_model=ChatModel(),
        input_example=[{"role": "user", "content": "Hello"}],
    )

# Start local server: hintsig models serve -m <model uri> --env-manager local --port <port>
port = free_port()
cli = Path(sys.executable).with_name("hintsig")
command = [str(cli), "models", "serve", "-m", model_info.model_uri, "--env-manager", "local"]
server = subprocess.Popen([*command, "--port", str(port)])
try:
    base = f"http://127.0.0.1:{port}"
    wait_until_up(f"{base}/ping", server)

    # Correct request format
    body = json.dumps({"inputs": [{"role": "user", "content": "Hello"}]})
    print(post(f"{base}/invocations", body))

    # ❌ Incorrect - missing inputs wrapper
    print(post(f"{base}/invocations", json.dumps([{"role": "user", "content": "Hello"}])))

    # ❌ Incorrect - data that does not match the hints: a 400 naming the problem
    print(post(f"{base}/invocations", json.dumps({"inputs": [{"role": "user"}]})))
finally:
    server.terminate()
    server.wait(timeout=30)
