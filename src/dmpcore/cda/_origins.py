"""Reading an origin again: the typed value its XML says, to check an origin that came from outside.

:func:`dmpcore.dlu.from_dict` drops the origins of the data it is given, unless told to trust them
(``trust_origins=True``, for a server that gets back its own output): an ``origin`` there is text
that came back from a client, and :func:`~dmpcore.cda.to_cda` would write it in place of the typed
value. A trusted origin is kept only when the reader, given that XML, yields the very value the data
says (:func:`reread`); otherwise the object is written from its typed value, like any object built
in code.
"""

from __future__ import annotations

from lxml import etree

from dmpcore.cda._parser import parse_xml
from dmpcore.cda._reader import _Bad, _entry, _kind, _section
from dmpcore.cda._xml import local
from dmpcore.dlu._base import Origin
from dmpcore.dlu._document import Section
from dmpcore.dlu._header import Header, Patient
from dmpcore.errors import InputError

__all__ = ["reread"]


def _read(obj: object, origin: Origin, element: etree._Element) -> object:
    from dmpcore.cda._header_reader import _patient, read_header

    if isinstance(obj, Header):
        return read_header(element, _kind(element)) if local(element) == "ClinicalDocument" else None
    if isinstance(obj, Patient):
        return _patient(element) if local(element) == "recordTarget" else None
    if isinstance(obj, Section):  # the comments before a section are not in its element: the dict's
        return _section(element, obj.comments) if local(element) == "section" else None
    if local(element) != "entry":
        return None
    read = _entry(element, (type(obj),))
    return read[origin.member] if len(read) == origin.members else None


def reread(obj: object) -> object | None:
    """The value that the XML of *obj*'s origin reads as (with that origin attached), or None if it reads as nothing.

    *obj* is a header, patient, section or entry whose ``origin`` came from outside dmpcore.
    """
    origin: Origin | None = getattr(obj, "origin", None)
    if origin is None:
        return None
    try:
        return _read(obj, origin, parse_xml(origin.xml.encode("utf-8")).getroot())
    except (_Bad, InputError):
        return None
