"""CDA R2: reading and writing the XML of clinical documents.

XML lives in this package only. :func:`parse_xml` is the one hardened entry point for every
document dmpcore reads.
"""

from dmpcore.cda._parser import DEFAULT_MAX_BYTES, MAX_DEPTH, parse_xml

__all__ = ["DEFAULT_MAX_BYTES", "MAX_DEPTH", "parse_xml"]
