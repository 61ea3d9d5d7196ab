"""Loading the shipped value sets: lazily, once per process."""

from __future__ import annotations

import difflib
import json
from functools import cache
from typing import Any

from dmpcore._resources import data_path
from dmpcore.codes import Code
from dmpcore.valuesets._model import Binding, UnknownValueSet, ValueSet

__all__ = ["all_value_sets", "names", "value_set"]

DATA_FILE = "valuesets.json"


@cache
def _raw() -> dict[str, dict[str, Any]]:
    """Canonical name -> raw JSON record, read once."""
    with data_path(DATA_FILE).open(encoding="utf-8") as handle:
        document = json.load(handle)
    return {record["name"]: record for record in document["value_sets"]}


@cache
def _keys() -> dict[str, str]:
    """Case-folded name, alias or OID -> canonical name."""
    keys: dict[str, str] = {}
    for name, record in _raw().items():
        for key in (name, record["oid"], *record["aliases"]):
            keys[key.casefold()] = name
    return keys


@cache
def _build(name: str) -> ValueSet:
    record = _raw()[name]
    return ValueSet(
        name=name,
        oid=record["oid"],
        codes=tuple(Code(code=code, code_system=system, display=display) for code, system, display in record["codes"]),
        aliases=tuple(record["aliases"]),
        title=record["title"],
        version=record["version"],
        revision_date=record["revision_date"],
        bindings=tuple(Binding(**binding) for binding in record["bindings"]),
    )


def names() -> tuple[str, ...]:
    """The canonical names of every shipped value set, sorted without regard to case.

    >>> "JDV_ObservationEtatPatient_CISIS" in names()
    True
    """
    return tuple(_raw())


def value_set(name_or_oid: str) -> ValueSet:
    """The shipped value set named *name_or_oid*: its canonical name (``JDV_J02_XdsHealthcareFacilityTypeCode_CISIS``),
    a short alias (``J02``, ``XdsHealthcareFacilityTypeCode``, ``ChecklistDLU``), the kit's file name
    (``jdv-checklist-dlu-cisis``) or its OID. Case does not matter. The same object is returned each time.

    >>> value_set("checklistdlu").name
    'JDV_ChecklistDLU_CISIS'
    >>> value_set("J99")
    Traceback (most recent call last):
        ...
    dmpcore.valuesets._model.UnknownValueSet: no value set named 'J99' ships with dmpcore ...
    """
    if not isinstance(name_or_oid, str):
        raise UnknownValueSet(f"a value set name or OID must be a str (got {type(name_or_oid).__name__})")
    key = name_or_oid.strip().removesuffix(".xml").casefold()
    canonical = _keys().get(key)
    if canonical is None:
        close = difflib.get_close_matches(key, _keys(), n=3, cutoff=0.6)
        hint = f"; did you mean {', '.join(sorted({_keys()[c] for c in close}))}?" if close else ""
        raise UnknownValueSet(
            f"no value set named {name_or_oid!r:.80} ships with dmpcore (see dmpcore.valuesets.names()){hint}"
        )
    return _build(canonical)


def all_value_sets() -> tuple[ValueSet, ...]:
    """Every shipped value set, in the order of :func:`names`."""
    return tuple(_build(name) for name in _raw())
