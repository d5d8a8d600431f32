"""Render stage, HTML page: its style sheet (filled in with the theme) and its one script (zoom and pan).

The script controls the inline SVG through its viewBox, so the poster stays
vector-sharp at every zoom. It reads its labels from data- attributes, so the
same script serves every language, and its hash goes into the page's
Content-Security-Policy: no inline event handlers, nothing fetched.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class PageColors:
    """CSS colours (hex), each already checked for contrast against `background`."""

    background: str
    text: str
    muted: str  # secondary text, >= 4.5:1
    primary: str  # headings and links, >= 4.5:1
    accent: str  # rules and the focus ring, >= 3:1 (non-text contrast)
    surface: str  # table stripes and the toolbar; text on it stays >= 4.5:1
    rule: str  # hairlines (decorative)
    on_primary: str  # text on a primary-coloured button, >= 4.5:1
    past: str = ""  # the chart's bars before the reporting date's quarter: a light primary, >= 3:1


def style_sheet(c: PageColors, body_font: str, strong_font: str, heading_font: str, aspect: str) -> str:
    """The page's CSS; font arguments are CSS font-family values, `aspect` is "width / height" of the poster."""
    return f"""
*, *::before, *::after {{ box-sizing: border-box; }}
html {{ background: {c.background}; color: {c.text}; }}
body {{ margin: 0; font-family: {body_font}; font-size: 1.0625rem; line-height: 1.55; }}
h1, h2, h3, h4, h5 {{ font-family: {heading_font}; font-weight: 400; color: {c.primary}; line-height: 1.2; }}
h1 {{ font-size: clamp(1.9rem, 4vw, 2.8rem); margin: 0 0 .35rem; }}
h2 {{ font-size: 1.8rem; margin: 2.6rem 0 .8rem; padding-top: .9rem; border-top: 3px solid {c.accent}; }}
h3 {{ font-size: 1.45rem; margin: 2.2rem 0 .6rem; }}
h4 {{ font-size: 1.15rem; margin: 1.4rem 0 .4rem; }}
strong, th {{ font-family: {strong_font}; font-weight: 400; }}
a {{ color: {c.primary}; text-underline-offset: .15em; }}
:focus-visible {{ outline: 3px solid {c.accent}; outline-offset: 2px; }}
.page {{ max-width: 72rem; margin: 0 auto; padding: 1.5rem clamp(1rem, 3vw, 2.5rem) 3rem; }}
.skip {{ position: absolute; left: .5rem; top: -3rem; padding: .5rem .9rem; background: {c.primary};
  color: {c.on_primary}; z-index: 2; }}
.skip:focus {{ top: .5rem; }}
.organisation {{ margin: 0 0 .2rem; color: {c.text}; font-family: {strong_font}; }}
.subtitle {{ margin: 0; font-size: 1.2rem; color: {c.muted}; }}
.meta {{ margin: .4rem 0 0; color: {c.muted}; }}
.poster-head {{ display: flex; flex-wrap: wrap; align-items: center; justify-content: space-between;
  gap: .6rem 1.5rem; margin-top: 1.6rem; }}
.poster-head h2 {{ margin: 0; padding: 0; border: 0; }}
.toolbar {{ display: flex; flex-wrap: wrap; align-items: center; gap: .5rem; }}
.toolbar button {{ font: inherit; font-family: {strong_font}; min-width: 2.75rem; min-height: 2.75rem;
  padding: .35rem .9rem; border: 2px solid {c.primary}; border-radius: .4rem; background: {c.background};
  color: {c.primary}; cursor: pointer; }}
.toolbar button span {{ font-size: 1.2em; line-height: 1; margin-right: .15rem; }}
.toolbar button:hover {{ background: {c.primary}; color: {c.on_primary}; }}
.toolbar output {{ min-width: 4.5rem; text-align: right; color: {c.muted}; font-variant-numeric: tabular-nums; }}
.viewport {{ position: relative; overflow: hidden; margin: .8rem auto 0; aspect-ratio: {aspect};
  width: min(100%, calc(82vh * ({aspect}))); border: 1px solid {c.rule}; background: {c.background};
  touch-action: none; cursor: grab; user-select: none; -webkit-user-select: none; }}
.viewport.dragging {{ cursor: grabbing; }}
.viewport svg {{ position: absolute; inset: 0; width: 100%; height: 100%; display: block; }}
/* Layout measured every line with the fonts' plain advances: no kerning or ligatures here. */
.viewport svg text {{ white-space: pre; font-kerning: none; font-variant-ligatures: none;
  font-feature-settings: "kern" 0, "liga" 0, "clig" 0, "calt" 0; }}
.help {{ margin: .5rem auto 0; color: {c.muted}; font-size: .95rem; text-align: center; }}
.lead {{ font-size: 1.2rem; color: {c.primary}; max-width: 48rem; }}
.intro {{ max-width: 48rem; }}
ul {{ padding-left: 1.3rem; }}
li {{ margin: .2rem 0; }}
.cards {{ display: grid; grid-template-columns: repeat(auto-fill, minmax(19rem, 1fr)); gap: 1rem;
  padding: 0; list-style: none; }}
.cards li {{ margin: 0; padding: .9rem 1rem 1rem; background: {c.surface}; border-top: 4px solid {c.primary}; }}
.cards .card-title {{ margin: 0 0 .3rem; font-size: 1.05rem; }}
.cards p {{ margin: 0; }}
.table-wrap {{ overflow-x: auto; }}
table {{ width: 100%; border-collapse: collapse; margin: .4rem 0 1rem; font-variant-numeric: tabular-nums; }}
caption {{ text-align: left; font-family: {strong_font}; color: {c.primary}; padding: .3rem 0 .5rem;
  font-size: 1.08rem; }}
th, td {{ text-align: left; vertical-align: top; padding: .5rem .7rem; border-bottom: 1px solid {c.rule}; }}
thead th {{ border-bottom: 2px solid {c.primary}; color: {c.text}; }}
tbody tr:nth-child(even) {{ background: {c.surface}; }}
table.narrow {{ width: auto; min-width: min(100%, 28rem); }}
.block {{ display: block; }}
td.num, th.num {{ text-align: right; white-space: nowrap; }}
.nowrap {{ white-space: nowrap; }}
.note {{ display: block; color: {c.muted}; font-size: .95rem; font-family: {body_font}; }}
.overdue {{ color: {c.text}; font-family: {strong_font}; }}
.pillar-goal {{ margin: 0 0 .2rem; }}
.pillar-dims {{ margin: 0 0 .4rem; color: {c.muted}; }}
blockquote {{ margin: 1.2rem 0; padding: .2rem 0 .2rem 1.2rem; border-left: 4px solid {c.accent};
  font-style: italic; font-size: 1.15rem; color: {c.primary}; max-width: 48rem; }}
blockquote p {{ margin: 0 0 .4rem; }}
.figure {{ font-family: {heading_font}; font-size: 2.4rem; color: {c.primary}; line-height: 1; }}
.page-footer {{ margin-top: 3rem; padding-top: 1rem; border-top: 1px solid {c.rule}; color: {c.muted}; }}
.page-footer p {{ margin: .2rem 0; }}
blockquote footer {{ font-style: normal; font-size: 1rem; color: {c.muted}; }}
.chart {{ margin: 1.4rem 0 1rem; }}
.chart figcaption {{ max-width: 48rem; margin-bottom: .6rem; }}
.chart figcaption strong {{ display: block; color: {c.primary}; font-size: 1.08rem; padding-top: .3rem; }}
.chart svg {{ display: block; font-family: {body_font}; font-size: 15px; font-variant-numeric: tabular-nums; }}
.chart text {{ fill: {c.muted}; }}
.chart .grid {{ stroke: {c.rule}; stroke-width: 1; }}
.chart .axis {{ stroke: {c.muted}; stroke-width: 1.5; }}
.chart .bar {{ fill: {c.past or c.primary}; }}
.chart .bar.current, .chart .value.current {{ fill: {c.primary}; }}
.chart .value, .chart .done, .chart .quarter.current {{ fill: {c.text}; }}
.chart .value.current {{ font-family: {strong_font}; }}
.chart .ground {{ fill: {c.background}; }}
.chart .as-of {{ fill: {c.accent}; }}
.visually-hidden {{ position: absolute; width: 1px; height: 1px; margin: -1px; padding: 0; overflow: hidden;
  clip: rect(0 0 0 0); white-space: nowrap; border: 0; }}
@media (prefers-reduced-motion: no-preference) {{ .skip {{ transition: top .15s; }} }}
@media print {{ .toolbar, .help, .skip {{ display: none; }} .viewport {{ border: 0; }} }}
""".strip()


