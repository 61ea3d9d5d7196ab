"""CDA R2: reading and writing the XML of clinical documents.

XML lives in this package only. :func:`parse_xml` is the one hardened entry point for every
document dmpcore reads; :func:`to_cda` and :func:`from_cda` convert DLU-family documents;
:func:`profile_schema` / :func:`profile_violations` check them against the project's XSD.
"""

from dmpcore.cda._parser import DEFAULT_MAX_BYTES, MAX_DEPTH, parse_xml
from dmpcore.cda._reader import from_cda
from dmpcore.cda._schema import PROFILE_SCHEMA_FILE, SchemaViolation, profile_schema, profile_violations
from dmpcore.cda._writer import to_cda

__all__ = [
    "DEFAULT_MAX_BYTES",
    "MAX_DEPTH",
    "PROFILE_SCHEMA_FILE",
    "SchemaViolation",
    "from_cda",
    "parse_xml",
    "profile_schema",
    "profile_violations",
    "to_cda",
]
