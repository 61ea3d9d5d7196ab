"""``from_cda``: read a DLU-family CDA R2 document into a :class:`~dmpcore.dlu.Document`.

Reading goes through the hardened :func:`~dmpcore.cda.parse_xml`. The header and every modelled
section and entry are read into typed objects that remember their origin XML; sections of other
models become :class:`~dmpcore.dlu.RawSection`, entries dmpcore does not model (or cannot read)
become :class:`~dmpcore.dlu.RawEntry`, header elements it does not model go to ``Header.extra``:
:func:`~dmpcore.cda.to_cda` writes all of them back.
"""

from __future__ import annotations

import base64
import binascii
import datetime as dt
from collections.abc import Callable, Iterator
from decimal import Decimal, InvalidOperation
from fractions import Fraction
from typing import Any, Final, TypeVar

from lxml import etree

from dmpcore.cda._constants import HL7
from dmpcore.cda._narrative import PLACEHOLDER, PLACEHOLDER_STYLE
from dmpcore.cda._parser import DEFAULT_MAX_BYTES, Source, parse_xml
from dmpcore.cda._xml import XSI_TYPE, local, parse_ts, raw_text, tag
from dmpcore.codes import Code
from dmpcore.dlu._base import Address, Identifier, Origin, PersonName, RawXml, Telecom
from dmpcore.dlu._document import AnySection, Document, RawSection, Section
from dmpcore.dlu._entries import (
    AdvanceDirective,
    Allergy,
    AttachedDocument,
    Attachment,
    Disposition,
    Entry,
    ExternalDocument,
    Observation,
    Problem,
    Procedure,
    RawEntry,
    Treatment,
    Vaccination,
)
from dmpcore.dlu._header import (
    Organization,
    Professional,
)
from dmpcore.dlu._registry import DOCUMENTS, SECTIONS, DocumentKind, section_kind_for
from dmpcore.errors import CdaParseError, InputError, UnknownDocumentKind

__all__ = ["from_cda"]

El = etree._Element
T = TypeVar("T")
_HL7 = "{" + HL7 + "}"


class _Bad(Exception):
    """Bad content at *element* (turned into a CdaParseError with line and path)."""

    def __init__(self, message: str, element: El) -> None:
        super().__init__(message)
        self.element = element


def _path(element: El) -> str:
    parts = []
    node: El | None = element
    while node is not None:
        parent = node.getparent()
        name = local(node)
        if parent is not None:
            same = [child for child in parent if child.tag == node.tag]
            if len(same) > 1:
                name += f"[{same.index(node) + 1}]"
        parts.append(name)
        node = parent
    return "/" + "/".join(reversed(parts))


def _child(element: El, name: str) -> El | None:
    return next(element.iterchildren(tag(name)), None)


def _children(element: El, name: str) -> list[El]:
    return list(element.iterchildren(tag(name)))


def _need(element: El, name: str) -> El:
    child = next(element.iterchildren(tag(name)), None)
    if child is None:
        raise _Bad(f"missing element {name}", element)
    return child


def _text(element: El | None) -> str | None:
    if element is None:
        return None
    text = "".join(str(part) for part in element.itertext())
    return text if text.strip() else None


def _attr(element: El | None, name: str) -> str | None:
    return None if element is None else element.get(name)


def _ii(element: El) -> Identifier:
    root = element.get("root")
    if not root:
        raise _Bad("an id needs a root", element)
    return _make(Identifier, element, root=root, extension=element.get("extension"))


def _code(element: El | None) -> Code | None:
    if element is None or not element.get("code") or not element.get("codeSystem"):
        return None
    return _make(
        Code,
        element,
        code=element.get("code", ""),
        code_system=element.get("codeSystem", ""),
        display=element.get("displayName"),
    )


def _need_code(element: El | None, parent: El) -> Code:
    code = _code(element)
    if code is None:
        raise _Bad("missing code (code and codeSystem)", element if element is not None else parent)
    return code


