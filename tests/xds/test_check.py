"""check_entry: the metadata must say what the CDA says, and the restrictions obey the deposit rules."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from dmpcore.codes import Code
from dmpcore.visibility import HL7_CONFIDENTIALITY, Policy, Restriction
from dmpcore.xds import PatientId, check_entry, document_entry
from dmpcore.xds import constants as c
from dmpcore.xds._check import _field_problems
from dmpcore.xds._sample import SAMPLE_CDA, sample_cda

#: the sample FLUDT's model templateId, and the FT-SU one it becomes in the tests of unpublished formatCodes
FLUDT_TEMPLATE = b'1.2.250.1.213.1.1.1.23" extension="2022.01"'
FT_SU_TEMPLATE = b'1.2.250.1.213.1.1.1.61" extension="2025.01"'

ON = date(2025, 3, 1)
OTHER = Code(code="X", code_system="1.2.3")


def test_a_faithful_entry_has_no_problem() -> None:
    data = sample_cda()
    assert check_entry(document_entry(data, restrictions={Restriction.MASQUE_PS}), data, deposited_on=ON) == ()


@pytest.mark.kit
@pytest.mark.parametrize(
    "name", ["DLU-EHPAD-DLU_2022.01.xml", "DLU-EHPAD-FLUDT_2022.01.xml", "DLU-EHPAD-FLUDR_2022.01.xml"]
)
def test_official_examples_are_consistent(examples_dir: Path, name: str) -> None:
    entry = document_entry(examples_dir / name)
    assert check_entry(entry, examples_dir / name, deposited_on=ON) == ()


MISMATCHES: list[tuple[str, Any, str]] = [
    ("type_code", Code(code="34133-9", code_system=c.LOINC), "xds.type_code"),  # the 2021 examples' mistake
    ("class_code", OTHER, "xds.class_code"),
    ("format_code", Code(code="urn:asip:ci-sis:dlu:2015", code_system=c.FORMAT_CODE_SYSTEM), "xds.format_code"),
    ("healthcare_facility_type_code", OTHER, "xds.healthcare_facility_type_code"),
    ("practice_setting_code", OTHER, "xds.practice_setting_code"),
    ("patient_id", PatientId(value="279035121518989", root="1.2.250.1.213.1.4.10", type_code="NH"), "xds.patient_id"),
    ("unique_id", "1.2.3", "xds.unique_id"),
    ("creation_time", "20250301093000", "xds.creation_time"),
    ("service_stop_time", None, "xds.service_time"),
    ("hash", "0" * 40, "xds.hash"),
    ("size", 1, "xds.size"),
    ("title", "autre", "xds.title"),
    ("language_code", "en-US", "xds.language_code"),
    ("authors", (), "xds.author"),
    ("confidentiality_codes", (Code(code="R", code_system="2.16.840.1.113883.5.25"),), "xds.confidentiality_code"),
]


@pytest.mark.parametrize(("field", "value", "code"), MISMATCHES)
def test_each_mismatch_is_reported(field: str, value: Any, code: str) -> None:
    data = sample_cda()
    entry = attrs.evolve(document_entry(data), **{field: value})
    problems = check_entry(entry, data, deposited_on=ON)
    assert [(p.code, p.field) for p in problems] == [(code, field)]


def test_displays_do_not_matter() -> None:
    data = sample_cda()
    entry = document_entry(data)
    entry = attrs.evolve(entry, type_code=attrs.evolve(entry.type_code, display="Autre libellé"))
    assert check_entry(entry, data, deposited_on=ON) == ()


def test_unknown_confidentiality_code_is_a_problem() -> None:
    data = sample_cda()
    entry = document_entry(data)
    entry = attrs.evolve(
        entry,
        confidentiality_codes=(*entry.confidentiality_codes, Code(code="SECRET", code_system="1.2.250.1.213.1.1.4.13")),
    )
    problems = check_entry(entry, data, deposited_on=ON)
    assert [p.code for p in problems] == ["xds.confidentiality_code"]
    assert problems[0].basis


@pytest.mark.parametrize(
    ("birth", "restrictions", "secret", "codes"),
    [
        # DOMAIN.md §4.2: INVISIBLE_REPRESENTANTS_LEGAUX only for a minor at the deposit date
        (
            "19850723",
            {Restriction.INVISIBLE_REPRESENTANTS_LEGAUX},
            False,
            ["visibility.invisible_representants_legaux_for_adult"],
        ),
        ("20100101", {Restriction.INVISIBLE_REPRESENTANTS_LEGAUX}, False, []),
        (
            "20070301",
            {Restriction.INVISIBLE_REPRESENTANTS_LEGAUX},
            False,
            ["visibility.invisible_representants_legaux_for_adult"],
        ),
        ("20070302", {Restriction.INVISIBLE_REPRESENTANTS_LEGAUX}, False, []),
        # INVISIBLE_PATIENT with MASQUE_PS is refused by default
        (
            "19850723",
            {Restriction.INVISIBLE_PATIENT, Restriction.MASQUE_PS},
            False,
            ["visibility.invisible_patient_with_masque_ps"],
        ),
        # a minor's secret connection: every deposit carries INVISIBLE_REPRESENTANTS_LEGAUX
        ("20100101", set(), True, ["visibility.secret_connection_without_invisible_rep_legaux"]),
        ("20100101", {Restriction.INVISIBLE_REPRESENTANTS_LEGAUX}, True, []),
    ],
)
def test_deposit_rules_come_from_visibility(
    birth: str, restrictions: set[Restriction], secret: bool, codes: list[str]
) -> None:
    data = sample_cda(birth_time=birth)
    entry = document_entry(data, restrictions=restrictions)
    problems = check_entry(entry, data, deposited_on=ON, secret_connection=secret)
    assert [p.code for p in problems] == codes
    assert all(p.basis for p in problems)


def test_unpublished_format_code_is_the_callers() -> None:
    """DLU-FT-SU: the formatCode is not published; the caller's one is not a mismatch."""
    text = sample_cda().replace(FLUDT_TEMPLATE, FT_SU_TEMPLATE).replace(b"74207-2", b"78341-5")
    mine = Code(code="urn:example:ft-su", code_system=c.FORMAT_CODE_SYSTEM)
    entry = document_entry(text, format_code=mine)
    assert check_entry(entry, text, deposited_on=ON) == ()


