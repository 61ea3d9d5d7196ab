"""The vocabulary of the visibility engine: credentials, categories, modes, viewers and documents."""

from __future__ import annotations

import enum
from collections.abc import Iterable
from datetime import date, datetime

import attrs

from dmpcore.codes import Code
from dmpcore.consent import Party
from dmpcore.visibility._errors import InvalidAccessInput
from dmpcore.visibility._inputs import items_of
from dmpcore.visibility._restrictions import Restriction

__all__ = ["Category", "Credential", "Document", "Mode", "Viewer", "ViewerKind"]


class Credential(enum.Enum):
    """How a professional authenticates to the DMP (seed 000 §1.4.1.3 and §1.4.2.1)."""

    #: Carte de Professionnel de Santé: nominative card of a health professional
    CPS = "CPS"
    #: e-CPS: the CPS in mobile form, through Pro Santé Connect
    E_CPS = "e-CPS"
    #: Carte de Personnel d'Établissement: creates and feeds a DMP, never consults it
    CPE = "CPE"
    #: Certificat Serveur Applicatif: a server of the structure, acting for an identified professional
    CSA = "CSA"


class Category(enum.Enum):
    """What a professional is, as far as DMP access goes (CSP L1111-17, L1111-18)."""

    HEALTH_PROFESSIONAL = "health_professional"
    #: a medico-social professional registered in RPPS+ with a role GENR08..GENR12 (TRE_R22)
    MEDICO_SOCIAL = "medico_social"
    #: médecin du travail: excluded, then allowed with the worker's express consent (loi 2021-1018)
    OCCUPATIONAL_PHYSICIAN = "occupational_physician"
    #: médecin conseil of a health insurance fund: never (L1111-18)
    INSURANCE_MEDICAL_OFFICER = "insurance_medical_officer"
    #: insurer or mutual: never (L1111-18)
    INSURER = "insurer"
    #: employer: never (L1111-18)
    EMPLOYER = "employer"


class Mode(enum.Enum):
    """The access mode of a professional (CSP L1111-17)."""

    #: with the patient's authorisation (or as médecin traitant)
    NORMAL = "normal"
    #: emergency with the patient unable to consent, unless they opposed it beforehand
    BRIS_DE_GLACE = "bris_de_glace"
    #: the SAMU / Centre 15 regulator, unless the patient opposed it beforehand
    REGULATION = "regulation"


class ViewerKind(enum.Enum):
    """Who is looking: the patient, one of their representatives, or a professional."""

    PATIENT = "patient"
    REPRESENTATIVE = "representative"
    PROFESSIONAL = "professional"


def _fail(message: str, code: str = "visibility.viewer") -> InvalidAccessInput:
    return InvalidAccessInput(message, code=code)


def _check_id(name: str, value: object) -> None:
    if not isinstance(value, str) or not value.strip():
        raise _fail(f"'{name}' must be a non-empty str, got {type(value).__name__}")


def _check_member(name: str, value: object, kind: type[enum.Enum]) -> None:
    if not isinstance(value, kind):
        raise _fail(f"'{name}' must be a {kind.__name__} member, got {value!r:.40}")


