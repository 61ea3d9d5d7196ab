"""Raw XML as the writer embeds it: one element inside a CDA document, and its canonical form.

The writer embeds a :class:`~dmpcore.dlu.RawXml` text as is inside ``ClinicalDocument``, whose root
declares the HL7 default namespace and the ``xsi`` prefix. The element read back from the document
is serialized with the declarations in scope there (``xmlns:xsi`` even when unused), so the text read
is not the text given: two raw texts say the same XML when their canonical forms (exclusive XML
canonicalization, W3C ``xml-exc-c14n``, of the element in that context) are equal.
"""

from __future__ import annotations

import functools
from typing import Final

from lxml import etree

from dmpcore.cda._constants import HL7, XSI
from dmpcore.cda._parser import parse_xml
from dmpcore.errors import InputError

__all__ = ["canonical_xml", "embedded_element", "embedded_name"]

# the namespaces the root of a written CDA document declares (see _builder.py)
_OPEN: Final = f'<w xmlns="{HL7}" xmlns:xsi="{XSI}">'
_CLOSE: Final = "</w>"


def embedded_element(xml: str) -> etree._Element:
    """The element *xml* is once embedded in a CDA document; refused unless it is one element and nothing else.

    Not well-formed XML raises :class:`~dmpcore.errors.CdaParseError` (through the hardened parser); an
    XML declaration, a DOCTYPE, a comment, a processing instruction, text (white space too) or a second
    element around the element raise :class:`~dmpcore.errors.InputError` (``dlu.field``): embedded, they would be lost
    on reading, or make the document ill-formed.
    """
    holder = parse_xml((_OPEN + xml + _CLOSE).encode("utf-8")).getroot()
    elements = [child for child in holder if isinstance(child.tag, str)]
    others = len(holder) - len(elements)  # comments and processing instructions
    # even white space: the writer finds the element's name at the start of the text (_builder.raw)
    text = any(part for part in (holder.text, *(child.tail for child in holder)))
    if len(elements) != 1 or others or text:
        got = f"{len(elements)} element(s)" + (f", {others} comment(s) or PI(s)" if others else "")
        raise InputError(
            f"raw XML must be one element and nothing around it (got {got}{', text' if text else ''})",
            code="dlu.field",
        )
    return elements[0]


def embedded_name(xml: str) -> tuple[bool, str]:
    """Whether the element *xml* is once embedded is in the HL7 namespace, and its local name."""
    name = etree.QName(embedded_element(xml))
    return name.namespace == HL7, name.localname


@functools.lru_cache(maxsize=512)  # bounded: the texts compared are those of the documents in hand
def canonical_xml(xml: str) -> bytes:
    """The exclusive canonical form of the element *xml* is once embedded in a CDA document."""
    return etree.tostring(embedded_element(xml), method="c14n", exclusive=True, with_comments=True)
