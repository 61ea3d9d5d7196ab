"""HL7 data types (time stamps, UUIDs, URLs), as the official kit checks them and as HL7 defines them.

The kit checks the calendar dates of the header only: the structuration minimale types some header
elements TS or IVL_TS and applies the ART-DECOR data-type rules ``dtr1-2-TS`` (``DTr1_TS.sch``) and
``dtr1-9-IVL_TS`` (``DTr1_IVL_TS.sch``, on ``low``, ``center`` and ``high``). Those rules cut the value
into its parts, rebuild an ``xs:dateTime`` and test that it is castable; they accept more than HL7 says
(a zone of one or two digits, ``+01``), and the two differ on the zone. :func:`kit_ts_valid` and
:func:`kit_ivl_bound_valid` restate them; :func:`hl7_ts_problem` is HL7's own, stricter, definition
(``datatypes-base.xsd`` documentation: ``YYYYMMDDhhmmss.SSSS+ZZzz`` with the zone after an hour).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta, timezone
from typing import Final

from lxml import etree

__all__ = [
    "hl7_ts_problem",
    "is_lower_case_uuid",
    "is_uuid",
    "kit_ivl_bound_instant",
    "kit_ivl_bound_valid",
    "kit_schema_valid",
    "kit_ts_valid",
    "points_in_time",
]

# HL7 v3 TS: YYYY[MM[DD[HH[MM[SS[.UUUU]]]]]] with an optional UTC offset of four digits
_TS: Final = re.compile(r"^(\d{4})(\d{2})?(\d{2})?(\d{2})?(\d{2})?(\d{2})?(\.\d{1,4})?([+-]\d{4})?$")
# the ts pattern of the kit's CDA schema (infrastructure/cda/general/datatypes-base.xsd), anchored as in XSD
_KIT_SCHEMA_TS: Final = re.compile(r"^(?:[0-9]{1,8}|(?:[0-9]{9,14}|[0-9]{14}\.[0-9]+)(?:[+\-][0-9]{1,4})?)\Z")
# a UUID with a lower-case hexadecimal digit: DTr1_II.sch dtr1-13-II (HL7 V3 DT R1 wants upper case)
_UUID: Final = re.compile(r"^[A-Fa-f\d]{8}-[A-Fa-f\d]{4}-[A-Fa-f\d]{4}-[A-Fa-f\d]{4}-[A-Fa-f\d]{12}$")
_XSI_TYPE: Final = "{http://www.w3.org/2001/XMLSchema-instance}type"
_DATE_TAGS: Final = frozenset(
    {f"{{urn:hl7-org:v3}}{name}" for name in ("effectiveTime", "time", "birthTime")}
    | {"{urn:hl7-org:sdtc}deceasedTime"}
)
_BOUNDS: Final = frozenset(f"{{urn:hl7-org:v3}}{name}" for name in ("low", "center", "high"))
_INTEGER: Final = re.compile(r"^\s*[+-]?[0-9]+\s*$")  # castable as xs:integer
# xs:dateTime (XSD 1.1 lexical space, as Saxon casts it)
_DATETIME: Final = re.compile(r"^-?(\d{4,})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(\.\d+)?(Z|[+-](\d{2}):(\d{2}))?$")
_TS_ZONE: Final = re.compile(r"^-?[^+-]+([+-]\d{1,4})?\Z")  # DTr1_TS.sch: replace(..., '$1')
_IVL_ZONE: Final = re.compile(r"-?[^+-]+([+-].*)?\Z")  # DTr1_IVL_TS.sch, not anchored at the start
_BASE: Final = re.compile(r"^-?([^+-]+)([+-].*)?")  # both: the value without its sign and zone


def points_in_time(root: etree._Element) -> Iterator[etree._Element]:
    """Every point in time under *root*: the TS and IVL_TS elements and their bounds (not PIVL_TS, EIVL_TS)."""
    for element in root.iter(_DATE_TAGS):
        if element.get(_XSI_TYPE, "TS").rpartition(":")[2] in ("TS", "IVL_TS"):
            yield element
            yield from element.iterchildren(_BOUNDS)


def is_uuid(value: str) -> bool:
    """Whether *value* is a UUID, in either case (``DTr1_II.sch``: ``^[A-Fa-f\\d]{8}-...$``)."""
    return _UUID.match(value) is not None


def is_lower_case_uuid(value: str) -> bool:
    """Whether *value* is a UUID with a lower-case hexadecimal digit (``dtr1-13-II``)."""
    return _UUID.match(value) is not None and value != value.upper()


def kit_schema_valid(value: str) -> bool:
    """Whether the kit's CDA schema accepts *value* as a ts (1-8 digits, or 9-14 digits and a zone of 1-4)."""
    return _KIT_SCHEMA_TS.match(value) is not None


