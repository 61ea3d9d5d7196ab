"""dmpcore.valuesets: lookup by name, alias or OID; membership by (code, code system)."""

from __future__ import annotations

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from dmpcore.codes import Code
from dmpcore.errors import InputError
from dmpcore.valuesets import CodeNotInValueSet, UnknownValueSet, ValueSet, all_value_sets, names, value_set

#: what issue 5 and DOMAIN.md §5 name: XDS metadata and the DLU-family value sets
REQUIRED = {
    "JDV_J02_XdsHealthcareFacilityTypeCode_CISIS": "1.2.250.1.213.1.1.5.466",
    "JDV_J04_XdsPracticeSettingCode_CISIS": "1.2.250.1.213.1.1.5.467",
    "JDV_J07_XdsTypeCode_CISIS": "1.2.250.1.213.1.1.5.471",
    "JDV_J08_XdsConfidentialityCode_CISIS": "1.2.250.1.213.1.1.5.463",
    "JDV_J11_RelationPatient_CISIS": "1.2.250.1.213.3.3.16",
    "JDV_J47_FunctionCode_CISIS": "1.2.250.1.213.1.1.5.124",
    "JDV_ObservationEtatPatient_CISIS": "1.2.250.1.213.1.1.5.514",
    "JDV_ChecklistDLU_CISIS": "1.2.250.1.213.1.1.5.71",
    "JDV_ChecklistFLUDR_CISIS": "1.2.250.1.213.1.1.5.72",
    "JDV_ProtheseObjetPersonnel_CISIS": "1.2.250.1.213.1.1.5.515",
}

MEMBERS = [
    # DOMAIN.md §5: facility types SA16, SA17, SA41 (code system 1.2.250.1.71.4.2.4)
    ("J02", "SA16", "1.2.250.1.71.4.2.4"),
    ("J02", "SA17", "1.2.250.1.71.4.2.4"),
    ("J02", "SA41", "1.2.250.1.71.4.2.4"),
    # practice setting of the performer (1.2.250.1.213.1.1.4.9)
    ("J04", "ESSMS", "1.2.250.1.213.1.1.4.9"),
    ("J04", "ETABLISSEMENT", "1.2.250.1.213.1.1.4.9"),
    # the typeCodes of the DLU family are the CDA codes (LOINC)
    ("J07", "74207-2", "2.16.840.1.113883.6.1"),
    ("J07", "78341-5", "2.16.840.1.113883.6.1"),
    ("J07", "60280-5", "2.16.840.1.113883.6.1"),
    ("J08", "N", "2.16.840.1.113883.5.25"),
    # médecin traitant: functionCode PCP (2.16.840.1.113883.5.88)
    ("J47", "PCP", "2.16.840.1.113883.5.88"),
    # structuration minimale: administrativeGenderCode
    ("J143", "F", "2.16.840.1.113883.5.1"),
    ("J143", "M", "2.16.840.1.113883.5.1"),
    ("ChecklistDLU", "DLU_006", "1.2.250.1.213.1.1.4.322"),
    ("ObservationEtatPatient", "161898004", "2.16.840.1.113883.6.96"),
]


@pytest.mark.parametrize(("name", "oid"), REQUIRED.items())
def test_required_value_sets_ship_with_their_oid(name: str, oid: str) -> None:
    assert name in names()
    assert value_set(name).oid == oid
    assert value_set(oid) is value_set(name)


@pytest.mark.parametrize(("alias", "name"), [
    ("J02", "JDV_J02_XdsHealthcareFacilityTypeCode_CISIS"),
    ("j02", "JDV_J02_XdsHealthcareFacilityTypeCode_CISIS"),
    ("XdsHealthcareFacilityTypeCode", "JDV_J02_XdsHealthcareFacilityTypeCode_CISIS"),
    ("JDV_J02_XdsHealthcareFacilityTypeCode_CISIS.xml", "JDV_J02_XdsHealthcareFacilityTypeCode_CISIS"),
    ("ChecklistDLU", "JDV_ChecklistDLU_CISIS"),
    ("jdv-checklist-dlu-cisis", "JDV_ChecklistDLU_CISIS"),
    (" ObservationEtatPatient ", "JDV_ObservationEtatPatient_CISIS"),
    ("HL7_Confidentiality", "JDV_HL7_Confidentiality_CISIS"),
])  # fmt: skip
def test_aliases_name_the_same_value_set(alias: str, name: str) -> None:
    assert value_set(alias) is value_set(name)


