"""The mypy plugin class: which hooks run the checks, and where findings are reported.

* `@pyfunc` and `@pyfunc(...)`: mypy calls `get_function_hook` for the decorator call; the
  decorated function is the call's argument (bare form) or is found through the module index
  (configured form).
* `PythonModel` subclasses: mypy checks every class statement's keywords with a call to the
  nearest `__init_subclass__`, which `PythonModel` defines; `get_method_hook` sees that call
  and the module index gives the class. Its own `predict` and `predict_stream` are checked.
* pydantic models: `get_customize_class_mro_hook` is the per-class hook of semantic analysis
  that pydantic's own plugin leaves free; it records each model's field defaults (see
  `_classes`).
"""

from __future__ import annotations

import functools
import hashlib
from collections.abc import Callable
from pathlib import Path

from mypy.nodes import (
    AssignmentStmt,
    CallExpr,
    Context,
    Decorator,
    Expression,
    FuncDef,
    MemberExpr,
    MypyFile,
    NameExpr,
    RefExpr,
    SymbolNode,
    TypeInfo,
)
from mypy.options import Options
from mypy.plugin import (
    CheckerPluginInterface,
    ClassDefContext,
    FunctionContext,
    FunctionSigContext,
    MethodContext,
    MethodSigContext,
    Plugin,
    ReportConfigContext,
)
from mypy.types import CallableType, Type, get_proper_type

from hintsig_mypy._classes import record_fields
from hintsig_mypy._dict_inputs import accept_dicts
from hintsig_mypy._findings import Finding, report
from hintsig_mypy._locate import ModuleIndex, index_module
from hintsig_mypy._predict import Placed, Source, check_predict, input_index

__all__ = ["PYFUNC", "PYTHON_MODEL", "HintsigPlugin"]

PYFUNC = "hintsig.pyfunc.utils.pyfunc"
PYTHON_MODEL = "hintsig.pyfunc._python_model.PythonModel"
_INIT_SUBCLASS = ".__init_subclass__"
_CHECKED_METHODS = ("predict", "predict_stream")


def _source_digest() -> str:
    digest = hashlib.sha256()
    for path in sorted(Path(__file__).parent.glob("*.py")):
        digest.update(path.read_bytes())
    return digest.hexdigest()


_SOURCE_DIGEST = _source_digest()


class HintsigPlugin(Plugin):
    """Reports model input hints that hintsig would refuse, or accept without validating."""

    def __init__(self, options: Options) -> None:
        super().__init__(options)
        self._trees: dict[str, MypyFile] = {}
        self._paths: dict[str, MypyFile] = {}
        self._indexes: dict[str, ModuleIndex] = {}

    def report_config_data(self, ctx: ReportConfigContext) -> str:
        """The plugin's own source digest: mypy rechecks cached modules when the plugin changes."""
        return _SOURCE_DIGEST

    def set_modules(self, modules: dict[str, MypyFile]) -> None:
        super().set_modules(modules)
        self._trees = modules

    def get_function_hook(self, fullname: str) -> Callable[[FunctionContext], Type] | None:
        return self._check_pyfunc if fullname == PYFUNC else None

    def get_method_hook(self, fullname: str) -> Callable[[MethodContext], Type] | None:
        if not fullname.endswith(_INIT_SUBCLASS):
            return None
        owner = self.lookup_fully_qualified(fullname.removesuffix(_INIT_SUBCLASS))
        info = owner.node if owner is not None else None
        if isinstance(info, TypeInfo) and info.has_base(PYTHON_MODEL):
            return self._check_python_model
        return None

    def get_function_signature_hook(
        self, fullname: str
    ) -> Callable[[FunctionSigContext], CallableType] | None:
        """Calls of a `@pyfunc` function take dicts for pydantic models (`_dict_inputs`)."""
        symbol = self.lookup_fully_qualified(fullname)
        node = symbol.node if symbol is not None else None
        if not isinstance(node, Decorator) or not any(
            _is_pyfunc(d) for d in node.original_decorators
        ):
            return None
        index = input_index(node.func)
        return None if index is None else functools.partial(accept_dicts, node.func, index)

    def get_method_signature_hook(
        self, fullname: str
    ) -> Callable[[MethodSigContext], CallableType] | None:
        """Calls of a `PythonModel`'s own `predict` take dicts for pydantic models too."""
        owner_name, _, method = fullname.rpartition(".")
        if method not in _CHECKED_METHODS:
            return None
        owner = self.lookup_fully_qualified(owner_name)
        info = owner.node if owner is not None else None
        if not isinstance(info, TypeInfo) or not info.has_base(PYTHON_MODEL):
            return None
        func = _own_method(info, method)
        index = input_index(func) if func is not None else None
        if func is None or index is None:
            return None
        # The bound method's signature has no `self`.
        return functools.partial(accept_dicts, func, index - 1)

    def get_customize_class_mro_hook(
        self, fullname: str
    ) -> Callable[[ClassDefContext], None] | None:
        return record_fields

    # ------------------------------------------------------------------------- @pyfunc

    def _check_pyfunc(self, ctx: FunctionContext) -> Type:
        # mypy tries each overload of `pyfunc` with errors held back; a finding makes it try
        # the matching one again with errors shown, so each is reported once, and the
        # decorated function keeps its type either way.
        validate_output = _flag(ctx.callee_arg_names, ctx.args, "validate_output")
        validate_unions = _flag(ctx.callee_arg_names, ctx.args, "validate_unions")
        func = _decorated_function(ctx)
        index = self._index(ctx.api.path)
        if func is None and isinstance(ctx.context, CallExpr) and index is not None:
            decorated = index.decorated_by(ctx.context)
            func = decorated.func if decorated is not None else None
        if func is not None:
            placed = check_predict(
                func,
                validate_output=validate_output,
                validate_unions=validate_unions,
                source=_source(func, index),
            )
            self._report(ctx.api, placed, func, ctx.context, index)
        return ctx.default_return_type

    # ------------------------------------------------------------------------- PythonModel

    def _check_python_model(self, ctx: MethodContext) -> Type:
        call = ctx.context
        index = self._index(ctx.api.path)
        if (
            index is None
            or not isinstance(call, CallExpr)
            or not isinstance(call.callee, MemberExpr)
            or not isinstance(call.callee.expr, NameExpr)
        ):
            return ctx.default_return_type
        defn = index.class_at(call.line, call.column, call.callee.expr.name)
        if defn is None or not defn.info.has_base(PYTHON_MODEL):
            return ctx.default_return_type
        validate_output = _is_true(defn.keywords.get("validate_output"))
        validate_unions = _class_flag(defn.info, "validate_unions")
        for name in _CHECKED_METHODS:
            func = _own_method(defn.info, name)
            if func is not None:
                placed = check_predict(
                    func,
                    validate_output=validate_output and name == "predict",
                    validate_unions=validate_unions,
                    source=_source(func, index),
                )
                self._report(ctx.api, placed, func, call, index)
        return ctx.default_return_type

    # ------------------------------------------------------------------------- helpers

    def _index(self, path: str) -> ModuleIndex | None:
        """The index of the module at `path` (the one being checked)."""
        tree = self._paths.get(path)
        if tree is None or self._trees.get(tree.fullname) is not tree:
            self._paths = {module.path: module for module in self._trees.values()}
            tree = self._paths.get(path)
        if tree is None:
            return None
        index = self._indexes.get(path)
        if index is None or index.tree is not tree:
            index = self._indexes[path] = index_module(tree)
        return index

    def _report(
        self,
        api: CheckerPluginInterface,
        placed: list[Placed],
        func: FuncDef,
        fallback: Context,
        index: ModuleIndex | None,
    ) -> None:
        """Report at the parameters of `func`, or at `fallback` when `func` is in another file."""
        here = index is not None and index.defines(func)
        for item in placed:
            if here:
                report(api, item.finding, item.context)
            else:
                moved = Finding(item.finding.severity, f"`{func.name}`: {item.finding.message}")
                report(api, moved, fallback)


