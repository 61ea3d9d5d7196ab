"""The deposit rules (DOMAIN.md §4.2): what the DMP refuses when a document is deposited.

Sources: DMP platform parameter ``cumul-invisible_patient-masque_ps``; CSP L1111-5 (the minor's secret),
R1111-47 (the patient cannot oppose feeding by an authorised professional, except for a legitimate reason;
R1111-36 under décret 2016-914, quoted in seed 000 §1.4.2.2), R1111-53 (INVISIBLE_PATIENT); TRE_A07.
"""

from __future__ import annotations

from dmpcore.consent import Capacity, classify
from dmpcore.errors import InvalidSituation
from dmpcore.visibility._access import MODEL_START, AccessContext, deposited_before_birth
from dmpcore.visibility._errors import InvalidAccessInput
from dmpcore.visibility._model import Document
from dmpcore.visibility._reasons import DepositProblem
from dmpcore.visibility._restrictions import PROFESSIONAL_MASKS, Restriction

__all__ = ["check_deposit"]

#: the capacities with a holder of parental authority (or a tutor in its place) to keep a secret from
#: (L1111-5); an emancipated minor has none: they are capable as an adult (CC 413-6) and count as one here
_MINOR = frozenset({Capacity.MINOR, Capacity.MINOR_UNDER_TUTELLE})


def check_deposit(
    document: Document,
    context: AccessContext,
    *,
    secret_connection: bool = False,
    patient_opposes: bool = False,
    legitimate_reason: bool = False,
) -> tuple[DepositProblem, ...]:
    """The problems that make the DMP refuse this deposit; empty when it is acceptable.

    *secret_connection*: the minor consulted alone and keeps the care secret from their parents (L1111-5).
    *patient_opposes* and *legitimate_reason*: the patient cannot oppose feeding by a professional who takes
    care of them, except for a legitimate reason (R1111-47): only an opposition with a legitimate reason is a
    problem. Age is taken on the deposit date (majority on the 18th birthday, as :mod:`dmpcore.consent`); a
    deposit dated after ``context.on`` is a problem (:attr:`DepositProblem.DEPOSIT_AFTER_EVALUATION_DATE`).
    A deposit date the rules cannot be read on (before 2016-07-07, before the patient's birth, or when the
    situation contradicts itself then) raises :class:`InvalidAccessInput` (``visibility.document``).

    >>> from datetime import date
    >>> from dmpcore.consent import LegalSituation
    >>> ctx = AccessContext(situation=LegalSituation(birth_date=date(1980, 1, 1)), on=date(2025, 3, 1))
    >>> doc = Document(deposited_on=date(2025, 3, 1), author_id="810001234567",
    ...                restrictions={Restriction.INVISIBLE_PATIENT, Restriction.MASQUE_PS})
    >>> [p.name for p in check_deposit(doc, ctx)]
    ['INVISIBLE_PATIENT_WITH_MASQUE_PS']
    """
    if not isinstance(document, Document):
        raise InvalidAccessInput(f"'document' must be a Document, got {type(document).__name__}")
    if not isinstance(context, AccessContext):
        raise InvalidAccessInput(f"'context' must be an AccessContext, got {type(context).__name__}")
    for name, flag in (
        ("secret_connection", secret_connection),
        ("patient_opposes", patient_opposes),
        ("legitimate_reason", legitimate_reason),
    ):
        if not isinstance(flag, bool):
            raise InvalidAccessInput(f"'{name}' must be a bool, got {flag!r:.20}")
    restrictions = document.restrictions
    minor = _capacity_on_deposit(document, context) in _MINOR
    problems: list[DepositProblem] = []
    if document.deposited_on > context.on:
        # the rules are checked on the deposit date; a deposit dated after the check is not one yet
        problems.append(DepositProblem.DEPOSIT_AFTER_EVALUATION_DATE)
    # MASQUE_PSOCIAL and MASQUE_PT count as MASQUE_PS until their rules are published (DOMAIN.md §4.1): the
    # cumul with INVISIBLE_PATIENT is refused for them too, under the same platform parameter.
    if (
        Restriction.INVISIBLE_PATIENT in restrictions
        and not PROFESSIONAL_MASKS.isdisjoint(restrictions)
        and not context.policy.cumul_invisible_patient_masque_ps
    ):
        problems.append(DepositProblem.INVISIBLE_PATIENT_WITH_MASQUE_PS)
    if Restriction.INVISIBLE_REPRESENTANTS_LEGAUX in restrictions and not minor:
        problems.append(DepositProblem.INVISIBLE_REPRESENTANTS_LEGAUX_FOR_ADULT)
    if secret_connection:
        if not minor:
            problems.append(DepositProblem.SECRET_CONNECTION_FOR_ADULT)
        elif Restriction.INVISIBLE_REPRESENTANTS_LEGAUX not in restrictions:
            problems.append(DepositProblem.SECRET_CONNECTION_WITHOUT_INVISIBLE_REPRESENTANTS_LEGAUX)
    if document.by_patient and Restriction.INVISIBLE_PATIENT in restrictions:
        problems.append(DepositProblem.PATIENT_DOCUMENT_INVISIBLE_TO_PATIENT)
    if patient_opposes and legitimate_reason:
        problems.append(DepositProblem.PATIENT_OPPOSED_FOR_LEGITIMATE_REASON)
    return tuple(problems)


def _capacity_on_deposit(document: Document, context: AccessContext) -> Capacity:
    """The patient's capacity on the deposit date, the date the deposit rules are checked on.

    A bad deposit date is the document's error (``visibility.document``), named as such: the consent
    engine would speak of its own evaluation date.
    """
    deposited = document.deposited_on
    if deposited < MODEL_START:
        raise InvalidAccessInput(
            f"'deposited_on' ({deposited.isoformat()}) is before {MODEL_START.isoformat()} (décret 2016-914): "
            "the deposit rules are checked on the deposit date, outside the model then",
            code="visibility.document",
        )
    if deposited < context.situation.birth_date:
        raise deposited_before_birth(deposited)
    try:
        return classify(context.situation, on=deposited)
    except InvalidSituation as error:  # a contradiction of the situation on that date (a measure on a minor)
        raise InvalidAccessInput(
            f"the patient's legal situation does not hold on 'deposited_on' ({deposited.isoformat()}): "
            f"{error.message} ({error.code})",
            code="visibility.document",
        ) from error
