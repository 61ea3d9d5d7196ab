"""The header: an edit rewrites the edited parts only; the service event and the encounter are modelled.

Structuration minimale: documentationOf/serviceEvent carries its effectiveTime and exactly one performer
whose representedOrganization/standardIndustryClassCode is the XDS practiceSettingCode (DOMAIN.md §5);
componentOf/encompassingEncounter carries its effectiveTime and location/healthCareFacility/code.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import attrs
import pytest
from lxml import etree

from dmpcore.cda import from_cda, parse_xml, to_cda
from dmpcore.codes import Code
from dmpcore.dlu import Document, Organization, example_dlu, new_id
from dmpcore.errors import CdaParseError, InputError, UnknownDocumentKind

HL7 = "{urn:hl7-org:v3}"
PARIS = dt.timezone(dt.timedelta(hours=1))
FAMILY_2022 = [
    "DLU-EHPAD-DLU_2022.01.xml",
    "DLU-EHPAD-FLUDT_2022.01.xml",
    "DLU-EHPAD-FLUDR_2022.01.xml",
    "DLU-FT-SU_2025.01.xml",
    "DLU-FR-SU_2025.01.xml",
]
FAMILY_2021 = ["DLU-DLU_2021.01.xml", "DLU-FLUDT_2021.01.xml", "DLU-FLUDR_2021.01.xml"]


def _official(kit_dir: Path, name: str) -> Path:
    folder = kit_dir / "ExemplesCDA" if name in FAMILY_2022 else kit_dir.parent / "kit-2021" / "ExemplesCDA"
    path = folder / name
    if not path.is_file():
        pytest.skip(f"{path} not found")
    return path


def _header_nodes(xml: bytes) -> list[str]:
    """The prolog, the root's attributes and each header child (comments included), canonicalised."""
    root = parse_xml(xml).getroot()
    prolog = [etree.tostring(node) for node in root.itersiblings(preceding=True)]
    children = [
        etree.tostring(child, method="c14n" if isinstance(child.tag, str) else "xml", with_tail=False)
        for child in root
        if child.tag != HL7 + "component"
    ]
    return [repr(sorted(root.attrib.items())), *map(repr, reversed(prolog)), *map(repr, children)]


def _edited(document: Document, **changes: object) -> bytes:
    return to_cda(attrs.evolve(document, header=attrs.evolve(document.header, **changes)))


@pytest.mark.kit
@pytest.mark.parametrize("name", FAMILY_2022 + FAMILY_2021)
def test_a_version_bump_rewrites_the_version_only(kit_dir: Path, name: str) -> None:
    """Every other header element is kept as read: comments, root attributes and the prolog too."""
    path = _official(kit_dir, name)
    document = from_cda(path)
    original = _header_nodes(path.read_bytes())
    edited = _header_nodes(_edited(document, version=document.header.version + 1))
    changed = [(a, b) for a, b in zip(original, edited, strict=True) if a != b]
    assert len(changed) == 1
    assert "versionNumber" in changed[0][0]
    assert f'value="{document.header.version + 1}"' in changed[0][1]


@pytest.mark.kit
def test_an_edited_part_is_regenerated_and_the_others_kept(examples_dir: Path) -> None:
    path = examples_dir / "DLU-EHPAD-DLU_2022.01.xml"
    document = from_cda(path)
    original = _header_nodes(path.read_bytes())
    custodian = attrs.evolve(document.header.custodian, name="EHPAD LES TILLEULS")
    edited = _header_nodes(_edited(document, custodian=custodian))
    changed = [b for a, b in zip(original, edited, strict=True) if a != b]
    assert len(changed) == 1
    assert "custodian" in changed[0]
    assert "EHPAD LES TILLEULS" in changed[0]


