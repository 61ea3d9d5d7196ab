"""Hypothesis strategies shared by the test suite."""

from __future__ import annotations

from hypothesis import strategies as st
from stdnum.fr import nir

__all__ = ["dlu_documents", "dlu_documents_with_raw_xml", "nir_bodies", "sheet_documents", "valid_ins_values"]

_DEPARTMENTS = st.one_of(
    st.integers(1, 95).map(lambda n: f"{n:02d}"),
    st.sampled_from(["2A", "2B", "97", "98", "99"]),
)


@st.composite
def nir_bodies(draw: st.DrawFn) -> str:
    """The 13 characters of a realistic NIR: sex, year, month, department, commune, serial."""
    sex = draw(st.sampled_from("1278"))
    year = draw(st.integers(0, 99))
    month = draw(st.sampled_from([*range(1, 13), 20, 30, 50]))
    department = draw(_DEPARTMENTS)
    commune = draw(st.integers(1, 990 if department not in ("97", "98") else 99))
    serial = draw(st.integers(1, 999))
    width = 3 if department not in ("97", "98") else 2
    place = f"{department}{commune:0{width}d}" if width == 3 else f"{department}{commune:02d}0"
    return f"{sex}{year:02d}{month:02d}{place}{serial:03d}"[:13]


def valid_ins_values() -> st.SearchStrategy[str]:
    """15-character INS values with a correct key."""
    return nir_bodies().map(lambda body: body + nir.calc_check_digits(body + "00"))


# --- visibility (dmpcore.visibility) -------------------------------------------------------------------------
from datetime import date as _date  # noqa: E402
from datetime import timedelta as _timedelta  # noqa: E402

import dmpcore.consent as _consent  # noqa: E402
import dmpcore.visibility as _vis  # noqa: E402

__all__ += [
    "access_contexts",
    "admitted_professionals",
    "birthday",
    "dmp_documents",
    "dmp_viewers",
    "eval_dates",
    "policies",
    "represented_situations_on",
    "situations_on",
]

#: the small pool of professional ids drawn by the visibility strategies, so that authors and blocks collide
PROFESSIONAL_IDS = ("810000000001", "810000000002", "810000000003")
#: the establishment whose CSA signs its deposits (seed 000 §1.4.2.1): an author and a block too
STRUCTURE_ID = "1330000001"
_ALL_IDS = (*PROFESSIONAL_IDS, STRUCTURE_ID)


def birthday(birth: _date, years: int) -> _date:
    """The *years*-th birthday (1 March for 29 February in a common year), as dmpcore.consent counts it."""
    try:
        return birth.replace(year=birth.year + years)
    except ValueError:
        return _date(birth.year + years, 3, 1)


def eval_dates() -> st.SearchStrategy[_date]:
    """Evaluation dates inside the model (from 2016-07-07)."""
    return st.dates(_date(2016, 7, 7), _date(2040, 12, 31))


_REPRESENTING_MEASURES = (
    _consent.Measure.TUTELLE,
    _consent.Measure.HABILITATION_FAMILIALE,
    _consent.Measure.MANDAT_PROTECTION_FUTURE,
)


def _birth_near_18(draw: st.DrawFn, on: _date) -> _date:
    eighteen = on - _timedelta(days=draw(st.integers(-40, 40)))
    return _date(eighteen.year - 18, eighteen.month, min(eighteen.day, 28))


@st.composite
def situations_on(draw: st.DrawFn, on: _date) -> _consent.LegalSituation:
    """A legal situation valid on *on*, with birth dates crowded around the 18th birthday."""
    birth = _birth_near_18(draw, on) if draw(st.booleans()) else draw(st.dates(_date(1915, 1, 1), on))
    if on >= birthday(birth, 18):
        measure = draw(st.sampled_from(list(_consent.Measure)))
        represents: bool | None = None
        if measure in _REPRESENTING_MEASURES:
            represents = draw(st.sampled_from([None, True, False]))
        return _consent.LegalSituation(
            birth, measure=measure, represents_person=represents, can_express_will=draw(st.booleans())
        )
    sixteen = on >= birthday(birth, 16)
    kind = draw(st.sampled_from(["minor", "tutelle", "emancipated"] if sixteen else ["minor", "tutelle"]))
    return _consent.LegalSituation(birth, minor_under_tutelle=kind == "tutelle", emancipated=kind == "emancipated")


@st.composite
def represented_situations_on(draw: st.DrawFn, on: _date) -> _consent.LegalSituation:
    """A situation valid on *on* in which a representative has PORTAL_ACCESS: mostly minors, many near 18.

    Minors (parents), minors under tutelle (tutor) and adults whose measure represents the person (tutor,
    habilitated person, mandatary): the cases where rule 2 lets a representative through.
    """
    kind = draw(st.sampled_from(["minor", "minor", "minor_near_18", "tutelle", "adult"]))
    if kind == "adult":
        birth = draw(st.dates(_date(1915, 1, 1), on - _timedelta(days=18 * 366)))
        measure = draw(st.sampled_from(_REPRESENTING_MEASURES))
        return _consent.LegalSituation(
            birth, measure=measure, represents_person=True, can_express_will=draw(st.booleans())
        )
    # born on the first day that keeps the child a minor on *on*, or later
    youngest_adult = birthday(on, -18)
    if kind == "minor_near_18":
        birth = youngest_adult + _timedelta(days=draw(st.integers(1, 40)))
    else:
        birth = draw(st.dates(youngest_adult + _timedelta(days=1), on))
    return _consent.LegalSituation(birth, minor_under_tutelle=kind == "tutelle")


def policies() -> st.SearchStrategy[_vis.Policy]:
    """Policies with every switch drawn, and often a restrictive habilitation matrix (for every role)."""
    matrices = st.sampled_from(
        [
            _vis.HabilitationMatrix.unrestricted(),
            _vis.HabilitationMatrix.from_mapping({"GENR10": {"74207-2"}, "10": None}, source="test", default=set()),
            _vis.HabilitationMatrix.from_mapping({"GENR10": {"74207-2"}}, source="test", default={"11488-4"}),
        ]
    )
    return st.builds(
        _vis.Policy,
        cumul_invisible_patient_masque_ps=st.booleans(),
        masked_visible_in_emergency=st.booleans(),
        occupational_physician_access_from=st.sampled_from([_date(2022, 3, 31), None, _date(2016, 7, 7)]),
        habilitations=matrices,
    )


