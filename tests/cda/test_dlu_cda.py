"""to_cda / from_cda: round trips, narrative, INS policy, preservation of what the model does not know."""

from __future__ import annotations

import base64
import datetime as dt
import json
import re
from collections import Counter
from collections.abc import Callable, Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any

import attrs
import pytest
from hypothesis import given
from lxml import etree
from tests.strategies import dlu_documents, dlu_documents_with_raw_xml

from dmpcore.cda import from_cda, parse_xml, to_cda
from dmpcore.cda._xml import format_ts, parse_ts
from dmpcore.codes import Code
from dmpcore.dlu import (
    Address,
    Allergy,
    Attachment,
    DictError,
    Document,
    Identifier,
    Organization,
    PersonName,
    Procedure,
    RawEntry,
    RawSection,
    RawXml,
    Section,
    SectionKind,
    example_dlu,
    from_dict,
    to_dict,
)
from dmpcore.errors import CdaParseError, InputError
from dmpcore.identity import IdentityStatus

HL7 = "{urn:hl7-org:v3}"


@given(dlu_documents_with_raw_xml())
def test_from_cda_inverts_to_cda(document: Document) -> None:
    """Round trip: from_cda(to_cda(d)) == d for every DLU, XML the model does not know included (audit 5c rawrt.py)."""
    assert from_cda(to_cda(document)) == document


@given(dlu_documents())
def test_every_entry_references_its_narrative_row(document: Document) -> None:
    """Each section's narrative says what its entries say: every entry's text reference is a row of that section."""
    root = parse_xml(to_cda(document)).getroot()
    for section in root.iter(HL7 + "section"):
        anchors = {c.get("ID") for c in section.find(HL7 + "text").iter(HL7 + "content")}  # type: ignore[union-attr]
        for entry in section.findall(HL7 + "entry"):
            refs = {r.get("value") for r in entry.iter(HL7 + "reference")}
            assert refs, "an entry references the narrative"
            assert {ref.lstrip("#") for ref in refs} <= anchors
        media = {m.get("ID") for m in section.iter(HL7 + "observationMedia")}
        rendered = {r.get("referencedObject") for r in section.iter(HL7 + "renderMultiMedia")}
        assert media == rendered


def test_output_is_utf8_with_a_declaration() -> None:
    xml = to_cda(example_dlu())
    assert xml.startswith(b"<?xml version='1.0' encoding='UTF-8'?>")
    assert "Pénicillines".encode() in xml


@pytest.mark.parametrize("status", list(IdentityStatus))
def test_only_a_qualified_identity_puts_the_ins_in_the_document(status: IdentityStatus) -> None:
    """RNIV: only a qualified identity may carry the INS; otherwise the local id alone identifies the patient."""
    document = example_dlu()
    patient = attrs.evolve(document.header.patient, identity_status=status)
    xml = to_cda(attrs.evolve(document, header=attrs.evolve(document.header, patient=patient)))
    assert (b"279035121518989" in xml) is (status is IdentityStatus.QUALIFIED)
    assert b"R-2024-0042" in xml
    read = from_cda(xml).header.patient
    assert (read.ins is not None) is (status is IdentityStatus.QUALIFIED)


def test_without_qualified_identity_a_local_id_is_required() -> None:
    document = example_dlu()
    patient = attrs.evolve(document.header.patient, identity_status=IdentityStatus.PROVISIONAL, local_id=None)
    with pytest.raises(InputError, match="local id"):
        to_cda(attrs.evolve(document, header=attrs.evolve(document.header, patient=patient)))


def test_a_changed_parsed_section_is_regenerated() -> None:
    document = from_cda(to_cda(example_dlu()))
    allergies = document.section(SectionKind.ALLERGIES)
    assert allergies is not None
    extra = Allergy(agent=attrs.evolve(allergies.entries[0].agent, display="Aspirine"))  # type: ignore[union-attr]
    changed = attrs.evolve(allergies, entries=(*allergies.entries, extra))
    sections = tuple(changed if s is allergies else s for s in document.sections)
    again = from_cda(to_cda(attrs.evolve(document, sections=sections)))
    assert [a.agent.display for a in again.allergies] == ["Pénicillines", "Aspirine"]


@pytest.mark.parametrize(
    ("mutate", "message"),
    [
        (lambda x: x.replace(b'<birthTime value="19390328"/>', b""), "missing patient birthTime"),
        (lambda x: x.replace(b'value="19390328"', b'value="1939-03-28"'), "not an HL7 timestamp"),
        (lambda x: x.replace(b"1.2.250.1.213.1.1.1.22", b"1.2.3"), "not a DLU-family document"),
        (lambda x: x.replace(b"279035121518989", b"279035121518988"), "invalid INS"),
    ],
)
def test_bad_content_names_the_line_and_the_element(mutate: object, message: str) -> None:
    xml = mutate(to_cda(example_dlu()).replace(b"><", b">\n<"))  # type: ignore[operator]
    with pytest.raises(CdaParseError, match=message) as info:
        from_cda(xml)
    assert info.value.line is not None
    assert info.value.xpath is not None
    assert info.value.xpath.startswith("/ClinicalDocument")


def test_sources_bytes_str_and_path(tmp_path: Path) -> None:
    xml = to_cda(example_dlu())
    path = tmp_path / "dlu.xml"
    path.write_bytes(xml)
    assert from_cda(xml) == from_cda(xml.decode("utf-8")) == from_cda(path) == from_cda(str(path))


