"""Layout stage: the stappenplan's time scale (dates to mm), its axis of years and quarters, and row packing."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from poster.content.model import Color
from poster.layout.context import Context
from poster.layout.document import Item, Line, Rect
from poster.layout.geometry import Box


@dataclass(frozen=True)
class Scale:
    """Maps days of the plan period linearly onto [x0, x1] mm; `end` is the last day shown."""

    x0: float
    x1: float
    start: date
    end: date

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1

    def x(self, d: date) -> float:
        """The left edge of day d (clamped to the axis)."""
        offset = (d - self.start).days
        offset = min(max(offset, 0), self.days)
        return self.x0 + (self.x1 - self.x0) * offset / self.days

    def x_after(self, d: date) -> float:
        """The right edge of day d."""
        return self.x(d + timedelta(days=1))

    def contains(self, d: date) -> bool:
        return self.start <= d <= self.end


def years(scale: Scale) -> list[tuple[int, date, date]]:
    """(year, first shown day, last shown day) for every year the axis touches."""
    out = []
    for year in range(scale.start.year, scale.end.year + 1):
        first = max(date(year, 1, 1), scale.start)
        last = min(date(year, 12, 31), scale.end)
        out.append((year, first, last))
    return out


def quarters(scale: Scale) -> list[tuple[int, int, date, date]]:
    """(year, quarter, first shown day, last shown day) for every quarter the axis touches."""
    out = []
    for year in range(scale.start.year, scale.end.year + 1):
        for q in range(1, 5):
            first = date(year, 3 * q - 2, 1)
            last = (date(year + 1, 1, 1) if q == 4 else date(year, 3 * q + 1, 1)) - timedelta(days=1)
            if last < scale.start or first > scale.end:
                continue
            out.append((year, q, max(first, scale.start), min(last, scale.end)))
    return out


def _labels(
    ctx: Context, scale: Scale, spans: list[tuple[str, date, date]], role: str, y: float, color: Color, item_role: str
) -> list[Item]:
    """Each text centred over its span of days on one line at the role's size; none where it does not fit."""
    items: list[Item] = []
    size = ctx.type_size(role)
    for text, first, last in spans:
        x0, x1 = scale.x(first), scale.x_after(last)
        par = ctx.try_fit(
            text,
            role,
            max(x1 - x0 - 2.0, 1.0),
            element="plan.axis",
            color=color,
            max_lines=1,
            size_pt=size,
            min_pt=size,
        )
        if par is not None:
            items += ctx.items(par, x0, y, align="center", box_width=x1 - x0, role=item_role)
    return items


def axis(ctx: Context, scale: Scale, y: float) -> tuple[list[Item], float]:
    """Year labels over quarter labels over a rule; returns items and the axis height."""
    p = ctx.palette
    items: list[Item] = []
    # A sliver of a year or quarter (a plan starting in December) gets no label rather than a squeezed one.
    year_h = ctx.fit("0", "axis_year", 100.0, element="plan.axis").height_mm
    spans = [(str(year), first, last) for year, first, last in years(scale)]
    items += _labels(ctx, scale, spans, "axis_year", y, p.primary, "plan.axis.year")
    y_q = y + year_h + 2.0
    q_h = ctx.fit("K", "axis_sub", 100.0, element="plan.axis").height_mm
    spans = [(ctx.t("quarter", n=q), first, last) for _year, q, first, last in quarters(scale)]
    items += _labels(ctx, scale, spans, "axis_sub", y_q, p.muted, "plan.axis.quarter")
    bottom = y_q + q_h + 2.5
    items.append(Line(scale.x0, bottom, scale.x1, bottom, p.primary, 0.8, role="plan.axis.rule"))
    return items, bottom - y + 0.4


def grid(ctx: Context, scale: Scale, top: float, bottom: float) -> list[Item]:
    """Year bands (every other year lightly shaded) and quarter lines behind the lanes."""
    p = ctx.palette
    items: list[Item] = []
    for i, (_year, first, last) in enumerate(years(scale)):
        x0, x1 = scale.x(first), scale.x_after(last)
        if i % 2 == 1:
            items.append(Rect(Box(x0, top, x1 - x0, bottom - top), fill=p.surface, role="plan.grid.year"))
    for _year, q, first, _last in quarters(scale):
        x = scale.x(first)
        if x <= scale.x0 + 0.01:
            continue
        strong = q == 1
        items.append(
            Line(
                x,
                top,
                x,
                bottom,
                p.rule if strong else p.tint(p.rule, 0.55),
                0.35 if strong else 0.25,
                dash_mm=() if strong else (1.2, 1.8),
                role="plan.grid.quarter",
            )
        )
    return items


def pack_rows(extents: list[tuple[float, float]], gap: float) -> list[int]:
    """Greedy interval partitioning: the row of each (x0, x1) extent, in input order.

    With extents taken in order of x0 this uses the fewest rows possible. The
    last right edge per row is kept in a list; rows are few (a handful per
    lane), so a linear scan beats a heap here.
    """
    order = sorted(range(len(extents)), key=lambda i: (extents[i][0], extents[i][1]))
    ends: list[float] = []
    rows = [0] * len(extents)
    for i in order:
        x0, x1 = extents[i]
        for r, end in enumerate(ends):
            if end + gap <= x0:
                rows[i] = r
                ends[r] = x1
                break
        else:
            rows[i] = len(ends)
            ends.append(x1)
    return rows


def open_spans(x: float, y0: float, y1: float, boxes: list[Box], margin: float) -> list[tuple[float, float]]:
    """The parts of the vertical line x, y0..y1 that cross none of the boxes (each grown by margin)."""
    cuts = sorted((b.y - margin, b.bottom + margin) for b in boxes if b.x - margin < x < b.right + margin)
    spans, top = [], y0
    for a, b in cuts:
        if b <= top:
            continue
        if a > top:
            spans.append((top, min(a, y1)))
        top = max(top, b)
        if top >= y1:
            break
    if top < y1:
        spans.append((top, y1))
    return [(a, b) for a, b in spans if b - a > 0.5]
