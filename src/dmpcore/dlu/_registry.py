"""The registry of DLU-family documents and sections, as data.

One :class:`SectionSpec` per CI-SIS section template (templateIds, LOINC code, default title, the
entry classes it holds) and one :class:`DocumentSpec` per document model (templateId, codes, the
sections with their cardinality, in document order). The CDA writer and reader are driven by
these tables.

Adding a document type (FLUDT, FLUDR, FT-SU, FR-SU; :class:`DocumentKind` already names them):

1. a :class:`DocumentSpec` in :data:`DOCUMENTS` (templateId extension, CDA and service-event codes,
   title, the sections with their cardinality from the volet schematron);
2. for each section not yet here, a :class:`SectionKind` member (its CI-SIS templateId) and its
   :class:`SectionSpec` (IHE/CCD templateIds, LOINC code, title, entry classes), plus its narrative
   headers and ID prefix in ``dmpcore.cda._narrative``;
3. for each entry template not yet modelled, a small frozen class in ``_entries.py`` (with ``id``
   and ``origin`` fields), added to the ``Entry`` union, a writer in ``_ENTRY_WRITERS``
   (``dmpcore.cda._writer``) and a reader in ``_ENTRY_READERS`` (``dmpcore.cda._reader``, keyed by
   its CI-SIS templateId). Sections reuse entry classes: ``Observation`` is FR-Simple-Observation
   wherever it appears.

The header, the origin mechanism (nothing lost), the dict form, the JSON Schema and the CLI work
for every kind without change; ``dmpcore example`` takes a new line in ``dmpcore.dlu._cli.EXAMPLES``.

Sources: the kit's volet schematrons (``CI-SIS_DLU-EHPAD-DLU_2022.01.sch``: section cardinalities)
and section schematrons (``include/sections/``), and DOMAIN.md §5.
"""

from __future__ import annotations

import enum

import attrs

from dmpcore.dlu._entries import (
    AdvanceDirective,
    Allergy,
    AttachedDocument,
    Disposition,
    Observation,
    Problem,
    Procedure,
    Treatment,
    Vaccination,
)
from dmpcore.dlu._sheet_entries import (
    CodedObservation,
    FunctionalStatus,
    LastIntake,
    PatientTransfer,
    PersonalItem,
    SiteObservation,
    TimeObservation,
    VitalSigns,
)

__all__ = [
    "DOCUMENTS",
    "SECTIONS",
    "DocumentKind",
    "DocumentSpec",
    "ModelVersion",
    "SectionKind",
    "SectionSpec",
    "SectionUse",
    "section_kind_for",
]

_LOINC = "2.16.840.1.113883.6.1"
_SNOMED = "2.16.840.1.113883.6.96"
_EMERGENCY = ("EMER", "2.16.840.1.113883.5.4", "Passage aux urgences (établissement)")


class DocumentKind(enum.Enum):
    """The DLU family of CI-SIS document models, by their templateId."""

    DLU = "1.2.250.1.213.1.1.1.22"
    FLUDT = "1.2.250.1.213.1.1.1.23"
    FLUDR = "1.2.250.1.213.1.1.1.24"
    FT_SU = "1.2.250.1.213.1.1.1.61"
    FR_SU = "1.2.250.1.213.1.1.1.62"


