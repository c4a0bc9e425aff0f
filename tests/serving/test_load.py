"""Load and robustness: a real server process under 8 concurrent clients and bad payloads.

`hintsig models serve` runs as a subprocess on a free loopback port. 2,000 requests to the
chat model (and 600 to a tensor model) interleave valid payloads with malformed ones
(truncated JSON, wrong types, wrong shapes, huge numbers, deep nesting, non-UTF-8 bytes,
empty bodies, wrong content types, bodies over the size limit). Every valid request must get
its prediction, every bad one a 4xx, none a 5xx, and the process must stay up. Only loopback
traffic; the number of requests is fixed.
"""

from __future__ import annotations

import collections
import json
import random
import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any, NamedTuple

import httpx
import pytest

from .helpers import serving_process

REQUESTS = 2000
CLIENTS = 8
BODY_LIMIT = 64 * 1024
JSON = "application/json"


class Request(NamedTuple):
    kind: str
    body: bytes
    content_type: str
    expected: list[Any] | None  # the predictions of a valid request


Make = Callable[[random.Random, int], Request]


def chat(rng: random.Random, i: int) -> Request:
    """A valid request to the chat model (`list[Message]`)."""
    messages = [
        {"role": rng.choice(["user", "assistant"]), "content": f"message {i}.{j} é"}
        for j in range(1 + i % 4)
    ]
    expected = [f"{m['role']}: {m['content']}" for m in messages]
    return Request("valid", json.dumps({"inputs": messages}).encode(), JSON, expected)


def tensor(rng: random.Random, i: int) -> Request:
    """A valid request to the tensor model (float32, shape (-1, 2)): row sums."""
    rows = [[rng.randrange(-50, 50) / 4, rng.randrange(100) / 8] for _ in range(1 + i % 5)]
    payload = {"inputs": rows} if i % 3 else {"instances": rows}
    return Request("valid", json.dumps(payload).encode(), JSON, [a + b for a, b in rows])


def bad(kind: str, body: str | bytes, content_type: str = JSON) -> Make:
    data = body.encode() if isinstance(body, str) else body
    return lambda rng, i: Request(kind, data, content_type, None)


def truncated(valid: Make) -> Make:
    def make(rng: random.Random, i: int) -> Request:
        whole = valid(rng, i).body
        return Request("truncated", whole[: rng.randrange(1, len(whole) - 1)], JSON, None)

    return make


def random_bytes(rng: random.Random, i: int) -> Request:
    return Request("non-UTF-8", bytes(rng.randrange(256) for _ in range(64)), JSON, None)


#: Malformed requests any model refuses.
ANY_MODEL: list[Make] = [
    bad("wrong shape", '[{"role": "user", "content": "x"}]'),
    bad("wrong shape", '{"instances": [], "inputs": []}'),
    bad("wrong shape", '{"inputs": [], "params": [1, 2]}'),
    bad("huge number", '{"inputs": [' + "7" * 6000 + "]}"),
    bad("huge number", '{"inputs": [[1e999, 1]]}'),
    bad("huge number", '{"inputs": [[-1e400, 1]]}'),
    bad("not a number", '{"inputs": [NaN, Infinity]}'),
    bad("deep nesting", '{"inputs": ' + "[" * 20000 + "]" * 20000 + "}"),
    bad("deep nesting", '{"a": ' * 3000 + "1" + "}" * 3000),
    bad("deep nesting", '{"inputs": [' + "[" * 500 + "]" * 500 + "]}"),
    bad("non-UTF-8", b'{"inputs": [{"role": "user", "content": "\xe9"}]}'),
    random_bytes,
    bad("empty body", b""),
    bad("wrong content type", b'{"inputs": []}', "text/plain"),
    bad("csv garbage", b'"unclosed\n\x00,,\n', "text/csv"),
    bad("too large", b'{"inputs": ["' + b"x" * BODY_LIMIT + b'"]}'),
]
CHAT_ONLY: list[Make] = [
    truncated(chat),
    bad("wrong type", '{"inputs": [{"role": "user", "content": 42}]}'),
    bad("wrong type", '{"inputs": [{"role": null, "content": "x"}]}'),
    bad("wrong type", '{"inputs": "just text"}'),
    bad("wrong shape", '{"inputs": {"role": "user", "content": "x"}}'),
    bad("wrong shape", '{"inputs": [[{"role": "user", "content": "x"}]]}'),
    bad("huge number", '{"inputs": [{"role": "user", "content": 1e999}]}'),
]
TENSOR_ONLY: list[Make] = [
    truncated(tensor),
    bad("wrong type", '{"inputs": [["a", "b"]]}'),
    bad("wrong type", '{"inputs": [[true, false]]}'),
    bad("wrong type", '{"inputs": [[1.5, null]]}'),
    bad("wrong shape", '{"inputs": [[1.0, 2.0, 3.0]]}'),
    bad("wrong shape", '{"inputs": [1.0, 2.0]}'),
    bad("wrong shape", '{"inputs": [[1.0], [1.0, 2.0]]}'),
    bad("wrong shape", '{"inputs": [[[1.0, 2.0]]]}'),
    bad("wrong shape", '{"inputs": {"x": [[1.0, 2.0]]}}'),
]
MODELS = {"chat": (chat, CHAT_ONLY + ANY_MODEL), "tensor": (tensor, TENSOR_ONLY + ANY_MODEL)}


