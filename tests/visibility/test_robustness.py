"""Junk fed to every constructor and function of dmpcore.visibility raises an InputError, never anything else.

As python-stdnum's robustness test: whatever a caller passes (None, numbers, bytes, nested lists, objects,
dates where ids are expected...), the answer is a result or an :class:`~dmpcore.errors.InputError` (a
``ValueError`` with a machine-readable ``code``), never a ``TypeError`` or ``AttributeError`` from inside.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from dmpcore.consent import LegalSituation, Party
from dmpcore.errors import InputError
from dmpcore.visibility import (
    AccessContext,
    AccessDecision,
    Category,
    Credential,
    DepositProblem,
    Document,
    HabilitationMatrix,
    Mode,
    Policy,
    Reason,
    Restriction,
    Viewer,
    ViewerKind,
    can_view,
    check_deposit,
    confidentiality_codes,
    explain,
    invisible_patient_until,
    parse_confidentiality_codes,
    visible_documents,
)

ON = date(2025, 3, 1)
SITUATION = LegalSituation(date(2010, 6, 1))
CONTEXT = AccessContext(situation=SITUATION, on=ON)
DOCUMENT = Document(deposited_on=date(2025, 2, 1), author_id="810001234567")
VIEWER = Viewer.professional("810009999999", authorized=True)
DECISION = can_view(VIEWER, DOCUMENT, CONTEXT)

_SCALARS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-(2**70), 2**70),
    st.floats(allow_nan=True),
    st.text(max_size=6),
    st.binary(max_size=4),
    st.dates(),
    st.datetimes(),
    st.sampled_from([*Restriction, *Party, *Mode, *Credential, *Category, *ViewerKind, *Reason]),
    st.sampled_from([object(), Restriction, Ellipsis, float("inf"), "", " ", "INVISIBLE_REP_LEGAUX", "N"]),
)
#: anything a caller might pass: scalars, containers of them (hashable or not), nested containers
JUNK = st.recursive(
    _SCALARS,
    lambda inner: st.one_of(
        st.lists(inner, max_size=3),
        st.tuples(inner, inner),
        st.frozensets(_SCALARS, max_size=3),
        st.dictionaries(st.text(max_size=3), inner, max_size=2),
    ),
    max_leaves=6,
)

_VALID: dict[str, dict[str, Any]] = {
    "document": {"deposited_on": date(2025, 2, 1), "restrictions": frozenset(), "author_id": "8X"},
    "context": {"situation": SITUATION, "on": ON, "blocked": frozenset(), "policy": Policy()},
    "professional": {"professional_id": "8X", "credential": Credential.CPS, "authorized": True},
    "matrix": {"source": "test", "rows": {"GENR10": {"74207-2"}}, "default": None},
}


def _with(kind: str, field: str, junk: object) -> dict[str, Any]:
    return {**_VALID[kind], field: junk}


def _professional(**fields: Any) -> Viewer:
    return Viewer.professional(fields.pop("professional_id"), **fields)


#: (name, the call with one argument replaced by junk)
CALLS: list[tuple[str, Callable[[Any], object]]] = [
    *((f"Document.{f}", lambda j, f=f: Document(**_with("document", f, j))) for f in _VALID["document"]),
    ("Document.lifted_on", lambda j: Document(**_with("document", "lifted_on", j))),
    ("Document.type_code", lambda j: Document(**_with("document", "type_code", j))),
    *((f"AccessContext.{f}", lambda j, f=f: AccessContext(**_with("context", f, j))) for f in _VALID["context"]),
    ("AccessContext.opposed_bris_de_glace", lambda j: AccessContext(**_with("context", "opposed_bris_de_glace", j))),
    *(
        (f"Viewer.professional.{f}", lambda j, f=f: _professional(**_with("professional", f, j)))
        for f in ["professional_id", "credential", "category", "mode", "authorized", "on_behalf_of", "role"]
    ),
    ("Viewer.representative", lambda j: Viewer.representative(j)),
    ("Viewer.kind", lambda j: Viewer(kind=j)),
    ("Viewer.patient-with-field", lambda j: Viewer(kind=ViewerKind.PATIENT, mode=j)),
    *(
        (f"Policy.{f}", lambda j, f=f: Policy(**{f: j}))
        for f in [
            "cumul_invisible_patient_masque_ps",
            "masked_visible_in_emergency",
            "invisible_patient_delay_months",
            "occupational_physician_access_from",
            "habilitations",
        ]
    ),
    *(
        (f"HabilitationMatrix.{f}", lambda j, f=f: HabilitationMatrix(**_with("matrix", f, j)))
        for f in _VALID["matrix"]
    ),
    ("HabilitationMatrix.from_mapping", lambda j: HabilitationMatrix.from_mapping(j, source="test")),
    ("HabilitationMatrix.from_mapping.default", lambda j: HabilitationMatrix.from_mapping({}, source="t", default=j)),
    ("AccessDecision.allowed", lambda j: AccessDecision(allowed=j, reasons=(Reason.BLOCKED,))),
    ("AccessDecision.reasons", lambda j: AccessDecision(allowed=False, reasons=j)),
    ("can_view.viewer", lambda j: can_view(j, DOCUMENT, CONTEXT)),
    ("can_view.document", lambda j: can_view(VIEWER, j, CONTEXT)),
    ("can_view.context", lambda j: can_view(VIEWER, DOCUMENT, j)),
    ("visible_documents.viewer", lambda j: visible_documents(j, [DOCUMENT], CONTEXT)),
    ("visible_documents.documents", lambda j: visible_documents(VIEWER, j, CONTEXT)),
    ("visible_documents.context", lambda j: visible_documents(VIEWER, [DOCUMENT], j)),
    ("check_deposit.document", lambda j: check_deposit(j, CONTEXT)),
    ("check_deposit.context", lambda j: check_deposit(DOCUMENT, j)),
    ("check_deposit.secret_connection", lambda j: check_deposit(DOCUMENT, CONTEXT, secret_connection=j)),
    ("check_deposit.patient_opposes", lambda j: check_deposit(DOCUMENT, CONTEXT, patient_opposes=j)),
    ("confidentiality_codes.restrictions", lambda j: confidentiality_codes(j)),
    ("confidentiality_codes.cda_code", lambda j: confidentiality_codes((), cda_code=j)),
    ("parse_confidentiality_codes", lambda j: parse_confidentiality_codes(j)),
    ("Restriction.from_code", lambda j: Restriction.from_code(j)),
    ("explain.decision", lambda j: explain(j)),
    ("explain.lang", lambda j: explain(DECISION, j)),
    ("Reason.text", lambda j: Reason.BLOCKED.text(j)),
    ("DepositProblem.text", lambda j: DepositProblem.DEPOSIT_AFTER_EVALUATION_DATE.text(j)),
    ("invisible_patient_until.deposited_on", lambda j: invisible_patient_until(j)),
    ("invisible_patient_until.months", lambda j: invisible_patient_until(ON, j)),
]


@pytest.mark.parametrize("call", [call for _, call in CALLS], ids=[name for name, _ in CALLS])
@given(junk=JUNK)
def test_junk_raises_only_input_errors(call: Callable[[Any], object], junk: object) -> None:
    error: InputError | None = None
    try:
        call(junk)
    except InputError as caught:  # anything else propagates and fails the test
        error = caught
    if error is not None:
        assert isinstance(error, ValueError)
        assert error.code
        assert str(error)


@pytest.mark.parametrize(
    ("call", "code"),
    [
        (lambda: Document(deposited_on=ON, restrictions=None), "visibility.document"),
        (lambda: Document(deposited_on=ON, restrictions=3), "visibility.document"),
        (lambda: AccessContext(situation=SITUATION, on=ON, blocked=None), "visibility.context"),
        (lambda: AccessContext(situation=SITUATION, on=ON, blocked=[["8X"]]), "visibility.context"),
        (lambda: parse_confidentiality_codes(None), "visibility.confidentiality_list"),
        (lambda: confidentiality_codes(None), "visibility.restriction_list"),
        (lambda: confidentiality_codes(Restriction.MASQUE_PS), "visibility.restriction_list"),
        (lambda: visible_documents(VIEWER, None, CONTEXT), "visibility.document"),
        (lambda: AccessDecision(allowed=False, reasons={Reason.BLOCKED}), "visibility.decision"),
        (lambda: AccessDecision(allowed=0, reasons=(Reason.BLOCKED,)), "visibility.decision"),
        (lambda: HabilitationMatrix(source="x", rows=[("GENR10",)]), "visibility.matrix"),
        (lambda: HabilitationMatrix(source="x", rows=[(["GENR10"], None)]), "visibility.matrix"),
        (lambda: HabilitationMatrix(source="x", default=[["74207-2"]]), "visibility.matrix"),
        (lambda: HabilitationMatrix(source=None), "visibility.matrix"),
        (lambda: invisible_patient_until(None), "visibility.document"),
        (lambda: invisible_patient_until(ON, 0), "visibility.policy"),
    ],
    ids=[
        "restrictions-none",
        "restrictions-int",
        "blocked-none",
        "blocked-unhashable",
        "parse-none",
        "codes-none",
        "codes-one-member",
        "documents-none",
        "reasons-set",
        "allowed-int",
        "matrix-row-not-a-pair",
        "matrix-role-unhashable",
        "matrix-default-unhashable",
        "matrix-no-source",
        "until-none",
        "until-zero-months",
    ],
)
def test_the_audited_junk_has_a_code(call: Callable[[], object], code: str) -> None:
    """The inputs the audit found raising TypeError (or accepted) now raise an InputError with a stable code."""
    with pytest.raises(InputError) as caught:
        call()
    assert caught.value.code == code


def test_reasons_given_as_a_list_become_a_hashable_tuple() -> None:
    decision = AccessDecision(allowed=False, reasons=[Reason.BLOCKED])
    assert decision.reasons == (Reason.BLOCKED,)
    assert hash(decision) == hash(AccessDecision(allowed=False, reasons=(Reason.BLOCKED,)))


def test_a_datetime_switch_date_compares_as_its_day() -> None:
    policy = Policy(occupational_physician_access_from=datetime(2022, 3, 31, 8, 0))
    assert policy == Policy()
    viewer = Viewer.professional("8X", category=Category.OCCUPATIONAL_PHYSICIAN, express_consent=True)
    context = AccessContext(situation=LegalSituation(date(1980, 1, 1)), on=ON, policy=policy)
    assert can_view(viewer, DOCUMENT, context)
    assert invisible_patient_until(datetime(2025, 1, 31, 23, 0)) == date(2025, 2, 28)
