"""``explain``: one plain sentence, in French or English, for a user interface."""

from __future__ import annotations

from typing import Literal, NamedTuple

from dmpcore.consent._model import (
    Act,
    Capacity,
    ConsentDecision,
    InvalidDecision,
    Party,
    Regime,
    check_fields,
    decision_problem,
)
from dmpcore.errors import InputError

__all__ = ["Lang", "explain", "party_name"]

Lang = Literal["fr", "en"]


class _Name(NamedTuple):
    """A party's name in French, with its article, so that « à le » becomes « au » and « de les » « des »."""

    fr: str
    en: str
    plural: bool = False


_NAMES: dict[Party, _Name] = {
    Party.PARENTS: _Name("les titulaires de l'autorité parentale", "the holders of parental authority", True),
    Party.TUTOR: _Name("le tuteur", "the tutor"),
    Party.HABILITATED_PERSON: _Name("la personne habilitée", "the habilitated person"),
    Party.MANDATARY: _Name("le mandataire", "the mandatary"),
    Party.CURATOR: _Name("le curateur", "the curator"),
}

_PATIENT: dict[Capacity, _Name] = {
    Capacity.ADULT: _Name("la personne", "the person"),
    Capacity.EMANCIPATED_MINOR: _Name("le mineur émancipé", "the emancipated minor"),
    Capacity.CURATELLE: _Name("la personne protégée", "the protected person"),
    Capacity.HABILITATION_ASSISTANCE: _Name("la personne protégée", "the protected person"),
    Capacity.NO_PERSON_POWERS: _Name("la personne protégée", "the protected person"),
    Capacity.REPRESENTED: _Name("la personne protégée", "the protected person"),
    Capacity.MINOR: _Name("le mineur", "the minor"),
    Capacity.MINOR_UNDER_TUTELLE: _Name("le mineur", "the minor"),
}

# The order parties are named in: the representatives first, the person last.
_ORDER = (
    Party.PARENTS,
    Party.TUTOR,
    Party.HABILITATED_PERSON,
    Party.MANDATARY,
    Party.CURATOR,
    Party.PATIENT,
)


def _name(party: Party, capacity: Capacity) -> _Name:
    return _PATIENT[capacity] if party is Party.PATIENT else _NAMES[party]


def party_name(party: Party, capacity: Capacity, lang: Lang = "fr") -> str:
    """How *party* is called in a sentence about a person of *capacity*.

    >>> party_name(Party.PATIENT, Capacity.REPRESENTED), party_name(Party.PARENTS, Capacity.MINOR, "en")
    ('la personne protégée', 'the holders of parental authority')
    """
    name = _name(party, capacity)
    return name.fr if lang == "fr" else name.en


def _with(preposition: str, name: str) -> str:
    """French contraction: à le -> au, à les -> aux, de le -> du, de les -> des."""
    for article, contracted in (("le ", {"à": "au ", "de": "du "}), ("les ", {"à": "aux ", "de": "des "})):
        if name.startswith(article):
            return contracted[preposition] + name[len(article) :]
    return f"{preposition} {name}"


def _join(words: list[str], lang: Lang) -> str:
    conjunction = " et " if lang == "fr" else " and "
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + conjunction + words[-1]


def _sorted(parties: frozenset[Party]) -> list[Party]:
    return [party for party in _ORDER if party in parties]


def _subject(parties: frozenset[Party], capacity: Capacity, lang: Lang) -> tuple[str, bool]:
    """The subject naming *parties*, and whether its verb is plural."""
    names = [_name(party, capacity) for party in _sorted(parties)]
    text = _join([name.fr if lang == "fr" else name.en for name in names], lang)
    return text, len(names) > 1 or names[0].plural


# act -> (French singular, French plural, English singular, English plural); {regime} variants for CREATE
_VERBS: dict[tuple[Act, Regime | None], tuple[str, str, str, str]] = {
    (Act.CREATE, Regime.DMP_2016): (
        "consent à la création du DMP",
        "consentent à la création du DMP",
        "consents to the creation of the DMP",
        "consent to the creation of the DMP",
    ),
    (Act.CREATE, Regime.MES_2022): (
        "peut s'opposer à la création automatique du DMP",
        "peuvent s'opposer à la création automatique du DMP",
        "may oppose the automatic creation of the DMP",
        "may oppose the automatic creation of the DMP",
    ),
    (Act.AUTHORIZE_ACCESS, None): (
        "autorise, retire ou bloque l'accès des professionnels au DMP",
        "autorisent, retirent ou bloquent l'accès des professionnels au DMP",
        "gives, withdraws or blocks the professionals' access to the DMP",
        "give, withdraw or block the professionals' access to the DMP",
    ),
    (Act.PORTAL_ACCESS, None): (
        "accède directement au DMP",
        "accèdent directement au DMP",
        "has direct access to the DMP",
        "have direct access to the DMP",
    ),
    (Act.CLOSE, None): (
        "décide de la clôture du DMP",
        "décident de la clôture du DMP",
        "decides to close the DMP",
        "decide to close the DMP",
    ),
    (Act.MASK, None): (
        "décide de masquer un document aux professionnels",
        "décident de masquer un document aux professionnels",
        "decides to mask a document from professionals",
        "decide to mask a document from professionals",
    ),
}


