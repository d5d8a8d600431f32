"""HTML page without a browser: self-contained, valid HTML5, the text version complete and in the poster's language."""

from __future__ import annotations

import itertools
import os
import re
import shutil
import subprocess
from dataclasses import replace
from html.parser import HTMLParser
from pathlib import Path

import pytest
from conftest import BASE, edit, example_folder, write_files

from poster.content import load_or_raise
from poster.content.model import Color, Language
from poster.layout import layout_poster, load_layout
from poster.layout.document import Rect, Text
from poster.render.html import page_colors, readable, render_page

VNU = Path(__file__).parent / "browser" / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"


@pytest.fixture(scope="module")
def example():
    folder = example_folder()
    if folder is None:
        pytest.skip("content/meierijstad is missing")
    roadmap, _ = load_or_raise(folder)
    doc = layout_poster(roadmap, load_layout("a0-portrait"))
    return roadmap, doc, render_page(doc, roadmap).decode("utf-8")


class Outline(HTMLParser):
    """Headings, tables, attributes and text of a page, as the tests need them."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.headings: list[tuple[int, str]] = []
        self.tags: list[tuple[str, dict]] = []
        self.text: list[str] = []
        self._heading: list[str] | None = None
        self._level = 0
        self._skip = 0

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        if tag in ("script", "style", "svg"):
            self._skip += 1
        if re.fullmatch(r"h[1-6]", tag):
            self._heading, self._level = [], int(tag[1])

    def handle_endtag(self, tag):
        if tag in ("script", "style", "svg"):
            self._skip -= 1
        if re.fullmatch(r"h[1-6]", tag) and self._heading is not None:
            self.headings.append((self._level, "".join(self._heading).strip()))
            self._heading = None

    def handle_data(self, data):
        if self._heading is not None:
            self._heading.append(data)
        if not self._skip:
            self.text.append(data)

    @property
    def words(self) -> str:
        return re.sub(r"\s+", " ", "".join(self.text))


def outline(page: str) -> Outline:
    o = Outline()
    o.feed(page)
    return o


def test_one_self_contained_file_that_requests_nothing(example):
    _, _, page = example
    o = outline(page)
    for tag, attrs in o.tags:
        for name in ("src", "href", "xlink:href", "action", "poster", "data"):
            value = attrs.get(name)
            if value is not None:
                assert value.startswith(("#", "data:", "mailto:")), (tag, name, value[:60])
        assert not any(name.startswith("on") for name in attrs), (tag, attrs)  # no inline event handlers
    assert "url(http" not in page and "@import" not in page
    assert [t for t, _ in o.tags].count("script") == 1 and [t for t, _ in o.tags].count("style") == 1


def test_content_security_policy_allows_exactly_the_page_itself(example):
    _, _, page = example
    csp = re.search(r'http-equiv="Content-Security-Policy" content="([^"]+)"', page).group(1)
    assert "default-src 'none'" in csp
    assert "'unsafe-inline'" not in csp and "'unsafe-eval'" not in csp
    import base64
    import hashlib

    for kind in ("style", "script"):
        body = re.search(rf"<{kind}>(.*?)</{kind}>", page, re.S).group(1)
        digest = base64.b64encode(hashlib.sha256(body.encode()).digest()).decode()
        assert f"{kind}-src 'sha256-{digest}'" in csp


def test_language_title_and_heading_order(example):
    roadmap, _, page = example
    assert page.startswith('<!DOCTYPE html>\n<html lang="nl-NL">')
    o = outline(page)
    levels = [lvl for lvl, _ in o.headings]
    assert levels[0] == 1 and levels.count(1) == 1
    assert all(b - a <= 1 for a, b in itertools.pairwise(levels)), o.headings  # never skips a level
    titles = [t for _, t in o.headings]
    for section in ("Visie", "Nulmeting", "Strategische aanpak", "Stappenplan", "Resultaten", "Voortgang"):
        assert section in titles
    for pillar in roadmap.strategy.pillars:
        assert pillar.name in titles


def test_fonts_are_embedded_under_the_names_the_svg_uses(example):
    _, doc, page = example
    families = {f"'{t.face.svg_family}'" for t in doc.texts()}
    declared = set(re.findall(r"@font-face \{ font-family: ('[^']+')", page))
    assert families <= declared
    assert "font-family=\"'Fira Sans SemiBold'\"" in page  # the SVG's own text, inline
    assert len(page.encode()) < 600_000  # WOFF subsets, not whole TTFs


def test_inline_svg_is_one_named_image_with_real_text(example):
    _, doc, page = example
    svg = re.search(r"<svg\b[^>]*>", page).group(0)
    assert 'role="img"' in svg and 'aria-label="Poster Routekaart datagedreven werken.' in svg
    assert 'width="841mm"' not in svg and "<?xml" not in page
    assert page.count("<text ") == len(doc.texts())


def test_nulmeting_is_one_table_with_levels_in_words(example):
    roadmap, _, page = example
    table = re.search(r"<table>\s*<caption[^>]*>Nulmeting:.*?</table>", page, re.S).group(0)
    assert table.count('<th scope="row">') == len(roadmap.baseline.dimensions)
    assert '<th scope="col">Nu (2024)</th><th scope="col">Ambitie (2029)</th>' in table
    assert "<td>2 (Ontwikkelend)</td>" in table
    assert "<td>1,5 (tussen Startend en Ontwikkelend)</td>" in table  # Dutch decimal comma


def test_stappenplan_has_a_table_per_pillar_with_status_in_words(example):
    roadmap, _, page = example
    for pillar in roadmap.strategy.pillars:
        caption = f">{pillar.name.replace('&', '&amp;')}: stappen</caption>"
        assert caption in page
        table = page[page.index(caption) : page.index("</table>", page.index(caption))]
        assert table.count('<th scope="row">') == len(roadmap.steps_of(pillar))
    words = outline(page).words
    assert "Kpi's verankeren in de P&C-cyclus" in words
    assert "3e kwartaal 2025 – 2e kwartaal 2026" in words  # periods in words, not K3
    overdue = [s for s in roadmap.plan.steps if s.is_overdue(roadmap.meta.as_of)]
    assert overdue, "the example should show an overdue step"
    assert words.count("te laat: einddatum") == len(overdue)
    assert "Gereed" in words and "Bezig" in words and "Vertraagd" in words


def test_milestones_results_and_progress(example):
    roadmap, _, page = example
    words = outline(page).words
    for m in roadmap.plan.milestones:
        assert m.title in words
    assert "Bereikt" in words and "Nog niet bereikt" in words
    for r in roadmap.results:
        assert r.title in words
    assert "gemiddelde voortgang van alle stappen" in words
    assert "Stand per 14 mei 2026" in words


def test_english_poster_gives_an_english_page(tmp_path):
    folder = write_files(tmp_path / "c", {"roadmap.yaml": edit(BASE, "language: nl", "language: en")})
    roadmap, _ = load_or_raise(folder)
    assert roadmap.meta.language is Language.EN
    page = render_page(layout_poster(roadmap, load_layout("a0-portrait")), roadmap).decode()
    assert '<html lang="en-GB">' in page
    words = outline(page).words
    assert "Text version of the poster" in words and "Status as of 15 March 2026" in words
    assert "1.5 (between Startend and Ontwikkelend)" in words  # decimal point in English
    assert "Zoom in" in words


def test_content_is_escaped(tmp_path):
    hostile = edit(BASE, "title: Routekaart datagedreven werken", 'title: "<script>alert(1)</script> & co"')
    roadmap, _ = load_or_raise(write_files(tmp_path / "c", {"roadmap.yaml": hostile}))
    page = render_page(layout_poster(roadmap, load_layout("a0-portrait")), roadmap).decode()
    assert "<script>alert" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; co" in page


def test_deterministic(example):
    roadmap, doc, page = example
    assert render_page(doc, roadmap).decode() == page


def test_page_colours_meet_wcag_aa_even_for_a_pale_theme(example):
    roadmap, _, _ = example
    pale = replace(
        roadmap.theme.colors,
        primary=Color.from_hex("#9FC5E8"),
        accent=Color.from_hex("#FFD27F"),
        muted=Color.from_hex("#BBBBBB"),
    )
    c = page_colors(replace(roadmap, theme=replace(roadmap.theme, colors=pale)))
    bg, surface = Color.from_hex(c.background), Color.from_hex(c.surface)
    for name in ("text", "muted", "primary"):
        for ground in (bg, surface):
            assert Color.from_hex(getattr(c, name)).contrast(ground) >= 4.5, name
    assert Color.from_hex(c.accent).contrast(bg) >= 3.0
    assert Color.from_hex(c.on_primary).contrast(Color.from_hex(c.primary)) >= 4.5
    assert readable(Color.from_hex("#1F3A5F"), (bg,), 4.5) == Color.from_hex("#1F3A5F")  # a good colour stays


def test_poster_text_contrast_against_what_it_is_drawn_on(example):
    """The inline SVG's text (which axe cannot judge over SVG shapes): 4.5:1 against the shape beneath."""
    _, doc, _ = example
    items = doc.items
    for i, item in enumerate(items):
        if not isinstance(item, Text):
            continue
        ground = next(
            (
                o.fill
                for o in reversed(items[:i])
                if isinstance(o, Rect) and o.fill is not None and o.box.contains(item.bbox, tolerance=0.5)
            ),
            doc.background,
        )
        assert item.color.contrast(ground) >= 4.5, (item.role, item.text, item.color.hex, ground.hex)


def test_valid_html5_by_the_nu_html_checker(example, tmp_path):
    if shutil.which("java") is None or not VNU.exists():
        why = "HTML validity needs java and tests/browser/node_modules (npm ci --prefix tests/browser)"
        if os.environ.get("CI"):
            pytest.fail(f"{why}; .ci/run installs both")
        pytest.skip(f"SKIPPED VALIDATION: {why}")
    _, _, page = example
    path = tmp_path / "page.html"
    path.write_text(page, encoding="utf-8")
    result = subprocess.run(
        ["java", "-jar", str(VNU), "--errors-only", "--format", "text", str(path)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr + result.stdout


def test_font_subsets_carry_no_clock():
    """fontTools stamps head.modified with the time of saving unless told not to: builds would differ."""
    import io

    from fontTools.ttLib import TTFont

    from poster.fonts import family
    from poster.render.html import _woff_subset

    face = family("Fira Sans").face("regular")
    subset = TTFont(io.BytesIO(_woff_subset(face.path, frozenset("Visie"))))
    with TTFont(face.path, lazy=True) as source:
        assert subset["head"].modified == source["head"].modified
