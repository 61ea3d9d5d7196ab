"""Identity status of the référentiel national d'identitovigilance (RNIV)."""

from __future__ import annotations

import enum

__all__ = ["IdentityStatus", "may_share_ins"]


class IdentityStatus(enum.Enum):
    """The four statuses of a local identity (RNIV, exigence Ex_SIS_01).

    - PROVISIONAL (*identité provisoire*): traits not checked against an identity document;
    - RECOVERED (*identité récupérée*): INS returned by the INSi teleservice, no identity document checked;
    - VALIDATED (*identité validée*): traits checked against a high-trust identity document;
    - QUALIFIED (*identité qualifiée*): validated *and* recovered: the only status that lets the INS be
      used to identify the patient in an exchanged or shared document.
    """

    PROVISIONAL = "provisoire"
    RECOVERED = "recuperee"
    VALIDATED = "validee"
    QUALIFIED = "qualifiee"


def may_share_ins(status: IdentityStatus) -> bool:
    """Whether a document may identify the patient by the INS (only a *qualified* identity may).

    Otherwise the document identifies the patient with the establishment's local id only
    (RNIV; CSP R1111-8-1 to R1111-8-7; DOMAIN.md §2).

    >>> may_share_ins(IdentityStatus.QUALIFIED)
    True
    >>> may_share_ins(IdentityStatus.VALIDATED)
    False
    """
    return status is IdentityStatus.QUALIFIED
