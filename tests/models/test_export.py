"""`export_metadata` and `hintsig models export`: KServe V2 JSON, MLServer settings, Triton config.

The MLServer file is checked against a JSON Schema written from MLServer 1.7's published
`ModelSettings` schema (MLServer itself cannot be installed beside this project's Starlette);
the Triton file is parsed by protobuf's `text_format` into Triton's own `ModelConfig` message
(`model_config_pb2`, shipped in the tritonclient wheel).
"""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path
from types import ModuleType
from typing import Any

import jsonschema
import numpy as np
import pytest
import tritonclient
from click.testing import CliRunner
from google.protobuf import text_format

import hintsig.models
import hintsig.pyfunc
from hintsig.cli import _commands, cli  # noqa: F401  (_commands registers the groups)
from hintsig.exceptions import HintsigException
from hintsig.models import ModelSignature, export_metadata
from hintsig.types.schema import (
    AnyType,
    Array,
    ColSpec,
    DataType,
    Map,
    Object,
    Property,
    Schema,
    TensorSpec,
)

MODEL_CODE = Path(__file__).parents[1] / "serving" / "model_code"

IMAGES = ModelSignature(
    inputs=Schema([TensorSpec(np.dtype(np.float32), (-1, 28, 28, 1), "images")]),
    outputs=Schema([TensorSpec(np.dtype(np.int64), (-1,))]),
)
COLUMNS = ModelSignature(
    inputs=Schema(
        [
            ColSpec(DataType.double, "x"),
            ColSpec(DataType.string, "name"),
            ColSpec(DataType.long, "count", required=False),
            ColSpec(DataType.binary, "blob"),
            ColSpec(DataType.boolean, "flag"),
            ColSpec(DataType.integer, "small"),
            ColSpec(DataType.float, "ratio"),
        ]
    ),
    outputs=Schema([ColSpec(DataType.double)]),
)
JSON_COLUMNS = ModelSignature(
    inputs=Schema(
        [
            ColSpec(Object([Property("role", DataType.string)]), "message"),
            ColSpec(Array(DataType.long), "ids"),
            ColSpec(Map(DataType.double), "scores"),
            ColSpec(AnyType(), "extra"),
        ]
    ),
    outputs=Schema([ColSpec(DataType.string)]),
)

# MLServer 1.7's ModelSettings, as its published JSON Schema describes it: `implementation`
# required, no other top-level keys (pydantic-settings forbids extras), tensors with a name,
# one of the V2 datatypes and an integer shape; parameters free-form beside `content_type`.
_DATATYPES = [
    "BOOL",
    "UINT8",
    "UINT16",
    "UINT32",
    "UINT64",
    "INT8",
    "INT16",
    "INT32",
    "INT64",
    "FP16",
    "FP32",
    "FP64",
    "BYTES",
]
_OPTIONAL_STR = {"type": ["string", "null"]}
_TENSOR = {
    "type": "object",
    "properties": {
        "name": {"type": "string"},
        "datatype": {"enum": _DATATYPES},
        "shape": {"type": "array", "items": {"type": "integer"}},
        "parameters": {
            "type": ["object", "null"],
            "properties": {"content_type": _OPTIONAL_STR, "headers": {"type": ["object", "null"]}},
        },
    },
    "required": ["name", "datatype", "shape"],
    "additionalProperties": False,
}
MLSERVER_MODEL_SETTINGS: dict[str, Any] = {
    "type": "object",
    "properties": {
        "implementation": {"type": "string"},
        "name": {"type": "string"},
        "platform": {"type": "string"},
        "versions": {"type": "array", "items": {"type": "string"}},
        "inputs": {"type": "array", "items": _TENSOR},
        "outputs": {"type": "array", "items": _TENSOR},
        "parallel_workers": {"type": ["integer", "null"]},
        "warm_workers": {"type": "boolean"},
        "max_batch_size": {"type": "integer"},
        "max_batch_time": {"type": "number"},
        "parameters": {
            "type": ["object", "null"],
            "properties": {
                key: _OPTIONAL_STR
                for key in (
                    "uri",
                    "version",
                    "environment_path",
                    "environment_tarball",
                    "inference_pool_gid",
                    "format",
                    "content_type",
                )
            },
        },
        "cache_enabled": {"type": "boolean"},
    },
    "required": ["implementation"],
    "additionalProperties": False,
}


