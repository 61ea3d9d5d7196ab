"""Cross-checks between a DocumentEntry and its CDA, and the rules the metadata obey on their own.

The metadata the DMP indexes must say what the document says: :func:`check_entry` rebuilds the
expected entry from the CDA as :func:`~dmpcore.xds.document_entry` does and reports every field that
differs; then the codes that must come from a value set (JDV_J01, J02, J04, J07, J08 of the ANS
CI-SIS), the length of the uniqueId (IHE ITI TF-3 §4.2.3.2.26), and the deposit rules of
:mod:`dmpcore.visibility`. Each field is reported once: a field that does not say what the CDA says is
a mismatch, and is not checked further. A problem is a result, not an exception.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any, Final

from lxml import etree

from dmpcore.codes import Code
from dmpcore.consent import LegalSituation
from dmpcore.errors import InputError
from dmpcore.valuesets import value_set
from dmpcore.visibility import Policy, Restriction
from dmpcore.xds._deposit import DEFAULT_POLICY, deposit_problems
from dmpcore.xds._extract import entry_from, model_of, model_version
from dmpcore.xds._model import DocumentEntry, Problem
from dmpcore.xds._source import DocumentSource, load
from dmpcore.xds.constants import CdaModel

__all__ = ["Problem", "check_entry"]

_VOLET: Final = "ANS CI-SIS Volet Partage de Documents de Santé (métadonnées XDS)"


def _iti(section: str) -> str:
    return f"IHE ITI TF-3 §4.2.3.{section}"


#: field -> (problem code, what it must be, basis); the order is the order of the report
_FIELDS: Final[dict[str, tuple[str, str, tuple[str, ...]]]] = {
    "unique_id": ("xds.unique_id", "the CDA's id (root^extension)", (_iti("2.26"),)),
    "type_code": ("xds.type_code", "the CDA's code", (_iti("2.25"), _VOLET)),
    "class_code": ("xds.class_code", "11 Synthèse (TRE_A03)", (_iti("2.3"), _VOLET)),
    "format_code": ("xds.format_code", "the formatCode of the CDA's templateId", (_iti("2.9"), _VOLET, "ANS ASS_A11")),
    "confidentiality_codes": (
        "xds.confidentiality_code",
        "the CDA's confidentialityCode and one code per restriction, in any order",
        (_iti("2.5"), "ANS TRE_A07 StatutVisibiliteDocument"),
    ),
    "event_codes": ("xds.event_code", "the serviceEvent code", (_iti("2.8"),)),
    "healthcare_facility_type_code": (
        "xds.healthcare_facility_type_code",
        "the encompassingEncounter's healthCareFacility/code",
        (_iti("2.11"), _VOLET),
    ),
    "practice_setting_code": (
        "xds.practice_setting_code",
        "the serviceEvent performer's standardIndustryClassCode",
        (_iti("2.17"), _VOLET),
    ),
    "patient_id": ("xds.patient_id", "the recordTarget's INS (NIR^^^&root&ISO^NH)", (_iti("2.16"), _VOLET)),
    "source_patient_id": (
        "xds.source_patient_id",
        "the recordTarget's local id, else the INS",
        (_iti("2.22"), _VOLET),
    ),
    "source_patient_info": ("xds.source_patient_info", "the recordTarget's identity", (_iti("2.23"), _VOLET)),
    "authors": ("xds.author", "the CDA's authors", (_iti("2.1"), _iti("1.4"))),
    "legal_authenticator": ("xds.legal_authenticator", "the CDA's legalAuthenticator", (_iti("2.14"),)),
    "creation_time": ("xds.creation_time", "the CDA's effectiveTime in UTC", (_iti("2.6"), _iti("1.7"))),
    "service_start_time": (
        "xds.service_time",
        "the serviceEvent's effectiveTime/low in UTC",
        (_iti("2.19"), _iti("1.7")),
    ),
    "service_stop_time": (
        "xds.service_time",
        "the serviceEvent's effectiveTime/high in UTC",
        (_iti("2.20"), _iti("1.7")),
    ),
    "language_code": ("xds.language_code", "the CDA's languageCode", (_iti("2.13"),)),
    "title": ("xds.title", "the CDA's title", (_iti("2.24"),)),
    "mime_type": ("xds.mime_type", "text/xml", (_iti("2.15"),)),
    "hash": ("xds.hash", "the SHA-1 of the document's bytes", (_iti("2.10"),)),
    "size": ("xds.size", "the document's size in bytes", (_iti("2.21"),)),
}

#: fields held by ebRIM classifications, which have no order: compared as multisets
_UNORDERED: Final = frozenset({"confidentiality_codes", "event_codes"})

_Codes = Callable[[DocumentEntry], tuple[Code, ...]]

#: field -> (value set, the codes of the entry it binds). The kit and xds-valuesets ship no value set
#: for classCode and formatCode: those are checked against the DLU family table only.
_BOUND: Final[dict[str, tuple[str, _Codes]]] = {
    "type_code": ("J07", lambda entry: (entry.type_code,)),
    "confidentiality_codes": ("J08", lambda entry: entry.confidentiality_codes),
    "healthcare_facility_type_code": ("J02", lambda entry: (entry.healthcare_facility_type_code,)),
    "practice_setting_code": ("J04", lambda entry: (entry.practice_setting_code,)),
    "authors": ("J01", lambda entry: tuple(code for author in entry.authors for code in author.specialties)),
}

#: IHE ITI TF-3 §4.2.3.2.26: the uniqueId "shall not exceed 128 bytes". Its 64-character OID and
#: 16-character extension are given there only as an example ("e.g."), and the ANS 2021 XDM examples
#: carry a 33-character extension: dmpcore does not refuse a longer root or extension.
_UNIQUE_ID_LIMITS: Final[tuple[tuple[str, Callable[[str], int], int], ...]] = (
    ("bytes", lambda unique_id: len(unique_id.encode("utf-8")), 128),
)


def _concepts(value: Any) -> Any:
    """*value* with every Code reduced to (code, system): displays are informative only."""
    if isinstance(value, Code):
        return (value.code, value.code_system)
    if isinstance(value, tuple):
        return tuple(_concepts(item) for item in value)
    return value


def _comparable(name: str, value: Any) -> Any:
    concepts = _concepts(value)
    return sorted(concepts) if name in _UNORDERED else concepts


def _field_problems(entry: DocumentEntry, expected: DocumentEntry) -> list[Problem]:
    problems = []
    for name, (code, must_be, basis) in _FIELDS.items():
        if _comparable(name, getattr(entry, name)) != _comparable(name, getattr(expected, name)):
            problems.append(Problem(code=code, field=name, message=f"{name} must be {must_be}", basis=basis))
    return problems


def _value_set_problems(entry: DocumentEntry, skip: set[str]) -> list[Problem]:
    problems = []
    for name, (alias, codes_of) in _BOUND.items():
        if name in skip:
            continue
        bound = value_set(alias)
        for code in codes_of(entry):
            if code not in bound:
                message = f"{name}: {code.code[:40]!r} ({code.code_system[:64]}) is not in {bound.name} ({bound.oid})"
                basis = (f"ANS CI-SIS {bound.name} ({bound.oid})", *_FIELDS[name][2])
                problems.append(Problem(code="xds.value_set", field=name, message=message, basis=basis))
    return problems


def _unique_id_problems(unique_id: str) -> list[Problem]:
    return [
        Problem(
            code="xds.unique_id_length",
            field="unique_id",
            message=f"unique_id must have at most {limit} {what}, got {measure(unique_id)}",
            basis=(_iti("2.26"),),
        )
        for what, measure, limit in _UNIQUE_ID_LIMITS
        if measure(unique_id) > limit
    ]


def _template_problems(entry: DocumentEntry, model_type: Code, model_name: str) -> list[Problem]:
    if entry.type_code.same_concept(model_type):
        return []
    message = f"type_code must be {model_type.code} for a {model_name} document (its templateId)"
    return [Problem(code="xds.type_code", field="type_code", message=message, basis=(_VOLET,))]


def _version_problems(root: etree._Element, model: CdaModel) -> list[Problem]:
    """An earlier version of the model (2021.01, coded 34133-9) is read and written back by dmpcore, but the
    DMP takes the current one: such a document must be re-issued before it is deposited (DOMAIN.md §5)."""
    version = model_version(root, model)
    if version == model.version:
        return []
    message = (
        f"a {model.name} document of version {version[:16]!r}: the DMP takes version {model.version} "
        f"(CDA code {model.type_code.code}); re-issue it in that version before depositing it"
    )
    return [Problem(code="xds.model_version", field="type_code", message=message, basis=(_VOLET,))]


def _metadata_problems(
    entry: DocumentEntry, expected: DocumentEntry, model: CdaModel, root: etree._Element
) -> list[Problem]:
    """The fields that differ from the CDA's, then the rules on the others (each field is reported once)."""
    problems = _field_problems(entry, expected)
    version_problems = _version_problems(root, model)
    problems += version_problems
    if not any(problem.field == "type_code" for problem in problems):
        problems += _template_problems(entry, model.type_code, model.name)
    mismatched = {problem.field for problem in problems}
    problems += _value_set_problems(entry, mismatched)
    if "unique_id" not in mismatched:
        problems += _unique_id_problems(entry.unique_id)
    return problems


