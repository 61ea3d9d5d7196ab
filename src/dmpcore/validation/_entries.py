"""The entry and section templates of the DLU family as data: what the kit's content-model schematrons test.

Each row restates one assertion of the kit's ``include/entrees/E_*.sch`` and ``include/sections/S_*.sch``
(the patterns the profiles ``IHE.sch``, ``CI-SIS_ModelesDeContenusCDA.sch`` and ``CI-SIS_Modeles_ANS.sch``
activate), on every element that declares the template, for the templates the five DLU-family volets
use: IHE PCC simple, vital-sign, problem, allergy, survey and advance-directive observations, concern
entries, vital-signs organizers, medications, immunizations, products, procedures, patient transfers,
and the CI-SIS dispositions and attached documents. Tests are XPath 1.0, written as the kit writes them
(without ``cda:``). The rule that reports a row is its ``rule``:

- ``ENT-001`` the elements an entry requires and how often (id, code, text with its reference, times);
- ``ENT-002`` its status code; ``ENT-003`` its class and mood codes;
- ``ENT-004`` its templateIds (the parent templates it conforms to) and its coded value;
- ``ENT-005`` what it holds (the problems of a concern, the observations of an organizer, the product of
  a medication, the reference of an advance directive, the media of an attached document);
- ``ENT-006`` the unit of a vital sign (the value sets of entries are ``DLU-VS-001``);
- ``DLU-SEC-006`` the section templates (their id, parent templateIds and the templates of their entries).
"""

from __future__ import annotations

from typing import Final

from dmpcore.validation._requirements import Requirement, requirement

__all__ = ["ENTRY_REQUIREMENTS", "SECTION_REQUIREMENTS", "TEMPLATE_NAMES"]

_IHE: Final = "1.3.6.1.4.1.19376.1.5.3.1"
SIMPLE: Final = f"{_IHE}.4.13"
VITAL_SIGN: Final = f"{_IHE}.4.13.2"
VITAL_SIGNS: Final = f"{_IHE}.4.13.1"
CONCERN: Final = f"{_IHE}.4.5.1"
PROBLEM_CONCERN: Final = f"{_IHE}.4.5.2"
ALLERGY_CONCERN: Final = f"{_IHE}.4.5.3"
PROBLEM: Final = f"{_IHE}.4.5"
ALLERGY: Final = f"{_IHE}.4.6"
IMMUNIZATION: Final = f"{_IHE}.4.12"
MEDICATION: Final = f"{_IHE}.4.7"
PRODUCT: Final = f"{_IHE}.4.7.2"
PROCEDURE: Final = f"{_IHE}.4.19"
TRANSFER: Final = f"{_IHE}.1.25.1.4.1"
SURVEY: Final = f"{_IHE}.1.12.3.6"
DIRECTIVE: Final = f"{_IHE}.4.13.7"
FR_DIRECTIVE: Final = "1.2.250.1.213.1.1.3.54"
DISPOSITION: Final = "1.2.250.1.213.1.1.3.97"
ATTACHMENT: Final = "1.2.250.1.213.1.1.3.18"
ATTACHMENT_TYPE: Final = "1.2.250.1.213.1.1.3.48.18"

#: templateId root -> the name the messages give it
TEMPLATE_NAMES: Final = {
    SIMPLE: "Simple Observation",
    VITAL_SIGN: "Vital Signs Observation",
    VITAL_SIGNS: "Vital Signs Organizer",
    CONCERN: "Concern Entry",
    PROBLEM_CONCERN: "Problem Concern Entry",
    ALLERGY_CONCERN: "Allergy and Intolerance Concern",
    PROBLEM: "Problem Entry",
    ALLERGY: "Allergy and Intolerance",
    IMMUNIZATION: "Immunization",
    MEDICATION: "Medications",
    PRODUCT: "Product Entry",
    PROCEDURE: "Procedure Entry",
    TRANSFER: "Patient Transfer",
    SURVEY: "Survey Observation",
    DIRECTIVE: "Advance Directive Observation",
    FR_DIRECTIVE: "FR-Directive-anticipee",
    DISPOSITION: "FR-Disposition",
    ATTACHMENT: "FR-Document-attache",
    ATTACHMENT_TYPE: "FR-Type-document-attache",
}

# (rule, test, English, French)
_Row = tuple[str, str, str, str]
_ID: Final = ("ENT-001", "id", "an id is required", "un id est requis")
_ONE_ID: Final = ("ENT-001", "count(id) = 1", "exactly one id", "exactement un id")
_CODE: Final = ("ENT-001", "code", "a code is required", "un code est requis")
_ONE_CODE: Final = ("ENT-001", "count(code) = 1", "exactly one code", "exactement un code")
_TEXT_REFERENCE: Final = ("ENT-001", "text/reference", "a text with a reference", "un text avec une reference")
_COMPLETED: Final = ("ENT-002", "statusCode[@code = 'completed']", "statusCode 'completed'", "statusCode 'completed'")
_ONE_STATUS: Final = ("ENT-001", "count(statusCode) = 1", "exactly one statusCode", "exactement un statusCode")
_OBS_EVN: Final = (
    "ENT-003", "@classCode = 'OBS' and @moodCode = 'EVN'", "classCode OBS and moodCode EVN", "classCode OBS et "
    "moodCode EVN",
)  # fmt: skip
_CONCERN_STATUS: Final = (
    "ENT-002",
    "statusCode[@code = 'active' or @code = 'suspended' or @code = 'aborted' or @code = 'completed']",
    "statusCode active, suspended, aborted or completed",
    "statusCode active, suspended, aborted ou completed",
)
_CODE_NA: Final = ("ENT-001", "code[@nullFlavor = 'NA']", "code nullFlavor NA", "code nullFlavor NA")
_LOW_OR_NULL: Final = (
    "ENT-001", "effectiveTime[@nullFlavor] or effectiveTime/low", "effectiveTime/low (or a nullFlavor)",
    "effectiveTime/low (ou un nullFlavor)",
)  # fmt: skip
_HIGH_WHEN_DONE: Final = (
    "ENT-002",
    "effectiveTime[@nullFlavor] or (statusCode[@code = 'completed' or @code = 'aborted'] and effectiveTime/high) or "
    "(not(statusCode[@code = 'completed' or @code = 'aborted']) and not(effectiveTime/high))",
    "effectiveTime/high exactly when statusCode is completed or aborted",
    "effectiveTime/high exactement quand statusCode vaut completed ou aborted",
)
_NO_WIDTH: Final = (
    "ENT-001", "not(effectiveTime/width or effectiveTime/center)", "effectiveTime without width or center",
    "effectiveTime sans width ni center",
)  # fmt: skip


