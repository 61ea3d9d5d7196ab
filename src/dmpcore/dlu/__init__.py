"""The DLU family as typed models: the Dossier de Liaison d'Urgence (CI-SIS DLU-EHPAD-DLU 2022.01).

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
    BMR_CODE,
    AdvanceDirective,
    Allergy,
    AllergyKind,
    AttachedDocument,
    Attachment,
    Disposition,
    Entry,
    Observation,
    PatientState,
    Problem,
    Procedure,
    RawEntry,
    Treatment,
    Vaccination,
)
from dmpcore.dlu._example import example_dlu
from dmpcore.dlu._header import FacilityType, Header, Organization, Patient, Professional, RelatedPerson
from dmpcore.dlu._registry import (
    DOCUMENTS,
    SECTIONS,
    DocumentKind,
    DocumentSpec,
    SectionKind,
    SectionSpec,
    SectionUse,
)
from dmpcore.dlu._summary import summary

__all__ = [
    "BMR_CODE",
    "DOCUMENTS",
    "SECTIONS",
    "Address",
    "AdvanceDirective",
    "Allergy",
    "AllergyKind",
    "AttachedDocument",
    "Attachment",
    "DictError",
    "Disposition",
    "Document",
    "DocumentKind",
    "DocumentSpec",
    "Entry",
    "FacilityType",
    "Header",
    "Identifier",
    "Observation",
    "Organization",
    "Origin",
    "Patient",
    "PatientState",
    "PersonName",
    "Problem",
    "Procedure",
    "Professional",
    "RawEntry",
    "RawSection",
    "RawXml",
    "RelatedPerson",
    "Section",
    "SectionError",
    "SectionKind",
    "SectionSpec",
    "SectionUse",
    "Sex",
    "Telecom",
    "TelecomUse",
    "Treatment",
    "Vaccination",
    "converter",
    "example_dlu",
    "from_dict",
    "new_id",
    "summary",
    "to_dict",
]
