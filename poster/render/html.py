"""Render stage, HTML: one self-contained, accessible page - the poster as zoomable inline SVG, then its full text version.

The page requests nothing: the poster is the SVG renderer's output inline (real
text, the logo as a data: URI), its fonts are embedded as WOFF subsets under the
family names the SVG uses (so a browser draws the TTFs layout measured), and
one script block zooms and pans. A Content-Security-Policy allows exactly that
style sheet and script (by hash) plus data: fonts and images. The text version
under the poster comes from the roadmap (poster.render.html_text).

Colours come from the theme, nudged where needed to meet WCAG 2.1 AA on the
page (4.5:1 for text, 3:1 for the focus ring), so a pale theme colour never
makes the page fail; the poster itself is drawn as designed.
"""

from __future__ import annotations

import base64
import functools
import hashlib
import io
import logging
import re
from pathlib import Path

from poster import __version__, fonts
from poster.content.colors import GRAPHIC_CONTRAST, TEXT_CONTRAST, readable
from poster.content.model import Roadmap
from poster.i18n import Translator
from poster.layout.context import HistoryQuarter
from poster.layout.document import Document, Text
from poster.render import RenderOptions
from poster.render import svg as svg_renderer
from poster.render.html_static import SCRIPT, PageColors, style_sheet
from poster.render.html_text import e, text_alternative

# Always in the font subsets, whatever the content: what labels, numbers and typography need.
BASE_CHARACTERS = "".join(chr(c) for c in range(0x20, 0x7F)) + "–—‘’“”…•·€%×−\u00a0"


def render_page(doc: Document, roadmap: Roadmap, history: tuple[HistoryQuarter, ...] = ()) -> bytes:
    """The HTML page for `doc` (the laid-out poster of `roadmap`), as UTF-8 bytes.

    `history`: the quarters of the chart "Voortgang door de tijd" when the poster has it; the text version
    gives them as a table.
    """
    t = Translator(roadmap.meta.language)
    meta = roadmap.meta
    colors = page_colors(roadmap)
    faces = _page_faces(roadmap)
    body = _body(doc, roadmap, t, history)
    characters = set(body) | set(BASE_CHARACTERS)
    used = list(dict.fromkeys([*(i.face for i in doc.items if isinstance(i, Text)), *faces.values()]))
    css = (
        "\n".join(font_face(face, frozenset(characters)) for face in used)
        + "\n"
        + style_sheet(
            colors,
            body_font=_css_family(faces["body"]),
            strong_font=_css_family(faces["strong"]),
            heading_font=_css_family(faces["heading"]),
            aspect=f"{svg_renderer.num(doc.width_mm)} / {svg_renderer.num(doc.height_mm)}",
        )
    )
    csp = "; ".join(
        [
            "default-src 'none'",
            f"style-src '{_sha256(css)}'",
            f"script-src '{_sha256(SCRIPT)}'",
            "font-src data:",
            "img-src data:",
            "base-uri 'none'",
            "form-action 'none'",
        ]
    )
    description = f"{meta.title}. {roadmap.vision.statement}"
    head = "\n".join(
        [
            "<!DOCTYPE html>",
            f'<html lang="{e(t.bcp47)}">',
            "<head>",
            '<meta charset="utf-8">',
            f'<meta http-equiv="Content-Security-Policy" content="{csp}">',  # only quotes, hashes, keywords
            '<meta name="viewport" content="width=device-width, initial-scale=1">',
            f"<title>{e(doc.info.title)}</title>",
            f'<meta name="description" content="{e(description)}">',
            f'<meta name="author" content="{e(meta.organisation)}">',
            f'<meta name="generator" content="poster {e(__version__)}">',
            f"<style>{css}</style>",
            "</head>",
        ]
    )
    page = f"{head}\n<body>\n{body}\n<script>{SCRIPT}</script>\n</body>\n</html>\n"
    return page.encode("utf-8")


