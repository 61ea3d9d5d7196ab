"""National ids of professionals and organisations (DOMAIN.md §2)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st
from stdnum import luhn

from dmpcore.errors import InvalidIdentifier
from dmpcore.identity import (
    ORGANISATION_ID_OID,
    PROFESSIONAL_ID_OID,
    NationalId,
    OrganisationIdKind,
    ProfessionalIdKind,
    organisation_id,
    parse_national_id,
    professional_id,
)


@pytest.mark.parametrize(
    ("kwargs", "extension", "kind"),
    [
        ({"rpps": "01234567897"}, "801234567897", ProfessionalIdKind.RPPS),  # ANS sample
        ({"rpps": "10000001015"}, "810000001015", ProfessionalIdKind.RPPS),
        ({"adeli": "751012345"}, "0751012345", ProfessionalIdKind.ADELI),
        ({"adeli": "2A1012345"}, "02A1012345", ProfessionalIdKind.ADELI),
    ],
)
def test_professional_ids(kwargs: dict[str, str], extension: str, kind: ProfessionalIdKind) -> None:
    pid = professional_id(**kwargs)
    assert pid == NationalId(root=PROFESSIONAL_ID_OID, extension=extension)
    assert pid.kind is kind
    assert parse_national_id(pid.root, pid.extension) == pid


@pytest.mark.parametrize(
    ("kwargs", "extension", "kind"),
    [
        ({"finess": "750712184"}, "1750712184", OrganisationIdKind.FINESS),  # AP-HP
        ({"finess": "2A0000119"}, "12A0000119", OrganisationIdKind.FINESS),
        ({"siren": "732 829 320"}, "2732829320", OrganisationIdKind.SIREN),
        ({"siret": "73282932000074"}, "373282932000074", OrganisationIdKind.SIRET),
        ({"rpps_rang": "01234567897/1"}, "401234567897/1", OrganisationIdKind.RPPS_RANG),
    ],
)
def test_organisation_ids(kwargs: dict[str, str], extension: str, kind: OrganisationIdKind) -> None:
    oid = organisation_id(**kwargs)
    assert oid == NationalId(root=ORGANISATION_ID_OID, extension=extension)
    assert oid.kind is kind
    assert oid.number == extension[1:]
    assert parse_national_id(oid.root, oid.extension) == oid


@pytest.mark.parametrize(
    ("call", "code"),
    [
        (lambda: professional_id(rpps="01234567890"), "rpps.checksum"),
        (lambda: professional_id(rpps="0123456789"), "rpps.format"),
        (lambda: professional_id(adeli="75101234"), "adeli.format"),
        (lambda: professional_id(), "identifier.arguments"),
        (lambda: professional_id(rpps="01234567897", adeli="751012345"), "identifier.arguments"),
        (lambda: organisation_id(finess="75071218"), "finess.format"),
        (lambda: organisation_id(siren="732829321"), "siren.invalid"),
        (lambda: organisation_id(siret="73282932000075"), "siret.invalid"),
        (lambda: organisation_id(rpps_rang="0123456789"), "rpps_rang.format"),
        (lambda: parse_national_id("1.2.3", "801234567897"), "identifier.root"),
        (lambda: parse_national_id(PROFESSIONAL_ID_OID, "901234567897"), "identifier.prefix"),
        (lambda: parse_national_id(ORGANISATION_ID_OID, "9750712184"), "identifier.prefix"),
    ],
)
def test_invalid_national_ids(call: object, code: str) -> None:
    with pytest.raises(InvalidIdentifier) as info:
        call()  # type: ignore[operator]
    assert info.value.code == code


@given(st.text(alphabet="0123456789", min_size=10, max_size=10))
def test_every_rpps_with_its_luhn_key_is_accepted(body: str) -> None:
    rpps = body + luhn.calc_check_digit(body)
    assert professional_id(rpps=rpps).extension == "8" + rpps
