"""The generated API reference covers every public module and every name of its ``__all__``."""

from __future__ import annotations

import importlib
import pkgutil

import dmpcore
from dmpcore._apidocs import MODULES, error_codes, reference


def _public_modules() -> set[str]:
    found = set()
    for info in pkgutil.walk_packages(dmpcore.__path__, prefix="dmpcore."):
        if not any(part.startswith("_") for part in info.name.split(".")) and info.name != "dmpcore.cli":
            found.add(info.name)
    return found


def test_every_public_module_is_in_the_reference() -> None:
    assert _public_modules() == set(MODULES)


def test_every_exported_name_is_listed() -> None:
    text = reference()
    for path in MODULES:
        for name in importlib.import_module(path).__all__:
            assert f"| `{name}" in text, f"{path}.{name} missing from the API reference"


def test_every_public_exception_has_a_code() -> None:
    rows = error_codes().splitlines()[2:]
    assert rows
    assert all(not line.endswith("| `` |") for line in rows)
