"""Shared fixtures: hypothesis profiles, the official kit and the official oracle.

The kit is reference data outside the repository: ``$DMPCORE_KIT`` (default
``../shared/ci-sis/kit``), its oracle ``$DMPCORE_ORACLE`` (default
``../shared/tools/ci_sis_oracle.py``). Without them, tests that need them skip with a
reason, except under ``CI=true``, where their absence is a failure.
"""

from __future__ import annotations

import importlib.util
import os
from collections.abc import Callable
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
from hypothesis import HealthCheck, settings

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
IN_CI = os.environ.get("CI", "").lower() == "true"

settings.register_profile("dev", max_examples=40, deadline=None)
settings.register_profile(
    "ci", max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow], print_blob=True
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci" if IN_CI else "dev"))


def _missing(what: str) -> None:
    if IN_CI:
        pytest.fail(f"{what} is required under CI=true", pytrace=False)
    pytest.skip(f"{what} not found; set the environment variable or put ../shared beside the repository")


def kit_path() -> Path:
    return Path(os.environ.get("DMPCORE_KIT", SHARED / "ci-sis" / "kit"))


@pytest.fixture(scope="session")
def kit_dir() -> Path:
    """The official ANS CI-SIS kit folder."""
    path = kit_path()
    if not (path / "infrastructure" / "cda" / "CDA_extended.xsd").is_file():
        _missing(f"the official CI-SIS kit ($DMPCORE_KIT={path})")
    return path


@pytest.fixture(scope="session")
def examples_dir(kit_dir: Path) -> Path:
    """The official CDA examples of the kit."""
    return kit_dir / "ExemplesCDA"


def _load_oracle_module() -> ModuleType:
    path = Path(os.environ.get("DMPCORE_ORACLE", SHARED / "tools" / "ci_sis_oracle.py"))
    if not path.is_file():
        _missing(f"the official oracle ($DMPCORE_ORACLE={path})")
    if importlib.util.find_spec("saxonche") is None:
        _missing("saxonche (extra 'official')")
    spec = importlib.util.spec_from_file_location("ci_sis_oracle", path)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="session")
def oracle(kit_dir: Path) -> Callable[[Path], dict[str, Any]]:
    """``oracle(path) -> result``: the whole official pipeline on one file (see ci_sis_oracle.py).

    ``result["passed"]`` is True when every step passed; ``result["failures"]`` lists the rest.
    """
    module = _load_oracle_module()
    runner = module.Oracle(str(kit_dir))

    def check(path: Path) -> dict[str, Any]:
        result: dict[str, Any] = runner.check(str(path))
        return result

    return check
