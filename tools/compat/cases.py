# ruff: noqa: E501 (case code is data: one snippet per line reads best)
"""The differential corpus: user code that runs unchanged under `mlflow` and `hintsig`.

Each case is `(id, category, code)`; `code` uses the names `engine.namespace` provides
(`infer_signature`, `Schema`, `ColSpec`, `enforce(signature, data)`, `save(model, ...)`, ...)
and is one expression or sets `result`. Categories: schema, infer, hints, validation,
enforcement, examples, files.
"""

from __future__ import annotations

__all__ = ["CASES"]

Case = tuple[str, str, str]
CASES: list[Case] = []


def _add(category: str, case_id: str, code: str) -> None:
    CASES.append((f"{category}/{case_id}", category, code.strip()))


# ----------------------------------------------------------------------------- schema

_DTYPES = ["boolean", "integer", "long", "float", "double", "string", "binary", "datetime"]
for _t in _DTYPES:
    _add("schema", f"colspec-repr-{_t}", f'repr(ColSpec("{_t}", "x"))')
    _add("schema", f"colspec-str-unnamed-{_t}", f'str(ColSpec("{_t}"))')
    _add("schema", f"colspec-optional-{_t}", f'repr(ColSpec("{_t}", "x", required=False))')
    _add("schema", f"colspec-dict-{_t}", f'ColSpec(DataType.{_t}, "c").to_dict()')
    _add("schema", f"dtype-to-pandas-{_t}", f"str(DataType.{_t}.to_pandas())")
    _add("schema", f"dtype-to-python-{_t}", f"DataType.{_t}.to_python().__name__")
    _add("schema", f"dtype-to-numpy-{_t}", f"str(DataType.{_t}.to_numpy())")
    _add("schema", f"array-repr-{_t}", f"repr(Array(DataType.{_t}))")
    _add("schema", f"map-repr-{_t}", f'repr(Map("{_t}"))')
    _add("schema", f"schema-str-{_t}", f'str(Schema([ColSpec("{_t}", "a"), ColSpec("{_t}")]))')
    _add(
        "schema",
        f"paramspec-repr-{_t}",
        f'repr(ParamSpec("p", "{_t}", None))'
        if _t != "binary"
        else 'repr(ParamSpec("p", "binary", b"x"))',
    )

_SCHEMA_CODE = {
    "anytype-repr": "repr(AnyType())",
    "anytype-str": "str(AnyType())",
    "anytype-colspec": 'repr(ColSpec(AnyType(), "a"))',
    "anytype-json": "Schema([ColSpec(AnyType(), 'a')]).to_json()",
    "object-repr": 'repr(Object([Property("a", "long"), Property("b", "string", required=False)]))',
    "object-str": 'str(Object([Property("a", "long")]))',
    "property-repr": 'repr(Property("a", "long"))',
    "object-nested": 'repr(Object([Property("o", Object([Property("x", Array("double"))]))]))',
    "array-nested-repr": 'repr(Array(Array("string")))',
    "array-of-object": 'repr(Array(Object([Property("a", "long")])))',
    "map-of-array": 'repr(Map(Array("long")))',
    "schema-repr": 'repr(Schema([ColSpec("long", "a"), ColSpec("string", "b", required=False)]))',
    "schema-str-object": 'str(Schema([ColSpec(Object([Property("a", "long")]), "o")]))',
    "tensor-repr": "repr(TensorSpec(np.dtype(np.float32), (-1, 28, 28, 1)))",
    "tensor-repr-named": 'repr(TensorSpec(np.dtype("int64"), (-1, 3), "x"))',
    "tensor-str": 'str(TensorSpec(np.dtype("uint8"), (-1,), "img"))',
    "tensor-to-dict": "TensorSpec(np.dtype(np.float32), (-1, 10)).to_dict()",
    "tensor-to-dict-named": 'TensorSpec(np.dtype(np.float32), (-1, 10), "t").to_dict()',
    "tensor-schema-str": 'str(Schema([TensorSpec(np.dtype("float64"), (-1, 2), "a")]))',
    "tensor-schema-json": "Schema([TensorSpec(np.dtype(np.float32), (-1, 28, 28, 1))]).to_json()",
    "tensor-bad-dtype": 'TensorSpec("float32", (-1,))',
    "tensor-bad-shape": 'TensorSpec(np.dtype("float32"), "(-1,)")',
    "paramschema-repr": 'repr(ParamSchema([ParamSpec("t", "double", 0.7), ParamSpec("k", "long", 1)]))',
    "paramschema-str": 'str(ParamSchema([ParamSpec("t", "double", 0.7)]))',
    "paramspec-list-default": 'repr(ParamSpec("stop", "string", [".", "!"], (-1,)))',
    "paramspec-list-default-dict": 'ParamSpec("stop", "string", [".", "!"], (-1,)).to_dict()',
    "paramspec-empty-list": 'ParamSpec("stop", "string", [], (-1,)).to_dict()',
    "paramspec-list-no-shape": 'ParamSpec("stop", "string", ["a"])',
    "paramspec-bad-default": 'ParamSpec("k", "long", "x")',
    "paramspec-float-for-long": 'ParamSpec("k", "long", 1.5)',
    "paramspec-int-for-double": 'ParamSpec("t", "double", 1).to_dict()',
    "paramspec-datetime": 'ParamSpec("d", "datetime", dt.datetime(2024, 1, 2, 3, 4)).to_dict()',
    "paramspec-object": 'ParamSpec("o", Object([Property("a", "long")]), {"a": 1}).to_dict()',
    "paramschema-from-json-nodefault": (
        'ParamSchema.from_json(\'[{"name": "t", "type": "double", "shape": null}]\').to_dict()'
    ),
    "paramschema-from-json": (
        'ParamSchema.from_json(\'[{"name": "t", "type": "double", "default": 0.5, "shape": null}]\')'
        ".to_dict()"
    ),
    "signature-empty": "ModelSignature().to_dict()",
    "signature-empty-repr": "repr(ModelSignature())",
    "signature-from-dict-empty": "ModelSignature.from_dict({}).to_dict()",
    "signature-repr": 'repr(ModelSignature(Schema([ColSpec("long", "a")]), Schema([ColSpec("double")])))',
    "signature-str": 'str(ModelSignature(Schema([ColSpec("long", "a")])))',
    "signature-eq": (
        'ModelSignature(Schema([ColSpec("long", "a")])) == ModelSignature(Schema([ColSpec("long", "a")]))'
    ),
    "signature-params-dict": (
        'ModelSignature(Schema([ColSpec("string")]), None, ParamSchema([ParamSpec("t", "double", 0.1)]))'
        ".to_dict()"
    ),
    "schema-inputs": 'Schema([ColSpec("long", "a"), ColSpec("string", "b")]).inputs',
    "schema-input-names": 'Schema([ColSpec("long", "a"), ColSpec("string", "b")]).input_names()',
    "schema-input-names-unnamed": 'Schema([ColSpec("long"), ColSpec("string")]).input_names()',
    "schema-input-types": 'Schema([ColSpec("long", "a"), ColSpec("string", "b")]).input_types()',
    "schema-required-names": (
        'Schema([ColSpec("long", "a"), ColSpec("string", "b", required=False)]).required_input_names()'
    ),
    "schema-optional-names": (
        'Schema([ColSpec("long", "a"), ColSpec("string", "b", required=False)]).optional_input_names()'
    ),
    "schema-pandas-types": 'Schema([ColSpec("long", "a"), ColSpec("string", "b")]).pandas_types()',
    "schema-numpy-types": 'Schema([ColSpec("long", "a"), ColSpec("float", "b")]).numpy_types()',
    "schema-has-names": 'Schema([ColSpec("long", "a")]).has_input_names()',
    "schema-is-tensor": 'Schema([TensorSpec(np.dtype("int8"), (-1,))]).is_tensor_spec()',
    "schema-mixed-named": 'Schema([ColSpec("long", "a"), ColSpec("long")])',
    "schema-mixed-kinds": 'Schema([ColSpec("long", "a"), TensorSpec(np.dtype("int8"), (-1,), "b")])',
    "schema-empty": "Schema([])",
    "schema-duplicate-names": 'Schema([ColSpec("long", "a"), ColSpec("long", "a")])',
    "schema-int-name": 'Schema.from_json(\'[{"type": "long", "name": 0}]\').to_json()',
    "schema-int-name-repr": 'repr(Schema.from_json(\'[{"type": "long", "name": 0}, {"type": "long", "name": 1}]\'))',
    "schema-to-dict": 'Schema([ColSpec("long", "a")]).to_dict()',
    "colspec-bad-type": 'ColSpec("int128", "a")',
    "colspec-required-default": 'ColSpec("long", "a").required',
    "colspec-eq": 'ColSpec("long", "a") == ColSpec(DataType.long, "a")',
    "dtype-from-name": 'DataType.from_numpy_type(np.dtype("int32"))',
    "dtype-from-numpy-float": 'str(DataType.from_numpy_type(np.dtype("float32")))',
    "dtype-repr": "repr(DataType.long)",
    "dtype-str": "str(DataType.double)",
    "dtype-name": "DataType.binary.name",
    "dtype-members": "[t.name for t in DataType]",
    "from-json-array": 'Schema.from_json(\'[{"type": "array", "items": {"type": "long"}, "name": "a"}]\').to_json()',
    "from-json-map": 'Schema.from_json(\'[{"type": "map", "values": {"type": "string"}}]\').to_json()',
    "from-json-object": (
        'Schema.from_json(\'[{"type": "object", "properties": {"x": {"type": "long"}}, "name": "o"}]\')'
        ".to_json()"
    ),
    "from-json-any": 'Schema.from_json(\'[{"type": "any", "name": "a"}]\').to_json()',
    "from-json-tensor": (
        'Schema.from_json(\'[{"type": "tensor", "tensor-spec": {"dtype": "float32", "shape": [-1, 2]}}]\')'
        ".to_json()"
    ),
    "from-json-optional": 'Schema.from_json(\'[{"type": "long", "name": "a", "required": false}]\').to_json()',
    "from-json-bad-type": 'Schema.from_json(\'[{"type": "nope", "name": "a"}]\')',
    "from-json-not-list": "Schema.from_json('{}')",
    "signature-from-dict-json": (
        'ModelSignature.from_dict({"inputs": \'[{"type": "long", "name": "a"}]\', "outputs": None}).to_dict()'
    ),
    "signature-from-dict-params": (
        'ModelSignature.from_dict({"inputs": \'[{"type": "string"}]\', "params": '
        '\'[{"name": "t", "type": "double", "default": 0.5, "shape": null}]\'}).to_dict()'
    ),
    "object-duplicate-props": 'Object([Property("a", "long"), Property("a", "string")])',
    "object-empty": "Object([])",
    "object-props-sorted": 'Object([Property("b", "long"), Property("a", "long")]).to_dict()',
    "map-bad": "Map(3)",
    "array-dict": 'Array("long").to_dict()',
    "map-dict": 'Map(Array("string")).to_dict()',
    "property-dict": 'Property("a", Array("long"), required=False).to_dict()',
}
for _k, _v in _SCHEMA_CODE.items():
    _add("schema", _k, _v)