def test_type_code_must_fit_the_template() -> None:
    """DOMAIN.md §5: an FT-SU document (templateId ...61) has typeCode 78341-5, not 74207-2."""
    text = sample_cda().replace(FLUDT_TEMPLATE, FT_SU_TEMPLATE)
    entry = document_entry(text, format_code=Code(code="urn:example:ft-su", code_system=c.FORMAT_CODE_SYSTEM))
    assert [(p.code, p.field) for p in check_entry(entry, text, deposited_on=ON)] == [("xds.type_code", "type_code")]


def test_a_tree_is_checked_against_its_serialisation() -> None:
    from dmpcore.cda import parse_xml

    tree = parse_xml(sample_cda())
    entry = document_entry(tree)
    assert check_entry(entry, tree, deposited_on=ON) == ()
    assert [p.code for p in check_entry(entry, sample_cda(), deposited_on=ON)] == ["xds.hash", "xds.size"]


def test_every_field_problem_has_its_reference() -> None:
    """Each field's problem cites the IHE ITI TF-3 section of its attribute (and the CI-SIS volet where it binds)."""
    from dmpcore.xds._check import _FIELDS

    for name, (_, _, basis) in _FIELDS.items():
        assert any(reference.startswith("IHE ITI TF-3 §4.2.3.") for reference in basis), name


@pytest.mark.parametrize(("field", "value", "code"), MISMATCHES)
def test_each_mismatch_names_its_basis(field: str, value: Any, code: str) -> None:
    data = sample_cda()
    entry = attrs.evolve(document_entry(data), **{field: value})
    assert all(problem.basis for problem in check_entry(entry, data, deposited_on=ON))


# --- value sets (JDV of the ANS CI-SIS kit) -----------------------------------------------------

VALUE_SET_CASES = [
    # (text of the sample CDA, replaced by, field, value set)
    ('code="SA17"', 'code="SA99"', "healthcare_facility_type_code", "JDV_J02_XdsHealthcareFacilityTypeCode_CISIS"),
    (
        'codeSystem="1.2.250.1.71.4.2.4"',
        'codeSystem="9.9.9"',
        "healthcare_facility_type_code",
        "JDV_J02_XdsHealthcareFacilityTypeCode_CISIS",
    ),
    ('code="ESSMS"', 'code="NOPE"', "practice_setting_code", "JDV_J04_XdsPracticeSettingCode_CISIS"),
    ('code="G15_10/SM26"', 'code="ZZZ"', "authors", "JDV_J01_XdsAuthorSpecialty_CISIS"),
]


@pytest.mark.parametrize(("old", "new", "field", "value_set"), VALUE_SET_CASES)
def test_codes_outside_their_value_set_are_reported(old: str, new: str, field: str, value_set: str) -> None:
    """The entry says what the CDA says, but the CDA's code is not in the JDV the DMP binds: xds.value_set."""
    assert old in SAMPLE_CDA
    data = SAMPLE_CDA.replace(old, new, 1).encode()
    problems = check_entry(document_entry(data), data, deposited_on=ON)
    assert [(p.code, p.field) for p in problems] == [("xds.value_set", field)]
    assert value_set in problems[0].message
    assert any(value_set in reference for reference in problems[0].basis)


