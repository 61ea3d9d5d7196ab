"""Official kit mode: the ANS pipeline in-process, its findings in the same report with source 'ci-sis'."""

from __future__ import annotations

from pathlib import Path

import pytest

from dmpcore.validation import validate
from dmpcore.validation._official import PROFILES, official_kit


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
    compiled = dict(kit._executables)
    validate(examples_dir / "DLU-FR-SU_2025.01.xml", kit=kit_dir)
    assert kit._executables == compiled
    assert len(compiled) == len(PROFILES) + 1  # the profiles and the volet's schematron


@pytest.mark.kit
def test_without_saxonche_the_kit_mode_says_what_to_install(kit_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import sys

    from dmpcore.validation import OfficialKitError
    from dmpcore.validation._official import OfficialKit

    monkeypatch.setitem(sys.modules, "saxonche", None)  # import saxonche now raises ImportError
    with pytest.raises(OfficialKitError, match=r"dmpcore\[official\]") as error:
        OfficialKit(kit_dir)
    assert error.value.code == "kit.saxonche"
