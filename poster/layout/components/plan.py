"""Layout stage: the stappenplan - time axis, milestones, "we are here", and one lane of step bars per pillar.

Sizing: the plan is the page's "fill" component. Its natural height depends on
the step label size, so `build` tries the layout's step size and shrinks in
half points to the minimum until the lanes fit the box, then spreads any room
left over into the rows (up to `max_stretch`).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import cast

from poster.content.model import Milestone, Pillar, Roadmap, Status, Step
from poster.layout.components.base import Block, natural, section_heading
from poster.layout.components.plan_steps import (
    LabelOption,
    StepGeometry,
    StepMetrics,
    dependency_arrows,
    lay_steps,
    pack_by_rows,
    pack_steps,
    step_items,
    step_metrics,
)
from poster.layout.context import Context
from poster.layout.document import Item, Line, Rect, Text
from poster.layout.geometry import Box, pt_to_mm
from poster.layout.marks import diamond
from poster.layout.text import Paragraph
from poster.layout.timeline import Scale, axis, grid, open_spans


def present(roadmap: Roadmap) -> bool:
    return True


def _scale(ctx: Context, box: Box, col: float = 1.0) -> Scale:
    """The time axis, right of the lane-header column (`col`: its share of plan.lane_label_width)."""
    plan = ctx.roadmap.plan
    x0 = box.x + ctx.measure("plan.lane_label_width") * col + ctx.measure("card.gap")
    return Scale(x0, box.right, plan.start_date, plan.end_date)


def _label_width(ctx: Context, col: float = 1.0) -> float:
    """The width of a lane header's text."""
    return ctx.measure("plan.lane_label_width") * col - 6.0 - LANE_CARD_PAD


def _sizes(ctx: Context) -> list[float]:
    """Step-label sizes to try, largest first: from the layout's size grown by the page's fill factor down to
    the minimum, in half points."""
    low = ctx.spec.type("step").min_pt
    top = _step_size(ctx)
    if ctx.type_factor >= 1.0:  # a page with room to spare: the plan may grow on its own up to the cap
        top = max(top, ctx.spec.type("step").size_pt * _grow_cap(ctx))
    sizes, s = [], top
    while s >= low - 1e-9:
        sizes.append(max(round(s, 3), low))  # rounding never goes below the minimum
        s -= 0.5
    if not sizes or sizes[-1] > low + 1e-9:
        sizes.append(low)
    return sizes


def _grow_cap(ctx: Context) -> float:
    """How far the step labels, bars and rows may grow on a page with room to spare (layout: fill.max_type)."""
    return max(ctx.spec.measure("fill.max_type", 1.0), 1.0)


@dataclass(frozen=True)
class _Way:
    """One way to set the lanes: the row pitch, the lane-header column's width and how steps are packed.

    The ways other than the first make a dense plan lower, each at a small cost in points of label size: a
    way is taken only where it lets the labels be larger than a cheaper way does."""

    compact: bool = False  # a tighter row pitch (less room around the label in its bar, a smaller row gap)
    col: float = 1.0  # the lane-header column's share of plan.lane_label_width (a narrower one widens the axis)
    fill_rows: bool = False  # also try packing the lanes row by row (pack_steps' fill_rows)
    cost: float = 0.0  # in points of label size

    @property
    def normal(self) -> bool:
        return not self.compact and self.col == 1.0 and not self.fill_rows


NORMAL = _Way()
# What each departure from the normal way costs, in points of label size.
COMPACT_COST_PT = 0.25
FILL_ROWS_COST_PT = 0.05
COLUMNS = ((1.0, 0.0), (0.8, 0.1), (0.65, 0.2))  # the lane-header column's share and its cost


def _ways() -> list[_Way]:
    """Every way to set the lanes, cheapest first."""
    ways = [
        _Way(compact, col, fill, (COMPACT_COST_PT if compact else 0.0) + (FILL_ROWS_COST_PT if fill else 0.0) + cost)
        for compact in (False, True)
        for fill in (False, True)
        for col, cost in COLUMNS
    ]
    return sorted(ways, key=lambda w: w.cost)


