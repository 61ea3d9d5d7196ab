"""Which child of ``ClinicalDocument`` holds which part of the :class:`~dmpcore.dlu.Header` model.

The reader finds each part's element with :func:`classify`; the writer, re-emitting an edited
header, classifies the elements it kept the same way, keeps the original element of every part whose
values did not change and regenerates the others (see ``_header_writer.py``).

A part is named after its element (``author``, ``documentationOf``...), except the participant and
informants the DLU model gives a meaning to (``attending_physician``, ``emergency_contact``,
``trusted_person``). Elements of other parts, and a second element of a part that takes one, are
``extra`` (:attr:`~dmpcore.dlu.Header.extra`).
"""

from __future__ import annotations

from collections.abc import Container, Iterable
from typing import Final

from lxml import etree

from dmpcore.cda._xml import local, tag

__all__ = ["EXTRA", "OPTIONAL_PARTS", "classify", "read_as_part"]

El = etree._Element

EXTRA: Final = "extra"
# elements the header takes as many as there are (the volet's templateIds; a second realmCode is the schema's
# business), re-emitted or regenerated together
_ALL: Final = frozenset({"realmCode", "typeId", "templateId", "code", "languageCode"})
_ONE: Final = frozenset(
    {
        "id",
        "title",
        "effectiveTime",
        "confidentialityCode",
        "setId",
        "versionNumber",
        "recordTarget",
        "author",
        "custodian",
        "legalAuthenticator",
        "documentationOf",
        "componentOf",
    }
)
# DLU-EHPAD volet: the personne à prévenir (ECON) and the personne de confiance (NOK)
_INFORMANTS: Final = {"ECON": "emergency_contact", "NOK": "trusted_person"}


def _part(element: El) -> str:
    name = local(element)
    if name in _ALL or name in _ONE:
        return name
    if name == "participant":  # DLU-EHPAD volet: the médecin traitant, participant INF with functionCode PCP
        function = next(element.iterchildren(tag("functionCode")), None)
        if element.get("typeCode") == "INF" and function is not None and function.get("code") == "PCP":
            return "attending_physician"
    if name == "informant":
        entity = next(element.iterchildren(tag("relatedEntity")), None)
        if entity is not None:
            return _INFORMANTS.get(entity.get("classCode", ""), EXTRA)
    return EXTRA


#: the parts the header writes from a field that may be None: an element of one of them is extra only as the second
OPTIONAL_PARTS: Final = frozenset(_INFORMANTS.values()) | {"attending_physician"}


def read_as_part(element: El, given: Container[str]) -> str | None:
    """The part of the header *element* would be read as, were it in ``extra``; None when it would stay extra.

    *given* holds the optional parts (:data:`OPTIONAL_PARTS`) the header writes. An element the header writes from
    its fields (the templateIds, the patient, the custodian...) is read as that part; so is a médecin traitant's
    participant, or an informant of the personne à prévenir or de confiance, unless the header writes one first.
    A second author or service event is extra: the header always writes the first.
    """
    part = "component" if local(element) == "component" else _part(element)  # the body: never a header part
    if part == EXTRA or part in ("author", "documentationOf") or (part in OPTIONAL_PARTS and part in given):
        return None
    return part


def classify(elements: Iterable[El]) -> dict[str, list[El]]:
    """The header's elements by part, in document order (comments, PIs and the body are skipped)."""
    parts: dict[str, list[El]] = {}
    for element in elements:
        if not isinstance(element.tag, str) or local(element) == "component":
            continue
        part = _part(element)
        if part in parts and part not in _ALL:
            part = EXTRA
        parts.setdefault(part, []).append(element)
    return parts
