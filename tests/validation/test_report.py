"""The report: verdict, severities, and its JSON, JUnit and text renderings."""

from __future__ import annotations

import json

from lxml import etree

from dmpcore.validation import Issue, Report, Severity, junit


def _issue(rule_id: str, severity: Severity) -> Issue:
    return Issue(rule_id=rule_id, severity=severity, message_fr="fr", message_en="en", line=3, xpath="/a")


def test_errors_and_fatal_issues_make_a_report_invalid_warnings_do_not() -> None:
    warning = Report(issues=[_issue("W", Severity.WARNING), _issue("I", Severity.INFO)])
    assert warning.ok
    assert warning.warnings == (warning.issues[0],)
    assert not Report(issues=[_issue("E", Severity.ERROR)]).ok
    fatal = Report(issues=[_issue("F", Severity.FATAL)])
    assert not fatal.ok
    assert fatal.fatal


def test_strict_reports_count_warnings_as_errors() -> None:
    report = Report(issues=[_issue("W", Severity.WARNING)], strict=True)
    assert not report.ok
    assert [i.rule_id for i in report.errors] == ["W"]


def test_json_carries_every_issue_with_both_languages() -> None:
    report = Report(document="d.xml", issues=[_issue("E", Severity.ERROR)])
    data = json.loads(report.to_json())
    assert data["ok"] is False
    assert data["issues"][0] == {
        "rule": "E",
        "severity": "error",
        "message_fr": "fr",
        "message_en": "en",
        "xpath": "/a",
        "line": 3,
        "source": "dmpcore",
        "reference": None,
    }


def test_junit_has_one_testcase_per_document_and_a_failure_per_invalid_one() -> None:
    reports = [Report(document="ok.xml"), Report(document="bad&.xml", issues=[_issue("E", Severity.ERROR)])]
    suite = etree.fromstring(junit(reports).encode())
    cases = suite.findall(".//testcase")
    assert [c.get("name") for c in cases] == ["ok.xml", "bad&.xml"]
    assert cases[0].find("failure") is None
    assert cases[1].find("failure") is not None
    assert suite.find("testsuite").get("failures") == "1"


def test_text_names_the_verdict_and_each_issue() -> None:
    text = Report(document="d.xml", issues=[_issue("E", Severity.ERROR)]).to_text()
    assert text.splitlines()[0] == "d.xml: INVALID (1 error, 0 warning)"
    assert "E line 3: en [/a]" in text


def test_strict_reports_count_each_issue_once() -> None:
    """Under --strict the warnings block, but the summary does not count them twice ("4 error, 4 warning")."""
    issues = [_issue("E", Severity.ERROR), _issue("W1", Severity.WARNING), _issue("W2", Severity.WARNING)]
    report = Report(document="d.xml", issues=issues, strict=True)
    assert len(report.errors) == 3
    assert report.to_text().splitlines()[0] == "d.xml: INVALID (1 error, 2 warning; strict: warnings count as errors)"
    data = json.loads(report.to_json())
    assert (data["errors"], data["warnings"], data["strict"]) == (1, 2, True)
