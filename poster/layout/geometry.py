"""Layout stage: boxes in millimetres and the unit conversions layout uses."""

from __future__ import annotations

from dataclasses import dataclass

MM_PER_PT = 25.4 / 72
PT_PER_MM = 72 / 25.4


def pt_to_mm(pt: float) -> float:
    return pt * MM_PER_PT


def mm_to_pt(mm: float) -> float:
    return mm * PT_PER_MM


@dataclass(frozen=True)
class Box:
    """A rectangle in mm; origin at the page's top-left corner, y grows downwards."""

    x: float
    y: float
    w: float
    h: float

    @property
    def right(self) -> float:
        return self.x + self.w

    @property
    def bottom(self) -> float:
        return self.y + self.h

    @property
    def cx(self) -> float:
        return self.x + self.w / 2

    @property
    def cy(self) -> float:
        return self.y + self.h / 2

    def inset(
        self, top: float, right: float | None = None, bottom: float | None = None, left: float | None = None
    ) -> Box:
        """Shrink by CSS-style margins (one value: all sides; two: vertical, horizontal)."""
        if right is None:
            right = top
        if bottom is None:
            bottom = top
        if left is None:
            left = right
        return Box(self.x + left, self.y + top, self.w - left - right, self.h - top - bottom)

    def with_width(self, w: float) -> Box:
        return Box(self.x, self.y, w, self.h)

    def moved(self, dx: float = 0.0, dy: float = 0.0) -> Box:
        return Box(self.x + dx, self.y + dy, self.w, self.h)

    def columns(self, n: int, gap: float) -> list[Box]:
        """n equal columns with gaps between them."""
        if n <= 0:
            return []
        w = (self.w - gap * (n - 1)) / n
        return [Box(self.x + i * (w + gap), self.y, w, self.h) for i in range(n)]

    def intersects(self, other: Box, tolerance: float = 1e-6) -> bool:
        """True when the interiors overlap (touching edges do not count)."""
        return (
            self.x < other.right - tolerance
            and other.x < self.right - tolerance
            and self.y < other.bottom - tolerance
            and other.y < self.bottom - tolerance
        )

    def contains(self, other: Box, tolerance: float = 1e-6) -> bool:
        return (
            other.x >= self.x - tolerance
            and other.y >= self.y - tolerance
            and other.right <= self.right + tolerance
            and other.bottom <= self.bottom + tolerance
        )

    def __str__(self) -> str:
        return f"{self.x:.1f},{self.y:.1f} {self.w:.1f}x{self.h:.1f}"


def fit(box: Box, aspect: float) -> Box:
    """The largest box of `aspect` (width / height) centred in `box` (SVG's xMidYMid meet)."""
    if box.w / box.h > aspect:
        w = box.h * aspect
        return Box(box.x + (box.w - w) / 2, box.y, w, box.h)
    h = box.w / aspect
    return Box(box.x, box.y + (box.h - h) / 2, box.w, h)
