"""`check_model` and `assert_model`: run a model on the inputs its signature allows.

Hypothesis generates the inputs (and params) from the model's own hints or signature,
runs the model on each, and shrinks every failure to a minimal input. A failure is an
exception from the model on a valid input, or an output that does not fit the output
schema. `check_model` reports; `assert_model` raises `AssertionError`.
"""

from __future__ import annotations

import os
import statistics
import time
import traceback
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import hypothesis
from hypothesis import strategies as st

from hintsig.exceptions import HintsigException
from hintsig.testing._strategies import (
    Limits,
    Source,
    input_strategy,
    params_strategy,
    source_of,
)
from hintsig.types.schema import ColSpec, Schema, value_problems

__all__ = ["Failure", "ModelReport", "assert_model", "check_model", "load_target", "run_test"]


@dataclass(frozen=True, slots=True)
class Failure:
    """One failure, shrunk: the exception and the minimal input (and params) that raise it."""

    exception_type: str
    message: str
    minimal_input: Any
    params: dict[str, Any] | None
    traceback: str

    def __str__(self) -> str:
        params = "" if not self.params else f"\n    params: {self.params!r}"
        return (
            f"{self.exception_type}: {self.message}\n"
            f"    minimal input: {self.minimal_input!r}{params}"
        )


@dataclass(slots=True)
class ModelReport:
    """What `check_model` found; `passed` is True when no input made the model fail."""

    model: str
    examples: int = 0
    failures: list[Failure] = field(default_factory=list)
    outputs_checked: bool = False
    output_mismatches: int = 0
    timings: list[float] = field(default_factory=list)

    @property
    def passed(self) -> bool:
        return not self.failures

    @property
    def outputs_matched(self) -> bool | None:
        """Whether every output fitted the output schema (None: there is none to check)."""
        return None if not self.outputs_checked else self.output_mismatches == 0

    def percentile(self, q: int) -> float:
        """The `q`-th percentile of the time per call, in seconds (0 without calls)."""
        if not self.timings:
            return 0.0
        if len(self.timings) == 1:
            return self.timings[0]
        return statistics.quantiles(self.timings, n=100, method="inclusive")[q - 1]

    def __str__(self) -> str:
        status = "passed" if self.passed else f"FAILED ({len(self.failures)} failure(s))"
        if self.outputs_matched is None:
            outputs = "no output schema to check"
        elif self.outputs_matched:
            outputs = "every output matched the output signature"
        else:
            outputs = f"{self.output_mismatches} output(s) did not match the output signature"
        lines = [
            f"{self.model}: {status}",
            f"  examples tried: {self.examples} (shrinking included)",
            f"  outputs: {outputs}",
            f"  time per call: p50 {self.percentile(50) * 1e3:.3f} ms, "
            f"p95 {self.percentile(95) * 1e3:.3f} ms",
        ]
        for i, failure in enumerate(self.failures, 1):
            lines.append(f"  failure {i}: {failure}")
            lines.extend("    " + line for line in failure.traceback.rstrip().splitlines())
        return "\n".join(lines)


class _OutputMismatch(AssertionError):
    """The model's output does not fit its output schema."""


def load_target(model_or_uri: Any) -> tuple[Callable[[Any, Any], Any], Source, str, Any]:
    """`(call, source, label, output_schema)` for a model, a function or a model URI."""
    from hintsig.pyfunc._impl import ModelCaller
    from hintsig.pyfunc._loaded import PyFuncModel

    if isinstance(model_or_uri, (str, os.PathLike)):
        from hintsig.pyfunc import load_model

        label = str(model_or_uri)
        model_or_uri = load_model(model_or_uri)
    else:
        label = getattr(model_or_uri, "__qualname__", type(model_or_uri).__name__)
    source = source_of(model_or_uri)
    if isinstance(model_or_uri, PyFuncModel):
        loaded = model_or_uri
        signature = loaded.metadata.signature
        outputs = signature.outputs if signature is not None else None
        return (lambda data, params: loaded.predict(data, params)), source, label, outputs
    caller = ModelCaller(model_or_uri, None)
    outputs = source.hints.output_schema if source.hints is not None else None
    return caller.predict, source, label, outputs


