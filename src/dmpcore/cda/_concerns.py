"""Writing back the concern acts of problems and allergies read from a document (IHE PCC concern entries).

A concern act may hold several problems or allergies (the official DLU's allergy concern holds two):
each is a typed entry that shares the concern's origin (:class:`dmpcore.dlu.Origin`, ``member`` of
``members``). A *run* of them, one after the other in the section, is written as one concern act:

- all of them, in their order and unchanged: the act as it was read;
- otherwise, the act as read around the entryRelationships of the run (a member removed is dropped
  with the comments before it, a member moved is moved): an unchanged member's entryRelationship is
  written as read (its reactions, translations... kept), an edited one is regenerated from its typed
  fields. The act's own id, statusCode and times stay as read, unless the first member's
  ``concern_id`` or ``concern_status`` was edited: the act is then regenerated from that member.

Members of a concern act written already (a run split by another entry) are written as concerns of
their own, with ids derived from theirs: one act id is never written twice.
"""

from __future__ import annotations

from collections.abc import Sequence

from lxml import etree

from dmpcore.cda._builder import Node, raw
from dmpcore.cda._narrative import Narrative
from dmpcore.cda._parser import parse_xml
from dmpcore.cda._xml import attributes, led_children, local, raw_text, tag
from dmpcore.dlu._base import Identifier, Origin, is_unchanged
from dmpcore.dlu._entries import Allergy, Entry, Problem, concern_of

__all__ = ["concern_run", "write_concern"]

Member = Problem | Allergy


def concern_run(entries: Sequence[Entry], position: int) -> tuple[Member, ...]:
    """The members of one concern act read, one after the other from *position* (each member once); ()
    when the entry there is not a problem or an allergy read from a document."""
    first = entries[position]
    origin: Origin | None = getattr(first, "origin", None)
    if not isinstance(first, Problem | Allergy) or origin is None:
        return ()
    run: list[Member] = [first]
    seen = {origin.member}
    for item in entries[position + 1 :]:
        other: Origin | None = getattr(item, "origin", None)
        if (
            type(item) is not type(first)
            or other is None
            or (other.members, other.xml) != (origin.members, origin.xml)
            or other.member in seen
        ):
            break
        run.append(item)
        seen.add(other.member)
    return tuple(run)


def _as_read(run: tuple[Member, ...]) -> bool:
    origin = run[0].origin
    assert origin is not None
    return len(run) == origin.members and all(
        item.origin is not None and item.origin.member == index and is_unchanged(item) for index, item in enumerate(run)
    )


def _members(act: etree._Element) -> tuple[list[Node], list[tuple[list[etree._Element], etree._Element]], list[Node]]:
    """The act's children before its members, each member's entryRelationship with the comments just
    before it, and the children after the members (kept as raw XML)."""
    before: list[Node] = []
    after: list[Node] = []
    members: list[tuple[list[etree._Element], etree._Element]] = []
    led, trailing = led_children(act)
    for lead, child in led:
        if local(child) == "entryRelationship" and child.find(tag("observation")) is not None:
            members.append((lead, child))
        else:
            (after if members else before).extend(raw(None, raw_text(node)) for node in [*lead, child])
    after.extend(raw(None, raw_text(node)) for node in trailing)
    return before, members, after


def _read_values(act: etree._Element) -> tuple[Identifier | None, str | None]:
    ident = act.find(tag("id"))
    status = act.find(tag("statusCode"))
    root = None if ident is None else ident.get("root")
    concern_id = Identifier(root=root, extension=ident.get("extension")) if ident is not None and root else None
    return concern_id, None if status is None else status.get("code")


def write_concern(run: tuple[Member, ...], narrative: Narrative) -> Node:
    """The entry of the concern act around *run* (see the module docstring), rows added to *narrative*."""
    from dmpcore.cda._writer import _ENTRY_WRITERS, _repointed

    scratches = []
    for item in run:
        scratch = Node("entry")
        _ENTRY_WRITERS[type(item)](scratch, item, narrative)
        scratches.append(scratch)
    origin = run[0].origin
    assert origin is not None
    if _as_read(run):
        generated = Node("entry")
        generated.children = [child for scratch in scratches for child in scratch.children]
        return raw(None, _repointed(origin.xml, generated))
    entry = parse_xml(origin.xml.encode("utf-8")).getroot()
    act = next(child for child in entry if isinstance(child.tag, str))
    before, members, after = _members(act)
    relations: list[Node] = []
    for item, scratch in zip(run, scratches, strict=True):
        assert item.origin is not None
        lead, relation = members[item.origin.member]
        relations.extend(raw(None, raw_text(node)) for node in lead)
        if is_unchanged(item):
            relations.append(raw(None, _repointed(raw_text(relation), scratch)))
        else:
            relations.append(scratch.children[0].children[-1])  # the entryRelationship the writer generated
    if concern_of(run[0]) == _read_values(act):
        shell = Node(local(act), attributes(act))
        shell.children = [*before, *relations, *after]
    else:
        shell = scratches[0].children[0]
        shell.children[-1:] = relations
    written = Node("entry", attributes(entry) or None)
    written.children.append(shell)
    return written
