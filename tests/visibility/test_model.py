"""Viewers, documents, policies, the habilitation matrix and the medico-social roles: shapes and bad input."""

from __future__ import annotations

import json
from datetime import date, datetime
from importlib.resources import files
from pathlib import Path
from typing import Any

import pytest

from dmpcore.codes import Code
from dmpcore.consent import LegalSituation, Party
from dmpcore.errors import InputError
from dmpcore.visibility import (
    MEDICO_SOCIAL_ROLES,
    OCCUPATIONAL_PHYSICIAN_ACCESS_FROM,
    AccessContext,
    Category,
    Credential,
    Document,
    HabilitationMatrix,
    InvalidAccessInput,
    InvalidConfidentialityCode,
    Mode,
    Policy,
    Restriction,
    Viewer,
    ViewerKind,
    invisible_patient_until,
    visible_documents,
)
from dmpcore.visibility._roles import ROLE_SOURCE, ROLES_VALID_FROM

TRE_R22 = "1.2.250.1.213.1.6.1.19"


def test_viewer_constructors() -> None:
    assert Viewer.patient() == Viewer(kind=ViewerKind.PATIENT)
    parents = Viewer.representative(Party.PARENTS)
    assert (parents.kind, parents.party) == (ViewerKind.REPRESENTATIVE, Party.PARENTS)
    csa = Viewer.professional("1330000001", credential=Credential.CSA, on_behalf_of="810001234567")
    assert csa.identities == {"1330000001", "810001234567"}
    assert (csa.category, csa.mode, csa.authorized) == (Category.HEALTH_PROFESSIONAL, Mode.NORMAL, False)
    assert hash(csa) == hash(Viewer.professional("1330000001", credential=Credential.CSA, on_behalf_of="810001234567"))
    assert csa.nominative_id == "810001234567"
    assert Viewer.professional("810001234567").nominative_id == "810001234567"
    assert Viewer.professional("1330000001", credential=Credential.CSA).nominative_id is None
    assert Viewer.patient().nominative_id is None


@pytest.mark.parametrize(
    ("build", "message"),
    [
        (lambda: Viewer.representative(Party.PATIENT), "Viewer.patient"),
        (lambda: Viewer.representative("parents"), "Party"),  # type: ignore[arg-type]
        (lambda: Viewer(kind=ViewerKind.PATIENT, party=Party.PARENTS), "no party"),
        (lambda: Viewer(kind=ViewerKind.PATIENT, authorized=True), "no professional field"),
        (lambda: Viewer(kind=ViewerKind.REPRESENTATIVE, party=Party.TUTOR, mode=Mode.BRIS_DE_GLACE), "mode"),
        (lambda: Viewer(kind="patient"), "ViewerKind"),  # type: ignore[arg-type]
        (lambda: Viewer.professional(""), "professional_id"),
        (lambda: Viewer.professional(None), "professional_id"),  # type: ignore[arg-type]
        (lambda: Viewer.professional("8X", credential="CPS"), "Credential"),  # type: ignore[arg-type]
        (lambda: Viewer.professional("8X", category=None), "Category"),  # type: ignore[arg-type]
        (lambda: Viewer.professional("8X", mode="normal"), "Mode"),  # type: ignore[arg-type]
        (lambda: Viewer.professional("8X", authorized=1), "bool"),  # type: ignore[arg-type]
        (lambda: Viewer.professional("8X", credential=Credential.CSA, on_behalf_of=" "), "on_behalf_of"),
        # only a CSA acts for someone: a nominative card cannot claim another professional's authorship
        (lambda: Viewer.professional("8X", on_behalf_of="8Y"), "CSA only"),
        (lambda: Viewer.professional("8X", credential=Credential.E_CPS, on_behalf_of="8Y"), "CSA only"),
        (lambda: Viewer.professional("8X", credential=Credential.CPE, on_behalf_of="8Y"), "CSA only"),
        (lambda: Viewer.professional("13X", credential=Credential.CSA, on_behalf_of="13X"), "differ"),
        (lambda: Viewer.professional("8X", role=""), "role"),
        (lambda: Viewer(kind=ViewerKind.PROFESSIONAL, professional_id="8X", party=Party.PARENTS), "Credential"),
        (
            lambda: Viewer(
                kind=ViewerKind.PROFESSIONAL,
                professional_id="8X",
                credential=Credential.CPS,
                category=Category.HEALTH_PROFESSIONAL,
                party=Party.PARENTS,
            ),
            "no party",
        ),
        (
            lambda: Viewer.professional("8X", category=Category.MEDICO_SOCIAL, treating_physician=True),
            "health professionals only",
        ),
        (
            lambda: Viewer.professional("8X", category=Category.OCCUPATIONAL_PHYSICIAN, regulator=True),
            "health professionals only",
        ),
    ],
)
def test_bad_viewers(build: Any, message: str) -> None:
    with pytest.raises(InvalidAccessInput, match=message) as caught:
        build()
    assert caught.value.code == "visibility.viewer"
    assert isinstance(caught.value, InputError)