def model_config_pb2() -> ModuleType:
    """Triton's `model_config_pb2`, loaded from the tritonclient wheel without gRPC."""
    path = Path(tritonclient.__path__[0]) / "grpc" / "model_config_pb2.py"
    spec = importlib.util.spec_from_file_location("triton_model_config_pb2", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def triton_config() -> Any:
    return model_config_pb2().ModelConfig


def parse_triton(text: str, message: Any) -> Any:
    return text_format.Parse(text, message())


# ----------------------------------------------------------------------------- kserve-v2


def test_kserve_v2_is_the_model_metadata_of_the_protocol() -> None:
    document = json.loads(export_metadata(IMAGES, "kserve-v2", name="mnist"))
    assert document == {
        "name": "mnist",
        "versions": [],
        "platform": "hintsig",
        "inputs": [{"name": "images", "datatype": "FP32", "shape": [-1, 28, 28, 1]}],
        "outputs": [{"name": "output-0", "datatype": "INT64", "shape": [-1]}],
    }


def test_kserve_v2_maps_every_column_type() -> None:
    document = json.loads(export_metadata(COLUMNS, "kserve-v2"))
    assert document["name"] == "model"
    assert [(t["name"], t["datatype"], t["shape"]) for t in document["inputs"]] == [
        ("x", "FP64", [-1]),
        ("name", "BYTES", [-1]),
        ("count", "INT64", [-1]),
        ("blob", "BYTES", [-1]),
        ("flag", "BOOL", [-1]),
        ("small", "INT32", [-1]),
        ("ratio", "FP32", [-1]),
    ]
    json_document = json.loads(export_metadata(JSON_COLUMNS, "kserve-v2"))
    assert all(
        t["datatype"] == "BYTES" and t["parameters"] == {"content_type": "application/json"}
        for t in json_document["inputs"]
    )


@pytest.mark.parametrize(
    "dtype", ["int8", "int16", "uint8", "uint16", "uint32", "uint64", "float16", "bool"]
)
def test_kserve_v2_maps_numpy_dtypes(dtype: str) -> None:
    signature = ModelSignature(Schema([TensorSpec(np.dtype(dtype), (3,))]))
    (tensor,) = json.loads(export_metadata(signature, "kserve-v2"))["inputs"]
    expected = {"float16": "FP16", "bool": "BOOL"}.get(dtype, dtype.upper())
    assert tensor == {"name": "input-0", "datatype": expected, "shape": [3]}


def test_kserve_v2_export_matches_what_the_server_answers(tmp_path: Path) -> None:
    from hintsig.serving import create_app
    from tests.serving.helpers import running

    hintsig.pyfunc.save_model(
        tmp_path / "rows",
        python_model=MODEL_CODE / "tensor.py",
        input_example=np.ones((2, 3), dtype=np.float32),
    )
    signature = hintsig.pyfunc.load_model(tmp_path / "rows").metadata.signature
    assert signature is not None
    exported = json.loads(export_metadata(signature, "kserve-v2", name="rows"))
    with running(create_app(tmp_path / "rows")) as url:
        import httpx

        served = httpx.get(f"{url}/v2/models/rows").json()
    assert served == {**exported, "versions": ["1"]}


# ----------------------------------------------------------------------------- mlserver


@pytest.mark.parametrize(
    "signature", [IMAGES, COLUMNS, JSON_COLUMNS], ids=["tensor", "columns", "json"]
)
def test_mlserver_settings_fit_mlservers_model_settings(signature: ModelSignature) -> None:
    settings = json.loads(export_metadata(signature, "mlserver", name="m"))
    jsonschema.validate(settings, MLSERVER_MODEL_SETTINGS)
    assert settings["name"] == "m"
    assert "REPLACE_ME" in settings["implementation"]


def test_mlserver_content_types_name_mlservers_codecs() -> None:
    settings = json.loads(export_metadata(COLUMNS, "mlserver"))
    assert settings["parameters"] == {"content_type": "pd"}
    codecs = {t["name"]: t.get("parameters", {}).get("content_type") for t in settings["inputs"]}
    assert codecs == {
        "x": "np",
        "name": "str",
        "count": "np",
        "blob": None,
        "flag": "np",
        "small": "np",
        "ratio": "np",
    }
    tensor = json.loads(export_metadata(IMAGES, "mlserver"))
    assert "parameters" not in tensor
    assert tensor["inputs"][0]["parameters"] == {"content_type": "np"}


# ----------------------------------------------------------------------------- triton


def test_triton_config_parses_as_tritons_model_config(triton_config: Any) -> None:
    config = parse_triton(export_metadata(IMAGES, "triton", name="mnist"), triton_config)
    assert config.name == "mnist"
    assert config.backend == "python"
    assert config.max_batch_size == 8
    (image,) = config.input
    assert image.name == "images"
    assert image.data_type == model_config_pb2().TYPE_FP32
    assert list(image.dims) == [28, 28, 1]
    (output,) = config.output
    assert output.name == "output-0"
    assert output.data_type == model_config_pb2().TYPE_INT64
    assert list(output.dims) == [1]
    assert list(output.reshape.shape) == []
    assert output.HasField("reshape")


def test_triton_columns_are_batched_rows_of_one_value(triton_config: Any) -> None:
    config = parse_triton(export_metadata(COLUMNS, "triton", max_batch_size=32), triton_config)
    pb2 = model_config_pb2()
    assert config.max_batch_size == 32
    types = {t.name: pb2.DataType.Name(t.data_type) for t in config.input}
    assert types == {
        "x": "TYPE_FP64",
        "name": "TYPE_STRING",
        "count": "TYPE_INT64",
        "blob": "TYPE_STRING",
        "flag": "TYPE_BOOL",
        "small": "TYPE_INT32",
        "ratio": "TYPE_FP32",
    }
    assert all(list(t.dims) == [1] and t.HasField("reshape") for t in config.input)
    assert [t.name for t in config.input if t.optional] == ["count"]


def test_triton_without_a_batch_dimension_keeps_the_full_shapes(triton_config: Any) -> None:
    signature = ModelSignature(
        inputs=Schema([TensorSpec(np.dtype("float64"), (3, -1), "grid")]),
        outputs=Schema([TensorSpec(np.dtype("float64"), (-1,), "sums")]),
    )
    config = parse_triton(export_metadata(signature, "triton"), triton_config)
    assert config.max_batch_size == 0
    assert list(config.input[0].dims) == [3, -1]
    assert list(config.output[0].dims) == [-1]


def test_a_name_with_quotes_stays_one_string(triton_config: Any) -> None:
    config = parse_triton(export_metadata(IMAGES, "triton", name='a "b" \\ c'), triton_config)
    assert config.name == 'a "b" \\ c'


@pytest.mark.parametrize("column", ["message", "ids", "scores", "extra"])
def test_triton_refuses_json_columns_naming_the_column(column: str) -> None:
    specs = [s for s in JSON_COLUMNS.inputs.inputs if s.name == column]
    signature = ModelSignature(Schema(specs), JSON_COLUMNS.outputs)
    with pytest.raises(HintsigException, match=rf"Column '{column}' holds .*no type for JSON"):
        export_metadata(signature, "triton")


def test_triton_refuses_datetimes_and_a_missing_output() -> None:
    dates = ModelSignature(Schema([ColSpec(DataType.datetime, "when")]), COLUMNS.outputs)
    with pytest.raises(HintsigException, match="Column 'when' holds datetimes"):
        export_metadata(dates, "triton")
    assert json.loads(export_metadata(dates, "mlserver"))["inputs"][0]["parameters"] == {
        "content_type": "datetime"
    }
    with pytest.raises(HintsigException, match="no outputs"):
        export_metadata(ModelSignature(COLUMNS.inputs), "triton")


def test_a_tensor_dtype_the_protocol_lacks_is_refused_by_every_format() -> None:
    signature = ModelSignature(Schema([TensorSpec(np.dtype("complex64"), (-1,), "z")]))
    for format in ("kserve-v2", "mlserver", "triton"):
        with pytest.raises(HintsigException, match=r"Tensor 'z': .* no datatype for complex64"):
            export_metadata(signature, format)


def test_bad_arguments_are_clear_errors() -> None:
    with pytest.raises(HintsigException, match="Unknown export format 'onnx'"):
        export_metadata(IMAGES, "onnx")
    with pytest.raises(HintsigException, match="needs a ModelSignature"):
        export_metadata(IMAGES.inputs, "triton")  # type: ignore[arg-type]


def test_export_metadata_is_reexported_lazily() -> None:
    assert hintsig.models.export_metadata is export_metadata


# ----------------------------------------------------------------------------- the CLI


def test_cli_writes_each_platforms_file_into_a_directory(
    tmp_path: Path, triton_config: Any
) -> None:
    hintsig.pyfunc.save_model(
        tmp_path / "rows",
        python_model=MODEL_CODE / "tensor.py",
        input_example=np.ones((2, 3), dtype=np.float32),
    )
    runner = CliRunner()
    for format, file in (
        ("triton", "config.pbtxt"),
        ("mlserver", "model-settings.json"),
        ("kserve-v2", "model-metadata.json"),
    ):
        out = tmp_path / format
        out.mkdir()
        args = [
            "models",
            "export",
            "-m",
            str(tmp_path / "rows"),
            "--format",
            format,
            "-o",
            str(out),
        ]
        result = runner.invoke(cli, args)
        assert result.exit_code == 0, result.output
        assert (out / file).is_file()
    config = parse_triton((tmp_path / "triton" / "config.pbtxt").read_text(), triton_config)
    assert config.name == "rows"
    assert list(config.input[0].dims) == [3]
    named = runner.invoke(
        cli, ["models", "export", "-m", str(tmp_path / "rows"), "-f", "kserve-v2", "--name", "x"]
    )
    assert json.loads(named.stdout)["name"] == "x"


def test_cli_reports_an_unexpressible_signature_in_one_line(tmp_path: Path) -> None:
    hintsig.pyfunc.save_model(
        tmp_path / "chat",
        python_model=MODEL_CODE / "chat.py",
        input_example=[{"role": "user", "content": "Hello"}],
    )
    result = CliRunner().invoke(
        cli, ["models", "export", "-m", str(tmp_path / "chat"), "--format", "triton"]
    )
    assert result.exit_code == 1
    assert len(result.stderr.strip().splitlines()) == 1
    assert "Column 'input-0' holds" in result.stderr
