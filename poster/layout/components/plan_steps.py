"""Layout stage: one step of the stappenplan - its bar, status mark, progress strip and label - and dependency arrows.

The arrows are routed by poster/layout/routing.py around whatever bars and labels the packing placed.

Status is shown three ways at once, so it never rests on colour alone: the
bar's fill (outline = planned, tint with a progress strip = running, solid =
done, dashed outline = cancelled), the status icon, and the legend's words.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field, replace
from enum import Enum

from poster.content.model import Color, Status, Step
from poster.layout.context import Context
from poster.layout.document import Item, Path, Rect, Text
from poster.layout.geometry import Box, pt_to_mm
from poster.layout.marks import arrow_head, status_icon
from poster.layout.routing import Connector, Style, path_commands, route_all, shaft
from poster.layout.text import Paragraph, face_metrics_mm, text_width_mm
from poster.layout.timeline import Scale


class Placement(str, Enum):
    """Where a step's title is set: on its bar or beside it (a str, so it compares equal to its value)."""

    INSIDE = "inside"
    RIGHT = "right"
    LEFT = "left"


@dataclass(frozen=True)
class LabelOption:
    """One way to set the step's title: inside the bar or beside it (right or left), on one to three lines.

    A title on more lines makes its bar (inside) or its label block (beside)
    taller; the row it is packed into grows to the tallest option in it.
    """

    placement: Placement
    label: Paragraph
    label_x: float
    extent: tuple[float, float]  # what the bar, label and tag together cover on the time axis
    bar_h: float  # the bar's height with this label
    height: float  # the height the option needs in its row (bar or label block, whichever is taller)
    rank: int = 0  # preference among options that cost the same
    tag: Paragraph | None = None  # "nieuw gereed": news since an earlier version, set after the label
    tag_x: float = 0.0

    @property
    def lines(self) -> int:
        return len(self.label.lines) or 1


@dataclass
class StepGeometry:
    step: Step
    x0: float
    x1: float
    options: list[LabelOption]  # in order of preference
    icon_r: float
    pad: float
    overdue: bool
    fits: bool = True  # False: the title fits no place at this size (the size search then tries a smaller one)
    choice: LabelOption | None = None
    row: int = 0
    bar: Box = field(default_factory=lambda: Box(0, 0, 0, 0))
    texts: list[Text] = field(default_factory=list)

    @property
    def label(self) -> Paragraph:
        return (self.choice or self.options[0]).label

    @property
    def extent(self) -> tuple[float, float]:
        return (self.choice or self.options[0]).extent

    def place(self, ctx: Context, row_top: float, row_h: float) -> None:
        """Put the bar and its label in a row: the bar centred in the row, the label's lines centred on the bar."""
        option = self.choice or self.options[0]
        bar_h = option.bar_h
        top = row_top + (row_h - bar_h) / 2
        self.bar = Box(self.x0, top, self.x1 - self.x0, bar_h)
        par = option.label
        # Centre the lowercase body of the lines on the bar: a line's baseline sits 0.36 em below its middle.
        n = len(par.lines)
        baseline = top + bar_h / 2 + pt_to_mm(par.style.size_pt) * 0.36 - (n - 1) * par.line_height_mm / 2
        self.texts = ctx.items(par, option.label_x, baseline - par.ascent_mm, role="plan.step.label", ref=self.step.id)
        if option.tag is not None:  # on the title's last line
            tag = option.tag
            last = baseline + (max(n, 1) - 1) * par.line_height_mm
            self.texts += ctx.items(
                tag, option.tag_x + TAG_PAD, last - tag.ascent_mm, role="plan.step.new", ref=self.step.id
            )


def _label_color(ctx: Context, step: Step, placement: Placement) -> Color:
    p = ctx.palette
    if step.status is Status.CANCELLED:
        return p.muted
    if step.status is Status.DONE and placement is Placement.INSIDE:  # on the bar, filled with the pillar's colour
        return ctx.ink(p.background, p.pillar(step.pillar.id))
    return p.text


