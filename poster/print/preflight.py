"""Print stage, preflight: check a print sheet and its PDF the way a print shop would, and say how to fix each finding.

Checks, each finding naming the element (its layout role and content ref, or
the theme colour) and the fix:

- fonts: every font in the PDF is embedded (error);
- text size: no text below the readable minimum for the page size
  (poster/print/sizes.py READABLE_PT; error);
- contrast (WCAG 2.1): every text against what it stands on at least 4.5:1,
  or 3:1 for large-scale text (at least 18 pt, or 14 pt bold) (error); the
  theme's colours for marks and bars against the background at least 3:1
  (warning);
- images: raster logos at least 150 ppi at their printed size (error; an SVG
  logo is rasterised at 300 ppi for the PDF, so it always passes);
- lines: no stroke under 0.25 pt (error: it breaks up or vanishes in print);
- safe zone: no text or logo within the safe zone inside the trim (error);
  other marks there that are not backgrounds running into the bleed (warning);
- colour: in CMYK mode no RGB operator, RGB image or transparency in the PDF
  (error); an RGB print PDF gets a warning that the shop will convert it;
- boxes: TrimBox and BleedBox present and MediaBox >= BleedBox >= TrimBox (error).
"""

from __future__ import annotations

import io
from collections.abc import Iterable
from dataclasses import dataclass

from poster.content.colors import GRAPHIC_CONTRAST, TEXT_CONTRAST, readable, text_contrast_needed
from poster.content.model import Color, Roadmap
from poster.errors import Severity
from poster.layout.document import (
    Backdrop,
    Circle,
    Document,
    Image,
    Item,
    Line,
    Path,
    Rect,
    Text,
    extent,
    stroke_width,
)
from poster.layout.geometry import Box, fit, mm_to_pt, pt_to_mm
from poster.print.sizes import readable_minimum

MIN_PPI = 150
MIN_LINE_PT = 0.25
_RGB_OPERATORS = {"rg", "RG"}
_SPACE_OPERATORS = {"cs", "CS"}


@dataclass(frozen=True)
class Finding:
    """One preflight result, printed like a compiler diagnostic: `error: <element>: <message>; <fix>`."""

    severity: Severity
    check: str  # fonts, text-size, contrast, image-resolution, hairline, safe-zone, colour, transparency, boxes
    element: str
    message: str
    fix: str

    @property
    def is_error(self) -> bool:
        return self.severity is Severity.ERROR

    def format(self) -> str:
        return f"{self.severity.value}: {self.element}: {self.message}; {self.fix}"


@dataclass(frozen=True)
class PreflightOptions:
    safe_zone_mm: float = 5.0
    cmyk: bool = False


def preflight(
    doc: Document, pdf: bytes, roadmap: Roadmap | None = None, options: PreflightOptions = PreflightOptions()
) -> list[Finding]:
    """Every finding for a print sheet `doc` (Document.trim set) and the PDF rendered from it, errors first."""
    import pikepdf

    names = _ColorNames(roadmap)
    findings: list[Finding] = []
    findings += text_sizes(doc)
    findings += text_contrast(doc, names)
    findings += graphic_contrast(doc, names)
    findings += image_resolution(doc)
    findings += hairlines(doc)
    findings += safe_zone(doc, options.safe_zone_mm)
    with pikepdf.open(io.BytesIO(pdf)) as pdf_doc:
        findings += fonts(pdf_doc)
        findings += boxes(pdf_doc)
        findings += colours(pdf_doc, options.cmyk)
    return sorted(findings, key=lambda f: not f.is_error)


# -- naming -------------------------------------------------------------------


def describe(item: Item) -> str:
    """An element as the user can find it: its role, its content ref and, for text, the start of the text."""
    name = item.role or type(item).__name__.lower()
    if item.ref:
        name += f"[{item.ref}]"
    if isinstance(item, Text):
        shown = item.text if len(item.text) <= 40 else item.text[:39] + "…"
        name += f' "{shown}"'
    return name


