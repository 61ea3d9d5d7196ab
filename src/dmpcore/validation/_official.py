"""The official ANS CI-SIS pipeline, run in-process with Saxon-HE (extra ``official``: saxonche 12.x).

The steps are those of the ANS test kit: ``CDA_extended.xsd``, the schematron profiles (structuration
minimale, IHE, CI-SIS content models, ANS models, terminologies) and the volet's own schematron,
chosen from the document's templateIds with a table read from the kit itself (:func:`volet_schematrons`:
IPS-FR and every other volet of the kit, not only the DLU family). Each schematron is compiled to XSLT
with the ISO skeleton that lxml ships (include, abstract patterns, SVRL), cached on disk under the user
cache directory (``$XDG_CACHE_HOME/dmpcore/ci-sis``, keyed by the content of the schematron and its
includes) and compiled by Saxon once per process. Each document is parsed once by lxml (for the XSD
and the native rules), then serialized and parsed once more by Saxon, which runs every schematron on
that one tree.

Only ``failed-assert`` results make a document invalid, as in the kit's reports; ``successful-report``
results are warnings. The kit's findings carry ``source='ci-sis'``; what dmpcore itself says about the
run (no volet schematron for the document, Saxon failing) carries ``source='dmpcore'`` (KIT-000, KIT-001).
"""

from __future__ import annotations

import hashlib
import os
import re
import threading
from collections.abc import Sequence
from functools import cache
from pathlib import Path
from typing import Any, Final

import lxml
from lxml import etree

from dmpcore.errors import DmpcoreError
from dmpcore.validation._context import V3, error_entries, line_of
from dmpcore.validation._privacy import masked
from dmpcore.validation._registry import pseudo_rule
from dmpcore.validation._report import Issue, Severity

__all__ = ["PROFILES", "OfficialKit", "OfficialKitError", "official_issues", "volet_schematrons"]

_SKELETON: Final = Path(lxml.__file__).parent / "isoschematron" / "resources" / "xsl" / "iso-schematron-xslt1"
_SCH: Final = "{http://purl.oclc.org/dsdl/schematron}"
_SVRL: Final = {"svrl": "http://purl.oclc.org/dsdl/svrl"}
_XML_BASE: Final = "{http://www.w3.org/XML/1998/namespace}base"
_SOURCE: Final = "ci-sis"
_MAX_XSD_ISSUES: Final = 50
_TEMPLATE: Final = f"{{{V3}}}templateId"
#: a templateId the header schematron of a volet requires: cda:templateId[@root = '...']
_REQUIRED_TEMPLATE: Final = re.compile(r"""cda:templateId\[@root\s*=\s*["']([\d.]+)["']""")
_VERSION: Final = re.compile(r"_\d{4}\.\d{2}$")
_HEADER_CONTEXTS: Final = frozenset({"cda:ClinicalDocument", "/cda:ClinicalDocument"})
_TRUSTED: Final = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)


# dmpcore's own findings about a run of the kit (source 'dmpcore'), registered so that the docs list them.
pseudo_rule("KIT-000", severity=Severity.FATAL, category="kit",
            summary="(kit mode) The official pipeline ran on the document (Saxon-HE did not fail on it).",
            reference="dmpcore official kit mode (Saxon-HE)")  # fmt: skip
pseudo_rule("KIT-001", severity=Severity.WARNING, category="kit",
            summary="(kit mode) The kit has a volet schematron for the document's templateIds, so that the volet "
            "step runs.", reference="dmpcore official kit mode (CI-SIS_<volet>.sch of the kit)")  # fmt: skip

#: (step name, schematron path in the kit's schematrons/ folder), in the order the kit runs them
PROFILES: Final = (
    ("structurationMinimale", "profils/structurationMinimale/ASIP-STRUCT-MIN-StrucMin.sch"),
    ("IHE", "profils/IHE.sch"),
    ("ModelesDeContenusCDA", "profils/CI-SIS_ModelesDeContenusCDA.sch"),
    ("Modeles_ANS", "profils/CI-SIS_Modeles_ANS.sch"),
    ("terminologies", "profils/terminologies/schematron/terminologie.sch"),
)


class OfficialKitError(DmpcoreError):
    """The official pipeline cannot run: saxonche is missing, or the kit folder is not an ANS kit."""

    default_code = "kit.unavailable"


def cache_dir() -> Path:
    """Where compiled schematrons are kept (``$XDG_CACHE_HOME/dmpcore/ci-sis``, else ``~/.cache/...``)."""
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "dmpcore" / "ci-sis"


_skeletons: dict[str, etree.XSLT] = {}


def _skeleton(name: str) -> etree.XSLT:
    if name not in _skeletons:
        _skeletons[name] = etree.XSLT(etree.parse(str(_SKELETON / name)))
    return _skeletons[name]


