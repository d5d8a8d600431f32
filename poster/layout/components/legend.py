"""Layout stage: the legend - a sample of every status mark, milestone and marker the stappenplan uses."""

from __future__ import annotations

from poster.content.model import Roadmap, Status
from poster.layout.components.base import Block, natural
from poster.layout.context import Context
from poster.layout.document import Item, Line, Rect
from poster.layout.geometry import Box, pt_to_mm
from poster.layout.marks import diamond, status_icon

ORDER = (Status.DONE, Status.IN_PROGRESS, Status.DELAYED, Status.PLANNED, Status.ON_HOLD, Status.CANCELLED)


def present(roadmap: Roadmap) -> bool:
    return bool(roadmap.plan.steps)


def _entries(ctx: Context) -> list[tuple[str, str]]:
    """(kind, label) for what the plan shows, in a fixed order."""
    plan = ctx.roadmap.plan
    used = {s.status for s in plan.steps}
    entries = [(f"status:{s.value}", ctx.t.status(s)) for s in ORDER if s in used]
    if any(s.is_overdue(ctx.as_of) for s in plan.steps):
        entries.append(("overdue", ctx.t("overdue")))
    if any(s.progress and s.status is not Status.DONE for s in plan.steps):
        entries.append(("progress", ctx.t("progress_label")))
    if any(m.done for m in plan.milestones):
        entries.append(("milestone:done", ctx.t("milestone_done")))
    if any(not m.done for m in plan.milestones):
        entries.append(("milestone:open", ctx.t("milestone")))
    if plan.start_date <= ctx.as_of <= plan.end_date:
        entries.append(("as_of", ctx.t("we_are_here")))
    drawn = ctx.drawn_dependencies
    if drawn if drawn is not None else any(s.depends_on for s in plan.steps):  # before the plan is placed: if any
        entries.append(("dependency", ctx.t("dependency")))
    h = ctx.highlights
    if h is not None and (h.completed or h.started):
        entries.append(("new", ctx.t("new_since", date=ctx.t.date(h.since))))
    return entries


def _sample(ctx: Context, kind: str, x: float, cy: float, w: float, h: float) -> list[Item]:
    p = ctx.palette
    color = p.primary
    bar = Box(x, cy - h / 2, w, h)
    r = ctx.measure("legend.icon") / 2
    icon_x = x + r + 1.6
    if kind.startswith("status:"):
        status = Status(kind.split(":", 1)[1])
        if status is Status.DONE:
            items: list[Item] = [Rect(bar, fill=color)]
        elif status is Status.PLANNED:
            items = [Rect(bar.inset(0.25), fill=p.background, stroke=color, stroke_mm=0.5)]
        elif status is Status.CANCELLED:
            items = [Rect(bar.inset(0.2), fill=p.background, stroke=p.muted, stroke_mm=0.4)]
        else:
            items = [Rect(bar, fill=p.tint(p.muted if status is Status.ON_HOLD else color, 0.2))]
        items += status_icon(
            status,
            icon_x,
            cy,
            r,
            color=color,
            accent=p.accent,
            muted=p.muted,
            background=p.background,
            on_solid=status is Status.DONE,
        )
        return [_role(i, "legend.sample") for i in items]
    if kind == "overdue":
        items = [Rect(bar, fill=p.tint(color, 0.2)), Rect(bar.inset(0.4), stroke=p.accent, stroke_mm=0.8)]
        items += status_icon(
            Status.IN_PROGRESS,
            icon_x,
            cy,
            r,
            color=color,
            accent=p.accent,
            muted=p.muted,
            background=p.background,
            overdue=True,
        )
        return [_role(i, "legend.sample") for i in items]
    if kind == "progress":
        strip = h * 0.2
        return [
            Rect(bar, fill=p.tint(color, 0.2), role="legend.sample"),
            Rect(Box(bar.x, bar.bottom - strip, bar.w * 0.6, strip), fill=color, role="legend.sample"),
        ]
    if kind.startswith("milestone"):
        return [
            diamond(
                x + w / 2,
                cy,
                r * 1.1,
                color=p.primary,
                background=p.background,
                filled=kind.endswith("done"),
                role="legend.sample",
            )
        ]
    if kind == "as_of":
        return [Line(x + w / 2, cy - h * 0.8, x + w / 2, cy + h * 0.8, p.accent, 0.7, role="legend.sample")]
    if kind == "new":
        return [Rect(Box(x, cy - h * 0.45, w, h * 0.9), fill=p.accent, radius_mm=1.0, role="legend.sample")]
    # dependency
    from poster.layout.marks import arrow_head

    return [
        Line(x + 1, cy, x + w - 2.4, cy, p.muted, 0.45, role="legend.sample"),
        arrow_head(x + w, cy, 2.4, p.muted, role="legend.sample"),
    ]


def _role(item: Item, role: str) -> Item:
    from dataclasses import replace

    return replace(item, role=role)


def build(ctx: Context, box: Box) -> Block:
    p = ctx.palette
    items: list[Item] = []
    entries = _entries(ctx)
    sample_w = ctx.measure("legend.icon") * 2.2
    gap = ctx.measure("legend.gap")
    head = ctx.fit(ctx.t("legend"), "label", box.w / 4, element="legend", color=p.primary, max_lines=1)
    x, y = box.x, box.y
    items += ctx.items(head, x, y, role="legend.title")
    x += head.width_mm + gap
    line_h = head.line_height_mm * 1.25
    for kind, label in entries:
        par = ctx.fit(label, "caption", box.w - sample_w - 4, element="legend", color=p.text, max_lines=1)
        w = sample_w + 3.0 + par.width_mm
        if x + w > box.right and x > box.x:
            x, y = box.x + head.width_mm + gap, y + line_h
        baseline_top = y + (head.ascent_mm - par.ascent_mm)  # share the heading's baseline
        cy = baseline_top + par.ascent_mm - pt_to_mm(par.style.size_pt) * 0.36
        items += _sample(ctx, kind, x, cy, sample_w, ctx.measure("legend.icon") * 1.35)
        items += ctx.items(par, x + sample_w + 3.0, baseline_top, role="legend.label")
        x += w + gap
    height = y - box.y + head.height_mm
    return Block(items, height if natural(box) else box.h)
