"""DMP submission metadata (XDS DocumentEntry) and IHE XDM packages of DLU-family documents.

See ``docs/xds.md``. Sources: IHE ITI TF-3 §4.2 (metadata) and ITI TF-2b §3.32 (XDM);
ANS CI-SIS *Volet Partage de Documents de Santé*; DOMAIN.md §4.1 and §5.
"""

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
    SourcePatientInfo,
)

__all__ = [
    "ArchiveError",
    "Author",
    "DocumentEntry",
    "Identifier",
    "Institution",
    "MetadataError",
    "PatientId",
    "PatientName",
    "Person",
    "SourcePatientInfo",
    "document_entry",
]