class SectionKind(enum.Enum):
    """The sections dmpcore models, by their CI-SIS templateId."""

    DISPOSITIONS = "1.2.250.1.213.1.1.2.172"
    ACTIVE_PROBLEMS = "1.2.250.1.213.1.1.2.132"
    MEDICAL_HISTORY = "1.2.250.1.213.1.1.2.134"
    ALLERGIES = "1.2.250.1.213.1.1.2.137"
    TREATMENTS = "1.2.250.1.213.1.1.2.143"
    CARE_PLAN = "1.2.250.1.213.1.1.2.158"
    ADVANCE_DIRECTIVES = "1.2.250.1.213.1.1.2.157"
    EVENT_OUTCOMES = "1.2.250.1.213.1.1.2.163"
    CODED_RESULTS = "1.2.250.1.213.1.1.2.151"
    IMMUNIZATIONS = "1.2.250.1.213.1.1.2.147"
    COMMENT = "1.2.250.1.213.1.1.2.73"
    ATTACHED_DOCUMENTS = "1.2.250.1.213.1.1.2.37"
    # liaison sheets (FLUDT, FLUDR, FT-SU, FR-SU)
    VITAL_SIGNS = "1.2.250.1.213.1.1.2.75"
    MEAL_STATUS = "1.2.250.1.213.1.1.2.162"
    PERSONAL_ITEMS = "1.2.250.1.213.1.1.2.53"
    DISCHARGE_DIAGNOSIS = "1.2.250.1.213.1.1.2.133"
    DISCHARGE_DIAGNOSIS_TEXT = "1.2.250.1.213.1.1.2.5"
    DISCHARGE_TREATMENTS = "1.2.250.1.213.1.1.2.146"
    PERSONS_INFORMED = "1.2.250.1.213.1.1.2.251"
    TRANSFER_REASON = "1.2.250.1.213.1.1.2.127"
    RECENT_CHANGES = "1.2.250.1.213.1.1.2.245"
    PHYSICAL_FUNCTION = "1.2.250.1.213.1.1.2.115"
    FOLLOW_UP_PLAN = "1.2.250.1.213.1.1.2.154"
    DOCUMENTS_GIVEN = "1.2.250.1.213.1.1.2.253"


@attrs.frozen(kw_only=True)
class SectionSpec:
    """How a section is written: its templateIds (IHE/CCD then CI-SIS), LOINC code, title, entries."""

    kind: SectionKind
    template_ids: tuple[str, ...]
    code: str
    display: str
    title: str
    entry_types: tuple[type, ...] = ()
    #: columns of the narrative table (the writer knows how to fill them per entry type)
    code_system: str = _LOINC
    #: the schematron that requires the section to hold at least one entry (None: it may be empty)
    entries_required_by: str | None = None


@attrs.frozen(kw_only=True)
class SectionUse:
    """A section in a document model, with its cardinality (``max_count`` None: unbounded).

    ``alternatives`` are the other section kinds the volet accepts in its place (FR-SU: the
    uncoded discharge diagnosis instead of the coded one); they count towards the cardinality.
    """

    kind: SectionKind
    min_count: int
    max_count: int | None = 1
    alternatives: tuple[SectionKind, ...] = ()

    @property
    def required(self) -> bool:
        """Whether the document model requires the section."""
        return self.min_count > 0

    @property
    def kinds(self) -> tuple[SectionKind, ...]:
        """The section kinds that fill this place: the kind, then its alternatives."""
        return (self.kind, *self.alternatives)


@attrs.frozen(kw_only=True)
class ModelVersion:
    """An earlier published version of a document model that dmpcore reads: its templateId extension and CDA code.

    The 2021.01 DLU models coded the document ``34133-9`` (Synthèse d'épisode de soins), the 2022.01
    ones ``74207-2`` (kit-2021 ``CI-SIS_DLU-DLU_2021.01.sch``, ``Entete_DLU-DLU.sch``).
    """

    extension: str
    code: str
    display: str


_V2021 = ModelVersion(extension="2021.01", code="34133-9", display="Synthèse d'épisode de soins")


