"""Properties of the consent engine over all situations and dates (DOMAIN.md §3.5)."""

from __future__ import annotations

import pickle
from datetime import date, timedelta
from typing import Any

import attrs
import cattrs
import pytest
from hypothesis import assume, example, given
from hypothesis import strategies as st
from tests.strategies import evaluation_dates, situation_inputs, valid_situations_on

from dmpcore.consent import (
    Act,
    Capacity,
    ConsentDecision,
    InvalidSituation,
    LegalSituation,
    Measure,
    Party,
    Regime,
    classify,
    decide,
    explain,
)
from dmpcore.consent._classify import anniversary

ACTS = st.sampled_from(Act)


def _who(d: ConsentDecision) -> tuple[object, ...]:
    """Who is involved, and how: the decision without its regime-dependent parts (mode, basis)."""
    return d.deciders, d.consulted, d.assistants, d.informed


@given(valid_situations_on(), ACTS)
def test_every_act_has_someone_who_decides_or_is_informed(case: tuple[LegalSituation, date], act: Act) -> None:
    """ "Every valid situation has at least one decider for every act": for INFORM, whose recipients are in
    `informed` and whose `deciders` is empty by contract, at least one recipient."""
    situation, on = case
    d = decide(situation, act, on=on)
    if act is Act.INFORM:
        assert d.informed
        assert not d.deciders
    else:
        assert d.deciders


@given(valid_situations_on())
def test_the_patient_is_always_informed(case: tuple[LegalSituation, date]) -> None:
    """ "PATIENT is always informed" (CSP L1111-2: a minor or a represented adult too, adapted to them)."""
    situation, on = case
    assert Party.PATIENT in decide(situation, Act.INFORM, on=on).informed


@given(valid_situations_on(), ACTS)
def test_a_curator_never_decides_nor_accesses_the_portal(case: tuple[LegalSituation, date], act: Act) -> None:
    """ "A curator is never a decider nor has portal access" (curatelle is an assistance measure, CC 440, 467)."""
    situation, on = case
    assert Party.CURATOR not in decide(situation, act, on=on).deciders


@given(valid_situations_on(), ACTS)
def test_consulted_never_contains_a_decider(case: tuple[LegalSituation, date], act: Act) -> None:
    """ "`consulted` never contains a decider"."""
    situation, on = case
    d = decide(situation, act, on=on)
    assert not d.consulted & d.deciders


@given(valid_situations_on(), ACTS)
def test_mode_only_for_create_and_by_regime(case: tuple[LegalSituation, date], act: Act) -> None:
    """CREATE is 'express_consent' under DMP 2016 and 'opt_out' under MES 2022; other acts have no mode."""
    situation, on = case
    d = decide(situation, act, on=on)
    assert d.regime is (Regime.MES_2022 if on >= date(2022, 1, 1) else Regime.DMP_2016)
    expected = {Regime.DMP_2016: "express_consent", Regime.MES_2022: "opt_out"}[d.regime]
    assert d.mode == (expected if act is Act.CREATE else None)
    assert d.basis
    assert all(isinstance(ref, str) and ref.startswith(("CSP ", "CC ")) for ref in d.basis)


@given(
    st.sampled_from(Measure),
    st.sampled_from([None, False, True]),
    st.booleans(),
    evaluation_dates(),
    st.integers(0, 729),
    ACTS,
)
def test_an_emancipated_minor_is_decided_for_as_an_adult(
    measure: Measure, represents: bool | None, will: bool, on: date, days_after_16: int, act: Act
) -> None:
    """ "The decision for an emancipated minor equals the decision for an adult" with the same measure
    (CC 413-6; CC 429 and 477 let a measure apply to an emancipated minor). Without a measure, the same
    decision as an adult without measure: only the capacity's name and CC 413-6 in the basis differ."""
    assume(not (represents and measure in (Measure.NONE, Measure.SAUVEGARDE_DE_JUSTICE)))
    assume(not (represents and measure in (Measure.CURATELLE, Measure.CURATELLE_RENFORCEE)))
    sixteen_years_before = on.replace(day=28) if (on.month, on.day) == (2, 29) else on
    birth = sixteen_years_before.replace(year=on.year - 16) - timedelta(days=days_after_16)
    assume(anniversary(birth, 16) <= on < anniversary(birth, 18))
    fields: dict[str, Any] = {"measure": measure, "represents_person": represents, "can_express_will": will}
    minor = decide(LegalSituation(birth, emancipated=True, **fields), act, on=on)
    adult = decide(LegalSituation(date(1960, 5, 5), **fields), act, on=on)
    assert _who(minor) == _who(adult)
    assert (minor.mode, minor.regime, minor.act) == (adult.mode, adult.regime, adult.act)
    if minor.capacity is Capacity.EMANCIPATED_MINOR:
        assert adult.capacity is Capacity.ADULT
        assert "CC 413-6" in minor.basis
    else:
        assert minor == adult


