"""``to_cda``: a DLU-family :class:`~dmpcore.dlu.Document` as CDA R2 XML.

The element shapes follow the official CI-SIS example of the volet (DLU-EHPAD-DLU 2022.01) and
the structuration minimale. Objects read from a document and left unchanged are re-emitted from
their origin XML (nothing the model does not know is lost); the rest is generated from the model.
"""

from __future__ import annotations

import base64
from collections.abc import Callable
from typing import Any

import attrs
from lxml import etree

from dmpcore.cda import _constants as C
from dmpcore.cda._builder import Node, comment, raw, serialize, sub
from dmpcore.cda._narrative import Narrative, write_narrative
from dmpcore.cda._parser import parse_xml
from dmpcore.cda._section_shell import section_shell
from dmpcore.cda._xml import code_attrs, format_ts
from dmpcore.codes import Code
from dmpcore.dlu._base import Address, Identifier, PersonName, Telecom, derived_id, is_unchanged
from dmpcore.dlu._conformance import check_codes, check_sections
from dmpcore.dlu._document import Document, RawSection, Section, check_filled
from dmpcore.dlu._entries import (
    AdvanceDirective,
    Allergy,
    AttachedDocument,
    Disposition,
    Entry,
    ExternalDocument,
    Observation,
    Problem,
    Procedure,
    RawEntry,
    Treatment,
    Vaccination,
    concern_of,
)
from dmpcore.dlu._sheet_entries import PersonalItem

__all__ = ["to_cda"]

El = Node
XSI_TYPE = "xsi:type"
_e = sub
_ORDER = {name: rank for rank, name in enumerate(C.CLINICAL_DOCUMENT_ORDER)}
_DECLARATION = "<?xml version='1.0' encoding='UTF-8'?>\n"


def _ii(parent: El, name: str, ident: Identifier) -> El:
    attrib = {"root": ident.root}
    if ident.extension is not None:
        attrib["extension"] = ident.extension
    return _e(parent, name, attrib)


def _cd(parent: El, name: str, code: Code, extra: dict[str, str] | None = None) -> El:
    attrib = code_attrs(code)
    if extra:
        attrib = {**extra, **attrib}
    return _e(parent, name, attrib)


def _fixed(parent: El, name: str, fixed: tuple[str, str, str]) -> El:
    return _e(parent, name, {"code": fixed[0], "codeSystem": fixed[1], "displayName": fixed[2]})


def _templates(parent: El, roots: tuple[str, ...]) -> None:
    for root in roots:
        _e(parent, "templateId", {"root": root})


def _addr(parent: El, address: Address | None, *, null: str | None = None) -> None:
    if address is None:
        if null:
            _e(parent, "addr", {"nullFlavor": null})
        return
    element = _e(parent, "addr", {"use": address.use} if address.use else None)
    for name, value in (
        ("houseNumber", address.house_number),
        ("streetName", address.street_name),
        ("unitID", address.unit_id),
        ("postalCode", address.postal_code),
        ("county", address.county),
        ("city", address.city),
        ("country", address.country),
    ):
        if value is not None:
            _e(element, name, text=value)


def _telecoms(parent: El, telecoms: tuple[Telecom, ...], *, null: str | None = None) -> None:
    if not telecoms and null:
        _e(parent, "telecom", {"nullFlavor": null})
    for telecom in telecoms:
        attrib = {"value": telecom.value}
        if telecom.use:
            attrib["use"] = telecom.use
        _e(parent, "telecom", attrib)


def _name(parent: El, name: PersonName) -> None:
    element = _e(parent, "name")
    if name.prefix:
        _e(element, "prefix", text=name.prefix)
    if name.given is not None:
        _e(element, "given", text=name.given)
    _e(element, "family", text=name.family)
    if name.suffix:
        _e(element, "suffix", text=name.suffix)


def _ts(parent: El, name: str, value: Any) -> El:
    return _e(parent, name, {"value": format_ts(value)} if value is not None else {"nullFlavor": "NA"})


