"""Entries of the liaison sheets (FLUDT, FLUDR 2022.01; DLU-FT-SU, DLU-FR-SU 2025.01).

The sheets reuse the DLU's entries (:class:`~dmpcore.dlu.Observation` for yes/no facts such as
the persons informed, :class:`~dmpcore.dlu.Problem` for the discharge diagnosis,
:class:`~dmpcore.dlu.Treatment` for the discharge treatments) and add the ones below. Sources: the
volet schematrons of the ANS kit (``CI-SIS_DLU-*.sch`` and their ``include/`` files), the entry
schematrons (``E_*``) and the official examples.
"""

from __future__ import annotations

import datetime as dt
import enum
from decimal import Decimal
from typing import Any

import attrs

from dmpcore import oids
from dmpcore.codes import Code
from dmpcore.dlu._base import Identifier, Origin, before, checked_time, names_its_field, new_id
from dmpcore.dlu._header import Organization
from dmpcore.errors import InputError, mask
from dmpcore.identity import NationalId, parse_national_id

__all__ = [
    "CONSCIOUSNESS_FLUDT",
    "LAST_MEAL",
    "LAST_USUAL_TREATMENT",
    "PAIN",
    "REASON_FOR_TRANSFER",
    "REASON_FOR_TRANSPORT",
    "CodedObservation",
    "Consciousness",
    "DocumentGiven",
    "FunctionalStatus",
    "InformedParty",
    "LastIntake",
    "PatientTransfer",
    "PersonalItem",
    "ReturnOutcome",
    "SiteObservation",
    "TimeObservation",
    "VitalSign",
    "VitalSignKind",
    "VitalSigns",
]

_LOINC = "2.16.840.1.113883.6.1"
_SNOMED = "2.16.840.1.113883.6.96"
_CIM10 = "2.16.840.1.113883.6.3"
_CISIS = "1.2.250.1.213.1.1.4.322"  # TerminologieCISIS
_PARTICIPATION_FUNCTION = "2.16.840.1.113883.5.88"
_EMDN = "1.2.250.1.213.2.68"

#: FLUDT event observation: reason for the transfer to the emergency department (S_ResultatsEvenements_DLU-FLUDT.sch)
REASON_FOR_TRANSFER = Code(
    code="57277-6", code_system=_LOINC, display="Motif du transfert vers le service des urgences"
)
#: FLUDR event observation: reason for the transport back (S_ResultatsEvenements_DLU-FLUDR.sch)
REASON_FOR_TRANSPORT = Code(code="15515-0", code_system=_LOINC, display="Motif du transport")
#: date and time of the last meal (FLUDT functional status, FT-SU physical function; S_FonctionsPhysiques_DLU-FT-SU)
LAST_MEAL = Code(code="GEN-244", code_system=_CISIS, display="Date et heure du dernier repas")
#: date and time of the last intake of the usual treatment (FT-SU; S_FonctionsPhysiques_DLU-FT-SU.sch)
LAST_USUAL_TREATMENT = Code(
    code="GEN-370", code_system=_CISIS, display="Date et heure de la dernière prise du traitement habituel"
)
#: recent pain (CIM-10 R52.9), with its location as the observation's target site
PAIN = Code(code="R52.9", code_system=_CIM10, display="Douleur, sans précision")


# a time with its offset in whole minutes, or without zone as the official FT-SU writes some (dlu._base)
_aware = checked_time


def _after_start(instance: object, attribute: attrs.Attribute[Any], value: dt.datetime | None) -> None:
    _aware(instance, attribute, value)
    start = getattr(instance, "start", None)
    if value is not None and start is not None and before(value, start):
        raise InputError(f"'end' ({value}) must not be before 'start' ({start})", code="dlu.dates")


def _until(instance: object, attribute: attrs.Attribute[Any], value: dt.datetime | None) -> None:
    _aware(instance, attribute, value)
    time = getattr(instance, "time", None)
    if value is not None and (time is None or before(value, time)):
        raise InputError(f"'until' ({value}) needs a 'time' not after it (got {time})", code="dlu.dates")


