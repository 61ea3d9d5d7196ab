"""The entries of DLU-family sections (CI-SIS entry templates, ``1.2.250.1.213.1.1.3.*``).

Each class is one CI-SIS entry template; the sections that may hold it are listed in the
registry (:mod:`dmpcore.dlu._registry`). Every entry has an ``id`` (a fresh UUID by default)
and an ``origin`` (the XML it was parsed from, see :mod:`dmpcore.dlu._base`).
"""

from __future__ import annotations

import datetime as dt
import enum
from decimal import Decimal
from typing import Any

import attrs

from dmpcore.codes import Code
from dmpcore.dlu._base import (
    Identifier,
    Origin,
    RawXml,
    _optional_text,
    _text,
    before,
    checked_day_or_time,
    checked_time,
    derived_id,
    names_its_field,
    new_id,
    raw_element,
    whole_seconds,
)
from dmpcore.dlu._header import Organization
from dmpcore.errors import InputError

__all__ = [
    "ACT_STATUSES",
    "BMR_CODE",
    "AdvanceDirective",
    "Allergy",
    "AllergyKind",
    "AttachedDocument",
    "Attachment",
    "Disposition",
    "Entry",
    "ExternalDocument",
    "Observation",
    "PatientState",
    "Problem",
    "Procedure",
    "RawEntry",
    "Treatment",
    "Vaccination",
]

_SNOMED = "2.16.840.1.113883.6.96"
_CIS = "1.2.250.1.213.2.3.1"  # Code Identifiant de Spécialité (ANSM)


@names_its_field
def _cis(instance: object, attribute: attrs.Attribute[Code], value: Code) -> None:
    # E_produitDeSante_fr.sch: the product of a substanceAdministration (manufacturedMaterial/code) is coded in CIS
    if value.code_system != _CIS:
        raise InputError(
            f"'{attribute.name}' must be coded in CIS ({_CIS}, E_produitDeSante_fr) (got {value.code_system!r})",
            code="dlu.product",
        )


@names_its_field
def _dates_in_order(instance: object, attribute: attrs.Attribute[dt.date | None], value: dt.date | None) -> None:
    start = getattr(instance, "start", None)
    if value is not None and start is not None and value < start:
        raise InputError(f"'end' ({value}) must not be before 'start' ({start})", code="dlu.dates")


@names_its_field
def _no_sector(instance: object, attribute: attrs.Attribute[Organization], value: Organization) -> None:
    # FR-Disposition: the hospital is a participantRole/playingEntity, which has no standardIndustryClassCode
    if value.sector is not None:
        raise InputError(
            f"the preferred hospital has no sector (participantRole has no standardIndustryClassCode) "
            f"(got {value.sector.code!r})",
            code="dlu.hospital",
        )


#: HL7 ActStatus codes (statusCode of acts, procedures and concerns; CDA R2 datatypes)
ACT_STATUSES = frozenset(
    {"normal", "aborted", "active", "cancelled", "completed", "held", "new", "suspended", "nullified", "obsolete"}
)


@names_its_field
def _act_status(instance: object, attribute: attrs.Attribute[Any], value: str | None) -> None:
    if value is not None and value not in ACT_STATUSES:
        expected = ", ".join(sorted(ACT_STATUSES))
        raise InputError(f"'{attribute.name}' must be an HL7 ActStatus ({expected}) (got {value!r})", code="dlu.status")


def default_concern_status(end: dt.date | None) -> str:
    """The statusCode of a concern act whose entry ends on *end* (IHE PCC concern entry: completed once ended)."""
    return "completed" if end is not None else "active"


def concern_of(item: Problem | Allergy) -> tuple[Identifier, str]:
    """The id and statusCode of the concern act around *item*, as written (its own, or the defaults)."""
    return item.concern_id or derived_id(item.id, "concern"), item.concern_status or default_concern_status(item.end)


def _canonical_concern(item: Problem | Allergy) -> None:
    # one form for one document: a concern id or status equal to its default is None (written the same way)
    ident, status = derived_id(item.id, "concern"), default_concern_status(item.end)
    if item.concern_id == ident:
        object.__setattr__(item, "concern_id", None)
    if item.concern_status == status:
        object.__setattr__(item, "concern_status", None)


