"""Hostile input is normal input: a damaged DLU is read or refused with a CdaParseError, never a crash."""

from __future__ import annotations

import contextlib
from functools import cache

import pytest
from hypothesis import given
from hypothesis import strategies as st
from lxml import etree

from dmpcore.cda import from_cda, parse_xml, to_cda
from dmpcore.dlu import example_dlu
from dmpcore.errors import CdaParseError


@cache
def _example() -> bytes:
    return to_cda(example_dlu())


@given(index=st.integers(1, 10_000), action=st.sampled_from(["drop", "empty", "attrs", "blank", "text"]))
def test_damaged_documents_are_read_or_refused_cleanly(index: int, action: str) -> None:
    """Every refusal says where: the line and the path of the element."""
    root = parse_xml(_example()).getroot()
    elements = list(root.iter())
    target = elements[index % len(elements)]
    if action == "drop" and target.getparent() is not None:
        target.getparent().remove(target)  # type: ignore[union-attr]
    elif action == "empty":
        for child in list(target):
            target.remove(child)
    elif action in ("attrs", "blank"):
        for name in list(target.attrib):
            target.set(name, "§" if action == "attrs" else " ")
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
        assert refused.line is not None, refused
        assert refused.xpath is not None, refused
        return
    # what was read is written back, or refused with an InputError (a ValueError; e.g. no patient id)
    with contextlib.suppress(ValueError):
        to_cda(document)


@pytest.mark.parametrize(
    ("old", "new", "message", "xpath"),
    [
        (b'<id root="1.2.250.1.71.4.2.2.1750803447.1"', b'<id root=" "', "'root' must be a non-empty string", "/id"),
        (b'<setId root="1.2.250.1.71.4.2.2.1750803447.1"', b'<setId root="  "', "'root'", "/setId"),
        (
            b'<confidentialityCode code="N"',
            b'<confidentialityCode code=" "',
            "'code' must be a non-empty",
            "/confidentialityCode",
        ),
        (b'<telecom value="tel:0141311910"', b'<telecom value=" "', "'value' must be a non-empty string", "/telecom"),
    ],
)
def test_blank_attributes_are_refused_where_they_are(old: bytes, new: bytes, message: str, xpath: str) -> None:
    xml = _example().replace(b"><", b">\n<")
    assert old in xml
    with pytest.raises(CdaParseError, match=message) as info:
        from_cda(xml.replace(old, new, 1))
    assert info.value.line is not None
    assert info.value.xpath is not None
    assert info.value.xpath.startswith("/ClinicalDocument")
    assert info.value.xpath.endswith(xpath)
