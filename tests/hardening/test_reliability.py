"""Reliability suite (issue 14, item 9): a real server under concurrent good and malformed
requests, and real registrations killed with SIGKILL at random points.

Asserts: no unexpected 5xx, no input value echoed, bounded threads, nothing half-written,
and registry integrity (`PRAGMA integrity_check`). Under a minute on two cores.
"""

from __future__ import annotations

import concurrent.futures
import os
import random
import signal
import sqlite3
import subprocess
import sys
import textwrap
import threading
import time
from pathlib import Path

import httpx

import hintsig.pyfunc
from hintsig.client import HintsigClient
from hintsig.serving import create_app
from hintsig.serving._pool import THREAD_NAME
from tests.serving.helpers import running

from .conftest import MODEL_CODE

CANARY = "zq_canary_7731"
JSON = {"Content-Type": "application/json"}

#: (body, content type, the statuses allowed)
REQUESTS: list[tuple[str | bytes, str, set[int]]] = [
    ('{"inputs": [{"role": "user", "content": "hi"}]}', "application/json", {200}),
    (
        f'{{"inputs": [{{"role": "user", "content": {{"{CANARY}": 1}}}}]}}',
        "application/json",
        {400},
    ),
    (f'{{"{CANARY}": [1]}}', "application/json", {400}),
    (f'{{"inputs": [{{"role": 5, "content": "{CANARY}"}}]}}', "application/json", {400}),
    (
        f'{{"dataframe_split": {{"columns": [{{"{CANARY}": 1}}], "data": [["a"]]}}}}',
        "application/json",
        {400},
    ),
    (f"role,content\nuser,{CANARY},extra\n", "text/csv", {400}),
    (b"\xff\xfe" + CANARY.encode(), "application/json", {400}),
    (f"[{CANARY}", "application/json", {400}),
    (f"{CANARY}", "text/plain", {415}),
    ("{" * 5000, "application/json", {400}),
    ('{"inputs": [1e400]}', "application/json", {400}),
]


def _workers() -> int:
    return sum(t.name.startswith(THREAD_NAME) for t in threading.enumerate())


def test_concurrent_good_and_malformed_requests(tmp_path: Path) -> None:
    path = tmp_path / "chat"
    hintsig.pyfunc.save_model(
        path,
        python_model=MODEL_CODE / "chat.py",
        input_example=[{"role": "user", "content": "Hello"}],
    )
    app = create_app(path, timeout=5.0, workers_threads=2)
    rng = random.Random(9)
    plan = [rng.choice(REQUESTS) for _ in range(400)]
    peaks: list[int] = []

    def send(item: tuple[str | bytes, str, set[int]]) -> tuple[int, str, set[int]]:
        body, content_type, allowed = item
        with httpx.Client(timeout=30) as http:
            answer = http.post(
                f"{url}/invocations", content=body, headers={"Content-Type": content_type}
            )
        peaks.append(_workers())
        return answer.status_code, answer.text, allowed

    before = threading.active_count()
    with running(app) as url, concurrent.futures.ThreadPoolExecutor(10) as clients:
        results = list(clients.map(send, plan))
        assert httpx.get(f"{url}/ping").status_code == 200
        during = threading.active_count()
    for status, text, allowed in results:
        assert status in allowed, (status, text[:300])
        assert status < 500
        if status != 200:
            assert CANARY not in text
    assert max(peaks) <= 2
    # the server's thread, the 10 clients, the 2 workers, nothing per request
    assert during <= before + 1 + 10 + 2 + 2


REGISTER = textwrap.dedent(
    """
    import sys
    from hintsig.client import HintsigClient
    client = HintsigClient()
    for i in range(100_000):
        client.register_model(sys.argv[1], "churn")
        client.set_registered_model_alias("churn", "prod", i + 1)
    """
)


def test_registrations_killed_at_random_points_leave_a_sound_registry(tmp_path: Path) -> None:
    runs = tmp_path / "runs"
    env = {**os.environ, "HINTSIG_TRACKING_DIR": str(runs), "PYTHONPATH": os.pathsep.join(sys.path)}
    env.pop("HINTSIG_REGISTRY_URI", None)
    model = tmp_path / "model"
    hintsig.pyfunc.save_model(
        model,
        python_model=MODEL_CODE / "chat.py",
        input_example=[{"role": "user", "content": "Hello"}],
    )
    script = tmp_path / "register.py"
    script.write_text(REGISTER)
    rng = random.Random(14)
    for _ in range(3):
        workers = [
            subprocess.Popen([sys.executable, str(script), str(model)], env=env, cwd=tmp_path)
            for _ in range(2)
        ]
        time.sleep(rng.uniform(1.2, 2.2))
        for process in workers:
            process.send_signal(signal.SIGKILL)
            process.wait()
    databases = list(runs.rglob("*.db"))
    assert databases
    for database in databases:
        with sqlite3.connect(database) as db:
            assert db.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
    old = os.environ.get("HINTSIG_TRACKING_DIR")
    os.environ["HINTSIG_TRACKING_DIR"] = str(runs)
    try:
        client = HintsigClient()
        versions = client.search_model_versions("name = 'churn'")
        assert versions, "no registration finished in the time given"
        numbers = sorted(int(v.version) for v in versions)
        assert len(numbers) == len(set(numbers))
        for version in versions:  # each registered version is whole and loads
            assert hintsig.pyfunc.load_model(f"models:/churn/{version.version}") is not None
    finally:
        if old is None:
            os.environ.pop("HINTSIG_TRACKING_DIR")
        else:
            os.environ["HINTSIG_TRACKING_DIR"] = old