@pytest.mark.parametrize("restriction", [Restriction.MASQUE_PSOCIAL, Restriction.MASQUE_PT], ids=lambda r: r.code)
def test_restrictions_outside_j08_are_reported(restriction: Restriction) -> None:
    """TRE_A07 has MASQUE_PSOCIAL and MASQUE_PT, JDV_J08 (what the DMP accepts) does not."""
    data = sample_cda()
    problems = check_entry(document_entry(data, restrictions={restriction}), data, deposited_on=ON)
    assert [(p.code, p.field) for p in problems] == [("xds.value_set", "confidentiality_codes")]
    assert "JDV_J08" in problems[0].message


def test_a_mismatched_field_is_not_reported_twice() -> None:
    data = sample_cda()
    entry = attrs.evolve(document_entry(data), healthcare_facility_type_code=OTHER)
    assert [p.code for p in check_entry(entry, data, deposited_on=ON)] == ["xds.healthcare_facility_type_code"]


# --- confidentialityCode: ebRIM classifications have no order -----------------------------------


def test_confidentiality_codes_in_any_order_are_the_same() -> None:
    data = sample_cda(birth_time="20100101")
    entry = document_entry(data, restrictions={Restriction.MASQUE_PS, Restriction.INVISIBLE_REPRESENTANTS_LEGAUX})
    codes = entry.confidentiality_codes
    for order in ((codes[0], codes[2], codes[1]), (codes[1], codes[2], codes[0])):
        assert check_entry(attrs.evolve(entry, confidentiality_codes=order), data, deposited_on=ON) == ()


def test_event_codes_in_any_order_are_the_same() -> None:
    """eventCodeList is a list of classifications too: its order carries nothing (ebRIM)."""
    entry = document_entry(sample_cda())
    first, second = Code(code="A", code_system="1.2.3"), Code(code="B", code_system="1.2.3")
    expected = attrs.evolve(entry, event_codes=(first, second))
    assert _field_problems(attrs.evolve(entry, event_codes=(second, first)), expected) == []
    assert [p.code for p in _field_problems(attrs.evolve(entry, event_codes=(first,)), expected)] == ["xds.event_code"]


def test_an_unknown_restriction_code_hides_no_other_problem() -> None:
    data = sample_cda()
    entry = document_entry(data)
    secret = Code(code="SECRET", code_system=Restriction.MASQUE_PS.code_system)
    broken = attrs.evolve(entry, confidentiality_codes=(*entry.confidentiality_codes, secret), size=1)
    assert [p.code for p in check_entry(broken, data, deposited_on=ON)] == ["xds.confidentiality_code", "xds.size"]


@pytest.mark.parametrize(
    "codes",
    [
        ("N", "MASQUE_PS", "MASQUE_PS"),  # a restriction twice
        ("N", "R", "MASQUE_PS"),  # two HL7 codes
        ("MASQUE_PS",),  # no HL7 code
    ],
)
def test_confidentiality_codes_are_compared_as_a_multiset(codes: tuple[str, ...]) -> None:
    data = sample_cda()
    entry = document_entry(data, restrictions={Restriction.MASQUE_PS})
    by_code = {**HL7_CONFIDENTIALITY, **{r.code: r.to_code() for r in Restriction}}
    entry = attrs.evolve(entry, confidentiality_codes=tuple(by_code[code] for code in codes))
    assert "xds.confidentiality_code" in [p.code for p in check_entry(entry, data, deposited_on=ON)]


# --- uniqueId (IHE ITI TF-3 §4.2.3.2.26) ----------------------------------------------------------

OID_64 = "1.2.250.1.999." + "1" * 50
UNIQUE_IDS = [
    # (root, extension, problems): the whole at most 128 bytes. The 64-character OID and 16-character
    # extension of ITI TF-3 are an example only ("e.g."): longer ones pass, as the ANS 2021 examples' do.
    (OID_64, "X" * 16, []),
    (OID_64 + "1", "X" * 33, []),
    (OID_64, "X" * 63, []),  # 64 + 1 + 63 = 128 bytes
    (OID_64, "X" * 64, ["bytes"]),
    (OID_64, "😀" * 16, ["bytes"]),  # 64 + 1 + 16 x 4 bytes = 129
]


