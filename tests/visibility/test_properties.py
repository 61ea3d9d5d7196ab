"""The invariants of DOMAIN.md §4.3 as hypothesis properties over viewers, documents and contexts.

Dates crowd around the 18th birthday (tests.strategies.situations_on) and around the end of the
INVISIBLE_PATIENT delay (tests.strategies.dmp_documents).
"""

from __future__ import annotations

import pickle
from collections.abc import Callable
from datetime import date, timedelta

import attrs
import cattrs
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st
from tests.strategies import (
    STRUCTURE_ID,
    access_contexts,
    admitted_professionals,
    birthday,
    dmp_documents,
    dmp_viewers,
    policies,
)

from dmpcore.consent import LegalSituation, Party
from dmpcore.visibility import (
    AccessContext,
    Category,
    Credential,
    Document,
    Mode,
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
_MASKS = frozenset({Restriction.MASQUE_PS, Restriction.MASQUE_PSOCIAL, Restriction.MASQUE_PT})
_EMERGENCY = frozenset({Mode.BRIS_DE_GLACE, Mode.REGULATION})
#: the denials that only a document can cause, once the viewer's own rules let them through
_DOCUMENT_DENIALS = frozenset(
    {Reason.NOT_YET_DEPOSITED, Reason.MASKED, Reason.MASKED_IN_EMERGENCY, Reason.NOT_HABILITATED}
)

Case = tuple[Viewer, Document, AccessContext]


@st.composite
def cases(draw: st.DrawFn, *, any_policy: bool = True) -> Case:
    """Any viewer, any document, any context: most professionals are denied by their own rules."""
    context = draw(access_contexts(policy=policies() if any_policy else None))
    return draw(dmp_viewers()), draw(dmp_documents(context.on, born=context.situation.birth_date)), context


@st.composite
def represented_cases(
    draw: st.DrawFn, *, including: st.SearchStrategy[Restriction] | None = None, any_policy: bool = True
) -> Case:
    """A representative who holds PORTAL_ACCESS on the date (rule 2 lets them through), often of a minor."""
    context = draw(access_contexts(policy=policies() if any_policy else None, represented=True))
    parties = sorted(context.portal_parties - {Party.PATIENT}, key=lambda party: party.value)
    assume(parties)
    viewer = Viewer.representative(draw(st.sampled_from(parties)))
    return viewer, draw(dmp_documents(context.on, including=including, born=context.situation.birth_date)), context


@st.composite
def admitted_cases(
    draw: st.DrawFn, *, including: st.SearchStrategy[Restriction] | None = None, any_policy: bool = True
) -> Case:
    """A professional that passes every viewer-level rule: only the document decides.

    The document's author is often the viewer (its nominative professional) or the CSA's structure.
    """
    context = draw(access_contexts(policy=policies() if any_policy else None))
    viewer = draw(admitted_professionals(context))
    document = draw(dmp_documents(context.on, including=including, born=context.situation.birth_date))
    author = draw(st.sampled_from([_nominative(viewer), STRUCTURE_ID, None, document.author_id]))
    return viewer, attrs.evolve(document, author_id=author), context


def any_cases(*, any_policy: bool = True) -> st.SearchStrategy[Case]:
    """Any case, with the viewers that reach the document rules drawn as often as the others."""
    return st.one_of(
        cases(any_policy=any_policy), admitted_cases(any_policy=any_policy), represented_cases(any_policy=any_policy)
    )


def _nominative(viewer: Viewer) -> str | None:
    """Who the author check compares: the professional a CSA acts for, else the viewer's own id."""
    return viewer.on_behalf_of if viewer.credential is Credential.CSA else viewer.professional_id


def _hidden_from_patient(document: Document, context: AccessContext) -> bool:
    if document.deposited_on > context.on:
        return True
    if Restriction.INVISIBLE_PATIENT not in document.restrictions:
        return False
    if document.lifted_on is not None and document.lifted_on <= context.on:
        return False
    return context.on <= invisible_patient_until(document.deposited_on, context.policy.invisible_patient_delay_months)


@given(cases())
def test_every_decision_has_reasons_from_the_closed_set(case: Case) -> None:
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
def test_forbidden_categories_see_nothing(case: Case) -> None:
    """« Insurers, mutuals, employers and insurance medical officers never access the DMP » (L1111-18)."""
    viewer, document, context = case
    if viewer.category in _FORBIDDEN:
        assert can_view(viewer, document, context).reasons == (Reason.FORBIDDEN_CATEGORY,)
        assert visible_documents(viewer, [document], context) == []


@given(admitted_cases(), st.sampled_from(sorted(_FORBIDDEN, key=lambda c: c.value)))
def test_a_forbidden_category_is_denied_whatever_else_holds(case: Case, category: Category) -> None:
    """The same, from a professional that every other rule lets through: the category alone denies (rule 1)."""
    viewer, document, context = case
    forbidden = attrs.evolve(viewer, category=category, treating_physician=False, regulator=False)
    assert can_view(forbidden, document, context).reasons == (Reason.FORBIDDEN_CATEGORY,)


#: every set of restrictions, and for each the sets with one restriction less
_SUBSETS = [frozenset(r for i, r in enumerate(Restriction) if bits >> i & 1) for bits in range(2 ** len(Restriction))]


_KINDS: dict[str, Callable[[], st.SearchStrategy[Case]]] = {
    "any viewer": cases,
    "admitted professional": admitted_cases,
    "representative with portal access": represented_cases,
}


@pytest.mark.parametrize("kind", list(_KINDS))
# a broken monotonicity hides in rare conjunctions (treating physician x restrictive matrix, a document not yet
# deposited x an admitted professional): three times the profile's examples (a run is fast, about 160 calls)
@settings(max_examples=3 * settings.default.max_examples)
@given(data=st.data())
def test_adding_a_restriction_never_allows_more(kind: str, data: st.DataObject) -> None:
    """« Adding a restriction never turns a denial into an allowance. »

    Checked over every set of restrictions the drawn document could carry (each set against the same set with
    one restriction more), for any viewer and, each with their own examples, for the viewers that reach the
    document rules: admitted professionals and representatives with portal access.
    """
    viewer, document, context = data.draw(_KINDS[kind]())
    allowed = {
        restrictions: can_view(viewer, attrs.evolve(document, restrictions=restrictions), context).allowed
        for restrictions in _SUBSETS
    }
    for restrictions, visible in allowed.items():
        for extra in Restriction:
            if allowed[restrictions | {extra}]:
                assert visible, (restrictions, extra)


@given(cases())
def test_the_patient_sees_every_document_not_invisible_to_them(case: Case) -> None:
    """« The patient sees every document that is not INVISIBLE_PATIENT (within its delay). »"""
    _, document, context = case
    decision = can_view(Viewer.patient(), document, context)
    assert decision.allowed is not _hidden_from_patient(document, context)


@given(represented_cases(including=st.just(Restriction.INVISIBLE_REPRESENTANTS_LEGAUX)))
def test_representatives_never_see_invisible_rep_legaux(case: Case) -> None:
    """« Representatives never see INVISIBLE_REPRESENTANTS_LEGAUX » (L1111-5).

    The representative holds PORTAL_ACCESS and the document carries the restriction: whenever the patient
    sees it, this very rule is what hides it from them.
    """
    viewer, document, context = case
    decision = can_view(viewer, document, context)
    assert not decision.allowed
    if can_view(Viewer.patient(), document, context).allowed:
        assert decision.reasons == (Reason.INVISIBLE_TO_REPRESENTATIVES,)


@given(st.one_of(cases(), represented_cases()))
def test_representatives_never_see_more_than_the_patient(case: Case) -> None:
    """A representative sees a document only with PORTAL_ACCESS, only if the patient does, never one kept secret."""
    viewer, document, context = case
    if viewer.kind is not ViewerKind.REPRESENTATIVE or not can_view(viewer, document, context):
        return
    assert viewer.party in context.portal_parties
    assert can_view(Viewer.patient(), document, context).allowed
    assert Restriction.INVISIBLE_REPRESENTANTS_LEGAUX not in document.restrictions


@given(cases())
def test_a_cpe_never_consults(case: Case) -> None:
    """« A CPE never consults » (seed 000 §1.4.1.3)."""
    viewer, document, context = case
    if viewer.kind is ViewerKind.PROFESSIONAL and viewer.credential is Credential.CPE:
        assert not can_view(viewer, document, context).allowed


@given(admitted_cases())
def test_a_cpe_is_denied_whatever_else_holds(case: Case) -> None:
    """The same, from a professional that every other rule lets through: their card, were it a CPE, denies."""
    viewer, document, context = case
    cpe = attrs.evolve(viewer, credential=Credential.CPE, professional_id=_nominative(viewer), on_behalf_of=None)
    assert can_view(cpe, document, context).reasons == (Reason.CPE_CANNOT_CONSULT,)


@given(admitted_cases(), st.booleans())
def test_a_blocked_professional_never_consults(case: Case, first: bool) -> None:
    """« A blocked professional never consults »: blocking any id of a viewer otherwise let through denies it
    (the professional, or for a CSA the structure or the professional it acts for), in every mode."""
    viewer, document, context = case
    ids = sorted(viewer.identities)
    blocked = attrs.evolve(context, blocked=context.blocked | {ids[0] if first else ids[-1]})
    assert can_view(viewer, document, blocked).reasons == (Reason.BLOCKED,)


@given(admitted_cases())
def test_admitted_professionals_reach_the_document_rules(case: Case) -> None:
    """The strategy's promise: such a professional is denied, if at all, by the document only."""
    decision = can_view(*case)
    assert decision.allowed or decision.reasons[0] in _DOCUMENT_DENIALS


_WHO = ["author", "structure-author", "treating", "other"]


@st.composite
def masked_cases(draw: st.DrawFn, who: str) -> Case:
    """A masked document and an admitted professional who is its author, a CSA of the structure that
    deposited it, the médecin traitant, or anyone else."""
    viewer, document, context = draw(admitted_cases(including=st.sampled_from(sorted(_MASKS, key=str))))
    nominative = _nominative(viewer)
    others = [None, "810000000099"]  # never the viewer
    if who == "author":
        others = [nominative]
    elif who == "structure-author":
        viewer = attrs.evolve(
            viewer,
            credential=Credential.CSA,
            professional_id=STRUCTURE_ID,
            on_behalf_of=nominative,
            treating_physician=False,
            authorized=True,
        )
        context = attrs.evolve(context, blocked=context.blocked - {STRUCTURE_ID})
        others = [STRUCTURE_ID]
    elif who == "treating":
        # the médecin traitant sees the whole record in every mode: draw the emergency modes often
        mode = draw(st.sampled_from([Mode.BRIS_DE_GLACE, Mode.REGULATION, Mode.NORMAL]))
        viewer = attrs.evolve(
            viewer,
            category=Category.HEALTH_PROFESSIONAL,
            treating_physician=True,
            mode=mode,
            regulator=viewer.regulator or mode is Mode.REGULATION,
            express_consent=False,
        )
        context = attrs.evolve(context, opposed_bris_de_glace=False, opposed_regulation=False)
    else:
        viewer = attrs.evolve(viewer, treating_physician=False, authorized=True)
    return viewer, attrs.evolve(document, author_id=draw(st.sampled_from(others))), context


@pytest.mark.parametrize("who", _WHO)
@given(data=st.data())
def test_masked_documents_only_for_author_and_treating_physician(who: str, data: st.DataObject) -> None:
    """« MASQUE_PS: only the author and the médecin traitant see it » (rule 7); MASQUE_PSOCIAL, MASQUE_PT alike.

    Emergency modes see a masked document only when the policy switch opens them; the author is the
    nominative professional (for a CSA, the one it acts for), never the structure that signed the deposit.
    """
    viewer, document, context = data.draw(masked_cases(who))
    privileged = who in {"author", "treating"}
    opened = context.policy.masked_visible_in_emergency and viewer.mode in _EMERGENCY
    shown = document.deposited_on <= context.on and context.policy.habilitations.allows(viewer.role, document.type_code)
    decision = can_view(viewer, document, context)
    assert decision.allowed is (shown and (privileged or opened))
    if decision.allowed and not privileged:
        assert Reason.MASKED_VISIBLE_IN_EMERGENCY in decision.reasons


@given(any_cases(any_policy=False), policies())
def test_default_policy_is_fail_closed(case: Case, relaxed: Policy) -> None:
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


@given(any_cases())
def test_a_lift_date_matters_only_for_invisible_patient(case: Case) -> None:
    """docs/visibility.md: ``lifted_on`` on a document without INVISIBLE_PATIENT (one whose code the DMP removed
    when a professional lifted it) changes no decision: it never unmasks a masked document nor shows one
    hidden from the representatives."""
    viewer, document, context = case
    plain = attrs.evolve(document, restrictions=document.restrictions - {Restriction.INVISIBLE_PATIENT}, lifted_on=None)
    expected = can_view(viewer, plain, context)
    for lifted in {plain.deposited_on, max(plain.deposited_on, context.on)}:
        assert can_view(viewer, attrs.evolve(plain, lifted_on=lifted), context) == expected


@given(cases(), st.lists(st.integers(0, 2**16), max_size=6))
def test_visible_documents_is_can_view_in_batch(case: Case, seeds: list[int]) -> None:
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
def test_inputs_round_trip_through_cattrs_and_pickle(case: Case) -> None:
    """Viewers, documents and contexts serialize at the edges (cattrs, pickle) and decide the same after."""
    viewer, document, context = case
    for value in case:
        assert _CONVERTER.structure(_CONVERTER.unstructure(value), type(value)) == value
        assert pickle.loads(pickle.dumps(value)) == value
    again = _CONVERTER.structure(_CONVERTER.unstructure(context), AccessContext)
    assert can_view(viewer, document, again) == can_view(viewer, document, context)
