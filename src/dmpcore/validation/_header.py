"""The header contexts of the CI-SIS structuration minimale, as its rules name them (without ``cda:``).

Source: ``profils/structurationMinimale/include/1.2.250.1.213.1.1.1.1-2017-12-13T103531.sch``, whose
rules select, for example, ``author[hl7:assignedAuthor]/hl7:assignedAuthor[not(@nullFlavor)]/hl7:id``:
the predicates are kept, because they decide whether a rule applies at all.
"""

from __future__ import annotations

from typing import Final

__all__ = [
    "AD_PARENTS",
    "ANY_PATHS",
    "ASSOCIATED",
    "ATTRIBUTES",
    "AUTHENTICATOR",
    "AUTHENTICATOR_ENTITY",
    "AUTHOR",
    "BINDINGS",
    "BL_PATHS",
    "CARDINALITIES",
    "CLOSED",
    "CODED_PATHS",
    "CUSTODIAN",
    "ENCOUNTER",
    "ENCOUNTER_ENTITY",
    "ENCOUNTER_PARTICIPANT",
    "II_PATHS",
    "INFORMANT_ENTITY",
    "INT_PATHS",
    "IVL_PATHS",
    "IVXB_PATHS",
    "LEGAL",
    "NAME_PATHS",
    "PARTICIPANT",
    "PATIENT",
    "PATIENT_ROLE",
    "PERFORMER",
    "PERFORMER_ENTITY",
    "RECIPIENT",
    "RELATED_ENTITY",
    "RESPONSIBLE",
    "SERVICE_EVENT",
    "TEL_PATHS",
    "TS_PATHS",
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
INFORMANT_ENTITY: Final = "informant/assignedEntity"
RELATED_ENTITY: Final = "informant/relatedEntity[@classCode][relatedPerson]"
CUSTODIAN: Final = (
    "custodian[not(@nullFlavor)][assignedCustodian]/assignedCustodian[representedCustodianOrganization]"
    "/representedCustodianOrganization"
)
RECIPIENT: Final = "informationRecipient[intendedRecipient]/intendedRecipient"
AUTHENTICATOR: Final = "authenticator[signatureCode[@code = 'S']]"
AUTHENTICATOR_ENTITY: Final = f"{AUTHENTICATOR}/assignedEntity[id[@root = '1.2.250.1.71.4.2.1']]"
ASSOCIATED: Final = f"{PARTICIPANT}/associatedEntity[@classCode]"
PERFORMER_ENTITY: Final = f"{PERFORMER}/assignedEntity[representedOrganization]"
RESPONSIBLE: Final = f"{ENCOUNTER}/responsibleParty[assignedEntity]/assignedEntity[id[@root = '1.2.250.1.71.4.2.1']]"
ENCOUNTER_ENTITY: Final = f"{ENCOUNTER_PARTICIPANT}/assignedEntity[id[@root = '1.2.250.1.71.4.2.1']]"
_ORG_ID: Final = "id[@root = '1.2.250.1.71.4.2.2']"
_RPPS_ID: Final = "id[@root = '1.2.250.1.71.4.2.1']"

#: the header identifiers the structuration minimale types II (its rules ``<extends rule="II"/>``)
II_PATHS: Final = (
    "typeId",
    "templateId",
    "id[not(@nullFlavor)]",
    "setId[not(@nullFlavor)]",
    f"{PATIENT_ROLE}/id[not(@nullFlavor)]",
    f"{PATIENT}/guardian/id",
    f"{PATIENT}/guardian/guardianOrganization/{_ORG_ID}",
    f"{AUTHOR}/id",
    f"{AUTHOR}/representedOrganization/{_ORG_ID}",
    f"{INFORMANT_ENTITY}/id",
    f"{INFORMANT_ENTITY}/representedOrganization/{_ORG_ID}",
    f"{CUSTODIAN}/id[not(@nullFlavor)]",
    f"{RECIPIENT}/templateId",
    f"{RECIPIENT}/{_RPPS_ID}",
    f"{RECIPIENT}/receivedOrganization/{_ORG_ID}",
    f"{LEGAL}/assignedEntity/id[not(@nullFlavor)]",
    f"{LEGAL}/assignedEntity/representedOrganization/{_ORG_ID}",
    f"{AUTHENTICATOR}/templateId",
    f"{AUTHENTICATOR_ENTITY}/{_RPPS_ID}",
    f"{AUTHENTICATOR_ENTITY}/representedOrganization/{_ORG_ID}",
    f"{PARTICIPANT}/templateId",
    f"{ASSOCIATED}/id",
    f"{ASSOCIATED}/scopingOrganization/id",
    "inFulfillmentOf[order]/order/id",
    f"{SERVICE_EVENT}/id",
    f"{PERFORMER}/templateId",
    f"{PERFORMER_ENTITY}/id",
    f"{PERFORMER_ENTITY}/representedOrganization/id",
    f"{PERFORMER_ENTITY}/representedOrganization/asOrganizationPartOf/templateId",
    f"{PERFORMER_ENTITY}/representedOrganization/asOrganizationPartOf/id",
    "relatedDocument[@typeCode = 'RPLC'][parentDocument]/parentDocument[not(@nullFlavor)]/id[not(@nullFlavor)]",
    "authorization[consent]/consent[statusCode[@code = 'completed' or @nullFlavor]]/id",
    f"{ENCOUNTER}/id",
    f"{RESPONSIBLE}/{_RPPS_ID}",
    f"{RESPONSIBLE}/representedOrganization/id",
    f"{RESPONSIBLE}/representedOrganization/asOrganizationPartOf/templateId",
    f"{RESPONSIBLE}/representedOrganization/asOrganizationPartOf/id",
    f"{ENCOUNTER_ENTITY}/{_RPPS_ID}",
    f"{ENCOUNTER_ENTITY}/representedOrganization/{_ORG_ID}",
    f"{ENCOUNTER}/location[healthCareFacility]/healthCareFacility[not(@nullFlavor)]/id",
)

#: the header telecoms the structuration minimale types TEL, each with its "CI-SIS telecom" rules
TEL_PATHS: Final = tuple(
    f"{parent}/telecom"
    for parent in (
        PATIENT_ROLE,
        f"{PATIENT}/guardian",
        AUTHOR,
        f"{AUTHOR}/representedOrganization",
        INFORMANT_ENTITY,
        f"{INFORMANT_ENTITY}/representedOrganization",
        RELATED_ENTITY,
        CUSTODIAN,
        RECIPIENT,
        f"{RECIPIENT}/receivedOrganization",
        f"{LEGAL}/assignedEntity",
        f"{LEGAL}/assignedEntity/representedOrganization",
        AUTHENTICATOR_ENTITY,
        f"{AUTHENTICATOR_ENTITY}/representedOrganization",
        ASSOCIATED,
        f"{ASSOCIATED}/scopingOrganization",
        PERFORMER_ENTITY,
        f"{PERFORMER_ENTITY}/representedOrganization",
        RESPONSIBLE,
        f"{RESPONSIBLE}/representedOrganization",
        ENCOUNTER_ENTITY,
        f"{ENCOUNTER_ENTITY}/representedOrganization",
    )
)

_J01: Final = ("1.2.250.1.213.1.1.5.461", "JDV_J01_XdsAuthorSpecialty_CISIS")
_J04: Final = ("1.2.250.1.213.1.1.5.467", "JDV_J04_XdsPracticeSettingCode_CISIS")
#: (context, attribute, (value set, name)): the value sets the structuration minimale binds in the
#: header ("The value for code SHALL be selected from value set ..."), tested by code, each token of the
#: attribute; JDV_J02 (healthCareFacility/code), J47 of participant/functionCode, J143 and the
#: confidentiality code are HDR-018, HDR-025, HDR-013 and HDR-009
BINDINGS: Final = (
    ("author[assignedAuthor]/functionCode", "code", ("1.2.250.1.213.1.1.5.124", "JDV_J47_FunctionCode_CISIS")),
    (f"{AUTHOR}/code", "code", _J01),
    (f"{AUTHOR}/representedOrganization/standardIndustryClassCode", "code", _J04),
    (f"{INFORMANT_ENTITY}/representedOrganization/standardIndustryClassCode", "code", _J04),
    (f"{RELATED_ENTITY}/code", "code", ("1.2.250.1.213.3.3.16", "JDV_J11_RelationPatient_CISIS")),
    (f"{LEGAL}/assignedEntity/code", "code", _J01),
    (f"{LEGAL}/assignedEntity/representedOrganization/standardIndustryClassCode", "code", _J04),
    (PARTICIPANT, "typeCode", ("1.2.250.1.213.1.1.5.591", "JDV_J144_ParticipationType_CISIS")),
    (ASSOCIATED, "classCode", ("1.2.250.1.213.1.1.5.588", "JDV_J141_RoleClass_CISIS")),
    (f"{ASSOCIATED}/code", "code", _J01),
    (f"{PERFORMER_ENTITY}/code", "code", _J01),
    (f"{PERFORMER_ENTITY}/representedOrganization/standardIndustryClassCode[not(@nullFlavor)]", "code", _J04),
    (f"{ENCOUNTER}/code", "code", ("1.2.250.1.213.1.1.5.589", "JDV_J142_TypeRencontre_CISIS")),
    (f"{RESPONSIBLE}/representedOrganization/standardIndustryClassCode", "code", _J04),
    (ENCOUNTER_PARTICIPANT, "typeCode", ("1.2.250.1.213.1.1.5.528", "JDV_J140_EncounterParticipationType_CISIS")),
)

_PARENT_DOCUMENT: Final = "relatedDocument[@typeCode = 'RPLC'][parentDocument]/parentDocument[not(@nullFlavor)]"
#: (context, attributes): the attributes the CI-SIS header templates require ("attribute @x SHALL be
#: present"); those of the document's own elements, of author/time and legalAuthenticator/time and of
#: healthCareFacility/code are HDR-005 to HDR-011, HDR-014, HDR-016 and HDR-018
ATTRIBUTES: Final = (
    (f"{PATIENT_ROLE}/id[not(@nullFlavor)]", "root extension"),
    (f"{PATIENT}/name[not(@nullFlavor)]/family[not(@nullFlavor)]", "qualifier"),
    (f"{PATIENT}/administrativeGenderCode", "code"),
    (f"{PATIENT}/birthTime", "value"),
    (f"{PATIENT}/guardian/guardianOrganization/{_ORG_ID}", "extension"),
    ("author[assignedAuthor]/functionCode", "code codeSystem"),
    (f"{AUTHOR}/id", "root extension"),
    (f"{AUTHOR}/code", "code codeSystem displayName"),
    (f"{AUTHOR}/representedOrganization/{_ORG_ID}", "extension"),
    (f"{AUTHOR}/representedOrganization/standardIndustryClassCode", "code codeSystem displayName"),
    (f"{INFORMANT_ENTITY}/representedOrganization/{_ORG_ID}", "extension"),
    (f"{INFORMANT_ENTITY}/representedOrganization/standardIndustryClassCode", "code codeSystem displayName"),
    (RELATED_ENTITY, "classCode"),
    (f"{RELATED_ENTITY}/code", "code codeSystem displayName"),
    (f"{CUSTODIAN}/id[not(@nullFlavor)]", "root"),
    (f"{RECIPIENT}/templateId", "root"),
    (f"{RECIPIENT}/{_RPPS_ID}", "extension"),
    (f"{RECIPIENT}/receivedOrganization/{_ORG_ID}", "extension"),
    (f"{LEGAL}/assignedEntity/id[not(@nullFlavor)]", "root extension"),
    (f"{LEGAL}/assignedEntity/representedOrganization/{_ORG_ID}", "extension"),
    (f"{AUTHENTICATOR}/time", "value"),
    (f"{AUTHENTICATOR_ENTITY}/{_RPPS_ID}", "extension"),
    (f"{AUTHENTICATOR_ENTITY}/representedOrganization/{_ORG_ID}", "extension"),
    (f"{PARTICIPANT}/time/low", "value"),
    (f"{PARTICIPANT}/time/high", "value"),
    (f"{ASSOCIATED}/id", "root extension"),
    (f"{ASSOCIATED}/code", "code codeSystem displayName"),
    (f"{SERVICE_EVENT}/effectiveTime/low", "value"),
    (f"{PERFORMER_ENTITY}/representedOrganization/{_ORG_ID}", "extension"),
    (f"{PERFORMER_ENTITY}/representedOrganization/standardIndustryClassCode[not(@nullFlavor)]",
     "code codeSystem displayName"),
    (f"{_PARENT_DOCUMENT}/id[not(@nullFlavor)]", "root"),
    (f"{ENCOUNTER}/id", "root"),
    (f"{ENCOUNTER}/code", "code codeSystem displayName"),
    (f"{ENCOUNTER}/dischargeDispositionCode", "code displayName"),
    (f"{RESPONSIBLE}/{_RPPS_ID}", "extension"),
    (f"{RESPONSIBLE}/representedOrganization/id", "root extension"),
    (ENCOUNTER_PARTICIPANT, "typeCode"),
    (f"{ENCOUNTER_PARTICIPANT}/time/low", "value"),
    (f"{ENCOUNTER_PARTICIPANT}/time/high", "value"),
    (f"{ENCOUNTER_ENTITY}/{_RPPS_ID}", "extension"),
    (f"{ENCOUNTER_ENTITY}/representedOrganization/{_ORG_ID}", "extension"),
)  # fmt: skip

_NAME_PARTS: Final = (("family", 1), ("given", 0), ("prefix", 0), ("suffix", 0))
#: (context, child, min, max): cardinalities of the CI-SIS header templates ("element ... is required [min
#: 1x]", "appears too often [max 1x]"), max None for unbounded
CARDINALITIES: Final = (
    (PATIENT_ROLE, "id[not(@nullFlavor)]", 1, None),
    (PATIENT, "name[not(@nullFlavor)]", 1, 1),
    (PATIENT, "administrativeGenderCode", 1, 1),
    (PATIENT, "birthTime", 1, 1),
    (PATIENT, "sdtc:deceasedInd", 0, 1),
    (PATIENT, "sdtc:deceasedTime", 0, 1),
    (PATIENT, "sdtc:multipleBirthInd", 0, 1),
    (PATIENT, "sdtc:multipleBirthOrderNumber", 0, 1),
    (PATIENT, "birthplace[place]", 0, 1),
    (f"{PATIENT}/birthplace[place]", "place", 1, 1),
    ("author[assignedAuthor]", "functionCode", 0, 1),
    ("author[assignedAuthor]", "assignedAuthor[not(@nullFlavor)]", 1, 1),
    (AUTHOR, "id", 1, None),
    (AUTHOR, "code", 0, 1),
    (AUTHOR, "assignedPerson", 0, 1),
    (f"{AUTHOR}/assignedPerson", "name[family]", 1, 1),
    *((f"{AUTHOR}/assignedPerson/name[family]", part, low, 1) for part, low in _NAME_PARTS),
    (AUTHOR, "representedOrganization", 0, 1),
    (INFORMANT_ENTITY, "id", 1, 1),
    (RELATED_ENTITY, "code", 0, 1),
    (RELATED_ENTITY, "relatedPerson", 1, 1),
    (CUSTODIAN, "id[not(@nullFlavor)]", 1, 1),
    (LEGAL, "signatureCode[@code = 'S']", 1, 1),
    (LEGAL, "assignedEntity", 1, 1),
    (f"{LEGAL}/assignedEntity", "id[not(@nullFlavor)]", 1, 1),
    (f"{LEGAL}/assignedEntity", "code", 0, 1),
    (PARTICIPANT, "templateId", 0, 1),
    (PARTICIPANT, "functionCode", 0, 1),
    (PARTICIPANT, "time", 1, 1),
    (PARTICIPANT, "associatedEntity[@classCode]", 1, 1),
    (ASSOCIATED, "id", 0, 1),
    (ASSOCIATED, "code", 0, 1),
    (SERVICE_EVENT, "code", 0, 1),
    (SERVICE_EVENT, "effectiveTime", 0, 1),
    (f"{SERVICE_EVENT}/effectiveTime", "low", 1, 1),
    (f"{SERVICE_EVENT}/effectiveTime", "high", 0, 1),
    (PERFORMER, "assignedEntity[representedOrganization]", 1, 1),
    (PERFORMER_ENTITY, "id", 1, 1),
    (PERFORMER_ENTITY, "representedOrganization", 1, 1),
    (f"{PERFORMER_ENTITY}/representedOrganization", "standardIndustryClassCode[not(@nullFlavor)]", 1, 1),
    ("relatedDocument[@typeCode = 'RPLC'][parentDocument]", "parentDocument[not(@nullFlavor)]", 1, 1),
    (_PARENT_DOCUMENT, "id[not(@nullFlavor)]", 1, 1),
    (_PARENT_DOCUMENT, "versionNumber", 0, 1),
    (ENCOUNTER, "code", 0, 1),
    (ENCOUNTER, "effectiveTime", 1, 1),
    (ENCOUNTER, "responsibleParty[assignedEntity]", 0, 1),
    (ENCOUNTER, "location[healthCareFacility]", 1, 1),
    (f"{ENCOUNTER}/effectiveTime", "low", 0, 1),
    (f"{ENCOUNTER}/effectiveTime", "high", 0, 1),
)

_ADDR: Final = "addr"
#: (context, allowed children): the closed templates of the structuration minimale
#: (``...-closed.sch``: "this element ... is not defined ... Expected in this context: ...")
CLOSED: Final = (
    ("recordTarget[not(@nullFlavor)]", "patientRole[patient]"),
    (PATIENT_ROLE, f"id[not(@nullFlavor)] | {_ADDR} | telecom | patient[not(@nullFlavor)]"),
    (PATIENT, "name[not(@nullFlavor)] | administrativeGenderCode | birthTime | sdtc:deceasedInd | sdtc:deceasedTime"
     " | sdtc:multipleBirthInd | sdtc:multipleBirthOrderNumber | guardian | birthplace[place]"),
    (f"{PATIENT}/name[not(@nullFlavor)]", "given[not(@nullFlavor)] | family[not(@nullFlavor)] | prefix | suffix"),
    (f"{PATIENT}/birthplace[place]", "place"),
    (f"{PATIENT}/birthplace[place]/place", f"{_ADDR} | name"),
    ("author[assignedAuthor]", "functionCode | time | assignedAuthor[not(@nullFlavor)]"),
    (AUTHOR, f"id | code | {_ADDR} | telecom | assignedPerson | assignedAuthoringDevice | representedOrganization"),
    (f"{AUTHOR}/representedOrganization", f"{_ORG_ID} | name | {_ADDR} | telecom | standardIndustryClassCode"),
    ("informant", "assignedEntity | relatedEntity[@classCode][relatedPerson]"),
    (RELATED_ENTITY, f"code | {_ADDR} | telecom | relatedPerson"),
    (CUSTODIAN, f"id[not(@nullFlavor)] | name | telecom | {_ADDR}"),
    (LEGAL, "time | signatureCode[@code = 'S'] | assignedEntity"),
    (f"{LEGAL}/assignedEntity", f"id[not(@nullFlavor)] | code | {_ADDR} | telecom | assignedPerson"
     " | representedOrganization"),
    (PARTICIPANT, "templateId | functionCode | time | associatedEntity[@classCode]"),
    (f"{PARTICIPANT}/time", "low | high"),
    (ASSOCIATED, f"id | code | {_ADDR} | telecom | associatedPerson[name] | scopingOrganization"),
    ("documentationOf[not(@nullFlavor)][serviceEvent]", "serviceEvent[not(@nullFlavor)]"),
    (SERVICE_EVENT, "id | code | lab:statusCode | effectiveTime | performer[@typeCode = 'PRF'][assignedEntity]"),
    (f"{SERVICE_EVENT}/effectiveTime", "low | high"),
    (PERFORMER, "templateId | functionCode | time | assignedEntity[representedOrganization]"),
    (PERFORMER_ENTITY, f"id | code | telecom | {_ADDR} | assignedPerson | representedOrganization"),
    ("relatedDocument[@typeCode = 'RPLC'][parentDocument]", "parentDocument[not(@nullFlavor)]"),
    (_PARENT_DOCUMENT, "id[not(@nullFlavor)] | versionNumber"),
    ("componentOf[not(@nullFlavor)][encompassingEncounter]", "encompassingEncounter[not(@nullFlavor)][location]"),
    (ENCOUNTER, "id | code | effectiveTime | dischargeDispositionCode | responsibleParty[assignedEntity]"
     " | encounterParticipant[@typeCode][assignedEntity] | location[healthCareFacility]"),
    (f"{ENCOUNTER}/effectiveTime", "low | high"),
)  # fmt: skip


_HEALTHCARE_FACILITY: Final = f"{ENCOUNTER}/location[healthCareFacility]/healthCareFacility[not(@nullFlavor)]"
_ORGANIZATIONS: Final = (
    f"{INFORMANT_ENTITY}/representedOrganization",
    f"{RECIPIENT}/receivedOrganization",
    f"{AUTHENTICATOR_ENTITY}/representedOrganization",
    f"{PERFORMER_ENTITY}/representedOrganization",
    f"{RESPONSIBLE}/representedOrganization",
    f"{ENCOUNTER_ENTITY}/representedOrganization",
)

#: the parents whose ``addr`` the structuration minimale types AD (``addr[not(streetAddressLine)]`` and
#: ``addr[streetAddressLine]``, each ``<extends rule="AD"/>``), its parts ST
AD_PARENTS: Final = (
    PATIENT_ROLE,
    f"{PATIENT}/guardian",
    f"{PATIENT}/birthplace[place]/place",
    AUTHOR,
    f"{AUTHOR}/representedOrganization",
    INFORMANT_ENTITY,
    RELATED_ENTITY,
    CUSTODIAN,
    RECIPIENT,
    f"{LEGAL}/assignedEntity",
    f"{LEGAL}/assignedEntity/representedOrganization",
    AUTHENTICATOR_ENTITY,
    ASSOCIATED,
    f"{ASSOCIATED}/scopingOrganization",
    PERFORMER_ENTITY,
    RESPONSIBLE,
    ENCOUNTER_ENTITY,
    f"{_HEALTHCARE_FACILITY}/location",
    *_ORGANIZATIONS,
)

#: (data type, paths): the names the structuration minimale types PN (person), ON (organisation), EN (place)
NAME_PATHS: Final = (
    ("PN", (
        f"{PATIENT}/name[not(@nullFlavor)]",
        f"{PATIENT}/guardian/guardianPerson/name[family]",
        f"{AUTHOR}/assignedPerson/name[family]",
        f"{INFORMANT_ENTITY}/assignedPerson/name[family]",
        f"{RELATED_ENTITY}/relatedPerson/name[family]",
        f"{RECIPIENT}/informationRecipient/name[family]",
        f"{LEGAL}/assignedEntity/assignedPerson/name[not(@nullFlavor)][family]",
        f"{AUTHENTICATOR_ENTITY}/assignedPerson/name[family]",
        f"{PERFORMER_ENTITY}/assignedPerson/name[family]",
        f"{RESPONSIBLE}/assignedPerson/name[family]",
        f"{ENCOUNTER_ENTITY}/assignedPerson/name[family]",
    )),
    ("ON", (f"{PATIENT}/guardian/guardianOrganization/name", *(f"{org}/name" for org in _ORGANIZATIONS))),
    ("EN", (f"{PATIENT}/birthplace[place]/place/name", f"{_HEALTHCARE_FACILITY}/location/name")),
)  # fmt: skip

_ORG_CODE: Final = "standardIndustryClassCode"
_PART_OF: Final = "representedOrganization/asOrganizationPartOf"
#: (data type, paths): the coded header elements the structuration minimale types CE, CD or CS
CODED_PATHS: Final = (
    ("CE", (
        "code", "confidentialityCode", f"{PATIENT}/administrativeGenderCode", "author[assignedAuthor]/functionCode",
        f"{AUTHOR}/code", f"{AUTHOR}/representedOrganization/{_ORG_CODE}",
        f"{INFORMANT_ENTITY}/representedOrganization/{_ORG_CODE}", f"{RELATED_ENTITY}/code",
        f"{LEGAL}/assignedEntity/representedOrganization/{_ORG_CODE}",
        f"{AUTHENTICATOR_ENTITY}/representedOrganization/{_ORG_CODE}", f"{PARTICIPANT}/functionCode",
        f"{ASSOCIATED}/code", "inFulfillmentOf[order]/order/code", f"{SERVICE_EVENT}/code",
        f"{PERFORMER}/functionCode", f"{PERFORMER_ENTITY}/representedOrganization/{_ORG_CODE}",
        "authorization[consent]/consent[statusCode[@code = 'completed' or @nullFlavor]]/code", f"{ENCOUNTER}/code",
        f"{ENCOUNTER}/dischargeDispositionCode", f"{RESPONSIBLE}/representedOrganization/{_ORG_CODE}",
        f"{ENCOUNTER_ENTITY}/representedOrganization/{_ORG_CODE}", f"{_HEALTHCARE_FACILITY}/code",
    )),
    ("CD", (
        f"{INFORMANT_ENTITY}/code", f"{LEGAL}/assignedEntity/code", f"{AUTHENTICATOR_ENTITY}/code",
        f"{PARTICIPANT}/functionCode/translation", f"{ASSOCIATED}/scopingOrganization/{_ORG_CODE}",
        f"{SERVICE_EVENT}/code/translation", f"{PERFORMER_ENTITY}/code", f"{PERFORMER_ENTITY}/{_PART_OF}/code",
        f"{RESPONSIBLE}/code", f"{RESPONSIBLE}/{_PART_OF}/code", f"{ENCOUNTER_ENTITY}/code",
        f"{_HEALTHCARE_FACILITY}/code[not(@nullFlavor)]/translation",
    )),
    ("CS", (
        "realmCode[@code = 'FR']", "languageCode", f"{LEGAL}/signatureCode[@code = 'S']",
        f"{AUTHENTICATOR}/signatureCode[@code = 'S']", f"{SERVICE_EVENT}/lab:statusCode",
        f"{PERFORMER_ENTITY}/{_PART_OF}/statusCode", f"{RESPONSIBLE}/{_PART_OF}/statusCode",
        "authorization[consent]/consent[statusCode[@code = 'completed' or @nullFlavor]]"
        "/statusCode[@code = 'completed' or @nullFlavor]",
    )),
)  # fmt: skip

#: (data type, paths): the integers the structuration minimale types INT or INT.POS
INT_PATHS: Final = (
    ("INT", ("versionNumber[not(@nullFlavor)]", f"{_PARENT_DOCUMENT}/versionNumber")),
    ("INT.POS", (f"{PATIENT}/sdtc:multipleBirthOrderNumber",)),
)
#: the booleans it types BL
BL_PATHS: Final = (f"{PATIENT}/sdtc:deceasedInd", f"{PATIENT}/sdtc:multipleBirthInd")

#: the header elements it types TS (dtr1-2-TS on @value)
TS_PATHS: Final = (
    "effectiveTime[not(@nullFlavor)]",
    f"{PATIENT}/birthTime",
    f"{PATIENT}/sdtc:deceasedTime",
    "author[assignedAuthor]/time",
    "dataEnterer/time",
    f"{LEGAL}/time",
    f"{AUTHENTICATOR}/time",
)
#: the header elements it types IVL_TS (dtr1-2-TS on @value, dtr1-*-IVL_TS on low, center, high)
IVL_PATHS: Final = (
    f"{PARTICIPANT}/time",
    f"{PERFORMER}/time",
    f"{ENCOUNTER}/effectiveTime",
    f"{ENCOUNTER_PARTICIPANT}/time",
)
#: the interval bounds it types IVXB_TS (dtr1-2-TS on the bound)
IVXB_PATHS: Final = tuple(
    f"{parent}/{bound}"
    for parent in (
        f"{PARTICIPANT}/time",
        f"{SERVICE_EVENT}/effectiveTime",
        f"{ENCOUNTER}/effectiveTime",
        f"{ENCOUNTER_PARTICIPANT}/time",
    )
    for bound in ("low", "high")
)

#: the header elements the structuration minimale types ANY (``<extends rule="ANY"/>``): dtr1-1-ANY holds
#: on each and on every element below it, the patient role (its patient, birth place...) included
ANY_PATHS: Final = (
    PATIENT_ROLE,
    f"{PATIENT}/guardian",
    "dataEnterer",
    INFORMANT_ENTITY,
    RELATED_ENTITY,
    f"{ASSOCIATED}/scopingOrganization",
    f"{ASSOCIATED}/scopingOrganization/name",
    f"{PERFORMER_ENTITY}/{_PART_OF}",
    f"{RESPONSIBLE}/{_PART_OF}",
)
