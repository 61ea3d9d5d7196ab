"""Legal references of each decision: the act's articles for the regime, then the situation's articles.

The regulatory articles of the DMP were renumbered on 2022-01-01: décret 2016-914 had put them at
CSP R1111-26 to R1111-43; décret 2021-1047 moved them to R1111-40 to R1111-53 (and décret 2021-1048 put the
espace numérique de santé at R1111-26 to R1111-39). A decision cites the numbering in force under its regime
and names the other one, e.g. ``CSP R1111-40 (ex-R1111-26)``.
"""

from __future__ import annotations

from dmpcore.consent._classify import Key
from dmpcore.consent._model import Act, Capacity, Party, Regime

__all__ = ["basis"]


def _r(old: str | None, new: str | None, regime: Regime) -> tuple[str, ...]:
    """An R1111 article under both numberings: the one in force first, the other in brackets."""
    if regime is Regime.DMP_2016:
        if old is None:
            return ()
        return (f"CSP {old} (décret 2016-914; now {new})",) if new else (f"CSP {old} (décret 2016-914)",)
    if new is None:
        return ()
    return (f"CSP {new} (ex-{old})",) if old else (f"CSP {new}",)


# (act) -> (legislative articles, [(old R, new R), ...]); old: décret 2016-914, new: décret 2021-1047.
_ACTS: dict[Act, tuple[tuple[str, ...], tuple[tuple[str | None, str | None], ...]]] = {
    Act.INFORM: (("CSP L1111-2", "CSP L1111-14"), (("R1111-27", "R1111-40"),)),
    Act.CREATE: (("CSP L1111-14",), (("R1111-26", "R1111-40"), ("R1111-27", None))),
    Act.AUTHORIZE_ACCESS: (("CSP L1111-15", "CSP L1111-17"), (("R1111-35", "R1111-46"),)),
    Act.PORTAL_ACCESS: (("CSP L1111-14", "CSP L1111-19"), (("R1111-33", "R1111-45"),)),
    Act.CLOSE: (("CSP L1111-14",), (("R1111-42", "R1111-52"),)),
    Act.MASK: (("CSP L1111-15",), (("R1111-38", "R1111-48"),)),
}

# Under MES 2022 the information and the opposition period are those of Mon espace santé (R1111-28, 6 weeks).
_MES_CREATE = ("CSP R1111-28 (décret 2021-1048: information, 6 weeks to oppose)",)

_CAPACITIES: dict[Capacity, tuple[str, ...]] = {
    Capacity.ADULT: (),
    Capacity.EMANCIPATED_MINOR: ("CC 413-6",),
    Capacity.CURATELLE: ("CC 440", "CC 459", "CC 467"),
    Capacity.HABILITATION_ASSISTANCE: ("CC 494-1",),
    Capacity.NO_PERSON_POWERS: ("CC 459",),
    Capacity.REPRESENTED: ("CSP L1111-2", "CSP L1111-4", "CC 457-1", "CC 459"),
    Capacity.MINOR: ("CSP L1111-2", "CSP L1111-4", "CSP L1111-5", "CC 371-1"),
    Capacity.MINOR_UNDER_TUTELLE: ("CSP L1111-2", "CSP L1111-4", "CC 390", "CC 408"),
}

_REPRESENTATIVES: dict[Party, tuple[str, ...]] = {
    Party.TUTOR: ("CC 473",),
    Party.HABILITATED_PERSON: ("CC 494-1",),
    Party.MANDATARY: ("CC 477", "CC 479"),
}


def basis(key: Key, act: Act, regime: Regime) -> tuple[str, ...]:
    """The references of a decision, without duplicates, in a stable order."""
    laws, regulations = _ACTS[act]
    refs: list[str] = [*laws]
    for old, new in regulations:
        refs.extend(_r(old, new, regime))
    if act is Act.CREATE and regime is Regime.MES_2022:
        refs.extend(_MES_CREATE)
    refs.extend(_CAPACITIES[key.capacity])
    if key.representative is not None:
        refs.extend(_REPRESENTATIVES[key.representative])
    return tuple(dict.fromkeys(refs))