def _body(doc: Document, roadmap: Roadmap, t: Translator, history: tuple[HistoryQuarter, ...] = ()) -> str:
    meta = roadmap.meta
    subtitle = f'<p class="subtitle">{e(meta.subtitle)}</p>' if meta.subtitle else ""
    stand = t("as_of", date=t.date(meta.as_of)) + (f" · {t('version', version=meta.version)}" if meta.version else "")
    return f"""<a class="skip" href="#text-version">{e(t("html_skip"))}</a>
<div class="page">
<header>
<p class="organisation">{e(meta.organisation)}</p>
<h1>{e(meta.title)}</h1>
{subtitle}
<p class="meta">{e(stand)}</p>
</header>
<main>
<section aria-labelledby="poster-heading">
<div class="poster-head">
<h2 id="poster-heading">{e(t("html_poster"))}</h2>
<div class="toolbar" role="toolbar" aria-label="{e(t("html_zoom_controls"))}">
<button type="button" id="zoom-in"><span aria-hidden="true">+</span> {e(t("html_zoom_in"))}</button>
<button type="button" id="zoom-out"><span aria-hidden="true">−</span> {e(t("html_zoom_out"))}</button>
<button type="button" id="zoom-reset">{e(t("html_zoom_reset"))}</button>
<output id="zoom-level" aria-live="polite">{e(t("html_zoom_level", percent=100))}</output>
</div>
</div>
<div class="viewport" id="poster-view" tabindex="0" role="group" aria-label="{e(t("html_viewer"))}" aria-describedby="zoom-help" data-level="{e(t("html_zoom_level", percent="{percent}"))}">
{inline_svg(doc, t("html_poster_alt", title=meta.title))}
</div>
<p class="help" id="zoom-help">{e(t("html_help"))}</p>
</section>
<section aria-labelledby="text-version" class="text-version">
<h2 id="text-version" tabindex="-1">{e(t("html_text_version"))}</h2>
<p class="intro">{e(t("html_text_intro"))}</p>
{text_alternative(roadmap, history)}
</section>
</main>
<footer class="page-footer">
{_footer(roadmap, t)}
</footer>
</div>"""


def _footer(roadmap: Roadmap, t: Translator) -> str:
    c = roadmap.meta.contact
    lines = []
    if c is not None:
        who = ", ".join(e(x) for x in (c.name, c.role) if x)
        bits = [who] if who else []
        if c.email:
            bits.append(f'<a href="mailto:{e(c.email)}">{e(c.email)}</a>')
        if c.phone:
            bits.append(e(c.phone))
        lines.append(f"<p><strong>{e(t('contact'))}</strong> {' · '.join(bits)}</p>")
    lines.append(f"<p>{e(t('made_with'))}</p>")
    return "\n".join(lines)


_ROOT = re.compile(r"<svg\b[^>]*>")


def inline_svg(doc: Document, label: str) -> str:
    """The SVG renderer's drawing as an element of an HTML page: one image with `label` as its name.

    The root element is rewritten: no XML declaration, size from the page's CSS
    instead of millimetres, no SVG 1.1 profile attributes an HTML validator
    rejects; role="img" keeps a screen reader from reading 1,500 loose lines
    (the text version below says it all, in order).
    """
    svg = svg_renderer.render(doc, RenderOptions()).decode("utf-8")
    svg = svg.split("?>", 1)[1].strip() if svg.startswith("<?xml") else svg.strip()
    w, h = svg_renderer.num(doc.width_mm), svg_renderer.num(doc.height_mm)
    root = (
        f'<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" '
        f'viewBox="0 0 {w} {h}" preserveAspectRatio="xMidYMid meet" text-rendering="geometricPrecision" '
        f'xml:space="preserve" role="img" aria-label="{e(label)}" focusable="false">'
    )
    return _ROOT.sub(root.replace("\\", "\\\\"), svg, count=1)


