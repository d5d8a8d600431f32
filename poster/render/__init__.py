"""Render stage: turn a laid-out Document into the bytes of one output format.

Every backend is `render(doc, options) -> bytes`: pure, it writes nothing (the
CLI hands the bytes of all formats to `poster.output.write_outputs`). A backend's
module, and with it reportlab or cairosvg, is imported only when that format is
asked for, so `poster check` and SVG-only builds stay fast.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from poster.layout.document import Document


@dataclass(frozen=True)
class RenderOptions:
    """Choices that change how a Document is drawn, not where anything goes."""

    png_width_px: int = 2000
    # An SVG logo is rasterised for the PDF (reportlab cannot draw SVG) at this
    # resolution for its printed size; 300 ppi is the usual bar for print.
    logo_ppi: int = 300
    # Print output (poster.print): every vector colour as DeviceCMYK by the rule in
    # poster/render/cmyk.py, images converted to CMYK without transparency. Only the
    # PDF renderer reads it; bleed and crop marks are layout (poster/layout/bleed.py).
    cmyk: bool = False
    # With cmyk: the print shop's CMYK output ICC profile (--output-intent); colours and images are converted
    # through it (Little CMS) instead of by the naive rule. Greys stay K only, a theme's cmyk() stays as given.
    cmyk_profile: bytes | None = None

    def __post_init__(self) -> None:
        if self.png_width_px < 1:
            raise ValueError(f"png_width_px must be at least 1, not {self.png_width_px}")
        if self.cmyk_profile is not None and not self.cmyk:
            raise ValueError("cmyk_profile needs cmyk=True")
        if self.logo_ppi < 72:
            raise ValueError(f"logo_ppi must be at least 72, not {self.logo_ppi}")


Renderer = Callable[["Document", RenderOptions], bytes]


def _lazy(module: str) -> Renderer:
    """A renderer that imports poster.render.<module> on first call."""

    def render(doc: Document, options: RenderOptions = RenderOptions()) -> bytes:
        return importlib.import_module(f"poster.render.{module}").render(doc, options)

    render.__name__ = f"render_{module}"
    render.__qualname__ = render.__name__
    render.__doc__ = f"Render a Document as {module.upper()} bytes (imports poster.render.{module} when called)."
    return render


RENDERERS: dict[str, Renderer] = {fmt: _lazy(fmt) for fmt in ("svg", "pdf", "png")}


def render(doc: Document, fmt: str, options: RenderOptions = RenderOptions()) -> bytes:
    """The bytes of `doc` in format `fmt` ("svg", "pdf" or "png")."""
    try:
        renderer = RENDERERS[fmt]
    except KeyError:
        raise ValueError(f"unknown output format {fmt!r}; known: {', '.join(RENDERERS)}") from None
    return renderer(doc, options)