DENSEST = tuple(_Way(True, col, True) for col, _ in COLUMNS)  # the lowest ways (which is lowest varies)


def _lowest(ctx: Context, box: Box, size: float) -> tuple[_Way, float]:
    """The densest way that sets the plan lowest at this size, and that height."""
    heights = [(_lay(ctx, box, size, 0.0, way, measure_only=True).height, i) for i, way in enumerate(DENSEST)]
    h, i = min(heights)
    return DENSEST[i], h


def min_height(ctx: Context, width: float) -> float:
    return _lowest(ctx, Box(0.0, 0.0, width, 0.0), _sizes(ctx)[-1])[1]


def comfort_height(ctx: Context, width: float) -> float:
    """The least height at the comfortable step size: halfway from the layout's size to its minimum (A0: 18 pt).

    The engine lets the plan give way this far before anything is left out of the poster, and to its
    minimum only after that."""
    t = ctx.spec.type("step")
    size = max(math.floor((t.size_pt + t.min_pt) / 2 * 4) / 4, t.min_pt)
    size = min(size, _step_size(ctx))
    return _lowest(ctx, Box(0.0, 0.0, width, 0.0), size)[1]


def max_height(ctx: Context, width: float) -> float:
    """The height with every row stretched as far as it may (the rest of a tall page goes between the rows)."""
    return _lay(ctx, Box(0.0, 0.0, width, 0.0), _sizes(ctx)[0], math.inf, measure_only=True).height


def preferred_height(ctx: Context, width: float) -> float:
    """The height at the current step size with full lane headers (what the plan asks for before the rest of
    the page gives way)."""
    return _lay(ctx, Box(0.0, 0.0, width, 0.0), _step_size(ctx), 0.0, measure_only=True, full_headers=True).height


def _step_size(ctx: Context) -> float:
    """The plan's preferred step-label size: the layout's, grown with the page, in quarter points.

    The plan sizes its own labels (per area): the rest of the page shrinking does not shrink them; the
    plan gives way only in its own turn (see the engine), and then picks the largest size its box holds.
    """
    return max(math.floor(ctx.spec.type("step").size_pt * ctx.grow * 4 + 1e-6) / 4, ctx.spec.type("step").min_pt)


def _trial(ctx: Context, box: Box, size: float, way: _Way) -> float | None:
    """The plan's height at this size and way, or None if some title fits nowhere at it.

    Above the current step size (a page with room to spare) the lane headers must keep their full form.
    """
    block = _lay(ctx, box, size, 0.0, way, measure_only=True, full_headers=size > _step_size(ctx) + 1e-6)
    return block.height if block.fits else None


def best_mode(ctx: Context, box: Box) -> tuple[float, _Way, float] | None:
    """The preferred (size, way, height) whose plan fits the box, or None.

    Height grows with the size, so each way of setting the lanes is searched by bisection over the sizes,
    cheapest way first; the results are weighed by size less the way's cost, and a way that cannot beat the
    best found even at the largest size is not tried. Only the normal way grows the labels beyond the plan's
    preferred size: the denser ways are for a plan that would otherwise have to give way.
    """
    sizes = _sizes(ctx)
    preferred = next((i for i, s in enumerate(sizes) if s <= _step_size(ctx) + 1e-6), len(sizes) - 1)
    best, score = None, -math.inf
    with ctx.quietly():
        for way in _ways():
            first = 0 if way.normal else preferred
            if sizes[first] - way.cost <= score:
                continue
            lo, hi = first, len(sizes) - 1  # sizes[lo] is the largest still untried
            while lo <= hi:
                mid = (lo + hi) // 2
                if sizes[mid] - way.cost <= score:
                    break  # no better than what another way found
                h = _trial(ctx, box, sizes[mid], way)
                if h is not None and h <= box.h + 0.01:
                    best, score, hi = (sizes[mid], way, h), sizes[mid] - way.cost, mid - 1
                else:
                    lo = mid + 1
    return best