@attrs.frozen(kw_only=True)
class DocumentSpec:
    """A document model: templateId (+ version), CDA code, service-event code, default title, sections.

    ``encounter_code`` is the ``componentOf/encompassingEncounter/code`` (code, code system, display):
    IMP for the EHPAD documents, EMER for the emergency-department sheets of 2025 (Entete_DLU-FT-SU.sch).
    ``earlier_versions`` are the older versions of the model that dmpcore reads and writes back with
    their version (see :attr:`dmpcore.dlu.Document.model_version`).
    """

    kind: DocumentKind
    template_extension: str | None
    code: str
    display: str
    service_event_code: str
    service_event_display: str
    service_event_system: str
    format_code: str | None
    title: str
    sections: tuple[SectionUse, ...]
    encounter_code: tuple[str, str, str] = (
        "IMP",
        "2.16.840.1.113883.5.4",
        "Hospitalisation (établissement, y compris HAD)",
    )
    earlier_versions: tuple[ModelVersion, ...] = ()

    @property
    def versions(self) -> tuple[str | None, ...]:
        """The templateId extensions dmpcore reads for this model, the current one first."""
        return (self.template_extension, *(v.extension for v in self.earlier_versions))

    def document_code(self, version: str | None) -> tuple[str, str]:
        """The CDA ``code`` (code, display) of a document of this model in *version* (the current one if unknown)."""
        for earlier in self.earlier_versions:
            if earlier.extension == version:
                return earlier.code, earlier.display
        return self.code, self.display


def _spec(
    kind: SectionKind,
    ihe: tuple[str, ...],
    code: str,
    display: str,
    title: str,
    *entries: type,
    system: str = _LOINC,
    required_by: str | None = None,
) -> SectionSpec:
    return SectionSpec(
        kind=kind,
        template_ids=(*ihe, kind.value),
        code=code,
        display=display,
        title=title,
        entry_types=entries,
        code_system=system,
        entries_required_by=required_by,
    )


