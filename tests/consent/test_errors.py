"""Contradictory or unsupported situations raise InvalidSituation with a code (DOMAIN.md §3.2, issue 3)."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

import pytest

from dmpcore.consent import Act, InvalidSituation, LegalSituation, Measure, decide, explain
from dmpcore.errors import DmpcoreError, InputError

ON = date(2025, 1, 15)


@pytest.mark.parametrize(
    ("fields", "on", "code"),
    [
        ({"birth_date": date(2010, 1, 1), "emancipated": True}, ON, "consent.emancipated_under_16"),
        ({"birth_date": date(2010, 1, 1), "measure": Measure.TUTELLE}, ON, "consent.measure_on_minor"),
        ({"birth_date": date(2008, 1, 1), "measure": Measure.CURATELLE}, ON, "consent.measure_on_minor"),
        ({"birth_date": date(2010, 1, 1), "represents_person": False}, ON, "consent.representation_on_minor"),
        ({"birth_date": date(1990, 1, 1), "minor_under_tutelle": True}, ON, "consent.minor_tutelle_on_adult"),
        ({"birth_date": date(1990, 1, 1)}, date(2016, 7, 6), "consent.date_out_of_model"),
        ({"birth_date": date(2020, 1, 1)}, date(2019, 12, 31), "consent.date_before_birth"),
    ],
    ids=[
        "emancipated-at-15",
        "tutelle-on-minor",
        "curatelle-on-minor",
        "rp-on-minor",
        "minor-tutelle-adult",
        "2016-07-06",
        "unborn",
    ],
)
def test_contradictions_at_a_date(fields: dict[str, Any], on: date, code: str) -> None:
    situation = LegalSituation(**fields)
    with pytest.raises(InvalidSituation) as caught:
        decide(situation, Act.CREATE, on=on)
    assert caught.value.code == code
    assert isinstance(caught.value, DmpcoreError)
    assert isinstance(caught.value, ValueError)


@pytest.mark.parametrize(
    ("fields", "code"),
    [
        ({"measure": Measure.CURATELLE, "represents_person": True}, "consent.representation_not_possible"),
        ({"measure": Measure.CURATELLE_RENFORCEE, "represents_person": True}, "consent.representation_not_possible"),
        ({"measure": Measure.SAUVEGARDE_DE_JUSTICE, "represents_person": True}, "consent.representation_not_possible"),
        ({"represents_person": True}, "consent.representation_not_possible"),
        ({"emancipated": True, "minor_under_tutelle": True}, "consent.emancipated_minor_tutelle"),
        ({"measure": "tutelle"}, "consent.type"),
        ({"emancipated": 1}, "consent.type"),
        ({"represents_person": "yes"}, "consent.type"),
    ],
)
def test_contradictions_at_any_date_are_refused_at_once(fields: dict[str, Any], code: str) -> None:
    with pytest.raises(InvalidSituation) as caught:
        LegalSituation(date(1970, 1, 1), **fields)
    assert caught.value.code == code


@pytest.mark.parametrize("birth", [datetime(1970, 1, 1, 12), "1970-01-01", None])
def test_birth_date_must_be_a_date(birth: object) -> None:
    with pytest.raises(InvalidSituation, match=r"must be a datetime\.date") as caught:
        LegalSituation(birth)  # type: ignore[arg-type]
    assert caught.value.code == "consent.type"


@pytest.mark.parametrize("on", [datetime(2025, 1, 15, 8), "2025-01-15", 20250115])
def test_on_must_be_a_date(on: object) -> None:
    with pytest.raises(InvalidSituation, match=r"must be a datetime\.date"):
        decide(LegalSituation(date(1970, 1, 1)), Act.CREATE, on=on)  # type: ignore[arg-type]


@pytest.mark.parametrize("act", ["create", None, [Act.CREATE]])
def test_act_must_be_an_act(act: object) -> None:
    with pytest.raises(InvalidSituation, match="must be an Act"):
        decide(LegalSituation(date(1970, 1, 1)), act, on=ON)  # type: ignore[arg-type]


def test_situation_must_be_a_legal_situation() -> None:
    with pytest.raises(InvalidSituation, match="must be a LegalSituation"):
        decide(date(1970, 1, 1), Act.CREATE, on=ON)  # type: ignore[arg-type]


def test_messages_never_print_the_birth_date() -> None:
    """A birth date is patient data: messages name the rule, not the date of birth."""
    birth = date(2010, 4, 17)
    for fields in ({"emancipated": True}, {"measure": Measure.TUTELLE}, {"represents_person": False}):
        with pytest.raises(InvalidSituation) as caught:
            decide(LegalSituation(birth, **fields), Act.CREATE, on=ON)  # type: ignore[arg-type]
        assert "2010" not in str(caught.value)


def test_explain_rejects_unknown_language() -> None:
    d = decide(LegalSituation(date(1970, 1, 1)), Act.CREATE, on=ON)
    with pytest.raises(InputError) as caught:
        explain(d, "de")  # type: ignore[arg-type]
    assert caught.value.code == "consent.lang"
    with pytest.raises(InputError):
        explain("not a decision")  # type: ignore[arg-type]
