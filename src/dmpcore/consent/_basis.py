"""Legal references of each decision: the act's articles for the regime, then the situation's articles.

The regulatory part of the DMP was rewritten for 2022-01-01. Décret 2016-914 had put it at CSP R1111-26 to
R1111-43 (five sub-sections); décret 2021-1047 put it at R1111-40 to R1111-54 (it created R1111-54), after the
espace numérique de santé (Mon espace santé), which décret 2021-1048 put at R1111-26 to R1111-39. Décret
2021-1047 rewrote the section instead of renumbering it article by article: a decision names the other
numbering only where the same rule is found under both, ``CSP R1111-49 (ex-R1111-38)`` under MES 2022,
``CSP R1111-38 (décret 2016-914; now R1111-49)`` under DMP 2016. Where no 2016 number was established the
2016 decision cites the narrowest part of the 2016 section found, and the 2022 one the new number alone.
The correspondence and its sources are in docs/consent.md (« Legal basis »).

Verified texts: R1111-26 (2016: creation after the express consent of the person or of their legal
representative); R1111-34 (2016: the archiving of a closed DMP, to which décret 2016-1545 art. 5 refers);
R1111-38 (2016: the holder makes data inaccessible, cited as such by the 2016 article on the treating
physician's access); R1111-40 (2022: creation with Mon espace santé; minors and protected adults exercise
their rights under CC 371-1, 372 to 373-2-1, 425, 458, 459, 459-1 and CSP L1110-4, L1111-2, L1111-5,
L1111-5-1, L1111-7, L1111-16); R1111-46 (2022: professionals' access needs the holder's prior consent, deemed
given to the care team); R1111-48 (2022: opposition to access in an emergency); R1111-49 (2022: the holder
makes data inaccessible to professionals); R1111-28 (2022, décret 2021-1048: individual information and the
period to oppose the opening of Mon espace santé); R1111-36 (2022, décret 2021-1048: the holder closes Mon
espace santé at any time, its data archived ten years; not the 2016 R1111-36); L1111-14 (as amended by loi
2019-774 art. 50 and ordonnance 2020-232); L1111-15 (last paragraph: masking by the holder); L1111-17
(professionals' access); L1111-19 (the holder's direct access and list of professionals); L1111-21
(creation, opposition and closure at any time, set by decree); CC 425 (a protection measure covers the
person and their property unless the judgment limits it to one of them: why a tutelle may be limited to assets).
"""

from __future__ import annotations

from typing import NamedTuple

from dmpcore.consent._classify import Key
from dmpcore.consent._model import Act, Capacity, Party, Regime

__all__ = ["basis"]


class _Moved(NamedTuple):
    """A rule found under both numberings: its article in décret 2016-914, then in décret 2021-1047."""

    old: str
    new: str

    def cite(self, regime: Regime) -> str:
        if regime is Regime.DMP_2016:
            return f"CSP {self.old} (décret 2016-914; now {self.new})"
        return f"CSP {self.new} (ex-{self.old})"


