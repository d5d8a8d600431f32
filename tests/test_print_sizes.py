"""Other sizes: the A1-A3 layouts match the size rule, scaled layouts keep proportions, every size prints clean."""

from __future__ import annotations

from dataclasses import replace

import pytest
from test_render_samples import INFO, PRIMARY, WHITE, text

from poster.content import load
from poster.layout import layout_poster, load_layout
from poster.layout.document import Circle, Document, Line, Path, Rect
from poster.layout.geometry import Box, mm_to_pt
from poster.layout.scale import MIN_LINE_MM, design_spec, scale_document
from poster.layout.spec import _find, _read_with_extends
from poster.print import sizes
from poster.print.produce import PrintOptions, print_pdf

SCALED = [(s, o) for s in sizes.SCALED_SIZES for o in sizes.ORIENTATIONS]
# Roles set in the layout's body size (type_scale.body, .list, .lane_goal): at least the size's body minimum.
BODY_ROLES = ("vision.ambition.text", "vision.benefits", "vision.preconditions", "plan.lane.goal", "strategy.intro")


@pytest.mark.parametrize("size,orientation", SCALED)
def test_layout_files_are_what_the_rule_makes(size, orientation):
    path = sizes.layout_path(size, orientation)
    assert path.read_text(encoding="utf-8") == sizes.layout_text(size, orientation), (
        f"{path.name} is out of date with a0-{orientation}.yaml or the size rule: run python -m poster.print.sizes"
    )


@pytest.mark.parametrize("size,orientation", SCALED)
def test_the_rule(size, orientation):
    """Independently of sizes.scaled_layout: lengths x r, type x r but at least the readable minimums."""
    a0 = _read_with_extends(_find(f"a0-{orientation}"), seen=())
    changes = sizes.DESIGN_CHANGES.get((size, orientation), {})
    spec = load_layout(f"{size.lower()}-{orientation}")
    r = sizes.RATIO[size]
    smallest, body = sizes.READABLE_PT[size]
    assert spec.scale == pytest.approx(r, abs=1e-6)
    assert (spec.width_mm, spec.height_mm) == (
        sizes.PAGE_SIZES[size] if orientation == "portrait" else sizes.PAGE_SIZES[size][::-1]
    )
    margins = {**a0["margins"], **changes.get("margins", {})}
    assert spec.margin_top == pytest.approx(margins["top"] * r, abs=0.006)
    assert spec.row_gap == pytest.approx({**a0["grid"], **changes.get("grid", {})}["row_gap"] * r, abs=0.006)
    assert spec.min_text_pt == smallest
    a0_scale = {**a0["type_scale"], **changes.get("type_scale", {})}
    for role, (size_pt, _min_pt) in a0_scale.items():
        t = spec.type(role)
        floor = body if size_pt >= a0_scale["body"][0] else smallest
        assert t.size_pt == pytest.approx(max(size_pt * r, floor), abs=0.006), role
        assert t.min_pt >= smallest and t.min_pt <= t.size_pt
    assert spec.measure("plan.bar_height") == pytest.approx(a0["measures"]["plan"]["bar_height"] * r, abs=0.006)
    assert spec.measure("plan.lane_detail") == a0["measures"]["plan"]["lane_detail"]  # a count: not scaled
    components = {n for row in spec.rows for a in row.areas for entry in a.stack for n in entry}
    assert not components & set(changes.get("drop", ()))


@pytest.mark.parametrize("size,orientation", SCALED)
def test_every_size_prints_clean_and_readable(example, size, orientation):
    roadmap = load(example).roadmap
    doc = layout_poster(roadmap, load_layout(f"{size.lower()}-{orientation}"))
    smallest, body = sizes.READABLE_PT[size]
    assert min(t.size_pt for t in doc.texts()) >= smallest - 0.005
    assert min(t.size_pt for t in doc.texts() if t.role in BODY_ROLES) >= body - 0.005
    result = print_pdf(doc, roadmap, PrintOptions(cmyk=True, crop_marks=True))
    assert result.findings == [], [f.format() for f in result.findings]