_TIMES = {
    "participant": f"{HL7}participant[@typeCode='INF']/{HL7}time/{HL7}low",
    "author": f"{HL7}author/{HL7}time",
    "signature": f"{HL7}legalAuthenticator/{HL7}time",
    "service start": f"{HL7}documentationOf/{HL7}serviceEvent/{HL7}effectiveTime/{HL7}low",
    "service end": f"{HL7}documentationOf/{HL7}serviceEvent/{HL7}effectiveTime/{HL7}high",
    "encounter start": f"{HL7}componentOf/{HL7}encompassingEncounter/{HL7}effectiveTime/{HL7}low",
    "encounter end": f"{HL7}componentOf/{HL7}encompassingEncounter/{HL7}effectiveTime/{HL7}high",
}


def _times(xml: bytes | Path) -> dict[str, str | None]:
    """The header's times other than effectiveTime, by part (None: not written)."""
    root = parse_xml(xml).getroot()
    found = {name: root.find(path) for name, path in _TIMES.items()}
    return {name: None if element is None else element.get("value") for name, element in found.items()}


@pytest.mark.kit
@pytest.mark.parametrize("name", FAMILY_2022 + FAMILY_2021)
def test_a_new_version_keeps_the_times_the_document_states(kit_dir: Path, name: str) -> None:
    """A new version (new id and effectiveTime) changes those, not the times of the other parts, as read."""
    path = _official(kit_dir, name)
    document = from_cda(path)
    later = dt.datetime(2025, 3, 4, 10, 0, tzinfo=PARIS)
    edited = _edited(document, id=new_id(), effective_time=later, version=document.header.version + 1)
    assert _times(edited) == _times(path)
    assert parse_xml(edited).getroot().find(f"{HL7}effectiveTime").get("value") == "20250304100000+0100"  # type: ignore[union-attr]


def _with_header_times(examples_dir: Path) -> bytes:
    """The official DLU with a médecin traitant since 2015 and a signature the next morning (audit hdr_times.py)."""
    root = parse_xml(examples_dir / "DLU-EHPAD-DLU_2022.01.xml").getroot()
    root.find(_TIMES["participant"]).set("value", "20150101")  # type: ignore[union-attr]
    root.find(_TIMES["signature"]).set("value", "20200328090000+0100")  # type: ignore[union-attr]
    return etree.tostring(root)


@pytest.mark.kit
@pytest.mark.parametrize("edit", ["médecin traitant renamed", "signatory without telecoms", "new time", "no origin"])
def test_an_edited_header_keeps_the_participant_and_signature_times(examples_dir: Path, edit: str) -> None:
    """participant/time/low and legalAuthenticator/time are facts of their own (attending_since, signature_time)."""
    document = from_cda(_with_header_times(examples_dir))
    header = document.header
    assert (header.attending_since, header.signature_time) == (
        dt.date(2015, 1, 1),
        dt.datetime(2020, 3, 28, 9, 0, tzinfo=PARIS),
    )
    physician = header.attending_physician
    assert physician is not None
    changes = {
        "médecin traitant renamed": {
            "attending_physician": attrs.evolve(physician, name=attrs.evolve(physician.name, given="Paul"))
        },
        "signatory without telecoms": {"legal_authenticator": attrs.evolve(header.legal_authenticator, telecoms=())},
        "new time": {"effective_time": dt.datetime(2025, 3, 4, 10, 0, tzinfo=PARIS)},
        "no origin": {"origin": None},
    }[edit]
    times = _times(_edited(document, **changes))
    assert (times["participant"], times["signature"]) == ("20150101", "20200328090000+0100")


