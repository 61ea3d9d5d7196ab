"""The hardened XML parser: hostile input is normal input.

- a document that declares a DOCTYPE is refused before parsing (a scan of its prolog, see
  ``_prolog.py``): no DTD is ever read, no entity is ever declared or expanded (billion laughs,
  quadratic blowup, external entities, XXE, parameter entities, external DTDs);
- no network access, ever (``no_network``), and no XInclude;
- the input size is bounded (default 50 MB, ``max_bytes``) before any parsing work: this is the one
  size limit. libxml2's own limits for trusted-size input (10 MB text nodes, which a DLU's base64
  attachments exceed) are lifted with ``huge_tree``; its guard against entity amplification stays;
- the depth is bounded by dmpcore: at most :data:`MAX_DEPTH` (256) nested elements, far above the
  20 levels a CDA document uses (libxml2 itself stops at 2048 with ``huge_tree``);
- the number of elements is bounded too: at most :data:`MAX_ELEMENTS` (one million; the official
  1.1 MB DLU holds about three thousand), so that no XPath of dmpcore's meets libxml2's limit of
  10 million nodes in a node set (a 40 MB file of ``<a/>`` is under the size limit): more is
  ``cda.size``.

Every failure is a :class:`~dmpcore.errors.CdaParseError` (a ``ValueError``) with a stable code:
``cda.type``, ``cda.io``, ``cda.size``, ``cda.dtd``, ``cda.depth``, ``cda.syntax``.
"""

from __future__ import annotations

import itertools
import os
import re
from pathlib import Path
from typing import Any, Final

from lxml import etree

from dmpcore.cda._prolog import doctype_line
from dmpcore.errors import CdaParseError

__all__ = ["DEFAULT_MAX_BYTES", "MAX_DEPTH", "MAX_ELEMENTS", "parse_xml", "read_source"]

DEFAULT_MAX_BYTES: Final = 50 * 1024 * 1024
#: the deepest nesting of elements accepted (a CDA document uses about 20 levels)
MAX_DEPTH: Final = 256
#: the most elements accepted in a document (libxml2's XPath refuses node sets of more than 10 million)
MAX_ELEMENTS: Final = 1_000_000
# the first element at depth MAX_DEPTH + 1, if any (libxml2 evaluates it level by level: linear in the tree)
_TOO_DEEP: Final = etree.XPath("(/" + "/".join(["*"] * (MAX_DEPTH + 1)) + ")[1]")

#: a str holding XML text rather than a path: "<" after blanks (and a byte order mark)
_XML_TEXT: Final = re.compile("[ \t\r\n\ufeff]*<")

Source = bytes | bytearray | memoryview | str | os.PathLike[str]


def _new_parser() -> etree.XMLParser:
    return etree.XMLParser(
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        dtd_validation=False,
        huge_tree=True,  # the size is bounded by max_bytes; see the module docstring
        remove_comments=False,
        remove_pis=False,
        collect_ids=False,
    )


def read_source(source: Source, *, max_bytes: int = DEFAULT_MAX_BYTES) -> bytes:
    """The bytes of *source*: bytes as they are, ``str`` as an XML text or a path, a ``Path`` read.

    A ``str`` that starts with ``<`` (after blanks) is XML text; any other ``str`` is a path.
    """
    if isinstance(source, bytes | bytearray | memoryview):
        data = bytes(source)
    elif isinstance(source, str) and _XML_TEXT.match(source):
        data = _declare_utf8(source.encode("utf-8"))
    elif isinstance(source, str | os.PathLike):
        data = _read_file(_path(source), max_bytes)
    else:
        raise CdaParseError(f"cannot read a document from {type(source).__name__}", code="cda.type")
    if len(data) > max_bytes:
        raise CdaParseError(f"document is larger than the {max_bytes}-byte limit", code="cda.size")
    return data


_ENCODING: Final = re.compile(rb"""(\sencoding\s*=\s*)(["'])[^"']*\2""")


def _declare_utf8(data: bytes) -> bytes:
    # A str was decoded already and is re-encoded as UTF-8: an XML declaration naming another encoding
    # is rewritten to say UTF-8, in place, so that lines and columns stay those of the str.
    start = 3 if data.startswith(b"\xef\xbb\xbf") else 0
    if data.startswith(b"<?xml", start):
        end = data.find(b"?>", start)
        if end != -1:
            declaration = _ENCODING.sub(rb"\1\2UTF-8\2", data[start:end], count=1)
            return data[:start] + declaration + data[end:]
    return data


def _path(source: str | os.PathLike[str]) -> Path:
    try:
        return Path(source)
    except Exception as exc:  # a caller's __fspath__ may raise anything, or return another type
        raise CdaParseError(
            f"cannot read a path from {type(source).__name__}: {type(exc).__name__}", code="cda.io"
        ) from None


def _read_file(path: Path, max_bytes: int) -> bytes:
    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise CdaParseError(f"file is larger than the {max_bytes}-byte limit", code="cda.size")
        with path.open("rb") as handle:
            return handle.read(max_bytes + 1)
    except OSError as exc:
        raise CdaParseError(f"cannot read {path.name}: {exc.strerror}", code="cda.io") from None


def parse_xml(source: Source, *, max_bytes: int = DEFAULT_MAX_BYTES) -> etree._ElementTree:
    """Parse *source* safely and return its element tree.

    >>> parse_xml(b"<a><b/></a>").getroot().tag
    'a'
    >>> parse_xml(b'<!DOCTYPE a [<!ENTITY x "y">]><a>&x;</a>')
    Traceback (most recent call last):
        ...
    dmpcore.errors.CdaParseError: DTDs and entity declarations are not allowed (line 1)
    """
    data = read_source(source, max_bytes=max_bytes)
    line = doctype_line(data)
    if line is not None:
        raise CdaParseError("DTDs and entity declarations are not allowed", code="cda.dtd", line=line)
    try:
        root = etree.fromstring(data, _new_parser())
    except etree.XMLSyntaxError as exc:
        line = exc.lineno or None
        if "Excessive depth" in exc.msg:
            raise CdaParseError(f"elements nest deeper than {MAX_DEPTH}", code="cda.depth", line=line) from None
        raise CdaParseError(f"not well-formed XML: {_short(exc.msg)}", code="cda.syntax", line=line) from None
    tree = root.getroottree()
    docinfo: Any = tree.docinfo  # lxml-stubs lack DocInfo.doctype
    if docinfo.doctype or docinfo.internalDTD is not None:  # the prolog scan caught it already: a safety net
        raise CdaParseError("DTDs and entity declarations are not allowed", code="cda.dtd", line=1)
    if next(itertools.islice(root.iter(), MAX_ELEMENTS, None), None) is not None:
        raise CdaParseError(f"document has more than {MAX_ELEMENTS:,} elements", code="cda.size")
    deep: Any = _TOO_DEEP(tree)
    if deep:
        line = deep[0].sourceline if isinstance(deep[0].sourceline, int) else None
        raise CdaParseError(f"elements nest deeper than {MAX_DEPTH}", code="cda.depth", line=line)
    return tree


def _short(message: str) -> str:
    return " ".join(message.split())[:200]
