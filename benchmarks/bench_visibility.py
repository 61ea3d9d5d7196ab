"""Speed of the visibility engine, one core.

Targets (issue 4): ``can_view`` >= 100,000 decisions/s; ``visible_documents`` filters 10,000 documents in
under 100 ms.
"""

from __future__ import annotations

import random
from datetime import date, timedelta

from benchmarks._report import best_of, write_section
from dmpcore.consent import LegalSituation, Measure, Party
from dmpcore.visibility import (
    AccessContext,
    Category,
    Credential,
    Document,
    Mode,
    Restriction,
    Viewer,
    can_view,
    visible_documents,
)

RATE_TARGET = 100_000
BATCH_TARGET_MS = 100.0
CALLS = 200_000
DOCUMENTS = 10_000
ON = date(2025, 3, 1)
IDS = [f"8100000{n:05d}" for n in range(50)]


def _documents(size: int, rng: random.Random) -> list[Document]:
    """A DMP-like mix: most documents unrestricted, some masked, invisible to the patient or to the parents."""
    weighted = [
        (frozenset(), 70),
        (frozenset({Restriction.MASQUE_PS}), 12),
        (frozenset({Restriction.INVISIBLE_PATIENT}), 8),
        (frozenset({Restriction.INVISIBLE_REPRESENTANTS_LEGAUX}), 6),
        (frozenset({Restriction.MASQUE_PSOCIAL, Restriction.INVISIBLE_PATIENT}), 4),
    ]
    choices, weights = zip(*weighted, strict=True)
    documents = []
    for _ in range(size):
        deposited = ON - timedelta(days=rng.randrange(3 * 365))
        restrictions = rng.choices(choices, weights)[0]
        lifted = deposited + timedelta(days=rng.randrange(20)) if rng.random() < 0.3 else None
        documents.append(
            Document(
                deposited_on=deposited,
                restrictions=restrictions,
                author_id=None if rng.random() < 0.05 else rng.choice(IDS),
                lifted_on=lifted,
                type_code=rng.choice(["74207-2", "11488-4", "34133-9", None]),
            )
        )
    return documents


def _viewers() -> list[Viewer]:
    return [
        Viewer.patient(),
        Viewer.representative(Party.PARENTS),
        Viewer.representative(Party.TUTOR),
        Viewer.professional(IDS[1], authorized=True),
        Viewer.professional(IDS[2], treating_physician=True),
        Viewer.professional(IDS[3], mode=Mode.BRIS_DE_GLACE),
        Viewer.professional(IDS[4], mode=Mode.REGULATION, regulator=True),
        Viewer.professional(IDS[5], category=Category.MEDICO_SOCIAL, role="GENR11", authorized=True),
        Viewer.professional(IDS[6], credential=Credential.CPE, authorized=True),
        Viewer.professional("1330000001", credential=Credential.CSA, on_behalf_of=IDS[7], authorized=True),
        Viewer.professional(IDS[8], category=Category.INSURER),
    ]


def _contexts() -> list[AccessContext]:
    return [
        AccessContext(situation=LegalSituation(date(2010, 6, 1)), on=ON, blocked={IDS[9]}),
        AccessContext(situation=LegalSituation(date(1940, 2, 3), measure=Measure.TUTELLE), on=ON),
        AccessContext(situation=LegalSituation(date(1950, 6, 1)), on=ON, opposed_bris_de_glace=True),
    ]


def main() -> None:
    rng = random.Random(2025)
    documents = _documents(DOCUMENTS, rng)
    viewers, contexts = _viewers(), _contexts()
    calls = [
        (viewers[i % len(viewers)], documents[i % len(documents)], contexts[i % len(contexts)]) for i in range(CALLS)
    ]

    def run_can_view() -> None:
        for viewer, document, context in calls:
            can_view(viewer, document, context)

    rate = CALLS / best_of(5, run_can_view)

    professional, context = viewers[3], contexts[2]
    batch_ms = best_of(10, lambda: visible_documents(professional, documents, context)) * 1000
    patient_ms = best_of(10, lambda: visible_documents(viewers[0], documents, contexts[0])) * 1000
    context_rate = 10_000 / best_of(3, lambda: [AccessContext(situation=c.situation, on=ON) for c in contexts * 3334])
    shown = len(visible_documents(professional, documents, context))

    rate_verdict = "meets" if rate >= RATE_TARGET else "MISSES"
    batch_verdict = "meets" if batch_ms < BATCH_TARGET_MS else "MISSES"
    print(f"can_view: {rate:,.0f} decisions/s ({rate_verdict}); visible_documents: {batch_ms:.1f} ms ({batch_verdict})")
    write_section(
        "visibility",
        "\n".join(
            [
                "### Visibility engine (`dmpcore.visibility`)",
                "",
                "| operation | figure, one core | target |",
                "|---|---|---|",
                f"| `can_view(viewer, document, context)` | {rate:,.0f} decisions/s "
                f"| ≥ {RATE_TARGET:,} decisions/s ({rate_verdict}) |",
                f"| `visible_documents` on {DOCUMENTS:,} documents, authorised professional | {batch_ms:.1f} ms "
                f"| < {BATCH_TARGET_MS:.0f} ms ({batch_verdict}) |",
                f"| `visible_documents` on {DOCUMENTS:,} documents, minor patient | {patient_ms:.1f} ms | — |",
                f"| `AccessContext(...)`, PORTAL_ACCESS read once | {context_rate:,.0f} /s | — |",
                "",
                f"`can_view`: {CALLS:,} calls cycling over {len(viewers)} viewers (patient, parents, tutor,",
                "professionals in every mode, medico-social, CPE, CSA, insurer), "
                f"{DOCUMENTS:,} documents (70 % unrestricted,",
                f"the rest masked or invisible) and {len(contexts)} contexts; best of 5 runs. The batch path evaluates",
                f"the viewer's rules once, then checks each document (the professional sees {shown:,}); best of 10.",
                "Decisions are shared values, one per tuple of reasons.",
            ]
        ),
    )


if __name__ == "__main__":
    main()
