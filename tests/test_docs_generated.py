"""Generated tables in docs/ are up to date (run ``python -m dmpcore._docgen`` to refresh them)."""

from __future__ import annotations

from pathlib import Path

import pytest

from dmpcore._docgen import _BLOCK, GENERATORS, refresh

DOCS = Path(__file__).resolve().parents[1] / "docs"
PAGES = sorted(DOCS.rglob("*.md"))


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.name)
def test_generated_blocks_are_fresh(page: Path) -> None:
    text = page.read_text(encoding="utf-8")
    assert refresh(text) == text, f"{page.name} is stale: run python -m dmpcore._docgen"


def test_every_generator_is_used_in_a_page() -> None:
    used = {m.group("name") for page in PAGES for m in _BLOCK.finditer(page.read_text(encoding="utf-8"))}
    assert set(GENERATORS) <= used
