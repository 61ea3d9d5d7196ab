"""Who may view a document: every rule of DOMAIN.md §4.3 as a table, in order (the first that denies decides)."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from dmpcore.consent import LegalSituation, Measure, Party
from dmpcore.errors import InvalidSituation
from dmpcore.visibility import (
    AccessContext,
    AccessDecision,
    Category,
    Credential,
    Document,
    HabilitationMatrix,
    InvalidAccessInput,
    Mode,
    Policy,
    Reason,
    Restriction,
    Viewer,
    can_view,
    explain,
    visible_documents,
)

R = Reason
ON = date(2025, 3, 1)
AUTHOR = "810001234567"
OTHER = "810009999999"
STRUCTURE = "1330000001"
ADULT = LegalSituation(date(1950, 6, 1))
MINOR = LegalSituation(date(2010, 6, 1))
TURNS_18_ON_ON = LegalSituation(date(2007, 3, 1))

MASQUE_PS = frozenset({Restriction.MASQUE_PS})
INV_PATIENT = frozenset({Restriction.INVISIBLE_PATIENT})
INV_REP = frozenset({Restriction.INVISIBLE_REPRESENTANTS_LEGAUX})


def doc(restrictions: frozenset[Restriction] = frozenset(), **kwargs: Any) -> Document:
    return Document(
        deposited_on=kwargs.pop("deposited_on", date(2025, 2, 15)),
        restrictions=restrictions,
        author_id=kwargs.pop("author_id", AUTHOR),
        **kwargs,
    )


def ctx(situation: LegalSituation = ADULT, on: date = ON, **kwargs: Any) -> AccessContext:
    return AccessContext(situation=situation, on=on, **kwargs)


def pro(**kwargs: Any) -> Viewer:
    return Viewer.professional(kwargs.pop("professional_id", OTHER), **kwargs)


AUTHORISED = pro(authorized=True)
OCCUPATIONAL = pro(category=Category.OCCUPATIONAL_PHYSICIAN, express_consent=True)
RESTRICTED = Policy(
    habilitations=HabilitationMatrix.from_mapping({"GENR10": {"74207-2"}}, source="test: local charter")
)

# (id, viewer, document, context, expected reasons); allowed is implied by the reasons
ROWS: list[tuple[str, Viewer, Document, AccessContext, tuple[Reason, ...]]] = [
    # Rule 1: categories (CSP L1111-18; L1111-17 IV and loi 2021-1018 for the occupational physician)
    ("1-insurer", pro(category=Category.INSURER, authorized=True), doc(), ctx(), (R.FORBIDDEN_CATEGORY,)),
    ("1-employer", pro(category=Category.EMPLOYER, authorized=True), doc(), ctx(), (R.FORBIDDEN_CATEGORY,)),
    (
        "1-medecin-conseil",
        pro(category=Category.INSURANCE_MEDICAL_OFFICER, authorized=True, mode=Mode.BRIS_DE_GLACE),
        doc(),
        ctx(),
        (R.FORBIDDEN_CATEGORY,),
    ),
    (
        "1-occupational-before-law",
        OCCUPATIONAL,
        doc(deposited_on=date(2022, 1, 1)),
        ctx(on=date(2022, 3, 30)),
        (R.OCCUPATIONAL_PHYSICIAN_EXCLUDED,),
    ),
    (
        "1-occupational-from-law",
        OCCUPATIONAL,
        doc(deposited_on=date(2022, 1, 1)),
        ctx(on=date(2022, 3, 31)),
        (R.OCCUPATIONAL_PHYSICIAN_CONSENT,),
    ),
    (
        "1-occupational-without-consent",
        pro(category=Category.OCCUPATIONAL_PHYSICIAN, authorized=True),
        doc(),
        ctx(),
        (R.OCCUPATIONAL_PHYSICIAN_NO_CONSENT,),
    ),
    (
        "1-occupational-switch-off",
        OCCUPATIONAL,
        doc(),
        ctx(policy=Policy(occupational_physician_access_from=None)),
        (R.OCCUPATIONAL_PHYSICIAN_EXCLUDED,),
    ),
    (
        "1-occupational-sees-no-masked",
        OCCUPATIONAL,
        doc(MASQUE_PS),
        ctx(),
        (R.MASKED,),
    ),
    (
        "1-medico-social-with-role",
        pro(category=Category.MEDICO_SOCIAL, role="GENR11", authorized=True),
        doc(),
        ctx(),
        (R.AUTHORISED,),
    ),
    # TRE_R22: GENR08..GENR12 are valid from 2022-02-25; before, no medico-social professional held one
    (
        "1-medico-social-role-before-its-validity",
        pro(category=Category.MEDICO_SOCIAL, role="GENR11", authorized=True),
        doc(deposited_on=date(2018, 2, 1)),
        ctx(on=date(2022, 2, 24)),
        (R.MEDICO_SOCIAL_ROLE_NOT_YET_VALID,),
    ),
    (
        "1-medico-social-role-on-its-first-day",
        pro(category=Category.MEDICO_SOCIAL, role="GENR11", authorized=True),
        doc(deposited_on=date(2018, 2, 1)),
        ctx(on=date(2022, 2, 25)),
        (R.AUTHORISED,),
    ),
    (
        "1-medico-social-without-role",
        pro(category=Category.MEDICO_SOCIAL, authorized=True),
        doc(),
        ctx(),
        (R.MEDICO_SOCIAL_ROLE_REQUIRED,),
    ),
    (
        "1-medico-social-health-role",
        pro(category=Category.MEDICO_SOCIAL, role="GENR01", authorized=True),
        doc(),
        ctx(),
        (R.MEDICO_SOCIAL_ROLE_REQUIRED,),
    ),
    (
        "1-first-denial-wins",
        pro(category=Category.INSURER, credential=Credential.CPE),
        doc(),
        ctx(),
        (R.FORBIDDEN_CATEGORY,),
    ),
    # Rule 2: representatives hold PORTAL_ACCESS per the consent table on that date
    ("2-parents-of-minor", Viewer.representative(Party.PARENTS), doc(), ctx(MINOR), (R.REPRESENTATIVE,)),
    (
        "2-parents-day-before-18",
        Viewer.representative(Party.PARENTS),
        doc(),
        ctx(TURNS_18_ON_ON, on=date(2025, 2, 28)),
        (R.REPRESENTATIVE,),
    ),
    (
        "2-parents-on-18th-birthday",
        Viewer.representative(Party.PARENTS),
        doc(),
        ctx(TURNS_18_ON_ON),
        (R.NO_PORTAL_ACCESS,),
    ),
    ("2-parents-of-adult", Viewer.representative(Party.PARENTS), doc(), ctx(), (R.NO_PORTAL_ACCESS,)),
    (
        "2-curator-never",
        Viewer.representative(Party.CURATOR),
        doc(),
        ctx(LegalSituation(date(1950, 6, 1), measure=Measure.CURATELLE_RENFORCEE)),
        (R.NO_PORTAL_ACCESS,),
    ),
    (
        "2-tutor-of-adult",
        Viewer.representative(Party.TUTOR),
        doc(),
        ctx(LegalSituation(date(1950, 6, 1), measure=Measure.TUTELLE)),
        (R.REPRESENTATIVE,),
    ),
    (
        "2-tutor-assets-only",
        Viewer.representative(Party.TUTOR),
        doc(),
        ctx(LegalSituation(date(1950, 6, 1), measure=Measure.TUTELLE, represents_person=False)),
        (R.NO_PORTAL_ACCESS,),
    ),
    (
        "2-habilitated-with-person-powers",
        Viewer.representative(Party.HABILITATED_PERSON),
        doc(),
        ctx(LegalSituation(date(1950, 6, 1), measure=Measure.HABILITATION_FAMILIALE, represents_person=True)),
        (R.REPRESENTATIVE,),
    ),
    (
        "2-tutor-of-minor",
        Viewer.representative(Party.TUTOR),
        doc(),
        ctx(LegalSituation(date(2010, 6, 1), minor_under_tutelle=True)),
        (R.REPRESENTATIVE,),
    ),
    (
        "2-parents-of-minor-under-tutelle",
        Viewer.representative(Party.PARENTS),
        doc(),
        ctx(LegalSituation(date(2010, 6, 1), minor_under_tutelle=True)),
        (R.NO_PORTAL_ACCESS,),
    ),
    ("2-mandatary-without-mandate", Viewer.representative(Party.MANDATARY), doc(), ctx(), (R.NO_PORTAL_ACCESS,)),
    # Rule 3: patient side
    ("3-patient", Viewer.patient(), doc(), ctx(), (R.PATIENT,)),
    ("3-patient-invisible", Viewer.patient(), doc(INV_PATIENT), ctx(), (R.INVISIBLE_TO_PATIENT,)),
    (
        "3-patient-invisible-lifted",
        Viewer.patient(),
        doc(INV_PATIENT, lifted_on=date(2025, 2, 20)),
        ctx(),
        (R.PATIENT, R.INVISIBLE_PATIENT_LIFTED),
    ),
    (
        "3-patient-lifted-on-that-day",
        Viewer.patient(),
        doc(INV_PATIENT, lifted_on=ON),
        ctx(),
        (R.PATIENT, R.INVISIBLE_PATIENT_LIFTED),
    ),
    (
        "3-patient-lifted-later",
        Viewer.patient(),
        doc(INV_PATIENT, lifted_on=date(2025, 3, 5)),
        ctx(),
        (R.INVISIBLE_TO_PATIENT,),
    ),
    (
        "3-patient-last-day-of-delay",
        Viewer.patient(),
        doc(INV_PATIENT, deposited_on=date(2025, 2, 1)),
        ctx(on=date(2025, 3, 1)),
        (R.INVISIBLE_TO_PATIENT,),
    ),
    (
        "3-patient-delay-over",
        Viewer.patient(),
        doc(INV_PATIENT, deposited_on=date(2025, 2, 1)),
        ctx(on=date(2025, 3, 2)),
        (R.PATIENT, R.INVISIBLE_PATIENT_DELAY_OVER),
    ),
    (
        "3-patient-delay-end-of-month",
        Viewer.patient(),
        doc(INV_PATIENT, deposited_on=date(2025, 1, 31)),
        ctx(on=date(2025, 3, 1)),
        (R.PATIENT, R.INVISIBLE_PATIENT_DELAY_OVER),
    ),
    (
        "3-parents-invisible-patient",
        Viewer.representative(Party.PARENTS),
        doc(INV_PATIENT),
        ctx(MINOR),
        (R.INVISIBLE_TO_PATIENT,),
    ),
    (
        "3-parents-invisible-rep",
        Viewer.representative(Party.PARENTS),
        doc(INV_REP),
        ctx(MINOR),
        (R.INVISIBLE_TO_REPRESENTATIVES,),
    ),
    (
        "3-tutor-invisible-rep",
        Viewer.representative(Party.TUTOR),
        doc(INV_REP),
        ctx(LegalSituation(date(2010, 6, 1), minor_under_tutelle=True)),
        (R.INVISIBLE_TO_REPRESENTATIVES,),
    ),
    ("3-minor-sees-invisible-rep", Viewer.patient(), doc(INV_REP), ctx(MINOR), (R.PATIENT,)),
    ("3-patient-sees-masked", Viewer.patient(), doc(MASQUE_PS), ctx(), (R.PATIENT,)),
    ("3-parents-see-masked", Viewer.representative(Party.PARENTS), doc(MASQUE_PS), ctx(MINOR), (R.REPRESENTATIVE,)),
    ("3-patient-sees-own-document", Viewer.patient(), doc(author_id=None), ctx(), (R.PATIENT,)),
    # Rule 4: credentials
    ("4-cps", AUTHORISED, doc(), ctx(), (R.AUTHORISED,)),
    ("4-e-cps", pro(credential=Credential.E_CPS, authorized=True), doc(), ctx(), (R.AUTHORISED,)),
    ("4-cpe-never", pro(credential=Credential.CPE, authorized=True), doc(), ctx(), (R.CPE_CANNOT_CONSULT,)),
    (
        "4-cpe-never-even-treating",
        pro(credential=Credential.CPE, treating_physician=True, mode=Mode.BRIS_DE_GLACE),
        doc(),
        ctx(),
        (R.CPE_CANNOT_CONSULT,),
    ),
    (
        "4-csa-without-professional",
        pro(professional_id=STRUCTURE, credential=Credential.CSA, authorized=True),
        doc(),
        ctx(),
        (R.CSA_WITHOUT_PROFESSIONAL,),
    ),
    (
        "4-csa-for-professional",
        pro(professional_id=STRUCTURE, credential=Credential.CSA, on_behalf_of=OTHER, authorized=True),
        doc(),
        ctx(),
        (R.AUTHORISED,),
    ),
    # Rule 5: blocked professionals
    ("5-blocked", AUTHORISED, doc(), ctx(blocked={OTHER}), (R.BLOCKED,)),
    ("5-blocked-treating", pro(treating_physician=True), doc(), ctx(blocked={OTHER}), (R.BLOCKED,)),
    ("5-blocked-emergency", pro(mode=Mode.BRIS_DE_GLACE), doc(), ctx(blocked={OTHER}), (R.BLOCKED,)),
    (
        "5-csa-for-blocked",
        pro(professional_id=STRUCTURE, credential=Credential.CSA, on_behalf_of=OTHER, authorized=True),
        doc(),
        ctx(blocked={OTHER}),
        (R.BLOCKED,),
    ),
    ("5-other-blocked", AUTHORISED, doc(), ctx(blocked={AUTHOR}), (R.AUTHORISED,)),
    (
        "5-csa-of-a-blocked-structure",
        pro(professional_id=STRUCTURE, credential=Credential.CSA, on_behalf_of=OTHER, authorized=True),
        doc(),
        ctx(blocked={STRUCTURE}),
        (R.BLOCKED,),
    ),
    # Rule 6: modes
    ("6-not-authorised", pro(), doc(), ctx(), (R.NOT_AUTHORISED,)),
    ("6-not-authorised-before-masks", pro(), doc(MASQUE_PS), ctx(), (R.NOT_AUTHORISED,)),
    ("6-treating-counts-as-authorised", pro(treating_physician=True), doc(), ctx(), (R.TREATING_PHYSICIAN,)),
    ("6-bris-de-glace", pro(mode=Mode.BRIS_DE_GLACE), doc(), ctx(), (R.BRIS_DE_GLACE,)),
    (
        "6-bris-de-glace-opposed",
        pro(mode=Mode.BRIS_DE_GLACE),
        doc(),
        ctx(opposed_bris_de_glace=True),
        (R.BRIS_DE_GLACE_OPPOSED,),
    ),
    (
        "6-bris-de-glace-other-opposition",
        pro(mode=Mode.BRIS_DE_GLACE),
        doc(),
        ctx(opposed_regulation=True),
        (R.BRIS_DE_GLACE,),
    ),
    ("6-regulation", pro(mode=Mode.REGULATION, regulator=True), doc(), ctx(), (R.REGULATION,)),
    (
        "6-regulation-opposed",
        pro(mode=Mode.REGULATION, regulator=True),
        doc(),
        ctx(opposed_regulation=True),
        (R.REGULATION_OPPOSED,),
    ),
    (
        "6-regulation-other-opposition",
        pro(mode=Mode.REGULATION, regulator=True),
        doc(),
        ctx(opposed_bris_de_glace=True),
        (R.REGULATION,),
    ),
    ("6-regulation-not-regulator", pro(mode=Mode.REGULATION, authorized=True), doc(), ctx(), (R.NOT_A_REGULATOR,)),
    (
        "6-medico-social-no-emergency",
        pro(category=Category.MEDICO_SOCIAL, role="GENR11", mode=Mode.BRIS_DE_GLACE),
        doc(),
        ctx(),
        (R.EMERGENCY_MODE_NOT_FOR_CATEGORY,),
    ),
    (
        "6-occupational-no-emergency",
        pro(category=Category.OCCUPATIONAL_PHYSICIAN, express_consent=True, mode=Mode.REGULATION),
        doc(),
        ctx(),
        (R.EMERGENCY_MODE_NOT_FOR_CATEGORY,),
    ),
    # Rule 7: masked documents
    ("7-masked", AUTHORISED, doc(MASQUE_PS), ctx(), (R.MASKED,)),
    ("7-masked-author", pro(professional_id=AUTHOR, authorized=True), doc(MASQUE_PS), ctx(), (R.AUTHORISED, R.AUTHOR)),
    ("7-masked-treating", pro(treating_physician=True), doc(MASQUE_PS), ctx(), (R.TREATING_PHYSICIAN,)),
    (
        "7-masked-treating-in-emergency",
        pro(treating_physician=True, mode=Mode.BRIS_DE_GLACE),
        doc(MASQUE_PS),
        ctx(),
        (R.BRIS_DE_GLACE, R.TREATING_PHYSICIAN),
    ),
    ("7-masked-bris-de-glace", pro(mode=Mode.BRIS_DE_GLACE), doc(MASQUE_PS), ctx(), (R.MASKED_IN_EMERGENCY,)),
    (
        "7-masked-regulation",
        pro(mode=Mode.REGULATION, regulator=True),
        doc(MASQUE_PS),
        ctx(),
        (R.MASKED_IN_EMERGENCY,),
    ),
    (
        "7-masked-emergency-policy",
        pro(mode=Mode.BRIS_DE_GLACE),
        doc(MASQUE_PS),
        ctx(policy=Policy(masked_visible_in_emergency=True)),
        (R.BRIS_DE_GLACE, R.MASKED_VISIBLE_IN_EMERGENCY),
    ),
    (
        "7-masked-policy-not-normal-mode",
        AUTHORISED,
        doc(MASQUE_PS),
        ctx(policy=Policy(masked_visible_in_emergency=True)),
        (R.MASKED,),
    ),
    ("7-masque-psocial", AUTHORISED, doc(frozenset({Restriction.MASQUE_PSOCIAL})), ctx(), (R.MASKED,)),
    ("7-masque-pt", AUTHORISED, doc(frozenset({Restriction.MASQUE_PT})), ctx(), (R.MASKED,)),
    (
        "7-csa-for-author",
        pro(professional_id=STRUCTURE, credential=Credential.CSA, on_behalf_of=AUTHOR, authorized=True),
        doc(MASQUE_PS),
        ctx(),
        (R.AUTHORISED, R.AUTHOR),
    ),
    # a CSA deposit is signed by the establishment (seed 000 §1.4.2.1): its staff are not the author
    (
        "7-csa-structure-is-not-the-author",
        pro(professional_id=STRUCTURE, credential=Credential.CSA, on_behalf_of=OTHER, authorized=True),
        doc(MASQUE_PS, author_id=STRUCTURE),
        ctx(),
        (R.MASKED,),
    ),
    (
        "7-csa-structure-is-not-the-author-in-emergency",
        pro(professional_id=STRUCTURE, credential=Credential.CSA, on_behalf_of=OTHER, mode=Mode.BRIS_DE_GLACE),
        doc(MASQUE_PS, author_id=STRUCTURE),
        ctx(),
        (R.MASKED_IN_EMERGENCY,),
    ),
    (
        "7-csa-professional-author-of-a-structure-document",
        pro(professional_id=STRUCTURE, credential=Credential.CSA, on_behalf_of=AUTHOR, authorized=True),
        doc(MASQUE_PS, author_id=STRUCTURE),
        ctx(),
        (R.MASKED,),
    ),
    ("7-professional-sees-invisible-patient", AUTHORISED, doc(INV_PATIENT), ctx(), (R.AUTHORISED,)),
    ("7-professional-sees-invisible-rep", AUTHORISED, doc(INV_REP), ctx(MINOR), (R.AUTHORISED,)),
    # Rule 8: the habilitation matrix (pluggable; default: every type)
    (
        "8-default-matrix",
        pro(category=Category.MEDICO_SOCIAL, role="GENR10", authorized=True),
        doc(type_code="11488-4"),
        ctx(),
        (R.AUTHORISED,),
    ),
    (
        "8-restricted-type-allowed",
        pro(category=Category.MEDICO_SOCIAL, role="GENR10", authorized=True),
        doc(type_code="74207-2"),
        ctx(policy=RESTRICTED),
        (R.AUTHORISED,),
    ),
    (
        "8-restricted-type-refused",
        pro(category=Category.MEDICO_SOCIAL, role="GENR10", authorized=True),
        doc(type_code="11488-4"),
        ctx(policy=RESTRICTED),
        (R.NOT_HABILITATED,),
    ),
    (
        "8-restricted-no-type",
        pro(category=Category.MEDICO_SOCIAL, role="GENR10", authorized=True),
        doc(),
        ctx(policy=RESTRICTED),
        (R.NOT_HABILITATED,),
    ),
    (
        "8-other-role",
        pro(role="10", authorized=True),
        doc(type_code="11488-4"),
        ctx(policy=RESTRICTED),
        (R.AUTHORISED,),
    ),
    # A document exists from its deposit (dmpcore's choice, documented)
    ("0-patient-future-document", Viewer.patient(), doc(deposited_on=date(2025, 3, 2)), ctx(), (R.NOT_YET_DEPOSITED,)),
    ("0-professional-future-document", AUTHORISED, doc(deposited_on=date(2025, 3, 2)), ctx(), (R.NOT_YET_DEPOSITED,)),
    ("0-viewer-rules-first", pro(), doc(deposited_on=date(2025, 3, 2)), ctx(), (R.NOT_AUTHORISED,)),
]


@pytest.mark.parametrize(
    ("viewer", "document", "context", "reasons"), [row[1:] for row in ROWS], ids=[r[0] for r in ROWS]
)
def test_rules(viewer: Viewer, document: Document, context: AccessContext, reasons: tuple[Reason, ...]) -> None:
    decision = can_view(viewer, document, context)
    assert decision.reasons == reasons
    assert decision.allowed is reasons[0].allows
    assert bool(decision) is decision.allowed
    assert visible_documents(viewer, [document], context) == ([document] if decision.allowed else [])


def test_every_reason_is_exercised_by_the_table() -> None:
    used = {reason for row in ROWS for reason in row[4]}
    assert used == set(Reason)


def test_the_issue_example() -> None:
    context = AccessContext(situation=LegalSituation(birth_date=date(2010, 6, 1)), on=date(2025, 3, 1))
    document = Document(
        deposited_on=date(2025, 2, 1),
        author_id="810001234567",
        restrictions=frozenset({Restriction.INVISIBLE_REPRESENTANTS_LEGAUX}),
    )
    decision = can_view(Viewer.representative(Party.PARENTS), document, context)
    assert decision == AccessDecision(allowed=False, reasons=(Reason.INVISIBLE_TO_REPRESENTATIVES,))
    assert decision.basis == ("CSP L1111-5", "seed 000 §1.4.2.2")


def test_visible_documents_keeps_order_and_filters() -> None:
    documents = [doc(), doc(MASQUE_PS), doc(INV_PATIENT), doc(author_id=None), doc(MASQUE_PS, author_id=OTHER)]
    assert visible_documents(AUTHORISED, documents, ctx()) == [documents[0], documents[2], documents[3], documents[4]]
    assert visible_documents(Viewer.patient(), documents, ctx()) == [
        documents[0],
        documents[1],
        documents[3],
        documents[4],
    ]
    assert visible_documents(pro(credential=Credential.CPE), documents, ctx()) == []
    assert visible_documents(AUTHORISED, iter(documents), ctx()) == visible_documents(AUTHORISED, documents, ctx())


def test_allowed_decisions_explain_in_both_languages() -> None:
    decision = can_view(pro(professional_id=AUTHOR, authorized=True), doc(MASQUE_PS), ctx())
    assert explain(decision, "fr").startswith("Autorisé : Le professionnel est autorisé")
    assert explain(decision, "en") == (
        "Allowed: The professional is authorised by the patient or belongs to the care team. "
        "The author of the document sees it even when it is masked."
    )
    assert decision.basis == ("CSP L1111-17 I", "CSP R1111-46", "CSP L1111-15")


@pytest.mark.parametrize("reason", list(Reason))
def test_every_reason_has_texts_and_basis(reason: Reason) -> None:
    assert reason.basis
    assert reason.text("fr")
    assert reason.text("en")
    assert reason.text("fr") != reason.text("en")
    assert reason.text("fr").endswith(".")
    assert reason.text("en").endswith(".")


def test_reason_texts_are_distinct() -> None:
    for lang in ("fr", "en"):
        texts = [reason.text(lang) for reason in Reason]
        assert len(set(texts)) == len(texts)


def test_unknown_language() -> None:
    with pytest.raises(InvalidAccessInput, match="lang"):
        explain(can_view(Viewer.patient(), doc(), ctx()), "de")
    with pytest.raises(InvalidAccessInput, match="AccessDecision"):
        explain("allowed", "fr")  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("allowed", "reasons"),
    [(True, ()), (True, (Reason.BLOCKED,)), (False, (Reason.PATIENT,)), (True, ("patient",))],
)
def test_decisions_are_consistent(allowed: bool, reasons: tuple[Any, ...]) -> None:
    with pytest.raises(InvalidAccessInput):
        AccessDecision(allowed=allowed, reasons=reasons)


def test_context_validation() -> None:
    with pytest.raises(InvalidAccessInput, match="before 2016-07-07"):
        ctx(on=date(2016, 7, 6))
    with pytest.raises(InvalidSituation):
        ctx(LegalSituation(date(2020, 1, 1)), on=date(2019, 1, 1))
    with pytest.raises(InvalidSituation):  # an adult measure on a minor: the consent engine says why
        ctx(LegalSituation(date(2010, 1, 1), measure=Measure.TUTELLE))
    with pytest.raises(InvalidAccessInput, match="one str"):
        ctx(blocked=OTHER)  # type: ignore[arg-type]
    with pytest.raises(InvalidAccessInput, match="non-empty"):
        ctx(blocked={""})
    with pytest.raises(InvalidAccessInput, match="date"):
        AccessContext(situation=ADULT, on="2025-03-01")  # type: ignore[arg-type]
    with pytest.raises(InvalidAccessInput, match="LegalSituation"):
        AccessContext(situation=None, on=ON)  # type: ignore[arg-type]
    with pytest.raises(InvalidAccessInput, match="bool"):
        ctx(opposed_regulation="no")
    with pytest.raises(InvalidAccessInput, match="Policy"):
        ctx(policy={})
    with pytest.raises(InvalidAccessInput, match="Viewer"):
        can_view("patient", doc(), ctx())  # type: ignore[arg-type]
    with pytest.raises(InvalidAccessInput, match="AccessContext"):
        can_view(Viewer.patient(), doc(), None)  # type: ignore[arg-type]
    with pytest.raises(InvalidAccessInput, match="Document"):
        can_view(pro(category=Category.INSURER), "doc", ctx())  # type: ignore[arg-type]
    with pytest.raises(InvalidAccessInput, match="Document"):
        visible_documents(pro(category=Category.INSURER), [doc(), None], ctx())  # type: ignore[list-item]


def test_context_reads_portal_access_once() -> None:
    assert ctx(MINOR).portal_parties == {Party.PARENTS}
    assert ctx(LegalSituation(date(1950, 6, 1), measure=Measure.TUTELLE)).portal_parties == {Party.PATIENT, Party.TUTOR}


# --- a document deposited before the patient's birth (second audit, gap 6) -------------------------------------

NEWBORN = LegalSituation(date(2025, 2, 10))
BEFORE_BIRTH = Document(deposited_on=date(2025, 2, 9), author_id=AUTHOR)
ON_BIRTH = Document(deposited_on=date(2025, 2, 10), author_id=AUTHOR)


@pytest.mark.parametrize(
    "viewer",
    [
        Viewer.patient(),
        Viewer.representative(Party.PARENTS),
        Viewer.professional(OTHER, authorized=True),
        Viewer.professional(OTHER, treating_physician=True, mode=Mode.BRIS_DE_GLACE),
    ],
    ids=["patient", "parents", "professional", "treating-emergency"],
)
def test_a_document_deposited_before_birth_is_an_input_error(viewer: Viewer) -> None:
    """dmpcore's choice (docs/visibility.md): no DMP holds a document deposited before its holder was born;
    one is misdated or in another person's DMP. The patient saw it before; now every viewer gets the error."""
    context = AccessContext(situation=NEWBORN, on=ON)
    for call in (
        lambda: can_view(viewer, BEFORE_BIRTH, context),
        lambda: visible_documents(viewer, [BEFORE_BIRTH], context),
    ):
        with pytest.raises(
            InvalidAccessInput, match=r"'deposited_on' \(2025-02-09\) is before the patient's birth"
        ) as caught:
            call()
        assert caught.value.code == "visibility.document"
        assert "2025-02-10" not in str(caught.value)  # the birth date is patient data
    assert can_view(viewer, ON_BIRTH, context).allowed


def test_a_viewer_denied_by_their_own_rules_never_reads_the_documents() -> None:
    """The viewer-level rules decide first (the batch path reads no document for a denied viewer)."""
    context = AccessContext(situation=NEWBORN, on=ON)
    assert can_view(Viewer.professional(OTHER), BEFORE_BIRTH, context).reasons == (R.NOT_AUTHORISED,)
