"""CMYK output: the colour rule, a PDF without RGB operators or transparency, logos converted onto their backdrop."""

from __future__ import annotations

import io
from dataclasses import replace

import pikepdf
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from print_helpers import cmyk_profile, colour_operators, open_pdf
from test_render_samples import LOGO_SVG, logo_png, sample_doc, text

from poster.content.colors import parse_color
from poster.content.model import Color
from poster.layout.document import Image, Rect
from poster.layout.geometry import Box
from poster.render import RenderOptions, render
from poster.render.cmyk import image_to_cmyk, rgb_to_cmyk, to_cmyk


def test_greys_are_k_only():
    for v in (0, 0x1A, 0x80, 0xC8, 0xFF):
        c, m, y, k = to_cmyk(Color(v, v, v))
        assert (c, m, y) == (0, 0, 0)
        assert k == pytest.approx(1 - v / 255, abs=0.0006)


def test_the_rule_on_the_house_blue():
    # #1F3A5F: K = 1 - 0x5F/255; C = (0x5F - 0x1F) / 0x5F; M = (0x5F - 0x3A) / 0x5F; Y = 0
    assert to_cmyk(Color(0x1F, 0x3A, 0x5F)) == (0.674, 0.389, 0.0, 0.627)


def test_a_theme_cmyk_colour_is_printed_as_given():
    rich = parse_color("cmyk(20, 60, 100, 10)")  # four inks: the rule would never make this from RGB
    assert to_cmyk(rich) == (0.2, 0.6, 1.0, 0.1)
    assert rgb_to_cmyk(*rich.rgb01) != to_cmyk(rich)


@settings(max_examples=60, deadline=None)
@given(st.integers(0, 255), st.integers(0, 255), st.integers(0, 255))
def test_rule_inverts_the_content_formats_cmyk_preview(r, g, b):
    """CMYK by the rule, shown again by the content format's cmyk() -> sRGB rule, is the same colour."""
    c, m, y, k = rgb_to_cmyk(r / 255, g / 255, b / 255)
    assert min(c, m, y) == 0 and c + m + y + k <= 3.0  # one of C, M, Y is always 0: total ink <= 300 %
    back = parse_color(f"cmyk({c * 100}, {m * 100}, {y * 100}, {k * 100})")
    assert abs(back.r - r) <= 1 and abs(back.g - g) <= 1 and abs(back.b - b) <= 1


@pytest.fixture(scope="module")
def cmyk_pdf() -> bytes:
    return render(sample_doc(), "pdf", RenderOptions(cmyk=True))


def test_cmyk_content_has_no_rgb_operator(cmyk_pdf):
    ops = colour_operators(open_pdf(cmyk_pdf))
    assert ops <= {"k", "K"} and {"k", "K"} <= ops
    assert "rg" in colour_operators(open_pdf(render(sample_doc(), "pdf")))  # the screen PDF stays RGB


def test_cmyk_images_are_devicecmyk_without_transparency(cmyk_pdf):
    pdf = open_pdf(cmyk_pdf)
    images = [x for x in pdf.pages[0].Resources.XObject.values() if x.Subtype == "/Image"]
    assert len(images) == 2  # the PNG and the rasterised SVG logo
    for image in images:
        assert image.ColorSpace == "/DeviceCMYK"
        assert "/SMask" not in image and "/Mask" not in image
    assert "/ExtGState" not in pdf.pages[0].Resources
    assert "/Group" not in pdf.pages[0].obj


def test_text_and_theme_cmyk_reach_the_content_stream():
    accent = parse_color("cmyk(0, 60, 100, 0)")
    doc = replace(
        sample_doc(), items=(text(10, 20, "Accent", color=accent), text(10, 40, "Grijs", color=Color(0x1A, 0x1A, 0x1A)))
    )
    pdf = open_pdf(render(doc, "pdf", RenderOptions(cmyk=True)))
    fills = [
        [round(float(v), 3) for v in operands]
        for operands, op in pikepdf.parse_content_stream(pdf.pages[0])
        if str(op) == "k"
    ]
    assert [0.0, 0.6, 1.0, 0.0] in fills
    assert [0.0, 0.0, 0.0, 0.898] in fills


def _image_pixels(data: bytes):
    from PIL import Image as PILImage

    pdf = open_pdf(data)
    (xobject,) = [x for x in pdf.pages[0].Resources.XObject.values() if x.Subtype == "/Image"]
    return PILImage.frombytes("CMYK", (int(xobject.Width), int(xobject.Height)), xobject.read_bytes())


