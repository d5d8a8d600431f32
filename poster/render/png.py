"""Render stage, PNG: the PDF renderer's page rasterised by PDFium (pypdfium2), opaque RGB at a chosen width.

The picture is the PDF's: the same embedded fonts, the same logo, so the
preview shows exactly what prints. PDFium renders the example's 2000 px PNG in
about 0.05 s in-process, and its raw bindings import in ~0.03 s; cairosvg needed
0.2 s to import (cairocffi parses cairo's C header on every start) and 0.4 s
to draw (measured on the 2-core reference machine). The SVG is still checked
against a real renderer (cairosvg) in the tests: tests/test_render_cross.py.

Every PNG file poster writes is encoded by one rule, `poster.render.previews.encode_png`.
"""

from __future__ import annotations

from poster.layout.document import Document
from poster.render import RenderOptions
from poster.render.previews import encode_png, height_px, picture, pixels_per_metre

__all__ = ["encode_png", "from_pdf", "height_px", "picture", "render"]


def render(doc: Document, options: RenderOptions = RenderOptions()) -> bytes:
    """An opaque RGB PNG `options.png_width_px` wide, height_px(doc, width) high, with pHYs."""
    from poster.render import pdf

    return from_pdf(pdf.render(doc), doc, options.png_width_px)


def from_pdf(pdf: bytes, doc: Document, width_px: int) -> bytes:
    """The PNG of `pdf`, the PDF renderer's output for `doc` (a build that made the PDF already passes it)."""
    return encode_png(picture(pdf, width_px, height_px(doc, width_px)), pixels_per_metre(doc, width_px))
