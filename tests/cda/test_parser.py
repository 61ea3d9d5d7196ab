"""The hardened parser refuses hostile XML with a clear error and a stable code."""

from __future__ import annotations

import contextlib
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from dmpcore.cda import from_cda, parse_xml
from dmpcore.cda._parser import MAX_ELEMENTS
from dmpcore.errors import CdaParseError


def _billion_laughs(levels: int, *, in_attribute: bool = False) -> bytes:
    """The classic entity bomb: *levels* entities of ten references each (10**levels "lol" once expanded)."""
    lines = [b'<?xml version="1.0"?>', b"<!DOCTYPE lolz [", b'  <!ENTITY lol0 "lol">']
    for level in range(1, levels + 1):
        lines.append(f'  <!ENTITY lol{level} "{f"&lol{level - 1};" * 10}">'.encode())
    lines.append(b"]>")
    lines.append(f'<lolz a="&lol{levels};"/>'.encode() if in_attribute else f"<lolz>&lol{levels};</lolz>".encode())
    return b"\n".join(lines)


HOSTILE = {
    "billion-laughs": (_billion_laughs(9), "cda.dtd"),  # 10**9 "lol": libxml2 alone calls it cda.syntax
    "billion-laughs-in-attribute": (_billion_laughs(9, in_attribute=True), "cda.dtd"),
    "quadratic-blowup": (
        b'<!DOCTYPE r [<!ENTITY a "' + b"x" * 100_000 + b'">]><r>' + b"&a;" * 20_000 + b"</r>",
        "cda.dtd",
    ),
    "xxe-file": (b'<!DOCTYPE z [<!ENTITY x SYSTEM "file:///etc/passwd">]><z>&x;</z>', "cda.dtd"),
    "xxe-http": (b'<!DOCTYPE z [<!ENTITY x SYSTEM "http://127.0.0.1:9/x">]><z>&x;</z>', "cda.dtd"),
    "parameter-entity": (b'<!DOCTYPE z [<!ENTITY % p SYSTEM "http://127.0.0.1:9/p"> %p;]><z>&x;</z>', "cda.dtd"),
    "external-dtd": (b'<!DOCTYPE z SYSTEM "http://example.invalid/z.dtd"><z/>', "cda.dtd"),
    "doctype-without-subset": (b"<!DOCTYPE z><z/>", "cda.dtd"),
    "doctype-after-comments-and-pis": (
        b'\xef\xbb\xbf<?xml version="1.0"?>\n<!-- a comment -->\n<?pi <!DOCTYPE?>\n<!DOCTYPE z [<!ENTITY x "y">]><z/>',
        "cda.dtd",
    ),
    "doctype-in-utf-16": (
        '<?xml version="1.0" encoding="UTF-16"?><!DOCTYPE z [<!ENTITY x "y">]><z/>'.encode("utf-16"),
        "cda.dtd",
    ),
    "doctype-in-utf-16-without-bom": ('<!DOCTYPE z [<!ENTITY x "y">]><z/>'.encode("utf-16-be"), "cda.dtd"),
    "doctype-after-a-long-comment": (b"<!--" + b"-x" * 10_000 + b"--><!DOCTYPE z><z/>", "cda.dtd"),
    "entity-declaration-without-doctype": (b'<!ENTITY x "y"><z/>', "cda.dtd"),
    "too-deep": (b"<a>" * 300 + b"</a>" * 300, "cda.depth"),
    "too-deep-for-libxml2": (b"<a>" * 100_000 + b"</a>" * 100_000, "cda.depth"),
    "undeclared-entity": (b"<r>&x;</r>", "cda.syntax"),
    "not-xml": (b"%PDF-1.4 not xml", "cda.syntax"),
    "truncated": (b'<ClinicalDocument xmlns="urn:hl7-org:v3"><id root="1"/>', "cda.syntax"),
    "unterminated-comment-in-prolog": (b"<!-- <z/>", "cda.syntax"),
    "empty": (b"", "cda.syntax"),
}


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_hostile_input_is_refused(name: str) -> None:
    data, code = HOSTILE[name]
    with pytest.raises(CdaParseError) as info:
        parse_xml(data)
    assert info.value.code == code
    assert isinstance(info.value, ValueError)
    assert info.value.line is not None or code == "cda.syntax"


def test_a_doctype_is_reported_at_its_line() -> None:
    with pytest.raises(CdaParseError) as info:
        parse_xml(_billion_laughs(3))
    assert (info.value.code, info.value.line) == ("cda.dtd", 2)


def test_a_comment_mentioning_a_doctype_is_not_one() -> None:
    assert parse_xml(b"<!-- <!DOCTYPE z> --><?pi <!ENTITY?><z/>").getroot().tag == "z"


@pytest.mark.parametrize("depth", [255, 256])
def test_the_depth_bound_is_inclusive(depth: int) -> None:
    assert parse_xml(b"<a>" * depth + b"</a>" * depth).getroot().tag == "a"


def test_text_nodes_over_libxml2s_10_mb_limit_are_read() -> None:
    """The size bound is max_bytes: a DLU embeds PDFs whose base64 text exceeds libxml2's default 10 MB."""
    text = b"A" * (12 * 1024 * 1024)
    root = parse_xml(b'<r a="' + text[:1000] + b'">' + text + b"</r>").getroot()
    assert len(root.text or "") == len(text)


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
    assert parse_xml("\ufeff<a>é</a>").getroot().text == "é"


@pytest.mark.parametrize(
    "declaration", ['<?xml version="1.0" encoding="ISO-8859-1"?>\n', "<?xml version='1.0'?>\n", ""]
)
def test_lines_are_the_same_for_str_bytes_and_path(tmp_path: Path, declaration: str) -> None:
    text = declaration + "<a>\n<b>é</b>\n<c>\n</a>\n"
    path = tmp_path / "doc.xml"
    path.write_bytes(text.encode("latin-1" if "8859" in declaration else "utf-8"))
    lines = set()
    for source in (text, path.read_bytes(), path, str(path)):
        with pytest.raises(CdaParseError) as info:
            parse_xml(source)
        lines.add(info.value.line)
    assert lines == {5 if declaration else 4}  # the unclosed <c>, closed by </a>


def test_syntax_error_gives_the_line() -> None:
    with pytest.raises(CdaParseError) as info:
        parse_xml(b"<a>\n<b>\n</a>")
    assert info.value.line in (2, 3)


@given(st.binary(max_size=200))
def test_arbitrary_bytes_parse_or_raise_cda_parse_error(data: bytes) -> None:
    with contextlib.suppress(CdaParseError):
        parse_xml(data)


def test_a_document_of_more_than_a_million_elements_is_a_size_error() -> None:
    # libxml2's XPath refuses node sets of more than 10 million nodes (a 40 MB file of <a/> is under the 50 MB limit):
    # the parser bounds the number of elements, so that the caller gets a CdaParseError, never an lxml exception
    at_the_limit = b"<r>" + b"<a/>" * (MAX_ELEMENTS - 1) + b"</r>"
    assert parse_xml(at_the_limit).getroot().tag == "r"
    for nested in (False, True):
        inner = b"<b>" + b"<a/>" * 9 + b"</b>" if nested else b"<a/>"
        wide = b"<r>" + inner * (MAX_ELEMENTS // (10 if nested else 1) + 1) + b"</r>"
        with pytest.raises(CdaParseError) as info:
            parse_xml(wide)
        assert info.value.code == "cda.size"
        assert "1,000,000 elements" in str(info.value)
        with pytest.raises(CdaParseError):
            from_cda(wide)
