"""Layout stage: the small marks the poster draws - status icons, milestone diamonds, arrows.

Each status has its own shape, so the poster never relies on colour alone:
planned is an open ring, in progress a half-filled ring, done a disc with a
tick, delayed a triangle with '!', on hold a ring with two bars, cancelled a
ring with a cross; an overdue step gets a disc with '!' in the accent colour.
"""

from __future__ import annotations

from poster.content.model import Color, Status
from poster.layout.document import Circle, Item, Line, Path

KAPPA = 0.5523  # cubic Bezier handle length for a quarter circle


def _half_disc(cx: float, cy: float, r: float) -> tuple:
    """The right half of a disc (in progress: half done)."""
    k = KAPPA * r
    return (
        ("M", cx, cy - r),
        ("C", cx + k, cy - r, cx + r, cy - k, cx + r, cy),
        ("C", cx + r, cy + k, cx + k, cy + r, cx, cy + r),
        ("Z",),
    )


def _tick(cx: float, cy: float, r: float, color: Color, width: float, role: str, ref: str) -> Path:
    return Path(
        (("M", cx - 0.48 * r, cy + 0.02 * r), ("L", cx - 0.12 * r, cy + 0.38 * r), ("L", cx + 0.5 * r, cy - 0.34 * r)),
        stroke=color, stroke_mm=width, round_join=True, role=role, ref=ref,
    )


def _exclamation(cx: float, cy: float, r: float, color: Color, width: float, role: str, ref: str) -> list[Item]:
    return [
        Line(cx, cy - 0.5 * r, cx, cy + 0.12 * r, color, width, round_cap=True, role=role, ref=ref),
        Circle(cx, cy + 0.45 * r, width * 0.62, fill=color, role=role, ref=ref),
    ]


def status_icon(status: Status, cx: float, cy: float, r: float, *, color: Color, accent: Color,
                muted: Color, background: Color, overdue: bool = False, on_solid: bool = False,
                ref: str = "") -> list[Item]:
    """The status mark centred at (cx, cy) with radius r (mm).

    `on_solid`: the icon sits on a bar filled with `color`, so it is drawn in the
    background colour instead.
    """
    role = f"status.{status.value}"
    ring = max(r * 0.2, 0.35)
    fg = background if on_solid else color
    if overdue:
        return [Circle(cx, cy, r, fill=accent, role="status.overdue", ref=ref),
                *_exclamation(cx, cy, r, background, ring * 1.15, "status.overdue", ref)]
    if status is Status.DONE:
        if on_solid:
            return [Circle(cx, cy, r, fill=background, role=role, ref=ref),
                    _tick(cx, cy, r, color, ring * 1.2, role, ref)]
        return [Circle(cx, cy, r, fill=color, role=role, ref=ref), _tick(cx, cy, r, background, ring * 1.2, role, ref)]
    if status is Status.IN_PROGRESS:
        return [Circle(cx, cy, r - ring / 2, fill=background, stroke=fg, stroke_mm=ring, role=role, ref=ref),
                Path(_half_disc(cx, cy, r - ring / 2), fill=fg, role=role, ref=ref)]
    if status is Status.DELAYED:
        h = r * 1.9
        top, base = cy - h * 0.58, cy + h * 0.42
        tri = (("M", cx, top), ("L", cx + r * 1.1, base), ("L", cx - r * 1.1, base), ("Z",))
        return [Path(tri, fill=accent, round_join=True, role=role, ref=ref),
                *_exclamation(cx, cy + r * 0.08, r * 0.8, background, ring * 1.05, role, ref)]
    if status is Status.ON_HOLD:
        items: list[Item] = [Circle(cx, cy, r - ring / 2, fill=background, stroke=muted, stroke_mm=ring, role=role, ref=ref)]
        for dx in (-0.22 * r, 0.22 * r):
            items.append(Line(cx + dx, cy - 0.36 * r, cx + dx, cy + 0.36 * r, muted, ring * 1.05, role=role, ref=ref))
        return items
    if status is Status.CANCELLED:
        d = 0.34 * r
        return [Circle(cx, cy, r - ring / 2, fill=background, stroke=muted, stroke_mm=ring, role=role, ref=ref),
                Line(cx - d, cy - d, cx + d, cy + d, muted, ring, round_cap=True, role=role, ref=ref),
                Line(cx - d, cy + d, cx + d, cy - d, muted, ring, round_cap=True, role=role, ref=ref)]
    # planned
    return [Circle(cx, cy, r - ring / 2, fill=background, stroke=fg, stroke_mm=ring, role=role, ref=ref)]


def diamond(cx: float, cy: float, r: float, *, color: Color, background: Color, filled: bool,
            role: str = "milestone.mark", ref: str = "") -> Path:
    pts = (("M", cx, cy - r), ("L", cx + r, cy), ("L", cx, cy + r), ("L", cx - r, cy), ("Z",))
    if filled:
        return Path(pts, fill=color, role=role, ref=ref)
    return Path(pts, fill=background, stroke=color, stroke_mm=max(r * 0.22, 0.4), round_join=True, role=role, ref=ref)


def arrow_head(x: float, y: float, size: float, color: Color, *, direction: str = "right",
               role: str = "", ref: str = "") -> Path:
    """A filled triangle whose tip is at (x, y)."""
    if direction == "right":
        pts = (("M", x, y), ("L", x - size, y - size * 0.6), ("L", x - size, y + size * 0.6), ("Z",))
    elif direction == "down":
        pts = (("M", x, y), ("L", x - size * 0.6, y - size), ("L", x + size * 0.6, y - size), ("Z",))
    else:
        raise ValueError(direction)
    return Path(pts, fill=color, role=role, ref=ref)