# First: a table wrapper that scrolls sideways (a wide table on a phone) takes
# keyboard focus, so the arrow keys scroll it (axe: scrollable-region-focusable);
# one that does not scroll stays out of the tab order.
# Then zoom and pan of the inline SVG by its viewBox. Buttons, keyboard (+ - 0 and
# arrows on the focused poster), mouse wheel and drag, touch pinch and drag
# (pointer events). Labels come from data- attributes of #poster-view.
SCRIPT = r"""
(function () {
  "use strict";
  function focusScrolling() {
    document.querySelectorAll(".table-wrap").forEach(function (wrap) {
      if (wrap.scrollWidth > wrap.clientWidth + 1) { wrap.tabIndex = 0; } else { wrap.removeAttribute("tabindex"); }
    });
  }
  focusScrolling();
  window.addEventListener("resize", focusScrolling);
  // A chart wider than the screen opens at its right end: the latest quarters, the reporting date.
  document.querySelectorAll(".chart .table-wrap").forEach(function (wrap) { wrap.scrollLeft = wrap.scrollWidth; });
})();
(function () {
  "use strict";
  var view = document.getElementById("poster-view");
  if (!view) { return; }
  var svg = view.querySelector("svg");
  var level = document.getElementById("zoom-level");
  var box = svg.viewBox.baseVal;
  var W = box.width, H = box.height, MAX = 16, STEP = 1.5;
  var s = 1, cx = W / 2, cy = H / 2;

  function clamp() {
    s = Math.min(Math.max(s, 1), MAX);
    var w = W / s, h = H / s;
    cx = Math.min(Math.max(cx, w / 2), W - w / 2);
    cy = Math.min(Math.max(cy, h / 2), H - h / 2);
  }
  function draw() {
    clamp();
    var w = W / s, h = H / s;
    svg.setAttribute("viewBox", [cx - w / 2, cy - h / 2, w, h].map(function (v) {
      return Math.round(v * 1000) / 1000;
    }).join(" "));
    level.textContent = view.getAttribute("data-level").replace("{percent}", String(Math.round(s * 100)));
  }
  // Zoom by factor f keeping the point at (fx, fy) - fractions of the view - where it is.
  function zoomAt(f, fx, fy) {
    var w = W / s, h = H / s;
    var mx = cx - w / 2 + fx * w, my = cy - h / 2 + fy * h;
    s = Math.min(Math.max(s * f, 1), MAX);
    var w2 = W / s, h2 = H / s;
    cx = mx - fx * w2 + w2 / 2;
    cy = my - fy * h2 + h2 / 2;
    draw();
  }
  function pan(dxPx, dyPx) {
    var r = view.getBoundingClientRect();
    cx -= dxPx / r.width * (W / s);
    cy -= dyPx / r.height * (H / s);
    draw();
  }
  function reset() { s = 1; cx = W / 2; cy = H / 2; draw(); }
  function fraction(e) {
    var r = view.getBoundingClientRect();
    return [(e.clientX - r.left) / r.width, (e.clientY - r.top) / r.height];
  }

  document.getElementById("zoom-in").addEventListener("click", function () { zoomAt(STEP, 0.5, 0.5); });
  document.getElementById("zoom-out").addEventListener("click", function () { zoomAt(1 / STEP, 0.5, 0.5); });
  document.getElementById("zoom-reset").addEventListener("click", reset);

  view.addEventListener("keydown", function (e) {
    if (e.altKey || e.ctrlKey || e.metaKey) { return; }
    var r = view.getBoundingClientRect(), step = 0.1;
    var keys = {
      "+": function () { zoomAt(STEP, 0.5, 0.5); }, "=": function () { zoomAt(STEP, 0.5, 0.5); },
      "-": function () { zoomAt(1 / STEP, 0.5, 0.5); }, "_": function () { zoomAt(1 / STEP, 0.5, 0.5); },
      "0": reset, "Home": reset,
      "ArrowLeft": function () { pan(r.width * step, 0); }, "ArrowRight": function () { pan(-r.width * step, 0); },
      "ArrowUp": function () { pan(0, r.height * step); }, "ArrowDown": function () { pan(0, -r.height * step); }
    };
    var action = keys[e.key];
    if (action) { action(); e.preventDefault(); }
  });

  view.addEventListener("wheel", function (e) {
    e.preventDefault();
    var unit = e.deltaMode === 1 ? 33 : e.deltaMode === 2 ? 400 : 1;
    var f = fraction(e);
    zoomAt(Math.exp(-e.deltaY * unit * 0.0025), f[0], f[1]);
  }, { passive: false });

  view.addEventListener("dblclick", function (e) { var f = fraction(e); zoomAt(2, f[0], f[1]); });

  // One pointer drags; two pinch (zoom about their midpoint) and drag together.
  var pointers = new Map(), last = null;
  function gesture() {
    var p = Array.from(pointers.values());
    if (p.length === 1) { return { x: p[0].x, y: p[0].y, d: 0 }; }
    return { x: (p[0].x + p[1].x) / 2, y: (p[0].y + p[1].y) / 2, d: Math.hypot(p[0].x - p[1].x, p[0].y - p[1].y) };
  }
  view.addEventListener("pointerdown", function (e) {
    if (e.pointerType === "mouse" && e.button !== 0) { return; }
    view.setPointerCapture(e.pointerId);
    pointers.set(e.pointerId, { x: e.clientX, y: e.clientY });
    last = gesture();
    view.classList.add("dragging");
  });
  view.addEventListener("pointermove", function (e) {
    if (!pointers.has(e.pointerId)) { return; }
    pointers.set(e.pointerId, { x: e.clientX, y: e.clientY });
    var g = gesture();
    if (last && pointers.size >= 2 && last.d > 0 && g.d > 0) {
      var r = view.getBoundingClientRect();
      zoomAt(g.d / last.d, (g.x - r.left) / r.width, (g.y - r.top) / r.height);
    }
    if (last) { pan(g.x - last.x, g.y - last.y); }
    last = g;
  });
  function release(e) {
    pointers.delete(e.pointerId);
    last = pointers.size ? gesture() : null;
    if (!pointers.size) { view.classList.remove("dragging"); }
  }
  view.addEventListener("pointerup", release);
  view.addEventListener("pointercancel", release);

  draw();
})();
""".strip()
