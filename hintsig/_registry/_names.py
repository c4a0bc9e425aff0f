"""Checks for the text a registry stores as an identifier: model names, aliases, tag keys.

Such text ends up in file paths, URIs (`models:/NAME@ALIAS`), log lines and terminals, so
control characters (a newline forging a log line, an escape sequence repainting a terminal)
are refused, and the length is capped. Patterns are matched in full (`fullmatch`: `$` would
let a trailing newline through).
"""

from __future__ import annotations

import unicodedata

from hintsig.exceptions import HintsigException

__all__ = ["MAX_LENGTH", "MAX_TAG_VALUE", "check_identifier", "check_tag_value", "escaped"]

#: The longest name, alias or tag key, in characters.
MAX_LENGTH = 256
#: The longest tag value (MLflow's limit for model-version tag values).
MAX_TAG_VALUE = 5000


def _controls(text: str, allowed: str = "") -> bool:
    return any(unicodedata.category(c) == "Cc" and c not in allowed for c in text)


def check_identifier(value: str, what: str) -> str:
    """`value` when it holds no control character and at most `MAX_LENGTH` characters."""
    if _controls(value):
        raise HintsigException(f"{what} must not contain control characters (got {value!r})")
    if len(value) > MAX_LENGTH:
        raise HintsigException(f"{what} must be at most {MAX_LENGTH} characters (got {len(value)})")
    return value


def check_tag_value(value: str, key: str) -> str:
    """A tag value: tabs and newlines allowed (free text), no other control characters."""
    if _controls(value, "\t\n"):
        raise HintsigException(f"The value of tag {key!r} must not contain control characters")
    if len(value) > MAX_TAG_VALUE:
        raise HintsigException(
            f"The value of tag {key!r} must be at most {MAX_TAG_VALUE} characters "
            f"(got {len(value)})"
        )
    return value


def escaped(text: str) -> str:
    """`text` for a terminal: each control or other invisible character as `\\xNN`/`\\uNNNN`."""
    if text.isprintable():
        return text
    return "".join(c if c.isprintable() else repr(c)[1:-1] for c in text)
