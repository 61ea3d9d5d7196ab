"""The exception hierarchy of dmpcore.

Every exception dmpcore raises derives from :class:`DmpcoreError`. Bad input raises a subclass
that is also a :class:`ValueError`, so ``except ValueError`` keeps working for callers that do
not know dmpcore. Each error carries a stable, machine-readable :attr:`~DmpcoreError.code`.

Messages never print patient data in full: identifiers are masked with :func:`mask` first.

>>> from dmpcore.errors import InvalidIdentifier, mask
>>> err = InvalidIdentifier("bad key", code="ins.checksum", value="279035121518988")
>>> str(err)
'bad key (got ***********8988)'
>>> err.code
'ins.checksum'
>>> isinstance(err, ValueError)
True
"""

from __future__ import annotations

__all__ = [
    "CdaParseError",
    "DmpcoreError",
    "InputError",
    "InvalidIdentifier",
    "InvalidSituation",
    "UnknownDocumentKind",
    "mask",
]

#: how many trailing characters of a sensitive value a message may show
VISIBLE_TAIL = 4


def mask(value: object, *, visible: int = VISIBLE_TAIL) -> str:
    """Mask all but the last *visible* characters of *value* for use in a message.

    Non-text values are described by their type only, so that nothing sensitive leaks.

    >>> mask("279035121518989")
    '***********8989'
    >>> mask("12")
    '**'
    >>> mask(None)
    '<NoneType>'
    """
    if not isinstance(value, str):
        return f"<{type(value).__name__}>"
    if len(value) > 40:
        return f"<str of {len(value)} characters>"
    if len(value) <= visible:
        return "*" * len(value)
    return "*" * (len(value) - visible) + value[-visible:]


class DmpcoreError(Exception):
    """The root of every exception raised by dmpcore.

    *code* is a stable, machine-readable identifier of the error (``"ins.checksum"``).
    """

    default_code = "dmpcore.error"

    def __init__(self, message: str, *, code: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.code = code or self.default_code


class InputError(DmpcoreError, ValueError):
    """Bad input: raised by parsers and constructors. Also a :class:`ValueError`."""

    default_code = "input.invalid"


class InvalidIdentifier(InputError):
    """An identifier (INS, RPPS, ADELI, FINESS, SIREN, SIRET, OID) is malformed or fails its check.

    The offending *value*, if given, is appended to the message masked (see :func:`mask`).
    """

    default_code = "identifier.invalid"

    def __init__(self, message: str, *, code: str | None = None, value: object = None) -> None:
        if value is not None:
            message = f"{message} (got {mask(value)})"
        super().__init__(message, code=code)


class CdaParseError(InputError):
    """A CDA document could not be read: not XML, hostile (DTD, entities), too large or too deep.

    *line* is the 1-based line of the problem when known, *xpath* the location of the element.
    """

    default_code = "cda.parse"

    def __init__(
        self, message: str, *, code: str | None = None, line: int | None = None, xpath: str | None = None
    ) -> None:
        where = ", ".join(part for part in (f"line {line}" if line else "", xpath or "") if part)
        super().__init__(f"{message} ({where})" if where else message, code=code)
        self.line = line
        self.xpath = xpath


class InvalidSituation(InputError):
    """A legal situation is contradictory or outside the model of :mod:`dmpcore.consent`.

    Examples: emancipated before 16, an adult protection measure on a minor, a minor tutelle for an adult,
    representation relating to the person under curatelle, an evaluation date before 2016-07-07.
    """

    default_code = "consent.invalid_situation"


class UnknownDocumentKind(CdaParseError):
    """A CDA document whose templateIds name none of the DLU family's models (DLU, FLUDT, FLUDR, FT-SU, FR-SU)."""

    default_code = "cda.document-kind"
