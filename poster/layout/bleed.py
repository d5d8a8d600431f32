"""Layout stage, print sheet: a laid-out poster moved onto a sheet with bleed and crop marks.

The sheet is the trim (the poster as laid out) plus `bleed_mm` on every side,
plus, with crop marks, a margin outside the bleed for the marks
(CROP_AREA_MM). Everything is moved by the same offset; nothing is scaled
(reportlab's own bleed scales the page, which a print shop would trim wrongly).
The page background fills the trim and the bleed, never the crop-mark area
(paper there); a filled rectangle that touches the trim's edge is extended
through the bleed on that side, so trimming a few tenths of a millimetre off
the mark leaves no white sliver.
"""

from __future__ import annotations

from dataclasses import replace

from poster.content.model import Color
from poster.layout.document import Document, Item, Line, Rect, transformed
from poster.layout.geometry import Box, pt_to_mm

DEFAULT_BLEED_MM = 3.0
MAX_BLEED_MM = 25.0
# Crop marks start CROP_GAP_MM outside the bleed (so none of them shows on a
# sheet trimmed anywhere inside the bleed) and run CROP_LENGTH_MM outwards.
CROP_GAP_MM = 2.0
CROP_LENGTH_MM = 6.0
CROP_AREA_MM = CROP_GAP_MM + CROP_LENGTH_MM + 2.0  # the sheet ends 2 mm past the marks
CROP_WIDTH_MM = pt_to_mm(0.3)
TOUCH_MM = 0.01  # an edge this close to the trim's edge touches it

# Registration colour: ink on every plate, for crop marks only (400 % ink).
REGISTRATION = Color(0, 0, 0, cmyk=(1.0, 1.0, 1.0, 1.0))
# Paper: no ink at all.
PAPER = Color(255, 255, 255, cmyk=(0.0, 0.0, 0.0, 0.0))


def with_bleed(doc: Document, bleed_mm: float = DEFAULT_BLEED_MM, crop_marks: bool = False) -> Document:
    """`doc` on a sheet of trim + 2 x bleed (+ the crop-mark area), with Document.trim and .bleed set."""
    if not 0 <= bleed_mm <= MAX_BLEED_MM:
        raise ValueError(f"bleed must be between 0 and {MAX_BLEED_MM:g} mm, not {bleed_mm!r}")
    if doc.trim is not None:
        raise ValueError("the document is already on a print sheet (it has a trim box)")
    margin = bleed_mm + (CROP_AREA_MM if crop_marks else 0.0)
    trim = Box(margin, margin, doc.width_mm, doc.height_mm)
    bleed = trim.inset(-bleed_mm)
    items: list[Item] = []
    if crop_marks and _has_ink(doc.background):
        # the sheet outside the bleed stays paper; the background ends with the bleed
        items.append(Rect(bleed, fill=doc.background, role="print.background"))
    items += [_bleed_out(transformed(item, dx=margin, dy=margin), trim, bleed) for item in doc.items]
    if crop_marks:
        items += crop_mark_lines(trim, bleed_mm)
    return replace(
        doc,
        width_mm=doc.width_mm + 2 * margin,
        height_mm=doc.height_mm + 2 * margin,
        background=PAPER if crop_marks else doc.background,
        items=tuple(items),
        regions=tuple((name, box.moved(margin, margin)) for name, box in doc.regions),
        trim=trim,
        bleed=bleed,
    )


def _has_ink(color: Color) -> bool:
    return color.cmyk != (0.0, 0.0, 0.0, 0.0) and not (color.cmyk is None and color.hex == "#FFFFFF")


def _bleed_out(item: Item, trim: Box, bleed: Box) -> Item:
    """A filled rectangle that touches an edge of the trim, extended through the bleed on that side."""
    if not isinstance(item, Rect) or item.fill is None:
        return item
    b = item.box
    left = bleed.x if b.x <= trim.x + TOUCH_MM else b.x
    top = bleed.y if b.y <= trim.y + TOUCH_MM else b.y
    right = bleed.right if b.right >= trim.right - TOUCH_MM else b.right
    bottom = bleed.bottom if b.bottom >= trim.bottom - TOUCH_MM else b.bottom
    if (left, top, right, bottom) == (b.x, b.y, b.right, b.bottom):
        return item
    return replace(item, box=Box(left, top, right - left, bottom - top))


def crop_mark_lines(trim: Box, bleed_mm: float) -> list[Line]:
    """Two marks at each corner of the trim, on the trim's lines, outside the bleed, in registration colour."""
    start = bleed_mm + CROP_GAP_MM
    end = start + CROP_LENGTH_MM
    marks = []
    for x, sx in ((trim.x, -1), (trim.right, 1)):
        for y, sy in ((trim.y, -1), (trim.bottom, 1)):
            marks.append(Line(x + sx * start, y, x + sx * end, y, REGISTRATION, CROP_WIDTH_MM, role="print.cropmark"))
            marks.append(Line(x, y + sy * start, x, y + sy * end, REGISTRATION, CROP_WIDTH_MM, role="print.cropmark"))
    return marks
