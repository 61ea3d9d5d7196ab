"""Complete, realistic and fictitious liaison sheets of the resident of :func:`~dmpcore.dlu.example_dlu`.

The emergency workflow of one morning: the EHPAD sends the resident to the emergency department
with an FT-SU (or a FLUDT) prepared from her DLU; the emergency department sends her back with an
FR-SU (or a FLUDR).
"""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any, cast

import attrs

from dmpcore.codes import Code
from dmpcore.dlu._base import Address, Identifier, PersonName, Telecom, TelecomUse
from dmpcore.dlu._document import Document, Section
from dmpcore.dlu._entries import AttachedDocument, Attachment, Problem, Treatment
from dmpcore.dlu._example import _PDF, example_dlu
from dmpcore.dlu._header import Header, Organization, Professional
from dmpcore.dlu._registry import DocumentKind
from dmpcore.dlu._sheet_entries import (
    PAIN,
    Consciousness,
    DocumentGiven,
    InformedParty,
    PatientTransfer,
    PersonalItem,
    ReturnOutcome,
    SiteObservation,
    VitalSign,
    VitalSignKind,
    VitalSigns,
)
from dmpcore.dlu._sheets import DISCHARGE_PRESCRIPTION, fludr_sheet, fr_su_sheet
from dmpcore.dlu._transfer import sheet_header, transfer_sheet

__all__ = ["example_fludr", "example_fludt", "example_fr_su", "example_ft_su"]

_PARIS = dt.timezone(dt.timedelta(hours=1))
_SNOMED = "2.16.840.1.113883.6.96"
_CIM10 = "2.16.840.1.113883.6.3"
_J02 = "1.2.250.1.71.4.2.4"
_MORNING = dt.datetime(2026, 3, 9, 7, 40, tzinfo=_PARIS)
_BACK = dt.datetime(2026, 3, 9, 16, 5, tzinfo=_PARIS)
_UPPER = Code(code="264217000", code_system=_SNOMED, display="supérieur(e)")
_LEFT_HIP = Code(code="287679003", code_system=_SNOMED, display="hanche gauche")


def _hospital() -> Organization:
    return Organization(
        id=Identifier(root="1.2.250.1.71.4.2.2", extension="1920000650"),
        name="Hôpital Ambroise-Paré",
        address=Address(
            house_number="9", street_name="avenue Charles-de-Gaulle", postal_code="92100", city="Boulogne-Billancourt"
        ),
        telecoms=(Telecom.phone("01 49 09 50 00", TelecomUse.WORK),),
    )


def _emergency_physician() -> Professional:
    return Professional(
        id=Identifier(root="1.2.250.1.71.4.2.1", extension="810002345678"),
        name=PersonName(family="NGUYEN", given="Thomas", prefix="M", suffix="DR"),
        profession=Code(
            code="G15_10/SM59",
            code_system="1.2.250.1.213.1.1.4.5",
            display="Médecin - Médecine d'urgence (SM)",
        ),
        telecoms=(Telecom.phone("01 49 09 56 56", TelecomUse.WORK),),
        organization=attrs.evolve(
            _hospital(),
            sector=Code(code="ETABLISSEMENT", code_system="1.2.250.1.213.1.1.4.9", display="Etablissement de santé"),
        ),
    )


def _fixed(*parts: object) -> Identifier:
    return Identifier(root=str(uuid.uuid5(uuid.NAMESPACE_URL, "dmpcore:example:" + ":".join(map(str, parts)))).upper())


def _stable_ids(document: Document) -> Document:
    """Give the example's document, sections and entries fixed ids, so that its XML is the same on every run."""
    name = document.kind.name
    header = attrs.evolve(document.header, id=_fixed(name, "id"), set_id=_fixed(name, "set"))
    sections = []
    for number, section in enumerate(document.sections):
        assert isinstance(section, Section)
        entries = []
        for index, entry in enumerate(section.entries):
            fixed = attrs.evolve(cast(Any, entry), id=_fixed(name, number, index))
            if isinstance(fixed, VitalSigns):
                signs = tuple(attrs.evolve(s, id=_fixed(name, number, index, i)) for i, s in enumerate(fixed.signs))
                fixed = attrs.evolve(fixed, signs=signs)
            entries.append(fixed)
        sections.append(attrs.evolve(section, id=_fixed(name, number), entries=tuple(entries)))
    return attrs.evolve(document, header=header, sections=tuple(sections))


def _vitals(when: dt.datetime) -> VitalSigns:
    return VitalSigns(
        time=when,
        signs=(
            VitalSign.of(VitalSignKind.PULSE, 96),
            VitalSign.of(VitalSignKind.TEMPERATURE, "37.8"),
            VitalSign.of(VitalSignKind.WEIGHT, 58),
            VitalSign.of(VitalSignKind.SYSTOLIC, 105),
            VitalSign.of(VitalSignKind.DIASTOLIC, 60),
        ),
    )


