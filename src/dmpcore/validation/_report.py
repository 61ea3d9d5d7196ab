"""Issues and the validation report, with their JSON, JUnit and text renderings."""

from __future__ import annotations

import enum
import json
from collections.abc import Iterable
from typing import Any
from xml.sax.saxutils import escape, quoteattr

import attrs

__all__ = ["Issue", "Report", "Severity"]


class Severity(enum.Enum):
    """How serious an issue is: an ``error`` makes the document invalid; ``fatal`` means it could not be read."""

    FATAL = "fatal"
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"

    @property
    def blocking(self) -> bool:
        """Whether an issue of this severity makes the document invalid."""
        return self in (Severity.FATAL, Severity.ERROR)


@attrs.frozen(kw_only=True)
class Issue:
    """One finding: which rule, how serious, what (in French and English), where, and from which checker.

    ``source`` is ``"dmpcore"`` for the native rules and ``"ci-sis"`` for the official ANS kit.
    """

    rule_id: str
    severity: Severity
    message_fr: str
    message_en: str
    xpath: str | None = None
    line: int | None = None
    source: str = "dmpcore"
    reference: str | None = None

    @property
    def message(self) -> str:
        """The English message."""
        return self.message_en

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict."""
        return {
            "rule": self.rule_id,
            "severity": self.severity.value,
            "message_fr": self.message_fr,
            "message_en": self.message_en,
            "xpath": self.xpath,
            "line": self.line,
            "source": self.source,
            "reference": self.reference,
        }

    def render(self, *, lang: str = "en") -> str:
        """One line: ``severity rule [line N] message (xpath)``."""
        where = f"line {self.line}: " if self.line else ""
        text = self.message_fr if lang == "fr" else self.message_en
        at = f" [{self.xpath}]" if self.xpath else ""
        return f"{self.severity.value:<7} {self.rule_id} {where}{text}{at}"


def _issues(value: Iterable[Issue]) -> tuple[Issue, ...]:
    return tuple(value)


@attrs.frozen(kw_only=True)
class Report:
    """The result of validating one document. ``ok`` is true when no issue is an error (or fatal).

    >>> report = Report(document="dlu.xml", issues=())
    >>> report.ok, report.errors, report.to_text()
    (True, (), 'dlu.xml: valid (0 error, 0 warning)')
    """

    document: str = "-"
    issues: tuple[Issue, ...] = attrs.field(default=(), converter=_issues)
    template_ids: tuple[str, ...] = ()
    volet: str | None = None
    strict: bool = False
    seconds: float = 0.0

    @property
    def errors(self) -> tuple[Issue, ...]:
        """Issues that make the document invalid (errors and fatal issues); under ``strict``, warnings too."""
        return tuple(i for i in self.issues if i.severity.blocking or (self.strict and i.severity is Severity.WARNING))

    @property
    def warnings(self) -> tuple[Issue, ...]:
        """Warnings (not blocking unless the report is strict)."""
        return tuple(i for i in self.issues if i.severity is Severity.WARNING)

    @property
    def counts(self) -> tuple[int, int]:
        """(errors and fatal issues, warnings): each issue counted once, also under ``strict``."""
        return sum(i.severity.blocking for i in self.issues), len(self.warnings)

    @property
    def ok(self) -> bool:
        """Whether the document is valid."""
        return not self.errors

    @property
    def fatal(self) -> bool:
        """Whether the document could not be read at all."""
        return any(i.severity is Severity.FATAL for i in self.issues)

    def with_issues(self, more: Iterable[Issue]) -> Report:
        """A copy with *more* issues appended."""
        return attrs.evolve(self, issues=(*self.issues, *more))

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict."""
        return {
            "document": self.document,
            "ok": self.ok,
            "volet": self.volet,
            "strict": self.strict,
            "errors": self.counts[0],
            "warnings": self.counts[1],
            "issues": [i.to_dict() for i in self.issues],
        }

    def to_json(self, *, indent: int | None = 1) -> str:
        """The report as JSON (UTF-8 text, French accents kept)."""
        return json.dumps(self.to_dict(), ensure_ascii=False, indent=indent)

    def to_text(self, *, lang: str = "en") -> str:
        """A human-readable rendering: a summary line, then one line per issue.

        Each issue is counted once; under ``strict`` the warnings make the document invalid too:

        >>> warning = Issue(rule_id="W", severity=Severity.WARNING, message_fr="fr", message_en="en")
        >>> Report(document="d.xml", issues=(warning,), strict=True).to_text().splitlines()[0]
        'd.xml: INVALID (0 error, 1 warning; strict: warnings count as errors)'
        """
        verdict = "valid" if self.ok else "INVALID"
        errors, warnings = self.counts
        strict = "; strict: warnings count as errors" if self.strict else ""
        head = f"{self.document}: {verdict} ({errors} error, {warnings} warning{strict})"
        return "\n".join([head, *("  " + i.render(lang=lang) for i in self.issues)])

    def to_junit(self) -> str:
        """The report as a JUnit XML test suite of one test case: this document, its blocking issues as the failure."""
        return junit([self])

    def __str__(self) -> str:
        return self.to_text()


def junit(reports: Iterable[Report], *, name: str = "dmpcore-validate") -> str:
    """JUnit XML for several reports: one ``testcase`` per document, its blocking issues as ``failure``.

    CI servers (GitLab, Jenkins, GitHub actions) show one test per document, with the issues as the
    failure's text; warnings go to ``system-out``.
    """
    cases: list[str] = []
    failures = 0
    all_reports = list(reports)
    for report in all_reports:
        body = ""
        blocking = report.errors
        if blocking:
            failures += 1
            text = "\n".join(i.render() for i in blocking)
            first = blocking[0]
            body += (
                f"<failure message={quoteattr(f'{len(blocking)} error(s): {first.rule_id} {first.message_en}')}"
                f" type={quoteattr(first.rule_id)}>{escape(text)}</failure>"
            )
        others = [i for i in report.issues if i not in blocking]
        if others:
            body += f"<system-out>{escape(chr(10).join(i.render() for i in others))}</system-out>"
        cases.append(
            f'<testcase classname="dmpcore.validate" name={quoteattr(report.document)} time="{report.seconds:.4f}">'
            f"{body}</testcase>"
        )
    total = sum(r.seconds for r in all_reports)
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        f'<testsuites><testsuite name={quoteattr(name)} tests="{len(all_reports)}" failures="{failures}"'
        f' errors="0" time="{total:.4f}">' + "".join(cases) + "</testsuite></testsuites>\n"
    )
