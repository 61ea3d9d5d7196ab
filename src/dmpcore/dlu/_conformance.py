"""What the official kit refuses in a document that no single field can say: value-set bindings, section counts.

The model's validators check what one object holds; these rules span a document: a code is bound to a
value set by the schematron of the document model it is written in, and a document model sets how many
of each section it holds. :func:`~dmpcore.cda.to_cda` checks them on what it writes from the model (an
object written back as it was read is the source's, and is not checked again), and
:meth:`~dmpcore.dlu.Document.dlu` on what it builds. ``from_cda`` reads a document that breaks them
(``Document.missing_sections()`` says which sections lack), so that it can be inspected, mended and
written.

The bindings are those of the current versions of the models (the kit in ``../shared/ci-sis/kit``); a
document of an earlier version (``model_version`` 2021.01) is not checked against them: its own kit
bound other value sets (the allergy types of HL7 ObservationIntoleranceType, kit-2021).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Final

import attrs

from dmpcore.codes import Code
from dmpcore.dlu._document import Document, Section, SectionError
from dmpcore.dlu._entries import Allergy, AttachedDocument, Entry, Observation
from dmpcore.dlu._registry import DOCUMENTS, DocumentKind, SectionKind
from dmpcore.errors import InputError
from dmpcore.valuesets import value_set

__all__ = [
    "ALLERGY_TYPES",
    "BINDINGS",
    "Binding",
    "check_code",
    "check_codes",
    "check_confidentiality",
    "check_sections",
    "section_count_problems",
]

_SNOMED: Final = "2.16.840.1.113883.6.96"
#: JDV_TypeEvenementIndesirablePrevisible_CISIS (1.2.250.1.213.1.1.5.794, SNOMED CT): the types of an allergy or
#: intolerance (observation/code of IHE PCC Allergies and Intolerances), which the kit's content-model profile
#: binds (CI-SIS_ModelesDeContenusCDA.sch); dmpcore does not ship the value set, so its codes are here
#: (tests/cda/test_dlu_conformance.py checks them against the kit)
ALLERGY_TYPES: Final = frozenset(
    {
        "420134006",  # propension aux effets indésirables
        "609328004",  # allergie
        "416098002",  # allergie médicamenteuse
        "414285001",  # allergie alimentaire
        "419199007",  # allergie à une substance
        "609396006",  # hypersensibilité non allergique
        "609398007",  # ... à une drogue ou un médicament
        "735449006",  # ... alimentaire
        "609397002",  # ... à une substance
        "782197009",  # intolérance à une substance
        "59037007",  # intolérance aux drogues et/ou médicaments
        "235719002",  # intolérance alimentaire
        "1.2.250.1.213.1.1.5.794.1",  # intolérance à un agent environnemental (SNOMED CT code requested)
        "56840009",  # idiosyncrasie
    }
)


@attrs.frozen(kw_only=True)
class Binding:
    """A code of an entry that a schematron binds: the entries of ``entry_type`` (in the sections of ``section``
    and the documents of ``document``, None: any) carry in ``field`` a code that ``accepts`` takes."""

    entry_type: type
    field: str
    expected: str
    source: str
    accepts: Callable[[Code], bool]
    document: DocumentKind | None = None
    section: SectionKind | None = None

    @classmethod
    def dlu_value_set(cls, entry_type: type, field: str, name: str, section: SectionKind) -> Binding:
        """The DLU volet schematron's binding of *field* of the *entry_type* entries of *section* to *name*."""
        return cls(
            entry_type=entry_type,
            field=field,
            expected=f"a code of {name}",
            source="CI-SIS_DLU-EHPAD-DLU_2022.01.sch",
            accepts=lambda code: code in value_set(name),
            document=DocumentKind.DLU,
            section=section,
        )


#: the bindings dmpcore checks (the liaison sheets' own are added beside the DLU's)
BINDINGS: Final = (
    Binding(
        entry_type=Allergy,
        field="kind",
        expected=f"a SNOMED CT code ({_SNOMED}) of JDV_TypeEvenementIndesirablePrevisible_CISIS: an AllergyKind",
        source="E_allergiesAndIntolerances_fr.sch, CI-SIS_ModelesDeContenusCDA.sch",
        accepts=lambda code: code.code_system == _SNOMED and code.code in ALLERGY_TYPES,
    ),
    # PatientState lists the observations of JDV_ObservationEtatPatient
    Binding.dlu_value_set(Observation, "code", "JDV_ObservationEtatPatient_CISIS", SectionKind.EVENT_OUTCOMES),
    Binding.dlu_value_set(AttachedDocument, "document_type", "JDV_ChecklistDLU_CISIS", SectionKind.ATTACHED_DOCUMENTS),
)


def _current(document: Document) -> bool:
    spec = DOCUMENTS.get(document.kind)
    return spec is not None and document.model_version == spec.template_extension


def check_code(entry: Entry, section: SectionKind, document: Document) -> None:
    """Refuse *entry* (of a *section* of *document*) when a code it carries is not one its binding accepts."""
    if not _current(document):
        return
    for binding in BINDINGS:
        if not isinstance(entry, binding.entry_type) or binding.document not in (None, document.kind):
            continue
        code: Code = getattr(entry, binding.field)
        if binding.section in (None, section) and not binding.accepts(code):
            raise InputError(
                f"{type(entry).__name__}.{binding.field} in {section.name} must be {binding.expected} "
                f"({binding.source}) (got {code.code!r:.40} in {code.code_system!r:.60})",
                code="dlu.valueset",
            )


def check_codes(document: Document, written: Callable[[object], bool] = lambda obj: True) -> None:
    """:func:`check_code` on every entry of *document* that *written* says is written from its fields."""
    for section in document.sections:
        if isinstance(section, Section):
            for entry in section.entries:
                if written(entry):
                    check_code(entry, section.kind, document)


def check_confidentiality(code: Code) -> None:
    """The CDA confidentialityCode is N, R or V (JDV_HL7_xBasicConfidentialityKind_CISIS, structuration minimale);
    the DMP's visibility restrictions are XDS metadata (DOMAIN.md §4.1), not CDA codes."""
    if code not in value_set("JDV_HL7_xBasicConfidentialityKind_CISIS"):
        raise InputError(
            "the confidentialityCode must be N, R or V of 2.16.840.1.113883.5.25 (x_BasicConfidentialityKind); "
            f"a DMP restriction goes in the XDS metadata (got {code.code!r:.40} in {code.code_system!r:.60})",
            code="dlu.confidentiality",
        )


def section_count_problems(document: Document) -> list[str]:
    """What the document model says of the sections *document* holds: each required one missing, each held too often."""
    spec = DOCUMENTS.get(document.kind)
    if spec is None:
        return []
    held = [s.kind for s in document.sections if isinstance(s, Section)]
    problems = [f"{kind.name} is missing" for kind in document.missing_sections()]
    for use in spec.sections:
        count = sum(held.count(kind) for kind in use.kinds)
        if use.max_count is not None and count > use.max_count:
            problems.append(f"{use.kind.name} is held {count} times (at most {use.max_count})")
    return problems


def check_sections(document: Document) -> None:
    """Refuse *document* when it lacks a section its model requires or holds one more often than the model allows."""
    problems = section_count_problems(document)
    if problems:
        name = document.kind.name
        raise SectionError(
            f"a {name} holds each section of its model as often as the model says (its volet schematron): "
            + "; ".join(problems),
            code="dlu.section.count",
        )
