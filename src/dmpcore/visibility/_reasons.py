"""The closed sets of reasons (access decisions) and problems (deposits), with their texts and legal basis.

Sources: CSP L1111-5, L1111-14 to L1111-19 and R1111-40 to R1111-54 (numbering of décret 2021-1047, in force
since 2022-01-01: R1111-40 rights of minors and protected adults, R1111-46 professionals' access with the
holder's consent, R1111-48 opposition to emergency access, R1111-49 masking by the holder);
Code du travail L4624-8-1; seed 000 §1.4.1.3 (CPE), §1.4.2.2 (feeding, three restrictions) and §1.4.3
(who consults); ANS TRE_A07 and the DMP platform parameter ``cumul-invisible_patient-masque_ps``.
"""

from __future__ import annotations

import enum
from typing import Final, NamedTuple

__all__ = ["DepositProblem", "Reason", "ReasonText"]


class ReasonText(NamedTuple):
    """What a reason or a problem means: whether it allows, its basis, one sentence in French and English."""

    allows: bool
    basis: tuple[str, ...]
    fr: str
    en: str


class Reason(enum.Enum):
    """Why an access decision was taken: a closed set; each member knows its basis and its sentences.

    >>> Reason.BLOCKED.allows, Reason.BLOCKED.basis
    (False, ('CSP L1111-19', 'CSP R1111-46'))
    >>> Reason.BLOCKED.text("en")
    'The patient has blocked this professional.'
    """

    # -- allowances
    PATIENT = "patient"
    REPRESENTATIVE = "representative"
    INVISIBLE_PATIENT_LIFTED = "invisible_patient_lifted"
    INVISIBLE_PATIENT_DELAY_OVER = "invisible_patient_delay_over"
    AUTHORISED = "authorised"
    TREATING_PHYSICIAN = "treating_physician"
    OCCUPATIONAL_PHYSICIAN_CONSENT = "occupational_physician_consent"
    BRIS_DE_GLACE = "bris_de_glace"
    REGULATION = "regulation"
    AUTHOR = "author"
    MASKED_VISIBLE_IN_EMERGENCY = "masked_visible_in_emergency"
    # -- denials
    NOT_YET_DEPOSITED = "not_yet_deposited"
    FORBIDDEN_CATEGORY = "forbidden_category"
    OCCUPATIONAL_PHYSICIAN_EXCLUDED = "occupational_physician_excluded"
    OCCUPATIONAL_PHYSICIAN_NO_CONSENT = "occupational_physician_no_consent"
    MEDICO_SOCIAL_ROLE_REQUIRED = "medico_social_role_required"
    MEDICO_SOCIAL_ROLE_NOT_YET_VALID = "medico_social_role_not_yet_valid"
    NO_PORTAL_ACCESS = "no_portal_access"
    INVISIBLE_TO_PATIENT = "invisible_to_patient"
    INVISIBLE_TO_REPRESENTATIVES = "invisible_to_representatives"
    CPE_CANNOT_CONSULT = "cpe_cannot_consult"
    CSA_WITHOUT_PROFESSIONAL = "csa_without_professional"
    BLOCKED = "blocked"
    NOT_AUTHORISED = "not_authorised"
    EMERGENCY_MODE_NOT_FOR_CATEGORY = "emergency_mode_not_for_category"
    BRIS_DE_GLACE_OPPOSED = "bris_de_glace_opposed"
    NOT_A_REGULATOR = "not_a_regulator"
    REGULATION_OPPOSED = "regulation_opposed"
    MASKED = "masked"
    MASKED_IN_EMERGENCY = "masked_in_emergency"
    NOT_HABILITATED = "not_habilitated"

    @property
    def allows(self) -> bool:
        """Whether this reason grants access (False: it denies)."""
        return _REASONS[self].allows

    @property
    def basis(self) -> tuple[str, ...]:
        """The legal references (or sources) of this reason."""
        return _REASONS[self].basis

    def text(self, lang: str = "fr") -> str:
        """One sentence for a user interface, in French (``"fr"``) or English (``"en"``)."""
        return _text(_REASONS[self], lang)


