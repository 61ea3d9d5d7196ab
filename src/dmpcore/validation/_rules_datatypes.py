"""HL7 data-type rules: time stamps (and, below, identifiers and telecoms) as the kit checks them, then HL7's own.

Source: the ART-DECOR data-type rules that the kit's structuration minimale applies to the header
elements it types (``profils/structurationMinimale/include/DTr1_*.sch``), and HL7 V3 Data Types R1.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Final

from lxml import etree

from dmpcore.validation._context import V3, Document, cda_xpath
from dmpcore.validation._datatypes import hl7_ts_problem, kit_ivl_bound_valid, kit_ts_valid, points_in_time
from dmpcore.validation._header import (
    ENCOUNTER,
    ENCOUNTER_PARTICIPANT,
    LEGAL,
    PARTICIPANT,
    PATIENT,
    PERFORMER,
    SERVICE_EVENT,
)
from dmpcore.validation._registry import Finding, rule

__all__: list[str] = []

_STRUCMIN: Final = "CI-SIS Structuration minimale (ASIP-STRUCT-MIN-StrucMin.sch)"

# The header elements the structuration minimale types TS (dtr1-2-TS on @value), IVL_TS (dtr1-2-TS on
# @value, dtr1-9/10/11-IVL_TS on low, center, high) and IVXB_TS (dtr1-2-TS on the bound), with the
# contexts of its rules (1.2.250.1.213.1.1.1.1-2017-12-13T103531.sch).
_TS_PATHS: Final = (
    "effectiveTime[not(@nullFlavor)]",
    f"{PATIENT}/birthTime",
    f"{PATIENT}/sdtc:deceasedTime",
    "author[assignedAuthor]/time",
    "dataEnterer/time",
    f"{LEGAL}/time",
    "authenticator[signatureCode[@code = 'S']]/time",
)
_IVL_PATHS: Final = (
    f"{PARTICIPANT}/time",
    f"{PERFORMER}/time",
    f"{ENCOUNTER}/effectiveTime",
    f"{ENCOUNTER_PARTICIPANT}/time",
)
_IVXB_PARENTS: Final = (
    f"{PARTICIPANT}/time",
    f"{SERVICE_EVENT}/effectiveTime",
    f"{ENCOUNTER}/effectiveTime",
    f"{ENCOUNTER_PARTICIPANT}/time",
)
_BOUNDS: Final = tuple(f"{{{V3}}}{name}" for name in ("low", "center", "high"))
_KIT_DATES: Final = " | ".join(
    cda_xpath(path)
    for path in (
        *_TS_PATHS,
        *_IVL_PATHS,
        *(f"{parent}/{bound}" for parent in _IVXB_PARENTS for bound in ("low", "high")),
    )
)
_IVL: Final = " | ".join(cda_xpath(path) for path in _IVL_PATHS)


def _kit_date_faults(document: Document) -> dict[etree._Element, str]:
    """The header dates the kit refuses: element -> the data-type rule it breaks."""
    faults: dict[etree._Element, str] = {}
    for element in document.xpath(_KIT_DATES):
        value = element.get("value")
        if value is not None and not kit_ts_valid(value):
            faults[element] = "dtr1-2-TS"
    for interval in document.xpath(_IVL):
        for bound in interval.iterchildren(_BOUNDS):
            value = bound.get("value")
            if value is not None and not kit_ivl_bound_valid(value) and bound not in faults:
                faults[bound] = "dtr1-9-IVL_TS"
    return faults


@rule(
    "HDR-019",
    category="header",
    summary="The dates of the header that the structuration minimale types TS or IVL_TS (document date, birth "
    "time, author, legal authenticator and participant times, service event and encounter bounds) are valid "
    "time stamps, as its data-type rules dtr1-2-TS and dtr1-9-IVL_TS test them (a real calendar date; the kit "
    "accepts a time zone of one or two digits).",
    reference=_STRUCMIN + " (ART-DECOR DTr1_TS.sch dtr1-2-TS, DTr1_IVL_TS.sch dtr1-9-IVL_TS)",
)
def _header_dates(document: Document) -> Iterator[Finding]:
    for element, fault in _kit_date_faults(document).items():
        value = element.get("value", "")
        yield Finding(
            fr=f"la date {value!r:.40} n'est pas un horodatage valide ({fault})",
            en=f"the date {value!r:.40} is not a valid time stamp ({fault})",
            element=element,
        )


@rule(
    "HDR-027",
    category="header",
    summary="Every date of the document (entries too) is an HL7 time stamp YYYYMMDDhhmmss.SSSS+ZZzz of a real "
    "calendar date, its time zone of four digits after an hour (the kit checks the header dates only, and "
    "accepts shorter zones).",
    reference="HL7 V3 Data Types R1 (TS); HL7 CDA R2 (datatypes-base.xsd, type ts)",
    stricter=True,
)
def _every_date(document: Document) -> Iterator[Finding]:
    reported = _kit_date_faults(document)  # HDR-019 says these
    for element in points_in_time(document.root):
        value = element.get("value")
        problem = None if value is None or element in reported else hl7_ts_problem(value)
        if problem:
            yield Finding(
                fr=f"la date {value!r:.40} {problem[0]}", en=f"the date {value!r:.40} {problem[1]}", element=element
            )
