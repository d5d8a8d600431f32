"""Layout stage, slide deck: small edits to a laid-out slide - no section numbers, another title, centred content.

The layout engine numbers sections in the order of one page; a slide holds
one section, so its number would always read 1. These helpers change a
finished Document by its items' roles (never by guessing from geometry) and
re-measure any text they change with the fonts' real advances.
"""

from __future__ import annotations

from dataclasses import replace

from poster.layout.document import Document, Item, Path, Text, transformed
from poster.layout.document import extent as item_extent
from poster.layout.text import text_width_mm


def without_section_numbers(doc: Document) -> Document:
    """The slide without its section numbers; each heading's title (and aside) moves left into the number's place."""
    items = list(doc.items)
    numbers = [i for i, it in enumerate(items) if isinstance(it, Text) and it.role == "section.number"]
    for n in numbers:
        number = items[n]
        assert isinstance(number, Text)
        # The title lines set after this number: on its baseline or below it, starting right of it.
        shift = None
        for i in range(n + 1, len(items)):
            it = items[i]
            if it.role in ("section.number", "section.rule"):
                break  # the next heading: numbered or not (progress has none), its title stays where it is
            if not isinstance(it, Text):
                continue
            if it.role in ("section.title", "section.aside") and it.x > number.x:
                shift = it.x - number.x if shift is None else shift
                items[i] = replace(it, x=it.x - shift)
    dropped = set(numbers)
    kept = [it for i, it in enumerate(items) if i not in dropped]
    return replace(doc, items=tuple(kept))


def retitle(doc: Document, title: str, max_right: float) -> Document:
    """The slide's first section title replaced by `title` (one line), the aside after it moved along.

    When the title and its aside would pass `max_right` (mm), the aside is
    left out; when the title alone would, the slide keeps its own title.
    """
    items: list[Item | None] = list(doc.items)
    titles = [(i, it) for i, it in enumerate(doc.items) if isinstance(it, Text) and it.role == "section.title"]
    if not titles or any(it.y != titles[0][1].y for _, it in titles[1:2]):
        return doc  # a two-line title: leave it be
    i, old = titles[0]
    width = text_width_mm(title, old.face, old.size_pt)
    if old.x + width > max_right:
        return doc
    items[i] = replace(old, text=title, width_mm=width)
    delta = width - old.width_mm
    asides = [
        (j, it)
        for j, it in enumerate(doc.items)
        if isinstance(it, Text) and it.role == "section.aside" and abs(it.y - old.y) < 0.01
    ]
    for j, aside in asides:
        moved = replace(aside, x=aside.x + delta)
        items[j] = moved if moved.x + moved.width_mm <= max_right else None
    return replace(doc, items=tuple(it for it in items if it is not None))


def centred_vertically(doc: Document, top: float, bottom: float) -> Document:
    """All items moved down together so their extent sits in the middle between `top` and `bottom` (mm)."""
    span = extent(doc)
    if span is None:
        return doc
    y0, y1 = span
    dy = (top + bottom) / 2 - (y0 + y1) / 2
    if dy <= 0:
        return doc
    return replace(
        doc,
        items=tuple(moved(it, dy) for it in doc.items),
        regions=tuple((name, box.moved(dy=dy)) for name, box in doc.regions),
    )


def body_centred(doc: Document, bottom: float) -> Document:
    """The items under the section heading moved down to the middle of the room between heading and `bottom`.

    For a slide whose body is short (the milestones' time line): a band of
    content hanging under the heading with half the slide empty below reads
    as unfinished; centred, it reads as the slide's subject.
    """
    heading = [it for it in doc.items if getattr(it, "role", "").startswith("section.")]
    body = [it for it in doc.items if not getattr(it, "role", "").startswith("section.")]
    head_span = extent(replace(doc, items=tuple(heading)))
    body_span = extent(replace(doc, items=tuple(body)))
    if head_span is None or body_span is None:
        return doc
    free = bottom - body_span[1]
    dy = free / 2 - (body_span[0] - head_span[1]) / 2 if free > 0 else 0.0
    if dy <= 0:
        return doc
    return replace(doc, items=tuple(it if it in heading else moved(it, dy) for it in doc.items))


def stacked(upper: Document, lower: Document, gap_mm: float) -> Document:
    """`upper`'s items, then `lower`'s moved to start `gap_mm` below them (two slides of one page size made one)."""
    a, b = extent(upper), extent(lower)
    if a is None or b is None:
        return upper if b is None else lower
    dy = a[1] + gap_mm - b[0]
    return replace(
        upper,
        items=upper.items + tuple(moved(it, dy) for it in lower.items),
        regions=upper.regions + tuple((n, box.moved(dy=dy)) for n, box in lower.regions),
        warnings=upper.warnings + lower.warnings,
    )


def extent(doc: Document) -> tuple[float, float] | None:
    """The top and bottom (mm) of the geometry of everything drawn on the page (strokes not counted)."""
    boxes = [
        item_extent(it, ink=False)
        for it in doc.items
        if not isinstance(it, Path) or any(len(c) > 1 for c in it.commands)
    ]  # a path of "Z" alone has none
    return (min(b.y for b in boxes), max(b.bottom for b in boxes)) if boxes else None


def moved(item, dy: float):
    """`item` moved down by dy mm."""
    return transformed(item, dy=dy)
