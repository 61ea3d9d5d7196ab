"""Who may view a document (DOMAIN.md §4.3): the rules in order, the first that denies decides.

1. Insurers, mutuals, employers and insurance medical officers never access the DMP (CSP L1111-18); the
   occupational physician only from the policy date with the worker's express consent (L1111-17 IV); a
   medico-social professional needs an RPPS+ role GENR08..GENR12, valid from 2022-02-25 (TRE_R22).
2. A representative views only while the consent table gives their party PORTAL_ACCESS on that date.
3. Patient side: INVISIBLE_PATIENT hides until lifted or its delay is over (R1111-53);
   INVISIBLE_REPRESENTANTS_LEGAUX hides from representatives (L1111-5); MASQUE_PS does not apply.
4. Professionals consult with CPS, e-CPS, or a CSA acting for an identified professional; never a CPE.
5. A professional the patient blocked sees nothing.
6. Normal mode needs authorisation (the médecin traitant counts as authorised); bris de glace and régulation
   need no opposition of the patient (L1111-17).
7. Masked documents: only the author and the médecin traitant (emergency modes: policy, hidden by default).
8. The habilitation matrix (arrêté du 26 octobre 2023) by role and document type.

Viewer-level rules (1, 2, 4, 5, 6) are evaluated once per viewer and context; then each document is checked
(deposit date, 3, 7, 8): :func:`visible_documents` filters a batch that way.
"""

from __future__ import annotations

import calendar
from collections.abc import Callable, Iterable
from datetime import date, datetime
from functools import lru_cache
from typing import Final

import attrs

from dmpcore.consent import Act, LegalSituation, Party, decide
from dmpcore.visibility._errors import InvalidAccessInput
from dmpcore.visibility._inputs import items_of, str_set
from dmpcore.visibility._model import Category, Credential, Document, Mode, Viewer, ViewerKind
from dmpcore.visibility._policy import Policy
from dmpcore.visibility._reasons import Reason
from dmpcore.visibility._restrictions import PROFESSIONAL_MASKS, Restriction
from dmpcore.visibility._roles import MEDICO_SOCIAL_ROLES

__all__ = [
    "MODEL_START",
    "AccessContext",
    "AccessDecision",
    "can_view",
    "deposited_before_birth",
    "explain",
    "invisible_patient_until",
    "visible_documents",
]

#: décret 2016-914: the first day the rules of dmpcore cover (as dmpcore.consent)
MODEL_START: Final = date(2016, 7, 7)

_FORBIDDEN: Final = frozenset({Category.INSURER, Category.EMPLOYER, Category.INSURANCE_MEDICAL_OFFICER})
_EMERGENCY: Final = frozenset({Mode.BRIS_DE_GLACE, Mode.REGULATION})


def _decision_bool(instance: object, attribute: attrs.Attribute[bool], value: bool) -> None:
    if not isinstance(value, bool):
        raise InvalidAccessInput(f"'allowed' must be a bool, got {value!r:.20}", code="visibility.decision")


def _reason_tuple(value: Iterable[Reason]) -> tuple[Reason, ...]:
    # reasons are ordered (the rule that denied, or those that granted): a tuple, or a list made one
    if isinstance(value, tuple):
        return value
    if isinstance(value, list):
        return tuple(value)
    raise InvalidAccessInput(
        f"'reasons' must be a tuple (or list) of Reason, got {type(value).__name__}", code="visibility.decision"
    )


@attrs.frozen(kw_only=True)
class AccessDecision:
    """The outcome of :func:`can_view`: ``allowed`` and the ``reasons`` (at least one, from :class:`Reason`).

    ``bool(decision)`` is ``decision.allowed``. A denial carries the one reason that denied; an allowance the
    reasons that granted it.
    """

    allowed: bool = attrs.field(validator=_decision_bool)
    reasons: tuple[Reason, ...] = attrs.field(converter=_reason_tuple)

    def __attrs_post_init__(self) -> None:
        if not self.reasons or any(not isinstance(r, Reason) for r in self.reasons):
            raise InvalidAccessInput("a decision needs at least one Reason", code="visibility.decision")
        if self.allowed != all(r.allows for r in self.reasons):
            raise InvalidAccessInput("an allowance has only allowing reasons", code="visibility.decision")

    def __bool__(self) -> bool:
        return self.allowed

    @property
    def basis(self) -> tuple[str, ...]:
        """The legal references of the reasons, in order, without repeats."""
        return tuple(dict.fromkeys(ref for reason in self.reasons for ref in reason.basis))


