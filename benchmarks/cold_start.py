"""Cold start against its floor, every run in a fresh process.

Run: `.venv/bin/python benchmarks/cold_start.py [RUNS]` (about a minute with the default 5
runs; needs the `serve` and `sklearn` extras). Each figure is the wall time of a new Python
process, best of RUNS, hintsig and floor run alternately (same machine load); the goal is at
most 1.3x the floor.

1. `hintsig.pyfunc.load_model` plus the first `predict`, for a `PythonModel` whose hint is
   `list[Message]` (a pydantic model) and for the scikit-learn quick start (a random forest
   on iris, as `examples/quickstart_sklearn.py`). Floor: a process that imports pydantic,
   numpy and pandas, unpickles the same pickle with cloudpickle and calls `predict` directly.
2. `hintsig models serve` until the first answered POST /invocations, for the same two
   models. Floor: a bare uvicorn server with a one-route Starlette app that unpickles the
   same pickle and calls `predict` on the request's `inputs`.
"""

import json
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path
from typing import Any

import pydantic
from _timing import header, row

import hintsig.pyfunc
import hintsig.sklearn


class Message(pydantic.BaseModel):
    role: str
    content: str


class Chat(hintsig.pyfunc.PythonModel):
    def predict(self, model_input: list[Message]) -> list[str]:
        return [message.content for message in model_input]


CHAT_INPUT = [{"role": "user", "content": "Hi"}]
IRIS_ROW = {
    "sepal length (cm)": [5.1],
    "sepal width (cm)": [3.5],
    "petal length (cm)": [1.4],
    "petal width (cm)": [0.2],
}

_HINTSIG_PREDICT = """
import sys, pandas as pd, hintsig.pyfunc
model = hintsig.pyfunc.load_model(sys.argv[1])
data = {data}
model.predict({make_input})
"""

_FLOOR_PREDICT = """
import sys, typing, cloudpickle, numpy, pandas as pd, pydantic
with open(sys.argv[1], "rb") as file:
    model = cloudpickle.load(file)
data = {data}
model.predict({make_input})
"""

_FLOOR_SERVER = """
import sys, typing, cloudpickle, numpy, pandas as pd, pydantic, uvicorn
from starlette.applications import Starlette
from starlette.responses import JSONResponse
from starlette.routing import Route

with open(sys.argv[1], "rb") as file:
    model = cloudpickle.load(file)


async def invocations(request):
    data = (await request.json())["inputs"]
    predictions = model.predict({make_input})
    return JSONResponse({{"predictions": [getattr(p, "item", lambda: p)() for p in predictions]}})


app = Starlette(routes=[Route("/invocations", invocations, methods=["POST"])])
uvicorn.run(app, host="127.0.0.1", port=int(sys.argv[2]), log_level="warning")
"""


class Case:
    """One saved model: its hintsig directory, its pickle and how each side builds the input."""

    def __init__(self, name: str, path: Path, data: Any, hintsig_input: str, floor_input: str):
        self.name = name
        self.path = path
        [self.pickle] = sorted(path.glob("*.pkl"))
        self.data = data
        self.hintsig_input = hintsig_input
        self.floor_input = floor_input


def save_cases(root: Path) -> list[Case]:
    from sklearn.datasets import load_iris
    from sklearn.ensemble import RandomForestClassifier

    hintsig.pyfunc.save_model(root / "chat", python_model=Chat())
    iris = load_iris(as_frame=True)
    forest = RandomForestClassifier(random_state=0).fit(iris.data, iris.target)
    hintsig.sklearn.save_model(forest, root / "iris", input_example=iris.data.iloc[[0]])
    message = "typing.get_args(type(model).predict.__annotations__['model_input'])[0]"
    return [
        Case("list[Message]", root / "chat", CHAT_INPUT, "data", f"[{message}(**d) for d in data]"),
        Case("sklearn iris", root / "iris", IRIS_ROW, "pd.DataFrame(data)", "pd.DataFrame(data)"),
    ]


def run_script(code: str, *args: str) -> float:
    """Seconds from start to exit of a fresh `python -c code ARGS`."""
    start = time.perf_counter()
    subprocess.run([sys.executable, "-c", code, *args], check=True)
    return time.perf_counter() - start


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def first_answer(command: list[str], port: int, data: Any, seconds: float = 120) -> float:
    """Seconds from starting the server `command` until POST /invocations answers 200."""
    body = json.dumps({"inputs": data}).encode()
    start = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        while time.perf_counter() - start < seconds:
            if process.poll() is not None:
                raise RuntimeError(f"the server exited ({process.returncode}): {command}")
            request = urllib.request.Request(
                f"http://127.0.0.1:{port}/invocations",
                data=body,
                headers={"Content-Type": "application/json"},
            )
            try:
                with urllib.request.urlopen(request, timeout=10) as reply:
                    if reply.status == 200:
                        return time.perf_counter() - start
            except (urllib.error.URLError, ConnectionError):
                time.sleep(0.005)
        raise RuntimeError(f"no answer within {seconds} s: {command}")
    finally:
        process.terminate()
        process.wait(timeout=30)


def hintsig_server(case: Case, port: int) -> list[str]:
    cli = [sys.executable, "-c", "from hintsig.cli import main; main()"]
    return [*cli, "models", "serve", "-m", str(case.path), "--port", str(port), "--no-access-log"]


def floor_server(case: Case, port: int) -> list[str]:
    code = _FLOOR_SERVER.format(make_input=case.floor_input)
    return [sys.executable, "-c", code, str(case.pickle), str(port)]


def main(runs: int) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        cases = save_cases(Path(tmp))
        print(header("load_model + first predict", "hintsig", "floor"))
        for case in cases:
            ours = floor = float("inf")
            data = repr(case.data)
            for _ in range(runs):
                code = _HINTSIG_PREDICT.format(data=data, make_input=case.hintsig_input)
                ours = min(ours, run_script(code, str(case.path)))
                code = _FLOOR_PREDICT.format(data=data, make_input=case.floor_input)
                floor = min(floor, run_script(code, str(case.pickle)))
            print(row(case.name, ours, floor))
        print()
        print(header("serve until first /invocations", "hintsig", "bare uvicorn"))
        for case in cases:
            ours = floor = float("inf")
            for _ in range(runs):
                port = free_port()
                ours = min(ours, first_answer(hintsig_server(case, port), port, case.data))
                port = free_port()
                floor = min(floor, first_answer(floor_server(case, port), port, case.data))
            print(row(case.name, ours, floor))


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 5)