def test_document_conversions() -> None:
    document = Document(
        deposited_on=datetime(2025, 2, 1, 10, 30),
        restrictions=["MASQUE_PS", Restriction.INVISIBLE_PATIENT, "invisible_rep_legaux"],
        lifted_on=datetime(2025, 2, 3, 8, 0),
    )
    assert document.deposited_on == date(2025, 2, 1)
    assert document.lifted_on == date(2025, 2, 3)
    assert document.restrictions == {
        Restriction.MASQUE_PS,
        Restriction.INVISIBLE_PATIENT,
        Restriction.INVISIBLE_REPRESENTANTS_LEGAUX,
    }
    assert document.by_patient
    assert Document(deposited_on=date(2025, 2, 1), restrictions="MASQUE_PS").restrictions == {Restriction.MASQUE_PS}
    assert not Document(deposited_on=date(2025, 2, 1), author_id="8X").by_patient
    loinc = Code(code="74207-2", code_system="2.16.840.1.113883.6.1", display="DLU")
    assert Document(deposited_on=date(2025, 2, 1), type_code=loinc).type_code == "74207-2"


@pytest.mark.parametrize(
    ("kwargs", "error"),
    [
        ({"deposited_on": "2025-02-01"}, InvalidAccessInput),
        ({"deposited_on": date(2025, 2, 1), "lifted_on": date(2025, 1, 31)}, InvalidAccessInput),
        ({"deposited_on": date(2025, 2, 1), "lifted_on": 3}, InvalidAccessInput),
        ({"deposited_on": date(2025, 2, 1), "author_id": ""}, InvalidAccessInput),
        ({"deposited_on": date(2025, 2, 1), "type_code": 42}, InvalidAccessInput),
        ({"deposited_on": date(2025, 2, 1), "restrictions": {"SECRET"}}, InvalidConfidentialityCode),
    ],
)
def test_bad_documents(kwargs: dict[str, Any], error: type[Exception]) -> None:
    with pytest.raises(error):
        Document(**kwargs)


@pytest.mark.parametrize(
    "mapping",
    [{"MASQUE_PS": 1}, {Restriction.MASQUE_PS: True}, {"MASQUE_PS": "INVISIBLE_PATIENT"}],
    ids=["code-to-int", "member-to-bool", "code-to-code"],
)
def test_restrictions_given_as_a_mapping_are_refused(mapping: dict[Any, Any]) -> None:
    """A dict's keys were read silently and its values dropped ({"MASQUE_PS": 1} gave MASQUE_PS)."""
    with pytest.raises(InvalidAccessInput, match="got a mapping") as caught:
        Document(deposited_on=date(2025, 2, 1), restrictions=mapping)
    assert caught.value.code == "visibility.document"


def test_blocks_and_batches_given_as_a_mapping_are_refused() -> None:
    """Every collection input refuses a mapping alike (the shared check of _inputs)."""
    situation = LegalSituation(date(1950, 6, 1))
    with pytest.raises(InvalidAccessInput, match="got a mapping") as caught:
        AccessContext(situation=situation, on=date(2025, 3, 1), blocked={"810001234567": True})
    assert caught.value.code == "visibility.context"
    context = AccessContext(situation=situation, on=date(2025, 3, 1))
    document = Document(deposited_on=date(2025, 2, 1))
    with pytest.raises(InvalidAccessInput, match="got a mapping"):
        visible_documents(Viewer.patient(), {document: 1}, context)  # type: ignore[arg-type]


def test_policy_defaults_are_fail_closed() -> None:
    policy = Policy()
    assert policy.cumul_invisible_patient_masque_ps is False
    assert policy.masked_visible_in_emergency is False
    assert policy.invisible_patient_delay_months == 1
    assert policy.occupational_physician_access_from == OCCUPATIONAL_PHYSICIAN_ACCESS_FROM == date(2022, 3, 31)
    assert policy.habilitations == HabilitationMatrix.unrestricted()
    assert hash(policy) == hash(Policy())


@pytest.mark.parametrize(
    "kwargs",
    [
        {"cumul_invisible_patient_masque_ps": "false"},
        {"masked_visible_in_emergency": 1},
        {"occupational_physician_access_from": "2022-03-31"},
        {"habilitations": {}},
    ],
)
def test_bad_policies(kwargs: dict[str, Any]) -> None:
    with pytest.raises(InvalidAccessInput) as caught:
        Policy(**kwargs)
    assert caught.value.code == "visibility.policy"


@pytest.mark.parametrize("months", [0, 2, 3, 12, 13, -1, True, 1.0, "1", None])
def test_the_invisible_patient_delay_is_the_legal_month(months: object) -> None:
    """R1111-53: accessible « au plus tard un mois » after the deposit: a longer (or any other) delay is refused."""
    with pytest.raises(InvalidAccessInput, match="R1111-53") as caught:
        Policy(invisible_patient_delay_months=months)  # type: ignore[arg-type]
    assert caught.value.code == "visibility.invisible_patient_delay"
    assert Policy(invisible_patient_delay_months=1) == Policy()


