"""The hardened parser refuses hostile XML with a clear error and a stable code."""

from __future__ import annotations

import contextlib
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from dmpcore.cda import parse_xml
from dmpcore.errors import CdaParseError

HOSTILE = {
    "billion-laughs": (
        b'<!DOCTYPE z [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">'
        b'<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">]><z>&c;</z>',
        "cda.dtd",
    ),
    "xxe-file": (b'<!DOCTYPE z [<!ENTITY x SYSTEM "file:///etc/passwd">]><z>&x;</z>', "cda.dtd"),
    "external-dtd": (b'<!DOCTYPE z SYSTEM "http://example.invalid/z.dtd"><z/>', "cda.dtd"),
    "too-deep": (b"<a>" * 300 + b"</a>" * 300, "cda.depth"),
    "not-xml": (b"%PDF-1.4 not xml", "cda.syntax"),
    "truncated": (b'<ClinicalDocument xmlns="urn:hl7-org:v3"><id root="1"/>', "cda.syntax"),
    "empty": (b"", "cda.syntax"),
}


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_hostile_input_is_refused(name: str) -> None:
    data, code = HOSTILE[name]
    with pytest.raises(CdaParseError) as info:
        parse_xml(data)
    assert info.value.code == code
    assert isinstance(info.value, ValueError)


def test_size_is_bounded_before_parsing(tmp_path: Path) -> None:
    big = tmp_path / "big.xml"
    big.write_bytes(b"<a>" + b" " * 2048 + b"</a>")
    for source in (big, str(big), big.read_bytes()):
        with pytest.raises(CdaParseError) as info:
            parse_xml(source, max_bytes=1024)
        assert info.value.code == "cda.size"


def test_missing_file_is_an_io_error(tmp_path: Path) -> None:
    with pytest.raises(CdaParseError) as info:
        parse_xml(tmp_path / "absent.xml")
    assert info.value.code == "cda.io"


def test_str_with_encoding_declaration_is_accepted() -> None:
    tree = parse_xml('<?xml version="1.0" encoding="ISO-8859-1"?><a>é</a>')
    assert tree.getroot().text == "é"


def test_syntax_error_gives_the_line() -> None:
    with pytest.raises(CdaParseError) as info:
        parse_xml(b"<a>\n<b>\n</a>")
    assert info.value.line in (2, 3)


@given(st.binary(max_size=200))
def test_arbitrary_bytes_parse_or_raise_cda_parse_error(data: bytes) -> None:
    with contextlib.suppress(CdaParseError):
        parse_xml(data)
