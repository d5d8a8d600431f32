"""PDF renderer: exact page size, embedded subset TTFs only, metadata, reproducible bytes, logos."""

from __future__ import annotations

import io
import re
from dataclasses import replace
from decimal import Decimal

import pikepdf
import pytest
from fontTools.ttLib import TTFont
from test_render_samples import INFO, PRIMARY, WHITE, a0_doc, face, logo_png, sample_doc

from poster.layout.document import Document, Image, Rect
from poster.layout.geometry import Box, fit, mm_to_pt
from poster.render import RenderOptions, render

BASE14 = re.compile(r"Helvetica|Times|Courier|Symbol|ZapfDingbats", re.IGNORECASE)


def open_pdf(data: bytes) -> pikepdf.Pdf:
    return pikepdf.open(io.BytesIO(data))


@pytest.fixture(scope="module")
def sample_pdf() -> bytes:
    return render(sample_doc(), "pdf")


def fonts_of(pdf: pikepdf.Pdf) -> list[pikepdf.Dictionary]:
    return [obj for obj in pdf.objects if isinstance(obj, pikepdf.Dictionary) and obj.get("/Type") == "/Font"]


def test_a0_page_is_exactly_841_by_1189_mm():
    pdf = open_pdf(render(a0_doc(n_cells=15), "pdf"))
    assert len(pdf.pages) == 1
    box = [Decimal(str(v)) for v in pdf.pages[0].MediaBox]
    assert box == [0, 0, Decimal("2383.937"), Decimal("3370.394")]
    assert float(box[2]) == pytest.approx(mm_to_pt(841), abs=5e-4)
    assert float(box[3]) == pytest.approx(mm_to_pt(1189), abs=5e-4)


def test_small_page_size(sample_pdf):
    pdf = open_pdf(sample_pdf)
    box = [float(v) for v in pdf.pages[0].MediaBox]
    assert box == pytest.approx([0, 0, mm_to_pt(200), mm_to_pt(150)], abs=1e-4)
    assert "/TrimBox" not in pdf.pages[0].obj


def test_every_font_is_an_embedded_truetype_subset(sample_pdf):
    pdf = open_pdf(sample_pdf)
    fonts = fonts_of(pdf)
    names = sorted(str(f.BaseFont).split("+", 1)[1] for f in fonts)
    expected = sorted({t.face.pdf_name for t in sample_doc().texts()})
    assert names == expected  # all eight faces, nothing else
    for font in fonts:
        assert font.Subtype == "/TrueType"
        assert re.fullmatch(r"/[A-Z]{6}\+[A-Za-z0-9-]+", str(font.BaseFont)), font.BaseFont
        assert not BASE14.search(str(font.BaseFont))
        descriptor = font.FontDescriptor
        assert "/FontFile2" in descriptor
        assert len(descriptor.FontFile2.read_bytes()) < TTFont_size(font)  # a subset, not the whole file
    assert b"Helvetica" not in sample_pdf


def TTFont_size(font) -> int:
    name = str(font.BaseFont).split("+", 1)[1]
    f = next(t.face for t in sample_doc().texts() if t.face.pdf_name == name)
    return f.path.stat().st_size


def test_page_without_text_references_no_font():
    doc = Document(100, 100, WHITE, (Rect(Box(10, 10, 20, 20), fill=PRIMARY),), INFO)
    data = render(doc, "pdf")
    pdf = open_pdf(data)
    assert fonts_of(pdf) == []
    assert b"Helvetica" not in data and b" Tf" not in pdf.pages[0].Contents.read_bytes()


def test_text_uses_the_fonts_own_advances():
    """No kerning arrays, character or word spacing or scaling: the widths layout measured."""
    pdf = open_pdf(render(sample_doc(), "pdf"))
    ops = {str(op) for _, op in pikepdf.parse_content_stream(pdf.pages[0])}
    assert {"Tf", "Tj"} <= ops
    assert not ops & {"TJ", "Tc", "Tw", "Tz", "'", '"'}
    for font in fonts_of(pdf):
        name = str(font.BaseFont).split("+", 1)[1]
        f = next(t.face for t in sample_doc().texts() if t.face.pdf_name == name)
        with TTFont(f.path) as ttf:
            scale = 1000 / ttf["head"].unitsPerEm
            advance = ttf["hmtx"][ttf.getBestCmap()[ord("D")]][0] * scale
        # reportlab numbers the subset's glyphs from 0; "D" occurs in every sample line
        widths = [float(w) for w in font.Widths]
        assert any(abs(w - advance) < 0.5 for w in widths), (name, advance)


