"""Sections and documents of the DLU family."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import TypeVar

import attrs

from dmpcore.dlu._base import (
    Identifier,
    Origin,
    RawXml,
    _optional_text,
    checked_comments,
    names_its_field,
    raw_element,
)
from dmpcore.dlu._entries import (
    AdvanceDirective,
    Allergy,
    AttachedDocument,
    Disposition,
    Entry,
    Observation,
    Problem,
    Procedure,
    RawEntry,
    Treatment,
    Vaccination,
)
from dmpcore.dlu._header import FacilityType, Header
from dmpcore.dlu._registry import DOCUMENTS, SECTIONS, DocumentKind, SectionKind
from dmpcore.errors import InputError

__all__ = ["Document", "RawSection", "Section", "SectionError"]

#: DOMAIN.md §5 / JDV_J02: the establishment types that keep a DLU
_DLU_FACILITIES = tuple(facility.code() for facility in FacilityType)

E = TypeVar("E")


@names_its_field
def _known_version(instance: Document, attribute: attrs.Attribute[str | None], value: str | None) -> None:
    spec = DOCUMENTS.get(instance.kind)
    if spec is not None and value is not None and value not in spec.versions:
        known = ", ".join(v for v in spec.versions if v)
        raise InputError(
            f"'model_version' must be a version of the {instance.kind.name} model that dmpcore knows ({known}) "
            f"(got {value!r})",
            code="dlu.model-version",
        )


class SectionError(InputError):
    """A section holds an entry its CI-SIS template does not allow, or a document lacks a required section."""

    default_code = "dlu.section"


@names_its_field
def _check_entries(instance: Section, attribute: attrs.Attribute[tuple[Entry, ...]], value: tuple[Entry, ...]) -> None:
    allowed = SECTIONS[instance.kind].entry_types
    for index, entry in enumerate(value):
        if not isinstance(entry, (*allowed, RawEntry)):
            names = ", ".join(t.__name__ for t in allowed) or "no entries"
            raise SectionError(
                f"section {instance.kind.name} takes {names} (got {type(entry).__name__} at entries[{index}])",
                code="dlu.section.entry",
            )


@attrs.frozen(kw_only=True)
class Section:
    """A modelled section: its kind (see :data:`~dmpcore.dlu.SECTIONS`), entries and optional free text.

    ``title`` None uses the registry's default title; ``note`` is free text printed after the
    generated narrative (for the comment section, the comment itself). ``comments`` are the texts of
    the XML comments written just before the section (those a document read holds between its
    sections: ``<!-- [1..1] Section FR-Traitements -->``).
    """

    kind: SectionKind
    entries: tuple[Entry, ...] = attrs.field(default=(), validator=_check_entries)
    title: str | None = attrs.field(default=None, validator=_optional_text)
    note: str | None = attrs.field(default=None, validator=_optional_text)
    id: Identifier | None = None
    comments: tuple[str, ...] = attrs.field(default=(), validator=checked_comments)
    origin: Origin | None = attrs.field(default=None, eq=False, repr=False)

    def __attrs_post_init__(self) -> None:
        # the canonical form of the title: the registry's title is None (written as the registry's title)
        if self.title == SECTIONS[self.kind].title:
            object.__setattr__(self, "title", None)

    def of_type(self, entry_type: type[E]) -> tuple[E, ...]:
        """The entries of *entry_type*."""
        return tuple(entry for entry in self.entries if isinstance(entry, entry_type))

    @property
    def display_title(self) -> str:
        """The title written in the document."""
        return self.title or SECTIONS[self.kind].title


@attrs.frozen(kw_only=True)
class RawSection:
    """A section dmpcore does not model (another volet's section), kept as XML and re-emitted as is,
    after the XML comments (``comments``, their texts) that came before it."""

    raw: RawXml = attrs.field(validator=raw_element("section"))
    comments: tuple[str, ...] = attrs.field(default=(), validator=checked_comments)


AnySection = Section | RawSection


@attrs.frozen(kw_only=True)
class Document:
    """A DLU-family document: its kind, header and sections (in document order).

    ``model_version`` is the templateId extension of the document model: the current one of the
    registry by default (``2022.01`` for the DLU, see :data:`~dmpcore.dlu.DOCUMENTS`); a document read
    from an earlier version (``2021.01``) keeps it, and :func:`~dmpcore.cda.to_cda` writes it back
    with that version's document code (None: a document whose templateId had no extension).

    Build a DLU with :meth:`dlu`; read one with :func:`dmpcore.cda.from_cda`.
    """

    kind: DocumentKind
    header: Header
    sections: tuple[AnySection, ...]
    model_version: str | None = attrs.field(
        default=attrs.Factory(lambda self: DOCUMENTS[self.kind].template_extension, takes_self=True),
        validator=_known_version,
    )

    def __attrs_post_init__(self) -> None:
        # the canonical form of the title: the model's own title is None (written as the model's title)
        spec = DOCUMENTS.get(self.kind)
        if spec is not None and self.header.title == spec.title:
            object.__setattr__(self, "header", attrs.evolve(self.header, title=None))

    @classmethod
    def dlu(
        cls,
        *,
        header: Header,
        preferred_hospital: Disposition,
        treatments: Iterable[Treatment],
        advance_directive: AdvanceDirective,
        observations: Iterable[Observation],
        multi_resistant_bacteria: Observation,
        attached_documents: Iterable[AttachedDocument],
        active_problems: Iterable[Problem] | None = None,
        medical_history: Iterable[Problem] | None = None,
        allergies: Iterable[Allergy] | None = None,
        palliative_care: Procedure | None = None,
        vaccinations: Iterable[Vaccination] | None = None,
        comment: str | None = None,
    ) -> Document:
        """A DLU (DLU-EHPAD-DLU 2022.01) from its parts, sections in the model's order.

        What the official kit refuses is refused here: the header names the médecin traitant
        (Entete_DLU-DLU.sch), and a section whose template requires entries holds at least one
        (the treatments, the observations, the attached documents; an optional section given at all:
        IHE PCC S_medications, S_codedEventOutcome, S_allergiesAndOtherAdverseReaction...); codes bound
        to a value set come from it (an observation's from JDV_ObservationEtatPatient, an attached
        document's from JDV_ChecklistDLU, an allergy's kind from SNOMED CT, the confidentiality N, R or
        V: ``dlu.valueset``, ``dlu.confidentiality``). Optional sections given as None are left out.
        The kit has no conformant way to say "no treatment": FR-Produit-de-sante codes the product in
        CIS, which has no such code.
        """
        if not any(header.facility_type.same_concept(facility) for facility in _DLU_FACILITIES):
            raise InputError(
                "a DLU is written by a medico-social establishment: healthCareFacility/code SA16, SA17 or SA41 "
                f"(got {header.facility_type.code!r})",
                code="dlu.facility",
            )
        check_attending_physician(DocumentKind.DLU, header)
        parts: dict[SectionKind, Section | None] = {
            SectionKind.DISPOSITIONS: Section(kind=SectionKind.DISPOSITIONS, entries=(preferred_hospital,)),
            SectionKind.ACTIVE_PROBLEMS: _optional(SectionKind.ACTIVE_PROBLEMS, active_problems),
            SectionKind.MEDICAL_HISTORY: _optional(SectionKind.MEDICAL_HISTORY, medical_history),
            SectionKind.ALLERGIES: _optional(SectionKind.ALLERGIES, allergies),
            SectionKind.TREATMENTS: _filled(SectionKind.TREATMENTS, treatments),
            SectionKind.CARE_PLAN: _optional(
                SectionKind.CARE_PLAN, None if palliative_care is None else [palliative_care]
            ),
            SectionKind.ADVANCE_DIRECTIVES: Section(kind=SectionKind.ADVANCE_DIRECTIVES, entries=(advance_directive,)),
            SectionKind.EVENT_OUTCOMES: _filled(SectionKind.EVENT_OUTCOMES, observations),
            SectionKind.CODED_RESULTS: Section(
                kind=SectionKind.CODED_RESULTS, entries=(Procedure(), multi_resistant_bacteria)
            ),
            SectionKind.IMMUNIZATIONS: _optional(SectionKind.IMMUNIZATIONS, vaccinations),
            SectionKind.COMMENT: None if comment is None else Section(kind=SectionKind.COMMENT, note=comment),
            SectionKind.ATTACHED_DOCUMENTS: _filled(SectionKind.ATTACHED_DOCUMENTS, attached_documents),
        }
        order = [use.kind for use in DOCUMENTS[DocumentKind.DLU].sections]
        sections = tuple(section for kind in order if (section := parts[kind]) is not None)
        document = cls(kind=DocumentKind.DLU, header=header, sections=sections)
        from dmpcore.dlu._conformance import check_codes, check_confidentiality  # the rules use this module

        check_confidentiality(header.confidentiality)
        check_codes(document)
        return document

    def section(self, kind: SectionKind) -> Section | None:
        """The first section of *kind*, or None."""
        return next((s for s in self.sections if isinstance(s, Section) and s.kind is kind), None)

    def entries(self, entry_type: type[E], kind: SectionKind | None = None) -> Iterator[E]:
        """Every entry of *entry_type* (in the sections of *kind* only, when given)."""
        for section in self.sections:
            if isinstance(section, Section) and (kind is None or section.kind is kind):
                yield from section.of_type(entry_type)

    def missing_sections(self) -> list[SectionKind]:
        """The sections the document model requires that the document lacks (nor any alternative it accepts)."""
        spec = DOCUMENTS.get(self.kind)
        if spec is None:
            return []
        present = {s.kind for s in self.sections if isinstance(s, Section)}
        return [use.kind for use in spec.sections if use.required and present.isdisjoint(use.kinds)]

    # Convenience views of a DLU
    @property
    def allergies(self) -> tuple[Allergy, ...]:
        """The allergies and intolerances."""
        return tuple(self.entries(Allergy))

    @property
    def treatments(self) -> tuple[Treatment, ...]:
        """The long-term treatments."""
        return tuple(self.entries(Treatment))

    @property
    def observations(self) -> tuple[Observation, ...]:
        """The state and risk observations (event outcomes section)."""
        return tuple(self.entries(Observation, SectionKind.EVENT_OUTCOMES))

    @property
    def attachments(self) -> tuple[AttachedDocument, ...]:
        """The attached-documents checklist."""
        return tuple(self.entries(AttachedDocument))


def check_filled(section: Section) -> None:
    """Refuse an empty *section* whose template requires entries (``SectionSpec.entries_required_by``)."""
    spec = SECTIONS[section.kind]
    if spec.entries_required_by and not section.entries:
        names = " or ".join(t.__name__ for t in spec.entry_types)
        raise SectionError(
            f"section {section.kind.name} holds at least one {names} ({spec.entries_required_by}); "
            "leave an optional section out rather than empty (got none)",
            code="dlu.section.empty",
        )


def check_attending_physician(kind: DocumentKind, header: Header) -> None:
    """Refuse a DLU header without the médecin traitant (Entete_DLU-DLU.sch: participant INF, functionCode PCP)."""
    if kind is DocumentKind.DLU and header.attending_physician is None:
        raise InputError(
            "a DLU names the médecin traitant (participant INF, functionCode PCP; Entete_DLU-DLU.sch): "
            "expected Header.attending_physician (got None)",
            code="dlu.attending_physician",
        )


def _filled(kind: SectionKind, entries: Iterable[Entry]) -> Section:
    section = Section(kind=kind, entries=tuple(entries))
    check_filled(section)
    return section


def _optional(kind: SectionKind, entries: Iterable[Entry] | None) -> Section | None:
    return None if entries is None else _filled(kind, entries)
