"""The visibility part of ``dmpcore demo``."""

from __future__ import annotations

import io

from dmpcore.visibility._demo import run_visibility_demo


def test_demo_shows_a_minor_secret_and_a_refused_deposit() -> None:
    out = io.StringIO()
    run_visibility_demo(out)
    text = out.getvalue()
    assert "XDS confidentialityCode: N INVISIBLE_REPRESENTANTS_LEGAUX" in text
    assert "the parents: Refused" in text
    assert "the minor: Allowed" in text
    assert "a secretary's CPE: Refused" in text
    assert "applies only to a minor patient who is not emancipated" in text
