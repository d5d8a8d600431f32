"""Layout stage: the nulmeting as a from-to dot plot - current and desired level per dimension on the scale."""

from __future__ import annotations

from poster.content.model import Roadmap
from poster.layout.components.base import Block, natural, section_heading
from poster.layout.context import Context
from poster.layout.document import Circle, Item, Line
from poster.layout.geometry import Box


def present(roadmap: Roadmap) -> bool:
    return roadmap.baseline is not None


def _legend(ctx: Context, x: float, y: float, width: float, r: float) -> tuple[list[Item], float]:
    p = ctx.palette
    base = ctx.roadmap.baseline
    assert base is not None  # present() is False without a nulmeting, and then the engine never builds it
    now = ctx.t("baseline_current", year=base.measured.year)
    target = ctx.t("baseline_target", year=base.measured.year + base.horizon)
    items: list[Item] = []
    cx = x + r
    a = ctx.fit(now, "caption", width / 2, element="baseline.legend", color=p.text, max_lines=1)
    b = ctx.fit(target, "caption", width / 2, element="baseline.legend", color=p.text, max_lines=1)
    cy = y + a.ascent_mm * 0.62
    items.append(Circle(cx, cy, r, fill=p.primary, role="baseline.legend.current"))
    items += ctx.items(a, cx + r * 2, y, role="baseline.legend")
    cx2 = cx + r * 2 + a.width_mm + r * 5
    items.append(
        Circle(cx2, cy, r * 0.85, fill=p.background, stroke=p.accent, stroke_mm=r * 0.32, role="baseline.legend.target")
    )
    items += ctx.items(b, cx2 + r * 2, y, role="baseline.legend")
    return items, a.height_mm


def _scale_labels(ctx: Context, names: tuple[str, ...], width: float) -> list:
    """Level names on one line each if they all fit (shrinking within the caption range), else two lines."""
    p = ctx.palette
    one = [
        ctx.try_fit(n, "caption", width, element=f"baseline.scale[{i}]", color=p.muted, max_lines=1)
        for i, n in enumerate(names)
    ]
    fitted = [par for par in one if par is not None]
    if len(fitted) == len(one):
        size = min(par.style.size_pt for par in fitted)  # one size for the whole scale
        return [
            ctx.fit(n, "caption", width, element=f"baseline.scale[{i}]", color=p.muted, max_lines=1, size_pt=size)
            for i, n in enumerate(names)
        ]
    return [
        ctx.fit(n, "caption", width, element=f"baseline.scale[{i}]", color=p.muted, max_lines=2, balance=True)
        for i, n in enumerate(names)
    ]


# Given more height than it needs (a column beside a taller stappenplan), the plot's rows open up, each to at most
# this many times its natural pitch, so the column ends nearer the row's foot instead of leaving it empty.
MAX_PITCH = 2.0


def build(ctx: Context, box: Box) -> Block:
    block, used, pitches = _build(ctx, box, 0.0)
    if natural(box) or used >= box.h - 0.5 or not pitches:
        return block
    # Each row has a gap above and below its dimension: the room left is shared by those gaps. What they cannot
    # take opens above the plot, so it ends on the foot of its place, level with the column beside it.
    extra = min((box.h - used) / (2 * len(pitches)), min(pitches) * (MAX_PITCH - 1) / 2)
    block, used, _ = _build(ctx, box, extra)
    if used >= box.h - 0.5:
        return block
    down = box.h - used
    block = _build(ctx, Box(box.x, box.y + down, box.w, box.h - down), extra)[0]
    block.height = box.h
    return block


