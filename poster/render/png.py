"""Render stage, PNG: the SVG renderer's output rasterised by cairosvg, opaque RGB at a chosen width."""

from __future__ import annotations

from poster.errors import PosterError
from poster.layout.document import Document, Image, Text
from poster.render import RenderOptions
from poster.render import svg as svg_renderer
from poster.render.previews import pixels_per_metre, with_resolution


def render(doc: Document, options: RenderOptions = RenderOptions()) -> bytes:
    """An RGB PNG (no alpha) `options.png_width_px` wide, round(width * height_mm / width_mm) high, with pHYs."""
    from poster.render.rasterize import svg_to_png  # imports cairosvg; only when a PNG is asked for

    svg = svg_renderer.render(doc, options)
    fonts = {item.face.path for item in doc.items if isinstance(item, Text)}
    try:
        png = svg_to_png(svg, options.png_width_px, background=doc.background, font_files=sorted(fonts))
    except PosterError:
        raise
    except Exception as exc:
        _blame_images(doc, exc)
        raise
    # The page's real size travels with the pixels (pHYs), for viewers and word processors.
    return with_resolution(png, pixels_per_metre(doc, options.png_width_px))


def _blame_images(doc: Document, exc: Exception) -> None:
    """After cairosvg failed on the poster: AssetError naming the logo if drawing the logo alone fails too.

    The logo passed its checks when it was loaded (poster.assets), so this is
    for what slips through them; a failure elsewhere is a bug and stays one.
    """
    from poster.assets import drawing_failed
    from poster.render.rasterize import svg_to_png

    for item in doc.items:
        if not isinstance(item, Image):
            continue
        alone = Document(
            item.box.w,
            item.box.h,
            doc.background,
            (Image(item.box.moved(-item.box.x, -item.box.y), item.data, item.mime, source=item.source),),
            doc.info,
        )
        try:
            svg_to_png(svg_renderer.render(alone), 64)
        except PosterError:
            raise
        except Exception:  # noqa: BLE001 - the logo alone fails: name it, with how the poster failed
            raise drawing_failed(item.source, exc) from exc


def height_px(doc: Document, width_px: int) -> int:
    """The PNG's height: cairosvg keeps the aspect ratio and rounds the surface size."""
    return round(width_px * doc.height_mm / doc.width_mm)