def test_unknown_sections_and_entries_are_kept() -> None:
    xml = to_cda(example_dlu()).decode("utf-8")
    foreign = (
        '<component><section><templateId root="1.2.3.4.5"/><code code="X" codeSystem="1.2.3"/>'
        "<title>Autre</title><text>libre</text></section></component>"
    )
    unknown_entry = (
        '<entry><act classCode="ACT" moodCode="EVN"><templateId root="9.9.9"/><id root="9.9.9.1"/></act></entry>'
    )
    xml = xml.replace("</structuredBody>", foreign + "</structuredBody>", 1)
    xml = re.sub(
        r'(<templateId root="1.2.250.1.213.1.1.2.137"/>.*?)(<entry>)', r"\1" + unknown_entry + r"\2", xml, count=1
    )
    document = from_cda(xml)
    assert isinstance(document.sections[-1], RawSection)
    allergies = document.section(SectionKind.ALLERGIES)
    assert allergies is not None
    assert isinstance(allergies.entries[0], RawEntry)
    # regenerate the allergy section: the unknown entry is still written
    changed = attrs.evolve(allergies, title="Allergies connues")
    sections = tuple(changed if s is allergies else s for s in document.sections)
    out = to_cda(attrs.evolve(document, sections=sections))
    assert b'root="9.9.9.1"' in out
    assert b'<templateId root="1.2.3.4.5"/>' in out
    assert b"Allergies connues" in out


# --- nothing lost on the official examples ---------------------------------------------------


def _facts(xml: bytes, without: frozenset[Identifier] = frozenset()) -> dict[str, Counter[object]]:
    """The codes, ids, dates and attachments of *xml*, but those of the elements whose id is in *without*."""
    root = parse_xml(xml).getroot()
    codes: Counter[object] = Counter()
    ids: Counter[object] = Counter()
    dates: Counter[object] = Counter()
    media: Counter[object] = Counter()
    skipped = {
        ident.getparent()
        for ident in root.iter(HL7 + "id")
        if Identifier(root=ident.get("root", "?") or "?", extension=ident.get("extension")) in without
    }
    for element in _iter_but(root, skipped):
        name = element.tag.rsplit("}", 1)[-1]
        if element.get("code") is not None and element.get("codeSystem") is not None:
            codes[(element.get("code"), element.get("codeSystem"))] += 1
        if name in {"id", "setId"} and element.get("root"):
            ids[(element.get("root"), element.get("extension"))] += 1
        if name in {"effectiveTime", "time", "low", "high", "birthTime", "center"} and element.get("value"):
            dates[element.get("value")] += 1
        if element.get("representation") == "B64":
            media[base64.b64decode("".join((element.text or "").split()))] += 1
    return {"codes": codes, "ids": ids, "dates": dates, "media": media}


def _iter_but(element: etree._Element, skipped: set[object]) -> Iterator[etree._Element]:
    """*element* and its descendant elements, but the subtrees of *skipped*."""
    if element in skipped or not isinstance(element.tag, str):
        return
    yield element
    for child in element:
        yield from _iter_but(child, skipped)


FAMILY = [
    "DLU-EHPAD-DLU_2022.01.xml",
    "DLU-EHPAD-FLUDT_2022.01.xml",
    "DLU-EHPAD-FLUDR_2022.01.xml",
    "DLU-FT-SU_2025.01.xml",
    "DLU-FR-SU_2025.01.xml",
]


@pytest.mark.kit
@pytest.mark.parametrize("name", FAMILY)
def test_nothing_is_lost_on_official_examples(examples_dir: Path, name: str) -> None:
    """to_cda(from_cda(x)) keeps every (code, codeSystem), (root, extension), date and attachment of x."""
    original = (examples_dir / name).read_bytes()
    again = to_cda(from_cda(original))
    assert _facts(again) == _facts(original)


@pytest.mark.kit
def test_the_official_dlu_is_fully_modelled(examples_dir: Path) -> None:
    document = from_cda(examples_dir / "DLU-EHPAD-DLU_2022.01.xml")
    assert all(isinstance(s, Section) for s in document.sections)
    assert not any(isinstance(e, RawEntry) for s in document.sections if isinstance(s, Section) for e in s.entries)
    assert document.header.patient.ins is not None
    assert document.header.patient.ins.value == "279035121518989"
    assert [a.agent.code for a in document.allergies] == ["XM7VB5", "XM5DJ7"]
    assert len(document.attachments) == 2
    assert all(a.attachment.data.startswith(b"%PDF") for a in document.attachments)


def _with_section(document: Document, kind: SectionKind, edit: Callable[[Section], Section]) -> Document:
    return attrs.evolve(
        document, sections=tuple(edit(s) if isinstance(s, Section) and s.kind is kind else s for s in document.sections)
    )


_PENICILLIN = Code(code="J01C", code_system="2.16.840.1.113883.6.73", display="Pénicillines")
Edit = Callable[[Document], tuple[Document, frozenset[Identifier]]]


def _whole(edit: Callable[[Document], Document]) -> Edit:
    """An edit that changes no entry: every fact of the document is kept."""
    return lambda d: (edit(d), frozenset())


def _one_allergy(change: Callable[[tuple[Allergy, ...]], tuple[Allergy, ...]], member: int) -> Edit:
    """An edit of the allergies; the facts of the allergy *member* (edited or removed) may go."""

    def edit(document: Document) -> tuple[Document, frozenset[Identifier]]:
        allergies = document.allergies
        edited = _with_section(document, SectionKind.ALLERGIES, lambda s: attrs.evolve(s, entries=change(allergies)))
        return edited, frozenset({allergies[member].id})

    return edit


EDITS: dict[str, Edit] = {
    "version bump": _whole(lambda d: attrs.evolve(d, header=attrs.evolve(d.header, version=d.header.version + 1))),
    "header from the model alone": _whole(lambda d: attrs.evolve(d, header=attrs.evolve(d.header, origin=None))),
    "one more allergy": _whole(
        lambda d: _with_section(
            d, SectionKind.ALLERGIES, lambda s: attrs.evolve(s, entries=(*s.entries, Allergy(agent=_PENICILLIN)))
        )
    ),
    "every section retitled": _whole(
        lambda d: attrs.evolve(
            d,
            sections=tuple(attrs.evolve(s, title="Titre modifié") if isinstance(s, Section) else s for s in d.sections),
        )
    ),
    # the official DLUs' allergy concern act holds two allergies: its other member keeps all its data
    "edit one member of a concern": _one_allergy(
        lambda a: (attrs.evolve(a[0], start=dt.date(2001, 1, 1)), *a[1:]), member=0
    ),
    "remove one member of a concern": _one_allergy(lambda a: a[:1], member=1),
}


