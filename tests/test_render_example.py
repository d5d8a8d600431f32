"""The bundled example end to end: byte-identical builds, PDF and SVG agree, every font embedded, readable contrast."""

from __future__ import annotations

import io

import pikepdf
import pytest
from click.testing import CliRunner
from test_render_cross import count, disagreement, svg_picture

from poster.cli import main
from poster.content import load
from poster.layout import layout_poster, load_layout
from poster.layout.document import Rect, Text
from poster.render import render
from poster.resources import example_content

# The PNG's default width. (At 3-4 px/mm pdfium snaps the edges of one rectangle a pixel outwards
# where cairo anti-aliases them: 1-2 px rows along a single bar, a rasteriser's grid fitting, not a
# misplaced shape; at this size the two agree to the pixel.)
WIDTH_PX = 2000


@pytest.fixture(scope="module")
def poster_doc():
    return layout_poster(load(example_content()).roadmap, load_layout("a0-portrait"))


def test_two_builds_are_byte_identical(tmp_path, monkeypatch):
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    outputs = []
    for run in ("a", "b"):
        result = CliRunner().invoke(main, ["build", "--format", "svg,pdf", "--out", str(tmp_path / run)])
        assert result.exit_code == 0, result.output
        outputs.append({p.name: p.read_bytes() for p in (tmp_path / run).iterdir()})
    assert outputs[0] == outputs[1] and set(outputs[0]) == {"meierijstad.svg", "meierijstad.pdf"}


def test_pdf_and_svg_of_the_poster_agree(poster_doc):
    """The SVG (cairosvg) and the PDF (pdfium; the PNG is its page) draw the same poster."""
    import pypdfium2 as pdfium

    png = svg_picture(poster_doc, WIDTH_PX)
    page = pdfium.PdfDocument(render(poster_doc, "pdf"))[0]
    pdf = page.render(scale=WIDTH_PX / page.get_size()[0]).to_pil().convert("L").crop((0, 0, *png.size))
    mask = disagreement(pdf, png)
    assert count(mask) <= 20, f"{count(mask)} pixels disagree around {mask.getbbox()} at {WIDTH_PX} px"


def test_the_comparison_sees_one_moved_step_label(poster_doc):
    """The same check fails when one step label is 1 mm (2.4 px) off in the PDF."""
    import dataclasses

    import pypdfium2 as pdfium

    png = svg_picture(poster_doc, WIDTH_PX)
    items = list(poster_doc.items)
    i = next(i for i, it in enumerate(items) if isinstance(it, Text) and it.role == "plan.step.label")
    items[i] = dataclasses.replace(items[i], x=items[i].x + 1.0)
    moved = dataclasses.replace(poster_doc, items=tuple(items))
    page = pdfium.PdfDocument(render(moved, "pdf"))[0]
    pdf = page.render(scale=WIDTH_PX / page.get_size()[0]).to_pil().convert("L").crop((0, 0, *png.size))
    assert count(disagreement(pdf, png)) > 200


def test_the_pdf_embeds_every_font_it_uses(poster_doc):
    pdf = pikepdf.open(io.BytesIO(render(poster_doc, "pdf")))
    fonts = [f for page in pdf.pages for f in page.Resources.Font.values()]
    assert fonts
    for font in fonts:
        descendant = font.DescendantFonts[0] if "/DescendantFonts" in font else font
        assert "/FontFile2" in descendant.FontDescriptor, font.BaseFont
        assert "+" in str(font.BaseFont)  # subset tag: ABCDEF+FiraSans-Regular


def _background(doc, text: Text):
    """The fill under a text line: the last filled rectangle drawn before it that holds it, else the page."""
    under = doc.background
    for item in doc.items:
        if item is text:
            break
        if isinstance(item, Rect) and item.fill is not None and item.box.contains(text.bbox, 0.5):
            under = item.fill
    return under


def test_every_text_meets_wcag_contrast(poster_doc):
    """4.5:1 for every line of text against what it stands on (the default theme and the example's)."""
    low = []
    for text in poster_doc.texts():
        ratio = text.color.contrast(_background(poster_doc, text))
        if ratio < 4.5:
            low.append(f"{text.role}[{text.ref}] {text.text!r}: {ratio:.2f}")
    assert low == []


def test_the_default_theme_meets_wcag_contrast():
    """content/minimal has no theme: the defaults give 4.5:1 text and 3:1 marks against the page."""
    from datetime import date

    from poster.resources import data_dir

    roadmap = load(data_dir("content") / "minimal", today=date(2026, 6, 1)).roadmap
    doc = layout_poster(roadmap, load_layout("a0-portrait"))
    low = [f"{t.role} {t.text!r}" for t in doc.texts() if t.color.contrast(_background(doc, t)) < 4.5]
    assert low == []
    from poster.layout.context import make_palette

    palette = make_palette(roadmap)
    marks = [palette.primary, palette.accent, *(c for _, c in palette.pillars)]
    assert all(c.contrast(palette.background) >= 3.0 for c in marks)


def test_default_pillar_colours_can_colour_text():
    from poster.content.model import Color
    from poster.layout.context import DEFAULT_PILLAR_COLORS

    white = Color(255, 255, 255)
    assert all(c.contrast(white) >= 4.5 for c in DEFAULT_PILLAR_COLORS)
