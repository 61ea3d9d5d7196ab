"""Every document to_cda writes passes the official ANS pipeline (the oracle) with zero failed asserts."""

from __future__ import annotations

import datetime as dt
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
from dmpcore.codes import Code
from dmpcore.dlu import SECTIONS, AdvanceDirective, Document, Section, SectionError, SectionKind, example_dlu
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
    emptied = tuple(Section(kind=kind) if isinstance(s, Section) and s.kind is kind else s for s in document.sections)
    with pytest.raises(SectionError, match=SECTIONS[kind].entries_required_by or "") as info:
        to_cda(attrs.evolve(document, sections=emptied))
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


# --- what the kit refuses beyond a single field: value sets, section counts, time order (audit variants3.py) ------


def _replace(document: Document, kind: SectionKind, edit: Callable[[Section], Section]) -> Document:
    return attrs.evolve(
        document, sections=tuple(edit(s) if isinstance(s, Section) and s.kind is kind else s for s in document.sections)
    )


def _first_entry(section: SectionKind, **changes: object) -> Callable[[Document], Document]:
    return lambda d: _replace(
        d, section, lambda s: attrs.evolve(s, entries=(attrs.evolve(s.entries[0], **changes), *s.entries[1:]))
    )


_SNOMED = "2.16.840.1.113883.6.96"
_DALG = Code(code="DALG", code_system="2.16.840.1.113883.5.4", display="Allergie médicamenteuse")
_INVISIBLE = Code(code="INVISIBLE_PATIENT", code_system="1.2.250.1.213.1.1.4.13", display="Non visible par le patient")
WRITE_REFUSED: dict[str, tuple[Callable[[Document], Document], str]] = {
    "an allergy kind of HL7 ActCode (2021 style)": (_first_entry(SectionKind.ALLERGIES, kind=_DALG), "dlu.valueset"),
    "a SNOMED CT allergy kind outside the JDV": (
        _first_entry(SectionKind.ALLERGIES, kind=attrs.evolve(_DALG, code="22298006", code_system=_SNOMED)),
        "dlu.valueset",
    ),
    "an observation outside JDV_ObservationEtatPatient": (
        _first_entry(SectionKind.EVENT_OUTCOMES, code=Code(code="X1", code_system="1.2.3", display="x")),
        "dlu.valueset",
    ),
    "a checklist item outside JDV_ChecklistDLU": (
        _first_entry(SectionKind.ATTACHED_DOCUMENTS, document_type=Code(code="ZZZ", code_system="1.2.3")),
        "dlu.valueset",
    ),
    "a DMP restriction as the CDA confidentiality": (
        lambda d: attrs.evolve(d, header=attrs.evolve(d.header, confidentiality=_INVISIBLE)),
        "dlu.confidentiality",
    ),
    "no advance directives section": (
        lambda d: attrs.evolve(
            d, sections=tuple(s for s in d.sections if getattr(s, "kind", None) is not SectionKind.ADVANCE_DIRECTIVES)
        ),
        "dlu.section.count",
    ),
    "two dispositions sections": (
        lambda d: attrs.evolve(d, sections=(d.sections[0], *d.sections)),
        "dlu.section.count",
    ),
    "two allergy sections": (lambda d: attrs.evolve(d, sections=(*d.sections, d.sections[3])), "dlu.section.count"),
}


@pytest.mark.parametrize("shape", sorted(WRITE_REFUSED))
def test_to_cda_refuses_what_the_kit_refuses(shape: str) -> None:
    edit, code = WRITE_REFUSED[shape]
    document = edit(example_dlu())
    with pytest.raises(InputError) as info:
        to_cda(document)
    assert info.value.code == code
    assert isinstance(info.value, ValueError)