_PARTICIPANT_TIME = f"{HL7}participant[@typeCode='INF']/{HL7}time"
#: the official DLU with a header time it does not give (audit 5c: mt_timeunk, mt_unk, mt_notime, la_unk...):
#: the time's element, its nullFlavor (None: removed), and the header field whose edit regenerates its part
_UNKNOWN_TIMES = {
    "participant time UNK": (_PARTICIPANT_TIME, "UNK", "attending_physician"),
    "participant low UNK": (_TIMES["participant"], "UNK", "attending_physician"),
    "participant without time": (_PARTICIPANT_TIME, None, "attending_physician"),
    "signature UNK": (_TIMES["signature"], "UNK", "legal_authenticator"),
    "author time NAV": (_TIMES["author"], "NAV", "author"),
    "service start UNK": (_TIMES["service start"], "UNK", "performer"),
    "service end NA": (_TIMES["service end"], "NA", "performer"),
    "encounter end UNK": (_TIMES["encounter end"], "UNK", "responsible_party"),
}


#: the times whose @value the structuration minimale requires: unknown, they are refused when their part is written
_REQUIRED_TIMES = {
    "signature UNK": "signature_time",
    "author time NAV": "author_time",
    "service start UNK": "service_start",
}


def _with_unknown_time(examples_dir: Path, variant: str) -> bytes:
    root = parse_xml(examples_dir / "DLU-EHPAD-DLU_2022.01.xml").getroot()
    path, null_flavor, _ = _UNKNOWN_TIMES[variant]
    element = root.find(path)
    assert element is not None
    if null_flavor is None:
        element.getparent().remove(element)  # type: ignore[union-attr]
    else:
        element.clear(keep_tail=True)  # its value, its xsi:type and its low go
        element.set("nullFlavor", null_flavor)
    return etree.tostring(root)


def _time_fact(xml: bytes, variant: str) -> tuple[str | None, str | None] | None:
    """The time of the variant's part as written: (value, nullFlavor), None without element."""
    path = _UNKNOWN_TIMES[variant][0].removesuffix(f"/{HL7}low")
    element = parse_xml(xml).getroot().find(path)
    if element is not None and element.get("value") is None and element.get("nullFlavor") is None:
        element = element.find(f"{HL7}low")  # participant/time/low
    return None if element is None else (element.get("value"), element.get("nullFlavor"))


@pytest.mark.kit
@pytest.mark.parametrize("edit", ["part edited", "new version", "no origin", "from a dict"])
@pytest.mark.parametrize("variant", _UNKNOWN_TIMES)
def test_a_time_the_document_does_not_give_is_not_made_up(examples_dir: Path, variant: str, edit: str) -> None:
    """Rewriting a header part keeps its unknown time unknown (audit 5c: renaming the médecin traitant of a
    participant with <time nullFlavor="UNK"/> wrote <low value="20200327153500+0100"/>, the effective time)."""
    from dmpcore.dlu import from_dict, to_dict

    xml = _with_unknown_time(examples_dir, variant)
    document = from_cda(xml)
    field = _UNKNOWN_TIMES[variant][2]
    person = getattr(document.header, field)
    changes = {
        "part edited": {field: attrs.evolve(person, name=attrs.evolve(person.name, given="Paul"))},
        "new version": {"effective_time": dt.datetime(2025, 3, 4, 10, 0, tzinfo=PARIS), "version": 2},
        "no origin": {"origin": None},
        "from a dict": {},
    }[edit]
    edited = attrs.evolve(document, header=attrs.evolve(document.header, **changes))
    if edit == "from a dict":
        edited = from_dict(to_dict(document))
    if variant in _REQUIRED_TIMES and edit != "new version":  # the part is regenerated from the model
        with pytest.raises(InputError, match=f"'{_REQUIRED_TIMES[variant]}' is unknown") as info:
            to_cda(edited)
        assert info.value.code == "dlu.time.unknown"
        return
    out = to_cda(edited)
    assert _time_fact(out, variant) == _time_fact(xml, variant)
    assert from_cda(out).header == edited.header


