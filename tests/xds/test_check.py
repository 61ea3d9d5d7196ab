"""check_entry: the metadata must say what the CDA says, and the restrictions obey the deposit rules."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import attrs
import pytest

from dmpcore.codes import Code
from dmpcore.visibility import Restriction
from dmpcore.xds import PatientId, check_entry, document_entry
from dmpcore.xds import constants as c
from dmpcore.xds._sample import sample_cda

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
    assert [p.code for p in check_entry(entry, data, deposited_on=ON)] == ["xds.confidentiality_code"]


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
    text = sample_cda().replace(b"1.2.250.1.213.1.1.1.23", b"1.2.250.1.213.1.1.1.61").replace(b"74207-2", b"78341-5")
    mine = Code(code="urn:example:ft-su", code_system=c.FORMAT_CODE_SYSTEM)
    entry = document_entry(text, format_code=mine)
    assert check_entry(entry, text, deposited_on=ON) == ()


def test_type_code_must_fit_the_template() -> None:
    """DOMAIN.md §5: an FT-SU document (templateId ...61) has typeCode 78341-5, not 74207-2."""
    text = sample_cda().replace(b"1.2.250.1.213.1.1.1.23", b"1.2.250.1.213.1.1.1.61")
    entry = document_entry(text, format_code=Code(code="urn:example:ft-su", code_system=c.FORMAT_CODE_SYSTEM))
    assert [(p.code, p.field) for p in check_entry(entry, text, deposited_on=ON)] == [("xds.type_code", "type_code")]


def test_a_tree_is_checked_against_its_serialisation() -> None:
    from dmpcore.cda import parse_xml

    tree = parse_xml(sample_cda())
    entry = document_entry(tree)
    assert check_entry(entry, tree, deposited_on=ON) == ()
    assert [p.code for p in check_entry(entry, sample_cda(), deposited_on=ON)] == ["xds.hash", "xds.size"]