def hl7_ts_problem(value: str) -> tuple[str, str] | None:
    """Why *value* is not an HL7 TS of a real calendar date (French, English), or None when it is one."""
    match = _TS.match(value)
    if match is None:
        return ("n'est pas une date HL7 (AAAAMMJJhhmmss+zzzz)", "is not an HL7 date (YYYYMMDDhhmmss+zzzz)")
    year, month, day, hour, minute, second = (int(g) if g else None for g in match.groups()[:6])
    if match.group(8) and hour is None:
        return ("porte un décalage horaire sans heure", "has a time zone without an hour")
    try:
        datetime(year or 1, month or 1, day or 1, hour or 0, minute or 0, second or 0)
    except ValueError:
        return ("n'est pas une date du calendrier", "is not a calendar date")
    return None


def kit_ts_valid(value: str) -> bool:
    """``dtr1-2-TS``: the value as the kit's TS rule accepts it (the zone padded with zeros)."""
    zone = _TS_ZONE.sub(r"\1", value)
    padded = zone + "0000"
    parts = (padded[:3], padded[3:5]) if zone else ()
    return _kit_valid(value, zone, parts)


def kit_ivl_bound_valid(value: str) -> bool:
    """``dtr1-9-IVL_TS``: a ``low``, ``center`` or ``high`` value as the kit's IVL_TS rule accepts it."""
    rebuilt, stamp = _ivl_stamp(value)
    return value == rebuilt and _castable_as_datetime(stamp)


def kit_ivl_bound_instant(value: str) -> datetime | None:
    """The instant ``dtr1-7-IVL_TS`` compares for a bound (missing parts defaulted, UTC when no zone), or None.

    None when the kit cannot cast it to an xs:dateTime, or when Python cannot hold it (a year before 1
    or after 9999): the kit's comparison is then not made, or not restated.
    """
    stamp = _ivl_stamp(value)[1]
    match = _DATETIME.match(stamp)
    bc = stamp.startswith("-")
    if match is None or bc or not _castable_as_datetime(stamp) or not 1 <= int(match.group(1)) <= 9999:
        return None
    year, month, day, hour, minute, second = (int(g) for g in match.groups()[:6])
    micro = int((match.group(7) or ".0")[1:7].ljust(6, "0"))
    zone = UTC  # Saxon's implicit time zone on this kit's runs: the machine's, UTC
    if match.group(9) is not None:
        offset = timedelta(hours=int(match.group(9)), minutes=int(match.group(10)))
        zone = timezone(-offset if match.group(8).startswith("-") else offset)
    midnight = timedelta(days=1) if hour == 24 else timedelta()
    return datetime(year, month, day, hour % 24, minute, second, micro, zone) + midnight


def _ivl_stamp(value: str) -> tuple[str, str]:
    zone = _IVL_ZONE.sub(r"\1", value, count=1)
    parts = tuple(part for part in (zone[:3], zone[3:] if len(zone) > 3 else "") if part)
    return _kit_stamp(value, zone, parts)


def _kit_valid(value: str, zone: str, zone_parts: tuple[str, ...]) -> bool:
    rebuilt, stamp = _kit_stamp(value, zone, zone_parts)
    return value == rebuilt and _castable_as_datetime(stamp)


def _kit_stamp(value: str, zone: str, zone_parts: tuple[str, ...]) -> tuple[str, str]:
    """The shared part of the two rules: the value rebuilt from its parts, and the xs:dateTime they make."""
    sign = "-" if value.startswith("-") else ""
    base = _BASE.sub(r"\1", value, count=1)
    parts = [base[i : i + 2] if _INTEGER.match(base[i : i + 2]) else "" for i in range(0, 14, 2)]
    fraction = base[14:] if _INTEGER.match(base[15:]) else ""
    defaults = ("00", "00", "01", "01", "00", "00", "00")
    century, year, month, day, hour, minute, second = (p or d for p, d in zip(parts, defaults, strict=True))
    stamp = f"{sign}{century}{year}-{month}-{day}T{hour}:{minute}:{second}{fraction}{':'.join(zone_parts)}"
    return sign + "".join(parts) + fraction + zone, stamp


def _castable_as_datetime(text: str) -> bool:
    match = _DATETIME.match(text)
    if match is None:
        return False
    year, month, day, hour, minute, second = (int(g) for g in match.groups()[:6])
    fraction = match.group(7) or ""
    if len(match.group(1)) > 4 and match.group(1).startswith("0"):
        return False
    if not (1 <= month <= 12 and 1 <= day <= _days_in(year, month)):
        return False
    if hour == 24:
        midnight = minute == 0 and second == 0 and not fraction.strip(".0")
        return midnight and _zone_valid(match)
    return hour <= 23 and minute <= 59 and second <= 59 and _zone_valid(match)


def _days_in(year: int, month: int) -> int:
    """Days in *month* of the proleptic Gregorian *year* (year 0 is 1 BCE, a leap year, as in XSD 1.1)."""
    if month == 2:
        return 29 if year % 4 == 0 and (year % 100 != 0 or year % 400 == 0) else 28
    return 30 if month in (4, 6, 9, 11) else 31


def _zone_valid(match: re.Match[str]) -> bool:
    if match.group(9) is None:
        return True
    hours, minutes = int(match.group(9)), int(match.group(10))
    return minutes <= 59 and (hours < 14 or (hours == 14 and minutes == 0))
