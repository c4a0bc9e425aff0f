"""Tests of the model registry (a package, so its module names cannot clash with others)."""
