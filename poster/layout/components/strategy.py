"""Layout stage: the strategic approach - the pillars as cards in their colours, with goal and linked dimensions."""

from __future__ import annotations

import math

from poster.content.model import Pillar, Roadmap
from poster.layout.components.base import Block, natural, section_heading
from poster.layout.context import Context
from poster.layout.document import Item, Rect
from poster.layout.geometry import Box


def present(roadmap: Roadmap) -> bool:
    return True


def _per_row(n: int) -> int:
    return n if n <= 5 else math.ceil(n / 2)


def _card(ctx: Context, index: int, pillar: Pillar, width: float) -> tuple[list, float]:
    """The pillar card's paragraphs and its content height."""
    p = ctx.palette
    pad = ctx.measure("card.padding")
    inner = width - 2 * pad
    color = p.pillar(pillar.id)
    parts = [
        (
            "name",
            ctx.fit(
                pillar.name,
                "card_title",
                inner,
                element=f"strategy.pillars[{index}].name",
                color=ctx.ink(color, p.card(pillar.id)),
                max_lines=3,
                balance=True,
            ),
        )
    ]
    if pillar.goal:
        parts.append(("goal", ctx.fit(pillar.goal, "body", inner, element=f"strategy.pillars[{index}].goal")))
    if pillar.dimensions:
        dims = " · ".join(d.name for d in pillar.dimensions)
        text = f"{ctx.t('improves')}: {dims}"
        parts.append(
            (
                "dimensions",
                ctx.fit(text, "caption", inner, element=f"strategy.pillars[{index}].dimensions", color=p.muted),
            )
        )
    height = sum(par.height_mm for _, par in parts) + sum(par.line_height_mm * 0.45 for _, par in parts[1:])
    return parts, height


def build(ctx: Context, box: Box) -> Block:
    strategy = ctx.roadmap.strategy
    p = ctx.palette
    items: list[Item] = []
    y = box.y
    head, h = section_heading(ctx, box, "strategy", ctx.t("strategy"))
    items += head
    y += h
    if strategy.intro:
        intro = ctx.fit(strategy.intro, "body", min(box.w, box.w * 0.66), element="strategy.intro", color=p.text)
        items += ctx.items(intro, box.x, y, role="strategy.intro")
        y += intro.height_mm + ctx.measure("section.gap_below") * 1.2
    pad = ctx.measure("card.padding")
    gap = ctx.measure("card.gap")
    band = ctx.measure("card.band")
    radius = ctx.measure("card.radius")
    pillars = strategy.pillars
    per_row = _per_row(len(pillars))
    cols = box.columns(per_row, gap)
    for start in range(0, len(pillars), per_row):
        row = [
            (start + i, pl, *_card(ctx, start + i, pl, cols[i].w))
            for i, pl in enumerate(pillars[start : start + per_row])
        ]
        row_h = max(h for *_, h in row) + 2 * pad + band
        for (_index, pillar, parts, _), col in zip(row, cols):
            color = p.pillar(pillar.id)
            card = Box(col.x, y, col.w, row_h)
            items.append(Rect(card, fill=p.card(pillar.id), radius_mm=radius, role="strategy.card", ref=pillar.id))
            items.append(Rect(Box(card.x, card.y, card.w, band), fill=color, role="strategy.band", ref=pillar.id))
            ty = y + band + pad
            for i, (kind, par) in enumerate(parts):
                if i:
                    ty += par.line_height_mm * 0.45
                items += ctx.items(par, card.x + pad, ty, role=f"strategy.{kind}", ref=pillar.id)
                ty += par.height_mm
        y += row_h + gap
    y -= gap
    return Block(items, (y - box.y) if natural(box) else box.h)