def _official_dlus(kit_dir: Path) -> list[Path]:
    paths = [
        kit_dir / "ExemplesCDA" / "DLU-EHPAD-DLU_2022.01.xml",
        kit_dir.parent / "kit-2021" / "ExemplesCDA" / "DLU-DLU_2021.01.xml",
    ]
    return [path for path in paths if path.is_file()]


@pytest.mark.kit
@pytest.mark.parametrize("edit", sorted(EDITS))
def test_an_edited_official_dlu_keeps_the_rest(kit_dir: Path, edit: str) -> None:
    """An edit loses no (code, codeSystem), (root, extension), date or attachment of the 2022 and 2021 DLUs.

    The edits change what the facts do not count (the version, titles), only add facts, or edit or remove one
    entry, whose own facts may go: an edited entry is written from its typed fields (what the model does not
    know of it, a code's translation, is not kept), but its siblings in a concern act keep theirs.
    """
    for path in _official_dlus(kit_dir):
        document, changed = EDITS[edit](from_cda(path))
        original = _facts(path.read_bytes(), without=changed)
        edited = _facts(to_cda(document), without=changed)
        lost = {kind: original[kind] - edited[kind] for kind in original}
        assert not any(lost.values()), (path.name, lost)


@pytest.mark.kit
def test_an_edit_beside_a_concern_of_several_allergies_keeps_the_concern(examples_dir: Path) -> None:
    """The official DLU's allergy concern holds two allergies: adding a third keeps the concern act as read."""
    document = from_cda(examples_dir / "DLU-EHPAD-DLU_2022.01.xml")
    out = to_cda(EDITS["one more allergy"](document)[0])
    root = parse_xml(out).getroot()
    concern = next(
        a for a in root.iter(HL7 + "act") if a.find(HL7 + "id").get("root") == "B0287E90-8ED1-4C3C-BFBE-110C01650498"
    )  # type: ignore[union-attr]
    assert len(concern.findall(f"{HL7}entryRelationship/{HL7}observation")) == 2
    assert [a.agent.code for a in from_cda(out).allergies] == ["XM7VB5", "XM5DJ7", "J01C"]


def _one_concern_of_two_allergies() -> Document:
    """The example DLU with two allergies, written, then both put in the first concern act (as the kit's example)."""
    document = _with_section(
        example_dlu(),
        SectionKind.ALLERGIES,
        lambda s: attrs.evolve(s, entries=(*s.entries, Allergy(agent=attrs.evolve(_PENICILLIN, code="J01CA04")))),
    )
    root = parse_xml(to_cda(document)).getroot()
    section = next(s for s in root.iter(HL7 + "section") if s.find(HL7 + "code").get("code") == "48765-2")  # type: ignore[union-attr]
    first, second = section.findall(HL7 + "entry")
    first.find(HL7 + "act").append(second.find(f"{HL7}act/{HL7}entryRelationship"))  # type: ignore[arg-type, union-attr]
    section.remove(second)
    return from_cda(etree.tostring(root))


def _concerns(document: Document) -> list[list[str]]:
    """The allergy codes of each concern act of the written document."""
    root = parse_xml(to_cda(document)).getroot()
    section = next(s for s in root.iter(HL7 + "section") if s.find(HL7 + "code").get("code") == "48765-2")  # type: ignore[union-attr]
    return [
        [code.get("code") for code in entry.iterfind(f".//{HL7}playingEntity/{HL7}code")]  # type: ignore[misc]
        for entry in section.findall(HL7 + "entry")
    ]


def test_a_concern_of_several_entries_is_kept_while_they_are() -> None:
    """Each allergy of a concern act shares its origin; the act is written back while all are there, unchanged."""
    document = _one_concern_of_two_allergies()
    assert [a.agent.code for a in document.allergies] == ["J01C", "J01CA04"]
    retitled = _with_section(document, SectionKind.ALLERGIES, lambda s: attrs.evolve(s, title="Allergies connues"))
    assert _concerns(retitled) == [["J01C", "J01CA04"]]
    assert from_cda(to_cda(retitled)) == retitled


def _concern_ids(document: Document) -> list[str]:
    root = parse_xml(to_cda(document)).getroot()
    section = next(s for s in root.iter(HL7 + "section") if s.find(HL7 + "code").get("code") == "48765-2")  # type: ignore[union-attr]
    return [act.get("root", "") for act in section.iterfind(f"{HL7}entry/{HL7}act/{HL7}id")]


@pytest.mark.parametrize(
    ("edit", "concerns"),
    [
        ("drop the second", [["J01C"]]),
        ("swap them", [["J01CA04", "J01C"]]),
        ("edit the first", [["J01C", "J01CA04"]]),
        ("one more after them", [["J01C", "J01CA04"], ["J01CA"]]),
        ("another entry between them", [["J01C"], ["J01CA"], ["J01CA04"]]),
    ],
)
def test_a_concern_whose_entries_changed_keeps_its_act(edit: str, concerns: list[list[str]]) -> None:
    """The members that stay are written in the concern act as read (its id kept), in the section's order."""
    document = _one_concern_of_two_allergies()
    first, second = document.allergies
    other = Allergy(agent=attrs.evolve(_PENICILLIN, code="J01CA"))
    entries = {
        "drop the second": (first,),
        "swap them": (second, first),
        "edit the first": (attrs.evolve(first, start=dt.date(2001, 1, 1)), second),
        "one more after them": (first, second, other),
        "another entry between them": (first, other, second),
    }[edit]
    edited = _with_section(document, SectionKind.ALLERGIES, lambda s: attrs.evolve(s, entries=entries))
    assert _concerns(edited) == concerns
    ids = _concern_ids(edited)
    assert ids[0] == _concern_ids(document)[0]
    assert len(set(ids)) == len(ids), "an act id is written once"
    if edit != "another entry between them":  # there, the second is a concern of its own, its id derived
        assert from_cda(to_cda(edited)) == edited


