"""Tables of docs/visibility.md generated from the engine itself (``python -m dmpcore._docgen docs``).

The matrix is made of :func:`~dmpcore.visibility.can_view` calls, so the docs cannot drift from the code.
"""

from __future__ import annotations

from datetime import date
from typing import Final, NamedTuple

import attrs

from dmpcore.consent import LegalSituation, Measure, Party
from dmpcore.visibility._access import AccessContext, can_view
from dmpcore.visibility._model import Category, Credential, Document, Mode, Viewer
from dmpcore.visibility._policy import Policy
from dmpcore.visibility._reasons import DepositProblem, Reason
from dmpcore.visibility._restrictions import Restriction
from dmpcore.visibility._roles import MEDICO_SOCIAL_ROLES

__all__ = ["deposit_problems", "matrix", "policy_switches", "reasons", "roles"]

ON: Final = date(2025, 3, 1)
AUTHOR: Final = "810001234567"
OTHER: Final = "810009999999"
_ADULT = LegalSituation(date(1950, 6, 1))
_MINOR = LegalSituation(date(2010, 6, 1))
_EIGHTEEN = LegalSituation(date(2007, 3, 1))
_TUTELLE = LegalSituation(date(1950, 6, 1), measure=Measure.TUTELLE)
_CURATELLE = LegalSituation(date(1950, 6, 1), measure=Measure.CURATELLE)


class _Row(NamedTuple):
    label: str
    mode: str
    viewer: Viewer
    context: AccessContext


def _context(situation: LegalSituation = _ADULT, **fields: object) -> AccessContext:
    return AccessContext(situation=situation, on=ON, **fields)  # type: ignore[arg-type]


def _pro(**fields: object) -> Viewer:
    professional_id = fields.pop("professional_id", OTHER)
    return Viewer.professional(professional_id, **fields)  # type: ignore[arg-type]


def _rows() -> list[_Row]:
    normal, bdg, regulation = "normal", "bris de glace", "régulation"
    csa = {"professional_id": "1330000001", "credential": Credential.CSA}
    return [
        _Row("patient (adult or minor)", "-", Viewer.patient(), _context(_MINOR)),
        _Row("parents of a minor", "-", Viewer.representative(Party.PARENTS), _context(_MINOR)),
        _Row("parents, on the child's 18th birthday", "-", Viewer.representative(Party.PARENTS), _context(_EIGHTEEN)),
        _Row("tutor (representation of the person)", "-", Viewer.representative(Party.TUTOR), _context(_TUTELLE)),
        _Row("curator", "-", Viewer.representative(Party.CURATOR), _context(_CURATELLE)),
        _Row("health professional, authorised", normal, _pro(authorized=True), _context()),
        _Row("health professional, not authorised", normal, _pro(), _context()),
        _Row("author of the document, authorised", normal, _pro(professional_id=AUTHOR, authorized=True), _context()),
        _Row("médecin traitant", normal, _pro(treating_physician=True), _context()),
        _Row("health professional", bdg, _pro(mode=Mode.BRIS_DE_GLACE), _context()),
        _Row(
            "health professional, the patient opposed",
            bdg,
            _pro(mode=Mode.BRIS_DE_GLACE),
            _context(opposed_bris_de_glace=True),
        ),
        _Row("médecin traitant", bdg, _pro(mode=Mode.BRIS_DE_GLACE, treating_physician=True), _context()),
        _Row("SAMU / Centre 15 regulator", regulation, _pro(mode=Mode.REGULATION, regulator=True), _context()),
        _Row(
            "SAMU regulator, the patient opposed",
            regulation,
            _pro(mode=Mode.REGULATION, regulator=True),
            _context(opposed_regulation=True),
        ),
        _Row(
            "medico-social professional (GENR11), authorised",
            normal,
            _pro(category=Category.MEDICO_SOCIAL, role="GENR11", authorized=True),
            _context(),
        ),
        _Row(
            "medico-social professional without an RPPS+ role",
            normal,
            _pro(category=Category.MEDICO_SOCIAL, authorized=True),
            _context(),
        ),
        _Row("any CPE card", normal, _pro(credential=Credential.CPE, authorized=True), _context()),
        _Row(
            "CSA for an authorised professional", normal, _pro(on_behalf_of=OTHER, authorized=True, **csa), _context()
        ),
        _Row("CSA without an identified professional", normal, _pro(authorized=True, **csa), _context()),
        _Row("blocked professional", normal, _pro(authorized=True), _context(blocked={OTHER})),
        _Row(
            "occupational physician, express consent",
            normal,
            _pro(category=Category.OCCUPATIONAL_PHYSICIAN, express_consent=True),
            _context(),
        ),
        _Row(
            "insurer, mutual, employer, médecin conseil",
            "any",
            _pro(category=Category.INSURER, authorized=True),
            _context(),
        ),
    ]


