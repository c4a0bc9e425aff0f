"""What changed between two model signatures, and whether each change breaks callers.

`diff_signatures(old, new)` lists every change, each with its path (`inputs['age']`,
`inputs[0].messages[*].role`, `params['top_k']`), what changed, and its class:

* **breaking**: a new required input, field or param without a default; an optional input or
  field made required; a narrowed type (`double -> float`, `Any -> string`, a wider tensor
  dtype to a narrower one); a changed tensor shape; an input field removed (objects refuse
  fields they do not declare); an output removed, or its type changed in any way;
* **compatible**: a new optional input or field, a new param with a default; a type widened
  along the safe casts (`integer -> long`, `float -> double`, anything `-> Any`); an input
  removed (callers' extra columns are dropped) or a param removed (callers that still pass it
  get a warning); a new output; a param's default changed.

Widening follows the cast table schema enforcement uses (`SAFE_CASTS`): a type widens to
another when every column the first accepts, the second accepts too.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Literal

from hintsig.models._column_casts import SAFE_CASTS
from hintsig.types.schema import (
    AnyType,
    Array,
    ColSpec,
    ColType,
    DataType,
    Map,
    ModelSignature,
    Object,
    ParamSchema,
    ParamSpec,
    Property,
    Schema,
    Spec,
    TensorSpec,
)

if TYPE_CHECKING:
    import numpy as np

__all__ = ["SignatureChange", "SignatureDiff", "diff_signatures"]

Section = Literal["inputs", "outputs", "params"]


@dataclass(frozen=True, slots=True)
class SignatureChange:
    """One difference between two signatures.

    `path` names what changed (`inputs['age']`, `outputs[0]`, `params['top_k']`, with
    `.field`, `[*]` (array items) and `.*` (map values) inside a type); `kind` is one of
    `added`, `removed`, `type`, `required`, `shape`, `default`, `schema`; `description`
    says what it was and what it is.
    """

    path: str
    kind: str
    description: str
    breaking: bool

    def __str__(self) -> str:
        label = "BREAKING" if self.breaking else "compatible"
        return f"{label:<10}  {self.path}: {self.description}"

    def to_dict(self) -> dict[str, Any]:
        return {
            "path": self.path,
            "kind": self.kind,
            "description": self.description,
            "breaking": self.breaking,
        }


@dataclass(frozen=True, slots=True)
class SignatureDiff:
    """Every change from one signature to another, in the order inputs, outputs, params."""

    changes: tuple[SignatureChange, ...]

    @property
    def breaking(self) -> bool:
        """True when at least one change breaks callers of the old signature."""
        return any(change.breaking for change in self.changes)

    @property
    def breaking_changes(self) -> list[SignatureChange]:
        return [change for change in self.changes if change.breaking]

    @property
    def compatible_changes(self) -> list[SignatureChange]:
        return [change for change in self.changes if not change.breaking]

    def __iter__(self) -> Iterator[SignatureChange]:
        return iter(self.changes)

    def __len__(self) -> int:
        return len(self.changes)

    @property
    def summary(self) -> str:
        """One line: how many changes, how many of them breaking."""
        if not self.changes:
            return "No signature changes."
        breaking = len(self.breaking_changes)
        count = f"{len(self.changes)} change{'s' if len(self.changes) != 1 else ''}"
        return f"{count}: {breaking} breaking, {len(self.changes) - breaking} compatible."

    def __str__(self) -> str:
        return "\n".join([*(str(change) for change in self.changes), self.summary])

    def to_dict(self) -> dict[str, Any]:
        return {"breaking": self.breaking, "changes": [c.to_dict() for c in self.changes]}


def diff_signatures(old: ModelSignature | None, new: ModelSignature | None) -> SignatureDiff:
    """Every change from `old` to `new` (None: a model without a signature), classified."""
    old_inputs, old_outputs = (None, None) if old is None else (old.inputs, old.outputs)
    new_inputs, new_outputs = (None, None) if new is None else (new.inputs, new.outputs)
    changes = [
        *_diff_schemas("inputs", old_inputs, new_inputs),
        *_diff_schemas("outputs", old_outputs, new_outputs),
        *_diff_params(_params(old), _params(new)),
    ]
    return SignatureDiff(tuple(changes))


def _params(signature: ModelSignature | None) -> dict[str, ParamSpec]:
    params: ParamSchema | None = None if signature is None else signature.params
    return {} if params is None else {spec.name: spec for spec in params}


# ----------------------------------------------------------------------------- schemas


def _diff_schemas(
    section: Section, old: Schema | None, new: Schema | None
) -> list[SignatureChange]:
    if old is None or new is None:
        return [] if old is new else [_schema_presence(section, old is None)]
    layout = _layout_change(section, old, new)
    if layout is not None:
        return [layout]
    old_specs, new_specs = _keyed(old), _keyed(new)
    changes: list[SignatureChange] = []
    for key, spec in old_specs.items():
        path = f"{section}[{key!r}]"
        if key in new_specs:
            changes.extend(_diff_specs(section, path, spec, new_specs[key]))
        else:
            changes.append(_removed_spec(section, path))
    changes.extend(
        _added_spec(section, f"{section}[{key!r}]", spec)
        for key, spec in new_specs.items()
        if key not in old_specs
    )
    return changes


def _schema_presence(section: Section, added: bool) -> SignatureChange:
    """An input or output schema that appears or disappears as a whole."""
    if section == "inputs":
        if added:
            text = "input schema added: the new model validates inputs the old one accepted as is"
            return SignatureChange(section, "schema", text, True)
        text = "input schema removed: the new model accepts any input"
        return SignatureChange(section, "schema", text, False)
    if added:
        return SignatureChange(section, "schema", "output schema added", False)
    return SignatureChange(section, "schema", "output schema removed", True)


def _layout_change(section: Section, old: Schema, new: Schema) -> SignatureChange | None:
    """A change between columns and tensors, or between named and unnamed inputs."""
    for old_has, new_has, what in (
        (old.is_tensor_spec(), new.is_tensor_spec(), ("columns", "tensors")),
        (old.has_input_names(), new.has_input_names(), ("unnamed", "named")),
    ):
        if old_has != new_has:
            text = f"changed from {what[old_has]} to {what[new_has]} {section}"
            return SignatureChange(section, "schema", text, True)
    return None


def _keyed(schema: Schema) -> dict[str | int, Spec]:
    return {spec.name if spec.name is not None else i: spec for i, spec in enumerate(schema)}


def _added_spec(section: Section, path: str, spec: Spec) -> SignatureChange:
    shown = _spec_type(spec)
    if section == "outputs":
        return SignatureChange(path, "added", f"new output ({shown})", False)
    if spec.required:
        return SignatureChange(path, "added", f"new required input ({shown})", True)
    return SignatureChange(path, "added", f"new optional input ({shown})", False)


def _removed_spec(section: Section, path: str) -> SignatureChange:
    if section == "outputs":
        return SignatureChange(path, "removed", "output removed", True)
    text = "input removed (callers may still send it: extra inputs are dropped)"
    return SignatureChange(path, "removed", text, False)


def _spec_type(spec: Spec) -> str:
    if isinstance(spec, TensorSpec):
        return f"tensor {spec.type.name} {spec.shape}"
    return f"{spec.type}"  # a DataType by its bare name


def _diff_specs(section: Section, path: str, old: Spec, new: Spec) -> list[SignatureChange]:
    if isinstance(old, TensorSpec) and isinstance(new, TensorSpec):
        return _diff_tensors(section, path, old, new)
    assert isinstance(old, ColSpec) and isinstance(new, ColSpec)
    changes = _diff_types(section, path, old.type, new.type)
    if bool(old.required) != bool(new.required):  # None (unset) counts as optional
        changes.append(_required_change(section, path, bool(new.required)))
    return changes


def _diff_tensors(
    section: Section, path: str, old: TensorSpec, new: TensorSpec
) -> list[SignatureChange]:
    changes = []
    if old.type != new.type:
        widened = section == "inputs" and _dtype_widens(old.type, new.type)
        text = f"dtype {old.type.name} -> {new.type.name} ({_direction(section, widened)})"
        changes.append(SignatureChange(path, "type", text, not widened))
    if old.shape != new.shape:
        changes.append(SignatureChange(path, "shape", f"shape {old.shape} -> {new.shape}", True))
    return changes


def _dtype_widens(old: np.dtype[Any], new: np.dtype[Any]) -> bool:
    """True when every `old` value fits `new` exactly (numpy's safe casts, less the integer to
    float casts of the same size, which round large integers)."""
    import numpy as np

    if old.kind in "iu" and new.kind == "f" and old.itemsize >= new.itemsize:
        return False
    return bool(np.can_cast(old, new, casting="safe"))


def _required_change(section: Section, path: str, required: bool) -> SignatureChange:
    """An input or field made required (or optional); for outputs the reverse breaks."""
    text = "optional -> required" if required else "required -> optional"
    breaking = required if section != "outputs" else not required
    return SignatureChange(path, "required", text, breaking)


# ----------------------------------------------------------------------------- types


def _diff_types(section: Section, path: str, old: ColType, new: ColType) -> list[SignatureChange]:
    """The changes from type `old` to type `new` at `path`, recursing into composite types."""
    if old == new:
        return []
    match old, new:
        case Array(dtype=old_items), Array(dtype=new_items):
            return _diff_types(section, f"{path}[*]", old_items, new_items)
        case Map(value_type=old_values), Map(value_type=new_values):
            return _diff_types(section, f"{path}.*", old_values, new_values)
        case Object(), Object():
            return _diff_objects(section, path, old, new)
    widened = section != "outputs" and _widens(old, new)
    text = f"{old} -> {new} ({_direction(section, widened, _widens(new, old))})"
    return [SignatureChange(path, "type", text, not widened)]


def _widens(old: ColType, new: ColType) -> bool:
    """True when every value of type `old` is a value of type `new`."""
    if isinstance(new, AnyType):
        return True
    if isinstance(old, DataType) and isinstance(new, DataType):
        accepted = SAFE_CASTS[new]
        return all(
            kind in accepted and size <= accepted[kind] for kind, size in SAFE_CASTS[old].items()
        )
    return False


def _direction(section: Section, widened: bool, narrowed: bool = False) -> str:
    if section == "outputs":
        return "changed"
    if widened:
        return "widened"
    return "narrowed" if narrowed else "changed"


def _diff_objects(section: Section, path: str, old: Object, new: Object) -> list[SignatureChange]:
    old_props = {p.name: p for p in old.properties}
    new_props = {p.name: p for p in new.properties}
    changes: list[SignatureChange] = []
    for name, prop in old_props.items():
        where = f"{path}.{name}"
        if name not in new_props:
            changes.append(_removed_field(section, where))
            continue
        changes.extend(_diff_types(section, where, prop.dtype, new_props[name].dtype))
        if prop.required != new_props[name].required:
            changes.append(_required_change(section, where, new_props[name].required))
    changes.extend(
        _added_field(section, f"{path}.{name}", prop)
        for name, prop in new_props.items()
        if name not in old_props
    )
    return changes


def _added_field(section: Section, path: str, prop: Property) -> SignatureChange:
    word = "required" if prop.required else "optional"
    if section == "outputs":
        return SignatureChange(path, "added", f"new {word} output field ({prop.dtype})", True)
    return SignatureChange(path, "added", f"new {word} field ({prop.dtype})", prop.required)


def _removed_field(section: Section, path: str) -> SignatureChange:
    if section == "outputs":
        return SignatureChange(path, "removed", "output field removed", True)
    text = "field removed (callers that still send it fail: objects refuse unknown fields)"
    return SignatureChange(path, "removed", text, True)


# ----------------------------------------------------------------------------- params


def _diff_params(
    old: Mapping[str, ParamSpec], new: Mapping[str, ParamSpec]
) -> list[SignatureChange]:
    changes: list[SignatureChange] = []
    for name, spec in old.items():
        path = f"params[{name!r}]"
        if name in new:
            changes.extend(_diff_param(path, spec, new[name]))
        else:
            text = "param removed (callers that still pass it get a warning)"
            changes.append(SignatureChange(path, "removed", text, False))
    for name, spec in new.items():
        if name not in old:
            changes.append(_added_param(f"params[{name!r}]", spec))
    return changes


def _added_param(path: str, spec: ParamSpec) -> SignatureChange:
    shown = _param_type(spec)
    if spec.default is None:
        return SignatureChange(path, "added", f"new param without a default ({shown})", True)
    text = f"new param ({shown}, default {spec.default!r})"
    return SignatureChange(path, "added", text, False)


def _param_type(spec: ParamSpec) -> str:
    return f"list of {spec.dtype}" if spec.shape is not None else f"{spec.dtype}"


def _diff_param(path: str, old: ParamSpec, new: ParamSpec) -> list[SignatureChange]:
    changes = _diff_types("params", path, old.dtype, new.dtype)
    if old.shape != new.shape:
        text = f"shape {_param_shape(old)} -> {_param_shape(new)}"
        changes.append(SignatureChange(path, "shape", text, True))
    if old.default != new.default:
        changes.append(_default_change(path, old.default, new.default))
    return changes


def _param_shape(spec: ParamSpec) -> str:
    return "scalar" if spec.shape is None else "list"


def _default_change(path: str, old: Any, new: Any) -> SignatureChange:
    if new is None:
        return SignatureChange(path, "default", f"default removed (was {old!r})", True)
    if old is None:
        return SignatureChange(path, "default", f"default added ({new!r})", False)
    return SignatureChange(path, "default", f"default {old!r} -> {new!r}", False)