@attrs.frozen(kw_only=True)
class Disposition:
    """FR-Disposition (``1.2.250.1.213.1.1.3.97``): the preferred hospital (établissement de santé de préférence)."""

    hospital: Organization = attrs.field(validator=_no_sector)
    id: Identifier = attrs.field(factory=new_id)
    origin: Origin | None = attrs.field(default=None, eq=False, repr=False)


@attrs.frozen(kw_only=True)
class Problem:
    """FR-Probleme in a FR-Liste-des-problemes (``1.2.250.1.213.1.1.3.37``/``.39``): a pathology (CIM-10 code).

    ``concern_id`` and ``concern_status`` are those of the concern act around it (IHE PCC Problem
    Concern Entry); None: an id derived from ``id``, and ``completed`` when ``end`` is known, else
    ``active`` (a value equal to that default is stored as None: the status of a concern left to its
    default follows ``end``). The official FLUDR and FR-SU examples write a completed concern without
    an end. The problems of one concern act share its id (see :class:`~dmpcore.dlu.Origin`).
    """

    code: Code
    start: dt.date | None = None
    end: dt.date | None = attrs.field(default=None, validator=_dates_in_order)
    concern_id: Identifier | None = None
    concern_status: str | None = attrs.field(default=None, validator=_act_status)
    id: Identifier = attrs.field(factory=new_id)
    origin: Origin | None = attrs.field(default=None, eq=False, repr=False)

    def __attrs_post_init__(self) -> None:
        _canonical_concern(self)


class AllergyKind(enum.Enum):
    """The type of an allergy or intolerance (SNOMED CT, as in the CI-SIS example)."""

    FOOD = ("414285001", "allergie alimentaire")
    DRUG = ("416098002", "allergie médicamenteuse")
    OTHER = ("419199007", "allergie à une substance")

    def code(self) -> Code:
        """This kind as a :class:`~dmpcore.codes.Code`."""
        return Code(code=self.value[0], code_system=_SNOMED, display=self.value[1])


@attrs.frozen(kw_only=True)
class Allergy:
    """FR-Allergie-ou-hypersensibilite (``1.2.250.1.213.1.1.3.41``): the kind of reaction and the agent.

    ``reaction`` is the observation's ``value``: the reaction observed (the official 2021 DLU codes it in
    CIM-10, ``L27.2`` "Dermite due à l'ingestion d'aliments"); None when not given (written with
    ``nullFlavor="NI"``, never as an empty code). ``concern_id`` and ``concern_status`` are those of
    the FR-Liste-des-allergies-et-hypersensibilites concern act around it (IHE PCC Allergy and
    Intolerance Concern), as for :class:`Problem`.
    """

    agent: Code
    kind: Code = attrs.field(factory=AllergyKind.OTHER.code)
    reaction: Code | None = None
    start: dt.date | None = None
    end: dt.date | None = attrs.field(default=None, validator=_dates_in_order)
    concern_id: Identifier | None = None
    concern_status: str | None = attrs.field(default=None, validator=_act_status)
    id: Identifier = attrs.field(factory=new_id)
    origin: Origin | None = attrs.field(default=None, eq=False, repr=False)

    def __attrs_post_init__(self) -> None:
        _canonical_concern(self)


@names_its_field
def _positive_dose(instance: object, attribute: attrs.Attribute[Decimal | None], value: Decimal | None) -> None:
    if value is not None and not (isinstance(value, Decimal) and value.is_finite() and value > 0):
        raise InputError(f"'{attribute.name}' must be a positive Decimal (got {value!r:.30})", code="dlu.dose")


@names_its_field
def _unit_with_dose(instance: object, attribute: attrs.Attribute[str | None], value: str | None) -> None:
    # FR-Traitement writes doseQuantity/low and high, and maxDoseQuantity/numerator, with their @unit (UCUM):
    # a dose says what it counts
    quantities = getattr(instance, "dose", None), getattr(instance, "max_dose", None)
    if all(quantity is None for quantity in quantities) != (value is None):
        raise InputError(
            "a dose and its unit go together: 'dose' (or 'max_dose') with 'dose_unit' (UCUM, '{count}' for a unit "
            f"count) or neither (got dose={quantities[0]!r}, max_dose={quantities[1]!r}, dose_unit={value!r:.20})",
            code="dlu.dose",
        )