# ----------------------------------------------------------------------------- infer

_INFER_INPUTS = {
    "str": '"hello"',
    "int": "3",
    "float": "1.5",
    "bool": "True",
    "bytes": 'b"x"',
    "none-only": "[None, None]",
    "list-str": '["a", "b"]',
    "list-int": "[1, 2]",
    "list-float": "[1.0, 2.5]",
    "list-bool": "[True, False]",
    "list-bytes": '[b"a", b"b"]',
    "list-mixed": '[1, "a"]',
    "list-int-float": "[1, 2.5]",
    "list-with-none": '["a", None]',
    "list-nested": "[[1, 2], [3]]",
    "list-nested-mixed": '[[1], ["a"]]',
    "list-dict-mixed-keys": '[{"a": 1}, {"b": "x"}]',
    "list-empty": "[]",
    "list-of-empty-lists": "[[], []]",
    "list-datetime": "[dt.datetime(2024, 1, 1)]",
    "list-date": "[dt.date(2024, 1, 1)]",
    "list-decimal": '[Decimal("1.5")]',
    "list-timedelta": "[dt.timedelta(days=1)]",
    "list-set": "[{1, 2}]",
    "list-tuple": "[(1, 2)]",
    "dict-scalars": '{"name": "Alice", "age": 30, "active": True}',
    "dict-nested": '{"user": {"id": 123, "tags": ["premium", "beta"]}, "scores": [0.8, 0.9, 0.7]}',
    "dict-none": '{"a": None}',
    "dict-none-and-value": '{"a": None, "b": 1}',
    "dict-int-keys": '{1: "a", 2: "b"}',
    "dict-mixed-keys": '{1: "a", "b": "c"}',
    "dict-empty": "{}",
    "dict-of-lists": '{"a": [1, 2], "b": ["x", "y"]}',
    "dict-mixed-list": '{"a": [1, "x"]}',
    "dict-empty-nested": '{"a": {}}',
    "dict-array-and-scalar": '{"a": np.array([1, 2]), "b": 3}',
    "dict-arrays": '{"a": np.array([1.0, 2.0]), "b": np.array([[1, 2]])}',
    "dict-decimal": '{"a": Decimal("2.5")}',
    "dict-timedelta": '{"a": dt.timedelta(seconds=3)}',
    "dict-datetime": '{"a": dt.datetime(2024, 1, 1, 12)}',
    "dict-date": '{"a": dt.date(2024, 1, 1)}',
    "dict-bytes": '{"a": b"xyz"}',
    "dict-set": '{"a": {1, 2}}',
    "dict-object": '{"a": object()}',
    "records-optional": '[{"name": "Alice", "email": "a@x"}, {"name": "Bob", "email": None}]',
    "records-missing-key": '[{"name": "Alice", "message": "Hello"}, {"message": "Hi there"}]',
    "records-conflict": '[{"level1": {"level2": "value"}}, {"level1": "direct_value"}]',
    "records-consistent": '[{"level1": {"level2": "v1"}}, {"level1": {"level2": "v2"}}]',
    "records-int-float": '[{"a": 1}, {"a": 2.5}]',
    "records-empty-dicts": "[{}, {}]",
    "records-one-empty": '[{"a": 1}, {}]',
    "records-nested-list": '[{"a": [1, 2]}, {"a": [3]}]',
    "records-nested-list-mixed": '[{"a": [1, 2]}, {"a": ["x"]}]',
    "messages": (
        '{"messages": [{"role": "system", "content": "You are helpful"}, '
        '{"role": "user", "content": "Hello!"}], "temperature": 0.7}'
    ),
    "complex-nested": (
        '{"user_data": {"id": 12345, "preferences": ["action", "comedy"], '
        '"metadata": {"created_date": "2023-01-01", "is_premium": True}}, '
        '"context": {"device": "mobile", "location": None}}'
    ),
    "np-int-2d": "np.array([[1, 2, 3], [4, 5, 6]])",
    "np-uint8-4d": "np.zeros((10, 28, 28, 1), dtype=np.uint8)",
    "np-float32-1d": "np.array([1.0, 2.0], dtype=np.float32)",
    "np-bool": "np.array([True, False])",
    "np-str": 'np.array(["a", "b"])',
    "np-object": 'np.array(["a", 1], dtype=object)',
    "np-0d": "np.array(5)",
    "np-0d-float": "np.array(2.5)",
    "np-empty": "np.zeros((0, 3))",
    "np-uint64": "np.array([1, 2], dtype=np.uint64)",
    "np-datetime64": 'np.array(["2024-01-01"], dtype="datetime64[ns]")',
    "np-scalar-int32": "np.int32(42)",
    "np-scalar-float32": "np.float32(3.14)",
    "np-scalar-bool": "np.bool_(True)",
    "np-scalar-bytes": 'np.bytes_(b"data")',
    "bytearray": 'bytearray(b"data")',
    "timestamp": 'pd.Timestamp("2023-01-01")',
    "dict-np-multi": '{"image": np.zeros((5, 4, 4, 3)), "mask": np.zeros((5, 4, 4, 1), dtype=np.int64)}',
    "df-basic": (
        'pd.DataFrame({"feature_1": [1.0, 2.0, 3.0], "feature_2": ["A", "B", "C"], '
        '"feature_3": [True, False, True]})'
    ),
    "df-optional": 'pd.DataFrame({"required_col": [1, 2, 3], "optional_col": [1.0, None, 3.0]})',
    "df-int-nan": 'pd.DataFrame({"int_col": [1, 2, None]})',
    "df-mixed": (
        'pd.DataFrame({"numbers": [1, 2, 3], "arrays": [[1, 2], [3, 4], [5, 6]], '
        '"objects": [{"a": 1}, {"b": 2}, {"c": 3}]})'
    ),
    "df-range-columns": "pd.DataFrame([[1, 2], [3, 4]])",
    "df-int-labels": "pd.DataFrame({0: [1.0], 1: ['a']})",
    "df-decimal": 'pd.DataFrame({"d": [Decimal("1.5"), Decimal("2")]})',
    "df-timedelta": 'pd.DataFrame({"t": pd.to_timedelta([1, 2], unit="s")})',
    "df-uint64": 'pd.DataFrame({"u": np.array([1, 2], dtype=np.uint64)})',
    "df-uint8": 'pd.DataFrame({"u": np.array([1, 2], dtype=np.uint8)})',
    "df-int8": 'pd.DataFrame({"u": np.array([1, 2], dtype=np.int8)})',
    "df-int16": 'pd.DataFrame({"u": np.array([1, 2], dtype=np.int16)})',
    "df-int32": 'pd.DataFrame({"u": np.array([1, 2], dtype=np.int32)})',
    "df-float16": 'pd.DataFrame({"u": np.array([1, 2], dtype=np.float16)})',
    "df-float32": 'pd.DataFrame({"u": np.array([1, 2], dtype=np.float32)})',
    "df-datetime": 'pd.DataFrame({"d": pd.to_datetime(["2024-01-01", "2024-01-02"])})',
    "df-datetime-tz": 'pd.DataFrame({"d": pd.to_datetime(["2024-01-01"]).tz_localize("UTC")})',
    "df-bytes": 'pd.DataFrame({"b": [b"a", b"b"]})',
    "df-mixed-object": 'pd.DataFrame({"m": [1, "a"]}, dtype=object)',
    "df-category": 'pd.DataFrame({"c": pd.Categorical(["a", "b"])})',
    "df-all-none": 'pd.DataFrame({"n": [None, None]})',
    "df-empty": "pd.DataFrame()",
    "df-empty-rows": 'pd.DataFrame({"a": pd.Series([], dtype="float64")})',
    "df-list-mixed": 'pd.DataFrame({"a": [[1], ["x"]]})',
    "df-dict-col-mixed": 'pd.DataFrame({"a": [{"x": 1}, {"x": "s"}]})',
    "df-str-nan": 'pd.DataFrame({"s": ["a", None]})',
    "df-bool-none": 'pd.DataFrame({"b": [True, None]})',
    "df-date-objects": 'pd.DataFrame({"d": [dt.date(2024, 1, 1)]})',
    "series-int": "pd.Series([1, 2, 3])",
    "series-named": 'pd.Series([1.0, 2.0], name="y")',
    "series-str": 'pd.Series(["a", "b"])',
    "series-mixed": 'pd.Series([1, "a"], dtype=object)',
    "series-lists": "pd.Series([[1, 2], [3]])",
}
for _k, _v in _INFER_INPUTS.items():
    _add("infer", f"in-{_k}", f"infer_signature({_v})")
