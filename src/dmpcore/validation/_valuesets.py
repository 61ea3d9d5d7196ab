"""Value-set membership for the rules, through :mod:`dmpcore.valuesets` (package data generated from the kit).

When a value set is not shipped, membership is unknown and the rules that need it stay silent
rather than guess. An empty code or code system is not a membership question either: the rules
report the missing attribute themselves (a :class:`~dmpcore.codes.Code` cannot be empty).
"""

from __future__ import annotations

import importlib
from collections.abc import Iterator
from functools import cache
from typing import Final

from lxml import etree

from dmpcore.codes import Code
from dmpcore.validation._registry import Finding

__all__ = [
    "IMMUNIZATION_CODES",
    "IMMUNIZATION_ROUTES",
    "INLINE_VALUE_SETS",
    "VITAL_SIGN_CODES",
    "coded_findings",
    "is_member",
]

#: codes of an immunization entry (substanceAdministration/code): JDV HL7 ActSubstanceAdministrationImmunizationCode
#: (2.16.840.1.113883.5.4) and JDV absent-or-unknown-immunization, as the kit's JDV_ImmunizationCode.sch
#: accepts them (by code); checked against the kit by tests/validation/test_valuesets.py
IMMUNIZATION_CODES: Final = frozenset(
    {"BOOSTER", "IMMUNIZ", "INITIMMUNIZ", "no-immunization-info", "no-known-immunizations"}
)

_LOINC: Final = "2.16.840.1.113883.6.1"
_EDQM: Final = "0.4.0.127.0.16.1.1.2.1"
#: the vital signs of an IHE PCC Vital Signs Observation (its code): JDV Signe Vital CISIS (1.2.250.1.213.1.1.5.171,
#: jdv-signe-vital-cisis.xml), as the kit's JDV_vitalSignCode.sch binds it; (code, code system)
VITAL_SIGN_CODES: Final = frozenset(
    (code, _LOINC)
    for code in (
        "20564-1", "29463-7", "39156-5", "8280-0", "8287-5", "8302-2", "8306-3", "8310-5", "8462-4", "8480-6",
        "8867-4", "9271-8", "9272-6", "9274-2", "9279-1",
    )
)  # fmt: skip
#: the routes of an immunization (substanceAdministration/routeCode): jdv-immunization-route-code-cisis.xml
#: (EDQM standard terms), as the kit's JDV_substanceAdministration_ImmunizationRouteCodes.sch binds it
IMMUNIZATION_ROUTES: Final = frozenset(
    (code, _EDQM) for code in ("20020000", "20030000", "20035000", "20053000", "20066000")
)

#: small code lists the rules carry themselves, by name: codes (membership by code only) or (code, code
#: system) pairs (membership by both); checked against the kit by tests/validation/test_valuesets.py
INLINE_VALUE_SETS: Final[dict[str, frozenset[str] | frozenset[tuple[str, str]]]] = {
    "immunization-code": IMMUNIZATION_CODES,
    "vital-sign-code": VITAL_SIGN_CODES,
    "immunization-route": IMMUNIZATION_ROUTES,
}


@cache
def _lookup(name_or_oid: str) -> object | None:
    try:
        valuesets = importlib.import_module("dmpcore.valuesets")
    except ImportError:  # pragma: no cover - dmpcore.valuesets ships with the package
        return None
    try:
        found: object = valuesets.value_set(name_or_oid)
    except (LookupError, ValueError):
        return None
    return found


def is_member(value_set: str, code: str | None, code_system: str | None = None) -> bool | None:
    """Whether *code* of *code_system* belongs to *value_set*; None when that cannot be told.

    Without *code_system* the membership is by code alone, as the kit's structuration minimale tests
    it (``conceptList/concept/@code`` of its ART-DECOR value sets). None when the value set is not
    shipped, or when *code* or the given *code_system* is empty or blank.
    """
    code = (code or "").strip()
    if not code or (code_system is not None and not code_system.strip()):
        return None
    inline = INLINE_VALUE_SETS.get(value_set)
    if inline is not None:
        return _inline_member(inline, code, code_system)
    found = _lookup(value_set)
    if found is None:
        return None
    if code_system is None:
        return any(member.code == code for member in found)  # type: ignore[attr-defined]
    return Code(code=code, code_system=code_system.strip()) in found  # type: ignore[operator]


def _inline_member(members: frozenset[str] | frozenset[tuple[str, str]], code: str, system: str | None) -> bool:
    if all(isinstance(member, str) for member in members):
        return code in members
    pairs = [member for member in members if isinstance(member, tuple)]
    return any(member[0] == code and (system is None or member[1] == system.strip()) for member in pairs)


#: the nullFlavors a binding that allows one accepts (abstract/dansJeuDeValeurs.sch, parameter nullFlavor=1)
_NULL_FLAVORS: Final = frozenset({"UNK", "NA", "NASK", "ASKU", "NI", "NAV", "MSK", "OTH", "NINF", "PINF", "TRC"})


def coded_findings(
    element: etree._Element,
    *,
    what: str,
    value_set: str,
    label: str | None = None,
    by_code: bool = False,
    null_flavor: bool = False,
) -> Iterator[Finding]:
    """The faults of a required coded *element* bound to *value_set*, no nullFlavor allowed unless *null_flavor*.

    As the kit's ``abstract/dansJeuDeValeurs.sch`` (parameter nullFlavor=0 or 1) tests it: @code and
    @codeSystem present (or, with *null_flavor*, one of the nullFlavors CDA allows), then membership (by
    code only with *by_code*). *label* names the value set in the messages (its OID by default).
    """
    code, system = (element.get("code") or "").strip(), (element.get("codeSystem") or "").strip()
    if null_flavor and element.get("nullFlavor") in _NULL_FLAVORS:
        return
    if element.get("nullFlavor") is not None or not code or not system:
        yield Finding(
            fr=f"{what} doit avoir @code et @codeSystem (nullFlavor interdit)",
            en=f"{what} must have @code and @codeSystem (no nullFlavor)",
            element=element,
        )
    elif is_member(value_set, code, None if by_code else system) is False:
        name = label or value_set
        yield Finding(
            fr=f"{what} [{code:.20}:{system:.40}] hors du jeu de valeurs {name}",
            en=f"{what} [{code:.20}:{system:.40}] is not in value set {name}",
            element=element,
        )
