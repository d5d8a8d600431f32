"""Layout stage: the example poster's geometry, every shipped layout, and properties over generated roadmaps."""

from __future__ import annotations

import dataclasses
import os
import re
from datetime import date
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from layout_checks import bounds, content_box, outside, overlaps, region_escapes
from roadmaps import generated

from poster.content import load
from poster.errors import LayoutError
from poster.layout import available_layouts, layout_poster, load_layout
from poster.layout.document import Line, Rect, Text
from poster.resources import data_dir, example_content

# LAYOUT_EXAMPLES=300 for a deeper search than the quick default.
EXAMPLES = int(os.environ.get("LAYOUT_EXAMPLES", "25"))
SNAPSHOT = Path(__file__).parent / "snapshots" / "meierijstad-a0-portrait.txt"


@pytest.fixture(scope="module")
def example():
    result = load(example_content())
    assert result.roadmap is not None, [d.format() for d in result.diagnostics]
    return result.roadmap


@pytest.fixture(scope="module")
def portrait(example):
    spec = load_layout("a0-portrait")
    return spec, layout_poster(example, spec)


def paint(item) -> str:
    """The colours an item is drawn with: ' fill=#RRGGBB stroke=#RRGGBB/0.50' (stroke width in mm), ' color=...'."""
    parts = []
    for name in ("fill", "stroke", "color"):
        color = getattr(item, name, None)
        if color is not None:
            parts.append(f"{name}={color.hex}")
    width = getattr(item, "stroke_mm", 0.0) if getattr(item, "stroke", None) is not None else 0.0
    if isinstance(item, Line):
        width = item.width_mm
    if width:
        parts[-1] += f"/{width:.2f}"
    return "".join(f" {part}" for part in parts)


def snapshot_text(doc) -> str:
    """One item per line, in mm to 0.1: role, ref, kind, box, its colours (and the text of a Text)."""
    lines = [f"page {doc.width_mm:.1f}x{doc.height_mm:.1f} background={doc.background.hex}"]
    for name, box in doc.regions:
        lines.append(f"region {name} {box}")
    for item in doc.items:
        kind = type(item).__name__
        extra = f" {item.size_pt:.1f}pt {item.text!r}" if isinstance(item, Text) else ""
        lines.append(f"{kind} {item.role}[{item.ref}] {bounds(item)}{paint(item)}{extra}")
    return "\n".join(lines) + "\n"


UPDATE_SNAPSHOT = "UPDATE_SNAPSHOTS=1 .venv/bin/python -m pytest tests/test_layout.py -k snapshot"


def test_snapshot_of_the_example(portrait):
    """The example's layout and colours, one item per line; after a deliberate change, regenerate and read the diff:
    UPDATE_SNAPSHOTS=1 .venv/bin/python -m pytest tests/test_layout.py -k snapshot && git diff tests/snapshots
    """
    text = snapshot_text(portrait[1])
    if os.environ.get("UPDATE_SNAPSHOTS") == "1":
        SNAPSHOT.parent.mkdir(exist_ok=True)
        SNAPSHOT.write_text(text, encoding="utf-8")
    if not SNAPSHOT.exists():
        pytest.fail(f"{SNAPSHOT} is missing: create it with\n    {UPDATE_SNAPSHOT}")
    assert text == SNAPSHOT.read_text(encoding="utf-8"), (
        f"the example's layout changed; if that is deliberate: {UPDATE_SNAPSHOT}, then read git diff tests/snapshots"
    )


def test_example_inside_the_margins(portrait):
    spec, doc = portrait
    assert outside(doc, content_box(doc, spec)) == []


def test_example_has_no_overlaps(portrait):
    assert overlaps(portrait[1]) == []


def test_example_text_stays_in_its_component(portrait):
    assert region_escapes(portrait[1]) == []


def test_example_type_sizes(portrait):
    """A0 minimums: title >= 100 pt, body >= 24 pt, step labels >= 18 pt, nothing under 14 pt."""
    doc = portrait[1]
    texts = doc.texts()
    assert min(t.size_pt for t in texts) >= 14
    assert all(t.size_pt >= 100 for t in texts if t.role == "header.title")
    assert all(t.size_pt >= 18 for t in texts if t.role == "plan.step.label")
    body_roles = {
        "vision.ambition.text",
        "vision.benefits",
        "vision.preconditions",
        "baseline.dimension",
        "plan.lane.goal",
        "results.title",
        "strategy.intro",
    }
    assert all(t.size_pt >= 24 for t in texts if t.role in body_roles)


