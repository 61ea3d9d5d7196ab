"""``to_dict`` / ``from_dict``: DLU documents as plain JSON-ready data, through one cattrs converter.

This is how the web forms of DUI editors feed the library. Dates are ISO 8601 strings, datetimes
carry their UTC offset, decimals are strings, attachments are base64, entries and sections carry a
``"type"`` tag (the class name). Bad data raises :class:`DictError` naming the path of every bad
field (``$.sections[2].entries[0].code``).

Objects read from a CDA document carry their ``origin`` (the XML they were read from) in the dict
form too. A dict comes back from a client, which may have edited a value or written any XML there
(a narrative that no longer says what the entries say, a translation, a header time): by default
:func:`from_dict` drops every origin, and the document is written from its typed values, its
narratives generated from its entries. ``from_dict(data, trust_origins=True)`` is for a server that
gets back its own output (kept server-side or signed): it keeps each origin whose XML reads as the
very value the dict gives (the object is then written back as it was read), and drops the others, so
that a value edited in a form is never hidden behind stale XML.
"""

from __future__ import annotations

import base64
import binascii
import contextvars
import datetime as dt
import enum
import types
import typing
from decimal import Decimal, InvalidOperation
from typing import Any, TypeVar

import attrs
import cattrs
from cattrs.errors import IterableValidationNote
from cattrs.strategies import configure_tagged_union

from dmpcore.dlu._base import Origin, field_of
from dmpcore.dlu._document import AnySection, Document
from dmpcore.dlu._entries import Entry
from dmpcore.dlu._header import UnknownTime
from dmpcore.dlu._registry import DocumentKind, SectionKind
from dmpcore.errors import InputError
from dmpcore.identity import Ins, parse_ins

__all__ = ["DictError", "converter", "from_dict", "to_dict"]

T = TypeVar("T")


class DictError(InputError):
    """A dict does not describe a valid document; :attr:`errors` lists each bad field with its path."""

    default_code = "dlu.dict"

    def __init__(self, errors: list[str]) -> None:
        shown = "; ".join(errors[:5]) + (f"; and {len(errors) - 5} more" if len(errors) > 5 else "")
        super().__init__(f"invalid document data: {shown}")
        self.errors = errors


def _structure_datetime(value: object, _: type) -> dt.datetime:
    if not isinstance(value, str):
        raise ValueError(f"expected an ISO 8601 datetime string (got {type(value).__name__})")
    return dt.datetime.fromisoformat(value)


def _structure_date(value: object, _: type) -> dt.date:
    if not isinstance(value, str):
        raise ValueError(f"expected an ISO 8601 date string (got {type(value).__name__})")
    return dt.date.fromisoformat(value)


def _is_day_or_time(type_: Any) -> bool:
    return set(typing.get_args(type_)) - {type(None)} == {dt.date, dt.datetime}


def _structure_day_or_time(value: object, type_: Any) -> dt.date | None:
    # an HL7 TS of day precision or a time (Header.attending_since): ISO 8601 says which
    if value is None and type(None) in typing.get_args(type_):
        return None
    if isinstance(value, str) and "T" in value:
        return _structure_datetime(value, dt.datetime)
    return _structure_date(value, dt.date)


def _is_header_time(type_: Any) -> bool:
    return UnknownTime in typing.get_args(type_)


def _header_time_hook(conv: cattrs.Converter) -> Any:
    def structure(value: object, type_: Any) -> object:
        # a header time (Header.author_time...): an ISO 8601 string, an UnknownTime's object, or None (its default)
        if isinstance(value, dict):
            return conv.structure(value, UnknownTime)
        if dt.date in typing.get_args(type_):
            return _structure_day_or_time(value, type_)
        return None if value is None else _structure_datetime(value, dt.datetime)

    return structure


def _structure_decimal(value: object, _: type) -> Decimal:
    if not isinstance(value, str | int):
        raise ValueError(f"expected a decimal number as a string (got {type(value).__name__})")
    try:
        return Decimal(value)
    except InvalidOperation:
        raise ValueError(f"expected a decimal number (got {str(value)[:20]!r})") from None


def _structure_bytes(value: object, _: type) -> bytes:
    if not isinstance(value, str):
        raise ValueError(f"expected base64 text (got {type(value).__name__})")
    try:
        return base64.b64decode(value, validate=True)
    except (binascii.Error, ValueError):
        raise ValueError("expected base64 text") from None


