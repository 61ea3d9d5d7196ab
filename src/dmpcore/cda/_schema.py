"""The project's XSD of the DLU-family CDA profile, compiled once per process.

The schema (``schemas/dlu-family-cda.xsd``) is dmpcore's own profile of HL7 CDA R2 restricted to
what the DLU, FLUDT, FLUDR, DLU-FT-SU and DLU-FR-SU documents use: the CI-SIS header, sections with a
code, a title and a narrative, entries and the CDA data types (see ``docs/schemas.md``). It imports
only its companion ``schemas/dlu-family-sdtc.xsd`` (the SDTC elements the CI-SIS patient allows):
compiling it reads these two files, never the network.

>>> from dmpcore.cda import parse_xml, profile_schema, profile_violations
>>> profile_schema() is profile_schema()
True
>>> tree = parse_xml(b'<ClinicalDocument xmlns="urn:hl7-org:v3"><foo/></ClinicalDocument>')
>>> profile_schema().validate(tree)
False
>>> [(v.line, v.xpath) for v in profile_violations(tree)]
[(1, '/ClinicalDocument/foo')]
>>> print(profile_violations(tree)[0].message)
Element '{urn:hl7-org:v3}foo': This element is not expected. Expected is ( {urn:hl7-org:v3}realmCode ).
"""

from __future__ import annotations

import threading
from functools import cache
from typing import Any, Final

import attrs
from lxml import etree

from dmpcore._resources import schema_path

__all__ = [
    "MAX_VIOLATIONS",
    "PROFILE_SCHEMA_FILE",
    "TREE_MODE_MAX_ELEMENTS",
    "SchemaViolation",
    "profile_schema",
    "profile_violations",
]

#: the file name of the profile XSD in the project's ``schemas/`` folder
PROFILE_SCHEMA_FILE: Final = "dlu-family-cda.xsd"
#: at most this many violations are reported for one document (a hostile document may have millions)
MAX_VIOLATIONS: Final = 200

# An XMLSchema object keeps the errors of its last run in ``error_log``: validations that read the
# log are serialised so that two threads never see each other's errors.
_LOCK = threading.Lock()
#: documents with more elements are validated as a stream (see profile_violations)
TREE_MODE_MAX_ELEMENTS: Final = 10_000
#: sibling steps one report may spend to name positions in its paths (see _readable_path)
_PATH_BUDGET: Final = 100_000


@attrs.frozen(kw_only=True)
class SchemaViolation:
    """One violation of the profile XSD: its ``line`` (1-based), the ``xpath`` of the element and libxml2's message."""

    line: int | None
    xpath: str | None
    message: str


@cache
def profile_schema() -> etree.XMLSchema:
    """The compiled XSD of the DLU-family profile (compiled on first use, then cached for the process).

    Validating with it is linear in the size of the document (libxml2 matches content models and
    patterns with automata, without backtracking); documents should reach it through
    :func:`dmpcore.cda.parse_xml`, which bounds their size and depth. Prefer
    :func:`profile_violations` to read the errors when threads share the schema.
    """
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)
    # parsed from its path, so that the import of dlu-family-sdtc.xsd resolves beside it
    return etree.XMLSchema(etree.parse(str(schema_path(PROFILE_SCHEMA_FILE)), parser))


def profile_violations(tree: etree._ElementTree | etree._Element) -> tuple[SchemaViolation, ...]:
    """The violations of the profile XSD by *tree* (empty when it is valid), at most :data:`MAX_VIOLATIONS`.

    Each names its element by a readable XPath of local names (``/ClinicalDocument/author[2]``) and its line.

    Time is bounded on hostile input: lxml records the path of every error's element, which costs a scan
    of its siblings, so a document with many elements *and* many errors would take quadratic time in
    tree mode. Documents of more than :data:`TREE_MODE_MAX_ELEMENTS` elements (real DLU-family
    documents have a few hundred to a few thousand) are therefore validated as a stream, in linear time,
    and their violations carry the message only (no line, no path).
    """
    root = tree.getroot() if isinstance(tree, etree._ElementTree) else tree
    size: Any = root.xpath("count(//*)")
    if size > TREE_MODE_MAX_ELEMENTS:
        return _stream_violations(root)
    schema = profile_schema()
    with _LOCK:
        if schema.validate(root):
            return ()
        log: Any = schema.error_log  # lxml-stubs do not type the error log
        errors = [(entry.line, entry.path, entry.message) for entry in list(log)[:MAX_VIOLATIONS]]
    budget = [_PATH_BUDGET]
    return tuple(
        SchemaViolation(line=line or None, xpath=_readable_path(root, path, budget), message=message)
        for line, path, message in errors
    )


def _stream_violations(root: etree._Element) -> tuple[SchemaViolation, ...]:
    """Validate the serialised *root* while parsing it (libxml2 streaming mode: linear, no element paths)."""
    # the tree was read by parse_xml (its size bounded, no DTD): its long text nodes (base64 PDFs) are fine
    parser = etree.XMLParser(
        schema=profile_schema(), resolve_entities=False, no_network=True, load_dtd=False, huge_tree=True
    )
    try:
        with _LOCK:  # the schema is shared (see above)
            etree.fromstring(etree.tostring(root), parser)
    except etree.XMLSyntaxError as exc:
        # the parser's own log: the exception's is lxml's per-thread log, which keeps the errors of earlier
        # documents (another patient's values in this document's report)
        log: Any = parser.error_log
        messages = [entry.message for entry in list(log)[:MAX_VIOLATIONS]] or [str(exc)]
        return tuple(SchemaViolation(line=None, xpath=None, message=message) for message in messages)
    return ()


def _readable_path(root: etree._Element, path: str | None, budget: list[int]) -> str | None:
    """libxml2's ``/*/*[3]`` as ``/ClinicalDocument/author[2]``: local names, positions among same-named siblings.

    Counting siblings costs time on hostile documents (a million siblings): all the paths of one report
    share *budget* sibling steps, after which libxml2's own path is returned as it is.
    """
    if not path:
        return None
    try:
        found: Any = root.getroottree().xpath(path)
    except etree.XPathError:
        return path
    if not found or not isinstance(found[0], etree._Element):
        return path
    steps = []
    element: etree._Element | None = found[0]
    while element is not None:
        name = etree.QName(element).localname
        before = 0
        for _ in element.itersiblings(element.tag, preceding=True):
            before += 1
            budget[0] -= 1
            if budget[0] <= 0:
                return path
        after = next(element.itersiblings(element.tag), None) is not None
        steps.append(f"{name}[{before + 1}]" if before or after else name)
        element = element.getparent()
    return "/" + "/".join(reversed(steps))
