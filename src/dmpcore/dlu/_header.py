"""The header of a DLU-family document: patient, professionals, organisations, related persons.

Sources: CI-SIS *structuration minimale* (patient, author, custodian, legal authenticator,
performer, encounter) and the volet DLU-EHPAD 2022.01 (médecin traitant ``participant[@typeCode='INF']``
with functionCode PCP; personne de confiance ``informant/relatedEntity[@classCode='NOK']``;
personne à prévenir ``relatedEntity[@classCode='ECON']``).
"""

from __future__ import annotations

import datetime as dt
import enum

import attrs

from dmpcore.codes import Code
from dmpcore.dlu._base import Address, Identifier, Origin, PersonName, RawXml, Sex, Telecom
from dmpcore.errors import InputError
from dmpcore.identity import IdentityStatus, Ins, may_share_ins
from dmpcore.oids import CUSTODIAN_ROOTS

__all__ = [
    "FacilityType",
    "Header",
    "Organization",
    "Patient",
    "Professional",
    "RelatedPerson",
]

_FACILITY_TYPE_OID = "1.2.250.1.71.4.2.4"
#: confidentialityCode N (HL7 Confidentiality); DMP visibility restrictions live in the XDS metadata
NORMAL_CONFIDENTIALITY = Code(code="N", code_system="2.16.840.1.113883.5.25", display="Normal")


class FacilityType(enum.Enum):
    """The establishment's ``healthCareFacility/code`` (JDV_J02, ``1.2.250.1.71.4.2.4``)."""

    DISABLED_PEOPLE = "SA16"
    ELDERLY_PEOPLE = "SA17"
    OTHER_MEDICO_SOCIAL = "SA41"

    @property
    def display(self) -> str:
        """The display name of the code (JDV_J02)."""
        return _FACILITY_DISPLAY[self]

    def code(self) -> Code:
        """This facility type as a :class:`~dmpcore.codes.Code`."""
        return Code(code=self.value, code_system=_FACILITY_TYPE_OID, display=self.display)


_FACILITY_DISPLAY = {
    FacilityType.DISABLED_PEOPLE: "Etablissement pour personnes handicapées",
    FacilityType.ELDERLY_PEOPLE: "Etablissement pour personnes âgées",
    FacilityType.OTHER_MEDICO_SOCIAL: "Autre établissement du domaine social ou médico-social",
}


def _aware(instance: object, attribute: attrs.Attribute[dt.datetime], value: dt.datetime) -> None:
    if not isinstance(value, dt.datetime) or value.utcoffset() is None:
        raise InputError(f"'{attribute.name}' must be a timezone-aware datetime (got {value!r})", code="dlu.time")


def _optional_aware(instance: object, attribute: attrs.Attribute[dt.datetime | None], value: object) -> None:
    if value is not None and (not isinstance(value, dt.datetime) or value.utcoffset() is None):
        raise InputError(f"'{attribute.name}' must be a timezone-aware datetime (got {value!r})", code="dlu.time")


@attrs.frozen(kw_only=True)
class Patient:
    """The resident: INS and identity traits, identity status, local id, address, telecoms.

    The INS identifies the patient in the document **only when the identity is qualified**
    (RNIV; :func:`dmpcore.identity.may_share_ins`): otherwise :func:`~dmpcore.cda.to_cda` writes the
    local id only, and a document read back has ``ins=None`` and ``identity_status=None``
    (a CDA document does not say the status of an identity it does not carry). A patient needs a
    local id, an INS, or both; without a qualified identity the local id is required to write a document.
    """

    local_id: Identifier | None = None
    birth_family_name: str
    first_birth_given_name: str
    birth_given_names: str | None = None
    used_family_name: str | None = None
    used_given_name: str | None = None
    sex: Sex
    birth_date: dt.date
    ins: Ins | None = None
    identity_status: IdentityStatus | None = None
    birth_place: Address | None = None
    address: Address | None = None
    telecoms: tuple[Telecom, ...] = ()
    origin: Origin | None = attrs.field(default=None, eq=False, repr=False)

    def __attrs_post_init__(self) -> None:
        if self.local_id is None and self.ins is None:
            raise InputError("a patient needs a local id or an INS (got neither)", code="dlu.patient.id")
        # structuration minimale: with the INS come all its traits, including the birth given
        # names and the birth place (COG code in birthplace/place/addr/county)
        if self.shares_ins and (
            self.birth_given_names is None or self.birth_place is None or self.birth_place.county is None
        ):
            raise InputError(
                "a qualified identity carries all the INS traits: birth_given_names and birth_place.county (COG)",
                code="dlu.patient.traits",
            )

    @property
    def shares_ins(self) -> bool:
        """Whether the document will carry the INS (an INS is known and the identity is qualified)."""
        return self.ins is not None and self.identity_status is not None and may_share_ins(self.identity_status)

    def display_name(self) -> str:
        """``FAMILY Given`` with the used names when known, the birth names otherwise."""
        family = self.used_family_name or self.birth_family_name
        given = self.used_given_name or self.first_birth_given_name
        return f"{family} {given}"


