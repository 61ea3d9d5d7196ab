"""NAR-005: each entry is said in the narrative it references (DOMAIN.md §5: "each section's narrative
must say what its entries say"), a warning marked stricter than the kit."""

from __future__ import annotations

import copy
import unicodedata
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from lxml import etree
from tests.validation import corpus

from dmpcore.cda import to_cda
from dmpcore.dlu import example_dlu, example_fludr, example_fludt, example_fr_su, example_ft_su
from dmpcore.validation import RULES, validate

_ITEMS = "cda:component/cda:structuredBody/cda:component/cda:section[cda:templateId/@root='1.2.250.1.213.1.1.2.53']"
_GLASSES = f"{_ITEMS}/cda:text//cda:content[@ID='lunettes']"
_GLASSES_ENTRY = f"{_ITEMS}/cda:entry/cda:observation[cda:code/@code='Q021003']"
_FLUDT = "DLU-EHPAD-FLUDT_2022.01.xml"


def _warnings(data: bytes) -> list[tuple[int | None, str]]:
    return [(i.line, i.message_en) for i in validate(data).warnings if i.rule_id == "NAR-005"]


def _mutated(kit_dir: Path, mutation: corpus.Mutation, filename: str = _FLUDT) -> bytes:
    tree = copy.deepcopy(corpus.base_tree(kit_dir, filename))
    assert mutation(tree)
    return etree.tostring(tree)


def test_nar_005_is_a_stricter_warning() -> None:
    assert RULES["NAR-005"].stricter
    assert RULES["NAR-005"].severity.value == "warning"


@pytest.mark.kit
@pytest.mark.parametrize("filename", [name for _, name in corpus.BASES if name != "DLU-FR-SU_2025.01.xml"])
def test_the_official_examples_say_what_their_entries_say(examples_dir: Path, filename: str) -> None:
    assert _warnings((examples_dir / filename).read_bytes()) == []


@pytest.mark.kit
def test_the_official_fr_su_example_has_one_known_mismatch(examples_dir: Path) -> None:
    """Its "Prescriptions" entry (GEN-415) references ``#liste-objets``, the row of the list of prostheses."""
    assert _warnings((examples_dir / "DLU-FR-SU_2025.01.xml").read_bytes()) == [
        (904, "the entry's narrative does not say what the entry says: no word of 'Prescriptions'")
    ]


@pytest.mark.parametrize("example", [example_dlu, example_fludt, example_fludr, example_ft_su, example_fr_su])
def test_to_cda_says_what_its_entries_say(example: object) -> None:
    assert _warnings(bytes(to_cda(example()))) == []  # type: ignore[operator]


@pytest.mark.kit
def test_a_narrative_row_that_says_something_else_is_a_warning(kit_dir: Path) -> None:
    report = validate(_mutated(kit_dir, corpus._set_text(_GLASSES, "Canne anglaise")))
    [issue] = [i for i in report.warnings if i.rule_id == "NAR-005"]
    assert issue.message_en == (
        "the entry's narrative does not say what the entry says: no word of 'LUNETTES PRÊTES À PORTER (OU LUNETTES "
        "MONTÉES)'"
    )
    assert issue.message_fr.startswith("le texte narratif de l'entrée ne dit pas ce qu'elle dit : aucun mot de « LUN")
    assert issue.xpath is not None
    assert issue.xpath.endswith("/cda:section[1]/cda:entry[1]/cda:observation[1]")
    assert isinstance(issue.line, int)


@pytest.mark.kit
def test_an_entry_that_references_another_row_is_a_warning(kit_dir: Path) -> None:
    reference = corpus._set(f"{_GLASSES_ENTRY}/cda:text/cda:reference", value="#protAudDroit")
    assert len(_warnings(_mutated(kit_dir, reference))) == 1


@pytest.mark.kit
def test_an_entry_without_reference_is_looked_for_in_its_section_text(kit_dir: Path) -> None:
    without = corpus._remove(f"{_GLASSES_ENTRY}/cda:text")
    assert _warnings(_mutated(kit_dir, without)) == []  # "Lunettes" is in the section's table

    def and_no_glasses(tree: etree._ElementTree) -> bool:
        return without(tree) and corpus._set_text(_GLASSES, "Canne")(tree)

    assert len(_warnings(_mutated(kit_dir, and_no_glasses))) == 1


_REASON = ".//cda:observation[cda:code/@code='57277-6']"


@pytest.mark.kit
def test_the_warning_never_prints_free_text(kit_dir: Path) -> None:
    """A text value (ST) may be patient data: the message names display names only."""

    def unsaid(tree: etree._ElementTree) -> bool:
        [observation] = corpus._all(tree, _REASON)
        observation.find("cda:code", corpus.NS).attrib.pop("displayName")
        value = observation.find("cda:value", corpus.NS)
        value.clear()
        value.set("{http://www.w3.org/2001/XMLSchema-instance}type", "ST")
        value.text = "Chute dans la chambre"
        return corpus._set_text(".//cda:content[@ID='transfert-motif']", "Motif")(tree)

    [(_, message)] = _warnings(_mutated(kit_dir, unsaid))
    assert message == "the entry's narrative does not say what the entry says: no word of its text"


def _unaccented(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


@pytest.fixture(scope="module")
def fludt(kit_dir: Path) -> etree._ElementTree:
    return corpus.base_tree(kit_dir, _FLUDT)


@pytest.mark.kit
@given(change=st.sampled_from([str.upper, str.lower, _unaccented, lambda t: "  " + t.replace(" ", " \n\t ") + " "]))
def test_case_accents_and_white_space_of_the_narrative_do_not_matter(fludt: etree._ElementTree, change: object) -> None:
    tree = copy.deepcopy(fludt)
    for text in tree.getroot().iter(f"{{{corpus.V3}}}text"):
        for element in text.iter():
            if element.text:
                element.text = change(element.text)  # type: ignore[operator]
    assert _warnings(etree.tostring(tree)) == []