def test_an_unknown_time_is_written_with_its_null_flavor_in_a_header_built_in_code() -> None:
    from dmpcore.dlu import UnknownTime

    header = attrs.evolve(
        example_dlu().header,
        attending_since=UnknownTime(),
        encounter_end=UnknownTime(null_flavor="NAV"),
        service_end=UnknownTime(null_flavor="NA"),
    )
    out = to_cda(attrs.evolve(example_dlu(), header=header))
    assert _time_fact(out, "participant time UNK") == (None, "UNK")
    assert _time_fact(out, "encounter end UNK") == (None, "NAV")
    assert _time_fact(out, "service end NA") == (None, "NA")
    assert from_cda(out).header == header
    with pytest.raises(InputError, match="NullFlavor") as info:
        UnknownTime(null_flavor="unknown")
    assert info.value.code == "dlu.time"


def test_a_part_left_none_takes_its_default_when_written_and_equals_it() -> None:
    """Built in code, the parts that follow effective_time or the author are None; read back, they are explicit."""
    header = example_dlu().header
    assert (header.author_time, header.signature_time, header.attending_since, header.performer) == (None,) * 4
    read = from_cda(to_cda(example_dlu())).header
    assert (read.author_time, read.signature_time, read.attending_since) == (header.effective_time,) * 3
    assert (read.service_start, read.encounter_end, read.performer) == (
        header.effective_time,
        header.effective_time,
        header.author,
    )
    assert read == header == header.with_defaults()
    assert hash(read) == hash(header)
    later = header.effective_time + dt.timedelta(days=1)
    # built in code, a part left None follows effective_time; read, it keeps its own value
    assert _times(to_cda(attrs.evolve(example_dlu(), header=attrs.evolve(header, effective_time=later))))[
        "signature"
    ] == ("20260303103000+0100")
    assert attrs.evolve(read, effective_time=later).signature_time == header.effective_time


@pytest.mark.kit
@pytest.mark.parametrize(
    ("name", "start", "end", "sector"),
    [
        ("DLU-EHPAD-DLU_2022.01.xml", None, "20200327153500+0100", "ETABLISSEMENT"),
        ("DLU-EHPAD-FLUDT_2022.01.xml", None, "20200327175000+0100", "ETABLISSEMENT"),
        ("DLU-EHPAD-FLUDR_2022.01.xml", "20200327153500+0100", "20200328175500+0100", "ETABLISSEMENT"),
        ("DLU-FT-SU_2025.01.xml", None, "20250722175000+0100", "ESSMS"),
    ],
)
def test_a_regenerated_header_keeps_the_service_event_and_the_encounter(
    kit_dir: Path, name: str, start: str | None, end: str, sector: str
) -> None:
    """Written from the model alone (no origin), the performer and the encounter's times are those read."""
    path = _official(kit_dir, name)
    document = from_cda(path)
    root = parse_xml(_edited(document, origin=None)).getroot()
    encounter = f"{HL7}componentOf/{HL7}encompassingEncounter/{HL7}effectiveTime/"
    low, high = root.find(encounter + f"{HL7}low"), root.find(encounter + f"{HL7}high")
    assert (None if low is None else low.get("value"), None if high is None else high.get("value")) == (start, end)
    original = parse_xml(path).getroot()
    performer = f"{HL7}documentationOf/{HL7}serviceEvent/{HL7}performer/{HL7}assignedEntity"
    for element in (root, original):
        found = element.find(f"{performer}/{HL7}representedOrganization/{HL7}standardIndustryClassCode")
        assert found is not None
        assert found.get("code") == sector
    written, read = root.find(performer), original.find(performer)
    assert written is not None
    assert read is not None
    assert sorted((e.tag, e.get("extension"), (e.text or "").strip()) for e in written.iter()) == sorted(
        (e.tag, e.get("extension"), (e.text or "").strip()) for e in read.iter() if isinstance(e.tag, str)
    )


