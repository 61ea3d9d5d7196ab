"""The deposit rules of dmpcore.visibility applied to a DocumentEntry (DOMAIN.md §4.2).

The rules themselves live in :func:`dmpcore.visibility.check_deposit`; this module only builds its
inputs from the CDA (the patient's birth date, the author) and turns its answers into problems.
"""

from __future__ import annotations

from datetime import date, datetime

from lxml import etree

from dmpcore.cda._constants import NS
from dmpcore.consent import LegalSituation
from dmpcore.visibility import AccessContext, Document, check_deposit
from dmpcore.xds._errors import MetadataError
from dmpcore.xds._model import DocumentEntry, Problem

__all__ = ["deposit_problems"]


def _birth_date(root: etree._Element) -> date:
    found = root.xpath("cda:recordTarget/cda:patientRole/cda:patient/cda:birthTime/@value", namespaces=NS)
    value = str(found[0]) if isinstance(found, list) and found else ""
    try:
        return datetime.strptime(value[:8], "%Y%m%d").date()
    except ValueError:
        raise MetadataError(
            "the CDA's recordTarget needs a birthTime (YYYYMMDD) for the deposit rules", code="xds.missing"
        ) from None


def deposit_problems(
    entry: DocumentEntry,
    root: etree._Element,
    *,
    on: date,
    secret_connection: bool = False,
    situation: LegalSituation | None = None,
) -> list[Problem]:
    """The deposit problems of *entry*'s restrictions for the patient of the CDA *root*, on date *on*."""
    author = next((a.person.id for a in entry.authors if a.person and a.person.id), None)
    document = Document(
        deposited_on=on,
        restrictions=entry.restrictions,
        author_id=(author.extension or author.root) if author else None,
        type_code=entry.type_code.code,
    )
    context = AccessContext(situation=situation or LegalSituation(_birth_date(root)), on=on)
    return [
        Problem(
            code=f"visibility.{problem.value}",
            field="confidentiality_codes",
            message=problem.text("en"),
            basis=problem.basis,
        )
        for problem in check_deposit(document, context, secret_connection=secret_connection)
    ]
