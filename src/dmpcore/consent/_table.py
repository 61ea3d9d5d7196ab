"""The table of DOMAIN.md §3.4 as data, and the frozen decisions precomputed from it.

Each row says, for one :class:`Capacity`, who is informed, who decides, who is consulted, who assists and who
has portal access. The decisions of every (key, act, regime) are built once and shared: ``decide`` only reads.
"""

from __future__ import annotations

from functools import cache
from typing import NamedTuple

from dmpcore.consent._basis import basis
from dmpcore.consent._classify import Key
from dmpcore.consent._model import CREATE_MODES, Act, Capacity, ConsentDecision, Party, Regime

__all__ = ["Profile", "Row", "decision", "parties_problem", "profile", "row"]

_P = Party.PATIENT
_EMPTY: frozenset[Party] = frozenset()

#: a profile: for each regime (index 0 DMP_2016, 1 MES_2022), the decision of each act
Profile = tuple[dict[Act, ConsentDecision], dict[Act, ConsentDecision]]


class Row(NamedTuple):
    """One row of the table. ``consulted`` applies only when the person can express their will."""

    informed: frozenset[Party]
    inform_assistants: frozenset[Party]
    deciders: frozenset[Party]
    consulted: frozenset[Party]
    assistants: frozenset[Party]
    portal: frozenset[Party]


def _s(*parties: Party) -> frozenset[Party]:
    return frozenset(parties)


_AS_ADULT = Row(_s(_P), _EMPTY, _s(_P), _EMPTY, _EMPTY, _s(_P))

# Seed 000 §2.1.2.1 and annex 6 (guide ANS/CNAM, « Le DMP pour les mineurs et majeurs protégés »).
_ROWS: dict[Capacity, Row] = {
    Capacity.ADULT: _AS_ADULT,
    Capacity.EMANCIPATED_MINOR: _AS_ADULT,  # CC 413-6: capable, like an adult, of every act of civil life
    # "possibly in the presence of the curator, depending on the extent of the measure"; only the person
    # accesses the DMP directly, never the curator.
    Capacity.CURATELLE: Row(_s(_P), _s(Party.CURATOR), _s(_P), _EMPTY, _s(Party.CURATOR), _s(_P)),
    Capacity.HABILITATION_ASSISTANCE: Row(
        _s(_P), _s(Party.HABILITATED_PERSON), _s(_P), _EMPTY, _s(Party.HABILITATED_PERSON), _s(_P)
    ),
    Capacity.NO_PERSON_POWERS: _AS_ADULT,  # CC 459 al. 1: the person takes the decisions about their person
    # Parents inform and decide; the minor is informed and their will weighed by maturity (CSP L1111-2, L1111-4).
    Capacity.MINOR: Row(_s(Party.PARENTS, _P), _EMPTY, _s(Party.PARENTS), _s(_P), _EMPTY, _s(Party.PARENTS)),
    # The tutor has the prerogatives of the holders of parental authority (CC 408; annex 6).
    Capacity.MINOR_UNDER_TUTELLE: Row(_s(Party.TUTOR, _P), _EMPTY, _s(Party.TUTOR), _s(_P), _EMPTY, _s(Party.TUTOR)),
}


def row(capacity: Capacity, representative: Party | None = None) -> Row:
    """The row of *capacity*; REPRESENTED needs its *representative* (TUTOR, HABILITATED_PERSON, MANDATARY)."""
    if capacity is Capacity.REPRESENTED:
        if representative is None:
            raise ValueError("the REPRESENTED row needs its representative")
        # The representative decides and holds the access credentials; the person is informed in a way adapted
        # to their discernment, their consent sought when able to express their will (CSP L1111-2, L1111-4).
        return Row(_s(_P, representative), _EMPTY, _s(representative), _s(_P), _EMPTY, _s(_P, representative))
    return _ROWS[capacity]


class _Parties(NamedTuple):
    """Who a decision names, field by field, in the order of the table of docs/consent.md."""

    informed: frozenset[Party]
    deciders: frozenset[Party]
    consulted: frozenset[Party]
    assistants: frozenset[Party]

    def describe(self) -> str:
        named = [(field, parties) for field, parties in zip(self._fields, self, strict=True) if parties]
        return "; ".join(f"{field} {{{', '.join(sorted(p.name for p in parties))}}}" for field, parties in named)


def _parties(the_row: Row, act: Act) -> _Parties:
    """The parties of *act* in *the_row*, the person able to express their will."""
    if act is Act.INFORM:
        return _Parties(the_row.informed, _EMPTY, _EMPTY, the_row.inform_assistants)
    if act is Act.PORTAL_ACCESS:
        return _Parties(_EMPTY, the_row.portal, _EMPTY, _EMPTY)
    return _Parties(_EMPTY, the_row.deciders, the_row.consulted, the_row.assistants)


@cache
def decision(key: Key, act: Act, regime: Regime) -> ConsentDecision:
    """The decision for the situation class *key*, *act* under *regime* (built once, then shared)."""
    parties = _parties(row(key.capacity, key.representative), act)
    return ConsentDecision(
        act=act,
        regime=regime,
        capacity=key.capacity,
        deciders=parties.deciders,
        consulted=parties.consulted if key.expresses_will else _EMPTY,
        assistants=parties.assistants,
        informed=parties.informed,
        mode=CREATE_MODES[regime] if act is Act.CREATE else None,
        basis=basis(key, act, regime),
    )


_REPRESENTATIVES = (Party.TUTOR, Party.HABILITATED_PERSON, Party.MANDATARY)


def parties_problem(decision: ConsentDecision) -> str | None:
    """Why the parties of *decision* are not those the table gives its capacity for its act (``None`` if they
    are): a capacity contradicting the parties, a party the situation does not have, one in the wrong field.

    ``consulted`` may be empty where the table consults the person: they cannot express their will.
    """
    capacity = decision.capacity
    representative = None
    if capacity is Capacity.REPRESENTED:
        named = decision.deciders | decision.assistants | decision.informed
        representative = next((party for party in _REPRESENTATIVES if party in named), None)
        if representative is None:
            return "a REPRESENTED decision names its representative: TUTOR, HABILITATED_PERSON or MANDATARY (got none)"
    expected = _parties(row(capacity, representative), decision.act)
    given = _Parties(decision.informed, decision.deciders, decision.consulted, decision.assistants)
    if given == expected or given == expected._replace(consulted=_EMPTY):
        return None
    return (
        f"the table gives a {capacity.name} situation, for {decision.act.name}: {expected.describe()} "
        f"(got {given.describe()})"
    )


@cache
def profile(key: Key) -> Profile:
    """Every decision of *key*: ``profile(key)[regime_index][act]``."""
    dmp_2016, mes_2022 = ({act: decision(key, act, regime) for act in Act} for regime in Regime)
    return dmp_2016, mes_2022
