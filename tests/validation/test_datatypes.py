"""HL7 data types as the kit's ART-DECOR data-type rules (DTr1) test them, and time stamps as HL7 defines them."""

from __future__ import annotations

import copy
from datetime import datetime
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from lxml import etree
from tests.validation import corpus

from dmpcore.validation import validate
from dmpcore.validation._datatypes import (
    hl7_ts_problem,
    is_lower_case_uuid,
    kit_ivl_bound_instant,
    kit_ivl_bound_valid,
    kit_schema_valid,
    kit_ts_valid,
)
from dmpcore.validation._dtr1 import DATA_TYPES, _uses_and_texts, assertions_of

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


# --- the ART-DECOR data-type rules (DTr1) of the header: dmpcore.validation._dtr1 ----------------------

_V3_ROOT = '<x xmlns="urn:hl7-org:v3" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">{}</x>'

# (data type, element, the assertions it breaks): each DTr1 assertion as the kit's schematron computes it
_DTR1_TABLE = [
    ("AD", "<addr><city>Paris</city></addr>", set()),
    ("AD", "<addr>28 avenue<city>Paris</city></addr>", {"dtr1-1-AD"}),
    ("AD", "<addr/>", {"dtr1-1-AD"}),
    ("AD", '<addr nullFlavor="UNK"/>', set()),
    ("AD", '<addr><city>P</city><useablePeriod><low value="2021"/><high value="2020"/></useablePeriod></addr>',
     {"dtr1-6-AD"}),
    ("AD", '<addr><city>P</city><useablePeriod><low value="2020"/><high value="202101"/></useablePeriod></addr>',
     {"dtr1-5-AD"}),
    ("AD", '<addr><city>P</city><useablePeriod><width value="1" unit="km"/></useablePeriod></addr>', {"dtr1-7-AD"}),
    ("ST", "<city/>", {"dtr1-1-BIN"}),
    ("ST", "<city> </city>", {"dtr1-1-BIN"}),
    ("ST", '<city nullFlavor="UNK"/>', set()),
    ("PN", "<name><family>A</family></name>", set()),
    ("PN", "<name>Dr <family>A</family></name>", {"dtr1-1.2-EN"}),
    ("PN", "<name/>", {"dtr1-1.3-EN"}),
    ("PN", '<name nullFlavor="UNK">A</name>', {"dtr1-1.1-EN", "dtr1-1-ANY"}),
    ("PN", '<name><given qualifier="LS">A</given></name>', {"dtr1-1-PN"}),
    ("PN", '<name><given qualifier="BR BR">A</given></name>', {"dtr1-7-EN"}),
    ("PN", '<name><given qualifier="BR BR">A</given><family>B</family></name>', set()),  # some part suffices
    ("EN", '<name><given qualifier="LS">A</given></name>', set()),  # LS: person names only
    ("ON", "<name>ACME</name>", set()),
    ("ON", "<name><given>X</given></name>", {"dtr1-1-ON", "dtr1-2-ON"}),
    ("ON", "<name><prefix>SA</prefix></name>", {"dtr1-2-ON"}),
    ("CE", '<code code="1" codeSystem="1.2"/>', set()),
    ("CE", '<code code="1"/>', {"dtr1-2-CD"}),
    ("CE", '<code displayName="x" nullFlavor="UNK"/>', {"dtr1-5-CD", "dtr1-7-CD", "dtr1-1-ANY"}),
    ("CE", '<code code="1" codeSystem="1.2"><translation nullFlavor="UNK"/></code>', {"dtr1-10-CD"}),
    ("CE", '<code code="1" codeSystem="1.2"><translation codeSystem="1.3"/></code>', {"dtr1-11-CD"}),
    ("CE", '<code code="1" codeSystem="1.2"><translation codeSystemVersion="1"/></code>', {"dtr1-13-CD"}),
    ("CE", '<code code="1" codeSystem="1.2"><translation displayName="x"/></code>', {"dtr1-14-CD"}),
    ("CE", '<code code="1" codeSystem="1.2"><translation code="2" codeSystem="1.3"/>'
     '<translation code="2" codeSystem="1.3"/></code>', {"dtr1-19-CD"}),
    ("CE", '<code code="1" codeSystem="1.2"><originalText language="french">x</originalText></code>', set()),
    ("CE", '<code code="1" codeSystem="1.2"><originalText language="1x">x</originalText></code>', {"dtr1-20-CD"}),
    ("CE", '<code code="1" codeSystem="1.2"><qualifier/></code>', {"dtr1-1-CE"}),
    ("CD", '<code code="1" codeSystem="1.2"><qualifier/></code>', set()),
    ("CS", '<languageCode code="fr-FR"/>', set()),
    ("CS", '<languageCode code="fr-FR" displayName="x" codeSystem="1.2"/>', {"dtr1-2-CS", "dtr1-5-CS"}),
    ("INT", '<versionNumber value="2"/>', set()),
    ("INT", '<versionNumber value=" 2"/>', {"CI-SIS INT"}),
    ("INT", '<versionNumber value="+1"/>', {"CI-SIS INT"}),
    ("INT", '<versionNumber value="01"/>', set()),  # '^+?\d*$': digits, a leading zero too
    ("INT", '<versionNumber value="-1"/>', set()),
    ("INT", '<versionNumber value="2" nullFlavor="UNK"/>', {"dtr1-1-INT", "dtr1-1-ANY"}),
    ("INT.POS", '<multipleBirthOrderNumber value="0"/>', {"dtr1-2-INT.POS"}),
    ("INT.POS", '<multipleBirthOrderNumber value="3"/>', set()),
    ("BL", "<deceasedInd/>", set()),  # DTr1_BL.sch asserts nothing
    ("IVL_TS", '<time><low value="20200101"/><high value="20210101"/></time>', set()),
    ("IVL_TS", '<time><low value="20200101"/><high value="19990101"/></time>', {"dtr1-7-IVL_TS"}),
    ("IVL_TS", '<time><low value="20200327175000+0100"/><high value="20200327153500+0100"/></time>',
     {"dtr1-7-IVL_TS"}),
    # compared as instants: 17:50 in Paris is 16:50 UTC, before 17:00 UTC
    ("IVL_TS", '<time><low value="20200327175000+0100"/><high value="20200327170000+0000"/></time>', set()),
    ("IVL_TS", '<time><low value="2020"/><high value="2020"/></time>', {"dtr1-6-IVL_TS"}),
    ("IVL_TS", '<time><center value="2020"/><low value="2019"/></time>', {"dtr1-4-3-IVL_TS"}),
    ("IVL_TS", '<time value="2020"><low value="2019"/></time>', {"dtr1-3-IVL_TS"}),
    ("IVL_TS", '<time nullFlavor="UNK"><low value="2019"/></time>', {"dtr1-2-IVL_TS", "dtr1-1-ANY"}),
    ("IVL_TS", '<time><low nullFlavor="PINF"/></time>', {"dtr1-7-1-IVL_TS"}),
    ("IVXB_TS", '<low nullFlavor="UNK" inclusive="false"/>', {"dtr1-1-IVXB_TS", "dtr1-1-ANY"}),
    ("TEL", '<telecom nullFlavor="UNK"><useablePeriod value="2020"/></telecom>', {"dtr1-1-TEL",
     "dtr1-1-ANY"}),
    ("II", '<id nullFlavor="UNK" assigningAuthorityName="x"/>', {"dtr1-7-II", "dtr1-1-ANY"}),
    # dtr1-1-ANY: a nullFlavor alone, on the element and below it (audit 6d), but the kit's exceptions
    ("AD", '<addr nullFlavor="UNK" use="WP"/>', {"dtr1-1-ANY"}),
    ("AD", '<addr nullFlavor="UNK">PARIS</addr>', {"dtr1-1-ANY"}),
    ("AD", '<addr><city>P</city><state nullFlavor="UNK">IDF</state></addr>', {"dtr1-1-ANY"}),
    ("AD", '<addr><city>P</city><state nullFlavor="UNK"/></addr>', set()),
    ("AD", '<addr nullFlavor="UNK"><!-- unknown --></addr>', set()),  # a comment is no child element
    # normalize-space() removes only the XML white space: a no-break space, an em space, NEL are text
    ("AD", '<addr nullFlavor="UNK">\u00a0</addr>', {"dtr1-1-ANY"}),
    ("AD", '<addr nullFlavor="UNK">\u2003</addr>', {"dtr1-1-ANY"}),
    ("AD", '<addr nullFlavor="UNK">\u0085</addr>', {"dtr1-1-ANY"}),
    ("AD", '<addr nullFlavor="UNK"> \t\n </addr>', set()),
    ("BL", '<deceasedInd nullFlavor="UNK" value="true"/>', {"dtr1-1-ANY"}),
    ("BL", '<deceasedInd nullFlavor="UNK" xsi:type="BL"/>', set()),
    ("II", '<id nullFlavor="UNC" extension="X"/>', set()),
    ("II", '<id nullFlavor="UNK" extension="X"/>', {"dtr1-1-ANY"}),
    ("CE", '<code nullFlavor="OTH" codeSystem="1.2"><originalText>x</originalText></code>', set()),
    ("CE", '<code nullFlavor="NA" codeSystem="1.2" sdtc:valueSet="1.3" xmlns:sdtc="urn:hl7-org:sdtc"/>', set()),
    ("CE", '<code nullFlavor="OTH"/>', set()),  # the first branch: nothing else
    ("CE", '<code nullFlavor="OTH" displayName="x" codeSystem="1.2"/>', {"dtr1-5-CD", "dtr1-7-CD", "dtr1-1-ANY"}),
    ("CE", '<code nullFlavor="OTH" classCode="x" codeSystem="1.2"/>', {"dtr1-1-ANY"}),  # no classCode in the 2nd
    ("CE", '<code nullFlavor="UNK" codeSystem="1.2"/>', {"dtr1-1-ANY"}),
    ("IVXB_TS", '<low nullFlavor="UNK" inclusive="true"/>', set()),  # a schema default
    ("CS", '<languageCode nullFlavor="UNK" codeSystem="2.16.840.1.113883.5.139"/>', set()),
    # siblings, the first tested: RIM-001 (a null beside a value), RIM-002 (twice the same)
    ("AD", '<addr nullFlavor="UNK"/><addr><city>P</city></addr>', {"dtr1-9-AD"}),
    ("AD", "<addr><city>P</city></addr><addr><city>P</city></addr>", {"dtr1-10-AD"}),
    ("AD", '<addr use="H"><city>P</city></addr><addr use="WP"><city>P</city></addr>', set()),
    ("PN", "<name><family>A</family></name><name><family>A</family></name>", {"dtr1-6-EN"}),
    ("TEL", '<telecom use="H" value="tel:1"/><telecom use="H" value="tel:1"/>', {"dtr1-5-URL"}),
    # '@use = $use' is false when neither has a @use: the kit does not see them as repeated
    ("TEL", '<telecom value="tel:1"/><telecom value="tel:1"/>', set()),
    ("TEL", '<telecom nullFlavor="NASK"/><telecom value="tel:1"/>', {"dtr1-4-URL"}),
    ("TEL", '<telecom nullFlavor="NASK"/><telecom nullFlavor="UNK"/>', set()),
    ("CE", '<code code="1" codeSystem="1.2"/><code code="1" codeSystem="1.2"/>', {"dtr1-18-CD"}),
    ("II", '<id nullFlavor="UNK"/><id root="1.2"/>', {"dtr1-11-II"}),
]  # fmt: skip


