"""The hardened XML parser: hostile input is normal input.

- no DTD is loaded, no entity is expanded and no document that declares a DOCTYPE is accepted
  (billion laughs, external entities, XXE);
- no network access, ever (``no_network``), and no XInclude;
- the input size is bounded (default 50 MB) before any parsing work;
- the depth is bounded by libxml2's own limit of 256 nested elements (``huge_tree`` stays off),
  far above the 20 levels a CDA document uses.

Every failure is a :class:`~dmpcore.errors.CdaParseError` (a ``ValueError``) with a stable code:
``cda.type``, ``cda.io``, ``cda.size``, ``cda.dtd``, ``cda.depth``, ``cda.syntax``.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any, Final

from lxml import etree

from dmpcore.errors import CdaParseError

__all__ = ["DEFAULT_MAX_BYTES", "MAX_DEPTH", "parse_xml", "read_source"]

DEFAULT_MAX_BYTES: Final = 50 * 1024 * 1024
MAX_DEPTH: Final = 256  # libxml2's limit without XML_PARSE_HUGE

Source = bytes | bytearray | memoryview | str | os.PathLike[str]


def _new_parser() -> etree.XMLParser:
    return etree.XMLParser(
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        dtd_validation=False,
        huge_tree=False,
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
    elif isinstance(source, str) and source.lstrip()[:1] == "<":
        data = source.encode("utf-8")
        data = _drop_utf8_declaration_conflict(data)
    elif isinstance(source, str | os.PathLike):
        data = _read_file(Path(source), max_bytes)
    else:
        raise CdaParseError(f"cannot read a document from {type(source).__name__}", code="cda.type")
    if len(data) > max_bytes:
        raise CdaParseError(f"document is larger than the {max_bytes}-byte limit", code="cda.size")
    return data


def _drop_utf8_declaration_conflict(data: bytes) -> bytes:
    # A str was decoded already: re-encoded as UTF-8, its declaration may name another encoding.
    if data.lstrip().startswith(b"<?xml"):
        end = data.find(b"?>")
        if end != -1 and b"encoding" in data[:end]:
            return data[end + 2 :].lstrip()
    return data


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
    try:
        root = etree.fromstring(data, _new_parser())
    except etree.XMLSyntaxError as exc:
        line = exc.lineno or None
        if "Excessive depth" in exc.msg:
            raise CdaParseError(f"elements nest deeper than {MAX_DEPTH}", code="cda.depth", line=line) from None
        if "entity" in exc.msg.lower() and ("load" in exc.msg or "network" in exc.msg):
            raise CdaParseError("external DTDs and entities are not loaded", code="cda.dtd", line=line) from None
        raise CdaParseError(f"not well-formed XML: {_short(exc.msg)}", code="cda.syntax", line=line) from None
    tree = root.getroottree()
    docinfo: Any = tree.docinfo  # lxml-stubs lack DocInfo.doctype
    if docinfo.doctype or docinfo.internalDTD is not None:
        raise CdaParseError("DTDs and entity declarations are not allowed", code="cda.dtd", line=1)
    return tree


def _short(message: str) -> str:
    return " ".join(message.split())[:200]