def _ts(element: El | None) -> dt.date | dt.datetime | None:
    if element is None or element.get("value") is None:
        return None
    try:
        return parse_ts(element.get("value", ""))
    except CdaParseError as exc:
        raise _Bad(exc.message, element) from None


def _date(element: El | None) -> dt.date | None:
    value = _ts(element)
    return value.date() if isinstance(value, dt.datetime) else value


def _datetime(element: El | None) -> dt.datetime | None:
    value = _ts(element)
    if value is None or isinstance(value, dt.datetime):
        return value
    return dt.datetime(value.year, value.month, value.day)  # a day for a time: its midnight, no zone made up


_ADDRESS_PARTS = {
    "houseNumber": "house_number",
    "streetName": "street_name",
    "unitID": "unit_id",
    "postalCode": "postal_code",
    "city": "city",
    "county": "county",
    "country": "country",
}


def _address(element: El | None) -> Address | None:
    if element is None or element.get("nullFlavor"):
        return None
    parts: dict[str, Any] = {}
    for child in element:
        field = _ADDRESS_PARTS.get(local(child))
        if field is not None and field not in parts and child.text is not None:
            parts[field] = child.text
    return _make(Address, element, use=element.get("use"), **parts)


def _telecoms(element: El) -> tuple[Telecom, ...]:
    return tuple(
        _make(Telecom, child, value=child.get("value", ""), use=child.get("use"))
        for child in _children(element, "telecom")
        if child.get("value")
    )


def _name(element: El | None, parent: El) -> PersonName:
    if element is None:
        raise _Bad("missing name", parent)
    family = _text(_child(element, "family"))
    if family is None:
        raise _Bad("a name needs a family name", element)
    return _make(
        PersonName,
        element,
        family=family,
        given=_text(_child(element, "given")),
        prefix=_text(_child(element, "prefix")),
        suffix=_text(_child(element, "suffix")),
    )


def _organization(element: El | None) -> Organization | None:
    if element is None:
        return None
    ident = _child(element, "id")
    return _make(
        Organization,
        element,
        id=_ii(ident) if ident is not None and ident.get("root") else None,
        name=_text(_child(element, "name")),
        address=_address(_child(element, "addr")),
        telecoms=_telecoms(element),
        sector=_code(_child(element, "standardIndustryClassCode")),
    )


def _professional(
    element: El, person_tag: str = "assignedPerson", organization_tag: str = "representedOrganization"
) -> Professional:
    return _make(
        Professional,
        element,
        id=_ii(_need(element, "id")),
        name=_name(_child(_need(element, person_tag), "name"), element),
        profession=_code(_child(element, "code")),
        address=_address(_child(element, "addr")),
        telecoms=_telecoms(element),
        organization=_organization(_child(element, organization_tag)),
    )


def _make(cls: Callable[..., T], element: El, **fields: Any) -> T:
    """Build a model object; a rule it breaks is reported at *element*."""
    try:
        return cls(**fields)
    except InputError as exc:
        raise _Bad(exc.message, element) from None


def _with_origin(obj: T, element: El) -> T:
    return _attach(obj, raw_text(element))


def _attach(obj: T, xml: str, member: int = 0, members: int = 1) -> T:
    # The object was just built and nobody else holds it: attach its origin in place rather than
    # copying it (attrs.evolve re-runs every validator). The snapshot is the object itself: a copy
    # made later by attrs.evolve carries this origin and compares equal to it only if unchanged.
    object.__setattr__(obj, "origin", Origin(xml=xml, snapshot=obj, member=member, members=members))
    return obj


# Entries --------------------------------------------------------------------------------------


def _main(entry: El) -> El:
    for child in entry:
        if isinstance(child.tag, str):
            return child
    raise _Bad("empty entry", entry)


def _low_high(element: El | None) -> tuple[dt.date | None, dt.date | None]:
    if element is None:
        return None, None
    return _date(_child(element, "low")), _date(_child(element, "high"))


