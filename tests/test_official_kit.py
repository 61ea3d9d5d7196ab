"""The official kit and its oracle are reachable, and the oracle tells a good document from a bad one.

This guards every conformance test: an oracle that accepted everything would make them worthless.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest


@pytest.mark.kit
@pytest.mark.oracle
def test_oracle_accepts_the_official_dlu_example(oracle: Callable[[Path], dict[str, Any]], examples_dir: Path) -> None:
    result = oracle(examples_dir / "DLU-EHPAD-DLU_2022.01.xml")
    assert result["passed"], result["failures"][:5]


@pytest.mark.kit
@pytest.mark.oracle
def test_oracle_rejects_a_broken_document(
    oracle: Callable[[Path], dict[str, Any]], examples_dir: Path, tmp_path: Path
) -> None:
    text = (examples_dir / "DLU-EHPAD-FLUDT_2022.01.xml").read_text(encoding="utf-8")
    broken = tmp_path / "broken.xml"
    broken.write_text(text.replace('<realmCode code="FR"/>', "", 1), encoding="utf-8")
    assert text != broken.read_text(encoding="utf-8")
    assert not oracle(broken)["passed"]
