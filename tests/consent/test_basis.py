"""The legal basis of every act under both regimes, written out by hand (issue 3, gaps 3 and 4).

Décret 2016-914 put the DMP at CSP R1111-26 to R1111-43; décret 2021-1047 at R1111-40 to R1111-54, after Mon
espace santé (décret 2021-1048, R1111-26 to R1111-39). The pairs found under both numberings: R1111-26 ->
R1111-40 (creation), R1111-38 -> R1111-49 (masking by the holder); see docs/consent.md « Legal basis ».
Closing under MES 2022 is Mon espace santé's R1111-36 (décret 2021-1048), not the creation pair.
"""

from __future__ import annotations

import re
from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st
from tests.strategies import valid_situations_on

import dmpcore.consent
from dmpcore.consent import Act, Capacity, LegalSituation, Measure, Party, Regime, decide
from dmpcore.consent import _basis as basis_module
from dmpcore.consent._basis import basis
from dmpcore.consent._classify import Key

ON = {Regime.DMP_2016: date(2019, 6, 1), Regime.MES_2022: date(2025, 1, 15)}
ADULT = LegalSituation.adult(date(1960, 5, 5))

CREATION_2016 = "CSP R1111-26 (décret 2016-914; now R1111-40)"
CREATION_2022 = "CSP R1111-40 (ex-R1111-26)"
MES_INFORMATION = "CSP R1111-28 (décret 2021-1048)"
MES_CLOSURE = "CSP R1111-36 (décret 2021-1048)"

#: an adult without measure: the act's articles, then CC 414 (majority)
ADULT_BASIS = {
    (Act.INFORM, Regime.DMP_2016): ("CSP L1111-2", "CSP L1111-14", CREATION_2016, "CC 414"),
    (Act.CREATE, Regime.DMP_2016): ("CSP L1111-14", CREATION_2016, "CC 414"),
    (Act.AUTHORIZE_ACCESS, Regime.DMP_2016): (
        "CSP L1111-17",
        "CSP L1111-19",
        "CSP R1111-26 to R1111-43 (décret 2016-914)",
        "CC 414",
    ),
    (Act.PORTAL_ACCESS, Regime.DMP_2016): (
        "CSP L1111-19",
        "CSP R1111-26 to R1111-43 (décret 2016-914, sub-section 4: the holder's rights)",
        "CC 414",
    ),
    (Act.CLOSE, Regime.DMP_2016): ("CSP L1111-14", "CSP L1111-21", "CSP R1111-34 (décret 2016-914)", "CC 414"),
    (Act.MASK, Regime.DMP_2016): ("CSP L1111-15", "CSP R1111-38 (décret 2016-914; now R1111-49)", "CC 414"),
    (Act.INFORM, Regime.MES_2022): (
        "CSP L1111-2",
        "CSP L1111-14",
        "CSP L1111-13-1",
        MES_INFORMATION,
        CREATION_2022,
        "CC 414",
    ),
    (Act.CREATE, Regime.MES_2022): ("CSP L1111-14", "CSP L1111-13-1", MES_INFORMATION, CREATION_2022, "CC 414"),
    (Act.AUTHORIZE_ACCESS, Regime.MES_2022): ("CSP L1111-17", "CSP L1111-19", "CSP R1111-46", "CSP R1111-48", "CC 414"),
    (Act.PORTAL_ACCESS, Regime.MES_2022): ("CSP L1111-19", "CSP L1111-13-1", CREATION_2022, "CC 414"),
    (Act.CLOSE, Regime.MES_2022): ("CSP L1111-14", "CSP L1111-21", "CSP L1111-13-1", MES_CLOSURE, "CC 414"),
    (Act.MASK, Regime.MES_2022): ("CSP L1111-15", "CSP R1111-49 (ex-R1111-38)", "CC 414"),
}


@pytest.mark.parametrize(("act", "regime"), list(ADULT_BASIS), ids=lambda v: v.name)
def test_basis_of_every_act_and_regime(act: Act, regime: Regime) -> None:
    assert decide(ADULT, act, on=ON[regime]).basis == ADULT_BASIS[act, regime]


