"""ConsentDecision refuses a decision no situation can give (issue 3; DOMAIN.md §3.3 to §3.5)."""

from __future__ import annotations

import re
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
from dmpcore.consent._classify import Key
from dmpcore.consent._model import CREATE_MODES, decision_problem
from dmpcore.consent._table import decision as table_decision
from dmpcore.errors import DmpcoreError, InputError

ON = date(2025, 1, 15)
TUTELLE = LegalSituation.adult(date(1950, 3, 2), measure=Measure.TUTELLE)
ADULT = LegalSituation.adult(date(1970, 1, 1))
CURATELLE = LegalSituation.adult(date(1958, 4, 2), measure=Measure.CURATELLE)
NOBODY: frozenset[Party] = frozenset()
BASIS = ("CSP L1111-14",)


def _decision(act: Act, situation: LegalSituation = TUTELLE) -> ConsentDecision:
    return decide(situation, act, on=ON)


def _s(*parties: Party) -> frozenset[Party]:
    return frozenset(parties)


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
        ("basis", ("",)),
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
        basis=BASIS,
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
    assert d.checked  # explain trusts it: a frozen decision checked once stays valid


# --- what no situation can give (second audit, gap 1) ---------------------------------------------------------


@pytest.mark.parametrize(
    ("situation", "act", "changes", "message"),
    [
        # DOMAIN.md §3.5: « a curator is never a decider nor has portal access »
        (ADULT, Act.PORTAL_ACCESS, {"deciders": _s(Party.CURATOR)}, "a curator is never a decider"),
        (CURATELLE, Act.PORTAL_ACCESS, {"deciders": _s(Party.PATIENT, Party.CURATOR)}, "a curator is never"),
        (CURATELLE, Act.CREATE, {"deciders": _s(Party.CURATOR), "assistants": NOBODY}, "a curator is never"),
        # « PATIENT is always informed »
        (ADULT, Act.INFORM, {"informed": _s(Party.CURATOR)}, "PATIENT is always informed"),
        (TUTELLE, Act.INFORM, {"informed": _s(Party.TUTOR)}, "PATIENT is always informed"),
        # every decision cites its legal basis
        (ADULT, Act.CREATE, {"basis": ()}, "'basis' needs at least one reference"),
        # a capacity contradicting the parties, a party the capacity cannot have, one in the wrong field
        (ADULT, Act.CREATE, {"capacity": Capacity.MINOR}, "the table gives a MINOR situation, for CREATE"),
        (ADULT, Act.CREATE, {"capacity": Capacity.CURATELLE}, "assistants {CURATOR}"),
        (ADULT, Act.CREATE, {"capacity": Capacity.REPRESENTED}, "names its representative"),
        (ADULT, Act.MASK, {"assistants": _s(Party.TUTOR)}, r"the table gives a ADULT situation, for MASK"),
        (TUTELLE, Act.CREATE, {"assistants": _s(Party.MANDATARY)}, "deciders {TUTOR}; consulted {PATIENT}"),
        (TUTELLE, Act.PORTAL_ACCESS, {"deciders": _s(Party.TUTOR)}, "deciders {PATIENT, TUTOR}"),
        (CURATELLE, Act.INFORM, {"assistants": NOBODY}, "informed {PATIENT}; assistants {CURATOR}"),
        (LegalSituation.minor(date(2012, 9, 1)), Act.CLOSE, {"deciders": _s(Party.TUTOR)}, "deciders {PARENTS}"),
    ],
    ids=[
        "curator-portal",
        "curator-beside-the-person-portal",
        "curator-decides",
        "inform-the-curator-only",
        "inform-without-the-person",
        "no-basis",
        "capacity-minor",
        "capacity-curatelle",
        "represented-without-representative",
        "tutor-assisting-an-adult",
        "two-representatives",
        "portal-without-the-person",
        "curatelle-inform-unassisted",
        "tutor-for-a-minor",
    ],
)
def test_decisions_no_situation_gives_are_refused(
    situation: LegalSituation, act: Act, changes: dict[str, Any], message: str
) -> None:
    with pytest.raises(InvalidDecision, match=re.escape(message)) as caught:
        attrs.evolve(_decision(act, situation), **changes)
    assert caught.value.code == "consent.decision"


def test_consulted_may_be_empty_when_the_person_cannot_express_their_will() -> None:
    """The table consults the person only when they can express their will: nobody consulted is a decision
    some situation gives (a tutelle, can_express_will=False)."""
    d = attrs.evolve(_decision(Act.CREATE), consulted=NOBODY)
    assert d == decide(
        LegalSituation.adult(date(1950, 3, 2), measure=Measure.TUTELLE, can_express_will=False), Act.CREATE, on=ON
    )


