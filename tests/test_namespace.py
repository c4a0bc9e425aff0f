"""MLflow's top-level names after `import hintsig`: lazy subpackages, client, URIs, runs."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

import hintsig


def test_subpackages_are_attributes_imported_on_first_use() -> None:
    code = (
        "import sys, hintsig\n"
        "assert 'pandas' not in sys.modules and 'numpy' not in sys.modules\n"
        "assert callable(hintsig.models.infer_signature)\n"
        "assert callable(hintsig.pyfunc.utils.pyfunc)\n"
        "assert hintsig.types.Schema.__name__ == 'Schema'\n"
        "assert hintsig.types.schema.AnyType.__name__ == 'AnyType'\n"
        "assert callable(hintsig.models.utils.load_serving_example)\n"
        "assert callable(hintsig.sklearn.log_model)\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


def test_mlflow_client_is_the_registry_client() -> None:
    from hintsig.client import HintsigClient

    assert hintsig.MlflowClient is HintsigClient
    assert hintsig.client.MlflowClient is HintsigClient


def test_tracking_uri_selects_where_runs_are_stored(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("HINTSIG_TRACKING_DIR", raising=False)
    monkeypatch.delenv("HINTSIG_REGISTRY_URI", raising=False)
    hintsig.set_tracking_uri(tmp_path.as_uri())
    assert hintsig.get_tracking_uri() == tmp_path.as_uri()
    assert hintsig.get_registry_uri() == f"sqlite:///{tmp_path.as_posix()}/registry.db"
    with hintsig.start_run() as run:
        assert hintsig.active_run() is run
    assert hintsig.active_run() is None
    assert hintsig.last_active_run() is run
    assert (tmp_path / "runs" / run.info.run_id / "meta.json").is_file()
    hintsig.set_tracking_uri(str(tmp_path / "plain"))
    assert hintsig.get_tracking_uri() == (tmp_path / "plain").as_uri()
    hintsig.set_registry_uri(f"sqlite:///{tmp_path}/r.db")
    assert hintsig.get_registry_uri() == f"sqlite:///{tmp_path}/r.db"
    with pytest.raises(hintsig.HintsigException):
        hintsig.set_tracking_uri("http://127.0.0.1:5000")
