"""Layout stage: the quote - one voice from the organisation, set large with its source."""

from __future__ import annotations

from poster.content.model import Roadmap
from poster.fonts import cmap
from poster.layout.components.base import Block, natural
from poster.layout.context import Context
from poster.layout.document import Item, Rect
from poster.layout.geometry import Box
from poster.layout.marks import glyph_path


def present(roadmap: Roadmap) -> bool:
    return roadmap.quote is not None


# A quote given more height than it needs (beside a taller header or column) is set larger so it fills its place
# as a pull quote instead of leaving an empty foot: up to this factor, and never larger than the vision's statement.
MAX_GROW = 1.5
GROW_STEPS = 5


def build(ctx: Context, box: Box) -> Block:
    block, used = _build(ctx, box, 1.0)
    if natural(box) or "quote.out" in ctx.compact or used >= box.h - 0.5:
        return block
    top = min(MAX_GROW, ctx.type_size("statement") / ctx.type_size("quote"))
    lo, hi = 1.0, top
    with ctx.quietly():
        if top <= 1.0 or _build(ctx, box, hi)[1] <= box.h:
            lo = max(top, 1.0)
        else:
            for _ in range(GROW_STEPS):
                mid = (lo + hi) / 2
                if _build(ctx, box, mid)[1] <= box.h:
                    lo = mid
                else:
                    hi = mid
    return _build(ctx, box, lo)[0] if lo > 1.0 else block


def _build(ctx: Context, box: Box, k: float) -> tuple[Block, float]:
    """The quote with its text and source `k` times their size."""
    p = ctx.palette
    quote = ctx.roadmap.quote
    assert quote is not None  # present() is False without a quote, and then the engine never builds it
    if "quote.out" in ctx.compact:
        ctx.warnings.append(
            "quote: the page is short, so the quote is left out of the poster "
            "(a larger or landscape layout has room for it)"
        )
        return Block([], 0.0 if natural(box) else box.h), 0.0
    items: list[Item] = []
    rule_w = 2.2
    x = box.x + rule_w + 9.0
    width = box.right - x
    # The opening mark is drawn as a shape: it takes its ink's height, not a 100 pt line's.
    face = ctx.face("quote")
    have = cmap(face)
    char = next((c for c in ("\u201c", '"') if ord(c) in have), None)  # a user font may lack the curly mark
    y = box.y
    if char is not None:
        mark, _, mark_h = glyph_path(face, char, x, box.y, ctx.type_size("number"), p.accent, role="quote.mark")
        items.append(mark)
        y += mark_h + 5.0
    text = ctx.fit(
        quote.text,
        "quote",
        width,
        element="quote.text",
        color=p.primary,
        leading=1.3,
        size_pt=ctx.type_size("quote") * k,
        min_pt=ctx.spec.type("quote").min_pt * k,
    )
    items += ctx.items(text, x, y, role="quote.text")
    y += text.height_mm
    if quote.source:
        y += text.line_height_mm * 0.45
        src = ctx.fit(
            f"\u2014 {quote.source}",
            "quote_source",
            width,
            element="quote.source",
            color=p.muted,
            size_pt=ctx.type_size("quote_source") * k,
            min_pt=ctx.spec.type("quote_source").min_pt * k,
        )
        items += ctx.items(src, x, y, role="quote.source")
        y += src.height_mm
    items.insert(0, Rect(Box(box.x, box.y, rule_w, y - box.y), fill=p.accent, role="quote.rule"))
    return Block(items, (y - box.y) if natural(box) else box.h), y - box.y