def compile_schematron(sch: Path) -> Path:
    """Compile the schematron *sch* to an XSLT 2 file in the cache (reused while *sch* and its includes are unchanged).

    The cache key is a hash of *sch* with its includes expanded (about 30 ms for the largest profile),
    so that an edited include of the kit is never served from a stale compilation.
    """
    sch = sch.resolve()
    source = etree.parse(str(sch), _TRUSTED)
    for include in source.iter(f"{_SCH}include"):  # some kit file names hold spaces
        include.set("href", include.get("href", "").replace(" ", "%20"))
    included = _skeleton("iso_dsdl_include.xsl")(source)
    stamp = str(sch).encode() + b"\0" + etree.tostring(included)
    out = cache_dir() / f"{sch.stem}-{hashlib.sha256(stamp).hexdigest()[:16]}.xsl"
    if out.exists():
        return out
    expanded = _skeleton("iso_abstract_expand.xsl")(included)
    expanded.getroot().set("queryBinding", "xslt")  # the XSLT1 skeleton copies XPath 2 tests as they are
    xslt = _skeleton("iso_svrl_for_xslt1.xsl")(expanded)
    xslt.getroot().set(_XML_BASE, sch.parent.as_uri() + "/")  # document() paths resolve as in the kit
    out.parent.mkdir(parents=True, exist_ok=True)
    temporary = out.with_suffix(f".{os.getpid()}.tmp")
    xslt.write(str(temporary))
    temporary.replace(out)
    return out


_LOCATION_STEP: Final = re.compile(r"\*:([\w.-]+)\[namespace-uri\(\)='([^']*)'\]")


def _line_of(tree: etree._ElementTree, location: str) -> int | None:
    """The source line of the SVRL *location* (``/*:a[namespace-uri()='...'][1]/...``) in *tree*."""
    expression = _LOCATION_STEP.sub(r"*[local-name()='\1' and namespace-uri()='\2']", location)
    try:
        found = tree.xpath(expression)
    except etree.XPathError:
        return None
    if isinstance(found, list) and found and isinstance(found[0], etree._Element):
        return line_of(found[0])
    return None


def _header_templates(sch: Path) -> set[str]:
    """The templateIds that the header schematron(s) included by the volet schematron *sch* require."""
    found: set[str] = set()
    for include in etree.parse(str(sch), _TRUSTED).iter(f"{_SCH}include"):
        href = include.get("href", "")
        if "entete" not in href.lower().replace("-", "") or not (sch.parent / href).is_file():
            continue
        for rule_ in etree.parse(str(sch.parent / href), _TRUSTED).iter(f"{_SCH}rule"):
            if rule_.get("context", "").strip() in _HEADER_CONTEXTS:
                for test in rule_.iter(f"{_SCH}assert"):
                    found.update(_REQUIRED_TEMPLATE.findall(test.get("test", "")))
    return found


@cache
def volet_schematrons(kit: Path) -> dict[str, tuple[str, ...]]:
    """Document templateId -> the volet schematrons of *kit* (file names in ``schematrons/``) that require it.

    Read from the kit: each ``CI-SIS_<volet>_<version>.sch`` includes its header schematron
    (``Entete_*.sch``), which asserts the volet's templateId on ``cda:ClinicalDocument``. A templateId
    that the header schematrons of several volets require (the CI-SIS and HL7 France header
    templateIds...) names none; the versions of one volet share theirs.
    """
    volets: dict[str, set[str]] = {}
    files: dict[str, set[str]] = {}
    for sch in sorted((kit / "schematrons").glob("CI-SIS_*.sch")):
        volet = _VERSION.sub("", sch.stem)
        for template_id in _header_templates(sch):
            volets.setdefault(template_id, set()).add(volet)
            files.setdefault(template_id, set()).add(sch.name)
    return {template_id: tuple(sorted(files[template_id])) for template_id, names in volets.items() if len(names) == 1}