def test_a_new_header_derives_its_parts_from_the_author_and_the_time() -> None:
    header = example_dlu().header
    assert header.performer is None
    assert header.service_performer == header.author == header.encounter_responsible
    root = parse_xml(to_cda(example_dlu())).getroot()
    when = "20260302103000+0100"
    assert root.find(f"{HL7}componentOf/{HL7}encompassingEncounter/{HL7}effectiveTime/{HL7}high").get("value") == when  # type: ignore[union-attr]
    assert root.find(f"{HL7}componentOf/{HL7}encompassingEncounter/{HL7}effectiveTime/{HL7}low") is None


def test_equality_is_that_of_the_header_written() -> None:
    """A part given equal to its default is not stored as None, but the header equals the one that leaves it None."""
    header = example_dlu().header
    same = attrs.evolve(
        header,
        author_time=header.effective_time,
        service_start=header.effective_time,
        encounter_end=header.effective_time,
        performer=header.author,
        responsible_party=header.author,
    )
    assert same == header
    assert (same.author_time, same.performer) == (header.effective_time, header.author)
    assert attrs.evolve(header, author_time=header.effective_time - dt.timedelta(minutes=1)) != header
    assert attrs.evolve(header, performer=attrs.evolve(header.author, telecoms=())) != header


def test_an_explicit_performer_needs_its_sector() -> None:
    header = example_dlu().header
    performer = attrs.evolve(header.author, organization=Organization(name="EHPAD"))
    with pytest.raises(InputError, match="performer needs an organization with its sector") as info:
        attrs.evolve(header, performer=performer)
    assert info.value.code == "dlu.performer"


def test_header_parts_round_trip() -> None:
    header = example_dlu().header
    other = attrs.evolve(
        header.author,
        organization=attrs.evolve(
            header.author.organization,  # type: ignore[arg-type]
            sector=Code(code="ETABLISSEMENT", code_system="1.2.250.1.213.1.1.4.9", display="Etablissement de santé"),
        ),
    )
    edited = attrs.evolve(
        example_dlu(),
        header=attrs.evolve(
            header,
            performer=other,
            responsible_party=attrs.evolve(header.author, address=None),
            encounter_start=header.effective_time - dt.timedelta(days=3),
            encounter_end=header.effective_time + dt.timedelta(hours=2),
            author_time=header.effective_time - dt.timedelta(minutes=5),
        ),
    )
    assert from_cda(to_cda(edited)) == edited


# --- Header.extra: the elements dmpcore does not model ----------------------------------------

_WRITTEN_ELEMENTS = {
    "recordTarget": f"{HL7}recordTarget",
    "id": f"{HL7}id",
    "custodian": f"{HL7}custodian",
    "legalAuthenticator": f"{HL7}legalAuthenticator",
    "componentOf": f"{HL7}componentOf",
    "body": f"{HL7}component",
}


def _element_of_example(path: str) -> str:
    element = parse_xml(to_cda(example_dlu())).getroot().find(path)
    assert element is not None
    return etree.tostring(element, encoding="unicode")


@pytest.mark.parametrize("name", _WRITTEN_ELEMENTS)
def test_extra_refuses_an_element_the_header_writes(name: str) -> None:
    """A second recordTarget (or id, custodian, body...) in extra would be written besides the model's (audit 5c)."""
    from dmpcore.dlu import RawXml

    xml = _element_of_example(_WRITTEN_ELEMENTS[name])
    with pytest.raises(InputError, match=r"extra\[1\]") as info:
        attrs.evolve(example_dlu().header, extra=(RawXml(xml="<dataEnterer/>"), RawXml(xml=xml)))
    assert info.value.code == "dlu.field"


def test_extra_refuses_an_element_the_header_writes_in_the_dict_form() -> None:
    from dmpcore.dlu import DictError, from_dict, to_dict

    data = to_dict(example_dlu())
    data["header"]["extra"] = [{"xml": _element_of_example(_WRITTEN_ELEMENTS["recordTarget"])}]
    with pytest.raises(DictError, match=r"recordTarget.* @ \$\.header\.extra"):
        from_dict(data)