_DECISIONS: dict[tuple[Reason, ...], AccessDecision] = {}


def _decision(*reasons: Reason) -> AccessDecision:
    # Decisions are values: one shared instance per tuple of reasons, built on first use.
    found = _DECISIONS.get(reasons)
    if found is None:
        found = _DECISIONS[reasons] = AccessDecision(allowed=reasons[0].allows, reasons=reasons)
    return found


def _ids(value: Iterable[str]) -> frozenset[str]:
    return str_set(value, name="blocked", noun="professional ids", code="visibility.context")


def _check_bool(instance: object, attribute: attrs.Attribute[bool], value: bool) -> None:
    if not isinstance(value, bool):
        raise InvalidAccessInput(f"'{attribute.name}' must be a bool, got {value!r:.20}", code="visibility.context")


@attrs.frozen(kw_only=True)
class AccessContext:
    """The patient's side of an access: their legal situation, the date, their blocks, oppositions and policy.

    Keyword arguments only: ``AccessContext(situation=..., on=...)``.

    ``blocked`` holds the professional ids the patient blocked; ``opposed_bris_de_glace`` and
    ``opposed_regulation`` are the patient's two separate, prior oppositions (CSP L1111-17). A date before
    2016-07-07 raises :class:`InvalidAccessInput`; a date before the birth date, or on which the situation
    contradicts itself, the consent engine's :class:`~dmpcore.errors.InvalidSituation` (both are ``InputError``).
    """

    situation: LegalSituation
    on: date
    blocked: frozenset[str] = attrs.field(default=frozenset(), converter=_ids)
    opposed_bris_de_glace: bool = attrs.field(default=False, validator=_check_bool)
    opposed_regulation: bool = attrs.field(default=False, validator=_check_bool)
    policy: Policy = attrs.field(default=Policy())
    #: the parties holding PORTAL_ACCESS on ``on``, read once from the consent table
    portal_parties: frozenset[Party] = attrs.field(init=False, eq=False, hash=False, repr=False)

    def __attrs_post_init__(self) -> None:
        if not isinstance(self.situation, LegalSituation):
            raise InvalidAccessInput(
                f"'situation' must be a LegalSituation, got {type(self.situation).__name__}", code="visibility.context"
            )
        if not isinstance(self.on, date) or isinstance(self.on, datetime):
            raise InvalidAccessInput(f"'on' must be a date, got {type(self.on).__name__}", code="visibility.context")
        if self.on < MODEL_START:
            raise InvalidAccessInput(
                f"the evaluation date {self.on.isoformat()} is before {MODEL_START.isoformat()} (décret 2016-914): "
                "outside the model",
                code="visibility.date_before_model",
            )
        if not isinstance(self.policy, Policy):
            raise InvalidAccessInput(
                f"'policy' must be a Policy, got {type(self.policy).__name__}", code="visibility.context"
            )
        parties = decide(self.situation, Act.PORTAL_ACCESS, on=self.on).deciders
        object.__setattr__(self, "portal_parties", parties)


def invisible_patient_until(deposited_on: date, months: int = 1) -> date:
    """The last day an INVISIBLE_PATIENT document stays hidden from the patient if no professional lifts it.

    The delay runs *months* calendar months from the deposit (CSP R1111-53: one month at most), counted as the
    CPC 641 counts months: it ends on the day with the same number, or the month's last day when there is none.
    The whole of that day is inside the delay (fail closed); the patient sees the document the next day.

    >>> invisible_patient_until(date(2025, 2, 1)), invisible_patient_until(date(2025, 1, 31))
    (datetime.date(2025, 3, 1), datetime.date(2025, 2, 28))
    """
    if not isinstance(deposited_on, date):
        raise InvalidAccessInput(
            f"'deposited_on' must be a date, got {type(deposited_on).__name__}", code="visibility.document"
        )
    if months.__class__ is not int or months < 1:
        raise InvalidAccessInput(f"'months' must be an int from 1, got {months!r:.20}", code="visibility.policy")
    return _until(deposited_on.date() if isinstance(deposited_on, datetime) else deposited_on, months)


