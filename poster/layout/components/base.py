"""Layout stage: pieces every component shares - the Block it returns, section headings, bulleted lists."""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Protocol, runtime_checkable

from poster.layout.document import Circle, Item, Rect
from poster.layout.geometry import Box, pt_to_mm

if TYPE_CHECKING:
    from poster.content.model import Color, Roadmap
    from poster.layout.context import Context


@dataclass
class Block:
    """What a component placed, and how much height it used."""

    items: list[Item] = field(default_factory=list)
    height: float = 0.0
    fits: bool = True  # False: some text fits nowhere at the sizes tried (the stappenplan's size search)


def natural(box: Box) -> bool:
    """True while the engine measures (the box has no height yet)."""
    return math.isinf(box.h)


def section_heading(
    ctx: Context, box: Box, component: str, title: str, aside: str | None = None
) -> tuple[list[Item], float]:
    """'3  Strategische aanpak' with a short accent bar above it; returns items and the height used.

    `aside` is a short muted text set after the title on the same baseline (a period, a date).
    """
    p = ctx.palette
    bar_w = ctx.measure("section.accent_width")
    bar_h = ctx.measure("section.accent_height")
    items: list[Item] = [Rect(Box(box.x, box.y, bar_w, bar_h), fill=p.accent, role="section.rule")]
    y = box.y + bar_h + ctx.measure("section.gap_below") * 0.6
    number = ctx.section_numbers.get(component)
    x = box.x
    if number is not None:
        num = ctx.fit(str(number), "section_number", box.w, element=f"{component}.heading", color=p.accent)
        items += ctx.items(num, x, y, role="section.number")
        x += num.width_mm + num.style.size_pt * 0.35 * 0.6  # a wide word space between number and title
    head = ctx.fit(title, "section", box.right - x, element=f"{component}.heading", color=p.primary, max_lines=2)
    items += ctx.items(head, x, y, role="section.title")
    if aside and head.lines:
        gap = head.line_height_mm * 0.4
        last_w = head.widths_mm[-1]
        room = box.right - (x + last_w + gap)
        side = ctx.fit(aside, "meta", max(room, 1.0), element=f"{component}.heading", color=p.muted, max_lines=1)
        # Same baseline as the title's last line.
        base = y + head.ascent_mm + head.line_height_mm * (len(head.lines) - 1)
        items += ctx.items(side, x + last_w + gap, base - side.ascent_mm, role="section.aside")
    height = (y - box.y) + head.height_mm + ctx.measure("section.gap_below")
    return items, height


def bullet_list(
    ctx: Context, box: Box, entries: tuple[str, ...], *, role: str, element: str, bullet_color: Color
) -> tuple[list[Item], float]:
    """A list with small round bullets and hanging indents; returns items and height."""
    items: list[Item] = []
    y = box.y
    size = ctx.style("list").size_pt
    indent = pt_to_mm(size) * 1.1
    for i, entry in enumerate(entries):
        par = ctx.fit(entry, "list", box.w - indent, element=f"{element}[{i}]")
        r = pt_to_mm(par.style.size_pt) * 0.16
        # Bullet centred on the first line's x-height.
        cy = y + par.ascent_mm - pt_to_mm(par.style.size_pt) * 0.26
        items.append(Circle(box.x + r, cy, r, fill=bullet_color, role=f"{role}.bullet"))
        items += ctx.items(par, box.x + indent, y, role=role)
        y += par.height_mm + par.line_height_mm * 0.35
    return items, max(y - box.y - (par.line_height_mm * 0.35 if entries else 0), 0.0)


@runtime_checkable
class ComponentModule(Protocol):
    """What a component module provides (poster/layout/components/*.py; registered in COMPONENTS)."""

    __name__: str

    def present(self, roadmap: Roadmap) -> bool:
        """Whether the roadmap has anything for this component to show."""
        ...

    def build(self, ctx: Context, box: Box) -> Block:
        """The component placed in `box`; with an infinite box height, at its natural height."""
        ...


@runtime_checkable
class FillComponentModule(ComponentModule, Protocol):
    """A component that takes any height between its min_height and max_height (the stappenplan)."""

    def min_height(self, ctx: Context, width: float) -> float: ...

    def comfort_height(self, ctx: Context, width: float) -> float: ...

    def max_height(self, ctx: Context, width: float) -> float: ...
