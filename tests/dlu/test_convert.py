"""to_dict / from_dict through one cattrs converter, and the JSON Schema of the dict form."""

from __future__ import annotations

import copy
import datetime as dt
import importlib.util
import json
import re
from pathlib import Path
from typing import Any

import attrs
import pytest
from hypothesis import given
from tests.strategies import dlu_documents_with_raw_xml

from dmpcore.cda import from_cda, to_cda
from dmpcore.dlu import (
    DictError,
    Document,
    LastIntake,
    Section,
    example_dlu,
    example_fludr,
    example_fludt,
    example_fr_su,
    example_ft_su,
    from_dict,
    to_dict,
)
from dmpcore.dlu._schema import json_schema

ROOT = Path(__file__).resolve().parents[2]


@given(dlu_documents_with_raw_xml())
def test_from_dict_inverts_to_dict(document: Document) -> None:
    """Round trip through JSON: from_dict(json(to_dict(d))) == d."""
    assert from_dict(json.loads(json.dumps(to_dict(document)))) == document


def _set(path: str, value: Any) -> Any:
    """A mutation of the dict form: set the value at *path* (keys and indices separated by dots)."""

    def mutate(data: Any) -> None:
        *parents, last = [int(step) if step.isdigit() else step for step in path.split(".")]
        for step in parents:
            data = data[step]
        data[last] = value

    return mutate


@pytest.mark.parametrize(
    ("mutate", "path"),
    [
        (
            lambda d: d["sections"][2]["entries"][0]["code"].pop("code_system"),
            "$.sections[2].entries[0].code.code_system",
        ),
        (_set("header.patient.birth_date", "28/03/1939"), "$.header.patient.birth_date"),
        (_set("header.patient.ins.value", "279035121518988"), "$.header.patient.ins"),
        (_set("sections.0.kind", "NOPE"), "$.sections[0].kind"),
        (_set("sections.4.entries.0.type", "Bogus"), "$.sections[4].entries[0]"),
        (_set("header.colour", "blue"), "$.header"),
        # the errors of attrs validators name the field they checked, not the object that holds it
        (_set("header.effective_time", "2024-01-01T10:00:00"), "$.header.effective_time"),
        (_set("header.version", -3), "$.header.version"),
        (_set("header.patient.birth_family_name", ""), "$.header.patient.birth_family_name"),
        (_set("header.patient.address.city", " "), "$.header.patient.address.city"),
        (_set("header.custodian.id.root", "1.2.3"), "$.header.custodian"),
        (_set("sections.4.entries.0.dose_unit", None), "$.sections[4].entries[0].dose_unit"),
        (_set("sections.4.entries.0.period_hours", 0), "$.sections[4].entries[0].period_hours"),
        (_set("sections.3.title", ""), "$.sections[3].title"),
        (_set("model_version", "2030.01"), "$.model_version"),
        (_set("header", None), "$.header"),
        (_set("sections.4.entries", "xyz"), "$.sections[4].entries"),
        (_set("sections.4.entries", {"type": "Treatment"}), "$.sections[4].entries"),
        (_set("header.patient.telecoms", "tel:0102030405"), "$.header.patient.telecoms"),
    ],
)
def test_bad_dicts_name_the_path_of_the_bad_field(mutate: Any, path: str) -> None:
    data = to_dict(example_dlu())
    mutate(data)
    with pytest.raises(DictError) as info:
        from_dict(data)
    assert any(error.endswith(f" @ {path}") for error in info.value.errors), info.value.errors
    assert info.value.code == "dlu.dict"
    assert isinstance(info.value, ValueError)
    assert "279035121518988" not in str(info.value)


def test_a_str_where_a_list_goes_is_not_read_as_its_characters() -> None:
    """audit: entries "xyz" gave entries[0..2]: expected an object (a str iterated); one error says what it expects."""
    data = to_dict(example_dlu())
    data["sections"][4]["entries"] = "xyz"
    with pytest.raises(DictError) as info:
        from_dict(data)
    assert info.value.errors == ["expected a list (got str) @ $.sections[4].entries"]


def test_a_dict_that_is_not_a_document() -> None:
    with pytest.raises(DictError):
        from_dict([1, 2, 3])


