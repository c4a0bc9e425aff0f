"""The worker pool: deadlines bound the work, the threads stay few, /ping answers meanwhile."""

from __future__ import annotations

import concurrent.futures
import logging
import socket
import threading
import time
from pathlib import Path
from urllib.parse import urlsplit

import httpx
import pytest

from hintsig.exceptions import HintsigException
from hintsig.serving import create_app
from hintsig.serving._pool import THREAD_NAME, THREADS_VARIABLE, default_threads

from .helpers import running

JSON = {"Content-Type": "application/json"}


def _workers() -> int:
    return sum(t.name.startswith(THREAD_NAME) for t in threading.enumerate())


def _slow(url: str, seconds: float) -> httpx.Response:
    body = f'{{"inputs": [-{seconds}]}}'
    return httpx.post(f"{url}/invocations", content=body, headers=JSON, timeout=30)


def test_busy_workers_answer_503_then_504_and_the_threads_stay_bounded(
    saved_models: dict[str, Path],
) -> None:
    app = create_app(saved_models["fragile"], timeout=0.5, workers_threads=2)
    before = threading.active_count()
    with running(app) as url, concurrent.futures.ThreadPoolExecutor(12) as clients:
        answers = list(clients.map(lambda _: _slow(url, 1.5), range(12)))
        peak_workers = _workers()
        peak_threads = threading.active_count()
        statuses = sorted(a.status_code for a in answers)
        assert statuses == [503] * 10 + [504] * 2
        refused = [a for a in answers if a.status_code == 503]
        assert all(a.headers["retry-after"] == "1" for a in refused)
        assert refused[0].json()["error_code"] == "SERVICE_UNAVAILABLE"
        stats = app.state.pool.stats()
        assert (stats.size, stats.refused, stats.timed_out) == (2, 10, 2)
        assert peak_workers <= 2
        # the test's 12 client threads and the server's own thread, nothing per request
        assert peak_threads <= before + 12 + 1 + 2 + 2
        time.sleep(1.2)  # the two overrunning predictions finish, their workers come back
        ok = httpx.post(f"{url}/invocations", content=b'{"inputs": [4.0]}', headers=JSON)
        assert ok.json() == {"predictions": [2.5]}
        assert app.state.pool.stats().busy == 0


def test_many_timeouts_never_pile_up_threads(saved_models: dict[str, Path]) -> None:
    """One after another, 20 requests overrun a 0.1 s timeout: still at most 2 workers."""
    app = create_app(saved_models["fragile"], timeout=0.1, workers_threads=2)
    with running(app) as url:
        counts = []
        for _ in range(20):
            assert _slow(url, 0.3).status_code in (503, 504)
            counts.append(_workers())
        assert max(counts) <= 2
        stats = app.state.pool.stats()
        assert stats.refused + stats.timed_out == 20


@pytest.mark.parametrize("timeout", [None, 5.0])
def test_ping_and_health_answer_while_every_worker_is_busy(
    saved_models: dict[str, Path], timeout: float | None
) -> None:
    app = create_app(saved_models["fragile"], timeout=timeout, workers_threads=1)
    with (
        running(app) as url,
        concurrent.futures.ThreadPoolExecutor(3) as clients,
        httpx.Client(base_url=url, timeout=5) as client,
    ):
        assert client.get("/ping").status_code == 200  # the connection is open before timing
        busy = [clients.submit(_slow, url, 1.0) for _ in range(2)]
        time.sleep(0.2)
        assert app.state.pool.stats().busy == 1
        for path in ("/ping", "/health"):
            # the best of 3 (a busy test machine can delay any one request): an answer
            # queued behind the 1 s predictions would take most of a second every time
            times = []
            for _ in range(3):
                started = time.monotonic()
                assert client.get(path).status_code == 200
                times.append(time.monotonic() - started)
            assert min(times) < 0.1, times
        assert app.state.pool.stats().busy == 1  # still busy: the pings did not wait
        assert [f.result().status_code for f in busy] == [200, 200]


def test_a_client_that_disconnects_mid_body_is_a_debug_line(
    saved_models: dict[str, Path], caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.DEBUG), running(create_app(saved_models["chat"])) as url:
        parts = urlsplit(url)
        head = (
            "POST /invocations HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
            "Content-Length: 1000\r\n\r\n"
        )
        with socket.create_connection((parts.hostname, parts.port), timeout=10) as sock:
            sock.sendall(head.encode() + b'{"inputs": [')
            time.sleep(0.2)
        deadline = time.monotonic() + 5
        while "disconnected" not in caplog.text and time.monotonic() < deadline:
            time.sleep(0.05)
        assert httpx.get(f"{url}/ping").status_code == 200
    disconnected = [r for r in caplog.records if "disconnected" in r.getMessage()]
    assert [r.levelno for r in disconnected] == [logging.DEBUG]
    assert not [r for r in caplog.records if r.exc_info or r.levelno >= logging.ERROR]


def test_the_pool_size_comes_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(THREADS_VARIABLE, "3")
    assert default_threads() == 3
    monkeypatch.setenv(THREADS_VARIABLE, "many")
    with pytest.raises(HintsigException, match=THREADS_VARIABLE):
        default_threads()
    monkeypatch.delenv(THREADS_VARIABLE)
    assert 1 <= default_threads() <= 32


def test_on_the_event_loop_a_timeout_is_refused(saved_models: dict[str, Path]) -> None:
    with pytest.raises(HintsigException, match="workers_threads must be at least 1"):
        create_app(saved_models["chat"], timeout=1.0, workers_threads=0)
    app = create_app(saved_models["chat"], workers_threads=0)
    assert app.state.pool is None


def _slow_v2(url: str, name: str, tensor: dict[str, object], seconds: float) -> httpx.Response:
    body = {"inputs": [{**tensor, "shape": [1], "data": [-seconds]}]}
    return httpx.post(f"{url}/v2/models/{name}/infer", json=body, timeout=30)


def test_v2_infer_runs_on_the_pool_under_the_timeout(saved_models: dict[str, Path]) -> None:
    """The Open Inference Protocol's infer route is bounded as /invocations is: 503, 504."""
    app = create_app(saved_models["fragile"], timeout=0.5, workers_threads=2)
    name = app.state.served.name
    with running(app) as url, concurrent.futures.ThreadPoolExecutor(6) as clients:
        tensor = httpx.get(f"{url}/v2/models/{name}").json()["inputs"][0]
        tensor = {"name": tensor["name"], "datatype": tensor["datatype"]}
        answers = list(clients.map(lambda _: _slow_v2(url, name, tensor, 1.5), range(6)))
        assert _workers() <= 2
        assert sorted(a.status_code for a in answers) == [503] * 4 + [504] * 2
        refused = [a for a in answers if a.status_code == 503]
        assert all(a.headers["retry-after"] == "1" for a in refused)
        assert "busy" in refused[0].json()["error"]
        stats = app.state.pool.stats()
        assert (stats.refused, stats.timed_out) == (4, 2)
        time.sleep(1.2)
        body = {"inputs": [{**tensor, "shape": [1], "data": [4.0]}]}
        ok = httpx.post(f"{url}/v2/models/{name}/infer", json=body, timeout=10)
        assert ok.status_code == 200, ok.text
        assert ok.json()["outputs"][0]["data"] == [2.5]
