"""Render stage, PDF: the Document drawn with reportlab, every font an embedded TrueType subset.

The page is exactly doc.width_mm x doc.height_mm. One transform at the top of
the page maps the Document's millimetres (y down) to PDF points (y up), so every
coordinate is written as layout gave it; text objects flip y back so glyphs
stand upright. Text is drawn with the TTF's own advances (reportlab neither
kerns nor spaces characters), which is what layout measured with stringWidth.

Reproducible: `invariant=1` fixes the dates (and an /ID the same for every file,
replaced by one derived from the file's own bytes); reportlab takes the
creation and modification date from SOURCE_DATE_EPOCH when it is set and uses
2000-01-01T00:00:00Z otherwise, so two builds of the same Document are
byte-identical.

Print output (RenderOptions.cmyk): every colour is written with the CMYK
operators (k/K) by the rule in poster/render/cmyk.py, and a logo is flattened
onto the colour under it and converted to a CMYK image, so the page holds no
RGB and no transparency. A Document with a trim gets TrimBox and BleedBox
(Document.bleed, or the whole sheet) at exactly the boxes layout gave.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import io
import math
import pathlib
import re
from collections.abc import Callable, Sequence

from poster import __version__
from poster.content.model import Color
from poster.errors import PosterError
from poster.fonts import DEFAULT_FAMILY, Face, family, register_pdf_face
from poster.layout.bleed import PAPER
from poster.layout.document import Backdrop, Circle, Document, DocumentInfo, Image, Line, Path, Rect, Text
from poster.layout.geometry import PT_PER_MM, Box, fit
from poster.render import RenderOptions
from poster.render.cmyk import image_to_cmyk, to_cmyk


def render(doc: Document, options: RenderOptions = RenderOptions()) -> bytes:
    """The Document as a one-page PDF."""
    return render_pages([doc], options)


def render_pages(
    docs: Sequence[Document], options: RenderOptions = RenderOptions(), info: DocumentInfo | None = None
) -> bytes:
    """One PDF with a page per Document, each page its Document's size; metadata from `info` (else docs[0].info).

    The pages share one set of print boxes (TrimBox, BleedBox): those of docs[0].
    """
    if not docs:
        raise ValueError("a PDF needs at least one page")
    with _binary_streams():
        return _render_pages(docs, options, info)


@contextlib.contextmanager
def _binary_streams():
    """reportlab writes the streams deflated only, not also ASCII85-encoded (its default, rl_config.useA85).

    ASCII85 makes a stream a quarter larger and took reportlab's pure-Python
    encoder about a fifth of the PDF's time (the fonts' subsets mostly). The
    setting is a process-wide one, read while the document is drawn and
    written, so it is set for that and restored.
    """
    from reportlab import rl_config

    before = rl_config.useA85
    rl_config.useA85 = 0
    try:
        yield
    finally:
        rl_config.useA85 = before


def _render_pages(docs: Sequence[Document], options: RenderOptions, info: DocumentInfo | None) -> bytes:
    from reportlab.pdfgen.canvas import Canvas

    first = docs[0]
    boxes = _print_boxes(first)
    if any(_print_boxes(doc) != boxes for doc in docs[1:]):
        raise ValueError("the pages of one PDF must have the same trim and bleed boxes")
    info = info or first.info
    out = io.BytesIO()
    canvas = Canvas(
        out,
        pagesize=(first.width_mm * PT_PER_MM, first.height_mm * PT_PER_MM),
        invariant=1,
        pageCompression=1,
        # Without it reportlab sets (and so references) Helvetica on every page.
        initialFontName=register_pdf_face(_faces(docs)[0]),
        initialFontSize=10,
        lang=info.language or None,
        **boxes,
    )
    _metadata(canvas, info)
    # reportlab resets its graphics state at every showPage, so no page needs q/Q
    # around it; a deck's pages have always had it and a poster's page not, and
    # both stay that way so their files stay byte-identical.
    wrap = len(docs) > 1
    for doc in docs:
        height_pt = doc.height_mm * PT_PER_MM
        canvas.setPageSize((doc.width_mm * PT_PER_MM, height_pt))
        if wrap:
            canvas.saveState()
        _draw_page(canvas, doc, height_pt, options)
        if wrap:
            canvas.restoreState()
        canvas.showPage()
    canvas.save()
    return _own_id(out.getvalue())


_TRAILER_ID = re.compile(rb"/ID\s*\[<([0-9a-fA-F]{32})><([0-9a-fA-F]{32})>\]")


def _own_id(pdf: bytes) -> bytes:
    """The PDF with a file /ID derived from its own bytes (an MD5, as PDF suggests), still deterministic.

    reportlab's invariant mode writes the same /ID into every file; two different
    PDFs must not share one. The new ID has the same length, so no offset moves.
    """
    start = pdf.rfind(b"trailer")
    found = _TRAILER_ID.search(pdf, max(start, 0))
    if found is None:
        return pdf
    digest = hashlib.md5(pdf, usedforsecurity=False).hexdigest().encode()
    return pdf[: found.start(1)] + digest + b"><" + digest + pdf[found.end(2) :]


def _draw_page(canvas, doc: Document, height_pt: float, options: RenderOptions) -> None:
    canvas.transform(PT_PER_MM, 0, 0, -PT_PER_MM, 0, height_pt)  # from here on: mm, y down
    canvas.setMiterLimit(4)  # SVG's default, so sharp path corners end where the SVG's do
    pen = _Pen(canvas, cmyk=options.cmyk, profile=options.cmyk_profile)
    pen.fill(doc.background)
    canvas.rect(0, 0, doc.width_mm, doc.height_mm, stroke=0, fill=1)
    for index, item in enumerate(doc.items):
        if isinstance(item, Image) and options.cmyk:
            pen.backdrop = Backdrop(doc).under(index, item.box)
        _DRAW[type(item)](pen, item, options)


def _faces(docs: Sequence[Document]) -> list[Face]:
    """The faces the text uses, in order of first use (the default family's regular if none)."""
    faces = list(dict.fromkeys(item.face for doc in docs for item in doc.items if isinstance(item, Text)))
    return faces or [family(DEFAULT_FAMILY).face("regular")]


def _print_boxes(doc: Document) -> dict[str, tuple[float, float, float, float]]:
    """TrimBox and BleedBox for a sheet with bleed (reportlab's own bleed would scale the page).

    PDF boxes are (left, bottom, right, top) in points from the sheet's lower-left corner.
    """
    if doc.trim is None:
        return {}
    bleed = doc.bleed or Box(0.0, 0.0, doc.width_mm, doc.height_mm)
    return {"trimBox": _pdf_box(doc, doc.trim), "bleedBox": _pdf_box(doc, bleed)}


def _pdf_box(doc: Document, b: Box) -> tuple[float, float, float, float]:
    return tuple(v * PT_PER_MM for v in (b.x, doc.height_mm - b.bottom, b.right, doc.height_mm - b.y))  # type: ignore[return-value]


def _metadata(canvas, info: DocumentInfo) -> None:
    canvas.setTitle(info.title)
    canvas.setAuthor(info.author)
    canvas.setSubject(info.subject or info.description)
    canvas.setKeywords(", ".join(info.keywords))
    canvas.setCreator(f"poster {__version__}")


class _Pen:
    """The canvas plus the graphics state last set, so unchanged state is not written again."""

    def __init__(self, canvas, cmyk: bool = False, profile: bytes | None = None):
        self.canvas = canvas
        self.cmyk = cmyk
        self.profile = profile  # the CMYK output profile colours go through (None: the naive rule)
        self.backdrop: Color | None = None  # CMYK mode: the colour the next image is flattened onto
        self._state: dict[str, object] = {}

    def _set(self, key: str, value: object, apply) -> None:
        if self._state.get(key) != value:
            apply()
            self._state[key] = value

    def fill(self, color: Color) -> None:
        if self.cmyk:
            cmyk = to_cmyk(color, self.profile)
            self._set("fill", cmyk, lambda: self.canvas.setFillColorCMYK(*cmyk))
        else:
            self._set("fill", color.hex, lambda: self.canvas.setFillColorRGB(*color.rgb01))

    def stroke(self, color: Color, width_mm: float, dash: tuple[float, ...] = (), cap: int = 0, join: int = 0) -> None:
        c = self.canvas
        if self.cmyk:
            cmyk = to_cmyk(color, self.profile)
            self._set("stroke", cmyk, lambda: c.setStrokeColorCMYK(*cmyk))
        else:
            self._set("stroke", color.hex, lambda: c.setStrokeColorRGB(*color.rgb01))
        self._set("width", width_mm, lambda: c.setLineWidth(width_mm))
        self._set("dash", dash, lambda: c.setDash(list(dash), 0))
        self._set("cap", cap, lambda: c.setLineCap(cap))
        self._set("join", join, lambda: c.setLineJoin(join))

    def paint(self, fill: Color | None, stroke: Color | None, stroke_mm: float, join: int = 0) -> tuple[int, int]:
        """Set colours for a shape; returns reportlab's (stroke, fill) flags."""
        if fill is not None:
            self.fill(fill)
        do_stroke = stroke is not None and stroke_mm > 0
        if stroke is not None and do_stroke:
            self.stroke(stroke, stroke_mm, join=join)
        return int(do_stroke), int(fill is not None)


def _rect(pen: _Pen, item: Rect, options: RenderOptions) -> None:
    stroke, fill = pen.paint(item.fill, item.stroke, item.stroke_mm)
    if not (stroke or fill):
        return
    b = item.box
    radius = min(item.radius_mm, b.w / 2, b.h / 2)  # SVG clamps rx/ry the same way
    if radius > 0:
        pen.canvas.roundRect(b.x, b.y, b.w, b.h, radius, stroke=stroke, fill=fill)
    else:
        pen.canvas.rect(b.x, b.y, b.w, b.h, stroke=stroke, fill=fill)


def _line(pen: _Pen, item: Line, options: RenderOptions) -> None:
    if item.width_mm <= 0:
        return  # PDF draws a 0-width line as the thinnest the device can; SVG draws nothing
    pen.stroke(item.color, item.width_mm, tuple(item.dash_mm), cap=1 if item.round_cap else 0)
    pen.canvas.line(item.x1, item.y1, item.x2, item.y2)


def _circle(pen: _Pen, item: Circle, options: RenderOptions) -> None:
    stroke, fill = pen.paint(item.fill, item.stroke, item.stroke_mm)
    if stroke or fill:
        pen.canvas.circle(item.cx, item.cy, item.r, stroke=stroke, fill=fill)


def _path(pen: _Pen, item: Path, options: RenderOptions) -> None:
    from reportlab.pdfgen.canvas import FILL_NON_ZERO

    stroke, fill = pen.paint(item.fill, item.stroke, item.stroke_mm, join=1 if item.round_join else 0)
    if not (stroke or fill):
        return
    path = pen.canvas.beginPath()
    for op, *xy in item.commands:
        if op == "M":
            path.moveTo(*xy)
        elif op == "L":
            path.lineTo(*xy)
        elif op == "C":
            path.curveTo(*xy)
        elif op == "Z":
            path.close()
        else:
            raise ValueError(f"unknown path command {(op, *xy)!r}")
    pen.canvas.drawPath(path, stroke=stroke, fill=fill, fillMode=FILL_NON_ZERO)  # SVG's default fill rule


def _text(pen: _Pen, item: Text, options: RenderOptions) -> None:
    pen.fill(item.color)
    text = pen.canvas.beginText()
    text.setTextTransform(1, 0, 0, -1, item.x, item.y)  # undo the page's y flip for the glyphs
    text.setFont(register_pdf_face(item.face), item.size_mm)
    text.textOut(item.text)
    pen.canvas.drawText(text)


def _image(pen: _Pen, item: Image, options: RenderOptions) -> None:
    from poster.assets import drawing_failed

    if item.mime not in ("image/png", "image/svg+xml"):
        raise ValueError(f"cannot draw an image of type {item.mime!r} (only image/svg+xml and image/png)")
    try:
        _draw_image(pen, item, options)
    except PosterError:
        raise
    except Exception as exc:
        raise drawing_failed(item.source, exc) from exc


def _draw_image(pen: _Pen, item: Image, options: RenderOptions) -> None:
    from reportlab.lib.utils import ImageReader

    png, aspect = _image_png(item, options)
    if options.cmyk:
        reader, mask = ImageReader(image_to_cmyk(png, pen.backdrop or PAPER, options.cmyk_profile)), None
    else:
        reader, mask = ImageReader(io.BytesIO(png)), "auto"
    box = fit(item.box, aspect)
    c = pen.canvas
    c.saveState()
    c.translate(box.x, box.bottom)
    c.scale(1, -1)  # images are drawn upwards from their lower-left corner
    c.drawImage(reader, 0, 0, box.w, box.h, mask=mask)
    c.restoreState()


def _image_png(item: Image, options: RenderOptions) -> tuple[bytes, float]:
    """The logo as PNG bytes and its aspect ratio (width / height)."""
    if item.mime == "image/png":
        from reportlab.lib.utils import ImageReader

        w, h = ImageReader(io.BytesIO(item.data)).getSize()
        return item.data, w / h
    return _svg_png(item.data, item.box, options.logo_ppi, item.source)


# Memoised: `poster watch` draws the same logo in every rebuild (12 ms each time, measured).
@functools.lru_cache(maxsize=8)
def _svg_png(data: bytes, box: Box, ppi: int, source: str) -> tuple[bytes, float]:
    from poster.assets import sanitize_svg, svg_size

    # reportlab cannot draw SVG: rasterise at options.logo_ppi for the size the
    # logo is printed at (a 60 mm logo at 300 ppi is 709 px wide).
    source = source or "the logo"
    svg = sanitize_svg(data, source)
    w, h = svg_size(svg, source)
    printed = fit(box, w / h)
    return logo_png(svg, max(1, math.ceil(printed.w / 25.4 * ppi))), w / h


def logo_png(svg: bytes, width_px: int) -> bytes:
    """A sanitised SVG logo rasterised by cairosvg at `width_px`, kept in poster's cache folder (poster.cache).

    cairosvg costs a cold build 0.2 s of imports (cairocffi parses cairo's C
    header on every start, and finds its libraries by running ldconfig) for a
    logo that rarely changes: after the first build the PNG comes from the
    cache, named after the SVG, the width and the versions of poster and
    cairosvg, and checked by its SHA-256 before use.
    """
    import hashlib
    import importlib.util

    from poster import cache

    spec = importlib.util.find_spec("cairosvg")
    version = b""
    if spec is not None and spec.origin:
        try:
            version = (pathlib.Path(spec.origin).parent / "VERSION").read_bytes().strip()
        except OSError:
            pass
    key = hashlib.sha256(b"\0".join([svg, str(width_px).encode(), __version__.encode(), version])).hexdigest()
    name = f"logo-{key[:32]}.png"
    stored = cache.read(name)
    if stored is not None and len(stored) > 32 and hashlib.sha256(stored[:-32]).digest() == stored[-32:]:
        return stored[:-32]
    from poster.render.rasterize import svg_to_png

    png = svg_to_png(svg, width_px)
    cache.write(name, png + hashlib.sha256(png).digest())
    return png


_DRAW: dict[type, Callable[..., None]] = {
    Rect: _rect,
    Line: _line,
    Circle: _circle,
    Path: _path,
    Text: _text,
    Image: _image,
}
