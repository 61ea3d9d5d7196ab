"""The French narrative block (``section/text``) generated from a section's entries.

One table per section, one row per entry; the row's ``content/@ID`` is what the entry's
``text/reference/@value`` points to (``#id``), so the narrative says what the entries say.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Final

from dmpcore.cda._builder import Node, sub
from dmpcore.dlu._registry import SectionKind

__all__ = ["HEADERS", "PLACEHOLDER", "PLACEHOLDER_STYLE", "Narrative", "write_narrative"]

#: the table header of each section kind (its rows are filled by the entry writers)
HEADERS: Final[dict[SectionKind, tuple[str, ...]]] = {
    SectionKind.DISPOSITIONS: ("Établissement", "Adresse"),
    SectionKind.ACTIVE_PROBLEMS: ("Début", "Fin", "Pathologie", "Code"),
    SectionKind.MEDICAL_HISTORY: ("Début", "Fin", "Pathologie", "Code"),
    SectionKind.ALLERGIES: ("Début", "Fin", "Type", "Agent", "Réaction"),
    SectionKind.TREATMENTS: ("Début", "Fin", "Médicament", "Posologie"),
    SectionKind.CARE_PLAN: ("Soin", "En cours"),
    SectionKind.ADVANCE_DIRECTIVES: ("Directive", "Choix du patient"),
    SectionKind.EVENT_OUTCOMES: ("Observation", "Constatée"),
    SectionKind.CODED_RESULTS: ("Examen", "Résultat"),
    SectionKind.IMMUNIZATIONS: ("Date", "Vaccin", "Lot"),
    SectionKind.ATTACHED_DOCUMENTS: ("Document", "Annexé"),
    # liaison sheets
    SectionKind.VITAL_SIGNS: ("Mesure", "Valeur", "Date"),
    SectionKind.MEAL_STATUS: ("Observation", "Date et heure"),
    SectionKind.PERSONAL_ITEMS: ("Prothèse ou objet", "Présent", "Localisation"),
    SectionKind.DISCHARGE_DIAGNOSIS: ("Début", "Fin", "Diagnostic", "Code"),
    SectionKind.DISCHARGE_DIAGNOSIS_TEXT: ("Début", "Fin", "Diagnostic", "Code"),
    SectionKind.DISCHARGE_TREATMENTS: ("Début", "Fin", "Médicament", "Posologie"),
    SectionKind.PERSONS_INFORMED: ("Personne ou structure", "Informée"),
    SectionKind.PHYSICAL_FUNCTION: ("Observation", "Valeur", "Précision"),
    SectionKind.DOCUMENTS_GIVEN: ("Document", "Remis"),
}

_PREFIX: Final[dict[SectionKind, str]] = {
    SectionKind.DISPOSITIONS: "etablissement",
    SectionKind.ACTIVE_PROBLEMS: "probleme",
    SectionKind.MEDICAL_HISTORY: "antecedent",
    SectionKind.ALLERGIES: "allergie",
    SectionKind.TREATMENTS: "traitement",
    SectionKind.CARE_PLAN: "soin",
    SectionKind.ADVANCE_DIRECTIVES: "directive",
    SectionKind.EVENT_OUTCOMES: "observation",
    SectionKind.CODED_RESULTS: "resultat",
    SectionKind.IMMUNIZATIONS: "vaccin",
    SectionKind.ATTACHED_DOCUMENTS: "document",
    SectionKind.VITAL_SIGNS: "constante",
    SectionKind.MEAL_STATUS: "repas",
    SectionKind.PERSONAL_ITEMS: "objet",
    SectionKind.DISCHARGE_DIAGNOSIS: "diagnostic",
    SectionKind.DISCHARGE_DIAGNOSIS_TEXT: "diagnostic",
    SectionKind.DISCHARGE_TREATMENTS: "ordonnance",
    SectionKind.PERSONS_INFORMED: "informe",
    SectionKind.PHYSICAL_FUNCTION: "fonction",
    SectionKind.DOCUMENTS_GIVEN: "remis",
}

Cell = tuple[str, str | None, str | None]  # text, content ID, renderMultiMedia reference


class Narrative:
    """The rows of a section's narrative, collected while its entries are written."""

    __slots__ = ("_media", "_prefix", "kind", "rows")

    def __init__(self, kind: SectionKind, index: int) -> None:
        self.kind = kind
        self._prefix = f"{_PREFIX.get(kind, 'entree')}-{index}"
        self._media = 0
        self.rows: list[list[Cell]] = []

    def row(
        self,
        cells: list[str],
        *,
        label: str,
        tail: list[str] | None = None,
        first: bool = False,
        media: str | None = None,
    ) -> str:
        """Add a row whose *label* cell is the entry's anchor; return the anchor's ID."""
        ref = f"{self._prefix}.{len(self.rows) + 1}"
        anchor: Cell = (label, ref, None)
        plain: list[Cell] = [(text, None, None) for text in cells]
        row = [anchor, *plain] if first else [*plain, anchor]
        row.extend((text, None, None) for text in tail or ())
        if self.kind is SectionKind.ATTACHED_DOCUMENTS:
            row.append(("oui" if media else "non", None, media))
        self.rows.append(row)
        return ref

    def media_id(self) -> str:
        """A fresh ID for an ``observationMedia`` of this section."""
        self._media += 1
        return f"{self._prefix}.fichier-{self._media}"

    @staticmethod
    def date(value: dt.date | None) -> str:
        """``JJ/MM/AAAA`` or an empty cell."""
        return value.strftime("%d/%m/%Y") if value is not None else ""

    @staticmethod
    def yes_no(value: bool) -> str:
        """``oui`` or ``non``."""
        return "oui" if value else "non"

    @staticmethod
    def dosage(
        dose: Decimal | None,
        unit: str | None,
        period_hours: int | None,
        *,
        high: Decimal | None = None,
        max_dose: Decimal | None = None,
        max_period_hours: int | None = None,
        max_unit: str | None = None,
    ) -> str:
        """A French dosage instruction: ``2 à 4 unité(s) toutes les 24 h, au plus 4 unité(s) par 24 h``.

        ``max_unit`` the maximum dose's unit when it is not *unit* (``1 unité(s)..., au plus 3000 mg par 24 h``).
        """
        shown = _unit_label(unit)
        parts = []
        if dose is not None:
            amount = format(dose, "f") if high is None or high == dose else f"{format(dose, 'f')} à {format(high, 'f')}"
            parts.append(f"{amount} {shown}")
        if period_hours is not None:
            parts.append(f"toutes les {period_hours} h")
        text = " ".join(parts)
        if max_dose is not None:
            most = _unit_label(max_unit) if max_unit is not None else shown
            text += f"{', ' if text else ''}au plus {format(max_dose, 'f')} {most} par {max_period_hours} h"
        return text


