"""The liaison sheets' models: builders, the transfer helper, and the codes they carry."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import attrs
import pytest
from hypothesis import given
from tests.strategies import sheet_documents

from dmpcore.codes import Code
from dmpcore.dlu import (
    ACT_STATUSES,
    CONSCIOUSNESS_FLUDT,
    DOCUMENTS,
    FR_SU_INFORMED,
    FT_SU_INFORMED,
    LAST_MEAL,
    AdvanceDirective,
    Consciousness,
    Disposition,
    Document,
    DocumentKind,
    Identifier,
    InformedParty,
    LastIntake,
    Observation,
    PatientTransfer,
    PersonalItem,
    Procedure,
    ReturnOutcome,
    Section,
    SectionError,
    SectionKind,
    SheetArgumentError,
    TimeObservation,
    Treatment,
    VitalSign,
    VitalSignKind,
    VitalSigns,
    example_dlu,
    example_fludt,
    example_fr_su,
    example_ft_su,
    fludt_sheet,
    fr_su_sheet,
    from_dict,
    ft_su_sheet,
    to_dict,
    transfer_sheet,
)
from dmpcore.errors import InputError
from dmpcore.identity import organisation_id
from dmpcore.valuesets import value_set

WHEN = dt.datetime(2026, 3, 9, 7, 40, tzinfo=dt.timezone(dt.timedelta(hours=1)))


def _vitals() -> VitalSigns:
    return VitalSigns(time=WHEN, signs=(VitalSign.of(VitalSignKind.PULSE, 80),))


@given(sheet_documents())
def test_sheets_round_trip_through_the_dict_form(document: Document) -> None:
    """to_dict / from_dict (the web forms' path) round-trip every sheet."""
    assert from_dict(to_dict(document)) == document


@pytest.mark.parametrize(
    ("kind", "required"), [(DocumentKind.FT_SU, FT_SU_INFORMED), (DocumentKind.FR_SU, FR_SU_INFORMED)]
)
def test_the_required_parties_are_always_reported(kind: DocumentKind, required: tuple[InformedParty, ...]) -> None:
    """S_PersonnesStructuresInformees_DLU-FT-SU/FR-SU.sch: each required party has its observation, informed or not."""
    document = example_ft_su() if kind is DocumentKind.FT_SU else example_fr_su()
    section = document.section(SectionKind.PERSONS_INFORMED)
    assert section is not None
    reported = {o.code.code: o.value for o in section.of_type(Observation)}
    assert {party.value[0] for party in required} <= set(reported)


def test_informed_parties_say_who_was_told() -> None:
    sheet = transfer_sheet(example_dlu(), when=WHEN).fill(
        reason="Chute",
        vital_signs=_vitals(),
        consciousness=Consciousness.ROUSABLE,
        informed=[InformedParty.CENTRE_15],
        personal_items=[PersonalItem.glasses()],
    )
    section = sheet.section(SectionKind.PERSONS_INFORMED)
    assert section is not None
    assert [(o.code.code, o.value) for o in section.of_type(Observation)] == [
        ("ORG-214", True),
        ("225728007", False),
        ("PCP", False),
        ("ORG-223", False),
    ]


def test_a_transfer_sheet_carries_the_dlu_over() -> None:
    """Identity, allergies, treatments, directives and risks come from the DLU; the ids are new."""
    dlu = example_dlu()
    draft = transfer_sheet(dlu, kind=DocumentKind.FLUDT, when=WHEN)
    assert draft.header.patient == dlu.header.patient
    assert draft.header.id != dlu.header.id
    assert draft.header.effective_time == WHEN
    assert [t.medication for t in draft.treatments] == [t.medication for t in dlu.treatments]
    assert draft.allergies == dlu.allergies
    assert [d.exists for d in draft.advance_directives] == [True]
    assert all(r.value for r in draft.risks)
    assert draft.multi_resistant_bacteria is False
    assert draft.preferred_hospital is not None
    vigilance = draft.vigilance()
    assert "Pénicillines" in vigilance
    assert "Directives anticipées rédigées" in vigilance
    assert "risque d'escarre" in vigilance
    assert "déambulation" not in vigilance  # only the risks observed as present


def test_a_fludt_keeps_the_treatments_as_entries() -> None:
    dlu = example_dlu()
    with pytest.raises(InputError, match="transfer"):
        transfer_sheet(dlu, kind=DocumentKind.FLUDT, when=WHEN).fill(
            reason="Chute", vital_signs=_vitals(), consciousness=Consciousness.AWAKE, personal_items=[]
        )
    fludt = example_fludt()
    assert [t.medication for t in fludt.treatments] == [t.medication for t in dlu.treatments]
    results = fludt.section(SectionKind.CODED_RESULTS)
    assert results is not None
    assert CONSCIOUSNESS_FLUDT[Consciousness.AWAKE] in [o.code for o in results.of_type(Observation)]


def test_only_transfer_sheets_are_prepared_from_a_dlu() -> None:
    with pytest.raises(InputError, match="FLUDT or an FT-SU"):
        transfer_sheet(example_dlu(), kind=DocumentKind.FR_SU, when=WHEN)
    with pytest.raises(InputError, match="from a DLU"):
        transfer_sheet(example_ft_su(), when=WHEN)


def test_sections_the_kit_requires_to_hold_an_entry_need_one() -> None:
    with pytest.raises(SectionError, match="at least one personal item"):
        ft_su_sheet(
            header=example_dlu().header,
            reason="Chute",
            informed=(),
            consciousness=Consciousness.AWAKE,
            vital_signs=_vitals(),
            personal_items=(),
        )


def test_a_return_sheet_needs_a_diagnosis() -> None:
    sheet = example_fr_su()
    with pytest.raises(SectionError, match="discharge diagnosis"):
        fr_su_sheet(
            header=sheet.header,
            informed=(),
            outcome=ReturnOutcome.BACK_HOME,
            transfer=next(sheet.entries(PatientTransfer)),
            diagnoses=(),
            follow_up="RAS",
            personal_items=[PersonalItem.glasses()],
        )


def test_entries_are_checked_against_their_section() -> None:
    """One registry: a sheet section refuses entries its CI-SIS template does not hold."""
    with pytest.raises(SectionError, match="PERSONAL_ITEMS takes PersonalItem"):
        Section(kind=SectionKind.PERSONAL_ITEMS, entries=(AdvanceDirective(exists=True),))


def test_vital_signs_need_a_measurement_and_a_writable_time() -> None:
    with pytest.raises(InputError, match="at least one measurement"):
        VitalSigns(time=WHEN, signs=())
    with pytest.raises(InputError, match="whole minutes"):  # a TS writes its offset as +HHMM
        VitalSigns(
            time=WHEN.replace(tzinfo=dt.timezone(dt.timedelta(seconds=30))),
            signs=(VitalSign.of(VitalSignKind.PULSE, 80),),
        )


@pytest.mark.parametrize(
    "item", [PersonalItem.glasses(), PersonalItem.dentures(), PersonalItem.hearing_aid(), PersonalItem.other("x")]
)
def test_personal_items_are_in_jdv_prothese_objet_personnel(item: PersonalItem) -> None:
    assert item.code in value_set("JDV_ProtheseObjetPersonnel_CISIS")


def test_every_sheet_model_is_in_the_registry() -> None:
    for kind in (DocumentKind.FLUDT, DocumentKind.FLUDR, DocumentKind.FT_SU, DocumentKind.FR_SU):
        assert DOCUMENTS[kind].sections
    assert DOCUMENTS[DocumentKind.FT_SU].encounter_code[0] == "EMER"
    assert DOCUMENTS[DocumentKind.FLUDT].encounter_code[0] == "IMP"


def test_personal_items_and_fludr_attachments_come_from_their_value_sets() -> None:
    """JDV_ProtheseObjetPersonnel (FLUDT, FLUDR, FT-SU, FR-SU) and JDV_ChecklistFLUDR bind these codes."""
    from dmpcore.codes import Code
    from dmpcore.dlu import AttachedDocument, Attachment, Problem, example_fludr, fludr_sheet
    from dmpcore.valuesets import CodeNotInValueSet

    walker = PersonalItem(code=Code(code="Z9999", code_system="1.2.250.1.213.2.68", display="DÉAMBULATEUR"))
    with pytest.raises(CodeNotInValueSet, match="JDV_ProtheseObjetPersonnel"):
        ft_su_sheet(
            header=example_dlu().header,
            reason="Chute",
            informed=(),
            consciousness=Consciousness.AWAKE,
            vital_signs=_vitals(),
            personal_items=(walker,),
        )
    fludr = example_fludr()
    dlu_checklist = Code(code="DLU_006", code_system="1.2.250.1.213.1.1.4.322", display="Attestation")
    with pytest.raises(CodeNotInValueSet, match="JDV_ChecklistFLUDR") as info:
        fludr_sheet(
            header=fludr.header,
            reason="Retour",
            transfer=next(fludr.entries(PatientTransfer)),
            diagnoses=list(fludr.entries(Problem)),
            treatments=fludr.treatments,
            personal_items=list(fludr.entries(PersonalItem)),
            attached_documents=[AttachedDocument(document_type=dlu_checklist, attachment=Attachment(data=b"%PDF"))],
        )
    assert info.value.code == "valueset.not_member"


def _hospital_transfer() -> PatientTransfer:
    return next(example_fludt().entries(PatientTransfer))


@pytest.mark.parametrize(("kind", "name"), [(DocumentKind.FLUDT, "informed"), (DocumentKind.FT_SU, "transfer")])
def test_fill_refuses_what_the_sheet_has_no_place_for(kind: DocumentKind, name: str) -> None:
    """A FLUDT has no persons-informed section, an FT-SU no patient-transfer entry: nothing is silently dropped."""
    given: dict[str, object] = {"informed": [InformedParty.CENTRE_15], "transfer": _hospital_transfer()}
    if kind is DocumentKind.FT_SU:
        given.pop("informed")
    draft = transfer_sheet(example_dlu(), kind=kind, when=WHEN)
    with pytest.raises(SheetArgumentError, match=f"a {kind.name} has no place for '{name}'") as info:
        draft.fill(
            reason="Chute",
            vital_signs=_vitals(),
            consciousness=Consciousness.AWAKE,
            personal_items=[PersonalItem.glasses()],
            **given,  # type: ignore[arg-type]
        )
    assert info.value.code == "dlu.sheet.argument"
    assert isinstance(info.value, InputError)


def test_a_fludt_reports_the_last_intake_of_the_usual_treatment() -> None:
    """The FLUDT's treatments section carries "date et heure de la dernière prise du traitement habituel"."""
    taken = WHEN - dt.timedelta(hours=11)
    sheet = transfer_sheet(example_dlu(), kind=DocumentKind.FLUDT, when=WHEN).fill(
        reason="Chute",
        vital_signs=_vitals(),
        consciousness=Consciousness.AWAKE,
        transfer=_hospital_transfer(),
        last_usual_treatment=taken,
        personal_items=[PersonalItem.glasses()],
    )
    assert [i.time for i in sheet.entries(LastIntake, SectionKind.TREATMENTS)] == [taken]
    assert len(sheet.treatments) == len(example_dlu().treatments)


def test_a_fludt_needs_a_treatment_or_the_last_intake() -> None:
    fludt = example_fludt()
    parts = {
        "header": fludt.header,
        "reason": "Chute",
        "transfer": _hospital_transfer(),
        "vital_signs": _vitals(),
        "consciousness": Consciousness.AWAKE,
        "personal_items": [PersonalItem.glasses()],
    }
    with pytest.raises(SectionError, match="usual treatment or last intake"):
        fludt_sheet(**parts)  # type: ignore[arg-type]
    only_intake = fludt_sheet(**parts, last_usual_treatment=WHEN)  # type: ignore[arg-type]
    section = only_intake.section(SectionKind.TREATMENTS)
    assert section is not None
    assert [type(e) for e in section.entries] == [LastIntake]


def test_an_fr_su_may_give_its_discharge_diagnosis_as_text() -> None:
    """CI-SIS_DLU-FR-SU_2025.01.sch: FR-Diagnostic-de-sortie-non-code (…2.5) instead of the coded section."""
    sheet = example_fr_su()
    uncoded = fr_su_sheet(
        header=sheet.header,
        informed=(),
        outcome=ReturnOutcome.BACK_HOME,
        transfer=next(sheet.entries(PatientTransfer)),
        diagnosis_text="Contusion de la hanche, pas de fracture.",
        follow_up="RAS",
        personal_items=[PersonalItem.glasses()],
    )
    section = uncoded.section(SectionKind.DISCHARGE_DIAGNOSIS_TEXT)
    assert section is not None
    assert section.note == "Contusion de la hanche, pas de fracture."
    assert uncoded.section(SectionKind.DISCHARGE_DIAGNOSIS) is None
    assert uncoded.missing_sections() == []
    without = attrs.evolve(uncoded, sections=tuple(s for s in uncoded.sections if s is not section))
    assert without.missing_sections() == [SectionKind.DISCHARGE_DIAGNOSIS]


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"dose": Decimal(4), "dose_high": Decimal(2)}, "'dose_high'"),
        ({"dose_high": Decimal(2)}, "'dose_high'"),
        ({"dose": Decimal(2), "max_dose": Decimal(4)}, "go together"),
        ({"dose": Decimal(2), "max_dose_period_hours": 24}, "go together"),
        ({"dose": Decimal(2), "max_dose_unit": "mg"}, "'max_dose_unit'"),
        (
            {"dose": Decimal(2), "max_dose": Decimal(4), "max_dose_period_hours": 24, "max_dose_unit": "{count}"},
            "'max_dose_unit'",
        ),
    ],
)
def test_a_dose_range_and_a_maximum_dose_are_consistent(fields: dict[str, object], message: str) -> None:
    medication = example_dlu().treatments[0].medication
    with pytest.raises(InputError, match=message) as info:
        Treatment(medication=medication, dose_unit="{count}", **fields)  # type: ignore[arg-type]
    assert info.value.code == "dlu.dose"


