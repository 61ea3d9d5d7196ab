"""No native rule crashes on an official example with one attribute missing, empty or blank.

A crashing rule gives the fatal ``RULE-000`` ("a defect of dmpcore") without a location, where the
editor needed a located finding: healthCareFacility/code without @codeSystem once did that.
"""

from __future__ import annotations

import copy
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from lxml import etree
from tests.validation import corpus

from dmpcore.validation._context import Document
from dmpcore.validation._privacy import masked
from dmpcore.validation._validate import native_issues

_EXAMPLES = [name for _, name in corpus.BASES]


def _crashes(tree: etree._ElementTree) -> list[str]:
    return [i.message_en for i in native_issues(Document(tree=tree)) if i.rule_id == "RULE-000"]


def _attributes(tree: etree._ElementTree) -> Iterator[tuple[etree._Element, str]]:
    for element in tree.iter():
        if isinstance(element.tag, str):
            for name in list(element.attrib):
                yield element, name


@pytest.mark.kit
@pytest.mark.slow
@pytest.mark.parametrize("filename", _EXAMPLES)
def test_deleting_any_one_attribute_crashes_no_rule(kit_dir: Path, filename: str) -> None:
    tree = corpus.base_tree(kit_dir, filename)
    crashed = []
    for element, name in list(_attributes(tree)):
        value = element.attrib.pop(name)
        crashed += [f"{etree.QName(element).localname}/@{name}: {c}" for c in _crashes(tree)]
        element.set(name, value)
    assert crashed == []


@pytest.mark.kit
@pytest.mark.parametrize("filename", _EXAMPLES)
@pytest.mark.parametrize("value", ["", "  "])
def test_emptying_each_kind_of_attribute_crashes_no_rule(kit_dir: Path, filename: str, value: str) -> None:
    """Every (element, attribute) kind of the example emptied everywhere at once: still no crash."""
    base = corpus.base_tree(kit_dir, filename)
    kinds = sorted({(element.tag, name) for element, name in _attributes(base)})
    crashed = []
    for tag, name in kinds:
        tree = copy.deepcopy(base)
        for element in tree.iter(tag):
            if name in element.attrib:
                element.set(name, value)
        crashed += [f"{tag}/@{name}={value!r}: {c}" for c in _crashes(tree)]
    assert crashed == []


@pytest.fixture(scope="module")
def fludt(kit_dir: Path) -> etree._ElementTree:
    return corpus.base_tree(kit_dir, "DLU-EHPAD-FLUDT_2022.01.xml")


@pytest.mark.kit
@given(data=st.data())
def test_a_random_attribute_set_to_junk_crashes_no_rule(fludt: etree._ElementTree, data: st.DataObject) -> None:
    """Any attribute of the FLUDT example given a junk value: the rules report, they do not crash."""
    tree = copy.deepcopy(fludt)
    attributes = list(_attributes(tree))
    element, name = data.draw(st.sampled_from(attributes))
    element.set(name, data.draw(st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc")), max_size=12)))
    assert _crashes(tree) == []


@given(st.text(alphabet="0123456789 x.\u00a0", max_size=60))
def test_no_nir_like_digit_run_survives_the_masking(text: str) -> None:
    """What the XSD and the kit say is masked: no 13 digits in a row (blanks between them or not) are left."""
    left = masked(text)
    assert not re.search(r"\d(?:[ \u00a0]?\d){12}", left)
    assert len(left) <= len(text)