class OfficialKit:
    """The ANS kit at *kit*, ready to check documents (build it once: :func:`official_kit`)."""

    def __init__(self, kit: Path) -> None:
        try:
            from saxonche import PySaxonProcessor
        except ImportError:
            raise OfficialKitError(
                "the official kit mode needs saxonche 12.x: pip install 'dmpcore[official]'", code="kit.saxonche"
            ) from None
        xsd = kit / "infrastructure" / "cda" / "CDA_extended.xsd"
        if not xsd.is_file() or not (kit / "schematrons").is_dir():
            raise OfficialKitError(
                f"not an ANS CI-SIS kit folder (no {xsd.relative_to(kit)}): {kit}", code="kit.missing"
            )
        self.kit = kit
        self.xsd = etree.XMLSchema(etree.parse(str(xsd)))
        self.volets = volet_schematrons(kit)
        self._processor: Any = PySaxonProcessor(license=False)
        self._xslt: Any = self._processor.new_xslt30_processor()
        self._executables: dict[str, Any] = {}
        #: how many schematrons Saxon compiled (each once per process)
        self.compilations = 0
        self._lock = threading.Lock()

    def _executable(self, sch: str) -> Any:
        if sch not in self._executables:
            compiled = compile_schematron(self.kit / "schematrons" / sch)
            self._executables[sch] = self._xslt.compile_stylesheet(stylesheet_file=str(compiled))
            self.compilations += 1
        return self._executables[sch]

    def volet_schematron(self, templates: Sequence[tuple[str, str]]) -> tuple[str | None, tuple[str, ...]]:
        """The volet schematron for a document with these header templateIds ((root, extension) pairs).

        The first templateId that names a volet of the kit chooses it; when the kit holds several versions
        of that volet, the one whose version is the templateId's extension. Returns (the schematron or
        None, the candidates).
        """
        for root, extension in templates:
            candidates = self.volets.get(root, ())
            if len(candidates) == 1:
                return candidates[0], candidates
            if candidates:
                chosen = [name for name in candidates if extension and name.endswith(f"_{extension}.sch")]
                return (chosen[0] if len(chosen) == 1 else None), candidates
        return None, ()

    def steps(self, templates: Sequence[tuple[str, str]]) -> list[tuple[str, str]]:
        """The schematron steps for a document with these header templateIds ((root, extension) pairs)."""
        volet, _ = self.volet_schematron(templates)
        return [*PROFILES, *((("volet", volet),) if volet else ())]

    def check(self, tree: etree._ElementTree) -> list[Issue]:
        """Every finding of the official pipeline on *tree*, and dmpcore's own findings about the run."""
        issues = self._xsd_issues(tree)
        templates = [(t.get("root", ""), t.get("extension", "")) for t in tree.getroot().iterchildren(_TEMPLATE)]
        volet, candidates = self.volet_schematron(templates)
        if volet is None:
            issues.append(_no_volet(candidates))
        with self._lock:  # a Saxon processor is not shared between threads
            try:
                node = self._processor.parse_xml(xml_text=etree.tostring(tree, encoding="unicode"))
                for name, sch in self.steps(templates):
                    svrl = self._executable(sch).transform_to_string(xdm_node=node)
                    issues.extend(self._svrl_issues(name, sch, svrl, tree))
            except Exception as error:  # Saxon's own errors: the document gets a fatal issue, validate never raises
                issues.append(
                    Issue(rule_id="KIT-000", severity=Severity.FATAL, reference="Saxon-HE",
                          message_fr=f"le kit officiel n'a pas pu s'exécuter : {type(error).__name__}",
                          message_en=f"the official kit could not run: {type(error).__name__}: "
                                     f"{masked(str(error))[:200]}")
                )  # fmt: skip
        return issues

    def _xsd_issues(self, tree: etree._ElementTree) -> list[Issue]:
        if self.xsd.validate(tree):
            return []
        return [
            Issue(rule_id="KIT-xsd", severity=Severity.ERROR, source=_SOURCE, line=error.line or None,
                  reference="CDA_extended.xsd", message_fr=f"xsd : {masked(error.message)}",
                  message_en=f"xsd: {masked(error.message)}")
            for error in error_entries(self.xsd.error_log)[:_MAX_XSD_ISSUES]
        ]  # fmt: skip

    @staticmethod
    def _svrl_issues(step: str, sch: str, svrl: str, tree: etree._ElementTree) -> list[Issue]:
        report = etree.fromstring(svrl.encode("utf-8"))
        issues = []
        for result in report.iterfind("svrl:failed-assert", _SVRL), report.iterfind("svrl:successful-report", _SVRL):
            for finding in result:
                severity = Severity.ERROR if finding.tag.endswith("failed-assert") else Severity.WARNING
                text = masked(" ".join((finding.findtext("svrl:text", namespaces=_SVRL) or "").split()))
                location = finding.get("location", "")
                issues.append(
                    Issue(rule_id=f"KIT-{step}", severity=severity, source=_SOURCE, reference=sch,
                          message_fr=text, message_en=f"(official kit, in French) {text}",
                          xpath=location or None, line=_line_of(tree, location) if location else None)
                )  # fmt: skip
        return issues


def _no_volet(candidates: tuple[str, ...]) -> Issue:
    """dmpcore's warning that the volet step of the kit did not run (KIT-001)."""
    if candidates:
        names = ", ".join(candidates)
        fr = (
            f"plusieurs schematrons de volet du kit conviennent ({names}), l'extension du templateId n'en choisit aucun"
        )
        en = f"several volet schematrons of the kit match ({names}) and the templateId's extension chooses none"
    else:
        fr = "le kit n'a pas de schematron de volet pour les templateIds du document"
        en = "the kit has no volet schematron for the document's templateIds"
    return Issue(
        rule_id="KIT-001",
        severity=Severity.WARNING,
        message_fr=f"{fr} : l'étape « volet » n'a pas été exécutée",
        message_en=f"{en}: the volet step did not run",
        reference="dmpcore official kit mode (CI-SIS_<volet>.sch of the kit)",
    )


_kits: dict[Path, OfficialKit] = {}
_kits_lock = threading.Lock()


def official_kit(kit: Path) -> OfficialKit:
    """The :class:`OfficialKit` of folder *kit*, built once per process."""
    key = kit.resolve()
    with _kits_lock:
        if key not in _kits:
            _kits[key] = OfficialKit(key)
        return _kits[key]


def official_issues(kit: Path, tree: etree._ElementTree) -> list[Issue]:
    """The findings of the official pipeline of *kit* on *tree*."""
    return official_kit(kit).check(tree)
