"""The visibility part of ``dmpcore demo``: who sees a minor's documents, and a refused deposit (fictitious)."""

from __future__ import annotations

from datetime import date
from typing import TextIO

from dmpcore.consent import LegalSituation, Party
from dmpcore.visibility._access import AccessContext, can_view, explain
from dmpcore.visibility._deposit import check_deposit
from dmpcore.visibility._model import Credential, Document, Mode, Viewer
from dmpcore.visibility._restrictions import Restriction, confidentiality_codes

__all__ = ["run_visibility_demo"]


def run_visibility_demo(out: TextIO) -> None:
    """Print who may see a minor's document kept secret from the parents, and why."""
    out.write("== Visibility (who sees what?) ==\n")
    context = AccessContext(situation=LegalSituation(date(2010, 6, 1)), on=date(2025, 3, 1))
    secret = Document(
        deposited_on=date(2025, 2, 1),
        author_id="810001234567",
        restrictions={Restriction.INVISIBLE_REPRESENTANTS_LEGAUX},
    )
    codes = " ".join(code.code for code in confidentiality_codes(secret.restrictions))
    out.write(f"document of a 14-year-old kept secret from the parents; XDS confidentialityCode: {codes}\n")
    viewers = {
        "the minor": Viewer.patient(),
        "the parents": Viewer.representative(Party.PARENTS),
        "an authorised doctor": Viewer.professional("810009999999", authorized=True),
        "a secretary's CPE": Viewer.professional("810009999999", credential=Credential.CPE, authorized=True),
        "emergency doctor (bris de glace)": Viewer.professional("810008888888", mode=Mode.BRIS_DE_GLACE),
    }
    for label, viewer in viewers.items():
        out.write(f"  {label}: {explain(can_view(viewer, secret, context), 'en')}\n")
    adult = AccessContext(situation=LegalSituation(date(1941, 5, 12)), on=date(2025, 3, 1))
    problems = check_deposit(secret, adult)
    out.write(f"the same restriction for a resident born in 1941 is refused: {problems[0].text('en')}\n")
