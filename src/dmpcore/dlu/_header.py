"""The header of a DLU-family document: patient, professionals, organisations, related persons.

Sources: CI-SIS *structuration minimale* (patient, author, custodian, legal authenticator,
performer, encounter) and the volet DLU-EHPAD 2022.01 (médecin traitant ``participant[@typeCode='INF']``
with functionCode PCP; personne de confiance ``informant/relatedEntity[@classCode='NOK']``;
personne à prévenir ``relatedEntity[@classCode='ECON']``).
"""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Callable
from typing import Any, Final

import attrs
from lxml import etree

from dmpcore.codes import Code
from dmpcore.dlu._base import (
    Address,
    Identifier,
    Origin,
    PersonName,
    RawXml,
    Sex,
    Telecom,
    _optional_text,
    _text,
    before,
    checked_day_or_time,
    checked_time,
    distinct_telecoms,
    names_its_field,
    whole_seconds,
)
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
    "UnknownTime",
]

_FACILITY_TYPE_OID = "1.2.250.1.71.4.2.4"
_HL7 = "urn:hl7-org:v3"
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


@names_its_field
def _aware(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    # the XDS metadata of a deposit are UTC: creationTime from effectiveTime, serviceStartTime and
    # serviceStopTime from the service event's (IHE ITI TF-3 4.2.3.1.7; dmpcore.xds.cda_time_to_xds)
    checked_time(instance, attribute, value)
    if isinstance(value, dt.datetime) and value.utcoffset() is None:
        raise InputError(
            f"'{attribute.name}' must be a timezone-aware datetime: the DMP's XDS metadata give it in UTC "
            f"(got {value!r})",
            code="dlu.time",
        )


#: HL7 v3 NullFlavor (2.16.840.1.113883.5.1008)
_NULL_FLAVORS: Final = frozenset(
    {"NI", "INV", "DER", "OTH", "PINF", "NINF", "UNC", "MSK", "NA", "UNK", "ASKU", "NAV", "NASK", "QS", "TRC", "NP"}
)


@names_its_field
def _null_flavor(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if value is not None and value not in _NULL_FLAVORS:
        raise InputError(
            f"'null_flavor' must be an HL7 NullFlavor ({', '.join(sorted(_NULL_FLAVORS))}) or None (got {value!r})",
            code="dlu.time",
        )


@attrs.frozen(kw_only=True)
class UnknownTime:
    """A header time the document does not give: its ``nullFlavor`` (``UNK``...), or ``None`` for no element at all.

    :func:`~dmpcore.cda.from_cda` reads ``<time nullFlavor="UNK"/>`` (or a ``low`` with a nullFlavor, or
    no time where CDA lets it be left out) as an UnknownTime, never as None: in a :class:`Header`, None
    is a part left to its default (``effective_time``), and a time the document does not know is not
    made up when the part is written again (the médecin traitant renamed, the signatory's telecoms
    edited). It is written back as an element with that nullFlavor, or not at all.
    """

    null_flavor: str | None = attrs.field(default="UNK", validator=_null_flavor)


def _written_if_given(value: object) -> object:
    """An attrs converter of a time written only when given (the service end, the encounter start): whole
    seconds, and an :class:`UnknownTime` without nullFlavor (no element) is None, what the reader reads."""
    value = whole_seconds(value)
    return None if isinstance(value, UnknownTime) and value.null_flavor is None else value


def _or_unknown(check: Callable[[object, attrs.Attribute[Any], object], None]) -> Any:
    """The time validator *check*, that lets an :class:`UnknownTime` through."""

    def validator(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
        if not isinstance(value, UnknownTime):
            check(instance, attribute, value)

    return validator


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
    birth_family_name: str = attrs.field(validator=_text)
    first_birth_given_name: str = attrs.field(validator=_text)
    birth_given_names: str | None = attrs.field(default=None, validator=_optional_text)
    used_family_name: str | None = attrs.field(default=None, validator=_optional_text)
    used_given_name: str | None = attrs.field(default=None, validator=_optional_text)
    sex: Sex
    birth_date: dt.date
    ins: Ins | None = None
    identity_status: IdentityStatus | None = None
    birth_place: Address | None = None
    address: Address | None = None
    telecoms: tuple[Telecom, ...] = attrs.field(default=(), validator=distinct_telecoms)
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
    name: str | None = attrs.field(default=None, validator=_optional_text)
    address: Address | None = None
    telecoms: tuple[Telecom, ...] = attrs.field(default=(), validator=distinct_telecoms)
    sector: Code | None = None


@attrs.frozen(kw_only=True)
class Professional:
    """A health professional (RPPS/ADELI id), with profession, address, telecoms and organisation."""

    id: Identifier
    name: PersonName
    profession: Code | None = None
    address: Address | None = None
    telecoms: tuple[Telecom, ...] = attrs.field(default=(), validator=distinct_telecoms)
    organization: Organization | None = None


@names_its_field
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
    telecoms: tuple[Telecom, ...] = attrs.field(default=(), validator=distinct_telecoms)


def _ordered(start_name: str, end_name: str) -> Callable[[object, attrs.Attribute[Any], object], None]:
    # dtr1-7 (structuration minimale, IVL_TS): the low is not after the high. A part left None is written as
    # its default (service_start and encounter_end: effective_time) or not at all (service_end, encounter_start)
    @names_its_field
    def check(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
        _or_unknown(checked_time)(instance, attribute, value)
        start, end = (_as_written(instance, name) for name in (start_name, end_name))
        if isinstance(start, dt.datetime) and isinstance(end, dt.datetime) and before(end, start):
            raise InputError(
                f"'{start_name}' ({start}) must not be after '{end_name}' ({end}) as written "
                "(dtr1-7: the low of an IVL_TS is not after its high)",
                code="dlu.time.order",
            )

    return check


def _as_written(header: object, name: str) -> object:
    value = getattr(header, name, None)
    default = _DEFAULTS.get(name)
    return getattr(header, default, None) if value is None and default is not None else value


@names_its_field
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


def _sector(role: str) -> Callable[[object, attrs.Attribute[Any], Professional | None], None]:
    # structuration minimale: the performer of documentationOf/serviceEvent carries
    # representedOrganization/standardIndustryClassCode (the XDS practiceSettingCode, JDV_J04)
    @names_its_field
    def check(instance: object, attribute: attrs.Attribute[Any], value: Professional | None) -> None:
        if value is not None and (value.organization is None or value.organization.sector is None):
            raise InputError(
                f"the {role} needs an organization with its sector (practiceSettingCode, JDV_J04)", code=f"dlu.{role}"
            )

    return check


@names_its_field
def _version(instance: object, attribute: attrs.Attribute[int], value: int) -> None:
    # CDA versionNumber is an INT; the CI-SIS numbers the versions of a document from 1
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise InputError(f"'version' must be an integer >= 1 (got {value!r})", code="dlu.version")


@names_its_field
def _unmodelled(instance: object, attribute: attrs.Attribute[Any], value: tuple[RawXml, ...]) -> None:
    from dmpcore.cda._header_parts import OPTIONAL_PARTS, read_as_part  # XML lives in dmpcore.cda
    from dmpcore.cda._raw import embedded_element

    given = {part for part in OPTIONAL_PARTS if getattr(instance, part) is not None}
    for index, item in enumerate(value):
        element = embedded_element(item.xml)  # as written: in the document's default namespace, HL7
        name = etree.QName(element)
        # an element read back as a part of the header, not as extra: two patients, a médecin traitant's
        # participant in a header without one, another templateId
        if name.namespace == _HL7 and read_as_part(element, given) is not None:
            raise InputError(
                f"'extra' holds header elements dmpcore does not model, written besides the header's fields "
                f"(got a <{name.localname}> at extra[{index}]: set the Header field that writes it instead)",
                code="dlu.field",
            )


#: the parts of the header that default to another when None (Header's docstring), and the part they default to
_DEFAULTS: Final = {
    "author_time": "effective_time",
    "signature_time": "effective_time",
    "attending_since": "effective_time",
    "service_start": "effective_time",
    "encounter_end": "effective_time",
    "performer": "author",
    "responsible_party": "author",
}


@attrs.frozen(kw_only=True, eq=False)
class Header:
    """Everything of a DLU-family document before its body.

    Several parts of the header default to others, so that a new document needs only the essentials.
    A part left None takes its default when the document is written:

    - ``author_time`` (``author/time``), ``signature_time`` (the legal authenticator's
      ``legalAuthenticator/time``), ``attending_since`` (the médecin traitant's
      ``participant/time/low``, a day or a time), ``service_start`` (``serviceEvent/effectiveTime/low``)
      and ``encounter_end`` (``encompassingEncounter/effectiveTime/high``) default to ``effective_time``;
      ``service_end`` and ``encounter_start`` are not written when None;
    - ``performer`` (``serviceEvent/performer``, whose organisation's sector is the XDS
      practiceSettingCode) and ``responsible_party`` (``encompassingEncounter/responsibleParty``)
      default to the ``author``.

    A header read by :func:`~dmpcore.cda.from_cda` holds every part as read, never None: a new
    ``effective_time`` or another author changes those parts only, not the times and people the
    document states on its own. A time the document does not give (a ``nullFlavor``, or no element
    where CDA lets it be left out) is read as an :class:`UnknownTime`, and written back so, not as
    ``effective_time``: the defaults are for headers built in code. Two headers are equal when they
    write the same document: a part left None equals its default given explicitly
    (:meth:`with_defaults`), so that what is written reads back equal.

    ``facility_type`` is the ``healthCareFacility/code`` (JDV_J02; for a DLU one of
    :class:`FacilityType`: ``FacilityType.ELDERLY_PEOPLE.code()``); ``attending_physician`` (the
    médecin traitant) is required by the DLU model; ``extra`` keeps header elements dmpcore does
    not model (re-emitted in schema order): an element the header writes once from its fields
    (``recordTarget``, ``id``, ``custodian``...) is refused there. Times are whole seconds (a fraction
    is dropped), with their UTC offset in whole minutes. ``effective_time`` and the service event's times are aware (the
    DMP's XDS metadata give them in UTC); the other times may be naive: a time a document gives
    without zone is read as such and written back without one.
    """

    id: Identifier
    set_id: Identifier
    version: int = attrs.field(default=1, validator=_version)
    title: str | None = attrs.field(default=None, validator=_optional_text)
    effective_time: dt.datetime = attrs.field(converter=whole_seconds, validator=_aware)
    confidentiality: Code = NORMAL_CONFIDENTIALITY
    patient: Patient
    author: Professional = attrs.field(validator=_sector("author"))
    author_time: dt.datetime | UnknownTime | None = attrs.field(
        default=None, converter=whole_seconds, validator=_or_unknown(checked_time)
    )
    custodian: Organization = attrs.field(validator=_custodian)
    legal_authenticator: Professional
    signature_time: dt.datetime | UnknownTime | None = attrs.field(
        default=None, converter=whole_seconds, validator=_or_unknown(checked_time)
    )
    attending_physician: Professional | None = None
    attending_since: dt.date | dt.datetime | UnknownTime | None = attrs.field(
        default=None, converter=whole_seconds, validator=_or_unknown(checked_day_or_time)
    )
    emergency_contact: RelatedPerson | None = None
    trusted_person: RelatedPerson | None = None
    service_start: dt.datetime | UnknownTime | None = attrs.field(
        default=None, converter=whole_seconds, validator=_or_unknown(_aware)
    )
    service_end: dt.datetime | UnknownTime | None = attrs.field(
        default=None,
        converter=_written_if_given,
        validator=[_or_unknown(_aware), _ordered("service_start", "service_end")],
    )
    performer: Professional | None = attrs.field(default=None, validator=_sector("performer"))
    encounter_start: dt.datetime | UnknownTime | None = attrs.field(
        default=None, converter=_written_if_given, validator=_or_unknown(checked_time)
    )
    encounter_end: dt.datetime | UnknownTime | None = attrs.field(
        default=None, converter=whole_seconds, validator=_ordered("encounter_start", "encounter_end")
    )
    responsible_party: Professional | None = None
    facility_type: Code
    extra: tuple[RawXml, ...] = attrs.field(default=(), validator=_unmodelled)
    origin: Origin | None = attrs.field(default=None, eq=False, repr=False)

    def with_defaults(self) -> Header:
        """This header with every part left None given its default explicitly: the header as it is written.

        >>> from dmpcore.dlu import example_dlu
        >>> header = example_dlu().header
        >>> header.author_time, header.with_defaults().author_time == header.effective_time
        (None, True)
        >>> header.with_defaults() == header
        True
        """
        changes = {name: getattr(self, source) for name, source in _DEFAULTS.items() if getattr(self, name) is None}
        return attrs.evolve(self, **changes) if changes else self

    def _written(self) -> tuple[object, ...]:
        """The values of every part as written (a part left None: its default); origin excluded."""
        return tuple(
            getattr(self, source) if (source := _DEFAULTS.get(name)) and getattr(self, name) is None else value
            for name, value in ((field.name, getattr(self, field.name)) for field in _COMPARED)
        )

    def __eq__(self, other: object) -> bool:
        if other.__class__ is not self.__class__:
            return NotImplemented
        return self is other or self._written() == other._written()

    def __hash__(self) -> int:
        return hash(self._written())

    @property
    def service_performer(self) -> Professional:
        """The performer of the service event (``performer``, else the author)."""
        return self.performer or self.author

    @property
    def encounter_responsible(self) -> Professional:
        """The encounter's responsible party (``responsible_party``, else the author)."""
        return self.responsible_party or self.author


_COMPARED: Final = tuple(field for field in attrs.fields(Header) if field.eq)
