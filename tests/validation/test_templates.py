"""The rules restated from the kit's schematrons (header, entries, sections): each fires where the kit does."""

from __future__ import annotations

import copy
from pathlib import Path

import pytest
from lxml import etree
from tests.validation import corpus

from dmpcore.cda import parse_xml
from dmpcore.validation import RULES, validate
from dmpcore.validation._header import BINDINGS
from dmpcore.validation._requirements import Requirement, closed
from dmpcore.validation._rules_datatypes import _ii_problems, _telecom_problems

_ROUND2 = dict(corpus.ROUND2)
_DLU = "DLU-EHPAD-DLU_2022.01.xml"
_FLUDT = "DLU-EHPAD-FLUDT_2022.01.xml"

# (mutation of the second audit, example, the rule that says what the kit says): the kit rejects each
_HEADER_CASES = [
    ("author-code-bad", _DLU, "HDR-031"),  # JDV_J01
    ("author-sic-bad", _FLUDT, "HDR-031"),  # JDV_J04
    ("serviceEvent-sic-bad", _DLU, "HDR-031"),
    ("encounter-code-bad", _FLUDT, "HDR-031"),  # JDV_J142
    ("informant-code-bad", _DLU, "HDR-031"),  # JDV_J11
    ("participant-typeCode-IND", _FLUDT, "HDR-031"),  # JDV_J144
    ("author-id-no-extension", _DLU, "HDR-032"),
    ("author-id-nullFlavor", _FLUDT, "HDR-032"),
    ("legal-id-nullFlavor", _DLU, "HDR-032"),
    ("participant-time-removed", _DLU, "HDR-032"),
    ("serviceEvent-low-removed", _FLUDT, "HDR-032"),
    ("patient-two-names", _DLU, "HDR-032"),
    ("birthTime-nullFlavor", _FLUDT, "HDR-032"),
    ("ins-nullFlavor", _DLU, "HDR-033"),  # the closed patientRole: id[not(@nullFlavor)]
    ("maritalStatus", _FLUDT, "HDR-033"),
    ("relatedDocument-RPLC", _DLU, "HDR-033"),
    ("serviceEvent-performer-typeCode", _FLUDT, "HDR-033"),
    ("telecom-empty", _DLU, "HDR-030"),
    ("telecom-no-scheme", _FLUDT, "HDR-030"),
    ("telecom-spaces", _DLU, "HDR-030"),
    ("id-root-uuid-lower", _FLUDT, "HDR-028"),  # dtr1-13-II
    ("volet-templateId-dup", _DLU, "HDR-028"),  # dtr1-12-II, RIM-002
    ("birthplace-removed", _FLUDT, "ID-INS-002"),
    ("birthplace-county-removed", _DLU, "ID-INS-002"),
]


_FTSU = "DLU-FT-SU_2025.01.xml"
_FRSU = "DLU-FR-SU_2025.01.xml"
_FLUDR = "DLU-EHPAD-FLUDR_2022.01.xml"
# (mutation of the second audit, example, the rule that says what the kit says): the kit rejects each
_ENTRY_CASES = [
    ("entry-effectiveTime-removed", _FTSU, "ENT-001"),  # E_simpleObservation_int
    ("entry-id-removed", _DLU, "ENT-001"),  # E_disposition_fr: count(id) = 1
    ("entry-id-removed", _FLUDT, "ENT-001"),
    ("entry-text-removed", _FRSU, "ENT-001"),
    ("entry-statusCode-active", _FLUDT, "ENT-002"),
    ("entry-statusCode-bad", _FTSU, "ENT-002"),
    ("entry-statusCode-removed", _FLUDR, "ENT-002"),
    ("vital-organizer-statusCode", _DLU, "ENT-002"),  # E_organizerDocumentAttache_ANS
    ("observation-moodCode-INT", _FRSU, "ENT-003"),
    ("entry-value-no-codeSystem", _DLU, "ENT-004"),  # E_problemEntry_int
    ("entryRelationship-removed", _FLUDR, "ENT-005"),  # E_concernEntry_int
    ("organizer-component-removed-all", _FLUDT, "ENT-005"),  # E_vitalSignsOrganizer_int
    ("observationMedia-no-representation", _DLU, "ENT-005"),
    ("entry-reference-external", _DLU, "ENT-005"),  # E_directiveAnticipee_int
    ("vital-code-bad", _DLU, "ENT-001"),  # E_typeDocumentAttache_ANS: code 69764-9
    ("pq-unit-removed", _FLUDT, "ENT-006"),  # E_vitalSignsObservation_int: /min
    ("pq-unit-bad", _FTSU, "TERM-002"),  # not a UCUM unit
    ("entry-value-code-bad", _FRSU, "TERM-001"),  # not a CIM-10 code
    ("vital-code-bad", _FLUDT, "DLU-VS-001"),  # JDV_vitalSignCode
    ("substanceAdmin-route-bad", _DLU, "DLU-VS-001"),  # JDV_substanceAdministration_ImmunizationRouteCodes
    ("entry-templateId-removed-all", _FLUDT, "DLU-SEC-006"),  # S_codedEventOutcome: simple observations
    ("section-id-removed", _FTSU, "DLU-SEC-006"),  # S_protheseEtObjetPersonnel_ANS: count(id) = 1
]


