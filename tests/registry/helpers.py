"""Shared by the registry tests: a test signature, a tiny model, the concurrency worker."""

from __future__ import annotations

import multiprocessing.synchronize
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

from hintsig.types.schema import ColSpec, ModelSignature, Schema

__all__ = ["SIGNATURE", "MakeModel", "create_many_in_store", "doubler", "register_many"]

#: The signature the signed test models carry.
SIGNATURE = ModelSignature(
    inputs=Schema([ColSpec("double", "x"), ColSpec("string", "label", required=False)]),
    outputs=Schema([ColSpec("double")]),
)

#: `make_model(name=None, signature=None)` saves a model and returns its directory.
MakeModel = Callable[..., Path]


def doubler() -> Any:
    """A python model without type hints (so it has no signature unless one is given)."""
    from hintsig.pyfunc import PythonModel

    class Doubler(PythonModel):
        def predict(self, context, model_input, params=None):  # type: ignore[no-untyped-def]
            return [2 * value for value in model_input]

    return Doubler()


def register_many(
    source: str, name: str, count: int, start: multiprocessing.synchronize.Barrier
) -> None:
    """Run in a child process: wait for the others, then register `count` versions."""
    from hintsig.client import register_model

    start.wait()
    for _ in range(count):
        register_model(source, name)


def create_many_in_store(
    registry_file: str, name: str, count: int, start: multiprocessing.synchronize.Barrier
) -> None:
    """Run in a child process: wait for the others, then create `count` versions straight in
    the store (no model copy), so the processes contend for the database all the time."""
    from hintsig._registry._store import RegistryStore, VersionDraft

    store = RegistryStore(Path(registry_file))
    start.wait()
    for index in range(count):
        draft = VersionDraft(name, "source", f"copy-{os.getpid()}-{index}", None, None, None)
        store.create_model_version(draft, create_model=True)
