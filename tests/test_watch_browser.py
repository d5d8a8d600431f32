"""The --serve preview in a real headless Chromium: the page shows the poster, reloads it after a rebuild, shows errors.

Needs Debian's chromium (tests/browser/chromium.py drives it). Outside CI a
machine without it skips with a reason; in CI (CI set) a missing browser fails.
"""

from __future__ import annotations

import os
import time

import pytest

from poster.content import load_or_raise
from poster.layout import layout_poster, load_layout
from poster.render import render
from poster.render.html import render_page
from poster.resources import data_dir
from poster.serve import PreviewServer

WAIT_S = 30.0


def _missing() -> str | None:
    from browser.chromium import executable

    return "chromium is not installed (apt-get install chromium)" if executable() is None else None


MISSING = _missing()
if MISSING and os.environ.get("CI"):
    raise RuntimeError(f"browser tests cannot run in CI: {MISSING}")
pytestmark = pytest.mark.skipif(MISSING is not None, reason=f"SKIPPED BROWSER TESTS: {MISSING}")


def until(browser, expression: str, what: str):
    deadline = time.monotonic() + WAIT_S
    while True:
        value = browser.evaluate(expression)
        if value:
            return value
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what} ({expression})")
        time.sleep(0.05)


def test_the_preview_page_loads_the_poster_reloads_it_and_shows_an_error():
    from browser.chromium import Chromium

    roadmap = load_or_raise(data_dir("content") / "minimal")[0]
    doc = layout_poster(roadmap, load_layout("a0-portrait"))
    files = {"p.svg": render(doc, "svg"), "p.html": render_page(doc, roadmap)}
    server = PreviewServer(0).start()
    try:
        server.publish(files)
        with Chromium(1000, 800) as browser:
            browser.send("Page.navigate", {"url": server.url})
            browser.wait_for("Page.loadEventFired")
            src = until(browser, "document.getElementById('view').getAttribute('src')", "the first poster")
            assert src == "/files/p.html?v=1"
            # The framed page is the real HTML output, with its own inline SVG poster.
            until(
                browser,
                "(() => { const d = document.getElementById('view').contentDocument;"
                " return d && d.querySelector('svg text') !== null; })()",
                "the poster in the frame",
            )

            server.publish({"p.html": files["p.html"].replace(b"</body>", b"<p id='again'></p></body>")})
            until(browser, "document.getElementById('view').getAttribute('src') === '/files/p.html?v=2'", "the reload")
            until(
                browser,
                "(() => { const d = document.getElementById('view').contentDocument;"
                " return d && d.getElementById('again') !== null; })()",
                "the rebuilt page",
            )

            server.fail("content/roadmap.yaml:3:5: error: meta.title: required")
            text = until(
                browser,
                "(() => { const p = document.getElementById('problem');"
                " return getComputedStyle(p).display !== 'none' && p.textContent; })()",
                "the error banner",
            )
            assert text == "content/roadmap.yaml:3:5: error: meta.title: required"
            assert browser.console_problems() == []  # no CSP violation, no script error
    finally:
        server.close()
