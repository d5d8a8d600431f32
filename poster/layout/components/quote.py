"""Layout stage: the quote - one voice from the organisation, set large with its source."""

from __future__ import annotations

from poster.layout.components.base import Block, natural
from poster.layout.document import Item, Rect
from poster.layout.geometry import Box


def present(roadmap) -> bool:
    return roadmap.quote is not None


def build(ctx, box: Box) -> Block:
    p = ctx.palette
    quote = ctx.roadmap.quote
    items: list[Item] = []
    rule_w = 2.2
    x = box.x + rule_w + 9.0
    width = box.right - x
    mark = ctx.fit("\u201c", "number", width, element="quote", color=p.accent, max_lines=1, leading=1.0)
    y = box.y
    items += ctx.items(mark, x - 1.0, y - mark.ascent_mm * 0.25, role="quote.mark")
    y += mark.ascent_mm * 0.52
    text = ctx.fit(quote.text, "quote", width, element="quote.text", color=p.primary, leading=1.3)
    items += ctx.items(text, x, y, role="quote.text")
    y += text.height_mm
    if quote.source:
        y += text.line_height_mm * 0.45
        src = ctx.fit(f"\u2014 {quote.source}", "quote_source", width, element="quote.source", color=p.muted)
        items += ctx.items(src, x, y, role="quote.source")
        y += src.height_mm
    items.insert(0, Rect(Box(box.x, box.y, rule_w, y - box.y), fill=p.accent, role="quote.rule"))
    return Block(items, (y - box.y) if natural(box) else box.h)