def _ivl(parent: El, low: Any, high: Any, name: str = "effectiveTime", xsi_type: str | None = None) -> El:
    element = _e(parent, name, {XSI_TYPE: xsi_type} if xsi_type else None)
    _ts(element, "low", low) if low is not None else _e(element, "low", {"nullFlavor": "UNK"})
    _ts(element, "high", high) if high is not None else _e(element, "high", {"nullFlavor": "NA"})
    return element


def _raw(parent: El, xml: str) -> El:
    return raw(parent, xml)


# Entries --------------------------------------------------------------------------------------


def _text_ref(parent: El, ref: str) -> None:
    _e(_e(parent, "text"), "reference", {"value": "#" + ref})


def _disposition(entry: El, item: Disposition, n: Narrative) -> None:
    address = item.hospital.address.one_line() if item.hospital.address else ""
    ref = n.row([address], label=item.hospital.name or "Etablissement", first=True)
    act = _e(entry, "act", {"classCode": "ACT", "moodCode": "INT"})
    _templates(act, C.T_DISPOSITION)
    _ii(act, "id", item.id)
    _fixed(act, "code", C.CODE_PREFERRED_HOSPITAL)
    _text_ref(act, ref)
    _e(act, "statusCode", {"code": "normal"})
    _e(act, "effectiveTime", {"nullFlavor": "NAV"})
    for type_code in ("RCV", "ORG", "DST"):
        participant = _e(act, "participant", {"typeCode": type_code})
        _e(participant, "time", {"nullFlavor": "NAV"})
        role = _e(participant, "participantRole", {"classCode": "ROL"})
        org = item.hospital
        if org.id is not None:
            _ii(role, "id", org.id)
        _addr(role, org.address)
        _telecoms(role, org.telecoms)
        if org.name is not None:
            _e(_e(role, "playingEntity"), "name", text=org.name)


def _concern(entry: El, templates: tuple[str, ...], item: Problem | Allergy) -> El:
    act = _e(entry, "act", {"classCode": "ACT", "moodCode": "EVN"})
    _templates(act, templates)
    ident, code = concern_of(item)
    _ii(act, "id", ident)
    _e(act, "code", {"nullFlavor": "NA"})
    # IHE PCC concern entry (E_concernEntry_int.sch): "high" present when completed or aborted, absent otherwise
    _e(act, "statusCode", {"code": code})
    times = _e(act, "effectiveTime")
    _ts(times, "low", item.start) if item.start is not None else _e(times, "low", {"nullFlavor": "UNK"})
    if item.end is not None or code in ("completed", "aborted"):
        _ts(times, "high", item.end)  # NA when not known, as in the official FLUDR and FR-SU
    return _e(act, "entryRelationship", {"typeCode": "SUBJ", "inversionInd": "false"})


def _problem(entry: El, item: Problem, n: Narrative) -> None:
    ref = n.row(
        [n.date(item.start), n.date(item.end)], label=item.code.display or item.code.code, tail=[item.code.code]
    )
    observation = _e(
        _concern(entry, C.T_PROBLEM_CONCERN, item),
        "observation",
        {"classCode": "OBS", "moodCode": "EVN", "negationInd": "false"},
    )
    _templates(observation, C.T_PROBLEM)
    _ii(observation, "id", item.id)
    _fixed(observation, "code", C.CODE_PROBLEM_ASSERTION)
    _text_ref(observation, ref)
    _e(observation, "statusCode", {"code": "completed"})
    _ivl(observation, item.start, item.end)
    value = _cd(observation, "value", item.code, {XSI_TYPE: "CD"})
    _e(_e(value, "originalText"), "reference", {"value": "#" + ref})