@lru_cache(maxsize=4096)
def _until(deposited_on: date, months: int) -> date:
    # the hot path of the patient side calls this cached function with checked values
    month_index = deposited_on.month - 1 + months
    year, month = deposited_on.year + month_index // 12, month_index % 12 + 1
    if year > date.max.year:
        return date.max
    return date(year, month, min(deposited_on.day, calendar.monthrange(year, month)[1]))


_Check = Callable[[Document], AccessDecision]


def deposited_before_birth(deposited_on: date) -> InvalidAccessInput:
    """The error for a document dated before the patient's birth: no DMP holds one (dmpcore's choice, in
    docs/visibility.md). The message names the deposit date, never the birth date."""
    return InvalidAccessInput(
        f"'deposited_on' ({deposited_on.isoformat()}) is before the patient's birth date: a DMP holds the "
        "documents of a born person, so this one is misdated or in another person's DMP",
        code="visibility.document",
    )


def can_view(viewer: Viewer, document: Document, context: AccessContext) -> AccessDecision:
    """Whether *viewer* may see *document* in *context*, with the reasons (DOMAIN.md §4.3).

    >>> from dmpcore.consent import LegalSituation, Party
    >>> ctx = AccessContext(situation=LegalSituation(birth_date=date(2010, 6, 1)), on=date(2025, 3, 1))
    >>> doc = Document(deposited_on=date(2025, 2, 1), author_id="810001234567",
    ...                restrictions=frozenset({Restriction.INVISIBLE_REPRESENTANTS_LEGAUX}))
    >>> can_view(Viewer.representative(Party.PARENTS), doc, ctx)
    AccessDecision(allowed=False, reasons=(<Reason.INVISIBLE_TO_REPRESENTATIVES: 'invisible_to_representatives'>,))
    >>> bool(can_view(Viewer.patient(), doc, ctx))
    True
    """
    if document.__class__ is not Document and not isinstance(document, Document):
        raise _not_a_document(document)
    gate = _gate(viewer, context)
    return gate if gate.__class__ is AccessDecision else gate(document)  # type: ignore[operator]


def visible_documents(viewer: Viewer, documents: Iterable[Document], context: AccessContext) -> list[Document]:
    """The documents *viewer* may see, in their order: the batch path (viewer rules evaluated once).

    >>> from dmpcore.consent import LegalSituation
    >>> ctx = AccessContext(situation=LegalSituation(birth_date=date(1950, 6, 1)), on=date(2025, 3, 1))
    >>> docs = [Document(deposited_on=date(2025, 2, 1), author_id="810001234567"),
    ...         Document(deposited_on=date(2025, 2, 1), author_id="810001234567", restrictions={"MASQUE_PS"})]
    >>> len(visible_documents(Viewer.professional("810009999999", authorized=True), docs, ctx))
    1
    """
    given = items_of(documents, name="documents", noun="Document", code="visibility.document")
    for document in given:
        if document.__class__ is not Document and not isinstance(document, Document):
            raise _not_a_document(document)
    gate = _gate(viewer, context)
    if gate.__class__ is AccessDecision:
        return []
    check: _Check = gate  # type: ignore[assignment]
    return [document for document in given if check(document).allowed]  # type: ignore[misc, arg-type]


def _not_a_document(value: object) -> InvalidAccessInput:
    return InvalidAccessInput(f"expected a Document, got {type(value).__name__}", code="visibility.document")