@pytest.mark.kit
@pytest.mark.parametrize(("mutation", "filename", "rule_id"), _ENTRY_CASES)
def test_each_entry_rule_fires_where_the_kit_does(kit_dir: Path, mutation: str, filename: str, rule_id: str) -> None:
    found = _report(kit_dir, filename, _ROUND2[mutation])
    assert rule_id in found
    assert not RULES[rule_id].stricter


@pytest.mark.kit
@pytest.mark.parametrize("filename", [_DLU, _FLUDT, _FTSU])
@pytest.mark.parametrize("mutation", ["entry-second-copy", "entry-negation-true", "section-title-empty"])
def test_what_the_kit_accepts_in_entries_is_accepted(kit_dir: Path, filename: str, mutation: str) -> None:
    assert _report(kit_dir, filename, _ROUND2[mutation]) == set()


@pytest.mark.kit
def test_a_lower_case_uuid_in_an_entry_is_a_stricter_warning(kit_dir: Path) -> None:
    tree = copy.deepcopy(corpus.base_tree(kit_dir, _FTSU))
    assert _ROUND2["entry-uuid-lower"](tree)
    report = validate(etree.tostring(tree))
    assert report.ok
    assert {issue.rule_id for issue in report.warnings} >= {"HDR-029"}
    assert RULES["HDR-029"].stricter


def _report(kit_dir: Path, filename: str, mutation: corpus.Mutation) -> set[str]:
    tree = copy.deepcopy(corpus.base_tree(kit_dir, filename))
    assert mutation(tree), "the mutation must apply"
    return {issue.rule_id for issue in validate(etree.tostring(tree)).errors}


@pytest.mark.kit
@pytest.mark.parametrize(("mutation", "filename", "rule_id"), _HEADER_CASES)
def test_each_header_rule_fires_where_the_kit_does(kit_dir: Path, mutation: str, filename: str, rule_id: str) -> None:
    found = _report(kit_dir, filename, _ROUND2[mutation])
    assert rule_id in found
    assert not RULES[rule_id].stricter


@pytest.mark.kit
@pytest.mark.parametrize(
    "mutation",
    ["ipp-only", "effectiveTime-tz-neg", "telecom-mailto-no-at", "author-time-date-only", "dataEnterer-added"],
)
def test_what_the_kit_accepts_in_the_header_is_accepted(kit_dir: Path, mutation: str) -> None:
    assert _report(kit_dir, _DLU, _ROUND2[mutation]) == set()


