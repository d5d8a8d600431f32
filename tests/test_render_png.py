"""PNG renderer: opaque at the requested width, the PDF's page, deterministic; cairosvg (the SVG check) sees poster's fonts only.

The PNG is the PDF rasterised by PDFium (poster.render.png); cairosvg draws
only SVG logos for the PDF, and the SVG for the tests' cross-check
(test_render_cross.svg_picture) - the fontconfig tests here are about that.
"""

from __future__ import annotations

import io
import os
import struct
import subprocess
import sys
import textwrap
from dataclasses import replace

import pytest
from PIL import Image as PILImage
from PIL import ImageChops, ImageStat
from test_render_samples import a0_doc, face, sample_doc, text

from poster.content.model import Color
from poster.fonts import fonts_dir
from poster.layout.document import Text
from poster.render import RenderOptions, render
from poster.render.png import height_px

SMALL = RenderOptions(png_width_px=400)


def ihdr(data: bytes) -> tuple[int, int, int, int]:
    """(width, height, bit depth, colour type) from the PNG header."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and data[12:16] == b"IHDR"
    width, height, depth, colour = struct.unpack(">IIBB", data[16:26])
    return width, height, depth, colour


def opaque(data: bytes) -> bool:
    """RGB (colour type 2) or a palette (3) without a tRNS chunk: no transparency anywhere."""
    return ihdr(data)[3] in (2, 3) and b"tRNS" not in data


def test_opaque_at_the_requested_width():
    data = render(sample_doc(), "png", SMALL)
    assert ihdr(data)[:3] == (400, 300, 8)
    assert opaque(data)
    assert PILImage.open(io.BytesIO(data)).mode in ("RGB", "P")


def test_default_width_is_2000_px_and_a0_keeps_its_aspect_ratio():
    doc = a0_doc(n_cells=15)
    data = render(doc, "png")
    width, height, _, _ = ihdr(data)
    assert (width, height) == (2000, 2828)  # 2000 * 1189 / 841 = 2827.6
    assert opaque(data)
    assert height_px(doc, 2000) == 2828


def test_the_png_is_the_pdfs_page():
    """Pixel for pixel what PDFium draws of the PDF: the preview shows what prints, fonts included."""
    import pypdfium2 as pdfium

    doc = sample_doc()
    png = PILImage.open(io.BytesIO(render(doc, "png", SMALL))).convert("RGB")
    page = pdfium.PdfDocument(render(doc, "pdf"))[0]
    scale = (400 - 0.01) / page.get_size()[0]  # 400 x 300 px: pypdfium2 rounds the size up (300.00001 -> 301)
    pdf = page.render(scale=scale, rev_byteorder=True).to_pil().convert("RGB")
    assert pdf.size == png.size == (400, 300)
    diff = ImageChops.difference(png, pdf)
    assert max(ImageStat.Stat(diff).mean) < 1.0  # palette rounding of edge pixels only


def test_background_reaches_every_edge_pixel():
    """The rounded-up last row is background too (cairosvg clips its own background to the viewport)."""
    beige = Color(0xF4, 0xEF, 0xE6)
    doc = replace(a0_doc(n_cells=15), background=beige, items=())
    img = PILImage.open(io.BytesIO(render(doc, "png", RenderOptions(png_width_px=841)))).convert("RGB")
    w, h = img.size
    assert h == 1189
    for xy in [(0, 0), (w - 1, 0), (0, h - 1), (w - 1, h - 1), (w // 2, h - 1)]:
        assert img.getpixel(xy) == (0xF4, 0xEF, 0xE6), xy


def test_deterministic_bytes():
    assert render(sample_doc(), "png", SMALL) == render(sample_doc(), "png", SMALL)


def svg_png(doc, width_px: int = 400) -> bytes:
    """The SVG of `doc` drawn by cairosvg, as the tests' cross-check and an SVG logo are."""
    from poster.render.rasterize import svg_to_png

    fonts = sorted({item.face.path for item in doc.items if isinstance(item, Text)})
    return svg_to_png(render(doc, "svg"), width_px, background=doc.background, font_files=fonts)


def test_only_poster_fonts_are_visible_to_cairo():
    from poster.render.rasterize import loaded_font_files

    svg_png(sample_doc())
    files = loaded_font_files()
    assert files, "fontconfig lists no fonts at all"
    root = fonts_dir().resolve()
    assert all(f.is_relative_to(root) for f in files), files


