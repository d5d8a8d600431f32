"""Layout stage: resolve the layout's rows and columns to boxes, then let each component place itself in its box.

Rows are measured first ("auto" rows take their tallest area's natural height,
fixed rows their height in mm); "fill" rows share what is left. An area is one
component or a stack of components, one above the other. Areas whose
components have nothing to show are dropped and the others in the row widen to
close the gap; a row left empty disappears with its gap.

When the page is too short, the whole type scale shrinks together, each size
towards its minimum (one factor for all, so the hierarchy keeps its
proportions); only when the minimums do not fit is it a layout error.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from poster.content.model import Roadmap
from poster.errors import LayoutError
from poster.i18n import Translator
from poster.layout.components import COMPONENTS
from poster.layout.context import Context, Highlights, PlanNeed
from poster.layout.document import Document, DocumentInfo, Item
from poster.layout.geometry import Box
from poster.layout.scale import design_spec, scale_document
from poster.layout.spec import Area as SpecArea
from poster.layout.spec import LayoutSpec, Row

# Components that get a section number, in reading order.
NUMBERED = ("vision", "baseline", "strategy", "plan", "results")
MAX_GAP = 2.5  # a gap between rows grows to at most this many times the layout's row gap (or its grown spacing)
SEARCH_STEPS = 7  # halvings of the type factor: 1/128 of the scale's range is finer than half a point


@dataclass(frozen=True)
class _Area:
    stack: tuple[tuple[str, ...], ...]  # top to bottom; each entry's components side by side
    x: float
    width: float
    anchor: int | None = None  # entries from this one on sit at the foot of the area (moved there by _balanced)

    @property
    def components(self) -> tuple[str, ...]:
        return tuple(n for entry in self.stack for n in entry)


@dataclass(frozen=True)
class _Row:
    spec: Row
    areas: tuple[_Area, ...]


def layout_poster(
    roadmap: Roadmap, spec: LayoutSpec, *, highlights: Highlights | None = None, _trying: bool = False
) -> Document:
    """Lay the roadmap out on the layout's page; raises LayoutError listing every problem.

    `highlights` marks steps completed or started since an earlier version.
    """
    if spec.scale != 1.0:  # laid out as its design, then scaled (poster/layout/scale.py)
        return layout_scaled(roadmap, spec, highlights=highlights)
    ctx = Context(roadmap, spec, highlights)
    ctx.trying_layouts = _trying  # laid out to see whether another layout fits: no suggestions of its own
    content = _content_box(spec)
    rows = _rows(ctx)
    if not rows:
        raise LayoutError(
            (
                f"layout {spec.name!r} has nothing to show for this content: "
                "none of its components has content; add rows with header, vision, plan, ...",
            )
        )
    _quote_beside_header(ctx, rows, content.h)
    _number_sections(ctx, rows)
    rows = [_set_row(ctx, row) for row in rows]
    _fit_type(ctx, rows, content.h)
    heights, gaps = _row_heights(ctx, rows, content.h)
    regions = []
    y = content.y
    for row, height, gap in zip(rows, heights, gaps + [0.0]):
        for area in row.areas:
            regions += _stack_boxes(ctx, area, y, height)
        y += height + gap
    # The legend is placed last, wherever it stands: it names only what the others drew.
    built = {
        i: COMPONENTS[regions[i][0]].build(ctx, regions[i][1])
        for i in sorted(range(len(regions)), key=lambda i: regions[i][0] == "legend")
    }
    items: list[Item] = [item for i in range(len(regions)) for item in built[i].items]
    if ctx.problems:
        raise LayoutError(tuple(dict.fromkeys(ctx.problems)))
    return Document(
        width_mm=spec.width_mm,
        height_mm=spec.height_mm,
        background=ctx.palette.background,
        items=tuple(items),
        info=_info(roadmap),
        regions=tuple(regions),
        warnings=tuple(dict.fromkeys(ctx.warnings)),
    )


def _content_box(spec: LayoutSpec) -> Box:
    return Box(
        spec.margin_left,
        spec.margin_top,
        spec.width_mm - spec.margin_left - spec.margin_right,
        spec.height_mm - spec.margin_top - spec.margin_bottom,
    )


def _rows(ctx: Context) -> list[_Row]:
    """The layout's rows as placed for this content: areas with nothing to show dropped, arrangement forms applied."""
    content = _content_box(ctx.spec)
    return [r for r in (_place_row(ctx, row, content) for row in _arranged(ctx)) if r.areas]