def _official_2021_dlu(kit_dir: Path) -> Document:
    path = kit_dir.parent / "kit-2021" / "ExemplesCDA" / "DLU-DLU_2021.01.xml"
    if not path.is_file():
        pytest.skip(f"{path} not found")
    return from_cda(path)


def _id_root(element: etree._Element) -> str | None:
    ident = element.find(HL7 + "id")
    return None if ident is None else ident.get("root")


def _template_roots(element: etree._Element) -> set[str | None]:
    return {template.get("root") for template in element.iterfind(HL7 + "templateId")}


@pytest.mark.kit
def test_an_edited_2021_allergy_keeps_its_reaction(kit_dir: Path) -> None:
    """2021 DLU: the edited allergy's value L27.2 is Allergy.reaction, written back, never as an empty code (5c)."""
    document = _official_2021_dlu(kit_dir)
    first, second = document.allergies
    assert [first.reaction.code, second.reaction.code] == ["L27.2", "L27.0"]  # type: ignore[union-attr]
    edited = _with_section(
        document,
        SectionKind.ALLERGIES,
        lambda s: attrs.evolve(s, entries=(attrs.evolve(first, start=dt.date(2001, 1, 1)), second)),
    )
    root = parse_xml(to_cda(edited)).getroot()
    values = [o.find(HL7 + "value") for o in root.iter(HL7 + "observation") if _id_root(o) == first.id.root]
    assert len(values) == 1
    value = values[0]
    assert value is not None
    assert (value.get("code"), value.get("codeSystem")) == ("L27.2", "2.16.840.1.113883.6.3")
    assert value.find(f"{HL7}originalText/{HL7}reference") is not None  # E_allergiesAndIntolerances_fr
    assert "Dermite due à l'ingestion d'aliments" in etree.tostring(root, encoding="unicode")  # the narrative says it
    assert from_cda(etree.tostring(root)).allergies == edited.allergies


@pytest.mark.kit
def test_an_edited_advance_directive_keeps_its_reference_to_the_directives(examples_dir: Path) -> None:
    """Official DLU: the directive refers to the directives document (externalDocument FB56FC8D..., audit 5c)."""
    document = from_cda(examples_dir / "DLU-EHPAD-DLU_2022.01.xml")
    (directive,) = next(
        s for s in document.sections if getattr(s, "kind", None) is SectionKind.ADVANCE_DIRECTIVES
    ).entries  # type: ignore[union-attr]
    assert directive.reference is not None  # type: ignore[union-attr]
    assert directive.reference.id.root == "FB56FC8D-5DC2-4A75-8681-C307336F60E1"  # type: ignore[union-attr]
    edited = _with_section(
        document,
        SectionKind.ADVANCE_DIRECTIVES,
        lambda s: attrs.evolve(s, entries=(attrs.evolve(directive, start=dt.datetime(2018, 2, 21, 10, 30)),)),
    )
    xml = to_cda(edited)
    root = parse_xml(xml).getroot()
    external = root.find(f".//{HL7}observation/{HL7}reference[@typeCode='REFR']/{HL7}externalDocument")
    assert external is not None
    assert external.find(HL7 + "id").get("root") == "FB56FC8D-5DC2-4A75-8681-C307336F60E1"  # type: ignore[union-attr]
    address = external.find(f"{HL7}text/{HL7}reference")
    assert address is not None
    assert address.get("value") == "ftp://ftp.ihe.net/advancedirectives/durand#124/"
    assert from_cda(xml) == edited
    assert from_dict(to_dict(edited)) == edited


def test_an_allergy_without_reaction_writes_no_empty_code() -> None:
    """A CD holds a code or a nullFlavor (HL7 data types): no reaction is nullFlavor NI."""
    root = parse_xml(to_cda(example_dlu())).getroot()
    allergies = [o for o in root.iter(HL7 + "observation") if "1.2.250.1.213.1.1.3.41" in _template_roots(o)]
    assert allergies
    assert all(
        v.get("code") or v.get("nullFlavor") for v in (o.find(HL7 + "value") for o in allergies) if v is not None
    )
    reaction = Code(code="L27.0", code_system="2.16.840.1.113883.6.3", display="Éruption due à des médicaments")
    document = _with_section(
        example_dlu(),
        SectionKind.ALLERGIES,
        lambda s: attrs.evolve(s, entries=(attrs.evolve(s.entries[0], reaction=reaction),)),
    )
    assert from_cda(to_cda(document)) == document


@pytest.mark.kit
def test_an_edited_member_keeps_its_siblings_data(kit_dir: Path) -> None:
    """2021 DLU: editing the first allergy keeps the second's ATC translation and reaction (audit sibling.py)."""
    document = _official_2021_dlu(kit_dir)
    first, second = document.allergies
    edited = _with_section(
        document,
        SectionKind.ALLERGIES,
        lambda s: attrs.evolve(s, entries=(attrs.evolve(first, start=dt.date(2001, 1, 1)), second)),
    )
    root = parse_xml(to_cda(edited)).getroot()
    section = next(s for s in root.iter(HL7 + "section") if s.find(HL7 + "code").get("code") == "48765-2")  # type: ignore[union-attr]
    assert [a.get("root") for a in section.iterfind(f"{HL7}entry/{HL7}act/{HL7}id")] == [first.concern_id.root]  # type: ignore[union-attr]
    observations = section.findall(f".//{HL7}observation")
    assert [o.find(HL7 + "id").get("root") for o in observations] == [first.id.root, second.id.root]  # type: ignore[union-attr]
    kept = observations[1]
    assert [t.get("code") for t in kept.iter(HL7 + "translation")] == ["N02BE01"]
    assert kept.find(HL7 + "value").get("code") == "L27.0"  # type: ignore[union-attr]