def _structure_ins(value: object, _: type) -> Ins:
    if not isinstance(value, dict) or set(value) != {"value", "oid"}:
        raise ValueError("expected an object with 'value' and 'oid'")
    return parse_ins(str(value["value"]), str(value["oid"]))


def _structure_origin(value: Any, _: type) -> Origin:
    if not isinstance(value, dict) or not set(value) <= {"xml", "member", "members"}:
        raise ValueError("expected an object with 'xml' (and 'member', 'members')")
    xml = value["xml"]
    if not isinstance(xml, str):
        raise ValueError(f"expected the origin's XML as a string (got {type(xml).__name__})")
    from dmpcore.cda._parser import parse_xml  # XML lives in dmpcore.cda

    parse_xml(xml.encode("utf-8"))  # well-formed, through the hardened parser (a header's: the whole document)
    member, members = value.get("member", 0), value.get("members", 1)
    if not (isinstance(member, int) and isinstance(members, int) and 0 <= member < members):
        raise ValueError(f"expected 0 <= member < members (got {member!r}, {members!r})")
    return Origin(xml=xml, snapshot=None, member=member, members=members)


def _unstructure_origin(origin: Origin) -> dict[str, Any]:
    data: dict[str, Any] = {"xml": origin.xml}
    if origin.members > 1:
        data.update(member=origin.member, members=origin.members)
    return data


def _by_name(value: object, enum_type: type[enum.Enum]) -> enum.Enum:
    try:
        return enum_type[str(value)]
    except KeyError:
        raise ValueError(f"expected one of {[m.name for m in enum_type]} (got {str(value)[:30]!r})") from None


def _is_list(type_: Any) -> bool:
    """Whether *type_* is a homogeneous tuple (``tuple[Entry, ...]``): a list in the dict form."""
    args = typing.get_args(type_)
    return typing.get_origin(type_) is tuple and len(args) == 2 and args[1] is Ellipsis


def _list_hook(conv: cattrs.Converter) -> Any:
    def factory(type_: Any) -> Any:
        item = typing.get_args(type_)[0]

        def structure(value: Any, _: type) -> tuple[Any, ...]:
            # a str or a dict iterates too, as characters or keys: refused, not read item by item
            if not isinstance(value, list | tuple):
                raise ValueError(f"expected a list (got {type(value).__name__})")
            items, errors = [], []
            for index, element in enumerate(value):
                try:
                    items.append(conv.structure(element, item))
                except Exception as exc:
                    exc.__notes__ = [*getattr(exc, "__notes__", []), IterableValidationNote(f"@ {index}", index, item)]
                    errors.append(exc)
            if errors:
                raise cattrs.IterableValidationError(f"While structuring {type_!r}", errors, type_)
            return tuple(items)

        return structure

    return factory


def _make_converter() -> cattrs.Converter:
    conv = cattrs.Converter(forbid_extra_keys=True)
    conv.register_unstructure_hook(dt.datetime, lambda value: value.isoformat())
    conv.register_structure_hook(dt.datetime, _structure_datetime)
    conv.register_unstructure_hook(dt.date, lambda value: value.isoformat())
    conv.register_structure_hook(dt.date, _structure_date)
    conv.register_structure_hook_func(_is_day_or_time, _structure_day_or_time)
    conv.register_structure_hook_func(_is_header_time, _header_time_hook(conv))
    conv.register_unstructure_hook(Decimal, str)
    conv.register_structure_hook(Decimal, _structure_decimal)
    conv.register_unstructure_hook(bytes, lambda value: base64.b64encode(value).decode("ascii"))
    conv.register_structure_hook(bytes, _structure_bytes)
    conv.register_unstructure_hook(Ins, lambda ins: {"value": ins.value, "oid": ins.oid})
    conv.register_structure_hook(Ins, _structure_ins)
    # the origin travels as its XML, checked when it comes back (see the module docstring)
    conv.register_unstructure_hook(Origin, _unstructure_origin)
    conv.register_structure_hook(Origin, _structure_origin)
    for enum_type in (DocumentKind, SectionKind):  # by name in forms ("DLU", "ALLERGIES")
        conv.register_unstructure_hook(enum_type, lambda member: member.name)
        conv.register_structure_hook(enum_type, _by_name)
    conv.register_structure_hook_factory(_is_list, _list_hook(conv))
    _configure_origins(conv)  # before the unions, which capture the class hooks
    configure_tagged_union(Entry, conv, tag_name="type")
    configure_tagged_union(AnySection, conv, tag_name="type")
    return conv


def _has_origin(cls: type) -> bool:
    return attrs.has(cls) and any(field.name == "origin" for field in attrs.fields(cls))


