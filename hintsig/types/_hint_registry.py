"""The translator registry: one ordered list of small functions, one per kind of hint.

A translator turns one (normalised) type hint into a `Translation`: the schema type that
describes its values and the Python type pydantic validates them against. The built-in
translators (`_hint_builtins`) register through `register_translator`, the same function
plugins use; plugins named in the `hintsig.translators` entry-point group are loaded the
first time a hint is translated.

Translation goes in three steps:
1. `normalise` folds `Annotated`, type aliases, `NewType` and `X | Y` into one form;
2. the first registered translator whose predicate accepts the hint handles it;
3. a hint no translator accepts is unsupported.
"""

from __future__ import annotations

import os
import sys
import threading
import types
import typing
import warnings
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Annotated, Any, NoReturn, TypeAlias, Union, cast, overload

from typing_extensions import TypeAliasType

from hintsig.exceptions import HintsigException, InvalidHintError, UnsupportedHintWarning
from hintsig.types.schema import ColType

__all__ = [
    "ENTRY_POINT_GROUP",
    "Handler",
    "Predicate",
    "Translation",
    "TranslationContext",
    "TypeFromExample",
    "Unsupported",
    "external_stacklevel",
    "install_builtins",
    "hint_repr",
    "is_type_from_example",
    "normalise",
    "register_translator",
    "translate",
    "warn_notes",
    "with_metadata",
]

#: The entry-point group whose callables register plugin translators.
ENTRY_POINT_GROUP = "hintsig.translators"


class _FromExample:
    """Marks the `TypeFromExample` hint (`Annotated[Any, <this>]`)."""

    def __repr__(self) -> str:
        return "TypeFromExample"


#: A `predict` input hint meaning "the type of the input example given when the model is
#: saved". Type checkers see `Any`; hintsig records the example's type instead of a hint's.
TypeFromExample: TypeAlias = Annotated[Any, _FromExample()]


@dataclass(frozen=True, slots=True)
class Translation:
    """What one type hint means to hintsig.

    `schema_type` describes its values in a schema; it is None for hints accepted as a whole
    `predict` input without a schema (`pd.DataFrame`, `np.ndarray`, `TypeFromExample`).
    `python_type` is what pydantic validates values against (`Any`: not checked).
    `required` is False for `Optional[...]`, which only a pydantic model field may use.
    """

    schema_type: ColType | None
    python_type: Any = Any
    required: bool = True


