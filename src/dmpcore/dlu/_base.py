"""Small value types shared by every DLU-family model: identifiers, names, addresses, telecoms, raw XML.

The *origin* mechanism keeps what the model does not know: a parsed object remembers the XML it
was read from together with a snapshot of itself; :func:`dmpcore.cda.to_cda` re-emits that XML
verbatim as long as the object is unchanged (equal to its snapshot) and regenerates it from the
typed fields otherwise.
"""

from __future__ import annotations

import datetime as dt
import enum
import functools
import uuid
from collections.abc import Callable
from typing import Any, Final, TypeVar, cast

import attrs

from dmpcore.errors import InputError

__all__ = [
    "Address",
    "Identifier",
    "Origin",
    "PersonName",
    "RawXml",
    "Sex",
    "Telecom",
    "TelecomUse",
    "before",
    "checked_comments",
    "checked_day_or_time",
    "checked_time",
    "derived_id",
    "field_of",
    "is_unchanged",
    "names_its_field",
    "new_id",
    "raw_element",
    "whole_seconds",
]


V = TypeVar("V", bound=Callable[..., None])
_FIELD_NOTE: Final = "field: "


def names_its_field(check: V) -> V:
    """The attrs validator *check*, whose InputError notes the field it checked.

    attrs runs validators in ``__init__``: without the note an error would point at the object only;
    :func:`dmpcore.dlu.from_dict` reads it (:func:`field_of`) to give the path of the bad field.
    """

    @functools.wraps(check)
    def validator(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
        try:
            check(instance, attribute, value)
        except InputError as exc:
            if field_of(exc) is None:
                exc.add_note(_FIELD_NOTE + attribute.name)
            raise

    return cast(V, validator)


def field_of(error: BaseException) -> str | None:
    """The name of the field whose validator raised *error* (see :func:`names_its_field`), or None."""
    for note in getattr(error, "__notes__", ()):
        if isinstance(note, str) and note.startswith(_FIELD_NOTE):
            return note[len(_FIELD_NOTE) :]
    return None


@names_its_field
def _text(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if isinstance(value, str) and value.strip():
        return
    # the value itself is not shown: it may be patient data (a name), and a blank one says nothing
    got = type(value).__name__ if not isinstance(value, str) else "an empty string" if not value else "blanks only"
    raise InputError(f"'{attribute.name}' must be a non-empty string (got {got})", code="dlu.field")


@names_its_field
def _optional_text(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if value is not None:
        _text(instance, attribute, value)


def whole_seconds(value: object) -> object:
    """An attrs converter: a datetime without its fraction of a second (HL7 TS as the CI-SIS writes it stops at
    the second; ``dt.datetime.now()`` carries microseconds), so that what is written reads back equal."""
    return value.replace(microsecond=0) if isinstance(value, dt.datetime) else value


@names_its_field
def checked_time(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    """An attrs validator of an optional time (``dt.datetime``).

    A time is written as an HL7 TS: its UTC offset as ``+HHMM`` (whole minutes), or no offset at all
    for a naive datetime: the local time of a document that does not state its zone (the CI-SIS kit
    accepts it, ``TS`` ``^[0-9]{4,14}``; the official FT-SU writes ``20250722093000``). A naive time
    is never given a zone: it is written and read back without one.
    """
    if value is None:
        return
    if not isinstance(value, dt.datetime):
        raise InputError(f"'{attribute.name}' must be a datetime (got {type(value).__name__})", code="dlu.time")
    offset = value.utcoffset()
    if offset is not None and offset % dt.timedelta(minutes=1):
        raise InputError(f"'{attribute.name}' must have a UTC offset in whole minutes (got {offset})", code="dlu.time")


@names_its_field
def checked_day_or_time(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    """An attrs validator of an optional HL7 TS of day precision (a ``dt.date``) or a time (:func:`checked_time`)."""
    if not (isinstance(value, dt.date) and not isinstance(value, dt.datetime)):
        checked_time(instance, attribute, value)


def before(first: dt.date, second: dt.date) -> bool:
    """Whether *first* is before *second*: two days, two times, or a day and a time (compared as days). A time
    without zone is taken in the zone of the other: HL7 reads a TS without zone in the document's local time."""
    if isinstance(first, dt.datetime) != isinstance(second, dt.datetime):
        return _day(first) < _day(second)
    if isinstance(first, dt.datetime) and (first.utcoffset() is None) != (second.utcoffset() is None):  # type: ignore[attr-defined]
        return first.replace(tzinfo=None) < second.replace(tzinfo=None)  # type: ignore[call-arg]
    return first < second


def _day(value: dt.date) -> dt.date:
    return value.date() if isinstance(value, dt.datetime) else value


@attrs.frozen(kw_only=True)
class Identifier:
    """An instance identifier (``II``): an OID or UUID ``root`` and an optional ``extension``."""

    root: str = attrs.field(validator=_text)
    extension: str | None = attrs.field(default=None, validator=_optional_text)


def new_id() -> Identifier:
    """A fresh identifier whose root is a random UUID (upper case, as in the CI-SIS examples)."""
    return Identifier(root=str(uuid.uuid4()).upper())


def derived_id(ident: Identifier, role: str) -> Identifier:
    """A stable id for an element written around an entry (its concern act, its document-type observation),
    derived from the entry's id: the same entry gets the same one each time it is written."""
    seed = f"{ident.root}/{ident.extension or ''}/{role}"
    return Identifier(root=str(uuid.uuid5(uuid.NAMESPACE_OID, seed)).upper())


@names_its_field
def _one_element(instance: object, attribute: attrs.Attribute[str], value: str) -> None:
    _text(instance, attribute, value)
    from dmpcore.cda._raw import embedded_element  # the writer embeds this text: it must be one well-formed element

    embedded_element(value)


@names_its_field
def checked_comments(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    """An attrs validator of XML comment texts: a tuple of str, each one an XML comment can hold."""
    if not isinstance(value, tuple) or not all(isinstance(text, str) for text in value):
        raise InputError(f"'{attribute.name}' must be a tuple of str (got {type(value).__name__})", code="dlu.field")
    for text in value:
        if "--" in text or text.endswith("-"):
            # XML 1.0 §2.5: a comment holds no "--" and does not end with "-"
            raise InputError(
                f'\'{attribute.name}\' holds a text an XML comment cannot ("--" or a final "-")', code="dlu.field"
            )


@attrs.frozen(kw_only=True, eq=False)
class RawXml:
    """An XML element dmpcore does not model, kept as serialized text and re-emitted as is.

    The text must be one well-formed element and nothing around it, as it is once embedded in a CDA
    document (checked through the hardened parser; the ``xsi`` prefix and the HL7 default namespace are
    those of the document). Two are equal when they say the same XML in the document: their exclusive
    canonical forms (W3C xml-exc-c14n) are equal, whatever the quotes, the empty-element form or the
    namespace declarations an element read from a document carries from its former ancestors.
    """

    xml: str = attrs.field(validator=_one_element)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, RawXml):
            return NotImplemented
        from dmpcore.cda._raw import canonical_xml  # XML lives in dmpcore.cda

        return self.xml == other.xml or canonical_xml(self.xml) == canonical_xml(other.xml)

    def __hash__(self) -> int:
        from dmpcore.cda._raw import canonical_xml

        return hash(canonical_xml(self.xml))


def raw_element(name: str) -> Callable[[object, attrs.Attribute[RawXml], RawXml], None]:
    """An attrs validator of a :class:`RawXml` field: its element is the HL7 element *name*.

    The writer puts a raw section in a ``component``, a raw entry in a ``section``: another element
    there would not be read back as one (the reader looks for ``section`` and ``entry`` elements).
    """

    @names_its_field
    def check(instance: object, attribute: attrs.Attribute[RawXml], value: RawXml) -> None:
        from dmpcore.cda._raw import embedded_name

        if not isinstance(value, RawXml):
            raise InputError(f"'{attribute.name}' must be a RawXml (got {type(value).__name__})", code="dlu.field")
        hl7, found = embedded_name(value.xml)
        if not hl7 or found != name:
            raise InputError(
                f"'{attribute.name}' must be an HL7 <{name}> element (got <{found}>"
                f"{'' if hl7 else ' outside the HL7 namespace'})",
                code="dlu.field",
            )

    return check


@attrs.frozen(kw_only=True)
class Origin:
    """Where a parsed object came from: the element's XML and a snapshot of the object as parsed.

    A problem or an allergy read from a concern act shares the concern's XML with its siblings:
    ``member`` is its position among them, ``members`` how many there are. The concern is written back
    as it was read while all of them are there, in order and unchanged; otherwise the act as read is
    written around the members that remain, each unchanged one's entryRelationship as read.

    Created by :func:`dmpcore.cda.from_cda` (and by ``dmpcore.dlu.from_dict(..., trust_origins=True)``, which
    checks the XML).
    """

    xml: str
    snapshot: object = attrs.field(eq=False, repr=False)
    member: int = 0
    members: int = 1


def is_unchanged(obj: Any) -> bool:
    """Whether *obj* (a model with an ``origin`` field) still equals what was parsed from its origin."""
    origin: Origin | None = getattr(obj, "origin", None)
    return origin is not None and obj == origin.snapshot


class Sex(enum.Enum):
    """Administrative sex (JDV_J143_AdministrativeGender_CISIS, code system ``2.16.840.1.113883.5.1``)."""

    FEMALE = "F"
    MALE = "M"
    UNKNOWN = "UN"


class TelecomUse(enum.Enum):
    """HL7 TelecommunicationAddressUse codes used in French documents."""

    HOME = "H"
    WORK = "WP"
    MOBILE = "MC"
    EMERGENCY = "EC"
    DIRECT = "DIR"


@attrs.frozen(kw_only=True)
class Telecom:
    """A telecom address as a URI (``tel:0144534551``, ``mailto:...``) with its use."""

    value: str = attrs.field(validator=_text)
    use: str | None = attrs.field(default=None, validator=_optional_text)

    @classmethod
    def phone(cls, number: str, use: TelecomUse | None = None) -> Telecom:
        """A telephone number (spaces and dots removed)."""
        digits = "".join(ch for ch in number if ch.isdigit() or ch == "+")
        return cls(value=f"tel:{digits}", use=use.value if use else None)

    @classmethod
    def email(cls, address: str, use: TelecomUse | None = None) -> Telecom:
        """An e-mail address (``mailto:``)."""
        return cls(value=f"mailto:{address}", use=use.value if use else None)


@names_its_field
def distinct_telecoms(instance: object, attribute: attrs.Attribute[Any], value: tuple[Telecom, ...]) -> None:
    """An attrs validator: no telecom given twice with the same use.

    The kit's data-type rule dtr1-5-URL ([RIM-002], DTr1_URL.sch of the structuration minimale) refuses a
    telecom whose value and use repeat a sibling's; two without ``use`` are not compared by it.
    """
    seen: dict[tuple[str, str], int] = {}
    for number, telecom in enumerate(value, start=1):
        if telecom.use is None:
            continue
        first = seen.setdefault((telecom.value, telecom.use), number)
        if first != number:
            # the address itself is not shown: it is patient or professional data
            raise InputError(
                f"'{attribute.name}' gives the same address with the same use twice (#{first} and #{number}):"
                " the CI-SIS refuses repeated telecoms (dtr1-5-URL)",
                code="dlu.field",
            )


@attrs.frozen(kw_only=True)
class Address:
    """A postal address (``AD``); every part optional. ``county`` holds the INSEE code of a birth place."""

    # every part is written as an element's text: an empty one would not read back
    house_number: str | None = attrs.field(default=None, validator=_optional_text)
    street_name: str | None = attrs.field(default=None, validator=_optional_text)
    unit_id: str | None = attrs.field(default=None, validator=_optional_text)
    postal_code: str | None = attrs.field(default=None, validator=_optional_text)
    city: str | None = attrs.field(default=None, validator=_optional_text)
    county: str | None = attrs.field(default=None, validator=_optional_text)
    country: str | None = attrs.field(default=None, validator=_optional_text)
    use: str | None = attrs.field(default=None, validator=_optional_text)

    def one_line(self) -> str:
        """The address on one line, as printed in narratives and summaries."""
        street = " ".join(p for p in (self.house_number, self.street_name) if p)
        town = " ".join(p for p in (self.postal_code, self.city) if p)
        return ", ".join(p for p in (street, self.unit_id, town, self.country) if p)


@attrs.frozen(kw_only=True)
class PersonName:
    """The name of a professional or a related person (``PN``; one given name, structuration minimale)."""

    family: str = attrs.field(validator=_text)
    given: str | None = attrs.field(default=None, validator=_optional_text)
    prefix: str | None = attrs.field(default=None, validator=_optional_text)
    suffix: str | None = attrs.field(default=None, validator=_optional_text)

    def full(self) -> str:
        """``Prefix Given FAMILY`` as printed in narratives."""
        return " ".join(p for p in (self.prefix, self.given, self.family) if p)
