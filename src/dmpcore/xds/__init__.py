"""DMP submission metadata (XDS DocumentEntry) and IHE XDM packages of DLU-family documents.

>>> from dmpcore.visibility import Restriction
>>> from dmpcore.xds._sample import sample_cda
>>> entry = document_entry(sample_cda(), restrictions={Restriction.MASQUE_PS})
>>> entry.type_code.code, entry.format_code.code, [c.code for c in entry.confidentiality_codes]
('74207-2', 'urn:asip:ci-sis:fludt:2017', ['N', 'MASQUE_PS'])
>>> read_xdm(write_xdm(sample_cda(), entry)).restrictions == {Restriction.MASQUE_PS}
True

See ``docs/xds.md``. Sources: IHE ITI TF-3 §4.2 (metadata) and ITI TF-2b §3.32 (XDM);
ANS CI-SIS *Volet Partage de Documents de Santé*; DOMAIN.md §4.1, §4.2 and §5.
"""

from dmpcore.xds._archive import ArchiveLimits
from dmpcore.xds._check import check_entry
from dmpcore.xds._ebrim import Submission
from dmpcore.xds._errors import ArchiveError, MetadataError
from dmpcore.xds._extract import document_entry
from dmpcore.xds._model import (
    Author,
    DocumentEntry,
    Identifier,
    Institution,
    PatientId,
    PatientName,
    Person,
    Problem,
    SourcePatientInfo,
)
from dmpcore.xds._xdm import XdmPackage, extract_xdm, read_xdm, write_xdm

__all__ = [
    "ArchiveError",
    "ArchiveLimits",
    "Author",
    "DocumentEntry",
    "Identifier",
    "Institution",
    "MetadataError",
    "PatientId",
    "PatientName",
    "Person",
    "Problem",
    "SourcePatientInfo",
    "Submission",
    "XdmPackage",
    "check_entry",
    "document_entry",
    "extract_xdm",
    "read_xdm",
    "write_xdm",
]
