"""ConsentDecision refuses a decision no situation can give (issue 3, gap 1; DOMAIN.md §3.3 and §3.5)."""

from __future__ import annotations

from datetime import date
from typing import Any

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st
from tests.strategies import valid_situations_on

from dmpcore.consent import (
    Act,
    Capacity,
    ConsentDecision,
    InvalidDecision,
    LegalSituation,
    Measure,
    Party,
    Regime,
    decide,
    explain,
)
from dmpcore.consent._model import decision_problem
from dmpcore.errors import DmpcoreError, InputError

ON = date(2025, 1, 15)
TUTELLE = LegalSituation.adult(date(1950, 3, 2), measure=Measure.TUTELLE)
NOBODY: frozenset[Party] = frozenset()


def _decision(act: Act) -> ConsentDecision:
    return decide(TUTELLE, act, on=ON)


@pytest.mark.parametrize("act", [a for a in Act if a is not Act.INFORM], ids=lambda a: a.name)
def test_a_decision_without_a_decider_is_refused(act: Act) -> None:
    """ "Every valid situation has at least one decider for every act" (DOMAIN.md §3.5)."""
    with pytest.raises(InvalidDecision, match="needs at least one decider") as caught:
        attrs.evolve(_decision(act), deciders=NOBODY)
    assert caught.value.code == "consent.decision"


def test_an_inform_decision_without_a_recipient_is_refused() -> None:
    """INFORM names its recipients in `informed` and has no decider by contract: it needs a recipient."""
    with pytest.raises(InvalidDecision, match="at least one recipient") as caught:
        attrs.evolve(_decision(Act.INFORM), informed=NOBODY)
    assert caught.value.code == "consent.decision"


@pytest.mark.parametrize(
    ("act", "changes", "message"),
    [
        (Act.INFORM, {"deciders": frozenset({Party.TUTOR})}, "'deciders' and 'consulted' stay empty"),
        (Act.INFORM, {"consulted": frozenset({Party.PATIENT})}, "'deciders' and 'consulted' stay empty"),
        (Act.CLOSE, {"informed": frozenset({Party.PATIENT})}, "'informed' is for INFORM only"),
        (Act.MASK, {"consulted": frozenset({Party.TUTOR})}, "never a decider"),
        (Act.CREATE, {"mode": None}, "the mode of CREATE under MES_2022 is 'opt_out'"),
        (Act.CREATE, {"mode": "express_consent"}, "the mode of CREATE under MES_2022 is 'opt_out'"),
        (Act.CREATE, {"regime": Regime.DMP_2016}, "the mode of CREATE under DMP_2016 is 'express_consent'"),
        (Act.AUTHORIZE_ACCESS, {"mode": "opt_out"}, "the mode of AUTHORIZE_ACCESS under MES_2022 is None"),
    ],
    ids=[
        "inform-decider",
        "inform-consulted",
        "close-informed",
        "consulted-decider",
        "no-mode",
        "wrong-mode",
        "mode-regime",
        "mode-not-create",
    ],
)
def test_contradictory_decisions_are_refused(act: Act, changes: dict[str, Any], message: str) -> None:
    with pytest.raises(InvalidDecision, match=message) as caught:
        attrs.evolve(_decision(act), **changes)
    assert caught.value.code == "consent.decision"


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("act", "create"),
        ("regime", None),
        ("capacity", "adult"),
        ("deciders", {Party.TUTOR}),
        ("deciders", frozenset({1})),
        ("consulted", [Party.PATIENT]),
        ("assistants", None),
        ("informed", frozenset({"patient"})),
        ("mode", "whatever"),
        ("basis", ["CSP L1111-14"]),
        ("basis", (1,)),
    ],
)
def test_fields_of_the_wrong_type_are_refused(field: str, value: object) -> None:
    with pytest.raises(InvalidDecision, match=f"'{field}' must be") as caught:
        attrs.evolve(_decision(Act.CREATE), **{field: value})
    assert caught.value.code == "consent.type"


def test_the_audit_example_is_refused() -> None:
    """The auditor's hand-built decision: every field wrong, refused with a clear message."""
    with pytest.raises(InvalidDecision, match="'act' must be an Act"):
        ConsentDecision(act="create", regime=None, capacity=None, deciders={1}, mode="whatever")  # type: ignore[arg-type]


def test_invalid_decision_is_an_input_error() -> None:
    error = InvalidDecision("x")
    assert isinstance(error, InputError)
    assert isinstance(error, DmpcoreError)
    assert isinstance(error, ValueError)
    assert error.code == "consent.decision"


@pytest.mark.parametrize(
    ("act", "changes"),
    [(Act.CREATE, {"deciders": NOBODY}), (Act.PORTAL_ACCESS, {"deciders": NOBODY}), (Act.INFORM, {"informed": NOBODY})],
    ids=["create", "portal", "inform"],
)
@pytest.mark.parametrize("lang", ["fr", "en"])
def test_explain_refuses_an_empty_decision_built_without_validation(
    act: Act, changes: dict[str, Any], lang: str
) -> None:
    """Built with attrs validation turned off, a decision with nobody in it is refused by explain (it raised
    IndexError before)."""
    with attrs.validators.disabled():
        empty = attrs.evolve(_decision(act), **changes)
    with pytest.raises(InvalidDecision, match="cannot explain the decision") as caught:
        explain(empty, lang)  # type: ignore[arg-type]
    assert caught.value.code == "consent.decision"


def test_a_decision_built_by_hand_like_the_engine_is_accepted() -> None:
    d = ConsentDecision(
        act=Act.CREATE,
        regime=Regime.MES_2022,
        capacity=Capacity.REPRESENTED,
        deciders=frozenset({Party.TUTOR}),
        consulted=frozenset({Party.PATIENT}),
        mode="opt_out",
    )
    assert explain(d) == (
        "Le tuteur peut s'opposer à la création automatique du DMP ; l'avis de la personne protégée est recherché."
    )


@given(valid_situations_on(), st.sampled_from(Act))
def test_every_decision_of_the_engine_passes_its_own_checks(case: tuple[LegalSituation, date], act: Act) -> None:
    """The checks accept every decision the engine gives (and re-check it unchanged through attrs.evolve)."""
    situation, on = case
    d = decide(situation, act, on=on)
    assert decision_problem(d) is None
    assert attrs.evolve(d) == d