@pytest.mark.kit
def test_the_dict_form_keeps_what_the_model_does_not_know_when_trusted(examples_dir: Path) -> None:
    document = from_cda(examples_dir / "DLU-EHPAD-DLU_2022.01.xml")
    again = from_dict(json.loads(json.dumps(to_dict(document))), trust_origins=True)
    assert again == document
    assert to_cda(again) == to_cda(document)


def test_an_edited_dict_regenerates_the_edited_part() -> None:
    """A value edited in a form is never hidden behind the XML the object was read from."""
    document = from_cda(to_cda(example_dlu()))
    data = to_dict(document)
    data["sections"][3]["entries"][0]["agent"]["display"] = "Amoxicilline"
    edited = from_dict(data, trust_origins=True)
    assert edited.sections[3].origin is None  # type: ignore[union-attr]
    assert edited.sections[2].origin is not None  # type: ignore[union-attr]
    assert b"Amoxicilline" in to_cda(edited)


def _origins(document: Document) -> list[object]:
    """Every origin of the document: header, patient, sections, entries."""
    found: list[object] = [document.header.origin, document.header.patient.origin]
    for section in document.sections:
        found.append(getattr(section, "origin", None))
        found.extend(getattr(entry, "origin", None) for entry in getattr(section, "entries", ()))
    return found


def test_origins_from_a_dict_are_dropped_by_default() -> None:
    """Decision: a dict comes from a client; the document is written from its typed values, narratives regenerated."""
    read = from_cda(to_cda(example_dlu()))
    data = json.loads(json.dumps(to_dict(read)))
    assert any(_origins(from_dict(data, trust_origins=True)))
    again = from_dict(data)
    assert not any(_origins(again))
    assert again == read
    assert from_cda(to_cda(again)) == read


_TRANSLATION = '<translation code="N05BA01" codeSystem="2.16.840.1.113883.6.73" displayName="FORGEDDRUG"/>'


def _in_product_code(xml: str) -> str:
    return re.sub(r"(<manufacturedMaterial[^>]*><code [^>]*>)", r"\1" + _TRANSLATION, xml, count=1)


FORGERIES: dict[str, tuple[Any, bytes]] = {
    # DOMAIN.md §5: the narrative says what the entries say; the allergy section lists Pénicillines
    "a narrative cell": (
        lambda d: d["sections"][3]["origin"].update(
            xml=d["sections"][3]["origin"]["xml"].replace("<td>01/06/1995</td>", "<td>AUCUNE ALLERGIE</td>")
        ),
        b"AUCUNE ALLERGIE",
    ),
    "a translation in an entry origin": (  # the section without its origin: its entries are written one by one
        lambda d: (
            d["sections"][4].pop("origin"),
            d["sections"][4]["entries"][0]["origin"].update(
                xml=_in_product_code(d["sections"][4]["entries"][0]["origin"]["xml"])
            ),
        ),
        b"FORGEDDRUG",
    ),
    "a translation in a section origin": (
        lambda d: d["sections"][4]["origin"].update(xml=_in_product_code(d["sections"][4]["origin"]["xml"])),
        b"FORGEDDRUG",
    ),
    "the participant's time in the header origin": (
        lambda d: d["header"]["origin"].update(
            xml=re.sub(
                r'(<participant [^>]*typeCode="INF">.*?<low value=")[^"]*',
                r"\g<1>19000101",
                d["header"]["origin"]["xml"],
                count=1,
                flags=re.S,
            )
        ),
        b'value="19000101"',
    ),
}


@pytest.mark.parametrize("forgery", sorted(FORGERIES))
def test_xml_forged_in_an_origin_is_not_written(forgery: str) -> None:
    """audit forge.py: XML a client put in an origin beside unchanged typed values is never written."""
    data = to_dict(from_cda(to_cda(example_dlu())))
    forge, mark = FORGERIES[forgery]
    before = json.dumps(data)
    forge(data)
    assert json.dumps(data) != before, "the forgery changed the origin"
    out = to_cda(from_dict(data))
    assert mark not in out
    if forgery == "a narrative cell":
        assert b"<td>01/06/1995</td>" in out, "the narrative is regenerated from the entries"


