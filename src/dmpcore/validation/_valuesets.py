"""Value-set membership for the rules, through :mod:`dmpcore.valuesets` (package data generated from the kit).

When a value set is not shipped, membership is unknown and the rules that need it stay silent
rather than guess.
"""

from __future__ import annotations

import importlib
from functools import cache
from typing import Final

from dmpcore.codes import Code

__all__ = ["IMMUNIZATION_CODES", "INLINE_VALUE_SETS", "is_member"]

#: codes of an immunization entry (substanceAdministration/code): JDV HL7 ActSubstanceAdministrationImmunizationCode
#: (2.16.840.1.113883.5.4) and JDV absent-or-unknown-immunization, as the kit's JDV_ImmunizationCode.sch
#: accepts them (by code); checked against the kit by tests/validation/test_valuesets.py
IMMUNIZATION_CODES: Final = frozenset(
    {"BOOSTER", "IMMUNIZ", "INITIMMUNIZ", "no-immunization-info", "no-known-immunizations"}
)

#: small code lists the rules carry themselves (membership by code only), by name
INLINE_VALUE_SETS: Final = {"immunization-code": IMMUNIZATION_CODES}


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


def is_member(value_set: str, code: str, code_system: str) -> bool | None:
    """Whether (*code*, *code_system*) belongs to *value_set*, or None when the value set is unknown."""
    inline = INLINE_VALUE_SETS.get(value_set)
    if inline is not None:
        return code in inline
    found = _lookup(value_set)
    if found is None:
        return None
    return Code(code=code, code_system=code_system) in found  # type: ignore[operator]
