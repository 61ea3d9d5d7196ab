"""document_entry reads every value from the CDA (DOMAIN.md §5)."""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from datetime import date
from pathlib import Path

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st
from tests.strategies import valid_ins_values

from dmpcore.cda import parse_xml, to_cda
from dmpcore.codes import Code
from dmpcore.dlu import Document, example_dlu, example_fludr, example_fludt
from dmpcore.errors import CdaParseError, InvalidIdentifier
from dmpcore.oids import INS_ROOTS
from dmpcore.visibility import Restriction
from dmpcore.xds import MetadataError, check_entry, document_entry, read_xdm, write_xdm
from dmpcore.xds import constants as c
from dmpcore.xds._hl7v2 import to_cx
from dmpcore.xds._sample import SAMPLE_CDA, sample_cda

OFFICIAL = {
    "DLU-EHPAD-DLU_2022.01.xml": ("74207-2", "urn:asip:ci-sis:dlu:2015", "SA17"),
    "DLU-EHPAD-FLUDT_2022.01.xml": ("74207-2", "urn:asip:ci-sis:fludt:2017", "SA17"),
    "DLU-EHPAD-FLUDR_2022.01.xml": ("74207-2", "urn:asip:ci-sis:fludr:2017", "SA01"),
    "DLU-FT-SU_2025.01.xml": ("78341-5", None, "SA17"),
    "DLU-FR-SU_2025.01.xml": ("60280-5", None, "SA01"),
}
PROVISIONAL = Code(code="urn:example:provisional", code_system=c.FORMAT_CODE_SYSTEM)


@pytest.mark.kit
@pytest.mark.parametrize(("name", "expected"), OFFICIAL.items())
def test_official_examples(examples_dir: Path, name: str, expected: tuple[str, str | None, str]) -> None:
    type_code, format_code, facility = expected
    path = examples_dir / name
    entry = document_entry(path, format_code=None if format_code else PROVISIONAL)
    assert entry.type_code.code == type_code
    assert entry.type_code.code_system == c.LOINC
    assert entry.format_code.code == (format_code or PROVISIONAL.code)
    assert entry.class_code == c.CLASS_CODE_SYNTHESE
    assert entry.healthcare_facility_type_code.code == facility
    assert entry.patient_id.value == "279035121518989"
    assert entry.patient_id.root == "1.2.250.1.213.1.4.10"  # the root of the INS used: the test root
    assert entry.source_patient_id.type_code == "PI"
    assert [code.code for code in entry.confidentiality_codes] == ["N"]
    assert entry.language_code == "fr-FR"
    data = path.read_bytes()
    assert (entry.hash, entry.size) == (hashlib.sha1(data).hexdigest(), len(data))
    assert entry.authors
    assert entry.authors[0].specialties[0].code == "G15_10/SM26"


@pytest.mark.kit
@pytest.mark.parametrize("name", ["DLU-FT-SU_2025.01.xml", "DLU-FR-SU_2025.01.xml"])
def test_unpublished_format_code_must_be_given(examples_dir: Path, name: str) -> None:
    with pytest.raises(MetadataError) as caught:
        document_entry(examples_dir / name)
    assert caught.value.code == "xds.format_code"


@pytest.mark.kit
def test_times_are_utc(examples_dir: Path) -> None:
    """IHE ITI TF-3 §4.2.3.1.7: XDS times are UTC; the DLU example's 15:35+0100 is 14:35Z."""
    entry = document_entry(examples_dir / "DLU-EHPAD-DLU_2022.01.xml")
    assert entry.creation_time == "20200327143500"
    assert (entry.service_start_time, entry.service_stop_time) == ("20200327143500", "20200327145500")


def test_sample_values() -> None:
    entry = document_entry(sample_cda(), restrictions={Restriction.INVISIBLE_PATIENT, Restriction.MASQUE_PS})
    assert entry.unique_id == "1.2.250.1.999.1.1^FLUDT-2025-0042"
    assert [code.code for code in entry.confidentiality_codes] == ["N", "MASQUE_PS", "INVISIBLE_PATIENT"]
    assert entry.restrictions == {Restriction.INVISIBLE_PATIENT, Restriction.MASQUE_PS}
    assert entry.practice_setting_code.code == "ESSMS"
    assert [(n.family, n.type_code) for n in entry.source_patient_info.names] == [("EXEMPLE", "L"), ("MARTIN", "D")]
    assert entry.source_patient_info.birth_time == "19850723"
    assert entry.event_codes[0].code == "28651-8"
    assert entry.authors[0].institutions[0].name == "EHPAD DES EXEMPLES"


