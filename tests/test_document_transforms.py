"""Document items moved, scaled and measured by one pair of functions: transformed and extent.

The print sheet (bleed), scaled layouts (A1-A3), the slide deck's moves and
the preflight's safe zone all use them; the results must equal what each
used to compute on its own (checked item by item against the old code when
they were merged, and by the byte-identical snapshot, print and slide tests).
"""

from __future__ import annotations

import pytest
from test_render_samples import INK, PALE, text

from poster.layout.document import Circle, Image, Line, Path, Rect, extent, stroke_width, transformed
from poster.layout.geometry import Box

ITEMS = [
    Rect(Box(10, 20, 30, 40), fill=PALE, stroke=INK, stroke_mm=1.0, radius_mm=2.0),
    Line(1, 2, 7, 5, INK, 0.5, dash_mm=(2.0, 1.0), round_cap=True),
    Circle(50, 60, 5, fill=PALE, stroke=INK, stroke_mm=0.4),
    Path((("M", 0, 0), ("L", 10, 5), ("C", 1, 2, 3, 4, 5, 6), ("Z",)), fill=PALE, stroke=INK, stroke_mm=0.2),
    text(12, 30, "Routekaart"),
    Image(Box(5, 5, 20, 10), b"<svg/>", "image/svg+xml"),
]


@pytest.mark.parametrize("item", ITEMS, ids=lambda it: type(it).__name__)
def test_a_move_changes_positions_only(item):
    moved = transformed(item, dx=3.0, dy=-2.0)
    before, after = extent(item), extent(moved)
    assert (after.x, after.y, after.w, after.h) == pytest.approx((before.x + 3, before.y - 2, before.w, before.h))
    assert stroke_width(moved) == stroke_width(item)
    assert transformed(item) == item


@pytest.mark.parametrize("item", ITEMS, ids=lambda it: type(it).__name__)
def test_scaling_scales_positions_and_sizes(item):
    scaled = transformed(item, 0.5)
    b, s = extent(item, ink=False), extent(scaled, ink=False)
    assert (s.x, s.y, s.w, s.h) == pytest.approx((b.x / 2, b.y / 2, b.w / 2, b.h / 2))
    assert stroke_width(scaled) == pytest.approx(stroke_width(item) / 2)


def test_scaled_lines_keep_a_minimum_width_and_zero_stays_zero():
    line, rect = ITEMS[1], Rect(Box(0, 0, 1, 1), fill=PALE)
    assert transformed(line, 0.1, min_line_mm=0.09).width_mm == 0.09
    assert transformed(line, 0.1, min_line_mm=0.01).width_mm == pytest.approx(0.05)
    assert transformed(rect, 0.1, min_line_mm=0.09).stroke_mm == 0.0


def test_text_scales_its_type_and_metrics():
    t = transformed(ITEMS[4], 2.0, 1.0, 1.0)
    assert (t.x, t.y, t.size_pt) == (25.0, 61.0, ITEMS[4].size_pt * 2)
    assert t.width_mm == ITEMS[4].width_mm * 2 and t.ascent_mm == ITEMS[4].ascent_mm * 2


def test_extent_with_and_without_ink():
    rect, line, circle, path = ITEMS[:4]
    assert extent(rect) == Box(9.5, 19.5, 31, 41) and extent(rect, ink=False) == rect.box
    assert extent(line) == Box(0.75, 1.75, 6.5, 3.5) and extent(line, ink=False) == Box(1, 2, 6, 3)
    assert extent(circle) == Box(44.8, 54.8, 10.4, 10.4)
    assert extent(path, ink=False) == Box(0, 0, 10, 6)
    assert extent(ITEMS[4]) == ITEMS[4].bbox
    assert extent(Rect(Box(0, 0, 1, 1), stroke_mm=3.0)) == Box(0, 0, 1, 1)  # no stroke colour: nothing painted


def test_a_path_without_coordinates_has_no_extent():
    with pytest.raises(ValueError, match="no extent"):
        extent(Path((("Z",),)))
