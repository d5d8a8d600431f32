"""The capacity instrument: the honest roadmap generator (tests/roadmaps.py) and the readings of
benchmarks/capacity.py (step label size, blank bands, dependency arrows), checked on known content.

The fit table itself is run by `make bench`, not here.
"""

from __future__ import annotations

import dataclasses
import random
import sys
from pathlib import Path

import pytest
from roadmaps import dependencies_of, roadmap, step_title

from poster.content import load_or_raise
from poster.content.model import Language, Period, PeriodKind
from poster.layout import layout_poster, load_layout
from poster.layout.document import Path as PathItem
from poster.resources import example_content

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "benchmarks"))
import capacity


def _quarters(p: Period, end: bool) -> int:
    d = p.last if end else p.first
    return d.year * 4 + (d.month - 1) // 3


@pytest.mark.parametrize("chars", [(20, 30), (45, 56), (60, 80), (20, 80)])
@pytest.mark.parametrize("language", ["nl", "en"])
def test_titles_have_the_asked_length(chars, language):
    rng = random.Random(7)
    titles = [step_title(rng, chars, language) for _ in range(100)]
    assert all(chars[0] <= len(t) <= chars[1] for t in titles), [
        t for t in titles if not chars[0] <= len(t) <= chars[1]
    ]
    assert len(set(titles)) > 80  # varied, not a handful repeated


def test_dutch_titles_carry_long_compounds_acronyms_and_hyphens():
    text = " ".join(s.title for seed in range(5) for s in roadmap(steps=60, seed=seed, title_chars=(20, 80)).plan.steps)
    words = text.split()
    assert max(len(w) for w in words) >= 30  # "Gegevensbeschermingseffectbeoordeling"
    assert any(w.isupper() and len(w) >= 2 for w in words) or "AVG" in text or "BRP" in text
    assert any("-" in w for w in words)


def test_the_generator_is_deterministic_and_the_seed_matters():
    assert roadmap(seed=4) == roadmap(seed=4)
    assert roadmap(seed=4) != roadmap(seed=5)
    assert roadmap(steps=12, full=False, language="en", seed=9) == roadmap(steps=12, full=False, language="en", seed=9)


@pytest.mark.parametrize("steps, years, pillars", [(1, 1, 1), (8, 1, 2), (40, 4, 4), (60, 5, 6), (25, 3, 8)])
def test_plan_shape(steps, years, pillars):
    r = roadmap(steps=steps, years=years, pillars=pillars, seed=steps)
    plan = r.plan
    assert len(plan.steps) == steps and len(r.strategy.pillars) == pillars
    assert len({s.id for s in plan.steps}) == steps
    assert {s.pillar.id for s in plan.steps} == {p.id for p in r.strategy.pillars[: min(steps, pillars)]}
    assert plan.start_date.year == 2025 and plan.end_date.year == 2025 + years - 1
    for s in plan.steps:
        assert plan.start_date <= s.start_date <= s.end_date <= plan.end_date
        assert 1 <= _quarters(s.end, True) - _quarters(s.start, False) + 1 <= 8  # a quarter to two years
    ids = {s.id: s for s in plan.steps}
    for before, after in dependencies_of(r):
        assert ids[before].end_date < ids[after].start_date
        assert ids[before] is next(d for d in ids[after].depends_on if d.id == before)  # the final object


def test_durations_and_periods_cover_the_range():
    steps = [s for seed in range(10) for s in roadmap(steps=40, years=5, seed=seed).plan.steps]
    lengths = {_quarters(s.end, True) - _quarters(s.start, False) + 1 for s in steps}
    assert {1, 2, 4, 8} <= lengths
    assert {PeriodKind.QUARTER, PeriodKind.MONTH, PeriodKind.HALF} <= {s.start.kind for s in steps}


def test_full_and_sparse_posters():
    full = roadmap(seed=1)
    assert len(full.vision.ambitions) == 5 and all(a.text for a in full.vision.ambitions)
    assert len(full.vision.preconditions) == 4 and full.vision.benefits
    assert full.baseline is not None and len(full.baseline.dimensions) == 8
    assert all(d.note for d in full.baseline.dimensions)
    assert full.quote is not None and len(full.results) == 5 and full.plan.milestones and dependencies_of(full)
    sparse = [roadmap(steps=10, full=False, seed=s) for s in range(16)]
    for part in ("baseline", "quote"):
        assert {getattr(r, part) is None for r in sparse} == {True, False}, part
    assert {bool(r.results) for r in sparse} == {True, False}
    assert roadmap(steps=10, full=False, baseline=True, results=False, quote=True, seed=3).results == ()
    assert roadmap(steps=10, full=False, baseline=False, seed=3).baseline is None


def test_english_roadmaps_are_english():
    r = roadmap(language="en", seed=2)
    assert r.meta.language is Language.EN
    assert "Council" in r.meta.organisation and " van " not in " ".join(s.title for s in r.plan.steps)


# --- The instrument's readings ------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def example():
    return load_or_raise(example_content())[0]


