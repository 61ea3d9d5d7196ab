"""The DMP visibility restrictions (TRE_A07) and the XDS ``confidentialityCode`` list.

Sources: ANS terminology TRE_A07 « StatutVisibiliteDocument » (OID ``1.2.250.1.213.1.1.4.13``); value set
JDV_J08 « XdsConfidentialityCode_CISIS » (``1.2.250.1.213.1.1.5.463``) of the CI-SIS kit; HL7 v3
Confidentiality (``2.16.840.1.113883.5.25``) for the CDA header's own code.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable
from typing import Final

from dmpcore.codes import Code
from dmpcore.errors import InputError, mask
from dmpcore.oids import CONFIDENTIALITY_HL7, TRE_A07_RESTRICTIONS

__all__ = [
    "HL7_CONFIDENTIALITY",
    "PROFESSIONAL_MASKS",
    "InvalidConfidentialityCode",
    "Restriction",
    "confidentiality_codes",
    "parse_confidentiality_codes",
]


class InvalidConfidentialityCode(InputError):
    """A confidentiality code is neither an HL7 code (N, R, V) nor a TRE_A07 restriction."""

    default_code = "visibility.confidentiality_code"


class Restriction(enum.Enum):
    """A visibility restriction of a DMP document (XDS ``confidentialityCode`` from TRE_A07).

    The value is the code; :attr:`display` is the official label, :attr:`code_system` the OID of TRE_A07.

    >>> Restriction.MASQUE_PS.code, Restriction.MASQUE_PS.code_system
    ('MASQUE_PS', '1.2.250.1.213.1.1.4.13')
    >>> Restriction.INVISIBLE_PATIENT.display
    'Non visible par le patient'
    >>> Restriction.from_code("INVISIBLE_REP_LEGAUX")
    <Restriction.INVISIBLE_REPRESENTANTS_LEGAUX: 'INVISIBLE_REPRESENTANTS_LEGAUX'>
    """

    #: hidden from professionals except the author and the médecin traitant (set by the patient)
    MASQUE_PS = "MASQUE_PS"
    #: hidden from the patient and the representatives until lifted, one month at most (CSP R1111-53)
    INVISIBLE_PATIENT = "INVISIBLE_PATIENT"
    #: hidden from the legal representatives of a minor who keeps care secret (CSP L1111-5)
    INVISIBLE_REPRESENTANTS_LEGAUX = "INVISIBLE_REPRESENTANTS_LEGAUX"
    #: in TRE_A07, rules not specified yet: dmpcore treats it as restrictive as MASQUE_PS
    MASQUE_PSOCIAL = "MASQUE_PSOCIAL"
    #: in TRE_A07, rules not specified yet: dmpcore treats it as restrictive as MASQUE_PS
    MASQUE_PT = "MASQUE_PT"

    @property
    def code(self) -> str:
        """The code to emit (always the full code, never an alias)."""
        return self.value

    @property
    def display(self) -> str:
        """The official display name (JDV_J08 of the CI-SIS kit, or TRE_A07 for codes outside it)."""
        return _DISPLAYS[self]

    @property
    def code_system(self) -> str:
        """The OID of TRE_A07."""
        return TRE_A07_RESTRICTIONS

    def to_code(self) -> Code:
        """This restriction as a :class:`~dmpcore.codes.Code`."""
        return _CODES[self]

    @classmethod
    def from_code(cls, code: str) -> Restriction:
        """The restriction named *code* (case-insensitive; ``INVISIBLE_REP_LEGAUX`` accepted as an alias).

        Raises :class:`InvalidConfidentialityCode` for any other value.
        """
        found = _BY_CODE.get(code.strip().upper()) if isinstance(code, str) else None
        if found is None:
            raise InvalidConfidentialityCode(
                f"expected a TRE_A07 restriction code ({', '.join(r.code for r in cls)}), got {_show(code)}",
                code="visibility.restriction_unknown",
            )
        return found


#: the restrictions that hide a document from professionals: MASQUE_PS, and MASQUE_PSOCIAL and MASQUE_PT, which
#: have no published rules yet and are treated as restrictive as MASQUE_PS (DOMAIN.md §4.1), at deposit and
#: at access alike
PROFESSIONAL_MASKS: Final = frozenset({Restriction.MASQUE_PS, Restriction.MASQUE_PSOCIAL, Restriction.MASQUE_PT})

_DISPLAYS: Final = {
    Restriction.MASQUE_PS: "Masqué aux professionnels de santé",
    Restriction.INVISIBLE_PATIENT: "Non visible par le patient",
    Restriction.INVISIBLE_REPRESENTANTS_LEGAUX: "Non visible par les représentants légaux du patient",
    Restriction.MASQUE_PSOCIAL: "Masqué aux professionnels du domaine social",
    Restriction.MASQUE_PT: "Masqué aux personnes tierces",
}
_CODES: Final = {r: Code(code=r.code, code_system=TRE_A07_RESTRICTIONS, display=_DISPLAYS[r]) for r in Restriction}
#: accepted spellings, upper case; the DMP documentation also writes INVISIBLE_REP_LEGAUX
_BY_CODE: Final = {r.code: r for r in Restriction} | {
    "INVISIBLE_REP_LEGAUX": Restriction.INVISIBLE_REPRESENTANTS_LEGAUX
}

#: the HL7 v3 Confidentiality codes allowed in the CDA header (JDV_J08 keeps these three)
HL7_CONFIDENTIALITY: Final = {
    "N": Code(code="N", code_system=CONFIDENTIALITY_HL7, display="Normal"),
    "R": Code(code="R", code_system=CONFIDENTIALITY_HL7, display="Restreint"),
    "V": Code(code="V", code_system=CONFIDENTIALITY_HL7, display="Très restreint"),
}


def _show(value: object) -> str:
    # codes are not patient data, but the input may be anything: bound what we print
    return repr(value) if isinstance(value, str) and len(value) <= 40 else mask(value)


def _cda_code(value: object) -> Code:
    """The HL7 code of the CDA header given as ``"N"``, ``"R"``, ``"V"`` or as one of :data:`HL7_CONFIDENTIALITY`'s
    :class:`~dmpcore.codes.Code` values (its code system checked); the canonical code is returned."""
    if isinstance(value, Code):
        found = HL7_CONFIDENTIALITY.get(value.code) if value.code_system == CONFIDENTIALITY_HL7 else None
        got = f"the code {_show(value.code)} of code system {_show(value.code_system)}"
    else:
        found = HL7_CONFIDENTIALITY.get(value) if isinstance(value, str) else None
        got = _show(value)
    if found is None:
        raise InvalidConfidentialityCode(
            f"the CDA confidentialityCode must be one of N, R, V (HL7 {CONFIDENTIALITY_HL7}), got {got}",
            code="visibility.cda_confidentiality",
        )
    return found


def confidentiality_codes(restrictions: Iterable[Restriction], cda_code: str | Code = "N") -> tuple[Code, ...]:
    """The XDS ``confidentialityCode`` list of a document: the CDA header's HL7 code, then each restriction.

    Restrictions come in the order of :class:`Restriction`, each once; the CDA code must be N, R or V, as a
    ``str`` or a :class:`~dmpcore.codes.Code` of the HL7 code system (the official kit rejects a DMP
    restriction in the CDA header).

    >>> [c.code for c in confidentiality_codes({Restriction.INVISIBLE_PATIENT, Restriction.MASQUE_PS})]
    ['N', 'MASQUE_PS', 'INVISIBLE_PATIENT']
    >>> [c.code for c in confidentiality_codes((), cda_code=HL7_CONFIDENTIALITY["R"])]
    ['R']
    >>> confidentiality_codes((), cda_code="MASQUE_PS")
    Traceback (most recent call last):
    ...
    dmpcore.visibility._restrictions.InvalidConfidentialityCode: the CDA confidentialityCode must be one of N, R, V \
