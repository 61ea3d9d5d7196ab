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
