"""From a DLU to its transfer sheet: what the resident's record already says is carried over.

:func:`transfer_sheet` prepares a FLUDT or an FT-SU from a DLU: the header (patient identity,
establishment, authors, médecin traitant, related persons, with new document ids), the usual
treatments, and the points of vigilance (allergies, advance directives, palliative care, risks and
multi-resistant bacteria), written as a French summary. The transfer-specific facts (reason, vital
signs, consciousness, last meal...) are left to fill with :meth:`TransferDraft.fill`.

Choices (DOMAIN.md §5 is silent): the FT-SU has no treatments, allergies or directives section,
so the vigilance summary goes to its section *FR-Points-de-vigilances-non-code* and the
treatments are listed there too; the FLUDT keeps the treatments as typed entries, each written
as the DLU wrote it (dose range, maximum dose, translations: the entry's XML is kept), and puts
the vigilance summary in its comment. Only the risks observed as present are carried over. An
argument of :meth:`TransferDraft.fill` that the chosen sheet has no place for raises
:class:`SheetArgumentError` rather than being dropped.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Final

import attrs

from dmpcore.codes import Code
from dmpcore.dlu._base import Identifier, new_id
from dmpcore.dlu._document import Document
from dmpcore.dlu._entries import (
    BMR_CODE,
    AdvanceDirective,
    Allergy,
    Disposition,
    Observation,
    Procedure,
    RawEntry,
    Treatment,
)
from dmpcore.dlu._header import Header, Organization, Professional
from dmpcore.dlu._registry import DocumentKind, SectionKind
from dmpcore.dlu._sheet_entries import (
    Consciousness,
    InformedParty,
    PatientTransfer,
    PersonalItem,
    SiteObservation,
    VitalSigns,
)
from dmpcore.dlu._sheets import fludt_sheet, ft_su_sheet
from dmpcore.errors import InputError

__all__ = ["SheetArgumentError", "TransferDraft", "sheet_header", "transfer_sheet"]

_TRANSFER_KINDS = (DocumentKind.FLUDT, DocumentKind.FT_SU)


class SheetArgumentError(InputError):
    """An argument that the chosen liaison sheet has no place for (e.g. ``informed`` for a FLUDT)."""

    default_code = "dlu.sheet.argument"


#: the arguments of TransferDraft.fill each transfer sheet has no place for, and where they go instead
#: (CI-SIS_DLU-EHPAD-FLUDT_2022.01.sch has no persons-informed section; the FT-SU no patient-transfer entry)
_NOT_APPLICABLE: dict[DocumentKind, dict[str, str]] = {
    DocumentKind.FLUDT: {"informed": "the persons informed are a section of the FT-SU"},
    DocumentKind.FT_SU: {"transfer": "the patient transfer is an entry of the FLUDT (and of the return sheets)"},
}


def sheet_header(
    source: Document,
    *,
    when: dt.datetime,
    author: Professional | None = None,
    custodian: Organization | None = None,
    facility_type: Code | None = None,
    document_id: Identifier | None = None,
) -> Header:
    """The header of a new sheet about the same patient as *source*: new ids, version 1, time *when*.

    The patient (as read: its ``recordTarget`` is written back whole, guardian included),
    médecin traitant and related persons are kept; ``author`` (also legal
    authenticator), ``custodian`` and ``facility_type`` (``healthCareFacility/code``, JDV_J02)
    default to the source's: give the emergency department's for a return sheet.
    """
    old = source.header
    return Header(
        id=document_id or new_id(),
        set_id=new_id(),
        effective_time=when,
        confidentiality=old.confidentiality,
        # kept with its origin: the recordTarget is written as read, with what the model has no field
        # for (the guardian of the official DLU, MME NESSI Jeanne, her address and phone)
        patient=old.patient,
        author=author or old.author,
        custodian=custodian or old.custodian,
        legal_authenticator=author or old.legal_authenticator,
        attending_physician=old.attending_physician,
        emergency_contact=old.emergency_contact,
        trusted_person=old.trusted_person,
        facility_type=facility_type or old.facility_type,
    )


@attrs.frozen(kw_only=True)
class TransferDraft:
    """A transfer sheet prepared from a DLU: what is carried over, waiting for the transfer's facts."""

    kind: DocumentKind
    header: Header
    treatments: tuple[Treatment, ...]
    allergies: tuple[Allergy, ...]
    advance_directives: tuple[AdvanceDirective, ...]
    palliative_care: tuple[Procedure, ...]
    risks: tuple[Observation, ...]
    multi_resistant_bacteria: bool | None
    preferred_hospital: Organization | None
    #: entries of the DLU that dmpcore could not read (a product without a CIS code, a negated allergy, an act in
    #: a mood the model does not say, read as :class:`RawEntry`): not carried over, but named in the vigilance
    #: summary so that nobody takes a list as complete, nor "Aucune allergie connue" as a fact
    unread_treatments: int = 0
    unread_allergies: int = 0
    #: those of the advance directives, care plan (palliative care) and event outcomes (risks) sections
    unread_others: int = 0

    def vigilance(self) -> str:
        """The points of vigilance in French, one sentence per topic."""
        lines = []
        if self.allergies:
            lines.append("Allergies : " + ", ".join(a.agent.display or a.agent.code for a in self.allergies) + ".")
        if self.unread_allergies:
            # no count: one unread entry may hold several allergies (a concern act)
            lines.append("Allergies du DLU non reprises ici (voir le DLU).")
        if not self.allergies and not self.unread_allergies:
            lines.append("Aucune allergie connue.")
        if self.advance_directives:
            written = any(d.exists for d in self.advance_directives)
            lines.append("Directives anticipées rédigées." if written else "Pas de directives anticipées.")
        if any(p.performed for p in self.palliative_care):
            lines.append("Soins palliatifs en cours.")
        if self.risks:
            lines.append("État et risques : " + ", ".join(r.label for r in self.risks) + ".")
        if self.multi_resistant_bacteria:
            lines.append("Porteur de bactérie multirésistante (BMR).")
        if self.kind is DocumentKind.FT_SU and self.treatments:
            names = ", ".join(t.medication.display or t.medication.code for t in self.treatments)
            lines.append(f"Traitements au long cours : {names}.")
        if self.unread_treatments:
            lines.append(f"Traitements du DLU non repris ici : {self.unread_treatments} (voir le DLU).")
        if self.unread_others:
            lines.append(
                f"Directives, soins palliatifs ou risques du DLU non repris ici : {self.unread_others} (voir le DLU)."
            )
        return " ".join(lines)

    def fill(
        self,
        *,
        reason: str,
        vital_signs: VitalSigns,
        consciousness: Consciousness,
        transfer: PatientTransfer | None = None,
        informed: Iterable[InformedParty] | None = None,
        last_meal: dt.datetime | None = None,
        last_usual_treatment: dt.datetime | None = None,
        pains: Iterable[SiteObservation] = (),
        personal_items: Iterable[PersonalItem],
        comment: str | None = None,
    ) -> Document:
        """The transfer sheet, with the transfer's facts.

        A FLUDT needs ``transfer`` (to the hospital: ``preferred_hospital`` is the DLU's); an
        FT-SU reports the parties ``informed``. Both report the ``last_usual_treatment`` time. An
        argument the sheet has no place for (``informed`` for a FLUDT, ``transfer`` for an FT-SU)
        raises :class:`SheetArgumentError`.
        """
        self._check_applicable(transfer=transfer, informed=informed)
        notes = " ".join(part for part in (self.vigilance(), comment) if part)
        if self.kind is DocumentKind.FLUDT:
            if transfer is None:
                raise InputError(
                    "a FLUDT needs the transfer to the hospital (transfer=PatientTransfer(...))", code="dlu.transfer"
                )
            return fludt_sheet(
                header=self.header,
                reason=reason,
                transfer=transfer,
                vital_signs=vital_signs,
                consciousness=consciousness,
                pains=pains,
                treatments=self.treatments,
                last_usual_treatment=last_usual_treatment,
                last_meal=last_meal,
                personal_items=personal_items,
                comment=notes,
            )
        return ft_su_sheet(
            header=self.header,
            reason=reason,
            informed=informed or (),
            consciousness=consciousness,
            vital_signs=vital_signs,
            last_usual_treatment=last_usual_treatment,
            last_meal=last_meal,
            pains=pains,
            personal_items=personal_items,
            vigilance=self.vigilance(),
            comment=comment,
        )

    def _check_applicable(self, **given: object) -> None:
        for name, where in _NOT_APPLICABLE[self.kind].items():
            if given[name] is not None:
                raise SheetArgumentError(
                    f"a {self.kind.name} has no place for '{name}': {where} (got {name}={type(given[name]).__name__})"
                )