TAG_PAD = 1.8  # mm of accent around the tag's text
MAX_INSIDE_LINES = 3
MAX_BESIDE_LINES = 2
# Preference among options of equal cost: one line inside, one line right, two lines inside, one line left, ...
RANKS = {
    (Placement.INSIDE, 1): 0,
    (Placement.RIGHT, 1): 1,
    (Placement.INSIDE, 2): 2,
    (Placement.LEFT, 1): 3,
    (Placement.RIGHT, 2): 4,
    (Placement.INSIDE, 3): 5,
    (Placement.LEFT, 2): 6,
}


def _tag(ctx: Context, step: Step) -> Paragraph | None:
    kind = ctx.highlights.of(step.id) if ctx.highlights else None
    if kind is None:
        return None
    text = ctx.t("new_completed" if kind == "completed" else "new_started")
    return ctx.fit(
        text, "milestone", 200.0, element=f"plan.steps[{step.id}]", color=ctx.palette.background, max_lines=1
    )


@dataclass(frozen=True)
class StepMetrics:
    """Sizes of the stappenplan's marks at one step-label size."""

    size_pt: float
    bar_h: float
    row_gap: float
    icon_r: float
    pad: float
    gap: float
    line_box: float  # ascent + descent of one label line
    lane_pad: float  # room above and below a lane's rows


def _options(ctx: Context, step: Step, x0: float, x1: float, scale: Scale, m: StepMetrics) -> list[LabelOption]:
    """Every place and line count at which the title fits at this size; empty if it fits nowhere."""
    element = f"plan.steps[{step.id}].title"
    size_pt = m.size_pt
    face = ctx.face("step")
    tag = _tag(ctx, step)
    tag_w = tag.width_mm + 2 * TAG_PAD + m.gap if tag else 0.0
    text = ctx.clean(step.title, face, element)
    width = text_width_mm(text, face, size_pt)
    rooms = {
        Placement.INSIDE: (x1 - x0) - (3 * m.pad + 2 * m.icon_r) - tag_w,
        Placement.RIGHT: scale.x1 - x1 - m.gap - tag_w,
        Placement.LEFT: x0 - scale.x0 - m.gap - tag_w,
    }
    pad_v = max(m.bar_h - m.line_box, 0.0)  # a bar's room above and below its label
    out = []
    seen: set[tuple[Placement, int]] = set()
    inside_lines = 0  # the fewest lines the title fits inside its bar on
    for name, lines in sorted(RANKS, key=RANKS.__getitem__):
        room = rooms[name]
        if room < 1.0 or width > lines * room:
            continue  # n lines cannot hold more than n times the room
        if inside_lines == 1 and name is not Placement.INSIDE:
            break  # on one line inside its bar, the title is best there: nothing beside it is lower or narrower
        if name is Placement.INSIDE and inside_lines:
            continue  # more lines inside the bar than needed only make it taller
        # Beside the bar a title breaks into balanced lines about as wide as it needs; inside it takes the bar.
        target = room if name is Placement.INSIDE or lines == 1 else min(room, width / lines * 1.15 + 1.0)
        color = _label_color(ctx, step, name)
        par = ctx.try_fit(
            text,
            "step",
            target,
            element=element,
            size_pt=size_pt,
            min_pt=size_pt,
            max_lines=lines,
            balance=lines > 1,
            color=color,
        )
        if par is None and target < room:
            par = ctx.try_fit(
                text,
                "step",
                room,
                element=element,
                size_pt=size_pt,
                min_pt=size_pt,
                max_lines=lines,
                balance=True,
                color=color,
            )
        if par is None or (name, len(par.lines)) in seen:
            continue
        seen.add((name, len(par.lines)))
        if name is Placement.INSIDE:
            inside_lines = len(par.lines)
        w = par.width_mm + tag_w
        if name is Placement.INSIDE:
            lx, extent = x0 + 2 * m.pad + 2 * m.icon_r, (x0, x1)
            bar_h = max(m.bar_h, par.height_mm + pad_v)
            height = bar_h
        elif name is Placement.RIGHT:
            lx, extent = x1 + m.gap, (x0, x1 + m.gap + w)
            bar_h, height = m.bar_h, max(m.bar_h, par.height_mm)
        else:
            lx, extent = x0 - m.gap - w, (x0 - m.gap - w, x1)
            bar_h, height = m.bar_h, max(m.bar_h, par.height_mm)
        tag_x = lx + par.widths_mm[-1] + m.gap if par.lines else lx
        out.append(LabelOption(name, par, lx, extent, bar_h, height, RANKS[(name, len(par.lines))], tag, tag_x))
    out.sort(key=lambda o: o.rank)
    return out