@st.composite
def access_contexts(
    draw: st.DrawFn,
    *,
    policy: st.SearchStrategy[_vis.Policy] | None = None,
    represented: bool = False,
) -> _vis.AccessContext:
    """An access context: a situation valid on its date, blocks from the id pool, oppositions, a policy.

    *represented*: the situation gives PORTAL_ACCESS to a representative (:func:`represented_situations_on`).
    """
    on = draw(eval_dates())
    situation = represented_situations_on(on) if represented else situations_on(on)
    return _vis.AccessContext(
        situation=draw(situation),
        on=on,
        blocked=draw(st.frozensets(st.sampled_from(_ALL_IDS), max_size=2)),
        opposed_bris_de_glace=draw(st.booleans()),
        opposed_regulation=draw(st.booleans()),
        policy=draw(policy if policy is not None else st.just(_vis.Policy())),
    )


@st.composite
def dmp_documents(
    draw: st.DrawFn,
    on: _date,
    *,
    including: st.SearchStrategy[_vis.Restriction] | None = None,
    born: _date = _date.min,
) -> _vis.Document:
    """A document deposited around *on*, often about one month before it (the INVISIBLE_PATIENT delay).

    *including*: a restriction the document always carries, on top of the ones drawn; *born*: the patient's
    birth date, before which no document is deposited (dmpcore.visibility refuses one).
    """
    # around the INVISIBLE_PATIENT delay, around *on* itself (the day before, that day, or not yet), or any time
    days_before = draw(st.one_of(st.integers(25, 35), st.sampled_from([1, 0, -1, -2]), st.integers(-3, 400)))
    deposited = max(on - _timedelta(days=days_before), _date(2016, 7, 7), born)
    lifted = draw(st.one_of(st.none(), st.integers(0, 40).map(lambda d: deposited + _timedelta(days=d))))
    restrictions = draw(st.frozensets(st.sampled_from(list(_vis.Restriction))))
    if including is not None:
        restrictions |= {draw(including)}
    return _vis.Document(
        deposited_on=deposited,
        restrictions=restrictions,
        author_id=draw(st.one_of(st.none(), st.sampled_from(_ALL_IDS))),
        lifted_on=lifted,
        type_code=draw(st.sampled_from([None, "74207-2", "11488-4"])),
    )


def _credential_ids(draw: st.DrawFn, credential: _vis.Credential) -> tuple[str, str | None]:
    """The viewer's id and, for a CSA, the professional it acts for (sometimes nobody)."""
    if credential is _vis.Credential.CSA:
        return STRUCTURE_ID, draw(st.one_of(st.none(), st.sampled_from(PROFESSIONAL_IDS)))
    return draw(st.sampled_from(PROFESSIONAL_IDS)), None


@st.composite
def _professionals(draw: st.DrawFn) -> _vis.Viewer:
    category = draw(st.sampled_from(list(_vis.Category)))
    health = category is _vis.Category.HEALTH_PROFESSIONAL
    credential = draw(st.sampled_from(list(_vis.Credential)))
    professional_id, on_behalf_of = _credential_ids(draw, credential)
    return _vis.Viewer.professional(
        professional_id,
        credential=credential,
        category=category,
        mode=draw(st.sampled_from(list(_vis.Mode))),
        authorized=draw(st.booleans()),
        treating_physician=health and draw(st.booleans()),
        regulator=health and draw(st.booleans()),
        express_consent=draw(st.booleans()),
        on_behalf_of=on_behalf_of,
        role=draw(st.sampled_from([None, "10", "GENR08", "GENR10", "GENR12"])),
    )


def dmp_viewers() -> st.SearchStrategy[_vis.Viewer]:
    """Any viewer: the patient, a representative of any party, or any professional."""
    representatives = st.sampled_from([p for p in _consent.Party if p is not _consent.Party.PATIENT]).map(
        _vis.Viewer.representative
    )
    return st.one_of(st.just(_vis.Viewer.patient()), representatives, _professionals())


def _open_modes(context: _vis.AccessContext) -> list[_vis.Mode]:
    """The modes rule 6 lets through in *context* (the patient's oppositions close the emergency ones)."""
    modes = [_vis.Mode.NORMAL]
    if not context.opposed_bris_de_glace:
        modes.append(_vis.Mode.BRIS_DE_GLACE)
    if not context.opposed_regulation:
        modes.append(_vis.Mode.REGULATION)
    return modes


def _open_categories(context: _vis.AccessContext) -> list[_vis.Category]:
    """The categories rule 1 lets through on ``context.on`` (with consent, or a valid RPPS+ role)."""
    categories = [_vis.Category.HEALTH_PROFESSIONAL] * 3
    start = context.policy.occupational_physician_access_from
    if start is not None and context.on >= start:
        categories.append(_vis.Category.OCCUPATIONAL_PHYSICIAN)
    if context.on >= _vis.MEDICO_SOCIAL_ROLES["GENR08"].valid_from:
        categories.append(_vis.Category.MEDICO_SOCIAL)
    return categories


@st.composite
def admitted_professionals(draw: st.DrawFn, context: _vis.AccessContext) -> _vis.Viewer:
    """A professional that passes every viewer-level rule (1, 4, 5, 6) in *context*: only documents decide.

    Nominative card or a CSA acting for a professional, not blocked, an open category and mode, authorised
    (or médecin traitant) in normal mode; ids from the pool, so that they often are the document's author.
    """
    category = draw(st.sampled_from(_open_categories(context)))
    credentials = [_vis.Credential.CPS, _vis.Credential.E_CPS]
    if STRUCTURE_ID not in context.blocked:
        credentials.append(_vis.Credential.CSA)
    credential = draw(st.sampled_from(credentials))
    professional_id = draw(st.sampled_from([i for i in PROFESSIONAL_IDS if i not in context.blocked]))
    fields: dict[str, Any] = {"credential": credential, "category": category, "authorized": True}
    if credential is _vis.Credential.CSA:
        professional_id, fields["on_behalf_of"] = STRUCTURE_ID, professional_id
    if category is _vis.Category.OCCUPATIONAL_PHYSICIAN:
        fields.update(express_consent=True, authorized=draw(st.booleans()))
    elif category is _vis.Category.MEDICO_SOCIAL:
        fields["role"] = draw(st.sampled_from(sorted(_vis.MEDICO_SOCIAL_ROLES)))
    else:
        fields.update(_health_fields(draw, context))
    return _vis.Viewer.professional(professional_id, **fields)