def test_example_shows_every_step_milestone_and_result(example, portrait):
    doc = portrait[1]
    bars = {i.ref for i in doc.items if isinstance(i, Rect) and i.role == "plan.step.bar"}
    labels: dict[str, list[str]] = {}
    for t in doc.texts():
        if t.role == "plan.step.label":
            labels.setdefault(t.ref, []).append(t.text)  # a title may take two or three lines
    assert bars == {s.id for s in example.plan.steps}
    # Lines of a title, hyphenated where it wraps: the same letters in the same order.
    assert {ref: "".join(lines).replace("-", "").replace(" ", "") for ref, lines in labels.items()} == {
        s.id: s.title.replace("-", "").replace(" ", "") for s in example.plan.steps
    }
    assert {t.ref for t in doc.texts() if t.role == "plan.milestone.label"} == {m.id for m in example.plan.milestones}
    assert [t.text for t in doc.texts() if t.role == "results.title"] == [r.title for r in example.results]


def test_example_marks_overdue_steps(example, portrait):
    doc = portrait[1]
    overdue = {s.id for s in example.plan.steps if s.is_overdue(example.meta.as_of)}
    assert overdue, "the example should show an overdue step"
    assert {i.ref for i in doc.items if i.role == "plan.step.overdue"} == overdue
    assert {i.ref for i in doc.items if i.role == "status.overdue"} == overdue


def test_example_we_are_here_line(example, portrait):
    doc = portrait[1]
    lines = [i for i in doc.items if i.role == "plan.as_of.line"]
    assert lines and len({round(i.x1, 6) for i in lines}) == 1
    assert any("We zijn hier" in t.text for t in doc.texts())


def test_layout_is_deterministic(example):
    spec = load_layout("a0-portrait")
    assert layout_poster(example, spec) == layout_poster(example, spec)


@pytest.mark.parametrize("name", available_layouts())
def test_every_shipped_layout_lays_out_the_example(example, name):
    spec = load_layout(name)
    doc = layout_poster(example, spec)
    assert outside(doc, content_box(doc, spec)) == []
    assert overlaps(doc) == []
    assert doc.warnings == ()


def test_minimal_content_closes_up(tmp_path):
    """No baseline, results or quote: those components are left out and the others fill the space."""
    roadmap = load(data_dir("content") / "minimal", today=date(2026, 6, 1)).roadmap
    spec = load_layout("a0-portrait")
    doc = layout_poster(roadmap, spec)
    regions = dict(doc.regions)
    assert "baseline" not in regions and "results" not in regions and "quote" not in regions
    assert regions["vision"].w == pytest.approx(content_box(doc, spec).w)
    assert outside(doc, content_box(doc, spec)) == [] and overlaps(doc) == []


def test_forty_steps_four_years_four_lanes_fit_a0_portrait():
    """Issue #3: 40 steps over 4 years in 4 lanes fit A0 portrait at >= 18 pt, without warnings."""
    roadmap = generated(40, 4, 4, seed=3, realistic=True)
    spec = load_layout("a0-portrait")
    doc = layout_poster(roadmap, spec)
    assert doc.warnings == ()
    labels = [t for t in doc.texts() if t.role == "plan.step.label"]
    assert len({t.ref for t in labels}) == 40 and min(t.size_pt for t in labels) >= 18
    assert outside(doc, content_box(doc, spec)) == [] and overlaps(doc) == []


def test_text_that_cannot_fit_is_a_layout_error_naming_it(example):
    long = "Onafgebroken" * 40
    pillars = list(example.strategy.pillars)
    roadmap = dataclasses.replace(example, meta=dataclasses.replace(example.meta, title=long))
    with pytest.raises(LayoutError) as info:
        layout_poster(roadmap, load_layout("a0-portrait"))
    message = str(info.value.message)
    assert "meta.title" in message and "mm too wide" in message and "Onafgebroken" in message
    assert pillars  # the roadmap itself was not touched


def test_too_many_steps_is_a_layout_error_with_the_shortfall():
    roadmap = generated(400, 4, 2, seed=1)
    with pytest.raises(LayoutError) as info:
        layout_poster(roadmap, load_layout("a0-portrait"))
    assert "plan, legend: needs" in info.value.message and "mm short" in info.value.message


def test_missing_character_is_reported_not_drawn(example):
    vision = dataclasses.replace(example.vision, statement=example.vision.statement + " \U0001f680")
    doc = layout_poster(dataclasses.replace(example, vision=vision), load_layout("a0-portrait"))
    assert any("vision.statement" in w and "U+1F680" in w for w in doc.warnings)
    assert all("\U0001f680" not in t.text for t in doc.texts())