@attrs.frozen(kw_only=True, cache_hash=True)
class Viewer:
    """Who looks at a document. Build it with :meth:`patient`, :meth:`representative` or :meth:`professional`.

    >>> Viewer.patient().kind
    <ViewerKind.PATIENT: 'patient'>
    >>> Viewer.professional("810001234567", authorized=True).credential
    <Credential.CPS: 'CPS'>
    """

    kind: ViewerKind
    party: Party | None = None
    professional_id: str | None = None
    credential: Credential | None = None
    category: Category | None = None
    mode: Mode = Mode.NORMAL
    authorized: bool = False
    treating_physician: bool = False
    regulator: bool = False
    express_consent: bool = False
    on_behalf_of: str | None = None
    role: str | None = None

    def __attrs_post_init__(self) -> None:
        _check_member("kind", self.kind, ViewerKind)
        if self.kind is ViewerKind.PROFESSIONAL:
            _check_professional(self)
            return
        professional_fields = (self.professional_id, self.credential, self.category, self.on_behalf_of, self.role)
        flags = (self.authorized, self.treating_physician, self.regulator, self.express_consent)
        if any(f is not None for f in professional_fields) or any(flags) or self.mode is not Mode.NORMAL:
            raise _fail(f"a {self.kind.value} viewer carries no professional field, credential, mode or flag")
        if self.kind is ViewerKind.PATIENT and self.party is not None:
            raise _fail("the patient viewer has no party: use Viewer.representative(party) for a representative")
        if self.kind is ViewerKind.REPRESENTATIVE:
            _check_member("party", self.party, Party)
            if self.party is Party.PATIENT:
                raise _fail("a representative cannot be Party.PATIENT: use Viewer.patient()")

    @classmethod
    def patient(cls) -> Viewer:
        """The patient, through their own channel (Mon espace santé, dmp.fr)."""
        return cls(kind=ViewerKind.PATIENT)

    @classmethod
    def representative(cls, party: Party) -> Viewer:
        """A representative (parents, tutor, curator, habilitated person, mandatary) on the patient's channel."""
        return cls(kind=ViewerKind.REPRESENTATIVE, party=party)

    @classmethod
    def professional(
        cls,
        professional_id: str,
        *,
        credential: Credential = Credential.CPS,
        category: Category = Category.HEALTH_PROFESSIONAL,
        mode: Mode = Mode.NORMAL,
        authorized: bool = False,
        treating_physician: bool = False,
        regulator: bool = False,
        express_consent: bool = False,
        on_behalf_of: str | None = None,
        role: str | None = None,
    ) -> Viewer:
        """A professional (or a structure's server, with ``credential=Credential.CSA`` and *on_behalf_of*).

        *professional_id* is the national id (``8`` + RPPS, ``0`` + ADELI, or the structure's id for a CSA);
        *on_behalf_of* the identified professional a CSA acts for; *authorized*: authorised by the patient or
        member of the care team; *treating_physician*: the médecin traitant; *regulator*: SAMU / Centre 15
        regulator; *express_consent*: the worker's express consent (occupational physician); *role*: the
        profession code (TRE_G15) or the RPPS+ role (TRE_R22 GENR08..GENR12) used by the habilitation matrix.
        """
        return cls(
            kind=ViewerKind.PROFESSIONAL,
            professional_id=professional_id,
            credential=credential,
            category=category,
            mode=mode,
            authorized=authorized,
            treating_physician=treating_physician,
            regulator=regulator,
            express_consent=express_consent,
            on_behalf_of=on_behalf_of,
            role=role,
        )

    @property
    def identities(self) -> frozenset[str]:
        """Every id a block may name: the viewer's own id and, for a CSA, the professional's (rule 5)."""
        return frozenset(i for i in (self.professional_id, self.on_behalf_of) if i is not None)

    @property
    def nominative_id(self) -> str | None:
        """The identified professional who looks: *on_behalf_of* for a CSA, else *professional_id*.

        Only this id can be a document's author (rule 7): a CSA deposit is signed by the establishment
        (seed 000 §1.4.2.1), so the structure's id never makes its staff authors. ``None`` for a CSA acting
        for nobody (denied by rule 4) and for the patient side.

        >>> Viewer.professional("1330000001", credential=Credential.CSA, on_behalf_of="810001234567").nominative_id
        '810001234567'
        """
        if self.credential is Credential.CSA:
            return self.on_behalf_of
        return self.professional_id


def _check_professional(viewer: Viewer) -> None:
    _check_id("professional_id", viewer.professional_id)
    _check_member("credential", viewer.credential, Credential)
    _check_member("category", viewer.category, Category)
    _check_member("mode", viewer.mode, Mode)
    if viewer.party is not None:
        raise _fail("a professional viewer has no party")
    for name in ("authorized", "treating_physician", "regulator", "express_consent"):
        if not isinstance(getattr(viewer, name), bool):
            raise _fail(f"'{name}' must be a bool, got {getattr(viewer, name)!r:.20}")
    if viewer.on_behalf_of is not None:
        _check_on_behalf_of(viewer)
    if viewer.role is not None:
        _check_id("role", viewer.role)
    # The médecin traitant (CSS L162-5-3) and the SAMU regulator are physicians acting as health professionals.
    if (viewer.treating_physician or viewer.regulator) and viewer.category is not Category.HEALTH_PROFESSIONAL:
        raise _fail(f"treating_physician and regulator apply to health professionals only, got {viewer.category}")


