"""The deposit rules of DOMAIN.md §4.2 as a table."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st
from tests.strategies import birthday

from dmpcore.consent import LegalSituation, Measure
from dmpcore.errors import InvalidSituation
from dmpcore.visibility import (
    AccessContext,
    DepositProblem,
    Document,
    InvalidAccessInput,
    Policy,
    Restriction,
    check_deposit,
)

P = DepositProblem
AUTHOR = "810001234567"
ADULT = LegalSituation(date(1980, 1, 1))
MINOR = LegalSituation(date(2010, 6, 1))
EMANCIPATED = LegalSituation(date(2008, 6, 1), emancipated=True)
MINOR_TUTELLE = LegalSituation(date(2010, 6, 1), minor_under_tutelle=True)
TUTELLE_ADULT = LegalSituation(date(1950, 6, 1), measure=Measure.TUTELLE)
TURNS_18 = LegalSituation(date(2007, 3, 1))  # 18 on 2025-03-01
BABY = LegalSituation(date(2024, 6, 1))
IP, MPS, IRL = Restriction.INVISIBLE_PATIENT, Restriction.MASQUE_PS, Restriction.INVISIBLE_REPRESENTANTS_LEGAUX
MPSOC, MPT = Restriction.MASQUE_PSOCIAL, Restriction.MASQUE_PT


def deposit(*restrictions: Restriction, on: date = date(2025, 3, 1), author_id: str | None = AUTHOR) -> Document:
    return Document(deposited_on=on, restrictions=frozenset(restrictions), author_id=author_id)


def ctx(situation: LegalSituation = ADULT, **kwargs: Any) -> AccessContext:
    return AccessContext(situation=situation, on=date(2025, 3, 1), **kwargs)


CUMUL = Policy(cumul_invisible_patient_masque_ps=True)

ROWS: list[tuple[str, Document, AccessContext, dict[str, bool], tuple[DepositProblem, ...]]] = [
    ("plain", deposit(), ctx(), {}, ()),
    ("each-restriction-alone", deposit(IP), ctx(), {}, ()),
    ("masque-ps", deposit(MPS), ctx(), {}, ()),
    # INVISIBLE_PATIENT with MASQUE_PS: refused unless the platform parameter says otherwise
    ("cumul-refused", deposit(IP, MPS), ctx(), {}, (P.INVISIBLE_PATIENT_WITH_MASQUE_PS,)),
    ("cumul-allowed-by-platform", deposit(IP, MPS), ctx(policy=CUMUL), {}, ()),
    # MASQUE_PSOCIAL and MASQUE_PT are as restrictive as MASQUE_PS until specified (DOMAIN.md §4.1)
    ("cumul-masque-pt-refused", deposit(IP, MPT), ctx(), {}, (P.INVISIBLE_PATIENT_WITH_MASQUE_PS,)),
    ("cumul-masque-psocial-refused", deposit(IP, MPSOC), ctx(), {}, (P.INVISIBLE_PATIENT_WITH_MASQUE_PS,)),
    ("cumul-every-mask-refused-once", deposit(IP, MPS, MPSOC, MPT), ctx(), {}, (P.INVISIBLE_PATIENT_WITH_MASQUE_PS,)),
    ("cumul-masque-pt-allowed-by-platform", deposit(IP, MPT), ctx(policy=CUMUL), {}, ()),
    ("other-masks-alone", deposit(MPSOC, MPT), ctx(), {}, ()),
    # INVISIBLE_REPRESENTANTS_LEGAUX only for a minor at the deposit date
    ("irl-minor", deposit(IRL), ctx(MINOR), {}, ()),
    ("irl-adult", deposit(IRL), ctx(), {}, (P.INVISIBLE_REPRESENTANTS_LEGAUX_FOR_ADULT,)),
    ("irl-protected-adult", deposit(IRL), ctx(TUTELLE_ADULT), {}, (P.INVISIBLE_REPRESENTANTS_LEGAUX_FOR_ADULT,)),
    # an emancipated minor is capable as an adult (CC 413-6): no holder of parental authority to keep a secret from
    ("irl-emancipated-minor", deposit(IRL), ctx(EMANCIPATED), {}, (P.INVISIBLE_REPRESENTANTS_LEGAUX_FOR_ADULT,)),
    ("irl-day-before-18", deposit(IRL, on=date(2025, 2, 28)), ctx(TURNS_18), {}, ()),
    ("irl-on-18th-birthday", deposit(IRL), ctx(TURNS_18), {}, (P.INVISIBLE_REPRESENTANTS_LEGAUX_FOR_ADULT,)),
    # the minor's secret connection: every deposit hidden from the legal representatives
    ("secret-with-irl", deposit(IRL), ctx(MINOR), {"secret_connection": True}, ()),
    (
        "secret-without-irl",
        deposit(MPS),
        ctx(MINOR),
        {"secret_connection": True},
        (P.SECRET_CONNECTION_WITHOUT_INVISIBLE_REPRESENTANTS_LEGAUX,),
    ),
    ("secret-adult", deposit(), ctx(), {"secret_connection": True}, (P.SECRET_CONNECTION_FOR_ADULT,)),
    (
        "secret-emancipated-minor",
        deposit(IRL),
        ctx(EMANCIPATED),
        {"secret_connection": True},
        (P.INVISIBLE_REPRESENTANTS_LEGAUX_FOR_ADULT, P.SECRET_CONNECTION_FOR_ADULT),
    ),
    ("secret-minor-under-tutelle", deposit(IRL), ctx(MINOR_TUTELLE), {"secret_connection": True}, ()),
    # a document deposited by the patient cannot be INVISIBLE_PATIENT
    ("patient-document", deposit(author_id=None), ctx(), {}, ()),
    ("patient-document-masked", deposit(MPS, author_id=None), ctx(), {}, ()),
    (
        "patient-document-invisible",
        deposit(IP, author_id=None),
        ctx(),
        {},
        (P.PATIENT_DOCUMENT_INVISIBLE_TO_PATIENT,),
    ),
    # R1111-47: the patient cannot oppose feeding by an authorised professional, except for a legitimate reason
    ("opposition-without-reason", deposit(), ctx(), {"patient_opposes": True}, ()),
    (
        "opposition-legitimate",
        deposit(),
        ctx(),
        {"patient_opposes": True, "legitimate_reason": True},
        (P.PATIENT_OPPOSED_FOR_LEGITIMATE_REASON,),
    ),
    ("legitimate-reason-without-opposition", deposit(), ctx(), {"legitimate_reason": True}, ()),
    # the deposit is checked on its date: one dated after the context's date is reported, not ignored
    ("deposit-on-the-context-date", deposit(on=date(2025, 3, 1)), ctx(), {}, ()),
    ("deposit-before-the-context-date", deposit(on=date(2025, 2, 1)), ctx(), {}, ()),
    ("deposit-after-the-context-date", deposit(on=date(2025, 3, 2)), ctx(), {}, (P.DEPOSIT_AFTER_EVALUATION_DATE,)),
    # several problems are all listed, in the order of the rules
    (
        "all-at-once",
        deposit(IP, MPS, author_id=None),
        ctx(),
        {"secret_connection": True},
        (
            P.INVISIBLE_PATIENT_WITH_MASQUE_PS,
            P.SECRET_CONNECTION_FOR_ADULT,
            P.PATIENT_DOCUMENT_INVISIBLE_TO_PATIENT,
        ),
    ),
]


@pytest.mark.parametrize(
    ("document", "context", "options", "problems"), [row[1:] for row in ROWS], ids=[row[0] for row in ROWS]
)
def test_deposit_rules(
    document: Document, context: AccessContext, options: dict[str, bool], problems: tuple[DepositProblem, ...]
) -> None:
    assert check_deposit(document, context, **options) == problems


def test_every_problem_is_exercised() -> None:
    assert {problem for row in ROWS for problem in row[4]} == set(DepositProblem)


@pytest.mark.parametrize("problem", list(DepositProblem))
def test_every_problem_has_texts_and_basis(problem: DepositProblem) -> None:
    assert problem.basis
    assert problem.text("fr").endswith(".")
    assert problem.text("en").endswith(".")
    assert problem.text("fr") != problem.text("en")


def test_bad_inputs() -> None:
    with pytest.raises(InvalidAccessInput, match="Document"):
        check_deposit(None, ctx())  # type: ignore[arg-type]
    with pytest.raises(InvalidAccessInput, match="AccessContext"):
        check_deposit(deposit(), None)  # type: ignore[arg-type]
    with pytest.raises(InvalidAccessInput, match="secret_connection"):
        check_deposit(deposit(), ctx(), secret_connection="yes")  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("document", "context", "message"),
    [
        (deposit(on=date(2024, 1, 1)), ctx(BABY), r"'deposited_on' \(2024-01-01\) is before the patient's birth date"),
        (deposit(on=date(2016, 7, 6)), ctx(), r"'deposited_on' \(2016-07-06\) is before 2016-07-07"),
        (deposit(on=date(2015, 3, 1)), ctx(MINOR), r"'deposited_on' \(2015-03-01\) is before 2016-07-07"),
        # an adult's measure read on a deposit date when the person was a minor: the situation does not hold
        (
            deposit(on=date(2017, 1, 1)),
            ctx(LegalSituation(date(2000, 6, 1), measure=Measure.TUTELLE)),
            "measure_on_minor",
        ),
    ],
    ids=["before-birth", "day-before-the-model", "before-the-model-and-birth", "situation-not-yet-true"],
)
def test_a_bad_deposit_date_is_the_documents_error(document: Document, context: AccessContext, message: str) -> None:
    """The consent engine raised InvalidSituation about « the evaluation date »: the bad value is the deposit
    date, and the error says so (visibility.document), without the birth date."""
    with pytest.raises(InvalidAccessInput, match=message) as caught:
        check_deposit(document, context)
    assert caught.value.code == "visibility.document"
    assert not isinstance(caught.value, InvalidSituation)
    assert context.situation.birth_date.isoformat() not in str(caught.value)


def test_the_first_day_of_the_model_and_the_birth_day_are_accepted() -> None:
    assert check_deposit(deposit(on=date(2016, 7, 7)), AccessContext(situation=ADULT, on=date(2016, 7, 7))) == ()
    newborn = LegalSituation(date(2025, 3, 1))
    assert check_deposit(deposit(on=date(2025, 3, 1)), ctx(newborn)) == ()


@given(
    birth=st.dates(date(1998, 7, 10), date(2016, 1, 1)),
    offset=st.integers(-3, 3),
    restrictions=st.frozensets(st.sampled_from(list(Restriction))),
)
def test_invisible_rep_legaux_flips_on_the_18th_birthday(
    birth: date, offset: int, restrictions: frozenset[Restriction]
) -> None:
    """« INVISIBLE_REPRESENTANTS_LEGAUX only for a patient who is a minor at the deposit date. »"""
    eighteen = birthday(birth, 18)
    deposited = date.fromordinal(eighteen.toordinal() + offset)
    document = Document(deposited_on=deposited, restrictions=restrictions | {IRL}, author_id=AUTHOR)
    context = AccessContext(situation=LegalSituation(birth), on=deposited)
    refused = P.INVISIBLE_REPRESENTANTS_LEGAUX_FOR_ADULT in check_deposit(document, context)
    assert refused is (deposited >= eighteen)
