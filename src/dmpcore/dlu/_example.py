"""A complete, realistic and fictitious DLU (test INS root), used by the CLI, the demo and the docs."""

from __future__ import annotations

import base64
import datetime as dt
import uuid
from decimal import Decimal
from typing import Any, cast

import attrs

from dmpcore.codes import Code
from dmpcore.dlu._base import Address, Identifier, PersonName, Sex, Telecom, TelecomUse
from dmpcore.dlu._document import Document, Section
from dmpcore.dlu._entries import (
    AdvanceDirective,
    Allergy,
    AllergyKind,
    AttachedDocument,
    Attachment,
    Disposition,
    Observation,
    PatientState,
    Problem,
    Procedure,
    Treatment,
    Vaccination,
)
from dmpcore.dlu._header import FacilityType, Header, Organization, Patient, Professional, RelatedPerson
from dmpcore.identity import INS_NIR_TEST_OID, IdentityStatus, parse_ins

__all__ = ["example_dlu"]

_CIM10 = "2.16.840.1.113883.6.3"
_CIS = "1.2.250.1.213.2.3.1"
_CHECKLIST = "1.2.250.1.213.1.1.4.322"
_PARIS = dt.timezone(dt.timedelta(hours=1))

# A minimal, valid one-page PDF (fictitious "attestation"), embedded as the checklist's attachment.
_PDF = base64.b64decode(
    "JVBERi0xLjQKMSAwIG9iajw8L1R5cGUvQ2F0YWxvZy9QYWdlcyAyIDAgUj4+ZW5kb2JqCjIgMCBvYmo8PC9UeXBlL1BhZ2VzL0tp"
    "ZHNbMyAwIFJdL0NvdW50IDE+PmVuZG9iagozIDAgb2JqPDwvVHlwZS9QYWdlL1BhcmVudCAyIDAgUi9NZWRpYUJveFswIDAgNTk1"
    "IDg0Ml0+PmVuZG9iagp0cmFpbGVyPDwvUm9vdCAxIDAgUj4+CiUlRU9GCg=="
)


def _ehpad() -> Organization:
    return Organization(
        id=Identifier(root="1.2.250.1.71.4.2.2", extension="1750803447"),
        name="EHPAD Les Tilleuls",
        address=Address(
            house_number="12", street_name="rue des Lilas", postal_code="92100", city="Boulogne-Billancourt"
        ),
        telecoms=(Telecom.phone("01 41 31 19 02", TelecomUse.WORK),),
        sector=Code(code="ESSMS", code_system="1.2.250.1.213.1.1.4.9", display="Etablissement social ou médico-social"),
    )


def _doctor() -> Professional:
    return Professional(
        id=Identifier(root="1.2.250.1.71.4.2.1", extension="801234567897"),
        name=PersonName(family="BERTRAND", given="Claire", prefix="MME", suffix="DR"),
        profession=Code(
            code="G15_10/SM26",
            code_system="1.2.250.1.213.1.1.4.5",
            display="Médecin - Qualifié en Médecine Générale (SM)",
        ),
        telecoms=(Telecom.phone("01 41 31 19 10", TelecomUse.WORK),),
        organization=_ehpad(),
    )


