"""The one way xds reads a CDA: bytes (for the hash and size) and the parsed tree, via parse_xml."""

from __future__ import annotations

import os
from typing import TypeAlias

from lxml import etree

from dmpcore.cda import parse_xml, to_cda
from dmpcore.cda._parser import read_source
from dmpcore.dlu import Document

__all__ = ["DocumentSource", "load"]

#: A CDA given as bytes, XML text, a path, an already parsed lxml tree or root element, or a
#: :class:`dmpcore.dlu.Document` (serialised with :func:`dmpcore.cda.to_cda`).
DocumentSource: TypeAlias = (
    bytes | bytearray | memoryview | str | os.PathLike[str] | etree._ElementTree | etree._Element | Document
)


def load(document: DocumentSource) -> tuple[bytes, etree._ElementTree]:
    """The bytes of *document* (as they will be deposited) and its tree.

    A tree is serialised as UTF-8 with an XML declaration, a :class:`dmpcore.dlu.Document` with
    :func:`dmpcore.cda.to_cda` (the same document always gives the same bytes): these are the bytes
    whose hash and size the metadata carry, and the bytes :func:`dmpcore.xds.write_xdm` packages.
    """
    if isinstance(document, Document):
        document = to_cda(document)
    if isinstance(document, etree._Element):
        document = document.getroottree()
    if isinstance(document, etree._ElementTree):
        data = etree.tostring(document, xml_declaration=True, encoding="UTF-8")
        return data, document
    data = read_source(document)
    return data, parse_xml(data)