@pytest.mark.kit
@pytest.mark.parametrize("edit", ["unchanged", "start edited"])
def test_a_concern_of_one_allergy_keeps_its_id(examples_dir: Path, edit: str) -> None:
    """Allergy.concern_id: a single-allergy concern edited keeps its act id (audit single_concern.py)."""
    root = parse_xml(examples_dir / "DLU-EHPAD-DLU_2022.01.xml").getroot()
    act = next(a for a in root.iter(HL7 + "act") if a.findtext(HL7 + "id") is not None and _root_of(a) == _CONCERN)
    act.remove(act.findall(HL7 + "entryRelationship")[1])
    document = from_cda(etree.tostring(root))
    (allergy,) = document.allergies
    assert allergy.concern_id is not None
    assert allergy.concern_id.root == _CONCERN
    if edit == "start edited":
        document = _with_section(
            document,
            SectionKind.ALLERGIES,
            lambda s: attrs.evolve(s, entries=(attrs.evolve(allergy, start=dt.date(2001, 1, 1)),)),
        )
    assert _CONCERN.encode() in to_cda(document)


_CONCERN = "B0287E90-8ED1-4C3C-BFBE-110C01650498"


def _root_of(element: etree._Element) -> str | None:
    ident = element.find(HL7 + "id")
    return None if ident is None else ident.get("root")


def test_the_members_of_a_concern_travel_with_their_origin_through_the_dict_form() -> None:
    document = _one_concern_of_two_allergies()
    data = json.loads(json.dumps(to_dict(document)))
    assert [e["origin"].get("member") for e in data["sections"][3]["entries"]] == [0, 1]
    again = from_dict(data, trust_origins=True)
    assert again == document
    retitled = _with_section(again, SectionKind.ALLERGIES, lambda s: attrs.evolve(s, title="Allergies connues"))
    assert _concerns(retitled) == [["J01C", "J01CA04"]]
    data["sections"][3]["entries"][0]["origin"]["member"] = 2
    with pytest.raises(DictError, match="member"):
        from_dict(data, trust_origins=True)


def _header_edge(**changes: object) -> Callable[[Document], Document]:
    return lambda d: attrs.evolve(d, header=attrs.evolve(d.header, **changes))


def _entry_edge(kind: SectionKind, **changes: object) -> Callable[[Document], Document]:
    return lambda d: _with_section(
        d, kind, lambda s: attrs.evolve(s, entries=(attrs.evolve(s.entries[0], **changes), *s.entries[1:]))
    )


_WHEN = dt.datetime(2026, 3, 2, 10, 30, tzinfo=dt.timezone(dt.timedelta(hours=1)))
ROUND_TRIPS: dict[str, Callable[[Document], Document]] = {
    "effective time with microseconds": _header_edge(effective_time=_WHEN.replace(microsecond=123_456)),
    "author time equal to the effective time": _header_edge(author_time=_WHEN),
    "service start equal to the effective time": _header_edge(service_start=_WHEN),
    "the same instant in another offset": _header_edge(author_time=_WHEN.astimezone(dt.UTC)),
    "the model's own title": _header_edge(title="Dossier de liaison d'urgence"),
    "a section's registry title": lambda d: _with_section(
        d, SectionKind.ALLERGIES, lambda s: attrs.evolve(s, title="Allergies et hypersensibilités")
    ),
    "a comment saying the placeholder": lambda d: _with_section(
        d, SectionKind.COMMENT, lambda s: attrs.evolve(s, note="Aucune information renseignée.")
    ),
    "a dose of 1.50 mg": _entry_edge(SectionKind.TREATMENTS, dose=Decimal("1.50"), dose_unit="mg"),
    # entry times: whole seconds (a fraction dropped when built), a UTC offset or none (audit rt_more2.py)
    "an observation time with microseconds": _entry_edge(
        SectionKind.EVENT_OUTCOMES, time=dt.datetime(2024, 1, 1, 10, 0, 0, 5, tzinfo=dt.UTC)
    ),
    "a procedure time with microseconds": _entry_edge(SectionKind.CARE_PLAN, time=_WHEN.replace(microsecond=999_999)),
    "an attached document's time with microseconds": _entry_edge(
        SectionKind.ATTACHED_DOCUMENTS, time=_WHEN.replace(microsecond=1)
    ),
    "an observation time without zone": _entry_edge(SectionKind.EVENT_OUTCOMES, time=dt.datetime(2024, 1, 1, 10, 0)),
    "header times without zone": _header_edge(
        author_time=dt.datetime(2026, 3, 2, 10, 0), encounter_start=dt.datetime(2026, 3, 1, 9, 0)
    ),
    "advance directives with their times": _entry_edge(
        SectionKind.ADVANCE_DIRECTIVES, start=dt.datetime(2018, 2, 21, 10, 0), end=dt.date(2018, 2, 22)
    ),
    # CDA TS years have four digits: %Y wrote year 1 as "1" (audit rt_more2.py)
    "a problem from year 1": _entry_edge(SectionKind.ACTIVE_PROBLEMS, start=dt.date(1, 1, 1)),
    "a problem from year 999": _entry_edge(SectionKind.ACTIVE_PROBLEMS, start=dt.date(999, 12, 31)),
    "an effective time in year 1": _header_edge(effective_time=dt.datetime(1, 1, 1, 10, 0, tzinfo=dt.UTC)),
}


@pytest.mark.parametrize("edge", sorted(ROUND_TRIPS))
def test_edges_of_the_model_round_trip(edge: str) -> None:
    document = ROUND_TRIPS[edge](example_dlu())
    assert from_cda(to_cda(document)) == document


