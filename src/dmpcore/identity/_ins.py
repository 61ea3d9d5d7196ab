"""INS: Identifiant National de Santé (DOMAIN.md §2).

The INS is a NIR (registration number of a person born in France or registered by the
INSEE) or a NIA (waiting number given by the CNAV), together with the OID of its root.
Its value has 15 characters: 13 for the number, then a 2-digit key ``97 - (number mod 97)``,
where Corsica's departments ``2A`` and ``2B`` count as 19 and 18. The key is computed by
python-stdnum's :mod:`stdnum.fr.nir`, which a NIA follows as well.

>>> parse_ins("253072B07300470").value
'253072B07300470'
>>> parse_ins("279035121518988")
Traceback (most recent call last):
    ...
dmpcore.errors.InvalidIdentifier: INS key does not match the number (got ***********8988)
"""

from __future__ import annotations

import enum
from typing import Final

import attrs
from stdnum.exceptions import InvalidChecksum, ValidationError
from stdnum.fr import nir

from dmpcore import oids
from dmpcore.errors import InvalidIdentifier, mask

__all__ = [
    "INS_NIA_OID",
    "INS_NIR_DEMO_OID",
    "INS_NIR_OID",
    "INS_NIR_TEST_OID",
    "Ins",
    "InsKind",
    "is_valid_ins",
    "parse_ins",
]

INS_NIR_OID: Final = oids.INS_NIR
INS_NIA_OID: Final = oids.INS_NIA
INS_NIR_TEST_OID: Final = oids.INS_NIR_TEST
INS_NIR_DEMO_OID: Final = oids.INS_NIR_DEMO

# Input longer than this is rejected before any other work: a spaced INS has 21 characters.
_MAX_INPUT = 64


class InsKind(enum.Enum):
    """Whether the INS is a NIR or a NIA."""

    NIR = "NIR"
    NIA = "NIA"


_KIND_OF_ROOT: Final = {
    INS_NIR_OID: InsKind.NIR,
    INS_NIA_OID: InsKind.NIA,
    INS_NIR_TEST_OID: InsKind.NIR,
    INS_NIR_DEMO_OID: InsKind.NIR,
}
_TEST_ROOTS: Final = frozenset({INS_NIR_TEST_OID, INS_NIR_DEMO_OID})


@attrs.frozen(kw_only=True)
class Ins:
    """A checked INS. Build it with :func:`parse_ins`; its ``repr`` masks the number.

    >>> parse_ins("279035121518989", INS_NIR_TEST_OID)
    Ins(value='***********8989', oid='1.2.250.1.213.1.4.10')
    """

    value: str = attrs.field(repr=lambda value: repr(mask(value)))
    oid: str

    @property
    def kind(self) -> InsKind:
        """NIR or NIA, as the root says."""
        return _KIND_OF_ROOT[self.oid]

    @property
    def is_test(self) -> bool:
        """True for the test and demonstration roots, which never identify a real person."""
        return self.oid in _TEST_ROOTS

    def format(self) -> str:
        """The number grouped for display: sex, year, month, place (5), serial (3), key.

        >>> parse_ins("253072B07300470").format()
        '2 53 07 2B 073 004 70'
        """
        return str(nir.format(self.value))

    def masked(self) -> str:
        """The number with all but its last 4 characters hidden, for logs and messages."""
        return mask(self.value)


def parse_ins(value: str, oid: str = INS_NIR_OID) -> Ins:
    """Check *value* as an INS under the root *oid* and return it normalised.

    Spaces are removed and letters upper-cased (``2a`` is ``2A``). A bad type, format, key
    or an unknown root raises :class:`~dmpcore.errors.InvalidIdentifier`, whose ``code`` is one of
    ``ins.type``, ``ins.oid``, ``ins.length``, ``ins.format``, ``ins.checksum``.

    >>> parse_ins("279035121518989", "1.2.3")
    Traceback (most recent call last):
        ...
    dmpcore.errors.InvalidIdentifier: unknown INS root OID '1.2.3'; expected one of 1.2.250.1.213.1.4.10, ...
    """
    if not isinstance(oid, str) or oid not in _KIND_OF_ROOT:
        roots = ", ".join(sorted(_KIND_OF_ROOT))
        raise InvalidIdentifier(f"unknown INS root OID {oid!r:.60}; expected one of {roots}", code="ins.oid")
    return Ins(value=_check_number(value), oid=oid)


def is_valid_ins(value: object, oid: str = INS_NIR_OID) -> bool:
    """Whether *value* is a valid INS under *oid*; never raises.

    >>> is_valid_ins("279035121518989"), is_valid_ins("279035121518988"), is_valid_ins(None)
    (True, False, False)
    """
    try:
        parse_ins(value, oid)  # type: ignore[arg-type]
    except InvalidIdentifier:
        return False
    return True


def _check_number(value: object) -> str:
    if not isinstance(value, str):
        raise InvalidIdentifier(f"INS must be a str, not {type(value).__name__}", code="ins.type")
    if len(value) > _MAX_INPUT:
        raise InvalidIdentifier(f"INS is too long: {len(value)} characters", code="ins.length")
    number = value.replace(" ", "").upper()
    if len(number) != 15:
        raise InvalidIdentifier(
            f"INS must have 15 characters (13 then a 2-digit key), got {len(number)}",
            code="ins.length",
            value=number,
        )
    if not number.isascii():
        raise InvalidIdentifier("INS has a character that is not a digit", code="ins.format", value=number)
    try:
        return str(nir.validate(number))
    except InvalidChecksum:
        raise InvalidIdentifier("INS key does not match the number", code="ins.checksum", value=number) from None
    except ValidationError:
        raise InvalidIdentifier(
            "INS must be digits, with 2A or 2B allowed at positions 6-7", code="ins.format", value=number
        ) from None
