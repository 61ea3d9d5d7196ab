"""The DLU-family volets as data: document templateId, codes, sections and their cardinalities, value-set bindings.

The rules of :mod:`dmpcore.validation._rules_volet` read these tables; a new volet (FLUDT, FLUDR,
FT-SU, FR-SU...) is a new :class:`Volet` here, not new code. Sections are counted by the templateId
the official volet schematron counts (``CI-SIS_<volet>.sch`` of the ANS kit, pattern ``variables``).
"""

from __future__ import annotations

from typing import Final

import attrs

__all__ = [
    "ANY_CODE_WITH_TWO_TEMPLATES",
    "ENTRY_FIXED_CODES",
    "FAMILY_BINDINGS",
    "KIT_SECTION_CODES",
    "KNOWN_SECTION_CODES",
    "LOINC",
    "SECTIONS_REQUIRING_ENTRIES",
    "SNOMED",
    "VOLETS",
    "Binding",
    "EntryCodes",
    "SectionSpec",
    "Volet",
]

LOINC: Final = "2.16.840.1.113883.6.1"
SNOMED: Final = "2.16.840.1.113883.6.96"
_CISIS_TERMS: Final = "1.2.250.1.213.1.1.4.322"


@attrs.frozen(kw_only=True)
class SectionSpec:
    """A section of a volet: the templateIds that identify it, its code and cardinality."""

    key: str
    name_fr: str
    name_en: str
    template_ids: tuple[str, ...]
    code: str
    code_system: str = LOINC
    min: int = 0
    max: int = 1


@attrs.frozen(kw_only=True)
class Binding:
    """Coded elements (an XPath from each section, or from the document) that must belong to a value set."""

    key: str
    what: str
    xpath: str
    value_set: str
    #: the kit's ``nullFlavor`` parameter: 1 when the element may be a nullFlavor instead of a code
    null_flavor: bool = False


@attrs.frozen(kw_only=True)
class EntryCodes:
    """Entries of a section that must carry given codes.

    ``each``: every entry the XPath selects has one of ``codes``; ``exists``: at least one entry has one.
    """

    section: str
    entry: str
    codes: tuple[str, ...]
    mode: str
    what: str


@attrs.frozen(kw_only=True)
class Volet:
    """A CI-SIS content model (volet) of the DLU family."""

    name: str
    template_id: str
    code: str
    code_system: str
    service_event_code: str
    service_event_code_system: str
    sections: tuple[SectionSpec, ...]
    bindings: tuple[Binding, ...] = ()
    # DLU only: the médecin traitant as participant INF / functionCode PCP (Entete_DLU-DLU.sch)
    requires_pcp_participant: bool = False
    entry_codes: tuple[EntryCodes, ...] = ()
    # FT-SU: componentOf/encompassingEncounter/code, when present, is this code (Entete_DLU-FT-SU.sch)
    encounter_code: str | None = None
    schematron: str = ""


def _s(key: str, fr: str, en: str, ids: str, code: str, card: str, system: str = LOINC) -> SectionSpec:
    low, high = card.split("..")
    return SectionSpec(
        key=key,
        name_fr=fr,
        name_en=en,
        template_ids=tuple(ids.split("|")),
        code=code,
        code_system=system,
        min=int(low),
        max=int(high),
    )


_IHE = "1.3.6.1.4.1.19376.1"
_ANS = "1.2.250.1.213.1.1.2"
_SIMPLE_OBSERVATION = f"cda:entry/cda:observation[cda:templateId/@root='{_IHE}.5.3.1.4.13']"
# IHE PCC Patient Transfer (FR-Transfert-du-patient); E_patientTransfer_fr.sch: its code is 80413-8
_PATIENT_TRANSFER = f"cda:entry/cda:act[cda:templateId/@root='{_IHE}.5.3.1.1.25.1.4.1']"


def _each(section: str, codes: str, what: str, entry: str = _SIMPLE_OBSERVATION) -> EntryCodes:
    return EntryCodes(section=section, entry=entry, codes=tuple(codes.split("|")), mode="each", what=what)