(HL7 2.16.840.1.113883.5.25), got 'MASQUE_PS'
    """
    hl7 = _cda_code(cda_code)
    if isinstance(restrictions, str | Restriction) or not isinstance(restrictions, Iterable):
        raise InvalidConfidentialityCode(
            f"expected a collection of Restriction members, got {type(restrictions).__name__}",
            code="visibility.restriction_list",
        )
    chosen = set()
    for restriction in restrictions:
        if not isinstance(restriction, Restriction):
            raise InvalidConfidentialityCode(
                f"expected Restriction members, got {type(restriction).__name__} {_show(restriction)}",
                code="visibility.restriction_type",
            )
        chosen.add(restriction)
    return (hl7, *(_CODES[r] for r in Restriction if r in chosen))


def parse_confidentiality_codes(codes: Iterable[Code | str]) -> frozenset[Restriction]:
    """The restrictions in an XDS ``confidentialityCode`` list; the HL7 codes (N, R, V) are skipped.

    Items are :class:`~dmpcore.codes.Code` values (their code system is checked) or bare code strings.
    Codes are matched case-insensitively and ``INVISIBLE_REP_LEGAUX`` is read as
    INVISIBLE_REPRESENTANTS_LEGAUX. Anything else raises :class:`InvalidConfidentialityCode`.

    >>> sorted(r.code for r in parse_confidentiality_codes(["N", "INVISIBLE_REP_LEGAUX"]))
    ['INVISIBLE_REPRESENTANTS_LEGAUX']
    >>> parse_confidentiality_codes(["N", "SECRET"])
    Traceback (most recent call last):
    ...
    dmpcore.visibility._restrictions.InvalidConfidentialityCode: expected a TRE_A07 restriction code \