def _items() -> tuple[PersonalItem, ...]:
    return (PersonalItem.glasses(), PersonalItem.dentures(_UPPER), PersonalItem.other("Canne anglaise"))


def _transfer_to_hospital() -> PatientTransfer:
    return PatientTransfer(
        start=_MORNING,
        end=_MORNING + dt.timedelta(minutes=25),
        destination=_hospital(),
        destination_type=Code(code="SA01", code_system=_J02, display="Etablissement public de santé"),
    )


def _transfer_back(dlu: Document) -> PatientTransfer:
    return PatientTransfer(
        start=_BACK,
        end=_BACK + dt.timedelta(minutes=30),
        destination=attrs.evolve(dlu.header.custodian, sector=None),
        destination_type=dlu.header.facility_type,
    )


def _transfer(kind: DocumentKind) -> Document:
    draft = transfer_sheet(example_dlu(), kind=kind, when=_MORNING)
    return draft.fill(
        reason="Chute dans la chambre à 6 h 30, douleur de la hanche gauche, impossibilité de se relever.",
        vital_signs=_vitals(_MORNING),
        consciousness=Consciousness.AWAKE,
        transfer=_transfer_to_hospital() if kind is DocumentKind.FLUDT else None,
        informed=None
        if kind is DocumentKind.FLUDT
        else (InformedParty.CENTRE_15, InformedParty.EMERGENCY_DEPARTMENT, InformedParty.RELATIVES),
        last_meal=dt.datetime(2026, 3, 8, 19, 0, tzinfo=_PARIS),
        last_usual_treatment=dt.datetime(2026, 3, 8, 20, 0, tzinfo=_PARIS),
        pains=(SiteObservation(code=PAIN, site=_LEFT_HIP),),
        personal_items=_items(),
    )


def example_ft_su() -> Document:
    """The FT-SU of the resident of :func:`~dmpcore.dlu.example_dlu`, prepared from her DLU.

    >>> sheet = example_ft_su()
    >>> sheet.kind.name, sheet.header.patient.display_name(), sheet.missing_sections()
    ('FT_SU', 'MARTIN Jeanne', [])
    """
    return _stable_ids(_transfer(DocumentKind.FT_SU))


def example_fludt() -> Document:
    """The FLUDT (2022.01 model) of the same transfer."""
    return _stable_ids(_transfer(DocumentKind.FLUDT))


_CONTUSION = Problem(code=Code(code="S70.0", code_system=_CIM10, display="Contusion de la hanche"), start=_BACK.date())


def _return_header(dlu: Document) -> Header:
    """Written by the emergency physician, kept by the hospital (a public hospital, SA01)."""
    return sheet_header(
        dlu,
        when=_BACK,
        author=_emergency_physician(),
        custodian=_hospital(),
        facility_type=Code(code="SA01", code_system=_J02, display="Etablissement public de santé"),
    )


def example_fr_su() -> Document:
    """The FR-SU the emergency department writes when the resident goes back to her EHPAD.

    >>> sheet = example_fr_su()
    >>> sheet.kind.name, [p.code.code for p in sheet.entries(Problem)]
    ('FR_SU', ['S70.0'])
    """
    dlu = example_dlu()
    header = _return_header(dlu)
    return _stable_ids(
        fr_su_sheet(
            header=header,
            informed=(InformedParty.ORIGIN_FACILITY, InformedParty.ATTENDING_PHYSICIAN, InformedParty.RELATIVES),
            outcome=ReturnOutcome.BACK_TO_FACILITY,
            transfer=_transfer_back(dlu),
            diagnoses=(_CONTUSION,),
            follow_up="Radiographie de contrôle du bassin dans 10 jours ; consultation du médecin traitant sous 48 h.",
            documents_given=(DocumentGiven.PERSONAL_ITEMS_LIST, DocumentGiven.PRESCRIPTIONS),
            personal_items=_items(),
            comment="Pas de fracture visible. Antalgiques de palier 1, reprise de la marche accompagnée.",
        )
    )


def example_fludr() -> Document:
    """The FLUDR (2022.01 model) of the same return."""
    dlu = example_dlu()
    header = _return_header(dlu)
    return _stable_ids(
        fludr_sheet(
            header=header,
            reason="Retour en ambulance après bilan aux urgences.",
            transfer=_transfer_back(dlu),
            diagnoses=(_CONTUSION,),
            treatments=(
                Treatment(
                    medication=Code(
                        code="66207744", code_system="1.2.250.1.213.2.3.1", display="DOLIPRANE 500 mg, gélule"
                    ),
                    start=_BACK.date(),
                    end=_BACK.date() + dt.timedelta(days=7),
                    period_hours=6,
                ),
            ),
            personal_items=_items(),
            attached_documents=(
                AttachedDocument(document_type=DISCHARGE_PRESCRIPTION, attachment=Attachment(data=_PDF)),
            ),
            comment="Pas de fracture visible. Reprise de la marche accompagnée.",
        )
    )
