"""HL7 v2 encodings used in XDS metadata values: CX, XCN, XON, coded values and timestamps.

IHE ITI TF-3 §4.2.3.1.7 (data types) and the French extension (CI-SIS *Volet Partage de Documents de
Santé*): ``^`` separates components, ``&`` sub-components; both are escaped inside a value
(``\\S\\``, ``\\T\\``, with ``\\F\\``, ``\\R\\`` and ``\\E\\`` for ``|``, ``~`` and ``\\``).

>>> to_cx(PatientId(value="279035121518989", root="1.2.250.1.213.1.4.10", type_code="NH"))
'279035121518989^^^&1.2.250.1.213.1.4.10&ISO^NH'
>>> from_cx("279035121518989^^^&1.2.250.1.213.1.4.10&ISO^NH").root
'1.2.250.1.213.1.4.10'
>>> cda_time_to_xds("20200327153500+0100")
'20200327143500'
"""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta
from typing import Final

from dmpcore import oids
from dmpcore.codes import Code
from dmpcore.xds import constants as c
from dmpcore.xds._errors import MetadataError
from dmpcore.xds._model import Identifier, Institution, PatientId, PatientName, Person, SourcePatientInfo

__all__ = [
    "cda_time_to_xds",
    "escape",
    "from_coded",
    "from_cx",
    "from_xcn",
    "from_xon",
    "patient_info_from_values",
    "patient_info_values",
    "to_coded",
    "to_cx",
    "to_xcn",
    "to_xon",
    "unescape",
]

_ESCAPES: Final = (("\\", "\\E\\"), ("|", "\\F\\"), ("^", "\\S\\"), ("&", "\\T\\"), ("~", "\\R\\"))
_UNESCAPE: Final = re.compile(r"\\([EFSTR])\\")
_UNESCAPED: Final = {"E": "\\", "F": "|", "S": "^", "T": "&", "R": "~"}


def escape(value: str) -> str:
    """*value* with the HL7 v2 delimiters escaped.

    >>> escape("A^B&C")
    'A\\\\S\\\\B\\\\T\\\\C'
    """
    for raw, escaped in _ESCAPES:
        value = value.replace(raw, escaped)
    return value


def unescape(value: str) -> str:
    """The inverse of :func:`escape`."""
    return _UNESCAPE.sub(lambda m: _UNESCAPED[m.group(1)], value)


def _components(text: str, count: int, what: str) -> list[str]:
    if not isinstance(text, str) or len(text) > 4096:
        raise MetadataError(f"expected an HL7 v2 {what} value, got {type(text).__name__}", code="xds.hl7v2")
    parts = text.split("^")
    if len(parts) > count:
        raise MetadataError(f"an HL7 v2 {what} has at most {count} components, got {len(parts)}", code="xds.hl7v2")
    return parts + [""] * (count - len(parts))


def _authority(oid: str) -> str:
    return f"&{escape(oid)}&ISO"


def _parse_authority(text: str, what: str) -> str:
    parts = text.split("&")
    if len(parts) != 3 or parts[0] or parts[2] != "ISO" or not parts[1]:
        raise MetadataError(f"an HL7 v2 {what} needs an assigning authority '&OID&ISO'", code="xds.hl7v2")
    return unescape(parts[1])


def _opt(value: str) -> str | None:
    return unescape(value) if value else None


def to_cx(patient_id: PatientId) -> str:
    """``value^^^&root&ISO^type``: a patientId, sourcePatientId or PID-3 value."""
    return f"{escape(patient_id.value)}^^^{_authority(patient_id.root)}^{escape(patient_id.type_code)}"


def from_cx(text: str) -> PatientId:
    """The inverse of :func:`to_cx`."""
    value, _, _, authority, type_code, *_ = _components(text, 10, "CX")
    if not value:
        raise MetadataError("an HL7 v2 CX needs an id", code="xds.hl7v2")
    return PatientId(value=unescape(value), root=_parse_authority(authority, "CX"), type_code=unescape(type_code))


def _id_type(root: str) -> str:
    return c.PROFESSIONAL_ID_TYPE_CODE if root == oids.NATIONAL_PROFESSIONAL_ID else "EI"


def to_xcn(person: Person) -> str:
    """``id^family^given^^^prefix^^^&root&ISO^D^^^IDNPS``: an authorPerson or legalAuthenticator."""
    parts = [""] * 13
    if person.id is not None:
        parts[0] = escape(person.id.extension or "")
        parts[8] = _authority(person.id.root)
        parts[12] = _id_type(person.id.root)
    parts[1] = escape(person.family or "")
    parts[2] = escape(person.given or "")
    parts[5] = escape(person.prefix or "")
    parts[9] = "D" if person.family or person.given else ""
    return "^".join(parts).rstrip("^")


def from_xcn(text: str) -> Person:
    """The inverse of :func:`to_xcn`."""
    parts = _components(text, 23, "XCN")
    identifier = None
    if parts[8]:
        identifier = Identifier(root=_parse_authority(parts[8], "XCN"), extension=_opt(parts[0]))
    return Person(id=identifier, family=_opt(parts[1]), given=_opt(parts[2]), prefix=_opt(parts[5]))


