"""The validator: safe parsing, the project's XSD, the native rules, and optionally the official kit."""

from __future__ import annotations

import os
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any, Final

from lxml import etree

from dmpcore.cda import parse_xml
from dmpcore.errors import CdaParseError
from dmpcore.validation._context import Document, line_of, xpath_of
from dmpcore.validation._privacy import masked
from dmpcore.validation._registry import RULES, Finding, Rule, pseudo_rule, rules_in_order
from dmpcore.validation._report import Issue, Report, Severity
from dmpcore.validation._schema_repairs import Violation, violations_left_to_rules

__all__ = ["Source", "validate"]

Source = bytes | bytearray | memoryview | str | os.PathLike[str]

_MAX_SCHEMA_ISSUES: Final = 50
#: issues listed per rule and document; the rest are counted in one more issue
MAX_ISSUES_PER_RULE: Final = 100
_MAX_NAME: Final = 300
_HARDENED: Final = "dmpcore.cda.parse_xml (no DTD, no entity, no network, bounded size and depth)"


# Pseudo-rules: issued by the pipeline itself, registered so that the docs list them.
pseudo_rule("PARSE-001", severity=Severity.FATAL, category="input",
            summary="The input is readable, well-formed XML, without DTD or entities, within the size and depth "
            "bounds.", reference=_HARDENED)  # fmt: skip
pseudo_rule("XSD-001", severity=Severity.ERROR, category="schema",
            summary="The document is valid against the project's XSD of the DLU-family profile (schemas/); what "
            "the profile requires beyond the kit is left to stricter rules: a section title (NAR-006) and text "
            "(NAR-001), HL7's exact time stamps (HDR-027).",
            reference="dmpcore schemas/dlu-family-cda.xsd (the CDA R2 subset the DLU family uses)")  # fmt: skip
pseudo_rule("RULE-000", severity=Severity.FATAL, category="input",
            summary="A rule could not run on this document (a defect of dmpcore: please report it).",
            reference="dmpcore")  # fmt: skip


def _name_of(source: object) -> str:
    if isinstance(source, os.PathLike):
        try:
            return str(os.fspath(source))[:_MAX_NAME]
        except Exception:  # a caller's __fspath__ may raise anything: parse_xml reports it (cda.io)
            return "-"
    if isinstance(source, str) and not source.lstrip().startswith("<"):
        return source[:_MAX_NAME]
    return "-"


def _profile_violations(tree: etree._ElementTree) -> list[Violation]:
    """(line, xpath, message) of each violation of the project's XSD (``dmpcore.cda.profile_violations``)."""
    from dmpcore import cda

    check: Any = getattr(cda, "profile_violations", None)
    if check is None:  # pragma: no cover - the CDA layer ships the profile XSD
        return []
    return [(v.line, v.xpath, v.message) for v in check(tree)]


def _issue(rule_: Rule, finding: Finding) -> Issue:
    element = finding.element
    return Issue(
        rule_id=rule_.id,
        severity=rule_.severity,
        message_fr=finding.fr,
        message_en=finding.en,
        xpath=xpath_of(element) if element is not None else None,
        line=line_of(element) if element is not None else None,
        reference=rule_.reference,
    )


def _schema_issues(tree: etree._ElementTree) -> list[Issue]:
    reference = RULES["XSD-001"].reference
    violations = violations_left_to_rules(tree, _profile_violations)
    # the schema's messages quote the values they refuse: a NIR among them is masked (dmpcore.errors.mask)
    return [
        Issue(rule_id="XSD-001", severity=Severity.ERROR, message_fr=f"schéma XSD du profil : {masked(message)}",
              message_en=f"profile XSD: {masked(message)}", line=line, xpath=xpath, reference=reference)
        for line, xpath, message in violations[:_MAX_SCHEMA_ISSUES]
    ]  # fmt: skip


def _capped(rule_: Rule, findings: Iterator[Finding]) -> Iterator[Issue]:
    """At most ``MAX_ISSUES_PER_RULE`` issues of one rule, then one issue that counts the rest.

    A hostile document may hold millions of faults: locating each one would cost quadratic time.
    """
    for count, finding in enumerate(findings, start=1):
        if count > MAX_ISSUES_PER_RULE:
            more = 1 + sum(1 for _ in findings)
            yield Issue(
                rule_id=rule_.id, severity=rule_.severity, reference=rule_.reference,
                message_fr=f"… et {more} autre(s) problème(s) de la règle {rule_.id}",
                message_en=f"... and {more} more issue(s) of rule {rule_.id}",
            )  # fmt: skip
            return
        yield _issue(rule_, finding)


def native_issues(document: Document) -> list[Issue]:
    """The issues of the project's XSD and of every native rule on a parsed *document*.

    A document whose root is not a CDA ClinicalDocument gets ``HDR-001`` only: the other checks
    would only repeat it.
    """
    ordered = rules_in_order()
    issues = _run(RULES["HDR-001"], document)
    if issues:
        return issues
    issues = _schema_issues(document.tree)
    for rule_ in ordered:
        if rule_.id != "HDR-001":
            issues.extend(_run(rule_, document))
    return issues


def _run(rule_: Rule, document: Document) -> list[Issue]:
    try:
        return list(_capped(rule_, rule_.run(document)))
    except Exception as error:  # validate never raises: a crashing rule is reported
        return [
            Issue(rule_id="RULE-000", severity=Severity.FATAL, reference="dmpcore",
                  message_fr=f"la règle {rule_.id} a échoué : {type(error).__name__}",
                  message_en=f"rule {rule_.id} crashed: {type(error).__name__}")
        ]  # fmt: skip


def _fatal(error: Exception) -> Issue:
    code = str(getattr(error, "code", type(error).__name__))
    message = masked(str(getattr(error, "message", None) or error or type(error).__name__))
    line = error.line if isinstance(error, CdaParseError) else None
    return Issue(
        rule_id="PARSE-001",
        severity=Severity.FATAL,
        message_fr=f"document illisible ({code}) : {message}",
        message_en=f"unreadable document ({code}): {message}",
        line=line,
        reference=_HARDENED,
    )


def validate(source: Source, *, kit: str | os.PathLike[str] | None = None, strict: bool = False) -> Report:
    """Validate the CDA document *source* (bytes, XML text, or a path) and return a :class:`Report`.

    Never raises on bad input: an unreadable, hostile, huge or non-XML input gives a report with a
    fatal ``PARSE-001`` issue. With ``kit=PATH`` (the ANS CI-SIS kit folder; extra ``official``) the
    whole official pipeline runs too and its findings join the report with ``source='ci-sis'``.
    With ``strict=True`` warnings make the document invalid as well.

    >>> report = validate(b"<not-closed>")
    >>> report.ok, report.issues[0].rule_id, report.issues[0].severity.value
    (False, 'PARSE-001', 'fatal')
    """
    start = time.perf_counter()
    name = _name_of(source)
    try:
        tree = parse_xml(source)
    except (CdaParseError, TypeError, ValueError, MemoryError) as error:
        return Report(document=name, issues=(_fatal(error),), strict=strict, seconds=time.perf_counter() - start)
    document = Document(tree=tree, name=name)
    issues = native_issues(document)
    if kit is not None:
        from dmpcore.validation._official import official_issues

        issues.extend(official_issues(Path(kit), tree))
    volet = document.volet
    return Report(
        document=name,
        issues=tuple(issues),
        template_ids=document.template_ids,
        volet=volet.name if volet else None,
        strict=strict,
        seconds=time.perf_counter() - start,
    )
