"""INS parsing: DOMAIN.md §2 (15 characters, key = 97 - (NIR mod 97), Corsica 2A/2B)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st
from tests.strategies import valid_ins_values

from dmpcore.errors import DmpcoreError, InvalidIdentifier
from dmpcore.identity import (
    INS_NIA_OID,
    INS_NIR_DEMO_OID,
    INS_NIR_OID,
    INS_NIR_TEST_OID,
    InsKind,
    is_valid_ins,
    parse_ins,
)

# Real formats: the ANS test INS of the official kit, stdnum's examples, Corsica.
VALID = [
    ("279035121518989", "279035121518989"),
    ("2 79 03 51 215 189 89", "279035121518989"),
    ("295109912611193", "295109912611193"),
    ("253072B07300470", "253072B07300470"),
    ("253072A07300443", "253072A07300443"),
    ("253072a07300443", "253072A07300443"),
    ("1 85 05 78 006 084 91", "185057800608491"),
]


@pytest.mark.parametrize(("raw", "normalised"), VALID)
def test_valid_ins_is_normalised(raw: str, normalised: str) -> None:
    assert parse_ins(raw).value == normalised


@pytest.mark.parametrize(
    ("raw", "code"),
    [
        ("279035121518988", "ins.checksum"),
        ("253072B07300443", "ins.checksum"),  # 2B computed as 18, not 19
        ("253072C07300443", "ins.format"),
        ("27903512151898", "ins.length"),
        ("2790351215189890", "ins.length"),
        ("27903512151898X", "ins.format"),
        ("", "ins.length"),
    ],
)
def test_invalid_ins_has_stable_code(raw: str, code: str) -> None:
    with pytest.raises(InvalidIdentifier) as info:
        parse_ins(raw)
    assert info.value.code == code
    assert isinstance(info.value, ValueError)
    assert isinstance(info.value, DmpcoreError)


@pytest.mark.parametrize(
    ("oid", "kind", "is_test"),
    [
        (INS_NIR_OID, InsKind.NIR, False),
        (INS_NIA_OID, InsKind.NIA, False),
        (INS_NIR_TEST_OID, InsKind.NIR, True),
        (INS_NIR_DEMO_OID, InsKind.NIR, True),
    ],
)
def test_root_gives_kind_and_test_flag(oid: str, kind: InsKind, is_test: bool) -> None:
    ins = parse_ins("279035121518989", oid)
    assert (ins.oid, ins.kind, ins.is_test) == (oid, kind, is_test)


def test_unknown_root_is_refused() -> None:
    with pytest.raises(InvalidIdentifier) as info:
        parse_ins("279035121518989", "1.2.250.1.213.1.4.12")
    assert info.value.code == "ins.oid"


def test_repr_masks_the_number() -> None:
    ins = parse_ins("279035121518989")
    assert "279035121518989" not in repr(ins)
    assert ins.masked() == "***********8989"


@given(valid_ins_values())
def test_format_then_parse_gives_the_same_ins(value: str) -> None:
    """A valid INS survives format then parse."""
    ins = parse_ins(value)
    assert parse_ins(ins.format()) == ins


@given(valid_ins_values(), st.data())
def test_single_character_change_is_rejected(value: str, data: st.DataObject) -> None:
    """Any single-character change of a valid NIR is rejected (the mod-97 key catches every one)."""
    position = data.draw(st.integers(0, 14), label="position")
    alphabet = "0123456789" + ("AB" if position in (5, 6) else "")
    replacement = data.draw(st.sampled_from(alphabet).filter(lambda c: c != value[position]))
    changed = value[:position] + replacement + value[position + 1 :]
    assert not is_valid_ins(changed)


@given(valid_ins_values())
def test_no_message_contains_the_full_number(value: str) -> None:
    """Messages never print a NIR in full (DOMAIN.md §2)."""
    wrong_key = value[:13] + f"{(int(value[13:]) + 1) % 100:02d}"
    for bad in (wrong_key, value + "1", value[:-1], value[:5] + "ZZ" + value[7:]):
        with pytest.raises(InvalidIdentifier) as info:
            parse_ins(bad)
        assert value[:13] not in str(info.value)
        assert bad not in str(info.value)