class DepositProblem(enum.Enum):
    """Why a deposit is refused (DOMAIN.md §4.2): a closed set, with basis and sentences."""

    DEPOSIT_AFTER_EVALUATION_DATE = "deposit_after_evaluation_date"
    INVISIBLE_PATIENT_WITH_MASQUE_PS = "invisible_patient_with_masque_ps"
    INVISIBLE_REPRESENTANTS_LEGAUX_FOR_ADULT = "invisible_representants_legaux_for_adult"
    SECRET_CONNECTION_FOR_ADULT = "secret_connection_for_adult"
    SECRET_CONNECTION_WITHOUT_INVISIBLE_REPRESENTANTS_LEGAUX = "secret_connection_without_invisible_rep_legaux"
    PATIENT_DOCUMENT_INVISIBLE_TO_PATIENT = "patient_document_invisible_to_patient"
    PATIENT_OPPOSED_FOR_LEGITIMATE_REASON = "patient_opposed_for_legitimate_reason"

    @property
    def basis(self) -> tuple[str, ...]:
        """The legal references (or sources) of this problem."""
        return _PROBLEMS[self].basis

    def text(self, lang: str = "fr") -> str:
        """One sentence for a user interface, in French (``"fr"``) or English (``"en"``)."""
        return _text(_PROBLEMS[self], lang)


def _text(entry: ReasonText, lang: str) -> str:
    if lang == "fr":
        return entry.fr
    if lang == "en":
        return entry.en
    from dmpcore.visibility._errors import InvalidAccessInput

    raise InvalidAccessInput(f"lang must be 'fr' or 'en', got {lang!r:.20}", code="visibility.lang")


_L1111_17 = "CSP L1111-17"
# Every basis cites the numbering of décret 2021-1047 (in force since 2022-01-01), whatever the evaluation
# date: the rules below held in substance under décret 2016-914 too. Where the 2016 number of the same rule
# is attested it follows in parentheses (R1111-26 creation and the rights of minors and protected adults,
# R1111-38 masking by the holder, R1111-42 information made inaccessible to the holder, R1111-36 feeding,
# quoted in seed 000 §1.4.2.2); R1111-46 (the care team's access, restructured in 2021) and R1111-48
# (emergency access) have no attested 2016 number and are cited alone (see docs/consent.md, numbering).
_R1111_40 = "CSP R1111-40 (ex-R1111-26)"
_R1111_53 = "CSP R1111-53 (ex-R1111-42)"
_A, _D = True, False
_EXISTS_FROM_DEPOSIT = "dmpcore: a document exists from its deposit"