def _allergy(entry: El, item: Allergy, n: Narrative) -> None:
    reaction = item.reaction.display or item.reaction.code if item.reaction is not None else ""
    ref = n.row(
        [n.date(item.start), n.date(item.end), item.kind.display or item.kind.code],
        label=item.agent.display or item.agent.code,
        tail=[reaction],
    )
    observation = _e(_concern(entry, C.T_ALLERGY_CONCERN, item), "observation", {"classCode": "OBS", "moodCode": "EVN"})
    _templates(observation, C.T_ALLERGY)
    _ii(observation, "id", item.id)
    _cd(observation, "code", item.kind)
    _text_ref(observation, ref)
    _e(observation, "statusCode", {"code": "completed"})
    _ivl(observation, item.start, item.end)
    # a CD holds a code or a nullFlavor (HL7 data types), with the originalText E_allergiesAndIntolerances_fr asks for
    if item.reaction is not None:
        value = _cd(observation, "value", item.reaction, {XSI_TYPE: "CD"})
    else:
        value = _e(observation, "value", {XSI_TYPE: "CD", "nullFlavor": "NI"})
    _e(_e(value, "originalText"), "reference", {"value": "#" + ref})
    role = _e(_e(observation, "participant", {"typeCode": "CSM"}), "participantRole", {"classCode": "MANU"})
    entity = _e(role, "playingEntity", {"classCode": "MMAT"})
    agent = _cd(entity, "code", item.agent)
    _e(_e(agent, "originalText"), "reference", {"value": "#" + ref})
    _e(entity, "name", {"nullFlavor": "NA"})


def _treatment(entry: El, item: Treatment, n: Narrative) -> None:
    ref = n.row(
        [n.date(item.start), n.date(item.end)],
        label=item.medication.display or item.medication.code,
        tail=[
            n.dosage(
                item.dose,
                item.dose_unit,
                item.period_hours,
                high=item.dose_high,
                max_dose=item.max_dose,
                max_period_hours=item.max_dose_period_hours,
                max_unit=item.max_dose_unit,
            )
        ],
    )
    sbadm = _e(entry, "substanceAdministration", {"classCode": "SBADM", "moodCode": "INT"})
    _templates(sbadm, C.T_TREATMENT)
    _ii(sbadm, "id", item.id)
    _text_ref(sbadm, ref)
    _e(sbadm, "statusCode", {"code": "completed"})  # IHE PCC Medications: always completed
    _ivl(sbadm, item.start, item.end, xsi_type="IVL_TS")
    if item.period_hours is not None:
        # institutionSpecified only when said (no official example has it)
        specified = {"institutionSpecified": "true"} if item.institution_specified else {}
        pivl = _e(sbadm, "effectiveTime", {XSI_TYPE: "PIVL_TS", **specified, "operator": "A"})
        _e(pivl, "period", {"value": str(item.period_hours), "unit": "h"})
    if item.dose is not None:
        # CI-SIS FR-Traitement (E_medications_fr.sch): doseQuantity carries low and high
        dose = _e(sbadm, "doseQuantity")
        unit = item.dose_unit or "1"
        _e(dose, "low", {"value": _decimal(item.dose), "unit": unit})
        high = item.dose if item.dose_high is None else item.dose_high
        _e(dose, "high", {"value": _decimal(high), "unit": unit})
    if item.max_dose is not None and item.max_dose_period_hours is not None:
        # at most max_dose per period, as in the official DLU and FLUDR (RTO_PQ_PQ)
        most = _e(sbadm, "maxDoseQuantity")
        _e(most, "numerator", {"value": _decimal(item.max_dose), "unit": item.max_dose_unit or item.dose_unit or "1"})
        _e(most, "denominator", {"value": str(item.max_dose_period_hours), "unit": "h"})
    _product(sbadm, item.medication, ref)


def _decimal(value: Any) -> str:
    text = format(value, "f")
    return text.rstrip("0").rstrip(".") if "." in text else text