def example_dlu() -> Document:
    """A complete fictitious DLU of a resident of an EHPAD (INS on the test root ``1.2.250.1.213.1.4.10``).

    >>> dlu = example_dlu()
    >>> dlu.header.patient.display_name(), dlu.header.patient.ins.masked()
    ('MARTIN Jeanne', '***********8989')
    >>> [a.agent.display for a in dlu.allergies]
    ['Pénicillines']
    """
    when = dt.datetime(2026, 3, 2, 10, 30, tzinfo=_PARIS)
    patient = Patient(
        ins=parse_ins("279035121518989", INS_NIR_TEST_OID),
        identity_status=IdentityStatus.QUALIFIED,
        local_id=Identifier(root="1.2.250.1.71.4.2.2.1750803447", extension="R-2024-0042"),
        birth_family_name="MARTIN",
        first_birth_given_name="JEANNE",
        birth_given_names="JEANNE MARIE",
        used_family_name="MARTIN",
        used_given_name="Jeanne",
        sex=Sex.FEMALE,
        birth_date=dt.date(1939, 3, 28),
        birth_place=Address(county="51215", city="DOMPREMY"),
        address=Address(
            house_number="12", street_name="rue des Lilas", postal_code="92100", city="Boulogne-Billancourt"
        ),
        telecoms=(Telecom.phone("01 41 31 19 02", TelecomUse.WORK),),
    )
    physician = Professional(
        id=Identifier(root="1.2.250.1.71.4.2.1", extension="810000000017"),
        name=PersonName(family="LEROY", given="Paul", prefix="M", suffix="DR"),
        address=Address(
            house_number="3", street_name="rue du Château", postal_code="92100", city="Boulogne-Billancourt"
        ),
        telecoms=(Telecom.phone("01 46 05 12 34", TelecomUse.WORK),),
    )
    daughter = RelatedPerson(
        name=PersonName(family="DURAND", given="Sophie"),
        relationship=Code(code="DAU", code_system="2.16.840.1.113883.5.111", display="Fille"),
        telecoms=(Telecom.phone("06 47 15 01 00", TelecomUse.MOBILE),),
    )
    header = Header(
        id=Identifier(root="1.2.250.1.71.4.2.2.1750803447.1", extension="DLU-2026-0042-1"),
        set_id=Identifier(root="1.2.250.1.71.4.2.2.1750803447.1", extension="DLU-2026-0042"),
        effective_time=when,
        patient=patient,
        author=_doctor(),
        custodian=attrs.evolve(_ehpad(), sector=None),
        legal_authenticator=_doctor(),
        attending_physician=physician,
        emergency_contact=daughter,
        trusted_person=daughter,
        facility_type=FacilityType.ELDERLY_PEOPLE.code(),
    )
    hospital = Organization(
        id=Identifier(root="1.2.250.1.71.4.2.2", extension="1920000650"),
        name="Hôpital Ambroise-Paré",
        address=Address(
            house_number="9", street_name="avenue Charles-de-Gaulle", postal_code="92100", city="Boulogne-Billancourt"
        ),
        telecoms=(Telecom.phone("01 49 09 50 00", TelecomUse.WORK),),
    )
    document = Document.dlu(
        header=header,
        preferred_hospital=Disposition(hospital=hospital),
        active_problems=[
            Problem(
                code=Code(code="I48", code_system=_CIM10, display="Fibrillation et flutter auriculaires"),
                start=dt.date(2019, 5, 14),
            ),
            Problem(
                code=Code(code="F03", code_system=_CIM10, display="Démence, sans précision"), start=dt.date(2021, 9, 1)
            ),
        ],
        medical_history=[
            Problem(
                code=Code(code="S72.0", code_system=_CIM10, display="Fracture du col du fémur"),
                start=dt.date(2018, 1, 8),
                end=dt.date(2018, 3, 30),
            )
        ],
        allergies=[
            Allergy(
                agent=Code(code="J01C", code_system="2.16.840.1.113883.6.73", display="Pénicillines"),
                kind=AllergyKind.DRUG.code(),
                start=dt.date(1995, 6, 1),
            )
        ],
        treatments=[
            Treatment(
                medication=Code(code="60234100", code_system=_CIS, display="ELIQUIS 2,5 mg, comprimé pelliculé"),
                start=dt.date(2019, 5, 20),
                dose=Decimal("1"),
                dose_unit="{count}",
                period_hours=12,
            ),
            Treatment(
                medication=Code(code="66207744", code_system=_CIS, display="DOLIPRANE 500 mg, gélule"),
                start=dt.date(2026, 2, 1),
                dose=Decimal("1"),
                dose_unit="{count}",
                period_hours=8,
            ),
        ],
        palliative_care=Procedure.palliative_care(False),
        advance_directive=AdvanceDirective(exists=True),
        observations=[
            Observation.state(PatientState.CAN_ALERT, True),
            Observation.state(PatientState.DISORIENTED, True),
            Observation.state(PatientState.HEARING_IMPAIRMENT, True),
            Observation.state(PatientState.FALLS, True),
            Observation.state(PatientState.WANDERING, False),
            Observation.state(PatientState.RESTRAINT, False),
            Observation.state(PatientState.PRESSURE_ULCER_RISK, True),
            Observation.state(PatientState.ASPIRATION_RISK, False),
        ],
        multi_resistant_bacteria=Observation.multi_resistant_bacteria(False),
        vaccinations=[
            Vaccination(
                vaccine=Code(code="61402736", code_system=_CIS, display="VAXIGRIPTETRA, suspension injectable"),
                date=dt.date(2025, 10, 15),
                lot_number="V0076543",
            )
        ],
        comment="Résidente malentendante : parler lentement, face à elle. Appareil auditif dans la table de nuit.",
        attached_documents=[
            AttachedDocument(
                document_type=Code(code="DLU_006", code_system=_CHECKLIST, display="Attestation de la carte vitale"),
                attachment=Attachment(data=_PDF),
            ),
            AttachedDocument(
                document_type=Code(
                    code="DLU_010", code_system=_CHECKLIST, display="Photocopie des directives anticipées"
                ),
                attachment=Attachment(data=_PDF),
            ),
        ],
    )
    return _stable_ids(document)


def _stable_ids(document: Document) -> Document:
    """Give the example's entries fixed ids, so that its XML is the same on every run."""
    sections = []
    for number, section in enumerate(document.sections):
        assert isinstance(section, Section)
        entries = []
        for index, entry in enumerate(section.entries):
            fixed = uuid.uuid5(uuid.NAMESPACE_URL, f"dmpcore:example:{number}:{index}")
            entries.append(attrs.evolve(cast(Any, entry), id=Identifier(root=str(fixed).upper())))
        sections.append(attrs.evolve(section, entries=tuple(entries)))
    return attrs.evolve(document, sections=tuple(sections))