def _exists(section: str, codes: str, what: str, entry: str = _SIMPLE_OBSERVATION) -> EntryCodes:
    return EntryCodes(section=section, entry=entry, codes=tuple(codes.split("|")), mode="exists", what=what)


_CHECKLIST = Binding(
    key="checklist",
    what="observation/value (check-list DLU)",
    xpath=".//cda:observation[cda:templateId/@root='1.2.250.1.213.1.1.3.48.18']/cda:value",
    value_set="1.2.250.1.213.1.1.5.71",  # JDV_ChecklistDLU_CISIS
)
_ETAT_PATIENT = Binding(
    key="etat-patient",
    what="observation/code (état du patient)",
    xpath=(
        f".//cda:section[cda:templateId/@root='{_IHE}.7.3.1.1.13.7']/cda:entry"
        f"/cda:observation[cda:templateId/@root='{_IHE}.5.3.1.4.13']/cda:code"
    ),
    value_set="1.2.250.1.213.1.1.5.514",  # JDV_ObservationEtatPatient_CISIS
)

_CHECKLIST_FLUDR = attrs.evolve(
    _CHECKLIST, what="observation/value (check-list FLUDR)", value_set="1.2.250.1.213.1.1.5.72"
)  # JDV_ChecklistFLUDR_CISIS
_PROTHESE_ANYWHERE = Binding(
    key="prothese",
    what="observation/code (prothèses et objets personnels)",
    xpath=".//cda:observation[cda:templateId/@root='1.2.250.1.213.1.1.3.12']/cda:code",
    value_set="1.2.250.1.213.1.1.5.515",  # JDV_ProtheseObjetPersonnel_CISIS
)


def _prothese_in_devices(observation_template: str) -> Binding:
    return attrs.evolve(
        _PROTHESE_ANYWHERE,
        xpath=(
            f".//cda:section[cda:templateId/@root='1.2.250.1.213.1.1.2.53']/cda:entry"
            f"/cda:observation[cda:templateId/@root='{observation_template}']/cda:code"
        ),
    )


# Sources: CI-SIS_DLU-EHPAD-DLU_2022.01.sch (ANS kit 2025), DOMAIN.md §5.
DLU: Final = Volet(
    name="DLU-EHPAD-DLU_2022.01",
    template_id="1.2.250.1.213.1.1.1.22",
    code="74207-2",
    code_system=LOINC,
    service_event_code="34117-2",
    service_event_code_system=LOINC,
    requires_pcp_participant=True,
    schematron="CI-SIS_DLU-EHPAD-DLU_2022.01.sch",
    sections=(
        _s(
            "dispositions",
            "Dispositions : établissement de santé de préférence",
            "Preferred hospital",
            f"{_IHE}.5.3.1.1.13.2.10",
            "11302-7",
            "1..1",
        ),
        _s("problemes-actifs", "Pathologies actives", "Active problems", f"{_IHE}.5.3.1.3.6", "11450-4", "0..1"),
        _s("antecedents", "Antécédents médicaux", "Medical history", f"{_IHE}.5.3.1.3.8", "11348-0", "0..1"),
        _s("allergies", "Allergies et intolérances", "Allergies", f"{_IHE}.5.3.1.3.13", "48765-2", "0..1"),
        _s("traitements", "Traitements", "Treatments", f"{_IHE}.5.3.1.3.19", "10160-0", "1..1"),
        _s("directives", "Directives anticipées", "Advance directives", f"{_IHE}.5.3.1.3.35", "42348-3", "1..1"),
        _s("evenements", "Résultats d'évènements", "Event observations", f"{_IHE}.7.3.1.1.13.7", "42545-4", "1..1"),
        _s("examens", "Résultats d'examens (BMR)", "Exam results (MDRO)", f"{_IHE}.5.3.1.3.28", "30954-2", "1..1"),
        _s("vaccinations", "Vaccinations", "Vaccinations", f"{_IHE}.5.3.1.3.23", "11369-6", "0..1"),
        _s("documents-ajoutes", "Documents ajoutés", "Attached documents", f"{_ANS}.37", "55107-7", "1..1"),
        _s("commentaire", "Commentaire non codé", "Comment", f"{_IHE}.4.1.2.16", "55112-7", "0..1"),
    ),
    bindings=(_CHECKLIST, _ETAT_PATIENT),
)