def _build(ctx: Context, box: Box, extra: float) -> tuple[Block, float, list[float]]:
    """The plot with `extra` mm added to the gap above and below each dimension; the block, the height it used
    and the rows' natural pitches."""
    base = ctx.roadmap.baseline
    assert base is not None  # present() is False without a nulmeting, and then the engine never builds it
    p = ctx.palette
    items, y = [], box.y
    head, h = section_heading(ctx, box, "baseline", ctx.t("baseline"))
    items += head
    y += h
    caption = ctx.fit(
        ctx.t("baseline_caption", measured=ctx.t.period(base.measured), horizon=base.horizon),
        "caption",
        box.w,
        element="baseline.measured",
        color=p.muted,
    )
    items += ctx.items(caption, box.x, y, role="baseline.caption")
    y += caption.height_mm + caption.line_height_mm * 0.9

    name_w = min(ctx.measure("baseline.name_width"), box.w * 0.42)
    gap = ctx.measure("card.gap")
    x0 = box.x + name_w + gap
    n = len(base.scale)
    cell = (box.right - x0) / n

    def level_x(level: float) -> float:
        return x0 + (level - 0.5) * cell

    # Level names, centred over their positions.
    labels = _scale_labels(ctx, base.scale, cell - 2.0)
    label_h = max(lab.height_mm for lab in labels)
    for i, lab in enumerate(labels):
        cx = level_x(i + 1)
        ly = y + label_h - lab.height_mm  # bottom-aligned, so one-line names sit on the track side
        items += ctx.items(lab, cx - cell / 2 + 1.0, ly, align="center", box_width=cell - 2.0, role="baseline.scale")
    y += label_h + 4.0
    grid_top = y

    r = ctx.measure("baseline.dot") / 2
    row_gap = ctx.measure("baseline.row_gap")
    legend_gap = row_gap * 2
    pitches = []
    rows = []
    notes = "baseline.no_notes" not in ctx.compact
    if not notes and any(d.note for d in base.dimensions):
        ctx.warnings.append(
            "baseline.dimensions: the page is short, so the nulmeting's notes are left out of the "
            "poster; the HTML page has them"
        )
    for i, dim in enumerate(base.dimensions):
        name = ctx.fit(dim.name, "body", name_w, element=f"baseline.dimensions[{i}].name", max_lines=2)
        note = None
        if dim.note and notes:
            note = ctx.fit(
                dim.note, "caption", name_w, element=f"baseline.dimensions[{i}].note", color=p.muted, max_lines=2
            )
        h = name.height_mm + (note.height_mm + 1.0 if note else 0.0)
        rows.append((dim, name, note, max(h, 2 * r)))
        pitches.append(max(h, 2 * r) + 2 * row_gap)
    row_gap += extra
    for dim, name, note, h in rows:
        y += row_gap
        items += ctx.items(name, box.x, y, role="baseline.dimension", ref=dim.id)
        if note:
            items += ctx.items(note, box.x, y + name.height_mm + 1.0, role="baseline.note", ref=dim.id)
        cy = y + name.ascent_mm * 0.62  # on the first line's centre of x-height
        xc, xt = level_x(dim.current), level_x(dim.target)
        items.append(Line(box.x + name_w + gap, cy, box.right, cy, p.rule, 0.35, role="baseline.track", ref=dim.id))
        if abs(xt - xc) > 2 * r:
            items.append(Line(xc, cy, xt, cy, p.tint(p.primary, 0.45), r * 0.75, role="baseline.gap", ref=dim.id))
        items.append(
            Circle(
                xt,
                cy,
                r * 0.85,
                fill=p.background,
                stroke=p.accent,
                stroke_mm=r * 0.32,
                role="baseline.target",
                ref=dim.id,
            )
        )
        items.append(Circle(xc, cy, r, fill=p.primary, role="baseline.current", ref=dim.id))
        y += h + row_gap
        items.append(Line(box.x, y, box.right, y, p.rule, 0.25, role="baseline.separator"))
    # Faint level guides behind the dots (drawn first so everything sits on top).
    guides = [
        Line(level_x(i + 1), grid_top, level_x(i + 1), y, p.rule, 0.25, dash_mm=(1.0, 1.6), role="baseline.guide")
        for i in range(n)
    ]
    items = guides + items
    y += legend_gap
    legend, lh = _legend(ctx, box.x + name_w + gap, y, box.right - x0, r * 0.8)
    items += legend
    y += lh
    return Block(items, (y - box.y) if natural(box) else box.h), y - box.y, pitches
