"""Requirements as data: the kit's schematron tests, restated one per row and evaluated with XPath 1.0.

The ANS kit checks its templates with schematron rules: a context (a header element, or every element
that carries a templateId) and tests that must hold on it. Most of these tests are plain XPath 1.0
(``count(id) = 1``, ``statusCode[@code = 'completed']``): dmpcore restates the ones it checks as
:class:`Requirement` rows, written with unprefixed names as the kit writes them (``cda:`` is added by
:func:`~dmpcore.validation._context.cda_xpath`), and one engine evaluates them. A rule is then a set of
rows (by ``rule``), not code.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from functools import cache

import attrs
from lxml import etree

from dmpcore.validation._context import Document, cda_xpath, compiled
from dmpcore.validation._registry import Finding

__all__ = ["Requirement", "closed", "findings", "requirement"]


def _one_context(instance: Requirement, _: object, template: str) -> None:
    if bool(template) == bool(instance.path):
        raise ValueError("a requirement has a template or a path, not both and not neither")


@attrs.frozen(kw_only=True)
class Requirement:
    """A test that each element of a context must pass, as a kit schematron tests it.

    The context is ``template`` (every element that declares that templateId root) or ``path`` (an XPath
    from the document's root). ``test`` is an XPath 1.0 expression, true on a conforming element.
    ``en`` and ``fr`` say what is required; ``source`` names the kit's schematron pattern.
    """

    rule: str
    test: str
    en: str
    fr: str
    source: str
    template: str = attrs.field(default="", validator=_one_context)
    path: str = ""


def requirement(rule: str, where: str, test: str, en: str, fr: str, source: str) -> Requirement:
    """A :class:`Requirement` whose context *where* is a templateId root (digits and dots) or a header path."""
    is_template = where[:1].isdigit()
    return Requirement(
        rule=rule,
        test=test,
        en=en,
        fr=fr,
        source=source,
        template=where if is_template else "",
        path="" if is_template else where,
    )


def closed(rule: str, parent: str, allowed: str, source: str) -> Requirement:
    """A closed template: every child element of *parent* is one of *allowed* (``a | b[@x] | sdtc:c``).

    As the kit's ``...-closed.sch`` tests it: ``parent/*[not(@xsi:nil = 'true')][not(self::a | ...)]`` is empty.
    """
    steps = " | ".join(f"self::{step.strip()}" for step in allowed.split("|"))
    names = ", ".join(step.strip().split("[")[0] for step in allowed.split("|"))
    return Requirement(
        rule=rule,
        test=f"not(*[not(@xsi:nil = 'true')][not({steps})])",
        en=f"holds only {names}",
        fr=f"ne contient que {names}",
        source=source,
        path=parent,
    )


@cache
def _test(expression: str) -> etree.XPath:
    return compiled(f"boolean({cda_xpath(expression)})")


def _contexts(document: Document, row: Requirement) -> Iterable[etree._Element]:
    if row.template:
        return document.elements_by_template.get(row.template, ())
    return document.xpath(cda_xpath(row.path))


def findings(
    document: Document, rows: Iterable[Requirement], names: dict[str, str], default: str = "entry"
) -> Iterator[Finding]:
    """A finding for each element of each row's context that fails the row's test.

    Rows that share a context are evaluated on it once (it is selected once). *names* gives a readable
    name to a template (``Simple Observation``; *default* for the others); a path names itself.
    """
    for group in _by_context(rows if isinstance(rows, tuple) else tuple(rows)):
        elements = _contexts(document, group[0])
        for row in group if elements else ():
            test = _test(row.test)
            for element in elements:
                if not test(element):
                    yield _finding(row, element, names.get(row.template, default))


# the groups of each tuple of rows, by identity: the rules pass the same module-level tuples on every document,
# and hashing dozens of rows per call cost more than grouping them (the tuple is kept, so its id is not reused)
_GROUPS: dict[int, tuple[tuple[Requirement, ...], tuple[tuple[Requirement, ...], ...]]] = {}


def _by_context(rows: tuple[Requirement, ...]) -> tuple[tuple[Requirement, ...], ...]:
    cached = _GROUPS.get(id(rows))
    if cached is not None and cached[0] is rows:
        return cached[1]
    groups: dict[tuple[str, str], list[Requirement]] = {}
    for row in rows:
        groups.setdefault((row.template, row.path), []).append(row)
    grouped = tuple(tuple(group) for group in groups.values())
    if len(_GROUPS) >= 1024:  # bounded: only the rules' own tuples come here
        _GROUPS.clear()
    _GROUPS[id(rows)] = (rows, grouped)
    return grouped


def _finding(row: Requirement, element: etree._Element, name: str) -> Finding:
    where = f"{name} ({row.template})" if row.template else row.path
    return Finding(fr=f"{where} : {row.fr} ({row.source})", en=f"{where}: {row.en} ({row.source})", element=element)
