"""The ART-DECOR HL7 V3 data-type rules (DTr1) that the kit's structuration minimale applies, as data.

The structuration minimale types header elements (``<extends rule="AD"/>``...) and each type's abstract
rule (``profils/structurationMinimale/include/DTr1_<type>.sch``) makes assertions, named ``dtr1-<n>-<type>``,
that hold on every element of that type; a type also has those of the type it extends (PN extends EN,
CE extends CD, INT.POS extends INT...). :data:`DATA_TYPES` restates them: type -> its :class:`Assertion`
rows, each a test (an XPath 1.0 expression where one can say it, a function where the kit's XPath 2
needs more: ``string-join``, ``tokenize``, ``xs:dateTime``) true on a conforming element.

Every type ends its chain at ANY, whose one assertion ``dtr1-1-ANY`` holds on the element and each of
its descendants. Left out, and said in ``docs/validation.md``: the ED/ST attribute rules that the CDA
schema already refuses, and the reports
(``role="warning"`` reports such as ``dtr1-8-AD``, empty particles), which the kit does not fail on.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from functools import cache
from typing import Final

import attrs
from lxml import etree

from dmpcore.validation._context import V3, XML_SPACE, cda_xpath, compiled
from dmpcore.validation._datatypes import kit_ivl_bound_instant

__all__ = ["DATA_TYPES", "Assertion", "assertions_of"]

Test = Callable[[etree._Element], bool]


@attrs.frozen(kw_only=True)
class Assertion:
    """One DTr1 assertion: its kit id (``dtr1-10-AD``), a test true on a conforming element, what it says."""

    id: str
    test: Test = attrs.field(eq=False, repr=False)
    en: str
    fr: str


def _xpath(expression: str) -> Test:
    """A test from an XPath 1.0 expression written as the kit writes it (unprefixed names get ``cda:``)."""
    xpath = compiled(f"boolean({cda_xpath(expression)})")
    return lambda element: bool(xpath(element))


def _row(rule_id: str, test: str | Test, en: str, fr: str) -> Assertion:
    return Assertion(id=rule_id, test=_xpath(test) if isinstance(test, str) else test, en=en, fr=fr)


# --- the siblings rules (RIM-001, RIM-002): a nullFlavor among values, a value repeated -----------


def _siblings(element: etree._Element) -> Iterator[etree._Element]:
    """The siblings of the same local name (the kit's ``$set_other``, in any namespace)."""
    own = element.tag
    assert isinstance(own, str)
    name = own.rpartition("}")[2]
    for sibling in (*element.itersiblings(preceding=True), *element.itersiblings()):
        tag = sibling.tag
        if isinstance(tag, str) and (tag == own or tag.rpartition("}")[2] == name):
            yield sibling


def _no_null_among_values(element: etree._Element) -> bool:
    """RIM-001: not a nullFlavor when a sibling of the same name is not null."""
    return element.get("nullFlavor") is None or all(s.get("nullFlavor") is not None for s in _siblings(element))


def _uses_and_texts(element: etree._Element) -> str:
    """``string-join((.//@use | .//text()), '')``: the @use and the text nodes of *element*, in document order."""
    parts = [element.get("use", ""), element.text or ""]
    for child in element:
        if isinstance(child.tag, str):  # a comment's or processing instruction's own text is no text node
            parts.append(_uses_and_texts(child))
        parts.append(child.tail or "")
    return "".join(parts)


def _distinct_by(key: Callable[[etree._Element], object]) -> Test:
    """RIM-002: no sibling of the same name has the same key (a None key compares to nothing, as in XPath)."""

    def test(element: etree._Element) -> bool:
        mine = key(element)
        return mine is None or all(key(sibling) != mine for sibling in _siblings(element))

    return test


def _attributes(*names: str) -> Callable[[etree._Element], tuple[str, ...] | None]:
    """The values of *names*, None when one is missing (``@a = $a`` is false on an empty sequence)."""

    def key(element: etree._Element) -> tuple[str, ...] | None:
        values = tuple(element.get(name) for name in names)
        return None if None in values else tuple(v for v in values if v is not None)

    return key


# --- tests the kit writes in XPath 2 -------------------------------------------------------------------

_TIME_UNITS: Final = frozenset({"us", "ms", "s", "min", "h", "d", "wk", "mo", "a", ""})
_RFC3066: Final = re.compile(r"^[a-z]{2,3}(-[a-z]{2})?|[ix](-[a-z\d]{2,8})+\Z", re.I)  # XPath's $ is \Z
# the CI-SIS templates' INT pattern '^-?[1-9]\d*$|^+?\d*$' (as Saxon reads it, '^+?' is an anchor: no sign)
_INT: Final = re.compile(r"(-?[1-9]\d*|\d*)\Z")
# xs:double, as '@value > 0' casts an untyped attribute
_DOUBLE: Final = re.compile(r"\s*([+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?|-?INF|NaN)\s*\Z")


def _width_unit_allowed(path: str) -> Test:
    """``matches(<path>width/@unit, '^(us|ms|...|)$')``: a missing unit is an empty string, which matches."""
    width = f"{path}cda:width"

    def test(element: etree._Element) -> bool:
        found = element.find(width, {"cda": V3})
        return found is None or found.get("unit", "") in _TIME_UNITS

    return test


def _descendants(element: etree._Element, name: str) -> Iterator[etree._Element]:
    """``.//name`` in HL7 v3: the descendants called *name*, not *element* itself."""
    return (found for found in element.iter(f"{{{V3}}}{name}") if found is not element)


def _qualifiers_distinct(element: etree._Element) -> bool:
    """dtr1-7-EN: some name part has no qualifier token twice (``not(hl7:*) or hl7:*[...]``)."""
    parts = [child for child in element if isinstance(child.tag, str) and etree.QName(child).namespace == V3]
    return not parts or any(_distinct_tokens(part.get("qualifier") or "") for part in parts)


def _distinct_tokens(value: str) -> bool:
    tokens = re.split(r"\s", value) if value else []
    return len(tokens) == len(set(tokens))


def _translations_distinct(element: etree._Element) -> bool:
    keys = [t.get("code", "") + t.get("codeSystem", "") for t in _descendants(element, "translation")]
    return len(keys) == len(set(keys))


def _language_ok(element: etree._Element) -> bool:
    """dtr1-20-CD: ``matches(@language, RFC3066, 'i')``, a search (the first branch is anchored at the start only)."""
    languages = (text.get("language") for text in _descendants(element, "originalText"))
    return all(_RFC3066.search(language) for language in languages if language is not None)


def _int_lexical(element: etree._Element) -> bool:
    value = element.get("value")
    return value is None or _INT.match(value) is not None


def _positive(element: etree._Element) -> bool:
    value = element.get("value")
    if element.get("nullFlavor") is not None:
        return True
    return value is not None and _DOUBLE.match(value) is not None and float(value.strip().replace("INF", "inf")) > 0


def _low_before_high(element: etree._Element) -> bool:
    """dtr1-7-IVL_TS: low is not after high, compared as the xs:dateTime values the kit builds."""
    low, high = (element.find(f"{{{V3}}}{bound}") for bound in ("low", "high"))
    values = [bound.get("value") if bound is not None else None for bound in (low, high)]
    if values[0] is None or values[1] is None:
        return True
    start, end = kit_ivl_bound_instant(values[0]), kit_ivl_bound_instant(values[1])
    return start is None or end is None or start <= end


# --- dtr1-1-ANY: a nullFlavor alone (DTr1_ANY.sch) -------------------------------------------------------

_XSI: Final = "http://www.w3.org/2001/XMLSchema-instance"
#: the attributes a null element may carry: name -> its one allowed value, or None for any value
#: (an unnamespaced name; ``{xsi}`` names are the xsi:type and xsi:nil the kit lets through)
_NULL_ATTRIBUTES: Final[dict[str, str | None]] = {
    f"{{{_XSI}}}type": None, f"{{{_XSI}}}nil": None, "classCode": None, "typeCode": None,
    "determinerCode": None, "moodCode": None, "nullFlavor": None, "partType": None,
    "codeSystem": "2.16.840.1.113883.5.139", "codeSystemName": "TimingEvent", "integrityCheckAlgorithm": "SHA-1",
    "inverted": "false", "mediaType": "text/plain", "operator": "I", "representation": "TXT", "inclusive": "true",
    "unit": "1",
}  # fmt: skip
_FIXED: Final = ("integrityCheckAlgorithm", "mediaType", "operator", "representation", "inclusive", "unit")
#: the second branch, nullFlavor OTH, NA or UNC: these with any value (and any ``*:valueSet``,
#: ``*:valueSetVersion``), the fixed ones with their one value
_CODED_NULL_ATTRIBUTES: Final[dict[str, str | None]] = {
    **dict.fromkeys((f"{{{_XSI}}}type", f"{{{_XSI}}}nil", "codeSystem", "codeSystemName", "codeSystemVersion",
                     "extension", "nullFlavor", "partType")),
    **{name: _NULL_ATTRIBUTES[name] for name in _FIXED},
}  # fmt: skip
_VALUE_SET: Final = frozenset({"valueSet", "valueSetVersion"})
_CODED_NULLS: Final = frozenset({"OTH", "NA", "UNC"})


def _only(element: etree._Element, allowed: dict[str, str | None], value_sets: bool = False) -> bool:
    """Every attribute of *element* is one of *allowed* (with its one value where it has one)."""
    for name, value in element.attrib.items():
        if value_sets and etree.QName(name).localname in _VALUE_SET:
            continue
        if name not in allowed or allowed[name] not in (None, value):
            return False
    return True


def _has_text(element: etree._Element) -> bool:
    """``text()[string-length(normalize-space()) gt 0]``: a non-blank text node child."""
    # normalize-space() removes the XML white space only: a no-break space is text
    return bool((element.text or "").strip(XML_SPACE)) or any((child.tail or "").strip(XML_SPACE) for child in element)


def _null_alone(element: etree._Element) -> bool:
    """The condition of dtr1-1-ANY on one element with a nullFlavor."""
    children = [child for child in element if isinstance(child.tag, str)]
    if _only(element, _NULL_ATTRIBUTES) and not children and not _has_text(element):
        return True
    if element.get("nullFlavor") not in _CODED_NULLS or not _only(element, _CODED_NULL_ATTRIBUTES, value_sets=True):
        return False
    kept = {"originalText", "translation"}
    return (
        "extension" in element.attrib
        or "codeSystem" in element.attrib
        or any(etree.QName(child).localname in kept for child in children)
    )


def _nulls_alone(element: etree._Element) -> bool:
    """dtr1-1-ANY: every element with a nullFlavor, *element* or below, has nothing else (but the kit's exceptions)."""
    return all(_null_alone(found) for found in element.iter(etree.Element) if found.get("nullFlavor") is not None)


# --- the types ------------------------------------------------------------------------------------------


def _requires(rule_id: str, attribute: str, required: str, where: str = "") -> Assertion:
    """*attribute* only with *required*: on the element itself, or on each of its elements *where*."""
    if not where:
        return _row(rule_id, f"@{required} or not(@{attribute})", f"@{attribute} only with @{required}",
                    f"@{attribute} seulement avec @{required}")  # fmt: skip
    return _row(
        rule_id,
        f"not({where}[@{attribute}][not(@{required})])",
        f"a translation's @{attribute} only with its @{required}",
        f"le @{attribute} d'une translation seulement avec son @{required}",
    )


#: (n, attribute, its one allowed value or ""): what a CS does not have (dtr1-2 to -5-CS)
_CS_ABSENT: Final = (
    (2, "codeSystem", "2.16.840.1.113883.5.139"),  # TimingEvent, for EIVL
    (3, "codeSystemName", "TimingEvent"),
    (4, "codeSystemVersion", ""),
    (5, "displayName", ""),
)
#: (n, attribute, what it requires): dtr1-2 to -5-CD on the code
_CD_REQUIRES: Final = (
    (2, "code", "codeSystem"),
    (3, "codeSystemName", "codeSystem"),
    (4, "codeSystemVersion", "codeSystem"),
    (5, "displayName", "code"),
)
#: the same on translations, dtr1-11 to -14-CD (dtr1-11 reversed: a translation's code system needs a code)
_TRANSLATION_REQUIRES: Final = (
    (11, "codeSystem", "code"),
    (12, "codeSystemName", "codeSystem"),
    (13, "codeSystemVersion", "codeSystem"),
    (14, "displayName", "code"),
)

_TEXT: Final = "text()[normalize-space()]"
_PERIOD_LOW: Final = "substring(concat(useablePeriod/low/@value, '00000000000000'), 1, 14)"
_PERIOD_HIGH: Final = "substring(concat(useablePeriod/high/@value, '00000000000000'), 1, 14)"
_BOTH_PERIOD: Final = "not(useablePeriod/low/@value and useablePeriod/high/@value)"

_OWN: Final[dict[str, tuple[Assertion, ...]]] = {
    "ANY": (
        _row("dtr1-1-ANY", _nulls_alone, "with a nullFlavor, no other attribute, child nor text (here or below; "
             "OTH, NA, UNC may keep a code system, an extension, an originalText or translations)",
             "avec un nullFlavor, ni autre attribut, ni enfant, ni texte (ici ou en dessous ; OTH, NA, UNC peuvent "
             "garder un système de codes, une extension, un originalText ou des translations)"),
    ),
    "BIN": (
        _row("dtr1-1-BIN", f"@nullFlavor or * or {_TEXT}", "a nullFlavor or content", "un nullFlavor ou un contenu"),
    ),
    "AD": (
        _row("dtr1-1-AD", f"@nullFlavor or (* and not({_TEXT})) or (not(*) and {_TEXT})",
             "a nullFlavor, text only or parts only (no mixed content)",
             "un nullFlavor, du texte seul ou des parties seules (pas de contenu mixte)"),
        _row("dtr1-2-AD", "not(@nullFlavor) or not(thumbnail) or useablePeriod/@nullFlavor",
             "no useablePeriod if null", "pas de useablePeriod avec un nullFlavor"),
        _row("dtr1-3-AD", "not(useablePeriod[@updateMode])", "no updateMode", "pas d'updateMode"),
        _row("dtr1-5-AD", f"{_BOTH_PERIOD} or string-length(useablePeriod/low/@value) = "
             "string-length(useablePeriod/high/@value)",
             "useablePeriod low and high of the same precision", "useablePeriod low et high de même précision"),
        _row("dtr1-6-AD", f"{_BOTH_PERIOD} or number({_PERIOD_LOW}) < number({_PERIOD_HIGH})",
             "useablePeriod/low before useablePeriod/high", "useablePeriod/low avant useablePeriod/high"),
        _row("dtr1-7-AD", _width_unit_allowed("cda:useablePeriod/"), "a time unit for useablePeriod/width",
             "une unité de temps pour useablePeriod/width"),
        _row("dtr1-9-AD", _no_null_among_values, "no nullFlavor beside a non-null address (RIM-001)",
             "pas de nullFlavor à côté d'une adresse renseignée (RIM-001)"),
        _row("dtr1-10-AD", _distinct_by(_uses_and_texts), "distinct from the other addresses (RIM-002)",
             "distincte des autres adresses (RIM-002)"),
    ),
    "EN": (
        _row("dtr1-1.1-EN", f"not(@nullFlavor and (* or {_TEXT}))", "no parts nor text with a nullFlavor",
             "ni parties ni texte avec un nullFlavor"),
        _row("dtr1-1.2-EN", f"not(* and {_TEXT})", "parts or text, not both (no mixed content)",
             "des parties ou du texte, pas les deux (pas de contenu mixte)"),
        _row("dtr1-1.3-EN", f"@nullFlavor or * or {_TEXT}", "not empty without a nullFlavor",
             "non vide sans nullFlavor"),
        _row("dtr1-5-EN", _no_null_among_values, "no nullFlavor beside a non-null name (RIM-001)",
             "pas de nullFlavor à côté d'un nom renseigné (RIM-001)"),
        _row("dtr1-6-EN", _distinct_by(_uses_and_texts), "distinct from the other names (RIM-002)",
             "distinct des autres noms (RIM-002)"),
        _row("dtr1-7-EN", _qualifiers_distinct, "a @qualifier without a repeated value",
             "un @qualifier sans valeur répétée"),
    ),
    "PN": (
        _row("dtr1-1-PN", "not(*[contains(concat(' ', normalize-space(@qualifier), ' '), ' LS ')])",
             "no part qualified LS (legal status of organisations)",
             "aucune partie qualifiée LS (statut légal des organisations)"),
    ),
    "ON": (
        _row("dtr1-1-ON", "not(family | given)", "no family nor given part", "ni family ni given"),
        _row("dtr1-2-ON", "not(*)", "no parts", "pas de parties"),
    ),
    "CD": (
        _row("dtr1-1-CD", "@nullFlavor or @code or (originalText and not(originalText/@nullFlavor))",
             "a nullFlavor, a @code or an originalText", "un nullFlavor, un @code ou un originalText"),
        *(_requires(f"dtr1-{n}-CD", attribute, required) for n, attribute, required in _CD_REQUIRES),
        _row("dtr1-6-CD", "not(@nullFlavor and @code)", "not both @code and a nullFlavor",
             "pas à la fois @code et un nullFlavor"),
        _row("dtr1-7-CD", "not(@nullFlavor and @displayName)", "not both @displayName and a nullFlavor",
             "pas à la fois @displayName et un nullFlavor"),
        _row("dtr1-10-CD", "not(.//translation/@nullFlavor)", "no nullFlavor on a translation",
             "pas de nullFlavor sur une translation"),
        *(_requires(f"dtr1-{n}-CD", attribute, required, ".//translation")
          for n, attribute, required in _TRANSLATION_REQUIRES),
        _row("dtr1-17-CD", _no_null_among_values, "no nullFlavor beside a non-null code (RIM-001)",
             "pas de nullFlavor à côté d'un code renseigné (RIM-001)"),
        _row("dtr1-18-CD", _distinct_by(_attributes("code", "codeSystem")),
             "distinct from its siblings by @code and @codeSystem (RIM-002)",
             "distinct de ses voisins par @code et @codeSystem (RIM-002)"),
        _row("dtr1-19-CD", _translations_distinct, "distinct translations (RIM-002)",
             "des translations distinctes (RIM-002)"),
        _row("dtr1-20-CD", _language_ok, "an originalText/@language of RFC 3066",
             "un originalText/@language conforme à la RFC 3066"),
    ),
    "CE": (_row("dtr1-1-CE", "not(qualifier)", "no qualifier", "pas de qualifier"),),
    "CS": (
        _row("dtr1-1-CS", "(@nullFlavor and not(@code or @typeCode)) or (not(@nullFlavor) and (@code or @typeCode))",
             "a @code or a nullFlavor, not both", "un @code ou un nullFlavor, pas les deux"),
        *(_row(f"dtr1-{n}-CS", f"not(@{name})" + (f" or @{name} = '{allowed}'" if allowed else ""),
               f"no @{name}", f"pas de @{name}")
          for n, name, allowed in _CS_ABSENT),
        _row("dtr1-6-CS", "not(originalText | qualifier | translation)", "no originalText, qualifier nor "
             "translation", "ni originalText, ni qualifier, ni translation"),
    ),
    "QTY": (
        _row("dtr1-3-QTY", _no_null_among_values, "no nullFlavor beside a non-null value (RIM-001)",
             "pas de nullFlavor à côté d'une valeur renseignée (RIM-001)"),
    ),
    "INT": (
        _row("dtr1-1-INT", "(@nullFlavor or @value or *) and not(@nullFlavor and @value)",
             "a @value, a nullFlavor or bounds, and not both a @value and a nullFlavor",
             "une @value, un nullFlavor ou des bornes, et pas à la fois @value et nullFlavor"),
        _row("dtr1-2-INT", "not(uncertainty)", "no uncertainty", "pas d'uncertainty"),
        _row("CI-SIS INT", _int_lexical, "a @value of digits, without sign '+' nor blanks (the CI-SIS templates' "
             "INT pattern)", "une @value de chiffres, sans signe '+' ni blancs (motif INT des modèles CI-SIS)"),
    ),
    "II": (
        *(_row(f"dtr1-{n}-II", f"not(@nullFlavor and @{name})", f"no @{name} with a nullFlavor",
               f"pas d'@{name} avec un nullFlavor")
          for n, name in enumerate(("identifierName", "displayable", "reliability", "assigningAuthorityName"), 4)),
        _row("dtr1-11-II", _no_null_among_values, "no nullFlavor beside a non-null identifier (RIM-001)",
             "pas de nullFlavor à côté d'un identifiant renseigné (RIM-001)"),
    ),
    "URL": (
        _row("dtr1-4-URL", _no_null_among_values, "no nullFlavor beside a non-null telecom (RIM-001)",
             "pas de nullFlavor à côté d'un telecom renseigné (RIM-001)"),
        _row("dtr1-5-URL", _distinct_by(_attributes("use", "value")), "distinct from the other telecoms by @use "
             "and @value (RIM-002)", "distinct des autres telecoms par @use et @value (RIM-002)"),
    ),
    "TEL": (_row("dtr1-1-TEL", "not(@nullFlavor and useablePeriod)", "no useablePeriod with a nullFlavor",
                 "pas de useablePeriod avec un nullFlavor"),),
    "INT.POS": (_row("dtr1-2-INT.POS", _positive, "a @value above 0", "une @value supérieure à 0"),),
    "BL": (),  # the kit's DTr1_BL.sch asserts nothing: <sdtc:deceasedInd/> passes its pipeline
    "TS": (
        _row("dtr1-1-TS", "(@nullFlavor or @value or *) and not(@nullFlavor and @value)",
             "a @value, a nullFlavor or bounds, and not both a @value and a nullFlavor",
             "une @value, un nullFlavor ou des bornes, et pas à la fois @value et nullFlavor"),
    ),
    "IVXB_TS": (
        _row("dtr1-1-IVXB_TS", "not(@nullFlavor and @inclusive) or @inclusive = 'true'",
             "not @inclusive with a nullFlavor", "pas d'@inclusive avec un nullFlavor"),
    ),
    "SXCM_TS": (
        _row("dtr1-1-SXCM_TS", "not(@nullFlavor and @operator) or @operator = 'I'", "no @operator with a "
             "nullFlavor", "pas d'@operator avec un nullFlavor"),
    ),
    "IVL_TS": (
        _row("dtr1-2-IVL_TS", "not(descendant-or-self::*[@nullFlavor and (@value | @unit | low | center | high "
             "| width)])", "no @value nor bound with a nullFlavor", "ni @value ni borne avec un nullFlavor"),
        _row("dtr1-3-IVL_TS", "not(@value and *)", "not both @value and bounds", "pas à la fois @value et des bornes"),
        # dtr1-4-1-IVL_TS (a nullFlavor or a @value somewhere) is commented out in the kit's DTr1_IVL_TS.sch
        _row("dtr1-4-3-IVL_TS", "not(center and (low | high | width))", "center alone", "center seul"),
        _row("dtr1-4-4-IVL_TS", "not(width and low and high)", "not width with both low and high",
             "pas width avec low et high"),
        _row("dtr1-5-IVL_TS", "not(*[@updateMode])", "no updateMode", "pas d'updateMode"),
        _row("dtr1-6-IVL_TS", "not(low/@value = high/@value)", "low different from high", "low différent de high"),
        _row("dtr1-1-PQR", "not(width[@unit][not(@value)])", "a width with a @value", "une width avec une @value"),
        _row("dtr1-2-PQR", "not(width/translation)", "no width translation", "pas de translation de width"),
        _row("dtr1-7-1-IVL_TS", "not(low[@nullFlavor = 'PINF'])", "no low PINF", "pas de low PINF"),
        _row("dtr1-7-2-IVL_TS", "not(high[@nullFlavor = 'NINF'])", "no high NINF", "pas de high NINF"),
        _row("dtr1-8-IVL_TS", _width_unit_allowed(""), "a time unit for width", "une unité de temps pour width"),
        _row("dtr1-7-IVL_TS", _low_before_high, "low not after high", "low pas après high"),
    ),
}  # fmt: skip

#: type -> the type it extends (``<extends rule="..."/>``), up to ANY
_EXTENDS: Final = {
    **dict.fromkeys(("BIN", "AD", "EN", "CD", "CS", "QTY", "II", "URL", "BL"), "ANY"),
    "ST": "BIN", "TEL": "URL", "PN": "EN", "ON": "EN", "CE": "CD", "CV": "CE", "INT": "QTY", "INT.POS": "INT",
    "TS": "QTY", "SXCM_TS": "TS", "IVXB_TS": "TS", "IVL_TS": "SXCM_TS",
}  # fmt: skip


@cache
def assertions_of(data_type: str) -> tuple[Assertion, ...]:
    """The assertions of *data_type* and of the types it extends, the most general first."""
    parent = _EXTENDS.get(data_type)
    return (assertions_of(parent) if parent else ()) + _OWN.get(data_type, ())


#: every restated type -> its assertions (inherited ones included)
DATA_TYPES: Final = {name: assertions_of(name) for name in (*_OWN, *_EXTENDS)}
