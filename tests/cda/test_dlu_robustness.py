"""Hostile input is normal input: a damaged DLU is read or refused with a CdaParseError, never a crash."""

from __future__ import annotations

import contextlib
from functools import cache

from hypothesis import given
from hypothesis import strategies as st
from lxml import etree

from dmpcore.cda import from_cda, parse_xml, to_cda
from dmpcore.dlu import example_dlu
from dmpcore.errors import CdaParseError


@cache
def _example() -> bytes:
    return to_cda(example_dlu())


@given(index=st.integers(1, 10_000), action=st.sampled_from(["drop", "empty", "attrs", "text"]))
def test_damaged_documents_are_read_or_refused_cleanly(index: int, action: str) -> None:
    root = parse_xml(_example()).getroot()
    elements = list(root.iter())
    target = elements[index % len(elements)]
    if action == "drop" and target.getparent() is not None:
        target.getparent().remove(target)  # type: ignore[union-attr]
    elif action == "empty":
        for child in list(target):
            target.remove(child)
    elif action == "attrs":
        for name in list(target.attrib):
            target.set(name, "§")
    else:
        target.text = "\x20junk "
    xml = etree.tostring(root)
    refused: CdaParseError | None = None
    try:
        document = from_cda(xml)
    except CdaParseError as exc:
        refused = exc
    if refused is not None:
        assert refused.code.startswith("cda.")
        return
    # what was read is written back, or refused with an InputError (a ValueError; e.g. no patient id)
    with contextlib.suppress(ValueError):
        to_cda(document)
