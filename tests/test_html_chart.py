"""The HTML page's chart "Voortgang door de tijd": inline SVG from the quarters' numbers, with the table after it.

(The page with the chart is also audited by axe in Chromium: tests/test_html_browser.py.)
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from dataclasses import replace
from xml.etree import ElementTree

import pytest
from conftest import example_folder
from test_html import VNU, outline

from poster.content import load_or_raise
from poster.content.model import Language
from poster.layout import layout_poster, load_layout
from poster.layout.context import HistoryQuarter
from poster.render.html import render_page

SVG = "{http://www.w3.org/2000/svg}"


def quarters(n: int = 8) -> tuple[HistoryQuarter, ...]:
    """n quarters up to 2026-Q2 (the example's reporting date), from 0 % to 100 %, the last one current."""
    out = []
    year, q = 2026, 2
    for _ in range(n):
        out.append((year, q))
        year, q = (year - 1, 4) if q == 1 else (year, q - 1)
    values = [round(100 * i / max(n - 1, 1)) for i in range(n)]
    return tuple(
        HistoryQuarter(y, k, values[i], i, current=i == n - 1, fraction=0.48 if i == n - 1 else None)
        for i, (y, k) in enumerate(reversed(out))
    )


@pytest.fixture(scope="module")
def example():
    folder = example_folder()
    if folder is None:
        pytest.skip("content/meierijstad is missing")
    roadmap, _ = load_or_raise(folder)
    return roadmap, layout_poster(roadmap, load_layout("a0-portrait"))


def chart(page: str) -> ElementTree.Element:
    figure = re.search(r'<figure class="chart".*?</figure>', page, re.S)
    assert figure, "no chart on the page"
    svg = re.search(r"<svg.*?</svg>", figure.group(0), re.S)
    assert svg
    return ElementTree.fromstring(svg.group(0))


def test_the_chart_draws_every_quarter_and_the_table_follows(example):
    roadmap, doc = example
    data = quarters(8)
    page = render_page(doc, roadmap, data).decode("utf-8")
    svg = chart(page)
    bars = [r for r in svg.iter(f"{SVG}rect") if "bar" in r.get("class", "")]
    assert len(bars) == 7  # the first quarter is at 0 %: no bar, its figure on the axis
    assert [b.get("class") for b in bars].count("bar current") == 1 and bars[-1].get("class") == "bar current"
    heights = [float(b.get("height")) for b in bars]
    for bar, q in zip(bars, data[1:], strict=True):  # each bar's height is its progress
        assert float(bar.get("height")) == pytest.approx(heights[-1] * q.progress / 100, abs=0.1)
    texts = [t.text for t in svg.iter(f"{SVG}text")]
    assert [f"{q.progress}%" for q in data] == [t for t in texts if t and t.endswith("%")][3:]  # after the axis
    assert texts.count("K1") == 2 and "2025" in texts and "2026" in texts and "gereed" in texts
    assert [t.get("class") for t in svg.iter(f"{SVG}path")] == ["as-of"]
    # One image to a screen reader, named by what it shows; the table right after it has every number.
    assert svg.get("role") == "img" and svg.get("aria-labelledby") == "history-chart-name"
    title = svg.find(f"{SVG}title")
    assert title is not None and title.get("id") == "history-chart-name"
    assert "van 0% in het 3e kwartaal 2024 tot 100% in het 2e kwartaal 2026" in title.text
    assert "stappen gereed van 0 tot 7" in title.text
    after = page[page.index("</figure>") + len("</figure>") :]
    assert after.lstrip().startswith('<div class="table-wrap"') and "K2 2026 (stand per 14 mei 2026)" in after
    words = outline(page).words
    assert "Het driehoekje onder de as markeert de peildatum (14 mei 2026)." in words


def test_no_history_no_chart(example):
    roadmap, doc = example
    page = render_page(doc, roadmap).decode("utf-8")
    assert "<figure" not in page and "history-chart" not in page


def test_one_quarter_and_english(example):
    roadmap, doc = example
    english = replace(roadmap, meta=replace(roadmap.meta, language=Language.EN))
    page = render_page(doc, english, quarters(1)).decode("utf-8")
    svg = chart(page)
    title = svg.find(f"{SVG}title")
    assert title is not None and title.text.startswith("Bar chart: the average progress in Q2 2026, 0%; 0 steps done")
    assert "done" in [t.text for t in svg.iter(f"{SVG}text")]
    assert "Progress over time" in page


def test_chart_colours_come_from_the_page_and_meet_3_to_1(example):
    """Bars are graphics that carry the numbers: 3:1 against the page (WCAG 1.4.11), even the lighter earlier ones."""
    from poster.content.model import Color
    from poster.render.html import page_colors

    roadmap, doc = example
    page = render_page(doc, roadmap, quarters(4)).decode("utf-8")
    colors = page_colors(roadmap)
    background = Color.from_hex(colors.background)
    for rule in (".chart .bar {", ".chart .bar.current, .chart .value.current {", ".chart .as-of {"):
        fill = re.search(re.escape(rule) + r" fill: (#[0-9a-fA-F]{6}); }", page)
        assert fill, rule
        assert Color.from_hex(fill.group(1)).contrast(background) >= 3.0, rule
    assert colors.past != colors.primary  # the earlier quarters are lighter, as on the poster
    figure = re.search(r'<figure class="chart".*?</figure>', page, re.S)
    assert figure and 'style="' not in figure.group(0)  # the CSP allows no inline style: classes only


def test_the_page_with_the_chart_is_valid_html5(example, tmp_path):
    if shutil.which("java") is None or not VNU.exists():
        why = "HTML validity needs java and tests/browser/node_modules (npm ci --prefix tests/browser)"
        if os.environ.get("CI"):
            pytest.fail(f"{why}; .ci/run installs both")
        pytest.skip(f"SKIPPED VALIDATION: {why}")
    roadmap, doc = example
    path = tmp_path / "page.html"
    path.write_bytes(render_page(doc, roadmap, quarters(12)))
    result = subprocess.run(
        ["java", "-jar", str(VNU), "--errors-only", "--format", "text", str(path)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr + result.stdout