@pytest.mark.parametrize(
    "shape", [s for s in sorted(WRITE_REFUSED) if WRITE_REFUSED[s][1] in ("dlu.valueset", "dlu.confidentiality")]
)
def test_the_builder_refuses_codes_outside_their_value_sets(shape: str) -> None:
    """Document.dlu refuses them too: the error comes when the document is built, not when it is written."""
    edited = WRITE_REFUSED[shape][0](example_dlu())
    by_kind = {s.kind: s for s in edited.sections if isinstance(s, Section)}
    parts = {
        "header": edited.header,
        "preferred_hospital": by_kind[SectionKind.DISPOSITIONS].entries[0],
        "treatments": by_kind[SectionKind.TREATMENTS].entries,
        "advance_directive": by_kind[SectionKind.ADVANCE_DIRECTIVES].entries[0],
        "observations": by_kind[SectionKind.EVENT_OUTCOMES].entries,
        "multi_resistant_bacteria": by_kind[SectionKind.CODED_RESULTS].entries[1],
        "attached_documents": by_kind[SectionKind.ATTACHED_DOCUMENTS].entries,
        "allergies": by_kind[SectionKind.ALLERGIES].entries,
    }
    with pytest.raises(InputError) as info:
        Document.dlu(**parts)  # type: ignore[arg-type]
    assert info.value.code == WRITE_REFUSED[shape][1]


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"encounter_start": example_dlu().header.effective_time + dt.timedelta(days=3)}, "encounter_end"),
        ({"service_end": example_dlu().header.effective_time - dt.timedelta(days=3)}, "service_end"),
        (
            {
                "encounter_start": dt.datetime(2026, 3, 2, 11, 0),  # no zone: in the zone of the other, 10:30+01:00
                "encounter_end": dt.datetime(2026, 3, 2, 10, 30, tzinfo=dt.timezone(dt.timedelta(hours=1))),
            },
            "encounter_end",
        ),
    ],
)
def test_a_header_refuses_times_out_of_order(changes: dict[str, object], field: str) -> None:
    """dtr1-7: an IVL_TS's low is not after its high, as written (encounter_end None: effective_time)."""
    with pytest.raises(InputError, match="dtr1-7") as info:
        attrs.evolve(example_dlu().header, **changes)
    assert info.value.code == "dlu.time.order"
    assert f"field: {field}" in getattr(info.value, "__notes__", [])


def _breaking_the_kit(*, order: bool) -> bytes:
    """The example written, then given by hand what WRITE_REFUSED lists (and an encounter out of order)."""
    root = parse_xml(to_cda(example_dlu())).getroot()

    def section(code: str) -> etree._Element:
        return next(s for s in root.iter(HL7 + "section") if s.find(HL7 + "code").get("code") == code)  # type: ignore[union-attr]

    for element, code, system in (
        (section("48765-2").find(f".//{HL7}observation/{HL7}code"), "DALG", "2.16.840.1.113883.5.4"),
        (section("42545-4").find(f"{HL7}entry/{HL7}observation/{HL7}code"), "X1", "1.2.3"),
        (section("55107-7").find(f".//{HL7}observation/{HL7}value"), "ZZZ", "1.2.3"),
        (root.find(HL7 + "confidentialityCode"), "INVISIBLE_PATIENT", "1.2.250.1.213.1.1.4.13"),
    ):
        assert element is not None
        element.set("code", code)
        element.set("codeSystem", system)
    if order:
        times = root.find(f"{HL7}componentOf/{HL7}encompassingEncounter/{HL7}effectiveTime")
        assert times is not None
        times.insert(0, etree.Element(HL7 + "low", value="20270101000000+0100"))
    body = root.find(f"{HL7}component/{HL7}structuredBody")
    assert body is not None
    body.remove(section("42348-3").getparent())  # type: ignore[arg-type]
    extra = etree.fromstring(etree.tostring(section("11302-7").getparent()))
    for content in extra.iter(HL7 + "content"):  # its narrative IDs made unique (xs:ID)
        content.set("ID", content.get("ID", "") + "-bis")
    body.insert(0, extra)
    return etree.tostring(root)


