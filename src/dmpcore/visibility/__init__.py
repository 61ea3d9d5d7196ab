"""Document visibility and DMP access: who may see which document, in which mode, with which credential.

The rules of the DMP (CSP L1111-15 to L1111-19, R1111-46 to R1111-53) as pure functions that return
decisions with reasons and legal references; the three DMP restrictions (TRE_A07) and their XDS
``confidentialityCode`` mapping.

>>> from dmpcore.visibility import Restriction, confidentiality_codes, parse_confidentiality_codes
>>> [c.code for c in confidentiality_codes({Restriction.MASQUE_PS})]
['N', 'MASQUE_PS']
>>> parse_confidentiality_codes(["N", "MASQUE_PS"]) == {Restriction.MASQUE_PS}
True
"""

from dmpcore.visibility._restrictions import (
    HL7_CONFIDENTIALITY,
    InvalidConfidentialityCode,
    Restriction,
    confidentiality_codes,
    parse_confidentiality_codes,
)

__all__ = [
    "HL7_CONFIDENTIALITY",
    "InvalidConfidentialityCode",
    "Restriction",
    "confidentiality_codes",
    "parse_confidentiality_codes",
]
