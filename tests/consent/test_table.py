"""The table of DOMAIN.md §3.4, every row, every act, both regimes, written out independently of the engine."""

from __future__ import annotations

from datetime import date
from typing import NamedTuple

import pytest

from dmpcore.consent import Act, Capacity, LegalSituation, Measure, Party, Regime, decide

P, PARENTS, TUTOR, CURATOR, HP, MANDATARY = (
    Party.PATIENT,
    Party.PARENTS,
    Party.TUTOR,
    Party.CURATOR,
    Party.HABILITATED_PERSON,
    Party.MANDATARY,
)

#: one evaluation date per regime
ON = {Regime.DMP_2016: date(2019, 6, 1), Regime.MES_2022: date(2025, 1, 15)}


class Row(NamedTuple):
    """Expected sets, as the table says them."""

    informed: set[Party]
    inform_assistants: set[Party]
    deciders: set[Party]
    consulted: set[Party]
    assistants: set[Party]
    portal: set[Party]


def _aged(years: int, on: date) -> date:
    return on.replace(year=on.year - years)


class Case(NamedTuple):
    name: str
    age: int
    fields: dict[str, object]
    capacity: Capacity
    row: Row


def _represented(representative: Party) -> Row:
    return Row({P, representative}, set(), {representative}, {P}, set(), {P, representative})


AS_ADULT = Row({P}, set(), {P}, set(), set(), {P})

CASES = [
    # adult, no measure or sauvegarde de justice
    Case("adult", 40, {}, Capacity.ADULT, AS_ADULT),
    Case("sauvegarde", 80, {"measure": Measure.SAUVEGARDE_DE_JUSTICE}, Capacity.ADULT, AS_ADULT),
    # emancipated minor: as an adult (CC 413-6)
    Case("emancipated-16", 16, {"emancipated": True}, Capacity.EMANCIPATED_MINOR, AS_ADULT),
    Case("emancipated-17", 17, {"emancipated": True}, Capacity.EMANCIPATED_MINOR, AS_ADULT),
    # curatelle, curatelle renforcée: the person decides, the curator may assist, never portal access
    *(
        Case(m.value, 70, {"measure": m}, Capacity.CURATELLE, Row({P}, {CURATOR}, {P}, set(), {CURATOR}, {P}))
        for m in (Measure.CURATELLE, Measure.CURATELLE_RENFORCEE)
    ),
    # habilitation familiale without person representation
    *(
        Case(f"hf-{rp}", 85, {"measure": Measure.HABILITATION_FAMILIALE, **rp}, Capacity.HABILITATION_ASSISTANCE, row)
        for rp in ({}, {"represents_person": False})
        for row in [Row({P}, {HP}, {P}, set(), {HP}, {P})]
    ),
    # tutelle limited to assets, mandat without person powers
    Case(
        "tutelle-assets",
        60,
        {"measure": Measure.TUTELLE, "represents_person": False},
        Capacity.NO_PERSON_POWERS,
        AS_ADULT,
    ),
    Case("mandat-default", 75, {"measure": Measure.MANDAT_PROTECTION_FUTURE}, Capacity.NO_PERSON_POWERS, AS_ADULT),
    Case(
        "mandat-assets",
        75,
        {"measure": Measure.MANDAT_PROTECTION_FUTURE, "represents_person": False},
        Capacity.NO_PERSON_POWERS,
        AS_ADULT,
    ),
    # representation relating to the person
    Case("tutelle", 74, {"measure": Measure.TUTELLE}, Capacity.REPRESENTED, _represented(TUTOR)),
    Case(
        "tutelle-explicit",
        74,
        {"measure": Measure.TUTELLE, "represents_person": True},
        Capacity.REPRESENTED,
        _represented(TUTOR),
    ),
    Case(
        "hf-person",
        90,
        {"measure": Measure.HABILITATION_FAMILIALE, "represents_person": True},
        Capacity.REPRESENTED,
        _represented(HP),
    ),
    Case(
        "mandat-person",
        88,
        {"measure": Measure.MANDAT_PROTECTION_FUTURE, "represents_person": True},
        Capacity.REPRESENTED,
        _represented(MANDATARY),
    ),
    # minor; minor under tutelle
    Case("minor-3", 3, {}, Capacity.MINOR, Row({PARENTS, P}, set(), {PARENTS}, {P}, set(), {PARENTS})),
    Case("minor-17", 17, {}, Capacity.MINOR, Row({PARENTS, P}, set(), {PARENTS}, {P}, set(), {PARENTS})),
    Case(
        "minor-tutelle",
        12,
        {"minor_under_tutelle": True},
        Capacity.MINOR_UNDER_TUTELLE,
        Row({TUTOR, P}, set(), {TUTOR}, {P}, set(), {TUTOR}),
    ),
]

