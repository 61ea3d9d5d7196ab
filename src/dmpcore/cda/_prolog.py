"""A cheap scan of an XML document's prolog for a document type declaration, before any parsing.

A DOCTYPE (and the entity declarations it holds) is refused before libxml2 sees the document, so that
every hostile variant (billion laughs of any depth, quadratic blowup, XXE, parameter entities, an
external DTD) fails the same way, with the same code, whatever libxml2 would have made of it.

The prolog is what comes before the root element (XML 1.0 §2.8: ``prolog ::= XMLDecl? Misc*
(doctypedecl Misc*)?``, ``Misc ::= Comment | PI | S``): the scan skips a byte order mark, the XML
declaration, processing instructions, comments and blanks, and stops at the first other markup. The
bytes are decoded for the scan only, by the rules of XML 1.0 Appendix F (byte order mark, else the
pattern of the first four bytes); any ASCII-compatible encoding is scanned as Latin-1, which decodes
every byte and keeps the ASCII markup characters where they are.
"""

from __future__ import annotations

from typing import Final

__all__ = ["doctype_line"]

# XML 1.0 Appendix F: byte order marks, longest first (UTF-32 LE starts like UTF-16 LE)
_BOMS: Final = (
    (b"\x00\x00\xfe\xff", "utf-32-be"),
    (b"\xff\xfe\x00\x00", "utf-32-le"),
    (b"\xef\xbb\xbf", "utf-8"),
    (b"\xfe\xff", "utf-16-be"),
    (b"\xff\xfe", "utf-16-le"),
)
_EBCDIC: Final = b"\x4c\x6f\xa7\x94"  # "<?xm" in EBCDIC
#: the declarations a DTD is made of: any of them in the prolog means a document type declaration
_DTD_KEYWORDS: Final = ("DOCTYPE", "ENTITY", "ELEMENT", "ATTLIST", "NOTATION")
_FIRST_CHUNK: Final = 4096


def _scan_encoding(data: bytes) -> str:
    for bom, codec in _BOMS:
        if data.startswith(bom):
            return codec
    head = data[:4]
    if head.startswith(b"\x00\x00\x00") or head[1:4] == b"\x00\x00\x00":
        return "utf-32-be" if head[0] == 0 else "utf-32-le"
    if len(head) >= 2 and (head[0] == 0) != (head[1] == 0):
        return "utf-16-be" if head[0] == 0 else "utf-16-le"
    if head == _EBCDIC:
        return "cp500"
    return "latin-1"


def _markup_start(text: str, pos: int) -> int | None:
    """The position of the first markup of *text* from *pos* that is not a PI, a comment or a blank.

    None when the text ends inside the prolog (the caller scans a longer prefix, or gives up).
    """
    end = len(text)
    while True:
        while pos < end and text[pos] in " \t\r\n\ufeff":
            pos += 1
        if pos >= end:
            return None
        if text.startswith("<?", pos):
            close = text.find("?>", pos + 2)
        elif text.startswith("<!--", pos):
            close = text.find("-->", pos + 4)
        else:
            return pos
        if close == -1:
            return None
        pos = close + (2 if text[close] == "?" else 3)


def doctype_line(data: bytes) -> int | None:
    """The 1-based line of a document type declaration in the prolog of *data*, or None if there is none.

    >>> doctype_line(b'<?xml version="1.0"?>\\n<!-- a -->\\n<!DOCTYPE a [<!ENTITY x "y">]><a>&x;</a>')
    3
    >>> doctype_line(b"<!-- <!DOCTYPE in a comment --><a/>") is None
    True
    >>> doctype_line('<!DOCTYPE a SYSTEM "a.dtd"><a/>'.encode("utf-16"))
    1
    """
    found = _first_markup(data, _scan_encoding(data))
    if found is None:
        return None
    text, pos = found
    if text.startswith("<!", pos) and text[pos + 2 : pos + 10].upper().startswith(_DTD_KEYWORDS):
        return text.count("\n", 0, pos) + 1
    return None


def _first_markup(data: bytes, codec: str) -> tuple[str, int] | None:
    """A decoded prefix of *data* and the position in it of the first markup after the PIs and comments.

    The prefix doubles until it holds that markup and the longest DTD keyword after it: the scan costs
    little more than the prolog itself, however long it is.
    """
    size = _FIRST_CHUNK
    while True:
        text = data[:size].decode(codec, errors="replace")
        pos = _markup_start(text, 0)
        whole = size >= len(data)
        if pos is not None and (pos + 10 <= len(text) or whole):  # room for "<!" and "NOTATION"
            return text, pos
        if whole:
            return None  # the document ends in its prolog: the parser reports it
        size *= 2