def _arranged(ctx: Context) -> tuple[Row, ...]:
    """The layout's rows with the arrangement forms in use ("quote.beside_header") applied."""
    rows = ctx.spec.rows
    if "quote.beside_header" not in ctx.compact:
        return rows
    at = _header_row(rows)
    if at is None or any("quote" in area_components(a) for a in rows[at].areas):
        return rows
    out = []
    for i, row in enumerate(rows):
        areas = []
        for a in row.areas:
            # Without the quote; an area left empty frees its columns for the others in the row.
            stack = tuple(e for e in (tuple(n for n in entry if n != "quote") for entry in a.stack) if e)
            if i == at and ("header",) in a.stack and a.span > 2:
                side = max(ctx.spec.columns // 3, 1)  # the quote beside the title, as on A0 landscape
                areas += [SpecArea(stack, a.span - side), SpecArea((("quote",),), side)]
            else:
                areas.append(SpecArea(stack, a.span))
        out.append(Row(row.height, tuple(areas)))
    return tuple(out)


def area_components(area: SpecArea) -> tuple[str, ...]:
    return tuple(n for entry in area.stack for n in entry)


def _header_height(ctx: Context, rows: list[_Row]) -> float:
    return next((_stack_height(ctx, a, False) for r in rows for a in r.areas if ("header",) in a.stack), 0.0)


def _header_row(rows: tuple[Row, ...]) -> int | None:
    return next((i for i, r in enumerate(rows) if any(("header",) in a.stack for a in r.areas)), None)


def _quote_beside_header(ctx: Context, rows: list[_Row], available: float) -> None:
    """On a page with room to spare, the quote moves up beside the header (its columns going to the rest of its
    row) when it would stand alone in its area (the nulmeting it shares a column with is absent), or when that
    lowers the page; kept only if the page still fits at full size. Counted at full type size."""
    if not COMPONENTS["quote"].present(ctx.roadmap):
        return
    at = _header_row(ctx.spec.rows)
    home = [a for r in ctx.spec.rows for a in r.areas if "quote" in area_components(a)]
    if at is None or not home or any("quote" in area_components(a) for a in ctx.spec.rows[at].areas):
        return
    present = [n for n in area_components(home[0]) if COMPONENTS[n].present(ctx.roadmap)]
    lone = present == ["quote"]
    need, ctx.plan_need = ctx.plan_need, PlanNeed.PREFERRED
    before, header = _needed(ctx, rows), _header_height(ctx, rows)
    ctx.compact = ctx.compact | {"quote.beside_header"}
    moved = _rows(ctx)
    after = _needed(ctx, moved)
    # Beside a quote that would not stand alone, the header keeps its height (its title on as many lines).
    taller = _header_height(ctx, moved) > header + 0.5
    ctx.plan_need = need
    if before <= available and after <= available and (lone or (after < before - 1.0 and not taller)):
        rows[:] = moved
    else:
        ctx.compact = ctx.compact - {"quote.beside_header"}


def _balanced(ctx: Context, row: _Row) -> _Row:
    """A fill row whose other column is much shorter than the stappenplan's: the entries under the plan and its
    legend (results, progress) move to the foot of the short column, side by side as they stand or one under the
    other, when that lowers the row (counted at full type size); both columns then end on the row's bottom edge
    and the plan's lanes take the height they leave."""
    tall = next((a for a in row.areas if any(_flexible(e) for e in a.stack)), None)
    if tall is None or len(row.areas) < 2:
        return row
    at = max(i for i, e in enumerate(tall.stack) if _flexible(e) or "legend" in e) + 1
    if at >= len(tall.stack):
        return row
    need, ctx.plan_need = ctx.plan_need, PlanNeed.PREFERRED
    short = min((a for a in row.areas if a is not tall), key=lambda a: _stack_height(ctx, a, True))
    kept = _Area(tall.stack[:at], tall.x, tall.width)
    best, lowest = row, max(_stack_height(ctx, a, True) for a in row.areas) - 0.01
    # As they stand (side by side) or one under the other in the narrower column: whichever lowers the row more.
    for moving in (tall.stack[at:], tuple((n,) for e in tall.stack[at:] for n in e)):
        moved = _Area(short.stack + moving, short.x, short.width, anchor=len(short.stack))
        after = max(_stack_height(ctx, moved, True), _stack_height(ctx, kept, True))
        if after < lowest:
            areas = tuple(moved if a is short else kept if a is tall else a for a in row.areas)
            best, lowest = _Row(row.spec, areas), after
    ctx.plan_need = need
    return best


def _evened(ctx: Context, row: _Row) -> _Row:
    """An auto row whose tallest column holds several entries (the nulmeting over the quote) beside a much
    shorter one: its last entry moves to the foot of the shortest column when that lowers the row by more than
    EVEN_MM (counted at full type size); both columns then end on the row's bottom edge."""
    if len(row.areas) < 2:
        return row
    need, ctx.plan_need = ctx.plan_need, PlanNeed.PREFERRED
    try:
        height = {id(a): _stack_height(ctx, a, False) for a in row.areas}
        tall = max(row.areas, key=lambda a: height[id(a)])
        short = min(row.areas, key=lambda a: height[id(a)])
        if tall is short or len(tall.stack) < 2 or short.anchor is not None:
            return row
        kept = _Area(tall.stack[:-1], tall.x, tall.width)
        moved = _Area(short.stack + tall.stack[-1:], short.x, short.width, anchor=len(short.stack))
        areas = tuple(moved if a is short else kept if a is tall else a for a in row.areas)
        after = max(_stack_height(ctx, a, False) for a in areas)
        return _Row(row.spec, areas) if after < height[id(tall)] - EVEN_MM else row
    finally:
        ctx.plan_need = need


# What moving an entry to the shorter column must save at least (mm): less is not worth a change of reading order.
EVEN_MM = 20.0


def _set_row(ctx: Context, row: _Row) -> _Row:
    """A row's areas as the page is set: a fill row balanced around the stappenplan, an auto row evened out."""
    if row.spec.height == "fill":
        return _balanced(ctx, row)
    if row.spec.height == "auto":
        return _evened(ctx, row)
    return row


def _place_row(ctx: Context, row: Row, content: Box) -> _Row:
    present = []
    for a in row.areas:
        stack = tuple(
            e for e in (tuple(n for n in entry if COMPONENTS[n].present(ctx.roadmap)) for entry in a.stack) if e
        )
        if stack:
            present.append((stack, a.span))
    if not present:
        return _Row(row, ())
    spec = ctx.spec
    col_w = (content.w - spec.column_gap * (spec.columns - 1)) / spec.columns
    scale = sum(a.span for a in row.areas) / sum(span for _, span in present)  # freed columns go to the rest
    if WIDE_PLAN in ctx.compact:
        present = _widened(present)
    placed, x = [], content.x
    for stack, columns in present:
        span = columns * scale
        width = span * col_w + (span - 1) * spec.column_gap
        placed.append(_Area(stack, x, width))
        x += width + spec.column_gap
    return _Row(row, tuple(placed))


def _widened(present: list[tuple[tuple[tuple[str, ...], ...], int]]) -> list[tuple[tuple[tuple[str, ...], ...], int]]:
    """The stappenplan's area one grid column wider, taken from the widest area beside it (if that keeps 4)."""
    plan = next((i for i, (stack, _) in enumerate(present) if any("plan" in entry for entry in stack)), None)
    others = [i for i in range(len(present)) if i != plan]
    if plan is None or not others:
        return present
    other = max(others, key=lambda i: present[i][1])
    if present[other][1] <= 4:
        return present
    out = list(present)
    out[plan] = (present[plan][0], present[plan][1] + 1)
    out[other] = (present[other][0], present[other][1] - 1)
    return out


def _number_sections(ctx: Context, rows: list[_Row]) -> None:
    order = [n for r in rows for a in r.areas for n in a.components if n in NUMBERED]
    ctx.section_numbers = {name: i + 1 for i, name in enumerate(order)}


def _entry_widths(ctx: Context, area: _Area, entry: tuple[str, ...]) -> list[tuple[str, float, float]]:
    """(component, x, width) of a stack entry's components, side by side in equal widths."""
    gap = ctx.spec.column_gap
    w = (area.width - gap * (len(entry) - 1)) / len(entry)
    return [(n, area.x + i * (w + gap), w) for i, n in enumerate(entry)]


def _flexible(entry: tuple[str, ...]) -> bool:
    return any(COMPONENTS[n].flexible for n in entry)


def _entry_height(ctx: Context, area: _Area, entry: tuple[str, ...], least: bool) -> float:
    """An entry's natural height; `least`: a flexible component counts at its minimum."""
    return max(
        COMPONENTS[n].min_height(ctx, w) if least and COMPONENTS[n].flexible else COMPONENTS[n].measure(ctx, w)
        for n, _, w in _entry_widths(ctx, area, entry)
    )


def _row_gap(ctx: Context) -> float:
    """The gap between rows (and between the entries of a stack), grown with the page's spacing."""
    return ctx.spec.row_gap * ctx.space


def _stack_height(ctx: Context, area: _Area, fill: bool) -> float:
    """Natural height of an area's stack; in a fill row its flexible component counts at its least height."""
    heights = [_entry_height(ctx, area, e, fill) for e in area.stack]
    return sum(heights) + _row_gap(ctx) * (len(heights) - 1)


def _needed(ctx: Context, rows: list[_Row]) -> float:
    total = _row_gap(ctx) * (len(rows) - 1)
    for row in rows:
        if row.spec.height in ("auto", "fill"):
            total += max(_stack_height(ctx, a, row.spec.height == "fill") for a in row.areas)
        else:
            total += float(row.spec.height)
    return total


# Compact forms of the areas around the stappenplan, in the order they are tried when the page is short:
# each is kept only if it lowers the page's need, and the first that makes the page fit ends the search.
LOSSLESS_FORMS = (
    "results.columns",  # results in two columns
    "vision.one_row",  # the ambitions as one row of compact cards
)
LOSSY_FORMS = (  # each leaves something to the HTML page, with a warning
    "baseline.no_notes",  # the nulmeting without its notes
    "quote.out",  # the quote left out
    "vision.titles_only",  # the ambitions' titles only
)
WIDE_PLAN = "plan.wide"  # the stappenplan's area takes a grid column from the area beside it (_widen)
# Before anything is left out, the page's type may shrink this far towards its minimums (0: all at minimum).
SHRINK_BEFORE_LOSS = 0.25
GROW_STEPS = 4  # halvings of the growth range


def _fit_type(ctx: Context, rows: list[_Row], available: float) -> None:
    """Size the page: the stappenplan's need first, then compact forms, then type.

    1. The plan counted at its preferred size (full lane headers) and the rest at full size: if that fits,
       type grows (up to fill.max_type) while it still fits, then the page's vertical spacing (up to
       fill.max_space), and the plan takes what is left.
    2. Else the other areas take their compact forms that lose nothing (results in columns, ambitions in
       one row), one by one, each only if it lowers the page's need;
    3. then the type of the whole page shrinks, one factor for all so the hierarchy keeps its proportions,
       at most three quarters of the way to its minimums;
    4. then the plan gives way, down to its comfortable size (halfway between its size and its minimum);
    5. then the forms that leave something to the HTML page (baseline notes, the quote, ambition texts);
    6. then the rest of the page's type shrinks as far as its minimums;
    7. then the plan gives way down to its minimum;
    8. last, the plan's area takes a grid column from the area beside it (A0 landscape: the vision and
       nulmeting column gives one of its five), which may then take its compact forms.
    """
    ctx.type_factor, ctx.grow, ctx.plan_need = 1.0, 1.0, PlanNeed.PREFERRED
    need = _needed(ctx, rows)
    if need <= available:
        _grow(ctx, rows, available)
        _spread(ctx, rows, available)
        return
    if _compact(ctx, rows, available, LOSSLESS_FORMS):
        return
    if _shrink(ctx, rows, available, SHRINK_BEFORE_LOSS):
        return
    ctx.plan_need = PlanNeed.COMFORT
    if _shrink(ctx, rows, available, SHRINK_BEFORE_LOSS):
        return
    ctx.type_factor = SHRINK_BEFORE_LOSS
    if _compact(ctx, rows, available, LOSSY_FORMS):
        _shrink(ctx, rows, available, SHRINK_BEFORE_LOSS)
        return
    if _shrink(ctx, rows, available, 0.0):
        return
    ctx.plan_need = PlanNeed.MIN
    if _shrink(ctx, rows, available, 0.0) or not _widen(ctx, rows, available):
        return
    if not _shrink(ctx, rows, available, SHRINK_BEFORE_LOSS):
        _shrink(ctx, rows, available, 0.0)


def _widen(ctx: Context, rows: list[_Row], available: float) -> bool:
    """The last resort before a page is refused: the stappenplan's area one grid column wider (a wider time
    axis holds more steps per row), taken from the area beside it, which may then need its compact forms
    where it did not before. Kept (True) if that lowers the page's need."""
    need = _needed(ctx, rows)
    before, forms = list(rows), ctx.compact
    ctx.compact = ctx.compact | {WIDE_PLAN}
    rows[:] = [_set_row(ctx, row) for row in _rows(ctx)]
    _compact(ctx, rows, available, LOSSLESS_FORMS + LOSSY_FORMS)
    if _needed(ctx, rows) >= need - 0.01:
        ctx.compact = forms
        rows[:] = before
        return False
    return True


def _compact(ctx: Context, rows: list[_Row], available: float, forms: tuple[str, ...]) -> bool:
    """Take compact forms one by one, each only if it lowers the page's need; True once the page fits.

    A form that saved nothing is tried again after another was taken (the quote under the nulmeting saves
    height only once the vision beside it is lower than the nulmeting and the quote together)."""
    need = _needed(ctx, rows)
    left = [form for form in forms if form not in ctx.compact]
    taken = True
    while taken:  # a form that saved nothing may save height once another area has shrunk: try it again
        taken = False
        for form in tuple(left):
            ctx.compact = ctx.compact | {form}
            less = _needed(ctx, rows)
            if less >= need - 0.01:
                ctx.compact = ctx.compact - {form}  # it saves nothing here: keep the full form
                continue
            left.remove(form)
            need, taken = less, True
            if need <= available:
                return True
    return need <= available


def _shrink(ctx: Context, rows: list[_Row], available: float, floor: float) -> bool:
    """The largest type factor down to `floor` at which the page fits (set in ctx); False if none does."""
    ctx.type_factor = floor
    if _needed(ctx, rows) > available:
        return False  # at 0: even the minimums do not fit, and _row_heights reports by how much
    lo, hi = floor, 1.0
    for _ in range(SEARCH_STEPS):
        mid = (lo + hi) / 2
        ctx.type_factor = mid
        if _needed(ctx, rows) <= available:
            lo = mid
        else:
            hi = mid
    ctx.type_factor = lo
    return True


def _grow(ctx: Context, rows: list[_Row], available: float) -> None:
    """On a page with room to spare, every type size (and with the step labels the bars) grows while it fits."""
    cap = max(ctx.spec.measure("fill.max_type", 1.0), 1.0)
    if cap <= 1.0:
        return
    ctx.grow = cap
    if _needed(ctx, rows) <= available:
        return
    lo, hi = 1.0, cap
    for _ in range(GROW_STEPS):
        mid = (lo + hi) / 2
        ctx.grow = mid
        if _needed(ctx, rows) <= available:
            lo = mid
        else:
            hi = mid
    ctx.grow = lo


def _spread(ctx: Context, rows: list[_Row], available: float) -> None:
    """Once type has grown to its cap, the room still left is spread by the grid: the vertical spacing of the
    whole page (gaps between rows, below section headings, around lanes: SPACING in context.py) grows by one
    factor, so the rhythm keeps its proportions, up to fill.max_space; the stappenplan's lanes take the rest
    (_row_heights), so no band is left empty."""
    type_cap = max(ctx.spec.measure("fill.max_type", 1.0), 1.0)
    cap = max(ctx.spec.measure("fill.max_space", 1.0), 1.0)
    if ctx.grow < type_cap - 1e-9:
        return  # type stopped growing because the page is full: nothing to spread but a remainder
    # Whichever column sets the fill row's height, the stappenplan's lanes fill theirs (no foot under the plan).
    ctx.fill_lanes = True
    ctx.space = cap
    if _needed(ctx, rows) <= available:
        return
    lo, hi = 1.0, cap
    for _ in range(GROW_STEPS):
        mid = (lo + hi) / 2
        ctx.space = mid
        if _needed(ctx, rows) <= available:
            lo = mid
        else:
            hi = mid
    ctx.space = lo


def _row_heights(ctx: Context, rows: list[_Row], available: float) -> tuple[list[float], list[float]]:
    """Heights of the rows, and the gaps after each row but the last (widened when the page has room to spare)."""
    gap = _row_gap(ctx)
    heights: list[float | None] = []
    for row in rows:
        if row.spec.height == "auto":
            heights.append(max(_stack_height(ctx, a, False) for a in row.areas))
        elif row.spec.height == "fill":
            heights.append(None)
        else:
            heights.append(float(row.spec.height))
    gaps = len(rows) - 1
    fixed = sum(h for h in heights if h is not None) + gap * gaps
    fill_rows = [i for i, h in enumerate(heights) if h is None]
    if fill_rows:
        share = (available - fixed) / len(fill_rows)
        for i in fill_rows:
            areas = rows[i].areas
            need = max(_stack_height(ctx, a, True) for a in areas)
            most = max(_stack_most(ctx, a) for a in areas)
            if share < need - 0.01:
                names = ", ".join(n for a in areas for n in a.components)
                ctx.problems.append(
                    f"{names}: needs {need:.1f} mm of height but only {max(share, 0):.1f} mm is left on the page "
                    f"({need - max(share, 0):.1f} mm short) even with all text at its minimum size; "
                    "shorten texts, reduce steps, or use a larger or landscape layout"
                )
                plan_areas = [a for a in areas if "plan" in a.components]
                if plan_areas:
                    ctx.problems.extend(_plan_shortfall(ctx, plan_areas[0], need - max(share, 0.0)))
            heights[i] = max(min(share, most), 0.0)
    done = [h or 0.0 for h in heights]
    spare = available - sum(done) - gap * gaps
    if spare < -0.01 and not fill_rows:
        ctx.problems.append(
            f"the page is {-spare:.1f} mm too short for its rows even with all text at its minimum size; "
            "shorten texts or use a larger layout"
        )
    gaps_mm = [gap] * gaps
    if spare > 0 and gaps:
        # Room to spare widens the gaps between rows evenly, up to MAX_GAP times the layout's gap (or the grown
        # gap, whichever is wider); beyond that the rows stay together and, once the spacing is at its cap, the
        # stappenplan's lanes take the rest; else (a remainder of the searches) the last gap above the footer,
        # so the footer keeps to the bottom margin and the content does not drift apart.
        each = min(spare / gaps, max(ctx.spec.row_gap * MAX_GAP - gap, 0.0))
        gaps_mm = [gap + each] * gaps
        spare -= each * gaps
        if ctx.fill_lanes and fill_rows:
            for i in fill_rows:
                done[i] += spare / len(fill_rows)
        else:
            gaps_mm[-1] += spare
    return done, gaps_mm


def _plan_shortfall(ctx: Context, area: _Area, short: float) -> list[str]:
    """What the stappenplan needs, in the user's terms: rows, the titles that cost most, a layout that fits."""
    from poster.layout.components import plan

    width = next(w for n, _, w in _entry_widths(ctx, area, next(e for e in area.stack if "plan" in e)) if n == "plan")
    with ctx.quietly():
        report = plan.shortfall(ctx, width, short)
    if ctx.spec.name and not ctx.trying_layouts:
        fits = _layouts_that_fit(ctx)
        if fits:
            report.append(f"a layout that holds this roadmap: {', '.join(fits)} (poster build --layout {fits[0]})")
    return report


def _layouts_that_fit(ctx: Context) -> list[str]:
    """Shipped layouts other than this one on which the same roadmap lays out (tried only when it does not fit)."""
    from poster.layout.spec import available_layouts, load_layout

    out = []
    for name in available_layouts():
        if name == ctx.spec.name:
            continue
        try:
            spec = load_layout(name)
        except Exception:  # noqa: BLE001 - a broken shipped layout is not this roadmap's problem
            continue
        if spec.width_mm * spec.height_mm < ctx.spec.width_mm * ctx.spec.height_mm * 0.99:
            continue  # a smaller page holds less
        try:
            layout_poster(ctx.roadmap, spec, highlights=ctx.highlights, _trying=True)
        except LayoutError:
            continue
        out.append(name)
    return out


def _stack_most(ctx: Context, area: _Area) -> float:
    """The most height a stack can use: its natural height plus what its flexible entry can stretch."""
    flexible = [e for e in area.stack if _flexible(e)]
    if not flexible:
        return _stack_height(ctx, area, False)
    entry = flexible[0]
    most = max(COMPONENTS[n].max_height(ctx, w) for n, _, w in _entry_widths(ctx, area, entry))
    return _stack_height(ctx, area, False) - _entry_height(ctx, area, entry, False) + most


def _stack_boxes(ctx: Context, area: _Area, y: float, height: float) -> list[tuple[str, Box]]:
    """Boxes of a stack's components, top to bottom, at their natural heights.

    One entry takes what is left, so the stack ends flush with the row: the
    flexible one (the stappenplan) if the stack has it, else the last. Entries
    moved to the foot of the area (`anchor`) end on the row's bottom edge, and
    the room left opens above them.
    """
    stack = area.stack
    flexible = [e for e in stack if _flexible(e)]
    stretch: tuple[str, ...] | None = flexible[0] if flexible else stack[-1]
    if area.anchor is not None and not flexible:
        stretch = None
    natural = {e: _entry_height(ctx, area, e, False) for e in stack if e != stretch}
    rest = height - sum(natural.values()) - _row_gap(ctx) * (len(stack) - 1)
    out, top = [], y
    for i, entry in enumerate(stack):
        if stretch is None and i == area.anchor:
            top += max(rest, 0.0)
        h = natural.get(entry, rest)
        out += [(n, Box(x, top, w, h)) for n, x, w in _entry_widths(ctx, area, entry)]
        top += h + _row_gap(ctx)
    return out


def _info(roadmap: Roadmap) -> DocumentInfo:
    meta = roadmap.meta
    t = Translator(meta.language)
    title = f"{meta.title} – {meta.organisation}"
    subject = meta.subtitle or t("plan")
    keywords = (meta.organisation, meta.title, t("vision"), t("baseline"), t("plan"))
    desc = f"{meta.title}. {roadmap.vision.statement} {t('as_of', date=t.date(meta.as_of))}."
    return DocumentInfo(
        title=title,
        author=meta.organisation,
        subject=subject,
        keywords=keywords,
        language=t.bcp47,
        description=desc,
    )


def layout_scaled(roadmap: Roadmap, spec: LayoutSpec, *, highlights: Highlights | None = None) -> Document:
    """Lay out spec's design page (poster/layout/scale.py) and scale the Document to spec's page."""
    try:
        doc = layout_poster(roadmap, design_spec(spec), highlights=highlights)
    except LayoutError as e:
        note = (
            f"(layout {spec.name} is drawn at {spec.scale:.3f} of its design: "
            f"the millimetres above are the design's; divide by {1 / spec.scale:.2f} for the page)"
        )
        raise LayoutError(e.problems + (note,)) from None
    # the page is exactly the layout's size, whatever rounding the design page took
    return replace(scale_document(doc, spec.scale), width_mm=spec.width_mm, height_mm=spec.height_mm)
