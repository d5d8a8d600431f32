"""Layout stage: the vision - the statement set large, ambitions as cards, benefits and preconditions."""

from __future__ import annotations

from poster.content.model import Roadmap
from poster.layout.components.base import Block, bullet_list, natural, section_heading
from poster.layout.context import Context
from poster.layout.document import Item, Rect
from poster.layout.geometry import Box


def present(roadmap: Roadmap) -> bool:
    return True


MIN_COMPACT_CARD = 85.0  # mm: a compact ambition card is never narrower


def _card_columns(ctx: Context, n: int, width: float) -> int:
    if "vision.one_row" in ctx.compact:
        # As many cards side by side as stay readable: all in one row where the width allows.
        gap = ctx.measure("card.gap")
        return max(min(n, int((width + gap) / (MIN_COMPACT_CARD + gap))), 1)
    return 2 if n in (2, 4) else 3


def ambition_cards(ctx: Context, box: Box, element: str = "vision.ambitions") -> tuple[list[Item], float]:
    """Ambitions as a grid of equal cards; returns items and height."""
    p = ctx.palette
    ambitions = ctx.roadmap.vision.ambitions
    pad = ctx.measure("card.padding")
    gap = ctx.measure("card.gap")
    radius = ctx.measure("card.radius")
    band = ctx.measure("card.band")
    cols = _card_columns(ctx, len(ambitions), box.w)
    one_row = "vision.one_row" in ctx.compact
    titles_only = "vision.titles_only" in ctx.compact
    if titles_only and any(a.text for a in ambitions):
        ctx.warnings.append(
            "vision.ambitions: the page is short, so the ambitions show their titles only; "
            "their texts are on the HTML page"
        )
    col_boxes = box.columns(cols, gap)
    items: list[Item] = []
    y = box.y
    for start in range(0, len(ambitions), cols):
        row = ambitions[start : start + cols]
        laid = []
        for i, amb in enumerate(row):
            cb = col_boxes[i]
            inner = cb.w - 2 * pad
            title = ctx.fit(
                amb.title,
                "card_title",
                inner,
                element=f"{element}[{start + i}].title",
                color=p.primary,
                max_lines=3,
                balance=True,
            )
            text = None
            if amb.text and not titles_only:
                # In one row of narrow cards the text is set as a caption.
                text = ctx.fit(
                    amb.text, "caption" if one_row else "body", inner, element=f"{element}[{start + i}].text"
                )
            h = title.height_mm + (title.line_height_mm * 0.35 + text.height_mm if text else 0.0)
            laid.append((cb, title, text, h))
        row_h = max(h for *_, h in laid) + 2 * pad + band
        for cb, title, text, _ in laid:
            card = Box(cb.x, y, cb.w, row_h)
            items.append(Rect(card, fill=p.surface, radius_mm=radius, role="vision.ambition.card"))
            items.append(Rect(Box(card.x, card.y, card.w, band), fill=p.primary, role="vision.ambition.band"))
            ty = y + band + pad
            items += ctx.items(title, card.x + pad, ty, role="vision.ambition.title")
            if text:
                ty += title.height_mm + title.line_height_mm * 0.35
                items += ctx.items(text, card.x + pad, ty, role="vision.ambition.text")
        y += row_h + gap
    return items, max(y - gap - box.y, 0.0)


def build(ctx: Context, box: Box) -> Block:
    block, used, gaps = _build(ctx, box, 0.0)
    if natural(box) or used >= box.h - 0.5 or not gaps:
        return block
    # Given more height than it needs (beside a taller column), the gaps between statement, cards and lists open
    # up, each to at most twice its size, so the area ends nearer the row's foot instead of leaving it empty.
    return _build(ctx, box, min((box.h - used) / gaps, ctx.measure("section.gap_below") * 1.6))[0]


def _build(ctx: Context, box: Box, extra: float) -> tuple[Block, float, int]:
    """The vision with `extra` mm more in each gap between its parts: the block, the height used, the gaps."""
    vision = ctx.roadmap.vision
    p = ctx.palette
    items, y = [], box.y
    head, h = section_heading(ctx, box, "vision", ctx.t("vision"))
    items += head
    y += h
    statement = ctx.fit(
        vision.statement,
        "statement",
        box.w,
        element="vision.statement",
        color=p.primary,
        balance=True,
        leading=1.22,
        max_lines=6,
    )
    items += ctx.items(statement, box.x, y, role="vision.statement")
    gap = ctx.measure("section.gap_below") * 1.6 + extra
    y += statement.height_mm + gap
    if vision.ambitions:
        cards, h = ambition_cards(ctx, Box(box.x, y, box.w, box.h))
        items += cards
        y += h + gap
    lists = [(k, v) for k, v in (("benefits", vision.benefits), ("preconditions", vision.preconditions)) if v]
    if lists:
        cols = Box(box.x, y, box.w, 0).columns(len(lists), ctx.measure("card.gap") * 2)
        bottoms = []
        for col, (key, entries) in zip(cols, lists):
            label = ctx.fit(ctx.t(key), "label", col.w, element=f"vision.{key}", color=p.primary, max_lines=2)
            items += ctx.items(label, col.x, y, role=f"vision.{key}.label")
            ly = y + label.height_mm + label.line_height_mm * 0.4
            li, lh = bullet_list(
                ctx,
                Box(col.x, ly, col.w, 0),
                entries,
                role=f"vision.{key}",
                element=f"vision.{key}",
                bullet_color=p.accent,
            )
            items += li
            bottoms.append(ly + lh)
        y = max(bottoms)
    else:
        y -= gap
    height = y - box.y if natural(box) else box.h
    gaps = (1 if vision.ambitions else 0) + (1 if lists else 0)
    return Block(items, height), y - box.y, gaps
