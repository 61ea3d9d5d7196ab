"""scripts/gen_valuesets.py: the committed value sets are exactly what the kit gives."""

from __future__ import annotations

import importlib.util
import os
from pathlib import Path
from types import ModuleType

import pytest
from lxml import etree

from dmpcore._resources import data_path
from dmpcore.cda import parse_xml
from dmpcore.codes import Code
from dmpcore.valuesets import all_value_sets

ROOT = Path(__file__).resolve().parents[2]
CDA = "urn:hl7-org:v3"
XSI_TYPE = "{http://www.w3.org/2001/XMLSchema-instance}type"
DLU_FAMILY = [
    "DLU-EHPAD-DLU_2022.01.xml",
    "DLU-EHPAD-FLUDT_2022.01.xml",
    "DLU-EHPAD-FLUDR_2022.01.xml",
    "DLU-FT-SU_2025.01.xml",
    "DLU-FR-SU_2025.01.xml",
]


def _script() -> ModuleType:
    spec = importlib.util.spec_from_file_location("gen_valuesets", ROOT / "scripts" / "gen_valuesets.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def xds_dir(kit_dir: Path) -> Path:
    path = kit_dir.parent / "xds-valuesets"
    if not path.is_dir():
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(f"{path} (the JDV_*_CISIS names beside the kit) is required under CI=true", pytrace=False)
        pytest.skip(f"{path} not found")
    return path


@pytest.mark.kit
def test_committed_json_is_what_the_script_generates(kit_dir: Path, xds_dir: Path) -> None:
    gen = _script()
    expected = gen.render(gen.build(kit_dir, xds_dir))
    assert data_path("valuesets.json").read_text(encoding="utf-8") == expected, (
        "src/dmpcore/_data/valuesets.json is stale: run python scripts/gen_valuesets.py KIT_DIR"
    )


@pytest.mark.kit
def test_check_mode_reports_a_stale_file(kit_dir: Path, xds_dir: Path, tmp_path: Path) -> None:
    gen = _script()
    stale = tmp_path / "valuesets.json"
    stale.write_text("{}", encoding="utf-8")
    args = [str(kit_dir), "--xds-valuesets", str(xds_dir), "--output", str(stale)]
    assert gen.main([*args, "--check"]) == 1
    assert gen.main(args) == 0
    assert gen.main([*args, "--check"]) == 0


@pytest.mark.kit
@pytest.mark.parametrize("example", DLU_FAMILY)
def test_official_examples_respect_the_volet_bindings(examples_dir: Path, example: str) -> None:
    """Applied like dansJeuDeValeurs.sch, the shipped bindings accept every coded value of the examples."""
    root = parse_xml(examples_dir / example).getroot()
    volet = "CI-SIS_" + example.removesuffix(".xml")
    checked = 0
    for vs in all_value_sets():
        for binding in vs.bindings:
            if binding.schematron != volet:
                continue
            for element in root.xpath("//" + binding.context, namespaces={"cda": CDA}):
                assert isinstance(element, etree._Element)
                if element.get("nullFlavor") or element.get(XSI_TYPE, "CD").split(":")[-1] not in {"CD", "CE"}:
                    continue
                code = Code(code=element.get("code", "?"), code_system=element.get("codeSystem", "?"))
                assert code in vs, f"{example}: {code} at {binding.context} is not in {vs.name}"
                checked += 1
    assert checked > 0, "the example holds no element the volet binds"
