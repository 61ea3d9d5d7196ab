"""Tables of the docs generated from the code, so that docs and code cannot drift.

A docs page holds each generated block between two markers::

    <!-- generated: NAME -->
    ...
    <!-- /generated -->

``GENERATORS`` maps NAME to ``"module:function"``; the function returns the block's Markdown.
``python -m dmpcore._docgen`` rewrites every block of ``docs/``; ``tests/test_docs_generated.py``
fails when a block is stale.
"""

from __future__ import annotations

import importlib
import re
import sys
from collections.abc import Callable
from pathlib import Path

__all__ = ["GENERATORS", "generate", "refresh"]

#: NAME -> "module:function" returning Markdown. Add one line per generated block.
GENERATORS: dict[str, str] = {}
GENERATORS["consent-table"] = "dmpcore.consent._docs:table"
GENERATORS["consent-sentences"] = "dmpcore.consent._docs:sentences"
GENERATORS["consent-basis"] = "dmpcore.consent._docs:basis_table"
GENERATORS["visibility-matrix"] = "dmpcore.visibility._docs:matrix"
GENERATORS["visibility-reasons"] = "dmpcore.visibility._docs:reasons"
GENERATORS["visibility-deposit"] = "dmpcore.visibility._docs:deposit_problems"
GENERATORS["visibility-policy"] = "dmpcore.visibility._docs:policy_switches"
GENERATORS["visibility-roles"] = "dmpcore.visibility._docs:roles"
GENERATORS["xds-dlu-family"] = "dmpcore.xds._docs:dlu_family_table"
GENERATORS["value-sets"] = "dmpcore.valuesets._docs:value_sets_table"
GENERATORS["dlu-sections"] = "dmpcore.dlu._docs:sections_table"
GENERATORS["validation-rules"] = "dmpcore.validation._docs:rules_table"
GENERATORS["validation-volets"] = "dmpcore.validation._docs:volets_table"
GENERATORS["sheet-sections"] = "dmpcore.dlu._sheet_docs:sheets_table"
GENERATORS["api-reference"] = "dmpcore._apidocs:reference"
GENERATORS["api-errors"] = "dmpcore._apidocs:error_codes"
GENERATORS["cli-reference"] = "dmpcore._apidocs:cli_reference"

_BLOCK = re.compile(r"(<!-- generated: (?P<name>[\w.-]+) -->\n)(?P<body>.*?)(<!-- /generated -->)", re.DOTALL)


def generate(name: str) -> str:
    """The Markdown of block *name*, ending with a newline."""
    module, _, function = GENERATORS[name].partition(":")
    produce: Callable[[], str] = getattr(importlib.import_module(module), function)
    return produce().rstrip("\n") + "\n"


def refresh(text: str) -> str:
    """*text* with every generated block rewritten."""
    return _BLOCK.sub(lambda m: m.group(1) + generate(m.group("name")) + m.group(4), text)


def main(docs: Path) -> int:
    for page in sorted(docs.rglob("*.md")):
        old = page.read_text(encoding="utf-8")
        new = refresh(old)
        if new != old:
            page.write_text(new, encoding="utf-8")
            print(f"rewrote {page}")
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main(Path(sys.argv[1] if len(sys.argv) > 1 else "docs")))