@pytest.mark.kit
@pytest.mark.parametrize(("value_set", "name"), sorted({vs for _, _, vs in BINDINGS}))
def test_the_header_value_sets_are_those_the_kit_checks(kit_dir: Path, value_set: str, name: str) -> None:
    """The structuration minimale reads its own copy (include/voc-OID-DYNAMIC.xml), by code."""
    from dmpcore.valuesets import value_set as shipped

    voc = kit_dir / "schematrons/profils/structurationMinimale/include" / f"voc-{value_set}-DYNAMIC.xml"
    kit = {concept.get("code") for concept in parse_xml(voc).iter("concept")}
    assert {member.code for member in shipped(value_set)} == kit, name


def _telecom(**attributes: str) -> etree._Element:
    return etree.Element("{urn:hl7-org:v3}telecom", attributes)


@pytest.mark.parametrize(
    ("attributes", "faults"),
    [
        ({"value": "tel:+33144534551", "use": "WP"}, 0),
        ({"value": "mailto:a@b.fr"}, 0),
        ({"nullFlavor": "UNK"}, 0),
        ({"nullFlavor": "UNK", "use": "H"}, 1),  # the kit wants the nullFlavor alone
        ({"nullFlavor": "OTH"}, 1),
        ({"value": "0144534551"}, 1),  # no scheme
        ({"value": ""}, 1),  # empty
        ({"value": "tel:01 44 53 45 51"}, 1),  # dtr1-2-URL: iri-to-uri would escape the blanks
        ({"value": "tel:"}, 1),  # nothing after the scheme
        ({"value": "sip:a@b.fr"}, 1),
        ({"value": "tel:0144534551", "use": "XX"}, 1),
        ({}, 2),  # neither @value nor @nullFlavor
    ],
)
def test_telecoms_as_the_kit_tests_them(attributes: dict[str, str], faults: int) -> None:
    assert len(list(_telecom_problems(_telecom(**attributes)))) == faults


@pytest.mark.parametrize(
    ("attributes", "rules"),
    [
        ({"root": "1.2.250.1.213.1.1.9"}, []),
        ({"root": "8F14E45F-CEEA-467A-9AF0-0123456789AB"}, []),
        ({"root": "8f14e45f-ceea-467a-9af0-0123456789ab"}, ["dtr1-13-II"]),
        ({"nullFlavor": "NI"}, []),
        ({"extension": "1"}, ["dtr1-1-II"]),
        ({"root": "1.2.3", "nullFlavor": "NI"}, ["dtr1-2-II"]),
        ({"root": "not an oid"}, ["dtr1-10-II"]),
        ({"root": "abc-def"}, ["dtr1-10-II", "dtr1-10a-II"]),
    ],
)
def test_identifiers_as_the_kit_tests_them(attributes: dict[str, str], rules: list[str]) -> None:
    element = etree.Element("{urn:hl7-org:v3}id", attributes)
    assert [fault for fault, _, _ in _ii_problems(element)] == rules


def test_identifiers_are_distinct_among_their_siblings() -> None:
    """dtr1-12-II: same root and same (or no) extension twice."""
    parent = etree.Element("{urn:hl7-org:v3}x")
    first = etree.SubElement(parent, "{urn:hl7-org:v3}templateId", root="1.2.3", extension="2022.01")
    etree.SubElement(parent, "{urn:hl7-org:v3}templateId", root="1.2.3", extension="2025.01")
    assert "dtr1-12-II" not in [fault for fault, _, _ in _ii_problems(first)]
    etree.SubElement(parent, "{urn:hl7-org:v3}templateId", root="1.2.3", extension="2022.01")
    assert "dtr1-12-II" in [fault for fault, _, _ in _ii_problems(first)]


def test_a_requirement_has_one_context() -> None:
    with pytest.raises(ValueError, match="not both"):
        Requirement(rule="X", test="id", en="", fr="", source="", template="1.2", path="a")
    with pytest.raises(ValueError, match="not both"):
        Requirement(rule="X", test="id", en="", fr="", source="")


def test_a_closed_template_names_what_it_allows() -> None:
    row = closed("X", "a/b", "id[not(@nullFlavor)] | sdtc:x", "kit")
    assert row.test == "not(*[not(@xsi:nil = 'true')][not(self::id[not(@nullFlavor)] | self::sdtc:x)])"
    assert row.en == "holds only id, sdtc:x"