class _ColorNames:
    """Theme colours by value, so a finding can say `theme.colors.accent` rather than a hex code."""

    def __init__(self, roadmap: Roadmap | None):
        self.names: dict[str, str] = {}
        self.marks: set[str] = set()  # colours of bars, dots and rules: primary, accent, pillars
        if roadmap is None:
            return
        from poster.layout.context import make_palette

        palette = make_palette(roadmap)
        theme = roadmap.theme.colors
        for key in ("text", "muted", "primary", "accent", "surface", "background"):
            if key in ("muted", "surface") and getattr(theme, key) is None:
                continue  # derived, not written anywhere: named below if nothing else is
            self.names.setdefault(getattr(palette, key).hex, f"theme.colors.{key}")
        self.marks = {palette.primary.hex, palette.accent.hex} | {c.hex for _, c in palette.pillars}
        # a pillar's colour: named where the content sets it (the pillar, or theme.colors.pillars); a default
        # colour can be changed at the pillar
        for i, pillar in enumerate(roadmap.strategy.pillars):
            color = palette.pillar(pillar.id)
            if pillar.color is None and theme.pillars:
                self.names.setdefault(color.hex, f"theme.colors.pillars[{i % len(theme.pillars)}]")
            else:
                self.names.setdefault(color.hex, f"strategy.pillars[{i}].color")
        for key in ("muted", "surface"):  # derived: the field to add to the theme
            self.names.setdefault(getattr(palette, key).hex, f"theme.colors.{key}")

    def name(self, color: Color) -> str:
        return self.names.get(color.hex, color.hex)

    def shown(self, color: Color) -> str:
        """The theme's name with the value ("theme.colors.text (#1A1A1A)"), or just the value."""
        name = self.name(color)
        return name if name == color.hex else f"{name} ({color.hex})"


# -- Document checks ------------------------------------------------------------


def text_sizes(doc: Document) -> list[Finding]:
    trim = doc.trim or Box(0, 0, doc.width_mm, doc.height_mm)
    size, smallest, _ = readable_minimum(trim.w, trim.h)
    small: dict[str, list[Text]] = {}
    for t in doc.texts():
        if t.size_pt < smallest - 0.005:
            small.setdefault(t.role, []).append(t)
    out = []
    for _role, texts in small.items():
        least = min(texts, key=lambda t: t.size_pt)
        more = f" and {len(texts) - 1} more like it" if len(texts) > 1 else ""
        out.append(
            Finding(
                Severity.ERROR,
                "text-size",
                describe(least) + more,
                f"set at {least.size_pt:.1f} pt, below the {smallest:g} pt readable on {size}",
                "raise the minimum of its type size in the layout (type_scale, min_text_pt), shorten the text, "
                "or print on a larger size",
            )
        )
    return out


def text_contrast(doc: Document, names: _ColorNames) -> list[Finding]:
    """Each text against the colour under it, at WCAG's threshold for its size (3:1 for large-scale text,
    >= 18 pt or 14 pt bold; 4.5:1 otherwise); one finding per (text colour, background colour, threshold)."""
    pairs: dict[tuple[str, str, float], list[tuple[Text, float]]] = {}
    colors: dict[str, Color] = {}
    backdrop = Backdrop(doc)
    for index, item in enumerate(doc.items):
        if not isinstance(item, Text) or not item.text.strip():
            continue
        under = backdrop.under(index, item.bbox)
        ratio = item.color.contrast(under)
        needed = text_contrast_needed(item.size_pt, item.face.svg_weight == "bold")
        if ratio < needed - 0.005:
            pairs.setdefault((item.color.hex, under.hex, needed), []).append((item, ratio))
            colors[item.color.hex], colors[under.hex] = item.color, under
    out = []
    for (fg, bg, needed), texts in pairs.items():
        first, ratio = texts[0]
        more = f" and {len(texts) - 1} more" if len(texts) > 1 else ""
        text_c, under = colors[fg], colors[bg]
        if text_c.luminance > under.luminance:  # light text on a coloured shape: the shape should darken
            fix = (
                f"darken {names.name(under)}, the colour under the text "
                f"(e.g. to {readable(under, (text_c,), needed).hex})"
            )
        else:
            fix = f"darken {names.name(text_c)} (e.g. to {readable(text_c, (under,), needed).hex}) or lighten the background"
        kind = "large text (18 pt, or 14 pt bold, and up)" if needed < TEXT_CONTRAST else "text"
        out.append(
            Finding(
                Severity.ERROR,
                "contrast",
                describe(first) + more,
                f"text in {names.shown(text_c)} on {names.shown(under)} has contrast "
                f"{ratio:.2f}:1, below the {needed:g}:1 WCAG asks for {kind}",
                fix,
            )
        )
    return out


def graphic_contrast(doc: Document, names: _ColorNames) -> list[Finding]:
    """The theme's colours for marks (primary, accent, pillars) against the page background: 3:1."""
    background = doc.background if doc.trim is None else Backdrop(doc).page
    used: dict[str, tuple[Color, list[str]]] = {}
    for item in doc.items:
        if isinstance(item, Text) or item.role.startswith("print."):
            continue
        for color in _paints(item):
            if color.hex in names.marks:
                used.setdefault(color.hex, (color, []))[1].append(item.role)
    out = []
    for hex_, (color, roles) in used.items():
        ratio = color.contrast(background)
        if ratio < GRAPHIC_CONTRAST - 0.005:
            shown = ", ".join(dict.fromkeys(roles))
            out.append(
                Finding(
                    Severity.WARNING,
                    "contrast",
                    names.name(color),
                    f"{hex_} on the background {background.hex} has contrast {ratio:.2f}:1, below the "
                    f"{GRAPHIC_CONTRAST}:1 WCAG asks for graphics (used by {shown})",
                    f"use a darker colour (e.g. {readable(color, (background,), GRAPHIC_CONTRAST).hex})",
                )
            )
    return out