def test_medico_social_roles_are_the_five_rpps_plus_roles() -> None:
    """Seed 002: five roles, compulsory in RPPS+ for the medico-social sector (TRE_R22 GENR08..GENR12)."""
    assert list(MEDICO_SOCIAL_ROLES) == ["GENR08", "GENR09", "GENR10", "GENR11", "GENR12"]
    assert MEDICO_SOCIAL_ROLES["GENR11"].display == "Accompagnement social/médico-social au soin"
    for role in MEDICO_SOCIAL_ROLES.values():
        assert role.code_system == TRE_R22
        assert role.valid_from == date(2022, 2, 25)  # TRE_R22 dateValid of GENR08..GENR12
        assert role.document_types is None  # the annex of the arrêté is not loaded: every type
        assert "arrêté du 26 octobre 2023" in role.source


def test_the_roles_validity_date_names_its_source() -> None:
    """The second audit: « 2022-02-25 » had no source. It is TRE_R22's dateValid of GENR08..GENR12 in the ANS
    CodeSystem (the CI-SIS kit and dmpcore's terminologies.json do not carry TRE_R22)."""
    assert "TRE_R22_GenreActivite v20240329120000" in ROLE_SOURCE
    assert "dateValid 2022-02-25 of GENR08 to GENR12" in ROLE_SOURCE
    assert all(role.valid_from == ROLES_VALID_FROM for role in MEDICO_SOCIAL_ROLES.values())
    shipped = json.loads((files("dmpcore") / "_data" / "terminologies.json").read_text(encoding="utf-8"))
    assert TRE_R22 not in {terminology["oid"] for terminology in shipped["terminologies"]}


@pytest.mark.kit
def test_the_kit_carries_no_tre_r22(kit_dir: Path) -> None:
    """Were a kit to ship TRE_R22, ROLES_VALID_FROM should be read from it rather than cited."""
    folder = kit_dir / "schematrons" / "profils" / "terminologies" / "terminologie"
    assert not (folder / f"{TRE_R22}.rdf").exists()
    for value_set in (kit_dir / "jeuxDeValeurs").glob("*.xml"):
        assert TRE_R22.encode() not in value_set.read_bytes(), value_set.name


def test_matrix_lookup() -> None:
    matrix = HabilitationMatrix.from_mapping({"GENR10": {"74207-2"}, "10": None}, source="test", default=["11488-4"])
    assert matrix.types_for("GENR10") == {"74207-2"}
    assert matrix.types_for("10") is None
    assert matrix.types_for("GENR12") == {"11488-4"}
    assert matrix.types_for(None) == {"11488-4"}
    assert matrix.allows("10", None)
    assert not matrix.allows("GENR10", None)
    assert not matrix.allows(None, "74207-2")
    assert matrix == HabilitationMatrix(
        source="test", rows=(("10", None), ("GENR10", {"74207-2"})), default={"11488-4"}
    )
    assert matrix.rows == (("10", None), ("GENR10", frozenset({"74207-2"})))


def test_unrestricted_matrix_lists_the_roles() -> None:
    matrix = HabilitationMatrix.unrestricted()
    assert [role for role, _ in matrix.rows] == list(MEDICO_SOCIAL_ROLES)
    assert all(matrix.allows(role, None) for role in [*MEDICO_SOCIAL_ROLES, "10", None])


@pytest.mark.parametrize(
    "build",
    [
        lambda: HabilitationMatrix.from_mapping([("GENR10", None)], source="x"),  # type: ignore[arg-type]
        lambda: HabilitationMatrix.from_mapping({"": None}, source="x"),
        lambda: HabilitationMatrix.from_mapping({"GENR10": "74207-2"}, source="x"),
        lambda: HabilitationMatrix.from_mapping({"GENR10": {""}}, source="x"),
        lambda: HabilitationMatrix(source="x", rows=3),  # type: ignore[arg-type]
    ],
)
def test_bad_matrices(build: Any) -> None:
    with pytest.raises(InvalidAccessInput) as caught:
        build()
    assert caught.value.code == "visibility.matrix"


def test_matrix_rows_may_be_a_mapping() -> None:
    assert HabilitationMatrix(source="x", rows={"GENR10": ["74207-2"]}).types_for("GENR10") == {"74207-2"}


def test_invisible_patient_until_saturates_at_the_end_of_the_calendar() -> None:
    assert invisible_patient_until(date(9999, 12, 15)) == date.max
    assert invisible_patient_until(date(2024, 1, 30)) == date(2024, 2, 29)
    assert invisible_patient_until(date(2024, 11, 30), 3) == date(2025, 2, 28)