def test_a_document_with_two_patients_is_refused_when_read() -> None:
    xml = to_cda(example_dlu()).decode("utf-8")
    patient = _element_of_example(_WRITTEN_ELEMENTS["recordTarget"])
    with pytest.raises(CdaParseError, match="recordTarget"):
        from_cda(xml.replace("<author>", patient + "<author>", 1))


def test_extra_keeps_a_second_author_which_cda_allows() -> None:
    xml = to_cda(example_dlu()).decode("utf-8")
    author = _element_of_example(f"{HL7}author")
    document = from_cda(xml.replace("<author>", author + "<author>", 1))
    assert len(document.header.extra) == 1
    assert to_cda(document).count(b"<author>") == 2


# --- the version of the document model -------------------------------------------------------


@pytest.mark.kit
@pytest.mark.parametrize("name", FAMILY_2021)
def test_a_2021_document_keeps_its_version(kit_dir: Path, name: str) -> None:
    """Decision: an earlier model version is read and written back with its version and its document code."""
    document = from_cda(_official(kit_dir, name))
    assert document.model_version == "2021.01"
    for changes in ({"version": 2}, {"version": 2, "origin": None}):
        root = parse_xml(_edited(document, **changes)).getroot()
        volet = [t.get("extension") for t in root.iter(f"{HL7}templateId") if t.get("root") == document.kind.value]
        assert volet == ["2021.01"]
        assert root.find(f"{HL7}code").get("code") == "34133-9"  # type: ignore[union-attr]


def test_the_current_version_is_the_default_and_can_be_changed() -> None:
    document = example_dlu()
    assert document.model_version == "2022.01"
    older = attrs.evolve(document, model_version="2021.01")
    root = parse_xml(to_cda(older)).getroot()
    assert root.find(f"{HL7}code").get("code") == "34133-9"  # type: ignore[union-attr]
    assert from_cda(to_cda(older)) == older
    upgraded = from_cda(to_cda(older))
    again = parse_xml(to_cda(attrs.evolve(upgraded, model_version="2022.01"))).getroot()
    assert again.find(f"{HL7}code").get("code") == "74207-2"  # type: ignore[union-attr]
    with pytest.raises(InputError, match=r"2022\.01, 2021\.01") as info:
        attrs.evolve(document, model_version="2030.01")
    assert info.value.code == "dlu.model-version"


def test_an_unknown_model_version_is_refused_where_it_is() -> None:
    xml = to_cda(example_dlu()).replace(b'extension="2022.01"', b'extension="2030.01"')
    with pytest.raises(UnknownDocumentKind, match=r"2030\.01") as info:
        from_cda(xml)
    assert info.value.code == "cda.model-version"
    assert info.value.xpath == "/ClinicalDocument/templateId[3]"


def test_an_unreadable_version_number_is_refused() -> None:
    xml = to_cda(example_dlu()).replace(b'<versionNumber value="1"/>', b'<versionNumber value="0"/>')
    with pytest.raises(CdaParseError, match="versionNumber") as info:
        from_cda(xml)
    assert info.value.xpath == "/ClinicalDocument/versionNumber"


def test_the_model_title_is_stored_as_none() -> None:
    document = example_dlu()
    titled = attrs.evolve(document, header=attrs.evolve(document.header, title="Dossier de liaison d'urgence"))
    assert titled.header.title is None
    assert titled == document


def test_an_origin_made_by_hand_regenerates_the_header() -> None:
    """An Origin without the object read (snapshot None) says nothing of what changed: every part is rewritten."""
    from dmpcore.dlu import Origin

    document = from_cda(to_cda(example_dlu()))
    assert document.header.origin is not None
    hand_made = Origin(xml=document.header.origin.xml, snapshot=None)
    edited = attrs.evolve(document, header=attrs.evolve(document.header, version=5, origin=hand_made))
    assert from_cda(to_cda(edited)) == attrs.evolve(document, header=attrs.evolve(document.header, version=5))


