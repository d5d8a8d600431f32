"""Layout stage: achieved results - what has been delivered, with its date and step."""

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
    items: list[Item] = []
    head, h = section_heading(ctx, box, "results", ctx.t("results"))
    items += head
    y = box.y + h
    r = ctx.measure("legend.icon") / 2
    indent = 2 * r + 5.0
    for i, result in enumerate(ctx.roadmap.results):
        title = ctx.fit(result.title, "body_strong", box.w - indent, element=f"results[{i}].title")
        bits = []
        if result.date:
            bits.append(ctx.t.period(result.date))
        if result.step and result.step.owner:
            bits.append(result.step.owner)
        cy = y + title.ascent_mm * 0.62
        items += status_icon(Status.DONE, box.x + r, cy, r, color=p.primary, accent=p.accent, muted=p.muted,
                             background=p.background, ref=result.step.id if result.step else "")
        items += ctx.items(title, box.x + indent, y, role="results.title")
        y += title.height_mm
        if bits:
            cap = ctx.fit(" · ".join(bits), "caption", box.w - indent, element=f"results[{i}].date", color=p.muted)
            y += cap.line_height_mm * 0.15
            items += ctx.items(cap, box.x + indent, y, role="results.caption")
            y += cap.height_mm
        y += title.line_height_mm * 0.55
    return Block(items, (y - box.y) if natural(box) else box.h)
