"""Dicts where a `list[Model]` input is declared, as the run-time wrapper accepts them.

`@pyfunc` turns each dict of a `list[Message]` input into a `Message`, so
`predict([{"role": "user", "content": "Hi"}])` runs. At such a call, when the argument is
written as a list (a display or a comprehension), the plugin gives mypy the parameter type
`list[Message | <Message as a TypedDict>]`: the TypedDict has the model's fields, those
without a default required, nested models again widened the same way. A dict with an unknown
key, a missing required key or a value of the wrong type then is still an error, and a
variable of type `list[Message]` still passes (its own type is left alone, as lists are
invariant).
"""

from __future__ import annotations

from mypy.nodes import Expression, FuncDef, ListComprehension, ListExpr
from mypy.plugin import CheckerPluginInterface, FunctionSigContext, MethodSigContext
from mypy.types import (
    AnyType,
    CallableType,
    Instance,
    Type,
    TypedDictType,
    TypeOfAny,
    UnionType,
    get_proper_type,
)

from hintsig_mypy._classes import is_pydantic_model, model_fields

__all__ = ["accept_dicts", "widen_models"]

#: Nested models deeper than this stay models only (and recursive models end).
_MAX_DEPTH = 8
_CONTAINERS = ("builtins.list", "builtins.dict")


def accept_dicts(
    func: FuncDef, index: int, ctx: FunctionSigContext | MethodSigContext
) -> CallableType:
    """The signature of this call of `func`, its model input (parameter `index` of the
    signature mypy checks the call against) widened when the call passes a list literal."""
    signature = ctx.default_signature
    if index >= len(ctx.args) or index >= len(signature.arg_types) or len(ctx.args[index]) != 1:
        return signature
    if not _written_as_list(ctx.args[index][0]):
        return signature
    declared = signature.arg_types[index]
    widened = widen_models(declared, ctx.api)
    if widened is declared:
        return signature
    arg_types = list(signature.arg_types)
    arg_types[index] = widened
    return signature.copy_modified(arg_types=arg_types)


def widen_models(hint: Type, api: CheckerPluginInterface, depth: int = 0) -> Type:
    """`hint` with each pydantic model `M` in it (inside lists, dict values and unions)
    replaced by `M | <M as a TypedDict>`; `hint` itself when it holds no model."""
    proper = get_proper_type(hint)
    if depth > _MAX_DEPTH:
        return hint
    if isinstance(proper, UnionType):
        items = [widen_models(item, api, depth + 1) for item in proper.items]
        if all(new is old for new, old in zip(items, proper.items, strict=True)):
            return hint
        return UnionType.make_union(items, proper.line, proper.column)
    if not isinstance(proper, Instance):
        return hint
    if is_pydantic_model(proper.type):
        as_dict = _typed_dict(proper, api, depth)
        return hint if as_dict is None else UnionType.make_union([hint, as_dict])
    if proper.type.fullname in _CONTAINERS and proper.args:
        args = [widen_models(arg, api, depth + 1) for arg in proper.args]
        if all(new is old for new, old in zip(args, proper.args, strict=True)):
            return hint
        return proper.copy_modified(args=args)
    return hint


def _typed_dict(model: Instance, api: CheckerPluginInterface, depth: int) -> TypedDictType | None:
    fields = model_fields(model)
    if fields is None:
        return None  # fields unknown: leave the model as declared
    items: dict[str, Type] = {}
    for field in fields:
        if field.type is None:
            items[field.name] = AnyType(TypeOfAny.unannotated)
        else:
            items[field.name] = widen_models(field.type, api, depth + 1)
    required = {field.name for field in fields if not field.has_default}
    fallback = api.named_generic_type("typing._TypedDict", [])
    return TypedDictType(items, required, set(), fallback)


def _written_as_list(expr: Expression) -> bool:
    return isinstance(expr, (ListExpr, ListComprehension))