def _check_on_behalf_of(viewer: Viewer) -> None:
    # Only an organisation certificate acts for someone else (seed 000 §1.4.1.3, §1.4.2.1); CPS, e-CPS and CPE
    # are nominative: an on_behalf_of there would let a card claim another professional's authorship.
    if viewer.credential is not Credential.CSA:
        raise _fail(
            f"'on_behalf_of' applies to a CSA only, got {viewer.credential}: CPS, e-CPS and CPE cards are nominative"
        )
    _check_id("on_behalf_of", viewer.on_behalf_of)
    if viewer.on_behalf_of == viewer.professional_id:
        raise _fail("a CSA acts for an identified professional: 'on_behalf_of' must differ from the structure's id")


def _as_date(name: str, value: object) -> date:
    if isinstance(value, datetime):
        return value.date()
    if not isinstance(value, date):
        raise InvalidAccessInput(f"'{name}' must be a date, got {type(value).__name__}", code="visibility.document")
    return value


def _restriction_set(value: Iterable[Restriction | str]) -> frozenset[Restriction]:
    if isinstance(value, str | Restriction):
        value = (value,)
    if value.__class__ is frozenset and all(r.__class__ is Restriction for r in value):
        return value
    found = items_of(value, name="restrictions", noun="Restriction members or codes", code="visibility.document")
    # from_code raises InvalidConfidentialityCode for anything that is not a known code, a str or not
    return frozenset(r if isinstance(r, Restriction) else Restriction.from_code(r) for r in found)  # type: ignore[arg-type]


def _deposited_on(value: object) -> date:
    return _as_date("deposited_on", value)


def _lifted_on(value: object) -> date | None:
    return None if value is None else _as_date("lifted_on", value)


def _optional_id(instance: object, attribute: attrs.Attribute[str | None], value: str | None) -> None:
    if value is not None and (not isinstance(value, str) or not value.strip()):
        raise InvalidAccessInput(
            f"'{attribute.name}' must be None or a non-empty str, got {value!r:.20}", code="visibility.document"
        )


def _type_code(value: object) -> object:
    # the XDS typeCode may come as a Code (LOINC); the matrix reads its code
    return value.code if isinstance(value, Code) else value


@attrs.frozen(kw_only=True, cache_hash=True)
class Document:
    """A document of the DMP, as the visibility rules see it (keyword arguments only).

    ``author_id=None`` means deposited by the patient; ``lifted_on`` is when a professional made an
    INVISIBLE_PATIENT document visible to the patient (read only beside INVISIBLE_PATIENT: on another document
    it is history and changes no decision); ``type_code`` is the XDS ``typeCode`` (LOINC) that the
    habilitation matrix reads (a :class:`~dmpcore.codes.Code` is accepted for it). Restrictions may be given as
    members or codes (aliases accepted).

    >>> doc = Document(deposited_on=date(2025, 2, 1), restrictions={"INVISIBLE_REP_LEGAUX"})
    >>> doc.restrictions
    frozenset({<Restriction.INVISIBLE_REPRESENTANTS_LEGAUX: 'INVISIBLE_REPRESENTANTS_LEGAUX'>})
    """

    deposited_on: date = attrs.field(converter=_deposited_on)
    restrictions: frozenset[Restriction] = attrs.field(default=frozenset(), converter=_restriction_set)
    author_id: str | None = attrs.field(default=None, validator=_optional_id)
    lifted_on: date | None = attrs.field(default=None, converter=_lifted_on)
    type_code: str | None = attrs.field(default=None, converter=_type_code, validator=_optional_id)

    def __attrs_post_init__(self) -> None:
        if self.lifted_on is not None and self.lifted_on < self.deposited_on:
            raise InvalidAccessInput(
                f"lifted_on ({self.lifted_on}) cannot precede deposited_on ({self.deposited_on})",
                code="visibility.document",
            )

    @property
    def by_patient(self) -> bool:
        """Whether the patient deposited the document (no professional author)."""
        return self.author_id is None
