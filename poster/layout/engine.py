"""Layout stage: resolve the layout's rows and columns to boxes, then let each component place itself in its box.

Rows are measured first ("auto" rows take their tallest component's natural
height, fixed rows their height in mm); "fill" rows share what is left. Areas
whose component has nothing to show are dropped and the others in the row widen
to close the gap; a row left empty disappears with its gap.
"""

from __future__ import annotations

from dataclasses import dataclass

from poster.content.model import Roadmap
from poster.errors import LayoutError
from poster.i18n import Translator
from poster.layout.components import COMPONENTS, Block
from poster.layout.context import Context
from poster.layout.document import Document, DocumentInfo, Item
from poster.layout.geometry import Box
from poster.layout.spec import LayoutSpec, Row

# Components that get a section number, in reading order.
NUMBERED = ("vision", "baseline", "strategy", "plan", "results")


@dataclass(frozen=True)
class _PlacedArea:
    component: str
    x: float
    width: float


def layout_poster(roadmap: Roadmap, spec: LayoutSpec) -> Document:
    """Lay the roadmap out on the layout's page; raises LayoutError listing every problem."""
    ctx = Context(roadmap, spec)
    content = Box(
        spec.margin_left,
        spec.margin_top,
        spec.width_mm - spec.margin_left - spec.margin_right,
        spec.height_mm - spec.margin_top - spec.margin_bottom,
    )
    rows = [r for r in (_place_row(ctx, row, content) for row in spec.rows) if r[1]]
    _number_sections(ctx, rows)
    heights, gap = _row_heights(ctx, rows, content.h, spec.row_gap)
    items: list[Item] = []
    regions = []
    y = content.y
    for (row, areas), height in zip(rows, heights):
        for area in areas:
            box = Box(area.x, y, area.width, height)
            block = COMPONENTS[area.component].build(ctx, box)
            items.extend(block.items)
            regions.append((area.component, box))
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


def _place_row(ctx: Context, row: Row, content: Box) -> tuple[Row, list[_PlacedArea]]:
    present = [a for a in row.areas if COMPONENTS[a.component].present(ctx.roadmap)]
    if not present:
        return row, []
    spec = ctx.spec
    col_w = (content.w - spec.column_gap * (spec.columns - 1)) / spec.columns
    wanted = sum(a.span for a in row.areas)
    have = sum(a.span for a in present)
    scale = wanted / have  # the freed columns go to the areas that stay, in proportion
    placed, x = [], content.x
    for a in present:
        span = a.span * scale
        width = span * col_w + (span - 1) * spec.column_gap
        placed.append(_PlacedArea(a.component, x, width))
        x += width + spec.column_gap
    return row, placed


def _number_sections(ctx: Context, rows: list[tuple[Row, list[_PlacedArea]]]) -> None:
    order = [a.component for _, areas in rows for a in areas if a.component in NUMBERED]
    ctx.section_numbers = {name: i + 1 for i, name in enumerate(order)}


def _natural(ctx: Context, areas: list[_PlacedArea]) -> float:
    return max(COMPONENTS[a.component].measure(ctx, a.width) for a in areas)


def _row_heights(ctx: Context, rows, available: float, gap: float) -> tuple[list[float], float]:
    """Heights of the rows, and the gap between rows (widened when the page has room to spare)."""
    heights: list[float | None] = []
    for row, areas in rows:
        if row.height == "auto":
            heights.append(_natural(ctx, areas))
        elif row.height == "fill":
            heights.append(None)
        else:
            heights.append(float(row.height))
    gaps = len(rows) - 1
    left = available - sum(h for h in heights if h is not None) - gap * gaps
    fill_rows = [i for i, h in enumerate(heights) if h is None]
    if fill_rows:
        share = left / len(fill_rows)
        for i in fill_rows:
            areas = rows[i][1]
            need = max(COMPONENTS[a.component].min_height(ctx, a.width) for a in areas)
            most = max(COMPONENTS[a.component].max_height(ctx, a.width) for a in areas)
            if share < need - 0.01:
                names = ", ".join(a.component for a in areas)
                ctx.problems.append(
                    f"{names}: needs {need:.1f} mm of height but only {max(share, 0):.1f} mm is left on the page "
                    f"({need - max(share, 0):.1f} mm short, the rest of the page takes {available - left:.1f} mm); "
                    "shorten texts, reduce steps, or use a larger or landscape layout"
                )
            heights[i] = max(min(share, most), 0.0)
    done = [h or 0.0 for h in heights]
    spare = available - sum(done) - gap * gaps
    if spare < -0.01 and not fill_rows:
        ctx.problems.append(f"the page is {-spare:.1f} mm too short for its rows; shorten texts or use a larger layout")
    if spare > 0 and gaps:
        gap += spare / gaps  # room to spare goes evenly between the rows, never into one hole
    return done, gap


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