def test_a3_keeps_the_a0_proportions(example):
    """The A3 design is the A0 design: regions line up once divided by the scale (apart from what A3 changes)."""
    roadmap = load(example).roadmap
    a3 = layout_poster(roadmap, load_layout("a3-portrait"))
    assert (a3.width_mm, a3.height_mm) == (297, 420)
    assert "quote" not in dict(a3.regions)
    plan = a3.region("plan")
    assert plan.w / a3.width_mm == pytest.approx((841 - 2 * 36) / 841, abs=0.002)  # the A3 design's margins


def test_design_spec_divides_lengths_and_type_by_the_scale():
    spec = load_layout("a2-portrait")
    design = design_spec(spec)
    assert design.scale == 1.0
    assert design.width_mm == pytest.approx(840) and design.margin_left == pytest.approx(spec.margin_left * 2)
    assert design.type("body").size_pt == pytest.approx(spec.type("body").size_pt * 2)
    assert design.min_text_pt == pytest.approx(16)
    assert design.measure("plan.max_stretch") == spec.measure("plan.max_stretch")


def test_scale_document_scales_everything_and_keeps_lines_printable():
    items = (
        Rect(Box(10, 10, 100, 50), fill=PRIMARY, stroke=WHITE, stroke_mm=0.5, radius_mm=4, role="card"),
        Line(0, 0, 100, 100, PRIMARY, 0.25, dash_mm=(2, 1), role="rule"),
        Circle(50, 50, 10, fill=PRIMARY, stroke=WHITE, stroke_mm=1.0),
        Path((("M", 0, 0), ("C", 10, 10, 20, 10, 30, 0), ("Z",)), stroke=PRIMARY, stroke_mm=0.1),
        text(20, 30, "Routekaart", size_pt=24),
    )
    doc = Document(841, 1189, WHITE, items, INFO, regions=(("plan", Box(40, 40, 100, 100)),))
    s = 0.5
    out = scale_document(doc, s)
    rect, line, circle, path, label = out.items
    assert rect.box == Box(5, 5, 50, 25) and rect.radius_mm == 2 and rect.stroke_mm == 0.25
    assert (line.x2, line.dash_mm) == (50, (1, 0.5))
    assert line.width_mm == 0.125  # 0.35 pt: printable, just scaled
    assert mm_to_pt(MIN_LINE_MM) == pytest.approx(0.25)  # 0.1 mm x 0.5 would be 0.14 pt: raised to 0.25 pt
    assert path.commands[1] == ("C", 5, 5, 10, 5, 15, 0) and path.stroke_mm == pytest.approx(MIN_LINE_MM)
    assert (circle.cx, circle.r) == (25, 5)
    assert (label.size_pt, label.width_mm) == (12, items[4].width_mm / 2)
    assert out.region("plan") == Box(20, 20, 50, 50) and (out.width_mm, out.height_mm) == (420.5, 594.5)


def test_size_names_and_minimums():
    assert sizes.size_name(841, 1189) == "A0" and sizes.size_name(420, 297) == "A3"
    assert sizes.size_name(1000, 700) == "A1"  # a custom page reads like its nearest A size
    assert sizes.readable_minimum(297, 420) == ("A3", 7.0, 9.0)


def test_a_scaled_layout_error_says_the_millimetres_are_the_designs(example, tmp_path):
    spec = replace(
        load_layout("a3-portrait"),
        type_scale=tuple(
            (role, replace(t, size_pt=t.size_pt * 3, min_pt=t.size_pt * 3))
            for role, t in load_layout("a3-portrait").type_scale
        ),
    )
    from poster.errors import LayoutError

    with pytest.raises(LayoutError) as info:
        layout_poster(load(example).roadmap, spec)
    assert "drawn at 0.354 of its design" in info.value.problems[-1]