def _capitalised(text: str) -> str:
    return text[:1].upper() + text[1:]


def _inform(decision: ConsentDecision, lang: Lang) -> str:
    capacity = decision.capacity
    recipients = [_name(party, capacity) for party in _sorted(decision.informed)]
    if lang == "fr":
        text = "L'information sur le DMP est délivrée " + _join([_with("à", name.fr) for name in recipients], "fr")
    else:
        text = "Information about the DMP is given to " + _join([name.en for name in recipients], "en")
    if len(recipients) > 1:  # the person beside their representative: information adapted to them
        text += _ADAPTED[capacity is Capacity.REPRESENTED][lang]
    return text + _assisted(decision, lang) + "."


_ADAPTED: dict[bool, dict[Lang, str]] = {
    True: {"fr": ", à elle d'une manière adaptée à sa faculté de discernement", "en": ", adapted to their discernment"},
    False: {"fr": ", à lui selon son degré de maturité", "en": ", adapted to their maturity"},
}


def _assisted(decision: ConsentDecision, lang: Lang) -> str:
    if not decision.assistants:
        return ""
    names = [_name(party, decision.capacity) for party in _sorted(decision.assistants)]
    if lang == "fr":
        return ", éventuellement en présence " + _join([_with("de", name.fr) for name in names], "fr")
    return ", possibly in the presence of " + _join([name.en for name in names], "en")


def _act(decision: ConsentDecision, lang: Lang) -> str:
    capacity = decision.capacity
    subject, plural = _subject(decision.deciders, capacity, lang)
    verbs = _VERBS.get((decision.act, decision.regime)) or _VERBS[decision.act, None]
    verb = verbs[(0 if lang == "fr" else 2) + plural]
    text = f"{_capitalised(subject)} {verb}{_assisted(decision, lang)}"
    if decision.act is Act.PORTAL_ACCESS and capacity is Capacity.CURATELLE:  # a curator never holds it
        text += ", jamais le curateur" if lang == "fr" else ", never the curator"
    for party in _sorted(decision.consulted):
        name = _name(party, capacity)
        text += (
            f" ; l'avis {_with('de', name.fr)} est recherché" if lang == "fr" else f"; {name.en}'s wishes are sought"
        )
    return text + "."


def _check(decision: ConsentDecision) -> None:
    """ConsentDecision refuses these at construction; checked here for one built with validators disabled:
    the types first (a regime or an act of the wrong type would be looked up in the tables above)."""
    try:
        check_fields(decision)
    except InvalidDecision as error:
        raise InvalidDecision(f"cannot explain the decision: {error}", code=error.code) from None
    problem = decision_problem(decision)
    if problem is not None:
        raise InvalidDecision(f"cannot explain the decision: {problem}", code="consent.decision")


def explain(decision: ConsentDecision, lang: Lang = "fr") -> str:
    """One plain sentence that says *decision* to a user, in French (``'fr'``) or English (``'en'``).

    >>> from datetime import date
    >>> from dmpcore.consent import LegalSituation, Measure, decide
    >>> tutelle = LegalSituation(date(1950, 3, 2), measure=Measure.TUTELLE)
    >>> explain(decide(tutelle, Act.CREATE, on=date(2021, 6, 1)))
    "Le tuteur consent à la création du DMP ; l'avis de la personne protégée est recherché."
    >>> explain(decide(tutelle, Act.CREATE, on=date(2025, 1, 15)), "en")
    "The tutor may oppose the automatic creation of the DMP; the protected person's wishes are sought."
    """
    if lang not in ("fr", "en"):
        raise InputError(f"'lang' must be 'fr' or 'en' (got {lang!r:.20})", code="consent.lang")
    if not isinstance(decision, ConsentDecision):
        raise InputError(f"'decision' must be a ConsentDecision (got {type(decision).__name__})", code="consent.type")
    if not decision.checked:
        _check(decision)
    return _inform(decision, lang) if decision.act is Act.INFORM else _act(decision, lang)
