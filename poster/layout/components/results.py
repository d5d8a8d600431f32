"""Layout stage: achieved results - what has been delivered, each with its date in a column of its own."""

from __future__ import annotations

from poster.content.model import Result, Roadmap, Status
from poster.layout.components.base import Block, natural, section_heading
from poster.layout.context import Context
from poster.layout.document import Item
from poster.layout.geometry import Box
from poster.layout.marks import status_icon
from poster.layout.text import Paragraph


def present(roadmap: Roadmap) -> bool:
    return bool(roadmap.results)


def build(ctx: Context, box: Box) -> Block:
    block, used, gaps, pitch = _build(ctx, box, 0.0)
    if natural(box) or used >= box.h - 0.5 or not gaps:
        return block
    # Given more height than it needs (beside a taller column), the list opens up, each result's pitch to at most
    # twice its natural one, so the area ends nearer the row's foot instead of leaving it empty.
    return _build(ctx, box, min((box.h - used) / gaps, pitch))[0]


def _build(ctx: Context, box: Box, extra: float) -> tuple[Block, float, int, float]:
    """The results with `extra` mm more between two of them: the block, the height used, the gaps in the longest
    column and the mean natural pitch of a result."""
    p = ctx.palette
    t = ctx.t
    items: list[Item] = []
    head, h = section_heading(ctx, box, "results", t("results"))
    items += head
    y = box.y + h
    r = ctx.measure("legend.icon") / 2
    results = ctx.roadmap.results
    # Dates share one column, as wide as the widest date, so the titles align.
    dates = [
        ctx.fit(
            t.month_year(res.date.first, short=True) if res.date else "",
            "caption",
            box.w * 0.25,
            element=f"results[{i}].date",
            color=p.muted,
            max_lines=1,
        )
        for i, res in enumerate(results)
    ]
    date_w = max((d.width_mm for d in dates), default=0.0)
    # Compact: two columns side by side, filled top to bottom.
    n_cols = 2 if "results.columns" in ctx.compact and len(results) > 1 else 1
    cols = Box(box.x, y, box.w, 0).columns(n_cols, ctx.measure("card.gap") * 2)
    per_col = -(-len(results) // n_cols)
    bottom = y
    top = y
    for c, col in enumerate(cols):
        cy0 = y
        chunk = list(enumerate(zip(results, dates)))[c * per_col : (c + 1) * per_col]
        for i, (res, date) in chunk:
            end, its, gap = _result(ctx, col, cy0, i, res, date, date_w, r)
            items += its
            bottom, cy0 = max(bottom, end), end + gap + extra
    gaps = per_col - 1
    pitch = (bottom - top - gaps * extra) / max(per_col, 1)
    return Block(items, (bottom - box.y) if natural(box) else box.h), bottom - box.y, gaps, pitch


def _result(
    ctx: Context, col: Box, y: float, i: int, res: Result, date: Paragraph, date_w: float, r: float
) -> tuple[float, list[Item], float]:
    """One result in a column at y: icon, date and title; returns its bottom, its items and the gap below it."""
    p = ctx.palette
    items: list[Item] = []
    icon_x = col.x + r
    date_x = col.x + 2 * r + 4.0
    title_x = date_x + (date_w + 5.0 if date_w else 0.0)
    title = ctx.fit(res.title, "body_strong", col.right - title_x, element=f"results[{i}].title")
    cy = y + title.ascent_mm * 0.62
    items += status_icon(
        Status.DONE,
        icon_x,
        cy,
        r,
        color=p.primary,
        accent=p.accent,
        muted=p.muted,
        background=p.background,
        ref=res.step.id if res.step else "",
    )
    if date.lines:
        # The date shares the title's first baseline.
        items += ctx.items(date, date_x, y + title.ascent_mm - date.ascent_mm, role="results.date")
    items += ctx.items(title, title_x, y, role="results.title", ref=res.step.id if res.step else "")
    return y + title.height_mm, items, title.line_height_mm * 0.45