def _read_disposition(act: El) -> Disposition:
    participants = _children(act, "participant")
    chosen = next((p for p in participants if p.get("typeCode") == "DST"), None)
    if chosen is None and participants:
        chosen = participants[0]
    if chosen is None:
        raise _Bad("a disposition needs a participant", act)
    role = _need(chosen, "participantRole")
    ident = _child(role, "id")
    hospital = Organization(
        id=_ii(ident) if ident is not None and ident.get("root") else None,
        name=_text(role.find(f"{_HL7}playingEntity/{_HL7}name")),
        address=_address(_child(role, "addr")),
        telecoms=_telecoms(role),
    )
    return Disposition(hospital=hospital, id=_ii(_need(act, "id")))


def _concerned(act: El) -> list[El]:
    observations = act.findall(f"{_HL7}entryRelationship/{_HL7}observation")
    if not observations:
        raise _Bad("a concern needs an entryRelationship/observation", act)
    return observations


def _concern_of(act: El) -> dict[str, Any]:
    """The id and statusCode of the concern *act* (``Problem.concern_id``, ``Problem.concern_status``)."""
    ident = _child(act, "id")
    return {
        "concern_id": _ii(ident) if ident is not None and ident.get("root") else None,
        "concern_status": _attr(_child(act, "statusCode"), "code"),
    }


def _read_problem(act: El) -> list[Problem]:
    problems = []
    for observation in _concerned(act):
        start, end = _low_high(_child(observation, "effectiveTime"))
        problems.append(
            _make(
                Problem,
                observation,
                code=_need_code(_child(observation, "value"), observation),
                start=start,
                end=end,
                id=_ii(_need(observation, "id")),
                **_concern_of(act),
            )
        )
    return problems


def _read_allergy(act: El) -> list[Allergy]:
    allergies = []
    for observation in _concerned(act):
        start, end = _low_high(_child(observation, "effectiveTime"))
        entity = observation.find(f"{_HL7}participant/{_HL7}participantRole/{_HL7}playingEntity")
        if entity is None:
            raise _Bad("an allergy needs its agent (participant/participantRole/playingEntity)", observation)
        allergies.append(
            _make(
                Allergy,
                observation,
                agent=_need_code(_child(entity, "code"), entity),
                kind=_need_code(_child(observation, "code"), observation),
                reaction=_code(_child(observation, "value")),
                start=start,
                end=end,
                id=_ii(_need(observation, "id")),
                **_concern_of(act),
            )
        )
    return allergies


def _material(element: El) -> El:
    material = element.find(f"{_HL7}consumable/{_HL7}manufacturedProduct/{_HL7}manufacturedMaterial")
    if material is None:
        raise _Bad("missing consumable/manufacturedProduct/manufacturedMaterial", element)
    return material


#: period units in hours: UCUM, and "J" (jour) as the official DLU and FLUDR examples write it
_HOURS: dict[str, Fraction] = {"min": Fraction(1, 60), "h": Fraction(1), "d": Fraction(24), "J": Fraction(24)}
_HOURS["wk"] = 7 * _HOURS["d"]


def _hours(element: El | None) -> int | None:
    """*element*'s ``value`` and ``unit`` in hours (None: no element); refused unless a whole number of hours.

    The model counts periods in hours (``period_hours``): 0.5 d is 12 h, 120 min 2 h; 30 min or an
    unknown unit would be lost, so the treatment stays a RawEntry.
    """
    if element is None:
        return None
    try:
        hours = Fraction(Decimal(element.get("value", ""))) * _HOURS[element.get("unit", "")]
    except (KeyError, ValueError, ArithmeticError):
        hours = Fraction(0)
    if hours.denominator != 1 or hours < 1:
        raise _Bad("a period is a whole number of hours (h, min, d, J or wk; e.g. 8 h, 1 d, 0.5 d)", element)
    return int(hours)


def _quantity(element: El | None) -> Decimal | None:
    value = _attr(element, "value")
    if element is None or not value:
        return None
    try:
        return Decimal(value)
    except InvalidOperation:
        raise _Bad("a dose value is not a number", element) from None


