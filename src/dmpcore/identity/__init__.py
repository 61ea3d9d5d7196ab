"""Identity: the INS (NIR or NIA), identity status, national ids of professionals and organisations.

Sources: ANS *Référentiel Identifiant National de Santé* and *Guide d'implémentation de l'INS*;
*Référentiel national d'identitovigilance* (RNIV); CI-SIS *structuration minimale* of CDA documents.

>>> from dmpcore.identity import parse_ins, INS_NIR_TEST_OID
>>> ins = parse_ins("2 79 03 51 215 189 89", INS_NIR_TEST_OID)
>>> ins.value, ins.kind.name, ins.is_test
('279035121518989', 'NIR', True)
>>> ins.format()
'2 79 03 51 215 189 89'
"""

from dmpcore.identity._ins import (
    INS_NIA_OID,
    INS_NIR_DEMO_OID,
    INS_NIR_OID,
    INS_NIR_TEST_OID,
    Ins,
    InsKind,
    is_valid_ins,
    parse_ins,
)
from dmpcore.identity._national import (
    NationalId,
    OrganisationIdKind,
    ProfessionalIdKind,
    organisation_id,
    parse_national_id,
    professional_id,
)
from dmpcore.identity._status import IdentityStatus, may_share_ins
from dmpcore.oids import NATIONAL_ORGANISATION_ID as ORGANISATION_ID_OID
from dmpcore.oids import NATIONAL_PROFESSIONAL_ID as PROFESSIONAL_ID_OID

__all__ = [
    "INS_NIA_OID",
    "INS_NIR_DEMO_OID",
    "INS_NIR_OID",
    "INS_NIR_TEST_OID",
    "ORGANISATION_ID_OID",
    "PROFESSIONAL_ID_OID",
    "IdentityStatus",
    "Ins",
    "InsKind",
    "NationalId",
    "OrganisationIdKind",
    "ProfessionalIdKind",
    "is_valid_ins",
    "may_share_ins",
    "organisation_id",
    "parse_ins",
    "parse_national_id",
    "professional_id",
]