def check_model(
    model_or_uri: Any,
    *,
    max_examples: int = 100,
    params: bool = True,
    seed: int | None = None,
    deadline: float | None = None,
    max_rows: int | None = None,
    max_size: int | None = None,
    progress: Callable[[int], None] | None = None,
) -> ModelReport:
    """Run the model on `max_examples` inputs its signature allows; never raises for a
    failure of the model (a model that cannot be loaded or has no signature does raise).

    `params=True` also generates the params of a model with a param schema; `seed` makes
    the run repeatable; `deadline` (milliseconds) fails calls slower than it; `progress`
    is called with the number of examples tried after each one.
    """
    call, source, label, outputs = load_target(model_or_uri)
    limits = Limits(*(v for v in (max_rows, max_size) if v is not None))
    inputs = input_strategy(source, limits)
    param_values: st.SearchStrategy[Any] = st.none()
    if params and source.params is not None:
        param_values = params_strategy(source.params, limits)
    report = ModelReport(label, outputs_checked=_checkable(outputs))
    seen: dict[int, tuple[Any, Any]] = {}

    def probe(data: Any, values: Any) -> None:
        report.examples += 1
        if progress is not None:
            progress(report.examples)
        start = time.perf_counter()
        try:
            output = call(data, values)
        except Exception as exc:
            seen[id(exc)] = (data, values)
            raise
        finally:
            report.timings.append(time.perf_counter() - start)
        if report.outputs_checked:
            problems = _output_problems(outputs, output)
            if problems:
                mismatch = _OutputMismatch(f"the output does not fit the output schema: {problems}")
                seen[id(mismatch)] = (data, values)
                raise mismatch

    for exc in run_test(probe, (inputs, param_values), max_examples, deadline, seed, seen):
        report.failures.append(exc)
        if exc.exception_type == _OutputMismatch.__name__:
            report.output_mismatches += 1
    return report


def run_test(
    probe: Callable[..., None],
    strategies: tuple[st.SearchStrategy[Any], ...],
    max_examples: int,
    deadline: float | None,
    seed: int | None,
    seen: dict[int, tuple[Any, Any]],
) -> list[Failure]:
    """Run `probe` under Hypothesis; each failure it finds, shrunk (`seen`: inputs by id of
    the exception they raised)."""
    run = hypothesis.given(*strategies)(probe)
    run = hypothesis.settings(
        max_examples=max_examples,
        deadline=deadline,
        database=None,
        suppress_health_check=list(hypothesis.HealthCheck),
        report_multiple_bugs=True,
        print_blob=False,
    )(run)
    if seed is not None:
        run = hypothesis.seed(seed)(run)
    try:
        run()
    except Exception as error:  # a (group of) failure(s), shrunk
        errors = getattr(error, "exceptions", None) or (error,)
        return [_failure(exc, seen) for exc in errors]
    return []


def _failure(exc: BaseException, seen: dict[int, tuple[Any, Any]]) -> Failure:
    data, values = seen.get(id(exc), (None, None))
    text = "".join(traceback.format_exception(type(exc), exc, exc.__traceback__))
    return Failure(type(exc).__name__, str(exc), data, values, text)


def assert_model(model_or_uri: Any, **options: Any) -> ModelReport:
    """`check_model`, raising an `AssertionError` with the minimal failing input(s)."""
    report = check_model(model_or_uri, **options)
    if not report.passed:
        raise AssertionError(str(report))
    return report


def _checkable(outputs: Schema | None) -> bool:
    from hintsig.types.schema import AnyType

    if outputs is None:
        return False
    return not all(isinstance(s, ColSpec) and isinstance(s.type, AnyType) for s in outputs)


def _output_problems(schema: Schema | None, output: Any) -> list[tuple[str, str]]:
    """Every way the output does not fit the output schema (enforced as an input would be)."""
    from hintsig.models.enforcement import enforce_schema

    assert schema is not None
    specs = schema.inputs
    if len(specs) == 1 and isinstance(specs[0], ColSpec) and specs[0].name is None:
        values = _as_list(output)
        if values is not None:
            items = specs[0].type
            return [
                p for i, v in enumerate(values) for p in value_problems(items, _plain(v), f"[{i}]")
            ]
    try:
        enforce_schema(output, schema)
    except HintsigException as exc:
        return [("", exc.message)]
    return []


def _as_list(output: Any) -> list[Any] | None:
    if isinstance(output, (list, tuple)):
        return list(output)
    tolist = getattr(output, "tolist", None)
    if callable(tolist) and getattr(output, "ndim", 0) == 1:
        result: list[Any] = tolist()
        return result
    return None


def _plain(value: Any) -> Any:
    dump = getattr(value, "model_dump", None)
    return dump(by_alias=True) if callable(dump) else value
