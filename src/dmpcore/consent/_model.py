"""The vocabulary of the consent engine: measures, parties, acts, regimes, capacities and the decision."""

from __future__ import annotations

import enum
from collections.abc import Callable
from datetime import date
from typing import Any, Literal, get_args

import attrs

from dmpcore.errors import InputError

__all__ = [
    "CREATE_MODES",
    "MODEL_START",
    "Act",
    "Capacity",
    "ConsentDecision",
    "InvalidDecision",
    "Measure",
    "Mode",
    "Party",
    "Regime",
    "check_fields",
    "decision_problem",
]

#: décret 2016-914 of 4 July 2016 (JORF 5 July 2016): the first day the model covers.
MODEL_START = date(2016, 7, 7)
#: Mon espace santé: automatic creation of the DMP unless opposed (loi 2019-774 art. 45 and 50).
MES_START = date(2022, 1, 1)

Mode = Literal["express_consent", "opt_out"]


class Measure(enum.Enum):
    """The legal protection measure of an adult (or of an emancipated minor, CC 429 and 477)."""

    NONE = "none"
    #: sauvegarde de justice (CC 433): an assistance measure, the person keeps the exercise of their rights
    SAUVEGARDE_DE_JUSTICE = "sauvegarde_de_justice"
    #: curatelle (CC 440 al. 1, 467): the curator assists, never represents
    CURATELLE = "curatelle"
    #: curatelle renforcée (CC 472): the curator also manages income; still an assistance measure
    CURATELLE_RENFORCEE = "curatelle_renforcee"
    #: tutelle (CC 440 al. 3, 473): representation; relating to the person unless limited to assets
    TUTELLE = "tutelle"
    #: habilitation familiale (CC 494-1): assistance or representation by a relative, as the judgment says
    HABILITATION_FAMILIALE = "habilitation_familiale"
    #: mandat de protection future, once activated (CC 477, 479): the person's powers only if the mandate grants them
    MANDAT_PROTECTION_FUTURE = "mandat_protection_future"


class Party(enum.Enum):
    """Who may be informed, decide, be consulted, assist or hold portal access."""

    PATIENT = "patient"
    #: the holders of parental authority (CC 371-1)
    PARENTS = "parents"
    #: the tutor of a protected adult (CC 473) or of a minor under tutelle (CC 390, 408)
    TUTOR = "tutor"
    CURATOR = "curator"
    HABILITATED_PERSON = "habilitated_person"
    #: the mandatary of an activated mandat de protection future
    MANDATARY = "mandatary"


class Act(enum.Enum):
    """The acts on a DMP that need someone's decision (DOMAIN.md §3.3)."""

    #: who receives the information about the DMP before its creation
    INFORM = "inform"
    #: consent to the creation (DMP 2016) or opposition to the automatic creation (MES 2022)
    CREATE = "create"
    #: give or withdraw a professional's access, block a professional
    AUTHORIZE_ACCESS = "authorize_access"
    #: direct access to the DMP through the patient's channel (web, app: Mon espace santé)
    PORTAL_ACCESS = "portal_access"
    CLOSE = "close"
    #: mask a document from professionals
    MASK = "mask"


class Regime(enum.Enum):
    """The legal regime in force on the evaluation date."""

    #: décret 2016-914: a DMP is created only with express consent (2016-07-07 to 2021-12-31)
    DMP_2016 = "dmp_2016"
    #: Mon espace santé: the DMP is created automatically unless opposed (from 2022-01-01)
    MES_2022 = "mes_2022"

    @property
    def start(self) -> date:
        """The first day of the regime.

        >>> Regime.MES_2022.start
        datetime.date(2022, 1, 1)
        """
        return MODEL_START if self is Regime.DMP_2016 else MES_START

    @property
    def end(self) -> date | None:
        """The last day of the regime, ``None`` while it is in force.

        >>> Regime.DMP_2016.end
        datetime.date(2021, 12, 31)
        """
        return date(2021, 12, 31) if self is Regime.DMP_2016 else None

    @classmethod
    def at(cls, on: date) -> Regime:
        """The regime in force on *on* (raises :class:`~dmpcore.errors.InvalidSituation` before 2016-07-07).

        >>> Regime.at(date(2021, 12, 31)).name, Regime.at(date(2022, 1, 1)).name
        ('DMP_2016', 'MES_2022')
        """
        from dmpcore.consent._classify import check_on

        check_on(on)
        return cls.MES_2022 if on >= MES_START else cls.DMP_2016


