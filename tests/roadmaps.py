"""Roadmap models built in code for layout tests: generated plans of any size, with long Dutch words."""

from __future__ import annotations

import random
from datetime import date

from poster.content.model import (
    Ambition,
    Baseline,
    Dimension,
    Meta,
    Milestone,
    Period,
    Pillar,
    Plan,
    Quote,
    Result,
    Roadmap,
    Status,
    Step,
    Strategy,
    Vision,
)

WORDS = (
    "data",
    "portaal",
    "dashboards",
    "architectuur",
    "beleid",
    "team",
    "kaarten",
    "inwoners",
    "datawijsheid",
    "governance",
    "privacy",
    "ethiek",
    "normenkader",
    "programma",
    "pilot",
    "gegevensbeschermingseffectbeoordeling",
    "informatiebeveiligingsbeleid",
    "datagedreven",
    "AVG",
    "KPI's",
    "BI-omgeving",
    "opzetten",
    "invoeren",
    "verbeteren",
    "organisatiebreed",
)
# Step titles as a municipality writes them: 20-42 characters.
REALISTIC_TITLES = (
    "Visie op datagedreven werken",
    "Dashboardportaal inrichten",
    "Datastrategie opstellen",
    "Architectuur op orde brengen",
    "Programma datawijsheid",
    "Ethisch normenkader opstellen",
    "Datacatalogus vullen",
    "Eigenaarschap van data beleggen",
    "Algoritmeregister publiceren",
    "Datakwaliteit meten en verbeteren",
    "Leerlijn voor data-analisten",
    "Wijkmonitor voor alle kernen",
    "Selfservice-rapportages voor teams",
    "Open data publiceren",
    "DPIA-werkwijze invoeren",
    "Dataplatform in de cloud",
    "Datacoaches in elk cluster",
    "KPI's in de P&C-cyclus",
    "Bronsystemen aansluiten",
    "Pilot voorspellende analyses",
    "Evaluatie en bijsturing",
    "Functieprofielen aanpassen",
    "Informatiebeveiliging toetsen",
    "Datagedreven begroting",
)
DIMENSION_NAMES = (
    "Leiderschap",
    "Cultuur",
    "Datawijsheid",
    "Governance",
    "Privacy & AVG",
    "Ethiek",
    "Architectuur",
    "Datakwaliteit",
    "Dashboards",
    "Samenwerking",
    "Informatiebeveiliging",
    "Open data",
)
PILLAR_NAMES = (
    "Leiderschap & sturing",
    "Mensen & datawijsheid",
    "Governance & ethiek",
    "Data & architectuur",
    "Toepassingen & inzicht",
    "Samenwerking in de regio",
    "Informatiebeveiliging",
    "Open overheid",
)
STATUSES = (Status.DONE, Status.IN_PROGRESS, Status.PLANNED, Status.DELAYED, Status.ON_HOLD, Status.CANCELLED)


def title(rng: random.Random, words: int) -> str:
    text = " ".join(rng.choice(WORDS) for _ in range(words))
    return text[0].upper() + text[1:]


def generated(
    n_steps: int,
    n_pillars: int,
    years: int,
    n_dims: int = 6,
    seed: int = 0,
    title_words: tuple[int, int] = (2, 5),
    realistic: bool = False,
    start_month: int = 1,
    end_month: int = 12,
) -> Roadmap:
    """A roadmap with n_steps spread over n_pillars lanes and `years` years, as_of in the middle.

    Titles are random words (long compounds included), or with `realistic`
    titles like those of a real stappenplan.
    """
    rng = random.Random(seed)
    first_year = 2025
    dims = tuple(
        Dimension(
            f"d{i}",
            DIMENSION_NAMES[i] if realistic else title(rng, rng.randint(1, 2)),
            rng.choice((1, 1.5, 2, 2.5)),
            rng.choice((3, 3.5, 4)),
        )
        for i in range(n_dims)
    )
    pillars = tuple(
        Pillar(
            f"p{i}",
            PILLAR_NAMES[i] if realistic else title(rng, rng.randint(1, 3)),
            goal=("Data helpt teams om beter te besluiten." if realistic else title(rng, rng.randint(5, 12)) + "."),
            dimensions=dims[i % n_dims : i % n_dims + 1],
        )
        for i in range(n_pillars)
    )
    quarters = years * 4
    steps = []
    for i in range(n_steps):
        q0 = rng.randrange(quarters)
        q1 = min(quarters - 1, q0 + rng.randint(0, 3))
        status = rng.choice(STATUSES)
        progress = (
            100
            if status is Status.DONE
            else (rng.randint(10, 90) if status in (Status.IN_PROGRESS, Status.DELAYED) else 0)
        )
        deps = (steps[rng.randrange(len(steps))],) if steps and rng.random() < 0.2 else ()
        name = rng.choice(REALISTIC_TITLES) if realistic else title(rng, rng.randint(*title_words))
        steps.append(
            Step(
                f"s{i}",
                name,
                pillars[i % n_pillars],
                Period.quarter(first_year + q0 // 4, q0 % 4 + 1),
                Period.quarter(first_year + q1 // 4, q1 % 4 + 1),
                status,
                progress,
                depends_on=deps,
            )
        )
    last_year = first_year + years - 1
    milestones = tuple(
        Milestone(f"m{i}", title(rng, rng.randint(2, 4)), Period.quarter(first_year + i % years, 2 + i % 3), done=i < 2)
        for i in range(min(years + 1, 5))
    )
    return Roadmap(
        meta=Meta(
            "Gemeente Voorbeeld",
            "Routekaart datagedreven werken",
            as_of=date(first_year + years // 2, 6, 1),
            subtitle="Gegenereerd voor tests",
            version="1.0",
        ),
        vision=Vision(
            title(rng, 14) + ".",
            tuple(Ambition(title(rng, 2), title(rng, 10)) for _ in range(4)),
            benefits=("Betere besluiten", "Minder dubbel werk"),
            preconditions=("AVG op orde",),
        ),
        strategy=Strategy(pillars),
        plan=Plan(Period.month(first_year, start_month), Period.month(last_year, end_month), tuple(steps), milestones),
        baseline=Baseline(
            Period.month(2024, 3), 5, ("Startend", "Ontwikkelend", "Toepassend", "Sturend", "Transformerend"), dims
        ),
        results=(
            Result("Portaal met alle dashboards opgeleverd", Period.month(first_year, 9), steps[0] if steps else None),
        ),
        quote=Quote("Datagedreven werken leeft nu in de organisatie.", "Gemeente Voorbeeld"),
    )