def _product(parent: El, medication: Code, ref: str, lot: str | None = None) -> None:
    product = _e(_e(parent, "consumable", {"typeCode": "CSM"}), "manufacturedProduct")
    _templates(product, C.T_PRODUCT)
    material = _e(product, "manufacturedMaterial", {"classCode": "MMAT"})
    code = _cd(material, "code", medication)
    _e(_e(code, "originalText"), "reference", {"value": "#" + ref})
    _e(material, "name", text=medication.display or medication.code)
    if lot is not None:
        _e(material, "lotNumberText", text=lot)


def _directive(entry: El, item: AdvanceDirective, n: Narrative) -> None:
    ref = n.row([n.yes_no(item.exists)], label="Directives anticipées", first=True)
    observation = _e(entry, "observation", {"classCode": "OBS", "moodCode": "EVN"})
    _templates(observation, C.T_DIRECTIVE)
    _ii(observation, "id", item.id)
    _fixed(observation, "code", C.CODE_DIRECTIVES)
    _text_ref(observation, ref)
    _e(observation, "statusCode", {"code": "completed"})
    times = _e(observation, "effectiveTime")
    _ts(times, "low", item.start) if item.start is not None else _e(times, "low", {"nullFlavor": "UNK"})
    if item.end is not None:
        _ts(times, "high", item.end)
    _e(observation, "value", {XSI_TYPE: "BL", "value": "true" if item.exists else "false"})
    if item.reference is not None:
        _external_document(observation, item.reference)


def _external_document(parent: El, document: ExternalDocument) -> None:
    reference = _e(parent, "reference", {"typeCode": "REFR"})
    _e(reference, "templateId", {"root": C.T_DIRECTIVE_REFERENCE})
    external = _e(reference, "externalDocument", {"classCode": "DOC", "moodCode": "EVN"})
    _ii(external, "id", document.id)
    if document.address is not None:
        _e(_e(external, "text"), "reference", {"value": document.address})


def _procedure(entry: El, item: Procedure, n: Narrative) -> None:
    label = (item.code.display or item.code.code) if item.code is not None else "Acte non codé"
    ref = n.row([n.yes_no(item.performed)], label=label, first=True)
    attrib = {"classCode": "PROC", "moodCode": "EVN"}
    if not item.performed:
        attrib["negationInd"] = "true"
    procedure = _e(entry, "procedure", attrib)
    _templates(procedure, C.T_PROCEDURE)
    _ii(procedure, "id", item.id)
    if item.code is None:
        _e(procedure, "code", {"nullFlavor": "NA"})
    else:
        _cd(procedure, "code", item.code)
    _text_ref(procedure, ref)
    _e(procedure, "statusCode", {"code": item.status})
    _e(procedure, "effectiveTime", {"nullFlavor": "UNK"} if item.time is None else {"value": format_ts(item.time)})


def _observation(entry: El, item: Observation, n: Narrative) -> None:
    ref = n.row([n.yes_no(item.value)], label=item.label, first=True)
    observation = _e(entry, "observation", {"classCode": "OBS", "moodCode": "EVN"})
    _templates(observation, C.T_SIMPLE_OBSERVATION)
    _ii(observation, "id", item.id)
    _cd(observation, "code", item.code)
    _text_ref(observation, ref)
    _e(observation, "statusCode", {"code": "completed"})
    _ts(observation, "effectiveTime", item.time)
    _e(observation, "value", {XSI_TYPE: "BL", "value": "true" if item.value else "false"})