@given(st.dates(date(1998, 7, 8), date(2050, 12, 31)), st.booleans(), ACTS, st.data())
@example(date(2004, 2, 29), True, Act.CREATE, None)  # 18 on 2022-03-01 (a common year), across the regimes
@example(date(2008, 2, 29), False, Act.PORTAL_ACCESS, None)  # 18 on 2026-03-01
@example(date(2003, 12, 31), True, Act.INFORM, None)  # 18 on 2021-12-31, the last day of DMP 2016
def test_the_answer_changes_exactly_on_the_18th_birthday(
    birth: date, will: bool, act: Act, data: st.DataObject | None
) -> None:
    """ "The answer changes exactly on the 18th birthday": a minor's decision holds up to the day before, an
    adult's from the birthday on (CC 388, 414); 1 March for a person born on 29 February in a common year."""
    majority = anniversary(birth, 18)
    situation = LegalSituation(birth, can_express_will=will)
    eve = majority - timedelta(days=1)
    assert classify(situation, on=eve) is Capacity.MINOR
    assert classify(situation, on=majority) is Capacity.ADULT
    before, after = decide(situation, act, on=eve), decide(situation, act, on=majority)
    assert _who(before) != _who(after)
    if data is not None:  # the answer is constant on each side of the birthday
        earlier = data.draw(st.dates(max(birth, date(2016, 7, 7)), eve))
        later = data.draw(st.dates(majority, date(2080, 1, 1)))
        assert _who(decide(situation, act, on=earlier)) == _who(before)
        assert _who(decide(situation, act, on=later)) == _who(after)


@pytest.mark.parametrize(
    ("birth", "eve", "majority"),
    [
        (date(2004, 2, 29), date(2022, 2, 28), date(2022, 3, 1)),
        (date(2008, 2, 29), date(2026, 2, 28), date(2026, 3, 1)),
        (date(2000, 2, 29), date(2018, 2, 28), date(2018, 3, 1)),
        (date(2002, 3, 1), date(2020, 2, 29), date(2020, 3, 1)),
        (date(2007, 1, 1), date(2024, 12, 31), date(2025, 1, 1)),
    ],
)
def test_majority_dates(birth: date, eve: date, majority: date) -> None:
    """Majority on the 18th birthday; born on 29 February: on 1 March of a common year (docs/consent.md)."""
    situation = LegalSituation(birth)
    assert classify(situation, on=eve) is Capacity.MINOR
    assert classify(situation, on=majority) is Capacity.ADULT


@given(st.dates(date(1998, 7, 7), date(2054, 12, 31)))
def test_emancipation_possible_exactly_from_the_16th_birthday(birth: date) -> None:
    """Emancipation is possible from 16 (CC 413-2): an error the day before the 16th birthday, not on it."""
    situation = LegalSituation(birth, emancipated=True)
    sixteen = anniversary(birth, 16)
    assume(sixteen - timedelta(days=1) >= date(2016, 7, 7))
    with pytest.raises(InvalidSituation) as caught:
        decide(situation, Act.CREATE, on=sixteen - timedelta(days=1))
    assert caught.value.code == "consent.emancipated_under_16"
    assert decide(situation, Act.CREATE, on=sixteen).deciders == {Party.PATIENT}


@given(situation_inputs(), st.dates(date(1900, 1, 1), date(2100, 1, 1)), ACTS)
def test_any_input_gives_a_decision_or_invalid_situation(fields: dict[str, Any], on: date, act: Act) -> None:
    """Robustness: every input either gives a decision that explains itself in both languages, or raises
    InvalidSituation (a ValueError) with a consent.* code: never another exception."""
    try:
        d = decide(LegalSituation(**fields), act, on=on)
    except InvalidSituation as error:
        caught: InvalidSituation | None = error
    else:
        caught = None
    if caught is not None:
        assert caught.code.startswith("consent.")
        # a birth date is patient data: never in a message (unless it is also the evaluation date given)
        assert fields["birth_date"] == on or fields["birth_date"].isoformat() not in str(caught)
        return
    assert explain(d, "fr").endswith(".")
    assert explain(d, "en").endswith(".")


@given(valid_situations_on(), ACTS)
def test_decisions_are_shared_frozen_values(case: tuple[LegalSituation, date], act: Act) -> None:
    """Decisions are immutable and the same object for the same class, act and regime (precomputed)."""
    situation, on = case
    d = decide(situation, act, on=on)
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        d.deciders = frozenset()  # type: ignore[misc]
    assert decide(attrs.evolve(situation), act, on=on) is d


@given(valid_situations_on(), ACTS)
def test_situations_round_trip_through_cattrs_and_pickle(case: tuple[LegalSituation, date], act: Act) -> None:
    """A DUI stores the situation, not its classification: unstructured with cattrs (or pickled) and read
    back, it gives the same decision; the private precomputed fields are not serialised."""
    situation, on = case
    converter = cattrs.Converter()
    converter.register_unstructure_hook(date, date.isoformat)
    converter.register_structure_hook(date, lambda value, _: date.fromisoformat(value))
    raw = converter.unstructure(situation)
    assert set(raw) == {f.name for f in attrs.fields(LegalSituation) if f.init}
    for copy in (converter.structure(raw, LegalSituation), pickle.loads(pickle.dumps(situation))):
        assert copy == situation
        assert hash(copy) == hash(situation)
        assert decide(copy, act, on=on) is decide(situation, act, on=on)
