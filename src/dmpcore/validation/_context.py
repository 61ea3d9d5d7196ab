"""The document under validation: its tree, its volet and small XPath helpers shared by the rules."""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import cached_property, lru_cache
from typing import Any, Final, cast

import attrs
from lxml import etree

from dmpcore.validation._volets import VOLETS, Volet

__all__ = ["NS", "SDTC", "V3", "Document", "cda_xpath", "compiled", "error_entries", "line_of", "text_of", "xpath_of"]

V3: Final = "urn:hl7-org:v3"
SDTC: Final = "urn:hl7-org:sdtc"
NS: Final = {
    "cda": V3,
    "xsi": "http://www.w3.org/2001/XMLSchema-instance",
    "sdtc": SDTC,
    "lab": "urn:oid:1.3.6.1.4.1.19376.1.3.2",  # IHE laboratory extension (lab:statusCode of a serviceEvent)
}
_PREFIX: Final = {V3: "cda"}
# an XPath token: a literal, an attribute, a name (a function when "(" follows, an axis when "::" does),
# or any other character; see cda_xpath
_TOKEN: Final = re.compile(r"'[^']*'|\"[^\"]*\"|@?[A-Za-z_][\w.-]*(?::[A-Za-z_*][\w.-]*)?(?:\s*\(|::)?|.", re.S)
_OPERATORS: Final = frozenset({"and", "or", "div", "mod"})


@lru_cache(maxsize=4096)
def cda_xpath(expression: str) -> str:
    """*expression* with ``cda:`` before every unprefixed element name, so that tables read as the kit's tests.

    >>> cda_xpath("count(id[not(@nullFlavor)]) >= 1 and self::observation/sdtc:x")
    'count(cda:id[not(@nullFlavor)]) >= 1 and self::cda:observation/sdtc:x'
    """
    return "".join(_prefixed(token) for token in _TOKEN.findall(expression))


def _prefixed(token: str) -> str:
    bare = not (token[0] in "'\"@" or token.endswith(("(", "::")) or ":" in token or token in _OPERATORS)
    return f"cda:{token}" if bare and (token[0].isalpha() or token[0] == "_") else token


def line_of(element: etree._Element) -> int | None:
    """The source line of *element*, when lxml knows it."""
    line: object = element.sourceline
    return line if isinstance(line, int) else None


def error_entries(log: object) -> list[Any]:
    """The entries of an lxml error log (the stubs do not declare it iterable)."""
    return list(cast(Iterable[Any], log))


#: the white space of XML (and of XPath's normalize-space): a no-break space is text
XML_SPACE: Final = " \t\r\n"


def text_of(element: etree._Element) -> str:
    """The text content of *element* and its descendants, without the XML white space around it."""
    return "".join(str(part) for part in element.itertext()).strip(XML_SPACE)


def xpath_of(element: etree._Element) -> str:
    """A readable absolute XPath of *element*: ``/cda:ClinicalDocument/cda:recordTarget[1]/...``."""
    steps: list[str] = []
    node: etree._Element | None = element
    while node is not None:
        parent = node.getparent()
        if not isinstance(node.tag, str):  # comment or processing instruction
            steps.append("node()")
        else:
            qname = etree.QName(node)
            prefix = _PREFIX.get(qname.namespace or "", "")
            name = f"{prefix}:{qname.localname}" if prefix else qname.localname
            if parent is None:
                steps.append(name)
            else:
                index = 1 + sum(1 for _ in node.itersiblings(node.tag, preceding=True))
                steps.append(f"{name}[{index}]")
        node = parent
    return "/" + "/".join(reversed(steps))


@lru_cache(maxsize=2048)
def compiled(expression: str) -> etree.XPath:
    """*expression* compiled once, with the ``cda``, ``xsi`` and ``sdtc`` prefixes bound."""
    return etree.XPath(expression, namespaces=NS)


@attrs.define(kw_only=True)
class Document:
    """A parsed CDA document and what the rules need to know about it."""

    tree: etree._ElementTree
    name: str = "-"
    # what each expression selected from the root: rules share expressions, and validation reads the tree only
    _selected: dict[str, list[etree._Element]] = attrs.field(factory=dict, init=False, repr=False, eq=False)

    @property
    def root(self) -> etree._Element:
        """The root element."""
        return self.tree.getroot()

    def xpath(self, expression: str, element: etree._Element | None = None) -> list[etree._Element]:
        """The elements *expression* selects from *element* (the root by default), ``cda:`` bound to HL7 v3."""
        if element is None:
            selected = self._selected.get(expression)
            if selected is None:
                selected = self._selected[expression] = self._select(expression, self.root)
            return list(selected)  # a copy: a rule may change its list
        return self._select(expression, element)

    @staticmethod
    def _select(expression: str, element: etree._Element) -> list[etree._Element]:
        found = compiled(expression)(element)
        assert isinstance(found, list)
        return [node for node in found if isinstance(node, etree._Element)]

    def first(self, expression: str, element: etree._Element | None = None) -> etree._Element | None:
        """The first element *expression* selects, or None."""
        found = self.xpath(expression, element)
        return found[0] if found else None

    @cached_property
    def template_ids(self) -> tuple[str, ...]:
        """The roots of the document's own templateIds, in order."""
        return tuple(t.get("root", "") for t in self.root.iterchildren(f"{{{V3}}}templateId"))

    @cached_property
    def volet(self) -> Volet | None:
        """The DLU-family volet the templateIds declare, if any."""
        for template_id in self.template_ids:
            if template_id in VOLETS:
                return VOLETS[template_id]
        return None

    @cached_property
    def sections(self) -> list[etree._Element]:
        """The top-level sections of the structured body."""
        return self.xpath("cda:component/cda:structuredBody/cda:component/cda:section")

    @cached_property
    def elements_by_template(self) -> dict[str, list[etree._Element]]:
        """Every element that declares a templateId, by the root of that templateId (one pass over the tree)."""
        index: dict[str, list[etree._Element]] = {}
        for template in self.root.iter(f"{{{V3}}}templateId"):
            parent = template.getparent()
            if parent is not None:
                found = index.setdefault(template.get("root", ""), [])
                if not found or found[-1] is not parent:
                    found.append(parent)
        return index

    @cached_property
    def sections_by_template(self) -> dict[str, list[etree._Element]]:
        """Top-level sections by the root of each of their templateIds."""
        index: dict[str, list[etree._Element]] = {}
        for section in self.sections:
            for template in section.iterfind(f"{{{V3}}}templateId"):
                index.setdefault(template.get("root", ""), []).append(section)
        return index