def step_metrics(ctx: Context, size_pt: float, compact: bool = False) -> StepMetrics:
    """Bar height, row gap and mark sizes at a step-label size; `compact`: a tighter row pitch."""
    k = size_pt / ctx.spec.type("step").size_pt
    ascent, descent = face_metrics_mm(ctx.face("step"), size_pt)
    bar_h = ctx.measure("plan.bar_height") * k
    row_gap = ctx.measure("plan.row_gap") * k
    icon = ctx.measure("plan.icon") * k
    lane_pad = ctx.measure("plan.lane_padding")
    if compact:
        # Rows closer together: the bar keeps a third of its room around the label, the gap and the lane's
        # padding two thirds.
        bar_h = max(ascent + descent + (bar_h - ascent - descent) / 3, icon + 1.0)
        row_gap *= 2 / 3
        lane_pad *= 2 / 3
    return StepMetrics(
        size_pt,
        bar_h,
        row_gap,
        icon / 2,
        ctx.measure("plan.bar_padding") * k,
        ctx.measure("plan.label_gap") * k,
        ascent + descent,
        lane_pad,
    )


# A label beside its bar that the "we are here" line would run through ranks after every other option; on a page
# with room to spare (labels grown past the layout's step size) it is left out when another option exists, as a
# designer moves a label off the line. On a full page packing may still pick it where it saves height; the line is
# then broken under the label (plan._guides).
CROSSES_NOW = len(RANKS) + 1


def _clear_of_now(options: list[LabelOption], now_x: float | None, margin: float, roomy: bool) -> list[LabelOption]:
    """The options re-ranked (or, `roomy`, left out) where the "we are here" line would cross a label."""
    if now_x is None:
        return options

    def crossed(o: LabelOption) -> bool:
        return (
            o.placement is not Placement.INSIDE and o.label_x - margin < now_x < o.label_x + o.label.width_mm + margin
        )

    clear = [o for o in options if not crossed(o)]
    if roomy and clear:
        return clear
    out = [replace(o, rank=o.rank + CROSSES_NOW) if crossed(o) else o for o in options]
    out.sort(key=lambda o: o.rank)
    return out


def lay_steps(ctx: Context, steps: tuple[Step, ...], scale: Scale, m: StepMetrics) -> list[StepGeometry]:
    """Bars and the possible label places of a lane's steps (pack_steps picks places and rows)."""
    out = []
    now_x = scale.x(ctx.as_of) if scale.contains(ctx.as_of) else None
    roomy = m.size_pt > ctx.spec.type("step").size_pt + 1e-6
    for step in steps:
        if step.end_date < scale.start or step.start_date > scale.end:
            continue  # wholly outside the period: the loader has warned about it
        x0 = scale.x(max(step.start_date, scale.start))
        x1 = max(scale.x_after(min(step.end_date, scale.end)), x0 + 2 * m.icon_r + 2 * m.pad)
        if x1 > scale.x1:
            x0, x1 = x0 - (x1 - scale.x1), scale.x1
        options = _clear_of_now(_options(ctx, step, x0, x1, scale, m), now_x, m.gap, roomy)
        fits = bool(options)
        if not options:
            mark = len(ctx.problems)
            options = [_fallback(ctx, step, x0, x1, scale, m)]
            # At the smallest size a title set smaller beside its bar still fits, if fit found no problem.
            fits = m.size_pt <= ctx.spec.type("step").min_pt + 1e-6 and len(ctx.problems) == mark
        out.append(StepGeometry(step, x0, x1, options, m.icon_r, m.pad, step.is_overdue(ctx.as_of), fits))
    return out


