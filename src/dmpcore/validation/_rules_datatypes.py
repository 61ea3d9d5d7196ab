"""HL7 data-type rules: time stamps (and, below, identifiers and telecoms) as the kit checks them, then HL7's own.

Source: the ART-DECOR data-type rules that the kit's structuration minimale applies to the header
elements it types (``profils/structurationMinimale/include/DTr1_*.sch``), and HL7 V3 Data Types R1.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from typing import Final

from lxml import etree

from dmpcore.validation._context import V3, Document, cda_xpath
from dmpcore.validation._datatypes import (
    hl7_ts_problem,
    is_lower_case_uuid,
    is_uuid,
    kit_ivl_bound_valid,
    kit_ts_valid,
    points_in_time,
)
from dmpcore.validation._dtr1 import assertions_of
from dmpcore.validation._header import (
    AD_PARENTS,
    ANY_PATHS,
    BL_PATHS,
    CODED_PATHS,
    II_PATHS,
    INT_PATHS,
    IVL_PATHS,
    IVXB_PATHS,
    NAME_PATHS,
    TEL_PATHS,
    TS_PATHS,
)
from dmpcore.validation._registry import Finding, rule
from dmpcore.validation._report import Severity

__all__: list[str] = []

_STRUCMIN: Final = "CI-SIS Structuration minimale (ASIP-STRUCT-MIN-StrucMin.sch)"

_BOUNDS: Final = tuple(f"{{{V3}}}{name}" for name in ("low", "center", "high"))
_KIT_DATES: Final = " | ".join(
    cda_xpath(path)
    for path in (
        *TS_PATHS,
        *IVL_PATHS,
        *IVXB_PATHS,
    )
)
_IVL: Final = " | ".join(cda_xpath(path) for path in IVL_PATHS)


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


# --- identifiers (DTr1_II.sch) -----------------------------------------------------------------------

_OID: Final = re.compile(r"^[0-2](\.(0|[1-9]\d*))*$")
_RUID: Final = re.compile(r"^[A-Za-z][A-Za-z\d\-]*$")
_HEADER_IDS: Final = " | ".join(cda_xpath(path) for path in II_PATHS)


def _ii_problems(element: etree._Element) -> Iterator[tuple[str, str, str]]:
    """(data-type rule, French, English) for each ART-DECOR II rule *element* breaks."""
    root, null = element.get("root"), element.get("nullFlavor")
    if null is None and root is None:
        yield "dtr1-1-II", "@root est requis sans nullFlavor", "@root is required without a nullFlavor"
    if null is not None and root is not None:
        yield "dtr1-2-II", "@root est interdit avec un nullFlavor", "@root is not allowed with a nullFlavor"
    if root is not None and not (_OID.match(root) or is_uuid(root)):
        yield "dtr1-10-II", "@root doit être un OID ou un UUID", "@root must be an OID or a UUID"
    if root is not None and _RUID.match(root) and not is_uuid(root):
        yield "dtr1-10a-II", "@root ne peut pas être un RUID", "@root cannot be a RUID"
    if root is not None and is_lower_case_uuid(root):
        yield "dtr1-13-II", "l'UUID de @root doit être en majuscules", "the UUID of @root must be in upper case"
    if _repeated(element):
        yield "dtr1-12-II", "cet identifiant apparaît deux fois (RIM-002)", "this identifier appears twice (RIM-002)"


def _repeated(element: etree._Element) -> bool:
    """dtr1-12-II: a sibling of the same name has the same root and, when *element* has one, the same extension."""
    root, extension = element.get("root"), element.get("extension")
    others = [*element.itersiblings(element.tag), *element.itersiblings(element.tag, preceding=True)]
    return any(o.get("root") == root and (extension is None or o.get("extension") == extension) for o in others)


@rule(
    "HDR-028",
    category="header",
    summary="The identifiers of the header that the structuration minimale types II (document, set, patient, "
    "author, custodian, legal authenticator and participant ids, templateIds...) follow its data-type rules: a "
    "@root without nullFlavor and none with one, an OID or a UUID (not a RUID), distinct among their siblings "
    "(RIM-002: a templateId declared twice), a UUID in upper case, no nullFlavor beside a non-null identifier "
    "(RIM-001) and no identifierName, displayable, reliability or assigningAuthorityName with a nullFlavor.",
    reference=_STRUCMIN + " (ART-DECOR DTr1_II.sch: dtr1-1, -2, -4 to -7, -10, -10a, -11, -12, -13-II)",
)
def _header_identifiers(document: Document) -> Iterator[Finding]:
    for element in document.xpath(_HEADER_IDS):
        for fault, fr, en in _ii_problems(element):
            name = etree.QName(element).localname
            yield Finding(fr=f"{name} : {fr} ({fault})", en=f"{name}: {en} ({fault})", element=element)
    yield from _data_type_findings(document, _IDENTIFIERS)


@rule(
    "HDR-029",
    category="header",
    severity=Severity.WARNING,
    summary="Every UUID root of the document (entries too) is in upper case, as HL7 V3 Data Types R1 require "
    "(the kit checks the header identifiers only: HDR-028).",
    reference="HL7 V3 Data Types R1 (II.root, UUID in upper case); ART-DECOR DTr1_II.sch dtr1-13-II",
    stricter=True,
)
def _upper_case_uuids(document: Document) -> Iterator[Finding]:
    header = set(document.xpath(_HEADER_IDS))  # HDR-028 says these
    for element in document.xpath("//*[@root]"):
        root = element.get("root", "")
        if element not in header and is_lower_case_uuid(root):
            yield Finding(
                fr=f"l'UUID {root!r:.40} doit être en majuscules",
                en=f"the UUID {root!r:.40} must be in upper case",
                element=element,
            )


# --- telecoms (DTr1_URL.sch, CI-SIS telecom) -----------------------------------------------------------

_TELECOMS: Final = " | ".join(cda_xpath(path) for path in TEL_PATHS)
_SCHEMES: Final = frozenset({"tel", "fax", "mailto", "http", "ftp", "mllp"})
_UNKNOWN: Final = frozenset({"UNK", "NASK", "ASKU", "NAV", "MSK"})
_USES: Final = frozenset({"H", "HP", "HV", "WP", "DIR", "PUB", "EC", "MC", "PG"})
# what fn:iri-to-uri escapes: controls, space, " < > \ ^ ` { | } and everything beyond ASCII
_NOT_URI: Final = re.compile('[\x00-\x20"<>\\\\^`{|}\x7f-\U0010ffff]')


def _telecom_problems(element: etree._Element) -> Iterator[tuple[str, str]]:
    """(French, English) for each rule of the CI-SIS telecom *element* breaks."""
    value, null, use = element.get("value"), element.get("nullFlavor"), element.get("use")
    if (value is None) == (null is None):
        yield "un seul de @value et @nullFlavor", "exactly one of @value and @nullFlavor (dtr1-1-URL)"
    if value is not None and _NOT_URI.search(value):
        yield "@value doit être une URI (dtr1-2-URL)", "@value must be a URI, blanks escaped (dtr1-2-URL)"
    only_null = null in _UNKNOWN and len(element.attrib) == 1
    scheme, _, rest = (value or "").partition(":")
    if not only_null and not (rest and scheme in _SCHEMES):
        yield (
            "@value doit avoir la forme préfixe:adresse (tel, fax, mailto, http, ftp, mllp)",
            "@value must read scheme:address (tel, fax, mailto, http, ftp, mllp)",
        )
    if use is not None and use not in _USES:
        yield f"@use {use!r:.20} n'est pas admis", f"@use {use!r:.20} is not allowed"


@rule(
    "HDR-030",
    category="header",
    summary="The telecoms of the header (patient, author, custodian, legal authenticator, participants...) are "
    "URIs scheme:address with a scheme tel, fax, mailto, http, ftp or mllp, not empty, without blanks (or only "
    "a nullFlavor UNK, NASK, ASKU, NAV, MSK), with an allowed @use; no nullFlavor beside a non-null telecom "
    "(RIM-001), no two telecoms of the same @use and @value (RIM-002), no useablePeriod with a nullFlavor.",
    reference=_STRUCMIN + " (CI-SIS telecom; ART-DECOR DTr1_URL.sch dtr1-1 to -5-URL, DTr1_TEL.sch dtr1-1-TEL)",
)
def _telecoms(document: Document) -> Iterator[Finding]:
    for element in document.xpath(_TELECOMS):
        for fr, en in _telecom_problems(element):
            yield Finding(fr=f"telecom : {fr}", en=f"telecom: {en}", element=element)
    yield from _data_type_findings(document, _TELECOM_TYPE)


# --- the other data types of the header (DTr1_AD.sch, DTr1_EN.sch, DTr1_CD.sch...) ------------------------

_AD_PARTS: Final = " or ".join(
    f"self::{part}"
    for part in (
        "country", "state", "city", "postalCode", "county", "houseNumber", "houseNumberNumeric", "streetName",
        "streetNameType", "additionalLocator", "unitID", "postBox", "precinct",
    )
)  # fmt: skip
TypedPaths = tuple[tuple[str, str], ...]


def _typed(data_type: str, paths: Iterable[str]) -> tuple[str, str]:
    """(data type, the union of *paths*), the paths written as the kit's contexts."""
    return data_type, " | ".join(cda_xpath(path) for path in paths)


