"""The DLU model: local invariants of the header, sections and entries, and the registry as data."""

from __future__ import annotations

import datetime as dt
from typing import Any

import attrs
import pytest

from dmpcore.codes import Code
from dmpcore.dlu import (
    DOCUMENTS,
    SECTIONS,
    Allergy,
    AttachedDocument,
    Document,
    DocumentKind,
    FacilityType,
    Identifier,
    Observation,
    Organization,
    PatientState,
    Problem,
    Section,
    SectionError,
    SectionKind,
    Telecom,
    TelecomUse,
    Treatment,
    Vaccination,
    example_dlu,
)
from dmpcore.errors import InputError
from dmpcore.identity import IdentityStatus


def test_example_is_a_complete_dlu() -> None:
    dlu = example_dlu()
    assert dlu.kind is DocumentKind.DLU
    assert dlu.missing_sections() == []
    assert [s.kind for s in dlu.sections if isinstance(s, Section)] == [u.kind for u in DOCUMENTS[dlu.kind].sections]
    assert dlu.header.patient.shares_ins


def test_sections_refuse_entries_their_template_does_not_hold() -> None:
    with pytest.raises(SectionError, match="ALLERGIES takes Allergy") as info:
        Section(kind=SectionKind.ALLERGIES, entries=(Observation.state(PatientState.FALLS),))  # type: ignore[arg-type]
    assert info.value.code == "dlu.section.entry"


def _dlu_parts(**changes: Any) -> dict[str, Any]:
    """The keyword arguments of Document.dlu that rebuild the example DLU, with *changes*."""
    dlu = example_dlu()

    def entries(kind: SectionKind) -> tuple[Any, ...]:
        section = dlu.section(kind)
        return () if section is None else section.entries

    parts: dict[str, Any] = {
        "header": dlu.header,
        "preferred_hospital": entries(SectionKind.DISPOSITIONS)[0],
        "treatments": dlu.treatments,
        "advance_directive": entries(SectionKind.ADVANCE_DIRECTIVES)[0],
        "observations": dlu.observations,
        "multi_resistant_bacteria": entries(SectionKind.CODED_RESULTS)[1],
        "attached_documents": dlu.attachments,
        "active_problems": entries(SectionKind.ACTIVE_PROBLEMS),
        "medical_history": entries(SectionKind.MEDICAL_HISTORY),
        "allergies": entries(SectionKind.ALLERGIES),
        "palliative_care": entries(SectionKind.CARE_PLAN)[0],
        "vaccinations": entries(SectionKind.IMMUNIZATIONS),
        "comment": dlu.section(SectionKind.COMMENT).note,  # type: ignore[union-attr]
    }
    return {**parts, **changes}


@pytest.mark.parametrize(
    ("name", "rule"),
    [
        ("treatments", "S_medications"),
        ("observations", "S_codedEventOutcome"),
        ("attached_documents", "S_documentsAjoutes_ANS"),
        ("active_problems", "S_ActiveProblem"),
        ("medical_history", "S_historyOfPastIllness"),
        ("allergies", "S_allergiesAndOtherAdverseReaction"),
        ("vaccinations", "S_immunizations"),
    ],
)
def test_the_builder_refuses_a_section_the_kit_refuses_empty(name: str, rule: str) -> None:
    """IHE PCC and CI-SIS section schematrons: these sections hold at least one entry."""
    with pytest.raises(SectionError, match=rule) as info:
        Document.dlu(**_dlu_parts(**{name: []}))
    assert info.value.code == "dlu.section.empty"


@pytest.mark.parametrize("name", ["active_problems", "medical_history", "allergies", "vaccinations", "palliative_care"])
def test_an_optional_section_given_as_none_is_left_out(name: str) -> None:
    document = Document.dlu(**_dlu_parts(**{name: None}))
    assert len(document.sections) == len(example_dlu().sections) - 1


def test_a_dlu_names_the_attending_physician() -> None:
    """Entete_DLU-DLU.sch: the médecin traitant is participant INF with functionCode PCP."""
    header = attrs.evolve(example_dlu().header, attending_physician=None)
    with pytest.raises(InputError, match="médecin traitant") as info:
        Document.dlu(**_dlu_parts(header=header))
    assert info.value.code == "dlu.attending_physician"


def test_a_patient_needs_an_identifier() -> None:
    patient = example_dlu().header.patient
    with pytest.raises(InputError, match="local id or an INS"):
        attrs.evolve(patient, ins=None, identity_status=None, local_id=None)


def test_a_qualified_identity_carries_every_ins_trait() -> None:
    """Structuration minimale: with the INS, the birth given names and the birth place (COG) are mandatory."""
    patient = example_dlu().header.patient
    with pytest.raises(InputError, match="INS traits") as info:
        attrs.evolve(patient, birth_place=None)
    assert info.value.code == "dlu.patient.traits"
    # not qualified: the INS is not written, so its traits are not required
    assert not attrs.evolve(patient, birth_place=None, identity_status=IdentityStatus.VALIDATED).shares_ins


