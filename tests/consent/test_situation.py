"""The named constructors of LegalSituation (issue 3, gap 2): the contract constructor with the fields that fit."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from dmpcore.consent import Act, Capacity, InvalidSituation, LegalSituation, Measure, Party, classify, decide

ON = date(2025, 1, 15)
BIRTH = date(1950, 3, 2)

REPRESENTATIONS = st.sampled_from([None, False, True])


@pytest.mark.parametrize(
    ("named", "fields", "capacity"),
    [
        (LegalSituation.adult(BIRTH), {}, Capacity.ADULT),
        (
            LegalSituation.adult(BIRTH, measure=Measure.SAUVEGARDE_DE_JUSTICE),
            {"measure": Measure.SAUVEGARDE_DE_JUSTICE},
            Capacity.ADULT,
        ),
        (LegalSituation.adult(BIRTH, measure=Measure.CURATELLE), {"measure": Measure.CURATELLE}, Capacity.CURATELLE),
        (LegalSituation.adult(BIRTH, measure=Measure.TUTELLE), {"measure": Measure.TUTELLE}, Capacity.REPRESENTED),
        (
            LegalSituation.adult(BIRTH, measure=Measure.TUTELLE, represents_person=False),
            {"measure": Measure.TUTELLE, "represents_person": False},
            Capacity.NO_PERSON_POWERS,
        ),
        (
            LegalSituation.adult(BIRTH, measure=Measure.HABILITATION_FAMILIALE, can_express_will=False),
            {"measure": Measure.HABILITATION_FAMILIALE, "can_express_will": False},
            Capacity.HABILITATION_ASSISTANCE,
        ),
        (LegalSituation.minor(date(2012, 9, 1)), {}, Capacity.MINOR),
        (
            LegalSituation.minor(date(2012, 9, 1), under_tutelle=True, can_express_will=False),
            {"minor_under_tutelle": True, "can_express_will": False},
            Capacity.MINOR_UNDER_TUTELLE,
        ),
        (LegalSituation.emancipated_minor(date(2008, 6, 1)), {"emancipated": True}, Capacity.EMANCIPATED_MINOR),
        (
            LegalSituation.emancipated_minor(date(2008, 6, 1), measure=Measure.CURATELLE),
            {"emancipated": True, "measure": Measure.CURATELLE},
            Capacity.CURATELLE,
        ),
        (
            LegalSituation.emancipated_minor(date(2008, 6, 1), measure=Measure.TUTELLE, can_express_will=False),
            {"emancipated": True, "measure": Measure.TUTELLE, "can_express_will": False},
            Capacity.REPRESENTED,
        ),
    ],
)
def test_named_constructors_are_the_contract_constructor(
    named: LegalSituation, fields: dict[str, Any], capacity: Capacity
) -> None:
    contract = LegalSituation(birth_date=named.birth_date, **fields)
    assert named == contract
    assert classify(named, on=ON) is capacity
    assert decide(named, Act.CREATE, on=ON) is decide(contract, Act.CREATE, on=ON)


def test_emancipated_minor_passes_can_express_will_on() -> None:
    """An emancipated minor under tutelle (CC 429) who cannot express their will: nobody is consulted, as for
    an adult (the second audit's mutant dropped ``can_express_will`` in ``emancipated_minor`` unseen)."""
    ward = LegalSituation.emancipated_minor(date(2008, 6, 1), measure=Measure.TUTELLE, can_express_will=False)
    assert not ward.can_express_will
    assert decide(ward, Act.CREATE, on=ON).consulted == frozenset()
    able = LegalSituation.emancipated_minor(date(2008, 6, 1), measure=Measure.TUTELLE)
    assert decide(able, Act.CREATE, on=ON).consulted == {Party.PATIENT}


@given(st.sampled_from(Measure), REPRESENTATIONS, st.booleans())
def test_adult_sets_the_measure_fields_only(measure: Measure, represents: bool | None, will: bool) -> None:
    fields = {"measure": measure, "represents_person": represents, "can_express_will": will}
    if represents and measure not in (
        Measure.TUTELLE,
        Measure.HABILITATION_FAMILIALE,
        Measure.MANDAT_PROTECTION_FUTURE,
    ):
        with pytest.raises(InvalidSituation) as caught:
            LegalSituation.adult(BIRTH, **fields)  # type: ignore[arg-type]
        assert caught.value.code == "consent.representation_not_possible"
        return
    contract = LegalSituation(BIRTH, **fields)  # type: ignore[arg-type]
    named = LegalSituation.adult(BIRTH, measure=measure, represents_person=represents, can_express_will=will)
    assert named == contract
    assert not named.emancipated
    assert not named.minor_under_tutelle


@pytest.mark.parametrize(
    ("situation", "on", "code"),
    [
        (LegalSituation.emancipated_minor(date(2010, 1, 1)), ON, "consent.emancipated_under_16"),
        (LegalSituation.minor(date(2000, 1, 1), under_tutelle=True), ON, "consent.minor_tutelle_on_adult"),
        (LegalSituation.adult(date(2012, 1, 1), measure=Measure.TUTELLE), ON, "consent.measure_on_minor"),
    ],
    ids=["emancipated-at-15", "minor-tutelle-at-25", "tutelle-at-13"],
)
def test_the_age_is_still_read_at_the_evaluation_date(situation: LegalSituation, on: date, code: str) -> None:
    """A named constructor chooses fields, not an age: a contradiction on a date is raised by decide."""
    with pytest.raises(InvalidSituation) as caught:
        decide(situation, Act.CREATE, on=on)
    assert caught.value.code == code


def test_a_minor_becomes_an_adult_without_measure_on_the_18th_birthday() -> None:
    minor = LegalSituation.minor(date(2007, 1, 15))
    assert classify(minor, on=date(2025, 1, 14)) is Capacity.MINOR
    assert classify(minor, on=date(2025, 1, 15)) is Capacity.ADULT


def test_named_constructors_check_their_fields() -> None:
    with pytest.raises(InvalidSituation, match="must be a bool") as caught:
        LegalSituation.minor(date(2012, 9, 1), under_tutelle=1)  # type: ignore[arg-type]
    assert caught.value.code == "consent.type"
    with pytest.raises(InvalidSituation, match=r"must be a datetime\.date"):
        LegalSituation.adult("1950-03-02")  # type: ignore[arg-type]
