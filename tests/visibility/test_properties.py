"""The invariants of DOMAIN.md §4.3 as hypothesis properties over viewers, documents and contexts.

Dates crowd around the 18th birthday (tests.strategies.situations_on) and around the end of the
INVISIBLE_PATIENT delay (tests.strategies.dmp_documents).
"""

from __future__ import annotations

import pickle
from datetime import date, timedelta

import attrs
import cattrs
from hypothesis import given
from hypothesis import strategies as st
from tests.strategies import access_contexts, birthday, dmp_documents, dmp_viewers, policies

from dmpcore.consent import LegalSituation, Party
from dmpcore.visibility import (
    AccessContext,
    Category,
    Credential,
    Document,
    Policy,
    Reason,
    Restriction,
    Viewer,
    ViewerKind,
    can_view,
    explain,
    invisible_patient_until,
    visible_documents,
)

_FORBIDDEN = {Category.INSURER, Category.EMPLOYER, Category.INSURANCE_MEDICAL_OFFICER}


@st.composite
def cases(draw: st.DrawFn, *, any_policy: bool = True) -> tuple[Viewer, Document, AccessContext]:
    context = draw(access_contexts(policy=policies() if any_policy else None))
    return draw(dmp_viewers()), draw(dmp_documents(context.on)), context


def _hidden_from_patient(document: Document, context: AccessContext) -> bool:
    if document.deposited_on > context.on:
        return True
    if Restriction.INVISIBLE_PATIENT not in document.restrictions:
        return False
    if document.lifted_on is not None and document.lifted_on <= context.on:
        return False
    return context.on <= invisible_patient_until(document.deposited_on, context.policy.invisible_patient_delay_months)


@given(cases())
def test_every_decision_has_reasons_from_the_closed_set(case: tuple[Viewer, Document, AccessContext]) -> None:
    """« Every decision has at least one reason from a closed set. » A denial has exactly one: the first rule."""
    decision = can_view(*case)
    assert decision.reasons
    assert all(isinstance(reason, Reason) for reason in decision.reasons)
    assert decision.allowed == all(reason.allows for reason in decision.reasons)
    assert decision.allowed or len(decision.reasons) == 1
    assert explain(decision, "fr")
    assert explain(decision, "en")
    assert decision.basis


@given(cases())
def test_forbidden_categories_see_nothing(case: tuple[Viewer, Document, AccessContext]) -> None:
    """« Insurers, mutuals, employers and insurance medical officers never access the DMP » (L1111-18)."""
    viewer, document, context = case
    if viewer.category in _FORBIDDEN:
        assert can_view(viewer, document, context).reasons == (Reason.FORBIDDEN_CATEGORY,)
        assert visible_documents(viewer, [document], context) == []


@given(cases(), st.sampled_from(list(Restriction)))
def test_adding_a_restriction_never_allows_more(
    case: tuple[Viewer, Document, AccessContext], extra: Restriction
) -> None:
    """« Adding a restriction never turns a denial into an allowance. »"""
    viewer, document, context = case
    restricted = attrs.evolve(document, restrictions=document.restrictions | {extra})
    if can_view(viewer, restricted, context).allowed:
        assert can_view(viewer, document, context).allowed


@given(cases())
def test_the_patient_sees_every_document_not_invisible_to_them(case: tuple[Viewer, Document, AccessContext]) -> None:
    """« The patient sees every document that is not INVISIBLE_PATIENT (within its delay). »"""
    _, document, context = case
    decision = can_view(Viewer.patient(), document, context)
    assert decision.allowed is not _hidden_from_patient(document, context)


@given(cases())
def test_representatives_never_see_invisible_rep_legaux(case: tuple[Viewer, Document, AccessContext]) -> None:
    """« Representatives never see INVISIBLE_REPRESENTANTS_LEGAUX »; and never more than the patient."""
    viewer, document, context = case
    if viewer.kind is not ViewerKind.REPRESENTATIVE:
        return
    decision = can_view(viewer, document, context)
    if Restriction.INVISIBLE_REPRESENTANTS_LEGAUX in document.restrictions:
        assert not decision.allowed
    if decision.allowed:
        assert can_view(Viewer.patient(), document, context).allowed
        assert viewer.party in context.portal_parties


@given(cases())
def test_a_cpe_never_consults(case: tuple[Viewer, Document, AccessContext]) -> None:
    """« A CPE never consults » (seed 000 §1.4.1.3)."""
    viewer, document, context = case
    if viewer.kind is ViewerKind.PROFESSIONAL and viewer.credential is Credential.CPE:
        assert not can_view(viewer, document, context).allowed


@given(cases())
def test_a_blocked_professional_never_consults(case: tuple[Viewer, Document, AccessContext]) -> None:
    """« A blocked professional never consults » (also when a CSA acts for them)."""
    viewer, document, context = case
    if viewer.kind is ViewerKind.PROFESSIONAL and viewer.identities & context.blocked:
        assert not can_view(viewer, document, context).allowed


