"""Benchmark helper: generated roadmaps with any number of steps, to time layout as the plan grows.

Everything but the stappenplan comes from the bundled Meierijstad example (its
header, vision, nulmeting, quote and theme), so the page holds the same real
components as the poster; `generate_roadmap` replaces the plan with n steps
over the plan's three years, each 1 to 4 quarters long, with a realistic mix of
statuses and some dependencies, in the example's five lanes (pillars) or more
when they would hold over 20 steps each. Titles
are drawn from a Dutch vocabulary by a seeded random generator: the same
(n, seed) always gives the same roadmap, another seed gives other titles.

A0 holds a few dozen steps; `tall_spec` makes the page taller with every
step, so that what is timed is the whole real layout of a page that holds them.
"""

from __future__ import annotations

import math
import random
from dataclasses import replace
from functools import lru_cache

from poster.content.model import Milestone, Period, Pillar, Plan, Roadmap, Status, Step
from poster.errors import LayoutError
from poster.layout import LayoutSpec

_VERBS = (
    "Inrichten",
    "Opstellen",
    "Uitwerken",
    "Vaststellen",
    "Evalueren",
    "Borgen",
    "Opschalen",
    "Verkennen",
    "Ontwikkelen",
    "Implementeren",
    "Aanbesteden",
    "Toetsen",
    "Uitrollen",
    "Verbeteren",
)
_OBJECTS = (
    "datastrategie",
    "informatiebeheer",
    "dashboardportaal",
    "datawarehouse",
    "kwaliteitsmonitor",
    "privacyprotocol",
    "ethisch normenkader",
    "opleidingsprogramma",
    "datageletterdheid",
    "architectuurplaat",
    "wijkmonitor",
    "sociaal domein",
    "klantreis",
    "gegevenscatalogus",
    "metadatabeheer",
    "kpi-set",
    "P&C-cyclus",
    "algoritmeregister",
    "BI-omgeving",
    "open data",
    "zaakgericht werken",
    "verwerkingsregister",
)
_QUALIFIERS = (
    "",
    "",
    "",
    " voor het sociaal domein",
    " met ketenpartners",
    " in alle teams",
    " fase 2",
    " (pilot)",
    " voor inwoners",
    " en monitoring",
    " gemeentebreed",
)
# Roughly the example's mix: most steps planned or running, some done, a few stuck.
_STATUSES = (
    (Status.PLANNED, 40),
    (Status.IN_PROGRESS, 25),
    (Status.DONE, 20),
    (Status.DELAYED, 8),
    (Status.ON_HOLD, 4),
    (Status.CANCELLED, 3),
)


@lru_cache(maxsize=1)
def example() -> Roadmap:
    """The bundled example, loaded once (the generated roadmaps share everything but the plan)."""
    from poster.content import load_or_raise
    from poster.resources import example_content

    return load_or_raise(example_content())[0]


STEPS_PER_LANE = 20


def lanes_for(n_steps: int) -> int:
    """The example's five lanes, more when they would hold over STEPS_PER_LANE steps each."""
    return max(5, math.ceil(n_steps / STEPS_PER_LANE))