@pytest.mark.parametrize(("data_type", "xml", "broken"), _DTR1_TABLE)
def test_the_data_type_assertions(data_type: str, xml: str, broken: set[str]) -> None:
    """The assertions the (first) element breaks, as the kit's schematron computes them."""
    element = etree.fromstring(_V3_ROOT.format(xml))[0]
    assert {a.id for a in assertions_of(data_type) if not a.test(element)} == broken


def test_a_type_has_the_assertions_of_the_types_it_extends() -> None:
    """PN extends EN, CV extends CE extends CD, IVL_TS extends SXCM_TS extends TS (DTr1 ``<extends>``)."""
    assert {a.id for a in DATA_TYPES["EN"]} < {a.id for a in DATA_TYPES["PN"]}
    assert {a.id for a in DATA_TYPES["CD"]} < {a.id for a in DATA_TYPES["CE"]} <= {a.id for a in DATA_TYPES["CV"]}
    assert {"dtr1-1-TS", "dtr1-1-SXCM_TS", "dtr1-7-IVL_TS"} <= {a.id for a in DATA_TYPES["IVL_TS"]}


_PART = st.sampled_from(["given", "family", "prefix"])
_TEXT = st.text(alphabet="ab &<", max_size=4)


@st.composite
def _names(draw: st.DrawFn) -> etree._Element:
    name = etree.Element("{urn:hl7-org:v3}name")
    name.text = draw(_TEXT) or None
    for _ in range(draw(st.integers(0, 3))):
        part = etree.SubElement(name, f"{{urn:hl7-org:v3}}{draw(_PART)}")
        part.text, part.tail = draw(_TEXT) or None, draw(_TEXT) or None
        if draw(st.booleans()):
            part.set("use", draw(st.sampled_from(["L", "P"])))
            sub = etree.SubElement(part, "{urn:hl7-org:v3}x", use="A")
            sub.text, sub.tail = draw(_TEXT) or None, draw(_TEXT) or None
        if draw(st.booleans()):
            part.addprevious(etree.Comment("c"))
    return name


