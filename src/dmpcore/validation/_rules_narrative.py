"""Narrative and entry consistency: each section says in its ``text`` what its entries say.

Source: HL7 CDA R2 §4.3.5 (section.text is the attested content; entries reference it with
``#id``) and IHE PCC (originalText/reference of coded entries); DOMAIN.md §5.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Iterator
from typing import Final

from lxml import etree

from dmpcore.dlu import PatientState
from dmpcore.validation._context import NS, V3, Document, text_of
from dmpcore.validation._registry import Finding, rule
from dmpcore.validation._report import Severity

__all__: list[str] = []

# xs:ID: an NCName (CDA declares ID attributes of type xs:ID, unique in the document)
_NCNAME: Final = re.compile(r"^[A-Za-z_][\w.\-]*$")

_CDA_TEXT: Final = "HL7 CDA R2 §4.3.5 (section text) and §4.3.5.1 (references from entries)"


@rule(
    "NAR-001",
    category="narrative",
    summary="Every section (subsections too) has a narrative text block (the kit accepts a section without one; "
    "so does the CDA schema).",
    reference=_CDA_TEXT + "; IHE PCC sections; dmpcore profile XSD (schemas/dlu-family-cda.xsd)",
    stricter=True,
)
def _section_text(document: Document) -> Iterator[Finding]:
    for section in document.xpath("cda:component/cda:structuredBody//cda:section"):
        if section.find("cda:text", NS) is None:
            yield Finding(
                fr="la section n'a pas de bloc narratif (text)", en="the section has no narrative text", element=section
            )


@rule(
    "NAR-006",
    category="narrative",
    summary="Every section (subsections too) has a title (the kit accepts a section without one; so does the CDA "
    "schema).",
    reference="HL7 CDA R2 §4.3.3 (Section.title); IHE PCC section content modules; dmpcore profile XSD "
    "(schemas/dlu-family-cda.xsd)",
    stricter=True,
)
def _section_title(document: Document) -> Iterator[Finding]:
    for section in document.xpath("cda:component/cda:structuredBody//cda:section"):
        if section.find("cda:title", NS) is None:
            yield Finding(fr="la section n'a pas de titre (title)", en="the section has no title", element=section)


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


# NAR-005. DOMAIN.md says each section's narrative "must say what its entries say" without saying how
# close the wording must be; the official examples paraphrase ("Prothèse dentaire (haut)" for the
# display name "PROTHÈSES DENTAIRES"). So one significant word is enough, compared by its first five
# letters, without case or accents; the labels of the DLU form count for the patient-state codes
# ("peut alerter" for 288575003 "capable de communiquer"), as the official DLU and to_cda print them.
_WORD: Final = re.compile(r"[^\W_]+")
_STEM: Final = 5
_MIN_WORD: Final = 4
_CACHED_TEXT: Final = 1000
_NARRATIVE_UNITS: Final = frozenset(f"{{{V3}}}{name}" for name in ("tr", "item"))
_CLAIMED: Final = tuple(f"{{{V3}}}{name}" for name in ("code", "value", "translation", "name"))
_XSI_TYPE: Final = "{http://www.w3.org/2001/XMLSchema-instance}type"
_FORM_LABELS: Final = {state.value[0]: state.label for state in PatientState}
_REFERENCES: Final = (
    "cda:text/cda:reference",
    "cda:code/cda:originalText/cda:reference",
    "cda:value/cda:originalText/cda:reference",
)


def _stems(text: str) -> frozenset[str]:
    """The significant words of *text* (at least four letters), cut to five letters, without case or accents."""
    # a row's text is read once per entry that references it and labels recur: short texts are cached (a
    # bounded cache of bounded keys, so that a hostile document cannot make it grow)
    return _short_stems(text) if len(text) <= _CACHED_TEXT else _compute_stems(text)


def _compute_stems(text: str) -> frozenset[str]:
    plain = "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c)).casefold()
    return frozenset(word[:_STEM] for word in _WORD.findall(plain) if len(word) >= _MIN_WORD)


_short_stems: Final = functools.lru_cache(maxsize=4096)(_compute_stems)


def _claims(act: etree._Element) -> list[tuple[str, bool]]:
    """What *act* says in words: (text, is a display name) for its display names, original texts, text values,
    names and the DLU form labels of its codes."""
    found: list[tuple[str, bool]] = []
    for element in act.iter(_CLAIMED):
        if element.tag == f"{{{V3}}}name":
            found.append((text_of(element), False))
            continue
        found += [(element.get("displayName") or "", True), (_FORM_LABELS.get(element.get("code") or "", ""), True)]
        if element.tag == f"{{{V3}}}value" and element.get(_XSI_TYPE, "").rpartition(":")[2] in ("ST", "ED"):
            found.append((element.text or "", False))
        original = element.find("cda:originalText", NS)
        if original is not None:
            found.append((original.text or "", False))
    return [(text, display) for text, display in found if _stems(text)]


def _unit(element: etree._Element) -> etree._Element:
    """The table row or list item that holds *element* (a reference often names one cell), or *element*."""
    for ancestor in element.iterancestors():
        if ancestor.tag in _NARRATIVE_UNITS:
            return ancestor
        if ancestor.tag == f"{{{V3}}}text":
            break
    return element


def _narrative_of(act: etree._Element, text: etree._Element, anchors: dict[str, etree._Element]) -> set[str]:
    """The words of the narrative *act* references, or of its section's *text* when it references none."""
    values = [reference.get("value", "") for path in _REFERENCES for reference in act.iterfind(path, NS)]
    targets = [anchors[value[1:]] for value in values if value.startswith("#") and value[1:] in anchors]
    return set().union(*(_stems(text_of(_unit(target))) for target in targets or [text]))


@rule(
    "NAR-005",
    category="narrative",
    severity=Severity.WARNING,
    summary="Each entry is said in the narrative: a significant word of a display name, original text, text value "
    "or name it carries (or the DLU form label of its code) appears in the narrative it references (its table row "
    "or list item), or in its section's text when it references none.",
    reference="HL7 CDA R2 §4.3.5 (the narrative block is the attested content) and §4.3.5.1; DOMAIN.md §5 "
    "(each section's narrative must say what its entries say)",
    stricter=True,
)
def _entries_in_narrative(document: Document) -> Iterator[Finding]:
    for section in document.sections:
        text = section.find("cda:text", NS)
        if text is None:
            continue  # NAR-001
        anchors = {element.get("ID", ""): element for element in document.xpath(".//*[@ID]", text)}
        for act in document.xpath("cda:entry/*", section):
            claims = _claims(act)
            words = _narrative_of(act, text, anchors) if claims else set()
            if claims and not any(_stems(claim) & words for claim, _ in claims):
                # a display name is a terminology label; free text may be patient data: it is not printed
                shown = next((claim[:60] for claim, display in claims if display), None)
                what_fr, what_en = (f"« {shown} »", f"'{shown}'") if shown else ("son texte", "its text")
                yield Finding(
                    fr=f"le texte narratif de l'entrée ne dit pas ce qu'elle dit : aucun mot de {what_fr}",
                    en=f"the entry's narrative does not say what the entry says: no word of {what_en}",
                    element=act,
                )
