"""Where the registry database lives.

In order: the `registry_uri` a client is given, `HINTSIG_REGISTRY_URI`, then `registry.db` in
the tracking directory (`HINTSIG_TRACKING_DIR`, default `./hintsig-runs`). A URI is
`sqlite:///relative/path.db` or `sqlite:////absolute/path.db` (SQLAlchemy's form, as MLflow
uses), or a plain file path.
"""

from __future__ import annotations

import os
from pathlib import Path

from hintsig.exceptions import HintsigException
from hintsig.tracking import tracking_dir

__all__ = ["REGISTRY_FILE", "REGISTRY_URI_ENV", "registry_path", "registry_uri_for"]

REGISTRY_URI_ENV = "HINTSIG_REGISTRY_URI"
REGISTRY_FILE = "registry.db"

_SQLITE_PREFIX = "sqlite:///"


def registry_path(registry_uri: str | os.PathLike[str] | None = None) -> Path:
    """The absolute path of the registry database chosen by `registry_uri` or the environment."""
    uri = os.fspath(registry_uri) if registry_uri is not None else None
    if not uri:
        uri = os.environ.get(REGISTRY_URI_ENV) or None
    if uri is None:
        return tracking_dir() / REGISTRY_FILE
    return _path_from_uri(uri)


def registry_uri_for(path: Path) -> str:
    """The `sqlite:///` URI of a database file (absolute paths give four slashes)."""
    return _SQLITE_PREFIX + path.as_posix()


def _path_from_uri(uri: str) -> Path:
    if uri.startswith(_SQLITE_PREFIX):
        path = uri[len(_SQLITE_PREFIX) :]
        if "?" in path:
            raise HintsigException("The registry URI takes no query parameters: sqlite:///PATH")
    elif "://" in uri or uri.startswith("sqlite:"):
        # Only the scheme is named: a URI can carry credentials.
        scheme = uri.split(":", 1)[0]
        raise HintsigException(
            f"Unsupported registry URI scheme {scheme!r}: the registry is a SQLite file, "
            "given as sqlite:///PATH or as a plain file path"
        )
    else:
        path = uri
    if not path or path == ":memory:":
        raise HintsigException(
            "The registry URI must name a database file (sqlite:///PATH); "
            "an in-memory database would vanish after each call"
        )
    return Path(path).expanduser().absolute()
