"""Contrast: colours poster derives (muted text, text on pillar cards and bars) are computed to meet WCAG.

Any content without a theme, and any pillar colours a theme gives, pass the
print preflight: the defaults never fail their own check.
"""

from __future__ import annotations

import dataclasses
import os
from datetime import date

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from roadmaps import generated
from roadmaps import roadmap as written_roadmap

from poster.content import load
from poster.content.colors import readable, text_contrast_needed
from poster.content.model import Color, Language, Theme
from poster.errors import LayoutError
from poster.layout import Highlights, available_layouts, layout_poster, load_layout
from poster.layout.context import CARD_TINT, DEFAULT_PILLAR_COLORS, make_palette
from poster.print import preflight as pf
from poster.print.produce import PrintOptions, print_pdf
from poster.resources import data_dir

EXAMPLES = int(os.environ.get("CONTRAST_EXAMPLES", "12"))
SETTINGS = settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow])
LAYOUTS = available_layouts()
WHITE = Color(255, 255, 255)


def _roadmap(n_steps, n_pillars, years, seed, english, layout_name, full=True):
    """A roadmap as people write them (tests/roadmaps.py roadmap(): 1-6 pillars), or beyond that range a
    generated one with up to 10 pillars (the palette's colours repeat)."""
    if n_pillars <= 6:
        made = written_roadmap(steps=n_steps, years=years, pillars=n_pillars, full=full, language="en" if english else "nl",
                       seed=seed, title_chars=(20, 80))  # fmt: skip
    else:
        made = generated(n_steps, n_pillars, years, seed=seed)
        if english:
            made = dataclasses.replace(made, meta=dataclasses.replace(made.meta, language=Language("en")))
    steps = made.plan.steps
    # "new since" tags: white on the accent, on some of the steps
    highlights = Highlights(date(2025, 1, 1), frozenset(s.id for s in steps[::4]), frozenset(s.id for s in steps[1::4]))
    return made, load_layout(layout_name), highlights


def _errors(roadmap, spec, highlights) -> list[str] | None:
    """The print preflight's errors, or None when the content does not fit this layout (another test's subject)."""
    try:
        doc = layout_poster(roadmap, spec, highlights=highlights)
    except LayoutError:
        return None
    result = print_pdf(doc, roadmap, PrintOptions(cmyk=True))
    return [f.format() for f in result.errors]


@SETTINGS
@given(
    n_steps=st.integers(1, 40),
    n_pillars=st.integers(1, 10),
    years=st.integers(1, 5),
    seed=st.integers(0, 10_000),
    english=st.booleans(),
    full=st.booleans(),
    layout_name=st.sampled_from(LAYOUTS),
)
def test_any_content_without_a_theme_passes_the_print_preflight(
    n_steps, n_pillars, years, seed, english, full, layout_name
):
    roadmap, spec, highlights = _roadmap(n_steps, n_pillars, years, seed, english, layout_name, full)
    assert roadmap.theme == Theme()
    errors = _errors(roadmap, spec, highlights)
    assert not errors, errors


colours = st.builds(Color, st.integers(0, 255), st.integers(0, 255), st.integers(0, 255))


@SETTINGS
@given(
    pillars=st.lists(colours, min_size=1, max_size=4),
    seed=st.integers(0, 10_000),
    layout_name=st.sampled_from(["a0-portrait", "a3-landscape", "a2-portrait"]),
)
def test_text_on_any_pillar_colour_meets_its_contrast(pillars, seed, layout_name):
    """Pillar colours colour bars and cards; the text set on them (lane and card titles, labels on finished
    bars) is derived from them and meets 4.5:1 whatever the colours are. Bars themselves are the user's choice
    (a pale one is a warning, not an error)."""
    roadmap, spec, highlights = _roadmap(12, 4, 3, seed, False, layout_name)
    theme = Theme(colors=dataclasses.replace(Theme().colors, pillars=tuple(pillars)))
    roadmap = dataclasses.replace(roadmap, theme=theme)
    errors = _errors(roadmap, spec, highlights)
    assert not errors, errors


