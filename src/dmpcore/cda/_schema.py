"""The project's XSD of the DLU-family CDA profile, compiled once per process.

The schema (``schemas/dlu-family-cda.xsd``) is dmpcore's own profile of HL7 CDA R2 restricted to
what the DLU, FLUDT, FLUDR, DLU-FT-SU and DLU-FR-SU documents use: the CI-SIS header, sections with a
code, a title and a narrative, entries and the CDA data types (see ``docs/schemas.md``). It includes
and imports nothing: compiling it reads its one file, never the network.

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

__all__ = ["MAX_VIOLATIONS", "PROFILE_SCHEMA_FILE", "SchemaViolation", "profile_schema", "profile_violations"]

#: the file name of the profile XSD in the project's ``schemas/`` folder
PROFILE_SCHEMA_FILE: Final = "dlu-family-cda.xsd"
#: at most this many violations are reported for one document (a hostile document may have millions)
MAX_VIOLATIONS: Final = 200

# An XMLSchema object keeps the errors of its last run in ``error_log``: validations that read the
# log are serialised so that two threads never see each other's errors.
_LOCK = threading.Lock()


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
    return etree.XMLSchema(etree.parse(str(schema_path(PROFILE_SCHEMA_FILE)), parser))


def profile_violations(tree: etree._ElementTree | etree._Element) -> tuple[SchemaViolation, ...]:
    """The violations of the profile XSD by *tree* (empty when it is valid), at most :data:`MAX_VIOLATIONS`.

    Each names its element by a readable XPath of local names (``/ClinicalDocument/component/...``).
    """
    schema = profile_schema()
    with _LOCK:
        if schema.validate(tree):
            return ()
        log: Any = schema.error_log  # lxml-stubs do not type the error log
        errors = [(entry.line, entry.path, entry.message) for entry in list(log)[:MAX_VIOLATIONS]]
    root = tree.getroot() if isinstance(tree, etree._ElementTree) else tree
    return tuple(
        SchemaViolation(line=line or None, xpath=_readable_path(root, path), message=message)
        for line, path, message in errors
    )


def _readable_path(root: etree._Element, path: str | None) -> str | None:
    """libxml2's ``/*/*[3]`` as ``/ClinicalDocument/author[2]``: local names, positions among same-named siblings."""
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
        parent = element.getparent()
        step = name
        if parent is not None:
            same = [sibling for sibling in parent if sibling.tag == element.tag]
            if len(same) > 1:
                step = f"{name}[{same.index(element) + 1}]"
        steps.append(step)
        element = parent
    return "/" + "/".join(reversed(steps))
