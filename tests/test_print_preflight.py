"""Preflight: each check finds what it should, names the element and the fix, and the example passes clean."""

from __future__ import annotations

import io
from dataclasses import replace
from datetime import date

import pytest
from conftest import BASE, edit, write_files
from print_helpers import open_pdf
from test_render_samples import INFO, PRIMARY, WHITE, logo_png, sample_doc, text

from poster.content import load
from poster.content.model import Color
from poster.errors import Severity
from poster.layout import layout_poster, load_layout
from poster.layout.bleed import with_bleed
from poster.layout.document import Document, Image, Line, Rect
from poster.layout.geometry import Box
from poster.print import preflight as pf
from poster.print.produce import PrintOptions, print_pdf
from poster.render import RenderOptions, render

GREY = Color(0xAA, 0xAA, 0xAA)


def sheet(w: float, h: float, *items, bleed: float = 3) -> Document:
    return with_bleed(Document(w, h, WHITE, tuple(items), INFO), bleed)


def checks(findings, severity=None) -> list[str]:
    return [f.check for f in findings if severity is None or f.severity is severity]


# -- text size -------------------------------------------------------------------


def test_too_small_text_for_the_page_size():
    a0 = sheet(
        841,
        1189,
        text(100, 100, "Kwartaal 1", size_pt=10, role="plan.axis"),
        text(100, 200, "Kwartaal 2", size_pt=10, role="plan.axis"),
        text(100, 300, "Titel", size_pt=40, role="header.title"),
    )
    (finding,) = pf.text_sizes(a0)
    assert finding.severity is Severity.ERROR
    assert finding.element == 'plan.axis "Kwartaal 1" and 1 more like it'
    assert "10.0 pt, below the 14 pt readable on A0" in finding.message
    assert "type_scale" in finding.fix
    # the same 10 pt is fine on A2 (8 pt) but 6.5 pt is not on A3 (7 pt)
    assert pf.text_sizes(sheet(420, 594, text(50, 50, "K1", size_pt=10))) == []
    assert checks(pf.text_sizes(sheet(297, 420, text(50, 50, "K1", size_pt=6.5)))) == ["text-size"]
    assert pf.text_sizes(sheet(420, 297, text(50, 50, "K1", size_pt=7))) == []


# -- contrast --------------------------------------------------------------------


@pytest.fixture(scope="module")
def pale_theme(tmp_path_factory):
    """The small test roadmap with a light grey text colour and a pale primary."""
    content = edit(BASE, 'colors: {primary: "#1F3A5F",', 'colors: {primary: "#C9D3DD", text: "#AAAAAA",')
    folder = write_files(tmp_path_factory.mktemp("pale") / "c", {"roadmap.yaml": content})
    roadmap = load(folder, today=date(2026, 11, 27)).roadmap
    assert roadmap is not None
    return roadmap


def test_a_low_contrast_theme_is_caught(pale_theme):
    doc = layout_poster(pale_theme, load_layout("a0-portrait"))
    result = print_pdf(doc, pale_theme, PrintOptions(cmyk=True))
    text_findings = [f for f in result.findings if f.check == "contrast" and f.is_error]
    assert text_findings, [f.format() for f in result.findings]
    grey = next(f for f in text_findings if "theme.colors.text" in f.message)
    # every text on the A0 poster is large-scale (>= 18 pt): WCAG asks 3:1 of it, and the fix reaches that
    assert "#AAAAAA" in grey.message and "below the 3:1 WCAG asks for large text" in grey.message
    assert grey.fix.startswith("darken theme.colors.text (e.g. to #")
    suggested = Color.from_hex(grey.fix.split("to ")[1][:7])
    assert 3.0 <= suggested.contrast(WHITE) < 3.3
    graphics = [f for f in result.findings if f.check == "contrast" and not f.is_error]
    assert any(f.element == "theme.colors.primary" and "3.0:1" in f.message for f in graphics)


def test_large_text_needs_3_to_1_and_other_text_4_5_to_1():
    """WCAG's large-scale text: at least 18 pt, or 14 pt bold, needs 3:1; smaller text 4.5:1."""
    from poster.fonts import family

    fira = family("Fira Sans")
    grey = Color(0x8A, 0x8A, 0x8A)  # 3.45:1 on white
    cases = [
        (text(50, 100, "Groot", size_pt=18, color=grey), True),
        (text(50, 200, "Klein", size_pt=17.5, color=grey), False),
        (text(50, 300, "Vet", fira.face("bold"), size_pt=14, color=grey), True),
        (text(50, 400, "Halfvet", fira.face("semibold"), size_pt=14, color=grey), False),
        (text(50, 500, "Vet klein", fira.face("bold"), size_pt=13, color=grey), False),
    ]
    for item, passes in cases:
        findings = pf.text_contrast(sheet(297, 420, item), pf._ColorNames(None))
        assert (findings == []) is passes, (item.text, [f.format() for f in findings])
        if not passes:
            assert "below the 4.5:1 WCAG asks for text" in findings[0].message
    paler = text(50, 100, "Groot", size_pt=24, color=Color(0x99, 0x99, 0x99))  # 2.85:1
    (finding,) = pf.text_contrast(sheet(297, 420, paler), pf._ColorNames(None))
    assert "below the 3:1 WCAG asks for large text" in finding.message


