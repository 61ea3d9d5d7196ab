"""``dmpcore validate``: formats, exit statuses, folders, standard input, processes."""

from __future__ import annotations

import io
import json
import sys
from pathlib import Path

import pytest
from lxml import etree

from dmpcore.cli import main
from dmpcore.validation._batch import expand, run

_BROKEN = b"<ClinicalDocument"
_FOREIGN = b"<html/>"


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    (tmp_path / "sub").mkdir()
    (tmp_path / "a.xml").write_bytes(_BROKEN)
    (tmp_path / "sub" / "b.xml").write_bytes(_FOREIGN)
    (tmp_path / "notes.txt").write_text("not a document")
    return tmp_path


def test_folders_give_their_xml_files_recursively_and_missing_paths_are_reported(folder: Path) -> None:
    found, missing = expand([str(folder), str(folder / "nope.xml"), "-"])
    assert [Path(p).name for p in found] == ["a.xml", "b.xml", "-"]
    assert missing == [str(folder / "nope.xml")]


def test_an_invalid_document_exits_1_and_a_valid_one_0(
    folder: Path, capsys: pytest.CaptureFixture[str], examples_dir: Path
) -> None:
    assert main(["validate", str(folder / "a.xml")]) == 1
    assert "PARSE-001" in capsys.readouterr().out
    assert main(["validate", str(examples_dir / "DLU-FT-SU_2025.01.xml")]) == 0


def test_a_missing_file_exits_2(folder: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate", str(folder / "a.xml"), str(folder / "missing.xml")]) == 2
    assert "no such file" in capsys.readouterr().err


def test_usage_errors_exit_2(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_:
        main(["validate", "--format", "yaml", "x.xml"])
    assert exit_.value.code == 2
    assert run(["x.xml"], jobs=0, stderr=io.StringIO()) == 2


def test_json_lists_one_report_per_document(folder: Path) -> None:
    out = io.StringIO()
    assert run([str(folder)], output_format="json", stdout=out, stderr=io.StringIO()) == 1
    reports = json.loads(out.getvalue())
    assert [Path(r["document"]).name for r in reports] == ["a.xml", "b.xml"]
    assert reports[1]["issues"][0]["rule"] == "HDR-001"


def test_junit_is_xml_with_one_testcase_per_document(folder: Path) -> None:
    out = io.StringIO()
    run([str(folder)], output_format="junit", stdout=out, stderr=io.StringIO(), jobs=2)
    suite = etree.fromstring(out.getvalue().encode())
    assert len(suite.findall(".//testcase")) == 2
    assert len(suite.findall(".//failure")) == 2


def test_processes_give_the_same_reports_in_the_same_order(folder: Path) -> None:
    one, two = io.StringIO(), io.StringIO()
    run([str(folder)], output_format="json", stdout=one, stderr=io.StringIO(), jobs=1)
    run([str(folder)], output_format="json", stdout=two, stderr=io.StringIO(), jobs=2)
    strip = [{k: v for k, v in r.items() if k != "seconds"} for r in json.loads(one.getvalue())]
    assert strip == json.loads(two.getvalue())


def test_standard_input(monkeypatch: pytest.MonkeyPatch) -> None:
    class Stdin:
        buffer = io.BytesIO(_FOREIGN)

    monkeypatch.setattr(sys, "stdin", Stdin)
    out = io.StringIO()
    assert run(["-"], stdout=out, stderr=io.StringIO()) == 1
    assert out.getvalue().startswith("-: INVALID")


def test_a_folder_that_is_not_a_kit_exits_2(folder: Path) -> None:
    err = io.StringIO()
    assert run([str(folder / "sub" / "b.xml")], kit=str(folder), stdout=io.StringIO(), stderr=err) == 2
    assert "not an ANS CI-SIS kit" in err.getvalue()


def test_the_progress_bar_is_drawn_on_a_terminal_only(folder: Path) -> None:
    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    terminal = Terminal()
    run([str(folder)], stdout=io.StringIO(), stderr=terminal)
    assert "2/2" in terminal.getvalue()
    quiet = io.StringIO()
    run([str(folder)], stdout=io.StringIO(), stderr=quiet)
    assert quiet.getvalue() == ""


def test_text_messages_in_french(folder: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate", "--lang", "fr", str(folder / "sub" / "b.xml")]) == 1
    assert "l'élément racine doit être ClinicalDocument" in capsys.readouterr().out
