"""Logos that pass a header check but cannot be drawn: damaged PNG data, PNG bombs and damaged PNGs inside an SVG.

Each must end in a clear `Error: ...` naming the logo file (exit 1, no
traceback, nothing written), caught when the logo is loaded; what still fails
while drawing becomes an AssetError naming the file too.
"""

from __future__ import annotations

import base64
import io
import struct
import zlib

import pytest
from click.testing import CliRunner
from conftest import BASE, edit, write_files
from test_render_samples import LOGO_SVG, logo_png

from poster.assets import MAX_PIXELS, load_logo, sanitize_svg
from poster.cli import main
from poster.errors import AssetError

F = "roadmap.yaml"
SVG_OPEN = b'<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" viewBox="0 0 100 50">'


def chunk(kind: bytes, body: bytes) -> bytes:
    return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))


def broken_png() -> bytes:
    """A real PNG's signature and IHDR (valid, CRC right), then image data that is not deflate at all."""
    good = logo_png()
    return good[:33] + chunk(b"IDAT", b"\x78\x9c not deflate data at all") + chunk(b"IEND", b"")


def bomb_png(width: int, height: int) -> bytes:
    """A small PNG claiming width x height pixels (only a few rows of data follow)."""
    ihdr = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", ihdr)
        + chunk(b"IDAT", zlib.compress(b"\0" * (width * 3 + 1) * 4))
        + chunk(b"IEND", b"")
    )


