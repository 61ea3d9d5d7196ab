"""Entry and section template rules: the kit's content-model schematrons, restated as data in ``_entries``.

Every rule here is a set of rows of :data:`~dmpcore.validation._entries.ENTRY_REQUIREMENTS` or
:data:`~dmpcore.validation._entries.SECTION_REQUIREMENTS`, chosen by rule id, evaluated on the elements
that declare each row's templateId (:mod:`dmpcore.validation._requirements`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Final

from dmpcore.validation._context import Document
from dmpcore.validation._entries import ENTRY_REQUIREMENTS, SECTION_REQUIREMENTS, TEMPLATE_NAMES
from dmpcore.validation._registry import Finding, rule
from dmpcore.validation._requirements import Requirement, findings

__all__: list[str] = []

_IHE: Final = "IHE PCC entry schematrons (include/entrees/E_*_int.sch, active in profils/IHE.sch)"
_CISIS: Final = (
    "CI-SIS content models (E_*_fr.sch, CI-SIS_ModelesDeContenusCDA.sch; E_*_ANS.sch, CI-SIS_Modeles_ANS.sch)"
)
_REFERENCE: Final = f"{_IHE}; {_CISIS}"

#: rule id -> what its rows check
_RULES: Final = {
    "ENT-001": "The entries of the IHE PCC and CI-SIS templates the family uses carry the elements their template "
    "requires, as often as it allows: an id (exactly one for most), a code, a text with its reference to the "
    "narrative, an effectiveTime (its low for problems and concerns, low and high for a completed transfer)...",
    "ENT-002": "Their statusCode is one their template allows: completed for observations, medications, "
    "immunizations and attached documents; active, suspended, aborted or completed for a concern (with an "
    "effectiveTime/high exactly when it is completed or aborted); completed or normal for a transfer...",
    "ENT-003": "Their classCode and moodCode are those of their template (an observation OBS EVN, a concern act "
    "ACT EVN, an organizer CLUSTER EVN, a substance administration SBADM...).",
    "ENT-004": "They declare the parent templateIds their template requires (CCD, IHE), and their coded value "
    "has @code and @codeSystem (a problem's value is a CD with one originalText; an allergy's a CD).",
    "ENT-005": "They hold what their template requires: a concern its problems or allergies (entryRelationship "
    "SUBJ), a vital signs organizer its observations, a medication or immunization its product, an attached "
    "document a simple observation and an observationMedia in base64, an advance directive at most one REFR "
    "reference (templateId 2.16.840.1.113883.10.20.1.36, an externalDocument with an id), a transfer's "
    "playingEntity its classCode ENT and a name, a product (FR-Produit-de-sante) its brand name or nullFlavor NA "
    "and a CIS code...",
    "ENT-006": "A vital sign is expressed in the unit its LOINC code requires (heart and respiratory rates in /min, "
    "pressures in mm[Hg], temperature in Cel or [degF], weight in kg, g, [lb_av] or [oz_av]...).",
}


def _rows(rule_id: str) -> tuple[Requirement, ...]:
    return tuple(row for row in ENTRY_REQUIREMENTS if row.rule == rule_id)


def _check(rows: tuple[Requirement, ...], default: str = "entry") -> Callable[[Document], Iterator[Finding]]:
    def check(document: Document) -> Iterator[Finding]:
        if document.volet is not None:
            yield from findings(document, rows, TEMPLATE_NAMES, default)

    return check


for _rule_id, _summary in _RULES.items():
    rule(_rule_id, category="entries", summary=_summary, reference=_REFERENCE)(_check(_rows(_rule_id)))

rule(
    "DLU-SEC-006",
    category="volet",
    summary="The section templates have what their IHE PCC or CI-SIS schematron requires beyond their code: their "
    "parent templateIds, an id where the ANS models require one (prostheses and personal objects, points of "
    "vigilance), a narrative text where they require one, entries of the template they name (simple "
    "observations for event outcomes and eating and sleeping assessments, problem concerns for active problems, "
    "FR-Disposition for dispositions...).",
    reference="IHE PCC and CI-SIS section schematrons (include/sections/S_*.sch, S_*_ANS.sch)",
)(_check(SECTION_REQUIREMENTS, "section"))
