"""Classify a legal situation into a :class:`Capacity` for each age band, once, when it is built.

A situation has three age bands: before 16 (emancipation impossible, CC 413-2), from 16 to 18, and from the
18th birthday (majority, CC 414). Each band is classified once into a key of the decision table, or into the
error it would raise, so that :func:`~dmpcore.consent.decide` only compares dates and reads a table.

Birthdays: the n-th birthday of a person born on 29 February is 1 March in a common year: majority is reached
when 18 whole years have elapsed, and they elapse at the end of 28 February (see docs/consent.md).
"""

from __future__ import annotations

from datetime import date, datetime
from typing import NamedTuple

from dmpcore.consent._model import MODEL_START, Capacity, Measure, Party
from dmpcore.errors import InvalidSituation

__all__ = ["Bands", "Key", "Problem", "anniversary", "bands", "check_on"]


class Key(NamedTuple):
    """The key of the decision table: the capacity, the representative (REPRESENTED only), the will."""

    capacity: Capacity
    representative: Party | None = None
    expresses_will: bool = True


class Problem(NamedTuple):
    """An error a band raises when a date falls in it: the situation is contradictory then."""

    code: str
    message: str

    def error(self) -> InvalidSituation:
        return InvalidSituation(self.message, code=self.code)


class Bands(NamedTuple):
    """The classification of a situation: the birthdays that bound the bands, and each band's key."""

    birth: date
    sixteen: date
    eighteen: date
    under_sixteen: Key | Problem
    sixteen_to_eighteen: Key | Problem
    adult: Key | Problem


class _MeasureRule(NamedTuple):
    """How a measure classifies an adult: without / with representation relating to the person."""

    without_representation: Capacity
    representative: Party | None  # who represents the person when the measure grants it; None: never possible
    represents_by_default: bool


# DOMAIN.md §3.2: representation relating to the person is the default of a tutelle (CC 459 al. 2, 473),
# granted only by the judgment or mandate for habilitation familiale (CC 494-1, 494-6) and the mandat (CC 479),
# never possible under curatelle or sauvegarde de justice (assistance measures: CC 433, 440 al. 1, 467).
_MEASURES: dict[Measure, _MeasureRule] = {
    Measure.NONE: _MeasureRule(Capacity.ADULT, None, False),
    Measure.SAUVEGARDE_DE_JUSTICE: _MeasureRule(Capacity.ADULT, None, False),
    Measure.CURATELLE: _MeasureRule(Capacity.CURATELLE, None, False),
    Measure.CURATELLE_RENFORCEE: _MeasureRule(Capacity.CURATELLE, None, False),
    Measure.TUTELLE: _MeasureRule(Capacity.NO_PERSON_POWERS, Party.TUTOR, True),
    Measure.HABILITATION_FAMILIALE: _MeasureRule(Capacity.HABILITATION_ASSISTANCE, Party.HABILITATED_PERSON, False),
    Measure.MANDAT_PROTECTION_FUTURE: _MeasureRule(Capacity.NO_PERSON_POWERS, Party.MANDATARY, False),
}

_EMANCIPATED_UNDER_16 = Problem(
    "consent.emancipated_under_16",
    "a minor can be emancipated only from the age of 16 (CC 413-2, 413-3); the person is under 16 on that date",
)
_EMANCIPATED_UNDER_TUTELLE = Problem(
    "consent.emancipated_minor_tutelle",
    "an emancipated minor is no longer under tutelle (CC 413-6, 413-7): "
    "'emancipated' and 'minor_under_tutelle' cannot both be true",
)
_MEASURE_ON_MINOR = Problem(
    "consent.measure_on_minor",
    "an adult protection measure cannot apply to a minor who is not emancipated (CC 425, 429); "
    "the person is a minor on that date: use minor_under_tutelle for a minor's tutor",
)
_REPRESENTATION_ON_MINOR = Problem(
    "consent.representation_on_minor",
    "'represents_person' describes an adult protection measure and must be None for a minor who is not emancipated",
)
_MINOR_TUTELLE_ON_ADULT = Problem(
    "consent.minor_tutelle_on_adult",
    "'minor_under_tutelle' applies to minors only (CC 390) and the person is an adult on that date: "
    "describe an adult's tutelle with measure=Measure.TUTELLE",
)