def _health_fields(draw: st.DrawFn, context: _vis.AccessContext) -> dict[str, Any]:
    mode = draw(st.sampled_from(_open_modes(context)))
    treating = draw(st.booleans())
    return {
        "mode": mode,
        "treating_physician": treating,
        # normal mode needs the authorisation unless the médecin traitant looks (rule 6)
        "authorized": (mode is _vis.Mode.NORMAL and not treating) or draw(st.booleans()),
        "regulator": mode is _vis.Mode.REGULATION or draw(st.booleans()),
        "role": draw(st.sampled_from([None, "10"])),
    }


# --- consent (dmpcore.consent) -------------------------------------------------------------------------------

from datetime import date, timedelta  # noqa: E402
from typing import Any  # noqa: E402

from dmpcore.consent import LegalSituation, Measure  # noqa: E402

__all__ += ["evaluation_dates", "situation_inputs", "valid_situations_on"]

#: the dates the consent model covers, both regimes, and the years after
EVALUATION_START, EVALUATION_END = date(2016, 7, 7), date(2070, 12, 31)


def evaluation_dates() -> st.SearchStrategy[date]:
    """Dates the consent model covers (from 2016-07-07), across both regimes and their boundary."""
    return st.one_of(
        st.dates(EVALUATION_START, EVALUATION_END),
        st.sampled_from([EVALUATION_START, date(2021, 12, 31), date(2022, 1, 1)]),
    )


def situation_inputs() -> st.SearchStrategy[dict[str, Any]]:
    """Any keyword arguments of LegalSituation with the right types, consistent or not."""
    return st.fixed_dictionaries(
        {
            "birth_date": st.dates(date(1900, 1, 1), EVALUATION_END),
            "emancipated": st.booleans(),
            "minor_under_tutelle": st.booleans(),
            "measure": st.sampled_from(Measure),
            "represents_person": st.none() | st.booleans(),
            "can_express_will": st.booleans(),
        }
    )


_NO_REPRESENTATION = (Measure.NONE, Measure.SAUVEGARDE_DE_JUSTICE, Measure.CURATELLE, Measure.CURATELLE_RENFORCEE)


def _years_before(on: date, years: int) -> date:
    try:
        return on.replace(year=on.year - years)
    except ValueError:  # 29 February: the 28th is the last birth date that has its birthday by then
        return date(on.year - years, 2, 28)


def _birth_for_age(draw: st.DrawFn, on: date, low: int, high: int) -> date:
    """A birth date such that the person is at least *low* and under *high* years old on *on*."""
    return draw(st.dates(_years_before(on, high) + timedelta(days=1), _years_before(on, low)))


@st.composite
def valid_situations_on(draw: st.DrawFn) -> tuple[LegalSituation, date]:
    """A situation and a date at which it is consistent: every kind of adult, emancipated minor and minor."""
    on = draw(evaluation_dates())
    kind = draw(st.sampled_from(["adult", "emancipated", "minor", "minor_under_tutelle"]))
    will = draw(st.booleans())
    if kind in ("minor", "minor_under_tutelle"):
        birth = _birth_for_age(draw, on, 0, 18)
        return LegalSituation(birth, minor_under_tutelle=kind != "minor", can_express_will=will), on
    measure = draw(st.sampled_from(Measure))
    represents = draw(st.sampled_from([None, False] if measure in _NO_REPRESENTATION else [None, False, True]))
    birth = _birth_for_age(draw, on, 16, 18) if kind == "emancipated" else _birth_for_age(draw, on, 18, 110)
    situation = LegalSituation(
        birth, emancipated=kind == "emancipated", measure=measure, represents_person=represents, can_express_will=will
    )
    return situation, on


# --- DLU documents (dmpcore.dlu) -------------------------------------------------------------
# Realistic, fictitious French data; codes drawn from the value sets shipped with dmpcore.

import datetime as dt  # noqa: E402
import functools  # noqa: E402
from decimal import Decimal  # noqa: E402
from typing import TypeVar  # noqa: E402

import attrs  # noqa: E402

from dmpcore.codes import Code  # noqa: E402
from dmpcore.dlu import (  # noqa: E402
    SECTIONS,
    Address,
    AdvanceDirective,
    Allergy,
    AllergyKind,
    AttachedDocument,
    Attachment,
    Disposition,
    Document,
    FacilityType,
    Header,
    Identifier,
    Observation,
    Organization,
    Patient,
    PatientState,
    PersonName,
    Problem,
    Procedure,
    Professional,
    RawEntry,
    RawSection,
    RawXml,
    RelatedPerson,
    Section,
    SectionKind,
    Sex,
    Telecom,
    Treatment,
    UnknownTime,
    Vaccination,
)
from dmpcore.identity import INS_NIR_TEST_OID, IdentityStatus, parse_ins  # noqa: E402
from dmpcore.valuesets import value_set  # noqa: E402

