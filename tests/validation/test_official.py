"""Official kit mode: the ANS pipeline in-process, its findings in the same report with source 'ci-sis'."""

from __future__ import annotations

from pathlib import Path

import pytest
from tests.conftest import _load_oracle_module, kit_path

from dmpcore.validation import validate
from dmpcore.validation._official import PROFILES, official_kit, volet_schematrons


@pytest.mark.kit
@pytest.mark.oracle
def test_the_official_pipeline_accepts_an_example_and_reports_a_broken_copy(kit_dir: Path, examples_dir: Path) -> None:
    pytest.importorskip("saxonche")
    good = validate(examples_dir / "DLU-FR-SU_2025.01.xml", kit=kit_dir)
    assert good.ok, good.to_text()
    assert not [i for i in good.issues if i.source == "ci-sis"]
    text = (examples_dir / "DLU-FR-SU_2025.01.xml").read_bytes()
    broken = text.replace(b'<realmCode code="FR"/>', b"", 1)
    assert broken != text
    report = validate(broken, kit=kit_dir)
    official = [i for i in report.errors if i.source == "ci-sis"]
    assert official
    assert all(i.rule_id.startswith("KIT-") for i in official)
    assert any(i.line for i in official)
    assert "HDR-002" in {i.rule_id for i in report.errors}  # the native rule agrees


@pytest.mark.kit
@pytest.mark.oracle
def test_each_schematron_is_compiled_once_per_process(kit_dir: Path, examples_dir: Path) -> None:
    pytest.importorskip("saxonche")
    kit = official_kit(kit_dir)
    assert official_kit(kit_dir) is kit
    validate(examples_dir / "DLU-FR-SU_2025.01.xml", kit=kit_dir)
    compiled = kit.compilations
    assert compiled >= len(PROFILES) + 1  # the profiles and the volet's schematron, by this test or an earlier one
    validate(examples_dir / "DLU-FR-SU_2025.01.xml", kit=kit_dir)
    validate(examples_dir / "DLU-FT-SU_2025.01.xml", kit=kit_dir)  # another volet: one more schematron at most
    assert kit.compilations <= compiled + 1
    validate(examples_dir / "DLU-FT-SU_2025.01.xml", kit=kit_dir)
    assert kit.compilations == len(kit._executables)


@pytest.mark.kit
def test_the_volet_schematrons_are_read_from_the_kit(kit_dir: Path) -> None:
    """The kit mode chooses the volet's schematron as the oracle does, IPS-FR included, from the kit's own files."""
    volets = volet_schematrons(kit_dir)
    oracle = _load_oracle_module()
    assert {template_id: (name,) for template_id, name in oracle.VOLETS.items()} == {
        template_id: volets[template_id] for template_id in oracle.VOLETS
    }
    assert "1.2.250.1.213.1.1.1.1" not in volets  # the CI-SIS header templateId names no volet


@pytest.mark.kit
@pytest.mark.oracle
@pytest.mark.slow
@pytest.mark.parametrize("filename", sorted(p.name for p in kit_path().glob("ExemplesCDA/*.xml")))
def test_every_official_example_passes_the_kit_mode(examples_dir: Path, filename: str) -> None:
    """No finding of the kit makes an official example invalid (dmpcore's own findings are not the kit's)."""
    pytest.importorskip("saxonche")
    report = validate(examples_dir / filename, kit=examples_dir.parent)
    assert [i.render() for i in report.errors if i.source == "ci-sis"] == []
    kit_mode = {i.rule_id for i in report.issues if i.rule_id in ("KIT-000", "KIT-001")}
    assert kit_mode == (set() if report.volet or filename.startswith("IPS-FR") else {"KIT-001"})
    assert all(i.source == "dmpcore" for i in report.issues if i.rule_id in ("KIT-000", "KIT-001"))


@pytest.mark.kit
@pytest.mark.oracle
def test_without_a_volet_schematron_dmpcore_says_so_itself(kit_dir: Path, examples_dir: Path) -> None:
    pytest.importorskip("saxonche")
    text = (examples_dir / "DLU-FR-SU_2025.01.xml").read_bytes()
    unknown = text.replace(b'root="1.2.250.1.213.1.1.1.62"', b'root="1.2.250.1.213.1.1.1.999"', 1)
    assert unknown != text
    report = validate(unknown, kit=kit_dir)
    [issue] = [i for i in report.issues if i.rule_id == "KIT-001"]
    assert (issue.source, issue.severity.value) == ("dmpcore", "warning")
    assert "volet step did not run" in issue.message_en
    assert "KIT-volet" not in {i.rule_id for i in report.issues}


@pytest.mark.kit
def test_without_saxonche_the_kit_mode_says_what_to_install(kit_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import sys

    from dmpcore.validation import OfficialKitError
    from dmpcore.validation._official import OfficialKit

    monkeypatch.setitem(sys.modules, "saxonche", None)  # import saxonche now raises ImportError
    with pytest.raises(OfficialKitError, match=r"dmpcore\[official\]") as error:
        OfficialKit(kit_dir)
    assert error.value.code == "kit.saxonche"


_NIR = "279035121518989"


def _with_nir_language(examples_dir: Path) -> bytes:
    """The FR-SU example whose languageCode quotes a NIR: the schemas' messages quote the refused value."""
    text = (examples_dir / "DLU-FR-SU_2025.01.xml").read_bytes()
    broken = text.replace(b'<languageCode code="fr-FR"/>', f'<languageCode code="{_NIR} x"/>'.encode(), 1)
    assert broken != text
    return broken


@pytest.mark.kit
def test_the_schema_messages_never_print_a_nir(examples_dir: Path) -> None:
    report = validate(_with_nir_language(examples_dir))
    assert "XSD-001" in {i.rule_id for i in report.errors}
    assert _NIR not in report.to_json()
    assert "8989" in report.to_text()  # masked as dmpcore.errors.mask does: the last 4 digits kept


@pytest.mark.kit
@pytest.mark.oracle
def test_the_official_kits_messages_never_print_a_nir(kit_dir: Path, examples_dir: Path) -> None:
    pytest.importorskip("saxonche")
    report = validate(_with_nir_language(examples_dir), kit=kit_dir)
    assert [i for i in report.errors if i.source == "ci-sis"]
    assert _NIR not in report.to_json()
