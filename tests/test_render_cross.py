"""Cross-backend: the PDF (rasterised by pdfium) and the SVG (rasterised by cairosvg) agree to within 1 px.

The PNG is the PDF's page (poster.render.png), so this is the check that the
SVG draws what the PDF draws, in a real SVG renderer with poster's fonts.

Both are drawn at 8 px/mm. A pixel of one picture "agrees" when some pixel of
the other within 1 px of it has a luminance within THRESHOLD; anti-aliasing
differs between the two rasterisers only along edges, and a 1 px neighbourhood
absorbs it (measured on the sample: 15 disagreeing pixels at threshold 100, none
at 140). A text moved by 2 px or a missing line disagrees over hundreds of pixels.
"""

from __future__ import annotations

import io
from dataclasses import replace

import pytest
from PIL import Image as PILImage
from PIL import ImageChops
from test_render_samples import sample_doc

from poster.layout.document import Line, Text
from poster.render import render

WIDTH_PX = 1600  # 8 px per mm on the 200 mm sample
THRESHOLD = 100  # luminance difference (of 255) that counts as disagreement
ALLOWED = 60  # disagreeing pixels tolerated over the whole page (measured: 15)


def svg_picture(doc, width_px: int = WIDTH_PX) -> PILImage.Image:
    """The SVG renderer's output rasterised by cairosvg (poster's fonts only), as greyscale."""
    from poster.render.rasterize import svg_to_png

    fonts = sorted({item.face.path for item in doc.items if isinstance(item, Text)})
    png = svg_to_png(render(doc, "svg"), width_px, background=doc.background, font_files=fonts)
    return PILImage.open(io.BytesIO(png)).convert("L")


def pdf_picture(doc, size: tuple[int, int]) -> PILImage.Image:
    import pypdfium2 as pdfium

    page = pdfium.PdfDocument(render(doc, "pdf"))[0]
    img = page.render(scale=WIDTH_PX / page.get_size()[0]).to_pil().convert("L")
    return img.crop((0, 0, *size))  # pdfium rounds the height up (750.0 -> 751)


def disagreement(
    a: PILImage.Image, b: PILImage.Image, tolerance_px: int = 1, threshold: int = THRESHOLD
) -> PILImage.Image:
    """A mask of the pixels where a and b differ by more than `threshold` even allowing a shift of tolerance_px."""

    def one_way(x, y):
        best = None
        for dx in range(-tolerance_px, tolerance_px + 1):
            for dy in range(-tolerance_px, tolerance_px + 1):
                diff = ImageChops.difference(x, ImageChops.offset(y, dx, dy))
                best = diff if best is None else ImageChops.darker(best, diff)
        return best.point(lambda v: 255 if v > threshold else 0)

    return ImageChops.lighter(one_way(a, b), one_way(b, a))


def count(mask: PILImage.Image) -> int:
    return mask.histogram()[255]


@pytest.fixture(scope="module")
def png_sample() -> PILImage.Image:
    return svg_picture(sample_doc())


def test_pdf_and_png_agree_within_one_pixel(png_sample):
    pdf = pdf_picture(sample_doc(), png_sample.size)
    assert pdf.size == png_sample.size == (1600, 1200)
    mask = disagreement(pdf, png_sample)
    assert count(mask) <= ALLOWED, f"{count(mask)} pixels disagree, around {mask.getbbox()} (px at 8 px/mm)"


def _moved_text(doc, dx_px: float = 0, dy_px: float = 0):
    items = list(doc.items)
    i = next(i for i, item in enumerate(items) if isinstance(item, Text))
    mm = 200 / WIDTH_PX
    items[i] = replace(items[i], x=items[i].x + dx_px * mm, y=items[i].y + dy_px * mm)
    return replace(doc, items=tuple(items))


def _without_a_line(doc):
    i = next(i for i, item in enumerate(doc.items) if isinstance(item, Line))
    return replace(doc, items=doc.items[:i] + doc.items[i + 1 :])


@pytest.mark.parametrize(
    "change",
    [
        pytest.param(lambda d: _moved_text(d, dx_px=2), id="text-2px-right"),
        pytest.param(lambda d: _moved_text(d, dy_px=2), id="text-2px-down"),
        pytest.param(_without_a_line, id="line-missing"),
    ],
)
def test_comparison_catches_a_moved_text_or_missing_line(png_sample, change):
    pdf = pdf_picture(change(sample_doc()), png_sample.size)
    assert count(disagreement(pdf, png_sample)) > 5 * ALLOWED
