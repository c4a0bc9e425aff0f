"""`TypeFromExample`: the input type is taken from the input example when the model is saved.

Seed section: "TypeFromExample".
"""

# ruff: noqa: UP006, UP035

from typing import List

import hintsig
import hintsig.pyfunc
from hintsig.types.type_hints import TypeFromExample


class FlexibleModel(hintsig.pyfunc.PythonModel):
    def predict(self, model_input: TypeFromExample) -> List[str]:
        # Type determined by input_example at logging time
        return [item.upper() if isinstance(item, str) else str(item) for item in model_input]


# Input example determines the expected type
with hintsig.start_run():
    model_info = hintsig.pyfunc.log_model(
        name="flexible_model",
        python_model=FlexibleModel(),
        input_example=["sample", "data"],  # Expects List[str]
    )

print(model_info.signature)

# At inference, validates against List[str] type
loaded_model = hintsig.pyfunc.load_model(model_info.model_uri)
result = loaded_model.predict(["hello", "world"])  # ✅ Works
print(result)