def test_a_trusted_origin_that_reads_otherwise_is_dropped() -> None:
    """trust_origins keeps an origin only while its XML reads as the dict's values (a forged header time does not)."""
    data = to_dict(from_cda(to_cda(example_dlu())))
    FORGERIES["the participant's time in the header origin"][0](data)
    document = from_dict(data, trust_origins=True)
    assert document.header.origin is None
    assert b'value="19000101"' not in to_cda(document)


_FORGED = (
    '<recordTarget xmlns="urn:hl7-org:v3"><patientRole><id root="1.2.250.1.71.4.2.2.1750803447" extension="X"/>'
    '<patient classCode="PSN"><name><family qualifier="BR">FORGED</family><given qualifier="BR">EVE</given></name>'
    '<administrativeGenderCode code="F" codeSystem="2.16.840.1.113883.5.1"/><birthTime value="19500101"/>'
    "</patient></patientRole></recordTarget>"
)


@pytest.mark.parametrize("trust", [False, True])
def test_a_forged_origin_is_not_written(trust: bool) -> None:
    """The dict says MARTIN: XML a client put in the origin that reads otherwise is dropped, never written."""
    data = to_dict(from_cda(to_cda(example_dlu())))
    data["header"]["patient"]["origin"] = {"xml": _FORGED}
    document = from_dict(data, trust_origins=trust)
    assert document.header.patient.origin is None
    xml = to_cda(document)
    assert b"FORGED" not in xml
    assert b"MARTIN" in xml


def test_a_trusted_origin_that_reads_as_the_dict_says_is_kept() -> None:
    """Decision: trusted, an origin is kept when the reader, given its XML, yields the very value of the dict."""
    document = from_cda(to_cda(example_dlu()))
    again = from_dict(json.loads(json.dumps(to_dict(document))), trust_origins=True)
    assert again.header.origin is not None
    assert again.header.patient.origin is not None
    assert all(s.origin is not None for s in again.sections)  # type: ignore[union-attr]
    assert to_cda(again) == to_cda(document)


def _trusted_round_trip(document: Document) -> None:
    """from_dict(to_dict(d), trust_origins=True) is d, with every origin, and writes the very bytes d writes."""
    again = from_dict(json.loads(json.dumps(to_dict(document))), trust_origins=True)
    assert again == document
    assert [origin is not None for origin in _origins(again)] == [origin is not None for origin in _origins(document)]
    assert to_cda(again) == to_cda(document)


@pytest.mark.kit
def test_trusted_origins_of_the_official_examples_are_all_kept(kit_dir: Path) -> None:
    """audit 5c dict_fludt.py: read where the writer puts it, a FLUDT's last intake, coded observation and
    personal item keep their origins, and the treatments section its own (operator="A", its displayName...)."""
    folders = (kit_dir / "ExemplesCDA", kit_dir.parent / "kit-2021" / "ExemplesCDA")
    paths = sorted(path for folder in folders for path in folder.glob("DLU-*.xml"))
    assert len(paths) == 8, "the DLU family of the 2022 kit (5 documents) and of the 2021 kit (3)"
    for path in paths:
        _trusted_round_trip(from_cda(path))


@pytest.mark.parametrize("example", [example_dlu, example_fludt, example_fludr, example_ft_su, example_fr_su])
def test_trusted_origins_of_an_example_are_all_kept(example: Any) -> None:
    _trusted_round_trip(from_cda(to_cda(example())))


def test_a_trusted_last_intake_that_reads_otherwise_loses_its_origin() -> None:
    """Read in its FLUDT treatments section, a forged intake time reads as another value: the origin is dropped."""
    data = to_dict(from_cda(to_cda(example_fludt())))
    treatments = next(s for s in data["sections"] if s.get("kind") == "TREATMENTS")
    intake = next(e for e in treatments["entries"] if e["type"] == "LastIntake")
    forged = re.sub(r'(<low value=")[^"]*', r"\g<1>19000101", intake["origin"]["xml"], count=1)
    assert forged != intake["origin"]["xml"]
    intake["origin"]["xml"] = forged
    document = from_dict(data, trust_origins=True)
    section = next(s for s in document.sections if isinstance(s, Section) and s.of_type(LastIntake))
    assert section.of_type(LastIntake)[0].origin is None
    assert section.origin is not None  # the section's own XML still reads as the dict says
    assert b"19000101" not in to_cda(attrs.evolve(document, sections=_edited(document.sections, section)))


