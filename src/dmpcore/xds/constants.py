"""XDS-side codes, OIDs and classification-scheme UUIDs of a DLU-family submission, in one place.

Sources:

- IHE IT Infrastructure Technical Framework, volume 3, §4.2 (XDS metadata: ebRIM slots, classification
  schemes and external identifiers) and §4.2.3.1.7 (the XDM package layout of ITI-32);
- ANS CI-SIS *Volet Partage de Documents de Santé* and the value sets JDV_J02 (healthcareFacilityTypeCode),
  JDV_J04 (practiceSettingCode), JDV_J07 (typeCode), JDV_J08 (confidentialityCode), TRE_A03 (classCode),
  TRE_A06 (formatCode) and ASS_A11 (correspondence CDA model -> formatCode);
- DOMAIN.md §4.1 and §5 (the DLU family and its XDS metadata); the models' templateIds, CDA codes,
  service events and formatCodes are read from :data:`dmpcore.dlu.DOCUMENTS`.

``tests/xds/test_constants.py`` checks the codes against the official kit's value sets.
"""

from __future__ import annotations

from typing import Final

import attrs

from dmpcore.cda._constants import LOINC
from dmpcore.codes import Code
from dmpcore.dlu import DOCUMENTS, DocumentKind

__all__ = [
    "ASSOCIATION_HAS_MEMBER",
    "CLASS_CODE_SYNTHESE",
    "CLASS_CODE_SYSTEM",
    "DLU_FAMILY",
    "DOCUMENT_ENTRY",
    "FACILITY_TYPE_SYSTEM",
    "FORMAT_CODE_SYSTEM",
    "INS_TYPE_CODE",
    "LOCAL_PATIENT_ID_TYPE_CODE",
    "LOINC",
    "MIME_TYPE",
    "NS_LCM",
    "NS_RIM",
    "PRACTICE_SETTING_SYSTEM",
    "PROFESSIONAL_ID_TYPE_CODE",
    "STATUS_APPROVED",
    "SUBMISSION_SET",
    "CdaModel",
    "DocumentEntrySchemes",
    "SubmissionSetSchemes",
    "model_by_template",
]

# --- code systems -------------------------------------------------------------------------------

#: TRE_A03-ClasseDocument: the XDS classCode.
CLASS_CODE_SYSTEM: Final = "1.2.250.1.213.1.1.4.1"
#: TRE_A06-FormatCodeComplementaire: the CI-SIS formatCodes (``urn:asip:ci-sis:...``).
FORMAT_CODE_SYSTEM: Final = "1.2.250.1.213.1.1.4.2.282"
#: TRE_R02-SecteurActivite: healthcareFacilityTypeCode (JDV_J02), e.g. SA17.
FACILITY_TYPE_SYSTEM: Final = "1.2.250.1.71.4.2.4"
#: TRE_A00-ProducteurDocNonPS / practiceSettingCode of JDV_J04 (ESSMS, ETABLISSEMENT, ...).
PRACTICE_SETTING_SYSTEM: Final = "1.2.250.1.213.1.1.4.9"

#: Every DLU-family document is a "Synthèse" (DOMAIN.md §5).
CLASS_CODE_SYNTHESE: Final = Code(code="11", code_system=CLASS_CODE_SYSTEM, display="Synthèse")

MIME_TYPE: Final = "text/xml"

# HL7 v2 identifier type codes used in CX and XCN values (IHE ITI TF-3 §4.2.3.1.7, French extension).
#: patientId / PID-3 of an INS: ``NIR^^^&1.2.250.1.213.1.4.8&ISO^NH``.
INS_TYPE_CODE: Final = "NH"
#: a local patient identifier (IPP) in sourcePatientId.
LOCAL_PATIENT_ID_TYPE_CODE: Final = "PI"
#: a national professional id (RPPS, ADELI) in authorPerson / legalAuthenticator.
PROFESSIONAL_ID_TYPE_CODE: Final = "IDNPS"
#: a national organisation id (FINESS, SIREN, SIRET) in authorInstitution.
ORGANISATION_ID_TYPE_CODE: Final = "IDNST"

# --- ebRIM -------------------------------------------------------------------------------------

NS_LCM: Final = "urn:oasis:names:tc:ebxml-regrep:xsd:lcm:3.0"
NS_RIM: Final = "urn:oasis:names:tc:ebxml-regrep:xsd:rim:3.0"
STATUS_APPROVED: Final = "urn:oasis:names:tc:ebxml-regrep:StatusType:Approved"
ASSOCIATION_HAS_MEMBER: Final = "urn:oasis:names:tc:ebxml-regrep:AssociationType:HasMember"