_FAMILY = [
    "MARTIN",
    "BERNARD",
    "DUBOIS",
    "THOMAS",
    "ROBERT",
    "PETIT",
    "DURAND",
    "LEROY",
    "MOREAU",
    "LEFÈVRE",
    "GARNIER",
    "FAURE",
    "ROUSSEAU",
    "BLANC",
    "GUÉRIN",
    "MÜLLER",
    "N'DIAYE",
    "DE LA FONTAINE",
    "LE GALL",
]
_GIVEN = [
    "Jeanne",
    "Marie",
    "Louise",
    "Hélène",
    "Françoise",
    "Geneviève",
    "Jean",
    "Pierre",
    "André",
    "Léon",
    "Marcel",
    "Joël",
    "Anaïs",
    "Chloé",
    "Jean-Pierre",
    "Marie-Thérèse",
    "Zoé",
    "Loïc",
]
_STREETS = [
    "rue de la République",
    "avenue Jean-Jaurès",
    "place de l'Église",
    "chemin des Vignes",
    "rue Émile-Zola",
    "boulevard Victor-Hugo",
    "allée des Tilleuls",
]
_CITIES = [
    ("75007", "PARIS"),
    ("69003", "LYON"),
    ("13008", "MARSEILLE"),
    ("59000", "LILLE"),
    ("35000", "RENNES"),
    ("97200", "FORT-DE-FRANCE"),
    ("20000", "AJACCIO"),
    ("67000", "STRASBOURG"),
]
_CIM10 = [
    ("I48", "Fibrillation et flutter auriculaires"),
    ("F03", "Démence, sans précision"),
    ("E11", "Diabète sucré de type 2"),
    ("I10", "Hypertension essentielle (primitive)"),
    ("J44.9", "Maladie pulmonaire obstructive chronique, sans précision"),
    ("G30.9", "Maladie d'Alzheimer"),
    ("N18.3", "Maladie rénale chronique, stade 3"),
    ("S72.0", "Fracture du col du fémur"),
]
_AGENTS = [
    ("J01C", "2.16.840.1.113883.6.73", "Pénicillines"),
    ("N02BE01", "2.16.840.1.113883.6.73", "Paracétamol"),
    ("XM7VB5", "2.16.840.1.113883.6.347", "Mollusques et crustacés"),
    ("XM5DJ7", "2.16.840.1.113883.6.347", "Paracétamol"),
]
_MEDICATIONS = [
    ("60234100", "ELIQUIS 2,5 mg, comprimé pelliculé"),
    ("66207744", "DOLIPRANE 500 mg, gélule"),
    ("68496001", "AMPICILLINE PANPHARMA 500 mg"),
    ("61266250", "KARDEGIC 75 mg, poudre"),
    ("64793681", "LEVOTHYROX 50 µg, comprimé sécable"),
]
_VACCINES = [
    ("61402736", "VAXIGRIPTETRA, suspension injectable"),
    ("66229252", "PNEUMOVAX, solution injectable"),
    ("68747507", "VACCIN TETANIQUE PASTEUR"),
]
_COMMENTS = [
    "Résidente malentendante : parler lentement.",
    "Porte un appareil dentaire amovible.",
    "Refuse les soins le matin ; préférer l'après-midi.",
    "Famille très présente, prévenir la fille.",
    "Lunettes dans le tiroir de la table de nuit.",
    "Aucune information renseignée.",  # the text of the narrative's placeholder, as a note
    "  Deux lignes :\nla seconde après un retour  ",
]
_CIS = "1.2.250.1.213.2.3.1"
_FAMILIES = st.sampled_from(_FAMILY)
_GIVENS = st.sampled_from(_GIVEN)
_NUMBERS = st.integers(1, 99999)
_SEXES = st.sampled_from(Sex)
_BIRTH_DATES = st.dates(dt.date(1920, 1, 1), dt.date(1965, 12, 31))
_OTHER_BIRTH_PLACES = st.none() | st.just(Address(county="75056", city="PARIS"))
_DURATIONS = st.integers(60, 7200)
_UNKNOWN = st.integers(0, 9).map(lambda n: n == 0)  # one time in ten
_T = TypeVar("_T")
_VERSIONS = st.integers(1, 9) | st.integers(10, 2**31 - 1)
# None, the model's own title (stored as None) and another one
_TITLES = st.sampled_from([None, "Dossier de liaison d'urgence", "DLU de la résidente"])
_FACILITIES = st.sampled_from(FacilityType)
_INS_VALUES = valid_ins_values()
_TZ = st.sampled_from(
    [
        dt.timezone(dt.timedelta(hours=1)),
        dt.timezone(dt.timedelta(hours=2)),
        dt.UTC,
        dt.timezone(dt.timedelta(hours=5, minutes=30)),
        dt.timezone(-dt.timedelta(hours=3)),
    ]
)


@functools.cache
def _from(name: str) -> st.SearchStrategy[Code]:
    return st.sampled_from(value_set(name).codes)


@functools.cache
def french_names(*, title: bool = True) -> st.SearchStrategy[PersonName]:
    """Names of professionals and relatives (civilité and title from JDV_J245 / JDV_J246)."""
    return st.builds(
        PersonName,
        family=st.sampled_from(_FAMILY),
        given=st.none() | st.sampled_from(_GIVEN),
        prefix=st.none() | _from("JDV_J245_Civilite_CISIS").map(lambda c: c.code),
        suffix=st.none() | _from("JDV_J246_Titre_CISIS").map(lambda c: c.code) if title else st.none(),
    )


@functools.cache
def addresses() -> st.SearchStrategy[Address]:
    """French postal addresses, complete or with a part or two only."""
    return st.builds(
        lambda number, street, city, unit, postal, country, use: Address(
            house_number=number,
            street_name=street,
            unit_id=unit,
            postal_code=city[0] if postal else None,
            city=city[1],
            country=country,
            use=use,
        ),
        st.none() | st.integers(1, 250).map(str),
        st.none() | st.sampled_from(_STREETS),
        st.sampled_from(_CITIES),
        st.none() | st.sampled_from(["Bâtiment B", "Escalier A", "Résidence Les Lilas"]),
        st.booleans(),
        st.none() | st.just("FRANCE"),
        st.none() | st.sampled_from(["H", "WP"]),
    )


@functools.cache
def telecoms() -> st.SearchStrategy[tuple[Telecom, ...]]:
    """Zero to two French phone numbers."""
    phone = st.builds(
        lambda prefix, rest, use: Telecom(value=f"tel:0{prefix}{rest:08d}", use=use),
        st.sampled_from([1, 2, 4, 5, 6, 7]),
        st.integers(0, 99_999_999),
        st.none() | st.sampled_from(["H", "WP", "MC", "EC"]),
    )
    # dtr1-5-URL: never the same number twice with the same use
    return st.lists(phone, max_size=2, unique_by=lambda t: (t.value, t.use)).map(tuple)


@functools.cache
def _finess() -> st.SearchStrategy[Identifier]:
    return st.integers(10_000_000, 999_999_999).map(
        lambda n: Identifier(root="1.2.250.1.71.4.2.2", extension=f"1{n:09d}")
    )


@functools.cache
def organizations(*, sector: bool = True) -> st.SearchStrategy[Organization]:
    """Establishments identified by FINESS, with a sector from JDV_J04 when *sector*."""
    return st.builds(
        Organization,
        id=_finess(),
        name=st.sampled_from(["EHPAD Les Tilleuls", "EHPAD Saint-Joseph", "Résidence Les Glycines", "MAS Le Phare"]),
        address=st.none() | addresses(),
        telecoms=telecoms(),
        sector=_from("JDV_J04_XdsPracticeSettingCode_CISIS") if sector else st.none(),
    )