def test_custodian_and_author_rules() -> None:
    header = example_dlu().header
    with pytest.raises(InputError, match="custodian needs an id"):
        attrs.evolve(header, custodian=Organization(id=Identifier(root="1.2.3"), name="X"))
    with pytest.raises(InputError, match="no sector"):
        attrs.evolve(header, custodian=header.author.organization)
    with pytest.raises(InputError, match="author needs an organization"):
        attrs.evolve(header, author=attrs.evolve(header.author, organization=None))
    with pytest.raises(InputError, match="timezone-aware"):
        attrs.evolve(header, effective_time=dt.datetime(2026, 1, 1, 10, 0))


@pytest.mark.parametrize("entry_type", [Problem, Allergy, Treatment])
def test_an_end_date_is_not_before_the_start(entry_type: type) -> None:
    code = Code(code="66207744", code_system="1.2.250.1.213.2.3.1")
    field = {Problem: "code", Allergy: "agent", Treatment: "medication"}[entry_type]
    with pytest.raises(InputError, match="must not be before"):
        entry_type(**{field: code}, start=dt.date(2020, 1, 2), end=dt.date(2020, 1, 1))


@pytest.mark.parametrize(("entry_type", "field"), [(Treatment, "medication"), (Vaccination, "vaccine")])
def test_a_product_is_coded_in_cis(entry_type: type, field: str) -> None:
    """E_produitDeSante_fr.sch: manufacturedMaterial/code is a CIS code (an ATC code fails the kit)."""
    atc = Code(code="N02BE01", code_system="2.16.840.1.113883.6.73", display="Paracétamol")
    with pytest.raises(InputError, match="CIS") as info:
        entry_type(**{field: atc})
    assert info.value.code == "dlu.product"


def test_entries_get_fresh_ids() -> None:
    first = Observation.state(PatientState.FALLS)
    second = Observation.state(PatientState.FALLS)
    assert first.id != second.id
    assert first != second


def test_attachment_repr_hides_the_payload() -> None:
    item = example_dlu().attachments[0]
    assert isinstance(item, AttachedDocument)
    assert "bytes>" in repr(item.attachment)
    assert "JVBER" not in repr(item.attachment)


@pytest.mark.parametrize("state", list(PatientState))
def test_patient_states_are_in_jdv_observation_etat_patient(state: PatientState) -> None:
    from dmpcore.valuesets import value_set

    assert state.code() in value_set("JDV_ObservationEtatPatient_CISIS")
    assert PatientState.from_code(state.code()) is state


@pytest.mark.parametrize("facility", list(FacilityType))
def test_facility_types_are_in_jdv_j02(facility: FacilityType) -> None:
    from dmpcore.valuesets import value_set

    j02 = value_set("J02")
    assert facility.code() in j02
    assert facility.display == j02.display(facility.value)


def test_every_dlu_section_has_a_spec_and_the_registry_is_consistent() -> None:
    """One registry for the family: every document's sections have a spec, and every spec is used."""
    for document in DOCUMENTS.values():
        for use in document.sections:
            spec = SECTIONS[use.kind]
            assert spec.template_ids[-1] == use.kind.value
            assert spec.code
            assert spec.title
    assert {kind for d in DOCUMENTS.values() for u in d.sections for kind in u.kinds} == set(SECTIONS)
    assert set(DOCUMENTS) == set(DocumentKind)


def test_a_dlu_comes_from_a_medico_social_establishment() -> None:
    hospital = Code(code="SA01", code_system="1.2.250.1.71.4.2.4", display="Etablissement public de santé")
    with pytest.raises(InputError, match="SA16, SA17 or SA41") as info:
        Document.dlu(**_dlu_parts(header=attrs.evolve(example_dlu().header, facility_type=hospital)))
    assert info.value.code == "dlu.facility"


def _with_telecoms(*telecoms: Telecom) -> Any:
    return attrs.evolve(example_dlu().header.author, telecoms=telecoms)


def test_a_telecom_is_not_repeated_with_the_same_use() -> None:
    # dtr1-5-URL ([RIM-002], DTr1_URL.sch): the official pipeline refuses two siblings with the same value and use
    work = Telecom.phone("04 03 97 54 15", TelecomUse.WORK)
    with pytest.raises(InputError) as info:
        _with_telecoms(work, work)
    assert info.value.code == "dlu.field"
    assert "#1 and #2" in str(info.value)
    assert "0403975415" not in str(info.value)
    # another use, or no use at all (the kit compares only uses that are given), is accepted
    assert len(_with_telecoms(work, Telecom.phone("04 03 97 54 15", TelecomUse.MOBILE)).telecoms) == 2
    assert len(_with_telecoms(Telecom.phone("0403975415"), Telecom.phone("0403975415")).telecoms) == 2