def test_statuses_are_hl7_act_statuses() -> None:
    with pytest.raises(InputError, match="ActStatus") as info:
        Procedure(status="done")
    assert info.value.code == "dlu.status"
    assert Procedure(status="cancelled").status in ACT_STATUSES


def test_a_transfer_names_its_destination_by_its_national_id() -> None:
    """The destination's FINESS ('1' + FINESS under 1.2.250.1.71.4.2.2): a NationalId or an Identifier."""
    hospital = next(example_dlu().entries(Disposition)).hospital
    sa01 = Code(code="SA01", code_system="1.2.250.1.71.4.2.4", display="Etablissement public de santé")
    transfer = PatientTransfer(
        start=WHEN,
        destination=hospital,
        destination_type=sa01,
        destination_national_id=organisation_id(finess="137051849"),
    )
    assert transfer.destination_national_id == Identifier(root="1.2.250.1.71.4.2.2", extension="1137051849")
    for bad, code in (
        (Identifier(root="1.2.250.1.71.4.2.1", extension="1137051849"), "dlu.transfer.national-id"),
        (Identifier(root="1.2.250.1.71.4.2.2"), "dlu.transfer.national-id"),
        (Identifier(root="1.2.250.1.71.4.2.2", extension="9137051849"), "identifier.prefix"),
    ):
        with pytest.raises(InputError) as info:
            attrs.evolve(transfer, destination_national_id=bad)
        assert info.value.code == code
        assert "137051849" not in str(info.value)  # an identifier in a message is masked