def _read_treatment(sbadm: El) -> Treatment:
    start, end, period_hours, institution_specified = _treatment_times(sbadm)
    dose = high = unit = None
    quantity = _child(sbadm, "doseQuantity")
    if quantity is not None:
        low = _child(quantity, "low")
        source = low if low is not None else quantity
        dose = _quantity(source)
        unit = source.get("unit") if dose is not None else None
        top = _child(quantity, "high")
        high = _quantity(top)
        if high is not None and _attr(top, "unit") != unit:
            raise _Bad("a dose range has one unit (low and high)", quantity)
    max_dose, max_unit, max_hours = _max_dose_quantity(_child(sbadm, "maxDoseQuantity"))
    dose_unit = unit if dose is not None else max_unit
    material = _material(sbadm)
    return _make(
        Treatment,
        sbadm,
        medication=_need_code(_child(material, "code"), material),
        start=start,
        end=end,
        dose=dose,
        dose_high=None if high == dose else high,
        dose_unit=dose_unit,
        period_hours=period_hours,
        max_dose=max_dose,
        max_dose_period_hours=max_hours,
        max_dose_unit=None if max_unit in (None, dose_unit) else max_unit,
        institution_specified=institution_specified,
        id=_ii(_need(sbadm, "id")),
    )


def _treatment_times(sbadm: El) -> tuple[dt.date | None, dt.date | None, int | None, bool]:
    """The treatment's dates (one IVL_TS: low, high), period (at most one PIVL_TS: operator A, a period)
    and whether that period is institution-specified."""
    intervals = [t for t in _children(sbadm, "effectiveTime") if not t.get(XSI_TYPE, "").endswith("PIVL_TS")]
    periods = [t for t in _children(sbadm, "effectiveTime") if t.get(XSI_TYPE, "").endswith("PIVL_TS")]
    if len(intervals) > 1 or len(periods) > 1:
        raise _Bad("a treatment has one interval (IVL_TS) and at most one period (PIVL_TS)", sbadm)
    start, end = _low_high(intervals[0] if intervals else None)
    if not periods:
        return start, end, None, False
    parts = {local(child) for child in periods[0] if isinstance(child.tag, str)}
    if periods[0].get("operator", "A") != "A" or not parts <= {"period"}:
        raise _Bad("a treatment's frequency is a PIVL_TS (operator A) with a period only", periods[0])
    specified = periods[0].get("institutionSpecified", "false")
    if specified not in ("true", "false"):
        raise _Bad("institutionSpecified is true or false", periods[0])
    return start, end, _hours(_child(periods[0], "period")), specified == "true"


def _max_dose_quantity(most: El | None) -> tuple[Decimal | None, str | None, int | None]:
    """maxDoseQuantity's numerator (value, unit) and denominator (hours); nothing for none or a null flavor."""
    if most is None or (most.get("nullFlavor") and len(most) == 0):
        return None, None, None
    numerator = _need(most, "numerator")
    value = _quantity(numerator)
    if value is None:
        raise _Bad("a maximum dose has a value (numerator/@value)", numerator)
    return value, numerator.get("unit"), _hours(_need(most, "denominator"))


def _bool(element: El | None) -> bool:
    if element is None or element.get("value") not in ("true", "false"):
        raise _Bad("a BL value must be true or false", element if element is not None else etree.Element("value"))
    return element.get("value") == "true"


def _external_document(element: El) -> ExternalDocument | None:
    """The document *element* refers to: ``reference/externalDocument`` (its id and text/reference/@value)."""
    document = element.find(f"{_HL7}reference/{_HL7}externalDocument")
    if document is None:
        return None
    address = document.find(f"{_HL7}text/{_HL7}reference")
    return _make(
        ExternalDocument,
        document,
        id=_ii(_need(document, "id")),
        address=None if address is None else address.get("value"),
    )


