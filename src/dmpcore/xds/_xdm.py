"""IHE XDM packages (ITI TF-1 §16, ITI TF-2b §3.32.4.1): a ZIP holding one submission set.

Layout written::

    INDEX.HTM
    README.TXT
    IHE_XDM/SUBSET01/METADATA.XML   ebRIM SubmitObjectsRequest
    IHE_XDM/SUBSET01/DOC0001.XML    the CDA, byte for byte
"""

from __future__ import annotations

import hashlib
import html
import os
import zipfile
from datetime import UTC
from io import BytesIO
from pathlib import Path
from typing import Final

import attrs

from dmpcore import __version__
from dmpcore.visibility import Restriction
from dmpcore.xds._archive import DEFAULT_LIMITS, ArchiveLimits, SafeArchive, extract_to
from dmpcore.xds._ebrim import Submission, read_metadata, write_metadata
from dmpcore.xds._errors import ArchiveError, MetadataError
from dmpcore.xds._extract import custodian_contact, organisation_line
from dmpcore.xds._model import DocumentEntry
from dmpcore.xds._source import DocumentSource, load

__all__ = ["XdmPackage", "extract_xdm", "read_xdm", "write_xdm"]

SUBSET: Final = "IHE_XDM/SUBSET01/"
METADATA: Final = SUBSET + "METADATA.XML"
DOCUMENT_NAME: Final = "DOC0001.XML"


@attrs.frozen(kw_only=True)
class XdmPackage:
    """What an XDM package holds: the document's bytes, its DocumentEntry and its restrictions."""

    document: bytes = attrs.field(repr=lambda data: f"<{len(data)} bytes>")
    entry: DocumentEntry
    document_path: str

    @property
    def restrictions(self) -> frozenset[Restriction]:
        """The DMP restrictions of the document (from its confidentialityCodes)."""
        return self.entry.restrictions


def _index(entry: DocumentEntry) -> bytes:
    title = html.escape(entry.title)
    return (
        '<!DOCTYPE html>\n<html lang="fr"><head><meta charset="utf-8"><title>IHE XDM</title></head><body>\n'
        f'<h1>IHE XDM</h1>\n<ul>\n<li><a href="README.TXT">README.TXT</a></li>\n'
        f'<li><a href="{SUBSET}{DOCUMENT_NAME}">{title}</a> ({html.escape(entry.type_code.code)}, '
        f"{entry.size} octets)</li>\n"
        f'<li><a href="{METADATA}">METADATA.XML</a></li>\n</ul>\n</body></html>\n'
    ).encode()


def _readme(entry: DocumentEntry, contact: tuple[str, ...]) -> bytes:
    """README.TXT (IHE ITI TF-2b §3.32.4.1): who created the media and how to reach them, which
    application wrote it, what it holds. Organisation data only: never the patient's."""
    authors = [organisation_line(i.name, i.id) for a in entry.authors for i in a.institutions]
    lines = [
        "IHE XDM package (ITI-32), one submission set.",
        "Created by: " + (" / ".join(contact) if contact else "the custodian is not named in the document"),
        *(f"Author institution: {name}" for name in dict.fromkeys(authors)),
        f"Produced with dmpcore {__version__}, a Python library for the French DMP and DLU.",
        f"Contents: {METADATA} (ebRIM metadata) and {SUBSET}{DOCUMENT_NAME} "
        f"(CDA R2, typeCode {entry.type_code.code}, formatCode {entry.format_code.code}).",
        "Open INDEX.HTM in a web browser to see the contents.",
    ]
    return "".join(line + "\r\n" for line in lines).encode()


def write_xdm(
    document: DocumentSource,
    entry: DocumentEntry,
    target: str | os.PathLike[str] | None = None,
    *,
    submission: Submission | None = None,
) -> bytes:
    """The XDM ZIP of *document* described by *entry* (from :func:`document_entry`); also written to *target*.

    The entry must describe these very bytes (same hash and size), else :class:`MetadataError`.
    Give *submission* for a reproducible package (the same inputs then give the same bytes).
    """
    data, tree = load(document)
    if (len(data), _sha1(data)) != (entry.size, entry.hash.lower()):
        raise MetadataError("the entry's hash and size do not describe this document", code="xds.hash")
    submission = submission or Submission.new(entry)
    metadata = write_metadata(entry, uri=DOCUMENT_NAME, submission=submission)
    moment = submission.time.astimezone(UTC) if submission.time.tzinfo else submission.time
    stamp = (max(moment.year, 1980), moment.month, moment.day, moment.hour, moment.minute, moment.second)
    buffer = BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in (
            ("INDEX.HTM", _index(entry)),
            ("README.TXT", _readme(entry, custodian_contact(tree.getroot()))),
            (METADATA, metadata),
            (SUBSET + DOCUMENT_NAME, data),
        ):
            info = zipfile.ZipInfo(name, date_time=stamp)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o100644 << 16
            archive.writestr(info, content)
    package = buffer.getvalue()
    if target is not None:
        try:
            Path(target).write_bytes(package)
        except OSError as exc:
            raise ArchiveError(f"cannot write {Path(target).name}: {exc.strerror}", code="xdm.io") from None
    return package


def _sha1(data: bytes) -> str:
    return hashlib.sha1(data).hexdigest()


def _metadata_name(archive: SafeArchive) -> str:
    candidates = sorted(
        name
        for name in archive.members
        if name.upper().startswith("IHE_XDM/") and name.upper().endswith("/METADATA.XML")
    )
    candidates = [name for name in candidates if name.count("/") == 2]
    if len(candidates) != 1:
        raise ArchiveError(f"expected one IHE_XDM/<subset>/METADATA.XML, found {len(candidates)}", code="xdm.missing")
    return candidates[0]


def read_xdm(source: bytes | str | os.PathLike[str], *, limits: ArchiveLimits = DEFAULT_LIMITS) -> XdmPackage:
    """The document, DocumentEntry and restrictions of the XDM package *source* (bytes or a path).

    The archive is checked first (:mod:`dmpcore.xds._archive`: traversal, links, bombs, duplicates);
    METADATA.XML is read with :func:`dmpcore.cda.parse_xml`; the document must match the metadata's
    hash and size.
    """
    return _read_package(SafeArchive(source, limits))


def _read_package(archive: SafeArchive) -> XdmPackage:
    metadata_name = _metadata_name(archive)
    entry, uri = read_metadata(archive.read(metadata_name))
    if not uri or "/" in uri or "\\" in uri or uri in (".", ".."):
        raise ArchiveError("the metadata's URI must name a file of the subset folder", code="xdm.path")
    document_path = metadata_name.rsplit("/", 1)[0] + "/" + uri
    document = archive.read(document_path)
    if (len(document), _sha1(document)) != (entry.size, entry.hash.lower()):
        raise ArchiveError("the document does not match the metadata's hash and size", code="xdm.hash")
    return XdmPackage(document=document, entry=entry, document_path=document_path)


def extract_xdm(
    source: bytes | str | os.PathLike[str],
    directory: str | os.PathLike[str],
    *,
    limits: ArchiveLimits = DEFAULT_LIMITS,
) -> tuple[XdmPackage, list[Path]]:
    """Check the XDM package *source* like :func:`read_xdm`, then write its members under *directory* only.

    All or nothing: when the package is refused, or a write fails, *directory* is left as it was.
    """
    archive = SafeArchive(source, limits)
    package = _read_package(archive)
    target = Path(directory)
    try:
        return package, extract_to(archive, target)
    except OSError as exc:
        raise ArchiveError(f"cannot write into {target.name}: {exc.strerror}", code="xdm.io") from None
