"""PNG previews: one file per width plus a thumbnail, pHYs on every PNG, palette only where faithful."""

from __future__ import annotations

import io
import random

import pytest
from conftest import example_folder
from PIL import Image, ImageChops, ImageStat
from test_render_samples import sample_doc

from poster.build import BuildOptions, build_files
from poster.content import load_or_raise
from poster.render import RenderOptions, render
from poster.render.previews import FAITHFUL_MEAN_ERROR, compact, pixels_per_metre, resolution, with_resolution

MB = 1024 * 1024


@pytest.fixture(scope="module")
def example_previews():
    folder = example_folder()
    if folder is None:
        pytest.skip("content/meierijstad is missing")
    roadmap, _ = load_or_raise(folder)
    build = build_files(roadmap, BuildOptions(formats=("png",), png_widths=(800, 1600), stem="m"))
    return build


def open_png(data: bytes) -> Image.Image:
    img = Image.open(io.BytesIO(data))
    img.load()
    return img


def test_every_png_carries_its_resolution():
    doc = sample_doc()
    png = render(doc, "png", RenderOptions(png_width_px=400))
    ppm = pixels_per_metre(doc, 400)
    assert resolution(png) == ppm == round(400 / doc.width_mm * 1000)
    dpi = open_png(png).info["dpi"]
    assert dpi[0] == pytest.approx(400 / (doc.width_mm / 25.4), rel=1e-3)


def test_with_resolution_replaces_a_pHYs_and_keeps_the_pixels():
    png = render(sample_doc(), "png", RenderOptions(png_width_px=300))
    again = with_resolution(with_resolution(png, 1234), 5678)
    assert resolution(again) == 5678
    assert again.count(b"pHYs") == 1
    assert open_png(again).tobytes() == open_png(png).tobytes()


def test_several_widths_give_one_preview_each_and_a_thumbnail(example_previews):
    files = example_previews.files
    assert sorted(files) == ["m-1600.png", "m-800.png", "m-thumb.png"]
    doc = example_previews.document
    for name, width in (("m-800.png", 800), ("m-1600.png", 1600), ("m-thumb.png", 400)):
        img = open_png(files[name])
        assert img.size == (width, round(width * doc.height_mm / doc.width_mm)), name
        assert resolution(files[name]) == pixels_per_metre(doc, width), name


def test_the_1600_px_preview_is_small_and_faithful(example_previews):
    """Under 1.5 MB (the issue's bar; ~190 kB measured), and a palette that does not change the picture."""
    data = example_previews.files["m-1600.png"]
    assert len(data) < 1.5 * MB
    preview = open_png(data)
    assert preview.mode == "P"
    from poster.render.png import height_px, picture

    doc = example_previews.document
    rgb = picture(render(doc, "pdf"), 1600, height_px(doc, 1600))  # the page before it was encoded
    diff = ImageChops.difference(rgb, preview.convert("RGB"))
    assert max(ImageStat.Stat(diff).mean) <= FAITHFUL_MEAN_ERROR  # 0.9 measured (octree, main colours exact)
    # The main colours (white page, card surface, theme blue) are exact, not approximated.
    used = {c for _, c in preview.convert("RGB").getcolors(1 << 24)}
    assert {(255, 255, 255), (0xEE, 0xF2, 0xF6), (0x1F, 0x3A, 0x5F)} <= used


def test_thumbnail_is_drawn_large_and_reduced(example_previews):
    """Area-averaged from 4x: the thumbnail's text is grey anti-aliasing, and it stays small."""
    thumb = example_previews.files["m-thumb.png"]
    assert len(thumb) < 100_000
    assert len(open_png(thumb).convert("RGB").getcolors(1 << 24)) > 200


def test_previews_are_deterministic(example_previews):
    doc = example_previews.document
    from poster.render.previews import preview_files

    again = preview_files(doc, (800,), "m")
    assert again["m-800.png"] == example_previews.files["m-800.png"]
    assert again["m-thumb.png"] == example_previews.files["m-thumb.png"]


def test_a_palette_that_would_change_the_picture_is_refused():
    """Noise has no main colours: a 256-colour palette would be visibly off, so the RGB file stays."""
    rng = random.Random(6)
    img = Image.frombytes("RGB", (160, 120), bytes(rng.randrange(256) for _ in range(160 * 120 * 3)))
    out = io.BytesIO()
    img.save(out, "PNG")
    png = with_resolution(out.getvalue(), 2000)
    assert compact(png) == png


def test_few_colours_become_an_exact_palette():
    img = Image.new("RGB", (200, 100), (255, 255, 255))
    img.paste((31, 58, 95), (20, 20, 120, 60))
    img.paste((184, 70, 27), (130, 30, 190, 90))
    out = io.BytesIO()
    img.save(out, "PNG", compress_level=0)
    small = compact(with_resolution(out.getvalue(), 3000))
    assert open_png(small).mode == "P"
    assert open_png(small).convert("RGB").tobytes() == img.tobytes()
    assert resolution(small) == 3000
