"""METADATA.XML: the ebRIM SubmitObjectsRequest written is read back to the same DocumentEntry."""

from __future__ import annotations

from datetime import UTC, datetime

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st
from lxml import etree

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
