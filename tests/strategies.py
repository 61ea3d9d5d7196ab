"""Hypothesis strategies shared by the test suite."""

from __future__ import annotations

from hypothesis import strategies as st
from stdnum.fr import nir

__all__ = ["nir_bodies", "valid_ins_values"]

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
    "birthday",
    "dmp_documents",
    "dmp_viewers",
    "eval_dates",
    "policies",
    "situations_on",
]

#: the small pool of professional ids drawn by the visibility strategies, so that authors and blocks collide
PROFESSIONAL_IDS = ("810000000001", "810000000002", "810000000003")


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


@st.composite
def situations_on(draw: st.DrawFn, on: _date) -> _consent.LegalSituation:
    """A legal situation valid on *on*, with birth dates crowded around the 18th birthday."""
    near_18 = draw(st.booleans())
    if near_18:
        eighteen = on - _timedelta(days=draw(st.integers(-40, 40)))
        birth = _date(eighteen.year - 18, eighteen.month, min(eighteen.day, 28))
    else:
        birth = draw(st.dates(_date(1915, 1, 1), on))
    adult = on >= birthday(birth, 18)
    if adult:
        measure = draw(st.sampled_from(list(_consent.Measure)))
        represents: bool | None = None
        if measure in (
            _consent.Measure.TUTELLE,
            _consent.Measure.HABILITATION_FAMILIALE,
            _consent.Measure.MANDAT_PROTECTION_FUTURE,
        ):
            represents = draw(st.sampled_from([None, True, False]))
        return _consent.LegalSituation(
            birth, measure=measure, represents_person=represents, can_express_will=draw(st.booleans())
        )
    sixteen = on >= birthday(birth, 16)
    kind = draw(st.sampled_from(["minor", "tutelle", "emancipated"] if sixteen else ["minor", "tutelle"]))
    return _consent.LegalSituation(birth, minor_under_tutelle=kind == "tutelle", emancipated=kind == "emancipated")


def policies() -> st.SearchStrategy[_vis.Policy]:
    """Policies with every switch drawn, and sometimes a restrictive habilitation matrix."""
    matrices = st.sampled_from(
        [
            _vis.HabilitationMatrix.unrestricted(),
            _vis.HabilitationMatrix.from_mapping({"GENR10": {"74207-2"}, "10": None}, source="test", default=set()),
        ]
    )
    return st.builds(
        _vis.Policy,
        cumul_invisible_patient_masque_ps=st.booleans(),
        masked_visible_in_emergency=st.booleans(),
        invisible_patient_delay_months=st.sampled_from([1, 1, 2]),
        occupational_physician_access_from=st.sampled_from([_date(2022, 3, 31), None, _date(2016, 7, 7)]),
        habilitations=matrices,
    )


@st.composite
def access_contexts(draw: st.DrawFn, *, policy: st.SearchStrategy[_vis.Policy] | None = None) -> _vis.AccessContext:
    """An access context: a situation valid on its date, blocks from the id pool, oppositions, a policy."""
    on = draw(eval_dates())
    return _vis.AccessContext(
        situation=draw(situations_on(on)),
        on=on,
        blocked=draw(st.frozensets(st.sampled_from(PROFESSIONAL_IDS), max_size=2)),
        opposed_bris_de_glace=draw(st.booleans()),
        opposed_regulation=draw(st.booleans()),
        policy=draw(policy if policy is not None else st.just(_vis.Policy())),
    )


@st.composite
def dmp_documents(draw: st.DrawFn, on: _date) -> _vis.Document:
    """A document deposited around *on*, often about one month before it (the INVISIBLE_PATIENT delay)."""
    days_before = draw(st.one_of(st.integers(25, 35), st.integers(-3, 400)))
    deposited = max(on - _timedelta(days=days_before), _date(2016, 7, 7))
    lifted = draw(st.one_of(st.none(), st.integers(0, 40).map(lambda d: deposited + _timedelta(days=d))))
    return _vis.Document(
        deposited_on=deposited,
        restrictions=draw(st.frozensets(st.sampled_from(list(_vis.Restriction)))),
        author_id=draw(st.one_of(st.none(), st.sampled_from(PROFESSIONAL_IDS))),
        lifted_on=lifted,
        type_code=draw(st.sampled_from([None, "74207-2", "11488-4"])),
    )


@st.composite
def _professionals(draw: st.DrawFn) -> _vis.Viewer:
    category = draw(st.sampled_from(list(_vis.Category)))
    health = category is _vis.Category.HEALTH_PROFESSIONAL
    credential = draw(st.sampled_from(list(_vis.Credential)))
    return _vis.Viewer.professional(
        draw(st.sampled_from(PROFESSIONAL_IDS)),
        credential=credential,
        category=category,
        mode=draw(st.sampled_from(list(_vis.Mode))),
        authorized=draw(st.booleans()),
        treating_physician=health and draw(st.booleans()),
        regulator=health and draw(st.booleans()),
        express_consent=draw(st.booleans()),
        on_behalf_of=draw(st.one_of(st.none(), st.sampled_from(PROFESSIONAL_IDS))),
        role=draw(st.sampled_from([None, "10", "GENR08", "GENR10", "GENR12"])),
    )


def dmp_viewers() -> st.SearchStrategy[_vis.Viewer]:
    """Any viewer: the patient, a representative of any party, or any professional."""
    representatives = st.sampled_from([p for p in _consent.Party if p is not _consent.Party.PATIENT]).map(
        _vis.Viewer.representative
    )
    return st.one_of(st.just(_vis.Viewer.patient()), representatives, _professionals())