# --- extras the reader would take as parts, unknown times (audit 5d) -----------------------------


@pytest.mark.parametrize(
    "xml",
    [
        '<templateId root="1.2.3.4.5"/>',
        '<realmCode code="FR"/>',
    ],
)
def test_extra_refuses_an_element_read_back_into_the_header_parts(xml: str) -> None:
    from dmpcore.dlu import RawXml

    with pytest.raises(InputError, match=r"extra\[0\]") as info:
        attrs.evolve(example_dlu().header, extra=(RawXml(xml=xml),))
    assert info.value.code == "dlu.field"


def test_an_extra_informant_is_refused_unless_the_header_writes_one_first() -> None:
    from dmpcore.dlu import RawXml

    header = example_dlu().header
    informant = RawXml(xml=_element_of_example(f"{HL7}informant"))
    assert header.emergency_contact is not None  # the example's first informant: the personne à prévenir
    # without a personne à prévenir, an extra ECON informant would be read back as one
    assert 'classCode="ECON"' in informant.xml
    with pytest.raises(InputError, match=r"<informant> at extra\[0\]"):
        attrs.evolve(header, emergency_contact=None, extra=(informant,))
    # with one, the second is extra, and reads back as such
    document = attrs.evolve(example_dlu(), header=attrs.evolve(header, extra=(informant,)))
    assert from_cda(to_cda(document)) == document


def _with_encounter_time(xml: bytes, times: str) -> bytes:
    root = etree.fromstring(xml)
    encounter = root.find(f"{HL7}componentOf/{HL7}encompassingEncounter")
    assert encounter is not None
    old = encounter.find(f"{HL7}effectiveTime")
    assert old is not None
    old.addnext(etree.fromstring(times))
    encounter.remove(old)
    return etree.tostring(root)


def test_an_unknown_encounter_time_is_kept_when_the_encounter_is_rewritten() -> None:
    # <effectiveTime nullFlavor="UNK"/>: rewritten as an unknown end, never as an empty effectiveTime
    xml = _with_encounter_time(to_cda(example_dlu()), f'<effectiveTime xmlns="{HL7[1:-1]}" nullFlavor="UNK"/>')
    read = from_cda(xml)
    from dmpcore.dlu import UnknownTime

    assert (read.header.encounter_start, read.header.encounter_end) == (None, UnknownTime(null_flavor="UNK"))
    other = attrs.evolve(read.header.encounter_responsible, telecoms=())
    edited = attrs.evolve(read, header=attrs.evolve(read.header, responsible_party=other))
    times = parse_xml(to_cda(edited)).getroot().find(f"{HL7}componentOf/{HL7}encompassingEncounter/{HL7}effectiveTime")
    assert times is not None
    assert [(etree.QName(c).localname, dict(c.attrib)) for c in times] == [("high", {"nullFlavor": "UNK"})]
    assert from_cda(to_cda(edited)) == edited


def test_an_encounter_with_no_time_at_all_is_not_written() -> None:
    from dmpcore.dlu import UnknownTime

    header = attrs.evolve(example_dlu().header, encounter_start=None, encounter_end=UnknownTime(null_flavor=None))
    with pytest.raises(InputError) as info:
        to_cda(attrs.evolve(example_dlu(), header=header))
    assert info.value.code == "dlu.time.unknown"


@pytest.mark.parametrize("field", ["service_end", "encounter_start"])
def test_a_time_written_only_when_given_is_none_when_no_element_is_given(field: str) -> None:
    from dmpcore.dlu import UnknownTime

    header = attrs.evolve(example_dlu().header, **{field: UnknownTime(null_flavor=None)})
    assert getattr(header, field) is None
    document = attrs.evolve(example_dlu(), header=header)
    assert from_cda(to_cda(document)) == document
