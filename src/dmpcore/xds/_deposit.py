"""The deposit rules of dmpcore.visibility applied to a DocumentEntry (DOMAIN.md §4.2).

The rules themselves live in :func:`dmpcore.visibility.check_deposit`; this module only builds its
inputs from the CDA (the patient's birth date, the author) and turns its answers into problems.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Final

from lxml import etree

from dmpcore.cda._constants import NS
from dmpcore.consent import LegalSituation
from dmpcore.visibility import AccessContext, Document, Policy, check_deposit
from dmpcore.xds._errors import MetadataError
from dmpcore.xds._model import DocumentEntry, Problem

__all__ = ["DEFAULT_POLICY", "UNIDENTIFIED_PROFESSIONAL", "deposit_problems"]

#: the author_id given to the deposit rules for a professional whose CDA author carries no id: the
#: rules only need to know that a professional deposits (the id matters for viewing, not depositing)
UNIDENTIFIED_PROFESSIONAL: Final = "unidentified-professional"
#: the default platform parameters (every switch on its fail-closed choice)
DEFAULT_POLICY: Final = Policy()


def _birth_date(root: etree._Element) -> date:
    found = root.xpath("cda:recordTarget/cda:patientRole/cda:patient/cda:birthTime/@value", namespaces=NS)
    value = str(found[0]) if isinstance(found, list) and found else ""
    try:
        return datetime.strptime(value[:8], "%Y%m%d").date()
    except ValueError:
        raise MetadataError(
            "the CDA's recordTarget needs a birthTime (YYYYMMDD) for the deposit rules", code="xds.missing"
        ) from None


def _author_id(entry: DocumentEntry) -> str:
    """The depositing professional: the first author's person id, else their organisation's id.

    An author without any id (``<id nullFlavor="UNK"/>``) is still a professional: the CDA's author is
    an assignedAuthor with an assignedPerson or a representedOrganization, never the patient.
    """
    for author in entry.authors:
        for identifier in (author.person.id if author.person else None, *(i.id for i in author.institutions)):
            if identifier is not None:
                return identifier.extension or identifier.root
    return UNIDENTIFIED_PROFESSIONAL


def deposit_problems(
    entry: DocumentEntry,
    root: etree._Element,
    *,
    on: date,
    secret_connection: bool = False,
    situation: LegalSituation | None = None,
    policy: Policy = DEFAULT_POLICY,
    by_patient: bool = False,
) -> list[Problem]:
    """The deposit problems of *entry*'s restrictions for the patient of the CDA *root*, on date *on*.

    The document is deposited by a professional unless *by_patient* says the patient deposits it
    (:class:`dmpcore.visibility.Document` reads ``author_id=None`` as a deposit by the patient).
    """
    document = Document(
        deposited_on=on,
        restrictions=entry.restrictions,
        author_id=None if by_patient else _author_id(entry),
        type_code=entry.type_code.code,
    )
    context = AccessContext(situation=situation or LegalSituation(_birth_date(root)), on=on, policy=policy)
    return [
        Problem(
            code=f"visibility.{problem.value}",
            field="confidentiality_codes",
            message=problem.text("en"),
            basis=problem.basis,
        )
        for problem in check_deposit(document, context, secret_connection=secret_connection)
    ]
