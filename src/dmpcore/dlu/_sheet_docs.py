"""Docs table of the liaison sheets' sections, generated from the registry (see :mod:`dmpcore._docgen`)."""

from __future__ import annotations

from dmpcore.dlu._registry import DOCUMENTS, SECTIONS, DocumentKind, SectionKind

__all__ = ["sheets_table"]

_NAMES = {
    DocumentKind.FLUDT: "DLU-EHPAD-FLUDT",
    DocumentKind.FLUDR: "DLU-EHPAD-FLUDR",
    DocumentKind.FT_SU: "DLU-FT-SU",
    DocumentKind.FR_SU: "DLU-FR-SU",
}


def sheets_table() -> str:
    """For each sheet: its codes, then its sections with templateId, code, cardinality and entries."""
    lines: list[str] = []
    for kind, name in _NAMES.items():
        spec = DOCUMENTS[kind]
        lines += [
            f"**{name} {spec.template_extension}** (`DocumentKind.{kind.name}`): templateId `{kind.value}`, "
            f"code `{spec.code}`, service event `{spec.service_event_code}`, encounter `{spec.encounter_code[0]}`, "
            f"formatCode `{spec.format_code or 'not yet published'}`.",
            "",
            "| section (`SectionKind`) | CI-SIS templateId | code | cardinality | entries |",
            "|---|---|---|---|---|",
        ]
        for use in spec.sections:
            maximum = "*" if use.max_count is None else str(use.max_count)
            lines.append(_row(use.kind, f"{use.min_count}..{maximum}"))
            lines.extend(_row(other, f"instead of `{use.kind.name}`") for other in use.alternatives)
        lines.append("")
    return "\n".join(lines)


def _row(kind: SectionKind, cardinality: str) -> str:
    section = SECTIONS[kind]
    entries = ", ".join(f"`{t.__name__}`" for t in section.entry_types) or "free text (`note`)"
    return f"| `{kind.name}` | `{kind.value}` | `{section.code}` | {cardinality} | {entries} |"