def _read_directive(observation: El) -> AdvanceDirective:
    times = _child(observation, "effectiveTime")
    return _make(
        AdvanceDirective,
        observation,
        exists=_bool(_child(observation, "value")),
        start=_ts(_child(times, "low")) if times is not None else None,
        end=_ts(_child(times, "high")) if times is not None else None,
        reference=_external_document(observation),
        id=_ii(_need(observation, "id")),
    )


def _read_procedure(procedure: El) -> Procedure:
    return _make(
        Procedure,
        procedure,
        code=_code(_child(procedure, "code")),
        performed=procedure.get("negationInd") != "true",
        status=_attr(_child(procedure, "statusCode"), "code") or "completed",
        time=_datetime(_child(procedure, "effectiveTime")),
        id=_ii(_need(procedure, "id")),
    )


def _plain(element: El, status: str = "completed") -> None:
    """Refuse an act the model cannot say: the observations are events (moodCode EVN), not negated, of *status*.

    The writers always write these (IHE PCC Simple Observation, Vital Signs Organizer: completed);
    another mood, a negationInd or another status would be lost: the entry stays a RawEntry.
    """
    found = _attr(_child(element, "statusCode"), "code")
    if element.get("moodCode") != "EVN" or element.get("negationInd") not in (None, "false") or found != status:
        raise _Bad(f"expected an event (moodCode EVN), not negated, {status} (got statusCode {found!r:.20})", element)


def _read_observation(observation: El) -> Observation:
    _plain(observation)
    if _child(observation, "targetSiteCode") is not None:  # a site: the sheets' SiteObservation, PersonalItem
        raise _Bad("a yes/no Observation has no target site", observation)
    return Observation(
        code=_need_code(_child(observation, "code"), observation),
        value=_bool(_child(observation, "value")),
        time=_datetime(_child(observation, "effectiveTime")),
        id=_ii(_need(observation, "id")),
    )


def _read_vaccination(sbadm: El) -> Vaccination:
    material = _material(sbadm)
    return Vaccination(
        vaccine=_need_code(_child(material, "code"), material),
        date=_date(_child(sbadm, "effectiveTime")),
        lot_number=_text(_child(material, "lotNumberText")),
        id=_ii(_need(sbadm, "id")),
    )


def _read_attached(organizer: El) -> AttachedDocument:
    observation = organizer.find(f"{_HL7}component/{_HL7}observation")
    kind = _child(observation, "value") if observation is not None else None
    type_ident = _child(observation, "id") if observation is not None else None
    type_id = _ii(type_ident) if type_ident is not None and type_ident.get("root") else None
    ident = _ii(_need(organizer, "id"))
    media = organizer.find(f"{_HL7}component/{_HL7}observationMedia/{_HL7}value")
    if media is None:
        raise _Bad("an attached document needs its observationMedia", organizer)
    try:
        data = base64.b64decode("".join((media.text or "").split()), validate=True)
    except (binascii.Error, ValueError):
        raise _Bad("observationMedia value is not base64", media) from None
    return AttachedDocument(
        document_type=_need_code(kind, organizer),
        attachment=Attachment(data=data, media_type=media.get("mediaType", "application/octet-stream")),
        type_id=type_id,
        time=_datetime(_child(observation, "effectiveTime")) if observation is not None else None,
        id=ident,
    )


_ENTRY_READERS: dict[str, tuple[type, Callable[[El], Any]]] = {
    "1.2.250.1.213.1.1.3.97": (Disposition, _read_disposition),
    "1.2.250.1.213.1.1.3.39": (Problem, _read_problem),
    "1.2.250.1.213.1.1.3.40": (Allergy, _read_allergy),
    "1.2.250.1.213.1.1.3.42": (Treatment, _read_treatment),
    "1.2.250.1.213.1.1.3.54": (AdvanceDirective, _read_directive),
    "1.2.250.1.213.1.1.3.62": (Procedure, _read_procedure),
    "1.2.250.1.213.1.1.3.48": (Observation, _read_observation),
    "1.2.250.1.213.1.1.3.45": (Vaccination, _read_vaccination),
    "1.2.250.1.213.1.1.3.18": (AttachedDocument, _read_attached),
}


