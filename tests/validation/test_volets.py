"""The volet tables of the validator agree with the DLU registry (``dmpcore.dlu``) that drives the CDA writer.

The validator keeps its own tables (``dmpcore.validation._volets``: sections counted by the templateId
the volet schematron counts, which the registry does not say); these tests keep the facts both hold
(document templateIds and codes, section codes and code systems, cardinalities) the same.
"""

from __future__ import annotations

import pytest

from dmpcore.dlu._registry import DOCUMENTS, SECTIONS, DocumentKind, SectionKind, SectionUse
from dmpcore.validation import VOLETS, Volet
from dmpcore.validation._volets import SectionSpec

#: sections the registry writes that the volet schematron does not count (so the validator has no row):
#: the DLU example's palliative-care section (DOMAIN.md §5: "plus a palliative-care section")
_REGISTRY_ONLY = {(DocumentKind.DLU, SectionKind.CARE_PLAN)}

_VOLETS = list(VOLETS.values())


def _ids(volet: Volet) -> str:
    return volet.name


def _registry_uses(volet: Volet, spec: SectionSpec) -> list[SectionUse]:
    document = DOCUMENTS[DocumentKind(volet.template_id)]
    return [use for use in document.sections if set(spec.template_ids) & set(SECTIONS[use.kind].template_ids)]


def test_the_validator_and_the_registry_know_the_same_volets() -> None:
    assert set(VOLETS) == {kind.value for kind in DOCUMENTS}


@pytest.mark.parametrize("volet", _VOLETS, ids=_ids)
def test_document_codes_agree(volet: Volet) -> None:
    document = DOCUMENTS[DocumentKind(volet.template_id)]
    assert (volet.code, volet.service_event_code, volet.service_event_code_system) == (
        document.code,
        document.service_event_code,
        document.service_event_system,
    )
    if volet.encounter_code is not None:  # the validator checks it where the volet's header schematron does
        assert volet.encounter_code == document.encounter_code[0]


@pytest.mark.parametrize("volet", _VOLETS, ids=_ids)
def test_each_section_has_the_registry_code_and_cardinality(volet: Volet) -> None:
    for spec in volet.sections:
        [use] = _registry_uses(volet, spec)
        registry = SECTIONS[use.kind]
        assert (spec.code, spec.code_system) == (registry.code, registry.code_system), spec.key
        assert (spec.min, spec.max) == (use.min_count, use.max_count), spec.key


@pytest.mark.parametrize("volet", _VOLETS, ids=_ids)
def test_every_registry_section_is_a_validated_section(volet: Volet) -> None:
    kind = DocumentKind(volet.template_id)
    counted = {use.kind for spec in volet.sections for use in _registry_uses(volet, spec)}
    extra = {use.kind for use in DOCUMENTS[kind].sections} - counted
    assert {(kind, section) for section in extra} <= _REGISTRY_ONLY
    assert all(not use.required for use in DOCUMENTS[kind].sections if use.kind in extra)
