"""Every document to_cda writes passes the official ANS pipeline (the oracle) with zero failed asserts."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from tests.strategies import dlu_documents

from dmpcore.cda import from_cda, to_cda
from dmpcore.dlu import Document, example_dlu

Oracle = Callable[[Path], dict[str, Any]]
IN_CI = os.environ.get("CI", "").lower() == "true"

pytestmark = [pytest.mark.kit, pytest.mark.oracle]


def _check(oracle: Oracle, xml: bytes) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "dlu.xml"
        path.write_bytes(xml)
        result = oracle(path)
    assert result["passed"], result["failures"][:5]


def test_the_example_dlu_passes(oracle: Oracle) -> None:
    _check(oracle, to_cda(example_dlu()))


def test_the_official_dlu_read_and_written_back_passes(oracle: Oracle, examples_dir: Path) -> None:
    _check(oracle, to_cda(from_cda(examples_dir / "DLU-EHPAD-DLU_2022.01.xml")))


@settings(max_examples=50 if IN_CI else 6, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(document=dlu_documents())
def test_generated_dlus_pass(oracle: Oracle, document: Document) -> None:
    """A sample of hypothesis-generated DLUs: at least 50 in the ci profile."""
    _check(oracle, to_cda(document))


def test_an_edited_official_dlu_still_passes(oracle: Oracle, examples_dir: Path) -> None:
    """Edits regenerate the changed parts (header, allergy section); the result still passes."""
    import attrs

    from dmpcore.codes import Code
    from dmpcore.dlu import Allergy, AllergyKind, SectionKind

    document = from_cda(examples_dir / "DLU-EHPAD-DLU_2022.01.xml")
    allergies = document.section(SectionKind.ALLERGIES)
    assert allergies is not None
    penicillin = Allergy(
        agent=Code(code="J01C", code_system="2.16.840.1.113883.6.73", display="Pénicillines"),
        kind=AllergyKind.DRUG.code(),
    )
    edited_section = attrs.evolve(allergies, entries=(*allergies.entries, penicillin))
    sections = tuple(edited_section if s is allergies else s for s in document.sections)
    header = attrs.evolve(document.header, version=2)
    _check(oracle, to_cda(attrs.evolve(document, header=header, sections=sections)))
