"""What the profile XSD refuses, the kit accepts, and a stricter rule of dmpcore says instead of XSD-001.

The profile XSD is stricter than the kit on purpose (``schemas/dlu-family-cda.xsd``, its header
comment): a section needs a title and a text, a time stamp has HL7's exact form. A document the kit
accepts must not get an unflagged ``XSD-001`` for these, so each is given to a rule marked stricter
(``NAR-006``, ``NAR-001``, ``HDR-027``) and, before the XSD findings are reported, the tree is
*repaired* for them: the schema is checked again with what they lack supplied (an empty title or text)
or what they get wrong replaced (a placeholder date), and the tree is restored. (A UUID in lower case
is not one of them: the profile XSD accepts it, as the kit's does, and ``HDR-029`` warns.)
Checking again also reveals what libxml2 did not check after a missing element
(it stops at a section's first unexpected child), so that every other violation is still ``XSD-001``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Final

from lxml import etree

from dmpcore.validation._context import V3
from dmpcore.validation._datatypes import hl7_ts_problem, kit_schema_valid, points_in_time

__all__ = ["Violation", "violations_left_to_rules"]

Violation = tuple[int | None, str | None, str]
Undo = Callable[[], None]

_SECTION: Final = f"{{{V3}}}section"
_TITLE: Final = f"{{{V3}}}title"
_TEXT: Final = f"{{{V3}}}text"
#: what precedes ``title`` in a CDA section (POCD_MT000040.Section); ``text`` comes after the title
_BEFORE_TITLE: Final = frozenset(f"{{{V3}}}{name}" for name in ("realmCode", "typeId", "templateId", "id", "code"))
_BEFORE_TEXT: Final = _BEFORE_TITLE | {_TITLE}
#: a valid time stamp for the profile XSD, put where HDR-027 reports the value
_PLACEHOLDER_DATE: Final = "20000101"


def _insert(section: etree._Element, tag: str, after: frozenset[str]) -> Undo:
    """Put an empty *tag* child in *section* after its children named in *after*; return how to remove it."""
    child = etree.Element(tag)
    heads = [element for element in section.iterchildren() if element.tag in after]
    if heads:
        heads[-1].addnext(child)
    else:
        section.insert(0, child)
    return lambda: section.remove(child)


def _titles(root: etree._Element) -> list[Undo]:
    """NAR-006: a section without a title gets an empty one."""
    return [_insert(s, _TITLE, _BEFORE_TITLE) for s in root.iter(_SECTION) if s.find(_TITLE) is None]


def _texts(root: etree._Element) -> list[Undo]:
    """NAR-001: a section without a text gets an empty one (after its title)."""
    return [_insert(s, _TEXT, _BEFORE_TEXT) for s in root.iter(_SECTION) if s.find(_TEXT) is None]


def _replace(element: etree._Element, name: str, value: str) -> Undo:
    before = element.get(name, "")
    element.set(name, value)
    return lambda: element.set(name, before)


def _dates(root: etree._Element) -> list[Undo]:
    """HDR-027: a date the kit's schema accepts but HL7 does not (``2020032``, ``+01``) gets a valid one."""
    return [
        _replace(element, "value", _PLACEHOLDER_DATE)
        for element in points_in_time(root)
        if _loose_date(element.get("value"))
    ]


def _loose_date(value: str | None) -> bool:
    return value is not None and kit_schema_valid(value) and hl7_ts_problem(value) is not None


#: the repairs, in order (a title goes before the text that follows it)
_REPAIRS: Final[tuple[Callable[[etree._Element], list[Undo]], ...]] = (_titles, _texts, _dates)


def violations_left_to_rules(
    tree: etree._ElementTree, check: Callable[[etree._ElementTree], Iterable[Violation]]
) -> list[Violation]:
    """The violations *check* finds in *tree*, without those that a stricter rule reports (see the module).

    The tree is left as it was, whatever happens.
    """
    violations = list(check(tree))
    if not violations:
        return violations
    undos = [undo for repair in _REPAIRS for undo in repair(tree.getroot())]
    if not undos:
        return violations
    try:
        return list(check(tree))
    finally:
        for undo in reversed(undos):
            undo()
