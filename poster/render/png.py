"""Render stage, PNG: the SVG renderer's output rasterised by cairosvg, opaque RGB at a chosen width."""

from __future__ import annotations

from poster.layout.document import Document, Text
from poster.render import RenderOptions
from poster.render import svg as svg_renderer
from poster.render.previews import pixels_per_metre, with_resolution


def render(doc: Document, options: RenderOptions = RenderOptions()) -> bytes:
    """An RGB PNG (no alpha) `options.png_width_px` wide, round(width * height_mm / width_mm) high, with pHYs."""
    from poster.render.rasterize import svg_to_png  # imports cairosvg; only when a PNG is asked for

    svg = svg_renderer.render(doc, options)
    fonts = {item.face.path for item in doc.items if isinstance(item, Text)}
    png = svg_to_png(svg, options.png_width_px, background=doc.background, font_files=sorted(fonts))
    # The page's real size travels with the pixels (pHYs), for viewers and word processors.
    return with_resolution(png, pixels_per_metre(doc, options.png_width_px))


def height_px(doc: Document, width_px: int) -> int:
    """The PNG's height: cairosvg keeps the aspect ratio and rounds the surface size."""
    return int(round(width_px * doc.height_mm / doc.width_mm))