def _template(root: str) -> _Row:
    return ("ENT-004", f"templateId[@root = '{root}']", f"templateId {root}", f"templateId {root}")


def _templates_over(count: int) -> _Row:
    return ("ENT-004", f"count(templateId) > {count}", f"more than {count} templateIds", f"plus de {count} templateId")


def _at_most_one(child: str) -> _Row:
    return ("ENT-001", f"count({child}) <= 1", f"{child} at most once", f"{child} au plus une fois")


# IHE PCC Vital Signs Observation (E_vitalSignsObservation_int.sch): code -> units of its value
_VITAL_UNITS: Final = {
    "9279-1": ("/min",),
    "8867-4": ("/min",),
    "2708-6": ("%",),
    "8480-6": ("mm[Hg]",),
    "8462-4": ("mm[Hg]",),
    "8310-5": ("Cel", "[degF]"),
    "8302-2": ("m", "cm", "[in_us]", "[in_uk]"),
    "8287-5": ("m", "cm", "[in_us]", "[in_uk]"),
    "29463-7": ("kg", "g", "[lb_av]", "[oz_av]"),
    "39156-5": ("kg/m2",),
}


def _unit_row(code: str, units: tuple[str, ...]) -> _Row:
    allowed = " or ".join(f"@unit = '{unit}'" for unit in units)
    names = ", ".join(units)
    return (
        "ENT-006",
        f"not(code[@code = '{code}']) or value[{allowed}] or value[@nullFlavor]",
        f"a vital sign {code} is expressed in {names}",
        f"un signe vital {code} s'exprime en {names}",
    )


_ER_COUNT: Final = "count(entryRelationship/observation/templateId[@root = '{}']) <= 1"
_PROBLEM_VALUE: Final = (
    "ENT-004", "value[@code and @codeSystem] or (not(value[@code]) and not(value[@codeSystem]))",
    "a coded value has @code and @codeSystem", "une valeur codée a @code et @codeSystem",
)  # fmt: skip