def _gate(viewer: Viewer, context: AccessContext) -> AccessDecision | _Check:
    """The viewer-level rules: a denial, or the function that checks one document."""
    if not isinstance(context, AccessContext):
        raise InvalidAccessInput(f"'context' must be an AccessContext, got {type(context).__name__}")
    kind = viewer.kind if isinstance(viewer, Viewer) else None
    if kind is ViewerKind.PROFESSIONAL:
        return _professional_gate(viewer, context)
    if kind is ViewerKind.PATIENT:
        return _patient_side(Reason.PATIENT, False, context)
    if kind is ViewerKind.REPRESENTATIVE:
        # Rule 2: the consent table's PORTAL_ACCESS on that date (parents lose it at 18, a curator never has it).
        if viewer.party not in context.portal_parties:
            return _decision(Reason.NO_PORTAL_ACCESS)
        return _patient_side(Reason.REPRESENTATIVE, True, context)
    raise InvalidAccessInput(f"'viewer' must be a Viewer, got {type(viewer).__name__}")


def _patient_side(base: Reason, representative: bool, context: AccessContext) -> _Check:
    on, born = context.on, context.situation.birth_date
    months = context.policy.invisible_patient_delay_months
    allowed = _decision(base)

    def check(document: Document) -> AccessDecision:
        deposited = document.deposited_on
        if deposited > on:
            return _decision(Reason.NOT_YET_DEPOSITED)
        if deposited < born:
            raise deposited_before_birth(deposited)
        restrictions = document.restrictions
        if not restrictions:
            return allowed
        extra: tuple[Reason, ...] = ()
        # Rule 3: INVISIBLE_PATIENT hides from the patient and the representatives until lifted or expired.
        if Restriction.INVISIBLE_PATIENT in restrictions:
            lifted = document.lifted_on
            if lifted is not None and lifted <= on:
                extra = (Reason.INVISIBLE_PATIENT_LIFTED,)
            elif on > _until(document.deposited_on, months):
                extra = (Reason.INVISIBLE_PATIENT_DELAY_OVER,)
            else:
                return _decision(Reason.INVISIBLE_TO_PATIENT)
        if representative and Restriction.INVISIBLE_REPRESENTANTS_LEGAUX in restrictions:
            return _decision(Reason.INVISIBLE_TO_REPRESENTATIVES)
        return _decision(base, *extra) if extra else allowed

    return check


def _category_denial(viewer: Viewer, context: AccessContext) -> Reason | None:
    """Rule 1: who may never, not yet or not without consent access the DMP."""
    category = viewer.category
    if category is Category.HEALTH_PROFESSIONAL:
        return None
    if category in _FORBIDDEN:
        return Reason.FORBIDDEN_CATEGORY
    if category is Category.OCCUPATIONAL_PHYSICIAN:
        start = context.policy.occupational_physician_access_from
        if start is None or context.on < start:
            return Reason.OCCUPATIONAL_PHYSICIAN_EXCLUDED
        return None if viewer.express_consent else Reason.OCCUPATIONAL_PHYSICIAN_NO_CONSENT
    # MEDICO_SOCIAL: only with one of the five RPPS+ roles, from the day TRE_R22 makes it valid
    role = MEDICO_SOCIAL_ROLES.get(viewer.role) if viewer.role is not None else None
    if role is None:
        return Reason.MEDICO_SOCIAL_ROLE_REQUIRED
    return Reason.MEDICO_SOCIAL_ROLE_NOT_YET_VALID if context.on < role.valid_from else None


def _mode_reason(viewer: Viewer, context: AccessContext) -> Reason:
    """Rule 6: the reason the mode grants access, or the reason it denies."""
    mode = viewer.mode
    if mode is Mode.NORMAL:
        if viewer.category is Category.OCCUPATIONAL_PHYSICIAN:
            return Reason.OCCUPATIONAL_PHYSICIAN_CONSENT  # rule 1 checked the express consent
        if viewer.treating_physician:
            return Reason.TREATING_PHYSICIAN
        return Reason.AUTHORISED if viewer.authorized else Reason.NOT_AUTHORISED
    if viewer.category is not Category.HEALTH_PROFESSIONAL:
        return Reason.EMERGENCY_MODE_NOT_FOR_CATEGORY
    if mode is Mode.BRIS_DE_GLACE:
        return Reason.BRIS_DE_GLACE_OPPOSED if context.opposed_bris_de_glace else Reason.BRIS_DE_GLACE
    if not viewer.regulator:
        return Reason.NOT_A_REGULATOR
    return Reason.REGULATION_OPPOSED if context.opposed_regulation else Reason.REGULATION