def generate_roadmap(n_steps: int, *, seed: int = 0, lanes: int | None = None, base: Roadmap | None = None) -> Roadmap:
    """The example roadmap with a generated plan of `n_steps` steps over `lanes` pillars and its years.

    `lanes` defaults to `lanes_for(n_steps)`: a plan grows by adding lanes
    (programmes), not by stacking hundreds of steps in one; pass lanes=5 for a
    dense plan where every lane grows with n.
    """
    base = base or example()
    rng = random.Random(f"{n_steps}:{seed}")
    pillars = _pillars(base.strategy.pillars, lanes or lanes_for(n_steps))
    first_year = base.plan.start.year
    years = base.plan.end.year - first_year + 1
    quarters = 4 * years
    statuses = [s for s, _ in _STATUSES]
    weights = [w for _, w in _STATUSES]
    steps: list[Step] = []
    by_pillar: dict[str, list[Step]] = {p.id: [] for p in pillars}
    for i in range(n_steps):
        pillar = pillars[i % len(pillars)]
        q0 = rng.randrange(quarters)
        q1 = min(quarters - 1, q0 + rng.randrange(4))
        status = rng.choices(statuses, weights)[0]
        progress = {
            Status.DONE: 100,
            Status.IN_PROGRESS: rng.randrange(5, 95, 5),
            Status.DELAYED: rng.randrange(5, 60, 5),
        }.get(status, 0)
        # A third of the steps wait for an earlier step of their own pillar that ends before they start.
        earlier = [s for s in by_pillar[pillar.id][-8:] if s.end.last < _quarter(first_year, q0).first]
        depends = (rng.choice(earlier),) if earlier and rng.random() < 0.33 else ()
        title = f"{rng.choice(_VERBS)} {rng.choice(_OBJECTS)}{rng.choice(_QUALIFIERS)}"
        step = Step(
            id=f"stap-{i + 1}",
            title=title,
            pillar=pillar,
            start=_quarter(first_year, q0),
            end=_quarter(first_year, q1),
            status=status,
            progress=progress,
            owner=None,
            depends_on=depends,
        )
        steps.append(step)
        by_pillar[pillar.id].append(step)
    milestones = tuple(
        Milestone(
            id=f"mijlpaal-{y}",
            title=f"Evaluatie {first_year + y}",
            date=Period.quarter(first_year + y, 4),
            done=first_year + y < base.meta.as_of.year,
        )
        for y in range(years)
    )
    plan = Plan(start=base.plan.start, end=base.plan.end, steps=tuple(steps), milestones=milestones)
    # Results point at steps of the example's plan, which this plan does not have.
    results = tuple(replace(r, step=None) for r in base.results)
    strategy = replace(base.strategy, pillars=pillars)
    return replace(base, strategy=strategy, plan=plan, results=results)


def _pillars(example_pillars: tuple[Pillar, ...], n: int) -> tuple[Pillar, ...]:
    """n pillars: the example's, then copies of them with numbered ids and names."""
    out = []
    for i in range(n):
        p = example_pillars[i % len(example_pillars)]
        k = i // len(example_pillars)
        out.append(p if k == 0 else replace(p, id=f"{p.id}-{k + 1}", name=f"{p.name} {k + 1}"))
    return tuple(out)


def _quarter(first_year: int, index: int) -> Period:
    return Period.quarter(first_year + index // 4, index % 4 + 1)


def tall_spec(spec: LayoutSpec, n_steps: int, mm_per_step: float = 12.0) -> LayoutSpec:
    """`spec` with a page taller by `mm_per_step` per step, so n steps fit at the full type scale.

    Every n then takes the same path through the engine (no type shrinking, the
    plan stretching into room to spare), so timings compare like with like;
    `check_full_size` confirms it for a laid-out page.
    """
    height = spec.height_mm + 150.0 + mm_per_step * n_steps  # 150 mm: full lane headers however few the steps
    return replace(spec, height_mm=height, name=f"{spec.name}-{n_steps}-steps")


def check_full_size(doc, spec: LayoutSpec) -> None:
    """Raise if the engine had to shrink the type (the page was too short to compare like with like)."""
    from poster.layout.document import Text

    # Section headings never shrink to fit their width (the title may, to stay on one line when type grows).
    want = spec.type("section").size_pt
    sizes = [i.size_pt for i in doc.items if isinstance(i, Text) and i.role == "section.title"]
    if sizes and max(sizes) < want - 1e-6:  # grown (a page with room to spare) is full size too
        raise LayoutError(
            [
                f"{spec.name}: the type was shrunk ({max(sizes):g} pt section headings, not {want:g}); "
                "give tall_spec more mm_per_step"
            ]
        )


def layout_generated(n_steps: int, spec: LayoutSpec, *, seed: int = 0):
    """(roadmap, tall spec) ready to time: layout_poster(roadmap, tall spec)."""
    roadmap = generate_roadmap(n_steps, seed=seed)
    return roadmap, tall_spec(spec, n_steps)