_REASONS: Final[dict[Reason, ReasonText]] = {
    Reason.PATIENT: ReasonText(
        _A,
        ("CSP L1111-19",),
        "Le patient consulte son propre dossier.",
        "The patient is viewing their own record.",
    ),
    Reason.REPRESENTATIVE: ReasonText(
        _A,
        ("CSP L1111-19", _R1111_40),
        "Ce représentant a l'accès au DMP de la personne à cette date.",
        "This representative has access to the person's DMP on that date.",
    ),
    Reason.INVISIBLE_PATIENT_LIFTED: ReasonText(
        _A,
        (_R1111_53,),
        "Un professionnel a rendu le document visible au patient.",
        "A professional has made the document visible to the patient.",
    ),
    Reason.INVISIBLE_PATIENT_DELAY_OVER: ReasonText(
        _A,
        (_R1111_53,),
        "Le délai pendant lequel le document était invisible au patient est écoulé.",
        "The period during which the document was hidden from the patient is over.",
    ),
    Reason.AUTHORISED: ReasonText(
        _A,
        (_L1111_17 + " I", "CSP R1111-46"),
        "Le professionnel est autorisé par le patient ou membre de l'équipe de soins.",
        "The professional is authorised by the patient or belongs to the care team.",
    ),
    Reason.TREATING_PHYSICIAN: ReasonText(
        _A,
        ("CSP L1111-16",),
        "Le médecin traitant accède à l'ensemble du dossier.",
        "The treating physician (médecin traitant) has access to the whole record.",
    ),
    Reason.OCCUPATIONAL_PHYSICIAN_CONSENT: ReasonText(
        _A,
        (_L1111_17 + " IV", "loi 2021-1018", "Code du travail L4624-8-1"),
        "Le médecin du travail accède avec le consentement exprès du travailleur.",
        "The occupational physician has access with the worker's express consent.",
    ),
    Reason.BRIS_DE_GLACE: ReasonText(
        _A,
        (_L1111_17, "CSP R1111-48"),
        "Accès en urgence (bris de glace) : le patient ne s'y est pas opposé.",
        "Emergency access (break the glass): the patient has not opposed it.",
    ),
    Reason.REGULATION: ReasonText(
        _A,
        (_L1111_17, "CSP R1111-48"),
        "Accès du médecin régulateur du SAMU-Centre 15 : le patient ne s'y est pas opposé.",
        "Access by the SAMU / Centre 15 regulating physician: the patient has not opposed it.",
    ),
    Reason.AUTHOR: ReasonText(
        _A,
        ("CSP L1111-15",),
        "L'auteur du document le voit même masqué.",
        "The author of the document sees it even when it is masked.",
    ),
    Reason.MASKED_VISIBLE_IN_EMERGENCY: ReasonText(
        _A,
        ("dmpcore policy masked_visible_in_emergency",),
        "La politique choisie montre les documents masqués en mode urgence.",
        "The chosen policy shows masked documents in emergency modes.",
    ),
    Reason.NOT_YET_DEPOSITED: ReasonText(
        _D,
        (_EXISTS_FROM_DEPOSIT,),
        "Le document n'est pas encore déposé à cette date.",
        "The document has not been deposited yet on that date.",
    ),
    Reason.FORBIDDEN_CATEGORY: ReasonText(
        _D,
        ("CSP L1111-18", "seed 000 §1.4.3"),
        "Assureurs, mutuelles, employeurs et médecins conseils n'accèdent jamais au DMP.",
        "Insurers, mutuals, employers and insurance medical officers never access the DMP.",
    ),
    Reason.OCCUPATIONAL_PHYSICIAN_EXCLUDED: ReasonText(
        _D,
        ("CSP L1111-18", "loi 2021-1018"),
        "À cette date, le médecin du travail n'accède pas au DMP.",
        "On that date, occupational physicians have no access to the DMP.",
    ),
    Reason.OCCUPATIONAL_PHYSICIAN_NO_CONSENT: ReasonText(
        _D,
        (_L1111_17 + " IV", "Code du travail L4624-8-1"),
        "Le médecin du travail n'accède qu'avec le consentement exprès du travailleur.",
        "The occupational physician has access only with the worker's express consent.",
    ),
    Reason.MEDICO_SOCIAL_ROLE_REQUIRED: ReasonText(
        _D,
        ("TRE_R22 GENR08-GENR12", "arrêté du 26 octobre 2023"),
        "Un professionnel du médico-social accède avec un rôle RPPS+ (GENR08 à GENR12).",
        "A medico-social professional needs an RPPS+ role (GENR08 to GENR12).",
    ),
    Reason.MEDICO_SOCIAL_ROLE_NOT_YET_VALID: ReasonText(
        _D,
        ("TRE_R22 GENR08-GENR12 (valid from 2022-02-25)",),
        "À cette date, les rôles RPPS+ du médico-social (GENR08 à GENR12) n'existaient pas encore.",
        "On that date, the medico-social RPPS+ roles (GENR08 to GENR12) did not exist yet.",
    ),
    Reason.NO_PORTAL_ACCESS: ReasonText(
        _D,
        ("CSP L1111-19", _R1111_40, "CC 371-1", "CC 459"),
        "Ce représentant n'a pas l'accès au DMP de la personne à cette date.",
        "This representative has no access to the person's DMP on that date.",
    ),
    Reason.INVISIBLE_TO_PATIENT: ReasonText(
        _D,
        (_R1111_53,),
        "Le document reste invisible au patient et à ses représentants jusqu'à la consultation d'annonce.",
        "The document stays hidden from the patient and their representatives until the announcement visit.",
    ),
    Reason.INVISIBLE_TO_REPRESENTATIVES: ReasonText(
        _D,
        ("CSP L1111-5", "seed 000 §1.4.2.2"),
        "Le document est invisible aux représentants légaux (soins que le mineur garde secrets).",
        "The document is hidden from the legal representatives (care the minor keeps confidential).",
    ),
    Reason.CPE_CANNOT_CONSULT: ReasonText(
        _D,
        ("seed 000 §1.4.1.3",),
        "Une carte CPE permet de créer et d'alimenter un DMP, jamais de le consulter.",
        "A CPE card may create and feed a DMP, never consult it.",
    ),
    Reason.CSA_WITHOUT_PROFESSIONAL: ReasonText(
        _D,
        ("seed 000 §1.4.1.3", "seed 000 §1.4.2.1"),
        "Un certificat de structure (CSA) ne consulte que pour un professionnel identifié.",
        "An organisation certificate (CSA) consults only on behalf of an identified professional.",
    ),
    Reason.BLOCKED: ReasonText(
        _D,
        ("CSP L1111-19", "CSP R1111-46"),
        "Le patient a bloqué ce professionnel.",
        "The patient has blocked this professional.",
    ),
    Reason.NOT_AUTHORISED: ReasonText(
        _D,
        (_L1111_17 + " I", "CSP R1111-46"),
        "Le professionnel n'est pas autorisé par le patient.",
        "The professional is not authorised by the patient.",
    ),
    Reason.EMERGENCY_MODE_NOT_FOR_CATEGORY: ReasonText(
        _D,
        (_L1111_17, "CSP R1111-48"),
        "Les modes d'urgence sont réservés aux professionnels de santé.",
        "Emergency modes are reserved to health professionals.",
    ),
    Reason.BRIS_DE_GLACE_OPPOSED: ReasonText(
        _D,
        (_L1111_17, "CSP R1111-48"),
        "Le patient s'est opposé à l'accès en urgence (bris de glace).",
        "The patient has opposed emergency access (break the glass).",
    ),
    Reason.NOT_A_REGULATOR: ReasonText(
        _D,
        (_L1111_17, "CSP R1111-48"),
        "Le mode régulation est réservé au médecin régulateur du SAMU-Centre 15.",
        "The regulation mode is reserved to the SAMU / Centre 15 regulating physician.",
    ),
    Reason.REGULATION_OPPOSED: ReasonText(
        _D,
        (_L1111_17, "CSP R1111-48"),
        "Le patient s'est opposé à l'accès du médecin régulateur.",
        "The patient has opposed access by the regulating physician.",
    ),
    Reason.MASKED: ReasonText(
        _D,
        ("CSP L1111-15", "CSP L1111-16", "CSP R1111-49 (ex-R1111-38)"),
        "Le document est masqué aux professionnels, sauf à son auteur et au médecin traitant.",
        "The document is masked from professionals, except its author and the treating physician.",
    ),
    Reason.MASKED_IN_EMERGENCY: ReasonText(
        _D,
        ("dmpcore policy masked_visible_in_emergency",),
        "Les documents masqués restent cachés en mode urgence (aucun texte ne les ouvre).",
        "Masked documents stay hidden in emergency modes (no text opens them).",
    ),
    Reason.NOT_HABILITATED: ReasonText(
        _D,
        ("arrêté du 26 octobre 2023 (matrice d'habilitation)",),
        "La matrice d'habilitation ne donne pas ce type de document à ce rôle.",
        "The habilitation matrix does not give this document type to this role.",
    ),
}