@pytest.mark.parametrize(("root", "extension", "broken"), UNIQUE_IDS)
def test_unique_id_length(root: str, extension: str, broken: list[str]) -> None:
    assert len(OID_64) == 64
    data = SAMPLE_CDA.replace(
        '<id root="1.2.250.1.999.1.1" extension="FLUDT-2025-0042"/>', f'<id root="{root}" extension="{extension}"/>'
    ).encode()
    problems = check_entry(document_entry(data), data, deposited_on=ON)
    assert [p.code for p in problems] == ["xds.unique_id_length"] * len(broken)
    assert all(what in p.message for what, p in zip(broken, problems, strict=True))


# --- the platform parameter and the depositor --------------------------------------------------


def test_the_platform_parameter_is_reachable() -> None:
    """cumul-invisible_patient-masque_ps (default false) allows INVISIBLE_PATIENT with MASQUE_PS when true."""
    data = sample_cda()
    entry = document_entry(data, restrictions={Restriction.INVISIBLE_PATIENT, Restriction.MASQUE_PS})
    assert [p.code for p in check_entry(entry, data, deposited_on=ON)] == [
        "visibility.invisible_patient_with_masque_ps"
    ]
    assert check_entry(entry, data, deposited_on=ON, policy=Policy(cumul_invisible_patient_masque_ps=True)) == ()


AUTHOR_ID = '<assignedAuthor>\n      <id root="1.2.250.1.71.4.2.1" extension="801234567897"/>'


AUTHOR_ORGANISATION_ID = (
    '<id root="1.2.250.1.71.4.2.2" extension="1990000001"/>\n        <name>EHPAD DES EXEMPLES</name>'
)


@pytest.mark.parametrize(
    ("author_id", "organisation_id"),
    [('<id nullFlavor="UNK"/>', True), ("", True), ("", False)],
    ids=["unknown id", "no id", "no id, organisation without id"],
)
def test_a_professional_without_id_is_not_the_patient(author_id: str, organisation_id: bool) -> None:
    """An author who is an assignedPerson of an organisation deposits as a professional, whatever its id."""
    assert AUTHOR_ID in SAMPLE_CDA
    assert AUTHOR_ORGANISATION_ID in SAMPLE_CDA
    text = SAMPLE_CDA.replace(AUTHOR_ID, f"<assignedAuthor>\n      {author_id}")
    if not organisation_id:  # the author's organisation only: the performer keeps its id
        text = text.replace(AUTHOR_ORGANISATION_ID, "<name>EHPAD DES EXEMPLES</name>", 1)
    data = text.encode()
    entry = document_entry(data, restrictions={Restriction.INVISIBLE_PATIENT})
    assert check_entry(entry, data, deposited_on=ON) == ()


def test_a_deposit_by_the_patient_cannot_be_invisible_to_the_patient() -> None:
    data = sample_cda()
    entry = document_entry(data, restrictions={Restriction.INVISIBLE_PATIENT})
    assert check_entry(entry, data, deposited_on=ON) == ()
    assert [p.code for p in check_entry(entry, data, deposited_on=ON, by_patient=True)] == [
        "visibility.patient_document_invisible_to_patient"
    ]


@given(st.permutations(list(Restriction)[:3]))
def test_the_order_of_the_restrictions_never_matters(order: list[Restriction]) -> None:
    """ebRIM classifications have no order: any order of the HL7 code and the restrictions is the same entry."""
    data = sample_cda(birth_time="20100101")
    entry = document_entry(data, restrictions={Restriction.MASQUE_PS, Restriction.INVISIBLE_REPRESENTANTS_LEGAUX})
    codes = (*(r.to_code() for r in order if r is not Restriction.INVISIBLE_PATIENT), HL7_CONFIDENTIALITY["N"])
    shuffled = attrs.evolve(entry, confidentiality_codes=codes)
    assert check_entry(shuffled, data, deposited_on=ON) == check_entry(entry, data, deposited_on=ON) == ()


# --- model versions (DOMAIN.md §5: the DMP takes the 2022.01 models, coded 74207-2) ----------------


@pytest.mark.kit
@pytest.mark.parametrize("name", ["DLU-DLU_2021.01.xml", "DLU-FLUDT_2021.01.xml", "DLU-FLUDR_2021.01.xml"])
def test_a_2021_document_must_be_reissued_before_deposit(kit_dir: Path, name: str) -> None:
    """dmpcore reads a 2021.01 document and writes it back as it is, but its deposit is refused: one
    problem that names the version, not a typeCode disagreement (its 34133-9 is its own CDA code)."""
    path = kit_dir.parent / "kit-2021" / "ExemplesCDA" / name
    entry = document_entry(path)
    assert entry.type_code.code == "34133-9"
    problems = check_entry(entry, path, deposited_on=ON)
    assert [p.code for p in problems] == ["xds.model_version"]
    assert "2021.01" in problems[0].message
    assert "2022.01" in problems[0].message
