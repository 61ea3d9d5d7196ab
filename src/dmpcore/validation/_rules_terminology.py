"""Terminology rules: a code of a terminology dmpcore carries names one of its concepts; a unit is UCUM.

Source: the kit's ``profils/terminologies/schematron/terminologie.sch`` (every ``code``, and every
``value`` typed CD or CE, of a shipped terminology must exist in it; every PQ unit must be a UCUM
code). dmpcore ships the CI-SIS terminology, CIM-10 and the UCUM units (``scripts/gen_terminologies.py``);
the other large ones (CCAM, CIM-11, EMDN...) are checked by the kit mode only.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from functools import cache
from typing import Any, Final

from dmpcore._resources import data_path
from dmpcore.validation._context import Document
from dmpcore.validation._registry import Finding, rule

__all__ = ["terminology", "ucum_units"]

_XSI_TYPE: Final = "{http://www.w3.org/2001/XMLSchema-instance}type"
_SOURCE: Final = "CI-SIS terminologies (profils/terminologies/schematron/terminologie.sch"
# the quantities whose unit the kit looks up in UCUM (its rules is-code-ucum-exist; the rule on
# maxDoseQuanity, so spelt in the kit, matches no CDA element)
_UNITS: Final = (
    ".//cda:value[@xsi:type='PQ' or @xsi:type='c:PQ']"
    " | .//cda:value[@xsi:type='IVL_PQ' or @xsi:type='c:IVL_PQ']/cda:low"
    " | .//cda:value[@xsi:type='IVL_PQ' or @xsi:type='c:IVL_PQ']/cda:high"
    " | .//cda:substanceAdministration//cda:doseQuantity/cda:low"
    " | .//cda:substanceAdministration//cda:doseQuantity/cda:high"
    " | .//cda:substanceAdministration//cda:rateQuantity/cda:low"
    " | .//cda:substanceAdministration//cda:rateQuantity/cda:high"
)
# what the kit removes from a unit before looking it up: replace(@unit, '\{.[a-z]*.\}', '')
_ANNOTATION: Final = re.compile(r"\{.[a-z]*.\}")


@cache
def _data() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(data_path("terminologies.json").read_text(encoding="utf-8"))
    return data


@cache
def _terminologies() -> dict[str, tuple[str, frozenset[str]]]:
    return {t["oid"]: (t["name"], frozenset(t["codes"])) for t in _data()["terminologies"]}


@cache
def ucum_units() -> frozenset[str]:
    """The UCUM codes the kit knows (``2.16.840.1.113883.6.8.xml``)."""
    return frozenset(_data()["ucum"]["units"])


def terminology(oid: str) -> frozenset[str] | None:
    """The codes of the terminology *oid*, when dmpcore carries it."""
    found = _terminologies().get(oid)
    return found[1] if found else None


@rule(
    "TERM-001",
    category="terminology",
    summary="A code of the CI-SIS terminology (1.2.250.1.213.1.1.4.322) or of CIM-10 (2.16.840.1.113883.6.3) names "
    "one of its concepts.",
    reference=_SOURCE + "; TerminologieCISIS, CIM-10 of the ATIH)",
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


@rule(
    "TERM-002",
    category="terminology",
    summary="The unit of a physical quantity (a PQ value, the bounds of an IVL_PQ value, of a dose or rate "
    "quantity) is a UCUM code, once its annotations ({...}) are removed.",
    reference=_SOURCE + "; UCUM, 2.16.840.1.113883.6.8)",
)
def _units_exist(document: Document) -> Iterator[Finding]:
    units = ucum_units()
    for element in document.xpath(_UNITS):
        unit = _ANNOTATION.sub("", element.get("unit", ""))
        if unit and unit not in units:
            yield Finding(
                fr=f"l'unité {unit[:30]!r} n'est pas une unité UCUM",
                en=f"unit {unit[:30]!r} is not a UCUM unit",
                element=element,
            )