def _edited(sections: tuple[Any, ...], section: Section) -> tuple[Any, ...]:
    """*sections* with *section* retitled: regenerated, its entries written one by one."""
    return tuple(attrs.evolve(s, title="Traitements en cours") if s is section else s for s in sections)


def test_an_origin_moved_to_another_object_is_dropped() -> None:
    """The origin of one entry given to another (same type, other values) does not read as it."""
    data = to_dict(from_cda(to_cda(example_dlu())))
    treatments = data["sections"][4]["entries"]
    treatments[0]["origin"], treatments[1]["origin"] = treatments[1]["origin"], treatments[0]["origin"]
    document = from_dict(data, trust_origins=True)
    kept = [t.origin is not None for t in document.treatments]
    assert kept == [False, False]


# --- JSON Schema ---------------------------------------------------------------------------------


def _load_generator() -> Any:
    spec = importlib.util.spec_from_file_location("gen_dlu_schema", ROOT / "scripts" / "gen_dlu_schema.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_schema_file_is_fresh() -> None:
    """schemas/dlu.schema.json is what scripts/gen_dlu_schema.py generates from the models."""
    text = (ROOT / "schemas" / "dlu.schema.json").read_text(encoding="utf-8")
    assert text == _load_generator().render(), "run: python scripts/gen_dlu_schema.py"


def _validate(value: Any, schema: dict[str, Any], root: dict[str, Any], path: str = "$") -> list[str]:
    """A small validator for the subset of JSON Schema the generator emits."""
    if "$ref" in schema:
        return _validate(value, root["$defs"][schema["$ref"].rsplit("/", 1)[-1]], root, path)
    if "anyOf" in schema or "oneOf" in schema:
        options = schema.get("anyOf") or schema["oneOf"]
        results = [_validate(value, option, root, path) for option in options]
        matches = sum(not r for r in results)
        ok = matches >= 1 if "anyOf" in schema else matches == 1
        return [] if ok else [f"{path}: matches {matches} of the alternatives"]
    if "const" in schema:
        return [] if value == schema["const"] else [f"{path}: expected {schema['const']!r}"]
    if "enum" in schema:
        return [] if value in schema["enum"] else [f"{path}: {value!r} not in enum"]
    kind = schema.get("type")
    checks = {
        "string": lambda v: isinstance(v, str),
        "integer": lambda v: isinstance(v, int) and not isinstance(v, bool),
        "boolean": lambda v: isinstance(v, bool),
        "null": lambda v: v is None,
        "array": lambda v: isinstance(v, list),
        "object": lambda v: isinstance(v, dict),
    }
    if kind is None:
        return []
    if not checks[kind](value):
        return [f"{path}: expected {kind}"]
    errors: list[str] = []
    if kind == "string" and "pattern" in schema and not re.match(schema["pattern"], value):
        errors.append(f"{path}: does not match {schema['pattern']}")
    if kind == "string" and schema.get("format") in ("date", "date-time"):
        parse = dt.date.fromisoformat if schema["format"] == "date" else dt.datetime.fromisoformat
        try:
            parse(value)
        except ValueError:
            errors.append(f"{path}: not a {schema['format']}")
    if kind == "array":
        for index, item in enumerate(value):
            errors += _validate(item, schema["items"], root, f"{path}[{index}]")
    if kind == "object":
        errors += [f"{path}: missing {name}" for name in schema.get("required", []) if name not in value]
        for name, item in value.items():
            if name not in schema["properties"]:
                errors.append(f"{path}: unexpected {name}")
            else:
                errors += _validate(item, schema["properties"][name], root, f"{path}.{name}")
    return errors


@given(dlu_documents_with_raw_xml())
def test_to_dict_output_validates_against_the_schema(document: Document) -> None:
    schema = json_schema()
    assert _validate(json.loads(json.dumps(to_dict(document))), schema, schema) == []


def test_the_schema_rejects_broken_data() -> None:
    schema = json_schema()
    data = to_dict(example_dlu())
    broken = copy.deepcopy(data)
    broken["header"]["version"] = "one"
    del broken["header"]["patient"]["sex"]
    errors = _validate(broken, schema, schema)
    assert "$.header.version: expected integer" in errors
    assert "$.header.patient: missing sex" in errors
