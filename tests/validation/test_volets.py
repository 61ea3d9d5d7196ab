"""The volet tables of the validator agree with the DLU registry (``dmpcore.dlu``) that drives the CDA writer.

The validator keeps its own tables (``dmpcore.validation._volets``: sections counted by the templateId
the volet schematron counts, which the registry does not say); these tests keep the facts both hold
(document templateIds and codes, section codes and code systems, cardinalities) the same.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import lxml
import pytest
from lxml import etree

from dmpcore.dlu._registry import DOCUMENTS, SECTIONS, DocumentKind, SectionKind, SectionUse
from dmpcore.validation import VOLETS, Volet
from dmpcore.validation._volets import ANY_CODE_WITH_TWO_TEMPLATES, KIT_SECTION_CODES, KNOWN_SECTION_CODES, SectionSpec

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


_SCH = "{http://purl.oclc.org/dsdl/schematron}"
_PROFILES_WITH_SECTIONS = ("IHE.sch", "CI-SIS_ModelesDeContenusCDA.sch", "CI-SIS_Modeles_ANS.sch")
_CONTEXT = re.compile(r"""^\*\[cda:templateId/@root\s*=\s*["']([\d.]+)["']\]$""")
_CODE_TEST = re.compile(r"""^cda:code\[@(code|codeSystem) = ["']([^"']+)["']\]$""")


def _active_patterns(profile: Path) -> Iterator[etree._Element]:
    """The patterns of the default phase of *profile*, its includes expanded (as the ISO skeleton does)."""
    skeleton = Path(lxml.__file__).parent / "isoschematron" / "resources" / "xsl" / "iso-schematron-xslt1"
    source = etree.parse(str(profile))
    for include in source.iter(f"{_SCH}include"):
        include.set("href", include.get("href", "").replace(" ", "%20"))
    schema = etree.XSLT(etree.parse(str(skeleton / "iso_dsdl_include.xsl")))(source).getroot()
    phase = schema.get("defaultPhase")
    active = {a.get("pattern") for p in schema.iter(f"{_SCH}phase") if p.get("id") == phase for a in p}
    yield from (pattern for pattern in schema.iter(f"{_SCH}pattern") if pattern.get("id") in active)


def _kit_section_checks(kit_dir: Path) -> dict[str, dict[str, set[str]]]:
    """templateId -> {"code": {...}, "codeSystem": {...}, "other": {...}}: what the kit tests of a section's code."""
    checks: dict[str, dict[str, set[str]]] = {}
    for profile in _PROFILES_WITH_SECTIONS:
        for pattern in _active_patterns(kit_dir / "schematrons" / "profils" / profile):
            for rule in pattern.iter(f"{_SCH}rule"):
                context = _CONTEXT.match(" ".join(rule.get("context", "").split()))
                if context is None:
                    continue
                found = checks.setdefault(context.group(1), {"code": set(), "codeSystem": set(), "other": set()})
                for test in (" ".join(a.get("test", "").split()) for a in rule.iter(f"{_SCH}assert")):
                    match = _CODE_TEST.match(test)
                    if match:
                        found[match.group(1)].add(match.group(2))
                    elif test.startswith("cda:code[@code"):
                        found["other"].add(test)
    return checks


@pytest.fixture(scope="module")
def kit_section_checks(kit_dir: Path) -> dict[str, dict[str, set[str]]]:
    return _kit_section_checks(kit_dir)


@pytest.mark.kit
@pytest.mark.parametrize("template_id", sorted(KIT_SECTION_CODES))
def test_the_section_codes_the_kit_checks_are_read_from_the_kit(
    kit_section_checks: dict[str, dict[str, set[str]]], template_id: str
) -> None:
    code, system = KIT_SECTION_CODES[template_id]
    found = kit_section_checks[template_id]
    assert found["codeSystem"] == ({system} if system else set())
    if template_id in ANY_CODE_WITH_TWO_TEMPLATES:  # S_activeProblem.sch: any code with two templateIds
        assert found["code"] == set()
        assert [test for test in found["other"] if f"'{code}'" in test and "$count_templateId >=2" in test]
    else:
        assert found["code"] == {code}


@pytest.mark.kit
def test_the_other_volet_section_codes_are_not_checked_by_the_kit(
    kit_section_checks: dict[str, dict[str, set[str]]],
) -> None:
    """Which is why DLU-SEC-005, that checks them, is marked stricter than the kit."""
    unchecked = set(KNOWN_SECTION_CODES) - set(KIT_SECTION_CODES)
    assert unchecked
    assert all(not any(kit_section_checks.get(t, {}).values()) for t in unchecked)
