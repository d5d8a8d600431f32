"""Slide deck: 16:9 pages, no text under 24 pt (read back from the PDF), every section, deterministic bytes."""

from __future__ import annotations

import ctypes
import io
import math

import pikepdf
import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c
import pytest
from conftest import BASE, edit, example_folder, write_files

from poster.build import BuildOptions, build_files
from poster.content import load_or_raise
from poster.layout.document import Image, Text
from poster.layout.geometry import Box
from poster.slides import layout_deck, slide_layout
from poster.slides.adjust import without_section_numbers

MIN_PT = 24.0


def tiny_png() -> bytes:
    from PIL import Image as PILImage

    out = io.BytesIO()
    PILImage.new("RGB", (8, 11), "white").save(out, "PNG")
    return out.getvalue()


@pytest.fixture(scope="module")
def example_roadmap():
    folder = example_folder()
    if folder is None:
        pytest.skip("content/meierijstad is missing")
    return load_or_raise(folder)[0]


@pytest.fixture(scope="module")
def deck(example_roadmap):
    build = build_files(example_roadmap, BuildOptions(formats=("slides",), stem="m"))
    return build, build.files["m-slides.pdf"]


def text_sizes_pt(page) -> list[tuple[float, str]]:
    """(size in pt on the page, text) of every text object: font size times the object's matrix scale."""
    out = []
    for obj in page.get_objects(filter=[pdfium_c.FPDF_PAGEOBJ_TEXT]):
        size = ctypes.c_float()
        pdfium_c.FPDFTextObj_GetFontSize(obj.raw, ctypes.byref(size))
        a, b, c, d, _, _ = obj.get_matrix().get()
        out.append((size.value * math.sqrt(abs(a * d - b * c)), _object_text(page, obj)))
    return out


def _object_text(page, obj) -> str:
    textpage = page.get_textpage()
    n = pdfium_c.FPDFTextObj_GetText(obj.raw, textpage.raw, None, 0)
    buffer = (ctypes.c_ushort * max(n, 1))()
    pdfium_c.FPDFTextObj_GetText(obj.raw, textpage.raw, buffer, n * 2)
    return bytes(buffer).decode("utf-16-le", errors="replace").rstrip("\x00")


def test_every_page_is_16_to_9(deck):
    _, data = deck
    with pikepdf.open(io.BytesIO(data)) as pdf:
        assert len(pdf.pages) >= 10
        for page in pdf.pages:
            x0, y0, x1, y1 = (float(v) for v in page.mediabox)
            assert (x1 - x0) / (y1 - y0) == pytest.approx(16 / 9, abs=1e-3)
            # 1920 x 1080 px at 96 px per inch: the page is the projector image (see layouts/slides/base.yaml)
            assert (x1 - x0, y1 - y0) == pytest.approx((1440.0, 810.0), abs=0.1)


def test_no_text_under_24_pt_at_1920x1080(deck):
    """On a 20 x 11.25 in page 1 pt is 1 pt at 1920 x 1080 (96 px per inch): 24 pt = 32 px on the projector."""
    _, data = deck
    pdf = pdfium.PdfDocument(data)
    smallest = []
    for index in range(len(pdf)):
        sizes = text_sizes_pt(pdf[index])
        assert sizes or index == 1, f"page {index + 1} has no text"
        small = [(round(s, 2), t) for s, t in sizes if s < MIN_PT - 0.01]
        assert not small, f"page {index + 1}: {small[:5]}"
        smallest.append(min(s for s, _ in sizes))
        # The same rule in pixels: the page shown 1920 px wide, a letter's em at least 32 px.
        px_per_pt = 1920 / pdf[index].get_width()
        assert min(s for s, _ in sizes) * px_per_pt >= 32 - 0.05
    assert min(smallest) == pytest.approx(MIN_PT, abs=0.01)  # the rule bites: the smallest text is at it


def test_fonts_are_embedded_and_nothing_else_is_referenced(deck):
    _, data = deck
    with pikepdf.open(io.BytesIO(data)) as pdf:
        for page in pdf.pages:
            for name, font in page.resources.get("/Font", {}).items():
                descriptor = font.get("/FontDescriptor") or font.DescendantFonts[0].FontDescriptor
                assert "/FontFile2" in descriptor, (name, font.BaseFont)


def test_the_deck_has_every_section_in_order(example_roadmap):
    slides = layout_deck(example_roadmap, tiny_png(), (841.0, 1189.0))
    keys = [s.key for s in slides]
    pillars = [f"plan:{p.id}" for p in example_roadmap.strategy.pillars]
    assert keys[:3] == ["title", "poster", "vision"]
    expected = ["baseline", "strategy", "milestones", *pillars, "results"]
    positions = [keys.index(k) for k in expected]
    assert positions == sorted(positions), keys
    titles = {s.key: [t.text for t in s.document.texts() if t.role == "section.title"] for s in slides}
    assert titles["plan:leiderschap"] == ["Stappenplan: Leiderschap & sturing"]
    assert titles["strategy"] == ["Strategische aanpak"]
    for s in slides:  # a slide is one section: no section numbers
        assert not [t for t in s.document.texts() if t.role == "section.number"], s.key


