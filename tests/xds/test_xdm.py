"""XDM packages: written, read back, checked (IHE ITI TF-2b §3.32.4.1)."""

from __future__ import annotations

import io
import zipfile
from datetime import UTC, datetime
from pathlib import Path

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from dmpcore.codes import Code
from dmpcore.visibility import Restriction
from dmpcore.xds import ArchiveError, MetadataError, Submission, document_entry, extract_xdm, read_xdm, write_xdm
from dmpcore.xds._sample import SAMPLE_CDA, sample_cda
from dmpcore.xds.constants import FORMAT_CODE_SYSTEM

SUBMISSION = Submission(time=datetime(2025, 3, 1, 10, 0, tzinfo=UTC), unique_id="2.25.7", source_id="2.25.8")


@given(st.sets(st.sampled_from(list(Restriction))))
def test_round_trip(restrictions: set[Restriction]) -> None:
    """What is packaged is what is read: the document byte for byte, its entry and its restrictions."""
    data = sample_cda()
    entry = document_entry(data, restrictions=restrictions)
    package = read_xdm(write_xdm(data, entry, submission=SUBMISSION))
    assert package.document == data
    assert package.entry == entry
    assert package.restrictions == restrictions


def test_layout() -> None:
    data = sample_cda()
    archive = zipfile.ZipFile(io.BytesIO(write_xdm(data, document_entry(data))))
    assert sorted(archive.namelist()) == [
        "IHE_XDM/SUBSET01/DOC0001.XML",
        "IHE_XDM/SUBSET01/METADATA.XML",
        "INDEX.HTM",
        "README.TXT",
    ]
    assert b"285077512345655" not in archive.read("INDEX.HTM") + archive.read("README.TXT")


def test_reproducible() -> None:
    data = sample_cda()
    entry = document_entry(data)
    assert write_xdm(data, entry, submission=SUBMISSION) == write_xdm(data, entry, submission=SUBMISSION)


def test_written_to_a_file(tmp_path: Path) -> None:
    data = sample_cda()
    target = tmp_path / "out.zip"
    package = write_xdm(data, document_entry(data), target)
    assert target.read_bytes() == package
    extracted, written = extract_xdm(target, tmp_path / "x")
    assert (tmp_path / "x" / "IHE_XDM" / "SUBSET01" / "DOC0001.XML").read_bytes() == data
    assert len(written) == 4
    assert extracted.document == data


def test_stale_entry_is_refused() -> None:
    entry = document_entry(sample_cda())
    other = sample_cda(birth_time="20100101")
    with pytest.raises(MetadataError) as caught:
        write_xdm(other, entry)
    assert caught.value.code == "xds.hash"


def test_tampered_document_is_refused() -> None:
    data = sample_cda()
    package = write_xdm(data, document_entry(data), submission=SUBMISSION)
    source = zipfile.ZipFile(io.BytesIO(package))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as tampered:
        for name in source.namelist():
            content = source.read(name)
            tampered.writestr(name, content.replace(b"Chute.", b"Fugue.") if name.endswith("DOC0001.XML") else content)
    with pytest.raises(ArchiveError) as caught:
        read_xdm(buffer.getvalue())
    assert caught.value.code == "xdm.hash"


def test_unwritable_target_is_an_io_error(tmp_path: Path) -> None:
    data = sample_cda()
    with pytest.raises(ArchiveError) as caught:
        write_xdm(data, document_entry(data), tmp_path / "missing" / "out.zip")
    assert caught.value.code == "xdm.io"


def test_uri_must_stay_in_the_subset() -> None:
    data = sample_cda()
    package = write_xdm(data, document_entry(data), submission=SUBMISSION)
    source = zipfile.ZipFile(io.BytesIO(package))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as evil:
        for name in source.namelist():
            content = source.read(name)
            if name.endswith("METADATA.XML"):
                content = content.replace(b"<rim:Value>DOC0001.XML<", b"<rim:Value>../README.TXT<")
            evil.writestr(name, content)
    with pytest.raises(ArchiveError) as caught:
        read_xdm(buffer.getvalue())
    assert caught.value.code == "xdm.path"


def test_entry_evolves_without_losing_restrictions() -> None:
    entry = document_entry(sample_cda(), restrictions={Restriction.MASQUE_PS})
    assert attrs.evolve(entry, title="x").restrictions == {Restriction.MASQUE_PS}


@pytest.mark.kit
@pytest.mark.parametrize(
    "name",
    [
        "DLU-EHPAD-DLU_2022.01.xml",
        "DLU-EHPAD-FLUDT_2022.01.xml",
        "DLU-EHPAD-FLUDR_2022.01.xml",
        "DLU-FT-SU_2025.01.xml",
        "DLU-FR-SU_2025.01.xml",
    ],
)
def test_official_examples_round_trip(examples_dir: Path, name: str) -> None:
    data = (examples_dir / name).read_bytes()
    provisional = Code(code="urn:example:provisional", code_system=FORMAT_CODE_SYSTEM)
    entry = document_entry(
        data, restrictions={Restriction.INVISIBLE_PATIENT}, format_code=None if "EHPAD" in name else provisional
    )
    package = read_xdm(write_xdm(data, entry, submission=SUBMISSION))
    assert (package.document, package.entry) == (data, entry)


def _readme(data: bytes) -> str:
    package = write_xdm(data, document_entry(data), submission=SUBMISSION)
    return zipfile.ZipFile(io.BytesIO(package)).read("README.TXT").decode()


def test_the_readme_gives_the_contact_of_the_creating_institution() -> None:
    """IHE ITI TF-2b §3.32.4.1: README.TXT names who created the media and the application; no patient data."""
    readme = _readme(sample_cda())
    assert "Created by: EHPAD DES EXEMPLES (id 1.2.250.1.71.4.2.2^1990000001)\r\n" in readme
    assert "Author institution: EHPAD DES EXEMPLES (id 1.2.250.1.71.4.2.2^1990000001)\r\n" in readme
    assert "dmpcore" in readme
    for patient_data in ("285077512345655", "IPP-7781", "MARTIN", "CAMILLE", "19850723"):
        assert patient_data not in readme


@pytest.mark.kit
def test_the_readme_gives_the_custodians_telecom_and_address(examples_dir: Path) -> None:
    readme = _readme((examples_dir / "DLU-EHPAD-FLUDT_2022.01.xml").read_bytes())
    assert "EHPAD DE BOULOGNE-BILLANCOURT (id 1.2.250.1.71.4.2.2^1750803447) / tel:0131931902 / 142" in readme


def test_the_readme_stays_one_line_per_item_whatever_the_cda_says() -> None:
    custodian = "<name>EHPAD DES EXEMPLES</name>\n  </represented"
    assert custodian in SAMPLE_CDA
    hostile = SAMPLE_CDA.replace(custodian, "<name>EHPAD\r\n\tFAKE:\u2028line</name>\n  </represented").encode()
    assert "Created by: EHPAD FAKE: line (id 1.2.250.1.71.4.2.2^1990000001)\r\n" in _readme(hostile)


def test_the_readme_says_when_the_custodian_is_not_named() -> None:
    start, end = SAMPLE_CDA.index("<custodian>"), SAMPLE_CDA.index("</custodian>") + len("</custodian>")
    readme = _readme((SAMPLE_CDA[:start] + SAMPLE_CDA[end:]).encode())
    assert "Created by: the custodian is not named in the document\r\n" in readme
