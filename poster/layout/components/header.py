"""Layout stage: the header - organisation, title, subtitle, logo, reporting date and version."""

from __future__ import annotations

from poster.content.model import LogoPosition
from poster.layout.components.base import Block, natural
from poster.layout.document import Image, Item, Rect
from poster.layout.geometry import Box


def present(roadmap) -> bool:
    return True


def _logo(ctx):
    path = ctx.roadmap.meta.logo
    if path is None:
        return None
    from poster.assets import load_logo

    return load_logo(path)


def build(ctx, box: Box) -> Block:
    meta = ctx.roadmap.meta
    p = ctx.palette
    items: list[Item] = []
    gap = ctx.measure("header.gap")
    logo = _logo(ctx)
    logo_h = ctx.roadmap.theme.logo_height_mm or ctx.measure("header.logo_height")
    logo_w = logo_h * logo.width / logo.height if logo else 0.0
    logo_w = min(logo_w, box.w * 0.28)
    side_w = max(logo_w, box.w * 0.22)  # the column that holds the logo and the reporting date
    left = ctx.roadmap.theme.logo_position is LogoPosition.LEFT
    text_x = box.x + (side_w + gap if left else 0.0)
    text_w = box.w - side_w - gap
    side_x = box.x if left else box.right - side_w

    y = box.y
    org = ctx.fit(meta.organisation, "organisation", text_w, element="meta.organisation", color=p.accent, max_lines=2)
    items += ctx.items(org, text_x, y, role="header.organisation")
    y += org.height_mm + org.line_height_mm * 0.3
    title = ctx.fit(meta.title, "title", text_w, element="meta.title", color=p.primary, max_lines=2, balance=True,
                    leading=1.08)
    items += ctx.items(title, text_x, y, role="header.title")
    y += title.height_mm
    if meta.subtitle:
        y += title.line_height_mm * 0.22
        sub = ctx.fit(meta.subtitle, "subtitle", text_w, element="meta.subtitle", color=p.muted, max_lines=2)
        items += ctx.items(sub, text_x, y, role="header.subtitle")
        y += sub.height_mm
    text_bottom = y

    # The side column: logo on top, then the reporting date and version, aligned to the outer edge.
    sy = box.y
    align = "left" if left else "right"
    if logo is not None:
        lx = side_x if left else side_x + side_w - logo_w
        items.append(Image(Box(lx, sy, logo_w, logo_h), logo.data, logo.mime, alt=meta.organisation, role="header.logo"))
        sy += logo_h + gap * 0.9
    as_of = ctx.fit(ctx.t("as_of", date=ctx.t.date(meta.as_of)), "meta", side_w, element="meta.as_of",
                    color=p.text, max_lines=2, size_pt=None)
    items += ctx.items(as_of, side_x, sy, align=align, box_width=side_w, role="header.as_of")
    sy += as_of.height_mm
    if meta.version:
        sy += as_of.line_height_mm * 0.2
        ver = ctx.fit(ctx.t("version", version=meta.version), "meta", side_w, element="meta.version",
                      color=p.muted, max_lines=1)
        items += ctx.items(ver, side_x, sy, align=align, box_width=side_w, role="header.version")
        sy += ver.height_mm

    rule_h = ctx.measure("header.rule")
    content_bottom = max(text_bottom, sy) + gap
    height = content_bottom - box.y + rule_h
    if not natural(box):
        height = box.h
    items.append(Rect(Box(box.x, box.y + height - rule_h, box.w, rule_h), fill=p.primary, role="header.rule"))
    return Block(items, height)