def _fallback(ctx: Context, step: Step, x0: float, x1: float, scale: Scale, m: StepMetrics) -> LabelOption:
    """The title fits nowhere at this size: beside the bar on the roomier side, where fit reports it."""
    element = f"plan.steps[{step.id}].title"
    right = scale.x1 - x1 - m.gap
    left = x0 - scale.x0 - m.gap
    name, room = (Placement.RIGHT, right) if right >= left else (Placement.LEFT, left)
    par = ctx.fit(
        step.title,
        "step",
        max(room, 1.0),
        element=element,
        size_pt=m.size_pt,
        max_lines=MAX_BESIDE_LINES,
        color=_label_color(ctx, step, name),
    )
    w = par.width_mm
    lx, extent = (
        (x1 + m.gap, (x0, x1 + m.gap + w)) if name is Placement.RIGHT else (x0 - m.gap - w, (x0 - m.gap - w, x1))
    )
    return LabelOption(name, par, lx, extent, m.bar_h, max(m.bar_h, par.height_mm), 9)


# Ways of weighing a label's reach along the axis against the height it adds: packing tries each and keeps the
# lowest lane (mm of height a millimetre of label beside the bar is worth).
REACH_COSTS = (0.0, 0.02, 0.06)


def pack_steps(geoms: list[StepGeometry], gap: float, row_gap: float) -> list[float]:
    """Give each step a row and a label option, keeping the lane as low as it can; returns the rows' heights.

    Steps are taken by start date. Each goes where it adds the least height:
    an existing row its option fits in (growing that row if the option is
    taller) or a new row; a label beside its bar also costs a little for the
    axis it blocks. Packing runs once per weight of that cost and keeps the
    lowest result.
    """
    order = sorted(geoms, key=lambda g: (g.x0, g.x1))
    best: tuple[float, list[float], list[tuple[int, LabelOption]]] | None = None
    for reach in REACH_COSTS:
        heights, picks = _pack(order, gap, row_gap, reach)
        total = sum(heights) + row_gap * max(len(heights) - 1, 0)
        if best is None or total < best[0] - 1e-6:
            best = (total, heights, picks)
    assert best is not None
    for g, (row, option) in zip(order, best[2]):
        g.row, g.choice = row, option
    return best[1]


def _pack(
    order: list[StepGeometry], gap: float, row_gap: float, reach: float
) -> tuple[list[float], list[tuple[int, LabelOption]]]:
    """Pack the steps (sorted by start) into rows at one weight of a label's reach.

    A row is free for an option when the option's extent starts at least `gap` after the end of everything
    in the row: the steps come by start date and every extent starts at or before its own bar, so whatever a
    row holds starts before the new extent ends, and extents in a row never overlap. One number per row (its
    end) answers the question, so the search over the rows is a scan of floats.
    """
    ends: list[float] = []  # per row: where the last extent in it ends
    heights: list[float] = []
    picks = []
    for g in order:
        bar_w = g.x1 - g.x0
        best = None
        for option in g.options:
            spill = reach * (option.extent[1] - option.extent[0] - bar_w)
            new = (round(option.height + row_gap + spill, 6), option.rank, len(ends))
            if best is None or new < best[0]:
                best = (new, option)
            flat = round(spill, 6)  # the cost in a row as tall as the option already: no row costs less
            height, rank = option.height, option.rank
            a = option.extent[0]
            for r, end in enumerate(ends):
                if (flat, rank, r) >= best[0]:
                    break  # neither this row nor a later one can cost less
                if end + gap > a:
                    continue  # not free
                if heights[r] >= height:
                    best = ((flat, rank, r), option)
                    break  # the rows after it cost the same and come later
                cost = (round(height - heights[r] + spill, 6), rank, r)  # rounded: ties never depend on position
                if cost < best[0]:
                    best = (cost, option)
        assert best is not None
        (_, _, r), option = best
        if r == len(ends):
            ends.append(-math.inf)
            heights.append(0.0)
        ends[r] = max(ends[r], option.extent[1])
        heights[r] = max(heights[r], option.height)
        picks.append((r, option))
    return heights, picks


