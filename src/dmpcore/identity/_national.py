"""National identifiers of professionals and organisations (ANS *Annuaire santé*; DOMAIN.md §2).

In a CDA document they are an ``id`` with a root and an extension that starts with a prefix
naming the registry:

============================  ==========================  ======================================
root                          prefix + number             registry
============================  ==========================  ======================================
``1.2.250.1.71.4.2.1`` (PP)   ``8`` + 11 digits           RPPS, the last digit a Luhn key
``1.2.250.1.71.4.2.1`` (PP)   ``0`` + 9 characters        ADELI
``1.2.250.1.71.4.2.2`` (PM)   ``1`` + 9 characters        FINESS (``2A``/``2B`` for Corsica)
``1.2.250.1.71.4.2.2`` (PM)   ``2`` + 9 digits            SIREN (Luhn, python-stdnum)
``1.2.250.1.71.4.2.2`` (PM)   ``3`` + 14 digits           SIRET (Luhn, python-stdnum)
``1.2.250.1.71.4.2.2`` (PM)   ``4`` + RPPS + rang         RPPS-rang of a professional's practice
============================  ==========================  ======================================

>>> professional_id(rpps="01234567897")
NationalId(root='1.2.250.1.71.4.2.1', extension='801234567897')
>>> organisation_id(siret="73282932000074").extension
'373282932000074'
>>> parse_national_id("1.2.250.1.71.4.2.2", "1750803447").kind
<OrganisationIdKind.FINESS: '1'>

Only the RPPS, SIREN and SIRET carry a check digit that dmpcore verifies. FINESS and ADELI
are checked for their format only: a false reject of a number typed by a person costs more
than a false accept (the registry lookup is the real check).
"""

from __future__ import annotations

import enum
import re
from collections.abc import Callable
from typing import Final

import attrs
from stdnum import luhn
from stdnum.exceptions import ValidationError
from stdnum.fr import siren as _siren
from stdnum.fr import siret as _siret

from dmpcore import oids
from dmpcore.errors import InvalidIdentifier

__all__ = [
    "NationalId",
    "OrganisationIdKind",
    "ProfessionalIdKind",
    "organisation_id",
    "parse_national_id",
    "professional_id",
]

_MAX_INPUT = 40


class ProfessionalIdKind(enum.Enum):
    """Registry of a professional's national id; the value is the extension's prefix."""

    ADELI = "0"
    RPPS = "8"


class OrganisationIdKind(enum.Enum):
    """Registry of an organisation's national id; the value is the extension's prefix."""

    FINESS = "1"
    SIREN = "2"
    SIRET = "3"
    RPPS_RANG = "4"


@attrs.frozen(kw_only=True)
class NationalId:
    """A checked national id: ``root`` (the OID) and ``extension`` (prefix + number)."""

    root: str
    extension: str

    @property
    def kind(self) -> ProfessionalIdKind | OrganisationIdKind:
        """The registry, read from the root and the extension's prefix."""
        if self.root == oids.NATIONAL_PROFESSIONAL_ID:
            return ProfessionalIdKind(self.extension[0])
        return OrganisationIdKind(self.extension[0])

    @property
    def number(self) -> str:
        """The registry number, without the prefix."""
        return self.extension[1:]


_FINESS = re.compile(r"(?:\d{2}|2[AB])\d{7}")
_ADELI = re.compile(r"(?:\d{2}|2[AB])\d{7}")
_RPPS_RANG = re.compile(r"(\d{11})/?(\d{1,5})")


def _check_rpps(number: str) -> str:
    if not (len(number) == 11 and number.isdigit() and number.isascii()):
        raise InvalidIdentifier("RPPS must have 11 digits", code="rpps.format", value=number)
    if not luhn.is_valid(number):
        raise InvalidIdentifier("RPPS Luhn key does not match", code="rpps.checksum", value=number)
    return number


def _check_pattern(name: str, pattern: re.Pattern[str], expected: str) -> Callable[[str], str]:
    def check(number: str) -> str:
        if not pattern.fullmatch(number) or not number.isascii():
            raise InvalidIdentifier(f"{name} must be {expected}", code=f"{name.lower()}.format", value=number)
        return number

    return check


