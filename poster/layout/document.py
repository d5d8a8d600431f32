"""Layout stage output: the laid-out document every renderer draws, item by item, without computing positions.

All coordinates are in millimetres from the page's top-left corner, y downwards.
Text is already broken into lines and measured: a `Text` is one line, drawn
start-anchored at (x, baseline). Colours are model `Color`s. Every item has a
`role` ("plan.step.bar", "vision.statement", ...) and, where it stands for a
content object, a `ref` (the step, pillar or dimension id) so tests, the HTML
page and highlights can find it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Union

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
    width_mm: float   # measured advance width of `text`
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
    role: str = ""
    ref: str = ""


Item = Union[Rect, Line, Circle, Path, Text, Image]


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
