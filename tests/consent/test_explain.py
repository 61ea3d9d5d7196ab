"""explain(): one plain sentence in French or English for a user interface."""

from __future__ import annotations

from datetime import date

import pytest

from dmpcore.consent import Act, LegalSituation, Measure, decide, explain

ON = date(2025, 1, 15)
TUTELLE = LegalSituation(date(1950, 3, 2), measure=Measure.TUTELLE)
CURATELLE = LegalSituation(date(1950, 3, 2), measure=Measure.CURATELLE)
HABILITATION = LegalSituation(date(1940, 1, 1), measure=Measure.HABILITATION_FAMILIALE)
MINOR = LegalSituation(date(2012, 1, 1))
MINOR_TUTELLE = LegalSituation(date(2012, 1, 1), minor_under_tutelle=True)
ADULT = LegalSituation(date(1980, 1, 1))


@pytest.mark.parametrize(
    ("situation", "act", "french", "english"),
    [
        (
            TUTELLE,
            Act.INFORM,
            "L'information sur le DMP est délivrée au tuteur et à la personne protégée, "
            "à elle d'une manière adaptée à sa faculté de discernement.",
            "Information about the DMP is given to the tutor and the protected person, adapted to their discernment.",
        ),
        (
            TUTELLE,
            Act.AUTHORIZE_ACCESS,
            "Le tuteur autorise, retire ou bloque l'accès des professionnels au DMP ; "
            "l'avis de la personne protégée est recherché.",
            "The tutor gives, withdraws or blocks the professionals' access to the DMP; "
            "the protected person's wishes are sought.",
        ),
        (
            TUTELLE,
            Act.PORTAL_ACCESS,
            "Le tuteur et la personne protégée accèdent directement au DMP.",
            "The tutor and the protected person have direct access to the DMP.",
        ),
        (
            CURATELLE,
            Act.INFORM,
            "L'information sur le DMP est délivrée à la personne protégée, éventuellement en présence du curateur.",
            "Information about the DMP is given to the protected person, possibly in the presence of the curator.",
        ),
        (
            CURATELLE,
            Act.PORTAL_ACCESS,
            "La personne protégée accède directement au DMP, jamais le curateur.",
            "The protected person has direct access to the DMP, never the curator.",
        ),
        (
            HABILITATION,
            Act.CLOSE,
            "La personne protégée décide de la clôture du DMP, éventuellement en présence de la personne habilitée.",
            "The protected person decides to close the DMP, possibly in the presence of the habilitated person.",
        ),
        (
            MINOR,
            Act.INFORM,
            "L'information sur le DMP est délivrée aux titulaires de l'autorité parentale et au mineur, "
            "à lui selon son degré de maturité.",
            "Information about the DMP is given to the holders of parental authority and the minor, "
            "adapted to their maturity.",
        ),
        (
            MINOR,
            Act.MASK,
            "Les titulaires de l'autorité parentale décident de masquer un document aux professionnels ; "
            "l'avis du mineur est recherché.",
            "The holders of parental authority decide to mask a document from professionals; "
            "the minor's wishes are sought.",
        ),
        (
            MINOR_TUTELLE,
            Act.PORTAL_ACCESS,
            "Le tuteur accède directement au DMP.",
            "The tutor has direct access to the DMP.",
        ),
        (
            ADULT,
            Act.INFORM,
            "L'information sur le DMP est délivrée à la personne.",
            "Information about the DMP is given to the person.",
        ),
    ],
)
def test_sentences(situation: LegalSituation, act: Act, french: str, english: str) -> None:
    decision = decide(situation, act, on=ON)
    assert explain(decision) == french
    assert explain(decision, "fr") == french
    assert explain(decision, "en") == english


def test_create_depends_on_the_regime() -> None:
    assert explain(decide(ADULT, Act.CREATE, on=date(2021, 12, 31))) == "La personne consent à la création du DMP."
    assert explain(decide(ADULT, Act.CREATE, on=date(2022, 1, 1))) == (
        "La personne peut s'opposer à la création automatique du DMP."
    )