def _same_code(observation: Observation, code: str) -> bool:
    return observation.code.code == code and observation.code.code_system == BMR_CODE.code_system


def transfer_sheet(
    dlu: Document,
    *,
    kind: DocumentKind = DocumentKind.FT_SU,
    when: dt.datetime,
    author: Professional | None = None,
) -> TransferDraft:
    """Prepare the transfer sheet (FLUDT or FT-SU) of the resident of *dlu*, written at *when*.

    Identity, allergies, treatments, advance directives, palliative care and the risks observed
    are carried over; fill the transfer's facts with :meth:`TransferDraft.fill`.
    """
    if kind not in _TRANSFER_KINDS:
        raise InputError(f"a transfer sheet is a FLUDT or an FT-SU (got {kind.name})", code="dlu.kind")
    if dlu.kind is not DocumentKind.DLU:
        raise InputError(f"a transfer sheet is prepared from a DLU (got {dlu.kind.name})", code="dlu.kind")
    bmr = [o.value for o in dlu.entries(Observation, SectionKind.CODED_RESULTS) if _same_code(o, BMR_CODE.code)]
    hospital = next(dlu.entries(Disposition), None)
    return TransferDraft(
        kind=kind,
        header=sheet_header(dlu, when=when, author=author),
        # kept with their origin: the FLUDT writes each as the DLU did (nothing of the dosage lost)
        treatments=dlu.treatments,
        allergies=dlu.allergies,
        advance_directives=tuple(dlu.entries(AdvanceDirective)),
        palliative_care=tuple(dlu.entries(Procedure, SectionKind.CARE_PLAN)),
        risks=tuple(o for o in dlu.observations if o.value),
        multi_resistant_bacteria=bmr[0] if bmr else None,
        preferred_hospital=hospital.hospital if hospital is not None else None,
        unread_treatments=_unread(dlu, SectionKind.TREATMENTS),
        unread_allergies=_unread(dlu, SectionKind.ALLERGIES),
        unread_others=sum(_unread(dlu, kind) for kind in _OTHERS_CARRIED),
    )


#: the sections of the DLU whose entries the transfer sheet carries over, beside the treatments and allergies
_OTHERS_CARRIED: Final = (SectionKind.ADVANCE_DIRECTIVES, SectionKind.CARE_PLAN, SectionKind.EVENT_OUTCOMES)


def _unread(dlu: Document, kind: SectionKind) -> int:
    """The entries of *dlu*'s section *kind* that dmpcore could not read (``RawEntry``)."""
    section = dlu.section(kind)
    return sum(isinstance(e, RawEntry) for e in section.entries) if section is not None else 0