@functools.cache
def professionals(*, organization: bool = True) -> st.SearchStrategy[Professional]:
    """Health professionals with an RPPS id and a profession of JDV_J01."""
    professions = st.sampled_from(
        [c for c in value_set("JDV_J01_XdsAuthorSpecialty_CISIS").codes if c.code_system == "1.2.250.1.213.1.1.4.5"]
    )
    return st.builds(
        Professional,
        id=st.integers(0, 10**10 - 1).map(lambda n: Identifier(root="1.2.250.1.71.4.2.1", extension=f"81{n:010d}")),
        name=french_names(),
        profession=st.none() | professions,
        address=st.none() | addresses(),
        telecoms=telecoms(),
        organization=organizations() if organization else st.none() | organizations(),
    )


@functools.cache
def patients() -> st.SearchStrategy[Patient]:
    """Residents: a qualified identity with its INS, or a local id only (status then unknown to the document)."""

    @st.composite
    def build(draw: st.DrawFn) -> Patient:
        qualified = draw(st.booleans())
        family = draw(_FAMILIES)
        first = draw(_GIVENS).upper()
        return Patient(
            ins=parse_ins(draw(_INS_VALUES), INS_NIR_TEST_OID) if qualified else None,
            identity_status=IdentityStatus.QUALIFIED if qualified else None,
            local_id=Identifier(root="1.2.250.1.71.4.2.2.1750803447", extension=f"R{draw(_NUMBERS):05d}"),
            birth_family_name=family,
            first_birth_given_name=first,
            birth_given_names=f"{first} {draw(_GIVENS).upper()}"
            if qualified
            else (draw(st.booleans()) and first) or None,
            used_family_name=draw(st.none() | _FAMILIES),
            used_given_name=draw(st.none() | _GIVENS),
            sex=draw(_SEXES),
            birth_date=draw(_BIRTH_DATES),
            birth_place=Address(county="51215", city="DOMPREMY") if qualified else draw(_OTHER_BIRTH_PLACES),
            address=draw(st.none() | addresses()),
            telecoms=draw(telecoms()),
        )

    return build()


@functools.cache
def _times() -> st.SearchStrategy[dt.datetime]:
    """Aware times, some with microseconds (the model keeps whole seconds: dt.datetime.now() works)."""
    return st.builds(
        lambda day, seconds, micro, tz: (
            dt.datetime.combine(day, dt.time(), tz) + dt.timedelta(seconds=seconds, microseconds=micro)
        ),
        st.dates(dt.date(2022, 1, 1), dt.date(2030, 12, 31)),
        st.integers(0, 86_399),
        st.just(0) | st.integers(1, 999_999),
        _TZ,
    )


@functools.cache
def entry_times() -> st.SearchStrategy[dt.datetime | None]:
    """The time of an entry: none, aware (with microseconds, dropped by the model), or naive (a document's local
    time without zone, written back without one); years from 0001 (a TS has four digits of year)."""
    naive = st.datetimes(dt.datetime(1900, 1, 1), dt.datetime(2030, 12, 31))
    return st.none() | _times() | naive | st.datetimes(dt.datetime(1, 1, 1), dt.datetime(999, 12, 31))


def _around(draw: st.DrawFn, when: dt.datetime, *, before: bool = True, after: bool = False) -> dt.datetime | None:
    """None (the default: *when*), *when* itself, or a time shortly before or after it."""
    shifts = [0] + ([-1] if before else []) + ([1] if after else [])
    choice = draw(st.sampled_from(["none", *map(str, shifts)]))
    if choice == "none":
        return None
    return when + int(choice) * dt.timedelta(seconds=draw(_DURATIONS))


def _or_unknown(draw: st.DrawFn, value: _T) -> _T | UnknownTime:
    """*value*, or now and then a time the document does not know (a nullFlavor, written back so)."""
    return UnknownTime(null_flavor=draw(st.sampled_from(["UNK", "NI"]))) if draw(_UNKNOWN) else value


@functools.cache
def _relatives() -> st.SearchStrategy[RelatedPerson]:
    return st.builds(
        RelatedPerson,
        name=french_names(title=False),
        relationship=st.none() | _from("JDV_J11_RelationPatient_CISIS"),
        address=st.none() | addresses(),
        telecoms=telecoms(),
    )


@functools.cache
def _custodians() -> st.SearchStrategy[Organization]:
    return organizations(sector=False).filter(lambda org: len(org.telecoms) <= 1)


@functools.cache
def headers() -> st.SearchStrategy[Header]:
    """DLU headers of an EHPAD or another medico-social establishment."""

    @st.composite
    def build(draw: st.DrawFn) -> Header:
        when = draw(_times())
        root = "1.2.250.1.71.4.2.2.1750803447.1"
        number = draw(_NUMBERS)
        relative = _relatives()
        seconds = draw(st.none() | _DURATIONS)
        end = None if seconds is None else when + dt.timedelta(seconds=seconds)
        author = draw(professionals())
        others = st.none() | st.just(author) | professionals()
        return Header(
            id=Identifier(root=root, extension=f"DLU-{number}-1"),
            set_id=Identifier(root=root, extension=f"DLU-{number}"),
            version=draw(_VERSIONS),
            title=draw(_TITLES),
            effective_time=when,
            patient=draw(patients()),
            author=author,
            author_time=_around(draw, when),
            custodian=draw(_custodians()),
            legal_authenticator=draw(professionals(organization=False)),
            signature_time=_around(draw, when, after=True),
            attending_physician=draw(professionals(organization=False)),
            attending_since=_or_unknown(
                draw, draw(st.none() | st.dates(dt.date(1990, 1, 1), when.date())) or _around(draw, when)
            ),
            emergency_contact=draw(st.none() | relative),
            trusted_person=draw(st.none() | relative),
            service_start=_around(draw, when),
            service_end=_or_unknown(draw, end),
            performer=draw(others),
            encounter_start=_or_unknown(draw, _around(draw, when - dt.timedelta(days=1))),
            encounter_end=_or_unknown(draw, _around(draw, when, after=True)),
            responsible_party=draw(others),
            facility_type=draw(_FACILITIES).code(),
        )

    return build()


