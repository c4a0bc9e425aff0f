"""Quick start: add a signature to a scikit-learn model by logging it with an input example.

Seed section: "快速开始:为模型添加签名" (quick start: add a signature to a model).
Needs scikit-learn (`pip install 'hintsig[sklearn]'`).
Run: `python examples/quickstart_sklearn.py` (writes to ./hintsig-runs).
"""

from sklearn.datasets import load_iris
from sklearn.ensemble import RandomForestClassifier

import hintsig
import hintsig.pyfunc
import hintsig.sklearn

# Load data and train model
iris = load_iris(as_frame=True)
X, y = iris.data, iris.target
model = RandomForestClassifier(random_state=0).fit(X, y)

with hintsig.start_run():
    # The input example automatically generates a signature
    model_info = hintsig.sklearn.log_model(
        model,
        name="iris_model",
        input_example=X.iloc[[0]],  # First row as example
    )

print(model_info.model_uri)
print(model_info.signature)

rows = X.iloc[[0, 50, 100]]

# The estimator itself, as it was logged
estimator = hintsig.sklearn.load_model(model_info.model_uri)
print("sklearn predict:", estimator.predict(rows).tolist())

# As a python model: every call is checked against the signature first
loaded = hintsig.pyfunc.load_model(model_info.model_uri)
print("pyfunc predict: ", loaded.predict(rows).tolist())
try:
    loaded.predict(rows.astype({"petal width (cm)": str}))
except hintsig.HintsigException as exc:
    print("refused:", exc.message)
