"""METADATA.XML: the ebRIM SubmitObjectsRequest written is read back to the same DocumentEntry."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st
from lxml import etree

from dmpcore.cda import parse_xml
from dmpcore.errors import CdaParseError
from dmpcore.visibility import Restriction
from dmpcore.xds import MetadataError, Submission, document_entry
from dmpcore.xds import constants as c
from dmpcore.xds._ebrim import read_metadata, write_metadata
from dmpcore.xds._sample import sample_cda

SUBMISSION = Submission(time=datetime(2025, 3, 1, 10, 0, tzinfo=UTC), unique_id="2.25.1", source_id="2.25.2")
RIM = {"rim": c.NS_RIM}


@given(
    st.sets(st.sampled_from(list(Restriction))),
    st.text(st.characters(blacklist_categories=("Cs", "Cc")), min_size=1, max_size=40),
)
def test_round_trip(restrictions: set[Restriction], title: str) -> None:
    entry = attrs.evolve(document_entry(sample_cda(), restrictions=restrictions), title=title.strip() or "t")
    back, uri = read_metadata(write_metadata(entry, uri="DOC0001.XML", submission=SUBMISSION))
    assert back == entry
    assert back.restrictions == restrictions
    assert uri == "DOC0001.XML"


def test_classifications_use_the_ihe_schemes() -> None:
    entry = document_entry(sample_cda(), restrictions={Restriction.MASQUE_PS})
    root = etree.fromstring(write_metadata(entry, uri="DOC0001.XML", submission=SUBMISSION))
    eo = root.find("rim:RegistryObjectList/rim:ExtrinsicObject", RIM)
    assert eo is not None
    assert eo.get("objectType") == c.DOCUMENT_ENTRY.object_type
    by_scheme = {
        scheme: [
            e.get("nodeRepresentation")
            for e in eo.iterfind(f"rim:Classification[@classificationScheme='{scheme}']", RIM)
        ]
        for scheme in (c.DOCUMENT_ENTRY.type_code, c.DOCUMENT_ENTRY.class_code, c.DOCUMENT_ENTRY.confidentiality_code)
    }
    assert by_scheme[c.DOCUMENT_ENTRY.type_code] == ["74207-2"]  # never the 2021 examples' 34133-9
    assert by_scheme[c.DOCUMENT_ENTRY.class_code] == ["11"]
    assert by_scheme[c.DOCUMENT_ENTRY.confidentiality_code] == ["N", "MASQUE_PS"]
    patient = eo.find(f"rim:ExternalIdentifier[@identificationScheme='{c.DOCUMENT_ENTRY.patient_id}']", RIM)
    assert patient is not None
    assert patient.get("value") == "285077512345655^^^&1.2.250.1.213.1.4.10&ISO^NH"


def test_same_submission_same_bytes() -> None:
    entry = document_entry(sample_cda())
    assert write_metadata(entry, uri="D", submission=SUBMISSION) == write_metadata(
        entry, uri="D", submission=SUBMISSION
    )


@pytest.mark.parametrize(
    ("data", "error", "code"),
    [
        (b"<notEbrim/>", MetadataError, "xds.ebrim"),
        (b"<a>", CdaParseError, "cda.syntax"),
        (b'<!DOCTYPE a [<!ENTITY e "x">]><a>&e;</a>', CdaParseError, "cda.dtd"),
        (f'<lcm:SubmitObjectsRequest xmlns:lcm="{c.NS_LCM}"/>'.encode(), MetadataError, "xds.ebrim"),
    ],
)
def test_bad_metadata_is_refused(data: bytes, error: type[Exception], code: str) -> None:
    with pytest.raises(error) as caught:
        read_metadata(data)
    assert getattr(caught.value, "code", None) == code


@pytest.mark.parametrize(
    "mutation",
    [
        lambda t: t.replace(c.DOCUMENT_ENTRY.type_code, "urn:uuid:00000000-0000-0000-0000-000000000000"),
        lambda t: t.replace('name="size"', 'name="sizeX"'),
        lambda t: t.replace(c.DOCUMENT_ENTRY.unique_id, "urn:uuid:00000000-0000-0000-0000-000000000001"),
    ],
)
def test_incomplete_metadata_is_refused(mutation: object) -> None:
    text = write_metadata(document_entry(sample_cda()), uri="D", submission=SUBMISSION).decode()
    assert callable(mutation)
    with pytest.raises(MetadataError):
        read_metadata(mutation(text).encode())


# --- the SubmissionSet (ITI-32 carries exactly one) ---------------------------------------------


def _objects(root: etree._Element) -> etree._Element:
    objects = root.find("rim:RegistryObjectList", RIM)
    assert objects is not None
    return objects


def _remove(root: etree._Element, path: str) -> None:
    found = _objects(root).findall(path, RIM)
    assert found, path
    for element in found:
        element.getparent().remove(element)  # type: ignore[union-attr]


def _other_set_patient(root: etree._Element) -> None:
    patient = _objects(root).find(
        f"rim:RegistryPackage/rim:ExternalIdentifier[@identificationScheme='{c.SUBMISSION_SET.patient_id}']", RIM
    )
    assert patient is not None
    patient.set("value", "279035121518989^^^&1.2.250.1.213.1.4.10&ISO^NH")


def _second_set(root: etree._Element) -> None:
    objects = _objects(root)
    package, node = objects.find("rim:RegistryPackage", RIM), objects.find("rim:Classification", RIM)
    assert package is not None
    assert node is not None
    objects.append(etree.fromstring(etree.tostring(package).replace(b'id="urn:uuid:', b'id="urn:uuid:f')))
    twin = etree.fromstring(etree.tostring(node))
    twin.set("classifiedObject", "urn:uuid:f" + package.get("id", "")[9:])
    objects.append(twin)


def _unidentified_set(root: etree._Element) -> None:
    """No SubmissionSet classification, and no XDSSubmissionSet.uniqueId on the package either."""
    _remove(root, "rim:Classification")
    package = _objects(root).find("rim:RegistryPackage", RIM)
    assert package is not None
    for identifier in package.findall("rim:ExternalIdentifier", RIM):
        if identifier.get("identificationScheme") == c.SUBMISSION_SET.unique_id:
            package.remove(identifier)


def _association(attribute: str, value: str) -> Callable[[etree._Element], None]:
    def change(root: etree._Element) -> None:
        association = _objects(root).find("rim:Association", RIM)
        assert association is not None
        association.set(attribute, value)

    return change


SUBMISSION_SET_BREAKS: dict[str, tuple[Callable[[etree._Element], None], str]] = {
    "no RegistryPackage": (lambda root: _remove(root, "rim:RegistryPackage"), "xds.submission_set"),
    "package neither classified nor identified": (_unidentified_set, "xds.submission_set"),
    "two submission sets": (_second_set, "xds.submission_set"),
    "no association": (lambda root: _remove(root, "rim:Association"), "xds.association"),
    "association to another object": (_association("targetObject", "urn:uuid:other"), "xds.association"),
    "association from another object": (_association("sourceObject", "urn:uuid:other"), "xds.association"),
    "association not HasMember": (
        _association("associationType", "urn:oasis:names:tc:ebxml-regrep:AssociationType:RelatedTo"),
        "xds.association",
    ),
    "other patient in the set": (_other_set_patient, "xds.patient_mismatch"),
}


@pytest.mark.parametrize(("change", "code"), SUBMISSION_SET_BREAKS.values(), ids=list(SUBMISSION_SET_BREAKS))
def test_the_submission_set_is_required(change: Callable[[etree._Element], None], code: str) -> None:
    """ITI-32: one RegistryPackage classified as a SubmissionSet, holding the entry (HasMember), same patient."""
    root = etree.fromstring(write_metadata(document_entry(sample_cda()), uri="D", submission=SUBMISSION))
    change(root)
    with pytest.raises(MetadataError) as caught:
        read_metadata(etree.tostring(root))
    assert caught.value.code == code
    assert "285077512345655" not in str(caught.value)
    assert "279035121518989" not in str(caught.value)


def test_a_classification_inside_the_package_is_accepted() -> None:
    entry = document_entry(sample_cda())
    root = etree.fromstring(write_metadata(entry, uri="D", submission=SUBMISSION))
    objects = _objects(root)
    node, package = objects.find("rim:Classification", RIM), objects.find("rim:RegistryPackage", RIM)
    assert node is not None
    assert package is not None
    package.append(node)
    unique_id = f"rim:ExternalIdentifier[@identificationScheme='{c.SUBMISSION_SET.unique_id}']"
    identifier = package.find(unique_id, RIM)
    assert identifier is not None
    package.remove(identifier)  # only the classification inside the package names the set now
    read, uri = read_metadata(etree.tostring(root))
    assert (read.unique_id, uri) == (entry.unique_id, "D")


# --- the ANS 2021 XDM examples ------------------------------------------------------------------

EXAMPLES_2021 = {
    # file prefix: (the 2022 kit example of the same model, formatCode the 2021 metadata carry)
    "DLU-DLU": ("DLU-EHPAD-DLU_2022.01.xml", "urn:asip:ci-sis:dlu:2015"),
    "DLU-FLUDR": ("DLU-EHPAD-FLUDR_2022.01.xml", "urn:asip:ci-sis:fludr:2017"),
    "DLU-FLUDT": ("DLU-EHPAD-FLUDT_2022.01.xml", "urn:asip:ci-sis:fludt:2017"),
}


def _classified(data: bytes) -> bytes:
    """*data* with the SubmissionSet classification the 2021 examples lack (IHE ITI TF-3 §4.2.1)."""
    root = parse_xml(data).getroot()
    objects = _objects(root)
    package = objects.find("rim:RegistryPackage", RIM)
    assert package is not None
    etree.SubElement(
        objects,
        f"{{{c.NS_RIM}}}Classification",
        id="node",
        classifiedObject=package.get("id", ""),
        classificationNode=c.SUBMISSION_SET.classification_node,
    )
    return etree.tostring(root)


@pytest.mark.kit
def test_the_2021_examples_are_read_as_written(xdm_2021: list[Path]) -> None:
    """The ANS 2021 metadata leave their RegistryPackage unclassified; its XDSSubmissionSet.uniqueId names it."""
    for path in xdm_2021:
        data = path.read_bytes()
        assert read_metadata(data) == read_metadata(_classified(data)), path.name


@pytest.mark.kit
def test_the_2021_examples_read_once_classified(xdm_2021: list[Path]) -> None:
    for path in xdm_2021:
        entry, uri = read_metadata(_classified(path.read_bytes()))
        _, format_code = EXAMPLES_2021[path.name.split("_")[0]]
        assert uri == "DOC0001.XML"
        assert entry.format_code.code == format_code
        assert entry.type_code.code == "34133-9"  # their mistake, read as written (DOMAIN.md §5)
        assert (entry.patient_id.root, entry.patient_id.type_code) == ("1.2.250.1.213.1.4.8", "NH")
        assert entry.class_code.code == "11"
        assert [code.code for code in entry.confidentiality_codes] == ["N"]
        assert len(entry.hash) == 40
        assert entry.size > 0


def _layout(root: etree._Element) -> dict[str, set[str | None]]:
    """Slot names, classification schemes, external identifier schemes and author sub-slots of each object."""
    shape: dict[str, set[str | None]] = {}
    for kind in ("RegistryPackage", "ExtrinsicObject"):
        element = _objects(root).find(f"rim:{kind}", RIM)
        assert element is not None
        classifications = element.findall("rim:Classification", RIM)
        shape[f"{kind} slots"] = {slot.get("name") for slot in element.iterfind("rim:Slot", RIM)}
        shape[f"{kind} classifications"] = {cl.get("classificationScheme") for cl in classifications}
        shape[f"{kind} identifiers"] = {
            e.get("identificationScheme") for e in element.iterfind("rim:ExternalIdentifier", RIM)
        }
        shape[f"{kind} classification slots"] = {
            s.get("name") for cl in classifications for s in cl.iterfind("rim:Slot", RIM)
        }
    return shape


def _nodes(root: etree._Element) -> dict[str | None, list[str | None]]:
    eo = _objects(root).find("rim:ExtrinsicObject", RIM)
    assert eo is not None
    nodes: dict[str | None, list[str | None]] = {}
    for classification in eo.iterfind("rim:Classification", RIM):
        nodes.setdefault(classification.get("classificationScheme"), []).append(
            classification.get("nodeRepresentation")
        )
    return nodes


@pytest.mark.kit
def test_our_layout_is_that_of_the_2021_examples(xdm_2021: list[Path], examples_dir: Path) -> None:
    """Same slots, classification schemes and identifier schemes as the ANS examples, for the same models;
    the same classCode and formatCode; not their typeCode (34133-9, wrong: DOMAIN.md §5)."""
    for path in xdm_2021:
        example, _ = EXAMPLES_2021[path.name.split("_")[0]]
        theirs = parse_xml(path.read_bytes()).getroot()
        ours = etree.fromstring(write_metadata(document_entry(examples_dir / example), uri="D", submission=SUBMISSION))
        assert _layout(ours) == _layout(theirs), path.name
        their_nodes, our_nodes = _nodes(theirs), _nodes(ours)
        for scheme in (c.DOCUMENT_ENTRY.class_code, c.DOCUMENT_ENTRY.format_code):
            assert our_nodes[scheme] == their_nodes[scheme], path.name
        assert their_nodes[c.DOCUMENT_ENTRY.type_code] == ["34133-9"]
        assert our_nodes[c.DOCUMENT_ENTRY.type_code] == ["74207-2"]
        for metadata in (ours, theirs):
            association = _objects(metadata).find("rim:Association", RIM)
            assert association is not None
            status = association.find("rim:Slot[@name='SubmissionSetStatus']/rim:ValueList/rim:Value", RIM)
            assert status is not None
            assert status.text == "Original", path.name  # ITI TF-3 §4.2.2.1.1: on the set's HasMember
