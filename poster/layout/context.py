"""Layout stage: what every component needs to know - the roadmap, the layout spec, colours, type styles, labels.

Components set text through `Context.fit`, which picks the size from the
layout's type scale, shrinks within the scale's range when needed, and records
problems (text that does not fit, characters the font lacks) instead of
raising, so one build reports all of them at once.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from enum import Enum
from pathlib import Path

from poster import fonts
from poster.content.colors import TEXT_CONTRAST, readable
from poster.content.model import Color, Roadmap
from poster.i18n import Translator
from poster.layout.document import Text
from poster.layout.spec import ROLE_FACES, LayoutSpec
from poster.layout.text import (
    FILL,
    Paragraph,
    TextDoesNotFit,
    TextStyle,
    break_text,
    fit_text,
    missing_characters,
    paragraph_items,
)

# Pillar colours when neither the pillar nor the theme gives one: muted hues,
# each at least 4.5:1 against white so they can colour text as well as marks.
DEFAULT_PILLAR_COLORS = tuple(
    Color.from_hex(h) for h in ("#1D6A86", "#2C7A4B", "#7A4A93", "#8A6516", "#3F5BA0", "#A13D63", "#52702A", "#5B6870")
)


@dataclass(frozen=True)
class HistoryQuarter:
    """One bar of the progress chart (components/progress_history.py): the state at a quarter's end."""

    year: int
    quarter: int  # 1-4
    progress: int  # overall progress 0-100
    done: int  # steps done
    current: bool = False  # the quarter of the reporting date (its state is the content being built)
    fraction: float | None = None  # where the reporting date falls in the quarter, 0-1 (current only)

    @property
    def label(self) -> str:
        return f"{self.year}-Q{self.quarter}"


@dataclass(frozen=True)
class Highlights:
    """Steps to mark as news on the poster: completed or started since an earlier version dated `since`;
    and the progress per quarter from the content's history, for the chart under the progress figure."""

    since: date
    completed: frozenset[str] = frozenset()
    started: frozenset[str] = frozenset()
    history: tuple[HistoryQuarter, ...] = ()

    def of(self, step_id: str) -> str | None:
        """ "completed", "started" or None."""
        if step_id in self.completed:
            return "completed"
        if step_id in self.started:
            return "started"
        return None


@dataclass(frozen=True)
class Palette:
    primary: Color
    accent: Color
    background: Color
    text: Color
    muted: Color
    surface: Color
    rule: Color
    pillars: tuple[tuple[str, Color], ...]

    def pillar(self, pillar_id: str) -> Color:
        for key, color in self.pillars:
            if key == pillar_id:
                return color
        return self.primary

    def tint(self, color: Color, amount: float = 0.16) -> Color:
        """A light version of color on the background (amount = share of the colour)."""
        return self.background.mix(color, amount)

    def card(self, pillar_id: str) -> Color:
        """The ground of a pillar's cards (the strategy card, the lane header): a light tint of its colour."""
        return self.tint(self.pillar(pillar_id), CARD_TINT)


CARD_TINT = 0.07  # share of the pillar's colour in its cards' ground
MUTED_SHARE = 0.38  # how far the derived muted text sits from the text colour towards the background


def make_palette(roadmap: Roadmap) -> Palette:
    """The theme's colours, with those the theme leaves out derived from it.

    The derived muted text is computed to reach WCAG's 4.5:1 on every ground
    it is set on (the background, the surface and each pillar's card tint),
    not just found wanting by the preflight afterwards.
    """
    c = roadmap.theme.colors
    surface = c.surface or c.background.mix(c.primary, 0.06)
    rule = c.text.mix(c.background, 0.80)
    choices = c.pillars or DEFAULT_PILLAR_COLORS
    pillars = tuple((p.id, p.color or choices[i % len(choices)]) for i, p in enumerate(roadmap.strategy.pillars))
    grounds = (c.background, surface) + tuple(c.background.mix(color, CARD_TINT) for _, color in pillars)
    muted = c.muted or readable(c.text.mix(c.background, MUTED_SHARE), grounds, TEXT_CONTRAST)
    return Palette(c.primary, c.accent, c.background, c.text, muted, surface, rule, pillars)