def _no_representation(measure: Measure) -> Problem:
    what = "without a measure" if measure is Measure.NONE else f"under {measure.value}"
    return Problem(
        "consent.representation_not_possible",
        f"there is no representation relating to the person {what} (sauvegarde de justice and curatelle are "
        "assistance measures: CC 433, 440, 467); 'represents_person' must be None or False",
    )


def anniversary(birth: date, years: int) -> date:
    """The *years*-th birthday; 1 March for a 29 February birth in a common year; ``date.max`` past year 9999.

    >>> anniversary(date(2008, 2, 29), 18), anniversary(date(2008, 2, 29), 16)
    (datetime.date(2026, 3, 1), datetime.date(2024, 2, 29))
    """
    year = birth.year + years
    if year > date.max.year:
        return date.max
    try:
        return birth.replace(year=year)
    except ValueError:  # 29 February in a common year
        return date(year, 3, 1)


def check_on(on: object) -> date:
    """*on* if it is a date the model covers, else raise :class:`InvalidSituation`."""
    if not isinstance(on, date) or isinstance(on, datetime):
        raise InvalidSituation(f"'on' must be a datetime.date (got {type(on).__name__})", code="consent.date_type")
    if on < MODEL_START:
        raise InvalidSituation(
            f"the DMP rules start on {MODEL_START.isoformat()} (décret 2016-914); got on={on.isoformat()}",
            code="consent.date_out_of_model",
        )
    return on


def _adult(
    measure: Measure, represents_person: bool | None, can_express_will: bool, *, emancipated: bool
) -> Key | Problem:
    rule = _MEASURES[measure]
    represented = rule.represents_by_default if represents_person is None else represents_person
    if represented and rule.representative is None:  # pragma: no cover - refused by bands()
        return _no_representation(measure)
    if represented:
        return Key(Capacity.REPRESENTED, rule.representative, can_express_will)
    if emancipated and rule.without_representation is Capacity.ADULT:
        return Key(Capacity.EMANCIPATED_MINOR)
    return Key(rule.without_representation)


def _minor(
    *,
    emancipated: bool,
    minor_under_tutelle: bool,
    measure: Measure,
    represents_person: bool | None,
    can_express_will: bool,
) -> Key | Problem:
    """A minor from 16: emancipated (as an adult, CC 413-6; CC 429 and 477 allow adult measures) or not."""
    if emancipated:
        return _adult(measure, represents_person, can_express_will, emancipated=True)
    if measure is not Measure.NONE:
        return _MEASURE_ON_MINOR
    if represents_person is not None:
        return _REPRESENTATION_ON_MINOR
    capacity = Capacity.MINOR_UNDER_TUTELLE if minor_under_tutelle else Capacity.MINOR
    return Key(capacity, None, can_express_will)


def bands(
    *,
    birth_date: date,
    emancipated: bool,
    minor_under_tutelle: bool,
    measure: Measure,
    represents_person: bool | None,
    can_express_will: bool,
) -> Bands:
    """Classify the three age bands of a situation.

    Contradictions true at every date raise :class:`InvalidSituation` now; the others are kept in their band
    and raised when a date falls in it.
    """
    if emancipated and minor_under_tutelle:
        raise _EMANCIPATED_UNDER_TUTELLE.error()
    rule = _MEASURES[measure]
    if represents_person and rule.representative is None:
        raise _no_representation(measure).error()
    from_sixteen = _minor(
        emancipated=emancipated,
        minor_under_tutelle=minor_under_tutelle,
        measure=measure,
        represents_person=represents_person,
        can_express_will=can_express_will,
    )
    under_sixteen = _EMANCIPATED_UNDER_16 if emancipated else from_sixteen
    if minor_under_tutelle:
        adult: Key | Problem = _MINOR_TUTELLE_ON_ADULT
    else:
        # emancipation has no effect after majority: an adult is classified by the measure alone
        adult = _adult(measure, represents_person, can_express_will, emancipated=False)
    return Bands(
        birth=birth_date,
        sixteen=anniversary(birth_date, 16),
        eighteen=anniversary(birth_date, 18),
        under_sixteen=under_sixteen,
        sixteen_to_eighteen=from_sixteen,
        adult=adult,
    )