@names_its_field
def _positive_hours(instance: object, attribute: attrs.Attribute[int | None], value: int | None) -> None:
    if value is not None and (isinstance(value, bool) or not isinstance(value, int) or value < 1):
        raise InputError(f"'{attribute.name}' must be an integer >= 1 (got {value!r:.20})", code="dlu.period")


@names_its_field
def _dose_range(instance: object, attribute: attrs.Attribute[Decimal | None], value: Decimal | None) -> None:
    dose = getattr(instance, "dose", None)
    if value is not None and (dose is None or value < dose):
        raise InputError(f"'dose_high' ({value}) needs a 'dose' not above it (got {dose})", code="dlu.dose")


@names_its_field
def _max_dose(instance: object, attribute: attrs.Attribute[int | None], value: int | None) -> None:
    if (value is None) != (getattr(instance, "max_dose", None) is None):
        raise InputError("'max_dose' and 'max_dose_period_hours' go together (got only one)", code="dlu.dose")


@names_its_field
def _max_dose_unit(instance: object, attribute: attrs.Attribute[str | None], value: str | None) -> None:
    dose_unit = getattr(instance, "dose_unit", None)
    if value is not None and (getattr(instance, "max_dose", None) is None or value == dose_unit):
        raise InputError(
            f"'max_dose_unit' is the unit of a 'max_dose' that is not counted in 'dose_unit' (leave it None "
            f"otherwise) (got max_dose_unit={value!r:.20}, dose_unit={dose_unit!r:.20})",
            code="dlu.dose",
        )


@names_its_field
def _with_period(instance: object, attribute: attrs.Attribute[bool], value: bool) -> None:
    if value and getattr(instance, "period_hours", None) is None:
        raise InputError(
            "'institution_specified' qualifies a period: it needs 'period_hours' (got None)", code="dlu.period"
        )


@attrs.frozen(kw_only=True)
class Treatment:
    """FR-Traitement (``1.2.250.1.213.1.1.3.42``): a long-term treatment.

    ``medication`` is coded in CIS (the kit refuses any other code system); ``dose`` in ``dose_unit``
    (a unit of the kit's UCUM list: ``mg``, ``mL``..., or ``{count}`` for a unit count; the kit's list
    has no ``1``) taken every ``period_hours`` hours. A dose range goes from ``dose`` to ``dose_high``
    (``doseQuantity/low`` and ``high``; None: exactly ``dose``); ``max_dose`` (in ``max_dose_unit``,
    None: in ``dose_unit``) is the most that may be taken in ``max_dose_period_hours`` hours
    (``maxDoseQuantity``), e.g. 1 to 2 ``{count}`` tablets, at most 3000 ``mg`` a day.
    ``institution_specified``: the period's times are the establishment's (the PIVL_TS's
    ``institutionSpecified="true"``: "every 8 h" at the rounds, not at exact hours); the official
    examples do not say it (False).
    """

    medication: Code = attrs.field(validator=_cis)
    start: dt.date | None = None
    end: dt.date | None = attrs.field(default=None, validator=_dates_in_order)
    dose: Decimal | None = attrs.field(default=None, validator=_positive_dose)
    dose_high: Decimal | None = attrs.field(default=None, validator=[_positive_dose, _dose_range])
    dose_unit: str | None = attrs.field(default=None, validator=[_optional_text, _unit_with_dose])
    period_hours: int | None = attrs.field(default=None, validator=_positive_hours)
    max_dose: Decimal | None = attrs.field(default=None, validator=_positive_dose)
    max_dose_period_hours: int | None = attrs.field(default=None, validator=[_positive_hours, _max_dose])
    max_dose_unit: str | None = attrs.field(default=None, validator=[_optional_text, _max_dose_unit])
    institution_specified: bool = attrs.field(default=False, validator=_with_period)
    id: Identifier = attrs.field(factory=new_id)
    origin: Origin | None = attrs.field(default=None, eq=False, repr=False)


@names_its_field
def _not_before_start(instance: object, attribute: attrs.Attribute[Any], value: dt.date | None) -> None:
    checked_day_or_time(instance, attribute, value)
    start = getattr(instance, "start", None)
    if value is not None and start is not None and before(value, start):
        raise InputError(f"'end' ({value}) must not be before 'start' ({start})", code="dlu.dates")


