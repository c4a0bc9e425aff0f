"""Model URIs: which local directory a model URI names.

Accepted everywhere a model is read or written:

* a plain path (`str` or `os.PathLike`), absolute or relative to the working directory;
* `file:///abs/path` (or `file:relative/path`);
* `runs:/<run_id>/<name>`: the model logged as `name` in a run of the tracking directory;
* `models:/<model_id>`: a logged model of the tracking directory;
* `models:/<name>/<version>` and `models:/<name>@<alias>`: a registered model version,
  resolved through the registry (`hintsig.client`, reached through `hintsig._hooks`) to its
  source URI, which is resolved in turn.
"""

from __future__ import annotations

import os
import re
import urllib.parse
import urllib.request
from dataclasses import dataclass
from pathlib import Path

from hintsig._hooks import registered_model_source
from hintsig.exceptions import HintsigException

__all__ = ["RegisteredModelRef", "registered_model_ref", "resolve_model_uri"]

_SCHEME = re.compile(r"^([A-Za-z][A-Za-z0-9+.\-]+):")
#: A registered version's source may itself be a `models:/` URI; stop after this many hops.
_MAX_HOPS = 5


@dataclass(frozen=True)
class RegisteredModelRef:
    """A `models:/<name>/<version>` or `models:/<name>@<alias>` reference."""

    name: str
    version: str | None
    alias: str | None


def resolve_model_uri(uri: str | os.PathLike[str]) -> Path:
    """The absolute local directory that `uri` names (which need not exist yet for paths)."""
    return _resolve(uri, hops=0)


def registered_model_ref(uri: str | os.PathLike[str]) -> RegisteredModelRef | None:
    """The registered model a `models:/` URI names, or None for any other URI."""
    if not isinstance(uri, str) or not uri.startswith("models:"):
        return None
    parts = _models_parts(uri)
    if len(parts) == 1:
        name, sep, alias = parts[0].partition("@")
        return RegisteredModelRef(name, None, alias) if sep else None
    return RegisteredModelRef(parts[0], parts[1], None)


def _resolve(uri: str | os.PathLike[str], hops: int) -> Path:
    if not isinstance(uri, str):
        return Path(os.fspath(uri)).expanduser().absolute()
    match = _SCHEME.match(uri)
    scheme = match.group(1).lower() if match else None
    if scheme is None:
        if not uri:
            raise HintsigException("A model URI must not be empty")
        return Path(uri).expanduser().absolute()
    if scheme == "file":
        return _file_path(uri)
    if scheme == "runs":
        return _runs_path(uri)
    if scheme == "models":
        return _models_path(uri, hops)
    raise HintsigException(
        f"Unsupported model URI scheme {scheme!r}: use a local path, file://, "
        "runs:/<run_id>/<name>, models:/<model_id>, models:/<name>/<version> "
        "or models:/<name>@<alias>"
    )


def _file_path(uri: str) -> Path:
    parsed = urllib.parse.urlparse(uri)
    if parsed.netloc not in ("", "localhost"):
        raise HintsigException("A file:// model URI must name a local path (no host)")
    if not parsed.path:
        raise HintsigException("A file:// model URI must name a path")
    return Path(urllib.request.url2pathname(parsed.path)).expanduser().absolute()


def _runs_path(uri: str) -> Path:
    from hintsig.tracking import model_artifacts_dir, run_model_id

    parts = [p for p in uri[len("runs:") :].split("/") if p]
    if len(parts) != 2:
        raise HintsigException(
            "A runs URI has the form runs:/<run_id>/<name> (the name given to log_model)"
        )
    return model_artifacts_dir(run_model_id(parts[0], parts[1]))


def _models_parts(uri: str) -> list[str]:
    parts = [p for p in uri[len("models:") :].split("/") if p]
    if not parts or len(parts) > 2 or ("@" in parts[0] and len(parts) != 1):
        raise HintsigException(
            "A models URI has the form models:/<model_id>, models:/<name>/<version> "
            "or models:/<name>@<alias>"
        )
    return parts


def _models_path(uri: str, hops: int) -> Path:
    ref = registered_model_ref(uri)
    if ref is None:
        return _logged_model_path(_models_parts(uri)[0])
    if hops >= _MAX_HOPS:
        raise HintsigException(
            f"Registered model {ref.name!r} resolves through more than {_MAX_HOPS} models:/ URIs"
        )
    source = registered_model_source(ref.name, ref.version, ref.alias)
    return _resolve(source, hops + 1)


def _logged_model_path(model_id: str) -> Path:
    from hintsig.tracking import model_artifacts_dir, tracking_dir

    path = model_artifacts_dir(model_id)
    if not path.is_dir():
        raise HintsigException(
            f"No logged model {model_id!r} in the tracking directory {tracking_dir()}; "
            "a registered model is named models:/<name>/<version> or models:/<name>@<alias>"
        )
    return path