DECIDING_ACTS = (Act.CREATE, Act.AUTHORIZE_ACCESS, Act.CLOSE, Act.MASK)
MODES = {Regime.DMP_2016: "express_consent", Regime.MES_2022: "opt_out"}


def _situation(case: Case, regime: Regime) -> LegalSituation:
    return LegalSituation(_aged(case.age, ON[regime]), **case.fields)  # type: ignore[arg-type]


@pytest.mark.parametrize("regime", list(Regime), ids=lambda r: r.name)
@pytest.mark.parametrize("case", CASES, ids=lambda c: c.name)
def test_inform(case: Case, regime: Regime) -> None:
    """INFORM: the recipients are in `informed`, nobody decides, the assistants may be present."""
    d = decide(_situation(case, regime), Act.INFORM, on=ON[regime])
    assert (d.informed, d.assistants, d.deciders, d.consulted) == (
        case.row.informed,
        case.row.inform_assistants,
        set(),
        set(),
    )
    assert (d.act, d.regime, d.capacity, d.mode) == (Act.INFORM, regime, case.capacity, None)


@pytest.mark.parametrize("act", DECIDING_ACTS, ids=lambda a: a.name)
@pytest.mark.parametrize("regime", list(Regime), ids=lambda r: r.name)
@pytest.mark.parametrize("case", CASES, ids=lambda c: c.name)
def test_deciding_acts(case: Case, regime: Regime, act: Act) -> None:
    """CREATE, AUTHORIZE_ACCESS, CLOSE, MASK: same parties in both regimes; CREATE's mode follows the regime."""
    d = decide(_situation(case, regime), act, on=ON[regime])
    assert (d.deciders, d.consulted, d.assistants, d.informed) == (
        case.row.deciders,
        case.row.consulted,
        case.row.assistants,
        set(),
    )
    assert d.mode == (MODES[regime] if act is Act.CREATE else None)
    assert (d.act, d.regime, d.capacity) == (act, regime, case.capacity)


@pytest.mark.parametrize("regime", list(Regime), ids=lambda r: r.name)
@pytest.mark.parametrize("case", CASES, ids=lambda c: c.name)
def test_portal_access(case: Case, regime: Regime) -> None:
    """PORTAL_ACCESS: the parties that have the access are the deciders; never the curator."""
    d = decide(_situation(case, regime), Act.PORTAL_ACCESS, on=ON[regime])
    assert (d.deciders, d.consulted, d.assistants, d.informed, d.mode) == (case.row.portal, set(), set(), set(), None)


@pytest.mark.parametrize("regime", list(Regime), ids=lambda r: r.name)
@pytest.mark.parametrize(
    "case", [c for c in CASES if c.capacity in (Capacity.REPRESENTED, Capacity.MINOR)], ids=lambda c: c.name
)
def test_nobody_consulted_when_the_person_cannot_express_will(case: Case, regime: Regime) -> None:
    """'consulted {PATIENT} when able to express their will, else nobody' (seed 000 §2.1.2.1; CSP L1111-4)."""
    situation = LegalSituation(_aged(case.age, ON[regime]), can_express_will=False, **case.fields)  # type: ignore[arg-type]
    for act in DECIDING_ACTS:
        d = decide(situation, act, on=ON[regime])
        assert d.consulted == set()
        assert d.deciders == case.row.deciders


def test_issue_example() -> None:
    s = LegalSituation(birth_date=date(1950, 3, 2), measure=Measure.TUTELLE)
    d = decide(s, Act.CREATE, on=date(2025, 1, 15))
    assert d.deciders == frozenset({Party.TUTOR})
    assert d.consulted == frozenset({Party.PATIENT})
    assert d.mode == "opt_out"
    assert d.regime is Regime.MES_2022
    assert d.basis[0] == "CSP L1111-14"