def image_resolution(doc: Document) -> list[Finding]:

    out = []
    for item in doc.items:
        if not isinstance(item, Image) or item.mime != "image/png":
            continue  # an SVG logo is rasterised for the PDF at RenderOptions.logo_ppi (300)
        w_px, h_px = _png_size(item.data)
        printed = fit(item.box, w_px / h_px)
        ppi = w_px / (printed.w / 25.4)
        if ppi < MIN_PPI - 0.5:
            need_w, need_h = (round(v / 25.4 * 300) for v in (printed.w, printed.h))
            out.append(
                Finding(
                    Severity.ERROR,
                    "image-resolution",
                    describe(item) + " (meta.logo)",
                    f"{w_px} x {h_px} px printed at {printed.w:.0f} x {printed.h:.0f} mm is {ppi:.0f} ppi, "
                    f"below the {MIN_PPI} ppi print needs",
                    f"use the logo as SVG, or a PNG of at least {need_w} x {need_h} px (300 ppi)",
                )
            )
    return out


def hairlines(doc: Document) -> list[Finding]:
    thin: dict[str, list[tuple[Item, float]]] = {}
    for item in doc.items:
        width = stroke_width(item)
        if width and mm_to_pt(width) < MIN_LINE_PT - 0.005:
            thin.setdefault(item.role, []).append((item, width))
    out = []
    for _role, items in thin.items():
        item, width = min(items, key=lambda iw: iw[1])
        more = f" and {len(items) - 1} more" if len(items) > 1 else ""
        out.append(
            Finding(
                Severity.ERROR,
                "hairline",
                describe(item) + more,
                f"line {mm_to_pt(width):.2f} pt wide, under the {MIN_LINE_PT} pt that prints reliably",
                f"make it at least {MIN_LINE_PT} pt ({pt_to_mm(MIN_LINE_PT):.2f} mm) in the layout's measures",
            )
        )
    return out


def safe_zone(doc: Document, safe_mm: float) -> list[Finding]:
    trim = doc.trim or Box(0, 0, doc.width_mm, doc.height_mm)
    safe = trim.inset(safe_mm)
    out = []
    for item in doc.items:
        if item.role.startswith("print."):
            continue
        box = extent(item)
        if safe.contains(box, tolerance=0.01):
            continue
        if isinstance(item, (Text, Image)):
            out.append(
                Finding(
                    Severity.ERROR,
                    "safe-zone",
                    describe(item),
                    f"lies within {safe_mm:g} mm of the trim edge ({_where(box, trim)}), where the cut may touch it",
                    f"keep text and logos at least {safe_mm:g} mm inside the trim: widen the layout's margins",
                )
            )
        elif not _bleeds(item, trim):
            out.append(
                Finding(
                    Severity.WARNING,
                    "safe-zone",
                    describe(item),
                    f"reaches within {safe_mm:g} mm of the trim edge ({_where(box, trim)}) without running into the bleed",
                    "extend it to the trim edge (it then runs into the bleed) or keep it inside the safe zone",
                )
            )
    return out


# -- PDF checks -----------------------------------------------------------------


def fonts(pdf) -> list[Finding]:
    out = []
    for font in _fonts(pdf):
        descriptor = _descriptor(font)
        embedded = descriptor is not None and any(k in descriptor for k in ("/FontFile", "/FontFile2", "/FontFile3"))
        if not embedded and font.get("/Subtype") != "/Type3":
            out.append(
                Finding(
                    Severity.ERROR,
                    "fonts",
                    f"font {str(font.get('/BaseFont', '?'))[1:]}",
                    "is not embedded, so the print shop's system would substitute another font",
                    "use a font shipped with poster or a TrueType (.ttf) file in the content folder",
                )
            )
    return out


def boxes(pdf) -> list[Finding]:
    out = []
    for number, page in enumerate(pdf.pages, 1):
        obj = page.obj
        missing = [k for k in ("/TrimBox", "/BleedBox") if k not in obj]
        if missing:
            out.append(
                Finding(
                    Severity.ERROR,
                    "boxes",
                    f"page {number}",
                    f"has no {' or '.join(missing)}",
                    "build it with poster build --print",
                )
            )
            continue
        media, bleed, trim = (_rect(obj[k]) for k in ("/MediaBox", "/BleedBox", "/TrimBox"))
        if not (_inside(bleed, media) and _inside(trim, bleed)):
            out.append(
                Finding(
                    Severity.ERROR,
                    "boxes",
                    f"page {number}",
                    f"boxes do not nest (MediaBox {media}, BleedBox {bleed}, TrimBox {trim})",
                    "this is a bug in poster: please report it with the layout used",
                )
            )
    return out