def _columns() -> list[tuple[str, Document]]:
    def document(*restrictions: Restriction, lifted_on: date | None = None) -> Document:
        return Document(
            deposited_on=date(2025, 2, 15), restrictions=frozenset(restrictions), author_id=AUTHOR, lifted_on=lifted_on
        )

    return [
        ("none", document()),
        ("MASQUE_PS", document(Restriction.MASQUE_PS)),
        ("INVISIBLE_PATIENT (in its delay)", document(Restriction.INVISIBLE_PATIENT)),
        ("INVISIBLE_PATIENT (lifted)", document(Restriction.INVISIBLE_PATIENT, lifted_on=date(2025, 2, 20))),
        ("INVISIBLE_REPRESENTANTS_LEGAUX", document(Restriction.INVISIBLE_REPRESENTANTS_LEGAUX)),
        ("MASQUE_PSOCIAL, MASQUE_PT", document(Restriction.MASQUE_PSOCIAL, Restriction.MASQUE_PT)),
    ]


def _cell(viewer: Viewer, document: Document, context: AccessContext) -> str:
    decision = can_view(viewer, document, context)
    return "✓" if decision.allowed else f"✗ `{decision.reasons[0].value}`"


def matrix() -> str:
    """Viewer kinds × modes × restrictions: ✓ when visible, else ✗ and the reason of the denial."""
    columns = _columns()
    lines = [
        "| viewer | mode | " + " | ".join(name for name, _ in columns) + " |",
        "|---|---|" + "---|" * len(columns),
    ]
    for row in _rows():
        cells = " | ".join(_cell(row.viewer, document, row.context) for _, document in columns)
        lines.append(f"| {row.label} | {row.mode} | {cells} |")
    return "\n".join(lines)


def reasons() -> str:
    """One line per reason, in French and English, with its legal basis."""
    lines = ["| reason | effect | français | English | basis |", "|---|---|---|---|---|"]
    for reason in Reason:
        effect = "allows" if reason.allows else "denies"
        lines.append(
            f"| `{reason.value}` | {effect} | {reason.text('fr')} | {reason.text('en')} | {', '.join(reason.basis)} |"
        )
    return "\n".join(lines)


def deposit_problems() -> str:
    """One line per deposit problem, in French and English, with its basis."""
    lines = ["| problem | français | English | basis |", "|---|---|---|---|"]
    for problem in DepositProblem:
        lines.append(
            f"| `{problem.value}` | {problem.text('fr')} | {problem.text('en')} | {', '.join(problem.basis)} |"
        )
    return "\n".join(lines)


_SWITCHES: Final = {
    "cumul_invisible_patient_masque_ps": "The DMP platform parameter `cumul-invisible_patient-masque_ps`: "
    "may a deposit be both INVISIBLE_PATIENT and MASQUE_PS?",
    "masked_visible_in_emergency": "Do bris de glace and régulation see documents masked from professionals? "
    "No current text says so.",
    "invisible_patient_delay_months": "How long INVISIBLE_PATIENT lasts without a lift: R1111-53 says one month at the "
    "latest, the only value accepted (any other raises `visibility.invisible_patient_delay`).",
    "occupational_physician_access_from": "From when occupational physicians may consult with express consent "
    "(loi 2021-1018, in force on 31 March 2022 at the latest); `None` keeps them out.",
    "habilitations": "The matrice d'habilitation (arrêté du 26 octobre 2023): document types per role.",
}


def policy_switches() -> str:
    """The switches of :class:`Policy` with their defaults."""
    default = Policy()
    lines = ["| switch | default | question |", "|---|---|---|"]
    for field in attrs.fields(Policy):
        value = getattr(default, field.name)
        shown = "every role sees every type" if field.name == "habilitations" else f"`{value!s}`"
        lines.append(f"| `{field.name}` | {shown} | {_SWITCHES[field.name]} |")
    return "\n".join(lines)


def roles() -> str:
    """The five medico-social RPPS+ roles, the day they become valid and the document types they see."""
    lines = ["| code (TRE_R22) | role | valid from | document types |", "|---|---|---|---|"]
    for role in MEDICO_SOCIAL_ROLES.values():
        types = (
            "every type (annex not loaded)" if role.document_types is None else ", ".join(sorted(role.document_types))
        )
        lines.append(f"| `{role.code}` | {role.display} | {role.valid_from.isoformat()} | {types} |")
    return "\n".join(lines)
