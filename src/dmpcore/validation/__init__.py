"""Validation of DLU-family CDA documents: native rules, the project's XSD and the official ANS kit.

>>> from dmpcore.validation import validate
>>> report = validate(b"<ClinicalDocument xmlns='urn:hl7-org:v3'/>")
>>> report.ok
False
>>> sorted({issue.rule_id for issue in report.errors})[:3]
['DLU-DOC-001', 'HDR-002', 'HDR-003']

Every rule has a stable id, a severity, messages in French and English, and a source reference:
:data:`RULES` lists them (the docs page *Validation rules* is generated from it).
"""

# The rule modules register their rules when imported: importing them here makes RULES complete as
# soon as dmpcore.validation is imported (they cost about 5 ms), not only after rules() or validate().
from dmpcore.validation import (  # noqa: F401
    _rules_datatypes,
    _rules_entries,
    _rules_header,
    _rules_identity,
    _rules_narrative,
    _rules_templates,
    _rules_terminology,
    _rules_volet,
)
from dmpcore.validation._official import OfficialKitError
from dmpcore.validation._registry import RULES, Rule, rules_in_order
from dmpcore.validation._report import Issue, Report, Severity, junit
from dmpcore.validation._validate import validate
from dmpcore.validation._volets import VOLETS, Volet

__all__ = [
    "RULES",
    "VOLETS",
    "Issue",
    "OfficialKitError",
    "Report",
    "Rule",
    "Severity",
    "Volet",
    "junit",
    "rules",
    "validate",
]


def rules() -> tuple[Rule, ...]:
    """Every native rule, in the order they run."""
    return rules_in_order()