# Sources: CI-SIS_DLU-EHPAD-FLUDT_2022.01.sch and its includes.
FLUDT: Final = Volet(
    name="DLU-EHPAD-FLUDT_2022.01",
    template_id="1.2.250.1.213.1.1.1.23",
    code="74207-2",
    code_system=LOINC,
    service_event_code="28651-8",
    service_event_code_system=LOINC,
    schematron="CI-SIS_DLU-EHPAD-FLUDT_2022.01.sch",
    sections=(
        _s("evenements", "Résultats d'évènements", "Event observations", f"{_IHE}.7.3.1.1.13.7", "42545-4", "1..1"),
        _s("signes-vitaux", "Signes vitaux", "Vital signs", f"{_IHE}.5.3.1.3.25", "8716-3", "1..1"),
        _s("examens", "Résultats d'examens", "Exam results", f"{_IHE}.5.3.1.3.28", "30954-2", "1..1"),
        _s("traitements", "Traitements", "Treatments", f"{_IHE}.5.3.1.3.19", "10160-0", "1..1"),
        _s("statut-fonctionnel", "Statut fonctionnel", "Functional status", f"{_IHE}.7.3.1.1.13.5", "47420-5", "1..1"),
        _s("dispositifs", "Dispositifs médicaux", "Medical devices", f"{_ANS}.53", "46264-8", "1..1"),
        _s("commentaire", "Commentaire non codé", "Comment", f"{_IHE}.4.1.2.16", "55112-7", "0..1"),
    ),
    bindings=(_PROTHESE_ANYWHERE,),
    entry_codes=(  # S_ResultatsEvenements_DLU-FLUDT.sch, S_ResultatsExamens_DLU-FLUDT.sch
        _each(f"{_IHE}.7.3.1.1.13.7", "57277-6", "motif du transfert vers les urgences"),
        _each(f"{_IHE}.7.3.1.1.13.7", "80413-8", "transfert du patient", entry=_PATIENT_TRANSFER),
        # DLU_002 to DLU_004: states of consciousness (the example: DLU_002 "Conscient et éveillé")
        _exists(f"{_IHE}.5.3.1.3.28", "DLU_002|DLU_003|DLU_004", "état de conscience"),
    ),
)

# Sources: CI-SIS_DLU-EHPAD-FLUDR_2022.01.sch and its includes.
FLUDR: Final = Volet(
    name="DLU-EHPAD-FLUDR_2022.01",
    template_id="1.2.250.1.213.1.1.1.24",
    code="74207-2",
    code_system=LOINC,
    service_event_code="28651-8",
    service_event_code_system=LOINC,
    schematron="CI-SIS_DLU-EHPAD-FLUDR_2022.01.sch",
    sections=(
        _s("evenements", "Résultats d'évènements", "Event observations", f"{_IHE}.7.3.1.1.13.7", "42545-4", "1..1"),
        _s("diagnostic-sortie", "Diagnostic de sortie", "Discharge diagnosis", f"{_IHE}.5.3.1.3.7", "11535-2", "1..1"),
        _s(
            "traitements-sortie",
            "Traitements à la sortie",
            "Discharge treatments",
            f"{_IHE}.5.3.1.3.22",
            "10183-2",
            "1..1",
        ),
        _s("dispositifs", "Dispositifs médicaux", "Medical devices", f"{_ANS}.53", "46264-8", "1..1"),
        _s("documents-ajoutes", "Documents ajoutés", "Attached documents", f"{_ANS}.37", "55107-7", "1..1"),
        _s("commentaire", "Commentaire non codé", "Comment", f"{_IHE}.4.1.2.16", "55112-7", "0..1"),
    ),
    bindings=(_CHECKLIST_FLUDR, _prothese_in_devices(f"{_IHE}.5.3.1.4.13")),
    entry_codes=(  # S_ResultatsEvenements_DLU-FLUDR.sch, E_patientTransfer_fr.sch
        _each(f"{_IHE}.7.3.1.1.13.7", "15515-0", "motif du transport"),
        _each(f"{_IHE}.7.3.1.1.13.7", "80413-8", "transfert du patient", entry=_PATIENT_TRANSFER),
    ),
)

