"""The legal situation of a person: the inputs of DOMAIN.md §3.2."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from typing import Any, TypedDict, Unpack

import attrs

from dmpcore.consent._classify import Bands, Key, Problem, bands
from dmpcore.consent._model import Measure
from dmpcore.consent._table import Profile, profile
from dmpcore.errors import InvalidSituation

__all__ = ["LegalSituation"]


def _is_date(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if not isinstance(value, date) or isinstance(value, datetime):
        raise InvalidSituation(
            f"'{attribute.name}' must be a datetime.date (got {type(value).__name__})", code="consent.type"
        )


def _is_bool(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if not isinstance(value, bool):
        raise InvalidSituation(f"'{attribute.name}' must be a bool (got {type(value).__name__})", code="consent.type")


def _is_optional_bool(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if value is not None:
        _is_bool(instance, attribute, value)


def _is_measure(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if not isinstance(value, Measure):
        raise InvalidSituation(f"'measure' must be a Measure (got {value!r:.40})", code="consent.type")


class _AdultFields(TypedDict, total=False):
    """The keywords of :meth:`LegalSituation.adult`, shared by :meth:`LegalSituation.emancipated_minor`."""

    measure: Measure
    represents_person: bool | None
    can_express_will: bool


@attrs.frozen
class LegalSituation:
    """The legal situation of a person, independent of the date: the date is given to :func:`decide`.

    - ``birth_date``: age is computed at the evaluation date; majority starts on the 18th birthday (CC 414),
      on 1 March for a person born on 29 February when the year is not a leap year;
    - ``emancipated``: possible from 16 (CC 413-2); an emancipated minor is treated as an adult (CC 413-6);
    - ``minor_under_tutelle``: the parents cannot exercise parental authority; a tutor represents the minor (CC 390);
    - ``measure``: the protection measure of an adult (or of an emancipated minor, CC 429, 477);
    - ``represents_person``: whether the measure includes representation relating to the person (health
      decisions); ``None`` means the measure's default: yes for TUTELLE, no for HABILITATION_FAMILIALE and
      MANDAT_PROTECTION_FUTURE; never possible for curatelle and sauvegarde de justice;
    - ``can_express_will``: whether the person can express their will (their wishes are then sought).

    Contradictions that do not depend on the date (``represents_person=True`` under curatelle, emancipated
    and under a minor's tutelle) raise :class:`~dmpcore.errors.InvalidSituation` here; the others (a measure
    on a minor) when :func:`decide` evaluates a date at which they hold: a situation lives across dates.

    The named constructors :meth:`adult`, :meth:`minor` and :meth:`emancipated_minor` set the fields that
    fit each kind of person; the constructor with every field stays the contract.

    >>> from datetime import date
    >>> LegalSituation(date(1950, 3, 2), measure=Measure.TUTELLE)
    LegalSituation(birth_date=datetime.date(1950, 3, 2), emancipated=False, minor_under_tutelle=False, \
measure=<Measure.TUTELLE: 'tutelle'>, represents_person=None, can_express_will=True)
    """

    birth_date: date = attrs.field(validator=_is_date)
    emancipated: bool = attrs.field(default=False, kw_only=True, validator=_is_bool)
    minor_under_tutelle: bool = attrs.field(default=False, kw_only=True, validator=_is_bool)
    measure: Measure = attrs.field(default=Measure.NONE, kw_only=True, validator=_is_measure)
    represents_person: bool | None = attrs.field(default=None, kw_only=True, validator=_is_optional_bool)
    can_express_will: bool = attrs.field(default=True, kw_only=True, validator=_is_bool)
    # The classification of the three age bands, computed once (see _classify), and each band's decisions
    # (or the error it raises): decide() only compares dates and reads a dict.
    _bands: Bands = attrs.field(init=False, repr=False, eq=False, hash=False)
    _profiles: tuple[Profile | Problem, ...] = attrs.field(init=False, repr=False, eq=False, hash=False)

    def __attrs_post_init__(self) -> None:
        computed = bands(
            birth_date=self.birth_date,
            emancipated=self.emancipated,
            minor_under_tutelle=self.minor_under_tutelle,
            measure=self.measure,
            represents_person=self.represents_person,
            can_express_will=self.can_express_will,
        )
        object.__setattr__(self, "_bands", computed)
        keys = (computed.under_sixteen, computed.sixteen_to_eighteen, computed.adult)
        object.__setattr__(self, "_profiles", tuple(profile(k) if type(k) is Key else k for k in keys))

    @classmethod
    def adult(
        cls,
        birth_date: date,
        *,
        measure: Measure = Measure.NONE,
        represents_person: bool | None = None,
        can_express_will: bool = True,
    ) -> LegalSituation:
        """An adult, without or under a protection *measure* (DOMAIN.md §3.2).

        The age is still read at the evaluation date: before the 18th birthday the same situation is a minor's,
        and a measure is then refused (``consent.measure_on_minor``).

        >>> from datetime import date
        >>> LegalSituation.adult(date(1950, 3, 2), measure=Measure.TUTELLE) == LegalSituation(
        ...     date(1950, 3, 2), measure=Measure.TUTELLE
        ... )
        True
        """
        return cls(birth_date, measure=measure, represents_person=represents_person, can_express_will=can_express_will)

    @classmethod
    def minor(cls, birth_date: date, *, under_tutelle: bool = False, can_express_will: bool = True) -> LegalSituation:
        """A minor under parental authority, or *under_tutelle* (a tutor has the parents' prerogatives, CC 390).

        From the 18th birthday the same situation is an adult's without measure; a minor's tutelle then
        raises ``consent.minor_tutelle_on_adult``: describe an adult's tutelle with :meth:`adult`.

        >>> from datetime import date
        >>> LegalSituation.minor(date(2012, 9, 1), under_tutelle=True).minor_under_tutelle
        True
        """
        return cls(birth_date, minor_under_tutelle=under_tutelle, can_express_will=can_express_will)

    @classmethod
    def emancipated_minor(cls, birth_date: date, **fields: Unpack[_AdultFields]) -> LegalSituation:
        """An emancipated minor: as an adult (CC 413-6), with the keywords of :meth:`adult` (``measure``,
        ``represents_person``, ``can_express_will``): a measure may apply to an emancipated minor (CC 429, 477).

        Emancipation is possible from 16 only: a date before the 16th birthday raises
        ``consent.emancipated_under_16``.

        >>> from datetime import date
        >>> LegalSituation.emancipated_minor(date(2008, 6, 1), measure=Measure.CURATELLE).emancipated
        True
        """
        return cls(birth_date, emancipated=True, **fields)

    def __reduce__(self) -> tuple[Callable[..., LegalSituation], tuple[object, ...]]:
        """Pickle (and copy) the inputs only: the classification is rebuilt, never restored from a stale table."""
        return _rebuild, (
            self.birth_date,
            self.emancipated,
            self.minor_under_tutelle,
            self.measure,
            self.represents_person,
            self.can_express_will,
        )


def _rebuild(
    birth_date: date,
    emancipated: bool,
    minor_under_tutelle: bool,
    measure: Measure,
    represents_person: bool | None,
    can_express_will: bool,
) -> LegalSituation:
    return LegalSituation(
        birth_date,
        emancipated=emancipated,
        minor_under_tutelle=minor_under_tutelle,
        measure=measure,
        represents_person=represents_person,
        can_express_will=can_express_will,
    )
