"""Layout stage: the stappenplan - time axis, milestones, "we are here", and one lane of step bars per pillar.

Sizing: the plan is the page's "fill" component. Its natural height depends on
the step label size, so `build` tries the layout's step size and shrinks in
half points to the minimum until the lanes fit the box, then spreads any room
left over into the rows (up to `max_stretch`).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from poster.content.model import Pillar, Status, Step
from poster.layout.components.base import Block, natural, section_heading
from poster.layout.components.plan_steps import StepGeometry, dependency_arrows, lay_steps, pack_steps, step_items
from poster.layout.document import Item, Line, Rect, Text
from poster.layout.geometry import Box, pt_to_mm
from poster.layout.marks import diamond
from poster.layout.timeline import Scale, axis, grid, open_spans, pack_rows


def present(roadmap) -> bool:
    return True


def _scale(ctx, box: Box) -> Scale:
    plan = ctx.roadmap.plan
    x0 = box.x + ctx.measure("plan.lane_label_width") + ctx.measure("card.gap")
    return Scale(x0, box.right, plan.start_date, plan.end_date)


def _sizes(ctx) -> list[float]:
    low = ctx.spec.type("step").min_pt
    sizes, s = [], ctx.type_size("step")
    while s >= low - 1e-9:
        sizes.append(s)
        s -= 0.5
    return sizes or [low]


def min_height(ctx, width: float) -> float:
    return _lay(ctx, Box(0.0, 0.0, width, 0.0), _sizes(ctx)[-1], 0.0, measure_only=True).height


def max_height(ctx, width: float) -> float:
    """The height with every row stretched as far as it may (the rest of a tall page goes between the rows)."""
    return _lay(ctx, Box(0.0, 0.0, width, 0.0), _sizes(ctx)[0], math.inf, measure_only=True).height


def build(ctx, box: Box) -> Block:
    sizes = _sizes(ctx)
    if natural(box):
        return _lay(ctx, box, sizes[0], 0.0)
    # Trial layouts at each size only measure: what they find is reported by the real one below.
    chosen, base = sizes[-1], None
    with ctx.quietly():
        for size in sizes:
            height = _lay(ctx, box, size, 0.0, measure_only=True).height
            if height <= box.h + 0.01:
                chosen, base = size, height
                break
        if base is None:
            base = _lay(ctx, box, chosen, 0.0, measure_only=True).height
    spare = max(box.h - base, 0.0)
    block = _lay(ctx, box, chosen, spare)
    block.height = box.h
    return block


@dataclass
class _Lane:
    pillar: Pillar
    steps: list[StepGeometry]
    rows: int
    label: list  # (kind, paragraph) of the lane header
    label_h: float
    counts: tuple[int, int]  # steps done, steps counted


MINI_BAR = 3.0  # mm, the lane header's progress bar
LANE_CARD_PAD = 4.0  # mm of card right of the lane header's text


def _lane_header(ctx, pillar, steps: tuple[Step, ...], width: float, index: int):
    """Paragraphs of a lane's header (name, and with lane_detail the goal and linked dimensions) and its height.

    The last part is always "x van y stappen gereed", drawn over a small bar.
    """
    p = ctx.palette
    element = f"strategy.pillars[{index}]"
    name_color = ctx.ink(p.pillar(pillar.id), p.card(pillar.id))
    parts = [
        (
            "name",
            ctx.fit(pillar.name, "lane", width, element=f"{element}.name", color=name_color, max_lines=3, balance=True),
        )
    ]
    if ctx.measure("plan.lane_detail", 0.0) >= 1:
        if pillar.goal:
            parts.append(("goal", ctx.fit(pillar.goal, "lane_goal", width, element=f"{element}.goal")))
        if pillar.dimensions:
            dims = f"{ctx.t('improves')}: " + " · ".join(d.name for d in pillar.dimensions)
            parts.append(
                ("dimensions", ctx.fit(dims, "caption", width, element=f"{element}.dimensions", color=p.muted))
            )
    counted = [s for s in steps if s.status is not Status.CANCELLED]
    done = sum(1 for s in counted if s.status is Status.DONE)
    parts.append(
        (
            "count",
            ctx.fit(
                ctx.t("steps_done", done=done, total=len(counted)),
                "caption",
                width,
                element=f"plan.lanes[{pillar.id}]",
                color=p.text,
                max_lines=2,
            ),
        )
    )
    height = sum(par.height_mm for _, par in parts) + sum(par.line_height_mm * 0.3 for _, par in parts[1:])
    return parts, height + 2.0 + MINI_BAR, (done, len(counted))


def _lane_header_items(ctx, lane: _Lane, x: float, y: float, width: float) -> list[Item]:
    p = ctx.palette
    color = p.pillar(lane.pillar.id)
    items: list[Item] = []
    for i, (kind, par) in enumerate(lane.label):
        if i:
            y += par.line_height_mm * 0.3
        items += ctx.items(par, x, y, role=f"plan.lane.{kind}", ref=lane.pillar.id)
        y += par.height_mm
    y += 2.0
    done, total = lane.counts
    items.append(Rect(Box(x, y, width, MINI_BAR), fill=p.tint(color, 0.2), role="plan.lane.track", ref=lane.pillar.id))
    if total and done:
        items.append(
            Rect(Box(x, y, width * done / total, MINI_BAR), fill=color, role="plan.lane.progress", ref=lane.pillar.id)
        )
    return items


def _milestones(ctx, scale: Scale, y: float, size_mm: float) -> tuple[list[Item], float, list]:
    """Diamonds on their dates with labels beside them, stacked into rows where labels would collide."""
    p = ctx.palette
    ms = [m for m in ctx.roadmap.plan.milestones if scale.contains(m.day)]
    if not ms:
        return [], 0.0, []
    r = size_mm * 0.42
    laid = []
    for _i, m in enumerate(ms):
        par = ctx.fit(
            m.title,
            "milestone",
            scale.x1 - scale.x0,
            element=f"plan.milestones[{m.id}].title",
            color=p.primary if m.done else p.text,
            max_lines=1,
        )
        # A diamond on the period's first or last day leans inwards so it stays on the axis.
        cx = min(max(scale.x_after(m.day), scale.x0 + r * 1.25), scale.x1 - r * 1.25)
        right = cx + r + 2.0 + par.width_mm
        if right <= scale.x1:
            extent, tx = (cx - r, right), cx + r + 2.0
        else:  # too close to the end: the label goes to the left of the diamond
            extent, tx = (cx - r - 2.0 - par.width_mm, cx + r), cx - r - 2.0 - par.width_mm
        laid.append((m, par, cx, tx, extent))
    rows = pack_rows([e for *_, e in laid], 6.0)
    row_h = max(par.line_height_mm for _, par, *_ in laid) * 1.05
    items: list[Item] = []
    marks = []
    for (m, par, cx, tx, _), row in zip(laid, rows):
        top = y + row * row_h
        cy = top + par.ascent_mm * 0.62
        items.append(diamond(cx, cy, r, color=p.primary, background=p.background, filled=m.done, ref=m.id))
        items += ctx.items(par, tx, top, role="plan.milestone.label", ref=m.id)
        marks.append((cx, cy + r))
    return items, (max(rows) + 1) * row_h, marks


def _we_are_here(ctx, scale: Scale, y: float) -> tuple[list[Item], float, float | None]:
    """The accent tag 'We zijn hier · 16 mrt 2026' above the axis; returns items, height and the line's x."""
    p = ctx.palette
    as_of = ctx.as_of
    if not scale.contains(as_of):
        return [], 0.0, None
    x = scale.x(as_of)
    label = f"{ctx.t('we_are_here')} · {ctx.t.date(as_of, short=True)}"
    par = ctx.fit(label, "marker", scale.x1 - scale.x0, element="plan.as_of", color=p.background, max_lines=1)
    pad = par.style.size_pt * 0.353 * 0.45
    w, h = par.width_mm + 2 * pad, par.ascent_mm + par.descent_mm + pad
    tx = x if x + w <= scale.x1 else x - w  # the tag hangs right of the line unless it would leave the axis
    tx = max(tx, scale.x0 - ctx.measure("card.gap"))
    items: list[Item] = [Rect(Box(tx, y, w, h), fill=p.accent, radius_mm=1.2, role="plan.as_of.tag")]
    items += ctx.items(par, tx + pad, y + pad * 0.5, role="plan.as_of.label")
    return items, h, x