# Sources: CI-SIS_DLU-FT-SU_2025.01.sch and its includes.
FT_SU: Final = Volet(
    name="DLU-FT-SU_2025.01",
    template_id="1.2.250.1.213.1.1.1.61",
    code="78341-5",
    code_system=LOINC,
    service_event_code="306104004",
    service_event_code_system=SNOMED,
    schematron="CI-SIS_DLU-FT-SU_2025.01.sch",
    sections=(
        _s(
            "personnes-informees",
            "Personnes et structures informées",
            "Persons informed",
            f"{_ANS}.251",
            "ORG-213",
            "1..1",
            _CISIS_TERMS,
        ),
        _s("raison", "Raison de la recommandation", "Reason for referral", f"{_ANS}.127", "42349-1", "1..1"),
        _s("fonctions-physiques", "Fonctions physiques", "Physical function", f"{_ANS}.115", "46006-3", "1..1"),
        _s("signes-vitaux", "Signes vitaux", "Vital signs", f"{_ANS}.75", "8716-3", "1..1"),
        _s("dispositifs", "Dispositifs médicaux", "Medical devices", f"{_ANS}.53", "46264-8", "1..1"),
        _s("autres-alertes", "Autres alertes", "Other alerts", f"{_ANS}.245", "44944-7", "0..1"),
        _s("commentaire", "Commentaire non codé", "Comment", f"{_ANS}.73", "55112-7", "0..1"),
    ),
    bindings=(_PROTHESE_ANYWHERE,),
    entry_codes=(  # S_FonctionsPhysiques_DLU-FT-SU.sch, S_PersonnesStructuresInformees_DLU-FT-SU.sch
        _exists(f"{_ANS}.115", "MED-1301|MED-1302|MED-1303", "état de conscience"),
        _exists(f"{_ANS}.115", "GEN-370", "dernière prise du traitement habituel"),
        _exists(f"{_ANS}.115", "GEN-244", "dernier repas"),
        _exists(f"{_ANS}.251", "ORG-214", "centre 15"),
        _exists(f"{_ANS}.251", "225728007", "service des urgences"),
        _exists(f"{_ANS}.251", "PCP", "médecin traitant"),
        _exists(f"{_ANS}.251", "ORG-223", "entourage du patient"),
    ),
    encounter_code="EMER",
)

