"""poster diff: comparing two roadmaps (model level here; git revisions in test_progress_cli.py)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from poster.content.model import (
    Language,
    Meta,
    Milestone,
    Period,
    Pillar,
    Plan,
    Result,
    Roadmap,
    Status,
    Step,
    Strategy,
    Vision,
)
from poster.progress import RoadmapDiff, StepEvent, changed_steps, diff_roadmaps
from poster.progress.report import diff_json, format_diff

P = Pillar("data", "Data & architectuur")
Q = Pillar("mensen", "Mensen")


def step(ident: str, status=Status.PLANNED, progress=None, start="2025-Q1", end="2025-Q4", **kw) -> Step:
    y1, q1 = start.split("-Q")
    y2, q2 = end.split("-Q")
    return Step(
        ident,
        kw.pop("title", ident.title()),
        kw.pop("pillar", P),
        Period.quarter(int(y1), int(q1)),
        Period.quarter(int(y2), int(q2)),
        status,
        status.default_progress if progress is None else progress,
        **kw,
    )


def roadmap(steps, milestones=(), as_of=date(2026, 5, 14), results=()) -> Roadmap:
    return Roadmap(
        meta=Meta("Gemeente", "Routekaart", as_of),
        vision=Vision("Visie"),
        strategy=Strategy((P, Q)),
        plan=Plan(Period.month(2025, 1), Period.month(2027, 12), tuple(steps), tuple(milestones)),
        results=tuple(results),
    )


def test_changed_steps_reports_completed_and_started_only():
    old = roadmap(
        [
            step("a", Status.IN_PROGRESS, 60),
            step("b"),
            step("c", Status.IN_PROGRESS, 10),
            step("d", Status.DONE),
            step("e", Status.DELAYED, 20),
        ]
    )
    new = roadmap(
        [
            step("a", Status.DONE),
            step("b", Status.IN_PROGRESS, 5),
            step("c", Status.DELAYED, 20),
            step("d", Status.DONE),
            step("e", Status.DELAYED, 30),
            step("f", Status.IN_PROGRESS, 5),
        ]
    )
    found = {c.step_id: c for c in changed_steps(old, new)}
    assert set(found) == {"a", "b", "f"}
    assert found["a"].event is StepEvent.COMPLETED and found["a"].old_status is Status.IN_PROGRESS
    assert found["b"].event is StepEvent.STARTED and (found["b"].old_progress, found["b"].new_progress) == (0, 5)
    assert found["f"].event is StepEvent.STARTED and found["f"].old_status is None


def test_changed_steps_in_file_order_and_empty_for_identical():
    a = roadmap([step("x"), step("y")])
    assert changed_steps(a, a) == ()
    b = roadmap([step("y", Status.DONE), step("x", Status.IN_PROGRESS)])
    assert [c.step_id for c in changed_steps(a, b)] == ["y", "x"]


def test_diff_lists_every_kind_of_change():
    m1, m2 = Milestone("m1", "College", Period.day(date(2026, 1, 27))), Milestone("m2", "Raad", Period.month(2026, 12))
    old = roadmap(
        [step("a", Status.IN_PROGRESS, 40), step("b"), step("gone")], [m1, m2], results=[Result("Portaal live")]
    )
    new = roadmap(
        [step("a", Status.IN_PROGRESS, 70), step("b", Status.DONE, end="2026-Q1", title="B nieuw"), step("new")],
        [replace(m1, done=True), replace(m2, date=Period.month(2027, 1))],
        as_of=date(2026, 11, 27),
        results=[Result("Portaal live"), Result("Normenkader vastgesteld")],
    )
    d = diff_roadmaps(old, new)
    assert [s.id for s in d.steps_added] == ["new"] and [s.id for s in d.steps_removed] == ["gone"]
    assert [(c.step.id, c.old_end) for c in d.rescheduled] == [("b", Period.quarter(2025, 4))]
    assert [(c.step.id, c.old, c.step.status) for c in d.status_changes] == [("b", Status.PLANNED, Status.DONE)]
    # b's 0 -> 100 follows from its status; only a's progress is news.
    assert [(c.step.id, c.old, c.step.progress) for c in d.progress_changes] == [("a", 40, 70)]
    assert [m.id for m in d.milestones_reached] == ["m1"]
    assert [(c.milestone.id, str(c.old_date)) for c in d.milestones_moved] == [("m2", "2026-12")]
    assert [r.title for r in d.results_added] == ["Normenkader vastgesteld"]
    assert [(t.path, t.old, t.new) for t in d.texts] == [("plan.steps[b].title", "B", "B nieuw")]
    assert not d.is_empty
    text = format_diff(d, Language.NL)
    assert "Nieuwe resultaten (1)\n  +  Normenkader vastgesteld" in text
    assert "Mijlpalen bereikt (1)\n  m1  College (27 januari 2026)" in text
    assert format_diff(d, Language.EN).splitlines()[0] == "Reporting date: 14 May 2026 → 27 November 2026"


def test_every_kind_of_change_has_a_label_in_both_languages():
    """Each list of a RoadmapDiff is a section of `poster diff`; each needs its heading in nl and en."""
    from dataclasses import fields

    from poster.i18n import LABELS

    kinds = [f.name for f in fields(RoadmapDiff) if f.name not in ("old_as_of", "new_as_of")]
    for lang in Language:
        missing = [k for k in kinds if f"report.{k}" not in LABELS[lang.value]]
        assert not missing, (lang, missing)


def test_a_reopened_milestone_and_a_removed_result_are_listed():
    m = Milestone("m1", "College", Period.day(date(2026, 1, 27)), done=True)
    old = roadmap([step("a")], [m], results=[Result("Portaal live")])
    new = roadmap([step("a")], [replace(m, done=False)])
    d = diff_roadmaps(old, new)
    assert format_diff(d, Language.NL) == (
        "Mijlpalen heropend (1)\n  m1  College\n\nVervallen resultaten (1)\n  -  Portaal live"
    )
    assert format_diff(d, Language.EN) == (
        "Milestones reopened (1)\n  m1  College\n\nResults removed (1)\n  -  Portaal live"
    )


def test_identical_roadmaps_have_no_diff_in_either_language():
    a = roadmap([step("a")])
    d = diff_roadmaps(a, a)
    assert d.is_empty
    assert format_diff(d, Language.NL) == "Geen verschillen."
    assert format_diff(d, Language.EN) == "No differences."


def test_text_output_is_in_the_content_language():
    old = roadmap([step("a", Status.IN_PROGRESS, 40)], as_of=date(2026, 5, 14))
    new = roadmap([step("a", Status.DONE)], as_of=date(2026, 11, 27))
    d = diff_roadmaps(old, new)
    assert format_diff(d, Language.NL) == (
        "Peildatum: 14 mei 2026 → 27 november 2026\n\nStatuswijzigingen (1)\n  a  A: bezig → gereed"
    )  # 40% -> 100% follows from "gereed" and is not repeated
    assert format_diff(d, Language.EN).splitlines()[0] == "Reporting date: 14 May 2026 → 27 November 2026"
    data = diff_json(d)
    assert data["status_changes"] == [{"id": "a", "old": "in_progress", "new": "done"}]
    assert data["as_of"] == {"old": "2026-05-14", "new": "2026-11-27"}


def test_an_added_ambition_reads_as_new_text():
    from poster.content.model import Ambition

    old = roadmap([step("a")])
    new = replace(old, vision=Vision("Visie", (Ambition("Meerwaarde voor inwoners", "Betere dienstverlening."),)))
    d = diff_roadmaps(old, new)
    assert [(t.path, t.old, t.new) for t in d.texts] == [
        ("vision.ambitions[0].title", None, "Meerwaarde voor inwoners"),
        ("vision.ambitions[0].text", None, "Betere dienstverlening."),
    ]
    assert "  vision.ambitions[0].title\n    - (geen)\n    + Meerwaarde voor inwoners" in format_diff(d, Language.NL)


def _with_baseline(r: Roadmap, current: float, target: float = 4) -> Roadmap:
    from poster.content.model import Baseline, Dimension

    dims = (Dimension("leiderschap", "Leiderschap", current, target), Dimension("cultuur", "Cultuur", 1, 3))
    return replace(r, baseline=Baseline(Period.month(2024, 3), 5, ("A", "B", "C", "D", "E"), dims))


def test_a_changed_baseline_level_is_listed():
    old = _with_baseline(roadmap([step("a")]), 2)
    new = _with_baseline(roadmap([step("a")]), 3, 4.5)
    d = diff_roadmaps(old, new)
    assert [(c.dimension.id, c.old_current, c.old_target) for c in d.levels] == [("leiderschap", 2, 4)]
    assert format_diff(d, Language.NL) == "Nulmeting (1)\n  leiderschap  Leiderschap: huidig 2 → 3, doel 4 → 4,5"
    assert format_diff(d, Language.EN) == "Baseline (1)\n  leiderschap  Leiderschap: current 2 → 3, target 4 → 4.5"
    assert diff_json(d)["levels"] == [
        {"id": "leiderschap", "current": {"old": 2, "new": 3}, "target": {"old": 4, "new": 4.5}}
    ]


def test_version_quote_benefits_and_preconditions_are_texts():
    from poster.content.model import Quote

    old = roadmap([step("a")])
    old = replace(
        old,
        meta=replace(old.meta, version="2.1"),
        quote=Quote("Data leeft.", "Wethouder"),
        vision=Vision("Visie", benefits=("Betere besluiten",), preconditions=("Budget", "Mensen")),
    )
    new = replace(
        old,
        meta=replace(old.meta, version="2.2"),
        quote=None,
        vision=Vision("Visie", benefits=("Betere besluiten", "Minder dubbel werk"), preconditions=("Budget",)),
    )
    d = diff_roadmaps(old, new)
    assert [(t.path, t.old, t.new) for t in d.texts] == [
        ("meta.version", "2.1", "2.2"),
        ("vision.benefits[1]", None, "Minder dubbel werk"),
        ("vision.preconditions[1]", "Mensen", None),
        ("quote.text", "Data leeft.", None),
        ("quote.source", "Wethouder", None),
    ]


def test_added_and_removed_pillars_are_listed():
    r = Pillar("regie", "Regie")
    old = roadmap([step("a")])
    new = replace(old, strategy=Strategy((P, r)))
    d = diff_roadmaps(old, new)
    assert [p.id for p in d.pillars_added] == ["regie"] and [p.id for p in d.pillars_removed] == ["mensen"]
    assert format_diff(d, Language.NL) == "Nieuwe sporen (1)\n  regie  Regie\n\nVervallen sporen (1)\n  mensen  Mensen"
    assert diff_json(d)["pillars_added"] == [{"id": "regie", "name": "Regie"}]


def test_a_change_the_list_does_not_name_is_not_called_no_difference():
    from poster.content.model import Color, Theme, ThemeColors

    old = roadmap([step("a")])
    colors = ThemeColors(Color(0, 0, 0), Color(255, 0, 0), Color(255, 255, 255), Color(0, 0, 0))
    new = replace(old, theme=Theme(colors=colors))
    d = diff_roadmaps(old, new)
    assert d.other_changes and not d.is_empty
    assert format_diff(d, Language.NL).startswith("Geen verschillen in deze lijst, wel andere wijzigingen")
    assert format_diff(d, Language.EN).startswith("Nothing this list shows changed, but other things did")
    assert diff_json(d)["other_changes"] is True


def test_the_same_content_in_two_folders_has_no_difference(tmp_path):
    import shutil

    from poster.content import load
    from poster.resources import example_content

    for name in ("a", "b"):
        shutil.copytree(example_content(), tmp_path / name)
    d = diff_roadmaps(load(tmp_path / "a").roadmap, load(tmp_path / "b").roadmap)
    assert d.is_empty and format_diff(d, Language.NL) == "Geen verschillen."