class Unsupported(Exception):
    """Raised by a translator for a hint hintsig accepts but cannot describe or validate."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


@dataclass(frozen=True, slots=True)
class TranslationContext:
    """Where a translator is working, and the way to translate the hints nested in its hint.

    `where` names the position in the hint being translated (`list[Message].tags`);
    `in_model` is True inside a pydantic model, whose own validation covers every field;
    `notes` collects the warnings to give; `models` are the models being translated (a
    model met again inside itself is recursive). `validate_unions` is True when the
    decorated `predict` asked for its unions to be validated (`validate_unions=True`).
    """

    where: str
    in_model: bool = False
    notes: list[str] = field(default_factory=list)
    models: tuple[type, ...] = ()
    validate_unions: bool = False

    def translate(self, hint: Any) -> Translation:
        """The translation of a hint nested in the current one (a list element, a value)."""
        return translate(hint, self)

    def for_field(self, model: type, name: str) -> TranslationContext:
        """The context of field `name` of the pydantic model `model`."""
        return TranslationContext(
            where=f"{self.where}.{name}",
            in_model=True,
            notes=self.notes,
            models=(*self.models, model),
            validate_unions=self.validate_unions,
        )

    def invalid(self, hint: Any, problem: str) -> NoReturn:
        """Refuse `hint`: raise `InvalidHintError` naming it, where it sits and the fix."""
        raise InvalidHintError(f"Invalid type hint {self._locate(hint)}: {problem}")

    def unsupported(self, hint: Any, reason: str) -> NoReturn:
        """Give up on `hint`: the caller warns and skips validation."""
        raise Unsupported(f"Unsupported type hint {self._locate(hint)}: {reason}")

    def note_unvalidated(self, hint: Any, reason: str) -> None:
        """Record that values of `hint` are not validated (one warning per decoration)."""
        self.notes.append(f"Type hint {self._locate(hint)} is not validated: {reason}")

    def note(self, hint: Any, text: str) -> None:
        """Record a warning about how `hint` is translated (one per decoration)."""
        note = f"Type hint {self._locate(hint)}: {text}"
        if note not in self.notes:
            self.notes.append(note)

    def _locate(self, hint: Any) -> str:
        shown = hint_repr(hint)
        if self.where == shown:
            return f"`{shown}`"
        if self.in_model:  # `where` is a field path: `list[Message].tags: set[str]`
            return f"`{self.where}: {shown}`"
        return f"`{shown}` in `{self.where}`"


Predicate: TypeAlias = Callable[[Any], bool]
Handler: TypeAlias = Callable[[Any, TranslationContext], Translation]

_registry: list[tuple[Predicate, Handler]] = []
_lock = threading.RLock()
_loaded = False


@overload
def register_translator(
    predicate: Predicate, handler: None = None, *, first: bool = False
) -> Callable[[Handler], Handler]: ...


@overload
def register_translator(
    predicate: Predicate, handler: Handler, *, first: bool = False
) -> Handler: ...


def register_translator(
    predicate: Predicate, handler: Handler | None = None, *, first: bool = False
) -> Handler | Callable[[Handler], Handler]:
    """Add a translator: `handler(hint, context)` translates every hint `predicate` accepts.

    Translators are tried in registration order (built-ins first, then plugins); `first=True`
    puts this one before all others. Both receive the normalised hint (no `Annotated`, no
    alias; `X | Y` as `typing.Union`). Usable as a decorator: `@register_translator(pred)`.
    """

    def add(func: Handler) -> Handler:
        with _lock:
            entry = (predicate, func)
            if first:
                _registry.insert(0, entry)
            else:
                _registry.append(entry)
        return func

    return add if handler is None else add(handler)


#: Installed by `hintsig.types._hint_builtins` when it is imported (it sits above this module):
#: the function registering the built-in translators, and the one saying why no translator
#: accepts a hint and what to write instead.
_builtins: tuple[Callable[[], None], Callable[[Any], str]] | None = None


def install_builtins(register: Callable[[], None], no_mapping_fix: Callable[[Any], str]) -> None:
    """Called once by `_hint_builtins`: how to load the built-ins and explain a refused hint."""
    global _builtins
    _builtins = (register, no_mapping_fix)


def _ensure_loaded() -> None:
    if not _loaded:
        _load_translators()


def _load_translators() -> None:
    """Register the built-in translators, then the plugins' (once, on first use)."""
    global _loaded
    with _lock:
        if _loaded:
            return
        _loaded = True
        if _builtins is None:
            raise RuntimeError("hintsig.types._hint_builtins was not imported")
        _builtins[0]()
        _load_plugins()


def _load_plugins() -> None:
    from importlib.metadata import entry_points

    for entry in entry_points(group=ENTRY_POINT_GROUP):
        try:
            register = entry.load()
            register()
        except Exception as exc:
            raise HintsigException(
                f"The type-hint translator plugin {entry.name!r} ({entry.value}) failed to "
                f"load: {type(exc).__name__}: {exc}"
            ) from exc


def translate(hint: Any, context: TranslationContext) -> Translation:
    """Translate `hint` with the first translator that accepts it; keeps `Annotated` metadata."""
    _ensure_loaded()
    bare, metadata = normalise(hint, context)
    for predicate, handler in _registry:
        if predicate(bare):
            result = handler(bare, context)
            if metadata and result.python_type is not Any:
                return Translation(
                    result.schema_type, with_metadata(result.python_type, metadata), result.required
                )
            return result
    assert _builtins is not None  # _ensure_loaded() checked it
    context.unsupported(bare, _builtins[1](bare))


_UNION_ORIGINS: tuple[Any, ...] = (Union, types.UnionType)