@attrs.frozen(kw_only=True)
class ExternalDocument:
    """A document an entry refers to (``reference[@typeCode='REFR']/externalDocument``, CCD Reference
    ``2.16.840.1.113883.10.20.1.36``): its ``id`` and its ``address`` (``text/reference/@value``, where it is kept)."""

    id: Identifier
    address: str | None = attrs.field(default=None, validator=_optional_text)


@attrs.frozen(kw_only=True)
class AdvanceDirective:
    """FR-Directive-anticipee (``1.2.250.1.213.1.1.3.54``): whether the resident has written advance directives.

    ``start`` and ``end`` are its effectiveTime (a day or a time each; None: ``low`` unknown, no ``high``).
    ``reference`` is the directives document itself, when the entry refers to it (the official DLU:
    ``FB56FC8D-...`` at ``ftp://ftp.ihe.net/advancedirectives/durand#124/``).
    """

    exists: bool
    start: dt.date | dt.datetime | None = attrs.field(
        default=None, converter=whole_seconds, validator=checked_day_or_time
    )
    end: dt.date | dt.datetime | None = attrs.field(default=None, converter=whole_seconds, validator=_not_before_start)
    reference: ExternalDocument | None = None
    id: Identifier = attrs.field(factory=new_id)
    origin: Origin | None = attrs.field(default=None, eq=False, repr=False)


@attrs.frozen(kw_only=True)
class Procedure:
    """FR-Acte (``1.2.250.1.213.1.1.3.62``): an act, done or not (``performed``); e.g. palliative care.

    Without ``code`` the act is the uncoded placeholder that the CI-SIS coded-results section
    carries (``code/@nullFlavor='NA'``; the official FLUDT writes it ``cancelled``). ``status`` is
    the act's statusCode (HL7 ActStatus), ``time`` its effectiveTime (None: unknown).
    """

    code: Code | None = None
    performed: bool = True
    status: str = attrs.field(default="completed", validator=_act_status)
    time: dt.datetime | None = attrs.field(default=None, converter=whole_seconds, validator=checked_time)
    id: Identifier = attrs.field(factory=new_id)
    origin: Origin | None = attrs.field(default=None, eq=False, repr=False)

    @classmethod
    def palliative_care(cls, performed: bool) -> Procedure:
        """Soins palliatifs (SNOMED CT 103735009), in progress or not."""
        return cls(code=Code(code="103735009", code_system=_SNOMED, display="Soins palliatifs"), performed=performed)


class PatientState(enum.Enum):
    """The observations of JDV_ObservationEtatPatient (``1.2.250.1.213.1.1.5.514``), SNOMED CT."""

    CAN_ALERT = ("288575003", "capable de communiquer", "peut alerter")
    ORIENTED = ("247663003", "bien orienté", "orienté")
    DISORIENTED = ("62476001", "désorienté(e)", "désorienté")
    AGITATED = ("24199005", "sensation d'agitation", "agité")
    OPPOSING = ("248043008", "comportement non-conciliant", "opposant")
    SUICIDE_RISK = ("425104003", "comportement suicidaire", "risque suicidaire")
    VISUAL_IMPAIRMENT = ("397540003", "malvoyance", "handicap visuel")
    HEARING_IMPAIRMENT = ("15188001", "perte auditive", "handicap auditif")
    LANGUAGE_DISORDER = ("62305002", "trouble du langage", "trouble du langage")
    FALLS = ("161898004", "chutes", "chutes")
    WANDERING = ("50239007", "errance", "déambulation")
    RUNNING_AWAY = ("248046000", "fugue", "fugue")
    RESTRAINT = ("386423001", "contention physique", "contention")
    PRESSURE_ULCER_RISK = ("285304000", "à risque d'escarre", "risque d'escarre")
    ASPIRATION_RISK = ("249492002", "fausse route alimentaire", "risque de fausse route")

    @property
    def label(self) -> str:
        """The French label printed in narratives."""
        return self.value[2]

    def code(self) -> Code:
        """This observation's code."""
        return Code(code=self.value[0], code_system=_SNOMED, display=self.value[1])

    @classmethod
    def from_code(cls, code: Code) -> PatientState | None:
        """The state named by *code*, or None."""
        return _STATE_BY_CODE.get((code.code, code.code_system))


