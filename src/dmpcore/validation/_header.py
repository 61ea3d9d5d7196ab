"""The header contexts of the CI-SIS structuration minimale, as its rules name them (without ``cda:``).

Source: ``profils/structurationMinimale/include/1.2.250.1.213.1.1.1.1-2017-12-13T103531.sch``, whose
rules select, for example, ``author[hl7:assignedAuthor]/hl7:assignedAuthor[not(@nullFlavor)]/hl7:id``:
the predicates are kept, because they decide whether a rule applies at all.
"""

from __future__ import annotations

from typing import Final

__all__ = [
    "AUTHOR",
    "ENCOUNTER",
    "ENCOUNTER_PARTICIPANT",
    "LEGAL",
    "PARTICIPANT",
    "PATIENT",
    "PATIENT_ROLE",
    "PERFORMER",
    "SERVICE_EVENT",
]

PATIENT_ROLE: Final = "recordTarget[not(@nullFlavor)]/patientRole[patient]"
PATIENT: Final = f"{PATIENT_ROLE}/patient[not(@nullFlavor)]"
AUTHOR: Final = "author[assignedAuthor]/assignedAuthor[not(@nullFlavor)]"
LEGAL: Final = "legalAuthenticator[signatureCode[@code = 'S']]"
PARTICIPANT: Final = "participant[@typeCode][associatedEntity[@classCode]]"
SERVICE_EVENT: Final = "documentationOf[not(@nullFlavor)][serviceEvent]/serviceEvent[not(@nullFlavor)]"
PERFORMER: Final = f"{SERVICE_EVENT}/performer[@typeCode = 'PRF'][assignedEntity]"
ENCOUNTER: Final = (
    "componentOf[not(@nullFlavor)][encompassingEncounter]/encompassingEncounter[not(@nullFlavor)][location]"
)
ENCOUNTER_PARTICIPANT: Final = f"{ENCOUNTER}/encounterParticipant[@typeCode][assignedEntity]"