def _typing_alias_types() -> tuple[type, ...]:
    alias: type | None = getattr(typing, "TypeAliasType", None)  # Python 3.12+
    return () if alias is None else (alias,)


def normalise(hint: Any, context: TranslationContext | None = None) -> tuple[Any, tuple[Any, ...]]:
    """`hint` without `Annotated`, aliases or `NewType`, and its `Annotated` metadata.

    `X | Y` becomes `typing.Union[X, Y]`; `TypeFromExample` is kept as it is.
    """
    metadata: list[Any] = []
    while True:
        if is_type_from_example(hint):
            return TypeFromExample, ()
        if typing.get_origin(hint) is Annotated:
            metadata[:0] = hint.__metadata__
            hint = hint.__origin__
        elif _is_type_alias(hint):
            hint = hint.__value__
        elif isinstance(hint, typing.NewType):
            hint = hint.__supertype__
        elif isinstance(hint, (str, typing.ForwardRef)):
            message = "a forward reference that could not be resolved; define the type first"
            if context is None:
                raise InvalidHintError(f"Invalid type hint `{hint_repr(hint)}`: {message}")
            context.invalid(hint, message)
        else:
            break
    if isinstance(hint, types.UnionType):
        hint = Union[hint.__args__]  # noqa: UP007
    return hint, tuple(metadata)


_ALIAS_TYPES: tuple[type, ...] = (TypeAliasType, *_typing_alias_types())


def _is_type_alias(hint: Any) -> bool:
    """True for a `type X = ...` alias (typing's or typing_extensions')."""
    return isinstance(hint, _ALIAS_TYPES)


def is_type_from_example(hint: Any) -> bool:
    """True for `TypeFromExample` (also inside another `Annotated`)."""
    return typing.get_origin(hint) is Annotated and any(
        isinstance(m, _FromExample) for m in hint.__metadata__
    )


def with_metadata(python_type: Any, metadata: tuple[Any, ...]) -> Any:
    """`Annotated[python_type, *metadata]` (or `python_type` itself without metadata)."""
    if not metadata:
        return python_type
    params = (python_type, *metadata)
    return cast(Any, Annotated)[params]


def hint_repr(hint: Any) -> str:
    """A short, readable form of a hint: `list[Message]`, `dict[str, int]`, `int | None`."""
    if hint is type(None) or hint is None:
        return "None"
    if is_type_from_example(hint):
        return "TypeFromExample"
    origin = typing.get_origin(hint)
    args = typing.get_args(hint)
    if origin in _UNION_ORIGINS:
        return " | ".join(hint_repr(a) for a in args)
    if origin is typing.Literal:
        return f"Literal[{', '.join(repr(a) for a in args)}]"
    if origin is Annotated:
        return hint_repr(hint.__origin__)
    if origin is not None:
        name = _name(origin)
        return f"{name}[{', '.join(hint_repr(a) for a in args)}]" if args else name
    return _name(hint)


def _name(obj: Any) -> str:
    if obj is Any:
        return "Any"
    if obj is Ellipsis:  # `tuple[int, ...]`
        return "..."
    if isinstance(obj, type):
        return obj.__qualname__ if "<locals>" not in obj.__qualname__ else obj.__name__
    text = getattr(obj, "_name", None) or repr(obj)
    return str(text).removeprefix("typing.").removeprefix("typing_extensions.")


def warn_notes(notes: typing.Iterable[str], prefix: str = "") -> None:
    """Emit each translation note as an `UnsupportedHintWarning` at the user's code."""
    for note in notes:
        warnings.warn(prefix + note, UnsupportedHintWarning, stacklevel=external_stacklevel())


_PACKAGE_DIR = os.path.dirname(os.path.dirname(os.path.abspath(__file__))) + os.sep


def external_stacklevel() -> int:
    """The `stacklevel` that points a warning at the first frame outside hintsig."""
    frame = sys._getframe(1)
    level = 1
    while frame.f_back is not None and frame.f_code.co_filename.startswith(_PACKAGE_DIR):
        frame = frame.f_back
        level += 1
    return level
