"""The shell of a regenerated section: what the model does not hold of a section read, kept as read.

A section read and edited is written again from its typed values: its id, title, narrative and entries.
The rest of the element is kept as it was read (``Section.origin``): the section's attributes, its
templateIds, its ``code`` element (``codeSystemName="LOINC"``, the FLUDT's ``displayName="Traitements"``),
the attributes of its ``text`` (``mediaType``), its confidentialityCode, languageCode, subject, author,
informant and sub-sections, each with the comments just before it. A section built in code gets the
registry's templateIds and code.
"""

from __future__ import annotations

from typing import Final

import attrs

from dmpcore.cda._builder import Node, raw
from dmpcore.cda._parser import parse_xml
from dmpcore.cda._xml import attributes, led_children, local, raw_text
from dmpcore.dlu._document import Section
from dmpcore.dlu._registry import SECTIONS

__all__ = ["SectionShell", "section_shell"]

#: the children of a section written from the model (POCD_MT000040.Section): the rest is kept
_REGENERATED: Final = frozenset({"id", "title", "text", "entry"})
#: where the kept children go, in the order of the CDA schema
_PLACE: Final = {
    "templateId": "templates",
    "code": "code",
    "confidentialityCode": "middle",
    "languageCode": "middle",
    "subject": "middle",
    "author": "middle",
    "informant": "middle",
    "component": "components",
}


@attrs.define
class SectionShell:
    """The parts of a section element that are not regenerated, in the schema's order around the regenerated ones."""

    attrib: dict[str, str] = attrs.field(factory=dict)
    text_attrib: dict[str, str] = attrs.field(factory=dict)
    templates: list[Node] = attrs.field(factory=list)
    code: list[Node] = attrs.field(factory=list)
    middle: list[Node] = attrs.field(factory=list)
    components: list[Node] = attrs.field(factory=list)


def _registry_shell(section: Section) -> SectionShell:
    spec = SECTIONS[section.kind]
    shell = SectionShell()
    shell.templates = [Node("templateId", {"root": root}) for root in spec.template_ids]
    shell.code = [Node("code", {"code": spec.code, "displayName": spec.display, "codeSystem": spec.code_system})]
    return shell


def section_shell(section: Section) -> SectionShell:
    """The shell of *section*: as read when it has an origin, the registry's otherwise."""
    if section.origin is None:
        return _registry_shell(section)
    element = parse_xml(section.origin.xml.encode("utf-8")).getroot()
    shell = SectionShell(attrib=attributes(element))
    led, _ = led_children(element)
    for lead, child in led:
        name = local(child)
        if name == "text":
            shell.text_attrib = attributes(child)
        place = _PLACE.get(name)
        if name not in _REGENERATED and place is not None:
            getattr(shell, place).extend(raw(None, raw_text(node)) for node in [*lead, child])
    registry = _registry_shell(section)
    shell.templates = shell.templates or registry.templates
    shell.code = shell.code or registry.code
    return shell