@functools.cache
def _periods() -> st.SearchStrategy[tuple[dt.date | None, dt.date | None]]:
    return st.tuples(
        st.none() | st.dates(dt.date(1990, 1, 1), dt.date(2025, 12, 31)), st.none() | st.integers(1, 3000)
    ).map(lambda pair: (pair[0], pair[0] + dt.timedelta(days=pair[1]) if pair[0] and pair[1] else None))


def _coded(items: list[tuple[str, str]], system: str) -> st.SearchStrategy[Code]:
    return st.sampled_from([Code(code=code, code_system=system, display=display) for code, display in items])


def _concerns() -> st.SearchStrategy[dict[str, Any]]:
    """The concern act's id (None: derived) and status: None (derived from the end) or completed, which the
    official FLUDR writes without an end (IHE PCC: a high, NA, then)."""
    return st.fixed_dictionaries(
        {
            "concern_id": st.none() | st.builds(Identifier, root=st.uuids().map(lambda u: str(u).upper())),
            "concern_status": st.none() | st.just("completed"),
        }
    )


@functools.cache
def problems() -> st.SearchStrategy[Problem]:
    """Pathologies coded in CIM-10."""
    return st.builds(
        lambda code, period, concern: Problem(code=code, start=period[0], end=period[1], **concern),
        _coded(_CIM10, "2.16.840.1.113883.6.3"),
        _periods(),
        _concerns(),
    )


@functools.cache
def allergies() -> st.SearchStrategy[Allergy]:
    """Allergies with their kind and agent."""
    agents = st.sampled_from([Code(code=c, code_system=s, display=d) for c, s, d in _AGENTS])
    return st.builds(
        lambda agent, kind, period, concern: Allergy(
            agent=agent, kind=kind.code(), start=period[0], end=period[1], **concern
        ),
        agents,
        st.sampled_from(AllergyKind),
        _periods(),
        _concerns(),
    )


@functools.cache
def treatments() -> st.SearchStrategy[Treatment]:
    """Long-term treatments (CIS codes) with an optional dosage: a dose or a dose range, a maximum per period."""
    return st.builds(
        lambda med, period, dose, more, unit, hours, most, most_unit, specified: Treatment(
            medication=med,
            start=period[0],
            end=period[1],
            dose=dose,
            dose_high=dose + more if dose is not None and more else None,
            dose_unit=unit if dose else None,
            period_hours=hours,
            max_dose=most[0] if dose is not None and most else None,
            max_dose_period_hours=most[1] if dose is not None and most else None,
            # e.g. tablets, at most 3000 mg a day
            max_dose_unit=most_unit if dose is not None and most and most_unit != unit else None,
            institution_specified=specified and hours is not None,
        ),
        _coded(_MEDICATIONS, _CIS),
        _periods(),
        st.none() | st.sampled_from([Decimal("0.25"), Decimal("0.5"), Decimal("1"), Decimal("1.50"), Decimal("2.5")]),
        st.none() | st.sampled_from([Decimal("1"), Decimal("2")]),
        st.sampled_from(["{count}", "mg", "mL"]),
        st.none() | st.sampled_from([4, 6, 8, 12, 24]),
        st.none() | st.tuples(st.sampled_from([Decimal("4"), Decimal("6")]), st.sampled_from([24, 168])),
        st.none() | st.sampled_from(["mg", "mL"]),
        st.booleans(),
    )


@functools.cache
def vaccinations() -> st.SearchStrategy[Vaccination]:
    """Vaccinations (CIS codes)."""
    return st.builds(
        Vaccination,
        vaccine=_coded(_VACCINES, _CIS),
        date=st.none() | st.dates(dt.date(2000, 1, 1), dt.date(2025, 12, 31)),
        lot_number=st.none() | st.integers(1000, 999999).map(lambda n: f"L{n}"),
    )


@functools.cache
def observations() -> st.SearchStrategy[tuple[Observation, ...]]:
    """State and risk observations of JDV_ObservationEtatPatient, each state at most once."""
    states = st.lists(st.sampled_from(PatientState), unique=True, min_size=1, max_size=8)
    return st.builds(
        lambda items, values, times: tuple(
            attrs.evolve(Observation.state(s, v), time=t) for s, v, t in zip(items, values, times, strict=False)
        ),
        states,
        st.lists(st.booleans(), min_size=8, max_size=8),
        st.lists(entry_times(), min_size=8, max_size=8),
    )


@functools.cache
def attached_documents() -> st.SearchStrategy[AttachedDocument]:
    """Checklist items of JDV_ChecklistDLU with a small embedded PDF."""
    return st.builds(
        AttachedDocument,
        document_type=_from("JDV_ChecklistDLU_CISIS"),
        attachment=st.binary(min_size=1, max_size=64).map(lambda b: Attachment(data=b"%PDF-1.4\n" + b)),
        time=entry_times(),
    )


def _retitled(document: Document) -> st.SearchStrategy[Document]:
    """*document* with some sections given a title (the registry's own, stored as None, or another) and a note."""
    sections = [s for s in document.sections if isinstance(s, Section) and s.kind is not SectionKind.COMMENT]
    titles = st.sampled_from([None, "registry", "Informations vérifiées"])
    notes = st.none() | st.sampled_from(_COMMENTS)

    def apply(choices: list[tuple[str | None, str | None]]) -> Document:
        edited = {
            id(section): attrs.evolve(
                section, title=SECTIONS[section.kind].title if title == "registry" else title, note=note
            )
            for section, (title, note) in zip(sections, choices, strict=True)
        }
        return attrs.evolve(document, sections=tuple(edited.get(id(s), s) for s in document.sections))

    return st.lists(st.tuples(titles, notes), min_size=len(sections), max_size=len(sections)).map(apply)


@functools.cache
def dlu_documents() -> st.SearchStrategy[Document]:
    """Complete DLU documents (DLU-EHPAD-DLU 2022.01), at the boundaries the kit sets.

    Required sections and optional ones given hold one entry or a few (the kit refuses them empty); the
    médecin traitant is always there (Entete_DLU-DLU.sch). Header times, titles and the performer are
    drawn at their defaults (None), equal to them and elsewhere.
    """
    return _dlu_documents().flatmap(_retitled)