@pytest.fixture(scope="module")
def example_doc(example):
    return layout_poster(example, load_layout("a0-portrait"))


def test_readings_of_the_example(example, example_doc):
    assert 18 <= capacity.step_pt(example_doc) <= 20
    band, where = capacity.blank_band(example_doc)
    assert 0 < band < 0.05 * example_doc.height_mm, where
    a = capacity.arrows(example_doc, example)
    assert a.total == 15 and 0 < a.drawn <= a.total and a.crossing == 0 and not a.legend_undrawn


def test_an_arrow_through_a_bar_or_label_is_counted(example, example_doc):
    bars = [i for i in example_doc.items if i.role == "plan.step.bar"]
    label = next(t for t in example_doc.texts() if t.role == "plan.step.label")
    before, after = dependencies_of(example)[0]
    through_bar = PathItem(
        (("M", bars[5].box.x - 5, bars[5].box.cy), ("L", bars[5].box.right + 5, bars[5].box.cy)),
        stroke=example_doc.background,
        stroke_mm=0.4,
        role="plan.dependency",
        ref=f"{before}>{after}",
    )
    assert capacity.arrows(dataclasses.replace(example_doc, items=(*example_doc.items, through_bar)), example).crossing
    box = label.bbox
    curve = PathItem(
        (("M", box.x - 3, box.y - 3), ("C", box.cx, box.cy, box.cx, box.cy, box.right + 3, box.y - 3)),
        stroke=example_doc.background,
        stroke_mm=0.4,
        role="plan.dependency",
        ref=f"{before}>{after}",
    )
    assert capacity.arrows(dataclasses.replace(example_doc, items=(*example_doc.items, curve)), example).crossing
    clear = PathItem(
        (("M", 0.5, 0.5), ("L", 5, 0.5)),
        stroke=example_doc.background,
        stroke_mm=0.4,
        role="plan.dependency",
        ref=f"{before}>{after}",
    )
    only = [i for i in example_doc.items if not i.role.startswith("plan.dependency")]
    a = capacity.arrows(dataclasses.replace(example_doc, items=(*only, clear)), example)
    assert (a.drawn, a.crossing) == (1, 0)


def test_a_band_left_empty_is_measured(example_doc):
    from poster.layout.document import extent

    plan, footer = example_doc.region("plan"), example_doc.region("footer")
    # Everything from the plan down to the footer gone: that is the band.
    kept = tuple(i for i in example_doc.items if extent(i).bottom <= plan.y or extent(i).y >= footer.y)
    band, where = capacity.blank_band(dataclasses.replace(example_doc, items=kept))
    assert footer.y - plan.y <= band <= footer.y - plan.y + 20 and "across the page" in where


def test_a_roadmap_that_does_not_fit_reads_as_not_fitting():
    out, doc = capacity.lay(roadmap(steps=200, years=2, pillars=4, seed=1), "a0-portrait")
    assert (out.fits, doc, out.error) == (False, None, "")


@pytest.mark.slow
def test_the_benchmark_prints_its_tables_and_writes_json(tmp_path, capsys):
    import json

    out = tmp_path / "capacity.json"
    pictures = tmp_path / "png"
    argv = [
        "--quick",
        "--draws",
        "1",
        "--only",
        "fit",
        "--only",
        "arrows",
        "--json",
        str(out),
        "--render",
        str(pictures),
    ]
    assert capacity.main(argv) == 0
    printed = capsys.readouterr().out
    for label in (
        "Fit table",
        "40 steps, 45-56 ch",
        "sparse 8-15 steps",
        "small 1-15 steps",
        "warm layout of 60 steps",
        "Dependency arrows",
        "a0-landscape",
        "targets:",
    ):
        assert label in printed, printed
    result = json.loads(out.read_text(encoding="utf-8"))
    assert len(result["fit"]) == 10 and all(r["draws"] == 1 for r in result["fit"])
    assert result["timing"][0]["median_ms"] > 0
    assert {a["layout"] for a in result["arrows"]} == {"a0-portrait", "a0-landscape", "a3-landscape"}
    # --render: the draw furthest from each target that fits, to look at (sparse roadmaps always fit)
    assert {"sparse-8-15-steps-a0-portrait-draw0.png", "sparse-8-15-steps-a0-landscape-draw0.png"} <= {
        f.name for f in pictures.iterdir()
    }
    assert all(f.read_bytes().startswith(b"\x89PNG") for f in pictures.iterdir())


def test_capacity_is_the_most_steps_that_fit():
    row = capacity.capacity("a0-portrait", capacity.TYPICAL, draws=1, hi=30)
    assert 0 < row.steps <= 30 and row.step_pt is not None
    assert capacity.lay(roadmap(steps=row.steps, seed=1000, title_chars=capacity.TYPICAL), "a0-portrait")[0].fits
    if row.steps < 30:
        assert not capacity.lay(roadmap(steps=row.steps + 1, seed=1000, title_chars=capacity.TYPICAL), "a0-portrait")[
            0
        ].fits
