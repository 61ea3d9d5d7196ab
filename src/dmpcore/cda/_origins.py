"""Reading origins again: the typed value their XML says, to check origins that came from outside.

:func:`dmpcore.dlu.from_dict` drops the origins of the data it is given, unless told to trust them
(``trust_origins=True``, for a server that gets back its own output): an ``origin`` there is text
that came back from a client, and :func:`~dmpcore.cda.to_cda` would write it in place of the typed
value. A trusted origin is kept only when the reader, given that XML, yields the very value the data
says (:func:`checked_origins`); otherwise the object is written from its typed value, like any
object built in code.

The XML is read where the writer puts it: a section inside a document of the document's kind, an
entry inside a section of its section's kind holding the narrative of the section's origin. Some
readers look there: a last intake is an entry of a FLUDT's treatments section, the text of a coded
observation or of a personal item is in its section's narrative (``_sheet_reader.py``). Read alone,
such an entry would read as another one (a RawEntry) and lose its origin.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Final, TypeVar

import attrs
from lxml import etree

from dmpcore.cda._constants import HL7, XSI
from dmpcore.cda._header_reader import _patient, read_header
from dmpcore.cda._parser import parse_xml
from dmpcore.cda._reader import _Bad, _child, _entry, _kind, _section
from dmpcore.cda._xml import local, tag
from dmpcore.dlu._document import AnySection, Document, Section
from dmpcore.dlu._registry import DocumentKind
from dmpcore.errors import InputError

__all__ = ["checked_origins"]

T = TypeVar("T")
El = etree._Element
# those a written document's root declares (_builder.py): the HL7 default namespace and xsi (Any: lxml-stubs
# type nsmap without the None key of a default namespace)
_NAMESPACES: Final[Any] = {None: HL7, "xsi": XSI}


def checked_origins(document: Document) -> Document:
    """*document* with each origin kept where its XML, read in its place, yields the object's value, dropped elsewhere.

    The header's, its patient's, each modelled section's and each of their entries' (see the module docstring).
    """
    header = document.header
    patient = _kept(header.patient, lambda element: _patient(element) if local(element) == "recordTarget" else None)
    header = _kept(
        attrs.evolve(header, patient=patient),
        lambda element: read_header(element, _kind(element)) if local(element) == "ClinicalDocument" else None,
    )
    sections = tuple(_checked_section(section, document.kind) for section in document.sections)
    return attrs.evolve(document, header=header, sections=sections)


def _checked_section(section: AnySection, kind: DocumentKind) -> AnySection:
    if not isinstance(section, Section):
        return section
    narrative = _narrative(section)
    entries = tuple(_checked_entry(entry, section, kind, narrative) for entry in section.entries)
    return _kept(
        attrs.evolve(section, entries=entries),
        # the comments before a section are not in its element: the dict's
        lambda element: _section(_placed(element, kind), section.comments) if local(element) == "section" else None,
    )


def _checked_entry(entry: T, section: Section, kind: DocumentKind, narrative: El | None) -> T:
    def read(element: El) -> object | None:
        if local(element) != "entry":
            return None
        holder = _placed(etree.Element(tag("section")), kind)
        etree.SubElement(holder, tag("templateId"), root=section.kind.value)
        if narrative is not None:
            holder.append(narrative)
        holder.append(element)
        try:
            found = _entry(element, (type(entry),))
        finally:
            if narrative is not None:
                holder.remove(narrative)  # for the next entry of the section
        origin: Any = getattr(entry, "origin", None)
        return found[origin.member] if len(found) == origin.members else None

    return _kept(entry, read)


def _narrative(section: Section) -> El | None:
    """The narrative block (``text``) of *section*'s origin, where its entries' text references point."""
    if section.origin is None:
        return None
    try:
        element = parse_xml(section.origin.xml.encode("utf-8")).getroot()
    except InputError:
        return None
    return _child(element, "text") if local(element) == "section" else None


def _placed(section: El, kind: DocumentKind) -> El:
    """*section* (moved) in the body of a document of *kind*, as the writer puts it; returns *section*."""
    root = etree.Element(tag("ClinicalDocument"), nsmap=_NAMESPACES)
    etree.SubElement(root, tag("templateId"), root=kind.value)
    body = etree.SubElement(etree.SubElement(root, tag("component")), tag("structuredBody"))
    etree.SubElement(body, tag("component")).append(section)
    return section


def _kept(obj: T, read: Callable[[El], object | None]) -> T:
    """*obj* with its origin if *read* gives *obj*'s value from the origin's XML, without it otherwise."""
    origin = getattr(obj, "origin", None)
    if origin is None:
        return obj
    try:
        value: Any = read(parse_xml(origin.xml.encode("utf-8")).getroot())
    except (_Bad, InputError):
        value = None
    if value is None or value != obj:
        return attrs.evolve(obj, origin=None)  # type: ignore[misc]
    # the text that was checked, with what reading it found (the snapshot of the value, the member)
    return attrs.evolve(obj, origin=attrs.evolve(value.origin, xml=origin.xml))  # type: ignore[misc]
