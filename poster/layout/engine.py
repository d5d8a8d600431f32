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

from dataclasses import dataclass

from poster.content.model import Roadmap
from poster.errors import LayoutError
from poster.i18n import Translator
from poster.layout.components import COMPONENTS
from poster.layout.context import Context
from poster.layout.document import Document, DocumentInfo, Item
from poster.layout.geometry import Box
from poster.layout.spec import LayoutSpec, Row

# Components that get a section number, in reading order.
NUMBERED = ("vision", "baseline", "strategy", "plan", "results")
SEARCH_STEPS = 7  # halvings of the type factor: 1/128 of the scale's range is finer than half a point


@dataclass(frozen=True)
class _Area:
    components: tuple[str, ...]
    x: float
    width: float


@dataclass(frozen=True)
class _Row:
    spec: Row
    areas: tuple[_Area, ...]


def layout_poster(roadmap: Roadmap, spec: LayoutSpec) -> Document:
    """Lay the roadmap out on the layout's page; raises LayoutError listing every problem."""
    ctx = Context(roadmap, spec)
    content = Box(
        spec.margin_left,
        spec.margin_top,
        spec.width_mm - spec.margin_left - spec.margin_right,
        spec.height_mm - spec.margin_top - spec.margin_bottom,
    )
    rows = [r for r in (_place_row(ctx, row, content) for row in spec.rows) if r.areas]
    _number_sections(ctx, rows)
    _fit_type(ctx, rows, content.h)
    heights, gap = _row_heights(ctx, rows, content.h)
    items: list[Item] = []
    regions = []
    y = content.y
    for row, height in zip(rows, heights):
        for area in row.areas:
            for name, box in _stack_boxes(ctx, area, y, height, row.spec.height == "fill"):
                items.extend(COMPONENTS[name].build(ctx, box).items)
                regions.append((name, box))
        y += height + gap
    if ctx.problems:
        raise LayoutError(ctx.problems)
    return Document(
        width_mm=spec.width_mm,
        height_mm=spec.height_mm,
        background=ctx.palette.background,
        items=tuple(items),
        info=_info(roadmap),
        regions=tuple(regions),
        warnings=tuple(ctx.warnings),
    )


def _place_row(ctx: Context, row: Row, content: Box) -> _Row:
    present = []
    for a in row.areas:
        names = tuple(n for n in a.components if COMPONENTS[n].present(ctx.roadmap))
        if names:
            present.append((names, a.span))
    if not present:
        return _Row(row, ())
    spec = ctx.spec
    col_w = (content.w - spec.column_gap * (spec.columns - 1)) / spec.columns
    scale = sum(a.span for a in row.areas) / sum(span for _, span in present)  # freed columns go to the rest
    placed, x = [], content.x
    for names, span in present:
        span *= scale
        width = span * col_w + (span - 1) * spec.column_gap
        placed.append(_Area(names, x, width))
        x += width + spec.column_gap
    return _Row(row, tuple(placed))


def _number_sections(ctx: Context, rows: list[_Row]) -> None:
    order = [n for r in rows for a in r.areas for n in a.components if n in NUMBERED]
    ctx.section_numbers = {name: i + 1 for i, name in enumerate(order)}


def _stack_height(ctx: Context, area: _Area, fill: bool) -> float:
    """Natural height of an area's stack (for a fill row: the least it can be squeezed to)."""
    heights = [
        COMPONENTS[n].min_height(ctx, area.width) if fill else COMPONENTS[n].measure(ctx, area.width)
        for n in area.components
    ]
    return sum(heights) + ctx.spec.row_gap * (len(heights) - 1)


def _needed(ctx: Context, rows: list[_Row]) -> float:
    total = ctx.spec.row_gap * (len(rows) - 1)
    for row in rows:
        if row.spec.height in ("auto", "fill"):
            total += max(_stack_height(ctx, a, row.spec.height == "fill") for a in row.areas)
        else:
            total += float(row.spec.height)
    return total


def _fit_type(ctx: Context, rows: list[_Row], available: float) -> None:
    """Set ctx.type_factor to the largest value (1 = the scale's sizes) at which the rows fit."""
    ctx.type_factor = 1.0
    if _needed(ctx, rows) <= available:
        return
    ctx.type_factor = 0.0
    if _needed(ctx, rows) > available:
        return  # even the minimums do not fit: _row_heights reports by how much
    lo, hi = 0.0, 1.0
    for _ in range(SEARCH_STEPS):
        mid = (lo + hi) / 2
        ctx.type_factor = mid
        if _needed(ctx, rows) <= available:
            lo = mid
        else:
            hi = mid
    ctx.type_factor = lo


def _row_heights(ctx: Context, rows: list[_Row], available: float) -> tuple[list[float], float]:
    """Heights of the rows, and the gap between rows (widened when the page has room to spare)."""
    gap = ctx.spec.row_gap
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
            most = max(COMPONENTS[n].max_height(ctx, a.width) for a in areas for n in a.components)
            if share < need - 0.01:
                names = ", ".join(n for a in areas for n in a.components)
                ctx.problems.append(
                    f"{names}: needs {need:.1f} mm of height but only {max(share, 0):.1f} mm is left on the page "
                    f"({need - max(share, 0):.1f} mm short) even with all text at its minimum size; "
                    "shorten texts, reduce steps, or use a larger or landscape layout"
                )
            heights[i] = max(min(share, most), 0.0)
    done = [h or 0.0 for h in heights]
    spare = available - sum(done) - gap * gaps
    if spare < -0.01 and not fill_rows:
        ctx.problems.append(
            f"the page is {-spare:.1f} mm too short for its rows even with all text at its minimum size; "
            "shorten texts or use a larger layout"
        )
    if spare > 0 and gaps:
        gap += spare / gaps  # room to spare goes evenly between the rows, never into one hole
    return done, gap


def _stack_boxes(ctx: Context, area: _Area, y: float, height: float, fill: bool) -> list[tuple[str, Box]]:
    """Boxes of a stack's components: natural heights, the last one takes what is left so bottoms align."""
    if len(area.components) == 1:
        return [(area.components[0], Box(area.x, y, area.width, height))]
    out = []
    top = y
    for i, name in enumerate(area.components):
        last = i == len(area.components) - 1
        h = (y + height - top) if last else COMPONENTS[name].measure(ctx, area.width)
        out.append((name, Box(area.x, top, area.width, h)))
        top += h + ctx.spec.row_gap
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