def test_the_derived_muted_text_reaches_4_5_on_every_ground_it_is_set_on():
    """The default grey (text mixed towards the background) is darkened just enough for the pillar cards."""
    roadmap = generated(6, 8, 2, seed=1)
    p = make_palette(roadmap)
    grounds = [p.background, p.surface] + [p.card(pid) for pid, _ in p.pillars]
    assert min(p.muted.contrast(g) for g in grounds) >= 4.5
    # as light as that allows: one step lighter falls short somewhere
    lighter = p.muted.mix(WHITE, 0.02)
    assert min(lighter.contrast(g) for g in grounds) < 4.5
    # a muted colour the theme sets is the user's: kept as written
    grey = Color(0x99, 0x99, 0x99)
    themed = dataclasses.replace(roadmap, theme=Theme(colors=dataclasses.replace(Theme().colors, muted=grey)))
    assert make_palette(themed).muted == grey


def test_every_shipped_pillar_colour_reads_as_text_on_white_and_on_its_card():
    for color in DEFAULT_PILLAR_COLORS:
        assert color.contrast(WHITE) >= 4.5
        assert color.contrast(WHITE.mix(color, CARD_TINT)) >= 4.5


@pytest.mark.parametrize(
    "ground, ratio",
    [(Color(0xFA, 0xF4, 0xEF), 4.5), (Color(0x1A, 0x1A, 0x1A), 4.5), (Color(0xB5, 0x65, 0x1D), 4.5), (WHITE, 3.0)],
)
def test_readable_changes_a_colour_as_little_as_reaches_the_ratio(ground, ratio):
    for color in (Color(0xB5, 0x65, 0x1D), Color(0x77, 0x77, 0x77), WHITE, Color(0x12, 0x34, 0x56)):
        out = readable(color, (ground,), ratio)
        assert out.contrast(ground) >= ratio
        if color.contrast(ground) >= ratio:
            assert out == color


def test_wcag_large_text_threshold():
    assert text_contrast_needed(18) == 3.0 and text_contrast_needed(17.9) == 4.5
    assert text_contrast_needed(14, bold=True) == 3.0 and text_contrast_needed(13.9, bold=True) == 4.5


@pytest.mark.parametrize("folder", ["content/meierijstad", "content/minimal", "template"])
def test_shipped_content_and_the_init_template_pass_the_preflight_in_every_layout(folder, tmp_path, run):
    if folder == "template":
        assert run("init", str(tmp_path / "nieuw")).exit_code == 0
        path = tmp_path / "nieuw"
    else:
        path = data_dir("content") / folder.removeprefix("content/")
    roadmap = load(path).roadmap
    assert roadmap is not None
    for name in LAYOUTS:
        errors = _errors(roadmap, load_layout(name), None)
        assert errors is not None and not errors, (name, errors)


def test_advice_names_the_field_the_colour_comes_from(tmp_path, run):
    """A pillar colour from theme.colors.pillars is named there, not as strategy.pillars[i].color."""
    assert run("init", str(tmp_path / "nieuw")).exit_code == 0
    roadmap = load(tmp_path / "nieuw").roadmap
    assert roadmap is not None
    names = pf._ColorNames(roadmap)
    pillar_colors = roadmap.theme.colors.pillars
    assert names.name(pillar_colors[2]) == "theme.colors.pillars[2]"
    assert names.name(roadmap.theme.colors.text) == "theme.colors.text"
    # a colour set at the pillar is named there
    own = dataclasses.replace(roadmap.strategy.pillars[1], color=Color(0x12, 0x34, 0x56))
    pillars = (roadmap.strategy.pillars[0], own) + roadmap.strategy.pillars[2:]
    roadmap = dataclasses.replace(roadmap, strategy=dataclasses.replace(roadmap.strategy, pillars=pillars))
    assert pf._ColorNames(roadmap).name(Color(0x12, 0x34, 0x56)) == "strategy.pillars[1].color"
