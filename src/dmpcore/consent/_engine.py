"""``decide``: a date comparison and two table reads per call."""

from __future__ import annotations

from datetime import date

from dmpcore.consent._classify import Key, Problem, check_on
from dmpcore.consent._model import MES_START, MODEL_START, Act, Capacity, ConsentDecision
from dmpcore.consent._situation import LegalSituation
from dmpcore.consent._table import profile
from dmpcore.errors import InvalidSituation

__all__ = ["classify", "decide"]


def _key(situation: LegalSituation, on: date) -> Key:
    if not isinstance(situation, LegalSituation):
        raise InvalidSituation(
            f"'situation' must be a LegalSituation (got {type(situation).__name__})", code="consent.type"
        )
    if type(on) is not date or on < MODEL_START:
        check_on(on)  # raises with the right message (a datetime, another type, a date before 2016-07-07)
    bands = situation._bands
    if on >= bands.eighteen:
        band = bands.adult
    elif on >= bands.sixteen:
        band = bands.sixteen_to_eighteen
    elif on >= bands.birth:
        band = bands.under_sixteen
    else:
        raise InvalidSituation(
            f"the evaluation date {on.isoformat()} is before the person's birth date", code="consent.date_before_birth"
        )
    if type(band) is Problem:
        raise band.error()
    return band  # type: ignore[return-value]  # Key, narrowed by the check above


def classify(situation: LegalSituation, *, on: date) -> Capacity:
    """The row of the table that applies to *situation* on *on* (raises :class:`InvalidSituation`).

    >>> from dmpcore.consent import LegalSituation
    >>> classify(LegalSituation(date(2010, 5, 1)), on=date(2028, 4, 30)).name
    'MINOR'
    >>> classify(LegalSituation(date(2010, 5, 1)), on=date(2028, 5, 1)).name
    'ADULT'
    """
    return _key(situation, on).capacity


def decide(situation: LegalSituation, act: Act, *, on: date) -> ConsentDecision:
    """Who is informed, decides, is consulted and assists for *act* on the DMP of *situation*, on *on*.

    The regime is chosen by *on*: DMP 2016 (express consent) until 2021-12-31, MES 2022 (automatic creation
    unless opposed) from 2022-01-01. A refusal is a decision, not an exception; contradictory or unsupported
    inputs raise :class:`~dmpcore.errors.InvalidSituation`.

    >>> from dmpcore.consent import LegalSituation, Measure, Act
    >>> d = decide(LegalSituation(date(1950, 3, 2), measure=Measure.TUTELLE), Act.CREATE, on=date(2025, 1, 15))
    >>> sorted(p.name for p in d.deciders), sorted(p.name for p in d.consulted), d.mode, d.regime.name
    (['TUTOR'], ['PATIENT'], 'opt_out', 'MES_2022')
    """
    key = _key(situation, on)
    decisions = profile(key)[on >= MES_START]
    try:
        return decisions[act]
    except (KeyError, TypeError):
        raise InvalidSituation(f"'act' must be an Act (got {act!r:.40})", code="consent.type") from None
