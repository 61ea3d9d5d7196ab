"""The official ANS CI-SIS pipeline, run in-process with Saxon-HE (extra ``official``: saxonche 12.x).

The steps are those of the ANS test kit: ``CDA_extended.xsd``, the schematron profiles (structuration
minimale, IHE, CI-SIS content models, ANS models, terminologies) and the volet's own schematron,
chosen from the document's templateIds. Each schematron is compiled to XSLT with the ISO skeleton
that lxml ships (include, abstract patterns, SVRL), cached on disk under the user cache directory
(``$XDG_CACHE_HOME/dmpcore/ci-sis``) and compiled by Saxon once per process; each document is
parsed once by lxml (XSD) and once by Saxon (all schematrons).

Only ``failed-assert`` results make a document invalid, as in the kit's reports; ``successful-report``
results are warnings.
"""

from __future__ import annotations

import hashlib
import os
import re
import threading
from pathlib import Path
from typing import Any, Final

import lxml
from lxml import etree

from dmpcore.errors import DmpcoreError
from dmpcore.validation._context import error_entries, line_of
from dmpcore.validation._report import Issue, Severity
from dmpcore.validation._volets import VOLETS

__all__ = ["PROFILES", "OfficialKit", "OfficialKitError", "official_issues"]

_SKELETON: Final = Path(lxml.__file__).parent / "isoschematron" / "resources" / "xsl" / "iso-schematron-xslt1"
_SCH: Final = "{http://purl.oclc.org/dsdl/schematron}"
_SVRL: Final = {"svrl": "http://purl.oclc.org/dsdl/svrl"}
_XML_BASE: Final = "{http://www.w3.org/XML/1998/namespace}base"
_SOURCE: Final = "ci-sis"
_MAX_XSD_ISSUES: Final = 50

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
    """Compile the schematron *sch* to an XSLT 2 file in the cache (reused while *sch* is unchanged)."""
    sch = sch.resolve()
    stamp = f"{sch}:{sch.stat().st_mtime_ns}:{sch.stat().st_size}".encode()
    out = cache_dir() / f"{sch.stem}-{hashlib.sha256(stamp).hexdigest()[:16]}.xsl"
    if out.exists():
        return out
    source = etree.parse(str(sch))
    for include in source.iter(f"{_SCH}include"):  # some kit file names hold spaces
        include.set("href", include.get("href", "").replace(" ", "%20"))
    expanded = _skeleton("iso_abstract_expand.xsl")(_skeleton("iso_dsdl_include.xsl")(source))
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
        self._processor: Any = PySaxonProcessor(license=False)
        self._xslt: Any = self._processor.new_xslt30_processor()
        self._executables: dict[str, Any] = {}
        self._lock = threading.Lock()

    def _executable(self, sch: str) -> Any:
        if sch not in self._executables:
            compiled = compile_schematron(self.kit / "schematrons" / sch)
            self._executables[sch] = self._xslt.compile_stylesheet(stylesheet_file=str(compiled))
        return self._executables[sch]

    def steps(self, template_ids: tuple[str, ...]) -> list[tuple[str, str]]:
        """The schematron steps for a document with these header templateIds."""
        volets = [VOLETS[t].schematron for t in template_ids if t in VOLETS]
        return [*PROFILES, *(("volet", sch) for sch in volets[:1])]

    def check(self, tree: etree._ElementTree) -> list[Issue]:
        """Every finding of the official pipeline on *tree*."""
        issues = self._xsd_issues(tree)
        root = tree.getroot()
        template_ids = tuple(t.get("root", "") for t in root.iterchildren("{urn:hl7-org:v3}templateId"))
        steps = self.steps(template_ids)
        if len(steps) == len(PROFILES):
            issues.append(
                Issue(rule_id="KIT-volet", severity=Severity.ERROR, source=_SOURCE, reference="ci_sis volet",
                      message_fr="volet : aucun templateId de la famille DLU dans l'en-tête",
                      message_en="volet: no known DLU-family templateId in the header")
            )  # fmt: skip
        with self._lock:  # a Saxon processor is not shared between threads
            try:
                node = self._processor.parse_xml(xml_text=etree.tostring(tree, encoding="unicode"))
                for name, sch in steps:
                    svrl = self._executable(sch).transform_to_string(xdm_node=node)
                    issues.extend(self._svrl_issues(name, sch, svrl, tree))
            except Exception as error:  # Saxon's own errors: the document gets a fatal issue, validate never raises
                issues.append(
                    Issue(rule_id="KIT-run", severity=Severity.FATAL, source=_SOURCE, reference="Saxon-HE",
                          message_fr=f"le kit officiel n'a pas pu s'exécuter : {type(error).__name__}",
                          message_en=f"the official kit could not run: {type(error).__name__}: {str(error)[:200]}")
                )  # fmt: skip
        return issues

    def _xsd_issues(self, tree: etree._ElementTree) -> list[Issue]:
        if self.xsd.validate(tree):
            return []
        return [
            Issue(rule_id="KIT-xsd", severity=Severity.ERROR, source=_SOURCE, line=error.line or None,
                  reference="CDA_extended.xsd", message_fr=f"xsd : {error.message}", message_en=f"xsd: {error.message}")
            for error in error_entries(self.xsd.error_log)[:_MAX_XSD_ISSUES]
        ]  # fmt: skip

    @staticmethod
    def _svrl_issues(step: str, sch: str, svrl: str, tree: etree._ElementTree) -> list[Issue]:
        report = etree.fromstring(svrl.encode("utf-8"))
        issues = []
        for result in report.iterfind("svrl:failed-assert", _SVRL), report.iterfind("svrl:successful-report", _SVRL):
            for finding in result:
                severity = Severity.ERROR if finding.tag.endswith("failed-assert") else Severity.WARNING
                text = " ".join((finding.findtext("svrl:text", namespaces=_SVRL) or "").split())
                location = finding.get("location", "")
                issues.append(
                    Issue(rule_id=f"KIT-{step}", severity=severity, source=_SOURCE, reference=sch,
                          message_fr=text, message_en=f"(official kit, in French) {text}",
                          xpath=location or None, line=_line_of(tree, location) if location else None)
                )  # fmt: skip
        return issues


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
