"""Reference images: what the renderers draw, compared with a stored picture under a perceptual tolerance.

The layout snapshot (test_layout.py) holds every box and colour the layout
decides; these pictures hold what the renderers make of them - a renderer that
draws the done bars grey, or loses a fill, fails here. Four small pictures
(600 px wide): the example's SVG (rasterised by cairosvg, poster's fonts only),
a dense and a sparse generated roadmap through the PNG renderer (the PDF's page
by pdfium, then the palette encoder), and one slide's PDF page (pdfium).

The tolerance: both pictures are blurred by one pixel (anti-aliasing and
sub-pixel text placement stop mattering), converted to CIE L*a*b*, and a pixel
differs when its L*, a* or b* moves by more than DELTA_E; a picture fails when
more than MAX_SHARE of its pixels differ. A colour change of a bar, a tint or
a text block is thousands of pixels; font rasteriser noise is a few dozen.

After a DELIBERATE change to how the poster looks (a layout, a palette, a
renderer), refresh them, LOOK at the new pictures, and commit them:

    UPDATE_REFERENCES=1 .venv/bin/python -m pytest tests/test_reference_images.py
"""

from __future__ import annotations

import io
import os
from collections.abc import Callable
from pathlib import Path

import pypdfium2 as pdfium
import pytest
from PIL import Image, ImageChops, ImageCms, ImageFilter
from roadmaps import roadmap

from poster.content import load
from poster.layout import layout_poster, load_layout
from poster.layout.document import Document, Text
from poster.render import RenderOptions, render
from poster.resources import example_content
from poster.slides import layout_deck

REFERENCES = Path(__file__).parent / "references"
WIDTH_PX = 600
DELTA_E = 10  # a pixel differs when L*, a* or b* moves by more than this (about twice a just-visible step)
MAX_SHARE = 0.001  # the picture fails when more than 0.1 % of its pixels differ
REFRESH = "UPDATE_REFERENCES=1 .venv/bin/python -m pytest tests/test_reference_images.py"

_TO_LAB = ImageCms.buildTransform(ImageCms.createProfile("sRGB"), ImageCms.createProfile("LAB"), "RGB", "LAB")


def through_svg_renderer(doc: Document) -> Image.Image:
    from poster.render.rasterize import svg_to_png

    fonts = sorted({item.face.path for item in doc.items if isinstance(item, Text)})
    png = svg_to_png(render(doc, "svg"), WIDTH_PX, background=doc.background, font_files=fonts)
    return Image.open(io.BytesIO(png)).convert("RGB")


def through_png_renderer(doc: Document) -> Image.Image:
    return Image.open(io.BytesIO(render(doc, "png", RenderOptions(png_width_px=WIDTH_PX)))).convert("RGB")


def through_pdf_renderer(doc: Document) -> Image.Image:
    page = pdfium.PdfDocument(render(doc, "pdf"))[0]
    return page.render(scale=WIDTH_PX / page.get_width()).to_pil().convert("RGB")


def example() -> Document:
    result = load(example_content())
    assert result.roadmap is not None, [d.format() for d in result.diagnostics]
    return layout_poster(result.roadmap, load_layout("a0-portrait"))


def first_plan_slide() -> Document:
    result = load(example_content())
    assert result.roadmap is not None
    blank = io.BytesIO()
    Image.new("RGB", (8, 11), "white").save(blank, "PNG")
    slides = layout_deck(result.roadmap, blank.getvalue(), (841.0, 1189.0))
    return next(s.document for s in slides if s.key.startswith("plan:"))


# name -> how to make the picture. The generated roadmaps are deterministic (tests/roadmaps.py).
CASES: dict[str, Callable[[], Image.Image]] = {
    "example-a0-portrait": lambda: through_svg_renderer(example()),
    "dense-a0-portrait": lambda: through_png_renderer(
        layout_poster(roadmap(steps=18, years=3, pillars=4, full=True), load_layout("a0-portrait"))
    ),
    "sparse-a0-portrait": lambda: through_png_renderer(
        layout_poster(roadmap(steps=8, years=2, pillars=2, full=False, seed=1), load_layout("a0-portrait"))
    ),
    "slide-plan": lambda: through_pdf_renderer(first_plan_slide()),
}


def difference(a: Image.Image, b: Image.Image) -> Image.Image:
    """Per pixel, the largest of |dL*|, |da*|, |db*| after a one-pixel blur (mode L, 0-255)."""
    lab_a, lab_b = (ImageCms.applyTransform(im.filter(ImageFilter.BoxBlur(1)), _TO_LAB) for im in (a, b))
    assert lab_a is not None and lab_b is not None
    dl, da, db = ImageChops.difference(lab_a, lab_b).split()
    dl = dl.point(lambda v: round(v * 100 / 255))  # Pillow stores L* 0-100 as 0-255; a* and b* are 1:1
    return ImageChops.lighter(ImageChops.lighter(dl, da), db)


def differing_pixels(a: Image.Image, b: Image.Image) -> int:
    return sum(difference(a, b).histogram()[DELTA_E + 1 :])


@pytest.mark.slow
@pytest.mark.parametrize("name", sorted(CASES))
def test_rendering_matches_the_reference_image(name, tmp_path):
    got = CASES[name]()
    path = REFERENCES / f"{name}.png"
    if os.environ.get("UPDATE_REFERENCES") == "1":
        REFERENCES.mkdir(exist_ok=True)
        got.save(path, optimize=True)
        return
    if not path.exists():
        pytest.fail(f"{path} is missing: create it (then look at it) with\n    {REFRESH}")
    want = Image.open(path).convert("RGB")
    kept = tmp_path / f"{name}.png"
    got.save(kept)
    assert got.size == want.size, f"{name}: {got.size} px, the reference is {want.size}; saw {kept}; refresh: {REFRESH}"
    count = differing_pixels(got, want)
    allowed = int(MAX_SHARE * got.width * got.height)
    if count > allowed:
        marked = difference(got, want).point(lambda v: 255 if v > DELTA_E else 0)
        diff_path = tmp_path / f"{name}-diff.png"
        Image.composite(Image.new("RGB", got.size, "red"), got, marked).save(diff_path)
        pytest.fail(
            f"{name}: {count} pixels differ from {path.name} by more than {DELTA_E} (at most {allowed} may).\n"
            f"New picture: {kept}\nDifferences in red: {diff_path}\n"
            f"If the change is deliberate, refresh the references, look at them and commit them:\n    {REFRESH}"
        )


def test_the_tolerance_sees_a_colour_change_and_not_a_blur():
    """The comparison itself: a bar recoloured is seen; the same picture a pixel blurrier is not."""
    base = Image.new("RGB", (300, 200), "white")
    base.paste((11, 122, 117), (40, 60, 200, 80))  # a pillar-coloured bar, 160 x 20 px
    grey = base.copy()
    grey.paste((140, 140, 140), (40, 60, 200, 80))
    assert differing_pixels(base, grey) > MAX_SHARE * 300 * 200
    assert differing_pixels(base, base.filter(ImageFilter.BoxBlur(0.5))) == 0