# (template, source, rows), in the order of the kit's profiles (IHE, then CI-SIS content models, then ANS)
_TABLE: Final[tuple[tuple[str, str, tuple[_Row, ...]], ...]] = (
    (SIMPLE, "E_simpleObservation_int", (
        _OBS_EVN, _ID, _CODE, _TEXT_REFERENCE, _COMPLETED,
        ("ENT-001", "effectiveTime[@value or @nullFlavor] or effectiveTime/low[@value or @nullFlavor]",
         "an effectiveTime (or its low) with @value or a nullFlavor",
         "un effectiveTime (ou son low) avec @value ou un nullFlavor"),
    )),
    (VITAL_SIGN, "E_vitalSignsObservation_int", (
        _template("2.16.840.1.113883.10.20.1.31"), _template(SIMPLE), _templates_over(2),
        ("ENT-001", "effectiveTime", "an effectiveTime", "un effectiveTime"),
        *(_unit_row(code, units) for code, units in _VITAL_UNITS.items()),
    )),
    (VITAL_SIGNS, "E_vitalSignsOrganizer_int", (
        ("ENT-003", "self::organizer[@classCode = 'CLUSTER' and @moodCode = 'EVN']",
         "an organizer with classCode CLUSTER and moodCode EVN",
         "un organizer de classCode CLUSTER et moodCode EVN"),
        _template("2.16.840.1.113883.10.20.1.32"), _template("2.16.840.1.113883.10.20.1.35"), _template(VITAL_SIGNS),
        _templates_over(2), _ID,
        ("ENT-001", "effectiveTime[@value] or effectiveTime[@nullFlavor]", "an effectiveTime with @value",
         "un effectiveTime avec @value"),
        ("ENT-005", f"component[@typeCode = 'COMP']/observation[@classCode = 'OBS' and @moodCode = 'EVN']"
         f"/templateId[@root = '{VITAL_SIGN}']", "one or more vital signs observations (components)",
         "une ou plusieurs observations de signes vitaux (component)"),
    )),
    (CONCERN, "E_concernEntry_int", tuple(
        (rule, f"templateId/@root = '1.2.250.1.213.1.1.3.39.1' or ({test})", en, fr)
        for rule, test, en, fr in (
            ("ENT-003", "../act[@classCode = 'ACT'] and ../act[@moodCode = 'EVN']",
             "an act with classCode ACT and moodCode EVN", "un act de classCode ACT et moodCode EVN"),
            _template("2.16.840.1.113883.10.20.1.27"), _templates_over(1), _ID, _CODE_NA, _CONCERN_STATUS,
            _LOW_OR_NULL, _HIGH_WHEN_DONE,
            ("ENT-005", f"(entryRelationship[@typeCode = 'SUBJ'] and entryRelationship/*/templateId[@root = '{PROBLEM}'"
             f" or @root = '{ALLERGY}']) or (sourceOf[@typeCode = 'SUBJ' and @inversionInd = 'false'] and "
             f"sourceOf/*/templateId[@root = '{PROBLEM}' or @root = '{ALLERGY}'])",
             "problem or allergy entries in SUBJ entryRelationships",
             "des entrées problème ou allergie en entryRelationship SUBJ"),
        )
    )),
    (PROBLEM_CONCERN, "E_problemConcernEntry_int", (
        _template(CONCERN), _template("2.16.840.1.113883.10.20.1.27"), _templates_over(2),
        ("ENT-003", "../act[@classCode = 'ACT'] and ../act[@moodCode = 'EVN']",
         "an act with classCode ACT and moodCode EVN", "un act de classCode ACT et moodCode EVN"),
        _ID, _CONCERN_STATUS, _LOW_OR_NULL,
        ("ENT-005", f"entryRelationship[@typeCode = 'SUBJ']/*/templateId[@root = '{PROBLEM}']",
         "problem entries in SUBJ entryRelationships", "des entrées problème en entryRelationship SUBJ"),
    )),
    (ALLERGY_CONCERN, "E_allergiesAndIntoleranceConcern_int", (
        ("ENT-004", f"templateId[@root = '2.16.840.1.113883.10.20.1.27'] and templateId[@root = '{CONCERN}']",
         f"templateIds 2.16.840.1.113883.10.20.1.27 and {CONCERN}",
         f"les templateId 2.16.840.1.113883.10.20.1.27 et {CONCERN}"),
        _templates_over(2),
        ("ENT-005", f"entryRelationship[@typeCode = 'SUBJ' and @inversionInd = 'false']//templateId[@root = "
         f"'{ALLERGY}']", "allergy entries in SUBJ entryRelationships",
         "des entrées allergie en entryRelationship SUBJ"),
    )),
    (PROBLEM, "E_problemEntry_int", (
        ("ENT-003", "self::observation[@classCode = 'OBS' and @moodCode = 'EVN']",
         "an observation with classCode OBS and moodCode EVN", "une observation de classCode OBS et moodCode EVN"),
        ("ENT-003", "not(@negationInd) or @negationInd = 'false' or @negationInd = 'true'", "negationInd true or false",
         "negationInd true ou false"),
        _template("2.16.840.1.113883.10.20.1.28"), _ONE_ID,
        ("ENT-001", "text/reference[@value]", "a text with a reference", "un text avec une reference"),
        ("ENT-004", "(value[contains(@xsi:type, 'CD')] and count(value/originalText) = 1) or value/@nullFlavor",
         "a coded value with one originalText", "une valeur codée avec un originalText"),
        _COMPLETED, _NO_WIDTH,
        ("ENT-001", "effectiveTime/low[@value or @nullFlavor = 'UNK'] or effectiveTime/low[@value or @nullFlavor = "
         "'NAV']", "effectiveTime/low with @value (or nullFlavor UNK, NAV)",
         "effectiveTime/low avec @value (ou nullFlavor UNK, NAV)"),
        ("ENT-004", "value[contains(@xsi:type, 'CD') or @nullFlavor = 'UNK']", "a coded value",
         "une valeur codée"),
        _PROBLEM_VALUE,
        ("ENT-005", _ER_COUNT.format(f"{_IHE}.4.1"), "one severity at most", "une sévérité au plus"),
        ("ENT-005", _ER_COUNT.format(f"{_IHE}.4.1.1"), "one problem status at most", "un statut au plus"),
        ("ENT-005", _ER_COUNT.format(f"{_IHE}.4.1.2"), "one health status at most", "un état de santé au plus"),
        _CODE,
        ("ENT-001", "not(uncertaintyCode)", "no uncertaintyCode", "pas d'uncertaintyCode"),
        ("ENT-001", "not(confidentialityCode)", "no confidentialityCode", "pas de confidentialityCode"),
    )),
    (ALLERGY, "E_allergiesAndIntolerances_int", (
        ("ENT-003", "self::observation[@classCode = 'OBS']", "an observation with classCode OBS",
         "une observation de classCode OBS"),
        _template(PROBLEM), _templates_over(2),
        ("ENT-001", "code[@code and @codeSystem]", "a code with @code and @codeSystem",
         "un code avec @code et @codeSystem"),
        ("ENT-004", "value[contains(@xsi:type, 'CD')] and (value[@code and @codeSystem] or value[not(@code) and "
         "not(@codeSystem)])", "a coded value with @code and @codeSystem", "une valeur codée avec @code et "
         "@codeSystem"),
    )),
    (IMMUNIZATION, "E_immunizations_int", (
        ("ENT-003", "(@negationInd = 'true' or @negationInd = 'false') and @classCode = 'SBADM' and (@moodCode = 'EVN'"
         " or @moodCode = 'INT')", "negationInd, classCode SBADM and moodCode EVN or INT",
         "negationInd, classCode SBADM et moodCode EVN ou INT"),
        _template("2.16.840.1.113883.10.20.1.24"), _templates_over(1), _ID,
        ("ENT-001", "code[@code and @codeSystem]", "a code with @code and @codeSystem",
         "un code avec @code et @codeSystem"),
        _COMPLETED,
        ("ENT-001", "effectiveTime[@value or @nullFlavor]", "an effectiveTime with @value or a nullFlavor",
         "un effectiveTime avec @value ou un nullFlavor"),
        ("ENT-005", f"consumable//manufacturedProduct//templateId[@root = '{PRODUCT}']", "a consumable product entry",
         "un produit (consumable)"),
    )),
    (MEDICATION, "E_medications_int", (
        ("ENT-003", "@classCode = 'SBADM' and (@moodCode = 'INT' or @moodCode = 'EVN')",
         "classCode SBADM and moodCode INT or EVN", "classCode SBADM et moodCode INT ou EVN"),
        _template("2.16.840.1.113883.10.20.1.24"),
        ("ENT-004", " | ".join(f"templateId[@root = '{_IHE}.4.{n}']" for n in ("7.1", "8", "9", "10", "11")),
         "a dosing templateId (normal, tapered, split, conditional, combination)",
         "un templateId de posologie (normale, dégressive, fractionnée, conditionnelle, combinée)"),
        ("ENT-005", f"not(templateId[@root = '{_IHE}.4.7.1']) or count(.//substanceAdministration) = 0",
         "normal dosing without subordinate substanceAdministration",
         "posologie normale sans substanceAdministration subordonnée"),
        _ONE_ID,
        ("ENT-001", "count(text/reference) = 1", "one text with a reference", "un text avec une reference"),
        _COMPLETED,
        ("ENT-005", f"consumable/manufacturedProduct/templateId[@root = '{PRODUCT}']", "a consumable product entry",
         "un produit (consumable)"),
        ("ENT-001", "not(effectiveTime[1]) or (effectiveTime[1] and effectiveTime[1][contains(@xsi:type, 'IVL_TS')] "
         "and ((effectiveTime[1]/low and effectiveTime[1]/high)) or effectiveTime[1]/width)",
         "a first effectiveTime IVL_TS with low and high (or a width)",
         "un premier effectiveTime IVL_TS avec low et high (ou width)"),
        ("ENT-001", "not(effectiveTime[2]) or (effectiveTime[2] and effectiveTime[2][@operator = 'A' or @nullFlavor])",
         "a second effectiveTime (frequency) with operator A", "un second effectiveTime (fréquence) d'operator A"),
    )),
    (PRODUCT, "E_product_int", (
        _template("2.16.840.1.113883.10.20.1.53"),
        ("ENT-001", "manufacturedMaterial/code[@nullFlavor] or (manufacturedMaterial/code/originalText/reference)",
         "a material code with originalText/reference (or a nullFlavor)",
         "un code du produit avec originalText/reference (ou un nullFlavor)"),
    )),
    (PROCEDURE, "E_procedureEntry_int", (
        ("ENT-003", "self::procedure[@classCode = 'PROC']", "a procedure with classCode PROC",
         "une procedure de classCode PROC"),
        ("ENT-004", "(self::procedure[@moodCode = 'EVN'] and templateId[@root = '2.16.840.1.113883.10.20.1.29']) or "
         "(self::procedure[@moodCode = 'INT'] and templateId[@root = '2.16.840.1.113883.10.20.1.25'])",
         "moodCode EVN with templateId 2.16.840.1.113883.10.20.1.29 (or INT with .25)",
         "moodCode EVN avec le templateId 2.16.840.1.113883.10.20.1.29 (ou INT avec .25)"),
        _templates_over(1), _ID, _CODE,
        ("ENT-001", "text/reference[@value]", "a text with a reference", "un text avec une reference"),
        ("ENT-002", "statusCode[@code = 'completed' or @code = 'active' or @code = 'aborted' or @code = 'cancelled']",
         "statusCode completed, active, aborted or cancelled", "statusCode completed, active, aborted ou cancelled"),
        ("ENT-001", "not(@moodCode = 'INT') or (effectiveTime or priorityCode)",
         "an effectiveTime or a priorityCode when INT", "un effectiveTime ou un priorityCode en INT"),
    )),
    (TRANSFER, "E_patientTransfer_int", (
        ("ENT-003", "self::act[@classCode = 'ACT' and (@moodCode = 'INT' or @moodCode = 'EVN')]",
         "an act with classCode ACT and moodCode INT or EVN", "un act de classCode ACT et moodCode INT ou EVN"),
        ("ENT-005", "(self::act[@moodCode = 'EVN'] and (not(participant) or participant/participantRole/id)) or "
         "(self::act[@moodCode = 'INT'] and (not(participant) or participant/participantRole))",
         "a participant with its participantRole (and its id when EVN)",
         "un participant avec son participantRole (et son id en EVN)"),
        _ID,
        ("ENT-002", "statusCode[@code = 'completed' or @code = 'normal']", "statusCode completed or normal",
         "statusCode completed ou normal"),
        ("ENT-001", "not(statusCode[@code = 'completed']) or (effectiveTime and effectiveTime/low and "
         "effectiveTime/high)", "effectiveTime low and high when completed",
         "effectiveTime low et high quand completed"),
        ("ENT-005", "not(participant[not(@typeCode = 'DST')])", "participants of typeCode DST",
         "des participants de typeCode DST"),
        ("ENT-005", "not(participant[not(participantRole/@classCode = 'SDLOC')])",
         "participantRole of classCode SDLOC", "un participantRole de classCode SDLOC"),
        ("ENT-005", "not(participant[not(participantRole/code)])", "a participantRole code",
         "un code de participantRole"),
        ("ENT-005", "not(participant[participantRole/playingEntity][not(participantRole/playingEntity/@classCode = "
         "'ENT')])", "a playingEntity of classCode ENT", "une playingEntity de classCode ENT"),
        ("ENT-005", "not(participant[participantRole/playingEntity][not(participantRole/playingEntity/name)])",
         "a playingEntity with a name", "une playingEntity avec un name"),
    )),
    (SURVEY, "E_surveyObservation_int", (
        ("ENT-003", "@classCode = 'OBS' and @moodCode = 'EVN'", "classCode OBS and moodCode EVN",
         "classCode OBS et moodCode EVN"),
        _templates_over(2), _template(SIMPLE), _template("2.16.840.1.113883.10.20.1.31"), _CODE,
        ("ENT-001", "value", "a value", "une value"),
        ("ENT-001", "not(methodCode)", "no methodCode", "pas de methodCode"),
        ("ENT-001", "not(targetSiteCode)", "no targetSiteCode", "pas de targetSiteCode"),
    )),
    (DIRECTIVE, "E_directiveAnticipee_int", (
        ("ENT-003", "self::observation[@classCode = 'OBS' and @moodCode = 'EVN']",
         "an observation with classCode OBS and moodCode EVN", "une observation de classCode OBS et moodCode EVN"),
        ("ENT-004", f"templateId[@root = '2.16.840.1.113883.10.20.1.17'] and templateId[@root = '{SIMPLE}'] and "
         f"templateId[@root = '{DIRECTIVE}']", f"templateIds 2.16.840.1.113883.10.20.1.17, {SIMPLE}, {DIRECTIVE}",
         f"les templateId 2.16.840.1.113883.10.20.1.17, {SIMPLE}, {DIRECTIVE}"),
        _ONE_ID, _ONE_CODE,
        ("ENT-001", "count(text) = 1 and count(text/reference) = 1", "one text with one reference",
         "un text avec une reference"),
        _COMPLETED, _at_most_one("effectiveTime"), _at_most_one("value"),
        ("ENT-005", "count(reference[@typeCode = 'REFR']) <= 1", "one reference of typeCode REFR at most",
         "une reference de typeCode REFR au plus"),
        ("ENT-005", "not(reference[@typeCode = 'REFR']) or reference[@typeCode = 'REFR']/templateId/@root = "
         "'2.16.840.1.113883.10.20.1.36'", "a reference with templateId 2.16.840.1.113883.10.20.1.36",
         "une reference avec le templateId 2.16.840.1.113883.10.20.1.36"),
        ("ENT-005", "not(reference) or (reference and reference/externalDocument and reference/externalDocument/id)",
         "a reference to an externalDocument with an id", "une reference à un externalDocument avec un id"),
        ("ENT-005", "not(reference/externalDocument/text) or reference/externalDocument/text/reference",
         "an externalDocument text with a reference", "un text d'externalDocument avec une reference"),
    )),
    # CI-SIS content models (CI-SIS_ModelesDeContenusCDA.sch)
    (SIMPLE, "E_simpleObservation_fr", tuple(
        _at_most_one(child) for child in ("interpretationCode", "methodCode", "targetSiteCode", "author")
    )),
    (VITAL_SIGN, "E_vitalSignsObservation_fr", (
        ("ENT-001", "count(id) < 2", "id at most once", "id au plus une fois"), _TEXT_REFERENCE, _COMPLETED,
        *(_at_most_one(child) for child in ("interpretationCode", "methodCode", "targetSiteCode")),
    )),
    (VITAL_SIGNS, "E_vitalSignsOrganizer_fr", (_ONE_ID,)),
    (PROBLEM_CONCERN, "E_problemConcernEntry_fr", (_CODE_NA,)),
    (ALLERGY_CONCERN, "E_allergiesAndIntoleranceConcern_fr", (
        ("ENT-003", "self::act[@classCode = 'ACT' and @moodCode = 'EVN']", "an act with classCode ACT and moodCode "
         "EVN", "un act de classCode ACT et moodCode EVN"),
        _ONE_ID, _CODE_NA, _ONE_CODE, _CONCERN_STATUS, _NO_WIDTH,
        ("ENT-001", "effectiveTime/low[@value or @nullFlavor]", "effectiveTime/low with @value or a nullFlavor",
         "effectiveTime/low avec @value ou un nullFlavor"),
        _HIGH_WHEN_DONE,
    )),
    (PROBLEM, "E_problemEntry_fr", (
        ("ENT-001", "count(self::observation/code) = 1", "exactly one code", "exactement un code"),
        ("ENT-001", "code[@code and @codeSystem]", "a code with @code and @codeSystem",
         "un code avec @code et @codeSystem"),
        ("ENT-001", "count(value) = 1", "exactly one value", "exactement une value"),
    )),
    (ALLERGY, "E_allergiesAndIntolerances_fr", (
        _ONE_ID, ("ENT-004", "templateId/@root = '2.16.840.1.113883.10.20.1.18'", "templateId 2.16.840.1.113883.10."
                  "20.1.18", "templateId 2.16.840.1.113883.10.20.1.18"),
        ("ENT-001", "code[@codeSystem = '2.16.840.1.113883.6.96']", "a SNOMED CT code", "un code SNOMED CT"),
        _NO_WIDTH,
        ("ENT-001", "effectiveTime/low[@value or @nullFlavor]", "effectiveTime/low with @value or a nullFlavor",
         "effectiveTime/low avec @value ou un nullFlavor"),
        _COMPLETED, ("ENT-004", "value/originalText", "a value with an originalText", "une value avec originalText"),
        ("ENT-005", "not(participant) or (participant/participantRole/playingEntity/code/originalText/reference)",
         "a participant whose playingEntity code has originalText/reference",
         "un participant dont le code de playingEntity a originalText/reference"),
        *(("ENT-005", f"count(entryRelationship/*/templateId[@root = '{root}']) < 2", f"one {root} at most",
           f"un {root} au plus") for root in (f"{_IHE}.4.1", f"{_IHE}.4.1.1", "1.2.250.1.213.1.1.3.171")),
    )),
    (IMMUNIZATION, "E_immunizations_fr", (
        _ONE_ID, _ONE_STATUS,
        ("ENT-001", "count(text/reference[@value]) = 1", "one text with a reference", "un text avec une reference"),
        ("ENT-001", "count(effectiveTime) = 1", "exactly one effectiveTime", "exactement un effectiveTime"),
        ("ENT-005", "consumable/@typeCode = 'CSM'", "a consumable of typeCode CSM", "un consumable de typeCode CSM"),
        ("ENT-005", "count(consumable/manufacturedProduct/manufacturedMaterial/code/originalText/reference) = 1 or "
         "consumable/manufacturedProduct/manufacturedMaterial/code/@nullFlavor",
         "a product whose code has one originalText/reference", "un produit dont le code a un originalText/reference"),
        ("ENT-005", "not(performer) or performer/@typeCode = 'PRF'", "a performer of typeCode PRF",
         "un performer de typeCode PRF"),
        ("ENT-005", "not(author) or (author/@typeCode = 'AUT' and author/@contextControlCode = 'OP')",
         "an author of typeCode AUT and contextControlCode OP", "un author de typeCode AUT et contextControlCode OP"),
    )),
    (MEDICATION, "E_medications_fr", (
        _templates_over(2),
        ("ENT-001", "(count(doseQuantity/low) = 1 and count(doseQuantity/high) = 1) or doseQuantity/@nullFlavor or "
         "not(doseQuantity)", "a doseQuantity with one low and one high", "un doseQuantity avec un low et un high"),
        ("ENT-001", "not(rateQuantity) or rateQuantity/@nullFlavor or (count(rateQuantity/low) = 1 and "
         "count(rateQuantity/high) = 1)", "a rateQuantity with one low and one high",
         "un rateQuantity avec un low et un high"),
        _at_most_one("maxDoseQuantity"),
        ("ENT-005", "count(consumable/manufacturedProduct/templateId) > 1", "a product with two templateIds",
         "un produit avec deux templateId"),
        ("ENT-005", "count(consumable/manufacturedProduct/manufacturedMaterial/code/originalText/reference) = 1 or "
         "consumable/manufacturedProduct/manufacturedMaterial/code/@nullFlavor",
         "a product whose code has one originalText/reference", "un produit dont le code a un originalText/reference"),
        ("ENT-004", "templateId/@root = '1.2.250.1.213.1.1.3.83' or not(routeCode[not(@codeSystem = "
         "'2.16.840.1.113883.5.112' or @codeSystem = '0.4.0.127.0.16.1.1.2.1' or (@nullFlavor and "
         "not(@codeSystem)))])", "a routeCode of HL7 RouteOfAdministration or EDQM",
         "un routeCode de HL7 RouteOfAdministration ou d'EDQM"),
    )),
    (TRANSFER, "E_patientTransfer_fr", (
        ("ENT-001", "code[@code = '80413-8']", "code 80413-8", "le code 80413-8"),
        ("ENT-003", "not(self::act[@negationInd = 'false']) or (self::act[@negationInd = 'false' and @moodCode = "
         "'EVN'] and statusCode[@code = 'completed'])", "statusCode completed when it took place",
         "statusCode completed quand il a eu lieu"),
        ("ENT-005", "count(participant[@typeCode = 'DST']) <= 1", "one participant DST at most",
         "un participant DST au plus"),
    )),
    (SURVEY, "E_surveyObservation_fr", (
        _ONE_ID, _TEXT_REFERENCE, _COMPLETED, ("ENT-001", "effectiveTime", "an effectiveTime", "un effectiveTime"),
    )),
    (DISPOSITION, "E_disposition_fr", (
        _ONE_ID, _ONE_STATUS,
        ("ENT-001", "count(text/reference[@value]) = 1", "one text with a reference", "un text avec une reference"),
        _ONE_CODE,
        ("ENT-005", "count(entryRelationship[@typeCode = 'COMP']/act[templateId/@root = "
         "'1.3.6.1.4.1.19376.1.5.3.1.1.10.4.1']) <= 1", "one COMP act 1.3.6.1.4.1.19376.1.5.3.1.1.10.4.1 at most",
         "un act COMP 1.3.6.1.4.1.19376.1.5.3.1.1.10.4.1 au plus"),
    )),
    (PROCEDURE, "E_acte_fr", (
        ("ENT-004", f"templateId[@root = '{PROCEDURE}'] and (templateId[@root = '2.16.840.1.113883.10.20.1.29'] or "
         "templateId[@root = '2.16.840.1.113883.10.20.1.25']) and templateId[@root = '1.2.250.1.213.1.1.3.62']",
         f"templateIds {PROCEDURE}, 2.16.840.1.113883.10.20.1.29 (or .25) and 1.2.250.1.213.1.1.3.62",
         f"les templateId {PROCEDURE}, 2.16.840.1.113883.10.20.1.29 (ou .25) et 1.2.250.1.213.1.1.3.62"),
        _ONE_CODE, ("ENT-001", "count(text) = 1", "exactly one text", "exactement un text"), _ONE_STATUS,
    )),
    (FR_DIRECTIVE, "E_directiveAnticipee_fr", (
        ("ENT-004", "(not(value) and code/@code = '75793-0') or (not(value) and code/@code = '42348-3') or "
         "(value/@xsi:type = 'BL' and text/reference)", "a boolean value (xsi:type BL) and a text reference",
         "une valeur booléenne (xsi:type BL) et une reference de text"),
        ("ENT-005", "count(entryRelationship/observationMedia) <= 1", "one observationMedia at most",
         "une observationMedia au plus"),
    )),
    # ANS models (CI-SIS_Modeles_ANS.sch)
    (ATTACHMENT, "E_organizerDocumentAttache_ANS", (
        ("ENT-003", "self::organizer[@classCode = 'CLUSTER' and @moodCode = 'EVN']",
         "an organizer with classCode CLUSTER and moodCode EVN", "un organizer de classCode CLUSTER et moodCode EVN"),
        _ONE_ID, _CODE,
        ("ENT-002", "statusCode/@code = 'completed'", "statusCode 'completed'", "statusCode 'completed'"),
        ("ENT-005", f"component/observation/templateId/@root = '{SIMPLE}'", "a simple observation (component)",
         "une simple observation (component)"),
        ("ENT-005", "(component/observationMedia[@classCode = 'OBS' and @moodCode = 'EVN']/value[@mediaType and "
         "@representation = 'B64']) or component/observationMedia[@classCode = 'OBS' and @moodCode = 'EVN']"
         "/value[@nullFlavor]", "an observationMedia whose value has a mediaType and representation B64",
         "une observationMedia dont la value a un mediaType et la représentation B64"),
    )),
    (ATTACHMENT_TYPE, "E_typeDocumentAttache_ANS", (
        _OBS_EVN, _ONE_ID,
        ("ENT-004", f"templateId/@root = '{SIMPLE}'", f"templateId {SIMPLE}", f"templateId {SIMPLE}"),
        ("ENT-001", "count(code[@code = '69764-9'][@codeSystem = '2.16.840.1.113883.6.1']) = 1 and code/@code = "
         "'69764-9' and code/@codeSystem = '2.16.840.1.113883.6.1'", "code 69764-9 (LOINC)", "le code 69764-9 (LOINC)"),
        ("ENT-002", "statusCode/@code = 'completed'", "statusCode 'completed'", "statusCode 'completed'"),
        ("ENT-001", "text", "a text", "un text"), ("ENT-001", "effectiveTime", "an effectiveTime", "un effectiveTime"),
        ("ENT-001", "value", "a value", "une value"),
    )),
)  # fmt: skip

