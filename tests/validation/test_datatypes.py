"""HL7 time stamps as the kit's data-type rules test them (dtr1-2-TS, dtr1-9-IVL_TS) and as HL7 defines them."""

from __future__ import annotations

from datetime import datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from dmpcore.validation._datatypes import (
    hl7_ts_problem,
    is_lower_case_uuid,
    kit_ivl_bound_valid,
    kit_schema_valid,
    kit_ts_valid,
)

# (value, dtr1-2-TS, dtr1-9-IVL_TS, HL7): what DTr1_TS.sch and DTr1_IVL_TS.sch compute, by hand
_TABLE = [
    ("20200327153500+0100", True, True, True),
    ("20200327153500.1234-0500", True, True, True),
    ("2020", True, True, True),
    ("202003", True, True, True),
    ("20200327", True, True, True),
    # DTr1_TS pads a short zone with zeros (+01 -> +01:00); DTr1_IVL_TS does not (+01 is no xs:dateTime zone)
    ("20200327153500+01", True, False, False),
    ("20200327153500+1", True, False, False),
    # a zone on a date: both rules accept it (the kit's schema does not)
    ("20200327+0100", True, True, False),
    ("2020032", False, False, False),  # the day of one digit: no xs:dateTime
    ("20200231", False, False, False),
    ("20201341", False, False, False),
    ("20200327253500+0100", False, False, False),
    ("20200327240000+0100", True, True, False),  # 24:00:00 is an xs:dateTime
    ("20000229", True, True, True),
    ("19000229", False, False, False),
    ("2020-03-27T15:35:00", False, False, False),
    ("20200327153500.12345", True, True, False),  # HL7 R1: at most four fraction digits (.UUUU)
]


@pytest.mark.parametrize(("value", "ts", "ivl", "hl7"), _TABLE)
def test_time_stamps_as_the_kit_and_hl7_test_them(value: str, ts: bool, ivl: bool, hl7: bool) -> None:
    assert kit_ts_valid(value) is ts
    assert kit_ivl_bound_valid(value) is ivl
    assert (hl7_ts_problem(value) is None) is hl7


@pytest.mark.parametrize(
    ("value", "valid"),
    [("2020032", True), ("20200327153500+1", True), ("20200327+0100", False), ("2020-03-27", False), ("", False)],
)
def test_the_kits_schema_pattern(value: str, valid: bool) -> None:
    """datatypes-base.xsd: ``[0-9]{1,8}|([0-9]{9,14}|[0-9]{14,14}\\.[0-9]+)([+\\-][0-9]{1,4})?``."""
    assert kit_schema_valid(value) is valid


@given(st.datetimes(), st.sampled_from(["+0100", "-0500", "+0000"]))
def test_every_real_instant_is_a_time_stamp_for_all(moment: datetime, zone: str) -> None:
    """A real instant written YYYYMMDDhhmmss+ZZzz passes the three definitions."""
    value = f"{moment.year:04d}{moment:%m%d%H%M%S}{zone}"
    assert kit_ts_valid(value)
    assert kit_ivl_bound_valid(value)
    assert hl7_ts_problem(value) is None


@given(st.text(max_size=30))
def test_the_kits_rules_never_accept_what_hl7_and_the_schema_refuse_for_other_reasons(value: str) -> None:
    """Whatever the kit's TS rule accepts and its schema's pattern accepts is made of digits and a sign."""
    if kit_ts_valid(value) and kit_schema_valid(value):
        assert set(value) <= set("0123456789+-.")


@pytest.mark.parametrize(
    ("root", "lower"),
    [
        ("8f14e45f-ceea-467a-9af0-0123456789ab", True),
        ("8F14E45F-CEEA-467A-9AF0-0123456789AB", False),
        ("12345678-1234-1234-1234-123456789012", False),
        ("1.2.250.1.213.1.1.9", False),
    ],
)
def test_lower_case_uuids(root: str, lower: bool) -> None:
    """dtr1-13-II: a UUID with a lower-case hexadecimal digit (HL7 V3 Data Types R1 want upper case)."""
    assert is_lower_case_uuid(root) is lower