def _check_stdnum(name: str, validate: Callable[[str], str]) -> Callable[[str], str]:
    def check(number: str) -> str:
        try:
            return str(validate(number))
        except ValidationError as exc:
            raise InvalidIdentifier(
                f"{name} is not valid: {exc}", code=f"{name.lower()}.invalid", value=number
            ) from None

    return check


def _check_rpps_rang(number: str) -> str:
    match = _RPPS_RANG.fullmatch(number)
    if not match:
        raise InvalidIdentifier("RPPS-rang must be an RPPS then a rank", code="rpps_rang.format", value=number)
    _check_rpps(match.group(1))
    return number


_CHECKS: Final[dict[ProfessionalIdKind | OrganisationIdKind, Callable[[str], str]]] = {
    ProfessionalIdKind.RPPS: _check_rpps,
    ProfessionalIdKind.ADELI: _check_pattern("ADELI", _ADELI, "9 characters (department then 7 digits)"),
    OrganisationIdKind.FINESS: _check_pattern("FINESS", _FINESS, "9 characters (department then 7 digits)"),
    OrganisationIdKind.SIREN: _check_stdnum("SIREN", _siren.validate),
    OrganisationIdKind.SIRET: _check_stdnum("SIRET", _siret.validate),
    OrganisationIdKind.RPPS_RANG: _check_rpps_rang,
}
_ROOTS: Final = {
    ProfessionalIdKind: oids.NATIONAL_PROFESSIONAL_ID,
    OrganisationIdKind: oids.NATIONAL_ORGANISATION_ID,
}


def _clean(value: object, name: str) -> str:
    if not isinstance(value, str):
        raise InvalidIdentifier(f"{name} must be a str, not {type(value).__name__}", code="identifier.type")
    if len(value) > _MAX_INPUT:
        raise InvalidIdentifier(f"{name} is too long: {len(value)} characters", code="identifier.length")
    return value.replace(" ", "").upper()


def _build(kind: ProfessionalIdKind | OrganisationIdKind, number: object) -> NationalId:
    checked = _CHECKS[kind](_clean(number, kind.name))
    return NationalId(root=_ROOTS[type(kind)], extension=kind.value + checked)


def _only_one(kwargs: dict[str, str | None], what: str) -> tuple[str, str]:
    given = [(k, v) for k, v in kwargs.items() if v is not None]
    if len(given) != 1:
        names = ", ".join(kwargs)
        raise InvalidIdentifier(f"{what} takes exactly one of {names}", code="identifier.arguments")
    return given[0]


def professional_id(*, rpps: str | None = None, adeli: str | None = None) -> NationalId:
    """The national id of a professional from exactly one of its RPPS or ADELI number.

    >>> professional_id(rpps="01234567890")
    Traceback (most recent call last):
        ...
    dmpcore.errors.InvalidIdentifier: RPPS Luhn key does not match (got *******7890)
    """
    name, number = _only_one({"rpps": rpps, "adeli": adeli}, "professional_id")
    return _build(ProfessionalIdKind[name.upper()], number)


def organisation_id(
    *,
    finess: str | None = None,
    siren: str | None = None,
    siret: str | None = None,
    rpps_rang: str | None = None,
) -> NationalId:
    """The national id of an organisation from exactly one of its numbers.

    >>> organisation_id(finess="750712184")
    NationalId(root='1.2.250.1.71.4.2.2', extension='1750712184')
    """
    kwargs = {"finess": finess, "siren": siren, "siret": siret, "rpps_rang": rpps_rang}
    name, number = _only_one(kwargs, "organisation_id")
    return _build(OrganisationIdKind[name.upper()], number)


def parse_national_id(root: str, extension: str) -> NationalId:
    """Check a CDA ``id`` (root and extension) as a professional or organisation national id."""
    kinds: type[ProfessionalIdKind] | type[OrganisationIdKind]
    if root == oids.NATIONAL_PROFESSIONAL_ID:
        kinds = ProfessionalIdKind
    elif root == oids.NATIONAL_ORGANISATION_ID:
        kinds = OrganisationIdKind
    else:
        raise InvalidIdentifier(f"not a national id root: {root!r:.60}", code="identifier.root")
    text = _clean(extension, "extension")
    try:
        kind = kinds(text[:1])
    except ValueError:
        raise InvalidIdentifier(
            f"unknown prefix {text[:1]!r} for root {root}", code="identifier.prefix", value=text
        ) from None
    return _build(kind, text[1:])