_PROBLEMS: Final[dict[DepositProblem, ReasonText]] = {
    DepositProblem.DEPOSIT_AFTER_EVALUATION_DATE: ReasonText(
        _D,
        (_EXISTS_FROM_DEPOSIT,),
        "Le document est daté d'un dépôt postérieur à la date du contrôle.",
        "The document's deposit date is after the date of the check.",
    ),
    DepositProblem.INVISIBLE_PATIENT_WITH_MASQUE_PS: ReasonText(
        _D,
        ("DMP parameter cumul-invisible_patient-masque_ps", "TRE_A07"),
        "Un document ne peut être à la fois invisible au patient et masqué aux professionnels "
        "(MASQUE_PS, MASQUE_PSOCIAL ou MASQUE_PT).",
        "A document cannot be both hidden from the patient and masked from professionals "
        "(MASQUE_PS, MASQUE_PSOCIAL or MASQUE_PT).",
    ),
    DepositProblem.INVISIBLE_REPRESENTANTS_LEGAUX_FOR_ADULT: ReasonText(
        _D,
        ("CSP L1111-5", "CC 413-6"),
        "La restriction « non visible par les représentants légaux » ne vaut que pour un patient mineur non émancipé.",
        "The restriction 'hidden from the legal representatives' applies only to a minor patient who is not "
        "emancipated.",
    ),
    DepositProblem.SECRET_CONNECTION_FOR_ADULT: ReasonText(
        _D,
        ("CSP L1111-5", "CC 413-6"),
        "La connexion secrète n'existe que pour un patient mineur non émancipé.",
        "The secret connection exists only for a minor patient who is not emancipated.",
    ),
    DepositProblem.SECRET_CONNECTION_WITHOUT_INVISIBLE_REPRESENTANTS_LEGAUX: ReasonText(
        _D,
        ("CSP L1111-5",),
        "En connexion secrète, tout dépôt doit être non visible par les représentants légaux.",
        "On a secret connection, every deposit must be hidden from the legal representatives.",
    ),
    DepositProblem.PATIENT_DOCUMENT_INVISIBLE_TO_PATIENT: ReasonText(
        _D,
        (_R1111_53, "TRE_A07"),
        "Un document déposé par le patient ne peut pas lui être invisible.",
        "A document deposited by the patient cannot be hidden from them.",
    ),
    DepositProblem.PATIENT_OPPOSED_FOR_LEGITIMATE_REASON: ReasonText(
        _D,
        ("CSP R1111-47 (ex-R1111-36)",),
        "Le patient s'oppose à ce dépôt pour un motif légitime.",
        "The patient opposes this deposit for a legitimate reason.",
    ),
}
