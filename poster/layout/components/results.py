"""Layout stage: achieved results - what has been delivered, each with its date in a column of its own."""

from __future__ import annotations

from poster.content.model import Status
from poster.layout.components.base import Block, natural, section_heading
from poster.layout.document import Item
from poster.layout.geometry import Box
from poster.layout.marks import status_icon


def present(roadmap) -> bool:
    return bool(roadmap.results)


def build(ctx, box: Box) -> Block:
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
    icon_x = box.x + r
    date_x = box.x + 2 * r + 4.0
    title_x = date_x + (date_w + 5.0 if date_w else 0.0)
    for i, (res, date) in enumerate(zip(results, dates)):
        title = ctx.fit(res.title, "body_strong", box.right - title_x, element=f"results[{i}].title")
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
        y += title.height_mm + title.line_height_mm * 0.45
    y -= title.line_height_mm * 0.45 if results else 0.0
    return Block(items, (y - box.y) if natural(box) else box.h)
