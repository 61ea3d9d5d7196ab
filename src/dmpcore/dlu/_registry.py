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

__all__ = [
    "DOCUMENTS",
    "SECTIONS",
    "DocumentKind",
    "DocumentSpec",
    "SectionKind",
    "SectionSpec",
    "SectionUse",
    "section_kind_for",
]

_LOINC = "2.16.840.1.113883.6.1"


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


@attrs.frozen(kw_only=True)
class SectionUse:
    """A section in a document model, with its cardinality (``max_count`` None: unbounded)."""

    kind: SectionKind
    min_count: int
    max_count: int | None = 1

    @property
    def required(self) -> bool:
        """Whether the document model requires the section."""
        return self.min_count > 0


@attrs.frozen(kw_only=True)
class DocumentSpec:
    """A document model: templateId (+ version), CDA code, service-event code, default title, sections."""

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


def _spec(kind: SectionKind, ihe: tuple[str, ...], code: str, display: str, title: str, *entries: type) -> SectionSpec:
    return SectionSpec(
        kind=kind, template_ids=(*ihe, kind.value), code=code, display=display, title=title, entry_types=entries
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
        ),
        _spec(
            SectionKind.MEDICAL_HISTORY,
            ("1.3.6.1.4.1.19376.1.5.3.1.3.8",),
            "11348-0",
            "Antécédents médicaux",
            "Antécédents médicaux",
            Problem,
        ),
        _spec(
            SectionKind.ALLERGIES,
            ("2.16.840.1.113883.10.20.1.2", "1.3.6.1.4.1.19376.1.5.3.1.3.13"),
            "48765-2",
            "Allergies et hypersensibilités",
            "Allergies et hypersensibilités",
            Allergy,
        ),
        _spec(
            SectionKind.TREATMENTS,
            ("2.16.840.1.113883.10.20.1.8", "1.3.6.1.4.1.19376.1.5.3.1.3.19"),
            "10160-0",
            "Historique de la prise médicamenteuse",
            "Traitements au long cours",
            Treatment,
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
        ),
        _spec(
            SectionKind.CODED_RESULTS,
            ("1.3.6.1.4.1.19376.1.5.3.1.3.27", "1.3.6.1.4.1.19376.1.5.3.1.3.28"),
            "30954-2",
            "Résultats d'examens",
            "Résultats d'examens",
            Procedure,
            Observation,
        ),
        _spec(
            SectionKind.IMMUNIZATIONS,
            ("2.16.840.1.113883.10.20.1.6", "1.3.6.1.4.1.19376.1.5.3.1.3.23"),
            "11369-6",
            "Historique des vaccinations",
            "Vaccinations",
            Vaccination,
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
        ),
    )
}


def _use(kind: SectionKind, min_count: int, max_count: int | None = 1) -> SectionUse:
    return SectionUse(kind=kind, min_count=min_count, max_count=max_count)


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
}

_BY_TEMPLATE = {kind.value: kind for kind in SectionKind}


def section_kind_for(template_ids: object) -> SectionKind | None:
    """The modelled section kind among *template_ids* (an iterable of roots), or None."""
    for root in template_ids:  # type: ignore[attr-defined]
        kind = _BY_TEMPLATE.get(root)
        if kind is not None:
            return kind
    return None
