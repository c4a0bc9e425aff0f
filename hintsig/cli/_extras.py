"""Commands that need an optional stack say which extra installs it, in one line.

`require_extra("serve", "starlette", "uvicorn")` returns when every module is importable and
otherwise stops the command with `Error: ... pip install 'hintsig[serve]'` (exit status 2, as
for a usage mistake): a plain `pip install hintsig` has the command line but not the server.
"""

from __future__ import annotations

import importlib.util

from hintsig.cli._common import CliUsageError

__all__ = ["require_extra"]


def require_extra(extra: str, *modules: str) -> None:
    """Refuse to go on, naming `pip install 'hintsig[<extra>]'`, when a module is missing."""
    missing = [name for name in modules if importlib.util.find_spec(name) is None]
    if missing:
        raise CliUsageError(
            f"this command needs {', '.join(missing)}, which a plain install does not include: "
            f"pip install 'hintsig[{extra}]'"
        )