REFUSED: dict[str, tuple[Callable[[Document], Document], str]] = {
    "version 0": (_header_edge(version=0), "dlu.version"),
    "version -1": (_header_edge(version=-1), "dlu.version"),
    "a dose without its unit": (_entry_edge(SectionKind.TREATMENTS, dose_unit=None), "dlu.dose"),
    "a unit without a dose": (_entry_edge(SectionKind.TREATMENTS, dose=None), "dlu.dose"),
    "a dose of zero": (_entry_edge(SectionKind.TREATMENTS, dose=Decimal(0)), "dlu.dose"),
    "every 0 hours": (_entry_edge(SectionKind.TREATMENTS, period_hours=0), "dlu.period"),
    "an empty city": (
        lambda d: _header_edge(patient=attrs.evolve(d.header.patient, address=Address(city="")))(d),
        "dlu.field",
    ),
    "an empty birth name": (
        lambda d: _header_edge(patient=attrs.evolve(d.header.patient, birth_family_name=""))(d),
        "dlu.field",
    ),
    "a blank given name": (
        lambda d: _header_edge(author=attrs.evolve(d.header.author, name=PersonName(family="X", given=" ")))(d),
        "dlu.field",
    ),
    "a preferred hospital with a sector": (
        lambda d: _entry_edge(
            SectionKind.DISPOSITIONS,
            hospital=Organization(name="CH", sector=Code(code="ETABLISSEMENT", code_system="1.2.250.1.213.1.1.4.9")),
        )(d),
        "dlu.hospital",
    ),
    "an empty lot number": (_entry_edge(SectionKind.IMMUNIZATIONS, lot_number=""), "dlu.field"),
    "an offset in seconds": (
        _header_edge(effective_time=_WHEN.replace(tzinfo=dt.timezone(dt.timedelta(seconds=30)))),
        "dlu.time",
    ),
    "an entry time with an offset in seconds": (
        _entry_edge(SectionKind.CARE_PLAN, time=_WHEN.replace(tzinfo=dt.timezone(dt.timedelta(seconds=30)))),
        "dlu.time",
    ),
    # the DMP's XDS metadata are UTC: creationTime, serviceStartTime (dmpcore.xds.cda_time_to_xds)
    "an effective time without zone": (_header_edge(effective_time=dt.datetime(2026, 3, 2, 10, 30)), "dlu.time"),
    "a service start without zone": (_header_edge(service_start=dt.datetime(2026, 3, 2, 10, 30)), "dlu.time"),
    "directives ending before they start": (
        _entry_edge(SectionKind.ADVANCE_DIRECTIVES, start=dt.date(2018, 2, 22), end=dt.datetime(2018, 2, 21, 10, 0)),
        "dlu.dates",
    ),
}


@pytest.mark.parametrize("edge", sorted(REFUSED))
def test_what_would_not_round_trip_is_refused_when_built(edge: str) -> None:
    """A model object that to_cda could not write so that from_cda reads it back equal is not built."""
    edit, code = REFUSED[edge]
    with pytest.raises(InputError) as info:
        edit(example_dlu())
    assert info.value.code == code


def test_a_timestamp_has_four_digits_of_year() -> None:
    assert format_ts(dt.date(1, 1, 1)) == "00010101"
    assert format_ts(dt.datetime(999, 12, 31, 23, 59, 59)) == "09991231235959"
    assert parse_ts("00010101") == dt.date(1, 1, 1)


def _ts_values(xml: bytes) -> Counter[str]:
    """Every HL7 TS in *xml*: the @value of every element that holds a date or a time, as written."""
    return Counter(
        value
        for element in parse_xml(xml).getroot().iter()
        if isinstance(element.tag, str) and (value := element.get("value")) and _TS.fullmatch(value)
    )


_TS = re.compile(r"\d{8}(\d{2}){0,3}([+-]\d{4})?")


def _rewritten(obj: object) -> object:
    """*obj* as if edited: its origin without the object read (snapshot), so that to_cda writes it from its fields."""
    origin = getattr(obj, "origin", None)
    return obj if origin is None else attrs.evolve(obj, origin=attrs.evolve(origin, snapshot=None))  # type: ignore[misc]


@pytest.mark.kit
@pytest.mark.parametrize("name", [*FAMILY, "../../kit-2021/ExemplesCDA/DLU-DLU_2021.01.xml"])
def test_every_time_is_written_as_read_when_the_entries_are_rewritten(examples_dir: Path, name: str) -> None:
    """Every TS value of the original is in the output, as written, when every section and entry is rewritten from
    its typed fields; none is written in another form (FT-SU GEN-370 20250722093000 has no zone: none is made up)."""
    path = examples_dir / name
    if not path.is_file():
        pytest.skip(f"{path} not found")
    document = from_cda(path)
    sections = tuple(
        attrs.evolve(_rewritten(s), entries=tuple(_rewritten(e) for e in s.entries)) if isinstance(s, Section) else s
        for s in document.sections
    )
    original, written = _ts_values(path.read_bytes()), _ts_values(to_cda(attrs.evolve(document, sections=sections)))
    assert original - written == Counter()
    assert set(written) <= set(original)


def test_a_20_mb_attachment_round_trips() -> None:
    """What to_cda writes, from_cda reads: a PDF far over libxml2's 10 MB text-node limit (28 MB of XML)."""
    document = example_dlu()
    section = document.section(SectionKind.ATTACHED_DOCUMENTS)
    assert section is not None
    pdf = Attachment(data=b"%PDF-1.4\n" + bytes(range(256)) * (20 * 4096))
    big = attrs.evolve(section, entries=(attrs.evolve(section.entries[0], attachment=pdf),))
    document = attrs.evolve(document, sections=tuple(big if s is section else s for s in document.sections))
    xml = to_cda(document)
    assert len(xml) > 27_000_000
    assert from_cda(xml) == document


def test_text_xml_cannot_carry_is_refused() -> None:
    document = example_dlu()
    section = document.section(SectionKind.COMMENT)
    assert section is not None
    bad = attrs.evolve(section, note="bip\x07")
    with pytest.raises(InputError, match="control character"):
        to_cda(attrs.evolve(document, sections=tuple(bad if s is section else s for s in document.sections)))


def test_special_characters_survive() -> None:
    """Markup characters, quotes, tabs and carriage returns in text and attributes round-trip."""
    document = example_dlu()
    section = document.section(SectionKind.COMMENT)
    assert section is not None
    note = 'a < b & c > d "quoted"\r\nnext\tline'
    changed = attrs.evolve(section, note=note, title='Titre <&> "x"')
    again = from_cda(
        to_cda(attrs.evolve(document, sections=tuple(changed if s is section else s for s in document.sections)))
    )
    comment = again.section(SectionKind.COMMENT)
    assert comment is not None
    assert comment.note == note
    assert comment.title == changed.title


