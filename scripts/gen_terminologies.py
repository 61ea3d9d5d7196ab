"""Generate ``src/dmpcore/_data/terminologies.json``: the codes of the ANS terminologies the native validator checks.

The official kit's ``terminologie.sch`` checks that every ``code`` (and every ``value`` typed CD or CE)
of a code system it ships as ``profils/terminologies/terminologie/<OID>.rdf`` names a concept of it,
and that every PQ unit is a UCUM code of ``2.16.840.1.113883.6.8.xml``. dmpcore carries the CI-SIS one
(TerminologieCISIS, 1.2.250.1.213.1.1.4.322) that the DLU family codes its observations with, CIM-10
(2.16.840.1.113883.6.3: the problems and diagnoses, about 19,000 codes) and the UCUM units; the other big
ones (CCAM, CIM-11, EMDN, SNOMED CT subsets...) are left to the kit mode.

Usage: python scripts/gen_terminologies.py [KIT_DIR]   (default ../shared/ci-sis/kit)
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from dmpcore.cda import parse_xml

ROOT = Path(__file__).resolve().parents[1]
TERMINOLOGIES = {"1.2.250.1.213.1.1.4.322": "TerminologieCISIS", "2.16.840.1.113883.6.3": "CIM-10"}
SKOS_NOTATION = "{http://www.w3.org/2004/02/skos/core#}notation"
UCUM = "2.16.840.1.113883.6.8.xml"


def main(kit: Path) -> int:
    folder = kit / "schematrons" / "profils" / "terminologies" / "terminologie"
    out: dict[str, object] = {"format": 1, "terminologies": []}
    units = parse_xml(folder / UCUM).getroot().iterfind("row/code")
    out["ucum"] = {
        "source": f"schematrons/profils/terminologies/terminologie/{UCUM}",
        "units": sorted({(unit.text or "") for unit in units} - {""}),
    }
    for oid, name in TERMINOLOGIES.items():
        tree = parse_xml(folder / f"{oid}.rdf")
        codes = sorted({(e.text or "").strip() for e in tree.iter(SKOS_NOTATION)} - {""})
        out["terminologies"].append(  # type: ignore[attr-defined]
            {
                "oid": oid,
                "name": name,
                "source": f"schematrons/profils/terminologies/terminologie/{oid}.rdf",
                "codes": codes,
            }
        )
    target = ROOT / "src" / "dmpcore" / "_data" / "terminologies.json"
    target.write_text(json.dumps(out, ensure_ascii=False, indent=0) + "\n", encoding="utf-8")
    print(f"wrote {target.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT.parent / "shared" / "ci-sis" / "kit"))
