"""Low-level helpers shared by the CDA writer and reader: tags, timestamps, raw XML."""

from __future__ import annotations

import datetime as dt
import re
from typing import Final

from lxml import etree

from dmpcore.cda._constants import HL7, XSI
from dmpcore.codes import Code
from dmpcore.errors import CdaParseError

__all__ = ["attributes", "code_attrs", "format_ts", "led_children", "local", "parse_ts", "raw_text", "tag"]

_PREFIX: Final = "{" + HL7 + "}"
XSI_TYPE: Final = "{" + XSI + "}type"
_TAGS: dict[str, str] = {}


def tag(name: str) -> str:
    """The Clark name of an HL7 element (cached)."""
    clark = _TAGS.get(name)
    if clark is None:
        clark = _TAGS[name] = _PREFIX + name
    return clark


def local(element: etree._Element) -> str:
    """The local name of an element ('' for comments and processing instructions)."""
    name = element.tag
    if not isinstance(name, str):
        return ""
    return name[len(_PREFIX) :] if name.startswith(_PREFIX) else name


def format_ts(value: dt.date | dt.datetime) -> str:
    """An HL7 TS: ``YYYYMMDD`` for a date, ``YYYYMMDDHHMMSS+ZZZZ`` for an aware datetime, no zone for a naive one.

    The year has four digits, from 0001 (``%Y`` writes year 1 as ``1``: a TS that reads as another date).
    """
    if isinstance(value, dt.datetime):
        text = f"{value.year:04d}{value:%m%d%H%M%S}"
        offset = value.utcoffset()
        if offset is not None:
            minutes = int(offset.total_seconds()) // 60
            sign = "+" if minutes >= 0 else "-"
            text += f"{sign}{abs(minutes) // 60:02d}{abs(minutes) % 60:02d}"
        return text
    return f"{value.year:04d}{value:%m%d}"


_TS = re.compile(r"^(\d{4})(\d{2})?(\d{2})?(\d{2})?(\d{2})?(\d{2})?(?:\.\d+)?([+-]\d{4})?$")


def parse_ts(value: str, where: str = "") -> dt.date | dt.datetime:
    """Read an HL7 TS: a ``date`` up to day precision, a ``datetime`` beyond: aware with the TS's zone, naive
    when the TS states none (no zone is made up: a naive time is written back without one)."""
    match = _TS.match(value.strip())
    if match is None:
        raise CdaParseError(f"not an HL7 timestamp: {value[:30]!r}", code="cda.ts", xpath=where or None)
    year, month, day, hour, minute, second, zone = match.groups()
    try:
        if hour is None:
            return dt.date(int(year), int(month or 1), int(day or 1))
        tz = None
        if zone:
            minutes = int(zone[1:3]) * 60 + int(zone[3:5])
            tz = dt.timezone(dt.timedelta(minutes=-minutes if zone[0] == "-" else minutes))
        return dt.datetime(
            int(year), int(month or 1), int(day or 1), int(hour), int(minute or 0), int(second or 0), tzinfo=tz
        )
    except ValueError:
        raise CdaParseError(f"not a valid date: {value[:30]!r}", code="cda.ts", xpath=where or None) from None


def raw_text(element: etree._Element) -> str:
    """Serialize *element* (without its tail) for keeping it as raw XML."""
    return etree.tostring(element, encoding="unicode", with_tail=False)


def attributes(element: etree._Element) -> dict[str, str]:
    """The attributes of *element* as the writer's nodes carry them: ``xsi:`` for the XSI namespace, and for
    another namespace its prefix and that prefix's declaration (the root declares HL7 and XSI)."""
    attrib: dict[str, str] = {}
    prefixes = {uri: prefix for prefix, uri in element.nsmap.items() if prefix}
    for key, raw_value in element.items():
        name, value = etree.QName(key), str(raw_value)
        if name.namespace is None:
            attrib[name.localname] = value
        elif name.namespace == XSI:
            attrib["xsi:" + name.localname] = value
        else:
            prefix = prefixes[name.namespace]
            attrib[f"xmlns:{prefix}"] = name.namespace
            attrib[f"{prefix}:{name.localname}"] = value
    return attrib


def led_children(
    element: etree._Element,
) -> tuple[list[tuple[list[etree._Element], etree._Element]], list[etree._Element]]:
    """The child elements of *element*, each with the comments and processing instructions just before it,
    and those after the last one."""
    led: list[tuple[list[etree._Element], etree._Element]] = []
    pending: list[etree._Element] = []
    for child in element:
        if isinstance(child.tag, str):
            led.append((pending, child))
            pending = []
        else:
            pending.append(child)
    return led, pending


def code_attrs(code: Code) -> dict[str, str]:
    """The attributes of a CD element for *code*."""
    attrs = {"code": code.code, "codeSystem": code.code_system}
    if code.display:
        attrs["displayName"] = code.display
    return attrs
