"""Legal references of each decision: the act's articles for the regime, then the situation's articles.

The regulatory part of the DMP was rewritten on 2022-01-01. Décret 2016-914 had put it at CSP R1111-26 to
R1111-43; décret 2021-1047 put it at R1111-40 to R1111-54, after the espace numérique de santé (Mon espace
santé), which décret 2021-1048 put at R1111-26 to R1111-39. A decision cites the numbering in force under its
regime and names the other one where the same rule moved: ``CSP R1111-40 (ex-R1111-26)`` under MES 2022,
``CSP R1111-26 (décret 2016-914; now R1111-40)`` under DMP 2016. Where décret 2021-1047 wrote a rule that
décret 2016-914 had no single article for, the DMP 2016 decision cites the 2016 section as a whole.

Verified texts: R1111-26 (2016: creation after the express consent of the person or of their legal
representative); R1111-40 (2022: creation with Mon espace santé; minors and protected adults exercise their
rights under CC 371-1, 372 to 373-2-1, 425, 458, 459, 459-1 and CSP L1111-2, L1111-5, L1111-5-1, L1111-7);
R1111-46 (2022: professionals' access needs the holder's prior consent); R1111-48 (2022: opposition to access
in an emergency); R1111-49 (2022: the holder makes data inaccessible to professionals); R1111-28 (2022,
décret 2021-1048: individual information and the period to oppose the opening of Mon espace santé);
L1111-14 (as amended by loi 2019-774 art. 50 and ordonnance 2020-232); L1111-15 (last paragraph: masking by
the holder); L1111-17 (professionals' access); L1111-19 (the holder's direct access and list of professionals);
L1111-21 (creation, opposition and closure at any time, set by decree).
"""

from __future__ import annotations

from dmpcore.consent._classify import Key
from dmpcore.consent._model import Act, Capacity, Party, Regime

__all__ = ["basis"]

_SECTION_2016 = "CSP R1111-26 to R1111-43 (décret 2016-914)"
# The creation rule under both numberings (R1111-26 of décret 2016-914 became R1111-40 of décret 2021-1047).
_CREATION = {
    Regime.DMP_2016: "CSP R1111-26 (décret 2016-914; now R1111-40)",
    Regime.MES_2022: "CSP R1111-40 (ex-R1111-26)",
}
# décret 2021-1048: the information on Mon espace santé and the 6 weeks to oppose its opening (and the DMP's)
_MES_INFORMATION = "CSP R1111-28 (décret 2021-1048)"

_REGULATIONS: dict[tuple[Act, Regime], tuple[str, ...]] = {
    (Act.INFORM, Regime.DMP_2016): (_CREATION[Regime.DMP_2016],),
    (Act.CREATE, Regime.DMP_2016): (_CREATION[Regime.DMP_2016],),
    (Act.AUTHORIZE_ACCESS, Regime.DMP_2016): (_SECTION_2016,),
    (Act.PORTAL_ACCESS, Regime.DMP_2016): (_SECTION_2016,),
    (Act.CLOSE, Regime.DMP_2016): (_SECTION_2016,),
    (Act.MASK, Regime.DMP_2016): (_SECTION_2016,),
    (Act.INFORM, Regime.MES_2022): (_MES_INFORMATION, _CREATION[Regime.MES_2022]),
    (Act.CREATE, Regime.MES_2022): (_MES_INFORMATION, _CREATION[Regime.MES_2022]),
    (Act.AUTHORIZE_ACCESS, Regime.MES_2022): ("CSP R1111-46", "CSP R1111-48"),
    (Act.PORTAL_ACCESS, Regime.MES_2022): (_CREATION[Regime.MES_2022],),
    (Act.CLOSE, Regime.MES_2022): (_CREATION[Regime.MES_2022],),
    (Act.MASK, Regime.MES_2022): ("CSP R1111-49",),
}

# Legislative articles of each act (both regimes); Mon espace santé (L1111-13-1) only under MES 2022.
_LAWS: dict[Act, tuple[str, ...]] = {
    Act.INFORM: ("CSP L1111-2", "CSP L1111-14"),
    Act.CREATE: ("CSP L1111-14",),
    Act.AUTHORIZE_ACCESS: ("CSP L1111-17", "CSP L1111-19"),
    Act.PORTAL_ACCESS: ("CSP L1111-19",),
    Act.CLOSE: ("CSP L1111-14", "CSP L1111-21"),
    Act.MASK: ("CSP L1111-15",),
}
_MES_LAWS: dict[Act, tuple[str, ...]] = {
    Act.INFORM: ("CSP L1111-13-1",),
    Act.CREATE: ("CSP L1111-13-1",),
    Act.PORTAL_ACCESS: ("CSP L1111-13-1",),
}

_CAPACITIES: dict[Capacity, tuple[str, ...]] = {
    Capacity.ADULT: ("CC 414",),
    Capacity.EMANCIPATED_MINOR: ("CC 413-6", "CC 413-7"),
    Capacity.CURATELLE: ("CC 440", "CC 459", "CC 467"),
    Capacity.HABILITATION_ASSISTANCE: ("CC 459", "CC 494-1"),
    Capacity.NO_PERSON_POWERS: ("CC 459",),
    Capacity.REPRESENTED: ("CSP L1111-2", "CSP L1111-4", "CC 457-1", "CC 459"),
    Capacity.MINOR: ("CSP L1111-2", "CSP L1111-4", "CSP L1111-5", "CC 371-1", "CC 388"),
    Capacity.MINOR_UNDER_TUTELLE: ("CSP L1111-2", "CSP L1111-4", "CC 390", "CC 408"),
}

_REPRESENTATIVES: dict[Party, tuple[str, ...]] = {
    Party.TUTOR: ("CC 440", "CC 473"),
    Party.HABILITATED_PERSON: ("CC 494-1",),
    Party.MANDATARY: ("CC 477", "CC 479"),
}


def basis(key: Key, act: Act, regime: Regime) -> tuple[str, ...]:
    """The references of a decision: the act's laws, its regulations, then the situation's; no duplicates.

    >>> from dmpcore.consent._classify import Key
    >>> basis(Key(Capacity.ADULT), Act.CREATE, Regime.DMP_2016)
    ('CSP L1111-14', 'CSP R1111-26 (décret 2016-914; now R1111-40)', 'CC 414')
    >>> basis(Key(Capacity.ADULT), Act.CREATE, Regime.MES_2022)
    ('CSP L1111-14', 'CSP L1111-13-1', 'CSP R1111-28 (décret 2021-1048)', 'CSP R1111-40 (ex-R1111-26)', 'CC 414')
    """
    refs = [*_LAWS[act]]
    if regime is Regime.MES_2022:
        refs.extend(_MES_LAWS.get(act, ()))
    refs.extend(_REGULATIONS[act, regime])
    refs.extend(_CAPACITIES[key.capacity])
    if key.representative is not None:
        refs.extend(_REPRESENTATIVES[key.representative])
    return tuple(dict.fromkeys(refs))
