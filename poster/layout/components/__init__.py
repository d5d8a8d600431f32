"""Layout stage: the poster's components, each placing its part of the roadmap in the box it is given.

A component is a module with `present(roadmap)` and `build(ctx, box) -> Block`
(the ComponentModule protocol in base.py, checked by mypy). `build` with an infinite box height returns the component's
natural height (that is how rows are measured); with a finite height it fills
that box. A "fill" component (the stappenplan) also has `min_height` and
`max_height`.
"""

from __future__ import annotations

import math
from collections.abc import Callable

from poster.content.model import Roadmap
from poster.layout.components import (
    baseline,
    footer,
    header,
    legend,
    plan,
    progress,
    quote,
    results,
    strategy,
    vision,
)
from poster.layout.components.base import Block, ComponentModule, FillComponentModule
from poster.layout.context import Context
from poster.layout.geometry import Box

__all__ = ["COMPONENTS", "Block", "Component"]


class Component:
    def __init__(self, module: ComponentModule) -> None:
        self.module = module
        # Can take any height between min_height and max_height (the stappenplan); asked once, the engine asks often.
        self.flexible: bool = isinstance(module, FillComponentModule)

    def present(self, roadmap: Roadmap) -> bool:
        return self.module.present(roadmap)

    def build(self, ctx: Context, box: Box) -> Block:
        return self.module.build(ctx, box)

    def _quietly(self, ctx: Context, kind: str, width: float, fn: Callable[[Context, float], float]) -> float:
        """fn(ctx, width), memoised per type factor; problems it finds are found again when placing."""
        key = (
            f"{self.module.__name__}:{kind}",
            round(width, 6),
            ctx.type_factor,
            ctx.grow,
            ctx.space,
            ctx.compact,
            ctx.plan_need,
        )
        if key not in ctx.measured:
            with ctx.quietly():
                ctx.measured[key] = fn(ctx, width)
        return ctx.measured[key]

    def measure(self, ctx: Context, width: float) -> float:
        return self._quietly(
            ctx, "natural", width, lambda c, w: self.module.build(c, Box(0.0, 0.0, w, math.inf)).height
        )

    def min_height(self, ctx: Context, width: float) -> float:
        """The least height the engine counts it at: its minimum, or while the page can afford it, its preferred."""
        kind = ctx.plan_need.value  # "preferred", "comfort" or "min": the module's {kind}_height
        fn = getattr(self.module, f"{kind}_height", None)
        return self._quietly(ctx, kind, width, fn) if fn else self.measure(ctx, width)

    def max_height(self, ctx: Context, width: float) -> float:
        fn = getattr(self.module, "max_height", None)
        return self._quietly(ctx, "max", width, fn) if fn else math.inf


# Each module is checked against the ComponentModule protocol (by mypy, through this annotation).
_MODULES: tuple[ComponentModule, ...] = (
    header,
    vision,
    baseline,
    strategy,
    plan,
    legend,
    results,
    progress,
    quote,
    footer,
)
COMPONENTS: dict[str, Component] = {mod.__name__.rsplit(".", 1)[1]: Component(mod) for mod in _MODULES}
