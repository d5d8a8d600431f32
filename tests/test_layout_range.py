"""Layout properties across the range roadmaps are written in: content from the honest generator
(tests/roadmaps.py: 1-60 steps, titles of 20-80 characters, 1-5 years, 1-8 pillars, full or sparse, Dutch or
English) on every shipped layout.

Whatever the content, the layout either returns a poster on which nothing overlaps, no text leaves its area or
the page, no text is below the layout's minimum sizes, every step is drawn with its label and no dependency arrow
crosses a label or a bar - or it raises a clean LayoutError. Never another exception. The same content always
gives the same Document.

LAYOUT_EXAMPLES=300 searches deeper than the quick default.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st
from layout_checks import content_box, outside, overlaps, region_escapes
from roadmaps import roadmap

from poster.errors import LayoutError
from poster.layout import available_layouts, layout_poster, load_layout

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "benchmarks"))
import capacity

EXAMPLES = int(os.environ.get("LAYOUT_EXAMPLES", "12"))
# A layout takes 0.1-1 s on a loaded two-core machine: no deadline, few examples (more with LAYOUT_EXAMPLES).
RANGE = settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# Item roles whose type-scale size is fixed by the layout; each is never set below that size's minimum.
TYPE_OF_ROLE = {
    "header.title": "title",
    "section.title": "section",
    "plan.step.label": "step",
    "plan.lane.name": "lane",
    "plan.milestone.label": "milestone",
    "plan.as_of.label": "marker",
}


@st.composite
def roadmaps(draw, most_steps: int = 60):
    lo = draw(st.integers(20, 80))
    hi = draw(st.integers(lo, min(lo + 30, 80)))
    full = draw(st.booleans())
    flags = {} if full else {k: draw(st.sampled_from((None, True, False))) for k in ("baseline", "results", "quote")}
    return roadmap(
        steps=draw(st.integers(1, most_steps)),
        years=draw(st.integers(1, 5)),
        pillars=draw(st.integers(1, 8)),
        title_chars=(lo, hi),
        full=full,
        language=draw(st.sampled_from(("nl", "en"))),
        seed=draw(st.integers(0, 10_000)),
        dependencies=draw(st.sampled_from((0.0, 0.3, 0.6))),
        **flags,
    )


def check_poster(content, spec, doc) -> None:
    """Every property a laid-out poster keeps, whatever its content."""
    assert outside(doc, content_box(doc, spec)) == []
    assert overlaps(doc) == []
    assert region_escapes(doc) == []
    texts = doc.texts()
    assert min(t.size_pt for t in texts) >= spec.min_text_pt - 1e-6
    for t in texts:
        if t.role in TYPE_OF_ROLE:
            assert t.size_pt >= spec.type(TYPE_OF_ROLE[t.role]).min_pt - 1e-6, (t.role, t.text, t.size_pt)
    bars = {i.ref for i in doc.items if i.role == "plan.step.bar"}
    labelled = {t.ref for t in texts if t.role == "plan.step.label"}
    assert bars == labelled == {s.id for s in content.plan.steps}
    # (That the legend names only what is drawn is measured by benchmarks/capacity.py, not asserted yet.)
    assert capacity.arrows(doc, content).crossing == 0


def check_error(e: LayoutError) -> None:
    assert e.problems and all(isinstance(p, str) and p.strip() for p in e.problems)
    assert len(set(e.problems)) == len(e.problems), "a problem is reported once"


@pytest.mark.slow
@RANGE
@given(content=roadmaps(), layout=st.sampled_from(available_layouts()))
def test_any_roadmap_on_any_layout_is_a_clean_poster_or_a_clean_error(content, layout):
    spec = load_layout(layout)
    try:
        doc = layout_poster(content, spec)
    except LayoutError as e:
        event("does not fit")  # pytest --hypothesis-show-statistics shows the share
        check_error(e)
        return
    event("fits")
    check_poster(content, spec, doc)


@pytest.mark.slow
@settings(RANGE, max_examples=max(EXAMPLES // 2, 1))
@given(content=roadmaps(most_steps=30), layout=st.sampled_from(("a0-portrait", "a0-landscape")))
def test_layout_is_deterministic_across_the_range(content, layout):
    """The same content gives an equal Document, also after other roadmaps were laid out (no state leaks)."""
    spec = load_layout(layout)
    try:
        first = layout_poster(content, spec)
    except LayoutError as e:
        check_error(e)
        return
    try:
        layout_poster(roadmap(steps=25, full=False, language="en", seed=1), spec)
    except LayoutError:
        pass
    assert layout_poster(content, spec) == first
