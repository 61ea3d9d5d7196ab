"""Errors of dmpcore.xds: bad metadata and hostile or broken XDM archives."""

from __future__ import annotations

from dmpcore.errors import InputError

__all__ = ["ArchiveError", "MetadataError"]


class MetadataError(InputError):
    """XDS metadata cannot be built or read: a value the CDA must carry is missing or malformed.

    Codes: ``xds.missing`` (a value the metadata need is absent from the CDA), ``xds.model`` (not a
    DLU-family document), ``xds.format_code`` (a formatCode the ANS has not published and the caller did
    not give), ``xds.time`` (a time without its offset, or not a time), ``xds.hl7v2`` (a malformed CX,
    XCN, XON or coded value), ``xds.hash`` and ``xds.size`` (a hash that is not a SHA-1, a negative size,
    or an entry that does not describe the document packaged), ``xds.ebrim`` (METADATA.XML is not the
    SubmitObjectsRequest of one DocumentEntry), ``xds.submission_set`` (not exactly one RegistryPackage
    classified as a SubmissionSet, or, when none is classified, carrying an XDSSubmissionSet.uniqueId),
    ``xds.association`` (no HasMember association from the SubmissionSet to the DocumentEntry),
    ``xds.patient_mismatch`` (the SubmissionSet's patientId is not the entry's).
    """

    default_code = "xds.metadata"


class ArchiveError(InputError):
    """An XDM archive is refused: not a ZIP, hostile (traversal, links, bombs) or incomplete.

    Codes: ``xdm.not_zip`` (also a member whose data fail their CRC or their declared size),
    ``xdm.path``, ``xdm.link``, ``xdm.duplicate`` (also a name used as a file and as a folder),
    ``xdm.members``, ``xdm.member_size``, ``xdm.total_size``, ``xdm.ratio``, ``xdm.encrypted``,
    ``xdm.missing``, ``xdm.hash`` (the document does not match the metadata's hash and size),
    ``xdm.exists`` (extraction would replace a file of the target), ``xdm.io`` (the archive or the
    target cannot be read or written).
    """

    default_code = "xdm.invalid"
