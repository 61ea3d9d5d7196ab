"""Classification of a situation into the rows of the table, and the birthdays that bound its age bands."""

from __future__ import annotations

from datetime import date

import pytest

from dmpcore.consent import Capacity, InvalidSituation, LegalSituation, Measure, Party, Regime, classify
from dmpcore.consent._classify import anniversary
from dmpcore.consent._table import row


@pytest.mark.parametrize(
    ("birth", "years", "expected"),
    [
        (date(2000, 2, 29), 16, date(2016, 2, 29)),  # a leap year: the day itself
        (date(2000, 2, 29), 18, date(2018, 3, 1)),  # a common year: 1 March
        (date(2000, 3, 1), 18, date(2018, 3, 1)),
        (date(1999, 12, 31), 18, date(2017, 12, 31)),
        (date(9990, 1, 1), 18, date.max),  # beyond the calendar: never reached
    ],
)
def test_anniversary(birth: date, years: int, expected: date) -> None:
    assert anniversary(birth, years) == expected


def test_a_person_born_near_the_end_of_the_calendar_stays_a_minor() -> None:
    assert classify(LegalSituation(date(9990, 1, 1)), on=date(9999, 12, 30)) is Capacity.MINOR


def test_classify_raises_what_decide_raises() -> None:
    with pytest.raises(InvalidSituation) as caught:
        classify(LegalSituation(date(2010, 1, 1), measure=Measure.TUTELLE), on=date(2025, 1, 1))
    assert caught.value.code == "consent.measure_on_minor"


@pytest.mark.parametrize(
    ("fields", "capacity"),
    [
        ({"measure": Measure.SAUVEGARDE_DE_JUSTICE}, Capacity.ADULT),
        ({"measure": Measure.CURATELLE, "represents_person": False}, Capacity.CURATELLE),
        ({"measure": Measure.TUTELLE, "represents_person": False}, Capacity.NO_PERSON_POWERS),
        ({"measure": Measure.TUTELLE}, Capacity.REPRESENTED),
        ({"measure": Measure.HABILITATION_FAMILIALE}, Capacity.HABILITATION_ASSISTANCE),
        ({"measure": Measure.MANDAT_PROTECTION_FUTURE}, Capacity.NO_PERSON_POWERS),
        ({"emancipated": True}, Capacity.ADULT),  # emancipation has no effect after 18
    ],
)
def test_adult_defaults_per_measure(fields: dict[str, object], capacity: Capacity) -> None:
    """DOMAIN.md §3.2: representation relating to the person by default for tutelle only."""
    situation = LegalSituation(date(1950, 1, 1), **fields)  # type: ignore[arg-type]
    assert classify(situation, on=date(2025, 1, 1)) is capacity


@pytest.mark.parametrize("measure", list(Measure))
def test_an_emancipated_minor_under_a_measure_is_classified_as_an_adult(measure: Measure) -> None:
    """CC 429 and 477: a measure can apply to an emancipated minor as to an adult."""
    minor = LegalSituation(date(2008, 6, 1), emancipated=True, measure=measure)
    adult = LegalSituation(date(1980, 6, 1), measure=measure)
    expected = classify(adult, on=date(2025, 1, 1))
    if expected is Capacity.ADULT:
        expected = Capacity.EMANCIPATED_MINOR
    assert classify(minor, on=date(2025, 1, 1)) is expected


def test_a_minor_tutelle_is_valid_until_the_18th_birthday() -> None:
    situation = LegalSituation(date(2007, 1, 1), minor_under_tutelle=True)
    assert classify(situation, on=date(2024, 12, 31)) is Capacity.MINOR_UNDER_TUTELLE
    with pytest.raises(InvalidSituation):
        classify(situation, on=date(2025, 1, 1))


def test_regime_at() -> None:
    assert Regime.at(date(2016, 7, 7)) is Regime.DMP_2016
    assert Regime.at(date(2022, 1, 1)) is Regime.MES_2022
    assert (Regime.DMP_2016.start, Regime.MES_2022.end) == (date(2016, 7, 7), None)
    with pytest.raises(InvalidSituation):
        Regime.at(date(2016, 7, 6))


def test_the_represented_row_needs_its_representative() -> None:
    assert row(Capacity.REPRESENTED, Party.MANDATARY).deciders == {Party.MANDATARY}
    with pytest.raises(ValueError, match="representative"):
        row(Capacity.REPRESENTED)
