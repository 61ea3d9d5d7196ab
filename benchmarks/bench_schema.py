"""The profile XSD: compile time, validation of a 50 KB DLU, and bounded time on hostile, well-formed input."""

from __future__ import annotations

import copy
import os
import time
import tracemalloc
from pathlib import Path

from lxml import etree

from benchmarks._report import best_of, write_section
from dmpcore._resources import schema_path
from dmpcore.cda import PROFILE_SCHEMA_FILE, parse_xml, profile_schema, profile_violations

ROOT = Path(__file__).resolve().parents[1]
MINIMAL = ROOT / "tests" / "cda" / "data" / "minimal-dlu.xml"
KIT = Path(os.environ.get("DMPCORE_KIT", ROOT.parent / "shared" / "ci-sis" / "kit"))
HL7 = "urn:hl7-org:v3"


def _document_of_size(target: int) -> bytes:
    """The minimal DLU with its one entry repeated until the document weighs about *target* bytes."""
    root = parse_xml(MINIMAL).getroot()
    section = root.find(f".//{{{HL7}}}section")
    entry = root.find(f".//{{{HL7}}}entry")
    assert section is not None
    assert entry is not None
    while len(etree.tostring(root)) < target:
        for _ in range(20):
            section.append(copy.deepcopy(entry))
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8")


def _hostile() -> dict[str, bytes]:
    """Well-formed documents of about 10 MB built to make a validator work hard."""
    head = f'<ClinicalDocument xmlns="{HL7}"><realmCode code="FR"/>'.encode()
    minimal = MINIMAL.read_bytes()
    deep_text = b"<content>" * 240 + b"x" + b"</content>" * 240
    return {
        # the parser accepts at most a million elements (MAX_ELEMENTS)
        "999,000 unknown sibling elements": head + b"<foo/>" * 999_000 + b"</ClinicalDocument>",
        "9,900 invalid template ids (the worst case of tree mode)": minimal.replace(
            b'<templateId root="2.16.840.1.113883.2.8.2.1"/>', b'<templateId root="x y"/>' * 9_900, 1
        ),
        "500,000 template ids, the last 300 invalid": minimal.replace(
            b'<templateId root="2.16.840.1.113883.2.8.2.1"/>',
            b'<templateId root="1.2"/>' * 500_000 + b'<templateId root="x y"/>' * 300,
            1,
        ),
        "a 10 MB time stamp": minimal.replace(b"20240315103000+0100", b"2" * 10_000_000, 1),
        "a 10 MB identifier root (OID pattern)": minimal.replace(b"1.2.250.1.999.1", b"1." * 5_000_000 + b"01", 1),
        "narrative nested 240 deep, 2,000 times": minimal.replace(
            b'<paragraph ID="obs-1">Chutes</paragraph>', deep_text * 2_000, 1
        ),
        "100,000 sections": minimal.replace(
            b"<component>\n        <section>",
            b"<component><section><code code='x'/><title>t</title><text>t</text></section></component>" * 100_000
            + b"<component>\n        <section>",
            1,
        ),
    }


def _time_once(function: object) -> float:
    start = time.perf_counter()
    function()  # type: ignore[operator]
    return time.perf_counter() - start


def main() -> None:
    xsd = etree.parse(str(schema_path(PROFILE_SCHEMA_FILE)))
    compile_ms = best_of(20, lambda: etree.XMLSchema(xsd)) * 1000
    schema = profile_schema()

    doc50 = _document_of_size(50_000)
    tree50 = parse_xml(doc50)
    assert schema.validate(tree50), schema.error_log
    validate_ms = best_of(200, lambda: schema.validate(tree50)) * 1000
    both_ms = best_of(100, lambda: schema.validate(parse_xml(doc50))) * 1000
    violations_ms = best_of(200, lambda: profile_violations(tree50)) * 1000

    rows = [
        "| what | time |",
        "|---|---:|",
        f"| compile the profile XSD (`{PROFILE_SCHEMA_FILE}`) | {compile_ms:.1f} ms |",
        f"| validate a {len(doc50) // 1000} KB DLU (parsed) | {validate_ms:.2f} ms |",
        f"| parse (`parse_xml`) and validate the same | {both_ms:.2f} ms |",
        f"| `profile_violations` of the parsed {len(doc50) // 1000} KB DLU | {violations_ms:.2f} ms |",
    ]
    examples = KIT / "ExemplesCDA"
    for name in ("DLU-EHPAD-FLUDT_2022.01.xml", "DLU-EHPAD-DLU_2022.01.xml"):
        path = examples / name
        if path.is_file():
            data = path.read_bytes()
            ms = best_of(20, lambda data=data: schema.validate(parse_xml(data))) * 1000  # type: ignore[misc]
            rows.append(f"| parse and validate the official `{name}` ({len(data) // 1000} KB) | {ms:.2f} ms |")

    hostile = ["| hostile, well-formed input (parsed by `parse_xml`) | size | `profile_violations` | peak memory |"]
    hostile.append("|---|---:|---:|---:|")
    for label, data in _hostile().items():
        tree = parse_xml(data)
        tracemalloc.start()
        seconds = _time_once(lambda tree=tree: profile_violations(tree))  # type: ignore[misc]
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        found = len(profile_violations(tree))
        hostile.append(
            f"| {label} ({found} violation{'s' if found != 1 else ''} reported) | {len(data) / 1e6:.1f} MB "
            f"| {seconds * 1000:.0f} ms | {peak / 1e6:.1f} MB |"
        )
    markdown = (
        "### Profile XSD (`dmpcore.cda.profile_schema`)\n\n"
        + "\n".join(rows)
        + "\n\nValidation time grows linearly with the input; reports are capped at "
        "`MAX_VIOLATIONS` violations (peak memory is Python's, libxml2 works outside it).\n\n"
        + "\n".join(hostile)
        + "\n"
    )
    print(markdown)
    write_section("schema", markdown)