@functools.cache
def _dlu_documents() -> st.SearchStrategy[Document]:
    return st.builds(
        Document.dlu,
        header=headers(),
        preferred_hospital=organizations(sector=False).map(lambda org: Disposition(hospital=org)),
        treatments=st.lists(treatments(), min_size=1, max_size=3),
        advance_directive=st.builds(
            lambda exists, start, days: AdvanceDirective(
                exists=exists, start=start, end=None if start is None or days is None else start + days
            ),
            st.booleans(),
            st.none() | st.dates(dt.date(2000, 1, 1), dt.date(2025, 12, 31)) | entry_times(),
            st.none() | st.integers(0, 400).map(lambda n: dt.timedelta(days=n)),
        ),
        observations=observations(),
        multi_resistant_bacteria=st.booleans().map(Observation.multi_resistant_bacteria),
        attached_documents=st.lists(attached_documents(), min_size=1, max_size=2),
        active_problems=st.none() | st.lists(problems(), min_size=1, max_size=3),
        medical_history=st.none() | st.lists(problems(), min_size=1, max_size=2),
        allergies=st.none() | st.lists(allergies(), min_size=1, max_size=2),
        palliative_care=st.none()
        | st.builds(
            lambda done, time: attrs.evolve(Procedure.palliative_care(done), time=time), st.booleans(), entry_times()
        ),
        vaccinations=st.none() | st.lists(vaccinations(), min_size=1, max_size=2),
        comment=st.none() | st.sampled_from(_COMMENTS),
    )


# XML the model does not know, built in code: spelled as a user may (the HL7 namespace declared or
# inherited, xsi declared or not, quotes, empty elements open and closed, character references)
_XSI_DECLARATION = ' xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"'


@st.composite
def _spelled(draw: st.DrawFn, name: str, body: str) -> RawXml:
    """The element *name* holding *body* (``{e}`` stands for an empty element's end), spelled one way or another."""
    declarations = draw(st.sampled_from(["", ' xmlns="urn:hl7-org:v3"'])) + draw(
        st.sampled_from(["", _XSI_DECLARATION])
    )
    body = body.replace("{e}", draw(st.sampled_from(["/>", "></templateId>"])))
    if draw(st.booleans()):
        body = body.replace('"', "'").replace("é", "&#233;")
    return RawXml(xml=f"<{name}{declarations}>{body}</{name}>")


def _raw_entries() -> st.SearchStrategy[RawEntry]:
    body = (
        '<observation classCode="OBS" moodCode="EVN"><templateId root="1.2.3.4.99.1"{e}'
        '<code code="R-{n}" codeSystem="1.2.3.4.99" displayName="Donnée hors modèle"/>'
        '<value xsi:type="ST">relevé n°{n}</value></observation>'
    )
    return (
        st.integers(1, 999)
        .flatmap(lambda n: _spelled("entry", body.replace("{n}", str(n))))
        .map(lambda raw: RawEntry(raw=raw))
    )


def _raw_sections() -> st.SearchStrategy[RawSection]:
    body = (
        '<templateId root="1.2.3.4.99.2"{e}<code code="X-SECTION" codeSystem="1.2.3.4.99"/>'
        "<title>Volet hors modèle</title><text>Préférences de la résidente<!-- saisie libre --></text>"
    )
    comments = st.sampled_from([(), (" [0..1] Section hors modèle ",)])
    return st.builds(lambda raw, before: RawSection(raw=raw, comments=before), _spelled("section", body), comments)


#: header elements the model does not hold (Header.extra), in the schema's order (the writer sorts them so)
_EXTRAS = (
    (
        "informant",
        '<relatedEntity classCode="PRS"><relatedPerson><name><family>LÉGER</family></name>'
        "</relatedPerson></relatedEntity>",
    ),
    ("inFulfillmentOf", '<order><id root="1.2.250.1.71.4.2.2.42" extension="CMD-7"/></order>'),
    ("authorization", '<consent><templateId root="1.2.3.4.99.3"{e}<statusCode code="completed"/></consent>'),
)


@st.composite
def _with_raw_xml(draw: st.DrawFn, document: Document) -> Document:
    """*document* with raw entries at the end of some sections, raw sections among them, raw header elements."""
    sections: list[Any] = [
        attrs.evolve(s, entries=(*s.entries, *draw(st.lists(_raw_entries(), max_size=1))))
        if isinstance(s, Section) and s.kind is not SectionKind.COMMENT
        else s
        for s in document.sections
    ]
    for raw in draw(st.lists(_raw_sections(), max_size=2)):
        sections.insert(draw(st.integers(0, len(sections))), raw)
    chosen = draw(st.lists(st.sampled_from(range(len(_EXTRAS))), unique=True, max_size=2))
    extra = tuple(draw(_spelled(*_EXTRAS[index])) for index in sorted(chosen))
    return attrs.evolve(document, header=attrs.evolve(document.header, extra=extra), sections=tuple(sections))


@functools.cache
def dlu_documents_with_raw_xml() -> st.SearchStrategy[Document]:
    """DLU documents (:func:`dlu_documents`) holding XML the model does not know, built in code: raw
    entries, raw sections and header elements (``Header.extra``), spelled in the ways a user may."""
    return dlu_documents().flatmap(_with_raw_xml)


# --- Liaison sheets (FLUDT, FLUDR, FT-SU, FR-SU) ----------------------------------------------

from dmpcore.dlu import (  # noqa: E402
    DISCHARGE_PRESCRIPTION,
    EMERGENCY_RECORD_COPY,
    PAIN,
    Consciousness,
    DocumentGiven,
    DocumentKind,
    InformedParty,
    PatientTransfer,
    PersonalItem,
    ReturnOutcome,
    SiteObservation,
    VitalSign,
    VitalSignKind,
    VitalSigns,
    fludr_sheet,
    fludt_sheet,
    fr_su_sheet,
    ft_su_sheet,
)

_SITES = [
    ("287679003", "hanche gauche"),
    ("287579007", "hanche droite"),
    ("66480008", "avant-bras gauche"),
    ("61396006", "cuisse gauche"),
    ("22943007", "tronc"),
]
_REASONS = [
    "Chute avec douleur de hanche, impossibilité de se relever.",
    "Dyspnée brutale et désaturation à 86 %.",
    "Confusion aiguë apparue ce matin.",
    "Fièvre à 39,5 °C résistante au paracétamol.",
]
_VITAL_VALUES = {
    VitalSignKind.PULSE: st.integers(40, 150).map(Decimal),
    VitalSignKind.TEMPERATURE: st.integers(340, 415).map(lambda n: Decimal(n) / 10),
    VitalSignKind.WEIGHT: st.integers(35, 120).map(Decimal),
    VitalSignKind.SYSTOLIC: st.integers(80, 200).map(Decimal),
    VitalSignKind.DIASTOLIC: st.integers(40, 110).map(Decimal),
}