@pytest.mark.parametrize("form", ["bytes", "str", "path", "tree", "element"])
def test_every_source_form_gives_the_same_codes(form: str, tmp_path: Path) -> None:
    data = sample_cda()
    path = tmp_path / "cda.xml"
    path.write_bytes(data)
    tree = parse_xml(data)
    source = {"bytes": data, "str": SAMPLE_CDA, "path": path, "tree": tree, "element": tree.getroot()}[form]
    entry = document_entry(source)
    assert entry.type_code.code == "74207-2"
    assert entry.patient_id.value == "285077512345655"


def test_raw_bytes_are_hashed_as_given() -> None:
    data = sample_cda()
    assert document_entry(data).hash == hashlib.sha1(data).hexdigest()


BROKEN = [
    ("1.2.250.1.213.1.1.1.23", "1.2.250.1.213.1.1.1.99", MetadataError, "xds.model"),
    (
        'root="1.2.250.1.213.1.4.10" extension="285077512345655"',
        'root="1.2.3" extension="1"',
        MetadataError,
        "xds.missing",
    ),
    ("285077512345655", "285077512345654", InvalidIdentifier, "ins.checksum"),
    (
        '<effectiveTime value="20250301093000+0100"/>\n  <confidentialityCode',
        '<effectiveTime value="20250301093000"/>\n  <confidentialityCode',
        MetadataError,
        "xds.time",
    ),
    ("<healthCareFacility>", "<healthCareFacilityX>", CdaParseError, "cda.syntax"),
    ('<code code="SA17"', '<codeX code="SA17"', MetadataError, "xds.missing"),
    ('<confidentialityCode code="N"', '<confidentialityCode code="MASQUE_PS"', ValueError, None),
]


@pytest.mark.parametrize(("old", "new", "error", "code"), BROKEN)
def test_broken_documents_are_refused(old: str, new: str, error: type[Exception], code: str | None) -> None:
    text = SAMPLE_CDA.replace(old, new, 1)
    assert text != SAMPLE_CDA
    with pytest.raises(error) as caught:
        document_entry(text.encode())
    if code:
        assert getattr(caught.value, "code", None) == code


def test_hostile_xml_is_refused() -> None:
    with pytest.raises(CdaParseError):
        document_entry(b'<!DOCTYPE a [<!ENTITY x "y">]><ClinicalDocument xmlns="urn:hl7-org:v3">&x;</ClinicalDocument>')


@given(valid_ins_values(), st.sampled_from(sorted(INS_ROOTS)))
def test_patient_id_is_the_ins_of_the_record_target(ins: str, root: str) -> None:
    """DOMAIN.md §5: patientId is ``NIR^^^&<root of the INS used>&ISO^NH``."""
    text = SAMPLE_CDA.replace(
        'root="1.2.250.1.213.1.4.10" extension="285077512345655"', f'root="{root}" extension="{ins}"'
    )
    entry = document_entry(text.encode())
    assert to_cx(entry.patient_id) == f"{ins}^^^&{root}&ISO^NH"
    assert entry.source_patient_info.ids[0] == entry.patient_id


@pytest.mark.parametrize(("field", "value"), [("hash", "ABC"), ("hash", "G" * 40), ("size", -1), ("size", True)])
def test_entry_local_invariants(field: str, value: object) -> None:
    with pytest.raises(MetadataError) as caught:
        attrs.evolve(document_entry(sample_cda()), **{field: value})
    assert caught.value.code == f"xds.{field}"


@pytest.mark.parametrize("make", [example_dlu, example_fludt, example_fludr], ids=lambda f: f.__name__)
def test_a_dlu_document_is_accepted(make: Callable[[], Document]) -> None:
    """A dmpcore.dlu Document is serialised with to_cda: its entry is that of those bytes, and it checks clean."""
    document = make()
    entry = document_entry(document, restrictions={Restriction.MASQUE_PS})
    assert entry == document_entry(to_cda(document), restrictions={Restriction.MASQUE_PS})
    assert check_entry(entry, document, deposited_on=date(2025, 3, 1)) == ()
    assert read_xdm(write_xdm(document, entry)).document == to_cda(document)
