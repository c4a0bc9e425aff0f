"""Writing a model directory: staged in a temporary sibling and renamed into place, with the
`MLmodel` file (its signature chosen from the hints, the input example or inference), the
input example and `requirements.txt`. A flavor (`ModelFlavor`) writes only its own files.

Part of `hintsig.pyfunc._persist`, which re-exports these names.
"""

from __future__ import annotations

import contextlib
import datetime as _dt
import logging
import os
import shutil
import sys
import tempfile
import uuid
import warnings
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

import yaml

from hintsig._version import __version__
from hintsig.exceptions import DataValidationError, HintsigException
from hintsig.models._examples import encode_example, split_input_example, write_example
from hintsig.models.model import Model
from hintsig.pyfunc._durable import (
    exchange,
    fsync_dir,
    fsync_tree,
    staging_prefix,
    sweep_stale,
    umask_mode,
)
from hintsig.pyfunc._loaded import PyFuncModel
from hintsig.types._hint_registry import warn_notes
from hintsig.types.schema import ModelSignature, ParamSchema, Schema

if TYPE_CHECKING:
    from hintsig.types.type_hints import PredictHints

__all__ = [
    "ModelFlavor",
    "REQUIREMENTS_FILE",
]

_logger = logging.getLogger(__name__)

REQUIREMENTS_FILE = "requirements.txt"


# ----------------------------------------------------------------------------- saving


class ModelFlavor(Protocol):
    """One kind of model, as the saving machinery sees it: the hook for plugin flavors.

    The machinery does everything else: the staging directory, the signature, the input
    example (run through `loaded()`), `MLmodel`, `requirements.txt`.
    """

    @property
    def hints(self) -> PredictHints | None:
        """The type hints of the model's `predict`, if it has any."""

    def store(self, staging: Path) -> dict[str, Any]:
        """Write the model's files into `staging`; return the `flavors` entry of `MLmodel`."""

    def loaded(self) -> Any:
        """A fresh copy of the saved model as loading gives it (with `predict(data, params)`),
        so that the input example runs through exactly what is saved."""

    def requirements(self) -> list[str]:
        """The pip requirements the saved model needs besides hintsig."""


@dataclass(frozen=True)
class _Request:
    input_example: Any
    signature: ModelSignature | None
    pip_requirements: Sequence[str] | str | os.PathLike[str] | None
    metadata: Mapping[str, Any] | None


def _write_model(
    target: Path,
    flavor: ModelFlavor,
    request: _Request,
    extra: Mapping[str, Any],
    *,
    overwrite: bool,
) -> None:
    if request.signature is not None and not isinstance(request.signature, ModelSignature):
        raise HintsigException(
            f"signature must be a ModelSignature, got {type(request.signature).__name__}"
        )
    with _staging_dir(target, overwrite) as staging:
        hints = flavor.hints
        flavors = flavor.store(staging)
        has_example = request.input_example is not None
        example, params = split_input_example(request.input_example)
        encoded = encode_example(example, params) if has_example else None
        choice = _choose_signature(request.signature, hints, has_example, example, params)
        if request.signature is not None and not has_example:  # as MLflow
            warnings.warn(
                "No input example was given with the signature: pass input_example= as well, "
                "so the saved model is checked against its signature and serving has a "
                "request to show.",
                UserWarning,
                stacklevel=5,
            )
        model = Model(
            {
                **{k: v for k, v in extra.items() if v is not None},
                "flavors": flavors,
                "hintsig_version": __version__,
                "model_uuid": uuid.uuid4().hex,
                "utc_time_created": _utc_now(),
                "is_signature_from_type_hint": choice.from_hints,
                "type_hint_from_example": bool(hints is not None and hints.type_from_example),
            }
        )
        model.signature = choice.signature
        if encoded is not None:
            try:
                output = _run_example(flavor, model, example, params)
            except HintsigException as exc:  # as MLflow: saved with a warning, not refused,
                if _breaks_explicit(choice, request.signature, exc):  # unless it breaks the
                    raise  # signature the caller gave
                model.signature = _after_failed_example(choice, request.signature, exc)
            else:
                model.signature = _with_outputs(choice, output)
            model.set("saved_input_example_info", write_example(staging, encoded))
        model.set("metadata", _checked_metadata(request.metadata))
        _write_requirements(staging, request.pip_requirements, flavor.requirements())
        model.save(staging)


@contextmanager
def _staging_dir(target: Path, overwrite: bool) -> Iterator[Path]:
    """A temporary sibling of `target`, renamed onto it when the block succeeds.

    On failure the sibling is removed, and so are the parent directories made for it.
    """
    _check_target(target, overwrite)
    made = _make_parents(target.parent)
    try:
        sweep_stale(target.parent)  # what a killed save (kill -9) left behind
        prefix = staging_prefix(target.name)
        staging = Path(tempfile.mkdtemp(prefix=prefix, dir=target.parent))
        try:
            staging.chmod(umask_mode(0o777))
            yield staging
            fsync_tree(staging)
            _commit(staging, target, overwrite)
            fsync_dir(target.parent)
        except BaseException:
            shutil.rmtree(staging, ignore_errors=True)
            raise
    except BaseException:
        for directory in reversed(made):
            with contextlib.suppress(OSError):
                directory.rmdir()
        raise


