"""Eight processes registering versions of one name at once get 1..N, no gaps or duplicates."""

from __future__ import annotations

import multiprocessing
from collections.abc import Callable
from pathlib import Path
from typing import Any

from hintsig.client import HintsigClient

from .helpers import MakeModel, create_many_in_store, register_many

PROCESSES = 8


def _run_at_once(target: Callable[..., None], *args: Any) -> None:
    """Run `target(*args, barrier)` in PROCESSES fresh processes that start together."""
    context = multiprocessing.get_context("spawn")
    start = context.Barrier(PROCESSES)
    workers = [context.Process(target=target, args=(*args, start)) for _ in range(PROCESSES)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(timeout=60)
    assert [worker.exitcode for worker in workers] == [0] * PROCESSES


def test_concurrent_register_model_numbers_versions_1_to_n(
    client: HintsigClient, make_model: MakeModel, tracking_dir: Path
) -> None:
    """The whole path: the first registrations race to create the registered model too."""
    each = 3
    _run_at_once(register_many, str(make_model()), "churn", each)

    total = PROCESSES * each
    versions = client.search_model_versions("name = 'churn'")
    assert sorted(mv.version for mv in versions) == list(range(1, total + 1))
    assert client.get_registered_model("churn").latest_versions[0].version == total
    stored = sorted(p.name for p in (tracking_dir / "registry-models").iterdir())
    assert stored == sorted(Path(mv.storage_location).name for mv in versions)


def test_concurrent_writes_in_the_store_number_versions_1_to_n(
    client: HintsigClient, tracking_dir: Path
) -> None:
    """The store alone, so that the processes hit the database back to back."""
    each = 40
    _run_at_once(create_many_in_store, str(tracking_dir / "registry.db"), "churn", each)

    versions = client.search_model_versions("name = 'churn'")
    assert sorted(mv.version for mv in versions) == list(range(1, PROCESSES * each + 1))
    assert len({mv.storage_location for mv in versions}) == PROCESSES * each
