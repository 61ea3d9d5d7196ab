"""The DLU family as typed models: the Dossier de Liaison d'Urgence (CI-SIS DLU-EHPAD-DLU 2022.01).

The liaison sheets that travel with it to the emergency department and back (FLUDT, FLUDR
2022.01; DLU-FT-SU, DLU-FR-SU 2025.01) share the same header, sections and entries: builders
:func:`ft_su_sheet`, :func:`fr_su_sheet`, :func:`fludt_sheet`, :func:`fludr_sheet`, and
:func:`transfer_sheet` to prepare a transfer sheet from a DLU.
Frozen attrs classes for the header (patient, professionals, organisations, related persons),
the sections and their entries; a registry of document and section models as data
(:data:`DOCUMENTS`, :data:`SECTIONS`); :func:`to_dict` / :func:`from_dict` for web forms.
XML lives in :mod:`dmpcore.cda` (:func:`~dmpcore.cda.to_cda`, :func:`~dmpcore.cda.from_cda`).

>>> from dmpcore.dlu import example_dlu, SectionKind
>>> dlu = example_dlu()
>>> dlu.kind.name, len(dlu.sections), dlu.missing_sections()
('DLU', 12, [])
"""

from dmpcore.dlu._base import Address, Identifier, Origin, PersonName, RawXml, Sex, Telecom, TelecomUse, new_id
from dmpcore.dlu._convert import DictError, converter, from_dict, to_dict
from dmpcore.dlu._document import Document, RawSection, Section, SectionError
from dmpcore.dlu._entries import (
    ACT_STATUSES,
    BMR_CODE,
    AdvanceDirective,
    Allergy,
    AllergyKind,
    AttachedDocument,
    Attachment,
    Disposition,
    Entry,
    ExternalDocument,
    Observation,
    PatientState,
    Problem,
    Procedure,
    RawEntry,
    Treatment,
    Vaccination,
)
from dmpcore.dlu._example import example_dlu
from dmpcore.dlu._header import (
    FacilityType,
    Header,
    Organization,
    Patient,
    Professional,
    RelatedPerson,
    UnknownTime,
)
from dmpcore.dlu._registry import (
    DOCUMENTS,
    SECTIONS,
    DocumentKind,
    DocumentSpec,
    ModelVersion,
    SectionKind,
    SectionSpec,
    SectionUse,
)
from dmpcore.dlu._sheet_entries import (
    CONSCIOUSNESS_FLUDT,
    LAST_MEAL,
    LAST_USUAL_TREATMENT,
    PAIN,
    REASON_FOR_TRANSFER,
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
    VitalSign,
    VitalSignKind,
    VitalSigns,
)
from dmpcore.dlu._sheet_examples import example_fludr, example_fludt, example_fr_su, example_ft_su
from dmpcore.dlu._sheets import (
    DISCHARGE_PRESCRIPTION,
    EMERGENCY_RECORD_COPY,
    FR_SU_INFORMED,
    FT_SU_INFORMED,
    fludr_sheet,
    fludt_sheet,
    fr_su_sheet,
    ft_su_sheet,
)
from dmpcore.dlu._summary import summary
from dmpcore.dlu._transfer import SheetArgumentError, TransferDraft, sheet_header, transfer_sheet

__all__ = [
    "ACT_STATUSES",
    "BMR_CODE",
    "CONSCIOUSNESS_FLUDT",
    "DISCHARGE_PRESCRIPTION",
    "DOCUMENTS",
    "EMERGENCY_RECORD_COPY",
    "FR_SU_INFORMED",
    "FT_SU_INFORMED",
    "LAST_MEAL",
    "LAST_USUAL_TREATMENT",
    "PAIN",
    "REASON_FOR_TRANSFER",
    "REASON_FOR_TRANSPORT",
    "SECTIONS",
    "Address",
    "AdvanceDirective",
    "Allergy",
    "AllergyKind",
    "AttachedDocument",
    "Attachment",
    "CodedObservation",
    "Consciousness",
    "DictError",
    "Disposition",
    "Document",
    "DocumentGiven",
    "DocumentKind",
    "DocumentSpec",
    "Entry",
    "ExternalDocument",
    "FacilityType",
    "FunctionalStatus",
    "Header",
    "Identifier",
    "InformedParty",
    "LastIntake",
    "ModelVersion",
    "Observation",
    "Organization",
    "Origin",
    "Patient",
    "PatientState",
    "PatientTransfer",
    "PersonName",
    "PersonalItem",
    "Problem",
    "Procedure",
    "Professional",
    "RawEntry",
    "RawSection",
    "RawXml",
    "RelatedPerson",
    "ReturnOutcome",
    "Section",
    "SectionError",
    "SectionKind",
    "SectionSpec",
    "SectionUse",
    "Sex",
    "SheetArgumentError",
    "SiteObservation",
    "Telecom",
    "TelecomUse",
    "TimeObservation",
    "TransferDraft",
    "Treatment",
    "UnknownTime",
    "Vaccination",
    "VitalSign",
    "VitalSignKind",
    "VitalSigns",
    "converter",
    "example_dlu",
    "example_fludr",
    "example_fludt",
    "example_fr_su",
    "example_ft_su",
    "fludr_sheet",
    "fludt_sheet",
    "fr_su_sheet",
    "from_dict",
    "ft_su_sheet",
    "new_id",
    "sheet_header",
    "summary",
    "to_dict",
    "transfer_sheet",
]
