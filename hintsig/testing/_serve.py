"""`check_server`: send a signature's valid and invalid inputs to a running scoring server.

Each valid input goes in every payload format the model takes (`dataframe_split`,
`dataframe_records`, `inputs`, `instances`) and must get 200; each input broken in one
place (`strategy(..., valid=False)`) must get a 4xx. Any other answer, a 5xx above all, is
a failure, shrunk by Hypothesis to a minimal input.
"""

from __future__ import annotations

import json
import urllib.error
import urllib.request
from typing import Any

from hintsig.models._json_schema import payload_formats
from hintsig.models._jsonvalue import to_json_value
from hintsig.testing._check import ModelReport, load_target, run_test
from hintsig.testing._strategies import Limits, input_strategy

__all__ = ["check_server", "payloads"]


class ServerMismatch(AssertionError):
    """The server answered a request with the wrong kind of status."""


def payloads(data: Any, formats: tuple[str, ...]) -> dict[str, Any]:
    """`data` as the JSON body of each of `formats`."""
    import pandas as pd

    if isinstance(data, pd.DataFrame):
        columns = [to_json_value(c) for c in data.columns]
        rows = [
            dict(zip(columns, to_json_value(list(r)), strict=True))
            for r in data.itertuples(index=False, name=None)
        ]
        bodies = {
            "dataframe_split": {"columns": columns, "data": [list(r.values()) for r in rows]},
            "dataframe_records": rows,
            "inputs": rows,
            "instances": rows,
        }
    else:
        value = to_json_value(data)
        bodies = {"inputs": value, "instances": value}
    return {fmt: {fmt: bodies[fmt]} for fmt in formats if fmt in bodies}


def _post(url: str, body: dict[str, Any]) -> tuple[int, str]:
    request = urllib.request.Request(
        f"{url}/invocations",
        data=json.dumps(body, allow_nan=False).encode(),
        headers={"Content-Type": "application/json"},
    )
    try:
        with urllib.request.urlopen(request, timeout=60) as response:
            return response.status, response.read().decode("utf-8", "replace")
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read().decode("utf-8", "replace")


def check_server(
    url: str, model_or_uri: Any, *, max_examples: int = 50, seed: int | None = None
) -> ModelReport:
    """Send valid and invalid inputs of the model's signature to the server at `url`."""
    from hintsig.pyfunc import load_model

    model = load_model(model_or_uri) if isinstance(model_or_uri, str) else model_or_uri
    _, source, label, _ = load_target(model)
    schema = source.schema
    formats = payload_formats(schema, type_hinted=source.from_hint)
    limits = Limits()
    report = ModelReport(f"{label} served at {url}")
    seen: dict[int, tuple[Any, Any]] = {}

    def probe(valid: Any, invalid: Any) -> None:
        for fmt, body in payloads(valid, formats).items():
            _expect(url, body, valid, lambda s: s == 200, f"valid input as {fmt}", seen)
        for fmt, body in list(payloads(invalid, formats).items())[:1]:
            _expect(url, body, invalid, lambda s: 400 <= s < 500, f"invalid input as {fmt}", seen)
        report.examples += 1

    strategies = (input_strategy(source, limits), input_strategy(source, limits, valid=False))
    report.failures.extend(run_test(probe, strategies, max_examples, None, seed, seen))
    return report


def _expect(
    url: str, body: dict[str, Any], data: Any, ok: Any, what: str, seen: dict[int, Any]
) -> None:
    status, text = _post(url, body)
    if not ok(status):
        exc = ServerMismatch(f"{what} got HTTP {status}: {text[:300]}")
        seen[id(exc)] = (data, None)
        raise exc