@dataclass
class _Top:
    """What stands above the lanes: heading, intro, the "we are here" tag, the axis and the milestones."""

    items: list[Item]
    axis_items: list[Item]
    milestone_items: list[Item]
    milestone_marks: list[tuple[float, float]]
    axis_top: float
    axis_bottom: float
    now_x: float | None
    bottom: float


def _top(ctx, box: Box, scale: Scale, size_pt: float, label_w: float) -> _Top:
    plan = ctx.roadmap.plan
    period = ctx.t("plan_period", start=ctx.t.period(plan.start), end=ctx.t.period(plan.end))
    # With the pillars' goals in the lane headers, this section is the strategy too.
    detail = ctx.measure("plan.lane_detail", 0.0) >= 1
    items, h = section_heading(ctx, box, "plan", ctx.t("strategy_plan" if detail else "plan"), aside=period)
    y = box.y + h
    intro_bottom = y
    intro = ctx.roadmap.strategy.intro if detail else None
    if intro:
        # The strategy's intro fills the lane-header column beside the time axis, above the lanes it introduces.
        par = ctx.fit(intro, "body", label_w + 6.0, element="strategy.intro")
        items += ctx.items(par, box.x, y, role="strategy.intro")
        intro_bottom = y + par.height_mm
    tag, tag_h, now_x = _we_are_here(ctx, scale, y)
    items += tag
    y += tag_h + (2.0 if tag else 0.0)
    axis_top = y
    axis_items, axis_h = axis(ctx, scale, y)
    y += axis_h
    gap = ctx.measure("plan.axis_gap")
    ms_items, ms_h, ms_marks = _milestones(ctx, scale, y + gap, pt_to_mm(size_pt))
    if ms_items:
        y += ms_h + gap
    bottom = max(y, intro_bottom + gap) + gap
    return _Top(items, axis_items, ms_items, ms_marks, axis_top, axis_top + axis_h, now_x, bottom)