_INFER_OUTPUTS = [
    "list-mixed", "list-str", "np-int-2d", "series-int", "df-basic", "dict-scalars",
    "records-conflict", "list-set", "dict-int-keys", "np-0d", "str", "list-empty",
    "df-range-columns", "list-nested-mixed", "dict-object", "list-decimal",
]  # fmt: skip
for _k in _INFER_OUTPUTS:
    _add("infer", f"out-{_k}", f'infer_signature(["x"], {_INFER_INPUTS[_k]})')
_PARAMS = {
    "scalars": '{"temperature": 0.3, "max_tokens": 50, "stop_sequences": [".", "!"]}',
    "bool-str": '{"do_sample": True, "name": "x"}',
    "empty-list": '{"stop": []}',
    "none": '{"a": None}',
    "dict": '{"cfg": {"a": 1, "b": "x"}}',
    "nested-list": '{"a": [[1, 2]]}',
    "mixed-list": '{"a": [1, "x"]}',
    "datetime": '{"d": dt.datetime(2024, 1, 1)}',
    "np-array": '{"a": np.array([1, 2])}',
    "np-scalar": '{"a": np.float32(1.5)}',
    "bytes": '{"b": b"x"}',
    "int-keys": "{1: 2}",
    "empty": "{}",
}
for _k, _v in _PARAMS.items():
    _add("infer", f"params-{_k}", f'infer_signature("Translate: Hello", "Bonjour", {_v})')
