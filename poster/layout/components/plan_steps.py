"""Layout stage: one step of the stappenplan - its bar, status mark, progress strip and label - and dependency arrows.

The arrows are routed by poster/layout/routing.py around whatever bars and labels the packing placed.

Status is shown three ways at once, so it never rests on colour alone: the
bar's fill (outline = planned, tint with a progress strip = running, solid =
done, dashed outline = cancelled), the status icon, and the legend's words.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field

from poster.content.model import Status, Step
from poster.layout.document import Item, Path, Rect, Text
from poster.layout.geometry import Box
from poster.layout.marks import arrow_head, status_icon
from poster.layout.routing import Connector, Style, path_commands, route_all, shaft
from poster.layout.text import Paragraph, text_width_mm
from poster.layout.timeline import Scale


@dataclass(frozen=True)
class LabelOption:
    """One place the step's title can go: inside the bar, or beside it on the right or left."""

    placement: str  # "inside", "right" or "left"
    label: Paragraph
    label_x: float
    extent: tuple[float, float]  # what the bar, label and tag together cover on the time axis
    tag: Paragraph | None = None  # "nieuw gereed": news since an earlier version, set after the label
    tag_x: float = 0.0
    rows: int = 1  # a title on two lines takes the row below its bar as well


@dataclass
class StepGeometry:
    step: Step
    x0: float
    x1: float
    options: list[LabelOption]  # in order of preference
    icon_r: float
    pad: float
    overdue: bool
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

    def place(self, ctx, top: float, bar_h: float) -> None:
        self.bar = Box(self.x0, top, self.x1 - self.x0, bar_h)
        option = self.choice or self.options[0]
        par = option.label
        # Centre the lowercase body of the line on the bar: baseline sits 0.36 em below the middle.
        baseline = top + bar_h / 2 + par.style.size_pt * 0.353 * 0.36
        self.texts = ctx.items(par, option.label_x, baseline - par.ascent_mm, role="plan.step.label", ref=self.step.id)
        if option.tag is not None:  # on the title's last line
            tag = option.tag
            last = baseline + (len(par.lines) - 1) * par.line_height_mm
            self.texts += ctx.items(
                tag, option.tag_x + TAG_PAD, last - tag.ascent_mm, role="plan.step.new", ref=self.step.id
            )


def _label_color(ctx, step: Step, placement: str):
    p = ctx.palette
    if step.status is Status.CANCELLED:
        return p.muted
    if step.status is Status.DONE and placement == "inside":  # on the bar, filled with the pillar's colour
        return ctx.ink(p.background, p.pillar(step.pillar.id))
    return p.text


TAG_PAD = 1.8  # mm of accent around the tag's text


def _tag(ctx, step: Step) -> Paragraph | None:
    kind = ctx.highlights.of(step.id) if ctx.highlights else None
    if kind is None:
        return None
    text = ctx.t("new_completed" if kind == "completed" else "new_started")
    return ctx.fit(
        text, "milestone", 200.0, element=f"plan.steps[{step.id}]", color=ctx.palette.background, max_lines=1
    )


def _options(
    ctx, step: Step, x0: float, x1: float, scale: Scale, size_pt: float, pad: float, icon_r: float, gap: float
) -> list[LabelOption]:
    element = f"plan.steps[{step.id}].title"
    face = ctx.face("step")
    tag = _tag(ctx, step)
    tag_w = tag.width_mm + 2 * TAG_PAD + gap if tag else 0.0
    width = text_width_mm(ctx.clean(step.title, face, element), face, size_pt) + tag_w
    rooms = {
        "inside": (x1 - x0) - (3 * pad + 2 * icon_r),
        "right": scale.x1 - x1 - gap,
        "left": x0 - scale.x0 - gap,
    }
    fitting = [name for name in ("inside", "right", "left") if width <= rooms[name]]
    pars = {
        name: ctx.fit(
            step.title,
            "step",
            max(rooms[name] - tag_w, 1.0),
            element=element,
            size_pt=size_pt,
            max_lines=1,
            color=_label_color(ctx, step, name),
        )
        for name in fitting
    }
    if not pars:
        # On one line nowhere: two lines beside the bar (taking the row below too), at this size.
        for name in sorted(("right", "left"), key=lambda n: -rooms[n]):
            two = ctx.try_fit(
                step.title,
                "step",
                max(rooms[name] - tag_w, 1.0),
                element=element,
                size_pt=size_pt,
                min_pt=size_pt,
                max_lines=2,
                balance=True,
                color=_label_color(ctx, step, name),
            )
            if two is not None:
                pars[name] = two
    if not pars:  # not even that: the side with most room, where fit shrinks or reports it
        name = max(("right", "left"), key=lambda n: rooms[n])
        pars[name] = ctx.fit(
            step.title,
            "step",
            max(rooms[name] - tag_w, 1.0),
            element=element,
            size_pt=size_pt,
            max_lines=1,
            color=_label_color(ctx, step, name),
        )
    out = []
    for name, par in pars.items():
        w = par.width_mm + tag_w
        if name == "inside":
            lx, extent = x0 + 2 * pad + 2 * icon_r, (x0, x1)
        elif name == "right":
            lx, extent = x1 + gap, (x0, x1 + gap + w)
        else:
            lx, extent = x0 - gap - w, (x0 - gap - w, x1)
        tag_x = lx + par.widths_mm[-1] + gap if par.lines else lx
        out.append(LabelOption(name, par, lx, extent, tag, tag_x, rows=len(par.lines) or 1))
    return out