def _lanes(ctx, scale: Scale, size_pt: float, label_w: float) -> list[_Lane]:
    lanes = []
    for index, pillar in enumerate(ctx.roadmap.strategy.pillars):
        steps = ctx.roadmap.steps_of(pillar)
        geoms = lay_steps(ctx, steps, scale, size_pt)
        n_rows = pack_steps(geoms, ctx.measure("plan.item_gap"))
        label, label_h, counts = _lane_header(ctx, pillar, steps, label_w, index)
        lanes.append(_Lane(pillar, geoms, n_rows, label, label_h, counts))
    return lanes


def _place_lanes(
    ctx, box: Box, lanes: list[_Lane], y: float, size_pt: float, spare: float, label_w: float
) -> tuple[list[Item], float]:
    """Lane cards and separators, and each step placed in its row; returns the items and the lanes' bottom.

    Room to spare widens the row pitch (up to max_stretch); the engine puts the rest between the page's rows.
    """
    p = ctx.palette
    k = size_pt / ctx.spec.type("step").size_pt
    bar_h = ctx.measure("plan.bar_height") * k
    row_gap = ctx.measure("plan.row_gap") * k
    pad = ctx.measure("plan.lane_padding")
    pitch = bar_h + row_gap
    rows_total = sum(max(lane.rows, 1) for lane in lanes)
    extra = min(spare / max(rows_total + len(lanes), 1), pitch * (ctx.measure("plan.max_stretch") - 1))
    items: list[Item] = []
    for i, lane in enumerate(lanes):
        rows_h = max(lane.rows, 1) * (pitch + extra) - row_gap - extra
        inner = max(rows_h, lane.label_h)
        lane_h = inner + 2 * pad + extra
        color = p.pillar(lane.pillar.id)
        # The lane header is the pillar's card: a light tint of its colour with a band down the left.
        card = Box(box.x, y + pad * 0.5, label_w + 6.0 + LANE_CARD_PAD, lane_h - pad)
        items.append(Rect(card, fill=p.card(lane.pillar.id), role="plan.lane.card", ref=lane.pillar.id))
        items.append(Rect(card.with_width(2.2), fill=color, role="plan.lane.bar", ref=lane.pillar.id))
        items += _lane_header_items(ctx, lane, box.x + 6.0, y + pad + extra / 2, label_w)
        rows_top = y + pad + extra / 2 + (inner - rows_h) / 2
        for g in lane.steps:
            g.place(ctx, rows_top + g.row * (pitch + extra), bar_h)
        y += lane_h
        if i < len(lanes) - 1:
            items.append(Line(box.x, y, box.right, y, p.rule, 0.3, role="plan.lane.separator"))
    return items, y


