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
        stroke=color,
        stroke_mm=width,
        round_join=True,
        role=role,
        ref=ref,
    )


def _exclamation(cx: float, cy: float, r: float, color: Color, width: float, role: str, ref: str) -> list[Item]:
    return [
        Line(cx, cy - 0.5 * r, cx, cy + 0.12 * r, color, width, round_cap=True, role=role, ref=ref),
        Circle(cx, cy + 0.45 * r, width * 0.62, fill=color, role=role, ref=ref),
    ]


def status_icon(
    status: Status,
    cx: float,
    cy: float,
    r: float,
    *,
    color: Color,
    accent: Color,
    muted: Color,
    background: Color,
    overdue: bool = False,
    on_solid: bool = False,
    ref: str = "",
) -> list[Item]:
    """The status mark centred at (cx, cy) with radius r (mm).

    `on_solid`: the icon sits on a bar filled with `color`, so it is drawn in the
    background colour instead.
    """
    role = f"status.{status.value}"
    ring = max(r * 0.2, 0.35)
    fg = background if on_solid else color
    if overdue:
        return [
            Circle(cx, cy, r, fill=accent, role="status.overdue", ref=ref),
            *_exclamation(cx, cy, r, background, ring * 1.15, "status.overdue", ref),
        ]
    if status is Status.DONE:
        if on_solid:
            return [
                Circle(cx, cy, r, fill=background, role=role, ref=ref),
                _tick(cx, cy, r, color, ring * 1.2, role, ref),
            ]
        return [Circle(cx, cy, r, fill=color, role=role, ref=ref), _tick(cx, cy, r, background, ring * 1.2, role, ref)]
    if status is Status.IN_PROGRESS:
        return [
            Circle(cx, cy, r - ring / 2, fill=background, stroke=fg, stroke_mm=ring, role=role, ref=ref),
            Path(_half_disc(cx, cy, r - ring / 2), fill=fg, role=role, ref=ref),
        ]
    if status is Status.DELAYED:
        h = r * 1.9
        top, base = cy - h * 0.58, cy + h * 0.42
        tri = (("M", cx, top), ("L", cx + r * 1.1, base), ("L", cx - r * 1.1, base), ("Z",))
        return [
            Path(tri, fill=accent, round_join=True, role=role, ref=ref),
            *_exclamation(cx, cy + r * 0.08, r * 0.8, background, ring * 1.05, role, ref),
        ]
    if status is Status.ON_HOLD:
        items: list[Item] = [
            Circle(cx, cy, r - ring / 2, fill=background, stroke=muted, stroke_mm=ring, role=role, ref=ref)
        ]
        for dx in (-0.22 * r, 0.22 * r):
            items.append(Line(cx + dx, cy - 0.36 * r, cx + dx, cy + 0.36 * r, muted, ring * 1.05, role=role, ref=ref))
        return items
    if status is Status.CANCELLED:
        d = 0.34 * r
        return [
            Circle(cx, cy, r - ring / 2, fill=background, stroke=muted, stroke_mm=ring, role=role, ref=ref),
            Line(cx - d, cy - d, cx + d, cy + d, muted, ring, round_cap=True, role=role, ref=ref),
            Line(cx - d, cy + d, cx + d, cy - d, muted, ring, round_cap=True, role=role, ref=ref),
        ]
    # planned
    return [Circle(cx, cy, r - ring / 2, fill=background, stroke=fg, stroke_mm=ring, role=role, ref=ref)]


def diamond(
    cx: float,
    cy: float,
    r: float,
    *,
    color: Color,
    background: Color,
    filled: bool,
    role: str = "milestone.mark",
    ref: str = "",
) -> Path:
    pts = (("M", cx, cy - r), ("L", cx + r, cy), ("L", cx, cy + r), ("L", cx - r, cy), ("Z",))
    if filled:
        return Path(pts, fill=color, role=role, ref=ref)
    return Path(pts, fill=background, stroke=color, stroke_mm=max(r * 0.22, 0.4), round_join=True, role=role, ref=ref)


