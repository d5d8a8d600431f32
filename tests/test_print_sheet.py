"""Print sheet: bleed and crop marks in layout, and the PDF boxes read back to 0.01 pt for every size."""

from __future__ import annotations

from dataclasses import replace

import pytest
from print_helpers import box, open_pdf
from test_render_samples import INFO, PRIMARY, WHITE, sample_doc, text

from poster.content.model import Color
from poster.layout.bleed import CROP_AREA_MM, CROP_GAP_MM, CROP_WIDTH_MM, REGISTRATION, with_bleed
from poster.layout.document import Circle, Document, Image, Line, Path, Rect, Text
from poster.layout.geometry import Box, mm_to_pt
from poster.layout.spec import PAGE_SIZES
from poster.render import RenderOptions, render

NAVY = Color(0x1F, 0x3A, 0x5F)
SIZES = [(name, orientation) for name in ("A0", "A1", "A2", "A3") for orientation in ("portrait", "landscape")]


def page(name: str, orientation: str, background: Color = WHITE) -> Document:
    """A page of an A size: a band across the top edge, a card inside, one line of text."""
    w, h = PAGE_SIZES[name]
    if orientation == "landscape":
        w, h = h, w
    items = (
        Rect(Box(0, 0, w, 30), fill=PRIMARY, role="header.band"),
        Rect(Box(20, 40, w - 40, 50), fill=NAVY, role="card"),
        text(25, 60, "Routekaart", size_pt=24, role="header.title"),
    )
    return Document(w, h, background, items, INFO)


def pdf_box_mm(b: Box, sheet_h: float) -> list[float]:
    """A layout box (mm, y down) as a PDF box (pt, y up)."""
    return [mm_to_pt(v) for v in (b.x, sheet_h - b.bottom, b.right, sheet_h - b.y)]


@pytest.mark.parametrize("name,orientation", SIZES)
@pytest.mark.parametrize("bleed,marks", [(0.0, False), (3.0, False), (3.0, True), (5.0, True)])
def test_boxes_of_every_size(name, orientation, bleed, marks):
    doc = page(name, orientation)
    sheet = with_bleed(doc, bleed, marks)
    pdf = open_pdf(render(sheet, "pdf", RenderOptions(cmyk=True)))
    pg = pdf.pages[0]
    margin = bleed + (CROP_AREA_MM if marks else 0.0)
    # the page is trim + bleed (+ the crop-mark area) on every side
    assert box(pg, "/MediaBox") == pytest.approx(
        [0, 0, mm_to_pt(doc.width_mm + 2 * margin), mm_to_pt(doc.height_mm + 2 * margin)], abs=0.01
    )
    trim = [mm_to_pt(v) for v in (margin, margin, margin + doc.width_mm, margin + doc.height_mm)]
    bleed_box = [
        mm_to_pt(v)
        for v in (margin - bleed, margin - bleed, margin + doc.width_mm + bleed, margin + doc.height_mm + bleed)
    ]
    assert box(pg, "/TrimBox") == pytest.approx(trim, abs=0.01)
    assert box(pg, "/BleedBox") == pytest.approx(bleed_box, abs=0.01)
    # the trim is exactly the poster's size
    t = box(pg, "/TrimBox")
    assert t[2] - t[0] == pytest.approx(mm_to_pt(doc.width_mm), abs=0.01)
    assert t[3] - t[1] == pytest.approx(mm_to_pt(doc.height_mm), abs=0.01)
    media, b = box(pg, "/MediaBox"), box(pg, "/BleedBox")
    assert media[0] <= b[0] <= t[0] and media[1] <= b[1] <= t[1]
    assert t[2] <= b[2] <= media[2] and t[3] <= b[3] <= media[3]


def test_without_crop_marks_the_sheet_is_the_bleed_box():
    sheet = with_bleed(page("A0", "portrait"), 3)
    assert (sheet.width_mm, sheet.height_mm) == (847, 1195)
    assert sheet.bleed == Box(0, 0, 847, 1195) and sheet.trim == Box(3, 3, 841, 1189)