class Capacity(enum.Enum):
    """The class of a legal situation on a given date: one row of the table of DOMAIN.md §3.4."""

    #: an adult without measure, or under sauvegarde de justice
    ADULT = "adult"
    #: an emancipated minor (16 or over): as an adult (CC 413-6)
    EMANCIPATED_MINOR = "emancipated_minor"
    #: curatelle or curatelle renforcée: the person decides, the curator may assist
    CURATELLE = "curatelle"
    #: habilitation familiale without representation relating to the person: the person decides, assisted
    HABILITATION_ASSISTANCE = "habilitation_assistance"
    #: tutelle limited to assets, mandat without powers over the person: the person decides alone
    NO_PERSON_POWERS = "no_person_powers"
    #: representation relating to the person (tutelle; habilitation familiale or mandat granting it)
    REPRESENTED = "represented"
    #: a minor under parental authority
    MINOR = "minor"
    #: a minor under tutelle: the tutor has the prerogatives of the parents
    MINOR_UNDER_TUTELLE = "minor_under_tutelle"


#: the mode of CREATE under each regime (DOMAIN.md §3.1): express consent, then opt-out
CREATE_MODES: dict[Regime, Mode] = {Regime.DMP_2016: "express_consent", Regime.MES_2022: "opt_out"}


class InvalidDecision(InputError):
    """A :class:`ConsentDecision` built by hand that no legal situation can give: a wrong field type, nobody
    in it (no decider; for INFORM, no recipient), a party the table does not give its capacity for its act,
    or no legal reference. Also a :class:`ValueError`."""

    default_code = "consent.decision"


_Validator = Callable[[object, "attrs.Attribute[Any]", object], None]