def _guides(ctx, top: _Top, placed: list[StepGeometry], bottom: float) -> list[Item]:
    """Milestone and "we are here" lines down through the lanes, stopping short of every text they would cross."""
    p = ctx.palette
    texts = [i.bbox for i in top.axis_items + top.milestone_items if isinstance(i, Text)]
    texts += [t.bbox for g in placed for t in g.texts]
    items: list[Item] = []
    for cx, cy in top.milestone_marks:
        for y0, y1 in open_spans(cx, cy + 1.0, bottom, texts, 1.2):
            items.append(
                Line(cx, y0, cx, y1, p.tint(p.primary, 0.35), 0.3, dash_mm=(0.6, 1.6), role="plan.milestone.line")
            )
    if top.now_x is not None:
        for y0, y1 in open_spans(top.now_x, top.axis_top, bottom, texts, 1.2):
            items.append(Line(top.now_x, y0, top.now_x, y1, p.accent, 0.7, role="plan.as_of.line"))
    return items


def _lay(ctx, box: Box, size_pt: float, spare: float, measure_only: bool = False) -> Block:
    """The whole stappenplan at one step-label size; `spare` mm beyond its natural height to stretch into."""
    scale = _scale(ctx, box)
    label_w = ctx.measure("plan.lane_label_width") - 6.0 - LANE_CARD_PAD
    top = _top(ctx, box, scale, size_pt, label_w)
    lanes = _lanes(ctx, scale, size_pt, label_w)
    lane_items, bottom = _place_lanes(ctx, box, lanes, top.bottom, size_pt, spare, label_w)
    if measure_only:
        return Block([], bottom - box.y)
    placed = [g for lane in lanes for g in lane.steps]
    # Drawing order: backgrounds and grid, axis, guides, milestones, lanes, the bars, then the arrows between them.
    items = top.items + grid(ctx, scale, top.axis_bottom, bottom) + top.axis_items
    items += _guides(ctx, top, placed, bottom) + top.milestone_items + lane_items
    for g in placed:
        items += step_items(ctx, g)
    if natural(box):  # only measured
        return Block(items, bottom - box.y)
    guides = tuple(x for x, _ in top.milestone_marks) + ((top.now_x,) if top.now_x is not None else ())
    arrows, ctx.drawn_dependencies = dependency_arrows(
        ctx,
        placed,
        Box(scale.x0, top.bottom, scale.x1 - scale.x0, bottom - top.bottom),
        ctx.measure("plan.row_gap") * size_pt / ctx.spec.type("step").size_pt,
        guides,
    )
    return Block(items + arrows, bottom - box.y)