def plan(valid: Make, malformed: list[Make], count: int) -> list[Request]:
    """`count` requests: valid and malformed ones in turn, every malformed kind in a cycle."""
    rng = random.Random(20240501)
    return [
        valid(rng, i) if i % 2 == 0 else malformed[(i // 2) % len(malformed)](rng, i)
        for i in range(count)
    ]


def send_all(url: str, requests: list[Request]) -> list[tuple[int, bytes]]:
    """Every request, from `CLIENTS` threads with a keep-alive connection each."""
    local = threading.local()
    clients: list[httpx.Client] = []

    def send(request: Request) -> tuple[int, bytes]:
        if not hasattr(local, "client"):
            local.client = httpx.Client(base_url=url, timeout=30)
            clients.append(local.client)
        response = local.client.post(
            "/invocations", content=request.body, headers={"Content-Type": request.content_type}
        )
        return response.status_code, response.content

    try:
        with ThreadPoolExecutor(max_workers=CLIENTS) as pool:
            return list(pool.map(send, requests))
    finally:
        for client in clients:
            client.close()


@pytest.mark.parametrize(("model", "count"), [("chat", 2000), ("tensor", 600)])
def test_concurrent_valid_and_malformed_requests(
    saved_models: dict[str, Path], tmp_path: Path, model: str, count: int
) -> None:
    valid, malformed = MODELS[model]
    requests = plan(valid, malformed, count)
    args = ["-m", str(saved_models[model]), "--max-body-size", str(BODY_LIMIT)]
    with serving_process(args, tmp_path / "server.log") as (url, process):
        answers = send_all(url, requests)
        alive = process.poll() is None
        ping = httpx.get(f"{url}/ping").status_code

    statuses: collections.Counter[tuple[str, int]] = collections.Counter()
    wrong = []
    for request, (status, content) in zip(requests, answers, strict=True):
        statuses[(request.kind, status)] += 1
        if request.expected is not None:
            answer = json.loads(content) if status == 200 else None
            if answer is None or answer["predictions"] != pytest.approx(request.expected):
                wrong.append((request.kind, status, content[:200]))
        elif not 400 <= status < 500:
            wrong.append((request.kind, status, content[:200]))
        elif status != 413:
            assert json.loads(content)["error_code"] in ("BAD_REQUEST", "UNSUPPORTED_MEDIA_TYPE")
    assert not wrong, f"{len(wrong)} wrong answers, e.g. {wrong[:5]}; all: {dict(statuses)}"
    assert statuses[("valid", 200)] == count // 2
    assert statuses[("too large", 413)] > 0 and statuses[("wrong content type", 415)] > 0
    assert alive, "the server process died"
    assert ping == 200


def test_several_workers_with_a_timeout(saved_models: dict[str, Path], tmp_path: Path) -> None:
    args = ["-m", str(saved_models["chat"]), "--workers", "2", "--timeout", "10"]
    requests = [chat(random.Random(i), i) for i in range(40)]
    with serving_process(args, tmp_path / "server.log") as (url, process):
        answers = send_all(url, requests)
        assert process.poll() is None
    assert [json.loads(a) for _, a in answers] == [{"predictions": r.expected} for r in requests]
