"""Every error code dmpcore.xds raises is listed in the docstring of its exception class."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from dmpcore.xds import ArchiveError, MetadataError

SOURCES = sorted((Path(__file__).resolve().parents[2] / "src" / "dmpcore" / "xds").glob("*.py"))


def _raised_codes(error: type[Exception]) -> set[str]:
    codes = set()
    for source in SOURCES:
        for node in ast.walk(ast.parse(source.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == error.__name__:
                codes |= {
                    k.value.value
                    for k in node.keywords
                    if k.arg == "code" and isinstance(k.value, ast.Constant) and isinstance(k.value.value, str)
                }
    return codes


@pytest.mark.parametrize("error", [MetadataError, ArchiveError], ids=lambda e: e.__name__)
def test_every_code_is_documented(error: type[Exception]) -> None:
    codes = _raised_codes(error)
    assert codes, "no code found: the test would pass for nothing"
    missing = {code for code in codes if f"``{code}``" not in (error.__doc__ or "")}
    assert missing == set()