class _CodedEnum(enum.Enum):
    """An enum of codes: ``value`` is (code, code system, display)."""

    def code(self) -> Code:
        """This member as a :class:`~dmpcore.codes.Code`."""
        code, system, display = self.value
        return Code(code=code, code_system=system, display=display)

    @property
    def label(self) -> str:
        """The French label printed in narratives."""
        return str(self.value[2])


class InformedParty(_CodedEnum):
    """Persons and structures informed of the transfer or the return (section FR-Personnes-Structures-informees).

    FT-SU requires CENTRE_15, EMERGENCY_DEPARTMENT, ATTENDING_PHYSICIAN and RELATIVES
    (S_PersonnesStructuresInformees_DLU-FT-SU.sch); FR-SU requires ORIGIN_FACILITY,
    ATTENDING_PHYSICIAN and RELATIVES (S_PersonnesStructuresInformees_DLU-FR-SU.sch). Each is an
    :class:`~dmpcore.dlu.Observation` whose value says whether the party was informed.
    """

    CENTRE_15 = ("ORG-214", _CISIS, "Centre 15")
    EMERGENCY_DEPARTMENT = ("225728007", _SNOMED, "service des urgences")
    ATTENDING_PHYSICIAN = ("PCP", _PARTICIPATION_FUNCTION, "Médecin traitant")
    RELATIVES = ("ORG-223", _CISIS, "Entourage du patient")
    ORIGIN_FACILITY = ("ORG-222", _CISIS, "Etablissement d’origine")


class DocumentGiven(_CodedEnum):
    """Documents handed to the patient on return (FR-SU section FR-Documents-remis-au-patient)."""

    PERSONAL_ITEMS_LIST = ("GEN-414", _CISIS, "Liste des prothèses et objets personnels")
    PRESCRIPTIONS = ("GEN-415", _CISIS, "Prescriptions")


class Consciousness(_CodedEnum):
    """State of consciousness (FT-SU FR-Statut-fonctionnel, S_FonctionsPhysiques_DLU-FT-SU.sch)."""

    AWAKE = ("MED-1301", _CISIS, "Conscient et éveillé")
    ROUSABLE = ("MED-1302", _CISIS, "Eveillable")
    UNROUSABLE = ("MED-1303", _CISIS, "Non éveillable")


#: FLUDT state of consciousness, as exam results (S_ResultatsExamens_DLU-FLUDT.sch): DLU_002, DLU_003, DLU_004
CONSCIOUSNESS_FLUDT = {
    Consciousness.AWAKE: Code(code="DLU_002", code_system=_CISIS, display="Conscient et éveillé"),
    Consciousness.ROUSABLE: Code(code="DLU_003", code_system=_CISIS, display="Eveillable"),
    Consciousness.UNROUSABLE: Code(code="DLU_004", code_system=_CISIS, display="Non éveillable"),
}


class ReturnOutcome(_CodedEnum):
    """Where the patient goes after the emergency department (S_ResultatsEvenements_DLU-FR-SU.sch)."""

    BACK_TO_FACILITY = ("ORG-216", _CISIS, "Retour vers l'EHPAD")
    BACK_HOME = ("160849004", _SNOMED, "retour au domicile")
    OTHER_FACILITY = ("19712007", _SNOMED, "transfert vers une structure plus adaptée")


class VitalSignKind(_CodedEnum):
    """The vital signs of the sheets (LOINC), with their UCUM unit as a fourth element."""

    PULSE = ("8867-4", _LOINC, "Fréquence cardiaque", "/min")
    TEMPERATURE = ("8310-5", _LOINC, "Température corporelle", "Cel")
    WEIGHT = ("29463-7", _LOINC, "Poids", "kg")
    SYSTOLIC = ("8480-6", _LOINC, "Pression artérielle systolique", "mm[Hg]")
    DIASTOLIC = ("8462-4", _LOINC, "Pression artérielle diastolique", "mm[Hg]")

    def code(self) -> Code:
        """This vital sign's LOINC code."""
        return Code(code=self.value[0], code_system=self.value[1], display=self.value[2])

    @property
    def unit(self) -> str:
        """The UCUM unit the sheets use."""
        return str(self.value[3])