@attrs.frozen(kw_only=True)
class DocumentEntrySchemes:
    """UUIDs of the DocumentEntry (IHE ITI TF-3 §4.2.5.2 and table 4.2.3.2-1)."""

    object_type: str = "urn:uuid:7edca82f-054d-47f2-a032-9b2a5b5186c1"  # stable DocumentEntry
    author: str = "urn:uuid:93606bcf-9494-43ec-9b4e-a7748d1a838d"
    class_code: str = "urn:uuid:41a5887f-8865-4c09-adf7-e362475b143a"
    confidentiality_code: str = "urn:uuid:f4f85eac-e6cb-4883-b524-f2705394840f"
    event_code: str = "urn:uuid:2c6b8cb7-8b2a-4051-b291-b1ae6a575ef4"
    format_code: str = "urn:uuid:a09d5840-386c-46f2-b5ad-9c3699a4309d"
    healthcare_facility_type_code: str = "urn:uuid:f33fb8ac-18af-42cc-ae0e-ed0b0bdb91e1"
    practice_setting_code: str = "urn:uuid:cccf5598-8b07-4b77-a05e-ae952c785ead"
    type_code: str = "urn:uuid:f0306f51-975f-434e-a61c-c59651d33983"
    patient_id: str = "urn:uuid:58a6f841-87b3-4a3e-92fd-a8ffeff98427"
    unique_id: str = "urn:uuid:2e82c1f6-a085-4c72-9da3-8640a32e42ab"


@attrs.frozen(kw_only=True)
class SubmissionSetSchemes:
    """UUIDs of the SubmissionSet (IHE ITI TF-3 §4.2.5.3 and table 4.2.3.3-1)."""

    classification_node: str = "urn:uuid:a54d6aa5-d40d-43f9-88c5-b4633d873bdd"
    author: str = "urn:uuid:a7058bb9-b4e4-4307-ba5b-e3f0ab85e12d"
    content_type_code: str = "urn:uuid:aa543740-bdda-424e-8c96-df4873be8500"
    patient_id: str = "urn:uuid:6b5aea1a-874d-4603-a4bc-96a0a7b38446"
    source_id: str = "urn:uuid:554ac39e-e3fe-47fe-b233-965d2a147832"
    unique_id: str = "urn:uuid:96fdda7c-d067-4183-912e-bf5ee74998a8"


DOCUMENT_ENTRY: Final = DocumentEntrySchemes()
SUBMISSION_SET: Final = SubmissionSetSchemes()


# --- the DLU family -------------------------------------------------------------------------------


@attrs.frozen(kw_only=True)
class CdaModel:
    """One CDA model of the DLU family and the XDS codes it implies (DOMAIN.md §5).

    ``format_code`` is ``None`` while the ANS has not published the model's formatCode
    (ASS_A11 had no entry for DLU-FT-SU and DLU-FR-SU as of its 2026-06-29 version): dmpcore then
    asks the caller for it instead of inventing one (see ``docs/xds.md``).
    """

    name: str
    template_id: str
    version: str
    type_code: Code
    service_event_code: str
    format_code: Code | None


#: The model names of the CI-SIS kit (its volet schematrons are ``CI-SIS_<name>_<version>.sch``).
_NAMES: Final = {
    DocumentKind.DLU: "DLU-EHPAD-DLU",
    DocumentKind.FLUDT: "DLU-EHPAD-FLUDT",
    DocumentKind.FLUDR: "DLU-EHPAD-FLUDR",
    DocumentKind.FT_SU: "DLU-FT-SU",
    DocumentKind.FR_SU: "DLU-FR-SU",
}

#: The display names of the published formatCodes (TRE_A06-FormatCodeComplementaire, ASS_A11).
_FORMAT_DISPLAYS: Final = {
    "urn:asip:ci-sis:dlu:2015": "Document de liaison d'urgence",
    "urn:asip:ci-sis:fludt:2017": "Fiche de liaison d'urgence - Transfert de l'EHPAD vers les urgences",
    "urn:asip:ci-sis:fludr:2017": "Fiche de liaison d'urgence - Retour des urgences vers l'EHPAD",
}


def _model(kind: DocumentKind) -> CdaModel:
    # templateId, CDA code, service-event code and formatCode are facts of the dlu registry: read, not retyped
    spec = DOCUMENTS[kind]
    fmt = spec.format_code
    return CdaModel(
        name=_NAMES[kind],
        template_id=kind.value,
        version=spec.template_extension or "",
        type_code=Code(code=spec.code, code_system=LOINC, display=spec.display),
        service_event_code=spec.service_event_code,
        format_code=Code(code=fmt, code_system=FORMAT_CODE_SYSTEM, display=_FORMAT_DISPLAYS[fmt]) if fmt else None,
    )


#: The DLU family by document templateId (DOMAIN.md §5), built from :data:`dmpcore.dlu.DOCUMENTS`.
DLU_FAMILY: Final[dict[str, CdaModel]] = {kind.value: _model(kind) for kind in DOCUMENTS}


def model_by_template(template_ids: tuple[str, ...] | list[str]) -> CdaModel | None:
    """The DLU-family model named by one of *template_ids*, or ``None``.

    >>> model_by_template(["2.16.840.1.113883.2.8.2.1", "1.2.250.1.213.1.1.1.23"]).name
    'DLU-EHPAD-FLUDT'
    """
    for template_id in template_ids:
        if template_id in DLU_FAMILY:
            return DLU_FAMILY[template_id]
    return None