def test_a_personal_items_site_is_a_code_or_a_null_flavor() -> None:
    """The official sheets write targetSiteCode nullFlavor="NASK" (not asked) for glasses: an HL7 null flavor."""
    glasses = PersonalItem.glasses()
    assert attrs.evolve(glasses, site_null_flavor="NASK").site_null_flavor == "NASK"
    upper = Code(code="264217000", code_system="2.16.840.1.113883.6.96", display="supérieur(e)")
    for fields in ({"site_null_flavor": "ASKED"}, {"site_null_flavor": "NASK", "site": upper}):
        with pytest.raises(InputError, match="null flavor") as info:
            attrs.evolve(glasses, **fields)
        assert info.value.code == "dlu.site"


def test_a_time_only_observation_and_an_institution_specified_period_need_their_time() -> None:
    noon = dt.datetime(2020, 3, 27, 12, tzinfo=dt.UTC)
    assert TimeObservation(code=LAST_MEAL, value=noon, time=noon, time_only=True).time_only
    for value, time in ((None, None), (noon, None), (noon, noon + dt.timedelta(hours=1))):
        with pytest.raises(InputError, match="'time_only'") as info:
            TimeObservation(code=LAST_MEAL, value=value, time=time, time_only=True)
        assert info.value.code == "dlu.time"
    medication = example_dlu().treatments[0].medication
    assert Treatment(medication=medication, period_hours=8, institution_specified=True).institution_specified
    with pytest.raises(InputError, match="'institution_specified'") as info:
        Treatment(medication=medication, institution_specified=True)
    assert info.value.code == "dlu.period"