def pack_by_rows(geoms: list[StepGeometry], gap: float, row_gap: float) -> list[float]:
    """Give each step a row and a label option by filling the lane row by row; returns the rows' heights.

    The plan tries this beside pack_steps for a dense plan and keeps the lower lane. Rows are filled twice,
    holding the most steps or the most length of bars per row; of the lower, rows whose steps fit elsewhere
    are given up (_merge_rows), and each label then takes the most preferred place left free in its row.
    """
    order = sorted(geoms, key=lambda g: (g.x0, g.x1))
    best: tuple[float, list[list[tuple[int, LabelOption]]], list[float]] | None = None
    for by_bars in (False, True):
        rows, heights = _pack_rows(order, gap, row_gap, by_bars)
        total = sum(heights) + row_gap * max(len(heights) - 1, 0)
        if best is None or total < best[0] - 1e-6:
            best = (total, rows, heights)
    assert best is not None
    rows, heights = _merge_rows(order, best[1], best[2], gap, row_gap)
    for r, row in enumerate(rows):
        for i, o in _preferred(order, row, heights[r], gap):
            order[i].row, order[i].choice = r, o
    return heights


def _pack_rows(
    order: list[StepGeometry], gap: float, row_gap: float, by_bars: bool
) -> tuple[list[list[tuple[int, LabelOption]]], list[float]]:
    """Fill the lane row by row: each row takes as many steps as it can, the label options ending first.

    Where the start-date packing puts a step in the first row it fits, this one leaves the steps whose labels
    block much of the axis to later rows: a long label beside a bar early in the plan then no longer keeps
    a row's later quarters empty. For a row, each height up to which its options may reach is tried (one line,
    two, ...) and the one holding the most per millimetre of height kept: the most steps, or (`by_bars`) the
    most length of bars. Returns each row's (step index, label option)s and the rows' heights.
    """
    pairs = sorted(
        ((o.extent[1], o.height, o.rank, i, o) for i, g in enumerate(order) for o in g.options),
        key=lambda p: p[:4],
    )
    caps = sorted({round(o.height, 2) for g in order for o in g.options})
    picks: list[tuple[int, LabelOption] | None] = [None] * len(order)
    rows: list[list[tuple[int, LabelOption]]] = []
    heights: list[float] = []
    left = len(order)
    while left:
        best: tuple[float, list[tuple[int, LabelOption]], float] | None = None
        for cap in caps:
            end, row, h, taken = -math.inf, [], 0.0, set()
            for e1, height, _, i, o in pairs:
                if height > cap + 0.005 or o.extent[0] < end + gap or i in taken:
                    continue
                row.append((i, o))
                taken.add(i)
                end, h = e1, max(h, height)
            if not row:
                continue
            held = sum(order[i].x1 - order[i].x0 for i, _ in row) if by_bars else len(row)
            if best is None or held / (h + row_gap) > best[0] + 1e-9:
                best = (held / (h + row_gap), row, h)
        assert best is not None
        for i, o in best[1]:
            picks[i] = (len(heights), o)
        rows.append(best[1])
        heights.append(best[2])
        left -= len(best[1])
        pairs = [p for p in pairs if picks[p[3]] is None]
    return rows, heights


def _free(row: list[tuple[int, LabelOption]], extent: tuple[float, float], gap: float) -> bool:
    a, b = extent
    return all(o.extent[1] + gap <= a or o.extent[0] >= b + gap for _, o in row)


MERGE_MOST = 2  # steps in a row that _merge_rows tries to give up (a fuller row hardly ever fits elsewhere)