def test_raw_xml_must_be_one_well_formed_element() -> None:
    with pytest.raises(CdaParseError):
        RawXml(xml="<entry><oops></entry>")


_RAW_SECTION = (
    '<section xmlns="urn:hl7-org:v3"><templateId root="9.9.9.1"/><code code="11111-1" '
    'codeSystem="2.16.840.1.113883.6.1"/><title>Autre</title><text>x</text></section>'
)
_RAW_INFORMANT = (
    '<informant xmlns="urn:hl7-org:v3"><relatedEntity classCode="PRS"><relatedPerson><name><family>X</family>'
    "</name></relatedPerson></relatedEntity></informant>"
)


@pytest.mark.parametrize("where", ["a raw section", "a raw header element"])
def test_raw_xml_built_in_code_round_trips(where: str) -> None:
    """audit 5c rawrt.py: read back, the element carries the document's xmlns:xsi; it says the same XML."""
    document = example_dlu()
    if where == "a raw section":
        document = attrs.evolve(document, sections=(*document.sections, RawSection(raw=RawXml(xml=_RAW_SECTION))))
    else:
        document = attrs.evolve(document, header=attrs.evolve(document.header, extra=(RawXml(xml=_RAW_INFORMANT),)))
    again = from_cda(to_cda(document))
    assert again == document
    assert to_cda(again) == to_cda(document)


def test_raw_xml_compares_by_canonical_form() -> None:
    """Quotes, empty-element forms, character references and unused declarations do not count; the rest does."""
    plain = RawXml(xml='<entry><act classCode="ACT"><code code="é"/></act></entry>')
    spelled = RawXml(
        xml="<entry xmlns='urn:hl7-org:v3' xmlns:xsi='http://www.w3.org/2001/XMLSchema-instance'>"
        "<act classCode='ACT'><code code='&#233;'></code></act></entry>"
    )
    assert plain == spelled
    assert hash(plain) == hash(spelled)
    assert plain != RawXml(xml='<entry><act classCode="OBS"><code code="é"/></act></entry>')
    assert plain != RawXml(xml='<entry><act classCode="ACT"><!-- c --><code code="é"/></act></entry>')


@pytest.mark.parametrize(
    "xml",
    [
        "<entry/><entry/>",
        "<!-- a comment --><entry/>",
        "<entry/>text",
        " <entry/>",
        '<?xml version="1.0"?><entry/>',
    ],
)
def test_raw_xml_is_one_element_and_nothing_around_it(xml: str) -> None:
    """Embedded as is in the document, what is around the element would be lost on reading, or break the XML."""
    with pytest.raises(InputError):
        RawXml(xml=xml)


def test_raw_xml_may_use_the_document_namespaces() -> None:
    """The xsi prefix and the HL7 default namespace are the document's: the element may use them undeclared."""
    raw = RawEntry(raw=RawXml(xml='<entry><observation><value xsi:type="ST">x</value></observation></entry>'))
    document = attrs.evolve(example_dlu(), sections=_with_entry(example_dlu().sections, raw))
    assert from_cda(to_cda(document)) == document


def _with_entry(sections: tuple[Any, ...], entry: Any) -> tuple[Any, ...]:
    first = sections[0]
    return (attrs.evolve(first, entries=(*first.entries, entry)), *sections[1:])


@pytest.mark.parametrize(
    ("kind", "xml", "message"),
    [
        ("entry", "<observation/>", "must be an HL7 <entry> element (got <observation>)"),
        ("entry", '<x:entry xmlns:x="urn:other"/>', "(got <entry> outside the HL7 namespace)"),
        ("section", "<component><section/></component>", "must be an HL7 <section> element (got <component>)"),
    ],
)
def test_a_raw_entry_or_section_is_the_element_read_back_as_one(kind: str, xml: str, message: str) -> None:
    """The writer puts a raw entry in its section, a raw section in a component: another element is not read back."""
    with pytest.raises(InputError, match=re.escape(message)) as info:
        (RawEntry if kind == "entry" else RawSection)(raw=RawXml(xml=xml))
    assert info.value.code == "dlu.field"


def test_pretty_output_reads_back_the_same() -> None:
    pretty = to_cda(example_dlu(), pretty=True)
    assert b"\n  <realmCode" in pretty
    assert from_cda(pretty) == example_dlu()


def test_unknown_header_elements_are_kept_in_schema_order() -> None:
    from dmpcore.cda import profile_violations

    xml = to_cda(example_dlu()).decode("utf-8")
    order = '<inFulfillmentOf><order><id root="1.2.250.1.71.4.2.2.42" extension="CMD-7"/></order></inFulfillmentOf>'
    xml = xml.replace("<documentationOf>", order + "<documentationOf>", 1)
    document = from_cda(xml)
    assert len(document.header.extra) == 1
    changed = attrs.evolve(document, header=attrs.evolve(document.header, version=3))
    out = to_cda(changed)
    assert b'extension="CMD-7"' in out
    assert out.index(b"<inFulfillmentOf>") < out.index(b"<documentationOf>")
    assert profile_violations(parse_xml(out)) == ()
    assert from_cda(out).header.extra == document.header.extra


@pytest.mark.kit
def test_a_liaison_sheet_is_read_and_written_back_with_its_header_regenerated(examples_dir: Path) -> None:
    from dmpcore.dlu import DocumentKind

    document = from_cda(examples_dir / "DLU-EHPAD-FLUDT_2022.01.xml")
    assert document.kind is DocumentKind.FLUDT
    assert to_cda(document) == to_cda(from_cda(to_cda(document)))
    edited = attrs.evolve(document, header=attrs.evolve(document.header, version=9))
    assert from_cda(to_cda(edited)).header.version == 9


def test_a_broken_rule_of_the_model_is_reported_where_it_is() -> None:
    """Structuration minimale: a document carrying the INS carries its birth place; the error points at the patient."""
    xml = to_cda(example_dlu())
    start, end = xml.index(b"<birthplace>"), xml.index(b"</birthplace>") + len(b"</birthplace>")
    with pytest.raises(CdaParseError, match="INS traits") as info:
        from_cda(xml[:start] + xml[end:])
    assert info.value.xpath == "/ClinicalDocument/recordTarget/patientRole/patient"


