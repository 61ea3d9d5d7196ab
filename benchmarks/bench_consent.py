"""Speed of the consent engine: ``decide`` on a realistic population, one core (target >= 200,000 calls/s)."""

from __future__ import annotations

import random
from datetime import date, timedelta

from benchmarks._report import best_of, write_section
from dmpcore.consent import Act, LegalSituation, Measure, decide, explain

TARGET = 200_000
CALLS = 200_000


def _population(size: int, rng: random.Random) -> list[LegalSituation]:
    """Residents of an EHPAD and of homes for disabled adults and children, with their measures."""
    people: list[LegalSituation] = []
    for _ in range(size):
        kind = rng.random()
        if kind < 0.15:  # children and teenagers of an IME
            birth = date(2012, 1, 1) + timedelta(days=rng.randrange(365 * 13))  # minors until 2030
            people.append(LegalSituation(birth, minor_under_tutelle=rng.random() < 0.1))
        else:
            birth = date(1925, 1, 1) + timedelta(days=rng.randrange(365 * 75))
            measure = rng.choice(list(Measure))
            represents = True if measure is Measure.HABILITATION_FAMILIALE and rng.random() < 0.5 else None
            people.append(
                LegalSituation(
                    birth, measure=measure, represents_person=represents, can_express_will=rng.random() < 0.7
                )
            )
    return people


def main() -> None:
    rng = random.Random(2025)
    people = _population(10_000, rng)
    acts = list(Act)
    dates = [date(2026, 1, 1) + timedelta(days=rng.randrange(365 * 4)) for _ in range(97)]
    calls = [(people[i % len(people)], acts[i % len(acts)], dates[i % len(dates)]) for i in range(CALLS)]

    def run_decide() -> None:
        for situation, act, on in calls:
            decide(situation, act, on=on)

    seconds = best_of(5, run_decide)
    rate = CALLS / seconds

    def build() -> None:
        _population(10_000, random.Random(7))

    build_rate = 10_000 / best_of(3, build)
    sample = [decide(situation, act, on=on) for situation, act, on in calls[:10_000]]
    explain_rate = len(sample) / best_of(3, lambda: [explain(d, "fr") for d in sample])

    verdict = "meets" if rate >= TARGET else "MISSES"
    print(f"decide: {rate:,.0f} calls/s ({verdict} the {TARGET:,} target); LegalSituation: {build_rate:,.0f}/s")
    write_section(
        "consent",
        "\n".join(
            [
                "### Consent engine (`dmpcore.consent`)",
                "",
                "| operation | rate, one core | target |",
                "|---|---|---|",
                f"| `decide(situation, act, on=...)` | {rate:,.0f} calls/s | ≥ {TARGET:,} calls/s ({verdict}) |",
                f"| `LegalSituation(...)` (classification included) | {build_rate:,.0f} /s | — |",
                f"| `explain(decision)` | {explain_rate:,.0f} /s | — |",
                "",
                f"`decide`: {CALLS:,} calls over 10,000 residents (minors, adults under every measure), every act and",
                "97 dates in 2026-2029, best of 5 runs. Each `LegalSituation` classifies its three age bands once;",
                "`decide` then compares the date with two birthdays and reads a precomputed, shared decision.",
            ]
        ),
    )


if __name__ == "__main__":
    main()