def test_everything_moves_by_the_offset_nothing_scales():
    doc = sample_doc()
    sheet = with_bleed(doc, 3, crop_marks=True)
    d = 3 + CROP_AREA_MM
    moved = [i for i in sheet.items if not i.role.startswith("print.")]
    assert len(moved) == len(doc.items)
    for before, after in zip(doc.items, moved):
        if isinstance(before, Text):
            assert (after.x, after.y, after.size_pt, after.width_mm) == (
                before.x + d,
                before.y + d,
                before.size_pt,
                before.width_mm,
            )
        elif isinstance(before, (Rect, Image)):
            assert after.box == before.box.moved(d, d)
        elif isinstance(before, Line):
            assert (after.x1, after.y2, after.width_mm) == (before.x1 + d, before.y2 + d, before.width_mm)
        elif isinstance(before, Circle):
            assert (after.cx, after.cy, after.r) == (before.cx + d, before.cy + d, before.r)
        elif isinstance(before, Path):
            assert after.commands[0][1:] == tuple(v + d for v in before.commands[0][1:])


def test_a_background_touching_the_trim_runs_into_the_bleed():
    sheet = with_bleed(page("A3", "portrait"), 3, crop_marks=True)
    band = next(i for i in sheet.items if i.role == "header.band")
    card = next(i for i in sheet.items if i.role == "card")
    trim, bleed = sheet.trim, sheet.bleed
    # the band touched the top, left and right edges: it now reaches the bleed edge there, not the bottom
    assert (band.box.x, band.box.y, band.box.right) == (bleed.x, bleed.y, bleed.right)
    assert band.box.bottom == pytest.approx(trim.y + 30)
    assert card.box == Box(20, 40, trim.w - 40, 50).moved(trim.x, trim.y)  # inside: untouched


def test_page_background_fills_the_bleed_and_not_the_mark_area():
    dark = Color(0x1F, 0x3A, 0x5F)
    sheet = with_bleed(page("A2", "landscape", background=dark), 3, crop_marks=True)
    assert sheet.background.cmyk == (0, 0, 0, 0)  # paper outside the bleed
    first = sheet.items[0]
    assert first.role == "print.background" and first.box == sheet.bleed and first.fill == dark
    # without crop marks the sheet is the bleed box: the page colour fills it all
    assert with_bleed(page("A2", "landscape", background=dark), 3).background == dark


def test_crop_marks_lie_outside_the_bleed_on_the_trim_lines_in_registration():
    sheet = with_bleed(page("A1", "portrait"), 3, crop_marks=True)
    marks = [i for i in sheet.items if i.role == "print.cropmark"]
    assert len(marks) == 8
    trim, bleed = sheet.trim, sheet.bleed
    for m in marks:
        assert m.color == REGISTRATION and m.color.cmyk == (1, 1, 1, 1)
        assert m.width_mm == pytest.approx(CROP_WIDTH_MM)
        ext = Box(min(m.x1, m.x2), min(m.y1, m.y2), abs(m.x2 - m.x1), abs(m.y2 - m.y1))
        assert not ext.intersects(bleed.inset(-(CROP_GAP_MM - 0.01)))  # butt caps: the mark ends where it says
        assert Box(0, 0, sheet.width_mm, sheet.height_mm).contains(ext)
        on_x = m.x1 == m.x2 and m.x1 in (trim.x, trim.right)
        on_y = m.y1 == m.y2 and m.y1 in (trim.y, trim.bottom)
        assert on_x or on_y


def test_crop_marks_are_drawn_in_all_four_inks():
    import pikepdf

    sheet = with_bleed(page("A3", "portrait"), 3, crop_marks=True)
    pdf = open_pdf(render(sheet, "pdf", RenderOptions(cmyk=True)))
    strokes = [
        [float(v) for v in operands] for operands, op in pikepdf.parse_content_stream(pdf.pages[0]) if str(op) == "K"
    ]
    assert [1.0, 1.0, 1.0, 1.0] in strokes


def test_bleed_is_refused_outside_its_range_and_twice():
    with pytest.raises(ValueError, match="between 0 and 25"):
        with_bleed(page("A3", "portrait"), 30)
    with pytest.raises(ValueError, match="already"):
        with_bleed(with_bleed(page("A3", "portrait")), 3)


def test_regions_move_with_the_items():
    doc = replace(page("A3", "portrait"), regions=(("header", Box(0, 0, 297, 30)),))
    sheet = with_bleed(doc, 3)
    assert sheet.region("header") == Box(3, 3, 297, 30)