# Sources: CI-SIS_DLU-FR-SU_2025.01.sch and its includes.
FR_SU: Final = Volet(
    name="DLU-FR-SU_2025.01",
    template_id="1.2.250.1.213.1.1.1.62",
    code="60280-5",
    code_system=LOINC,
    service_event_code="107724000",
    service_event_code_system=SNOMED,
    schematron="CI-SIS_DLU-FR-SU_2025.01.sch",
    sections=(
        _s(
            "personnes-informees",
            "Personnes et structures informées",
            "Persons informed",
            f"{_ANS}.251",
            "ORG-213",
            "1..1",
            _CISIS_TERMS,
        ),
        _s("evenements", "Résultats d'évènements", "Event observations", f"{_ANS}.163", "42545-4", "1..1"),
        _s(
            "diagnostic-sortie",
            "Diagnostic de sortie",
            "Discharge diagnosis",
            f"{_ANS}.5|{_ANS}.133",
            "11535-2",
            "1..1",
        ),
        _s("plan-de-soins", "Plan de soins", "Care plan", f"{_ANS}.154", "18776-5", "1..1"),
        _s("commentaire", "Commentaire non codé", "Comment", f"{_ANS}.73", "55112-7", "0..1"),
        _s("dispositifs", "Dispositifs médicaux", "Medical devices", f"{_ANS}.53", "46264-8", "1..1"),
        _s(
            "documents-complementaires",
            "Documents complémentaires",
            "Additional documents",
            f"{_ANS}.253",
            "77599-9",
            "1..1",
        ),
    ),
    bindings=(_prothese_in_devices("1.2.250.1.213.1.1.3.12"),),
    entry_codes=(  # S_PersonnesStructuresInformees_DLU-FR-SU.sch, S_ResultatsEvenements_DLU-FR-SU.sch
        _exists(f"{_ANS}.251", "ORG-222", "établissement d'origine"),
        _exists(f"{_ANS}.251", "PCP", "médecin traitant"),
        _exists(f"{_ANS}.251", "ORG-223", "entourage du patient"),
        _exists(f"{_ANS}.163", "ORG-216|160849004|19712007", "retour ou transfert"),
        _exists(
            f"{_ANS}.163",
            "80413-8",
            "destination du transfert",
            entry="cda:entry/cda:act[cda:templateId/@root='1.2.250.1.213.1.1.3.28']",
        ),
        _each(f"{_ANS}.163", "80413-8", "transfert du patient", entry=_PATIENT_TRANSFER),  # E_patientTransfer_fr.sch
    ),
)

#: section templateId -> (code, code system) of sections the family uses outside the volet tables
#: (IHE PCC and CI-SIS section schematrons: S_codedCarePlan.sch, ...)
_EXTRA_SECTION_CODES: Final = {
    f"{_IHE}.5.3.1.3.36": ("18776-5", LOINC),  # Plan de soins (IHE Care Plan), S_codedCarePlan.sch
    f"{_IHE}.5.3.1.3.31": ("18776-5", LOINC),  # Plan de soins codé
}


def _known_section_codes() -> dict[str, tuple[str, str]]:
    known = dict(_EXTRA_SECTION_CODES)
    for volet in (DLU, FLUDT, FLUDR, FT_SU, FR_SU):
        for spec in volet.sections:
            for template_id in spec.template_ids:
                known.setdefault(template_id, (spec.code, spec.code_system))
    return known


#: section templateId -> (code, code system) that a section with this templateId must carry, by the volet
#: tables (its CI-SIS or IHE template); the kit checks only part of it (:data:`KIT_SECTION_CODES`)
KNOWN_SECTION_CODES: Final = _known_section_codes()

