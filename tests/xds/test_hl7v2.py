"""HL7 v2 values of XDS metadata: what is written is read back, whatever the text holds."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from dmpcore.codes import Code
from dmpcore.xds import Identifier, Institution, MetadataError, PatientId, Person, SourcePatientInfo
from dmpcore.xds._hl7v2 import (
    cda_time_to_xds,
    escape,
    from_coded,
    from_cx,
    from_xcn,
    from_xon,
    patient_info_from_values,
    patient_info_values,
    to_coded,
    to_cx,
    to_xcn,
    to_xon,
    unescape,
)

text = st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"), min_size=1, max_size=30)
oid = st.lists(st.integers(0, 99999), min_size=2, max_size=8).map(lambda ns: ".".join(map(str, ns)))


@given(text)
def test_escape_round_trip(value: str) -> None:
    """HL7 v2 §2.7: an escaped value holds no delimiter and unescapes to itself."""
    escaped = escape(value)
    assert not set("^&|~") & set(escaped)
    assert unescape(escaped) == value


@given(text, oid, st.sampled_from(["NH", "PI"]))
def test_cx_round_trip(value: str, root: str, type_code: str) -> None:
    patient = PatientId(value=value, root=root, type_code=type_code)
    assert from_cx(to_cx(patient)) == patient


@given(st.one_of(st.none(), st.builds(Identifier, root=oid, extension=text)), st.none() | text, st.none() | text)
def test_xcn_round_trip(identifier: Identifier | None, family: str | None, given_name: str | None) -> None:
    person = Person(id=identifier, family=family, given=given_name, prefix=None)
    assert from_xcn(to_xcn(person)) == person


@given(text, st.one_of(st.none(), st.builds(Identifier, root=oid, extension=text)))
def test_xon_round_trip(name: str, identifier: Identifier | None) -> None:
    institution = Institution(name=name, id=identifier)
    assert from_xon(to_xon(institution)) == institution


@given(text.filter(str.strip), oid, st.none() | text)
def test_coded_round_trip(code: str, system: str, display: str | None) -> None:
    value = Code(code=code, code_system=system, display=display)
    assert from_coded(to_coded(value)) == value


def test_french_forms() -> None:
    """The forms of the CI-SIS examples: IDNPS for a national professional id, IDNST for an organisation."""
    person = Person(
        id=Identifier(root="1.2.250.1.71.4.2.1", extension="801234567897"), family="BOILEAU", given="Charles"
    )
    assert to_xcn(person) == "801234567897^BOILEAU^Charles^^^^^^&1.2.250.1.71.4.2.1&ISO^D^^^IDNPS"
    institution = Institution(name="EHPAD", id=Identifier(root="1.2.250.1.71.4.2.2", extension="1750803447"))
    assert to_xon(institution) == "EHPAD^^^^^&1.2.250.1.71.4.2.2&ISO^IDNST^^^1750803447"


def test_patient_info_round_trip() -> None:
    info = patient_info_from_values(
        ["PID-3|1^^^&1.2&ISO^PI", "PID-5|A^B^^^^^L", "PID-7|19850723", "PID-8|F", "PID-11|x"]
    )
    assert patient_info_from_values(patient_info_values(info)) == info
    assert patient_info_values(SourcePatientInfo()) == ()


@pytest.mark.parametrize("value", ["", "a^b", "^^^1.2^NH", "1^^^&1.2&XX^NH", "1^^^1.2^NH", "^".join(["x"] * 11)])
def test_malformed_cx_is_refused(value: str) -> None:
    with pytest.raises(MetadataError) as caught:
        from_cx(value)
    assert caught.value.code == "xds.hl7v2"


@pytest.mark.parametrize(
    ("cda", "xds"),
    [
        ("20250722", "20250722"),
        ("20200327153500+0100", "20200327143500"),
        ("20250101003000+0200", "20241231223000"),
        ("202501010030-0500", "202501010530"),
        ("2025010100+0100", "2024123123"),
        ("20250722153500.123+0200", "20250722133500"),
    ],
)
def test_cda_time_to_utc(cda: str, xds: str) -> None:
    """IHE ITI TF-3 §4.2.3.1.7: XDS times are UTC, at the precision given."""
    assert cda_time_to_xds(cda) == xds


@pytest.mark.parametrize("value", ["2025", "20251301", "20250230120000+0100", "202507221535", "yesterday"])
def test_bad_or_ambiguous_times_are_refused(value: str) -> None:
    with pytest.raises(MetadataError) as caught:
        cda_time_to_xds(value)
    assert caught.value.code == "xds.time"