def bilevel_png(width: int, height: int) -> bytes:
    """A complete 1-bit PNG, cheap at any size."""
    ihdr = struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0)
    idat = zlib.compress(b"\0" * ((width + 7) // 8 + 1) * height)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", idat) + chunk(b"IEND", b"")


def jpeg(width: int = 40, height: int = 20, comment: bytes = b"") -> bytes:
    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", (width, height), (31, 58, 95)).save(out, "JPEG", comment=comment)
    return out.getvalue()


def with_size(jpeg_bytes: bytes, width: int, height: int) -> bytes:
    """The JPEG with its SOF0 header claiming width x height (the data stays that of the small image)."""
    sof = jpeg_bytes.index(b"\xff\xc0")
    return jpeg_bytes[: sof + 5] + struct.pack(">HH", height, width) + jpeg_bytes[sof + 9 :]


def svg_embedding(*images: tuple[str, bytes], element: bytes = b"image") -> bytes:
    body = b"".join(
        b"<"
        + element
        + b" width='100' height='50' xlink:href='data:image/"
        + kind.encode()
        + b";base64,"
        + base64.b64encode(data)
        + b"'/>"
        for kind, data in images
    )
    return SVG_OPEN + body + b"</svg>"


def content_with_logo(folder, name: str, data: bytes):
    text = edit(BASE, "  as_of: 2026-03-15\n", f"  as_of: 2026-03-15\n  logo: assets/{name}\n")
    return write_files(folder, {F: text, f"assets/{name}": data})


@pytest.fixture
def build(tmp_path, monkeypatch):
    """build(name, data, formats) -> click Result, in tmp_path, writing to tmp_path/out."""
    monkeypatch.chdir(tmp_path)

    def run(name: str, data: bytes, formats: str = "svg,pdf,png"):
        content_with_logo(tmp_path / "c", name, data)
        return CliRunner().invoke(main, ["build", "c", "--format", formats, "--out", "out"], catch_exceptions=False)

    return run


def assert_clean_error(result, tmp_path, *needles: str) -> None:
    assert result.exit_code == 1, result.output
    assert result.stdout == ""
    last = result.stderr.strip().splitlines()[-1]
    assert last.startswith("Error: "), result.stderr
    for needle in needles:
        assert needle in last, last
    assert not (tmp_path / "out").exists() or not any((tmp_path / "out").iterdir())


# --- through the CLI -----------------------------------------------------------


@pytest.mark.parametrize("formats", ["svg,pdf,png", "slides", "print"])
def test_png_logo_with_broken_image_data(build, tmp_path, formats):
    result = build("logo.png", broken_png(), formats)
    assert_clean_error(
        result, tmp_path, "assets/logo.png: damaged PNG: its image data cannot be decoded", "export the logo again"
    )


@pytest.mark.parametrize("formats", ["svg,pdf,png", "slides"])
def test_png_bomb_inside_an_svg_logo(build, tmp_path, formats):
    result = build("logo.svg", svg_embedding(("png", bomb_png(40_000, 40_000))), formats)
    assert_clean_error(
        result,
        tmp_path,
        "assets/logo.svg: the PNG embedded in the SVG (data: image 1): the PNG claims 40000 x 40000 pixels",
        "scale it down",
    )


@pytest.mark.parametrize("formats", ["svg,pdf,png", "slides"])
def test_broken_png_inside_an_svg_logo(build, tmp_path, formats):
    result = build("logo.svg", svg_embedding(("png", broken_png())), formats)
    assert_clean_error(result, tmp_path, "assets/logo.svg: the PNG embedded in the SVG (data: image 1): damaged PNG")


def test_a_logo_that_fails_in_the_pdf_renderer_is_named(build, tmp_path, monkeypatch):
    from poster.render import pdf

    def fail(item, options):
        raise OSError("broken data stream when reading image file")

    monkeypatch.setattr(pdf, "_image_png", fail)
    result = build("logo.png", logo_png(), "pdf")
    assert_clean_error(
        result,
        tmp_path,
        "assets/logo.png: cannot draw the logo (OSError: broken data stream",
        "export it again as PNG or as plain SVG",
    )


def test_an_svg_logo_that_fails_in_cairo_is_named(build, tmp_path, monkeypatch):
    """Whatever still slips through the checks: cairo's MemoryError on an SVG logo (drawn for the PDF, whose page
    is the PNG) becomes an AssetError naming it."""
    from poster.render import rasterize

    monkeypatch.setenv("POSTER_CACHE_DIR", str(tmp_path / "cache"))  # not drawn before: cairo is asked
    real = rasterize.svg_to_png

    def cairo_fails_on_the_logo(svg, width_px, **kw):
        if b"data:image/png" in svg:
            raise MemoryError("cairo returned CAIRO_STATUS_NO_MEMORY")
        return real(svg, width_px, **kw)

    monkeypatch.setattr(rasterize, "svg_to_png", cairo_fails_on_the_logo)
    result = build("logo.svg", svg_embedding(("png", logo_png())), "svg,png")
    assert_clean_error(result, tmp_path, "assets/logo.svg: cannot draw the logo (MemoryError: ")


def test_a_png_failure_that_is_not_the_logo_stays_what_it_is(monkeypatch, tmp_path):
    from poster.content import load
    from poster.layout import layout_poster, load_layout
    from poster.render import png

    def pdfium_fails(pdf, width_px, height_px):
        raise RuntimeError("a bug elsewhere")

    roadmap = load(content_with_logo(tmp_path / "c", "logo.png", logo_png())).roadmap
    doc = layout_poster(roadmap, load_layout("a0-portrait"))
    monkeypatch.setattr(png, "picture", pdfium_fails)
    with pytest.raises(RuntimeError, match="a bug elsewhere"):
        png.render(doc)


def test_an_svg_logo_is_drawn_by_cairo_once_then_comes_from_the_cache(tmp_path, monkeypatch):
    """The PDF's SVG logo is cached (cairosvg costs a cold build 0.2 s); a damaged cache file is drawn again."""
    from poster import cache
    from poster.render import pdf, rasterize

    monkeypatch.setenv("POSTER_CACHE_DIR", str(tmp_path / "cache"))
    svg = svg_embedding(("png", logo_png()))
    drawn = []
    real = rasterize.svg_to_png

    def counting(svg, width_px, **kw):
        drawn.append(width_px)
        return real(svg, width_px, **kw)

    monkeypatch.setattr(rasterize, "svg_to_png", counting)
    first = pdf.logo_png(svg, 120)
    assert pdf.logo_png(svg, 120) == first and drawn == [120]
    assert pdf.logo_png(svg, 121) != first and drawn == [120, 121]  # the width is part of the name
    for file in (tmp_path / "cache").glob("logo-*.png"):
        file.write_bytes(file.read_bytes()[:-40] + b"x" * 40)  # damaged: its checksum no longer matches
    assert pdf.logo_png(svg, 120) == first and drawn == [120, 121, 120]
    assert cache.read(next((tmp_path / "cache").glob("logo-*.png")).name) is not None


# --- the checks themselves ------------------------------------------------------


def test_png_with_a_wrong_data_checksum_is_refused(tmp_path):
    data = bytearray(logo_png())
    idat = data.index(b"IDAT")
    data[idat + 6] ^= 0xFF  # inside the compressed data; the chunk's CRC no longer matches
    (tmp_path / "logo.png").write_bytes(bytes(data))
    with pytest.raises(AssetError, match=r"logo\.png: damaged PNG \(the checksum of its 'IDAT' chunk is wrong\)"):
        load_logo(tmp_path / "logo.png")


def test_png_cut_short_is_refused(tmp_path):
    (tmp_path / "logo.png").write_bytes(logo_png()[:-20])
    with pytest.raises(AssetError, match=r"logo\.png: damaged PNG \(the file ends"):
        load_logo(tmp_path / "logo.png")


def test_svg_logo_may_embed_a_good_png_and_jpeg(tmp_path):
    from poster.render.rasterize import svg_to_png

    svg = svg_embedding(("png", logo_png()), ("jpeg", jpeg()))
    (tmp_path / "logo.svg").write_bytes(svg)
    logo = load_logo(tmp_path / "logo.svg")
    assert logo.data.count(b"data:image/") == 2
    assert svg_to_png(logo.data, 50).startswith(b"\x89PNG")


def test_jpeg_bomb_inside_an_svg_is_refused_before_decoding():
    huge = with_size(jpeg(), 60_000, 60_000)
    with pytest.raises(
        AssetError,
        match=r"logo\.svg: the JPEG embedded in the SVG \(data: image 1\): "
        r"the JPEG claims 60000 x 60000 pixels",
    ):
        sanitize_svg(svg_embedding(("jpeg", huge)), "logo.svg")


def test_broken_jpeg_inside_an_svg_is_refused():
    data = jpeg(200, 100)
    with pytest.raises(AssetError, match=r"the JPEG embedded in the SVG \(data: image 1\): damaged JPEG"):
        sanitize_svg(svg_embedding(("jpeg", data[: len(data) // 2])), "logo.svg")


def test_jpeg_the_rasteriser_would_read_as_svg_is_refused():
    with pytest.raises(AssetError, match="holds the text '<svg'"):
        sanitize_svg(svg_embedding(("jpeg", jpeg(comment=b"<svg onload='x'>"))), "logo.svg")


def test_embedded_images_share_one_pixel_budget():
    side = int((MAX_PIXELS * 0.6) ** 0.5)
    big = bilevel_png(side, side)
    sanitize_svg(svg_embedding(("png", big)), "logo.svg")  # one is fine
    with pytest.raises(AssetError, match=r"logo\.svg: the images embedded in the SVG hold 60 megapixels together"):
        sanitize_svg(svg_embedding(("png", big), ("png", big)), "logo.svg")


def test_data_image_only_on_image_elements():
    """cairosvg reads a data: href on <use> (or a gradient) as an SVG document: it is dropped."""
    out = sanitize_svg(svg_embedding(("png", logo_png()), element=b"use"), "logo.svg")
    assert b"data:" not in out


def test_invalid_base64_is_refused():
    bad = SVG_OPEN + b"<image width='1' height='1' xlink:href='data:image/png;base64,iVBORw0KGgo'/></svg>"
    with pytest.raises(AssetError, match="is not valid base64"):
        sanitize_svg(bad, "logo.svg")


def test_the_example_logo_and_plain_svgs_are_unchanged():
    assert sanitize_svg(LOGO_SVG, "x") == sanitize_svg(sanitize_svg(LOGO_SVG, "x"), "x")