#: (context path, source, rows): the content models whose kit rule selects a path, not a templateId
_BY_PATH: Final = (
    # E_produitDeSante_fr.sch: the material of any substance administration's product (FR-Produit-de-sante)
    ("//substanceAdministration/consumable/manufacturedProduct/manufacturedMaterial", "E_produitDeSante_fr", (
        ("ENT-005", "not(code[@codeSystem]) or code[@codeSystem = '1.2.250.1.213.2.3.1']",
         "a product coded in CIS (1.2.250.1.213.2.3.1)", "un produit codé en CIS (1.2.250.1.213.2.3.1)"),
        ("ENT-005", "count(name) = 1 or name[@nullFlavor = 'NA']", "a product with its brand name (or nullFlavor NA)",
         "un produit avec son nom de marque (ou nullFlavor NA)"),
    )),
)  # fmt: skip

ENTRY_REQUIREMENTS: Final = tuple(
    requirement(rule, where, test, en, fr, source)
    for where, source, rows in (*_TABLE, *_BY_PATH)
    for rule, test, en, fr in rows
)


def _section(template: str, source: str, *rows: tuple[str, str, str]) -> tuple[Requirement, ...]:
    return tuple(requirement("DLU-SEC-006", template, test, en, fr, source) for test, en, fr in rows)


