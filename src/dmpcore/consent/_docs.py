"""Tables of docs/consent.md generated from the engine itself (``python -m dmpcore._docgen docs``)."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import NamedTuple

from dmpcore.consent._engine import decide
from dmpcore.consent._explain import explain
from dmpcore.consent._model import Act, Capacity, ConsentDecision, Measure, Party, Regime
from dmpcore.consent._situation import LegalSituation

__all__ = ["basis_table", "sentences", "table"]

#: one evaluation date per regime
ON = {Regime.DMP_2016: date(2019, 6, 1), Regime.MES_2022: date(2025, 1, 15)}
_DECIDING = (Act.CREATE, Act.AUTHORIZE_ACCESS, Act.CLOSE, Act.MASK)


class _Example(NamedTuple):
    label: str
    age: int
    situation: LegalSituation


def _born(age: int, on: date) -> date:
    return on.replace(year=on.year - age)


def _examples(on: date) -> list[_Example]:
    """One situation per row of the table of DOMAIN.md §3.4, its representative variants apart."""

    def make(label: str, age: int, **fields: object) -> _Example:
        return _Example(label, age, LegalSituation(_born(age, on), **fields))  # type: ignore[arg-type]

    return [
        make("adult, no measure", 40),
        make("adult, sauvegarde de justice", 80, measure=Measure.SAUVEGARDE_DE_JUSTICE),
        make("emancipated minor (16 or 17)", 17, emancipated=True),
        make("curatelle, curatelle renforcée", 70, measure=Measure.CURATELLE),
        make("habilitation familiale without representation of the person", 85, measure=Measure.HABILITATION_FAMILIALE),
        make("tutelle limited to assets", 60, measure=Measure.TUTELLE, represents_person=False),
        make(
            "mandat de protection future without powers over the person", 75, measure=Measure.MANDAT_PROTECTION_FUTURE
        ),
        make("tutelle (representation relating to the person, the default)", 74, measure=Measure.TUTELLE),
        make(
            "habilitation familiale with representation of the person",
            90,
            measure=Measure.HABILITATION_FAMILIALE,
            represents_person=True,
        ),
        make(
            "mandat de protection future with powers over the person",
            88,
            measure=Measure.MANDAT_PROTECTION_FUTURE,
            represents_person=True,
        ),
        make("tutelle, the person cannot express their will", 74, measure=Measure.TUTELLE, can_express_will=False),
        make("minor", 12),
        make("minor under tutelle", 12, minor_under_tutelle=True),
    ]


def _names(parties: Iterable[Party]) -> str:
    return ", ".join(sorted(party.name for party in parties)) or "nobody"


def _cell(decision: ConsentDecision) -> str:
    if decision.act is Act.INFORM:
        parts = [f"informed {_names(decision.informed)}"]
    elif decision.act is Act.PORTAL_ACCESS:
        parts = [_names(decision.deciders)]
    else:
        parts = [f"deciders {_names(decision.deciders)}"]
        if decision.consulted:
            parts.append(f"consulted {_names(decision.consulted)}")
    if decision.assistants:
        parts.append(f"assistants {_names(decision.assistants)}")
    return "; ".join(parts)


def _same_in_both_regimes(act: Act, index: int) -> ConsentDecision:
    """The decision of example *index* for *act*, checked to name the same parties under both regimes."""
    old, new = (decide(_examples(ON[r])[index].situation, act, on=ON[r]) for r in Regime)
    if _cell(old) != _cell(new):  # pragma: no cover - the table says the parties do not depend on the regime
        raise AssertionError(f"{act.name}: {_cell(old)} under DMP 2016, {_cell(new)} under MES 2022")
    return new


def table() -> str:
    """Who is informed, decides, is consulted, assists and accesses, for every situation (both regimes)."""
    lines = [
        "| situation | capacity | INFORM | CREATE, AUTHORIZE_ACCESS, CLOSE, MASK | PORTAL_ACCESS |",
        "|---|---|---|---|---|",
    ]
    for index, example in enumerate(_examples(ON[Regime.MES_2022])):
        inform, create, portal = (
            _same_in_both_regimes(act, index) for act in (Act.INFORM, Act.CREATE, Act.PORTAL_ACCESS)
        )
        for act in _DECIDING:  # the four deciding acts share one column: check that they agree
            if _cell(_same_in_both_regimes(act, index)) != _cell(create):  # pragma: no cover
                raise AssertionError(f"{example.label}: {act.name} differs from CREATE")
        lines.append(
            f"| {example.label} | `{create.capacity.name}` | {_cell(inform)} | {_cell(create)} | {_cell(portal)} |"
        )
    return "\n".join(lines)


def sentences() -> str:
    """What :func:`explain` says for CREATE under both regimes, in French and English."""
    lines = ["| situation | regime | français | English |", "|---|---|---|---|"]
    for regime in Regime:
        on = ON[regime]
        for example in _examples(on):
            if example.situation.measure is Measure.SAUVEGARDE_DE_JUSTICE:
                continue  # said as for an adult without measure
            decision = decide(example.situation, Act.CREATE, on=on)
            lines.append(f"| {example.label} | {regime.name} | {explain(decision, 'fr')} | {explain(decision, 'en')} |")
    return "\n".join(lines)


def basis_table() -> str:
    """The references of every act under both regimes, for an adult without measure (the common part)."""
    adult = LegalSituation(date(1960, 5, 5))
    lines = ["| act | DMP 2016 | MES 2022 |", "|---|---|---|"]
    for act in Act:
        old, new = (decide(adult, act, on=ON[regime]).basis for regime in Regime)
        lines.append(f"| `{act.name}` | {'; '.join(old)} | {'; '.join(new)} |")
    lines.append("")
    lines.append("Each situation adds its own references (the row's capacity):")
    lines.append("")
    lines.append("| capacity | added references |")
    lines.append("|---|---|")
    common = decide(adult, Act.CREATE, on=ON[Regime.MES_2022]).basis
    seen: set[tuple[Capacity, tuple[str, ...]]] = set()
    for example in _examples(ON[Regime.MES_2022]):
        decision = decide(example.situation, Act.CREATE, on=ON[Regime.MES_2022])
        extra = tuple(ref for ref in decision.basis if ref not in common)
        if (decision.capacity, extra) in seen:
            continue
        seen.add((decision.capacity, extra))
        label = f"`{decision.capacity.name}`" + (
            f" ({example.label})" if decision.capacity is Capacity.REPRESENTED else ""
        )
        lines.append(f"| {label} | {'; '.join(extra) or '—'} |")
    return "\n".join(lines)