@pytest.mark.parametrize(
    ("situation", "act", "regime", "expected"),
    [
        (
            LegalSituation.adult(date(1950, 3, 2), measure=Measure.TUTELLE),
            Act.MASK,
            Regime.DMP_2016,
            (
                "CSP L1111-15",
                "CSP R1111-38 (décret 2016-914; now R1111-49)",
                "CSP L1111-2",
                "CSP L1111-4",
                "CC 425",
                "CC 457-1",
                "CC 459",
                "CC 440",
                "CC 473",
            ),
        ),
        (
            LegalSituation.adult(date(1950, 3, 2), measure=Measure.CURATELLE_RENFORCEE),
            Act.CLOSE,
            Regime.MES_2022,
            ("CSP L1111-14", "CSP L1111-21", "CSP L1111-13-1", MES_CLOSURE, "CC 425", "CC 440", "CC 459", "CC 467"),
        ),
        (
            LegalSituation.adult(date(1950, 3, 2), measure=Measure.MANDAT_PROTECTION_FUTURE),
            Act.PORTAL_ACCESS,
            Regime.MES_2022,
            ("CSP L1111-19", "CSP L1111-13-1", CREATION_2022, "CC 425", "CC 459"),
        ),
        (
            LegalSituation.adult(date(1940, 1, 1), measure=Measure.HABILITATION_FAMILIALE, represents_person=True),
            Act.AUTHORIZE_ACCESS,
            Regime.DMP_2016,
            (
                "CSP L1111-17",
                "CSP L1111-19",
                "CSP R1111-26 to R1111-43 (décret 2016-914)",
                "CSP L1111-2",
                "CSP L1111-4",
                "CC 425",
                "CC 457-1",
                "CC 459",
                "CC 494-1",
            ),
        ),
        (
            LegalSituation.minor(date(2012, 9, 1)),
            Act.CREATE,
            Regime.DMP_2016,
            ("CSP L1111-14", CREATION_2016, "CSP L1111-2", "CSP L1111-4", "CSP L1111-5", "CC 371-1", "CC 388"),
        ),
        (
            LegalSituation.emancipated_minor(date(2008, 6, 1)),
            Act.MASK,
            Regime.MES_2022,
            ("CSP L1111-15", "CSP R1111-49 (ex-R1111-38)", "CC 413-6", "CC 413-7"),
        ),
    ],
    ids=["tutelle-mask-2016", "curatelle-close-2022", "mandat-portal-2022", "hf-access-2016", "minor", "emancipated"],
)
def test_basis_adds_the_situation_articles(
    situation: LegalSituation, act: Act, regime: Regime, expected: tuple[str, ...]
) -> None:
    """CC 425, the general article of the adults' protection measures, is cited for every measure that
    changes the row (it is why a tutelle may be limited to assets); sauvegarde de justice decides as ADULT."""
    assert decide(situation, act, on=ON[regime]).basis == expected


@given(valid_situations_on(), st.sampled_from(Act))
def test_no_number_can_be_read_in_the_wrong_numbering(case: tuple[LegalSituation, date], act: Act) -> None:
    """R1111-26 to R1111-39 are Mon espace santé's today: a DMP 2016 decision marks every R1111 number it
    cites as décret 2016-914's, and a MES 2022 decision cites one below R1111-40 only as décret 2021-1048's
    (R1111-28) or as the former number of a 2022 article (ex-)."""
    situation, on = case
    d = decide(situation, act, on=on)
    for ref in d.basis:
        if "R1111-" not in ref:
            continue
        if d.regime is Regime.DMP_2016:
            assert "(décret 2016-914" in ref
            continue
        numbers = [int(n) for n in re.findall(r"(?<!ex-)R1111-(\d+)", ref)]
        assert all(n >= 40 for n in numbers) or "(décret 2021-1048)" in ref


@pytest.mark.parametrize("regime", list(Regime), ids=lambda r: r.name)
def test_close_cites_what_governs_closing(regime: Regime) -> None:
    """R1111-40 (2022) only names closure among the information, and the 2016 R1111-26 (creation) never
    covered it: no decision on CLOSE cites the creation pair, and none its "ex-" label. The closing articles
    name their decree: R1111-36 is the 2016 feeding rule and the 2021-1048 closure of Mon espace santé."""
    for key in _every_key():
        refs = basis(key, Act.CLOSE, regime)
        assert not any("R1111-40" in ref or "R1111-26 " in ref or "ex-" in ref for ref in refs)
        assert (MES_CLOSURE if regime is Regime.MES_2022 else "CSP R1111-34 (décret 2016-914)") in refs


def _every_key() -> list[Key]:
    representatives = (Party.TUTOR, Party.HABILITATED_PERSON, Party.MANDATARY)
    represented = [Key(Capacity.REPRESENTED, party) for party in representatives]
    return [Key(capacity) for capacity in Capacity if capacity is not Capacity.REPRESENTED] + represented


def test_the_code_civil_sources_are_exactly_the_articles_cited() -> None:
    """The package docstring lists its Code civil sources; each is cited by some basis, and no basis cites
    another (CC 425 was listed and cited by none)."""
    doc = dmpcore.consent.__doc__ or ""
    listed = set(re.findall(r"\d+(?:-\d+)?", doc.split("Code civil", 1)[1].split(";", 1)[0]))
    cited = {
        ref.removeprefix("CC ")
        for key in _every_key()
        for act in Act
        for regime in Regime
        for ref in basis(key, act, regime)
        if ref.startswith("CC ")
    }
    assert listed == cited


@pytest.mark.parametrize("module", [dmpcore.consent, basis_module], ids=["package", "_basis"])
def test_docstrings_give_the_same_numbering(module: object) -> None:
    """Décret 2021-1047 created R1111-54: the DMP runs from R1111-40 to R1111-54, after Mon espace santé."""
    doc = " ".join((getattr(module, "__doc__", "") or "").split())
    for numbering in ("R1111-40 to R1111-54", "R1111-26 to R1111-43", "R1111-26 to R1111-39"):
        assert numbering in doc
    assert "R1111-40 to R1111-53" not in doc
