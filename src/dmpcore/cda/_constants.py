"""Namespaces, templateIds, OIDs and codes of the CDA layer, in one place.

Sources: HL7 CDA R2 (POCD_HD000040); ANS CI-SIS *structuration minimale* and the volet
DLU-EHPAD 2022.01 (templateIds as in the kit's schematrons and its ``ExemplesCDA`` example).
``tests/cda/test_constants.py`` checks these facts against the official kit.
"""

from __future__ import annotations

from typing import Final

__all__ = [
    "ATC",
    "CIM10",
    "CIM11",
    "CIS",
    "CLINICAL_DOCUMENT_ORDER",
    "HL7",
    "HL7_ACT_CODE",
    "HL7_CONFIDENTIALITY",
    "HL7_GENDER",
    "HL7_PARTICIPATION_FUNCTION",
    "HL7_ROLE_CODE",
    "LOINC",
    "NS",
    "SNOMED",
    "TRE_CHECKLIST",
    "TRE_FACILITY_TYPE",
    "TRE_PRACTICE_SETTING",
    "TRE_PROFESSION",
    "XSI",
]

# XML namespaces
HL7: Final = "urn:hl7-org:v3"
XSI: Final = "http://www.w3.org/2001/XMLSchema-instance"
NS: Final = {"cda": HL7, "xsi": XSI}

# Code systems
LOINC: Final = "2.16.840.1.113883.6.1"
SNOMED: Final = "2.16.840.1.113883.6.96"
CIM10: Final = "2.16.840.1.113883.6.3"
CIM11: Final = "2.16.840.1.113883.6.347"
CIS: Final = "1.2.250.1.213.2.3.1"  # Code Identifiant de Spécialité (médicaments)
ATC: Final = "2.16.840.1.113883.6.73"
HL7_CONFIDENTIALITY: Final = "2.16.840.1.113883.5.25"
HL7_GENDER: Final = "2.16.840.1.113883.5.1"
HL7_ACT_CODE: Final = "2.16.840.1.113883.5.4"
HL7_ROLE_CODE: Final = "2.16.840.1.113883.5.111"
HL7_PARTICIPATION_FUNCTION: Final = "2.16.840.1.113883.5.88"
TRE_PROFESSION: Final = "1.2.250.1.213.1.1.4.5"  # TRE_G15 / R38 (profession + savoir-faire)
TRE_PRACTICE_SETTING: Final = "1.2.250.1.213.1.1.4.9"  # practiceSettingCode (JDV_J04)
TRE_FACILITY_TYPE: Final = "1.2.250.1.71.4.2.4"  # healthcareFacilityTypeCode (JDV_J02)
TRE_CHECKLIST: Final = "1.2.250.1.213.1.1.4.322"  # TerminologieCISIS (JDV_ChecklistDLU codes DLU_xxx)

# Header templateIds (every CI-SIS document)
HL7_FRANCE_TEMPLATE: Final = "2.16.840.1.113883.2.8.2.1"
CI_SIS_TEMPLATE: Final = "1.2.250.1.213.1.1.1.1"
TYPE_ID_ROOT: Final = "2.16.840.1.113883.1.3"
TYPE_ID_EXTENSION: Final = "POCD_HD000040"

#: the children of ClinicalDocument in the order of the CDA R2 schema (POCD_MT000040.ClinicalDocument)
CLINICAL_DOCUMENT_ORDER: Final = (
    "realmCode",
    "typeId",
    "templateId",
    "id",
    "code",
    "title",
    "effectiveTime",
    "confidentialityCode",
    "languageCode",
    "setId",
    "versionNumber",
    "copyTime",
    "recordTarget",
    "author",
    "dataEnterer",
    "informant",
    "custodian",
    "informationRecipient",
    "legalAuthenticator",
    "authenticator",
    "participant",
    "inFulfillmentOf",
    "documentationOf",
    "relatedDocument",
    "authorization",
    "componentOf",
    "component",
)