#: section templateId -> (code, code system or None) that the kit's section schematrons require: ``cda:code[@code=...]``
#: and ``cda:code[@codeSystem=...]`` in the active patterns of ``profils/IHE.sch``,
#: ``CI-SIS_ModelesDeContenusCDA.sch`` and ``CI-SIS_Modeles_ANS.sch`` (S_medications.sch, S_codedResults.sch,
#: S_dispositions_ANS.sch...), for the templateIds of the family; checked against the kit by
#: tests/validation/test_volets.py. The kit checks no code on the CI-SIS templates of the liaison sheets
#: (persons informed ...2.251, documents given ...2.253, ...2.127, ...2.115, ...2.75, ...2.73, ...2.163,
#: ...2.133, ...2.154): their codes are checked through the IHE templates the sections also carry, when they do.
KIT_SECTION_CODES: Final[dict[str, tuple[str, str | None]]] = {
    f"{_ANS}.172": ("11302-7", LOINC),  # S_dispositions_ANS.sch
    f"{_ANS}.5": ("11535-2", None),  # S_diagnosticSortie_ANS.sch: the code only
    f"{_ANS}.245": ("44944-7", LOINC),  # S_pointsDeVigilances-non-code_ANS.sch
    f"{_ANS}.37": ("55107-7", LOINC),  # S_documentsAjoutes_ANS.sch
    f"{_ANS}.53": ("46264-8", LOINC),  # S_protheseEtObjetPersonnel_ANS.sch, S_prothesesEtObjetsPerso.sch
    f"{_IHE}.4.1.2.16": ("55112-7", LOINC),  # S_documentSummary.sch
    f"{_IHE}.5.3.1.1.12.2.5": ("46006-3", LOINC),  # S_physicalFunction.sch
    f"{_IHE}.5.3.1.1.5.3.2": ("8716-3", LOINC),  # S_codedVitalSigns.sch
    f"{_IHE}.5.3.1.3.1": ("42349-1", LOINC),  # S_reasonForReferral.sch
    f"{_IHE}.5.3.1.3.13": ("48765-2", LOINC),  # S_allergiesAndOtherAdverseReaction.sch
    f"{_IHE}.5.3.1.3.19": ("10160-0", LOINC),  # S_medications.sch
    f"{_IHE}.5.3.1.3.22": ("10183-2", LOINC),  # S_hospitalDischargeMedication.sch
    f"{_IHE}.5.3.1.3.23": ("11369-6", LOINC),  # S_immunizations.sch
    f"{_IHE}.5.3.1.3.25": ("8716-3", LOINC),  # S_vitalSigns.sch
    f"{_IHE}.5.3.1.3.27": ("30954-2", LOINC),  # S_results.sch
    f"{_IHE}.5.3.1.3.28": ("30954-2", LOINC),  # S_codedResults.sch
    f"{_IHE}.5.3.1.3.31": ("18776-5", LOINC),  # S_carePlan.sch
    f"{_IHE}.5.3.1.3.34": ("42348-3", LOINC),  # S_advanceDirectives.sch
    f"{_IHE}.5.3.1.3.35": ("42348-3", LOINC),  # S_codedAdvanceDirectives.sch
    f"{_IHE}.5.3.1.3.36": ("18776-5", LOINC),  # S_codedCarePlan.sch
    f"{_IHE}.5.3.1.3.6": ("11450-4", LOINC),  # S_activeProblem.sch (see ANY_CODE_WITH_TWO_TEMPLATES)
    f"{_IHE}.5.3.1.3.7": ("11535-2", LOINC),  # S_dischargeDiagnosis.sch
    f"{_IHE}.5.3.1.3.8": ("11348-0", LOINC),  # S_historyOfPastIllness.sch
    f"{_IHE}.7.3.1.1.13.5": ("47420-5", LOINC),  # S_eatingAndSleepingAssessment.sch
    f"{_IHE}.7.3.1.1.13.7": ("42545-4", LOINC),  # S_codedEventOutcome.sch
}

#: templates whose kit schematron accepts any code (not any code system) when the section has at least two
#: templateIds: S_activeProblem.sch, "cda:code[@code = '11450-4'] or ($count_templateId >= 2 and ...)"
ANY_CODE_WITH_TWO_TEMPLATES: Final = frozenset({f"{_IHE}.5.3.1.3.6"})