_add("infer", "nothing", "infer_signature()")
_add("infer", "output-only", 'infer_signature(None, ["a"])')
_add(
    "infer",
    "dataclass",
    """
@dataclasses.dataclass
class Point:
    x: int
    y: float
    label: str
result = infer_signature(Point(1, 2.0, "a"))
""",
)
_add(
    "infer",
    "dataclass-list",
    """
@dataclasses.dataclass
class Point:
    x: int
    name: str
result = infer_signature([Point(1, "a"), Point(2, "b")])
""",
)
_add(
    "infer",
    "dataclass-nested",
    """
@dataclasses.dataclass
class Inner:
    v: list
@dataclasses.dataclass
class Outer:
    inner: Inner
    k: str
result = infer_signature(Outer(Inner([1, 2]), "a"))
""",
)
_add(
    "infer",
    "pydantic-instance",
    """
class M(pydantic.BaseModel):
    a: int
    b: str
result = infer_signature(M(a=1, b="x"))
""",
)
_add("infer", "strict-false-explicit-mixed", "infer_signature([1, 'a'], [1, 2])")
_add("infer", "tensor-dict-mixed", 'infer_signature({"a": np.array([1]), "b": [1, 2]})')

# ----------------------------------------------------------------------------- hints

_MSG = """
class Message(pydantic.BaseModel):
    role: str
    content: str
    metadata: Optional[Dict[str, str]] = None
"""
_HINTS = {
    "list-str": "List[str]",
    "list-int": "List[int]",
    "list-float": "List[float]",
    "list-bool": "List[bool]",
    "list-bytes": "List[bytes]",
    "list-datetime": "List[dt.datetime]",
    "list-date": "List[dt.date]",
    "list-list-str": "List[List[str]]",
    "list-list-list-int": "List[List[List[int]]]",
    "list-dict-str": "List[Dict[str, str]]",
    "list-dict-list": "List[Dict[str, List[str]]]",
    "list-union": "List[Union[int, str]]",
    "list-any": "List[Any]",
    "list-message": "List[Message]",
    "list-optional": "List[Optional[str]]",
    "list-list-optional": "List[List[Optional[int]]]",
    "list-list-optional-pipe": "list[list[int | None]]",
    "list-dict-optional": "List[Dict[str, Optional[int]]]",
    "bare-list": "list",
    "bare-dict": "dict",
    "dict-int-key": "List[Dict[int, str]]",
    "str": "str",
    "message": "Message",
    "list-set": "List[set]",
    "list-tuple": "List[tuple]",
    "dataframe": "pd.DataFrame",
    "ndarray": "np.ndarray",
    "optional-list": "Optional[List[str]]",
    "list-builtin": "list[str]",
    "list-pipe-union": "list[int | str]",
}
for _k, _v in _HINTS.items():
    _add(
        "hints",
        f"decorate-{_k}",
        _MSG
        + f"""
@pyfunc_decorator
def predict(model_input: {_v}) -> List[str]:
    return ["x"]
result = "decorated"
""",
    )
    _add(
        "hints",
        f"class-{_k}",
        _MSG
        + f"""
class M(PythonModel):
    def predict(self, model_input: {_v}, params=None) -> List[str]:
        return ["x"]
result = "defined"
""",
    )
_SCHEMA_HINTS = [
    "list-str", "list-int", "list-float", "list-bool", "list-bytes", "list-datetime",
    "list-list-str", "list-dict-str", "list-dict-list", "list-union", "list-any", "list-message",
    "list-list-optional", "list-list-optional-pipe", "list-dict-optional", "list-list-list-int",
]  # fmt: skip
for _k in _SCHEMA_HINTS:
    _add(
        "hints",
        f"schema-{_k}",
        _MSG
        + f"""
class M(PythonModel):
    def predict(self, model_input: {_HINTS[_k]}, params=None) -> List[str]:
        return ["x"]
result = hint_schema(M())
""",
    )
_add(
    "hints",
    "no-hints-class",
    """
class M(PythonModel):
    def predict(self, context, model_input, params=None):
        return model_input
result = "defined"
""",
)
_add(
    "hints",
    "pydantic-optional-no-default",
    """
class Bad(pydantic.BaseModel):
    a: Optional[str]
@pyfunc_decorator
def predict(model_input: List[Bad]) -> List[str]:
    return ["x"]
result = "decorated"
""",
)
_add(
    "hints",
    "pydantic-nested-schema",
    """
class FunctionParams(pydantic.BaseModel):
    properties: Dict[str, str]
    type: str = "object"
    required: Optional[List[str]] = None
class ToolDefinition(pydantic.BaseModel):
    name: str
    description: Optional[str] = None
    parameters: Optional[FunctionParams] = None
class M(PythonModel):
    def predict(self, model_input: List[ToolDefinition], params=None) -> List[str]:
        return ["x"]
result = hint_schema(M())
""",
)

# ----------------------------------------------------------------------------- validation