@pytest.mark.parametrize("bad", ["", "J99", "JDV_Unknown_CISIS", "1.2.3", "ChecklistDLUU"])
def test_unknown_value_set_is_an_input_error_with_a_code(bad: str) -> None:
    with pytest.raises(UnknownValueSet) as info:
        value_set(bad)
    assert isinstance(info.value, InputError)
    assert isinstance(info.value, ValueError)
    assert info.value.code == "valueset.unknown"
    assert "names()" in str(info.value)


def test_unknown_value_set_suggests_close_names() -> None:
    with pytest.raises(UnknownValueSet, match="JDV_ChecklistDLU_CISIS"):
        value_set("ChecklistDLUU")


def test_non_str_name_is_rejected() -> None:
    with pytest.raises(UnknownValueSet):
        value_set(466)  # type: ignore[arg-type]


@pytest.mark.parametrize(("name", "code", "system"), MEMBERS)
def test_members(name: str, code: str, system: str) -> None:
    vs = value_set(name)
    assert Code(code=code, code_system=system) in vs
    member = vs.lookup(code)
    assert member is not None
    assert member.same_concept(Code(code=code, code_system=system))
    assert vs.display(code) == member.display
    assert vs.lookup(code, system) == member


def test_membership_ignores_display_but_not_code_system() -> None:
    j02 = value_set("J02")
    assert Code(code="SA17", code_system="1.2.250.1.71.4.2.4", display="n'importe quoi") in j02
    assert Code(code="SA17", code_system="2.16.840.1.113883.6.96") not in j02
    assert Code(code="SA99", code_system="1.2.250.1.71.4.2.4") not in j02
    assert object() not in j02


def test_membership_of_a_bare_string_is_a_type_error() -> None:
    with pytest.raises(TypeError, match="lookup"):
        assert "SA17" in value_set("J02")


def test_lookup_and_display_of_non_members() -> None:
    j02 = value_set("J02")
    assert j02.lookup("SA99") is None
    assert j02.lookup("SA17", "2.16.840.1.113883.6.96") is None
    with pytest.raises(CodeNotInValueSet) as info:
        j02.display(Code(code="SA17", code_system="2.16.840.1.113883.6.96"))
    assert info.value.code == "valueset.not_member"
    with pytest.raises(CodeNotInValueSet):
        j02.display("SA99")


def test_a_code_shared_by_two_code_systems_needs_its_code_system() -> None:
    a = Code(code="X", code_system="1.1", display="a")
    b = Code(code="X", code_system="1.2", display="b")
    vs = ValueSet(name="JDV_Test_CISIS", oid="1.9", codes=(a, b))
    assert vs.lookup("X", "1.2") == b
    with pytest.raises(CodeNotInValueSet) as info:
        vs.lookup("X")
    assert info.value.code == "valueset.ambiguous"


def test_value_sets_are_frozen_and_cached() -> None:
    vs = value_set("J08")
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        vs.name = "x"  # type: ignore[misc]
    assert value_set("J08") is vs
    assert len(vs) == len(vs.codes) == len(list(vs))


def test_names_are_canonical_and_sorted() -> None:
    assert list(names()) == sorted(names(), key=str.casefold)
    assert [vs.name for vs in all_value_sets()] == list(names())
    assert all(name.startswith("JDV_") and name.endswith("_CISIS") for name in names())


def test_volet_bindings_are_carried() -> None:
    bindings = value_set("ProtheseObjetPersonnel").bindings
    assert {b.schematron for b in bindings} == {
        "CI-SIS_DLU-EHPAD-FLUDT_2022.01",
        "CI-SIS_DLU-EHPAD-FLUDR_2022.01",
        "CI-SIS_DLU-FT-SU_2025.01",
        "CI-SIS_DLU-FR-SU_2025.01",
    }
    assert all(b.context.endswith("/cda:code") and not b.null_flavor for b in bindings)


_SETS = st.sampled_from(all_value_sets())


@given(data=st.data(), vs=_SETS)
def test_every_member_is_in_its_set_whatever_its_display(data: st.DataObject, vs: ValueSet) -> None:
    """Membership is by (code, code system): the display name never matters (dansJeuDeValeurs.sch)."""
    member = data.draw(st.sampled_from(vs.codes))
    display = data.draw(st.none() | st.text(max_size=20))
    assert attrs.evolve(member, display=display) in vs
    assert vs.lookup(member.code, member.code_system) == member
    assert attrs.evolve(member, code_system=member.code_system + ".999") not in vs
