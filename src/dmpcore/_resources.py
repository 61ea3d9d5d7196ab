"""Where the package's data files are, installed or in a source checkout."""

from __future__ import annotations

from functools import cache
from pathlib import Path

__all__ = ["data_path", "schema_path"]

_PACKAGE = Path(__file__).resolve().parent


def data_path(name: str) -> Path:
    """A file of the package data folder ``dmpcore/_data``."""
    return _PACKAGE / "_data" / name


@cache
def _schemas_dir() -> Path:
    # In a wheel the repository's schemas/ folder is installed as dmpcore/schemas (pyproject
    # force-include); in a source checkout (editable install) it is two levels above the package.
    installed = _PACKAGE / "schemas"
    return installed if installed.is_dir() else _PACKAGE.parents[1] / "schemas"


def schema_path(name: str) -> Path:
    """A file of the project's ``schemas/`` folder (XSD, JSON Schema)."""
    return _schemas_dir() / name