def _merge_rows(
    order: list[StepGeometry],
    rows: list[list[tuple[int, LabelOption]]],
    heights: list[float],
    gap: float,
    row_gap: float,
) -> tuple[list[list[tuple[int, LabelOption]]], list[float]]:
    """Rows given up where their steps fit elsewhere: the least filled row first, each of its steps moved to
    the place (another row, any of its label options) that raises that row least; kept when the rows raised
    add less height than the row given up saves."""
    tried: set[tuple[int, ...]] = set()
    while len(rows) > 1:
        for r in sorted(range(len(rows)), key=lambda r: (len(rows[r]), heights[r])):
            key = tuple(sorted(i for i, _ in rows[r]))
            if len(key) > MERGE_MOST or key in tried:
                continue
            tried.add(key)
            trial = [list(row) if k != r else [] for k, row in enumerate(rows)]
            tops = list(heights)
            growth = 0.0
            for i, _ in rows[r]:
                found: tuple[tuple[float, int], int, LabelOption] | None = None
                for k, row in enumerate(trial):
                    if k == r:
                        continue
                    for o in order[i].options:
                        cost = (max(o.height - tops[k], 0.0), o.rank)
                        if (found is None or cost < found[0]) and _free(row, o.extent, gap):
                            found = (cost, k, o)
                if found is None:
                    break
                (grow, _), k, o = found
                trial[k].append((i, o))
                tops[k] = max(tops[k], o.height)
                growth += grow
            else:
                if growth < heights[r] + row_gap - 1e-6:
                    rows = [row for k, row in enumerate(trial) if k != r]
                    heights = [h for k, h in enumerate(tops) if k != r]
                    break
        else:
            break  # no row could be given up
    return rows, heights


def _preferred(
    order: list[StepGeometry], row: list[tuple[int, LabelOption]], height: float, gap: float
) -> list[tuple[int, LabelOption]]:
    """A packed row with each label moved to the most preferred place that is free in it (the packing that
    fills rows takes the options ending first, so labels left of their bars): right of the bar rather than
    left, one line rather than two, wherever that takes neither height nor another step's room."""
    row = sorted(row, key=lambda p: p[1].extent)
    for k, (i, o) in enumerate(row):
        before = row[k - 1][1].extent[1] + gap if k else -math.inf
        after = row[k + 1][1].extent[0] - gap if k + 1 < len(row) else math.inf
        for better in order[i].options:  # in order of preference
            if better.rank >= o.rank:
                break
            if better.height <= height + 1e-9 and better.extent[0] >= before and better.extent[1] <= after:
                row[k] = (i, better)
                break
    return row


def step_items(ctx: Context, g: StepGeometry) -> list[Item]:
    p = ctx.palette
    step = g.step
    color = p.pillar(step.pillar.id)
    bar = g.bar
    items: list[Item] = []
    strip_h = ctx.measure("plan.progress_strip") * g.label.style.size_pt / ctx.spec.type("step").size_pt
    status = step.status
    if status is Status.DONE:
        items.append(Rect(bar, fill=color, role="plan.step.bar", ref=step.id))
    elif status in (Status.PLANNED, Status.CANCELLED):
        # An outline, drawn inside the bar's box so its ink stays where the bar was placed.
        line = 0.5 if status is Status.PLANNED else 0.4
        items.append(
            Rect(
                bar.inset(line / 2),
                fill=p.background,
                stroke=color if status is Status.PLANNED else p.muted,
                stroke_mm=line,
                role="plan.step.bar",
                ref=step.id,
            )
        )
    else:
        base = p.muted if status is Status.ON_HOLD else color
        items.append(Rect(bar, fill=p.tint(base, 0.2), role="plan.step.bar", ref=step.id))
        if step.progress > 0:
            w = bar.w * step.progress / 100
            items.append(
                Rect(Box(bar.x, bar.bottom - strip_h, w, strip_h), fill=base, role="plan.step.progress", ref=step.id)
            )
    if g.overdue:
        items.append(Rect(bar.inset(0.4), stroke=p.accent, stroke_mm=0.8, role="plan.step.overdue", ref=step.id))
    box = tag_box(g)
    if box is not None:
        items.append(Rect(box, fill=p.accent, radius_mm=1.0, role="plan.step.new", ref=step.id))
    cx = bar.x + g.pad + g.icon_r
    items += status_icon(
        status,
        cx,
        bar.cy - (strip_h / 2 if status in (Status.IN_PROGRESS, Status.DELAYED) else 0),
        g.icon_r,
        color=color,
        accent=p.accent,
        muted=p.muted,
        background=p.background,
        overdue=g.overdue,
        on_solid=status is Status.DONE,
        ref=step.id,
    )
    items += g.texts
    return items