def _entry(entry: El, allowed: tuple[type, ...]) -> list[Entry]:
    """Typed entries, or a RawEntry when the entry is not modelled here or its shape is not the expected one.

    A concern act holding several problems or allergies gives one typed entry each, sharing the
    concern as their origin (see :class:`~dmpcore.dlu.Origin`).
    """
    main = _main(entry)
    for template in _children(main, "templateId"):
        for entry_type, reader in _candidates(template.get("root", "")):
            if entry_type not in allowed:
                continue
            try:
                read = reader(main)
            except (_Bad, InputError):
                continue
            if not _moods_as_written(main, entry_type):
                continue
            if isinstance(read, list):
                xml = raw_text(entry)
                return [_attach(item, xml, member, len(read)) for member, item in enumerate(read)]
            return [_with_origin(read, entry)]
    return [RawEntry(raw=RawXml(xml=raw_text(entry)))]


#: the acts the writers give an intent mood (INT); they write every other act an event (EVN)
_INTENTS: Final = frozenset({(Treatment, "substanceAdministration"), (Disposition, "act")})
# the CDA R2 classes that carry a mood (ActMood) and may carry a negationInd (the externals' mood: EVN, fixed)
_EXTERNALS: Final = ("externalAct", "externalDocument", "externalObservation", "externalProcedure")
_ACT_TAGS: Final = tuple(
    tag(name)
    for name in (
        "act",
        "observation",
        "observationMedia",
        "organizer",
        "procedure",
        "regionOfInterest",
        "substanceAdministration",
        "supply",
        "encounter",
        "criterion",
        *_EXTERNALS,
    )
)


_RELATIONSHIP: Final = tag("entryRelationship")


def _moods_as_written(main: El, entry_type: type) -> bool:
    """Whether every act of the entry has the mood, and no negation, the model writes for it.

    A typed entry carries no mood and, but for the procedure's ``performed``, no negation: an
    observation with ``negationInd="true"`` (the problem is absent, the vaccine was not given) or a
    treatment given (EVN) rather than prescribed (INT) would be read as its contrary. It stays a
    RawEntry, kept as read, whatever is edited around it.
    """
    for act in main.iter(*_ACT_TAGS, _RELATIONSHIP):  # a walk, not an XPath: libxml2 bounds node sets
        negated = act.get("negationInd") not in (None, "false")
        if negated and not (entry_type is Procedure and act is main):
            return False
        name = local(act)
        if name == "entryRelationship":  # negatable (the concern is not about this problem), without mood
            continue
        # an external act may leave its mood out (the CDA schema fixes it to EVN); other acts must give it
        mood = act.get("moodCode", "EVN" if name in _EXTERNALS else None)
        if mood != ("INT" if (entry_type, name) in _INTENTS else "EVN"):
            return False
    return True


def _candidates(template: str) -> list[tuple[type, Callable[[El], Any]]]:
    """The readers of an entry template: the liaison sheets' (most specific first), then the DLU's."""
    from dmpcore.cda._sheet_reader import SHEET_READERS  # uses this module's helpers

    found = _ENTRY_READERS.get(template)
    return [*SHEET_READERS.get(template, ()), *((found,) if found is not None else ())]


# Sections -------------------------------------------------------------------------------------


def _note(text: El | None, has_entries: bool) -> str | None:
    if text is None:
        return None
    paragraphs = [child for child in text if local(child) == "paragraph"]
    if paragraphs:
        last = paragraphs[-1]
        placeholder = last.get("styleCode") == PLACEHOLDER_STYLE and _text(last) == PLACEHOLDER
        return None if placeholder else _text(last)
    if len(text) == 0:
        return text.text.strip() if text.text and text.text.strip() else None
    if not has_entries:  # a free-text section written as a table (FT-SU reason, FR-SU follow-up...)
        words = " ".join(" ".join(str(part) for part in text.itertext()).split())  # one space between cells
        return words or None
    return None


