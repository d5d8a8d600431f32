"""Layout stage, slide deck: the slide that shows the whole poster - its heading and facts beside a picture of it.

The poster is placed as a picture (the PNG renderer's image, handed in like
a logo), not as its own text scaled down: on a slide the poster's 14 pt text
would be 4 pt, and the deck holds no text under 24 pt. The picture is there to
be recognised, the sections follow on slides of their own.
"""

from __future__ import annotations

from poster.content.model import Roadmap
from poster.layout.components.base import section_heading
from poster.layout.context import Context
from poster.layout.document import Document, DocumentInfo, Image, Item, Rect
from poster.layout.geometry import Box
from poster.layout.spec import LayoutSpec


def poster_slide(roadmap: Roadmap, spec: LayoutSpec, png: bytes, size_mm: tuple[float, float]) -> Document:
    """The slide showing the poster `png` (its size `size_mm`) beside the poster's heading and facts."""
    ctx = Context(roadmap, spec)
    p = ctx.palette
    t = ctx.t
    meta = roadmap.meta
    content = Box(
        spec.margin_left,
        spec.margin_top,
        spec.width_mm - spec.margin_left - spec.margin_right,
        spec.height_mm - spec.margin_top - spec.margin_bottom,
    )
    # The picture as tall as the slide's content, at the right; the words in the room to its left.
    w, h = size_mm
    pic_h = content.h
    pic_w = pic_h * w / h
    if pic_w > content.w * 0.55:
        pic_w = content.w * 0.55
        pic_h = pic_w * h / w
    pic = Box(content.right - pic_w, content.y + (content.h - pic_h) / 2, pic_w, pic_h)
    text = Box(content.x, content.y, pic.x - content.x - spec.column_gap * 2, content.h)

    items: list[Item] = []
    head, y = section_heading(ctx, text, "poster", t("slide_poster"))
    items += head
    y += text.y
    title = ctx.fit(meta.title, "statement", text.w, element="meta.title", color=p.primary, max_lines=3)
    items += ctx.items(title, text.x, y, role="slide.poster.title")
    y += title.height_mm + title.line_height_mm * 0.5
    facts = [meta.organisation]
    if meta.subtitle:
        facts.insert(0, meta.subtitle)
    facts.append(
        t("as_of", date=t.date(meta.as_of)) + (f" · {t('version', version=meta.version)}" if meta.version else "")
    )
    for i, fact in enumerate(facts):
        par = ctx.fit(fact, "body", text.w, element="meta", color=p.text if i < len(facts) - 1 else p.muted)
        items += ctx.items(par, text.x, y, role="slide.poster.meta")
        y += par.height_mm + par.line_height_mm * 0.35
    # A hairline frame, so a white poster does not dissolve into a white slide.
    items.append(Rect(Box(pic.x - 0.6, pic.y - 0.6, pic.w + 1.2, pic.h + 1.2), fill=p.rule, role="slide.poster.frame"))
    items.append(Image(pic, png, "image/png", alt=f"{meta.title} – {meta.organisation}", role="slide.poster.image"))
    if ctx.problems:
        from poster.errors import LayoutError

        raise LayoutError(ctx.problems)
    info = DocumentInfo(
        title=meta.title, author=meta.organisation, subject=t("slide_poster"), keywords=(), language=t.bcp47
    )
    doc = Document(
        spec.width_mm,
        spec.height_mm,
        p.background,
        tuple(items),
        info,
        regions=(("poster", pic),),
        warnings=tuple(ctx.warnings),
    )
    return doc
