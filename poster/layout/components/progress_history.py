"""Layout stage: "Voortgang door de tijd" - a small chart of the overall progress per quarter, under the progress figure.

One bar per quarter (the progress at the quarter's end, as committed to git),
its percentage above it, the quarter below it and the steps done under that;
the quarter of the reporting date is drawn full strength with a small accent
mark at the day itself, earlier quarters in a light tint. Three quiet grid
lines (0, 50, 100 %) and nothing else: it sits beside the big figure and must
not compete with it. Drawn only when the build has history
(`build --history`, or `progress: {history: 1}` under the layout's measures).
The numbers come from poster.progress.history via the build (Highlights.history).
"""

from __future__ import annotations

from poster.layout.components.base import Block
from poster.layout.context import Context, HistoryQuarter
from poster.layout.document import Item, Line, Path, Rect
from poster.layout.geometry import Box, pt_to_mm

MAX_QUARTERS = 12  # three years; older quarters are left off


def quarters(ctx: Context) -> tuple[HistoryQuarter, ...]:
    h = ctx.highlights
    return tuple(h.history[-MAX_QUARTERS:]) if h is not None and h.history else ()


def build(ctx: Context, box: Box) -> Block:
    """The chart at the top of `box`, its full width; an empty block when the build has no history."""
    data = quarters(ctx)
    if not data:
        return Block([], 0.0)
    p = ctx.palette
    items: list[Item] = []
    title = ctx.fit(ctx.t("history_title"), "body_strong", box.w, element="progress.history", max_lines=1)
    y = box.y - title.ascent_mm * 0.25  # the capitals' top on the box's top, level with the big figure beside it
    items += ctx.items(title, box.x, y, role="progress.history.title")
    y += title.height_mm
    sub = ctx.fit(ctx.t("history_caption"), "caption", box.w, element="progress.history", color=p.muted, max_lines=3)
    items += ctx.items(sub, box.x, y, role="progress.history.caption")
    y += sub.height_mm + sub.line_height_mm * 0.6

    small = pt_to_mm(ctx.style("caption").size_pt)  # the caption's size in mm: the chart's unit
    done_word = ctx.fit(ctx.t("history_done"), "caption", box.w * 0.3, element="progress.history", color=p.muted)
    axis_w = max(ctx.fit("100%", "caption", box.w, element="progress.history").width_mm, done_word.width_mm)
    left = box.x + axis_w + small * 0.8
    plot_w = box.right - left
    slot = plot_w / len(data)
    bar_w = min(slot * 0.62, small * 4.5)
    value_h = small * 1.5  # room above the tallest bar for its percentage
    plot_h = max(small * 5.0, min(plot_w * 0.3, small * 7.5))
    top = y + value_h
    base = top + plot_h

    for level in (0, 50, 100):  # the grid: hairlines, labelled at the left
        gy = base - plot_h * level / 100
        items.append(
            Line(
                left,
                gy,
                box.right,
                gy,
                p.rule if level else p.muted,
                0.35 if level else 0.5,
                role="progress.history.grid",
            )
        )
        lab = ctx.fit(f"{level}%", "caption", axis_w, element="progress.history", color=p.muted, max_lines=1)
        items += ctx.items(lab, box.x + axis_w - lab.width_mm, gy - lab.ascent_mm * 0.72, role="progress.history.axis")

    widest = ctx.fit("100%", "caption", box.w, element="progress.history", max_lines=1).width_mm
    roomy = widest <= slot * 0.9
    label_y = base + small * 1.15
    q_h = done_h = 0.0
    for i, q in enumerate(data):
        cx = left + slot * (i + 0.5)
        h = plot_h * q.progress / 100
        color = p.primary if q.current else p.tint(p.primary, 0.38)
        if h > 0:
            items.append(
                Rect(Box(cx - bar_w / 2, base - h, bar_w, h), fill=color, role="progress.history.bar", ref=q.label)
            )
        if roomy or q.current or i == 0:  # crowded (many quarters): the first and the current value only
            value = ctx.fit(
                f"{q.progress}%",
                "caption",
                box.w,
                element="progress.history",
                color=p.primary if q.current else p.muted,
                max_lines=1,
            )
            vy = base - h - value.height_mm * 1.02
            # A grid line runs behind the figure, not through it: the page's ground under the text.
            pad = small * 0.2
            # Centred on the bar, but never past the chart's edges (a figure grown with the page's type would be).
            gx = min(max(cx - value.width_mm / 2 - pad, box.x), box.right - value.width_mm - 2 * pad)
            ground = Box(gx, vy + value.height_mm * 0.12, value.width_mm + 2 * pad, value.height_mm * 0.8)
            items.append(Rect(ground, fill=p.background, role="progress.history.value_ground"))
            items += ctx.items(value, gx + pad, vy, role="progress.history.value")
        ql = ctx.fit(
            ctx.t("quarter", n=q.quarter),
            "caption",
            box.w,
            element="progress.history",
            color=p.text if q.current else p.muted,
            max_lines=1,
        )
        items += ctx.items(ql, cx - ql.width_mm / 2, label_y, role="progress.history.quarter")
        q_h = max(q_h, ql.height_mm)
        if q.quarter == 1 or i == 0:  # the year under the first quarter shown and under every K1
            yl = ctx.fit(str(q.year), "caption", box.w, element="progress.history", color=p.muted, max_lines=1)
            items += ctx.items(yl, cx - yl.width_mm / 2, label_y + ql.height_mm, role="progress.history.year")
        count = ctx.fit(str(q.done), "caption", box.w, element="progress.history", color=p.text, max_lines=1)
        done_y = label_y + ql.height_mm * 2 + small * 0.6
        items += ctx.items(count, cx - count.width_mm / 2, done_y, role="progress.history.done")
        done_h = count.height_mm
        if q.current and q.fraction is not None:  # the reporting date: a small accent mark under the axis
            mx = cx - slot / 2 + slot * q.fraction
            t = small * 0.55
            items.append(
                Path(
                    (("M", mx, base + 0.2), ("L", mx - t, base + t * 1.5), ("L", mx + t, base + t * 1.5), ("Z",)),
                    fill=p.accent,
                    role="progress.history.as_of",
                )
            )
    done_y = label_y + q_h * 2 + small * 0.6
    items += ctx.items(done_word, box.x + axis_w - done_word.width_mm, done_y, role="progress.history.done_label")
    return Block(items, done_y + done_h - box.y)
