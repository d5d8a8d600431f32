"""Layout stage output: the laid-out document every renderer draws, item by item, without computing positions.

All coordinates are in millimetres from the page's top-left corner, y downwards.
Text is already broken into lines and measured: a `Text` is one line, drawn
start-anchored at (x, baseline). Colours are model `Color`s. Every item has a
`role` ("plan.step.bar", "vision.statement", ...) and, where it stands for a
content object, a `ref` (the step, pillar or dimension id) so tests, the HTML
page and highlights can find it.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field, replace

from poster.content.model import Color
from poster.fonts import Face
from poster.layout.geometry import Box, pt_to_mm


@dataclass(frozen=True)
class Rect:
    box: Box
    fill: Color | None = None
    stroke: Color | None = None
    stroke_mm: float = 0.0
    radius_mm: float = 0.0
    role: str = ""
    ref: str = ""


@dataclass(frozen=True)
class Line:
    x1: float
    y1: float
    x2: float
    y2: float
    color: Color
    width_mm: float
    dash_mm: tuple[float, ...] = ()  # on/off lengths; empty: solid
    round_cap: bool = False
    role: str = ""
    ref: str = ""


@dataclass(frozen=True)
class Circle:
    cx: float
    cy: float
    r: float
    fill: Color | None = None
    stroke: Color | None = None
    stroke_mm: float = 0.0
    role: str = ""
    ref: str = ""


# Path commands, absolute coordinates in mm:
#   ("M", x, y)  move      ("L", x, y)  line
#   ("C", x1, y1, x2, y2, x, y)  cubic Bezier      ("Z",)  close
PathCommand = tuple


@dataclass(frozen=True)
class Path:
    commands: tuple[PathCommand, ...]
    fill: Color | None = None
    stroke: Color | None = None
    stroke_mm: float = 0.0
    round_join: bool = False
    role: str = ""
    ref: str = ""


@dataclass(frozen=True)
class Text:
    """One line of text, start-anchored at x with its baseline at y."""

    x: float
    y: float
    text: str
    face: Face
    size_pt: float
    color: Color
    width_mm: float  # measured advance width of `text`
    ascent_mm: float  # above the baseline, for the line's box
    descent_mm: float  # below the baseline (positive)
    role: str = ""
    ref: str = ""

    @property
    def bbox(self) -> Box:
        return Box(self.x, self.y - self.ascent_mm, self.width_mm, self.ascent_mm + self.descent_mm)

    @property
    def size_mm(self) -> float:
        return pt_to_mm(self.size_pt)


@dataclass(frozen=True)
class Image:
    """An embedded logo: sanitised SVG markup or PNG bytes, scaled to fit `box`."""

    box: Box
    data: bytes
    mime: str  # "image/svg+xml" or "image/png"
    alt: str = ""
    source: str = ""  # the file it was read from, for messages ("" for a picture made in memory)
    role: str = ""
    ref: str = ""


Item = Rect | Line | Circle | Path | Text | Image


@dataclass(frozen=True)
class DocumentInfo:
    """Metadata the PDF and SVG carry (title, author, subject, keywords, language)."""

    title: str
    author: str
    subject: str
    keywords: tuple[str, ...]
    language: str  # BCP 47, "nl-NL" or "en-GB"
    description: str = ""


@dataclass(frozen=True)
class Document:
    """A laid-out poster page: size, background and items in drawing order."""

    width_mm: float
    height_mm: float
    background: Color
    items: tuple[Item, ...]
    info: DocumentInfo
    regions: tuple[tuple[str, Box], ...] = ()  # component name -> the box it was given
    trim: Box | None = None  # for print output with bleed: the trimmed page inside the sheet
    bleed: Box | None = None  # the trim plus its bleed; None with a trim: the whole sheet (no crop-mark area)
    warnings: tuple[str, ...] = field(default=(), compare=False)

    def region(self, name: str) -> Box | None:
        for key, box in self.regions:
            if key == name:
                return box
        return None

    def texts(self) -> tuple[Text, ...]:
        return tuple(i for i in self.items if isinstance(i, Text))


def transformed(item: Item, scale: float = 1.0, dx: float = 0.0, dy: float = 0.0, *, min_line_mm: float = 0.0) -> Item:
    """`item` scaled by `scale` about the page's top-left corner, then moved right by dx and down by dy (mm).

    Sizes scale with the positions: stroke and line widths, dashes, corner
    radii, type size and the text's measured metrics. A stroke or line width
    that was positive is never scaled below `min_line_mm`; 0 stays 0. With
    scale 1 every size is kept exactly (a plain move).
    """

    def x(v: float) -> float:
        return v * scale + dx

    def y(v: float) -> float:
        return v * scale + dy

    def width(w: float) -> float:
        return 0.0 if w <= 0 else max(w * scale, min_line_mm)

    def box(b: Box) -> Box:
        return Box(x(b.x), y(b.y), b.w * scale, b.h * scale)

    if isinstance(item, Rect):
        return replace(item, box=box(item.box), stroke_mm=width(item.stroke_mm), radius_mm=item.radius_mm * scale)
    if isinstance(item, Image):
        return replace(item, box=box(item.box))
    if isinstance(item, Line):
        return replace(
            item,
            x1=x(item.x1),
            y1=y(item.y1),
            x2=x(item.x2),
            y2=y(item.y2),
            width_mm=width(item.width_mm),
            dash_mm=tuple(v * scale for v in item.dash_mm),
        )
    if isinstance(item, Circle):
        return replace(item, cx=x(item.cx), cy=y(item.cy), r=item.r * scale, stroke_mm=width(item.stroke_mm))
    if isinstance(item, Path):
        # every command's coordinates are absolute (x, y) pairs
        commands = tuple((op, *(y(v) if k % 2 else x(v) for k, v in enumerate(xy))) for op, *xy in item.commands)
        return replace(item, commands=commands, stroke_mm=width(item.stroke_mm))
    if isinstance(item, Text):
        return replace(
            item,
            x=x(item.x),
            y=y(item.y),
            size_pt=item.size_pt * scale,
            width_mm=item.width_mm * scale,
            ascent_mm=item.ascent_mm * scale,
            descent_mm=item.descent_mm * scale,
        )
    raise TypeError(f"cannot transform a {type(item).__name__}")


def extent(item: Item, *, ink: bool = True) -> Box:
    """The item's bounding box in mm: with `ink`, what is painted (half of any stroke or line width outside
    the geometry); without, the geometry alone. ValueError for a path without coordinates."""
    half = stroke_width(item) / 2 if ink else 0.0
    if isinstance(item, Text):
        return item.bbox
    if isinstance(item, (Rect, Image)):
        return item.box.inset(-half) if half else item.box
    if isinstance(item, Line):
        return _span([item.x1, item.x2], [item.y1, item.y2], half)
    if isinstance(item, Circle):
        r = item.r + half
        return Box(item.cx - r, item.cy - r, 2 * r, 2 * r)
    if isinstance(item, Path):
        points = [(c[i], c[i + 1]) for c in item.commands for i in range(1, len(c) - 1, 2)]
        if not points:
            raise ValueError("a path without coordinates has no extent")
        return _span([p[0] for p in points], [p[1] for p in points], half)
    raise TypeError(f"no extent for a {type(item).__name__}")


def stroke_width(item: Item) -> float:
    """The width (mm) of the line, or of the stroke painted around the shape; 0 when there is none."""
    if isinstance(item, Line):
        return item.width_mm
    if isinstance(item, (Rect, Circle, Path)) and item.stroke is not None:
        return item.stroke_mm
    return 0.0


def _span(xs: list[float], ys: list[float], half: float) -> Box:
    return Box(min(xs) - half, min(ys) - half, max(xs) - min(xs) + 2 * half, max(ys) - min(ys) + 2 * half)


class Backdrop:
    """The colour under any item of a Document, for the PDF renderer (a logo flattened for CMYK) and the preflight.

    What lies under item `index` at a point is the fill of the last filled
    rectangle or circle drawn before it that covers the point, else the page:
    the sheet's "print.background" rectangle when it has one (bleed), else
    the Document's background.
    """

    def __init__(self, doc: Document):
        self.shapes = [
            (i, item)
            for i, item in enumerate(doc.items)
            if isinstance(item, (Rect, Circle)) and item.fill is not None and item.role != "print.background"
        ]
        self.page = next(
            (
                item.fill
                for item in doc.items
                if item.role == "print.background" and isinstance(item, Rect) and item.fill is not None
            ),
            doc.background,
        )

    def at(self, index: int, x: float, y: float) -> Color:
        """The colour under item `index` at (x, y) in mm."""
        for i in range(bisect.bisect_left(self.shapes, index, key=lambda s: s[0]) - 1, -1, -1):
            item = self.shapes[i][1]
            if isinstance(item, Rect):
                b = item.box
                if b.x <= x <= b.right and b.y <= y <= b.bottom and item.fill is not None:
                    return item.fill
            elif (x - item.cx) ** 2 + (y - item.cy) ** 2 <= item.r**2 and item.fill is not None:
                return item.fill
        return self.page

    def under(self, index: int, box: Box) -> Color:
        """The colour under the middle of item `index`'s box."""
        return self.at(index, box.cx, box.cy)