_VALIDATION = {
    "message-dicts": ("List[Message]", '[{"role": "user", "content": "Hi"}]'),
    "message-instances": ("List[Message]", '[Message(role="user", content="Hi")]'),
    "message-missing": ("List[Message]", '[{"role": "user"}]'),
    "message-str": ("List[Message]", '["hello"]'),
    "message-extra": ("List[Message]", '[{"role": "u", "content": "c", "x": 1}]'),
    "message-metadata": (
        "List[Message]",
        '[{"role": "u", "content": "c", "metadata": {"k": "v"}}]',
    ),
    "message-df": ("List[Message]", 'pd.DataFrame([{"role": "u", "content": "c"}])'),
    "str-ok": ("List[str]", '["a", "b"]'),
    "str-int": ("List[str]", "[1]"),
    "str-none": ("List[str]", '["a", None]'),
    "int-ok": ("List[int]", "[1, 2]"),
    "int-str": ("List[int]", '["123"]'),
    "int-float": ("List[int]", "[1.5]"),
    "int-bool": ("List[int]", "[True]"),
    "float-ok": ("List[float]", "[1.5]"),
    "bool-ok": ("List[bool]", "[True]"),
    "bool-int": ("List[bool]", "[1]"),
    "bytes-ok": ("List[bytes]", '[b"x"]'),
    "datetime-ok": ("List[dt.datetime]", "[dt.datetime(2024, 1, 1)]"),
    "list-list-ok": ("List[List[str]]", '[["a"], ["b", "c"]]'),
    "list-list-bad": ("List[List[str]]", '[["a"], [1]]'),
    "list-list-optional-none": ("List[List[Optional[int]]]", "[[1, None], [2]]"),
    "dict-ok": ("List[Dict[str, int]]", '[{"a": 1}]'),
    "dict-bad": ("List[Dict[str, int]]", '[{"a": "x"}]'),
    "union-anything": ("List[Union[int, str]]", '[1, "a", 2.5]'),
    "any-anything": ("List[Any]", '[1, "a", None]'),
    "str-series": ("List[str]", 'pd.Series(["a", "b"])'),
    "str-df-one-col": ("List[str]", 'pd.DataFrame({"a": ["x", "y"]})'),
    "str-df-two-cols": ("List[str]", 'pd.DataFrame({"a": ["x", "y"], "b": ["p", "q"]})'),
    "int-df-two-cols": ("List[int]", 'pd.DataFrame({"a": [1, 2], "b": [3, 4]})'),
    "dict-df": ("List[Dict[str, str]]", 'pd.DataFrame({"a": ["x"], "b": ["y"]})'),
    "str-ndarray": ("List[str]", 'np.array(["a", "b"])'),
    "int-ndarray": ("List[int]", "np.array([1, 2])"),
    "str-tuple": ("List[str]", '("a", "b")'),
    "str-scalar": ("List[str]", '"abc"'),
    "str-empty": ("List[str]", "[]"),
}
for _k, (_hint, _data) in _VALIDATION.items():
    _add(
        "validation",
        f"decorated-{_k}",
        _MSG
        + f"""
@pyfunc_decorator
def predict(model_input: {_hint}) -> Any:
    return model_input
result = predict({_data})
""",
    )
    _add(
        "validation",
        f"loaded-{_k}",
        _MSG
        + f"""
class M(PythonModel):
    def predict(self, model_input: {_hint}, params=None) -> Any:
        return model_input
result = save_load(M()).predict({_data})
""",
    )

# ----------------------------------------------------------------------------- enforcement