@attrs.frozen(kw_only=True)
class CodedObservation:
    """FR-Simple-Observation (``1.2.250.1.213.1.1.3.48``) whose value is a code or free text.

    The reason for the transfer (FLUDT, :data:`REASON_FOR_TRANSFER`), for the transport back
    (FLUDR, :data:`REASON_FOR_TRANSPORT`) or the outcome of the stay (FR-SU, :class:`ReturnOutcome`).
    ``text`` is printed in the narrative and referenced by the value's ``originalText``.
    """

    code: Code
    value: Code | None = None
    text: str | None = None
    time: dt.datetime | None = attrs.field(default=None, validator=_aware)
    id: Identifier = attrs.field(factory=new_id)
    origin: Origin | None = attrs.field(default=None, eq=False, repr=False)

    @classmethod
    def transfer_reason(cls, text: str, time: dt.datetime | None = None) -> CodedObservation:
        """FLUDT: the reason for the transfer to the emergency department, as free text."""
        return cls(code=REASON_FOR_TRANSFER, text=text, time=time)

    @classmethod
    def outcome(
        cls, outcome: ReturnOutcome, text: str | None = None, time: dt.datetime | None = None
    ) -> CodedObservation:
        """FR-SU: where the patient goes after the emergency department."""
        return cls(code=outcome.code(), text=text, time=time)


@names_its_field
def _time_only(instance: object, attribute: attrs.Attribute[bool], value: bool) -> None:
    time = getattr(instance, "time", None)
    if value and (time is None or getattr(instance, "value", None) != time):
        raise InputError(
            f"'time_only' writes the time in the effectiveTime alone: it needs 'value' == 'time' (got "
            f"value={getattr(instance, 'value', None)}, time={time})",
            code="dlu.time",
        )


@attrs.frozen(kw_only=True)
class TimeObservation:
    """FR-Simple-Observation whose value is a date and time (last meal, last intake of the usual treatment).

    ``value`` None: not known (written with a null flavor); ``time`` the observation's effectiveTime
    (None: not given). The official FT-SU writes the sheet's time there and the asked time in the
    value; the official FLUDT writes the last meal's time there, with a ``REAL nullFlavor="NA"``
    value: ``time_only`` (then ``value`` is that time too, as it is read).
    """

    code: Code
    value: dt.datetime | None = attrs.field(default=None, validator=_aware)
    time: dt.datetime | None = attrs.field(default=None, validator=_aware)
    time_only: bool = attrs.field(default=False, validator=_time_only)
    id: Identifier = attrs.field(factory=new_id)
    origin: Origin | None = attrs.field(default=None, eq=False, repr=False)


@attrs.frozen(kw_only=True)
class LastIntake:
    """FR-Traitement of the FLUDT (``1.2.250.1.213.1.1.3.42``, moodCode EVN, product not coded): the last intake.

    The FLUDT carries "date et heure de la dernière prise du traitement habituel" in its treatments
    section as an uncoded medication given at ``time`` (None: not known); ``until`` is the end of
    that intake when the sheet gives it as an interval (the official example: 12:00 to 12:01).
    """

    time: dt.datetime | None = attrs.field(default=None, validator=_aware)
    until: dt.datetime | None = attrs.field(default=None, validator=_until)
    id: Identifier = attrs.field(factory=new_id)
    origin: Origin | None = attrs.field(default=None, eq=False, repr=False)