@attrs.frozen(kw_only=True)
class Organization:
    """An organisation: FINESS (or other) id, name, address, telecoms, sector (practiceSettingCode)."""

    id: Identifier | None = None
    name: str | None = None
    address: Address | None = None
    telecoms: tuple[Telecom, ...] = ()
    sector: Code | None = None


@attrs.frozen(kw_only=True)
class Professional:
    """A health professional (RPPS/ADELI id), with profession, address, telecoms and organisation."""

    id: Identifier
    name: PersonName
    profession: Code | None = None
    address: Address | None = None
    telecoms: tuple[Telecom, ...] = ()
    organization: Organization | None = None


def _no_suffix(instance: object, attribute: attrs.Attribute[PersonName], value: PersonName) -> None:
    # structuration minimale: a related person's name has family, given and prefix only
    if value.suffix is not None:
        raise InputError(f"a related person's name has no suffix (got {value.suffix!r})", code="dlu.name")


@attrs.frozen(kw_only=True)
class RelatedPerson:
    """A relative or friend: personne de confiance or personne à prévenir (relationship from JDV_J11)."""

    name: PersonName = attrs.field(validator=_no_suffix)
    relationship: Code | None = None
    address: Address | None = None
    telecoms: tuple[Telecom, ...] = ()


def _custodian(instance: object, attribute: attrs.Attribute[Organization], value: Organization) -> None:
    # structuration minimale: custodian id root 1.2.250.1.71.4.2.2 (or the DMP host); CDA's
    # CustodianOrganization has no standardIndustryClassCode.
    if value.id is None or value.id.root not in CUSTODIAN_ROOTS:
        raise InputError(
            f"the custodian needs an id rooted at one of {sorted(CUSTODIAN_ROOTS)} (got {value.id!r})",
            code="dlu.custodian",
        )
    if value.sector is not None:
        raise InputError("the custodian organisation has no sector (practiceSettingCode)", code="dlu.custodian")
    if len(value.telecoms) > 1:  # CDA CustodianOrganization: telecom 0..1
        raise InputError(f"the custodian has at most one telecom (got {len(value.telecoms)})", code="dlu.custodian")


def _author(instance: object, attribute: attrs.Attribute[Professional], value: Professional) -> None:
    # structuration minimale: the performer (the author here) carries representedOrganization/standardIndustryClassCode
    if value.organization is None or value.organization.sector is None:
        raise InputError(
            "the author needs an organization with its sector (practiceSettingCode, JDV_J04)", code="dlu.author"
        )


@attrs.frozen(kw_only=True)
class Header:
    """Everything of a DLU-family document before its body.

    ``author`` also acts as the performer of the service event and the encounter's responsible
    party; ``facility_type`` is the ``healthCareFacility/code`` (JDV_J02; for a DLU one of
    :class:`FacilityType`: ``FacilityType.ELDERLY_PEOPLE.code()``); ``attending_physician`` (the
    médecin traitant) is required by the DLU model; ``extra`` keeps header elements dmpcore does
    not model (re-emitted in schema order).
    """

    id: Identifier
    set_id: Identifier
    version: int = 1
    title: str | None = None
    effective_time: dt.datetime = attrs.field(validator=_aware)
    confidentiality: Code = NORMAL_CONFIDENTIALITY
    patient: Patient
    author: Professional = attrs.field(validator=_author)
    author_time: dt.datetime | None = attrs.field(default=None, validator=_optional_aware)
    custodian: Organization = attrs.field(validator=_custodian)
    legal_authenticator: Professional
    attending_physician: Professional | None = None
    emergency_contact: RelatedPerson | None = None
    trusted_person: RelatedPerson | None = None
    service_start: dt.datetime | None = attrs.field(default=None, validator=_optional_aware)
    service_end: dt.datetime | None = attrs.field(default=None, validator=_optional_aware)
    facility_type: Code
    extra: tuple[RawXml, ...] = ()
    origin: Origin | None = attrs.field(default=None, eq=False, repr=False)