# Entry templateIds (CI-SIS first, then the IHE PCC / CCD ones the entry also declares)
T_DISPOSITION: Final = ("1.3.6.1.4.1.19376.1.5.3.1.1.10.4.2", "1.2.250.1.213.1.1.3.97")
T_PROBLEM_CONCERN: Final = (
    "2.16.840.1.113883.10.20.1.27",
    "1.3.6.1.4.1.19376.1.5.3.1.4.5.1",
    "1.3.6.1.4.1.19376.1.5.3.1.4.5.2",
    "1.2.250.1.213.1.1.3.39",
)
T_PROBLEM: Final = ("2.16.840.1.113883.10.20.1.28", "1.3.6.1.4.1.19376.1.5.3.1.4.5", "1.2.250.1.213.1.1.3.37")
T_ALLERGY_CONCERN: Final = (
    "2.16.840.1.113883.10.20.1.27",
    "1.3.6.1.4.1.19376.1.5.3.1.4.5.1",
    "1.3.6.1.4.1.19376.1.5.3.1.4.5.3",
    "1.2.250.1.213.1.1.3.40",
)
T_ALLERGY: Final = (
    "2.16.840.1.113883.10.20.1.18",
    "2.16.840.1.113883.10.20.1.28",
    "1.3.6.1.4.1.19376.1.5.3.1.4.5",
    "1.3.6.1.4.1.19376.1.5.3.1.4.6",
    "1.2.250.1.213.1.1.3.41",
)
T_TREATMENT: Final = (
    "2.16.840.1.113883.10.20.1.24",
    "1.3.6.1.4.1.19376.1.5.3.1.4.7",
    "1.2.250.1.213.1.1.3.42",
    "1.3.6.1.4.1.19376.1.5.3.1.4.7.1",
)
T_PRODUCT: Final = ("2.16.840.1.113883.10.20.1.53", "1.3.6.1.4.1.19376.1.5.3.1.4.7.2", "1.2.250.1.213.1.1.3.43")
T_DIRECTIVE: Final = (
    "2.16.840.1.113883.10.20.1.17",
    "1.3.6.1.4.1.19376.1.5.3.1.4.13",
    "1.3.6.1.4.1.19376.1.5.3.1.4.13.7",
    "1.2.250.1.213.1.1.3.54",
)
T_DIRECTIVE_REFERENCE: Final = "2.16.840.1.113883.10.20.1.36"
T_PROCEDURE: Final = ("1.3.6.1.4.1.19376.1.5.3.1.4.19", "2.16.840.1.113883.10.20.1.29", "1.2.250.1.213.1.1.3.62")
T_SIMPLE_OBSERVATION: Final = ("1.3.6.1.4.1.19376.1.5.3.1.4.13", "1.2.250.1.213.1.1.3.48")
T_VACCINATION: Final = ("2.16.840.1.113883.10.20.1.24", "1.3.6.1.4.1.19376.1.5.3.1.4.12", "1.2.250.1.213.1.1.3.45")
T_ATTACHED_DOCUMENT: Final = ("1.2.250.1.213.1.1.3.18",)
T_ATTACHED_DOCUMENT_TYPE: Final = (
    "1.3.6.1.4.1.19376.1.5.3.1.4.13",
    "1.2.250.1.213.1.1.3.48",
    "1.2.250.1.213.1.1.3.48.18",
)

# Fixed codes
CODE_ATTACHED_DOCUMENT: Final = ("55107-7", LOINC, "Document attaché")
CODE_DOCUMENT_TYPE: Final = ("69764-9", LOINC, "Type de document")
CODE_PROBLEM_ASSERTION: Final = ("282291009", SNOMED, "interprétation diagnostique")
CODE_DIRECTIVES: Final = ("42348-3", LOINC, "Directives anticipées")
CODE_PREFERRED_HOSPITAL: Final = ("11302-7", LOINC, "Etablissement de santé de préférence")
CODE_IMMUNIZATION: Final = ("IMMUNIZ", HL7_ACT_CODE, "Immunization")
CODE_ENCOUNTER: Final = ("IMP", HL7_ACT_CODE, "Hospitalisation (établissement, y compris HAD)")
CODE_ATTENDING_PHYSICIAN: Final = ("PCP", HL7_PARTICIPATION_FUNCTION, "Médecin Traitant")
