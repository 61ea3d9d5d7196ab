"""Fixtures of the xds tests: the ANS 2021 XDM examples, beside the kit (``../shared/ci-sis/xdm-2021``)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest


@pytest.fixture(scope="session")
def xdm_2021(kit_dir: Path) -> list[Path]:
    """The METADATA.XML files of the ANS 2021 XDM examples (DLU, FLUDT, FLUDR); skip without them, except in CI."""
    files = sorted((kit_dir.parent / "xdm-2021").glob("*_METADATA.XML"))
    if len(files) != 3:
        where = kit_dir.parent / "xdm-2021"
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(f"the ANS 2021 XDM examples ({where}) are required under CI=true", pytrace=False)
        pytest.skip(f"the ANS 2021 XDM examples are not in {where}")
    return files