def _section(element: El, comments: tuple[str, ...] = ()) -> AnySection:
    kind = section_kind_for(t.get("root") for t in _children(element, "templateId"))
    if kind is None:
        return RawSection(raw=RawXml(xml=raw_text(element)), comments=comments)
    spec = SECTIONS[kind]
    entries = tuple(item for entry in _children(element, "entry") for item in _entry(entry, spec.entry_types))
    ident = _child(element, "id")
    title = _text(_child(element, "title"))
    section = _make(
        Section,
        element,
        kind=kind,
        entries=entries,
        title=None if title == spec.title else title,
        note=_note(_child(element, "text"), bool(entries)),
        id=_ii(ident) if ident is not None and ident.get("root") else None,
        comments=comments,
    )
    return _with_origin(section, element)


def _sections(root: El) -> Iterator[AnySection]:
    """The sections of the body, each with the comments just before its component (a commented-out section...)."""
    body = root.find(f"{_HL7}component/{_HL7}structuredBody")
    if body is None:
        raise _Bad("a DLU-family document has a structuredBody", root)
    comments: list[str] = []
    for node in body:
        if isinstance(node, etree._Comment):
            comments.append(str(node.text or ""))
            continue
        section = _child(node, "section") if local(node) == "component" else None
        if section is not None:
            yield _section(section, tuple(comments))
            comments = []


def _kind(root: El) -> DocumentKind:
    roots = {t.get("root") for t in _children(root, "templateId")}
    for kind in DocumentKind:
        if kind.value in roots:
            return kind
    found = ", ".join(sorted(r for r in roots if r)) or "none"
    raise UnknownDocumentKind(
        f"not a DLU-family document (no DLU, FLUDT, FLUDR, FT-SU or FR-SU templateId; got {found})",
        line=root.sourceline if isinstance(root.sourceline, int) else None,
        xpath="/ClinicalDocument",
    )


def _model_version(root: El, kind: DocumentKind) -> str | None:
    """The version of the document model (its templateId's extension), one that dmpcore knows."""
    template = next(t for t in _children(root, "templateId") if t.get("root") == kind.value)
    version = template.get("extension")
    spec = DOCUMENTS[kind]
    if version is not None and version not in spec.versions:
        known = ", ".join(v for v in spec.versions if v)
        raise UnknownDocumentKind(
            f"dmpcore does not know version {version[:20]!r} of the {kind.name} model (it reads {known})",
            code="cda.model-version",
            line=template.sourceline if isinstance(template.sourceline, int) else None,
            xpath=_path(template),
        )
    return version


def from_cda(source: Source, *, max_bytes: int = DEFAULT_MAX_BYTES) -> Document:
    """Read a DLU-family CDA document from bytes, an XML ``str`` or a path.

    Bad content raises :class:`~dmpcore.errors.CdaParseError` with the line and the path of the
    offending element. What the model does not know is kept and written back by
    :func:`~dmpcore.cda.to_cda`.
    """
    root = parse_xml(source, max_bytes=max_bytes).getroot()
    try:
        if root.tag != tag("ClinicalDocument"):
            raise _Bad(f"the root element must be ClinicalDocument in {HL7} (got {local(root)})", root)
        from dmpcore.cda._header_reader import read_header  # uses this module's helpers

        kind = _kind(root)
        version = _model_version(root, kind)
        header = read_header(root, kind)
        return _make(Document, root, kind=kind, model_version=version, header=header, sections=tuple(_sections(root)))
    except _Bad as exc:
        element = exc.element
        line = element.sourceline if isinstance(element.sourceline, int) else None
        raise CdaParseError(str(exc), code="cda.content", line=line, xpath=_path(element)) from None
    except CdaParseError:
        raise
    except InputError as exc:  # a safety net: every rule is checked through _make, at its element
        line = root.sourceline if isinstance(root.sourceline, int) else None
        raise CdaParseError(exc.message, code="cda.content", line=line, xpath="/ClinicalDocument") from None
