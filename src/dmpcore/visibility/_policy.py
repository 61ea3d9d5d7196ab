"""The policy switches of the visibility engine and the pluggable habilitation matrix.

Every switch stands for a choice that no current text settles; each defaults to the fail-closed choice
(the one that shows fewer documents) and is documented in docs/visibility.md.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date, datetime
from typing import Final

import attrs

from dmpcore.visibility._errors import InvalidAccessInput
from dmpcore.visibility._inputs import items_of, str_set
from dmpcore.visibility._roles import MEDICO_SOCIAL_ROLES, ROLE_SOURCE

__all__ = ["INVISIBLE_PATIENT_MAX_MONTHS", "OCCUPATIONAL_PHYSICIAN_ACCESS_FROM", "HabilitationMatrix", "Policy"]

#: loi n° 2021-1018 du 2 août 2021 (santé au travail) gave the occupational physician access to the DMP
#: with the worker's express consent (CSP L1111-17 IV); the law entered into force on 31 March 2022 at the
#: latest. Before that date L1111-18 excluded them.
OCCUPATIONAL_PHYSICIAN_ACCESS_FROM: Final = date(2022, 3, 31)

_TypeSet = frozenset[str] | None


def _type_set(value: Iterable[str] | None) -> _TypeSet:
    if value is None:
        return None
    return str_set(value, name="document types", noun="type codes (or None)", code="visibility.matrix")


def _rows(value: Mapping[str, Iterable[str] | None]) -> tuple[tuple[str, _TypeSet], ...]:
    if not isinstance(value, Mapping):
        raise InvalidAccessInput(
            f"expected a mapping role -> document type codes, got {type(value).__name__}", code="visibility.matrix"
        )
    if not all(isinstance(role, str) and role for role in value):
        raise InvalidAccessInput("roles of the matrix must be non-empty str", code="visibility.matrix")
    return tuple(sorted((role, _type_set(types)) for role, types in value.items()))


def _pair(item: object) -> tuple[object, object]:
    if not isinstance(item, tuple | list) or len(item) != 2:
        raise InvalidAccessInput(
            f"expected (role, document types) pairs, got the item {type(item).__name__}", code="visibility.matrix"
        )
    return item[0], item[1]


def _as_rows(value: object) -> tuple[tuple[str, _TypeSet], ...]:
    if isinstance(value, Mapping):
        return _rows(value)
    pairs = items_of(value, name="rows", noun="(role, document types) pairs", code="visibility.matrix")
    roles = [_pair(item) for item in pairs]
    if not all(isinstance(role, str) and role for role, _ in roles):
        raise InvalidAccessInput("roles of the matrix must be non-empty str", code="visibility.matrix")
    return _rows(dict(roles))  # type: ignore[arg-type]


def _source(instance: object, attribute: attrs.Attribute[str], value: str) -> None:
    if not isinstance(value, str) or not value.strip():
        raise InvalidAccessInput(
            f"'source' must name where the matrix comes from (a non-empty str), got {type(value).__name__}",
            code="visibility.matrix",
        )


@attrs.frozen(kw_only=True)
class HabilitationMatrix:
    """Which document types (XDS ``typeCode``, LOINC) each professional role may see.

    The key is the viewer's ``role``: a profession code (TRE_G15, e.g. ``"10"`` médecin) or a medico-social
    RPPS+ role (TRE_R22 GENR08..GENR12). A role maps to the set of visible type codes, or to ``None`` for
    « every type ». Roles not listed (and viewers without a role) get :attr:`default`. When a role is
    restricted, a document without a type code is hidden (fail closed).

    >>> matrix = HabilitationMatrix.from_mapping({"GENR10": {"74207-2"}}, source="local charter")
    >>> matrix.allows("GENR10", "74207-2"), matrix.allows("GENR10", "11488-4"), matrix.allows("10", "11488-4")
    (True, False, True)
    """

    #: where the data comes from (a text, a version): shown in the docs and kept with the decisions' basis
    source: str = attrs.field(validator=_source)
    rows: tuple[tuple[str, _TypeSet], ...] = attrs.field(default=(), converter=_as_rows)
    default: _TypeSet = attrs.field(default=None, converter=_type_set)
    _lookup: dict[str, _TypeSet] = attrs.field(init=False, eq=False, hash=False, repr=False)

    def __attrs_post_init__(self) -> None:
        # the converter made rows sorted pairs with one row per role
        object.__setattr__(self, "_lookup", dict(self.rows))

    @classmethod
    def from_mapping(
        cls, mapping: Mapping[str, Iterable[str] | None], *, source: str, default: Iterable[str] | None = None
    ) -> HabilitationMatrix:
        """A matrix from ``{role: type codes or None}``; *default* applies to the roles not listed."""
        return cls(source=source, rows=_rows(mapping), default=default)

    @classmethod
    def unrestricted(cls) -> HabilitationMatrix:
        """The default until the annex of the arrêté is loaded: every role sees every document type.

        The five medico-social RPPS+ roles are listed with their own data (every type for now), so that
        loading their rows changes data, not code.
        """
        return cls(
            source=ROLE_SOURCE, rows=tuple((code, role.document_types) for code, role in MEDICO_SOCIAL_ROLES.items())
        )

    def types_for(self, role: str | None) -> _TypeSet:
        """The document types *role* may see (``None``: every type)."""
        return self.default if role is None else self._lookup.get(role, self.default)

    def allows(self, role: str | None, type_code: str | None) -> bool:
        """Whether a professional with *role* may see a document of type *type_code*."""
        types = self.default if role is None else self._lookup.get(role, self.default)
        return types is None or (type_code is not None and type_code in types)


_UNRESTRICTED: Final = HabilitationMatrix.unrestricted()


#: CSP R1111-53: a document made inaccessible to its holder becomes accessible « au plus tard un mois » after
#: its deposit. Longer would hide it beyond the law; shorter would show the patient what the DMP still hides.
INVISIBLE_PATIENT_MAX_MONTHS: Final = 1


def _legal_delay(instance: object, attribute: attrs.Attribute[int], value: int) -> None:
    if value.__class__ is not int or value != INVISIBLE_PATIENT_MAX_MONTHS:
        raise InvalidAccessInput(
            f"'{attribute.name}' must be {INVISIBLE_PATIENT_MAX_MONTHS} (CSP R1111-53: one month after the "
            f"deposit at the latest), got {value!r:.20}",
            code="visibility.invisible_patient_delay",
        )


def _bool(instance: object, attribute: attrs.Attribute[bool], value: bool) -> None:
    if not isinstance(value, bool):
        raise InvalidAccessInput(f"'{attribute.name}' must be a bool, got {value!r:.20}", code="visibility.policy")


def _optional_date(value: object) -> date | None:
    # a datetime is read as its day: comparing it with the context's date would raise TypeError
    if isinstance(value, datetime):
        return value.date()
    if value is not None and not isinstance(value, date):
        raise InvalidAccessInput(
            f"'occupational_physician_access_from' must be a date or None, got {type(value).__name__}",
            code="visibility.policy",
        )
    return value


def _matrix(instance: object, attribute: attrs.Attribute[HabilitationMatrix], value: HabilitationMatrix) -> None:
    if not isinstance(value, HabilitationMatrix):
        raise InvalidAccessInput(
            f"'{attribute.name}' must be a HabilitationMatrix, got {type(value).__name__}", code="visibility.policy"
        )


@attrs.frozen(kw_only=True)
class Policy:
    """The documented switches of DOMAIN.md §4; every default is the fail-closed choice.

    >>> Policy()
    Policy(cumul_invisible_patient_masque_ps=False, masked_visible_in_emergency=False, \
invisible_patient_delay_months=1, occupational_physician_access_from=datetime.date(2022, 3, 31), \
habilitations=HabilitationMatrix(source=..., default=None))
    """

    #: the DMP platform parameter ``cumul-invisible_patient-masque_ps``: may a deposit carry both
    #: INVISIBLE_PATIENT and MASQUE_PS? (default False: refused)
    cumul_invisible_patient_masque_ps: bool = attrs.field(default=False, validator=_bool)
    #: do bris de glace and régulation see documents masked from professionals? No text settles it:
    #: default False (hidden), the author and the médecin traitant see them in every mode.
    masked_visible_in_emergency: bool = attrs.field(default=False, validator=_bool)
    #: INVISIBLE_PATIENT lasts at most one month after deposit (CSP R1111-53), and the DMP lifts it then: 1 is
    #: the only accepted value (the field names the delay so that a new text changes data, not code). Counted
    #: as French law counts months (CPC 641: same day number, else the month's last day); the patient sees
    #: the document from the day after that date (fail closed: the whole last day is still inside the delay).
    invisible_patient_delay_months: int = attrs.field(default=INVISIBLE_PATIENT_MAX_MONTHS, validator=_legal_delay)
    #: from this date occupational physicians may consult with the worker's express consent (CSP L1111-17 IV,
    #: loi 2021-1018); ``None`` keeps them excluded at every date.
    occupational_physician_access_from: date | None = attrs.field(
        default=OCCUPATIONAL_PHYSICIAN_ACCESS_FROM, converter=_optional_date
    )
    #: the matrice d'habilitation (arrêté du 26 octobre 2023): which document types each role may see
    habilitations: HabilitationMatrix = attrs.field(default=_UNRESTRICTED, validator=_matrix)
