"""Template rules as data: the CI-SIS header templates (value sets, attributes, cardinalities, closed content).

Each rule reads a table of :mod:`dmpcore.validation._header` (the entries' and sections' tables join
in :mod:`dmpcore.validation._rules_entries`); the engine is :mod:`dmpcore.validation._requirements`.
Source: the kit's structuration minimale (``1.2.250.1.213.1.1.1.1-2017-12-13T103531.sch`` and its
``-closed.sch``), whose rules these rows restate.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Final

from dmpcore.validation._context import Document, cda_xpath
from dmpcore.validation._header import ATTRIBUTES, BINDINGS, CARDINALITIES, CLOSED
from dmpcore.validation._registry import Finding, rule
from dmpcore.validation._requirements import Requirement, closed, findings
from dmpcore.validation._valuesets import is_member

__all__: list[str] = []

_STRUCMIN: Final = "CI-SIS Structuration minimale (ASIP-STRUCT-MIN-StrucMin.sch)"
_SOURCE: Final = "CI-SIS structuration minimale"


@rule(
    "HDR-031",
    category="header",
    summary="The coded header elements and attributes the structuration minimale binds to a value set belong to "
    "it, by code: author specialty and participant codes (JDV_J01), practice settings of the author's, "
    "informant's, legal authenticator's and performer's organisations (JDV_J04), the relation of a related "
    "person (JDV_J11), the encounter type (JDV_J142), participation and role types (JDV_J144, JDV_J141, "
    "JDV_J140), the author's function (JDV_J47).",
    reference=_STRUCMIN + " (The value for ... SHALL be selected from value set ...)",
)
def _header_value_sets(document: Document) -> Iterator[Finding]:
    for path, attribute, (value_set, name) in BINDINGS:
        for element in document.xpath(cda_xpath(path)):
            value = element.get(attribute)
            wrong = [token for token in (value or "").split() if is_member(value_set, token) is False]
            if wrong:
                yield Finding(
                    fr=f"@{attribute} {wrong[0]!r:.30} n'appartient pas au jeu de valeurs {name}",
                    en=f"@{attribute} {wrong[0]!r:.30} is not in value set {name}",
                    element=element,
                )


def _attribute_rows() -> tuple[Requirement, ...]:
    return tuple(
        Requirement(
            rule="HDR-032", test=f"@{name}", en=f"@{name} is required", fr=f"@{name} est requis", source=_SOURCE,
            path=path,
        )
        for path, names in ATTRIBUTES
        for name in names.split()
    )  # fmt: skip


def _cardinality_rows() -> tuple[Requirement, ...]:
    rows = []
    for path, child, low, high in CARDINALITIES:
        test = f"count({child}) >= {low}" + (f" and count({child}) <= {high}" if high is not None else "")
        card = f"[{low}..{high if high is not None else '*'}]"
        rows.append(
            Requirement(
                rule="HDR-032", test=test, en=f"{child} occurs {card}", fr=f"{child} apparaît {card}",
                source=_SOURCE, path=path,
            )
        )  # fmt: skip
    return tuple(rows)


_HEADER_ROWS: Final = _attribute_rows() + _cardinality_rows()
_CLOSED_ROWS: Final = tuple(closed("HDR-033", parent, allowed, _SOURCE) for parent, allowed in CLOSED)


@rule(
    "HDR-032",
    category="header",
    summary="The CI-SIS header templates have the attributes and the number of children they require: patient, "
    "author, legal authenticator and participant ids with @root and @extension, one patient name, a birth time "
    "with @value, a participant time, a service event start (effectiveTime/low), one performer organisation "
    "with its practice setting, the parent document's id...",
    reference=_STRUCMIN + " (attribute @... SHALL be present; element ... is required, appears too often)",
)
def _header_templates(document: Document) -> Iterator[Finding]:
    yield from findings(document, _HEADER_ROWS, {})


@rule(
    "HDR-033",
    category="header",
    summary="The closed CI-SIS header templates hold nothing else than what they define: no maritalStatusCode or "
    "other element in the patient, no patient id that is only a nullFlavor, a serviceEvent performer of typeCode "
    "PRF, a parent document with only its id and version number...",
    reference="CI-SIS Structuration minimale (1.2.250.1.213.1.1.1.1-2017-12-13T103531-closed.sch: this element is "
    "not defined)",
)
def _closed_header_templates(document: Document) -> Iterator[Finding]:
    yield from findings(document, _CLOSED_ROWS, {})
