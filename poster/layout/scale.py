"""Layout stage, scaled layouts: a layout with `scale: s` is laid out as its design (a page 1/s as large), then scaled by s.

Components are designed for A0: their fixed gaps, rule widths and icon sizes
are millimetres on an A0 sheet. Laying an A3 page out directly would keep
those millimetres and crowd the page; laying out the A0 design and scaling the
finished Document keeps every proportion, while the layout file's own type
sizes (in the printed page's points, e.g. 9 pt body on A3) decide how large
the text is printed. The engine (engine.layout_scaled) lays out `design_spec`
and applies `scale_document`; this module only does the arithmetic and imports
no engine. The rule that writes the A1-A3 layouts is in poster/print/sizes.py.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from poster.layout.document import Document, transformed
from poster.layout.geometry import Box, pt_to_mm
from poster.layout.spec import LayoutSpec, TypeSize

if TYPE_CHECKING:
    pass

# Measures that are counts or ratios, not millimetres: they do not scale.
UNITLESS_MEASURES = frozenset({"plan.lane_detail", "plan.max_stretch", "text.fill", "fill.max_type", "fill.max_space"})
# A line scaled below this is drawn at it: thinner lines break up in print.
MIN_LINE_MM = pt_to_mm(0.25)


def design_spec(spec: LayoutSpec) -> LayoutSpec:
    """The spec of the design page: every length and type size divided by spec.scale, scale 1."""
    d = 1 / spec.scale
    return replace(
        spec,
        width_mm=spec.width_mm * d,
        height_mm=spec.height_mm * d,
        margin_top=spec.margin_top * d,
        margin_right=spec.margin_right * d,
        margin_bottom=spec.margin_bottom * d,
        margin_left=spec.margin_left * d,
        column_gap=spec.column_gap * d,
        row_gap=spec.row_gap * d,
        type_scale=tuple((role, TypeSize(t.size_pt * d, t.min_pt * d)) for role, t in spec.type_scale),
        measures=tuple((k, v if k in UNITLESS_MEASURES else v * d) for k, v in spec.measures),
        min_text_pt=spec.min_text_pt * d,
        scale=1.0,
    )


def scale_document(doc: Document, s: float) -> Document:
    """Every position, size, type size and line width multiplied by s (lines never thinner than 0.25 pt)."""
    return replace(
        doc,
        width_mm=doc.width_mm * s,
        height_mm=doc.height_mm * s,
        items=tuple(transformed(item, s, min_line_mm=MIN_LINE_MM) for item in doc.items),
        regions=tuple((name, _box(b, s)) for name, b in doc.regions),
        trim=_box(doc.trim, s) if doc.trim else None,
        bleed=_box(doc.bleed, s) if doc.bleed else None,
    )


def _box(b: Box, s: float) -> Box:
    return Box(b.x * s, b.y * s, b.w * s, b.h * s)