# --- comments between sections, a section's own attributes (audit c14n.py, nl_edits.py) -----------------------


def _body_comments(xml: bytes) -> list[str]:
    body = parse_xml(xml).getroot().find(f"{HL7}component/{HL7}structuredBody")
    assert body is not None
    return [str(node.text) for node in body.iter(etree.Comment) if node.getparent() is body]


def _section_shells(xml: bytes) -> list[tuple[object, ...]]:
    """Each section's attributes, templateIds, code and text attributes: what an edit of the section keeps."""
    shells = []
    for section in parse_xml(xml).getroot().iter(HL7 + "section"):
        code, text = section.find(HL7 + "code"), section.find(HL7 + "text")
        shells.append(
            (
                sorted(section.items()),
                [t.get("root") for t in section.findall(HL7 + "templateId")],
                None if code is None else sorted(code.items()),
                None if text is None else sorted(text.items()),
            )
        )
    return shells


_OFFICIAL = [
    *FAMILY,
    *(f"../../kit-2021/ExemplesCDA/DLU-{name}_2021.01.xml" for name in ("DLU", "FLUDT", "FLUDR")),
]


def _retitled(document: Document) -> Document:
    return attrs.evolve(
        document,
        sections=tuple(
            attrs.evolve(s, title="Titre modifié") if isinstance(s, Section) else s for s in document.sections
        ),
    )


@pytest.mark.kit
@pytest.mark.parametrize("name", _OFFICIAL)
@pytest.mark.parametrize("edit", ["unchanged", "every section retitled"])
def test_the_comments_between_sections_are_kept(examples_dir: Path, name: str, edit: str) -> None:
    """FR-SU holds a 2 KB section commented out between two sections: it is written back where it was."""
    path = examples_dir / name
    if not path.is_file():
        pytest.skip(f"{path} not found")
    document = from_cda(path)
    written = to_cda(document if edit == "unchanged" else _retitled(document))
    original = _body_comments(path.read_bytes())
    assert len(original) >= len(document.sections)  # one before each section at least
    assert _body_comments(written) == original


@pytest.mark.kit
@pytest.mark.parametrize("name", _OFFICIAL)
def test_an_edited_section_keeps_its_own_attributes(examples_dir: Path, name: str) -> None:
    """The FLUDT's code displayName="Traitements", every codeSystemName, the text's mediaType: kept as read."""
    path = examples_dir / name
    if not path.is_file():
        pytest.skip(f"{path} not found")
    assert _section_shells(to_cda(_retitled(from_cda(path)))) == _section_shells(path.read_bytes())


def test_comments_hold_what_an_xml_comment_can() -> None:
    with pytest.raises(InputError, match="XML comment") as info:
        Section(kind=SectionKind.COMMENT, note="x", comments=("a -- b",))
    assert info.value.code == "dlu.field"
    section = Section(kind=SectionKind.COMMENT, note="x", comments=(" [0..1] Section FR-Commentaire-non-code ",))
    document = _with_section(example_dlu(), SectionKind.COMMENT, lambda s: section)
    assert from_cda(to_cda(document)) == document


# --- a mood or a negation the model does not carry: the entry stays as read ---------------------

_H = {"h": "urn:hl7-org:v3"}
_MOOD_CHANGES = {
    # the problem is absent: read as a Problem, it would say the contrary
    "problem-negated": ("//h:observation[h:templateId/@root='1.2.250.1.213.1.1.3.37']", "negationInd", "true"),
    "vaccine-not-given": (
        "//h:substanceAdministration[h:templateId/@root='1.2.250.1.213.1.1.3.45']",
        "negationInd",
        "true",
    ),
    "treatment-given-not-prescribed": (
        "//h:substanceAdministration[h:templateId/@root='1.2.250.1.213.1.1.3.42']",
        "moodCode",
        "EVN",
    ),
    "observation-intended": ("//h:observation[h:templateId/@root='1.2.250.1.213.1.1.3.48']", "moodCode", "INT"),
    "directive-negated": ("//h:observation[h:templateId/@root='1.2.250.1.213.1.1.3.54']", "negationInd", "true"),
    # the concern is not about this problem (CDA R2: EntryRelationship.negationInd)
    "relationship-negated": (
        "//h:act[h:templateId/@root='1.2.250.1.213.1.1.3.39']/h:entryRelationship",
        "negationInd",
        "true",
    ),
}


@pytest.mark.parametrize("change", sorted(_MOOD_CHANGES))
def test_an_act_with_a_mood_or_negation_the_model_does_not_carry_is_kept_as_read(change: str) -> None:
    path, attribute, value = _MOOD_CHANGES[change]
    root = etree.fromstring(to_cda(example_dlu()))
    act = root.xpath(path, namespaces=_H)[0]
    act.set(attribute, value)
    read = from_cda(etree.tostring(root))
    raw = [(s, e) for s in read.sections if isinstance(s, Section) for e in s.entries if isinstance(e, RawEntry)]
    assert len(raw) == 1
    kept, entry = raw[0]
    assert f'{attribute}="{value}"' in entry.raw.xml
    # edited around (the section rewritten), the entry is written as it was read
    retitled = attrs.evolve(kept, entries=(*kept.entries,), note="édité")
    again = to_cda(attrs.evolve(read, sections=tuple(retitled if s is kept else s for s in read.sections)))
    (written,) = etree.fromstring(again).xpath(path, namespaces=_H)[:1]
    assert written.get(attribute) == value


def test_a_procedure_not_performed_is_still_typed() -> None:
    # the one negation the model carries: Procedure.performed
    root = etree.fromstring(to_cda(example_dlu()))
    root.xpath("//h:procedure", namespaces=_H)[0].set("negationInd", "true")
    read = from_cda(etree.tostring(root))
    procedures = [e for s in read.sections if isinstance(s, Section) for e in s.entries if isinstance(e, Procedure)]
    assert sorted(p.performed for p in procedures) == [False, True]
