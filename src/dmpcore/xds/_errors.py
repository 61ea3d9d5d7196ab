"""Errors of dmpcore.xds: bad metadata and hostile or broken XDM archives."""

from __future__ import annotations

from dmpcore.errors import InputError

__all__ = ["ArchiveError", "MetadataError"]


class MetadataError(InputError):
    """XDS metadata cannot be built or read: a value the CDA must carry is missing or malformed.

    Codes: ``xds.missing``, ``xds.model``, ``xds.format_code``, ``xds.time``, ``xds.hl7v2``, ``xds.ebrim``.
    """

    default_code = "xds.metadata"


class ArchiveError(InputError):
    """An XDM archive is refused: not a ZIP, hostile (traversal, links, bombs) or incomplete.

    Codes: ``xdm.not_zip``, ``xdm.path``, ``xdm.link``, ``xdm.duplicate``, ``xdm.members``,
    ``xdm.member_size``, ``xdm.total_size``, ``xdm.ratio``, ``xdm.encrypted``, ``xdm.missing``, ``xdm.io``.
    """

    default_code = "xdm.invalid"