SECTIONS: dict[SectionKind, SectionSpec] = {
    spec.kind: spec
    for spec in (
        _spec(
            SectionKind.DISPOSITIONS,
            ("1.3.6.1.4.1.19376.1.5.3.1.1.13.2.10",),
            "11302-7",
            "Etablissement de santé de préférence",
            "Etablissement de santé de préférence",
            Disposition,
        ),
        _spec(
            SectionKind.ACTIVE_PROBLEMS,
            ("2.16.840.1.113883.10.20.1.11", "1.3.6.1.4.1.19376.1.5.3.1.3.6"),
            "11450-4",
            "Liste des problèmes actifs",
            "Pathologies en cours",
            Problem,
            required_by="IHE PCC S_ActiveProblem",
        ),
        _spec(
            SectionKind.MEDICAL_HISTORY,
            ("1.3.6.1.4.1.19376.1.5.3.1.3.8",),
            "11348-0",
            "Antécédents médicaux",
            "Antécédents médicaux",
            Problem,
            required_by="IHE PCC S_historyOfPastIllness",
        ),
        _spec(
            SectionKind.ALLERGIES,
            ("2.16.840.1.113883.10.20.1.2", "1.3.6.1.4.1.19376.1.5.3.1.3.13"),
            "48765-2",
            "Allergies et hypersensibilités",
            "Allergies et hypersensibilités",
            Allergy,
            required_by="IHE PCC S_allergiesAndOtherAdverseReaction",
        ),
        _spec(
            SectionKind.TREATMENTS,
            ("2.16.840.1.113883.10.20.1.8", "1.3.6.1.4.1.19376.1.5.3.1.3.19"),
            "10160-0",
            "Historique de la prise médicamenteuse",
            "Traitements au long cours",
            Treatment,
            LastIntake,  # FLUDT: when the usual treatment was last taken
            required_by="IHE PCC S_medications",
        ),
        _spec(
            SectionKind.CARE_PLAN,
            ("2.16.840.1.113883.10.20.1.10", "1.3.6.1.4.1.19376.1.5.3.1.3.36"),
            "18776-5",
            "Plan de soins",
            "Soins palliatifs",
            Procedure,
        ),
        _spec(
            SectionKind.ADVANCE_DIRECTIVES,
            ("2.16.840.1.113883.10.20.1.1", "1.3.6.1.4.1.19376.1.5.3.1.3.34", "1.3.6.1.4.1.19376.1.5.3.1.3.35"),
            "42348-3",
            "Directives anticipées",
            "Directives anticipées",
            AdvanceDirective,
        ),
        _spec(
            SectionKind.EVENT_OUTCOMES,
            ("1.3.6.1.4.1.19376.1.5.3.1.1.21.2.9", "1.3.6.1.4.1.19376.1.7.3.1.1.13.7"),
            "42545-4",
            "Evènements observés",
            "Observations",
            Observation,
            CodedObservation,  # FLUDT, FLUDR, FR-SU: reason for the transfer, or its outcome
            PatientTransfer,  # FLUDT, FLUDR, FR-SU: FR-Transfert-du-patient
            required_by="IHE PCC S_codedEventOutcome",
        ),
        _spec(
            SectionKind.CODED_RESULTS,
            ("1.3.6.1.4.1.19376.1.5.3.1.3.27", "1.3.6.1.4.1.19376.1.5.3.1.3.28"),
            "30954-2",
            "Résultats d'examens",
            "Résultats d'examens",
            Procedure,
            Observation,
            SiteObservation,  # FLUDT: recent pain and its location
        ),
        _spec(
            SectionKind.IMMUNIZATIONS,
            ("2.16.840.1.113883.10.20.1.6", "1.3.6.1.4.1.19376.1.5.3.1.3.23"),
            "11369-6",
            "Historique des vaccinations",
            "Vaccinations",
            Vaccination,
            required_by="IHE PCC S_immunizations",
        ),
        _spec(
            SectionKind.COMMENT,
            ("2.16.840.1.113883.10.12.201", "1.3.6.1.4.1.19376.1.4.1.2.16"),
            "55112-7",
            "Commentaire",
            "Commentaires",
        ),
        _spec(
            SectionKind.ATTACHED_DOCUMENTS,
            (),
            "55107-7",
            "Documents ajoutés",
            "Documents annexés au DLU",
            AttachedDocument,
            required_by="CI-SIS S_documentsAjoutes_ANS",
        ),
        # Sections of the liaison sheets: CI-SIS_DLU-EHPAD-FLUDT/FLUDR_2022.01.sch,
        # CI-SIS_DLU-FT-SU/FR-SU_2025.01.sch and the official examples of the kit.
        _spec(
            SectionKind.VITAL_SIGNS,
            ("2.16.840.1.113883.10.20.1.16", "1.3.6.1.4.1.19376.1.5.3.1.3.25", "1.3.6.1.4.1.19376.1.5.3.1.1.5.3.2"),
            "8716-3",
            "Signes vitaux",
            "Constantes du patient",
            VitalSigns,
        ),
        _spec(
            SectionKind.MEAL_STATUS,
            ("1.3.6.1.4.1.19376.1.7.3.1.1.13.5",),
            "47420-5",
            "Évaluation du statut fonctionnel",
            "Date et heure du dernier repas",
            TimeObservation,
        ),
        _spec(
            SectionKind.PERSONAL_ITEMS,
            (),
            "46264-8",
            "Dispositifs médicaux",
            "Prothèses et objets personnels",
            PersonalItem,
        ),
        _spec(
            SectionKind.DISCHARGE_DIAGNOSIS,
            ("1.3.6.1.4.1.19376.1.5.3.1.3.7",),
            "11535-2",
            "Diagnostic de sortie",
            "Diagnostic de sortie",
            Problem,
        ),
        # FR-Diagnostic-de-sortie-non-code (S_diagnosticSortie_ANS.sch: code 11535-2): the FR-SU's
        # uncoded alternative, free text; it may hold problems too (without the IHE template, whose
        # S_dischargeDiagnosis.sch requires a concern entry)
        _spec(
            SectionKind.DISCHARGE_DIAGNOSIS_TEXT,
            (),
            "11535-2",
            "Diagnostic de sortie",
            "Diagnostic de sortie",
            Problem,
        ),
        _spec(
            SectionKind.DISCHARGE_TREATMENTS,
            ("1.3.6.1.4.1.19376.1.5.3.1.3.22",),
            "10183-2",
            "Traitements à la sortie",
            "Ordonnance de sortie",
            Treatment,
        ),
        _spec(
            SectionKind.PERSONS_INFORMED,
            (),
            "ORG-213",
            "Personnes et structures informées",
            "Personnes et structures informées",
            Observation,
            system="1.2.250.1.213.1.1.4.322",
        ),
        _spec(
            SectionKind.TRANSFER_REASON,
            ("1.3.6.1.4.1.19376.1.5.3.1.3.1",),
            "42349-1",
            "Raison de la recommandation",
            "Motif du transfert",
        ),
        _spec(
            SectionKind.RECENT_CHANGES,
            (),
            "44944-7",
            "Autres alertes",
            "Evolutions ou changements constatés ces derniers jours",
        ),
        _spec(
            SectionKind.PHYSICAL_FUNCTION,
            ("1.3.6.1.4.1.19376.1.5.3.1.1.12.2.5",),
            "46006-3",
            "Problèmes physiques fonctionnels et structurels",
            "Observations",
            FunctionalStatus,
            SiteObservation,
            TimeObservation,
            Observation,
        ),
        _spec(
            SectionKind.FOLLOW_UP_PLAN,
            ("2.16.840.1.113883.10.20.1.10", "1.3.6.1.4.1.19376.1.5.3.1.3.31"),
            "18776-5",
            "Plan de soins",
            "Examens ou consultations prévus ou à prévoir",
        ),
        _spec(
            SectionKind.DOCUMENTS_GIVEN,
            (),
            "77599-9",
            "Documents complémentaires",
            "Liste des documents remis au patient",
            Observation,
        ),
    )
}


