"""The consent part of ``dmpcore demo``."""

from __future__ import annotations

import io

from dmpcore._demo import run_consent_demo


def test_demo_explains_tutelle_and_a_minor_across_the_18th_birthday() -> None:
    out = io.StringIO()
    run_consent_demo(out)
    text = out.getvalue()
    assert "Le tuteur consent à la création du DMP" in text  # DMP 2016
    assert "Le tuteur peut s'opposer à la création automatique du DMP" in text  # MES 2022
    assert "MASK on 2026-02-28 (MINOR)" in text
    assert "MASK on 2026-03-01 (ADULT)" in text  # born on 29 February: major on 1 March
    assert "[consent.emancipated_under_16]" in text