def check_entry(
    entry: DocumentEntry,
    document: DocumentSource,
    *,
    deposited_on: date | None = None,
    secret_connection: bool = False,
    situation: LegalSituation | None = None,
    policy: Policy = DEFAULT_POLICY,
    by_patient: bool = False,
) -> tuple[Problem, ...]:
    """Every disagreement between *entry* and the CDA *document*, and every broken rule of the metadata.

    An empty tuple means the metadata describe the document and the restrictions may be deposited.
    The deposit rules (:func:`dmpcore.visibility.check_deposit`) are evaluated on *deposited_on*
    (default today) for the patient of the CDA (*situation*, default: born on the recordTarget's
    birthTime, no protection measure), with *secret_connection* when a minor consults alone (L1111-5),
    under the platform parameters of *policy* (``cumul_invisible_patient_masque_ps``). A DLU-family
    document is deposited by a professional (its author); pass *by_patient* for a document the patient
    deposits (it cannot then be INVISIBLE_PATIENT).
    """
    data, tree = load(document)
    try:
        restrictions: frozenset[Restriction] = entry.restrictions
        unreadable: list[Problem] = []
    except InputError as exc:
        # an unknown restriction code is reported, and every other field is still compared; the deposit
        # rules cannot be evaluated without the restrictions, so they are skipped
        basis = _FIELDS["confidentiality_codes"][2]
        restrictions = frozenset()
        unreadable = [
            Problem(code="xds.confidentiality_code", field="confidentiality_codes", message=str(exc), basis=basis)
        ]
    model = model_of(tree.getroot())
    # a formatCode the ANS has not published is the caller's: only the published ones are checked
    format_code = entry.format_code if model.format_code is None else None
    expected = entry_from(data, tree, restrictions=restrictions, format_code=format_code)
    problems = _metadata_problems(entry, expected, model, tree.getroot())
    if unreadable:
        others = [p for p in problems if p.field != "confidentiality_codes"]
        return (*unreadable, *others)
    on = deposited_on or date.today()
    problems += deposit_problems(
        entry,
        tree.getroot(),
        on=on,
        secret_connection=secret_connection,
        situation=situation,
        policy=policy,
        by_patient=by_patient,
    )
    return tuple(problems)
