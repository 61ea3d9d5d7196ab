"""The OIDs dmpcore uses, in one place.

Each constant cites where it is defined. Code systems of value sets generated from the
official kit live with those value sets; this module holds the identifier roots.
"""

from __future__ import annotations

from typing import Final

__all__ = [
    "ADMINISTRATIVE_GENDER",
    "CONFIDENTIALITY_HL7",
    "CUSTODIAN_ROOTS",
    "INS_NIA",
    "INS_NIR",
    "INS_NIR_DEMO",
    "INS_NIR_TEST",
    "INS_ROOTS",
    "NATIONAL_ORGANISATION_ID",
    "NATIONAL_PROFESSIONAL_ID",
    "TRE_A07_RESTRICTIONS",
    "TRE_R22_RPPS_PLUS_ROLE",
]

# INS roots, ANS "Référentiel INS" and CI-SIS structuration minimale (DOMAIN.md §2).
INS_NIR: Final = "1.2.250.1.213.1.4.8"
INS_NIA: Final = "1.2.250.1.213.1.4.9"
INS_NIR_TEST: Final = "1.2.250.1.213.1.4.10"
INS_NIR_DEMO: Final = "1.2.250.1.213.1.4.11"
INS_ROOTS: Final = frozenset({INS_NIR, INS_NIA, INS_NIR_TEST, INS_NIR_DEMO})

# National identifiers of professionals (PP) and organisations (PM), ANS "Annuaire santé".
NATIONAL_PROFESSIONAL_ID: Final = "1.2.250.1.71.4.2.1"
NATIONAL_ORGANISATION_ID: Final = "1.2.250.1.71.4.2.2"
# Roots accepted for custodian/assignedCustodian/representedCustodianOrganization/id
# (structuration minimale): national organisation ids, or the DMP hosting itself.
CUSTODIAN_ROOTS: Final = frozenset({NATIONAL_ORGANISATION_ID, "1.2.250.1.213.4.1"})

# HL7 v3 code systems used in the CDA header.
CONFIDENTIALITY_HL7: Final = "2.16.840.1.113883.5.25"
ADMINISTRATIVE_GENDER: Final = "2.16.840.1.113883.5.1"

# ANS terminologies (TRE).
TRE_A07_RESTRICTIONS: Final = "1.2.250.1.213.1.1.4.13"
TRE_R22_RPPS_PLUS_ROLE: Final = "1.2.250.1.213.1.6.1.19"