_AD_XPATH: Final = _typed("AD", (f"{parent}/addr" for parent in AD_PARENTS))[1]
_ADDRESSES: Final[TypedPaths] = (
    ("AD", _AD_XPATH),
    # the parts the kit types ST: addr[not(streetAddressLine)]/country..., addr[streetAddressLine]/streetAddressLine
    (
        "ST",
        f"({_AD_XPATH})[not(cda:streetAddressLine)]/*[{cda_xpath(_AD_PARTS)}] | ({_AD_XPATH})/cda:streetAddressLine",
    ),
)
_NAMES: Final[TypedPaths] = tuple(_typed(data_type, paths) for data_type, paths in NAME_PATHS)
_CODES: Final[TypedPaths] = tuple(_typed(data_type, paths) for data_type, paths in CODED_PATHS)
_QUANTITIES: Final[TypedPaths] = (
    *(_typed(data_type, paths) for data_type, paths in INT_PATHS),
    _typed("BL", BL_PATHS),
    _typed("TS", TS_PATHS),
    _typed("IVXB_TS", IVXB_PATHS),
    _typed("IVL_TS", IVL_PATHS),
)
_NULLS: Final[TypedPaths] = (_typed("ANY", ANY_PATHS),)
_IDENTIFIERS: Final[TypedPaths] = (_typed("II", II_PATHS),)  # HDR-028
_TELECOM_TYPE: Final[TypedPaths] = (_typed("TEL", TEL_PATHS),)  # HDR-030