# Creation: R1111-26 (2016, express consent; adesm.fr and cms.law quote it) became R1111-40 (2022, automatic
# creation with Mon espace santé), which also took the old R1111-28 (the DMP does not replace the
# professionals' own records). The rule was restructured (opt-in to opt-out), the subject is the same.
_CREATION = _Moved("R1111-26", "R1111-40")
# Masking by the holder: the 2016 article on the treating physician's access (legal.tricoteuses.fr/articles/
# LEGIARTI000032844408) names "les informations rendues inaccessibles par son titulaire dans les conditions
# définies à l'article R. 1111-38"; R1111-49 (2022) is the same rule, extended to establishments and services.
_MASKING = _Moved("R1111-38", "R1111-49")
# Closure: décret 2016-1545 art. 5 archives a closed DMP "dans les conditions prévues à l'article R. 1111-34".
# Under MES 2022 the holder closes Mon espace santé, the DMP with it, "à tout moment", its data archived ten
# years (R1111-36, décret 2021-1048): that article governs closing. R1111-40 only names closure among the
# information given, and the 2016 R1111-26 (creation) never covered it: no "ex-" pair is cited for CLOSE.
# The 2016 R1111-36 is another article (feeding by authorised professionals, now R1111-47): the decree is
# always written next to the number.
_CLOSURE_2016 = "CSP R1111-34 (décret 2016-914)"
_CLOSURE_2022 = "CSP R1111-36 (décret 2021-1048)"
# The holder's direct access: the first article of sub-section 4 « Droits du titulaire sur les données
# contenues dans son dossier médical partagé » (Légifrance, the section as in force on 2018-07-26); its
# number was not established.
_HOLDER_RIGHTS_2016 = "CSP R1111-26 to R1111-43 (décret 2016-914, sub-section 4: the holder's rights)"
# Professionals' access: neither the 2016 article on the holder's authorisation nor the number of the 2016
# emergency article (text of LEGIARTI000032844270, nearly word for word R1111-48) was established, and
# R1111-46 was restructured (the 2022 text deems the care team authorised): the 2022 numbers stand alone.
_SECTION_2016 = "CSP R1111-26 to R1111-43 (décret 2016-914)"
# décret 2021-1048: the information on Mon espace santé and the 6 weeks to oppose its opening (and the DMP's)
_MES_INFORMATION = "CSP R1111-28 (décret 2021-1048)"

_REGULATIONS: dict[tuple[Act, Regime], tuple[str, ...]] = {
    (Act.INFORM, Regime.DMP_2016): (_CREATION.cite(Regime.DMP_2016),),
    (Act.CREATE, Regime.DMP_2016): (_CREATION.cite(Regime.DMP_2016),),
    (Act.AUTHORIZE_ACCESS, Regime.DMP_2016): (_SECTION_2016,),
    (Act.PORTAL_ACCESS, Regime.DMP_2016): (_HOLDER_RIGHTS_2016,),
    (Act.CLOSE, Regime.DMP_2016): (_CLOSURE_2016,),
    (Act.MASK, Regime.DMP_2016): (_MASKING.cite(Regime.DMP_2016),),
    (Act.INFORM, Regime.MES_2022): (_MES_INFORMATION, _CREATION.cite(Regime.MES_2022)),
    (Act.CREATE, Regime.MES_2022): (_MES_INFORMATION, _CREATION.cite(Regime.MES_2022)),
    (Act.AUTHORIZE_ACCESS, Regime.MES_2022): ("CSP R1111-46", "CSP R1111-48"),
    (Act.PORTAL_ACCESS, Regime.MES_2022): (_CREATION.cite(Regime.MES_2022),),
    (Act.CLOSE, Regime.MES_2022): (_CLOSURE_2022,),
    (Act.MASK, Regime.MES_2022): (_MASKING.cite(Regime.MES_2022),),
}

# Legislative articles of each act (both regimes); Mon espace santé (L1111-13-1) only under MES 2022, for the
# acts whose 2022 regulation is Mon espace santé's (R1111-28 information and opposition, R1111-36 closure).
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
    Act.CLOSE: ("CSP L1111-13-1",),
}

_CAPACITIES: dict[Capacity, tuple[str, ...]] = {
    Capacity.ADULT: ("CC 414",),
    Capacity.EMANCIPATED_MINOR: ("CC 413-6", "CC 413-7"),
    # CC 425: the general article of the adults' protection measures (the person and their property, unless
    # the judgment limits the measure to one of them); sauvegarde de justice decides as ADULT and is not cited.
    Capacity.CURATELLE: ("CC 425", "CC 440", "CC 459", "CC 467"),
    Capacity.HABILITATION_ASSISTANCE: ("CC 425", "CC 459", "CC 494-1"),
    Capacity.NO_PERSON_POWERS: ("CC 425", "CC 459"),
    Capacity.REPRESENTED: ("CSP L1111-2", "CSP L1111-4", "CC 425", "CC 457-1", "CC 459"),
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
