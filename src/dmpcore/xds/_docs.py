"""Docs tables of dmpcore.xds generated from the code (see :mod:`dmpcore._docgen`)."""

from __future__ import annotations

from dmpcore.xds import constants as c

__all__ = ["dlu_family_table"]


def dlu_family_table() -> str:
    """The DLU family and the XDS codes each model implies."""
    lines = [
        "| model | templateId | typeCode (LOINC) | classCode | formatCode |",
        "|---|---|---|---|---|",
    ]
    for model in c.DLU_FAMILY.values():
        fmt = f"`{model.format_code.code}`" if model.format_code else "not yet published: pass `format_code=`"
        lines.append(
            f"| {model.name} {model.version} | `{model.template_id}` | {model.type_code.code} "
            f"| {c.CLASS_CODE_SYNTHESE.code} {c.CLASS_CODE_SYNTHESE.display} | {fmt} |"
        )
    return "\n".join(lines) + "\n"