def _vaccination(entry: El, item: Vaccination, n: Narrative) -> None:
    ref = n.row([n.date(item.date)], label=item.vaccine.display or item.vaccine.code, tail=[item.lot_number or ""])
    sbadm = _e(entry, "substanceAdministration", {"classCode": "SBADM", "moodCode": "EVN", "negationInd": "false"})
    _templates(sbadm, C.T_VACCINATION)
    _ii(sbadm, "id", item.id)
    _fixed(sbadm, "code", C.CODE_IMMUNIZATION)
    _text_ref(sbadm, ref)
    _e(sbadm, "statusCode", {"code": "completed"})
    _ts(sbadm, "effectiveTime", item.date) if item.date is not None else _e(
        sbadm, "effectiveTime", {"nullFlavor": "NASK"}
    )
    _e(sbadm, "doseQuantity", {"nullFlavor": "NA"})
    product = _e(_e(sbadm, "consumable", {"typeCode": "CSM"}), "manufacturedProduct", {"classCode": "MANU"})
    _templates(product, C.T_PRODUCT)
    material = _e(product, "manufacturedMaterial")
    code = _cd(material, "code", item.vaccine)
    _e(_e(code, "originalText"), "reference", {"value": "#" + ref})
    _e(material, "name", text=item.vaccine.display or item.vaccine.code)
    if item.lot_number is not None:
        _e(material, "lotNumberText", text=item.lot_number)


def _attached(entry: El, item: AttachedDocument, n: Narrative) -> None:
    media_id = n.media_id()
    ref = n.row([], label=item.document_type.display or item.document_type.code, media=media_id, first=True)
    organizer = _e(entry, "organizer", {"classCode": "CLUSTER", "moodCode": "EVN"})
    _templates(organizer, C.T_ATTACHED_DOCUMENT)
    _ii(organizer, "id", item.id)
    _fixed(organizer, "code", C.CODE_ATTACHED_DOCUMENT)
    _e(organizer, "statusCode", {"code": "completed"})
    observation = _e(_e(organizer, "component"), "observation", {"classCode": "OBS", "moodCode": "EVN"})
    _templates(observation, C.T_ATTACHED_DOCUMENT_TYPE)
    _ii(observation, "id", item.type_id or derived_id(item.id, "type"))
    _fixed(observation, "code", C.CODE_DOCUMENT_TYPE)
    _text_ref(observation, ref)
    _e(observation, "statusCode", {"code": "completed"})
    _ts(observation, "effectiveTime", item.time)
    _cd(observation, "value", item.document_type, {XSI_TYPE: "CD"})
    media = _e(_e(organizer, "component"), "observationMedia", {"classCode": "OBS", "moodCode": "EVN", "ID": media_id})
    value = _e(media, "value", {"mediaType": item.attachment.media_type, "representation": "B64"})
    value.text = base64.b64encode(item.attachment.data).decode("ascii")


_ENTRY_WRITERS: dict[type, Callable[[El, Any, Narrative], None]] = {
    Disposition: _disposition,
    Problem: _problem,
    Allergy: _allergy,
    Treatment: _treatment,
    AdvanceDirective: _directive,
    Procedure: _procedure,
    Observation: _observation,
    Vaccination: _vaccination,
    AttachedDocument: _attached,
}


def _register_sheet_writers() -> None:
    # the liaison sheets' entry writers live in their own module, which uses this module's helpers
    from dmpcore.cda._sheet_writer import SHEET_WRITERS

    _ENTRY_WRITERS.update(SHEET_WRITERS)


def _links(node: Node, name: str, attribute: str) -> list[str]:
    found = [value for value in [(node.attrib or {}).get(attribute)] if node.name == name and value]
    for child in node.children:
        found.extend(_links(child, name, attribute))
    return found


def _repointed(xml: str, generated: Node) -> str:
    """*xml* (an entry's origin) with its narrative links (``reference/@value``, ``observationMedia/@ID``)
    set to those of *generated* (the same entry written afresh): pairwise when they match, else the first."""
    kept = parse_xml(xml.encode("utf-8")).getroot()
    for name, attribute in (("reference", "value"), ("observationMedia", "ID")):
        targets = _links(generated, name, attribute)
        links = [e for e in kept.iter(f"{{{C.HL7}}}{name}") if e.get(attribute)]
        for position, link in enumerate(links):
            if targets:
                link.set(attribute, targets[position] if len(targets) == len(links) else targets[0])
    return etree.tostring(kept, encoding="unicode")


# Sections -------------------------------------------------------------------------------------