def _make_parents(directory: Path) -> list[Path]:
    """Create `directory` and its missing parents; return the ones created, outermost first."""
    missing = [d for d in (directory, *directory.parents) if not d.exists()][::-1]
    directory.mkdir(parents=True, exist_ok=True)
    return missing


def _check_target(target: Path, overwrite: bool) -> None:
    if target.is_file():
        raise HintsigException(f"Cannot save a model to {target}: it is an existing file")
    if target.is_dir() and any(target.iterdir()) and not overwrite:
        raise HintsigException(
            f"Cannot save a model to {target}: the directory exists and is not empty "
            "(pass overwrite=True to replace it)"
        )


def _commit(staging: Path, target: Path, overwrite: bool) -> None:
    _check_target(target, overwrite)
    if not target.exists():
        os.rename(staging, target)
        return
    if exchange(staging, target):  # one step: the old model or the new one, at every instant
        shutil.rmtree(staging, ignore_errors=True)  # now the old model
        return
    backup = target.with_name(f"{staging_prefix(target.name, 'replaced')}{uuid.uuid4().hex}")
    os.rename(target, backup)
    try:
        os.rename(staging, target)
    except BaseException:
        os.rename(backup, target)
        raise
    shutil.rmtree(backup, ignore_errors=True)


def _run_example(
    flavor: ModelFlavor, meta: Model, example: Any, params: dict[str, Any] | None
) -> Any:
    """The model's output on the input example, predicted as the loaded model will predict
    (the same schema enforcement or type-hint validation), by a fresh copy of what is saved."""
    loaded = PyFuncModel(meta, flavor.loaded(), input_example=example)
    try:
        return loaded.predict(example, params)
    except DataValidationError as exc:
        against = "type hints" if loaded.validated_by_hints else "signature"
        raise HintsigException(
            f"The input example does not fit the model's {against}: {exc.message}"
        ) from exc
    except HintsigException:
        raise
    except Exception as exc:
        raise HintsigException(
            f"The model failed on the input example: {exc.__class__.__name__} "
            "(see the chained exception)"
        ) from exc


def _utc_now() -> str:
    return str(_dt.datetime.now(_dt.timezone.utc).replace(tzinfo=None))


def _checked_metadata(metadata: Mapping[str, Any] | None) -> dict[str, Any] | None:
    if metadata is None:
        return None
    if not isinstance(metadata, Mapping) or not all(isinstance(k, str) for k in metadata):
        raise HintsigException("metadata must be a dict with string keys")
    try:
        yaml.safe_dump(dict(metadata))
    except yaml.YAMLError:
        raise HintsigException(
            "metadata must hold plain values (str, int, float, bool, None, lists and dicts) "
            "to be written to the MLmodel file"
        ) from None
    return dict(metadata)


def _write_requirements(
    staging: Path,
    pip_requirements: Sequence[str] | str | os.PathLike[str] | None,
    defaults: list[str],
) -> None:
    lines = _requirement_lines(pip_requirements, defaults)
    (staging / REQUIREMENTS_FILE).write_text("\n".join(lines) + "\n", encoding="utf-8")


def _requirement_lines(
    pip_requirements: Sequence[str] | str | os.PathLike[str] | None, defaults: list[str]
) -> list[str]:
    if pip_requirements is None:
        return [f"hintsig=={__version__}", *defaults]
    if isinstance(pip_requirements, (str, os.PathLike)):
        file = Path(pip_requirements)
        try:
            text = file.read_text(encoding="utf-8")
        except OSError as exc:
            raise HintsigException(
                f"Cannot read the requirements file {file}: {exc.__class__.__name__}"
            ) from exc
        return [line.strip() for line in text.splitlines() if line.strip()]
    if not all(isinstance(line, str) for line in pip_requirements):
        raise HintsigException("pip_requirements must be a list of strings or a file path")
    return [line.strip() for line in pip_requirements if line.strip()]


# ----------------------------------------------------------------------------- signature


@dataclass(frozen=True)
class _SignatureChoice:
    """The signature to store before the example runs, and where it came from."""

    signature: ModelSignature | None
    from_hints: bool
    infer_outputs: bool  # fill the output schema from the model's output on the example


