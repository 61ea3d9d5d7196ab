"""Junk in every validator gives InvalidIdentifier, never another exception (python-stdnum's habit)."""

from __future__ import annotations

import contextlib
from collections.abc import Callable

import pytest
from hypothesis import given
from hypothesis import strategies as st

from dmpcore.errors import InvalidIdentifier
from dmpcore.identity import (
    ORGANISATION_ID_OID,
    PROFESSIONAL_ID_OID,
    organisation_id,
    parse_ins,
    parse_national_id,
    professional_id,
)

VALIDATORS: dict[str, Callable[[object], object]] = {
    "ins": lambda v: parse_ins(v),  # type: ignore[arg-type]
    "ins-oid": lambda v: parse_ins("279035121518989", v),  # type: ignore[arg-type]
    "rpps": lambda v: professional_id(rpps=v),  # type: ignore[arg-type]
    "adeli": lambda v: professional_id(adeli=v),  # type: ignore[arg-type]
    "finess": lambda v: organisation_id(finess=v),  # type: ignore[arg-type]
    "siren": lambda v: organisation_id(siren=v),  # type: ignore[arg-type]
    "siret": lambda v: organisation_id(siret=v),  # type: ignore[arg-type]
    "rpps_rang": lambda v: organisation_id(rpps_rang=v),  # type: ignore[arg-type]
    "pp-extension": lambda v: parse_national_id(PROFESSIONAL_ID_OID, v),  # type: ignore[arg-type]
    "pm-extension": lambda v: parse_national_id(ORGANISATION_ID_OID, v),  # type: ignore[arg-type]
    "root": lambda v: parse_national_id(v, "801234567897"),  # type: ignore[arg-type]
}

JUNK: list[object] = [
    None,
    "",
    " ",
    "🙂" * 15,
    "٢٧٩٠٣٥١٢١٥١٨٩٨٩",  # Arabic-Indic digits: str.isdigit() is True for them
    "²79035121518989",
    "9" * 10_000_000,
    b"279035121518989",
    279035121518989,
    ["279035121518989"],
    "\x00" * 15,
]


@pytest.mark.parametrize("junk", JUNK, ids=lambda j: f"{type(j).__name__}:{str(j)[:12]!r}")
@pytest.mark.parametrize("name", sorted(VALIDATORS))
def test_junk_raises_invalid_identifier(name: str, junk: object) -> None:
    with pytest.raises(InvalidIdentifier):
        VALIDATORS[name](junk)


@given(st.one_of(st.text(max_size=30), st.binary(max_size=30), st.none(), st.integers()))
def test_arbitrary_input_never_raises_anything_else(value: object) -> None:
    for validator in VALIDATORS.values():
        with contextlib.suppress(InvalidIdentifier):
            validator(value)
