"""Render stage, HTML page: the chart "Voortgang door de tijd" as inline SVG, drawn from the quarters' numbers.

The poster's chart is placed by the layout stage in millimetres for print; the
page needs one that reads on a screen, so this draws the same numbers
(`HistoryQuarter`: progress and steps done per quarter, the reporting date)
in CSS pixels at the page's text size: one bar per quarter, its percentage
above, the quarter and year below, the steps done under those, and a small
mark at the reporting date. Earlier quarters are a lighter bar, the quarter of
the reporting date full strength - as on the poster - with every bar at 3:1
against the page at least (WCAG 1.4.11). Colours and type come from the page's
style sheet (classes only: the Content-Security-Policy allows no inline style).

For a screen reader the drawing is one image whose name says what it shows and
where it goes; the table after it gives every number.
"""

from __future__ import annotations

from html import escape

from poster.i18n import Translator
from poster.layout.context import HistoryQuarter

FONT_PX = 15  # the chart's text (the page's small text, .95rem of 16 px)
SLOT = 58  # px per quarter
BAR = 30
AXIS = 48  # the column of 0% / 50% / 100% and the word "gereed"
PLOT = 150  # 0-100 %
ABOVE = 26  # room over the tallest bar for its figure
BELOW = 76  # quarter, year and steps done under the axis
PAD = 6


def history_chart(quarters: tuple[HistoryQuarter, ...], t: Translator, as_of_text: str, ident: str) -> str:
    """The chart as an HTML <figure>: a caption, the SVG (in a wrapper that scrolls on a narrow screen)."""
    width = AXIS + PAD * 2 + SLOT * len(quarters)
    height = ABOVE + PLOT + BELOW
    base = ABOVE + PLOT
    left = AXIS + PAD * 2
    parts: list[str] = []
    for level in (0, 50, 100):
        y = base - PLOT * level / 100
        parts.append(
            f'<line class="{"axis" if level == 0 else "grid"}" x1="{left}" y1="{_n(y)}" x2="{width}" y2="{_n(y)}"/>'
        )
        parts.append(f'<text class="label" x="{AXIS}" y="{_n(y + FONT_PX * 0.35)}" text-anchor="end">{level}%</text>')
    for i, q in enumerate(quarters):
        cx = left + SLOT * (i + 0.5)
        h = PLOT * max(0, min(100, q.progress)) / 100
        current = " current" if q.current else ""
        if h > 0:
            parts.append(
                f'<rect class="bar{current}" x="{_n(cx - BAR / 2)}" y="{_n(base - h)}" width="{BAR}" height="{_n(h)}"/>'
            )
        # A grid line runs behind a figure, not through it: the page's ground under the figure (digits are
        # at most 0.6 em wide in the page's fonts).
        ground = len(f"{q.progress}%") * FONT_PX * 0.6 + 6
        parts.append(
            f'<rect class="ground" x="{_n(cx - ground / 2)}" y="{_n(base - h - 7 - FONT_PX * 0.8)}" '
            f'width="{_n(ground)}" height="{_n(FONT_PX * 0.9)}"/>'
        )
        parts.append(
            f'<text class="value{current}" x="{_n(cx)}" y="{_n(base - h - 7)}" text-anchor="middle">{q.progress}%</text>'
        )
        parts.append(
            f'<text class="quarter{current}" x="{_n(cx)}" y="{_n(base + FONT_PX + 9)}" text-anchor="middle">'
            f"{_e(t('quarter', n=q.quarter))}</text>"
        )
        if q.quarter == 1 or i == 0:
            parts.append(
                f'<text class="label" x="{_n(cx)}" y="{_n(base + FONT_PX * 2 + 11)}" text-anchor="middle">{q.year}</text>'
            )
        parts.append(
            f'<text class="done" x="{_n(cx)}" y="{_n(base + FONT_PX * 3 + 22)}" text-anchor="middle">{q.done}</text>'
        )
        if q.current and q.fraction is not None:  # the reporting date: a small mark under the axis
            mx = cx - SLOT / 2 + SLOT * q.fraction
            parts.append(f'<path class="as-of" d="M{_n(mx)} {_n(base + 1)}l-5 8h10z"/>')
    parts.append(
        f'<text class="label" x="{AXIS}" y="{_n(base + FONT_PX * 3 + 22)}" text-anchor="end">{_e(t("history_done"))}</text>'
    )
    first, last = quarters[0], quarters[-1]
    words = {"start": _quarter_words(first, t), "end": _quarter_words(last, t)}
    key = "history_chart_summary" if len(quarters) > 1 else "history_chart_summary_one"
    summary = t(key, **words, first=first.progress, last=last.progress, done_first=first.done, done_last=last.done)
    svg = (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" viewBox="0 0 {width} {height}" '
        f'role="img" aria-labelledby="{ident}-name" focusable="false">\n'
        f'<title id="{ident}-name">{_e(summary)}</title>\n' + "\n".join(parts) + "\n</svg>"
    )
    caption = f"<strong>{_e(t('history_title'))}</strong> {_e(t('history_caption'))} {_e(t('history_chart_as_of', date=as_of_text))}"
    return (
        f'<figure class="chart" id="{ident}">\n<figcaption id="{ident}-caption">{caption}</figcaption>\n'
        f'<div class="table-wrap" role="group" aria-labelledby="{ident}-caption">\n{svg}\n</div>\n</figure>'
    )


def _quarter_words(q: HistoryQuarter, t: Translator) -> str:
    return f"{t('quarter_long', n=q.quarter)} {q.year}"


def _n(value: float) -> str:
    return f"{value:.1f}".rstrip("0").rstrip(".")


def _e(text: object) -> str:
    return escape(str(text), quote=True)
