"""Narrative and entry consistency: each section says in its ``text`` what its entries say.

Source: HL7 CDA R2 §4.3.5 (section.text is the attested content; entries reference it with
``#id``) and IHE PCC (originalText/reference of coded entries); DOMAIN.md §5.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Final

from dmpcore.validation._context import NS, Document, text_of
from dmpcore.validation._registry import Finding, rule
from dmpcore.validation._report import Severity

__all__: list[str] = []

# xs:ID: an NCName (CDA declares ID attributes of type xs:ID, unique in the document)
_NCNAME: Final = re.compile(r"^[A-Za-z_][\w.\-]*$")

_CDA_TEXT: Final = "HL7 CDA R2 §4.3.5 (section text) and §4.3.5.1 (references from entries)"


@rule(
    "NAR-001",
    category="narrative",
    summary="Every section has a narrative text block.",
    reference=_CDA_TEXT + "; IHE PCC sections",
)
def _section_text(document: Document) -> Iterator[Finding]:
    for section in document.sections:
        if section.find("cda:text", NS) is None:
            yield Finding(
                fr="la section n'a pas de bloc narratif (text)", en="the section has no narrative text", element=section
            )


@rule(
    "NAR-002",
    category="narrative",
    severity=Severity.WARNING,
    summary="Every '#id' reference of an entry points to an ID of its section's narrative text.",
    reference=_CDA_TEXT,
    stricter=True,
)
def _references(document: Document) -> Iterator[Finding]:
    for section in document.sections:
        text = section.find("cda:text", NS)
        ids = {e.get("ID", "") for e in document.xpath(".//*[@ID]", text)} if text is not None else set()
        for entry in section.iterfind("cda:entry", NS):
            for reference in document.xpath(".//cda:reference[@value]", entry):
                value = reference.get("value", "")
                if value.startswith("#") and value[1:] not in ids:
                    yield Finding(
                        fr=f"la référence {value[:40]!r} ne désigne aucun ID du texte de la section",
                        en=f"reference {value[:40]!r} names no ID of the section's text",
                        element=reference,
                    )


@rule(
    "NAR-003",
    category="narrative",
    severity=Severity.WARNING,
    summary="A section with entries has a narrative that is not empty.",
    reference=_CDA_TEXT,
    stricter=True,
)
def _empty_text(document: Document) -> Iterator[Finding]:
    for section in document.sections:
        text = section.find("cda:text", NS)
        if text is not None and section.find("cda:entry", NS) is not None and not text_of(text):
            yield Finding(
                fr="la section a des entrées mais un texte narratif vide",
                en="the section has entries but an empty narrative text",
                element=text,
            )


@rule(
    "NAR-004",
    category="narrative",
    summary="Every ID attribute (narrative anchors, entries) is a valid xs:ID, unique in the document.",
    reference="HL7 CDA R2 schema (ID attributes of type xs:ID); CDA_extended.xsd",
)
def _unique_ids(document: Document) -> Iterator[Finding]:
    seen: set[str] = set()
    for element in document.xpath("//*[@ID]"):
        value = element.get("ID", "")
        if not _NCNAME.match(value):
            yield Finding(
                fr=f"ID {value[:40]!r} n'est pas un xs:ID valide",
                en=f"ID {value[:40]!r} is not a valid xs:ID",
                element=element,
            )
        elif value in seen:
            yield Finding(
                fr=f"ID {value[:40]!r} apparaît plusieurs fois", en=f"ID {value[:40]!r} is not unique", element=element
            )
        seen.add(value)
