"""Document visibility and DMP access: who may see which document, in which mode, with which credential.

The rules of DOMAIN.md §4 (CSP L1111-5, L1111-14 to L1111-19, R1111-46 to R1111-53) as pure functions that
return decisions with reasons and legal references; the deposit rules; the DMP restrictions (TRE_A07) and
their XDS ``confidentialityCode`` mapping. The page « Qui voit quoi ? » (docs/visibility.md) has the matrix.

>>> from datetime import date
>>> from dmpcore.consent import LegalSituation, Party
>>> from dmpcore.visibility import (Restriction, Document, Viewer, AccessContext, can_view, explain,
...                                 confidentiality_codes, parse_confidentiality_codes)
>>> ctx = AccessContext(situation=LegalSituation(birth_date=date(2010, 6, 1)), on=date(2025, 3, 1))
>>> doc = Document(deposited_on=date(2025, 2, 1), author_id="810001234567",
...                restrictions=frozenset({Restriction.INVISIBLE_REPRESENTANTS_LEGAUX}))
>>> decision = can_view(Viewer.representative(Party.PARENTS), doc, ctx)
>>> bool(decision), explain(decision, "en")
(False, 'Refused: The document is hidden from the legal representatives (care the minor keeps confidential).')
>>> [c.code for c in confidentiality_codes(doc.restrictions)]
['N', 'INVISIBLE_REPRESENTANTS_LEGAUX']
>>> parse_confidentiality_codes(["N", "INVISIBLE_REP_LEGAUX"]) == doc.restrictions
True
"""

from dmpcore.visibility._access import (
    AccessContext,
    AccessDecision,
    can_view,
    explain,
    invisible_patient_until,
    visible_documents,
)
from dmpcore.visibility._deposit import check_deposit
from dmpcore.visibility._errors import InvalidAccessInput
from dmpcore.visibility._model import Category, Credential, Document, Mode, Viewer, ViewerKind
from dmpcore.visibility._policy import OCCUPATIONAL_PHYSICIAN_ACCESS_FROM, HabilitationMatrix, Policy
from dmpcore.visibility._reasons import DepositProblem, Reason
from dmpcore.visibility._restrictions import (
    HL7_CONFIDENTIALITY,
    InvalidConfidentialityCode,
    Restriction,
    confidentiality_codes,
    parse_confidentiality_codes,
)
from dmpcore.visibility._roles import MEDICO_SOCIAL_ROLES, MedicoSocialRole

__all__ = [
    "HL7_CONFIDENTIALITY",
    "MEDICO_SOCIAL_ROLES",
    "OCCUPATIONAL_PHYSICIAN_ACCESS_FROM",
    "AccessContext",
    "AccessDecision",
    "Category",
    "Credential",
    "DepositProblem",
    "Document",
    "HabilitationMatrix",
    "InvalidAccessInput",
    "InvalidConfidentialityCode",
    "MedicoSocialRole",
    "Mode",
    "Policy",
    "Reason",
    "Restriction",
    "Viewer",
    "ViewerKind",
    "can_view",
    "check_deposit",
    "confidentiality_codes",
    "explain",
    "invisible_patient_until",
    "parse_confidentiality_codes",
    "visible_documents",
]