def vital_signs(when: dt.datetime) -> st.SearchStrategy[VitalSigns]:
    """One set of measurements at *when* (each vital sign at most once)."""
    kinds = st.lists(st.sampled_from(VitalSignKind), unique=True, min_size=1, max_size=5)
    return kinds.flatmap(
        lambda chosen: st.tuples(*(_VITAL_VALUES[k].map(lambda v, k=k: VitalSign.of(k, v)) for k in chosen))
    ).map(lambda signs: VitalSigns(time=when, signs=signs))


def pains() -> st.SearchStrategy[tuple[SiteObservation, ...]]:
    """Recent pains (CIM-10 R52.9) with their location (SNOMED CT)."""
    site = _coded(_SITES, "2.16.840.1.113883.6.96")
    return st.lists(site, unique=True, max_size=2).map(
        lambda sites: tuple(SiteObservation(code=PAIN, site=s) for s in sites)
    )


def personal_items() -> st.SearchStrategy[tuple[PersonalItem, ...]]:
    """Prostheses and personal objects of JDV_ProtheseObjetPersonnel."""
    item = st.one_of(
        st.just(PersonalItem.glasses()),
        st.just(PersonalItem(code=PersonalItem.glasses().code, site_null_flavor="NASK")),  # as the official sheets
        st.just(PersonalItem.dentures()),
        st.just(PersonalItem.hearing_aid()),
        st.sampled_from(["Canne anglaise", "Montre", "Alliance en or"]).map(PersonalItem.other),
    )
    return st.lists(item, min_size=1, max_size=3).map(tuple)


def transfers(when: dt.datetime) -> st.SearchStrategy[PatientTransfer]:
    """A transfer starting at *when* to an establishment of JDV_J02."""
    return st.builds(
        lambda org, minutes, kind, national: PatientTransfer(
            start=when,
            end=None if minutes is None else when + dt.timedelta(minutes=minutes),
            destination=org,
            destination_type=kind,
            destination_national_id=national,
        ),
        organizations(sector=False),
        st.none() | st.integers(1, 180),
        _coded([("SA01", "Etablissement public de santé"), ("SA17", "Etablissement pour personnes âgées")],
               "1.2.250.1.71.4.2.4"),
        st.none() | _finess(),
    )  # fmt: skip


def sheet_documents(kind: DocumentKind | None = None) -> st.SearchStrategy[Document]:
    """Complete liaison sheets of *kind* (any of FLUDT, FLUDR, FT-SU, FR-SU when None)."""

    @st.composite
    def build(draw: st.DrawFn) -> Document:
        chosen = kind or draw(st.sampled_from([DocumentKind.FLUDT, DocumentKind.FLUDR, DocumentKind.FT_SU,
                                               DocumentKind.FR_SU]))  # fmt: skip
        header = draw(headers())
        when = header.effective_time
        times = st.none() | st.integers(10, 24 * 60).map(lambda m: when - dt.timedelta(minutes=m))
        comment = draw(st.none() | st.sampled_from(_COMMENTS))
        items = draw(personal_items())
        if chosen is DocumentKind.FLUDT:
            last_intake = draw(times)  # without it, the treatments section needs a treatment
            return fludt_sheet(
                header=header,
                reason=draw(st.sampled_from(_REASONS)),
                transfer=draw(transfers(when)),
                vital_signs=draw(vital_signs(when)),
                consciousness=draw(st.sampled_from(Consciousness)),
                pains=draw(pains()),
                treatments=draw(st.lists(treatments(), min_size=0 if last_intake else 1, max_size=2)),
                last_usual_treatment=last_intake,
                last_meal=draw(times),
                personal_items=items,
                comment=comment,
            )
        if chosen is DocumentKind.FT_SU:
            return ft_su_sheet(
                header=header,
                reason=draw(st.sampled_from(_REASONS)),
                informed=draw(st.lists(st.sampled_from(InformedParty), max_size=4)),
                consciousness=draw(st.sampled_from(Consciousness)),
                vital_signs=draw(vital_signs(when)),
                last_usual_treatment=draw(times),
                last_meal=draw(times),
                pains=draw(pains()),
                personal_items=items,
                vigilance=draw(st.none() | st.sampled_from(_COMMENTS)),
                comment=comment,
            )
        diagnoses = draw(st.lists(problems(), min_size=1, max_size=2))
        if chosen is DocumentKind.FLUDR:
            return fludr_sheet(
                header=header,
                reason=draw(st.sampled_from(_REASONS)),
                transfer=draw(transfers(when)),
                diagnoses=diagnoses,
                treatments=draw(st.lists(treatments(), min_size=1, max_size=2)),
                personal_items=items,
                attached_documents=draw(
                    st.lists(
                        st.builds(
                            AttachedDocument,
                            document_type=st.sampled_from([DISCHARGE_PRESCRIPTION, EMERGENCY_RECORD_COPY]),
                            attachment=st.just(Attachment(data=b"%PDF-1.4\n%%EOF\n")),
                        ),
                        min_size=1,
                        max_size=2,
                    )
                ),
                comment=comment,
            )
        return fr_su_sheet(
            header=header,
            informed=draw(st.lists(st.sampled_from(InformedParty), max_size=4)),
            outcome=draw(st.sampled_from(ReturnOutcome)),
            transfer=draw(transfers(when)),
            # coded diagnoses, uncoded ones (FR-Diagnostic-de-sortie-non-code), or both
            **draw(
                st.sampled_from(
                    [
                        {"diagnoses": diagnoses},
                        {"diagnosis_text": "Contusion de la hanche, pas de fracture."},
                        {"diagnoses": diagnoses, "diagnosis_text": "Bilan radiologique normal."},
                    ]
                )
            ),
            follow_up=draw(st.sampled_from(_COMMENTS)),
            documents_given=draw(st.lists(st.sampled_from(DocumentGiven), max_size=2)),
            personal_items=items,
            outcome_text=draw(st.none() | st.just("Retour en ambulance")),
            comment=comment,
        )

    return build()