@given(_names())
def test_the_rim_002_key_is_the_kits_string_join(name: etree._Element) -> None:
    """``string-join((.//@use | .//text()), '')``: lxml's XPath gives the same nodes in document order."""
    nodes = name.xpath(".//@use | .//text()")
    assert isinstance(nodes, list)
    assert _uses_and_texts(name) == "".join(str(node) for node in nodes)


@given(st.datetimes(), st.datetimes())
def test_the_kits_bounds_compare_as_instants(first: datetime, second: datetime) -> None:
    """dtr1-7-IVL_TS: two bounds written YYYYMMDDhhmmss+0000 compare as the instants they are."""
    low, high = (f"{d.year:04d}{d:%m%d%H%M%S}+0000" for d in (first, second))
    start, end = kit_ivl_bound_instant(low), kit_ivl_bound_instant(high)
    assert start is not None
    assert end is not None
    assert (start <= end) is (first.replace(microsecond=0) <= second.replace(microsecond=0))


# the third audit's kinds (tests/validation/corpus.py ROUND3) on an official example: the rule that fires
_ROTATED = dict(corpus.ROTATED)
_ROUND3_CASES = [
    ("telecom-dup-identical", "HDR-030"),
    ("addr-dup-identical", "HDR-034"),
    ("addr-null-sibling", "HDR-034"),
    ("addr-empty-part", "HDR-034"),
    ("addr-period-reversed", "HDR-034"),
    ("author-name-mixed-content", "HDR-035"),
    ("given-qualifier-LS", "HDR-035"),
    ("doc-code-translation-null", "HDR-026"),
    ("doc-code-translation-dup", "HDR-026"),
    ("doc-code-translation-display-only", "HDR-026"),
    ("participant-time-reversed", "HDR-036"),
    ("encounter-time-reversed", "HDR-036"),
    ("versionNumber-space", "HDR-036"),
    ("parentDocument-version-plus", "HDR-036"),
    ("multipleBirthOrder-plus", "HDR-036"),
    ("author-name-second-given", "HDR-032"),
    ("custodian-name-given", "XSD-001"),
]


