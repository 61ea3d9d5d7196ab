"""The rule registry: every native check is a :class:`Rule` with a stable id, registered by a decorator.

A rule's ``check`` is a pure function of the :class:`~dmpcore.validation._context.Document` that
yields :class:`Finding` objects; the validator turns them into :class:`~dmpcore.validation.Issue`
with the rule's id, severity and source reference.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from typing import TYPE_CHECKING

import attrs
from lxml import etree

from dmpcore.validation._report import Severity

if TYPE_CHECKING:
    from dmpcore.validation._context import Document

__all__ = ["RULES", "Finding", "Rule", "pseudo_rule", "rule", "rules_in_order"]


@attrs.frozen(kw_only=True)
class Finding:
    """What a rule found: the element concerned (for the XPath and line) and the message in both languages."""

    fr: str
    en: str
    element: etree._Element | None = None


Check = Callable[["Document"], Iterable[Finding]]


@attrs.frozen(kw_only=True)
class Rule:
    """A registered check.

    ``stricter`` marks a rule that the official ANS kit does not have (for example the INS key):
    it may reject a document the kit accepts, on purpose. ``category`` groups rules in the docs.
    """

    id: str
    severity: Severity
    category: str
    summary: str
    reference: str
    check: Check = attrs.field(repr=False, eq=False)
    stricter: bool = False

    def run(self, document: Document) -> Iterator[Finding]:
        """The findings of this rule on *document*."""
        yield from self.check(document)


#: id -> rule, in registration order (the order of the report)
RULES: dict[str, Rule] = {}


def rule(
    rule_id: str,
    *,
    severity: Severity = Severity.ERROR,
    category: str,
    summary: str,
    reference: str,
    stricter: bool = False,
) -> Callable[[Check], Check]:
    """Register the decorated function as the check of rule *rule_id*."""

    def register(check: Check) -> Check:
        if rule_id in RULES:
            raise ValueError(f"rule {rule_id} is registered twice")
        RULES[rule_id] = Rule(
            id=rule_id,
            severity=severity,
            category=category,
            summary=summary,
            reference=reference,
            check=check,
            stricter=stricter,
        )
        return check

    return register


def _nothing(document: Document) -> Iterator[Finding]:
    yield from ()


def pseudo_rule(rule_id: str, *, severity: Severity, category: str, summary: str, reference: str) -> None:
    """Register *rule_id*, an issue the pipeline itself gives (unreadable input, the kit's run...), for the docs."""
    rule(rule_id, severity=severity, category=category, summary=summary, reference=reference)(_nothing)


def rules_in_order() -> tuple[Rule, ...]:
    """Every registered rule, in the order they run (``dmpcore.validation`` imports every rule module)."""
    return tuple(RULES.values())