def _choose_signature(
    explicit: ModelSignature | None,
    hints: PredictHints | None,
    has_example: bool,
    example: Any,
    params: dict[str, Any] | None,
) -> _SignatureChoice:
    """Explicit signature, else the type hints, else inference from the input example."""
    if hints is not None and hints.type_from_example and not has_example:
        warnings.warn(
            "A model whose input hint is TypeFromExample takes its input type from the input "
            "example, and none was given: the model is saved without a signature and its "
            "inputs are not checked. Pass input_example= to save_model or log_model.",
            UserWarning,
            stacklevel=6,
        )
        return _SignatureChoice(None, False, False)
    hinted = None if hints is None or hints.type_from_example else hints.input_schema
    if hinted is not None:
        assert hints is not None
        warn_notes(hints.output_notes)  # `-> Any`: as MLflow, said when the signature is saved
        signature = _hinted_signature(explicit, hinted, hints.output_schema, params)
        return _SignatureChoice(signature, True, signature.outputs is None)
    if explicit is not None:
        return _SignatureChoice(explicit, False, False)
    if not has_example:
        return _SignatureChoice(None, False, False)
    outputs = hints.output_schema if hints is not None else None
    signature = ModelSignature(_infer_input_schema(example), outputs, _infer_params(params))
    return _SignatureChoice(signature, False, outputs is None)


def _hinted_signature(
    explicit: ModelSignature | None,
    hinted: Schema,
    hinted_outputs: Schema | None,
    params: dict[str, Any] | None,
) -> ModelSignature:
    if explicit is None:
        return ModelSignature(hinted, hinted_outputs, _infer_params(params))
    agrees = explicit.inputs == hinted and (
        hinted_outputs is None or explicit.outputs == hinted_outputs
    )
    if agrees:
        return explicit
    warnings.warn(
        "The signature passed to save_model differs from the one the model's type hints "
        f"give; the type hints win (inputs: {hinted}"
        + (f", outputs: {hinted_outputs}" if hinted_outputs is not None else "")
        + "). Do not pass signature= for a type-hinted model.",
        UserWarning,
        stacklevel=6,
    )
    return ModelSignature(
        hinted, hinted_outputs or explicit.outputs, explicit.params or _infer_params(params)
    )


def _breaks_explicit(
    choice: _SignatureChoice, explicit: ModelSignature | None, exc: HintsigException
) -> bool:
    """The example does not fit an explicit signature (MLflow refuses the save)."""
    return (
        explicit is not None
        and not choice.from_hints
        and isinstance(exc.__cause__, DataValidationError)
    )


def _after_failed_example(
    choice: _SignatureChoice, explicit: ModelSignature | None, exc: HintsigException
) -> ModelSignature | None:
    """The signature stored when the model fails on its own input example (MLflow saves the
    model and warns): the hints' or the explicit one as given; none when it was to be
    inferred from the example, since its outputs could not be."""
    inferred = not choice.from_hints and explicit is None
    kept = "no signature is stored" if inferred else "the signature is stored as given"
    _logger.warning(
        "%s. The model is saved anyway and %s; check the model or the example.", exc, kept
    )
    _logger.debug("The input example failed", exc_info=exc)
    return None if inferred else choice.signature


def _with_outputs(choice: _SignatureChoice, output: Any) -> ModelSignature | None:
    signature = choice.signature
    if signature is None or not choice.infer_outputs:
        return signature
    outputs = _infer_output_schema(_rows_as_column(output, signature.inputs))
    return ModelSignature(signature.inputs, outputs, signature.params)


def _rows_as_column(output: Any, inputs: Schema | None) -> Any:
    """A 1-D array predicted from columns holds one value per row: a column, as MLflow infers
    it (`[{"type": "long"}]` for a classifier's labels, not a tensor)."""
    np = sys.modules.get("numpy")
    if np is None or not isinstance(output, np.ndarray) or output.ndim != 1:
        return output
    if inputs is None or inputs.is_tensor_spec():
        return output
    import pandas as pd

    return pd.Series(output)


def _infer_input_schema(example: Any) -> Schema:
    from hintsig.models._infer import infer_schema

    try:
        return infer_schema(example)
    except HintsigException as exc:
        raise HintsigException(
            f"Cannot infer the input schema from the input example: {exc.message} "
            "(pass signature= to give it explicitly)"
        ) from exc


def _infer_output_schema(output: Any) -> Schema | None:
    if output is None:
        return None
    from hintsig.models._infer import infer_schema

    try:
        return infer_schema(output)
    except HintsigException as exc:
        from hintsig.types.schema import AnyType, ColSpec

        _logger.debug("Output schema inference failed: %s", exc.message)
        _logger.warning(
            "Failed to infer model output schema from prediction result, setting output "
            "schema to AnyType. For full traceback, set logging level to debug."
        )
        return Schema([ColSpec(AnyType())])


def _infer_params(params: dict[str, Any] | None) -> ParamSchema | None:
    if params is None:
        return None
    from hintsig.models._infer import infer_param_schema

    return infer_param_schema(params)