def _use(
    kind: SectionKind, min_count: int, max_count: int | None = 1, alternatives: tuple[SectionKind, ...] = ()
) -> SectionUse:
    return SectionUse(kind=kind, min_count=min_count, max_count=max_count, alternatives=alternatives)


DOCUMENTS: dict[DocumentKind, DocumentSpec] = {
    DocumentKind.DLU: DocumentSpec(
        kind=DocumentKind.DLU,
        template_extension="2022.01",
        code="74207-2",
        display="Dossier de liaison d'urgence",
        service_event_code="34117-2",
        service_event_display="Historique et clinique",
        service_event_system=_LOINC,
        format_code="urn:asip:ci-sis:dlu:2015",
        earlier_versions=(_V2021,),  # kit-2021: DLU-DLU_2021.01
        title="Dossier de liaison d'urgence",
        # CI-SIS_DLU-EHPAD-DLU_2022.01.sch, pattern "variables"
        sections=(
            _use(SectionKind.DISPOSITIONS, 1),
            _use(SectionKind.ACTIVE_PROBLEMS, 0),
            _use(SectionKind.MEDICAL_HISTORY, 0),
            _use(SectionKind.ALLERGIES, 0),
            _use(SectionKind.TREATMENTS, 1),
            _use(SectionKind.CARE_PLAN, 0),
            _use(SectionKind.ADVANCE_DIRECTIVES, 1),
            _use(SectionKind.EVENT_OUTCOMES, 1),
            _use(SectionKind.CODED_RESULTS, 1),
            _use(SectionKind.IMMUNIZATIONS, 0),
            _use(SectionKind.COMMENT, 0),
            _use(SectionKind.ATTACHED_DOCUMENTS, 1),
        ),
    ),
    # CI-SIS_DLU-EHPAD-FLUDT_2022.01.sch, pattern "variables"; order of the official example
    DocumentKind.FLUDT: DocumentSpec(
        kind=DocumentKind.FLUDT,
        template_extension="2022.01",
        code="74207-2",
        display="Dossier de liaison d'urgence",
        service_event_code="28651-8",
        service_event_display="Transfert du patient au service des urgences",
        service_event_system=_LOINC,
        format_code="urn:asip:ci-sis:fludt:2017",
        earlier_versions=(_V2021,),  # kit-2021: DLU-FLUDT_2021.01
        title="Fiche de liaison d'urgence : transfert de l'EHPAD vers le service des urgences",
        sections=(
            _use(SectionKind.EVENT_OUTCOMES, 1),
            _use(SectionKind.VITAL_SIGNS, 1),
            _use(SectionKind.CODED_RESULTS, 1),
            _use(SectionKind.TREATMENTS, 1),
            _use(SectionKind.MEAL_STATUS, 1),
            _use(SectionKind.PERSONAL_ITEMS, 1),
            _use(SectionKind.COMMENT, 0),
        ),
    ),
    # CI-SIS_DLU-EHPAD-FLUDR_2022.01.sch
    DocumentKind.FLUDR: DocumentSpec(
        kind=DocumentKind.FLUDR,
        template_extension="2022.01",
        code="74207-2",
        display="Dossier de liaison d'urgence",
        service_event_code="28651-8",
        service_event_display="Retour du résident à l'EHPAD",
        service_event_system=_LOINC,
        format_code="urn:asip:ci-sis:fludr:2017",
        earlier_versions=(_V2021,),  # kit-2021: DLU-FLUDR_2021.01
        title="Fiche de liaison d'urgence : retour du service des urgences vers l'EHPAD",
        sections=(
            _use(SectionKind.EVENT_OUTCOMES, 1),
            _use(SectionKind.DISCHARGE_DIAGNOSIS, 1),
            _use(SectionKind.DISCHARGE_TREATMENTS, 1),
            _use(SectionKind.PERSONAL_ITEMS, 1),
            _use(SectionKind.ATTACHED_DOCUMENTS, 1),
            _use(SectionKind.COMMENT, 0),
        ),
    ),
    # CI-SIS_DLU-FT-SU_2025.01.sch; Entete_DLU-FT-SU.sch: encounter EMER
    DocumentKind.FT_SU: DocumentSpec(
        kind=DocumentKind.FT_SU,
        template_extension="2025.01",
        code="78341-5",
        display="Fiche de transfert vers le service des urgences",
        service_event_code="306104004",
        service_event_display="orientation vers un service d'accidents et d'urgences",
        service_event_system=_SNOMED,
        format_code=None,  # not yet published (DOMAIN.md §5)
        title="Fiche de transfert vers le service des urgences",
        sections=(
            _use(SectionKind.PERSONS_INFORMED, 1),
            _use(SectionKind.TRANSFER_REASON, 1),
            _use(SectionKind.RECENT_CHANGES, 0),
            _use(SectionKind.PHYSICAL_FUNCTION, 1),
            _use(SectionKind.VITAL_SIGNS, 1),
            _use(SectionKind.PERSONAL_ITEMS, 1),
            _use(SectionKind.COMMENT, 0),
        ),
        encounter_code=_EMERGENCY,
    ),
    # CI-SIS_DLU-FR-SU_2025.01.sch
    DocumentKind.FR_SU: DocumentSpec(
        kind=DocumentKind.FR_SU,
        template_extension="2025.01",
        code="60280-5",
        display="Fiche de retour du service des urgences",
        service_event_code="107724000",
        service_event_display="transfert d'un(e) patient(e)",
        service_event_system=_SNOMED,
        format_code=None,
        title="Fiche de retour du service des urgences",
        sections=(
            _use(SectionKind.PERSONS_INFORMED, 1),
            _use(SectionKind.EVENT_OUTCOMES, 1),
            # "FR-Diagnostic-de-sortie-non-code" (…2.5) or "…-episode-de-soins" (…2.133), once
            _use(SectionKind.DISCHARGE_DIAGNOSIS, 1, alternatives=(SectionKind.DISCHARGE_DIAGNOSIS_TEXT,)),
            _use(SectionKind.FOLLOW_UP_PLAN, 1),
            _use(SectionKind.COMMENT, 0),
            _use(SectionKind.PERSONAL_ITEMS, 1),
            _use(SectionKind.DOCUMENTS_GIVEN, 1),
        ),
        encounter_code=_EMERGENCY,
    ),
}

_BY_TEMPLATE = {kind.value: kind for kind in SectionKind}


def section_kind_for(template_ids: object) -> SectionKind | None:
    """The modelled section kind among *template_ids* (an iterable of roots), or None."""
    for root in template_ids:  # type: ignore[attr-defined]
        kind = _BY_TEMPLATE.get(root)
        if kind is not None:
            return kind
    return None