def test_english_labels(example):
    meta = dataclasses.replace(example.meta, language=dataclasses.replace(example.meta).language.__class__("en"))
    doc = layout_poster(dataclasses.replace(example, meta=meta), load_layout("a0-portrait"))
    texts = " ".join(t.text for t in doc.texts())
    assert "We are here" in texts and "Status as of 14 May 2026" in texts and "Q1" in texts
    assert "We zijn hier" not in texts


@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    n_steps=st.integers(1, 60),
    n_pillars=st.integers(1, 8),
    years=st.integers(1, 5),
    n_dims=st.integers(3, 12),
    seed=st.integers(0, 10_000),
    start_month=st.integers(1, 12),
    end_month=st.integers(1, 12),
)
def test_generated_roadmaps_fit_or_fail_cleanly(n_steps, n_pillars, years, n_dims, seed, start_month, end_month):
    """Any roadmap either lays out with nothing outside the page, overlapping or escaping its box, or is a LayoutError."""
    if years == 1 and end_month < start_month:
        end_month = start_month
    roadmap = generated(
        n_steps,
        n_pillars,
        years,
        n_dims=n_dims,
        seed=seed,
        realistic=n_steps <= 12,
        start_month=start_month,
        end_month=end_month,
    )
    spec = load_layout("a0-portrait")
    try:
        doc = layout_poster(roadmap, spec)
    except LayoutError as e:
        assert e.problems and all(isinstance(p, str) and p for p in e.problems)
        assert len(set(e.problems)) == len(e.problems), "a problem is reported once"
        # A small plan with ordinary titles always fits A0: an error there is a layout bug.
        assert not (n_steps <= 12 and n_pillars <= 6), e.problems
        return
    assert outside(doc, content_box(doc, spec)) == []
    assert overlaps(doc) == []
    assert region_escapes(doc) == []
    assert min(t.size_pt for t in doc.texts()) >= spec.min_text_pt


def test_a_layout_with_the_strategy_as_its_own_row(example, tmp_path):
    """A layout may show the pillars as a row of cards and keep the lane headers short (lane_detail: 0)."""
    own = tmp_path / "own.yaml"
    own.write_text(
        "extends: a0-portrait\n"
        "page: {width: 841, height: 1400}\n"
        "rows:\n"
        "  - {height: auto, areas: [{component: header}]}\n"
        "  - {height: auto, areas: [{component: vision, columns: 7}, {component: baseline, columns: 5}]}\n"
        "  - {height: auto, areas: [{component: strategy}]}\n"
        "  - {height: fill, areas: [{components: [plan, legend]}]}\n"
        "  - {height: auto, areas: [{component: results, columns: 6}, {components: [progress, quote], columns: 6}]}\n"
        "  - {height: auto, areas: [{component: footer}]}\n"
        "measures:\n"
        "  plan: {lane_detail: 0, lane_label_width: 150}\n",
        encoding="utf-8",
    )
    spec = load_layout(own)
    doc = layout_poster(example, spec)
    cards = [i for i in doc.items if i.role == "strategy.card"]
    assert {c.ref for c in cards} == {p.id for p in example.strategy.pillars}
    assert not [t for t in doc.texts() if t.role == "plan.lane.goal"]
    assert outside(doc, content_box(doc, spec)) == [] and overlaps(doc) == [] and region_escapes(doc) == []


def test_the_readmes_own_layout_builds_on_the_bundled_content(example, tmp_path):
    """The README's custom-layout example, read from README.md itself, lays out the bundled example on A0."""
    readme = (Path(__file__).parent.parent / "README.md").read_text(encoding="utf-8")
    block = re.search(r"```yaml\n(extends: a0-portrait\n.*?)```", readme, re.S)
    assert block, "README.md lost its custom-layout example"
    own = tmp_path / "own.yaml"
    own.write_text(block.group(1), encoding="utf-8")
    spec = load_layout(own)
    doc = layout_poster(example, spec)
    assert {i.ref for i in doc.items if i.role == "strategy.card"} == {p.id for p in example.strategy.pillars}
    assert {i.ref for i in doc.items if i.role == "plan.step.bar"} == {s.id for s in example.plan.steps}
    assert outside(doc, content_box(doc, spec)) == [] and overlaps(doc) == [] and region_escapes(doc) == []
    assert min(t.size_pt for t in doc.texts()) >= spec.min_text_pt


