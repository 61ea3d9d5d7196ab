"""``dmpcore example dlu``, ``dmpcore inspect`` and the DLU part of ``dmpcore demo``."""

from __future__ import annotations

import io
import sys
from pathlib import Path

import pytest

from dmpcore.cda import from_cda
from dmpcore.cli import main
from dmpcore.dlu import example_dlu


class _Stdout(io.StringIO):
    def __init__(self) -> None:
        super().__init__()
        self.buffer = io.BytesIO()


def test_example_dlu_prints_the_complete_example(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    out = _Stdout()
    monkeypatch.setattr(sys, "stdout", out)
    assert main(["example", "dlu"]) == 0
    xml = out.buffer.getvalue()
    assert xml.startswith(b"<?xml")
    assert b'root="1.2.250.1.213.1.4.10" extension="279035121518989"' in xml
    path = tmp_path / "dlu.xml"
    path.write_bytes(xml)
    assert from_cda(path) == example_dlu()


def test_inspect_prints_a_summary_with_a_masked_ins(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    out = _Stdout()
    monkeypatch.setattr(sys, "stdout", out)
    main(["example", "dlu"])
    monkeypatch.undo()
    path = tmp_path / "dlu.xml"
    path.write_bytes(out.buffer.getvalue())
    assert main(["inspect", str(path)]) == 0
    text = capsys.readouterr().out
    assert "INS ***********8989" in text
    assert "279035121518989" not in text
    for needle in ("Allergies: Pénicillines", "Treatments (2)", "Advance directives: yes", "chutes"):
        assert needle in text


def test_inspect_reports_a_bad_file(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    path = tmp_path / "bad.xml"
    path.write_text("<html/>", encoding="utf-8")
    assert main(["inspect", str(path)]) == 2
    assert "[cda.content]" in capsys.readouterr().err
    assert main(["inspect", str(tmp_path / "missing.xml")]) == 2


def test_demo_builds_serializes_and_reads_back_the_example(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["demo"]) == 0
    text = capsys.readouterr().out
    assert "== Identity ==" in text
    assert "read back identical: True" in text
    assert "native validation: valid (0 error(s)" in text
    assert "DLU of MARTIN Jeanne" in text


@pytest.mark.parametrize(
    ("kind", "name"), [("fludt", "FLUDT"), ("fludr", "FLUDR"), ("ft-su", "FT_SU"), ("fr-su", "FR_SU")]
)
def test_example_prints_each_liaison_sheet(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, kind: str, name: str
) -> None:
    """``dmpcore example fludt|fludr|ft-su|fr-su``: the same document on every run, read back as its kind."""
    from dmpcore.dlu import example_fludr, example_fludt, example_fr_su, example_ft_su

    out = _Stdout()
    monkeypatch.setattr(sys, "stdout", out)
    assert main(["example", kind]) == 0
    path = tmp_path / f"{kind}.xml"
    path.write_bytes(out.buffer.getvalue())
    document = from_cda(path)
    assert document.kind.name == name
    expected = {"fludt": example_fludt, "fludr": example_fludr, "ft-su": example_ft_su, "fr-su": example_fr_su}[kind]
    assert document == expected()
