"""The worker pool the server scores on: a fixed number of threads, and deadlines that hold.

`WorkerPool(size).run(function, *args, timeout=...)` runs `function` in one of `size` worker
threads and awaits it from the event loop, which stays free meanwhile (so `/ping` and
`/health` answer while every worker is busy). A request first waits for a free worker: at
most its timeout, then it is refused with 503 and `Retry-After` (it never ran). Once running,
a prediction that passes the deadline is answered with 504; Python cannot stop a thread, so
the worker finishes the call in the background and only then takes the next request. The
worker keeps its place until then, which is what bounds the work: never more than `size`
threads run predictions, however many requests time out (each timeout and each refusal is
counted in `stats()` and logged).

Any endpoint can score on the same pool: `await pool.run(function, *args, timeout=...)`
(the app keeps its pool in `app.state.pool`).
"""

from __future__ import annotations

import asyncio
import collections
import concurrent.futures
import logging
import math
import os
import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, TypeVar

from hintsig.exceptions import HintsigException
from hintsig.serving._errors import ServingError

__all__ = ["THREADS_VARIABLE", "PoolStats", "WorkerPool", "default_threads"]

#: The environment variable that sets the number of worker threads (`--workers-threads`).
THREADS_VARIABLE = "HINTSIG_WORKERS_THREADS"
#: The prefix of the worker threads' names.
THREAD_NAME = "hintsig-worker"

_T = TypeVar("_T")
_logger = logging.getLogger("hintsig.serving")


def default_threads() -> int:
    """`HINTSIG_WORKERS_THREADS` when set, else one thread per CPU plus four (at most 32),
    as `concurrent.futures` sizes its pools (models often wait on I/O or release the GIL)."""
    text = os.environ.get(THREADS_VARIABLE, "").strip()
    if text:
        if not text.isdigit() or int(text) < 1:
            raise HintsigException(
                f"{THREADS_VARIABLE} must be a whole number of threads, at least 1"
            )
        return int(text)
    return min(32, (os.cpu_count() or 1) + 4)


@dataclass(frozen=True)
class PoolStats:
    """What the pool is doing: workers busy now, requests refused (503) and timed out (504)."""

    size: int
    busy: int
    refused: int
    timed_out: int


class WorkerPool:
    """`size` worker threads, each scoring one request at a time."""

    def __init__(self, size: int) -> None:
        if size < 1:
            raise HintsigException(f"the worker pool needs at least 1 thread, got {size}")
        self.size = size
        self._executor = concurrent.futures.ThreadPoolExecutor(size, thread_name_prefix=THREAD_NAME)
        self._lock = threading.Lock()
        self._busy = 0
        self._waiting: collections.deque[tuple[asyncio.AbstractEventLoop, asyncio.Future[None]]]
        self._waiting = collections.deque()
        self._refused = 0
        self._timed_out = 0

    def stats(self) -> PoolStats:
        with self._lock:
            return PoolStats(self.size, self._busy, self._refused, self._timed_out)

    def close(self) -> None:
        """Stop taking work; running calls finish in their threads."""
        self._executor.shutdown(wait=False, cancel_futures=True)

    async def run(self, function: Callable[..., _T], *args: object, timeout: float | None) -> _T:
        """`function(*args)` on a worker, within `timeout` seconds (None: no limit).

        A `ServingError` 503 (with `Retry-After`) when no worker frees up in time, 504 when
        the call itself passes the deadline.
        """
        loop = asyncio.get_running_loop()
        deadline = None if timeout is None else loop.time() + timeout
        await self._take_worker(loop, timeout)
        try:
            future = self._executor.submit(self._call_then_free, function, *args)
        except BaseException:
            self._free_worker()
            raise
        result = asyncio.wrap_future(future, loop=loop)
        result.add_done_callback(_consume)  # an abandoned call's error is logged, not warned
        remaining = None if deadline is None else max(0.0, deadline - loop.time())
        try:
            return await asyncio.wait_for(asyncio.shield(result), remaining)
        except asyncio.TimeoutError:
            with self._lock:
                self._timed_out += 1
                count = self._timed_out
            _logger.warning(
                "A request passed the timeout of %g s (%d so far); its worker finishes it "
                "in the background",
                timeout,
                count,
            )
            raise ServingError(
                504, f"The request took longer than the server's timeout of {timeout:g} s"
            ) from None

    def _call_then_free(self, function: Callable[..., _T], *args: object) -> _T:
        try:
            return function(*args)
        finally:
            self._free_worker()

    async def _take_worker(self, loop: asyncio.AbstractEventLoop, timeout: float | None) -> None:
        with self._lock:
            if self._busy < self.size:
                self._busy += 1
                return
            waiter: asyncio.Future[None] = loop.create_future()
            self._waiting.append((loop, waiter))
        try:
            await asyncio.wait_for(waiter, timeout)
        except BaseException as exc:
            if waiter.done() and not waiter.cancelled():
                self._free_worker()  # handed a worker just as it gave up: pass it on
            if not isinstance(exc, asyncio.TimeoutError):
                raise
            with self._lock:
                self._refused += 1
                count = self._refused
            _logger.warning(
                "Every worker stayed busy for %g s: a request refused with 503 (%d so far)",
                timeout,
                count,
            )
            raise ServingError(
                503,
                f"Every worker is busy; the request waited the server's timeout of "
                f"{timeout:g} s. Retry later",
                headers={"Retry-After": str(max(1, math.ceil(timeout or 1)))},
            ) from None

    def _free_worker(self) -> None:
        """Hand the worker to the first request still waiting, else mark it free."""
        with self._lock:
            while self._waiting:
                loop, waiter = self._waiting.popleft()
                if not waiter.done():
                    loop.call_soon_threadsafe(self._hand_over, waiter)
                    return
            self._busy -= 1

    def _hand_over(self, waiter: asyncio.Future[None]) -> None:
        if waiter.done():  # it gave up in the meantime: pass the worker on
            self._free_worker()
        else:
            waiter.set_result(None)


def _consume(future: asyncio.Future[Any]) -> None:
    """Mark the call's exception as retrieved: it was answered, or its request timed out."""
    if not future.cancelled():
        future.exception()
