"""Agreement with the official pipeline on mutations specific to the liaison sheets (FLUDT, FLUDR, FT-SU, FR-SU).

The corpus of ``corpus.py`` already mutates the sheets' headers and sections; these mutations reach
their entries: the codes their volet schematrons require (reason for the transfer, state of
consciousness, last meal, persons informed, outcome, patient transfer), their value sets (prostheses
and personal objects, FLUDR check-list) and the FT-SU encounter code. Same contract as the main
agreement test: no false negative, no false positive except where a documented stricter rule fires.
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from pathlib import Path
from typing import Any, Final

import pytest
from lxml import etree
from tests.validation import corpus

from dmpcore.validation import RULES, validate

_BODY: Final = "cda:component/cda:structuredBody/cda:component/cda:section"


def _entry_code(section_template: str, code: str) -> str:
    return f"{_BODY}[cda:templateId/@root='{section_template}']/cda:entry/*[cda:code/@code='{code}']"


def _entry(section_template: str, code: str) -> str:
    return f"{_BODY}[cda:templateId/@root='{section_template}']/cda:entry[*/cda:code/@code='{code}']"


_EVENTS = "1.2.250.1.213.1.1.2.163"
_SNOMED = "2.16.840.1.113883.6.96"
_INFORMED = "1.2.250.1.213.1.1.2.251"
_PHYSICAL = "1.2.250.1.213.1.1.2.115"
_RESULTS = "1.2.250.1.213.1.1.2.151"
_ITEMS = "1.2.250.1.213.1.1.2.53"
_PROTHESE = f"{_BODY}[cda:templateId/@root='{_ITEMS}']/cda:entry/cda:observation/cda:code"
_CHECKLIST = ".//cda:observation[cda:templateId/@root='1.2.250.1.213.1.1.3.48.18']/cda:value"
_ENCOUNTER = "cda:componentOf/cda:encompassingEncounter/cda:code"

MUTATIONS: Final[dict[str, tuple[tuple[str, corpus.Mutation], ...]]] = {
    "fludt": (
        ("reason-code", corpus._set(_entry_code(_EVENTS, "57277-6") + "/cda:code", code="11111-1")),
        ("consciousness-code", corpus._set(_entry_code(_RESULTS, "DLU_002") + "/cda:code", code="DLU_099")),
        ("consciousness-removed", corpus._remove(_entry(_RESULTS, "DLU_002"))),
        ("pain-removed", corpus._remove(_entry(_RESULTS, "R52.9"))),
        ("prothese-code", corpus._set(_PROTHESE, code="ZZZ")),
        ("transfer-code", corpus._set(_entry_code(_EVENTS, "80413-8") + "/cda:code", code="11111-1")),
    ),
    "fludr": (
        ("transport-code", corpus._set(_entry_code(_EVENTS, "15515-0") + "/cda:code", code="11111-1")),
        ("checklist-dlu-code", corpus._set(_CHECKLIST, code="DLU_006")),
        ("prothese-code", corpus._set(_PROTHESE, code="ZZZ")),
        ("prothese-system", corpus._set(_PROTHESE, codeSystem="1.2.3.4")),
    ),
    "ftsu": (
        ("consciousness-code", corpus._set(_entry_code(_PHYSICAL, "MED-1301") + "/cda:code", code="MED-1399")),
        ("consciousness-rousable", corpus._set(_entry_code(_PHYSICAL, "MED-1301") + "/cda:code", code="MED-1302")),
        ("last-treatment-removed", corpus._remove(_entry(_PHYSICAL, "GEN-370"))),
        ("last-meal-removed", corpus._remove(_entry(_PHYSICAL, "GEN-244"))),
        ("centre15-removed", corpus._remove(_entry(_INFORMED, "ORG-214"))),
        ("emergency-removed", corpus._remove(_entry(_INFORMED, "225728007"))),
        ("pcp-code", corpus._set(_entry_code(_INFORMED, "PCP") + "/cda:code", code="ZZZ")),
        ("relatives-removed", corpus._remove(_entry(_INFORMED, "ORG-223"))),
        ("encounter-IMP", corpus._set(_ENCOUNTER, code="IMP")),
        ("prothese-code", corpus._set(_PROTHESE, code="ZZZ")),
    ),
    "frsu": (
        ("origin-removed", corpus._remove(_entry(_INFORMED, "ORG-222"))),
        ("pcp-removed", corpus._remove(_entry(_INFORMED, "PCP"))),
        ("outcome-code", corpus._set(_entry_code(_EVENTS, "ORG-216") + "/cda:code", code="ORG-999")),
        (
            "outcome-home",
            corpus._set(_entry_code(_EVENTS, "ORG-216") + "/cda:code", code="160849004", codeSystem=_SNOMED),
        ),
        ("transfer-code", corpus._set(_entry_code(_EVENTS, "80413-8") + "/cda:code", code="11111-1")),
        ("prothese-code", corpus._set(_PROTHESE, code="ZZZ")),
    ),
}


def build(kit: Path) -> list[tuple[str, bytes]]:
    """(name, document) for every sheet mutation that applies to its official example."""
    bases = dict(corpus.BASES)
    documents = []
    for base_name, mutations in MUTATIONS.items():
        base = corpus.base_tree(kit, bases[base_name])
        for name, mutate in mutations:
            tree = copy.deepcopy(base)
            assert mutate(tree), f"{base_name}--{name} does not apply"
            documents.append((f"{base_name}--{name}.xml", etree.tostring(tree, xml_declaration=True, encoding="UTF-8")))
    return documents


@pytest.mark.kit
@pytest.mark.oracle
@pytest.mark.slow
def test_native_validation_agrees_on_sheet_entry_mutations(
    kit_dir: Path, oracle: Callable[[Path], dict[str, Any]], tmp_path: Path
) -> None:
    files = []
    for name, data in build(kit_dir):
        path = tmp_path / name
        path.write_bytes(data)
        files.append(path)
    verdicts = {path.name: bool(oracle(path)["passed"]) for path in files}
    assert any(verdicts.values())
    assert not all(verdicts.values())
    false_negatives, false_positives = [], []
    for path in files:
        report = validate(path)
        if not verdicts[path.name] and report.ok:
            false_negatives.append(path.name)
        elif verdicts[path.name] and not report.ok and not all(RULES[i.rule_id].stricter for i in report.errors):
            false_positives.append(f"{path.name}: {[i.rule_id for i in report.errors]}")
    print(f"\nsheet agreement: {len(files)} documents, {sum(not v for v in verdicts.values())} rejected by the kit")
    assert false_negatives == []
    assert false_positives == []