@attrs.frozen(kw_only=True)
class SiteObservation:
    """FR-Simple-Observation with a yes/no value and a body site (``targetSiteCode``): recent pain and where."""

    code: Code = PAIN
    value: bool = True
    site: Code
    time: dt.datetime | None = attrs.field(default=None, validator=_aware)
    id: Identifier = attrs.field(factory=new_id)
    origin: Origin | None = attrs.field(default=None, eq=False, repr=False)


@attrs.frozen(kw_only=True)
class FunctionalStatus:
    """FR-Statut-fonctionnel (``1.2.250.1.213.1.1.3.25``): a functional observation, e.g. the state of consciousness."""

    code: Code
    value: bool = True
    time: dt.datetime | None = attrs.field(default=None, validator=_aware)
    id: Identifier = attrs.field(factory=new_id)
    origin: Origin | None = attrs.field(default=None, eq=False, repr=False)

    @classmethod
    def consciousness(cls, state: Consciousness) -> FunctionalStatus:
        """FT-SU: the state of consciousness."""
        return cls(code=state.code())


#: HL7 V3 NullFlavor codes (CDA R2 datatypes)
_NULL_FLAVORS = frozenset(
    {"NI", "INV", "DER", "OTH", "NINF", "PINF", "UNC", "MSK", "NA", "UNK", "ASKU", "NAV", "NASK", "QS", "TRC", "NP"}
)


@names_its_field
def _site_null_flavor(instance: object, attribute: attrs.Attribute[Any], value: str | None) -> None:
    if value is None:
        return
    if value not in _NULL_FLAVORS or getattr(instance, "site", None) is not None:
        raise InputError(
            f"'{attribute.name}' is an HL7 null flavor ({', '.join(sorted(_NULL_FLAVORS))}) for a site not given "
            f"(got {value!r:.20} with site={getattr(instance, 'site', None)!r:.60})",
            code="dlu.site",
        )


@attrs.frozen(kw_only=True)
class PersonalItem:
    """FR-Prothese-ou-objet-personnel (``1.2.250.1.213.1.1.3.12``): a prosthesis or personal object the patient has.

    ``code`` from JDV_ProtheseObjetPersonnel (EMDN devices or ``GEN-092.02.01`` other object, then
    described in ``text``); ``site`` e.g. upper or lower for dentures, left or right for hearing aids;
    ``site_null_flavor`` the HL7 null flavor of a site not given (the official sheets write
    ``targetSiteCode nullFlavor="NASK"``, not asked, for glasses and other objects; None: no targetSiteCode).
    """

    code: Code
    present: bool = True
    site: Code | None = None
    site_null_flavor: str | None = attrs.field(default=None, validator=_site_null_flavor)
    text: str | None = None
    time: dt.datetime | None = attrs.field(default=None, validator=_aware)
    id: Identifier = attrs.field(factory=new_id)
    origin: Origin | None = attrs.field(default=None, eq=False, repr=False)

    @classmethod
    def glasses(cls) -> PersonalItem:
        """Glasses (EMDN Q021003)."""
        return cls(
            code=Code(code="Q021003", code_system=_EMDN, display="LUNETTES PRÊTES À PORTER (OU LUNETTES MONTÉES)")
        )

    @classmethod
    def dentures(cls, site: Code | None = None) -> PersonalItem:
        """Dentures (EMDN P0102), upper or lower as ``site``."""
        return cls(code=Code(code="P0102", code_system=_EMDN, display="PROTHÈSES DENTAIRES"), site=site)

    @classmethod
    def hearing_aid(cls, site: Code | None = None) -> PersonalItem:
        """A hearing aid (EMDN Y2145), left or right as ``site``."""
        return cls(
            code=Code(code="Y2145", code_system=_EMDN, display="DISPOSITIFS ACCOUSTIQUES D'AIDE À L'AUDITION"),
            site=site,
        )

    @classmethod
    def other(cls, text: str) -> PersonalItem:
        """Another personal object, described in free text (GEN-092.02.01)."""
        return cls(
            code=Code(code="GEN-092.02.01", code_system=_CISIS, display="Autre dispositif ou objet personnel"),
            text=text,
        )


