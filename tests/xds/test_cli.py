"""dmpcore package / unpackage: exit 0 ok, 1 invalid, 2 usage or I/O."""

from __future__ import annotations

from pathlib import Path

import pytest

from dmpcore.cli import main
from dmpcore.xds import read_xdm
from dmpcore.xds._sample import sample_cda

#: the sample FLUDT's model templateId, and the FT-SU one it becomes in the tests of unpublished formatCodes
FLUDT_TEMPLATE = b'1.2.250.1.213.1.1.1.23" extension="2022.01"'
FT_SU_TEMPLATE = b'1.2.250.1.213.1.1.1.61" extension="2025.01"'


@pytest.fixture
def cda(tmp_path: Path) -> Path:
    path = tmp_path / "dlu.xml"
    path.write_bytes(sample_cda())
    return path


def test_package_then_unpackage(cda: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "out.zip"
    assert main(["package", str(cda), "--restriction", "MASQUE_PS", "-o", str(out)]) == 0
    assert {r.code for r in read_xdm(out).restrictions} == {"MASQUE_PS"}
    assert "MASQUE_PS" in capsys.readouterr().out
    assert main(["unpackage", str(out), "-d", str(tmp_path / "x")]) == 0
    shown = capsys.readouterr().out
    assert "restrictions: MASQUE_PS" in shown
    assert (tmp_path / "x" / "IHE_XDM" / "SUBSET01" / "DOC0001.XML").read_bytes() == cda.read_bytes()


def test_invalid_restriction_for_an_adult(cda: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "out.zip"
    assert main(["package", str(cda), "--restriction", "INVISIBLE_REP_LEGAUX", "-o", str(out)]) == 1
    assert "invisible_representants_legaux_for_adult" in capsys.readouterr().err
    assert not out.exists()


@pytest.mark.parametrize("code", ["SECRET", "N"])
def test_unknown_restriction_is_invalid(cda: Path, tmp_path: Path, code: str) -> None:
    assert main(["package", str(cda), "--restriction", code, "-o", str(tmp_path / "o.zip")]) == 1


def test_missing_file_is_an_io_error(tmp_path: Path) -> None:
    assert main(["package", str(tmp_path / "nope.xml"), "-o", str(tmp_path / "o.zip")]) == 2
    assert main(["unpackage", str(tmp_path / "nope.zip")]) == 2


def test_unwritable_output_is_an_io_error(cda: Path, tmp_path: Path) -> None:
    assert main(["package", str(cda), "-o", str(tmp_path / "no" / "o.zip")]) == 2


def test_hostile_archive_is_invalid(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad = tmp_path / "bad.zip"
    bad.write_bytes(b"not a zip")
    assert main(["unpackage", str(bad)]) == 1
    assert "xdm.not_zip" in capsys.readouterr().err


def test_not_a_dlu_is_invalid(tmp_path: Path) -> None:
    other = tmp_path / "other.xml"
    other.write_bytes(sample_cda().replace(b"1.2.250.1.213.1.1.1.23", b"1.2.250.1.213.1.1.1.99"))
    assert main(["package", str(other), "-o", str(tmp_path / "o.zip")]) == 1


def test_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as caught:
        main(["package"])
    assert caught.value.code == 2


def test_format_code_option_for_unpublished_models(tmp_path: Path) -> None:
    ft_su = tmp_path / "ftsu.xml"
    ft_su.write_bytes(sample_cda().replace(FLUDT_TEMPLATE, FT_SU_TEMPLATE).replace(b"74207-2", b"78341-5"))
    out = tmp_path / "o.zip"
    assert main(["package", str(ft_su), "-o", str(out)]) == 1
    assert main(["package", str(ft_su), "--format-code", "urn:example:ft-su", "-o", str(out)]) == 0
    assert read_xdm(out).entry.format_code.code == "urn:example:ft-su"


def test_the_platform_parameter_is_an_option(cda: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """DOMAIN.md §4.2: INVISIBLE_PATIENT with MASQUE_PS is refused unless cumul-invisible_patient-masque_ps is true."""
    out = tmp_path / "out.zip"
    both = ["--restriction", "INVISIBLE_PATIENT", "--restriction", "MASQUE_PS"]
    assert main(["package", str(cda), *both, "-o", str(out)]) == 1
    assert "invisible_patient_with_masque_ps" in capsys.readouterr().err
    assert main(["package", str(cda), *both, "--cumul-invisible-patient-masque-ps", "-o", str(out)]) == 0
    assert {r.code for r in read_xdm(out).restrictions} == {"INVISIBLE_PATIENT", "MASQUE_PS"}