def _configure_origins(conv: cattrs.Converter) -> None:
    def unstructure_factory(cls: type) -> Any:
        plain: Any = cattrs.gen.make_dict_unstructure_fn(cls, conv)

        def unstructure(obj: Any) -> dict[str, Any]:
            data: dict[str, Any] = plain(obj)
            if obj.origin is None:
                data.pop("origin", None)
            return data

        return unstructure

    def structure_factory(cls: type) -> Any:
        plain: Any = cattrs.gen.make_dict_structure_fn(cls, conv, _cattrs_forbid_extra_keys=True)

        def structure(data: Any, _: type) -> Any:
            if not _TRUST_ORIGINS.get() and isinstance(data, dict) and "origin" in data:
                data = {key: value for key, value in data.items() if key != "origin"}
            return plain(data, cls)  # a trusted origin is checked with the whole document (from_dict)

        return structure

    conv.register_unstructure_hook_factory(_has_origin, unstructure_factory)
    conv.register_structure_hook_factory(_has_origin, structure_factory)


#: whether the origins of the dict being structured are kept (from_dict's trust_origins)
_TRUST_ORIGINS: contextvars.ContextVar[bool] = contextvars.ContextVar("trust_origins", default=False)

#: the one converter of the DLU models
converter = _make_converter()


def to_dict(document: Document) -> dict[str, Any]:
    """*document* as JSON-ready data (the form described by ``schemas/dlu.schema.json``)."""
    data: dict[str, Any] = converter.unstructure(document)
    return data


def from_dict(data: Any, *, trust_origins: bool = False) -> Document:
    """A document from :func:`to_dict` data; bad data raises :class:`DictError` with the path of each bad field.

    The origins (``"origin"``) the data carries are dropped, unless *trust_origins*: then each is kept
    when its XML reads as the value the data gives (see the module docstring). Trust only your own output.
    """
    if not isinstance(data, dict):
        raise DictError([f"$: expected an object (got {type(data).__name__})"])
    token = _TRUST_ORIGINS.set(trust_origins)
    try:
        document = converter.structure(data, Document)
    except (cattrs.BaseValidationError, ValueError, TypeError, KeyError, AttributeError) as exc:
        raise DictError(_messages(exc)) from None
    finally:
        _TRUST_ORIGINS.reset(token)
    if not trust_origins:
        return document
    from dmpcore.cda._origins import checked_origins  # XML lives in dmpcore.cda

    return checked_origins(document)


def _messages(exc: BaseException, path: str = "$", type_: Any = None) -> list[str]:
    """One message per bad field, with its path (as cattrs.transform_error, down to the field a validator names)."""
    if isinstance(exc, cattrs.ClassValidationError | cattrs.IterableValidationError):
        with_notes, without = exc.group_exceptions()
        found = [message for error in without for message in _messages(error, path)]
        for error, note in with_notes:
            step = f"[{note.index!r}]" if isinstance(note, cattrs.IterableValidationNote) else f".{note.name}"
            found.extend(_messages(error, path + step, note.type))
        return found
    field = field_of(exc)  # an attrs validator's error: the object's path, then the field it checked
    return [f"{_describe(exc, type_)} @ {path}.{field}" if field else f"{_describe(exc, type_)} @ {path}"]


def _describe(exc: BaseException, type_: Any) -> str:
    if isinstance(exc, KeyError):
        return f"required field missing ({exc})"
    if isinstance(exc, InputError):
        return exc.message
    if isinstance(exc, cattrs.ForbiddenExtraKeysError):
        return f"unknown field(s) {sorted(exc.extra_fields)}"
    if isinstance(exc, ValueError) and str(exc).startswith("expected a list"):
        return str(exc)
    if isinstance(exc, TypeError | AttributeError) and _is_object(type_):
        # cattrs reads an object's fields from a dict: anything else fails on a dict method
        return f"expected an object for {_type_name(type_)}"
    return f"invalid value for {_type_name(type_)}: {exc}" if type_ is not None else str(exc)


def _is_object(type_: Any) -> bool:
    return type_ in (Entry, AnySection) or (isinstance(type_, type) and attrs.has(type_))


def _type_name(type_: Any) -> str:
    if type_ in (Entry, AnySection):
        return "an entry" if type_ is Entry else "a section"
    args = typing.get_args(type_) if typing.get_origin(type_) in (typing.Union, types.UnionType) else ()
    if args:
        return " or ".join(_type_name(arg) for arg in args if arg is not type(None))
    return getattr(type_, "__name__", None) or str(type_)