_SIGS = {
    "ab": 'ModelSignature(Schema([ColSpec("long", "a"), ColSpec("string", "b")]))',
    "a-double": 'ModelSignature(Schema([ColSpec("double", "a")]))',
    "a-float": 'ModelSignature(Schema([ColSpec("float", "a")]))',
    "a-integer": 'ModelSignature(Schema([ColSpec("integer", "a")]))',
    "a-long": 'ModelSignature(Schema([ColSpec("long", "a")]))',
    "a-bool": 'ModelSignature(Schema([ColSpec("boolean", "a")]))',
    "a-bool-opt": 'ModelSignature(Schema([ColSpec("boolean", "a", required=False)]))',
    "a-datetime": 'ModelSignature(Schema([ColSpec("datetime", "a")]))',
    "a-string": 'ModelSignature(Schema([ColSpec("string", "a")]))',
    "a-binary": 'ModelSignature(Schema([ColSpec("binary", "a")]))',
    "a-opt": 'ModelSignature(Schema([ColSpec("long", "a"), ColSpec("string", "b", required=False)]))',
    "unnamed-double": 'ModelSignature(Schema([ColSpec("double")]))',
    "unnamed-string": 'ModelSignature(Schema([ColSpec("string")]))',
    "int-labels": 'ModelSignature(Schema.from_json(\'[{"type": "double", "name": 0}, {"type": "double", "name": 1}]\'))',
    "array": 'ModelSignature(Schema([ColSpec(Array("long"), "a")]))',
    "object": 'ModelSignature(Schema([ColSpec(Object([Property("x", "long")]), "o")]))',
    "object-opt": 'ModelSignature(Schema([ColSpec(Object([Property("x", "long", required=False)]), "o", required=False)]))',
    "map": 'ModelSignature(Schema([ColSpec(Map("double"), "m")]))',
    "any": 'ModelSignature(Schema([ColSpec(AnyType(), "a")]))',
    "tensor-f32": "ModelSignature(Schema([TensorSpec(np.dtype(np.float32), (-1, 2))]))",
    "tensor-i64": "ModelSignature(Schema([TensorSpec(np.dtype(np.int64), (-1,))]))",
    "tensor-f64-1d": "ModelSignature(Schema([TensorSpec(np.dtype(np.float64), (-1,))]))",
    "tensor-named": (
        'ModelSignature(Schema([TensorSpec(np.dtype(np.float64), (-1,), "x"), '
        'TensorSpec(np.dtype(np.int64), (-1,), "y")]))'
    ),
    "tensor-named-2d": 'ModelSignature(Schema([TensorSpec(np.dtype(np.float32), (-1, 2), "x")]))',
    "params": (
        'ModelSignature(Schema([ColSpec("string")]), None, ParamSchema([ParamSpec("temperature", '
        '"double", 0.7), ParamSpec("max_tokens", "long", 100), ParamSpec("stop", "string", [".", "!"], (-1,))]))'
    ),
    "params-none": 'ModelSignature(Schema([ColSpec("string")]))',
}
_ENFORCE = [
    ("ab", "ok", 'pd.DataFrame({"a": [1, 2], "b": ["x", "y"]})'),
    ("ab", "missing", 'pd.DataFrame({"a": [1]})'),
    ("ab", "extra", 'pd.DataFrame({"a": [1], "b": ["x"], "c": [2.5]})'),
    ("ab", "reordered", 'pd.DataFrame({"b": ["x"], "a": [1]})'),
    ("ab", "dict", '{"a": 1, "b": "x"}'),
    ("ab", "dict-lists", '{"a": [1, 2], "b": ["x", "y"]}'),
    ("ab", "records", '[{"a": 1, "b": "x"}, {"a": 2, "b": "y"}]'),
    ("ab", "int32", 'pd.DataFrame({"a": np.array([1], dtype=np.int32), "b": ["x"]})'),
    ("ab", "float-for-long", 'pd.DataFrame({"a": [1.5], "b": ["x"]})'),
    ("ab", "str-for-long", 'pd.DataFrame({"a": ["1"], "b": ["x"]})'),
    ("ab", "int-for-string", 'pd.DataFrame({"a": [1], "b": [2]})'),
    ("ab", "none-string", 'pd.DataFrame({"a": [1], "b": [None]})'),
    ("ab", "list-input", '[[1, "x"]]'),
    ("ab", "ndarray", 'np.array([[1, "x"]], dtype=object)'),
    ("a-double", "ints", 'pd.DataFrame({"a": [1, 2]})'),
    ("a-double", "object-ints", 'pd.DataFrame({"a": pd.Series([1, 2], dtype=object)})'),
    ("a-double", "float32", 'pd.DataFrame({"a": np.array([1.5], dtype=np.float32)})'),
    ("a-double", "decimal", 'pd.DataFrame({"a": [Decimal("1.5"), Decimal("2")]})'),
    ("a-double", "bool", 'pd.DataFrame({"a": [True]})'),
    ("a-double", "str", 'pd.DataFrame({"a": ["1.5"]})'),
    ("a-double", "nan", 'pd.DataFrame({"a": [1.0, float("nan")]})'),
    ("a-double", "int-nan", 'pd.DataFrame({"a": [1, None]})'),
    ("a-double", "uint64", 'pd.DataFrame({"a": np.array([1], dtype=np.uint64)})'),
    ("a-double", "dict", '{"a": 1}'),
    ("a-double", "np-array", "np.array([1.0, 2.0])"),
    ("a-float", "float64", 'pd.DataFrame({"a": [1.5]})'),
    ("a-float", "ints", 'pd.DataFrame({"a": [1]})'),
    ("a-float", "float32", 'pd.DataFrame({"a": np.array([1.5], dtype=np.float32)})'),
    ("a-integer", "int64", 'pd.DataFrame({"a": [1]})'),
    ("a-integer", "int32", 'pd.DataFrame({"a": np.array([1], dtype=np.int32)})'),
    ("a-integer", "int8", 'pd.DataFrame({"a": np.array([1], dtype=np.int8)})'),
    ("a-long", "int8", 'pd.DataFrame({"a": np.array([1], dtype=np.int8)})'),
    ("a-long", "uint32", 'pd.DataFrame({"a": np.array([1], dtype=np.uint32)})'),
    ("a-long", "uint64", 'pd.DataFrame({"a": np.array([1], dtype=np.uint64)})'),
    ("a-long", "object-ints", 'pd.DataFrame({"a": pd.Series([1, 2], dtype=object)})'),
    ("a-long", "Int64", 'pd.DataFrame({"a": pd.array([1, 2], dtype="Int64")})'),
    ("a-long", "Int64-na", 'pd.DataFrame({"a": pd.array([1, None], dtype="Int64")})'),
    ("a-long", "float-whole", 'pd.DataFrame({"a": [1.0, 2.0]})'),
    ("a-long", "bool", 'pd.DataFrame({"a": [True]})'),
    ("a-bool", "ok", 'pd.DataFrame({"a": [True, False]})'),
    ("a-bool", "with-none", 'pd.DataFrame({"a": [True, None]})'),
    ("a-bool-opt", "with-none", 'pd.DataFrame({"a": [True, None]})'),
    ("a-bool", "ints", 'pd.DataFrame({"a": [1, 0]})'),
    ("a-bool", "boolean-dtype", 'pd.DataFrame({"a": pd.array([True, None], dtype="boolean")})'),
    ("a-datetime", "ns", 'pd.DataFrame({"a": pd.to_datetime(["2024-01-01"])})'),
    ("a-datetime", "s", 'pd.DataFrame({"a": np.array(["2024-01-01"], dtype="datetime64[s]")})'),
    ("a-datetime", "ms", 'pd.DataFrame({"a": np.array(["2024-01-01"], dtype="datetime64[ms]")})'),
    ("a-datetime", "us", 'pd.DataFrame({"a": np.array(["2024-01-01"], dtype="datetime64[us]")})'),
    (
        "a-datetime",
        "datetime-objects",
        'pd.DataFrame({"a": [dt.datetime(2024, 1, 1, 5)]}, dtype=object)',
    ),
    ("a-datetime", "date-objects", 'pd.DataFrame({"a": [dt.date(2024, 1, 1)]})'),
    ("a-datetime", "iso-strings", 'pd.DataFrame({"a": ["2024-01-01"]})'),
    ("a-datetime", "iso-datetime-strings", 'pd.DataFrame({"a": ["2024-01-01T10:00:00"]})'),
    ("a-datetime", "bad-strings", 'pd.DataFrame({"a": ["not a date"]})'),
    ("a-datetime", "tz", 'pd.DataFrame({"a": pd.to_datetime(["2024-01-01"]).tz_localize("UTC")})'),
    ("a-datetime", "ints", 'pd.DataFrame({"a": [1]})'),
    ("a-datetime", "dict", '{"a": dt.datetime(2024, 1, 1)}'),
    ("a-string", "ok", 'pd.DataFrame({"a": ["x"]})'),
    ("a-string", "str-dtype", 'pd.DataFrame({"a": pd.array(["x"], dtype="string")})'),
    ("a-string", "ints", 'pd.DataFrame({"a": [1]})'),
    ("a-string", "mixed", 'pd.DataFrame({"a": ["x", 1]}, dtype=object)'),
    ("a-string", "bytes", 'pd.DataFrame({"a": [b"x"]})'),
    ("a-string", "none", 'pd.DataFrame({"a": ["x", None]})'),
    ("a-string", "scalar-dict", '{"a": "x"}'),
    ("a-string", "list", '["x", "y"]'),
    ("a-binary", "ok", 'pd.DataFrame({"a": [b"x"]})'),
    ("a-binary", "str", 'pd.DataFrame({"a": ["x"]})'),
    ("a-binary", "bytearray", 'pd.DataFrame({"a": [bytearray(b"x")]})'),
    ("a-opt", "without-optional", 'pd.DataFrame({"a": [1]})'),
    ("a-opt", "with-optional", 'pd.DataFrame({"a": [1], "b": ["x"]})'),
    ("a-opt", "extra-cols", 'pd.DataFrame({"a": [1], "z": [1], "y": ["q"]})'),
    ("a-opt", "missing-required", 'pd.DataFrame({"b": ["x"]})'),
    ("unnamed-double", "ints-list", "[1, 2, 3]"),
    ("unnamed-double", "floats-list", "[1.5, 2.5]"),
    ("unnamed-double", "df", 'pd.DataFrame({"x": [1.5]})'),
    ("unnamed-double", "df-ints", 'pd.DataFrame({"x": [1, 2]})'),
    ("unnamed-double", "np", "np.array([1.5, 2.5])"),
    ("unnamed-double", "np-ints", "np.array([1, 2])"),
    ("unnamed-double", "series", "pd.Series([1.5])"),
    ("unnamed-double", "scalar", "1.5"),
    ("unnamed-double", "str-list", '["a"]'),
    ("unnamed-string", "list", '["a", "b"]'),
    ("unnamed-string", "scalar", '"a"'),
    ("unnamed-string", "dict", '{"x": "a"}'),
    ("unnamed-string", "df", 'pd.DataFrame({"q": ["a"]})'),
    ("int-labels", "range-df", "pd.DataFrame([[1.0, 2.0]])"),
    ("int-labels", "range-df-ints", "pd.DataFrame([[1, 2]])"),
    ("int-labels", "str-labels", 'pd.DataFrame({"0": [1.0], "1": [2.0]})'),
    ("int-labels", "list", "[[1.0, 2.0]]"),
    ("int-labels", "np", "np.array([[1.0, 2.0]])"),
    ("array", "ok", 'pd.DataFrame({"a": [[1, 2], [3]]})'),
    ("array", "np-cells", 'pd.DataFrame({"a": [np.array([1, 2])]})'),
    ("array", "bad", 'pd.DataFrame({"a": [["x"]]})'),
    ("array", "dict", '{"a": [1, 2]}'),
    ("array", "records", '[{"a": [1, 2]}]'),
    ("object", "ok", 'pd.DataFrame({"o": [{"x": 1}]})'),
    ("object", "missing", 'pd.DataFrame({"o": [{}]})'),
    ("object", "extra", 'pd.DataFrame({"o": [{"x": 1, "y": 2}]})'),
    ("object", "bad", 'pd.DataFrame({"o": [{"x": "a"}]})'),
    ("object", "dict", '{"o": {"x": 1}}'),
    ("object-opt", "empty-dict", 'pd.DataFrame({"o": [{}]})'),
    ("object-opt", "none", 'pd.DataFrame({"o": [None]})'),
    ("object-opt", "missing-col", 'pd.DataFrame({"z": [1]})'),
    ("map", "ok", 'pd.DataFrame({"m": [{"a": 1.5}]})'),
    ("map", "ints", 'pd.DataFrame({"m": [{"a": 1}]})'),
    ("map", "bad", 'pd.DataFrame({"m": [{"a": "x"}]})'),
    ("any", "mixed", 'pd.DataFrame({"a": [1, "x"]}, dtype=object)'),
    ("any", "dict", '{"a": {"x": [1]}}'),
    ("tensor-f32", "ok", "np.array([[1, 2]], dtype=np.float32)"),
    ("tensor-f32", "float64", "np.array([[1.5, 2.5]])"),
    ("tensor-f32", "ints", "np.array([[1, 2]])"),
    ("tensor-f32", "shape", "np.array([[1, 2, 3]], dtype=np.float32)"),
    ("tensor-f32", "list", "[[1.0, 2.0]]"),
    ("tensor-f32", "list-ints", "[[1, 2]]"),
    ("tensor-f32", "df", 'pd.DataFrame({"a": [1.0], "b": [2.0]})'),
    (
        "tensor-f32",
        "df-f32",
        'pd.DataFrame({"a": np.array([1.0], dtype=np.float32), "b": np.array([2.0], dtype=np.float32)})',
    ),
    ("tensor-f32", "df-list-col", 'pd.DataFrame({"a": [[1.0, 2.0], [3.0, 4.0]]})'),
    ("tensor-i64", "ok", "np.array([1, 2])"),
    ("tensor-i64", "int32", "np.array([1, 2], dtype=np.int32)"),
    ("tensor-i64", "float", "np.array([1.5])"),
    ("tensor-i64", "list", "[1, 2, 3]"),
    ("tensor-i64", "df-scalars", 'pd.DataFrame({"a": [1, 2]})'),
    ("tensor-i64", "series", "pd.Series([1, 2])"),
    ("tensor-f64-1d", "list", "[1.5, 2.5]"),
    ("tensor-f64-1d", "list-ints", "[1, 2]"),
    ("tensor-f64-1d", "df-scalars", 'pd.DataFrame({"a": [1.5, 2.5]})'),
    ("tensor-named", "dict-arrays", '{"x": np.array([1.5]), "y": np.array([2])}'),
    ("tensor-named", "dict-lists", '{"x": [1.5, 2.5], "y": [1, 2]}'),
    ("tensor-named", "df", 'pd.DataFrame({"x": [1.5], "y": [2]})'),
    ("tensor-named", "missing", '{"x": np.array([1.5])}'),
    ("tensor-named", "extra", '{"x": np.array([1.5]), "y": np.array([2]), "z": np.array([3])}'),
    ("tensor-named-2d", "df-list-col", 'pd.DataFrame({"x": [[1.0, 2.0], [3.0, 4.0]]})'),
    ("tensor-named-2d", "dict-list", '{"x": [[1.0, 2.0]]}'),
]
for _sig, _name, _data in _ENFORCE:
    _add("enforcement", f"{_sig}-{_name}", f"enforce({_SIGS[_sig]}, {_data})")
