"""Generated docs: the table of validation rules (``docs/validation-rules.md``)."""

from __future__ import annotations

from dmpcore.validation._registry import rules_in_order
from dmpcore.validation._volets import VOLETS

__all__ = ["rules_table", "volets_table"]


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def rules_table() -> str:
    """One row per rule: id, severity, category, what it checks, stricter than the kit, source."""
    rows = [
        "| id | severity | category | what it checks | stricter than the kit | source |",
        "|---|---|---|---|---|---|",
    ]
    for rule in sorted(rules_in_order(), key=lambda r: r.id):
        stricter = "yes" if rule.stricter else ""
        rows.append(
            f"| `{rule.id}` | {rule.severity.value} | {rule.category} | {_cell(rule.summary)} | {stricter} "
            f"| {_cell(rule.reference)} |"
        )
    return "\n".join(rows) + "\n"


def volets_table() -> str:
    """One row per volet section: volet, section, templateId counted, code, cardinality."""
    rows = ["| volet | section | templateId | code | cardinality |", "|---|---|---|---|---|"]
    for volet in VOLETS.values():
        for spec in volet.sections:
            ids = " or ".join(f"`{t}`" for t in spec.template_ids)
            rows.append(f"| {volet.name} | {spec.name_en} | {ids} | `{spec.code}` | {spec.min}..{spec.max} |")
    return "\n".join(rows) + "\n"