def test_text_is_checked_against_what_it_stands_on():
    bar = Rect(Box(10, 10, 100, 20), fill=Color(0x60, 0x9F, 0xD0), role="plan.step.bar", ref="s1")
    label = text(12, 24, "Stap 1", size_pt=24, color=WHITE, role="plan.step.label", ref="s1")
    doc = sheet(841, 1189, bar, label)
    (finding,) = pf.text_contrast(doc, pf._ColorNames(None))
    assert finding.element == 'plan.step.label[s1] "Stap 1"'
    assert "on #609FD0" in finding.message
    # the same label on a dark bar passes
    dark = replace(bar, fill=PRIMARY)
    assert pf.text_contrast(sheet(841, 1189, dark, label), pf._ColorNames(None)) == []


# -- images ------------------------------------------------------------------------


def test_a_72_ppi_logo_is_caught():
    logo = Image(Box(100, 100, 42.3, 21.15), logo_png(120, 60), "image/png", role="header.logo")
    (finding,) = pf.image_resolution(sheet(841, 1189, logo))
    assert finding.severity is Severity.ERROR and finding.element == "header.logo (meta.logo)"
    assert "120 x 60 px printed at 42 x 21 mm is 72 ppi" in finding.message
    assert "a PNG of at least 500 x 250 px" in finding.fix and "SVG" in finding.fix


def test_a_300_ppi_logo_and_an_svg_logo_pass():
    from test_render_samples import LOGO_SVG

    sharp = Image(Box(100, 100, 42.3, 21.15), logo_png(500, 250), "image/png", role="header.logo")
    vector = Image(Box(100, 200, 400, 200), LOGO_SVG, "image/svg+xml", role="header.logo")
    assert pf.image_resolution(sheet(841, 1189, sharp, vector)) == []


# -- lines ----------------------------------------------------------------------------


def test_hairlines_are_caught():
    thin = Line(10, 10, 200, 10, PRIMARY, 0.05, role="baseline.separator")
    frame = Rect(Box(10, 20, 50, 50), stroke=PRIMARY, stroke_mm=0.06, role="card.frame")
    fine = Line(10, 30, 200, 30, PRIMARY, 0.1, role="plan.guide")  # 0.28 pt
    found = pf.hairlines(sheet(841, 1189, thin, frame, fine))
    assert [f.element for f in found] == ["baseline.separator", "card.frame"]
    assert "0.14 pt wide, under the 0.25 pt" in found[0].message
    assert "0.09 mm" in found[0].fix


# -- safe zone ----------------------------------------------------------------------------


def test_safe_zone():
    near = text(2, 100, "Te dicht bij de rand", size_pt=24, role="footer.meta")
    band = Rect(Box(0, 0, 297, 20), fill=PRIMARY, role="header.band")  # runs into the bleed: fine
    strip = Rect(Box(3, 200, 100, 5), fill=PRIMARY, role="plan.lane.track")  # 3 mm from the edge, not in the bleed
    inside = text(20, 150, "Binnen", size_pt=24)
    found = pf.safe_zone(sheet(297, 420, near, band, strip, inside), 5)
    assert [(f.severity, f.element) for f in found] == [
        (Severity.ERROR, 'footer.meta "Te dicht bij de rand"'),
        (Severity.WARNING, "plan.lane.track"),
    ]
    assert "2.0 mm from the left edge" in found[0].message and "margins" in found[0].fix
    assert "run" in found[1].fix or "extend" in found[1].fix
    assert pf.safe_zone(sheet(297, 420, near), 1.5) == []


# -- PDF: fonts, boxes, colour ----------------------------------------------------------------


def test_an_unembedded_font_is_caught():
    import pikepdf
    from reportlab.pdfgen.canvas import Canvas

    out = io.BytesIO()
    canvas = Canvas(out, invariant=1)
    canvas.drawString(100, 100, "Helvetica is never embedded")
    canvas.save()
    with pikepdf.open(io.BytesIO(out.getvalue())) as pdf:
        (finding,) = pf.fonts(pdf)
    assert finding.element == "font Helvetica" and "not embedded" in finding.message
    assert finding.severity is Severity.ERROR


def test_our_pdf_embeds_every_font():
    with open_pdf(render(with_bleed(sample_doc()), "pdf", RenderOptions(cmyk=True))) as pdf:
        assert pf.fonts(pdf) == [] and pf.boxes(pdf) == [] and pf.colours(pdf, cmyk=True) == []


def test_a_pdf_without_boxes_is_caught():
    with open_pdf(render(sample_doc(), "pdf")) as pdf:
        (finding,) = pf.boxes(pdf)
    assert "has no /TrimBox or /BleedBox" in finding.message


def test_rgb_and_transparency_are_errors_in_cmyk_mode():
    with open_pdf(render(sample_doc(), "pdf")) as pdf:  # the screen PDF: RGB, PNG logo with a soft mask
        found = pf.colours(pdf, cmyk=True)
        assert sorted(checks(found, Severity.ERROR)) == ["colour", "colour", "transparency"]
        (warning,) = pf.colours(pdf, cmyk=False)
    assert warning.severity is Severity.WARNING and "--cmyk" in warning.fix


# -- the example ------------------------------------------------------------------------------


def test_the_example_passes_clean_in_cmyk(example):
    roadmap = load(example).roadmap
    doc = layout_poster(roadmap, load_layout("a0-portrait"))
    result = print_pdf(doc, roadmap, PrintOptions(cmyk=True, crop_marks=True))
    assert result.findings == [], [f.format() for f in result.findings]
    rgb = print_pdf(doc, roadmap, PrintOptions())
    assert [f.check for f in rgb.findings] == ["colour"] and not rgb.errors


def test_findings_format_like_compiler_diagnostics():
    f = pf.Finding(Severity.ERROR, "hairline", "baseline.separator", "line 0.14 pt wide", "make it thicker")
    assert f.format() == "error: baseline.separator: line 0.14 pt wide; make it thicker"