def colours(pdf, cmyk: bool) -> list[Finding]:
    import pikepdf

    rgb_ops, rgb_images, transparent = 0, [], []
    for page in pdf.pages:
        for instruction in pikepdf.parse_content_stream(page):
            operands, op = instruction.operands, str(instruction.operator)
            if op in _RGB_OPERATORS or (op in _SPACE_OPERATORS and operands and str(operands[0]) == "/DeviceRGB"):
                rgb_ops += 1
        for name, xobject in (page.Resources.get("/XObject") or {}).items():
            if xobject.get("/Subtype") != "/Image":
                continue
            if xobject.get("/ColorSpace") == "/DeviceRGB":
                rgb_images.append(str(name))
            if "/SMask" in xobject or "/Mask" in xobject:
                transparent.append(f"image {name}")
        for name, state in (page.Resources.get("/ExtGState") or {}).items():
            if (
                float(state.get("/CA", 1)) < 1
                or float(state.get("/ca", 1)) < 1
                or state.get("/BM", "/Normal") != "/Normal"
            ):
                transparent.append(f"graphics state {name}")
    if not cmyk:
        return [
            Finding(
                Severity.WARNING,
                "colour",
                "print PDF",
                "its colours are RGB: the print shop converts them to CMYK with its own settings, so they may shift",
                "add --cmyk (and --output-intent with the shop's profile) when the shop asks for CMYK or PDF/X",
            )
        ]
    out = []
    if rgb_ops:
        out.append(
            Finding(
                Severity.ERROR,
                "colour",
                "page content",
                f"holds {rgb_ops} RGB colour operators in CMYK mode",
                "this is a bug in poster: please report it",
            )
        )
    if rgb_images:
        out.append(
            Finding(
                Severity.ERROR,
                "colour",
                f"image {', '.join(rgb_images)}",
                "is RGB in CMYK mode",
                "supply the logo as SVG or as a CMYK-safe PNG; please report it",
            )
        )
    if transparent:
        out.append(
            Finding(
                Severity.ERROR,
                "transparency",
                ", ".join(transparent),
                "uses transparency",
                "this is a bug in poster: please report it",
            )
        )
    return out


# -- helpers ------------------------------------------------------------------------


def _paints(item: Item) -> Iterable[Color]:
    if isinstance(item, Line):
        yield item.color
    elif isinstance(item, (Rect, Circle, Path)):
        if item.fill is not None:
            yield item.fill
        if item.stroke is not None and item.stroke_mm > 0:
            yield item.stroke


def _bleeds(item: Item, trim: Box) -> bool:
    """A filled rectangle that reaches past the trim edge it is near (a background running into the bleed)."""
    if not (isinstance(item, Rect) and item.fill is not None):
        return False
    b = item.box
    return b.x < trim.x or b.y < trim.y or b.right > trim.right or b.bottom > trim.bottom


def _where(extent: Box, trim: Box) -> str:
    gaps = {
        "left": extent.x - trim.x,
        "top": extent.y - trim.y,
        "right": trim.right - extent.right,
        "bottom": trim.bottom - extent.bottom,
    }
    side, gap = min(gaps.items(), key=lambda kv: kv[1])
    return f"{max(gap, 0):.1f} mm from the {side} edge" if gap >= 0 else f"{-gap:.1f} mm past the {side} edge"


def _png_size(data: bytes) -> tuple[int, int]:
    """The logo's pixel size from its header (Pillow; the logo was checked when it was read)."""
    from PIL import Image

    with Image.open(io.BytesIO(data)) as im:
        return im.size


def _fonts(pdf):
    """Every font dictionary in the file (Type0 fonts and their descendants)."""
    import pikepdf

    for obj in pdf.objects:
        if isinstance(obj, pikepdf.Dictionary) and obj.get("/Type") == "/Font":
            yield obj


def _descriptor(font):
    if "/FontDescriptor" in font:
        return font.FontDescriptor
    for descendant in font.get("/DescendantFonts") or []:
        if "/FontDescriptor" in descendant:
            return descendant.FontDescriptor
    return None


def _rect(array) -> tuple[float, float, float, float]:
    return tuple(round(float(v), 3) for v in array)  # type: ignore[return-value]


def _inside(inner, outer) -> bool:
    return (
        inner[0] >= outer[0] - 0.01
        and inner[1] >= outer[1] - 0.01
        and inner[2] <= outer[2] + 0.01
        and inner[3] <= outer[3] + 0.01
    )
