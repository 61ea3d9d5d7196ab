"""Generate ``src/dmpcore/_data/valuesets.json`` from the official ANS CI-SIS kit.

Usage::

    python scripts/gen_valuesets.py KIT_DIR [--xds-valuesets DIR] [--output FILE] [--check]

KIT_DIR is the ANS test kit (``jeuxDeValeurs/``, ``schematrons/``); ``--xds-valuesets`` (default
``KIT_DIR/../xds-valuesets``) holds the DLU and XDS value sets in their ``JDV_*_CISIS`` naming.

Which value sets ship (only what the DLU family and the DMP/XDS metadata need):

1. every value set the five DLU-family volet schematrons (``schematrons/CI-SIS_DLU-*.sch``) bind, found
   by following their ``include``s to the ``dansJeuDeValeurs`` patterns and their ``path_jdv`` variables;
2. every value set of the ``xds-valuesets`` folder (J02, J04, J07, J08, J11, J47 and the DLU ones);
3. the few header value sets named in ``EXTRA`` (author specialty, administrative gender, related persons).

The contents always come from the kit's ``jeuxDeValeurs/`` (the files the official pipeline checks
against), matched by OID; ``xds-valuesets`` gives names only. For each shipped value set the script also
records where the volet schematrons and the content-model profile bind it (context XPath, nullFlavor
allowed), so that the native validator can apply the same bindings.

The output is deterministic: re-running the script on the same kit rewrites the same bytes, and
``tests/valuesets/test_gen_valuesets.py`` checks the committed file against the kit.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from dmpcore.cda import parse_xml

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_OUTPUT = ROOT / "src" / "dmpcore" / "_data" / "valuesets.json"
FORMAT = 1

SVS = "{urn:ihe:iti:svs:2008}"
SCH = "{http://purl.oclc.org/dsdl/schematron}"

#: the volet schematrons of the DLU family
VOLET_GLOB = "CI-SIS_DLU-*.sch"
#: profiles whose bindings of the shipped value sets are recorded too (not used to select value sets)
PROFILES = ("profils/CI-SIS_ModelesDeContenusCDA.sch",)

#: kit file stem -> canonical name, for header value sets the header of every DLU-family document uses
EXTRA: dict[str, str] = {
    "JDV_J01_XdsAuthorSpecialty_CISIS": "JDV_J01_XdsAuthorSpecialty_CISIS",  # author/assignedAuthor/code
    "JDV_J143_AdministrativeGender_CISIS": "JDV_J143_AdministrativeGender_CISIS",  # administrativeGenderCode
    # informant/relatedEntity/code (personne de confiance, personne à prévenir)
    "jdv-hl7-v3-PersonalRelationshipRoleType-cisis": "JDV_HL7_PersonalRelationshipRoleType_CISIS",
}

_JDV_NAME = re.compile(r"^JDV_(?:(?P<number>J\d+)_)?(?P<short>.+?)_CISIS$")


# -- reading the kit -------------------------------------------------------------------------------------------


def read_value_set(path: Path) -> dict[str, Any]:
    """One IHE SVS file as ``{oid, title, version, revision_date, codes}`` (codes in the file's order)."""
    root = parse_xml(path).getroot()
    value_set = root.find(f"{SVS}ValueSet")
    if value_set is None:
        raise SystemExit(f"{path}: no svs:ValueSet")
    codes = [
        [concept.get("code", ""), concept.get("codeSystem", ""), concept.get("displayName") or None]
        for concept in value_set.iter(f"{SVS}Concept")
    ]
    return {
        "oid": value_set.get("id", ""),
        "title": value_set.get("description") or value_set.get("title") or None,
        "version": value_set.get("version") or None,
        "revision_date": (value_set.get("revisionDate") or "")[:10] or None,
        "codes": codes,
    }


def _schematron_includes(path: Path) -> Iterator[Path]:
    root = parse_xml(path).getroot()
    for include in root.iter(f"{SCH}include"):
        target = (path.parent / include.get("href", "")).resolve()
        yield target
        if target.is_file() and target.suffix == ".sch":
            yield from _schematron_includes(target)


def schematron_bindings(path: Path) -> list[dict[str, Any]]:
    """The ``dansJeuDeValeurs`` bindings of a schematron and its includes.

    Each binding: ``{"file": kit file stem of the value set, "context": XPath, "null_flavor": bool}``.
    The ``path_jdv`` parameter names a ``let`` variable of the main schematron holding the file path.
    """
    root = parse_xml(path).getroot()
    variables = {
        let.get("name", ""): let.get("value", "").strip("'\" ")
        for let in root.iter(f"{SCH}let")
        if "jeuxDeValeurs/" in let.get("value", "")
    }
    bindings = []
    for include in _schematron_includes(path):
        if not include.is_file():
            continue
        for pattern in parse_xml(include).getroot().iter(f"{SCH}pattern"):
            if pattern.get("is-a") != "dansJeuDeValeurs":
                continue
            params = {param.get("name"): param.get("value", "") for param in pattern.iter(f"{SCH}param")}
            file = variables.get(params.get("path_jdv", "").lstrip("$"))
            if file is None:
                continue
            bindings.append(
                {
                    "file": Path(file).stem,
                    "context": " ".join(params.get("xpath_elt", "").split()),
                    "null_flavor": params.get("nullFlavor", "0").strip() == "1",
                }
            )
    return bindings


def short_aliases(name: str, kit_stem: str) -> list[str]:
    """Short names of a value set: ``JDV_J02_XdsHealthcareFacilityTypeCode_CISIS`` -> ``J02``,
    ``XdsHealthcareFacilityTypeCode``; the kit's file stem when it differs from the name."""
    aliases = []
    match = _JDV_NAME.match(name)
    if match:
        aliases += [part for part in (match.group("number"), match.group("short")) if part]
    if kit_stem != name:
        aliases.append(kit_stem)
    return aliases


# -- building the data -----------------------------------------------------------------------------------------


def select(kit: Path, xds: Path) -> dict[str, str]:
    """Kit file stem -> canonical name of every value set to ship."""
    jdv_dir = kit / "jeuxDeValeurs"
    by_oid = {read_value_set(path)["oid"]: path.stem for path in sorted(jdv_dir.glob("*.xml"))}
    chosen: dict[str, str] = {}
    for path in sorted(xds.glob("JDV_*.xml")):
        oid = read_value_set(path)["oid"]
        if oid not in by_oid:
            raise SystemExit(f"{path.name}: OID {oid} has no value set in {jdv_dir}")
        chosen[by_oid[oid]] = path.stem
    for volet in sorted((kit / "schematrons").glob(VOLET_GLOB)):
        for binding in schematron_bindings(volet):
            stem = binding["file"]
            if stem not in chosen:
                if not stem.startswith("JDV_"):
                    raise SystemExit(f"{volet.name} binds {stem}: add its JDV_*_CISIS name to --xds-valuesets or EXTRA")
                chosen[stem] = stem
    for stem, name in EXTRA.items():
        chosen.setdefault(stem, name)
    return chosen


def build(kit: Path, xds: Path) -> dict[str, Any]:
    """The whole ``valuesets.json`` document."""
    chosen = select(kit, xds)
    sources = [(volet.stem, volet) for volet in sorted((kit / "schematrons").glob(VOLET_GLOB))]
    sources += [(Path(profile).stem, kit / "schematrons" / profile) for profile in PROFILES]
    bindings: dict[str, list[dict[str, Any]]] = {}
    for schematron, path in sources:
        for binding in schematron_bindings(path):
            if binding["file"] in chosen:
                entry = {"schematron": schematron, "context": binding["context"], "null_flavor": binding["null_flavor"]}
                if entry not in bindings.setdefault(binding["file"], []):
                    bindings[binding["file"]].append(entry)
    value_sets = []
    for stem, name in sorted(chosen.items(), key=lambda item: item[1].casefold()):
        data = read_value_set(kit / "jeuxDeValeurs" / f"{stem}.xml")
        value_sets.append(
            {
                "name": name,
                "oid": data["oid"],
                "aliases": short_aliases(name, stem),
                "title": data["title"],
                "version": data["version"],
                "revision_date": data["revision_date"],
                "source": f"jeuxDeValeurs/{stem}.xml",
                "bindings": bindings.get(stem, []),
                "codes": data["codes"],
            }
        )
    _check_unique_names(value_sets)
    return {"format": FORMAT, "value_sets": value_sets}


def _check_unique_names(value_sets: Iterable[dict[str, Any]]) -> None:
    seen: dict[str, str] = {}
    for value_set in value_sets:
        for key in [value_set["name"], value_set["oid"], *value_set["aliases"]]:
            folded = key.casefold()
            if seen.setdefault(folded, value_set["name"]) != value_set["name"]:
                raise SystemExit(f"name {key!r} is used by {seen[folded]} and {value_set['name']}")


def render(document: dict[str, Any]) -> str:
    """Compact, diff-friendly JSON: one line per code, per binding and per value-set field."""

    def dump(value: Any) -> str:
        return json.dumps(value, ensure_ascii=False)

    blocks = []
    for value_set in document["value_sets"]:
        lines = [
            f"  {dump(key)}: {dump(value)}" for key, value in value_set.items() if key not in ("bindings", "codes")
        ]
        listed = [("bindings", value_set["bindings"]), ("codes", value_set["codes"])]
        for key, items in listed:
            inner = ",\n".join(f"   {dump(item)}" for item in items)
            lines.append(f"  {dump(key)}: [\n{inner}\n  ]" if items else f"  {dump(key)}: []")
        blocks.append(" {\n" + ",\n".join(lines) + "\n }")
    return '{"format": ' + dump(document["format"]) + ', "value_sets": [\n' + ",\n".join(blocks) + "\n]}\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("kit", type=Path, help="the ANS CI-SIS kit folder")
    parser.add_argument("--xds-valuesets", type=Path, help="the JDV_*_CISIS folder (default KIT/../xds-valuesets)")
    parser.add_argument("--output", type=Path, default=DEFAULT_OUTPUT)
    parser.add_argument("--check", action="store_true", help="exit 1 if the output file is not up to date")
    args = parser.parse_args(argv)
    xds = args.xds_valuesets or args.kit.resolve().parent / "xds-valuesets"
    text = render(build(args.kit, xds))
    if args.check:
        current = args.output.read_text(encoding="utf-8") if args.output.is_file() else ""
        if current != text:
            print(f"{args.output} is stale: run python scripts/gen_valuesets.py {args.kit}", file=sys.stderr)
            return 1
        return 0
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(text, encoding="utf-8")
    print(f"wrote {args.output} ({len(text)} bytes)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
