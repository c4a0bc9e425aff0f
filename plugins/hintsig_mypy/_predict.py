"""One `predict` function, checked as `@pyfunc` and `PythonModel` check it when they wrap it.

`predict` takes `model_input`, optionally `context` before it and `params` after it (and `self`
first in a class). The model input is `model_input`, else the parameter after `context`, else
the second of two parameters, else the only one: the same choice hintsig makes at run time.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from mypy.nodes import ARG_STAR, ARG_STAR2, Context, FuncDef
from mypy.types import AnyType, CallableType, Type, TypeOfAny, get_proper_type

from hintsig_mypy._enforced import RowLookup, check_enforced_hint
from hintsig_mypy._findings import Finding
from hintsig_mypy._hints import check_input_hint, check_output_hint
from hintsig_mypy._markers import annotation_markers

__all__ = ["PARAMETER_NAMES", "Placed", "Source", "check_predict", "input_index"]

#: The parameters hintsig passes to `predict`.
PARAMETER_NAMES = ("context", "model_input", "params")
_SELF_NAMES = ("self", "cls")


@dataclass(frozen=True, slots=True)
class Placed:
    """A finding and the node it points at."""

    finding: Finding
    context: Context


@dataclass(frozen=True, slots=True)
class Source:
    """Where `predict` is written: its file (to read its `Annotated` markers) and the classes
    its module names (to find a `Columns(Row)` row)."""

    path: str
    rows: RowLookup


def check_predict(
    func: FuncDef,
    *,
    validate_output: bool = False,
    validate_unions: bool = False,
    source: Source | None = None,
) -> list[Placed]:
    """Everything hintsig would refuse or warn about in `func`'s parameters and hints.

    Without `source` (a function written in another file), `Annotated` markers are not seen.
    """
    signature = func.type
    if not isinstance(signature, CallableType):
        return []  # no annotations: hintsig has nothing to check
    placed = list(_parameter_names(func))
    index = input_index(func)
    if index is None:
        if validate_output:
            message = f"validate_output=True: `{func.name}` has no model input parameter"
            placed.append(Placed(Finding("error", message), func))
        return placed
    hint = signature.arg_types[index]
    if _unannotated(hint):
        if validate_output:
            message = (
                f"validate_output=True needs type hints on `{func.name}`: on its "
                f"`{func.arg_names[index]}` parameter and its return value"
            )
            placed.append(Placed(Finding("error", message), func))
        return placed
    where = func.arguments[index]
    check = _Check(func, source, validate_unions)
    placed.extend(Placed(finding, where) for finding in check.input(hint, func.arg_names[index]))
    if validate_output:
        placed.extend(Placed(finding, func) for finding in check.output(signature.ret_type))
    return placed


@dataclass(frozen=True, slots=True)
class _Check:
    """The hint checks of one function: tensor and DataFrame hints first, then the others."""

    func: FuncDef
    source: Source | None
    validate_unions: bool

    def input(self, typ: Type, parameter: str | None) -> list[Finding]:
        enforced = self._enforced(typ, parameter)
        if enforced is not None:
            return enforced
        return check_input_hint(typ, validate_unions=self.validate_unions)

    def output(self, typ: Type) -> list[Finding]:
        if _unannotated(typ):
            return [Finding("error", "validate_output=True needs a return type hint")]
        findings = self._enforced(typ, None)
        if findings is None:
            findings = check_output_hint(typ, validate_unions=self.validate_unions)
        return [Finding(f.severity, f"validate_output=True: {f.message}") for f in findings]

    def _enforced(self, typ: Type, parameter: str | None) -> list[Finding] | None:
        """Findings for a tensor or DataFrame hint (`parameter` None: the return hint)."""
        if self.source is None:
            return check_enforced_hint(typ, [], None, validate_unions=self.validate_unions)
        markers = annotation_markers(self.source.path, self.func.line, parameter)
        return check_enforced_hint(
            typ, markers, self.source.rows, validate_unions=self.validate_unions
        )


def _unannotated(typ: Type) -> bool:
    proper = get_proper_type(typ)
    return isinstance(proper, AnyType) and proper.type_of_any == TypeOfAny.unannotated


def _named_parameters(func: FuncDef) -> list[int]:
    """Indexes of the parameters hintsig looks at: not `self`, `*args` or `**kwargs`."""
    names = func.arg_names
    offset = 1 if names and names[0] in _SELF_NAMES else 0
    return [
        i
        for i in range(offset, len(names))
        if func.arg_kinds[i] not in (ARG_STAR, ARG_STAR2) and names[i] is not None
    ]


def input_index(func: FuncDef) -> int | None:
    """The index of the model input parameter, chosen as hintsig chooses it."""
    named = _named_parameters(func)
    names = [func.arg_names[i] for i in named]
    candidates = [i for i in named if func.arg_names[i] != "params"]
    if "model_input" in names:
        return named[names.index("model_input")]
    if "context" in names:
        after = [i for i in candidates if i > named[names.index("context")]]
        return after[0] if after else None
    if len(candidates) == 2:
        return candidates[1]
    return candidates[0] if candidates else None


def _parameter_names(func: FuncDef) -> Iterator[Placed]:
    """An error for each parameter hintsig does not pass, with the name to use instead."""
    chosen = input_index(func)
    allowed = ", ".join(f"`{name}`" for name in PARAMETER_NAMES)
    for i in _named_parameters(func):
        name = func.arg_names[i]
        if name in PARAMETER_NAMES:
            continue
        if i == chosen:
            fix = "rename it to `model_input` (hintsig passes the model input in it)"
        else:
            fix = "rename it, or remove it"
        message = f"Parameter `{name}` of `{func.name}` is not one hintsig passes ({allowed})"
        yield Placed(Finding("error", f"{message}; {fix}"), func.arguments[i])