@pytest.mark.parametrize("draw", [svg_png, lambda doc: render(doc, "png", SMALL)], ids=["svg-cairosvg", "png"])
def test_regular_is_not_drawn_in_medium(draw):
    """cairo asks for "normal" as weight medium; fonts.conf maps it back to regular. The PNG embeds the PDF's faces."""

    def ink(weight: str) -> int:
        doc = replace(sample_doc(), items=(text(5, 20, "Datagedreven werken", face("Fira Sans", weight), 30),))
        gray = PILImage.open(io.BytesIO(draw(doc))).convert("L")
        return sum((255 - value) * count for value, count in enumerate(gray.histogram()))

    regular, semibold, bold = ink("regular"), ink("semibold"), ink("bold")
    assert regular < 0.9 * semibold < 0.9 * bold


def _run(code: str, **env) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-c", textwrap.dedent(code)],
        capture_output=True,
        text=True,
        env={**os.environ, **env},
        cwd=os.path.dirname(__file__),
    )


def test_isolated_even_when_cairosvg_was_imported_first():
    """fontconfig loads its configuration on first use, not on import: importing cairosvg early is fine."""
    result = _run(
        """
        import cairosvg, cairocffi  # before poster sets FONTCONFIG_FILE
        from poster.render.rasterize import loaded_font_files
        from poster.fonts import fonts_dir
        from test_render_samples import sample_doc
        from test_render_png import svg_png
        svg_png(sample_doc(), 200)
        assert all(f.is_relative_to(fonts_dir().resolve()) for f in loaded_font_files()), loaded_font_files()
        """,
        FONTCONFIG_FILE="/etc/fonts/fonts.conf",  # a user setting poster must override
    )
    assert result.returncode == 0, result.stderr


def test_refuses_to_draw_when_fontconfig_already_holds_system_fonts():
    """Text drawn with cairo before poster loaded the system fonts: poster refuses rather than fall back."""
    if not os.path.exists("/etc/fonts/fonts.conf"):
        pytest.skip("no system fontconfig configuration to load")
    result = _run(
        """
        import os
        os.environ["FONTCONFIG_FILE"] = "/etc/fonts/fonts.conf"
        import cairosvg
        cairosvg.svg2png(bytestring=b'<svg xmlns="http://www.w3.org/2000/svg" width="9" height="9"><text y="8">x</text></svg>')
        from poster.render.rasterize import loaded_font_files
        from poster.fonts import fonts_dir
        if all(f.is_relative_to(fonts_dir().resolve()) for f in loaded_font_files()):
            raise SystemExit(77)  # this machine has no system fonts: nothing to test
        from poster.errors import PosterError
        from test_render_samples import sample_doc
        from test_render_png import svg_png
        try:
            svg_png(sample_doc(), 200)
        except PosterError as exc:
            assert "fresh process" in str(exc), exc
        else:
            raise AssertionError("rendered with system fonts visible")
        """
    )
    if result.returncode == 77:
        pytest.skip("no system fonts installed")
    assert result.returncode == 0, result.stderr


def test_user_font_file_is_found_by_cairo_and_matches_the_pdf(tmp_path):
    """A TTF from the content folder (here Lato Bold renamed) is drawn with that file in both backends."""
    from fontTools.ttLib import TTFont

    with TTFont(face("Lato", "bold").path) as font:
        for record in font["name"].names:
            if record.nameID in (1, 4, 16):
                record.string = "Poster Test Sans"
            elif record.nameID == 6:
                record.string = "PosterTestSans"
        font.save(tmp_path / "PosterTest.ttf")
    result = _run(
        f"""
        from dataclasses import replace
        from pathlib import Path
        from poster.fonts import family_from_file
        from poster.render.rasterize import loaded_font_files
        from test_render_samples import sample_doc, text
        import test_render_cross as cross
        user = family_from_file(Path({str(tmp_path / "PosterTest.ttf")!r})).face("regular")
        assert user.svg_family == "Poster Test Sans", user
        doc = replace(sample_doc(), items=(text(10, 40, "Datagedreven werken", user, 40),))
        png = cross.svg_picture(doc)
        mask = cross.disagreement(cross.pdf_picture(doc, png.size), png)
        assert cross.count(mask) <= cross.ALLOWED, (cross.count(mask), mask.getbbox())
        assert Path({str(tmp_path / "PosterTest.ttf")!r}).resolve() in loaded_font_files()
        """
    )
    assert result.returncode == 0, result.stderr