def _member_of(kind: type[enum.Enum]) -> _Validator:
    article = "an" if kind.__name__[0] in "AEIOU" else "a"

    def check(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
        if not isinstance(value, kind):
            raise InvalidDecision(
                f"'{attribute.name}' must be {article} {kind.__name__} (got {value!r:.40})", code="consent.type"
            )

    return check


def _parties(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if not isinstance(value, frozenset) or not all(isinstance(party, Party) for party in value):
        raise InvalidDecision(
            f"'{attribute.name}' must be a frozenset of Party (got {value!r:.40})", code="consent.type"
        )


def _mode(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if value is not None and value not in get_args(Mode):
        raise InvalidDecision(
            f"'mode' must be None, 'express_consent' or 'opt_out' (got {value!r:.40})", code="consent.type"
        )


def _references(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if not isinstance(value, tuple) or not all(isinstance(ref, str) and ref.strip() for ref in value):
        raise InvalidDecision(f"'basis' must be a tuple of non-empty str (got {value!r:.40})", code="consent.type")


@attrs.frozen(kw_only=True)
class ConsentDecision:
    """Who is informed, decides, is consulted, assists, for one act on one date.

    - ``deciders``: whose decision is needed and enough (for PORTAL_ACCESS: who holds the access;
      for INFORM: nobody, the recipients are in ``informed``);
    - ``consulted``: whose wishes must be sought and weighed, without binding (never a decider);
    - ``assistants``: who may be present to assist;
    - ``informed``: who receives the information (INFORM only, else empty);
    - ``mode``: ``'express_consent'`` (DMP 2016) or ``'opt_out'`` (MES 2022) for CREATE, else ``None``;
    - ``basis``: the legal references, most specific last;
    - ``capacity``: the class of the situation on that date.

    Built by :func:`~dmpcore.consent.decide`; one built by hand (or with ``attrs.evolve``) is checked like
    the engine's output, and a decision no situation can give raises :class:`InvalidDecision`: every act
    has a decider, INFORM a recipient instead, the parties are those the table gives the capacity for the
    act, and the basis cites at least one reference (see :func:`decision_problem`).

    >>> import attrs
    >>> from datetime import date
    >>> from dmpcore.consent import LegalSituation, decide
    >>> d = decide(LegalSituation.adult(date(1970, 1, 1)), Act.CREATE, on=date(2025, 1, 15))
    >>> attrs.evolve(d, deciders=frozenset())
    Traceback (most recent call last):
    ...
    dmpcore.consent._model.InvalidDecision: a CREATE decision needs at least one decider (got none)
    """

    act: Act = attrs.field(validator=_member_of(Act))
    regime: Regime = attrs.field(validator=_member_of(Regime))
    capacity: Capacity = attrs.field(validator=_member_of(Capacity))
    deciders: frozenset[Party] = attrs.field(default=frozenset(), validator=_parties)
    consulted: frozenset[Party] = attrs.field(default=frozenset(), validator=_parties)
    assistants: frozenset[Party] = attrs.field(default=frozenset(), validator=_parties)
    informed: frozenset[Party] = attrs.field(default=frozenset(), validator=_parties)
    mode: Mode | None = attrs.field(default=None, validator=_mode)
    basis: tuple[str, ...] = attrs.field(default=(), validator=_references)
    #: whether construction checked the decision (False when built inside attrs.validators.disabled()): a
    #: frozen decision checked once stays valid, so :func:`explain` checks only the others
    _checked: bool = attrs.field(init=False, default=False, eq=False, repr=False)

    def __attrs_post_init__(self) -> None:
        if attrs.validators.get_disabled():  # the caller turned validation off (attrs.validators.disabled())
            return
        problem = decision_problem(self)
        if problem is not None:
            raise InvalidDecision(problem, code="consent.decision")
        object.__setattr__(self, "_checked", True)

    @property
    def checked(self) -> bool:
        """Whether construction checked this decision: ``False`` only when built with attrs validation off."""
        return self._checked


def check_fields(decision: ConsentDecision) -> None:
    """Run the field validators of *decision*: raise :class:`InvalidDecision` (``consent.type``) for a wrong type.

    Unlike ``attrs.validate``, this runs even inside ``attrs.validators.disabled()``: :func:`explain` needs
    the types right before it reads its tables, whatever the caller turned off.
    """
    for field in attrs.fields(ConsentDecision):
        if field.validator is not None:
            field.validator(decision, field, getattr(decision, field.name))


def decision_problem(decision: ConsentDecision) -> str | None:
    """Why no legal situation can give *decision* (``None`` if one can): the shape of DOMAIN.md §3.3-3.5.

    "Every valid situation has at least one decider for every act" is read with the contract of INFORM,
    whose recipients are in ``informed`` and whose ``deciders`` is empty: INFORM needs a recipient instead.
    The fields must have their types (:func:`check_fields`, run at construction).
    """
    problem = _shape_problem(decision) or _property_problem(decision)
    if problem is None and not decision.basis:
        problem = "a decision cites its legal basis: 'basis' needs at least one reference (got none)"
    if problem is None:
        from dmpcore.consent._table import parties_problem  # _table builds decisions from this module

        problem = parties_problem(decision)
    return problem


def _shape_problem(decision: ConsentDecision) -> str | None:
    """The contract of the fields: a decider (INFORM: a recipient), 'informed' for INFORM only, the mode."""
    act = decision.act
    if act is Act.INFORM:
        if not decision.informed:
            return "an INFORM decision needs at least one recipient in 'informed' (got none)"
        if decision.deciders or decision.consulted:
            return "an INFORM decision names its recipients in 'informed': 'deciders' and 'consulted' stay empty"
    elif not decision.deciders:
        return f"a {act.name} decision needs at least one decider (got none)"
    elif decision.informed:
        return f"'informed' is for INFORM only (got recipients in a {act.name} decision)"
    expected = CREATE_MODES[decision.regime] if act is Act.CREATE else None
    if decision.mode != expected:
        return f"the mode of {act.name} under {decision.regime.name} is {expected!r} (got {decision.mode!r})"
    return None


def _property_problem(decision: ConsentDecision) -> str | None:
    """The properties of DOMAIN.md §3.5 that a decision alone can break."""
    if decision.act is Act.INFORM and Party.PATIENT not in decision.informed:
        return "PATIENT is always informed (DOMAIN.md §3.5): 'informed' must name PATIENT among the recipients"
    if Party.CURATOR in decision.deciders:
        # CC 440 al. 1, 467: the curator assists, never represents; only the person opens the DMP directly
        return "a curator is never a decider nor holds portal access (DOMAIN.md §3.5; CC 440, 467: the curator assists)"
    if decision.consulted & decision.deciders:
        return "a consulted party is never a decider: 'consulted' and 'deciders' must not overlap"
    return None