def _family(ref: str | Path) -> fonts.Family:
    if isinstance(ref, Path):
        return fonts.family_from_file(ref)
    return fonts.family(ref)


# The vertical rhythm of the page: gaps that grow together (ctx.space) when the page has room to spare once its
# type has grown as far as the layout allows; the engine's row gap grows with them.
SPACING = frozenset({"section.gap_below", "header.gap", "plan.lane_padding", "plan.axis_gap", "baseline.row_gap"})

# What of a text too tall for its place is still laid out (to find the problems after it): enough to overflow.
_FALLBACK_CHARS = 4000


class PlanNeed(str, Enum):
    """The height the engine counts the stappenplan at while it sizes the page (a str, so it equals its value)."""

    PREFERRED = "preferred"  # its own step size with full lane headers (components: preferred_height)
    COMFORT = "comfort"  # its comfortable step size, halfway to its minimum, densest way (components: comfort_height)
    MIN = "min"  # its smallest step size, densest way (components: min_height)


class Context:
    """Shared state of one layout run; collects problems instead of raising on the first."""

    def __init__(self, roadmap: Roadmap, spec: LayoutSpec, highlights: Highlights | None = None):
        self.roadmap = roadmap
        self.highlights = highlights
        self.spec = spec
        # A layout may let a word too wide for its box break anywhere (the slides: 24 pt at least).
        self.break_words = spec.measure("text.break_words", 0.0) > 0
        self.fill = spec.measure("text.fill", FILL)  # hyphenate to fill a line below this fill (0: never)
        self.t = Translator(roadmap.meta.language)
        self.language = self.t.lang
        self.as_of = roadmap.meta.as_of
        self.palette = make_palette(roadmap)
        self.families = {
            "heading": _family(roadmap.theme.fonts.heading),
            "body": _family(roadmap.theme.fonts.body),
        }
        self.problems: list[str] = []
        self.warnings: list[str] = []
        self.section_numbers: dict[str, int] = {}
        # 1.0: the type scale's sizes; 0.0: every size at its minimum (the engine lowers it to fit the page).
        self.type_factor = 1.0
        # >= 1: every size multiplied by it when the page has room to spare (up to the layout's fill.max_type).
        self.grow = 1.0
        # >= 1: the page's vertical spacing (SPACING, the row gaps) multiplied by it when type has grown to its cap
        # and room is still left (up to the layout's fill.max_space).
        self.space = 1.0
        # True once type has grown to its cap: the stappenplan's lanes take what is left (no band is left).
        self.fill_lanes = False
        # Compact forms in use (COMPACT_FORMS in the engine): the other areas give the stappenplan room before
        # any type shrinks.
        self.compact: frozenset[str] = frozenset()
        # What the engine counts the stappenplan at while sizing the page: PREFERRED (its own step size, full
        # lane headers) until the page cannot give it that, then MIN.
        self.plan_need = PlanNeed.MIN
        self.trying_layouts = False  # set while the engine tries other layouts for a roadmap that does not fit
        self.measured: dict[tuple, float] = {}  # (component, width, factor, grow, compact, need) -> height
        self.assets: dict[str, object] = {}  # files read once per layout (the logo)
        # Dependency arrows the stappenplan drew (None until it is placed): the legend names only what is drawn.
        self.drawn_dependencies: int | None = None
        self.memo: dict[tuple, object] = {}  # work the size searches repeat (a lane's steps packed at one size)

    @contextlib.contextmanager
    def quietly(self) -> Iterator[None]:
        """Trial work (measuring, trying a size): problems and warnings it finds are dropped.

        The two lists are copied on entry and put back as they were on exit, whatever the block did to them
        (added, removed, cleared). Whatever is finally placed is laid out again outside this block, and reports then.
        """
        before = self.problems[:], self.warnings[:]
        try:
            yield
        finally:
            self.problems[:], self.warnings[:] = before

    # -- type -------------------------------------------------------------
    def face(self, role: str) -> fonts.Face:
        family, weight = ROLE_FACES[role]
        return self.families[family].face(weight)

    def ink(self, color: Color, ground: Color) -> Color:
        """`color` for text set on `ground`, darkened (or lightened) as little as reaches WCAG's 4.5:1.

        Always 4.5:1, also for large text (where WCAG asks 3:1): a scaled layout
        prints its text smaller than it is laid out, and a text may shrink to fit.
        """
        return readable(color, (ground,), TEXT_CONTRAST)

    def type_size(self, role: str) -> float:
        """The role's size at the current type factor."""
        t = self.spec.type(role)
        return (t.min_pt + (t.size_pt - t.min_pt) * self.type_factor) * self.grow

    def style(
        self, role: str, color: Color | None = None, leading: float = 1.25, size_pt: float | None = None
    ) -> TextStyle:
        size = size_pt if size_pt is not None else self.type_size(role)
        return TextStyle(self.face(role), size, color or self.palette.text, leading)

    def measure(self, key: str, default: float | None = None) -> float:
        value = self.spec.measure(key, default)
        return value * self.space if self.space != 1.0 and key in SPACING else value

    def clean(self, text: str, face: fonts.Face, element: str) -> str:
        """Drop characters the font cannot draw, reporting them (never tofu); the engine removes repeats."""
        missing = missing_characters(text, face)
        if not missing:
            return text
        for ch in dict.fromkeys(missing):
            self.warnings.append(
                f"{element}: character {ch!r} (U+{ord(ch):04X}) is not in the font "
                f"{face.svg_family}; it was left out (use another character or a font that has it)"
            )
        return "".join(c for c in text if c not in missing)

    def fit(
        self,
        text: str,
        role: str,
        width: float,
        *,
        element: str,
        color: Color | None = None,
        max_lines: int | None = None,
        max_height: float | None = None,
        balance: bool = False,
        leading: float = 1.25,
        size_pt: float | None = None,
        min_pt: float | None = None,
    ) -> Paragraph:
        """Break text for a role at its scale size, shrinking to the role's minimum if needed."""
        style = self.style(role, color, leading, size_pt)
        text = self.clean(text, style.face, element)
        floor = min_pt if min_pt is not None else self.spec.type(role).min_pt
        floor = max(min(floor, style.size_pt), self.spec.min_text_pt)
        try:
            return fit_text(
                text,
                style,
                width,
                language=self.language,
                min_pt=floor,
                max_lines=max_lines,
                max_height_mm=max_height,
                balance=balance,
                element=element,
                break_words=self.break_words,
                fill=self.fill,
            )
        except TextDoesNotFit as exc:
            self.problems.append(str(exc))
            # Keep going with the smallest size so the remaining problems are found too (not balanced: the
            # layout has failed, so the paragraph is only measured, never drawn).
            small = TextStyle(style.face, floor, style.color, style.leading)
            if exc.axis == "height" and len(text) > _FALLBACK_CHARS:
                text = text[:_FALLBACK_CHARS]  # a text far too long: its start shows how far it overflows
            return break_text(text, small, width, self.language, break_words=self.break_words, fill=self.fill)

    def try_fit(self, text: str, role: str, width: float, *, element: str, **kw) -> Paragraph | None:
        """Like fit, but returns None instead of reporting when the text does not fit (to try alternatives)."""
        mark = len(self.problems)
        par = self.fit(text, role, width, element=element, **kw)
        if len(self.problems) > mark:
            del self.problems[mark:]
            return None
        return par

    def items(
        self,
        par: Paragraph,
        x: float,
        y_top: float,
        *,
        align: str = "left",
        box_width: float | None = None,
        role: str = "",
        ref: str = "",
    ) -> list[Text]:
        return paragraph_items(par, x, y_top, align=align, box_width_mm=box_width, role=role, ref=ref)
