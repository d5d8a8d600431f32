"""Layout stage: overall progress - the average progress as a large figure, and the steps per status as one bar.

Per pillar, "x van y stappen gereed" with its bar sits in the stappenplan's
lane headers, next to the steps it counts.
"""

from __future__ import annotations

from collections.abc import Iterable

from poster.content.model import Color, Roadmap, Status, Step
from poster.layout.components import progress_history
from poster.layout.components.base import Block, natural, section_heading
from poster.layout.context import Context
from poster.layout.document import Item, Rect
from poster.layout.geometry import Box

CHART_GAP = 14.0  # between the summary and the history chart: the grid's column gap on A0

ORDER = (Status.DONE, Status.IN_PROGRESS, Status.DELAYED, Status.ON_HOLD, Status.PLANNED)


def present(roadmap: Roadmap) -> bool:
    return bool(roadmap.plan.steps)


def counted(steps: Iterable[Step]) -> list[Step]:
    """Steps that count towards progress: cancelled ones do not."""
    return [s for s in steps if s.status is not Status.CANCELLED]


def overall_percent(roadmap: Roadmap) -> int:
    steps = counted(roadmap.plan.steps)
    return round(sum(s.progress for s in steps) / len(steps)) if steps else 0


def _status_color(ctx: Context, status: Status) -> Color:
    p = ctx.palette
    return {
        Status.DONE: p.primary,
        Status.IN_PROGRESS: p.tint(p.primary, 0.55),
        Status.DELAYED: p.accent,
        Status.ON_HOLD: p.tint(p.muted, 0.45),
        Status.PLANNED: p.tint(p.primary, 0.14),
    }[status]


def build(ctx: Context, box: Box) -> Block:
    p = ctx.palette
    roadmap = ctx.roadmap
    items: list[Item] = []
    head, h = section_heading(ctx, box, "progress", ctx.t("progress"))
    items += head
    y = box.y + h
    top = y
    full = box
    chart = progress_history.quarters(ctx)  # "Voortgang door de tijd" beside the summary, when the build has history
    if chart:
        box = Box(box.x, box.y, (box.w - CHART_GAP) * 0.5, box.h)
    steps = counted(roadmap.plan.steps)
    done = sum(1 for s in steps if s.status is Status.DONE)
    big = ctx.fit(
        f"{overall_percent(roadmap)}%",
        "number",
        box.w * 0.5,
        element="progress.overall",
        color=p.primary,
        max_lines=1,
        leading=1.0,
    )
    cap_h_big = big.ascent_mm * 0.75  # the figure's visible height: digits stand well below the ascent
    # The figure's empty top may reach into the heading's gap, never past it (a grown figure would).
    reach = big.ascent_mm - cap_h_big
    y += max(reach - ctx.measure("section.gap_below") * 0.9, 0.0)
    fig_top = y - reach
    items += ctx.items(big, box.x, fig_top, role="progress.overall")
    tx = box.x + big.width_mm + 7.0
    strong = ctx.fit(
        ctx.t("steps_done", done=done, total=len(steps)),
        "body_strong",
        box.right - tx,
        element="progress.overall",
        max_lines=2,
    )
    cap = ctx.fit(
        ctx.t("overall_caption"), "caption", box.right - tx, element="progress.overall", color=p.muted, max_lines=3
    )
    block_h = strong.height_mm + strong.line_height_mm * 0.1 + cap.height_mm
    ty = y + (cap_h_big - block_h) / 2
    items += ctx.items(strong, tx, ty, role="progress.caption")
    items += ctx.items(cap, tx, ty + strong.height_mm + strong.line_height_mm * 0.1, role="progress.caption")
    y += max(cap_h_big, block_h) + 9.0

    # One bar split by status, then its key: icon, word and count per status.
    counts = [(s, sum(1 for st in steps if st.status is s)) for s in ORDER]
    counts = [(s, n) for s, n in counts if n]
    bar_h = 7.0
    x = box.x
    for status, n in counts:
        w = box.w * n / len(steps)
        items.append(
            Rect(Box(x, y, w, bar_h), fill=_status_color(ctx, status), role="progress.status_bar", ref=status.value)
        )
        x += w
    y += bar_h + 6.0
    r = ctx.measure("legend.icon") / 2
    col_w = (box.w - 8.0) / 2
    for i, (status, n) in enumerate(counts):
        cx = box.x + (i % 2) * (col_w + 8.0)
        label = ctx.fit(
            f"{ctx.t.status(status)}: {n}", "caption", col_w - 2 * r - 4.0, element="progress.status", max_lines=1
        )
        cy = y + label.ascent_mm * 0.62
        items.append(
            Rect(Box(cx, cy - r * 0.55, r * 1.1, r * 1.1), fill=_status_color(ctx, status), role="progress.key")
        )
        items += ctx.items(label, cx + r * 1.1 + 3.0, y, role="progress.key")
        if i % 2 == 1 or i == len(counts) - 1:
            y += label.line_height_mm * 1.1
    if chart:
        x = box.right + CHART_GAP
        drawn = progress_history.build(ctx, Box(x, top, full.right - x, full.h))
        items += drawn.items
        y = max(y, top + drawn.height)
    return Block(items, (y - full.y) if natural(full) else full.h)
