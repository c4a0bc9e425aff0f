"""What the plugin reports: findings with a severity, a message and the node they point at."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from mypy.errorcodes import ErrorCode
from mypy.nodes import Context
from mypy.plugin import CheckerPluginInterface

__all__ = ["HINT_CODE", "Finding", "Severity", "report"]

#: The error code of every hintsig finding: `# type: ignore[hintsig-hint]` silences one.
HINT_CODE = ErrorCode("hintsig-hint", "Check model input hints against hintsig's rules", "hintsig")

Severity = Literal["error", "note"]


@dataclass(frozen=True, slots=True)
class Finding:
    """One problem (`error`) or remark (`note`) about a hint, and what to write instead."""

    severity: Severity
    message: str


def report(api: CheckerPluginInterface, finding: Finding, context: Context) -> None:
    """Emit `finding` at `context` with the `hintsig-hint` code."""
    if finding.severity == "error":
        api.fail(finding.message, context, code=HINT_CODE)
    else:
        api.msg.note(finding.message, context, code=HINT_CODE)
