"""Docs tables generated from the registry (see :mod:`dmpcore._docgen`)."""

from __future__ import annotations

from dmpcore.dlu._registry import DOCUMENTS, SECTIONS, DocumentKind

__all__ = ["sections_table"]


def sections_table() -> str:
    """The sections of the DLU model with templateId, LOINC code, cardinality and entries."""
    spec = DOCUMENTS[DocumentKind.DLU]
    lines = [
        f"DLU-EHPAD-DLU {spec.template_extension}: templateId `{spec.kind.value}`, code `{spec.code}` (LOINC), "
        f"service event `{spec.service_event_code}`, formatCode `{spec.format_code}`.",
        "",
        "| section (`SectionKind`) | CI-SIS templateId | LOINC | title | cardinality | entries |",
        "|---|---|---|---|---|---|",
    ]
    for use in spec.sections:
        section = SECTIONS[use.kind]
        entries = ", ".join(f"`{t.__name__}`" for t in section.entry_types) or "free text (`note`)"
        maximum = "*" if use.max_count is None else str(use.max_count)
        lines.append(
            f"| `{use.kind.name}` | `{use.kind.value}` | `{section.code}` | {section.title} | "
            f"{use.min_count}..{maximum} | {entries} |"
        )
    return "\n".join(lines) + "\n"