# -- colours -------------------------------------------------------------------


def page_colors(roadmap: Roadmap) -> PageColors:
    from poster.layout.context import make_palette

    p = make_palette(roadmap)
    bg = p.background
    surface = p.surface if p.surface.contrast(p.text) >= TEXT_CONTRAST else bg
    grounds = (bg, surface)
    text = readable(p.text, grounds, TEXT_CONTRAST)
    primary = readable(p.primary, grounds, TEXT_CONTRAST)
    on_primary = bg if bg.contrast(primary) >= TEXT_CONTRAST else readable(bg, (primary,), TEXT_CONTRAST)
    return PageColors(
        background=bg.hex,
        text=text.hex,
        muted=readable(p.muted, grounds, TEXT_CONTRAST).hex,
        primary=primary.hex,
        accent=readable(p.accent, grounds, GRAPHIC_CONTRAST).hex,
        surface=surface.hex,
        rule=p.rule.hex,
        on_primary=on_primary.hex,
        past=readable(p.tint(p.primary, 0.38), grounds, GRAPHIC_CONTRAST).hex,
    )


# -- fonts -----------------------------------------------------------------------


def _page_faces(roadmap: Roadmap) -> dict[str, fonts.Face]:
    """The faces the page's own text uses: the theme's body and heading families."""

    def family(ref: str | Path) -> fonts.Family:
        return fonts.family_from_file(ref) if isinstance(ref, Path) else fonts.family(ref)

    body = family(roadmap.theme.fonts.body)
    heading = family(roadmap.theme.fonts.heading)
    return {
        "body": body.face("regular"),
        "strong": body.face("semibold"),
        "italic": body.face("italic"),
        "heading": heading.face("semibold"),
    }


def _css_family(face: fonts.Face) -> str:
    return f"'{svg_renderer.css_family_name(face)}', sans-serif"


def font_face(face: fonts.Face, characters: frozenset[str]) -> str:
    """An @font-face rule embedding `face` (subset to `characters`) under the name and weight the SVG asks for."""
    data = _woff_subset(face.path, characters)
    weight = "700" if face.svg_weight == "bold" else "400"
    family = svg_renderer.css_family_name(face)
    return (
        f"@font-face {{ font-family: '{family}'; font-weight: {weight}; font-style: {face.svg_style}; "
        f"font-display: block; src: url(data:font/woff;base64,{base64.b64encode(data).decode('ascii')}) "
        "format('woff'); }"
    )


@functools.lru_cache(maxsize=32)
def _woff_subset(path: Path, characters: frozenset[str]) -> bytes:
    """The glyphs for `characters` from a TTF, as WOFF (advances and kerning kept; hinting dropped)."""
    from fontTools import subset
    from fontTools.ttLib import TTFont

    options = subset.Options()
    options.flavor = "woff"
    options.hinting = False  # browsers on a screen hint by themselves; cairo draws unhinted too
    options.name_IDs = [0, 1, 2, 3, 4, 5, 6, 13, 14]  # names, copyright and the OFL licence notice
    options.recalc_timestamp = False
    # fontTools logs a warning about the shipped fonts' zero creation date; the library never prints.
    quiet = logging.getLogger("fontTools")
    level = quiet.level
    quiet.setLevel(logging.ERROR)
    try:
        # lazy: only the tables the subset touches are parsed (half the time); recalcTimestamp=False: else
        # saving stamps head.modified with the clock and no two builds are the same.
        font = TTFont(path, lazy=True, recalcTimestamp=False)
        subsetter = subset.Subsetter(options)
        subsetter.populate(unicodes=sorted(ord(c) for c in characters))
        subsetter.subset(font)
        out = io.BytesIO()
        font.flavor = "woff"
        font.save(out)
    finally:
        quiet.setLevel(level)
    return out.getvalue()


def _sha256(text: str) -> str:
    return "sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii")
