"""Generated docs tables of the shipped value sets (see ``dmpcore._docgen``)."""

from __future__ import annotations

from dmpcore.valuesets._store import all_value_sets

__all__ = ["value_sets_table"]


def value_sets_table() -> str:
    """The Markdown table of ``docs/value-sets.md``: every shipped value set with its OID, size and aliases."""
    rows = [
        "| value set | OID | codes | short names | bound by the kit at |",
        "|---|---|---:|---|---|",
    ]
    for vs in all_value_sets():
        aliases = ", ".join(f"`{alias}`" for alias in vs.aliases if not alias.startswith("jdv-"))
        schematrons = ", ".join(sorted({b.schematron.removeprefix("CI-SIS_") for b in vs.bindings})) or "-"
        rows.append(f"| `{vs.name}` | `{vs.oid}` | {len(vs)} | {aliases} | {schematrons} |")
    return "\n".join(rows) + "\n"