def test_metadata_and_language(sample_pdf):
    pdf = open_pdf(sample_pdf)
    info = pdf.docinfo
    assert str(info.Title) == INFO.title
    assert str(info.Author) == INFO.author
    assert str(info.Subject) == INFO.subject
    assert str(info.Keywords) == ", ".join(INFO.keywords)
    assert str(info.Creator).startswith("poster ")
    assert str(pdf.Root.Lang) == "nl-NL"


def test_hostile_metadata_round_trips_as_plain_strings():
    hostile = "a) (b \\ <script>alert(1)</script> ]]> é €"
    doc = replace(sample_doc(), info=replace(INFO, title=hostile, author=hostile, keywords=(hostile,)))
    pdf = open_pdf(render(doc, "pdf"))
    assert str(pdf.docinfo.Title) == str(pdf.docinfo.Author) == str(pdf.docinfo.Keywords) == hostile


def test_two_builds_are_byte_identical(sample_pdf):
    assert render(sample_doc(), "pdf") == sample_pdf
    assert str(open_pdf(sample_pdf).docinfo.CreationDate) == "D:20000101000000+00'00'"


def test_source_date_epoch_sets_the_dates_reproducibly(monkeypatch, sample_pdf):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")  # 2026-01-01T00:00:00Z
    first, second = render(sample_doc(), "pdf"), render(sample_doc(), "pdf")
    assert first == second != sample_pdf
    pdf = open_pdf(first)
    info = pdf.docinfo
    assert str(info.CreationDate) == str(info.ModDate) == "D:20260101000000+00'00'"


def test_trim_box_for_a_sheet_with_bleed():
    doc = replace(sample_doc(), width_mm=206, height_mm=156, trim=Box(3, 3, 200, 150))
    pdf = open_pdf(render(doc, "pdf"))
    page = pdf.pages[0].obj
    assert [float(v) for v in page.TrimBox] == pytest.approx(
        [mm_to_pt(3), mm_to_pt(3), mm_to_pt(203), mm_to_pt(153)], abs=1e-3
    )
    assert [float(v) for v in page.BleedBox] == pytest.approx([0, 0, mm_to_pt(206), mm_to_pt(156)], abs=1e-3)


def _images(data: bytes) -> list[tuple[int, int, bool]]:
    """(width px, height px, has a soft mask) of each image on the page."""
    pdf = open_pdf(data)
    xobjects = pdf.pages[0].Resources.XObject.values()
    return [(int(x.Width), int(x.Height), "/SMask" in x) for x in xobjects if x.Subtype == "/Image"]


def test_png_logo_is_drawn_at_its_own_resolution_with_alpha():
    doc = replace(sample_doc(), items=(Image(Box(10, 10, 60, 40), logo_png(), "image/png"),))
    # the transparent margin stays transparent (soft mask)
    assert _images(render(doc, "pdf")) == [(120, 60, True)]


def test_svg_logo_is_rasterised_at_300_ppi_for_its_printed_size():
    from test_render_samples import LOGO_SVG

    box = Box(10, 10, 80, 80)
    doc = replace(sample_doc(), items=(Image(box, LOGO_SVG, "image/svg+xml"),))
    ((width, height, _),) = _images(render(doc, "pdf"))
    printed = fit(box, 120 / 60)  # 80 x 40 mm
    assert width >= printed.w / 25.4 * 300
    assert height >= printed.h / 25.4 * 300 - 1
    ((hi_width, _, _),) = _images(render(doc, "pdf", RenderOptions(logo_ppi=600)))
    assert hi_width >= printed.w / 25.4 * 600


def test_fit_centres_the_largest_box_of_the_aspect():
    assert fit(Box(0, 0, 100, 20), 2.0) == Box(30, 0, 40, 20)
    assert fit(Box(0, 0, 40, 100), 2.0) == Box(0, 40, 40, 20)


def test_unknown_image_type_is_refused():
    doc = replace(sample_doc(), items=(Image(Box(10, 10, 20, 20), b"GIF89a", "image/gif"),))
    with pytest.raises(ValueError, match="image/gif"):
        render(doc, "pdf")


def test_text_in_every_face_is_drawn():
    """pdfium finds every line of text again, in order (real glyphs, not outlines or images)."""
    import pypdfium2 as pdfium

    doc = sample_doc()
    page = pdfium.PdfDocument(render(doc, "pdf"))[0]
    found = page.get_textpage().get_text_range()
    for t in doc.texts():
        assert t.text in found
    assert face("Lato", "bold").pdf_name  # the sample covers Lato as well as Fira Sans