def _mutated(kit_dir: Path, mutation: str) -> bytes:
    """The first official example (FLUDT, FT-SU...) that *mutation* applies to, mutated."""
    for _, filename in corpus.BASES:
        tree = copy.deepcopy(corpus.base_tree(kit_dir, filename))
        if _ROTATED[mutation](tree):
            return etree.tostring(tree)
    raise AssertionError(f"{mutation} applies to no official example")


_ROUND4_CASES = [
    ("any-author-addr-null-with-use", "HDR-034"),  # AD extends ANY
    ("any-addr-part-null-with-text", "HDR-034"),  # below the address
    ("any-deceasedInd-null-and-value", "HDR-037"),  # in the patient role the kit types ANY
    ("eating-sleeping-no-simple-template", "DLU-SEC-006"),
    ("transfer-playingEntity-no-classCode", "ENT-005"),
    ("product-no-name", "ENT-005"),
    ("problem-code-outside-jdv", "DLU-VS-001"),
    ("any-addr-part-null-nbsp", "HDR-034"),  # a no-break space is text (fifth audit)
]


@pytest.mark.kit
@pytest.mark.parametrize(("mutation", "rule_id"), _ROUND3_CASES + _ROUND4_CASES)
def test_the_rules_fire_on_the_third_and_fourth_audits_kinds(kit_dir: Path, mutation: str, rule_id: str) -> None:
    assert rule_id in {i.rule_id for i in validate(_mutated(kit_dir, mutation)).errors}


@pytest.mark.kit
@pytest.mark.parametrize(
    "mutation",
    ["doc-code-translation-uuid-lower", "doc-code-translation-ok", "multipleBirthOrder-2", "any-addr-part-null-empty"],
)
def test_what_the_kit_accepts_of_the_third_audits_kinds(kit_dir: Path, mutation: str) -> None:
    assert validate(_mutated(kit_dir, mutation)).ok


@pytest.mark.parametrize(
    ("path", "attribute", "rule_id"),
    [
        ("cda:title", None, "HDR-007"),
        ("cda:componentOf/*/cda:location/cda:healthCareFacility/cda:code", "displayName", "HDR-018"),
    ],
)
def test_a_no_break_space_is_text_as_for_the_kit(path: str, attribute: str | None, rule_id: str) -> None:
    """The kit accepts a title or a display name of one no-break space (normalize-space() keeps it)."""
    from dmpcore.cda import to_cda
    from dmpcore.dlu import example_dlu

    root = etree.fromstring(to_cda(example_dlu()))
    (element,) = root.xpath(path, namespaces={"cda": "urn:hl7-org:v3"})
    if attribute is None:
        element.text = "\u00a0"
    else:
        element.set(attribute, "\u00a0")
    assert rule_id not in {issue.rule_id for issue in validate(etree.tostring(root)).errors}
    if attribute is None:
        element.text = " "
    else:
        element.set(attribute, " ")
    assert rule_id in {issue.rule_id for issue in validate(etree.tostring(root)).errors}  # XML white space is none