_PARAM_CALLS = {
    "defaults": "None",
    "override": '{"temperature": 0.1, "max_tokens": 50}',
    "unknown": '{"nope": 1}',
    "wrong-type": '{"max_tokens": "x"}',
    "int-for-double": '{"temperature": 1}',
    "float-for-long": '{"max_tokens": 1.5}',
    "list-shape": '{"stop": ["a"]}',
    "scalar-for-list": '{"stop": "a"}',
    "list-for-scalar": '{"temperature": [0.1]}',
    "empty": "{}",
}
for _k, _v in _PARAM_CALLS.items():
    _add("enforcement", f"params-{_k}", f'enforce({_SIGS["params"]}, ["hi"], {_v})')
_add("enforcement", "params-without-schema", f'enforce({_SIGS["params-none"]}, ["hi"], {{"a": 1}})')
_add("enforcement", "params-without-schema-none", f'enforce({_SIGS["params-none"]}, ["hi"])')
_add("enforcement", "params-without-schema-empty", f'enforce({_SIGS["params-none"]}, ["hi"], {{}})')

# ----------------------------------------------------------------------------- examples / files

_EXAMPLES = {
    "df": 'pd.DataFrame({"a": [1, 2], "b": ["x", "y"]})',
    "df-nan": 'pd.DataFrame({"a": [1.0, float("nan")]})',
    "df-range": "pd.DataFrame([[1, 2]])",
    "list-str": '["sample", "data"]',
    "str": '"What is the capital of France?"',
    "dict": '{"question": "What is MLflow?"}',
    "dict-mixed": '{"a": np.array([1, 2]), "b": 3}',
    "dict-messages": '{"messages": [{"role": "user", "content": "Hello"}], "temperature": 0.7}',
    "records": '[{"text": "First", "category": "news"}, {"text": "Second", "category": "sports"}]',
    "np": "np.zeros((2, 3), dtype=np.uint8)",
    "np-dict": '{"image": np.zeros((2, 2)), "metadata": np.array([[1.0, 2.0], [3.0, 4.0]])}',
    "bytes": 'b"binary"',
    "list-bytes": '[b"a", b"b"]',
    "dict-bytes": '{"a": b"x"}',
    "with-params": '("Translate: Good morning", {"temperature": 0.2, "max_length": 50, "do_sample": True})',
    "params-dict": '(["x"], {"cfg": {"a": 1}})',
    "datetime-df": 'pd.DataFrame({"d": pd.to_datetime(["2024-01-01"])})',
    "list-mixed": '[1, "a"]',
    "int": "5",
    "nested-dict": '{"user": {"id": 1, "tags": ["a"]}, "context": {"device": "m", "location": None}}',
}
for _k, _v in _EXAMPLES.items():
    _add("examples", f"echo-{_k}", f"save(make_echo(), input_example={_v})")