def test_a_logo_is_flattened_onto_the_colour_it_stands_on():
    navy = Color(0x1F, 0x3A, 0x5F)
    logo = Image(Box(20, 20, 60, 30), logo_png(), "image/png", role="header.logo")
    on_navy = replace(sample_doc(), items=(Rect(Box(10, 10, 100, 60), fill=navy), logo))
    on_white = replace(sample_doc(), items=(logo,))
    corner_navy = _image_pixels(render(on_navy, "pdf", RenderOptions(cmyk=True))).getpixel((0, 0))
    corner_white = _image_pixels(render(on_white, "pdf", RenderOptions(cmyk=True))).getpixel((0, 0))
    assert corner_navy == tuple(round(v * 255) for v in to_cmyk(navy))
    assert corner_white == (0, 0, 0, 0)


def test_image_conversion_follows_the_vector_rule():
    from PIL import Image as PILImage

    colours = [(0x1F, 0x3A, 0x5F), (0xB8, 0x46, 0x1B), (0x80, 0x80, 0x80), (0, 0, 0), (255, 255, 255)]
    img = PILImage.new("RGB", (len(colours), 1))
    for i, c in enumerate(colours):
        img.putpixel((i, 0), c)
    out = io.BytesIO()
    img.save(out, "PNG")
    cmyk = image_to_cmyk(out.getvalue(), Color(255, 255, 255))
    for i, c in enumerate(colours):
        expected = tuple(v * 255 for v in rgb_to_cmyk(*(v / 255 for v in c)))
        assert cmyk.getpixel((i, 0)) == pytest.approx(expected, abs=1)


def test_svg_logo_converts_too():
    doc = replace(sample_doc(), items=(Image(Box(10, 10, 60, 30), LOGO_SVG, "image/svg+xml"),))
    assert _image_pixels(render(doc, "pdf", RenderOptions(cmyk=True))).mode == "CMYK"


# -- with the print shop's output profile (--output-intent): Little CMS through Pillow's ImageCms ------------------


def _through_lcms(rgb: tuple[int, int, int], profile: bytes, intent) -> tuple[int, ...]:
    from PIL import Image as PILImage
    from PIL import ImageCms

    transform = ImageCms.buildTransform(
        ImageCms.createProfile("sRGB"),
        ImageCms.ImageCmsProfile(io.BytesIO(profile)),
        "RGB",
        "CMYK",
        intent,
        ImageCms.Flags.BLACKPOINTCOMPENSATION,
    )
    return ImageCms.applyTransform(PILImage.new("RGB", (1, 1), rgb), transform).getpixel((0, 0))


def test_with_a_profile_a_colour_is_converted_by_little_cms():
    from PIL import ImageCms

    profile = cmyk_profile()
    navy = Color(0x1F, 0x3A, 0x5F)
    want = tuple(
        round(v / 255, 3) for v in _through_lcms((0x1F, 0x3A, 0x5F), profile, ImageCms.Intent.RELATIVE_COLORIMETRIC)
    )
    assert to_cmyk(navy, profile) == want
    assert to_cmyk(navy, profile) != to_cmyk(navy)  # not the naive rule


def test_with_a_profile_greys_stay_k_only_and_theme_cmyk_stays_as_given():
    profile = cmyk_profile()
    for v in (0, 0x1A, 0x80, 0xFF):
        assert to_cmyk(Color(v, v, v), profile) == to_cmyk(Color(v, v, v))
        assert to_cmyk(Color(v, v, v), profile)[:3] == (0, 0, 0)
    rich = parse_color("cmyk(20, 60, 100, 10)")
    assert to_cmyk(rich, profile) == (0.2, 0.6, 1.0, 0.1)


def test_with_a_profile_a_logo_is_converted_perceptually():
    from PIL import Image as PILImage
    from PIL import ImageCms

    profile = cmyk_profile()
    img = PILImage.new("RGB", (2, 1), (0xB8, 0x46, 0x1B))
    out = io.BytesIO()
    img.save(out, "PNG")
    converted = image_to_cmyk(out.getvalue(), Color(255, 255, 255), profile)
    assert converted.mode == "CMYK"
    assert converted.getpixel((0, 0)) == _through_lcms((0xB8, 0x46, 0x1B), profile, ImageCms.Intent.PERCEPTUAL)


def test_the_print_pdf_with_an_output_intent_is_colour_managed(tmp_path):
    from poster.print.produce import PrintOptions, print_pdf

    path = tmp_path / "press.icc"
    path.write_bytes(cmyk_profile())
    orange = Color(0xB8, 0x46, 0x1B)
    doc = replace(sample_doc(), items=(Rect(Box(10, 10, 100, 60), fill=orange),))
    pdf = open_pdf(print_pdf(doc, None, PrintOptions(output_intent=path)).pdf)
    fills = [
        tuple(round(float(v), 3) for v in operands)
        for operands, op in pikepdf.parse_content_stream(pdf.pages[0])
        if str(op) == "k"
    ]
    assert to_cmyk(orange, path.read_bytes()) in fills
    assert to_cmyk(orange) not in fills
