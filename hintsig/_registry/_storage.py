"""The registry's own copy of each version's model, so a version never changes.

`create_model_version` copies the source model directory to `<stem>-models/<uuid>/` next
to the registry file (`registry-models/` for `registry.db`), and `models:/` URIs load that
copy. Changing the source afterwards (`set_signature(mv.source, ...)`) affects only the
versions created from it later, as in the guide's registry flow. A copy is made under a
temporary name and renamed into place, so a failed copy leaves nothing behind.
"""

from __future__ import annotations

import shutil
import uuid
from pathlib import Path

from hintsig._files import copy_tree
from hintsig.exceptions import HintsigException

__all__ = ["ModelStorage"]


class ModelStorage:
    """The directory that holds the registry's copies of versioned models."""

    def __init__(self, root: Path) -> None:
        self.root = root

    @classmethod
    def beside(cls, registry_file: Path) -> ModelStorage:
        """The storage that belongs to the registry file `registry_file`."""
        return cls(registry_file.with_name(f"{registry_file.stem}-models"))

    def copy_in(self, model_dir: Path) -> Path:
        """A fresh copy of `model_dir` in the storage."""
        final = self.root / uuid.uuid4().hex
        partial = self.root / f".partial-{final.name}"
        try:
            self.root.mkdir(parents=True, exist_ok=True)
            copy_tree(model_dir, partial, label="copying the model into the registry")
            partial.rename(final)
        except OSError as exc:
            shutil.rmtree(partial, ignore_errors=True)
            reason = exc.strerror or exc.__class__.__name__
            raise HintsigException(
                f"Cannot copy the model at {model_dir} into the registry storage "
                f"{self.root}: {reason}"
            ) from exc
        return final

    def remove(self, location: str) -> None:
        """Delete a copy this storage made; any other path is left alone.

        A copy that cannot be deleted stays as an unused directory: the registry no longer
        refers to it, so nothing is lost but disk space.
        """
        path = Path(location)
        if path.parent == self.root and path.name != "":
            shutil.rmtree(path, ignore_errors=True)