def _section(body: El, section: Section | RawSection, index: int) -> None:
    for text in section.comments:
        comment(body, text)
    if isinstance(section, RawSection):
        _raw(_e(body, "component"), section.raw.xml)
        return
    if is_unchanged(section):
        assert section.origin is not None
        _raw(_e(body, "component"), section.origin.xml)
        return
    check_filled(section)
    shell = section_shell(section)  # what the model does not hold of it, as read
    element = _e(_e(body, "component"), "section", shell.attrib or None)
    element.children.extend(shell.templates)
    if section.id is not None:
        _ii(element, "id", section.id)
    element.children.extend(shell.code)
    _e(element, "title", text=section.display_title)
    narrative = Narrative(section.kind, index)
    entries = _entries(section.entries, narrative)
    write_narrative(_e(element, "text", shell.text_attrib or None), narrative, section.note)
    element.children.extend(shell.middle)
    element.children.extend(entries)
    element.children.extend(shell.components)


def _entries(items: tuple[Entry, ...], narrative: Narrative) -> list[El]:
    """The entries of a regenerated section: each kept as read while unchanged (its narrative references
    re-pointed to the rows of the regenerated narrative), regenerated otherwise; concerns see ``_concerns.py``."""
    from dmpcore.cda._concerns import concern_run, write_concern

    written: list[El] = []
    concerns: set[str] = set()  # the concern acts written, by their XML: an act id is written once
    position = 0
    while position < len(items):
        entry = items[position]
        run = concern_run(items, position)
        if run and run[0].origin is not None and run[0].origin.xml not in concerns:
            concerns.add(run[0].origin.xml)
            written.append(write_concern(run, narrative))
            position += len(run)
            continue
        if isinstance(entry, RawEntry):
            written.append(raw(None, entry.raw.xml))
        elif run:  # a member of a concern written already: a concern of its own
            written.append(_generated(attrs.evolve(run[0], concern_id=None), narrative))
        elif is_unchanged(entry):
            written.append(raw(None, _repointed(entry.origin.xml, _generated(entry, narrative))))  # type: ignore[union-attr]
        else:
            written.append(_generated(entry, narrative))
        position += 1
    return written


def _generated(entry: Entry, narrative: Narrative) -> El:
    holder = Node("entry")
    _ENTRY_WRITERS[type(entry)](holder, entry, narrative)
    return holder


def _build(document: Document) -> tuple[str, El]:
    """The prolog (kept from a document read) and the root element of *document*."""
    from dmpcore.cda._header_writer import write_header  # uses this module's helpers

    if PersonalItem not in _ENTRY_WRITERS:
        _register_sheet_writers()
    # what the kit refuses in what is written from the model (dmpcore.dlu._conformance)
    check_sections(document)
    check_codes(document, written=lambda entry: not is_unchanged(entry))
    root = Node("ClinicalDocument", {"xmlns": C.HL7, "xmlns:xsi": C.XSI})
    prolog = write_header(root, document)
    body = _e(_e(root, "component"), "structuredBody")
    for index, section in enumerate(document.sections, start=1):
        _section(body, section, index)
    return prolog, root


def to_cda(document: Document, *, pretty: bool = False) -> bytes:
    """Serialize *document* as CDA R2 XML (UTF-8 bytes with an XML declaration).

    Each modelled section gets a French narrative block generated from its entries, each entry
    referencing its row (``text/reference/@value`` = ``#id``). Parts read by
    :func:`~dmpcore.cda.from_cda` and left unchanged are written back as they were read.
    The patient's INS is written only when the identity is qualified (see
    :class:`dmpcore.dlu.Patient`). ``pretty`` indents the XML for reading (slower).
    """
    prolog, root = _build(document)
    xml = (_DECLARATION + prolog + serialize(root)).encode("utf-8")
    if not pretty:
        return xml
    tree = parse_xml(xml)
    etree.indent(tree, space="  ")
    return etree.tostring(tree, encoding="UTF-8", xml_declaration=True)