@pytest.mark.kit
@pytest.mark.oracle
def test_the_kit_refuses_the_codes_counts_and_order_dmpcore_refuses(oracle: Oracle) -> None:
    """Each shape to_cda refuses above fails the official pipeline, with the rule dmpcore cites."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "dlu.xml"
        path.write_bytes(_breaking_the_kit(order=True))
        failures = " ".join(str(failure) for failure in oracle(path)["failures"])
    for rule in (
        "E_AllergiesAndIntolerances_fr",
        "jdv-type-evenement-indesirable-previsible-cisis",
        "jdv-observation-etat-patient-cisis",
        "jdv-checklist-dlu-cisis",
        "x_BasicConfidentialityKind",
        "dtr1-7-IVL_TS",
        'La section "Dispositions : Etablissement de santé de préférence" doit être présente une fois',
        'La section "Directives anticipees : Soins palliatifs / Directives anticipées" doit être présente une fois',
    ):
        assert rule in failures, rule


def _official_with_unknown(examples_dir: Path, path: str) -> Document:
    """The official DLU with the time at *path* given as ``nullFlavor="UNK"`` (audit 5c mt_timeunk, la_unk)."""
    root = parse_xml(examples_dir / "DLU-EHPAD-DLU_2022.01.xml").getroot()
    time = root.find(path)
    assert time is not None
    time.clear(keep_tail=True)
    time.set("nullFlavor", "UNK")
    return from_cda(etree.tostring(root))


@pytest.mark.kit
@pytest.mark.oracle
def test_an_unknown_participation_start_is_written_unknown_and_passes(oracle: Oracle, examples_dir: Path) -> None:
    document = _official_with_unknown(examples_dir, f"{HL7}participant[@typeCode='INF']/{HL7}time")
    physician = document.header.attending_physician
    assert physician is not None
    renamed = attrs.evolve(physician, name=attrs.evolve(physician.name, family="AUTRE"))
    xml = to_cda(attrs.evolve(document, header=attrs.evolve(document.header, attending_physician=renamed)))
    assert b'<time nullFlavor="UNK"/><associatedEntity' in xml
    _check(oracle, xml)


@pytest.mark.kit
@pytest.mark.oracle
def test_the_kit_refuses_an_unknown_signature_time_that_to_cda_refuses(oracle: Oracle, examples_dir: Path) -> None:
    """structuration minimale: legalAuthenticator/time/@value SHALL be present; dmpcore refuses to make it up."""
    document = _official_with_unknown(examples_dir, f"{HL7}legalAuthenticator/{HL7}time")
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "dlu.xml"
        path.write_bytes(to_cda(document))  # unchanged: the header as read
        failures = " ".join(str(failure) for failure in oracle(path)["failures"])
    assert "(CI-SIS legalAuthenticator): attribute @value SHALL be present" in failures
    with pytest.raises(InputError) as info:
        to_cda(attrs.evolve(document, header=attrs.evolve(document.header, origin=None)))
    assert info.value.code == "dlu.time.unknown"


def test_from_cda_reads_what_to_cda_refuses_to_write() -> None:
    """Decision: reading is lenient about the kit's value sets and section counts (the document can be inspected
    and mended); what is written back unchanged is the source's, what is rewritten is checked."""
    document = from_cda(_breaking_the_kit(order=False))
    assert document.missing_sections() == [SectionKind.ADVANCE_DIRECTIVES]
    with pytest.raises(SectionError) as info:
        to_cda(document)
    assert info.value.code == "dlu.section.count"
    assert "ADVANCE_DIRECTIVES is missing" in str(info.value)
    assert "DISPOSITIONS is held 2 times" in str(info.value)
    mended = attrs.evolve(
        document,
        sections=(
            *document.sections[1:],
            Section(kind=SectionKind.ADVANCE_DIRECTIVES, entries=(AdvanceDirective(exists=True),)),
        ),
        header=attrs.evolve(document.header, confidentiality=example_dlu().header.confidentiality),
    )
    written = to_cda(mended)  # the allergy, observation and checklist item unchanged: written as read
    assert b'code="DALG"' in written
    (allergy,) = mended.allergies
    retyped = _replace(
        mended,
        SectionKind.ALLERGIES,
        lambda s: attrs.evolve(s, entries=(attrs.evolve(allergy, start=dt.date(2001, 1, 1)),)),
    )
    with pytest.raises(InputError) as refused:
        to_cda(retyped)
    assert refused.value.code == "dlu.valueset"


@pytest.mark.kit
def test_the_allergy_types_are_those_of_the_kit(kit_dir: Path) -> None:
    """dlu._conformance.ALLERGY_TYPES is the kit's JDV_TypeEvenementIndesirablePrevisible (SNOMED CT)."""
    from dmpcore.dlu._conformance import ALLERGY_TYPES

    root = parse_xml(kit_dir / "jeuxDeValeurs" / "jdv-type-evenement-indesirable-previsible-cisis.xml").getroot()
    concepts = list(root.iter("{urn:ihe:iti:svs:2008}Concept"))
    assert {c.get("codeSystem") for c in concepts} == {_SNOMED}
    assert {c.get("code") for c in concepts} == ALLERGY_TYPES