def test_a_plan_that_starts_in_december_lays_out(example):
    """A sliver of a year on the axis gets no label rather than failing the layout."""
    from poster.content.model import Period

    for start in (Period.month(2024, 12), Period.day(__import__("datetime").date(2024, 12, 20))):
        plan = dataclasses.replace(example.plan, start=start)
        doc = layout_poster(dataclasses.replace(example, plan=plan), load_layout("a0-portrait"))
        years = [t.text for t in doc.texts() if t.role == "plan.axis.year"]
        assert years == ["2025", "2026", "2027"]


def test_nothing_to_show_is_a_layout_error(tmp_path):
    roadmap = load(data_dir("content") / "minimal", today=date(2026, 6, 1)).roadmap
    own = tmp_path / "own.yaml"
    own.write_text("extends: a0-portrait\nrows: [{areas: [{component: results}]}]\n", encoding="utf-8")
    with pytest.raises(LayoutError, match="nothing to show"):
        layout_poster(roadmap, load_layout(own))


def test_a_heading_font_without_curly_quotes_still_sets_the_quote(example, tmp_path):
    from fontTools import subset

    from poster.fonts import family

    source = family("Lato").face("italic").path
    font = subset.load_font(str(source), subset.Options())
    sub = subset.Subsetter(subset.Options())
    sub.populate(unicodes=list(range(0x20, 0x7F)))  # ASCII only: no U+201C
    sub.subset(font)
    path = tmp_path / "Plain-Italic.ttf"
    font.save(str(path))
    theme = dataclasses.replace(example.theme, fonts=dataclasses.replace(example.theme.fonts, heading=path))
    quote = dataclasses.replace(example.quote, text="Data leeft in de organisatie.")
    doc = layout_poster(dataclasses.replace(example, theme=theme, quote=quote), load_layout("a0-portrait"))
    assert [i for i in doc.items if i.role == "quote.mark"]  # the plain " stands in


@pytest.mark.parametrize(
    "body, message",
    [
        ("grid: 5\n", "grid: expected a mapping"),
        ("page: A3\n", "page: expected a mapping"),
        ("measures: {plan: 5}\n", "measures.plan: expected a mapping"),
        ("rows: [{areas: 5}]\n", "rows[0].areas: expected a list"),
        ("rows: [{areas: [{component: nope}]}]\n", "unknown component 'nope'"),
        ("type_scale: {body: [24, 10]}\n", "below the layout's min_text_pt"),
    ],
)
def test_broken_layout_files_are_clear_errors(tmp_path, body, message):
    from poster.errors import LayoutSpecError

    own = tmp_path / "own.yaml"
    own.write_text("extends: a0-portrait\n" + body, encoding="utf-8")
    with pytest.raises(LayoutSpecError, match=re.escape(message)):
        load_layout(own)


def test_a_layout_of_its_own_must_give_every_role_and_measure(tmp_path):
    from poster.errors import LayoutSpecError

    own = tmp_path / "own.yaml"
    own.write_text("rows: [{areas: [{component: header}]}]\ntype_scale: {title: [100, 90]}\n", encoding="utf-8")
    with pytest.raises(
        LayoutSpecError, match=r"missing type_scale\.organisation.*measures\.header\.logo_height.*extends: a0-portrait"
    ):
        load_layout(own)


def test_required_measures_are_every_measure_the_components_read():
    """REQUIRED_MEASURES must list each ctx.measure("x.y") read without a default (so the check cannot drift)."""
    from poster.layout.spec import REQUIRED_MEASURES

    source = "\n".join(p.read_text(encoding="utf-8") for p in (Path(__file__).parent.parent / "poster").rglob("*.py"))
    read = set(re.findall(r'measure\("([a-z_]+\.[a-z_]+)"\)', source))
    assert read == set(REQUIRED_MEASURES)


@pytest.mark.parametrize("n_steps, years", [(3, 1), (2, 2)])
def test_a_milestone_title_too_long_for_either_side_wraps(n_steps, years):
    """Found by hypothesis: a milestone label longer than the axis beside its diamond on both sides was placed
    as if it had no width (over its neighbour, out of the page); it now wraps on the roomier side."""
    spec = load_layout("a0-portrait")
    roadmap = generated(n_steps, 1, years, n_dims=3, seed=0, realistic=True, start_month=1, end_month=12)
    doc = layout_poster(roadmap, spec)
    labels = [t for t in doc.texts() if t.role == "plan.milestone.label"]
    assert len({t.ref for t in labels}) < len(labels)  # one of them on two lines
    assert outside(doc, content_box(doc, spec)) == [] and overlaps(doc) == [] and region_escapes(doc) == []