def to_xon(institution: Institution) -> str:
    """``name^^^^^&root&ISO^IDNST^^^extension``: an authorInstitution."""
    if institution.id is None:
        return escape(institution.name)
    id_type = c.ORGANISATION_ID_TYPE_CODE if institution.id.root == oids.NATIONAL_ORGANISATION_ID else "XX"
    return f"{escape(institution.name)}^^^^^{_authority(institution.id.root)}^{id_type}^^^" + escape(
        institution.id.extension or ""
    )


def from_xon(text: str) -> Institution:
    """The inverse of :func:`to_xon`."""
    parts = _components(text, 10, "XON")
    if not parts[0]:
        raise MetadataError("an HL7 v2 XON needs an organisation name", code="xds.hl7v2")
    identifier = None
    if parts[5]:
        identifier = Identifier(root=_parse_authority(parts[5], "XON"), extension=_opt(parts[9]))
    return Institution(name=unescape(parts[0]), id=identifier)


def to_coded(code: Code) -> str:
    """``code^display^codeSystem``: an authorRole or authorSpecialty (CI-SIS form)."""
    return f"{escape(code.code)}^{escape(code.display or '')}^{escape(code.code_system)}"


def from_coded(text: str) -> Code:
    """The inverse of :func:`to_coded`."""
    code, display, system = _components(text, 3, "coded value")
    if not code or not system:
        raise MetadataError("a coded value needs 'code^display^codeSystem'", code="xds.hl7v2")
    return Code(code=unescape(code), code_system=unescape(system), display=_opt(display))


def patient_info_values(info: SourcePatientInfo) -> tuple[str, ...]:
    """The sourcePatientInfo slot values: ``PID-3|...``, ``PID-5|...``, ``PID-7|...``, ``PID-8|...``."""
    values = [f"PID-3|{to_cx(pid)}" for pid in info.ids]
    values += [f"PID-5|{escape(n.family)}^{escape(n.given or '')}^^^^^{n.type_code}" for n in info.names]
    if info.birth_time:
        values.append(f"PID-7|{info.birth_time}")
    if info.gender:
        values.append(f"PID-8|{info.gender}")
    return tuple(values)


def patient_info_from_values(values: tuple[str, ...] | list[str]) -> SourcePatientInfo:
    """The inverse of :func:`patient_info_values`; unknown PID fields are ignored."""
    ids: list[PatientId] = []
    names: list[PatientName] = []
    birth_time = gender = None
    for value in values:
        field, _, content = value.partition("|")
        if field == "PID-3":
            ids.append(from_cx(content))
        elif field == "PID-5":
            family, given, *_, type_code = _components(content, 7, "XPN")
            names.append(PatientName(family=unescape(family), given=_opt(given), type_code=type_code or "L"))
        elif field == "PID-7":
            birth_time = content or None
        elif field == "PID-8":
            gender = content or None
    return SourcePatientInfo(ids=tuple(ids), names=tuple(names), birth_time=birth_time, gender=gender)


_CDA_TS: Final = re.compile(
    r"(?P<date>\d{8})(?P<time>\d{2}(?:\d{2}(?:\d{2})?)?)?(?P<fraction>\.\d{1,4})?(?P<offset>[+-]\d{4})?"
)


def cda_time_to_xds(value: str) -> str:
    """A CDA ``TS`` as an XDS ``DTM`` in UTC, with the same precision (IHE ITI TF-3 §4.2.3.1.7).

    A value with hours must carry its UTC offset: XDS times are UTC and the offset is the only
    reliable way to get there (CI-SIS structuration minimale). A date alone is kept as it is.

    >>> cda_time_to_xds("20250722")
    '20250722'
    >>> cda_time_to_xds("202503010030+0100")
    '202502282330'
    >>> cda_time_to_xds("20250301120000")
    Traceback (most recent call last):
        ...
    dmpcore.xds._errors.MetadataError: a CDA time with hours needs its UTC offset (+HHMM) to become an XDS time \
(got '20250301120000')
    """
    match = _CDA_TS.fullmatch(value.strip()) if isinstance(value, str) else None
    if match is None:
        raise MetadataError(f"expected a CDA time YYYYMMDD[HHMMSS][+HHMM], got {value!r:.40}", code="xds.time")
    day, clock, offset = match.group("date"), match.group("time") or "", match.group("offset")
    try:
        datetime.strptime(day, "%Y%m%d")
    except ValueError:
        raise MetadataError(f"not a valid date: {value!r:.40}", code="xds.time") from None
    if not clock:
        return day
    if offset is None:
        raise MetadataError(
            f"a CDA time with hours needs its UTC offset (+HHMM) to become an XDS time (got {value!r:.40})",
            code="xds.time",
        )
    padded = (clock + "0000")[:6]
    try:
        local = datetime.strptime(day + padded, "%Y%m%d%H%M%S")
    except ValueError:
        raise MetadataError(f"not a valid date and time: {value!r:.40}", code="xds.time") from None
    sign = 1 if offset[0] == "+" else -1
    shift = timedelta(hours=int(offset[1:3]), minutes=int(offset[3:5])) * sign
    utc = (local - shift).replace(tzinfo=UTC)
    return utc.strftime("%Y%m%d%H%M%S")[: 8 + len(clock)]
