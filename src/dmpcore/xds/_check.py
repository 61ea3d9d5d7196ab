"""Cross-checks between a DocumentEntry and its CDA (DOMAIN.md §4.2 and §5).

The metadata the DMP indexes must say what the document says: :func:`check_entry` rebuilds the
expected entry from the CDA as :func:`~dmpcore.xds.document_entry` does and reports every field that
differs, then applies the deposit rules of :mod:`dmpcore.visibility` to the restrictions.
A problem is a result, not an exception.
"""

from __future__ import annotations

from datetime import date
from typing import Any, Final

from dmpcore.codes import Code
from dmpcore.consent import LegalSituation
from dmpcore.errors import InputError
from dmpcore.visibility import Restriction
from dmpcore.xds._deposit import deposit_problems
from dmpcore.xds._extract import entry_from, model_of
from dmpcore.xds._model import DocumentEntry, Problem
from dmpcore.xds._source import DocumentSource, load

__all__ = ["Problem", "check_entry"]

_SECTION_5: Final = "ANS CI-SIS Volet Partage de Documents de Santé (XDS metadata; DOMAIN.md §5)"


#: field -> (problem code, what it must be, basis); the order is the order of the report
_FIELDS: Final[dict[str, tuple[str, str, tuple[str, ...]]]] = {
    "unique_id": ("xds.unique_id", "the CDA's id (root^extension)", ("IHE ITI TF-3 §4.2.3.2.26",)),
    "type_code": ("xds.type_code", "the CDA's code", (_SECTION_5,)),
    "class_code": ("xds.class_code", "11 Synthèse (TRE_A03)", (_SECTION_5,)),
    "format_code": ("xds.format_code", "the formatCode of the CDA's templateId", (_SECTION_5, "ANS ASS_A11")),
    "confidentiality_codes": (
        "xds.confidentiality_code",
        "the CDA's confidentialityCode followed by the restrictions",
        ("DOMAIN.md §4.1",),
    ),
    "event_codes": ("xds.event_code", "the serviceEvent code", ("IHE ITI TF-3 §4.2.3.2.8",)),
    "healthcare_facility_type_code": (
        "xds.healthcare_facility_type_code",
        "the encompassingEncounter's healthCareFacility/code",
        (_SECTION_5,),
    ),
    "practice_setting_code": (
        "xds.practice_setting_code",
        "the serviceEvent performer's standardIndustryClassCode",
        (_SECTION_5,),
    ),
    "patient_id": ("xds.patient_id", "the recordTarget's INS (NIR^^^&root&ISO^NH)", (_SECTION_5,)),
    "source_patient_id": ("xds.source_patient_id", "the recordTarget's local id, else the INS", ()),
    "source_patient_info": ("xds.source_patient_info", "the recordTarget's identity", ()),
    "authors": ("xds.author", "the CDA's authors", ("IHE ITI TF-3 §4.2.3.1.4",)),
    "legal_authenticator": ("xds.legal_authenticator", "the CDA's legalAuthenticator", ()),
    "creation_time": ("xds.creation_time", "the CDA's effectiveTime in UTC", ("IHE ITI TF-3 §4.2.3.2.6",)),
    "service_start_time": ("xds.service_time", "the serviceEvent's effectiveTime/low in UTC", ()),
    "service_stop_time": ("xds.service_time", "the serviceEvent's effectiveTime/high in UTC", ()),
    "language_code": ("xds.language_code", "the CDA's languageCode", ()),
    "title": ("xds.title", "the CDA's title", ()),
    "mime_type": ("xds.mime_type", "text/xml", ()),
    "hash": ("xds.hash", "the SHA-1 of the document's bytes", ("IHE ITI TF-3 §4.2.3.2.11",)),
    "size": ("xds.size", "the document's size in bytes", ("IHE ITI TF-3 §4.2.3.2.20",)),
}


def _concepts(value: Any) -> Any:
    """*value* with every Code reduced to (code, system): displays are informative only."""
    if isinstance(value, Code):
        return (value.code, value.code_system)
    if isinstance(value, tuple):
        return tuple(_concepts(item) for item in value)
    return value


def _field_problems(entry: DocumentEntry, expected: DocumentEntry) -> list[Problem]:
    problems = []
    for name, (code, must_be, basis) in _FIELDS.items():
        if _concepts(getattr(entry, name)) != _concepts(getattr(expected, name)):
            problems.append(Problem(code=code, field=name, message=f"{name} must be {must_be}", basis=basis))
    return problems


def check_entry(
    entry: DocumentEntry,
    document: DocumentSource,
    *,
    deposited_on: date | None = None,
    secret_connection: bool = False,
    situation: LegalSituation | None = None,
) -> tuple[Problem, ...]:
    """Every disagreement between *entry* and the CDA *document*, and every broken deposit rule.

    An empty tuple means the metadata describe the document and the restrictions may be deposited.
    The deposit rules (:func:`dmpcore.visibility.check_deposit`) are evaluated on *deposited_on*
    (default today) for the patient of the CDA (*situation*, default: born on the recordTarget's
    birthTime, no protection measure), with *secret_connection* when a minor consults alone (L1111-5).
    """
    data, tree = load(document)
    try:
        restrictions: frozenset[Restriction] = entry.restrictions
    except InputError as exc:
        return (Problem(code="xds.confidentiality_code", field="confidentiality_codes", message=str(exc)),)
    model = model_of(tree.getroot())
    # a formatCode the ANS has not published is the caller's: only the published ones are checked
    format_code = entry.format_code if model.format_code is None else None
    expected = entry_from(data, tree, restrictions=restrictions, format_code=format_code)
    problems = _field_problems(entry, expected)
    if not entry.type_code.same_concept(model.type_code) and not any(p.field == "type_code" for p in problems):
        message = f"type_code must be {model.type_code.code} for a {model.name} document (its templateId)"
        problems.append(Problem(code="xds.type_code", field="type_code", message=message, basis=(_SECTION_5,)))
    problems += deposit_problems(
        entry,
        tree.getroot(),
        on=deposited_on or date.today(),
        secret_connection=secret_connection,
        situation=situation,
    )
    return tuple(problems)
