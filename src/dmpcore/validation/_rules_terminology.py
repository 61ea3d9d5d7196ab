"""Terminology rule: a code of a terminology dmpcore carries names one of its concepts.

Source: the kit's ``profils/terminologies/schematron/terminologie.sch`` (every ``code``, and every
``value`` typed CD or CE, of a shipped terminology must exist in it). dmpcore ships the CI-SIS
terminology (``scripts/gen_terminologies.py``); the large ones are checked by the kit mode only.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from functools import cache
from typing import Final

from dmpcore._resources import data_path
from dmpcore.validation._context import Document
from dmpcore.validation._registry import Finding, rule

__all__ = ["terminology"]

_XSI_TYPE: Final = "{http://www.w3.org/2001/XMLSchema-instance}type"


@cache
def _terminologies() -> dict[str, tuple[str, frozenset[str]]]:
    data = json.loads(data_path("terminologies.json").read_text(encoding="utf-8"))
    return {t["oid"]: (t["name"], frozenset(t["codes"])) for t in data["terminologies"]}


def terminology(oid: str) -> frozenset[str] | None:
    """The codes of the terminology *oid*, when dmpcore carries it."""
    found = _terminologies().get(oid)
    return found[1] if found else None


@rule(
    "TERM-001",
    category="terminology",
    summary="A code of the CI-SIS terminology (1.2.250.1.213.1.1.4.322) names one of its concepts.",
    reference="CI-SIS terminologies (profils/terminologies/schematron/terminologie.sch; TerminologieCISIS)",
)
def _codes_exist(document: Document) -> Iterator[Finding]:
    known = _terminologies()
    candidates = document.xpath(
        ".//cda:code[@codeSystem] | .//cda:value[@xsi:type='CD' or @xsi:type='CE'][@codeSystem]"
    )
    for element in candidates:
        entry = known.get(element.get("codeSystem", ""))
        if entry is None:
            continue
        name, codes = entry
        code = element.get("code", "")
        if code not in codes:
            yield Finding(
                fr=f"le code {code[:30]!r} n'existe pas dans la terminologie {name}",
                en=f"code {code[:30]!r} does not exist in terminology {name}",
                element=element,
            )