@given(cases())
def test_masked_documents_only_for_author_and_treating_physician(
    case: tuple[Viewer, Document, AccessContext],
) -> None:
    """« MASQUE_PS: only the author and the médecin traitant see it », unless the emergency switch is on."""
    viewer, document, context = case
    masked = document.restrictions & {Restriction.MASQUE_PS, Restriction.MASQUE_PSOCIAL, Restriction.MASQUE_PT}
    if viewer.kind is not ViewerKind.PROFESSIONAL or not masked or not can_view(viewer, document, context):
        return
    privileged = document.author_id in viewer.identities or viewer.treating_physician
    assert privileged or context.policy.masked_visible_in_emergency


@given(cases(any_policy=False), policies())
def test_default_policy_is_fail_closed(case: tuple[Viewer, Document, AccessContext], relaxed: Policy) -> None:
    """Every switch defaults to the fail-closed choice: whatever the default allows, a relaxed policy allows."""
    viewer, document, context = case
    relaxed = attrs.evolve(
        relaxed,
        masked_visible_in_emergency=True,
        invisible_patient_delay_months=1,
        occupational_physician_access_from=date(2016, 7, 7),
        habilitations=Policy().habilitations,
    )
    if can_view(viewer, document, context).allowed:
        assert can_view(viewer, document, attrs.evolve(context, policy=relaxed)).allowed


@given(cases(), st.lists(st.integers(0, 2**16), max_size=6))
def test_visible_documents_is_can_view_in_batch(case: tuple[Viewer, Document, AccessContext], seeds: list[int]) -> None:
    """The batch path filters exactly as can_view, keeping the order."""
    viewer, document, context = case
    documents = [
        attrs.evolve(
            document,
            restrictions=frozenset(r for i, r in enumerate(Restriction) if seed >> i & 1),
            deposited_on=document.deposited_on + timedelta(days=seed % 5),
            lifted_on=None if document.lifted_on is None else document.lifted_on + timedelta(days=seed % 5),
        )
        for seed in seeds
    ] + [document]
    assert visible_documents(viewer, documents, context) == [d for d in documents if can_view(viewer, d, context)]


@given(st.dates(date(1998, 7, 10), date(2020, 1, 1)), st.integers(-3, 3))
def test_parents_lose_access_exactly_on_the_18th_birthday(birth: date, offset: int) -> None:
    """« Parents lose it at the child's 18th birthday » (rule 2, from the consent table)."""
    on = birthday(birth, 18) + timedelta(days=offset)
    context = AccessContext(situation=LegalSituation(birth), on=on)
    document = Document(deposited_on=on, author_id="8X")
    decision = can_view(Viewer.representative(Party.PARENTS), document, context)
    assert decision.allowed is (offset < 0)
    assert can_view(Viewer.patient(), document, context).allowed


@given(st.dates(date(2016, 7, 7), date(2039, 1, 1)), st.sampled_from([1, 2, 3]))
def test_invisible_patient_until_counts_calendar_months(deposited: date, months: int) -> None:
    """CPC 641: the delay ends on the day with the same number, or on the month's last day."""
    until = invisible_patient_until(deposited, months)
    assert 28 * months <= (until - deposited).days <= 31 * months
    assert until.day == deposited.day or (until + timedelta(days=1)).day == 1


@given(st.dates(date(2016, 7, 7), date(2039, 1, 1)), st.integers(-2, 2))
def test_invisible_patient_ends_after_its_delay(deposited: date, offset: int) -> None:
    """« Hidden until lifted, and at the latest one month after deposit » (R1111-53): the boundary, to the day."""
    until = invisible_patient_until(deposited)
    assert 28 <= (until - deposited).days <= 31
    on = until + timedelta(days=offset)
    context = AccessContext(situation=LegalSituation(date(1950, 1, 1)), on=on)
    document = Document(deposited_on=deposited, restrictions={Restriction.INVISIBLE_PATIENT}, author_id="8X")
    decision = can_view(Viewer.patient(), document, context)
    assert decision.allowed is (offset > 0)
    if decision.allowed:
        assert decision.reasons == (Reason.PATIENT, Reason.INVISIBLE_PATIENT_DELAY_OVER)


_CONVERTER = cattrs.Converter()
_CONVERTER.register_unstructure_hook(date, date.isoformat)
_CONVERTER.register_structure_hook(date, lambda value, _: date.fromisoformat(value))


@given(cases())
def test_inputs_round_trip_through_cattrs_and_pickle(case: tuple[Viewer, Document, AccessContext]) -> None:
    """Viewers, documents and contexts serialize at the edges (cattrs, pickle) and decide the same after."""
    viewer, document, context = case
    for value in case:
        assert _CONVERTER.structure(_CONVERTER.unstructure(value), type(value)) == value
        assert pickle.loads(pickle.dumps(value)) == value
    again = _CONVERTER.structure(_CONVERTER.unstructure(context), AccessContext)
    assert can_view(viewer, document, again) == can_view(viewer, document, context)
