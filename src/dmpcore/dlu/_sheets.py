"""Builders of the liaison sheets: FLUDT, FLUDR (2022.01), DLU-FT-SU and DLU-FR-SU (2025.01).

Each builder takes the sheet's parts as typed entries and writes every section its CI-SIS model
requires, in the registry's order (:data:`~dmpcore.dlu.DOCUMENTS`), adding the fixed entries the
volet schematrons require (e.g. the four persons-informed observations of FT-SU, each with its
yes/no value). Sections that the kit's section schematrons require to hold an entry (treatments,
discharge diagnosis, prostheses and personal objects) need at least one: a resident without any
personal object is reported with ``PersonalItem(..., present=False)``. Sources:
``CI-SIS_DLU-EHPAD-FLUDT_2022.01.sch``, ``CI-SIS_DLU-EHPAD-FLUDR_2022.01.sch``,
``CI-SIS_DLU-FT-SU_2025.01.sch``, ``CI-SIS_DLU-FR-SU_2025.01.sch`` and their includes.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping

from dmpcore.codes import Code
from dmpcore.dlu._base import new_id
from dmpcore.dlu._document import Document, Section, SectionError
from dmpcore.dlu._entries import AttachedDocument, Entry, Observation, Problem, Procedure, Treatment
from dmpcore.dlu._header import Header
from dmpcore.dlu._registry import DOCUMENTS, DocumentKind, SectionKind
from dmpcore.dlu._sheet_entries import (
    CONSCIOUSNESS_FLUDT,
    LAST_MEAL,
    LAST_USUAL_TREATMENT,
    REASON_FOR_TRANSPORT,
    CodedObservation,
    Consciousness,
    DocumentGiven,
    FunctionalStatus,
    InformedParty,
    LastIntake,
    PatientTransfer,
    PersonalItem,
    ReturnOutcome,
    SiteObservation,
    TimeObservation,
    VitalSigns,
)
from dmpcore.valuesets import CodeNotInValueSet, value_set

__all__ = [
    "DISCHARGE_PRESCRIPTION",
    "EMERGENCY_RECORD_COPY",
    "FR_SU_INFORMED",
    "FT_SU_INFORMED",
    "fludr_sheet",
    "fludt_sheet",
    "fr_su_sheet",
    "ft_su_sheet",
]

_CISIS = "1.2.250.1.213.1.1.4.322"
#: FLUDR check-list (JDV_ChecklistFLUDR_CISIS): the discharge prescription
DISCHARGE_PRESCRIPTION = Code(code="DLU_020", code_system=_CISIS, display="Ordonnance de sortie")
#: FLUDR check-list (JDV_ChecklistFLUDR_CISIS): a copy of the emergency department's record
EMERGENCY_RECORD_COPY = Code(code="DLU_021", code_system=_CISIS, display="Copie du dossier des urgences")

#: the parties an FT-SU always reports (S_PersonnesStructuresInformees_DLU-FT-SU.sch)
FT_SU_INFORMED = (
    InformedParty.CENTRE_15,
    InformedParty.EMERGENCY_DEPARTMENT,
    InformedParty.ATTENDING_PHYSICIAN,
    InformedParty.RELATIVES,
)
#: the parties an FR-SU always reports (S_PersonnesStructuresInformees_DLU-FR-SU.sch)
FR_SU_INFORMED = (InformedParty.ORIGIN_FACILITY, InformedParty.ATTENDING_PHYSICIAN, InformedParty.RELATIVES)


def _assemble(kind: DocumentKind, header: Header, parts: Mapping[SectionKind, Section | None]) -> Document:
    sections = []
    for use in DOCUMENTS[kind].sections:
        section = parts.get(use.kind)
        if section is None and use.required:  # pragma: no cover - the builders always give required parts
            raise SectionError(f"{kind.name} requires the section {use.kind.name}", code="dlu.section.required")
        if section is not None:
            sections.append(section)
    return Document(kind=kind, header=header, sections=tuple(sections))


def _section(
    kind: SectionKind, entries: Iterable[Entry] = (), *, note: str | None = None, title: str | None = None
) -> Section:
    # every section of the sheets has an id (S_protheseEtObjetPersonnel_ANS.sch, S_pointsDeVigilances-non-code_ANS.sch)
    return Section(kind=kind, entries=tuple(entries), note=note, title=title, id=new_id())


def _comment(comment: str | None) -> Section | None:
    return None if comment is None else _section(SectionKind.COMMENT, note=comment)


def _informed(informed: Iterable[InformedParty], required: tuple[InformedParty, ...]) -> tuple[Observation, ...]:
    """One yes/no observation per required party (was it informed?), then the other parties informed."""
    told = list(dict.fromkeys(informed))
    parties = [*required, *(party for party in told if party not in required)]
    return tuple(Observation(code=party.code(), value=party in told) for party in parties)


def _required(kind: DocumentKind, what: str, entries: Iterable[Entry], rule: str) -> tuple[Entry, ...]:
    found = tuple(entries)
    if not found:
        raise SectionError(f"a {kind.name} needs at least one {what} ({rule}) (got none)", code="dlu.section.required")
    return found


def _in_value_set(name: str, codes: Iterable[Code], what: str) -> None:
    """The volet schematrons bind these codes to a value set (JDV_ProtheseObjetPersonnel, JDV_ChecklistFLUDR)."""
    allowed = value_set(name)
    for code in codes:
        if code not in allowed:
            expected = ", ".join(c.code for c in allowed.codes)
            raise CodeNotInValueSet(
                f"{what} {code.code!r} ({code.code_system}) is not in {allowed.name}: expected one of {expected}"
            )


def _personal_items(kind: DocumentKind, items: Iterable[PersonalItem]) -> Section:
    # S_ProthesesEtObjetsPerso (IHE profile of the kit): the section has a Simple Observation entry
    found = tuple(items)
    _required(kind, "personal item (PersonalItem, present=False to say 'none')", found, "S_ProthesesEtObjetsPerso")
    _in_value_set("JDV_ProtheseObjetPersonnel_CISIS", (item.code for item in found), "the personal item")
    return _section(SectionKind.PERSONAL_ITEMS, found)


def _discharge_diagnosis(diagnoses: tuple[Problem, ...], text: str | None) -> Section:
    """FR-SU: the coded discharge diagnosis section, or the uncoded one (CI-SIS_DLU-FR-SU_2025.01.sch: one of them)."""
    if not diagnoses and text is not None:
        return _section(SectionKind.DISCHARGE_DIAGNOSIS_TEXT, note=text)
    required = _required(
        DocumentKind.FR_SU,
        "discharge diagnosis (diagnoses=..., or diagnosis_text=... when not coded)",
        diagnoses,
        "S_dischargeDiagnosis: Problem Concern Entry",
    )
    return _section(SectionKind.DISCHARGE_DIAGNOSIS, required, note=text)


def fludt_sheet(
    *,
    header: Header,
    reason: str,
    transfer: PatientTransfer,
    vital_signs: VitalSigns,
    consciousness: Consciousness,
    pains: Iterable[SiteObservation] = (),
    treatments: Iterable[Treatment] = (),
    last_usual_treatment: dt.datetime | None = None,
    last_meal: dt.datetime | None = None,
    personal_items: Iterable[PersonalItem],
    comment: str | None = None,
) -> Document:
    """A FLUDT (DLU-EHPAD-FLUDT 2022.01): the EHPAD's transfer sheet to the emergency department.

    ``reason`` the reason for the transfer (free text, LOINC 57277-6); ``transfer`` the transfer to
    the hospital; ``consciousness`` and ``pains`` the exam results (DLU_002 to DLU_004, R52.9 with
    its location); ``treatments`` the usual treatments; ``last_usual_treatment`` when they were
    last taken (a :class:`LastIntake` in the treatments section, as in the official example);
    ``last_meal`` None when not known (its time is written in the observation's effectiveTime
    alone, with a ``REAL nullFlavor="NA"`` value, as in the official example). The treatments
    section needs a treatment or the last intake.
    """
    when = header.effective_time
    intake = () if last_usual_treatment is None else (LastIntake(time=last_usual_treatment),)
    return _assemble(
        DocumentKind.FLUDT,
        header,
        {
            SectionKind.EVENT_OUTCOMES: _section(
                SectionKind.EVENT_OUTCOMES,
                (CodedObservation.transfer_reason(reason, when), transfer),
                title="Transfert du patient de l'EHPAD vers le service des urgences",
            ),
            SectionKind.VITAL_SIGNS: _section(SectionKind.VITAL_SIGNS, (vital_signs,)),
            SectionKind.CODED_RESULTS: _section(
                SectionKind.CODED_RESULTS,
                (Procedure(), Observation(code=CONSCIOUSNESS_FLUDT[consciousness], value=True), *pains),
                title="Etat de conscience et douleurs récentes",
            ),
            SectionKind.TREATMENTS: _section(
                SectionKind.TREATMENTS,
                _required(
                    DocumentKind.FLUDT,
                    "usual treatment or last intake",
                    (*treatments, *intake),
                    "S_medications: Medications Entry",
                ),
            ),
            SectionKind.MEAL_STATUS: _section(
                SectionKind.MEAL_STATUS,
                # as the official FLUDT: the time in the effectiveTime alone (unknown: the value says UNK)
                (TimeObservation(code=LAST_MEAL, value=last_meal, time=last_meal, time_only=last_meal is not None),),
            ),
            SectionKind.PERSONAL_ITEMS: _personal_items(DocumentKind.FLUDT, personal_items),
            SectionKind.COMMENT: _comment(comment),
        },
    )


def fludr_sheet(
    *,
    header: Header,
    reason: str,
    transfer: PatientTransfer,
    diagnoses: Iterable[Problem],
    treatments: Iterable[Treatment],
    personal_items: Iterable[PersonalItem],
    attached_documents: Iterable[AttachedDocument],
    comment: str | None = None,
) -> Document:
    """A FLUDR (DLU-EHPAD-FLUDR 2022.01): the emergency department's return sheet to the EHPAD.

    ``reason`` the reason for the transport back (LOINC 15515-0); ``transfer`` the transfer back to
    the EHPAD; ``diagnoses`` the discharge diagnoses (CIM-10); ``treatments`` the discharge
    treatments; ``attached_documents`` at least one document of JDV_ChecklistFLUDR
    (:data:`DISCHARGE_PRESCRIPTION`, :data:`EMERGENCY_RECORD_COPY`).
    """
    attached = tuple(attached_documents)
    _in_value_set("JDV_ChecklistFLUDR_CISIS", (a.document_type for a in attached), "the attached document type")
    if not attached:
        raise SectionError(
            "a FLUDR attaches at least one document (FR-Document-attache, JDV_ChecklistFLUDR) (got none)",
            code="dlu.section.required",
        )
    return _assemble(
        DocumentKind.FLUDR,
        header,
        {
            SectionKind.EVENT_OUTCOMES: _section(
                SectionKind.EVENT_OUTCOMES,
                (CodedObservation(code=REASON_FOR_TRANSPORT, text=reason, time=header.effective_time), transfer),
                title="Retour du patient à l'EHPAD",
            ),
            SectionKind.DISCHARGE_DIAGNOSIS: _section(
                SectionKind.DISCHARGE_DIAGNOSIS,
                _required(
                    DocumentKind.FLUDR, "discharge diagnosis", diagnoses, "S_dischargeDiagnosis: Problem Concern Entry"
                ),
            ),
            SectionKind.DISCHARGE_TREATMENTS: _section(
                SectionKind.DISCHARGE_TREATMENTS,
                _required(DocumentKind.FLUDR, "discharge treatment", treatments, "S_HospitalDischargeMedication"),
            ),
            SectionKind.PERSONAL_ITEMS: _personal_items(DocumentKind.FLUDR, personal_items),
            SectionKind.ATTACHED_DOCUMENTS: _section(
                SectionKind.ATTACHED_DOCUMENTS, attached, title="Documents annexés à la FLUDR"
            ),
            SectionKind.COMMENT: _comment(comment),
        },
    )


def ft_su_sheet(
    *,
    header: Header,
    reason: str,
    informed: Iterable[InformedParty],
    consciousness: Consciousness,
    vital_signs: VitalSigns,
    last_usual_treatment: dt.datetime | None = None,
    last_meal: dt.datetime | None = None,
    pains: Iterable[SiteObservation] = (),
    personal_items: Iterable[PersonalItem],
    vigilance: str | None = None,
    comment: str | None = None,
) -> Document:
    """A DLU-FT-SU (2025.01): the transfer sheet to the emergency department.

    ``reason`` the reason for the transfer (section FR-Raison-de-la-recommandation-non-code);
    ``informed`` the parties informed of the transfer (the four of :data:`FT_SU_INFORMED` are
    always reported, informed or not); ``vigilance`` the points of vigilance and recent changes
    (section FR-Points-de-vigilances-non-code); ``last_usual_treatment`` and ``last_meal`` None
    when not known.
    """
    physical: tuple[Entry, ...] = (
        FunctionalStatus.consciousness(consciousness),
        *pains,
        TimeObservation(code=LAST_USUAL_TREATMENT, value=last_usual_treatment),
        TimeObservation(code=LAST_MEAL, value=last_meal),
    )
    return _assemble(
        DocumentKind.FT_SU,
        header,
        {
            SectionKind.PERSONS_INFORMED: _section(
                SectionKind.PERSONS_INFORMED,
                _informed(informed, FT_SU_INFORMED),
                title="Personnes et structures informées du transfert vers le service des urgences",
            ),
            SectionKind.TRANSFER_REASON: _section(SectionKind.TRANSFER_REASON, note=reason),
            SectionKind.RECENT_CHANGES: None
            if vigilance is None
            else _section(SectionKind.RECENT_CHANGES, note=vigilance),
            SectionKind.PHYSICAL_FUNCTION: _section(SectionKind.PHYSICAL_FUNCTION, physical),
            SectionKind.VITAL_SIGNS: _section(SectionKind.VITAL_SIGNS, (vital_signs,)),
            SectionKind.PERSONAL_ITEMS: _personal_items(DocumentKind.FT_SU, personal_items),
            SectionKind.COMMENT: _comment(comment),
        },
    )


def fr_su_sheet(
    *,
    header: Header,
    informed: Iterable[InformedParty],
    outcome: ReturnOutcome,
    transfer: PatientTransfer,
    diagnoses: Iterable[Problem] = (),
    diagnosis_text: str | None = None,
    follow_up: str,
    documents_given: Iterable[DocumentGiven] = (),
    personal_items: Iterable[PersonalItem],
    outcome_text: str | None = None,
    comment: str | None = None,
) -> Document:
    """A DLU-FR-SU (2025.01): the emergency department's return sheet.

    ``outcome`` back to the EHPAD, home, or another establishment, with ``transfer`` to the
    destination; ``diagnoses`` the discharge diagnoses (CIM-10), or ``diagnosis_text`` when they
    are not coded (section FR-Diagnostic-de-sortie-non-code, which the volet accepts instead;
    with coded diagnoses, printed after them); ``follow_up`` the exams or consultations planned
    (section FR-Plan-de-soins-non-code); ``documents_given`` the documents handed to the patient
    (each reported as given).
    """
    given = tuple(Observation(code=document.code(), value=True) for document in dict.fromkeys(documents_given))
    return _assemble(
        DocumentKind.FR_SU,
        header,
        {
            SectionKind.PERSONS_INFORMED: _section(
                SectionKind.PERSONS_INFORMED,
                _informed(informed, FR_SU_INFORMED),
                title="Personnes et structures informées du retour du patient",
            ),
            SectionKind.EVENT_OUTCOMES: _section(
                SectionKind.EVENT_OUTCOMES,
                (CodedObservation.outcome(outcome, outcome_text, header.effective_time), transfer),
                title="Transfert du patient",
            ),
            SectionKind.DISCHARGE_DIAGNOSIS: _discharge_diagnosis(tuple(diagnoses), diagnosis_text),
            SectionKind.FOLLOW_UP_PLAN: _section(SectionKind.FOLLOW_UP_PLAN, note=follow_up),
            SectionKind.COMMENT: _comment(comment),
            SectionKind.PERSONAL_ITEMS: _personal_items(DocumentKind.FR_SU, personal_items),
            SectionKind.DOCUMENTS_GIVEN: _section(SectionKind.DOCUMENTS_GIVEN, given),
        },
    )
