"""Imports every command group so that it registers itself on `cli`."""

from __future__ import annotations