def dependency_arrows(
    ctx: Context, placed: list[StepGeometry], area: Box, row_gap: float, guides: tuple[float, ...] = ()
) -> tuple[list[Item], int]:
    """Arrows from each step's predecessors to it, routed around every bar and label; returns them and how many.

    A dependency with no free route is left out (the HTML page lists every
    dependency in words). `area`: where arrows may run (the lanes, right of
    their headers); `row_gap`: the gap between two rows of bars as the plan
    packed them, which sets the arrows' sizes; `guides`: x of the vertical
    lines an arrow may cross but not run along.
    """
    p = ctx.palette
    by_id = {g.step.id: g for g in placed}
    connectors = [
        Connector(f"{pre.step.id}>{g.step.id}", pre.bar, g.bar, pre.step.id, g.step.id)
        for g in placed
        for dep in g.step.depends_on
        if (pre := by_id.get(dep.id)) is not None
    ]
    if not connectors:
        return [], 0
    style = arrow_style(row_gap)
    obstacles = [g.bar for g in placed] + [box for g in placed for box in _label_boxes(g)]
    stroke = style.clearance * 0.4
    # The arrows' centre lines run inside the area by half their stroke, so no line pokes out of the plan's edge.
    area = Box(area.x + stroke / 2, area.y + stroke / 2, area.w - stroke, area.h - stroke)
    routes = route_all(connectors, obstacles, area, style, guides)
    items: list[Item] = []
    for c in connectors:  # in the plan's order, so the drawing order does not depend on the routing's
        route = routes.get(c.key)
        if route is None:
            continue
        items.append(
            Path(
                path_commands(shaft(route, style.head * 0.9), style.spacing * 0.9),
                stroke=p.muted,
                stroke_mm=stroke,
                round_join=True,
                role="plan.dependency",
                ref=c.key,
            )
        )
        x, y = route.points[-1]
        items.append(
            arrow_head(x, y, style.head, p.muted, direction=route.direction, role="plan.dependency", ref=c.key)
        )
    return items, len(routes)


def _label_boxes(g: StepGeometry) -> list[Box]:
    """What an arrow keeps clear of beside a bar: the label and tag, as tall as the bar at least.

    An arrow squeezed between a title and the edge of its row would read as
    underlining it; and the fewer distinct edges, the fewer lines to search.
    """
    boxes = [t.bbox for t in g.texts]
    tag = tag_box(g)
    if tag is not None:
        boxes.append(tag)
    outside = [b for b in boxes if not g.bar.contains(b, 1e-6)]
    if not outside:
        return []
    x0, x1 = min(b.x for b in outside), max(b.right for b in outside)
    y0, y1 = min([b.y for b in outside] + [g.bar.y]), max([b.bottom for b in outside] + [g.bar.bottom])
    return [Box(x0, y0, x1 - x0, y1 - y0)]


def arrow_style(gap: float) -> Style:
    """The routing's sizes, in proportion to the gap between two rows of bars (the narrowest channel)."""
    return Style(
        clearance=0.2 * gap,
        clearance_x=0.36 * gap,
        spacing=0.25 * gap,
        head=0.36 * gap,
        shaft=0.05 * gap,
        port_inset=0.6 * gap,
        bend=4 * gap,
        crossing=1.8 * gap,
        u_turn=6 * gap,
        side_port=2.2 * gap,
    )


def tag_box(g: StepGeometry) -> Box | None:
    """The box of the step's "nieuw" tag, if it has one."""
    option = g.choice or g.options[0]
    if option.tag is None:
        return None
    tag_text = next(x for x in g.texts if x.role == "plan.step.new")
    return Box(
        option.tag_x,
        tag_text.y - tag_text.ascent_mm * 0.8,
        option.tag.width_mm + 2 * TAG_PAD,
        tag_text.ascent_mm * 0.8 + tag_text.descent_mm * 0.9,
    )