def _data_type_findings(document: Document, typed: TypedPaths) -> Iterator[Finding]:
    """A finding for each DTr1 assertion that an element of a typed path breaks (dmpcore.validation._dtr1)."""
    for data_type, xpath in typed:
        for element in document.xpath(xpath):
            for assertion in assertions_of(data_type):
                if not assertion.test(element):
                    name = etree.QName(element).localname
                    yield Finding(
                        fr=f"{name} ({data_type}) : {assertion.fr} ({assertion.id})",
                        en=f"{name} ({data_type}): {assertion.en} ({assertion.id})",
                        element=element,
                    )


_DTR1: Final = _STRUCMIN + " (ART-DECOR DTr1_{}.sch)"


def _checking(typed: TypedPaths) -> Callable[[Document], Iterator[Finding]]:
    return lambda document: _data_type_findings(document, typed)


#: (rule id, summary, reference, typed paths): one rule per family of data types
_FAMILIES: Final = (
    ("HDR-034", "The addresses of the header that the structuration minimale types AD follow its data-type rules: "
     "a nullFlavor, text only or parts only (no mixed content), no nullFlavor beside a non-null address of the "
     "same parent, no two identical addresses, a useablePeriod low before high and of the same precision; and "
     "no address part empty without a nullFlavor (ST, dtr1-1-BIN).",
     _DTR1.format("AD") + ", DTr1_BIN.sch", _ADDRESSES),
    ("HDR-035", "The person, organisation and place names of the header that the structuration minimale types PN, "
     "ON or EN follow its data-type rules: a nullFlavor, text or parts (not mixed, not empty), no nullFlavor "
     "beside a non-null name, no two identical names, no qualifier repeated in a part, no part qualified LS in a "
     "person name, no parts (family, given...) in an organisation name.",
     _DTR1.format("EN") + ", DTr1_PN.sch, DTr1_ON.sch", _NAMES),
    ("HDR-026", "The coded elements of the header that the structuration minimale types CD, CE or CS (document "
     "code, functionCode, codes of the participants, standardIndustryClassCode...) follow its data-type rules: a "
     "code, an originalText or a nullFlavor; a code system for a code; a display name only with a code; no code "
     "with a nullFlavor; translations without nullFlavor, with a code for a code system, distinct; no two "
     "identical codes among siblings; a CS without code system, display name or translation.",
     _DTR1.format("CD") + ", DTr1_CE.sch, DTr1_CS.sch", _CODES),
    ("HDR-036", "The integers, booleans, time stamps and intervals of the header that the structuration minimale "
     "types INT, BL, TS, IVXB_TS or IVL_TS follow its data-type rules: a value or a nullFlavor, not both; a "
     "version number and a birth order of digits (no '+', no blank; the birth order above 0); an interval's low "
     "not after its high, not equal to it, center alone.",
     _DTR1.format("IVL_TS") + ", DTr1_INT.sch, DTr1_TS.sch, DTr1_BL.sch; CI-SIS templates (INT pattern)",
     _QUANTITIES),
    ("HDR-037", "The header elements that the structuration minimale types ANY (the patient role and all it "
     "holds, the guardian, the data enterer, the informants, a participant's scoping organisation, the "
     "organisation a performer or the responsible party is part of) follow its data-type rule dtr1-1-ANY, as "
     "every typed element of HDR-026 to HDR-036 does: an element with a nullFlavor, there or below, has no other "
     "attribute (but xsi:type, the class, type, determiner and mood codes, and fixed defaults), no child element "
     "and no text; a nullFlavor OTH, NA or UNC may keep a code system, an extension, an originalText or "
     "translations.",
     _DTR1.format("ANY"), _NULLS),
)  # fmt: skip
for _id, _summary, _reference, _paths in _FAMILIES:
    rule(_id, category="header", summary=_summary, reference=_reference)(_checking(_paths))
