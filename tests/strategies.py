"""Hypothesis strategies shared by the test suite."""

from __future__ import annotations

from hypothesis import strategies as st
from stdnum.fr import nir

__all__ = ["nir_bodies", "valid_ins_values"]

_DEPARTMENTS = st.one_of(
    st.integers(1, 95).map(lambda n: f"{n:02d}"),
    st.sampled_from(["2A", "2B", "97", "98", "99"]),
)


@st.composite
def nir_bodies(draw: st.DrawFn) -> str:
    """The 13 characters of a realistic NIR: sex, year, month, department, commune, serial."""
    sex = draw(st.sampled_from("1278"))
    year = draw(st.integers(0, 99))
    month = draw(st.sampled_from([*range(1, 13), 20, 30, 50]))
    department = draw(_DEPARTMENTS)
    commune = draw(st.integers(1, 990 if department not in ("97", "98") else 99))
    serial = draw(st.integers(1, 999))
    width = 3 if department not in ("97", "98") else 2
    place = f"{department}{commune:0{width}d}" if width == 3 else f"{department}{commune:02d}0"
    return f"{sex}{year:02d}{month:02d}{place}{serial:03d}"[:13]


def valid_ins_values() -> st.SearchStrategy[str]:
    """15-character INS values with a correct key."""
    return nir_bodies().map(lambda body: body + nir.calc_check_digits(body + "00"))


# --- consent (dmpcore.consent) -------------------------------------------------------------------------------

from datetime import date, timedelta  # noqa: E402
from typing import Any  # noqa: E402

from dmpcore.consent import LegalSituation, Measure  # noqa: E402

__all__ += ["evaluation_dates", "situation_inputs", "valid_situations_on"]

#: the dates the consent model covers, both regimes, and the years after
EVALUATION_START, EVALUATION_END = date(2016, 7, 7), date(2070, 12, 31)


def evaluation_dates() -> st.SearchStrategy[date]:
    """Dates the consent model covers (from 2016-07-07), across both regimes and their boundary."""
    return st.one_of(
        st.dates(EVALUATION_START, EVALUATION_END),
        st.sampled_from([EVALUATION_START, date(2021, 12, 31), date(2022, 1, 1)]),
    )


def situation_inputs() -> st.SearchStrategy[dict[str, Any]]:
    """Any keyword arguments of LegalSituation with the right types, consistent or not."""
    return st.fixed_dictionaries(
        {
            "birth_date": st.dates(date(1900, 1, 1), EVALUATION_END),
            "emancipated": st.booleans(),
            "minor_under_tutelle": st.booleans(),
            "measure": st.sampled_from(Measure),
            "represents_person": st.none() | st.booleans(),
            "can_express_will": st.booleans(),
        }
    )


_NO_REPRESENTATION = (Measure.NONE, Measure.SAUVEGARDE_DE_JUSTICE, Measure.CURATELLE, Measure.CURATELLE_RENFORCEE)


def _years_before(on: date, years: int) -> date:
    try:
        return on.replace(year=on.year - years)
    except ValueError:  # 29 February: the 28th is the last birth date that has its birthday by then
        return date(on.year - years, 2, 28)


def _birth_for_age(draw: st.DrawFn, on: date, low: int, high: int) -> date:
    """A birth date such that the person is at least *low* and under *high* years old on *on*."""
    return draw(st.dates(_years_before(on, high) + timedelta(days=1), _years_before(on, low)))


@st.composite
def valid_situations_on(draw: st.DrawFn) -> tuple[LegalSituation, date]:
    """A situation and a date at which it is consistent: every kind of adult, emancipated minor and minor."""
    on = draw(evaluation_dates())
    kind = draw(st.sampled_from(["adult", "emancipated", "minor", "minor_under_tutelle"]))
    will = draw(st.booleans())
    if kind in ("minor", "minor_under_tutelle"):
        birth = _birth_for_age(draw, on, 0, 18)
        return LegalSituation(birth, minor_under_tutelle=kind != "minor", can_express_will=will), on
    measure = draw(st.sampled_from(Measure))
    represents = draw(st.sampled_from([None, False] if measure in _NO_REPRESENTATION else [None, False, True]))
    birth = _birth_for_age(draw, on, 16, 18) if kind == "emancipated" else _birth_for_age(draw, on, 18, 110)
    situation = LegalSituation(
        birth, emancipated=kind == "emancipated", measure=measure, represents_person=represents, can_express_will=will
    )
    return situation, on
