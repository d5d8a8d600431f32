"""poster status: per-pillar tallies, overdue steps and the next milestones."""

from __future__ import annotations

from datetime import date

from poster.content import load
from poster.content.model import (
    Language,
    Meta,
    Milestone,
    Period,
    Pillar,
    Plan,
    Roadmap,
    Status,
    Step,
    Strategy,
    Vision,
)
from poster.progress import summarize
from poster.progress.report import format_status, status_json
from poster.resources import example_content

P, Q = Pillar("a", "Alfa"), Pillar("b", "Bèta")


def step(ident, pillar, status, progress, end=Period.quarter(2026, 1)) -> Step:  # noqa: B008 - Period is frozen
    return Step(ident, ident.upper(), pillar, Period.quarter(2025, 1), end, status, progress)


def roadmap(steps, milestones=()) -> Roadmap:
    return Roadmap(
        Meta("Org", "Titel", date(2026, 5, 14)),
        Vision("v"),
        Strategy((P, Q)),
        Plan(Period.month(2025, 1), Period.month(2027, 12), tuple(steps), tuple(milestones)),
    )


def test_progress_is_the_mean_over_steps_that_are_not_cancelled():
    r = roadmap(
        [
            step("s1", P, Status.DONE, 100),
            step("s2", P, Status.IN_PROGRESS, 50),
            step("s3", P, Status.CANCELLED, 0),
            step("s4", Q, Status.PLANNED, 0),
        ]
    )
    s = summarize(r)
    (pa, ta), (pb, tb) = s.pillars
    assert (pa.id, ta.steps, ta.progress, ta.count(Status.CANCELLED)) == ("a", 3, 75, 1)
    assert (pb.id, tb.steps, tb.progress) == ("b", 1, 0)
    assert (s.overall.steps, s.overall.progress) == (4, 50)  # (100 + 50 + 0) / 3


def test_overdue_stale_and_milestones_at_the_reporting_date():
    steps = [
        step("late", P, Status.DELAYED, 30, end=Period.month(2026, 3)),
        step("running", P, Status.IN_PROGRESS, 10, end=Period.quarter(2026, 2)),
        step("forgotten", Q, Status.PLANNED, 0, end=Period.month(2026, 4)),
        step("finished", Q, Status.DONE, 100, end=Period.month(2026, 1)),
    ]
    ms = [
        Milestone("past", "Voorbij", Period.day(date(2026, 4, 1))),
        Milestone("reached", "Gehaald", Period.day(date(2026, 5, 1)), done=True),
        *(Milestone(f"m{i}", f"M{i}", Period.month(2026, 5 + i)) for i in range(5)),
    ]
    s = summarize(roadmap(steps, ms))
    assert [x.id for x in s.overdue] == ["late"]
    assert [x.id for x in s.stale] == ["forgotten"]
    assert [m.id for m in s.late_milestones] == ["past"]
    assert [m.id for m in s.next_milestones] == ["m0", "m1", "m2"]
    later = summarize(roadmap(steps, ms), as_of=date(2026, 7, 1))
    assert [x.id for x in later.overdue] == ["late", "running"]


def test_summary_text_in_both_languages():
    steps = [
        step("late", P, Status.DELAYED, 30, end=Period.month(2026, 3)),
        step("done", P, Status.DONE, 100),
        step("next", Q, Status.PLANNED, 0, end=Period.quarter(2026, 4)),
    ]
    s = summarize(roadmap(steps, [Milestone("raad", "Raadsbesluit", Period.day(date(2026, 6, 13)))]))
    assert (
        format_status(s, Language.NL, "Titel - Org")
        == """\
Titel - Org
Peildatum: 14 mei 2026

Spoor   stappen  gereed  vertraagd  gepland  voortgang
Alfa          2       1          1        -  ███████░░░  65%
Bèta          1       -          -        1  ░░░░░░░░░░   0%
------------------------------------------------------------
Totaal        3       1          1        1  ████░░░░░░  43%

Over de einddatum (1)
  late  LATE (einddatum maart 2026, vertraagd, 30%)

Volgende mijlpalen
  13 juni 2026  Raadsbesluit (over 30 dagen)"""
    )
    english = format_status(s, Language.EN).splitlines()
    assert english[0] == "Reporting date: 14 May 2026"
    assert english[-1] == "  13 June 2026  Raadsbesluit (in 30 days)"


def test_example_summary_json_matches_the_content():
    r = load(example_content()).roadmap
    data = status_json(summarize(r))
    steps = r.plan.steps
    assert data["as_of"] == r.meta.as_of.isoformat()
    assert data["overall"]["steps"] == len(steps)
    assert data["overall"]["counts"] == {st.value: sum(s.status is st for s in steps) for st in Status}
    assert [p["id"] for p in data["pillars"]] == [p.id for p in r.strategy.pillars]
    assert sum(p["steps"] for p in data["pillars"]) == len(steps)
    assert all(s["status"] in ("in_progress", "delayed") for s in data["overdue"])