def test_each_pillar_slide_shows_its_own_steps_in_its_own_colour(example_roadmap):
    from poster.layout.context import make_palette

    slides = {s.key: s.document for s in layout_deck(example_roadmap, tiny_png(), (841.0, 1189.0))}
    palette = make_palette(example_roadmap)
    for pillar in example_roadmap.strategy.pillars:
        doc = slides[f"plan:{pillar.id}"]
        refs = {i.ref for i in doc.items if getattr(i, "role", "") == "plan.step.bar"}
        assert refs == {s.id for s in example_roadmap.steps_of(pillar)}
        fills = {i.fill for i in doc.items if getattr(i, "role", "") == "plan.lane.bar"}
        assert fills == {palette.pillar(pillar.id)}


def test_text_stays_inside_the_slide(example_roadmap):
    spec = slide_layout("base")
    page = Box(0, 0, spec.width_mm, spec.height_mm)
    for s in layout_deck(example_roadmap, tiny_png(), (841.0, 1189.0)):
        for t in s.document.texts():
            assert page.contains(t.bbox, tolerance=0.01), (s.key, t.text, t.bbox)


def test_the_poster_slide_shows_the_poster_as_a_picture(example_roadmap):
    png = tiny_png()
    poster = next(s for s in layout_deck(example_roadmap, png, (841.0, 1189.0)) if s.key == "poster").document
    images = [i for i in poster.items if isinstance(i, Image)]
    assert len(images) == 1 and images[0].data == png
    box = images[0].box
    assert box.w / box.h == pytest.approx(841 / 1189, rel=1e-6)
    assert box.h > poster.height_mm * 0.8  # as large as the slide allows


def test_every_step_title_shows_in_full_never_with_an_ellipsis(example_roadmap):
    """A title too long for one line beside its bar at 24 pt takes two lines; it is never cut short."""
    slides = layout_deck(example_roadmap, tiny_png(), (841.0, 1189.0))
    for step in example_roadmap.plan.steps:
        slide = next(s for s in slides if s.key == f"plan:{step.pillar.id}")
        lines = [t.text for t in slide.document.texts() if t.role == "plan.step.label" and t.ref == step.id]

        def letters(s: str) -> str:
            return s.replace("-", "").replace(" ", "")

        assert letters("".join(lines)) == letters(step.title), (step.id, lines)
    assert not any("\u2026" in t.text for s in slides for t in s.document.texts())
    assert (
        len(
            [
                t
                for s in slides
                for t in s.document.texts()
                if t.ref == "leiderschapsprogramma" and t.role == "plan.step.label"
            ]
        )
        == 2
    )  # on two lines on its slide


def test_deterministic_bytes(deck, example_roadmap):
    _, data = deck
    again = build_files(example_roadmap, BuildOptions(formats=("slides",), stem="m")).files["m-slides.pdf"]
    assert again == data


def test_an_english_roadmap_gives_english_slides(tmp_path):
    roadmap = load_or_raise(write_files(tmp_path / "c", {"roadmap.yaml": edit(BASE, "language: nl", "language: en")}))[
        0
    ]
    slides = layout_deck(roadmap, tiny_png(), (841.0, 1189.0))
    titles = [t.text for s in slides for t in s.document.texts() if t.role == "section.title"]
    assert "Roadmap: Techniek" in titles and "Strategic approach" in titles
    for s in slides:
        assert all(t.size_pt >= MIN_PT - 1e-6 for t in s.document.texts()), s.key


def test_minimal_content_gives_a_deck(tmp_path):
    from poster.resources import data_dir

    roadmap = load_or_raise(data_dir("content") / "minimal")[0]
    keys = [s.key for s in layout_deck(roadmap, tiny_png(), (841.0, 1189.0))]
    assert keys[:2] == ["title", "poster"] and "strategy" in keys


def test_without_section_numbers_moves_the_title_into_place():
    from poster.content.model import Color
    from poster.fonts import family
    from poster.layout.document import Document, DocumentInfo

    face = family("Fira Sans").face("semibold")
    black = Color(0, 0, 0)
    number = Text(10, 20, "3", face, 40, black, 8, 10, 3, role="section.number")
    title = Text(22, 20, "Visie", face, 40, black, 30, 10, 3, role="section.title")
    doc = Document(100, 50, Color(255, 255, 255), (number, title), DocumentInfo("t", "a", "s", (), "nl-NL"))
    out = without_section_numbers(doc)
    assert [(t.text, t.x) for t in out.texts()] == [("Visie", 10)]


def test_title_slide_sets_the_quote_under_the_header_and_centres_both(example_roadmap):
    from poster.slides.adjust import extent

    title = layout_deck(example_roadmap, tiny_png(), (841.0, 1189.0))[0].document
    roles = {t.role for t in title.texts()}
    assert {"header.title", "header.organisation", "quote.text"} <= roles
    y0, y1 = extent(title)
    spec = slide_layout("title")
    top, bottom = spec.margin_top, spec.height_mm - spec.margin_bottom
    assert (y0 - top) == pytest.approx(bottom - y1, abs=0.01)
    from dataclasses import replace as copy_with

    from poster.slides.deck import TITLE_QUOTE_GAP_MM

    header = extent(copy_with(title, items=tuple(i for i in title.items if i.role.startswith("header."))))
    quote = extent(copy_with(title, items=tuple(i for i in title.items if i.role.startswith("quote."))))
    assert quote[0] - header[1] == pytest.approx(TITLE_QUOTE_GAP_MM, abs=0.01)