_add(
    "examples",
    "pydantic-instance",
    _MSG
    + """
class M(PythonModel):
    def predict(self, model_input: List[Message], params=None) -> List[str]:
        return [m.content for m in model_input]
result = save(M(), input_example=[Message(role="user", content="hi")])
""",
)
_add(
    "examples",
    "pydantic-instance-bare",
    _MSG
    + """
class M(PythonModel):
    def predict(self, model_input: List[Message], params=None) -> List[str]:
        return [m.content for m in model_input]
result = save(M(), input_example=Message(role="user", content="hi"))
""",
)
_add(
    "examples",
    "hinted-dicts",
    _MSG
    + """
class M(PythonModel):
    def predict(self, model_input: List[Message], params=None) -> List[str]:
        return [m.content for m in model_input]
result = save(M(), input_example=[{"role": "user", "content": "Hello"}])
""",
)
_add(
    "examples",
    "hinted-mismatch",
    _MSG
    + """
class M(PythonModel):
    def predict(self, model_input: List[Message], params=None) -> List[str]:
        return [m.content for m in model_input]
result = save(M(), input_example=["hello"])
""",
)
_add(
    "examples",
    "predict-fails",
    """
class M(PythonModel):
    def predict(self, context, model_input, params=None):
        raise RuntimeError("boom")
result = save(M(), input_example={"a": 1})
""",
)
_add(
    "examples",
    "predict-fails-hinted",
    """
class M(PythonModel):
    def predict(self, model_input: List[str], params=None) -> List[str]:
        raise RuntimeError("boom")
result = save(M(), input_example=["a"])
""",
)
_add(
    "examples",
    "type-from-example",
    """
class M(PythonModel):
    def predict(self, model_input: TypeFromExample, params=None):
        return [str(x).upper() for x in model_input]
result = save(M(), input_example=["sample", "data"])
""",
)
_add(
    "examples",
    "type-from-example-no-example",
    """
class M(PythonModel):
    def predict(self, model_input: TypeFromExample, params=None):
        return [str(x) for x in model_input]
result = save(M())
""",
)
_add(
    "examples",
    "type-from-example-predict",
    """
class M(PythonModel):
    def predict(self, model_input: TypeFromExample, params=None):
        return model_input
result = save_load(M(), input_example=["a", "b"]).predict(["hello", "world"])
""",
)
_add(
    "examples",
    "type-from-example-no-example-predict",
    """
class M(PythonModel):
    def predict(self, model_input: TypeFromExample, params=None):
        return model_input
result = save_load(M()).predict(["hello", "world"])
""",
)
_add(
    "examples",
    "legacy-df-hint",
    """
class M(PythonModel):
    def predict(self, model_input: pd.DataFrame, params=None) -> pd.DataFrame:
        return model_input
result = save(M(), input_example=pd.DataFrame({"a": [1.0]}))
""",
)
_add(
    "examples",
    "function-hinted",
    """
@pyfunc_decorator
def predict(model_input: List[str]) -> List[str]:
    return model_input
result = save(predict, input_example=["a"])
""",
)
_add(
    "examples",
    "explicit-signature",
    """
sig = ModelSignature(Schema([ColSpec("double", "feature_1"), ColSpec("string", "feature_2"),
    ColSpec("long", "feature_3", required=False)]), Schema([ColSpec("double", "prediction")]))
result = save(make_echo(), signature=sig)
""",
)
_add(
    "examples",
    "explicit-signature-and-example",
    """
sig = ModelSignature(Schema([ColSpec("double", "a")]))
result = save(make_echo(), signature=sig, input_example=pd.DataFrame({"a": [1.5]}))
""",
)
_add(
    "examples",
    "no-signature-no-example",
    "save(make_echo())",
)
_add(
    "files",
    "list-output-int-labels",
    """
class M(PythonModel):
    def predict(self, context, model_input, params=None):
        return [[1, 2]]
result = save(M(), input_example=pd.DataFrame({"a": [1.0]}))
""",
)
_add(
    "files",
    "np-output",
    """
class M(PythonModel):
    def predict(self, context, model_input, params=None):
        return np.array([1, 2])
result = save(M(), input_example=pd.DataFrame({"a": [1.0, 2.0]}))
""",
)
_add(
    "files",
    "mixed-output",
    """
class M(PythonModel):
    def predict(self, context, model_input, params=None):
        return [1, "a"]
result = save(M(), input_example=pd.DataFrame({"a": [1.0, 2.0]}))
""",
)
_add(
    "files",
    "dict-output",
    """
class M(PythonModel):
    def predict(self, context, model_input, params=None):
        return {"label": "x", "score": 0.5}
result = save(M(), input_example={"q": "hi"})
""",
)
_add(
    "files",
    "df-output",
    """
class M(PythonModel):
    def predict(self, context, model_input, params=None):
        return pd.DataFrame({"p": [0.1, 0.9]})
result = save(M(), input_example=pd.DataFrame({"a": [1.0, 2.0]}))
""",
)
_add(
    "files",
    "unsupported-example",
    """
result = save(make_echo(), input_example={1, 2})
""",
)
_add(
    "files",
    "object-example",
    """
result = save(make_echo(), input_example=object())
""",
)
_add(
    "files",
    "set-signature",
    """
path = fresh_dir()
pyfunc.save_model(path, python_model=make_echo(), pip_requirements=[])
lib.models.set_signature(path, infer_signature(pd.DataFrame({"a": [1]}), [1.5]))
result = get_model_info(path).signature
""",
)
_add(
    "files",
    "model-info-example",
    """
path = fresh_dir()
pyfunc.save_model(path, python_model=make_echo(), input_example={"q": "x"}, pip_requirements=[])
result = get_model_info(path).saved_input_example_info
""",
)
_add(
    "files",
    "load-serving-example",
    """
path = fresh_dir()
pyfunc.save_model(path, python_model=make_echo(), input_example={"q": "x"}, pip_requirements=[])
result = lib.models.utils.load_serving_example(path)
""",
)
_add(
    "files",
    "validate-serving-input",
    """
path = fresh_dir()
pyfunc.save_model(path, python_model=make_echo(), input_example={"q": "x"}, pip_requirements=[])
result = lib.models.validate_serving_input(path, lib.models.utils.load_serving_example(path))
""",
)