@attrs.frozen(kw_only=True)
class VitalSign:
    """FR-Signe-vital-observe (``1.2.250.1.213.1.1.3.50``): one measurement (LOINC code, value, UCUM unit)."""

    code: Code
    value: Decimal
    unit: str
    id: Identifier = attrs.field(factory=new_id)

    @classmethod
    def of(cls, kind: VitalSignKind, value: Decimal | int | str) -> VitalSign:
        """A measurement of *kind* in the sheets' unit."""
        return cls(code=kind.code(), value=Decimal(value), unit=kind.unit)


@attrs.frozen(kw_only=True)
class VitalSigns:
    """FR-Signes-vitaux (``1.2.250.1.213.1.1.3.49``): the measurements taken at one time."""

    time: dt.datetime = attrs.field(validator=_aware)
    signs: tuple[VitalSign, ...]
    id: Identifier = attrs.field(factory=new_id)
    origin: Origin | None = attrs.field(default=None, eq=False, repr=False)

    def __attrs_post_init__(self) -> None:
        if not self.signs:
            raise InputError(
                "vital signs need at least one measurement (FR-Signe-vital-observe [1..*])", code="dlu.vitals"
            )


def _as_identifier(value: object) -> object:
    """A :class:`~dmpcore.identity.NationalId` (e.g. from ``organisation_id(finess=...)``) as an Identifier."""
    return Identifier(root=value.root, extension=value.extension) if isinstance(value, NationalId) else value


@names_its_field
def _organisation_id(instance: object, attribute: attrs.Attribute[Any], value: Identifier | None) -> None:
    # E_patientTransfer_int.sch: participant/templateId root='1.2.250.1.71.4.2.2' at most once; the official
    # FLUDT, FLUDR and FR-SU carry the destination's FINESS there ('1' + FINESS, ANS Annuaire santé)
    if value is None:
        return
    if not isinstance(value, Identifier) or value.root != oids.NATIONAL_ORGANISATION_ID or value.extension is None:
        got = (
            f"root {value.root!r:.60}, extension {mask(value.extension)}"
            if isinstance(value, Identifier)
            else mask(value)
        )
        raise InputError(
            f"'{attribute.name}' must be a national organisation id ({oids.NATIONAL_ORGANISATION_ID} with an "
            f"extension, e.g. organisation_id(finess=...)) (got {got})",
            code="dlu.transfer.national-id",
        )
    parse_national_id(value.root, value.extension)


@attrs.frozen(kw_only=True)
class PatientTransfer:
    """FR-Transfert-du-patient (``1.2.250.1.213.1.1.3.28``): the transfer to a destination establishment.

    ``destination`` the establishment (id, name, address, telecoms; E_patientTransfer_int.sch requires
    its id); ``destination_type`` its category (JDV_J02, e.g. SA01 public hospital, SA17 EHPAD;
    required: ``participantRole/code``); ``destination_national_id`` its national id (``1`` + FINESS
    under ``1.2.250.1.71.4.2.2``; a :class:`~dmpcore.identity.NationalId` is accepted), written as
    the participant's ``templateId`` as in the official FLUDT, FLUDR and FR-SU (None: not written).
    """

    start: dt.datetime = attrs.field(validator=_aware)
    end: dt.datetime | None = attrs.field(default=None, validator=_after_start)
    destination: Organization
    destination_type: Code
    destination_national_id: Identifier | None = attrs.field(
        default=None, converter=_as_identifier, validator=_organisation_id
    )
    id: Identifier = attrs.field(factory=new_id)
    origin: Origin | None = attrs.field(default=None, eq=False, repr=False)

    def __attrs_post_init__(self) -> None:
        if self.destination.id is None or self.destination.name is None:
            raise InputError(
                "the transfer destination needs an id and a name (E_patientTransfer_int.sch)", code="dlu.transfer"
            )