def _every_key() -> list[Key]:
    representatives = (Party.TUTOR, Party.HABILITATED_PERSON, Party.MANDATARY)
    keys = [Key(capacity) for capacity in Capacity if capacity is not Capacity.REPRESENTED]
    keys += [Key(Capacity.REPRESENTED, party) for party in representatives]
    return keys + [key._replace(expresses_will=False) for key in keys]


_Shape = tuple[Act, Regime, Capacity, frozenset[Party], frozenset[Party], frozenset[Party], frozenset[Party]]


def _shape(d: ConsentDecision) -> _Shape:
    return (d.act, d.regime, d.capacity, d.deciders, d.consulted, d.assistants, d.informed)


#: every decision the engine gives, by its parties
ENGINE: frozenset[_Shape] = frozenset(
    _shape(table_decision(key, act, regime)) for key in _every_key() for act in Act for regime in Regime
)
_PARTY_SETS = st.frozensets(st.sampled_from(Party), max_size=3)


@st.composite
def _shapes(draw: st.DrawFn) -> _Shape:
    """A decision's parties: one the engine gives with at most one field redrawn, or anything."""
    anything = (
        draw(st.sampled_from(Act)),
        draw(st.sampled_from(Regime)),
        draw(st.sampled_from(Capacity)),
        *(draw(_PARTY_SETS) for _ in range(4)),
    )
    shape = list(draw(st.sampled_from(sorted(ENGINE, key=repr))))
    field = draw(st.integers(0, 7))
    if field < len(shape):
        shape[field] = anything[field]
    return draw(st.sampled_from([tuple(shape), anything]))  # type: ignore[arg-type]


@given(_shapes())
def test_a_decision_is_accepted_exactly_when_some_situation_gives_it(shape: _Shape) -> None:
    """docs/consent.md: ConsentDecision refuses a decision « no situation can give »: by hand, the parties of
    an act, its regime and capacity are accepted exactly when the engine gives them for some situation."""
    act, regime, capacity, deciders, consulted, assistants, informed = shape
    fields: dict[str, Any] = {
        "act": act,
        "regime": regime,
        "capacity": capacity,
        "deciders": deciders,
        "consulted": consulted,
        "assistants": assistants,
        "informed": informed,
        "mode": CREATE_MODES[regime] if act is Act.CREATE else None,
        "basis": BASIS,
    }
    if shape in ENGINE:
        assert _shape(ConsentDecision(**fields)) == shape
    else:
        with pytest.raises(InvalidDecision):
            ConsentDecision(**fields)


# --- explain on a decision built with validation turned off (second audit, gap 2) -------------------------


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("act", "create"),
        ("regime", None),
        ("regime", "mes_2022"),
        ("capacity", None),
        ("deciders", {Party.PATIENT}),
        ("informed", [Party.PATIENT]),
        ("mode", "whatever"),
        ("basis", ["CSP L1111-14"]),
    ],
)
@pytest.mark.parametrize("lang", ["fr", "en"])
def test_explain_checks_the_types_of_a_decision_built_without_validation(field: str, value: object, lang: str) -> None:
    """explain looked ``regime`` and ``act`` up in its tables before checking them: KeyError."""
    with attrs.validators.disabled():
        broken = attrs.evolve(_decision(Act.CREATE, ADULT), **{field: value})
    with pytest.raises(InvalidDecision, match=f"cannot explain the decision: '{field}' must be") as caught:
        explain(broken, lang)  # type: ignore[arg-type]
    assert caught.value.code == "consent.type"


def test_explain_checks_even_inside_disabled_validation() -> None:
    """attrs.validate skips validators inside attrs.validators.disabled(); explain checks anyway."""
    with attrs.validators.disabled():
        broken = ConsentDecision(act=Act.CREATE, regime=None, capacity=Capacity.ADULT, deciders=_s(Party.PATIENT))  # type: ignore[arg-type]
        with pytest.raises(InvalidDecision, match="'regime' must be a Regime"):
            explain(broken)
    assert not broken.checked


@pytest.mark.parametrize(
    ("act", "changes", "message"),
    [
        (Act.PORTAL_ACCESS, {"deciders": _s(Party.CURATOR)}, "a curator is never a decider"),
        (Act.INFORM, {"informed": _s(Party.CURATOR)}, "PATIENT is always informed"),
        (Act.CREATE, {"capacity": Capacity.MINOR}, "the table gives a MINOR situation"),
    ],
    ids=["curator-portal", "inform-the-curator", "capacity-minor"],
)
def test_explain_says_nothing_a_situation_cannot_give(act: Act, changes: dict[str, Any], message: str) -> None:
    """The audit's sentences « The curator has direct access to the DMP » and « Information ... is given to the
    curator, possibly in the presence of the curator » can no longer be produced."""
    with attrs.validators.disabled():
        broken = attrs.evolve(_decision(act, CURATELLE), **changes)
    with pytest.raises(InvalidDecision, match=f"cannot explain the decision: {message}") as caught:
        explain(broken, "en")
    assert caught.value.code == "consent.decision"
