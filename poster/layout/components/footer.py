"""Layout stage: the footer - contact, version and reporting date, and the tool's credit."""

from __future__ import annotations

from poster.content.model import Roadmap
from poster.layout.components.base import Block, natural
from poster.layout.context import Context
from poster.layout.document import Item, Line
from poster.layout.geometry import Box


def present(roadmap: Roadmap) -> bool:
    return True


def _contact(ctx: Context) -> str:
    c = ctx.roadmap.meta.contact
    if c is None:
        return ""
    who = ", ".join(x for x in (c.name, c.role) if x)
    return " · ".join(x for x in (who, c.email, c.phone) if x)


def build(ctx: Context, box: Box) -> Block:
    p = ctx.palette
    meta = ctx.roadmap.meta
    items: list[Item] = []
    y = box.y + ctx.measure("footer.gap")
    right_bits = []
    if meta.version:
        right_bits.append(ctx.t("version", version=meta.version))
    right_bits.append(ctx.t("as_of", date=ctx.t.date(meta.as_of)))
    right_bits.append(ctx.t("made_with"))
    right = ctx.fit(" · ".join(right_bits), "footer", box.w * 0.48, element="footer", color=p.muted, max_lines=2)
    contact = _contact(ctx)
    left_h = 0.0
    if contact:
        label = ctx.fit(ctx.t("contact"), "footer_strong", box.w * 0.2, element="footer", color=p.text, max_lines=1)
        items += ctx.items(label, box.x, y, role="footer.label")
        cx = box.x + label.width_mm + 4.0
        body = ctx.fit(contact, "footer", box.w * 0.5 - (cx - box.x), element="meta.contact", color=p.text, max_lines=2)
        items += ctx.items(body, cx, y, role="footer.contact")
        left_h = body.height_mm
    items += ctx.items(
        right, box.right - right.width_mm, y, align="right", box_width=right.width_mm, role="footer.meta"
    )
    height = ctx.measure("footer.gap") + max(left_h, right.height_mm)
    if not natural(box):
        height = box.h
    items.insert(0, Line(box.x, box.y, box.right, box.y, p.rule, ctx.measure("footer.rule"), role="footer.rule"))
    return Block(items, height)
