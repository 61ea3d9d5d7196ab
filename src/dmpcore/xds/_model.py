"""The XDS DocumentEntry of a DLU-family document, as frozen value objects.

Values are kept in the form the XDS registry stores (UTC timestamps as ``YYYYMMDD[HHMMSS]`` text,
codes as :class:`~dmpcore.codes.Code`); the HL7 v2 encodings (CX, XCN, XON) are written and read at
the edges by :mod:`dmpcore.xds._hl7v2`.
"""

from __future__ import annotations

import attrs

from dmpcore.codes import Code
from dmpcore.visibility import Restriction, parse_confidentiality_codes
from dmpcore.xds._errors import MetadataError

__all__ = [
    "Author",
    "DocumentEntry",
    "Identifier",
    "Institution",
    "PatientId",
    "PatientName",
    "Person",
    "Problem",
    "SourcePatientInfo",
]


@attrs.frozen(kw_only=True)
class Problem:
    """One disagreement between the metadata and the document, or one broken deposit rule.

    ``code`` is stable (``xds.type_code``, ``visibility.invisible_representants_legaux_for_adult``...),
    ``field`` the DocumentEntry field concerned, ``basis`` the sources of the rule.
    """

    code: str
    field: str
    message: str
    basis: tuple[str, ...] = ()


@attrs.frozen(kw_only=True)
class Identifier:
    """An instance identifier: ``root`` (an OID) and an optional ``extension``."""

    root: str
    extension: str | None = None


@attrs.frozen(kw_only=True)
class PatientId:
    """A patient identifier (HL7 v2 CX): ``value`` assigned by ``root``, of type ``type_code``.

    The INS is ``type_code="NH"``; a local IPP is ``"PI"``. Its ``repr`` hides the value.
    """

    value: str = attrs.field(repr=False)
    root: str
    type_code: str


@attrs.frozen(kw_only=True)
class Person:
    """A person in authorPerson or legalAuthenticator (HL7 v2 XCN)."""

    id: Identifier | None = None
    family: str | None = None
    given: str | None = None
    prefix: str | None = None


@attrs.frozen(kw_only=True)
class Institution:
    """An organisation in authorInstitution (HL7 v2 XON)."""

    name: str
    id: Identifier | None = None


@attrs.frozen(kw_only=True)
class Author:
    """One author of the document: the person, their institution, role(s) and specialty(ies)."""

    person: Person | None = None
    institutions: tuple[Institution, ...] = ()
    roles: tuple[Code, ...] = ()
    specialties: tuple[Code, ...] = ()


@attrs.frozen(kw_only=True)
class PatientName:
    """One PID-5 name: ``type_code`` ``L`` (birth name) or ``D`` (name used)."""

    family: str
    given: str | None = None
    type_code: str = "L"


@attrs.frozen(kw_only=True)
class SourcePatientInfo:
    """The demographics of sourcePatientInfo (PID-3, PID-5, PID-7, PID-8). ``repr`` hides them."""

    ids: tuple[PatientId, ...] = attrs.field(default=(), repr=False)
    names: tuple[PatientName, ...] = attrs.field(default=(), repr=False)
    birth_time: str | None = attrs.field(default=None, repr=False)
    gender: str | None = attrs.field(default=None, repr=False)


def _sha1_hex(instance: object, attribute: attrs.Attribute[str], value: str) -> None:
    if not (isinstance(value, str) and len(value) == 40 and all(ch in "0123456789abcdef" for ch in value)):
        raise MetadataError(f"'hash' must be 40 lowercase hex digits (SHA-1), got {value!r:.50}", code="xds.hash")


def _byte_count(instance: object, attribute: attrs.Attribute[int], value: int) -> None:
    if not isinstance(value, int) or isinstance(value, bool) or value < 0:
        raise MetadataError(f"'size' must be a non-negative int, got {value!r:.20}", code="xds.size")


@attrs.frozen(kw_only=True)
class DocumentEntry:
    """The XDS DocumentEntry metadata of one document (IHE ITI TF-3 §4.2.3.2; DOMAIN.md §5).

    Build it with :func:`dmpcore.xds.document_entry` from the CDA itself; change it with
    :func:`attrs.evolve`. ``confidentiality_codes`` holds the CDA's HL7 code first, then one code
    per DMP restriction (DOMAIN.md §4.1); :attr:`restrictions` reads them back.
    """

    unique_id: str
    title: str
    type_code: Code
    class_code: Code
    format_code: Code
    confidentiality_codes: tuple[Code, ...]
    event_codes: tuple[Code, ...] = ()
    healthcare_facility_type_code: Code
    practice_setting_code: Code
    patient_id: PatientId
    source_patient_id: PatientId
    source_patient_info: SourcePatientInfo
    authors: tuple[Author, ...]
    legal_authenticator: Person | None = None
    creation_time: str
    service_start_time: str | None = None
    service_stop_time: str | None = None
    language_code: str
    mime_type: str = "text/xml"
    hash: str = attrs.field(validator=_sha1_hex)
    size: int = attrs.field(validator=_byte_count)

    @property
    def restrictions(self) -> frozenset[Restriction]:
        """The DMP restrictions carried by :attr:`confidentiality_codes`."""
        return parse_confidentiality_codes(self.confidentiality_codes)
