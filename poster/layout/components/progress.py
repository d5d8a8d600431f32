"""Layout stage: progress - overall progress and, per pillar, "x van y stappen gereed" with a bar."""

from __future__ import annotations

from poster.content.model import Status
from poster.layout.components.base import Block, natural, section_heading
from poster.layout.document import Item, Rect
from poster.layout.geometry import Box


def present(roadmap) -> bool:
    return bool(roadmap.plan.steps)


def counted(steps):
    """Steps that count towards progress: cancelled ones do not."""
    return [s for s in steps if s.status is not Status.CANCELLED]


def overall_percent(roadmap) -> int:
    steps = counted(roadmap.plan.steps)
    return round(sum(s.progress for s in steps) / len(steps)) if steps else 0


def build(ctx, box: Box) -> Block:
    p = ctx.palette
    roadmap = ctx.roadmap
    items: list[Item] = []
    head, h = section_heading(ctx, box, "progress", ctx.t("progress"))
    items += head
    y = box.y + h
    steps = counted(roadmap.plan.steps)
    done = sum(1 for s in steps if s.status is Status.DONE)
    big = ctx.fit(f"{overall_percent(roadmap)}%", "number", box.w * 0.45, element="progress.overall",
                  color=p.primary, max_lines=1, leading=1.0)
    items += ctx.items(big, box.x, y, role="progress.overall")
    tx = box.x + big.width_mm + 6.0
    cap1 = ctx.fit(ctx.t("overall_caption"), "caption", box.right - tx, element="progress.overall", color=p.muted,
                   max_lines=3)
    cap2 = ctx.fit(ctx.t("steps_done", done=done, total=len(steps)), "body_strong", box.right - tx,
                   element="progress.overall", max_lines=2)
    block_h = cap2.height_mm + cap2.line_height_mm * 0.2 + cap1.height_mm
    ty = y + big.ascent_mm - block_h  # the captions sit on the big number's baseline
    items += ctx.items(cap2, tx, ty, role="progress.caption")
    items += ctx.items(cap1, tx, ty + cap2.height_mm + cap2.line_height_mm * 0.2, role="progress.caption")
    y += big.height_mm + 8.0
    bar_h = 4.2
    for pillar in roadmap.strategy.pillars:
        mine = counted(roadmap.steps_of(pillar))
        n_done = sum(1 for s in mine if s.status is Status.DONE)
        count = ctx.fit(f"{n_done}/{len(mine)}", "label", box.w * 0.2, element=f"progress.{pillar.id}",
                        color=p.text, max_lines=1)
        name = ctx.fit(pillar.name, "label", box.w - count.width_mm - 6.0, element=f"progress.{pillar.id}",
                       color=p.text, max_lines=2)
        items += ctx.items(name, box.x, y, role="progress.pillar", ref=pillar.id)
        last_top = y + name.line_height_mm * (len(name.lines) - 1)
        items += ctx.items(count, box.right - count.width_mm, last_top, role="progress.count", ref=pillar.id)
        y += name.height_mm + 2.2
        color = p.pillar(pillar.id)
        items.append(Rect(Box(box.x, y, box.w, bar_h), fill=p.tint(color, 0.2), role="progress.track", ref=pillar.id))
        if mine and n_done:
            items.append(Rect(Box(box.x, y, box.w * n_done / len(mine), bar_h), fill=color, role="progress.bar",
                              ref=pillar.id))
        y += bar_h + 6.5
    y -= 6.5
    return Block(items, (y - box.y) if natural(box) else box.h)
