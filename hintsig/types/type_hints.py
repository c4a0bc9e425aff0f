"""Type hints as model signatures (`hintsig.types.type_hints`).

A `predict` input hint `list[X]` becomes the schema `Schema([ColSpec(<X's type>)])` and a
validator compiled once; see `PredictHints` and `get_predict_hints`.

| hint | schema column type |
|---|---|
| `list[str]`, `list[int]`, `list[float]`, `list[bool]` | `string`, `long`, `double`, `boolean` |
| `list[bytes]`, `list[datetime.datetime]`, `list[datetime.date]` | `binary`, `datetime` |
| `list[list[str]]` | `Array(string)` (any depth) |
| `list[dict[str, int]]` | `Map(long)` |
| `list[Literal["a", "b"]]`, `list[MyStrEnum]` | `string` (values checked) |
| `list[int \\| str]`, `list[Any]` | `AnyType()` (not validated; warns), see `validate_unions` |
| `list[MyModel]` (pydantic) | `Object` of the fields; a field with a default is optional |
| `Annotated[np.ndarray, Tensor(np.float32, (-1, 28, 28))]` | `TensorSpec(float32, (-1, 28, 28))` |
| a `TypedDict` of such tensor hints | one named `TensorSpec` per key |
| `Annotated[pd.DataFrame, Columns(Row)]` (pydantic/TypedDict `Row`) | a column per field |
| `TypeFromExample`, `pd.DataFrame`, `np.ndarray`, scipy sparse | no schema (from the example) |

Plugins add translators with `register_translator`, or through a callable in the
`hintsig.translators` entry-point group (called once, before the first translation).
"""

from __future__ import annotations

from hintsig.types._hint_frames import Columns as Columns
from hintsig.types._hint_predict import PredictHints as PredictHints
from hintsig.types._hint_predict import get_predict_hints as get_predict_hints
from hintsig.types._hint_registry import ENTRY_POINT_GROUP as ENTRY_POINT_GROUP
from hintsig.types._hint_registry import Handler as Handler
from hintsig.types._hint_registry import Predicate as Predicate
from hintsig.types._hint_registry import Translation as Translation
from hintsig.types._hint_registry import TranslationContext as TranslationContext
from hintsig.types._hint_registry import TypeFromExample as TypeFromExample
from hintsig.types._hint_registry import register_translator as register_translator
from hintsig.types._hint_root import schema_from_hint as schema_from_hint
from hintsig.types._hint_tensors import Tensor as Tensor

__all__ = [
    "ENTRY_POINT_GROUP",
    "Columns",
    "Handler",
    "Predicate",
    "PredictHints",
    "Tensor",
    "Translation",
    "TranslationContext",
    "TypeFromExample",
    "get_predict_hints",
    "register_translator",
    "schema_from_hint",
]
