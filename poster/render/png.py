"""Render stage, PNG: the PDF renderer's page rasterised by PDFium (pypdfium2), opaque RGB at a chosen width.

The picture is the PDF's: the same embedded fonts, the same logo, so the
preview shows exactly what prints. PDFium renders the example's 2000 px PNG in
about 0.05 s in-process and imports in a few milliseconds; cairosvg needed
0.2 s to import (cairocffi parses cairo's C header on every start) and 0.4 s
to draw (measured on the 2-core reference machine). The SVG is still checked
against a real renderer (cairosvg) in the tests: tests/test_render_cross.py.

Every PNG file poster writes is encoded by one rule, `poster.render.previews.encode_png`.
"""

from __future__ import annotations

import ctypes

from poster.layout.document import Document
from poster.render import RenderOptions
from poster.render.previews import encode_png, pixels_per_metre


def render(doc: Document, options: RenderOptions = RenderOptions()) -> bytes:
    """An opaque RGB PNG `options.png_width_px` wide, height_px(doc, width) high, with pHYs."""
    from poster.render import pdf

    return from_pdf(pdf.render(doc), doc, options.png_width_px)


def from_pdf(pdf: bytes, doc: Document, width_px: int) -> bytes:
    """The PNG of `pdf`, the PDF renderer's output for `doc` (a build that made the PDF already passes it)."""
    return encode_png(picture(pdf, width_px, height_px(doc, width_px)), pixels_per_metre(doc, width_px))


def picture(pdf: bytes, width_px: int, height_px: int):
    """The first page of `pdf` as a PIL RGB image of exactly width_px x height_px (the page stretched to fill it)."""
    import pypdfium2 as pdfium
    import pypdfium2.raw as pdfium_c
    from PIL import Image

    stride = 3 * width_px
    pixels = bytearray(stride * height_px)  # ours: the image stays valid once PDFium's objects are closed
    document = pdfium.PdfDocument(pdf)
    try:
        page = document[0]
        bitmap = pdfium.PdfBitmap.new_native(
            width_px,
            height_px,
            pdfium_c.FPDFBitmap_BGR,
            rev_byteorder=True,
            buffer=(ctypes.c_ubyte * len(pixels)).from_buffer(pixels),
            stride=stride,
        )
        bitmap.fill_rect((255, 255, 255, 255), 0, 0, width_px, height_px)
        # The page (its background included) scaled to the whole bitmap: the
        # height was rounded from the aspect ratio, so the two scales differ by
        # less than half a pixel over the page. No annotations, no forms.
        pdfium_c.FPDF_RenderPageBitmap(bitmap, page, 0, 0, width_px, height_px, 0, pdfium_c.FPDF_REVERSE_BYTE_ORDER)
        bitmap.close()
        page.close()
    finally:
        document.close()
    return Image.frombuffer("RGB", (width_px, height_px), pixels, "raw", "RGB", stride, 1)


def height_px(doc: Document, width_px: int) -> int:
    """The PNG's height: the page's aspect ratio at `width_px`, rounded."""
    return max(1, round(width_px * doc.height_mm / doc.width_mm))