def arrow_head(
    x: float, y: float, size: float, color: Color, *, direction: str = "right", role: str = "", ref: str = ""
) -> Path:
    """A filled triangle whose tip is at (x, y)."""
    if direction == "right":
        pts = (("M", x, y), ("L", x - size, y - size * 0.6), ("L", x - size, y + size * 0.6), ("Z",))
    elif direction == "left":
        pts = (("M", x, y), ("L", x + size, y - size * 0.6), ("L", x + size, y + size * 0.6), ("Z",))
    elif direction == "down":
        pts = (("M", x, y), ("L", x - size * 0.6, y - size), ("L", x + size * 0.6, y - size), ("Z",))
    elif direction == "up":
        pts = (("M", x, y), ("L", x - size * 0.6, y + size), ("L", x + size * 0.6, y + size), ("Z",))
    else:
        raise ValueError(direction)
    return Path(pts, fill=color, role=role, ref=ref)


def glyph_path(
    face, char: str, x: float, top: float, size_pt: float, color: Color, *, role: str = "", ref: str = ""
) -> tuple[Path, float, float]:
    """One glyph as a filled path with its ink's top-left corner at (x, top); returns it and its ink width and height.

    For a glyph used as an ornament (the quote's opening mark): as a shape it
    is drawn the same in every renderer and takes only its ink's room, not a
    line of text's.
    """
    from poster.fontcache import glyph_outline
    from poster.layout.geometry import pt_to_mm

    outline, (x_min, y_min, x_max, y_max), units_per_em = glyph_outline(face.path, char)
    k = pt_to_mm(size_pt) / units_per_em

    def pt(p):
        return (x + (p[0] - x_min) * k, top + (y_max - p[1]) * k)

    cmds: list[tuple] = []
    current: tuple[float, float] = (0.0, 0.0)  # every contour starts with moveTo or an all-off-curve qCurveTo
    for op, args in outline:
        if op == "moveTo":
            current = args[0]
            cmds.append(("M", *pt(current)))
        elif op == "lineTo":
            current = args[0]
            cmds.append(("L", *pt(current)))
        elif op == "qCurveTo":
            if args[-1] is None:
                # A contour of off-curve points only: its on-curve points are the midpoints between them.
                offs = args[:-1]
                mids = [((a[0] + b[0]) / 2, (a[1] + b[1]) / 2) for a, b in zip(offs, offs[1:] + offs[:1])]
                current = mids[-1]
                cmds.append(("M", *pt(current)))
                segments = list(zip(offs, mids))
            else:
                segments = _quadratic_segments(args)
            for ctrl, end in segments:
                # A quadratic Bezier as a cubic: handles 2/3 of the way to the control point.
                c1 = (current[0] + 2 / 3 * (ctrl[0] - current[0]), current[1] + 2 / 3 * (ctrl[1] - current[1]))
                c2 = (end[0] + 2 / 3 * (ctrl[0] - end[0]), end[1] + 2 / 3 * (ctrl[1] - end[1]))
                cmds.append(("C", *pt(c1), *pt(c2), *pt(end)))
                current = end
        elif op == "curveTo":
            c1, c2, end = args
            cmds.append(("C", *pt(c1), *pt(c2), *pt(end)))
            current = end
        elif op in ("closePath", "endPath"):
            cmds.append(("Z",))
    return Path(tuple(cmds), fill=color, role=role, ref=ref), (x_max - x_min) * k, (y_max - y_min) * k


def _quadratic_segments(points: tuple) -> list[tuple]:
    """A TrueType quadratic spline (off-curve points, then the on-curve end) as (control, end) pairs.

    Between two off-curve points lies an implied on-curve point at their
    midpoint (fontTools' decomposeQuadraticSegment, without importing it).
    """
    segments = []
    for i in range(len(points) - 2):
        (x0, y0), (x1, y1) = points[i], points[i + 1]
        segments.append((points[i], (0.5 * (x0 + x1), 0.5 * (y0 + y1))))
    segments.append((points[-2], points[-1]))
    return segments