def _entries_of(root: str, name: str) -> tuple[str, str, str]:
    # the section's entries are of this template (a section without entry is DLU-SEC-004)
    return (f"not(entry) or .//templateId[@root = '{root}']", f"{name} entries", f"des entrées {name}")


def _parent(root: str) -> tuple[str, str, str]:
    return (f"templateId[@root = '{root}']", f"templateId {root}", f"templateId {root}")


def _templates(count: int) -> tuple[str, str, str]:
    return (f"count(templateId) > {count}", f"more than {count} templateIds", f"plus de {count} templateId")


_SECTION_ID: Final = ("count(id) = 1", "exactly one id", "exactement un id")
_SECTION_ID_OPTIONAL: Final = ("count(id) <= 1", "one id at most", "un id au plus")
_SECTION_TEXT: Final = ("text", "a narrative text", "un texte narratif")
_SECTIONS_IHE: Final = "1.3.6.1.4.1.19376.1.5.3.1"
_ANS_SECTIONS: Final = "1.2.250.1.213.1.1.2"

#: the section templates of the family, as the kit's S_*.sch test them beyond their code (DLU-SEC-003)
SECTION_REQUIREMENTS: Final = (
    *_section(f"{_SECTIONS_IHE}.3.6", "S_activeProblem", _templates(1), _parent("2.16.840.1.113883.10.20.1.11"),
              _entries_of(PROBLEM_CONCERN, "Problem Concern")),
    *_section(f"{_SECTIONS_IHE}.3.13", "S_allergiesAndOtherAdverseReaction", _templates(1),
              _parent("2.16.840.1.113883.10.20.1.2"), _entries_of(ALLERGY_CONCERN, "Allergy Concern")),
    *_section(f"{_SECTIONS_IHE}.3.31", "S_carePlan", _parent("2.16.840.1.113883.10.20.1.10"), _templates(1)),
    *_section("1.3.6.1.4.1.19376.1.7.3.1.1.13.5", "S_childFunctionalStatusEatingSleeping", _SECTION_TEXT,
              (f"entry/observation/templateId[@root = '{SIMPLE}']", "a Simple Observation entry",
               "une entrée Simple Observation")),
    *_section("1.3.6.1.4.1.19376.1.7.3.1.1.13.5", "S_eatingAndSleepingAssessment",
              (f".//templateId[@root = '{SIMPLE}']", "a Simple Observation entry (below it)",
               "une entrée Simple Observation (en dessous)")),
    *_section(f"{_SECTIONS_IHE}.3.35", "S_codedAdvanceDirectives", _templates(1), _parent(f"{_SECTIONS_IHE}.3.34"),
              _entries_of(DIRECTIVE, "Advance Directive Observation")),
    *_section(f"{_SECTIONS_IHE}.3.36", "S_codedCarePlan", _templates(1), _parent("2.16.840.1.113883.10.20.1.10")),
    *_section("1.3.6.1.4.1.19376.1.7.3.1.1.13.7", "S_codedEventOutcome", _templates(1),
              _parent(f"{_SECTIONS_IHE}.1.21.2.9"), _entries_of(SIMPLE, "Simple Observation")),
    *_section(f"{_SECTIONS_IHE}.3.28", "S_codedResults", _parent(f"{_SECTIONS_IHE}.3.27"), _templates(1),
              _entries_of(PROCEDURE, "FR-Acte (Procedure Entry)")),
    *_section(f"{_SECTIONS_IHE}.1.5.3.2", "S_codedVitalSigns", _templates(2), _parent(f"{_SECTIONS_IHE}.3.25"),
              _entries_of(VITAL_SIGNS, "Vital Signs Organizer")),
    *_section(f"{_SECTIONS_IHE}.3.7", "S_dischargeDiagnosis", _entries_of(PROBLEM_CONCERN, "Problem Concern")),
    *_section("1.3.6.1.4.1.19376.1.4.1.2.16", "S_documentSummary", _parent("2.16.840.1.113883.10.12.201"),
              _SECTION_ID_OPTIONAL),
    *_section(f"{_SECTIONS_IHE}.3.8", "S_historyOfPastIllness", _entries_of(PROBLEM_CONCERN, "Problem Concern")),
    *_section(f"{_SECTIONS_IHE}.3.22", "S_hospitalDischargeMedication", _entries_of(MEDICATION, "Medications")),
    *_section(f"{_SECTIONS_IHE}.3.23", "S_immunizations", _parent("2.16.840.1.113883.10.20.1.6"), _templates(1),
              _entries_of(IMMUNIZATION, "Immunization")),
    *_section(f"{_SECTIONS_IHE}.3.19", "S_medications", _parent("2.16.840.1.113883.10.20.1.8"), _templates(1),
              _entries_of(MEDICATION, "Medications")),
    *_section(f"{_ANS_SECTIONS}.53", "S_prothesesEtObjetsPerso", _entries_of(SIMPLE, "Simple Observation")),
    *_section(f"{_SECTIONS_IHE}.3.27", "S_results", ("not(entry) or templateId[@root = "
              f"'{_SECTIONS_IHE}.3.28']", "no entry (a results section not coded)", "aucune entrée (une section de "
              "résultats non codée)")),
    *_section(f"{_SECTIONS_IHE}.3.25", "S_vitalSigns", _templates(1), _parent("2.16.840.1.113883.10.20.1.16")),
    *_section(f"{_ANS_SECTIONS}.37", "S_documentsAjoutes_ANS", _SECTION_ID_OPTIONAL, _SECTION_TEXT,
              (f"not(entry) or //templateId[@root = '{ATTACHMENT}']", "an attached document (FR-Document-attache)",
               "un document attaché (FR-Document-attache)")),
    *_section(f"{_ANS_SECTIONS}.53", "S_protheseEtObjetPersonnel_ANS", _SECTION_ID, _SECTION_TEXT,
              (f"not(entry) or entry/observation/templateId/@root = '{SIMPLE}'", "simple observation entries",
               "des entrées simple observation")),
    *_section(f"{_ANS_SECTIONS}.172", "S_dispositions_ANS", _SECTION_ID_OPTIONAL, _SECTION_TEXT,
              (f"not(entry) or count(entry/act[templateId/@root = '{_SECTIONS_IHE}.1.10.4.2']) >= 1",
               "FR-Disposition entries", "des entrées FR-Disposition")),
    *_section(f"{_ANS_SECTIONS}.245", "S_pointsDeVigilances-non-code_ANS", _SECTION_ID),
)  # fmt: skip