def build(ctx: Context, box: Box) -> Block:
    if natural(box):
        return _lay(ctx, box, _step_size(ctx), 0.0, full_headers=True)
    # Trial layouts only measure: what they find is reported by the real one below.
    mode = best_mode(ctx, box)
    if mode is None:
        size = _sizes(ctx)[-1]
        with ctx.quietly():
            way, base = _lowest(ctx, box, size)
    else:
        size, way, base = mode
    block = _lay(ctx, box, size, max(box.h - base, 0.0), way, full_headers=size > _step_size(ctx) + 1e-6)
    block.height = box.h
    return block


@dataclass
class _Lane:
    pillar: Pillar
    index: int
    steps: list[StepGeometry]
    heights: list[float]  # of the rows
    headers: list[tuple[list, float]]  # the lane header's forms, richest first: (kind, paragraph)s and height
    counts: tuple[int, int]  # steps done, steps counted
    form: int = 0  # the header form used

    @property
    def label(self) -> list:
        return self.headers[self.form][0]

    @property
    def label_h(self) -> float:
        return self.headers[self.form][1]


MINI_BAR = 3.0  # mm, the lane header's progress bar
LANE_CARD_PAD = 4.0  # mm of card right of the lane header's text


def _lane_headers(ctx: Context, pillar: Pillar, steps: tuple[Step, ...], width: float, index: int):
    """The forms a lane's header can take, richest first, each as its paragraphs and height.

    With lane_detail: name, goal and linked dimensions; then name and the goal as a caption; then the name
    alone. The last part is always "x van y stappen gereed", drawn over a small bar. A dense lane takes the
    richest form no taller than its rows, so the header never sets the lane's height.
    """
    p = ctx.palette
    element = f"strategy.pillars[{index}]"
    name_color = ctx.ink(p.pillar(pillar.id), p.card(pillar.id))
    name = (
        "name",
        ctx.fit(pillar.name, "lane", width, element=f"{element}.name", color=name_color, max_lines=3, balance=True),
    )
    counted = [s for s in steps if s.status is not Status.CANCELLED]
    done = sum(1 for s in counted if s.status is Status.DONE)
    count = (
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
    forms = [[name]]
    if ctx.measure("plan.lane_detail", 0.0) >= 1:
        full = [name]
        if pillar.goal:
            full.append(("goal", ctx.fit(pillar.goal, "lane_goal", width, element=f"{element}.goal")))
        if pillar.dimensions:
            dims = f"{ctx.t('improves')}: " + " · ".join(d.name for d in pillar.dimensions)
            full.append(("dimensions", ctx.fit(dims, "caption", width, element=f"{element}.dimensions", color=p.muted)))
        forms = [full]
        if pillar.goal:
            forms.append([name, ("goal_caption", ctx.fit(pillar.goal, "caption", width, element=f"{element}.goal"))])
        if len(forms[-1]) > 1:
            forms.append([name])
    out = []
    for parts in forms:
        parts = parts + [count]
        height = sum(par.height_mm for _, par in parts) + sum(par.line_height_mm * 0.3 for _, par in parts[1:])
        out.append((parts, height + 2.0 + MINI_BAR))
    return out, (done, len(counted))


def _lane_header_items(ctx: Context, lane: _Lane, x: float, y: float, width: float) -> list[Item]:
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


def _milestones(ctx: Context, scale: Scale, y: float, size_mm: float) -> tuple[list[Item], float, list]:
    """Diamonds on their dates with labels beside them, stacked into rows where labels would collide."""
    p = ctx.palette
    ms = [m for m in ctx.roadmap.plan.milestones if scale.contains(m.day)]
    if not ms:
        return [], 0.0, []
    r = size_mm * 0.42
    laid = []

    def fit(m: Milestone, width: float, lines: int) -> Paragraph:
        color = p.primary if m.done else p.text
        return ctx.fit(
            m.title, "milestone", width, element=f"plan.milestones[{m.id}].title", color=color, max_lines=lines
        )

    for m in ms:
        par = fit(m, scale.x1 - scale.x0, 1)
        # A diamond on the period's first or last day leans inwards so it stays on the axis.
        cx = min(max(scale.x_after(m.day), scale.x0 + r * 1.25), scale.x1 - r * 1.25)
        # The label right of its diamond, or left of it where that saves a row (or the axis ends).
        sides = [
            ((cx - r, cx + r + 2.0 + par.width_mm), cx + r + 2.0),
            ((cx - r - 2.0 - par.width_mm, cx + r), cx - r - 2.0 - par.width_mm),
        ]
        free = [(e, tx) for e, tx in sides if e[0] >= scale.x0 - 0.01 and e[1] <= scale.x1 + 0.01]
        if not free:  # too long for either side on one line: on the roomier side, on up to three lines
            right, left = scale.x1 - (cx + r + 2.0), (cx - r - 2.0) - scale.x0
            par = fit(m, max(right, left), 3)
            if right >= left:
                free = [((cx - r, cx + r + 2.0 + par.width_mm), cx + r + 2.0)]
            else:
                free = [((cx - r - 2.0 - par.width_mm, cx + r), cx - r - 2.0 - par.width_mm)]
        laid.append((m, par, cx, free))
    rows, placed = _milestone_rows([(cx, sides) for _, _, cx, sides in laid], 6.0)
    # Each row as tall as its tallest label (a long title may take more than one line).
    line_h = max(par.line_height_mm for _, par, *_ in laid) * 1.05
    row_h = [line_h] * (max(rows) + 1)
    for (_, par, _, _), row in zip(laid, rows):
        row_h[row] = max(row_h[row], line_h * len(par.lines))
    tops = [y + sum(row_h[:i]) for i in range(len(row_h))]
    items: list[Item] = []
    marks = []
    for (m, par, cx, _), row, tx in zip(laid, rows, placed):
        top = tops[row]
        cy = top + par.ascent_mm * 0.62
        items.append(diamond(cx, cy, r, color=p.primary, background=p.background, filled=m.done, ref=m.id))
        items += ctx.items(par, tx, top, role="plan.milestone.label", ref=m.id)
        marks.append((cx, cy + r))
    return items, sum(row_h), marks


def _milestone_rows(
    marks: list[tuple[float, list[tuple[tuple[float, float], float]]]], gap: float
) -> tuple[list[int], list[float]]:
    """The row and label x of each milestone: in date order, each in the first row where its label is free
    right of the diamond, else left of it; a new row only when neither side is free in any row."""
    rows: list[list[tuple[float, float]]] = []
    out_row, out_x = [0] * len(marks), [0.0] * len(marks)
    for i in sorted(range(len(marks)), key=lambda i: marks[i][0]):
        sides = marks[i][1]
        if not sides:  # wider than the axis on either side (fit has reported it): right of the diamond
            sides = [((marks[i][0], marks[i][0]), marks[i][0])]
        spot = next(
            (
                (r, extent, tx)
                for r, row in enumerate(rows)
                for extent, tx in sides
                if all(b + gap <= extent[0] or a >= extent[1] + gap for a, b in row)
            ),
            None,
        )
        if spot is None:
            rows.append([])
            spot = (len(rows) - 1, sides[0][0], sides[0][1])
        r, extent, tx = spot
        rows[r].append(extent)
        out_row[i], out_x[i] = r, tx
    return out_row, out_x


def _we_are_here(ctx: Context, scale: Scale, y: float) -> tuple[list[Item], float, float | None]:
    """The accent tag 'We zijn hier · 16 mrt 2026' above the axis; returns items, height and the line's x."""
    p = ctx.palette
    as_of = ctx.as_of
    if not scale.contains(as_of):
        return [], 0.0, None
    x = scale.x(as_of)
    label = f"{ctx.t('we_are_here')} · {ctx.t.date(as_of, short=True)}"
    par = ctx.fit(label, "marker", scale.x1 - scale.x0, element="plan.as_of", color=p.background, max_lines=1)
    pad = pt_to_mm(par.style.size_pt) * 0.45
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


def _top(ctx: Context, box: Box, scale: Scale, size_pt: float, label_w: float) -> _Top:
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


def _lanes(
    ctx: Context, scale: Scale, m: StepMetrics, label_w: float, full_headers: bool = False, fill_rows: bool = False
) -> list[_Lane]:
    lanes = []
    for index, pillar in enumerate(ctx.roadmap.strategy.pillars):
        steps = ctx.roadmap.steps_of(pillar)
        geoms, heights = _packed_lane(ctx, pillar.id, steps, scale, m, fill_rows)
        headers, counts = _lane_headers(ctx, pillar, steps, label_w, index)
        lane = _Lane(pillar, index, geoms, heights, headers, counts)
        rows_h = _rows_height(lane, m.row_gap, 0.0)
        if not full_headers:
            lane.form = next((i for i, (_, h) in enumerate(headers) if h <= rows_h + 0.01), len(headers) - 1)
        lanes.append(lane)
    return lanes


# What _packed_lane keeps per lane and size: each step's geometry as made, the problems and warnings laying it
# out reported, and per packing (False: by start date; True: the lower of that and filling rows) the rows'
# heights and each step's (row, label choice).
_Packing = tuple[list[float], list[tuple[int, LabelOption | None]]]
_LaidLane = tuple[list[tuple], list[str], list[str], dict[bool, _Packing]]


def _packed_lane(
    ctx: Context, key: str, steps: tuple[Step, ...], scale: Scale, m: StepMetrics, fill_rows: bool
) -> tuple[list[StepGeometry], list[float]]:
    """A lane's steps laid out and packed at one size; the size searches ask for the same size again and again,
    so the result (label options and each step's pick) is kept for the layout run.

    `fill_rows`: also pack the lane row by row (pack_by_rows) and keep whichever is lower."""
    memo_key = ("lane", key, m, scale.x0, scale.x1)
    found = cast("_LaidLane | None", ctx.memo.get(memo_key))
    if found is None:
        mark = len(ctx.problems), len(ctx.warnings)
        laid = lay_steps(ctx, steps, scale, m)
        made = [(g.step, g.x0, g.x1, g.options, g.icon_r, g.pad, g.overdue, g.fits) for g in laid]
        found = (made, ctx.problems[mark[0] :], ctx.warnings[mark[1] :], {})
        ctx.memo[memo_key] = found
    else:
        ctx.problems.extend(found[1])  # what laying the steps out reported, as if it ran again
        ctx.warnings.extend(found[2])
    made, packs = found[0], found[3]
    gap = ctx.measure("plan.item_gap")
    for way in (False, True) if fill_rows else (False,):
        if way not in packs:
            geoms = [StepGeometry(*args) for args in made]
            heights = (pack_by_rows if way else pack_steps)(geoms, gap, m.row_gap)
            packed = (heights, [(g.row, g.choice) for g in geoms])
            if way and _total(packs[False][0], m.row_gap) <= _total(heights, m.row_gap) + 1e-6:
                packed = packs[False]  # filling rows is no lower here
            packs[way] = packed
    heights, picks = packs[fill_rows]
    geoms = []
    for args, (row, choice) in zip(made, picks):
        g = StepGeometry(*args)
        g.row, g.choice = row, choice
        geoms.append(g)
    return geoms, list(heights)


def _total(heights: list[float], row_gap: float) -> float:
    return sum(heights) + row_gap * max(len(heights) - 1, 0)


def _rows_height(lane: _Lane, row_gap: float, extra: float) -> float:
    heights = lane.heights or [0.0]
    return sum(heights) + (len(heights) - 1) * (row_gap + extra)


def _spend_on_headers(lanes: list[_Lane], row_gap: float, spare: float) -> float:
    """Room to spare first gives slimmed lane headers their detail back; returns what is left."""
    for lane in lanes:
        rows_h = _rows_height(lane, row_gap, 0.0)
        now = max(rows_h, lane.label_h)
        for form in range(lane.form):
            cost = max(rows_h, lane.headers[form][1]) - now
            if cost <= spare + 1e-9:
                spare -= max(cost, 0.0)
                lane.form = form
                break
    return spare


def _fill_extra(lanes: list[_Lane], row_gap: float, spare: float) -> float:
    """The stretch per row at which the lanes grow by `spare` in all: a lane whose header card is taller than its
    rows grows only once its rows reach the card, so the stretch is found by bisection, not by division."""
    base = sum(max(_rows_height(lane, row_gap, 0.0), lane.label_h) for lane in lanes)

    def grown(extra: float) -> float:
        return sum(max(_rows_height(lane, row_gap, extra), lane.label_h) + extra for lane in lanes) - base

    lo, hi = 0.0, spare / max(len(lanes), 1)  # each lane takes the stretch at least once
    for _ in range(40):
        mid = (lo + hi) / 2
        if grown(mid) <= spare:
            lo = mid
        else:
            hi = mid
    return lo


def _place_lanes(
    ctx: Context, box: Box, lanes: list[_Lane], y: float, m: StepMetrics, spare: float, label_w: float
) -> tuple[list[Item], float]:
    """Lane cards and separators, and each step placed in its row; returns the items and the lanes' bottom.

    Room to spare first restores lane headers' detail, then widens the row pitch (up to max_stretch); the
    engine puts the rest between the page's rows.
    """
    p = ctx.palette
    pad = m.lane_pad
    spare = _spend_on_headers(lanes, m.row_gap, spare)
    rows_total = sum(max(len(lane.heights), 1) for lane in lanes)
    pitch = m.bar_h + m.row_gap
    extra = spare / max(rows_total, 1)  # each lane takes it once around its rows, and once between two rows
    if not ctx.fill_lanes:  # else type is at its cap on a page with room: the lanes take all the room left
        extra = min(extra, pitch * (ctx.measure("plan.max_stretch") - 1))
    elif spare > 0 and math.isfinite(spare):
        extra = _fill_extra(lanes, m.row_gap, spare)
    items: list[Item] = []
    for i, lane in enumerate(lanes):
        rows_h = _rows_height(lane, m.row_gap, extra)
        if not math.isfinite(rows_h):
            rows_h = 0.0
        inner = max(rows_h, lane.label_h)
        lane_h = inner + 2 * pad + extra
        color = p.pillar(lane.pillar.id)
        # The lane header is the pillar's card: a light tint of its colour with a band down the left.
        card = Box(box.x, y + pad * 0.5, label_w + 6.0 + LANE_CARD_PAD, lane_h - pad)
        items.append(Rect(card, fill=p.card(lane.pillar.id), role="plan.lane.card", ref=lane.pillar.id))
        items.append(Rect(card.with_width(2.2), fill=color, role="plan.lane.bar", ref=lane.pillar.id))
        items += _lane_header_items(ctx, lane, box.x + 6.0, y + pad + extra / 2, label_w)
        if lane.form and lane.pillar.goal and not any(kind.startswith("goal") for kind, _ in lane.label):
            ctx.warnings.append(
                f"strategy.pillars[{lane.index}].goal: the lane of {lane.pillar.name!r} is too low to show its "
                "goal on the poster; the goal is left out there (the HTML page has it). Fewer or shorter steps, "
                "a shorter goal or a larger layout bring it back"
            )
        tops, top = [], y + pad + extra / 2 + (inner - rows_h) / 2
        for h in lane.heights:
            tops.append(top)
            top += h + m.row_gap + extra
        for g in lane.steps:
            g.place(ctx, tops[g.row], lane.heights[g.row])
        y += lane_h
        if i < len(lanes) - 1:
            items.append(Line(box.x, y, box.right, y, p.rule, 0.3, role="plan.lane.separator"))
    return items, y


def _guides(ctx: Context, top: _Top, placed: list[StepGeometry], bottom: float) -> list[Item]:
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


def _lay(
    ctx: Context,
    box: Box,
    size_pt: float,
    spare: float,
    way: _Way = NORMAL,
    measure_only: bool = False,
    full_headers: bool = False,
) -> Block:
    """The whole stappenplan at one step-label size and way; `spare` mm beyond its natural height to stretch into.

    The Block's `fits` is False when some title fits nowhere at this size.
    """
    scale = _scale(ctx, box, way.col)
    label_w = _label_width(ctx, way.col)
    m = step_metrics(ctx, size_pt, way.compact)
    top = _top(ctx, box, scale, size_pt, label_w)
    lanes = _lanes(ctx, scale, m, label_w, full_headers, way.fill_rows)
    fits = all(g.fits for lane in lanes for g in lane.steps)
    if measure_only and spare == 0:
        bottom = top.bottom + _lanes_height(ctx, lanes, m)
        return Block([], bottom - box.y, fits=fits)
    lane_items, bottom = _place_lanes(ctx, box, lanes, top.bottom, m, spare, label_w)
    if measure_only:
        return Block([], bottom - box.y, fits=fits)
    placed = [g for lane in lanes for g in lane.steps]
    # Drawing order: backgrounds and grid, axis, guides, milestones, lanes, the bars, then the arrows between them.
    items = top.items + grid(ctx, scale, top.axis_bottom, bottom) + top.axis_items
    items += _guides(ctx, top, placed, bottom) + top.milestone_items + lane_items
    for g in placed:
        items += step_items(ctx, g)
    if natural(box) or ctx.problems or ctx.trying_layouts:  # only measured, refused, or tried: no arrows to route
        return Block(items, bottom - box.y, fits=fits)
    guides = tuple(x for x, _ in top.milestone_marks) + ((top.now_x,) if top.now_x is not None else ())
    arrows, ctx.drawn_dependencies = dependency_arrows(
        ctx,
        placed,
        Box(scale.x0, top.bottom, scale.x1 - scale.x0, bottom - top.bottom),
        m.row_gap,  # the gap the rows were packed with (smaller at the compact pitch)
        guides,
    )
    return Block(items + arrows, bottom - box.y, fits=fits)


def _lanes_height(ctx: Context, lanes: list[_Lane], m: StepMetrics) -> float:
    pad = m.lane_pad
    return sum(max(_rows_height(lane, m.row_gap, 0.0), lane.label_h) + 2 * pad for lane in lanes)


def shortfall(ctx: Context, width: float, short: float) -> list[str]:
    """Why the plan does not fit, `short` mm over: rows needed and held at the smallest size, costly titles."""
    size = _sizes(ctx)[-1]
    box = Box(0.0, 0.0, width, 0.0)
    way = _lowest(ctx, box, size)[0]
    scale = _scale(ctx, box, way.col)
    label_w = _label_width(ctx, way.col)
    m = step_metrics(ctx, size, True)
    lanes = _lanes(ctx, scale, m, label_w, fill_rows=True)
    rows = sum(len(lane.heights) for lane in lanes)
    if not rows:
        return []
    lanes_h = sum(_rows_height(lane, m.row_gap, 0.0) + m.row_gap for lane in lanes)
    pitch = lanes_h / rows
    held = max(rows - math.ceil(short / pitch), 0)
    out = [
        f"plan: at {size:g} pt the steps need {rows} rows in their lanes and the page holds about {held}; "
        f"take out or merge about {rows - held} rows' worth of steps, shorten titles, or use fewer pillars"
    ]
    costly = []
    for lane in lanes:
        for g in lane.steps:
            o = g.choice or g.options[0]
            reach = (o.extent[1] - o.extent[0]) - (g.x1 - g.x0)  # the axis its label blocks beside the bar
            costly.append((reach + (o.height - m.bar_h) * 10, g))
    costly.sort(key=lambda c: -c[0])
    named = [
        f"{g.step.id} ({len(g.step.title)} characters{', ' + str(len(g.label.lines)) + ' lines' if len(g.label.lines) > 1 else ''})"
        for cost, g in costly[:3]
        if cost > 1.0
    ]
    if named:
        out.append(
            "plan: the titles that take the most room (beside a short bar or on several lines): "
            + ", ".join(named)
            + "; a shorter title (about 30 characters) fits inside its bar"
        )
    return out
