"""Every document to_cda writes passes the official ANS pipeline (the oracle) with zero failed asserts."""

from __future__ import annotations

import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import attrs
import pytest
from hypothesis import HealthCheck, Phase, given, settings
from lxml import etree
from tests.strategies import dlu_documents

from dmpcore.cda import from_cda, parse_xml, to_cda
from dmpcore.dlu import SECTIONS, Document, Section, SectionError, SectionKind, example_dlu
from dmpcore.errors import InputError

HL7 = "{urn:hl7-org:v3}"

Oracle = Callable[[Path], dict[str, Any]]


def oracle_sample(profile: settings) -> int:
    """How many generated DLUs go through the oracle (about a second each): a third of the profile's examples."""
    return max(profile.max_examples // 3, 6)


#: under the hypothesis profile in use: 50 under ci (which CI loads), 13 under dev
ORACLE_SAMPLE = oracle_sample(settings.default)


def _check(oracle: Oracle, xml: bytes) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "dlu.xml"
        path.write_bytes(xml)
        result = oracle(path)
    assert result["passed"], result["failures"][:5]


@pytest.mark.kit
@pytest.mark.oracle
def test_the_example_dlu_passes(oracle: Oracle) -> None:
    _check(oracle, to_cda(example_dlu()))


@pytest.mark.kit
@pytest.mark.oracle
def test_the_official_dlu_read_and_written_back_passes(oracle: Oracle, examples_dir: Path) -> None:
    _check(oracle, to_cda(from_cda(examples_dir / "DLU-EHPAD-DLU_2022.01.xml")))


@pytest.mark.kit
@pytest.mark.oracle
@settings(
    max_examples=ORACLE_SAMPLE,
    phases=[Phase.explicit, Phase.generate],  # no shrinking: each example costs an oracle run
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(document=dlu_documents())
def test_generated_dlus_pass(oracle: Oracle, document: Document) -> None:
    """A sample of hypothesis-generated DLUs: 50 under the ci profile (which CI uses), fewer under dev."""
    _check(oracle, to_cda(document))


def test_the_ci_profile_sends_at_least_50_generated_dlus_to_the_oracle() -> None:
    """Issue 5: a sample of at least 50 generated DLUs through the official pipeline in the ci profile."""
    assert oracle_sample(settings.get_profile("ci")) >= 50
    assert oracle_sample(settings.get_profile("dev")) < 50


@pytest.mark.kit
@pytest.mark.oracle
def test_the_kit_refuses_what_dmpcore_refuses_to_write(oracle: Oracle) -> None:
    """Each shape the builder and to_cda refuse fails the official pipeline, with the rule they cite.

    The example is written, then broken by hand: no médecin traitant, and every section whose template
    requires entries emptied.
    """
    root = parse_xml(to_cda(example_dlu())).getroot()
    root.remove(root.find(HL7 + "participant"))  # type: ignore[arg-type]
    required = {SECTIONS[kind].code: SECTIONS[kind].entries_required_by for kind in SECTIONS}
    expected = {"Entete_DLU-DLU"}
    for section in root.iter(HL7 + "section"):
        rule = required.get(section.find(HL7 + "code").get("code", ""))  # type: ignore[union-attr]
        if rule:
            for entry in section.findall(HL7 + "entry"):
                section.remove(entry)
            expected.add(rule.split()[-1].removesuffix("_ANS"))
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "dlu.xml"
        path.write_bytes(etree.tostring(root))
        failures = " ".join(str(failure) for failure in oracle(path)["failures"])
    assert {rule for rule in expected if rule not in failures} == set()


@pytest.mark.parametrize("kind", [kind for kind, spec in SECTIONS.items() if spec.entries_required_by])
def test_to_cda_refuses_to_write_a_section_the_kit_refuses_empty(kind: SectionKind) -> None:
    document = example_dlu()
    section = Section(kind=kind)
    with pytest.raises(SectionError, match=SECTIONS[kind].entries_required_by or "") as info:
        to_cda(attrs.evolve(document, sections=(*document.sections, section)))
    assert info.value.code == "dlu.section.empty"


def test_to_cda_refuses_to_write_a_dlu_without_its_attending_physician() -> None:
    document = example_dlu()
    without = attrs.evolve(document, header=attrs.evolve(document.header, attending_physician=None))
    with pytest.raises(InputError, match="médecin traitant") as info:
        to_cda(without)
    assert info.value.code == "dlu.attending_physician"


@pytest.mark.kit
@pytest.mark.oracle
def test_an_edited_official_dlu_still_passes(oracle: Oracle, examples_dir: Path) -> None:
    """Edits regenerate the changed parts (header, allergy section); the result still passes."""
    import attrs

    from dmpcore.codes import Code
    from dmpcore.dlu import Allergy, AllergyKind, SectionKind

    document = from_cda(examples_dir / "DLU-EHPAD-DLU_2022.01.xml")
    allergies = document.section(SectionKind.ALLERGIES)
    assert allergies is not None
    penicillin = Allergy(
        agent=Code(code="J01C", code_system="2.16.840.1.113883.6.73", display="Pénicillines"),
        kind=AllergyKind.DRUG.code(),
    )
    edited_section = attrs.evolve(allergies, entries=(*allergies.entries, penicillin))
    sections = tuple(edited_section if s is allergies else s for s in document.sections)
    header = attrs.evolve(document.header, version=2)
    _check(oracle, to_cda(attrs.evolve(document, header=header, sections=sections)))