def _source(func: FuncDef, index: ModuleIndex | None) -> Source | None:
    """Where `func` is written, when it is in the module being checked."""
    if index is None or not index.defines(func):
        return None
    tree = index.tree
    return Source(tree.path, lambda name: _class_named(tree, name))


def _class_named(tree: MypyFile, dotted: str) -> TypeInfo | None:
    """The class `dotted` (`Row`, `models.Row`) names in module `tree`."""
    names = tree.names
    node: SymbolNode | None = None
    for part in dotted.split("."):
        symbol = names.get(part)
        node = symbol.node if symbol is not None else None
        if isinstance(node, (MypyFile, TypeInfo)):
            names = node.names
        else:
            return None
    return node if isinstance(node, TypeInfo) else None


def _decorated_function(ctx: FunctionContext) -> FuncDef | None:
    """The function given to `pyfunc(func)` (the bare decorator form), if any."""
    if not ctx.arg_types or "validate_output" in ctx.callee_arg_names:
        return None
    types = ctx.arg_types[0]
    callable_type = get_proper_type(types[0]) if types else None
    if isinstance(callable_type, CallableType) and isinstance(callable_type.definition, FuncDef):
        return callable_type.definition
    return None


def _flag(names: list[str | None], args: list[list[Expression]], name: str) -> bool:
    """True when keyword argument `name` of the call is the literal `True`."""
    if name not in names:
        return False
    values = args[names.index(name)]
    return len(values) == 1 and _is_true(values[0])


def _is_true(expr: Expression | None) -> bool:
    return isinstance(expr, NameExpr) and expr.fullname == "builtins.True"


def _class_flag(info: TypeInfo, name: str) -> bool:
    """A `PythonModel` class flag (`validate_unions`): a class keyword or attribute.

    The nearest class in the MRO that sets it, by keyword (`class M(PythonModel,
    validate_unions=True)`) or in its body (`validate_unions = True`), decides.
    """
    for base in info.mro:
        if base.fullname == PYTHON_MODEL:
            return False
        if name in base.defn.keywords:
            return _is_true(base.defn.keywords[name])
        for stmt in base.defn.defs.body:
            if (
                isinstance(stmt, AssignmentStmt)
                and len(stmt.lvalues) == 1
                and isinstance(stmt.lvalues[0], NameExpr)
                and stmt.lvalues[0].name == name
            ):
                return _is_true(stmt.rvalue)
    return False


def _own_method(info: TypeInfo, name: str) -> FuncDef | None:
    """Method `name` defined in the class body itself, when hintsig wraps it."""
    symbol = info.names.get(name)
    node = symbol.node if symbol is not None else None
    if isinstance(node, Decorator) and not any(_is_pyfunc(d) for d in node.original_decorators):
        node = node.func
    if not isinstance(node, FuncDef) or node.is_static or node.is_class or node.is_property:
        return None  # not a plain function in the class body: hintsig does not wrap it
    return node


def _is_pyfunc(decorator: Expression) -> bool:
    """True for `@pyfunc` and `@pyfunc(...)` (checked through the decorator hook)."""
    if isinstance(decorator, CallExpr):
        decorator = decorator.callee
    return isinstance(decorator, RefExpr) and decorator.fullname == PYFUNC