def _unit_label(unit: str | None) -> str:
    """A UCUM unit as printed: a unit count (``{count}``, ``1``, none) is ``unité(s)``."""
    return "unité(s)" if unit in (None, "1", "{count}") else unit


def write_narrative(text: Node, narrative: Narrative, note: str | None) -> None:
    """Fill the section's ``text`` element: the table of rows, then the free-text note."""
    if narrative.rows:
        table = sub(text, "table", {"border": "1"})
        headers = HEADERS.get(narrative.kind)
        if headers:
            head_row = sub(sub(table, "thead"), "tr")
            for header in headers:
                sub(head_row, "th", text=header)
        body = sub(table, "tbody")
        for row in narrative.rows:
            tr = sub(body, "tr")
            for value, anchor, media in row:
                td = sub(tr, "td")
                if anchor is not None:
                    sub(td, "content", {"ID": anchor}, value)
                elif value:
                    td.text = value
                if media is not None:
                    sub(td, "renderMultiMedia", {"referencedObject": media})
    if note is not None:
        sub(text, "paragraph", text=note)
    if not narrative.rows and note is None:
        sub(text, "paragraph", {"styleCode": PLACEHOLDER_STYLE}, PLACEHOLDER)


#: the paragraph of a section with nothing to say, marked by its style so that a note of the same text is read as one
PLACEHOLDER: Final = "Aucune information renseignée."
PLACEHOLDER_STYLE: Final = "Italics"
