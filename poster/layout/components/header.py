"""Layout stage: the header - organisation, title, subtitle, logo, reporting date and version."""

from __future__ import annotations

from poster.content.model import LogoPosition, Roadmap
from poster.layout.components.base import Block, natural
from poster.layout.context import Context
from poster.layout.document import Image, Item, Rect
from poster.layout.geometry import Box, pt_to_mm
from poster.layout.text import Paragraph, face_metrics_mm


def present(roadmap: Roadmap) -> bool:
    return True


def _logo(ctx: Context):
    """The sanitised logo, read once per layout (the header is measured several times)."""
    path = ctx.roadmap.meta.logo
    if path is None:
        return None
    if "logo" not in ctx.assets:
        from poster.assets import load_logo

        ctx.assets["logo"] = load_logo(path)
    return ctx.assets["logo"]


def _title(ctx: Context, text: str, width: float) -> Paragraph:
    """One line if the scale's range allows it, else two balanced lines at full size."""
    p = ctx.palette
    one = ctx.try_fit(text, "title", width, element="meta.title", color=p.primary, max_lines=1, leading=1.08)
    if one is not None:
        return one
    # Two balanced lines broken between words, as a title is set: a word of it is hyphenated only when no break
    # between words fits. The lines are as close as the face allows without their line boxes overlapping.
    ascent, descent = face_metrics_mm(ctx.face("title"), 100.0)
    leading = max(1.08, (ascent + descent) / pt_to_mm(100.0))
    fill, ctx.fill = ctx.fill, 0.0
    try:
        two = ctx.try_fit(
            text, "title", width, element="meta.title", color=p.primary, max_lines=2, balance=True, leading=leading
        )
    finally:
        ctx.fill = fill
    if two is not None:
        return two
    return ctx.fit(
        text, "title", width, element="meta.title", color=p.primary, max_lines=2, balance=True, leading=leading
    )


def build(ctx: Context, box: Box) -> Block:
    meta = ctx.roadmap.meta
    p = ctx.palette
    t = ctx.t
    items: list[Item] = []
    gap = ctx.measure("header.gap")
    logo = _logo(ctx)
    logo_h = ctx.roadmap.theme.logo_height_mm or ctx.measure("header.logo_height")
    logo_w = min(logo_h * logo.width / logo.height, box.w * 0.3) if logo else 0.0
    if logo and logo_w < logo_h * logo.width / logo.height:
        logo_h = logo_w * logo.height / logo.width  # a very wide logo keeps its aspect ratio
    # The side column holds the logo, the reporting date and the version; it is as wide as they need.
    as_of = ctx.fit(
        t("as_of", date=t.date(meta.as_of)), "meta", box.w * 0.3, element="meta.as_of", color=p.text, max_lines=2
    )
    version = None
    if meta.version:
        version = ctx.fit(
            t("version", version=meta.version), "meta", box.w * 0.3, element="meta.version", color=p.muted, max_lines=1
        )
    side_w = max(logo_w, as_of.width_mm, version.width_mm if version else 0.0)
    left = ctx.roadmap.theme.logo_position is LogoPosition.LEFT
    text_x = box.x + (side_w + gap if left else 0.0)
    text_w = box.w - side_w - gap
    side_x = box.x if left else box.right - side_w

    y = box.y
    org = ctx.fit(meta.organisation, "organisation", text_w, element="meta.organisation", color=p.accent, max_lines=2)
    items += ctx.items(org, text_x, y, role="header.organisation")
    y += org.height_mm + org.line_height_mm * 0.15
    title = _title(ctx, meta.title, text_w)
    items += ctx.items(title, text_x, y, role="header.title")
    y += title.height_mm
    if meta.subtitle:
        y += title.line_height_mm * 0.12
        sub = ctx.fit(meta.subtitle, "subtitle", text_w, element="meta.subtitle", color=p.muted, max_lines=2)
        items += ctx.items(sub, text_x, y, role="header.subtitle")
        y += sub.height_mm
    text_bottom = y

    # Logo at the top of the side column; the date and version sit on the text block's last lines.
    align = "left" if left else "right"
    if logo is not None:
        lx = side_x if left else side_x + side_w - logo_w
        items.append(
            Image(
                Box(lx, box.y, logo_w, logo_h),
                logo.data,
                logo.mime,
                alt=meta.organisation,
                source=str(meta.logo),
                role="header.logo",
            )
        )
    meta_h = as_of.height_mm + (as_of.line_height_mm * 0.15 + version.height_mm if version else 0.0)
    sy = max(text_bottom - meta_h, box.y + logo_h + gap * 0.5 if logo else box.y)
    items += ctx.items(as_of, side_x, sy, align=align, box_width=side_w, role="header.as_of")
    if version:
        vy = sy + as_of.height_mm + as_of.line_height_mm * 0.15
        items += ctx.items(version, side_x, vy, align=align, box_width=side_w, role="header.version")
    rule_h = ctx.measure("header.rule")
    content_bottom = max(text_bottom, sy + meta_h) + gap
    height = content_bottom - box.y + rule_h
    if not natural(box):
        height = box.h
    items.append(Rect(Box(box.x, box.y + height - rule_h, box.w, rule_h), fill=p.primary, role="header.rule"))
    return Block(items, height)