_STATE_BY_CODE = {(state.value[0], _SNOMED): state for state in PatientState}

#: multi-resistant bacteria carriage (CIM-10 U83.71), the observation of the DLU exam-results section
BMR_CODE = Code(code="U83.71", code_system="2.16.840.1.113883.6.3", display="Bactérie multirésistante [BMR]")


@attrs.frozen(kw_only=True)
class Observation:
    """FR-Simple-Observation (``1.2.250.1.213.1.1.3.48``) with a yes/no value, at ``time`` (None: not given)."""

    code: Code
    value: bool
    time: dt.datetime | None = attrs.field(default=None, converter=whole_seconds, validator=checked_time)
    id: Identifier = attrs.field(factory=new_id)
    origin: Origin | None = attrs.field(default=None, eq=False, repr=False)

    @classmethod
    def state(cls, state: PatientState, present: bool = True) -> Observation:
        """An observation of the resident's state (JDV_ObservationEtatPatient)."""
        return cls(code=state.code(), value=present)

    @classmethod
    def multi_resistant_bacteria(cls, carrier: bool) -> Observation:
        """Whether the resident carries a multi-resistant bacteria (BMR)."""
        return cls(code=BMR_CODE, value=carrier)

    @property
    def label(self) -> str:
        """The French label of the observation."""
        state = PatientState.from_code(self.code)
        if state is not None:
            return state.label
        return self.code.display or self.code.code


@attrs.frozen(kw_only=True)
class Vaccination:
    """FR-Vaccination (``1.2.250.1.213.1.1.3.45``): a vaccine given (CIS code), with date and lot."""

    vaccine: Code = attrs.field(validator=_cis)
    date: dt.date | None = None
    lot_number: str | None = attrs.field(default=None, validator=_optional_text)
    id: Identifier = attrs.field(factory=new_id)
    origin: Origin | None = attrs.field(default=None, eq=False, repr=False)


@attrs.frozen(kw_only=True)
class Attachment:
    """An embedded file (``observationMedia``): the bytes and their media type (PDF in the DLU)."""

    data: bytes = attrs.field(repr=lambda data: f"<{len(data)} bytes>")
    media_type: str = attrs.field(default="application/pdf", validator=_text)


@attrs.frozen(kw_only=True)
class AttachedDocument:
    """FR-Document-attache (``1.2.250.1.213.1.1.3.18``): a checklist item (JDV_ChecklistDLU) and its file.

    The CI-SIS entry requires the file (``observationMedia``): every checklist item carries one.
    ``type_id`` and ``time`` are the id and effectiveTime of its document-type observation
    (None: an id derived from ``id``, stored as None when given equal to it; no time).
    """

    document_type: Code
    attachment: Attachment
    type_id: Identifier | None = None
    time: dt.datetime | None = attrs.field(default=None, converter=whole_seconds, validator=checked_time)
    id: Identifier = attrs.field(factory=new_id)
    origin: Origin | None = attrs.field(default=None, eq=False, repr=False)

    def __attrs_post_init__(self) -> None:
        if self.type_id == derived_id(self.id, "type"):
            object.__setattr__(self, "type_id", None)


@attrs.frozen(kw_only=True)
class RawEntry:
    """An entry dmpcore does not model, kept as XML and re-emitted as is."""

    raw: RawXml = attrs.field(validator=raw_element("entry"))


# the liaison sheets' entries (FLUDT, FLUDR, FT-SU, FR-SU) share this one union
from dmpcore.dlu._sheet_entries import (  # noqa: E402
    CodedObservation,
    FunctionalStatus,
    LastIntake,
    PatientTransfer,
    PersonalItem,
    SiteObservation,
    TimeObservation,
    VitalSigns,
)

Entry = (
    Disposition
    | Problem
    | Allergy
    | Treatment
    | LastIntake
    | AdvanceDirective
    | Procedure
    | Observation
    | Vaccination
    | AttachedDocument
    | CodedObservation
    | TimeObservation
    | SiteObservation
    | FunctionalStatus
    | PersonalItem
    | VitalSigns
    | PatientTransfer
    | RawEntry
)