(MASQUE_PS, INVISIBLE_PATIENT, INVISIBLE_REPRESENTANTS_LEGAUX, MASQUE_PSOCIAL, MASQUE_PT), got 'SECRET'
    """
    if isinstance(codes, str | Code):
        raise InvalidConfidentialityCode(
            f"expected a list of confidentiality codes, got a single {type(codes).__name__}",
            code="visibility.confidentiality_list",
        )
    if not isinstance(codes, Iterable):
        raise InvalidConfidentialityCode(
            f"expected a list of confidentiality codes, got {type(codes).__name__}",
            code="visibility.confidentiality_list",
        )
    found: set[Restriction] = set()
    for item in codes:
        restriction = _parse_one(item)
        if restriction is not None:
            found.add(restriction)
    return frozenset(found)


def _parse_one(item: Code | str) -> Restriction | None:
    if isinstance(item, Code):
        if item.code_system == CONFIDENTIALITY_HL7:
            if item.code.strip().upper() not in HL7_CONFIDENTIALITY:
                raise InvalidConfidentialityCode(
                    f"expected N, R or V in code system {CONFIDENTIALITY_HL7}, got {_show(item.code)}",
                    code="visibility.confidentiality_code",
                )
            return None
        if item.code_system != TRE_A07_RESTRICTIONS:
            raise InvalidConfidentialityCode(
                f"expected code system {CONFIDENTIALITY_HL7} (HL7) or {TRE_A07_RESTRICTIONS} (TRE_A07), "
                f"got {_show(item.code_system)} for code {_show(item.code)}",
                code="visibility.confidentiality_system",
            )
        return Restriction.from_code(item.code)
    if isinstance(item, str) and item.strip().upper() in HL7_CONFIDENTIALITY:
        return None
    if not isinstance(item, str):
        raise InvalidConfidentialityCode(
            f"expected a Code or a str, got {type(item).__name__}", code="visibility.confidentiality_code"
        )
    return Restriction.from_code(item)