def _professional_gate(viewer: Viewer, context: AccessContext) -> AccessDecision | _Check:
    denial = _category_denial(viewer, context)
    if denial is not None:
        return _decision(denial)
    # Rule 4: CPS or e-CPS; a CSA only for an identified professional; a CPE never consults.
    if viewer.credential is Credential.CPE:
        return _decision(Reason.CPE_CANNOT_CONSULT)
    nominative = viewer.nominative_id
    if nominative is None:  # a CSA acting for nobody
        return _decision(Reason.CSA_WITHOUT_PROFESSIONAL)
    # Rule 5: blocked by the patient (the professional, or the structure or the professional of a CSA).
    if viewer.identities & context.blocked:
        return _decision(Reason.BLOCKED)
    granted = _mode_reason(viewer, context)
    if not granted.allows:
        return _decision(granted)
    return _document_check(viewer, granted, nominative, context)


def _document_check(viewer: Viewer, granted: Reason, nominative: str, context: AccessContext) -> _Check:
    on, born = context.on, context.situation.birth_date
    policy = context.policy
    treating = viewer.treating_physician
    emergency = viewer.mode in _EMERGENCY
    role = viewer.role
    matrix = policy.habilitations
    allowed = _decision(granted)
    masked_for_treating = (
        allowed if granted is Reason.TREATING_PHYSICIAN else _decision(granted, Reason.TREATING_PHYSICIAN)
    )

    def check(document: Document) -> AccessDecision:
        deposited = document.deposited_on
        if deposited > on:
            return _decision(Reason.NOT_YET_DEPOSITED)
        if deposited < born:
            raise deposited_before_birth(deposited)
        reasons = allowed
        # Rule 7: masked documents (MASQUE_PS, and MASQUE_PSOCIAL / MASQUE_PT treated alike).
        if not PROFESSIONAL_MASKS.isdisjoint(document.restrictions):
            # L1111-15: the author is a person; a CSA deposit is signed by the structure (seed 000 §1.4.2.1),
            # so only the nominative professional is compared, never the structure's id.
            if document.author_id == nominative:
                reasons = _decision(granted, Reason.AUTHOR)
            elif treating:
                # the médecin traitant sees the whole record (L1111-16), in every mode
                reasons = masked_for_treating
            elif not emergency:
                return _decision(Reason.MASKED)
            elif policy.masked_visible_in_emergency:
                reasons = _decision(granted, Reason.MASKED_VISIBLE_IN_EMERGENCY)
            else:
                return _decision(Reason.MASKED_IN_EMERGENCY)
        # Rule 8: the matrice d'habilitation, by role and document type.
        if not matrix.allows(role, document.type_code):
            return _decision(Reason.NOT_HABILITATED)
        return reasons

    return check


def explain(decision: AccessDecision, lang: str = "fr") -> str:
    """The decision in plain sentences for a user interface (``lang``: ``"fr"`` or ``"en"``).

    >>> explain(AccessDecision(allowed=False, reasons=(Reason.CPE_CANNOT_CONSULT,)), "en")
    'Refused: A CPE card may create and feed a DMP, never consult it.'
    >>> explain(AccessDecision(allowed=True, reasons=(Reason.TREATING_PHYSICIAN,)))
    "Autorisé : Le médecin traitant accède à l'ensemble du dossier."
    """
    if not isinstance(decision, AccessDecision):
        raise InvalidAccessInput(f"expected an AccessDecision, got {type(decision).__name__}")
    sentences = " ".join(reason.text(lang) for reason in decision.reasons)
    if lang == "fr":
        return f"{'Autorisé' if decision.allowed else 'Refusé'} : {sentences}"
    return f"{'Allowed' if decision.allowed else 'Refused'}: {sentences}"
