"""The slide deck read as a designer would: headings on their rules, no words split to fill a line, no half-empty
slides."""

from __future__ import annotations

import itertools
import re
from dataclasses import replace

import pytest
from conftest import example_folder
from test_slides import tiny_png

from poster.content import load_or_raise
from poster.content.model import Color, Language
from poster.layout.document import Rect, Text
from poster.layout.text import TextStyle, break_text, text_width_mm
from poster.slides import layout_deck
from poster.slides.adjust import extent
from poster.slides.deck import slide_layout

WORD_LETTERS = re.compile(r"[^\W\d_]+$")


@pytest.fixture(scope="module")
def example_roadmap():
    folder = example_folder()
    if folder is None:
        pytest.skip("content/meierijstad is missing")
    return load_or_raise(folder)[0]


@pytest.fixture(scope="module")
def decks(example_roadmap):
    english = replace(example_roadmap, meta=replace(example_roadmap.meta, language=Language("en")))
    return {lang: layout_deck(rm, tiny_png(), (841, 1189)) for lang, rm in (("nl", example_roadmap), ("en", english))}


def test_every_heading_starts_on_its_rule(decks):
    """A section title starts where its accent rule does, numbered or not (Voortgang beside Resultaten)."""
    for lang, deck in decks.items():
        for slide in deck:
            items = slide.document.items
            rules = [it for it in items if isinstance(it, Rect) and it.role == "section.rule"]
            titles = [it for it in items if isinstance(it, Text) and it.role == "section.title"]
            for rule in rules:
                below = [t for t in titles if t.y > rule.box.y and abs(t.x - rule.box.x) < 60]
                first = min(below, key=lambda t: (t.y, abs(t.x - rule.box.x)))
                assert abs(first.x - rule.box.x) < 0.01, (lang, slide.key, first.text, first.x, rule.box.x)


def _split_words(slide) -> list[tuple[str, float, float]]:
    """Words broken over two lines with an inserted hyphen ("Lei-" + "derschap"), joined again: (word, its width,
    the widest line of its paragraph - the same role, ref and x - in mm)."""
    texts = [it for it in slide.document.items if isinstance(it, Text)]
    out = []
    for a, b in itertools.pairwise(texts):
        head = a.text.rsplit(" ", 1)[-1]
        if head.endswith("-") and WORD_LETTERS.match(head[:-1]) and a.role == b.role and b.y > a.y:
            word = head[:-1] + b.text.split(" ", 1)[0]
            column = max(t.width_mm for t in texts if (t.role, t.ref, t.x) == (a.role, a.ref, a.x))
            out.append((word, text_width_mm(word, a.face, a.size_pt), column))
    return out


def test_slides_split_no_word_to_fill_a_line(decks):
    """Projected text is set ragged: a word is hyphenated only when it is wider than its column."""
    for lang, deck in decks.items():
        for slide in deck:
            fitting = [w for w, width, column in _split_words(slide) if width <= column]
            assert not fitting, (lang, slide.key, fitting)


def test_slide_layouts_do_not_hyphenate_to_fill_but_the_poster_does():
    from poster.fonts import family

    style = TextStyle(family("Fira Sans").face("regular"), 24.0, Color(0, 0, 0), 1.25)
    text = "Werkt aan: Leiderschap & visie · Datagedreven cultuur"
    poster = break_text(text, style, 60, "nl")
    slide = break_text(text, style, 60, "nl", fill=slide_layout("strategy").measure("text.fill"))
    assert any(line.endswith("-") for line in poster.lines)
    assert not any(line.endswith("-") for line in slide.lines), slide.lines
    # a word wider than the column is still broken
    narrow = break_text("Informatiebeveiligingsbeleid", style, 50, "nl", fill=0)
    assert len(narrow.lines) > 1 and narrow.lines[0].endswith("-")


@pytest.mark.parametrize("key", ["milestones", "results"])
def test_sparse_slides_fill_the_room_under_their_heading(decks, key):
    """The milestones' time line and the results are set larger rather than leave a third of the slide empty."""
    for lang, deck in decks.items():
        (slide,) = [s for s in deck if s.key == key]
        doc = slide.document
        head = [it for it in doc.items if it.role.startswith("section.")]
        body = [it for it in doc.items if not it.role.startswith("section.")]
        head_bottom = extent(replace(doc, items=tuple(head)))[1]
        top, bottom = extent(replace(doc, items=tuple(body)))
        spec = slide_layout(key)
        room = spec.height_mm - spec.margin_bottom - head_bottom
        assert (bottom - top) / room >= 0.8, (lang, key, round((bottom - top) / room, 2))
        assert bottom <= spec.height_mm - spec.margin_bottom + 0.01