def lay_steps(ctx, steps: tuple[Step, ...], scale: Scale, size_pt: float) -> list[StepGeometry]:
    """Bars and the possible label places of a lane's steps (pack_steps picks places and rows)."""
    k = size_pt / ctx.spec.type("step").size_pt
    icon_r = ctx.measure("plan.icon") * k / 2
    pad = ctx.measure("plan.bar_padding") * k
    gap = ctx.measure("plan.label_gap") * k
    out = []
    for step in steps:
        if step.end_date < scale.start or step.start_date > scale.end:
            continue  # wholly outside the period: the loader has warned about it
        x0 = scale.x(max(step.start_date, scale.start))
        x1 = max(scale.x_after(min(step.end_date, scale.end)), x0 + 2 * icon_r + 2 * pad)
        if x1 > scale.x1:
            x0, x1 = x0 - (x1 - scale.x1), scale.x1
        out.append(
            StepGeometry(
                step,
                x0,
                x1,
                _options(ctx, step, x0, x1, scale, size_pt, pad, icon_r, gap),
                icon_r,
                pad,
                step.is_overdue(ctx.as_of),
            )
        )
    return out


def pack_steps(geoms: list[StepGeometry], gap: float) -> int:
    """Give each step a row and a label place, using as few rows as it can; returns the row count.

    Steps are taken by start date. Each goes to the first row where one of
    its label places fits (inside the bar, else beside it), so a title may
    move to the left of its bar when that saves a whole row.
    """
    rows: list[_Row] = []

    def free(r: int, option: LabelOption) -> bool:
        return all(rows[i].free(option.extent, gap) for i in range(r, min(r + option.rows, len(rows))))

    for g in sorted(geoms, key=lambda g: (g.x0, g.x1)):
        r = 0
        while (option := next((o for o in g.options if free(r, o)), None)) is None:
            r += 1
        while len(rows) < r + option.rows:
            rows.append(_Row())
        for i in range(r, r + option.rows):
            rows[i].add(option.extent)
        g.row, g.choice = r, option
    return len(rows)


class _Row:
    """The extents taken in one row of a lane, sorted.

    Each was free of the others (gap >= 0), so they do not overlap and their
    ends sort like their starts: whether a new extent is free is decided by the
    last extent starting before it ends - a bisection instead of a scan of the
    whole row, which made packing a dense lane quadratic.
    """

    def __init__(self):
        self.taken: list[tuple[float, float]] = []
        self.starts: list[float] = []

    def free(self, extent: tuple[float, float], gap: float) -> bool:
        a, b = extent
        before = bisect.bisect_left(self.starts, b + gap)  # the extents with x0 < b + gap
        return before == 0 or self.taken[before - 1][1] + gap <= a

    def add(self, extent: tuple[float, float]) -> None:
        i = bisect.bisect_right(self.taken, extent)
        self.taken.insert(i, extent)
        self.starts.insert(i, extent[0])


def step_items(ctx, g: StepGeometry) -> list[Item]:
    p = ctx.palette
    step = g.step
    color = p.pillar(step.pillar.id)
    bar = g.bar
    items: list[Item] = []
    strip_h = ctx.measure("plan.progress_strip") * bar.h / ctx.measure("plan.bar_height")
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
    ctx, placed: list[StepGeometry], area: Box, row_gap: float, guides: tuple[float, ...] = ()
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
    routes = route_all(connectors, obstacles, area, style, guides)
    stroke = style.clearance * 0.4
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