#: section templateId -> (section name, source): sections whose IHE PCC or CI-SIS template requires
#: at least one entry (the kit's section schematrons: S_medications, S_activeProblem, S_immunizations...)
SECTIONS_REQUIRING_ENTRIES: Final = {
    f"{_IHE}.5.3.1.3.19": ("Traitements", "S_medications.sch"),
    f"{_IHE}.5.3.1.3.22": ("Traitements à la sortie", "S_HospitalDischargeMedication.sch"),
    f"{_IHE}.5.3.1.1.13.2.10": ("Dispositions", "S_dispositions_ANS.sch"),
    f"{_IHE}.5.3.1.3.8": ("Antécédents médicaux", "S_historyOfPastIllness.sch"),
    f"{_IHE}.5.3.1.3.23": ("Vaccinations", "S_immunizations.sch"),
    f"{_IHE}.5.3.1.3.6": ("Pathologies actives", "S_activeProblem.sch"),
    f"{_IHE}.5.3.1.3.28": ("Résultats d'examens", "S_CodedResults.sch"),
    f"{_IHE}.5.3.1.3.35": ("Directives anticipées", "S_codedAdvanceDirectives.sch"),
    f"{_IHE}.7.3.1.1.13.7": ("Résultats d'évènements", "S_codedEventOutcome.sch"),
    f"{_IHE}.5.3.1.3.13": ("Allergies", "S_allergiesAndOtherAdverseReaction.sch"),
    f"{_IHE}.5.3.1.3.7": ("Diagnostic de sortie", "S_dischargeDiagnosis.sch"),
    f"{_IHE}.7.3.1.1.13.5": ("Statut fonctionnel", "S_childFonctionalStatusEatingSleeping.sch"),
    f"{_IHE}.5.3.1.1.5.3.2": ("Signes vitaux codés", "S_codedVitalSigns.sch"),
    f"{_ANS}.37": ("Documents ajoutés", "S_documentsAjoutes_ANS.sch"),
    f"{_ANS}.53": ("Dispositifs médicaux (prothèses et objets personnels)", "S_ProthesesEtObjetsPerso.sch"),
}

#: entry templateId -> (code, code system or None, entry name): entries whose template fixes their code
#: (CI-SIS content-model schematrons E_vitalSignsOrganizer_fr.sch, E_disposition_fr.sch)
ENTRY_FIXED_CODES: Final = {
    f"{_IHE}.5.3.1.4.13.1": ("85353-1", LOINC, "FR-Signes-vitaux (organizer)"),
    "1.2.250.1.213.1.1.3.97": ("11302-7", None, "FR-Disposition"),
}

#: value-set bindings of the content models that every document of the family uses
FAMILY_BINDINGS: Final = (
    Binding(
        key="directive-anticipee",
        what="observation/code (directive anticipée)",
        xpath=f".//cda:observation[cda:templateId/@root='{_IHE}.5.3.1.4.13.7']/cda:code",
        value_set="1.2.250.1.213.1.1.5.136",  # JDV_TypeDirectiveAnticipee_CISIS, JDV_TypeDirectiveAnticipee.sch
    ),
    Binding(
        key="immunization",
        what="substanceAdministration/code (vaccination)",
        xpath=f".//cda:substanceAdministration[cda:templateId/@root='{_IHE}.5.3.1.4.12']/cda:code",
        value_set="immunization-code",  # JDV_ImmunizationCode.sch (see _valuesets.IMMUNIZATION_CODES)
    ),
    Binding(
        key="vital-sign",
        what="observation/code (signe vital)",
        xpath=f".//cda:observation[cda:templateId/@root='{_IHE}.5.3.1.4.13.2']/cda:code",
        value_set="vital-sign-code",  # JDV_vitalSignCode.sch (see _valuesets.VITAL_SIGN_CODES)
    ),
    Binding(
        key="problem-code",
        what="observation/code (problème)",
        xpath=f".//cda:observation[cda:templateId/@root='{_IHE}.5.3.1.4.5' and not(cda:templateId/@root="
        f"'1.2.250.1.213.1.1.3.210') and not(cda:templateId/@root='{_IHE}.5.3.1.4.6')]/cda:code",
        value_set="1.2.250.1.213.1.1.5.172",  # jdv-code-probleme-cisis, JDV_problemCodes.sch
    ),
    Binding(
        key="immunization-route",
        what="substanceAdministration/routeCode (vaccination)",
        xpath=f".//cda:substanceAdministration[cda:templateId/@root='{_IHE}.5.3.1.4.12' or "
        f"cda:templateId/@root='{_IHE}.5.3.1.4.12.2']/cda:routeCode",
        value_set="immunization-route",  # JDV_substanceAdministration_ImmunizationRouteCodes.sch (nullFlavor=1)
        null_flavor=True,
    ),
)

#: document templateId -> volet
VOLETS: Final[dict[str, Volet]] = {v.template_id: v for v in (DLU, FLUDT, FLUDR, FT_SU, FR_SU)}
