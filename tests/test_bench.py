"""The benchmark (benchmarks/run.py) in its quick CI mode, so it cannot rot; and the guard the speed work moved into tests.

No timing is asserted here: speed is measured by `make bench`, not by unit tests.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from svgwrite.validator2 import get_validator

ROOT = Path(__file__).resolve().parent.parent


def test_quick_benchmark_prints_its_table_and_writes_json(tmp_path: Path):
    out = tmp_path / "bench.json"
    proc = subprocess.run(
        [sys.executable, str(ROOT / "benchmarks" / "run.py"), "--quick", "--json", str(out)],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert proc.returncode == 0, proc.stderr
    for label in (
        "(a) poster build, svg+pdf+png",
        "(b) poster build --format pdf",
        "(b) poster build --format svg",
        "(c) floor",
        "(a)/(c) build over floor",
        "(d) layout, 10 steps",
        "(d) layout, 100 steps in 5 lanes",
        "(d) growth 10 -> 100 steps",
        "(f) watch: warm rebuild",
        "targets:",
    ):
        assert label in proc.stdout, f"{label!r} missing from:\n{proc.stdout}"
    result = json.loads(out.read_text(encoding="utf-8"))
    assert result["settings"]["quick"] is True and result["settings"]["repeat"] == 1
    assert set(result["builds"]) == {"build_all", "build_pdf", "build_svg"}
    assert all(len(b["runs_s"]) == 1 and b["median_s"] > 0 for b in result["builds"].values())
    assert result["floor"]["median_s"] > 0 and result["build_over_floor"] > 0
    assert set(result["layout"]) == {"layout_10", "layout_100", "layout_10_dense", "layout_100_dense"}
    assert result["layout_growth"][0]["from"] == 10
    assert result["builds"]["build_all"]["peak_rss_mb"] > 0
    assert {t["target"] for t in result["targets"]} >= {"(a) build, all formats", "(e) peak memory of (a)"}


def test_the_example_svg_passes_svgwrite_svg11_validator():
    """poster.render.svg no longer validates while rendering (it cost two thirds of the SVG's time); this does."""
    from xml.etree import ElementTree

    from poster.content import load_or_raise
    from poster.layout import layout_poster, load_layout
    from poster.render import render
    from poster.resources import example_content

    doc = layout_poster(load_or_raise(example_content())[0], load_layout("a0-portrait"))
    root = ElementTree.fromstring(render(doc, "svg"))
    validator = get_validator("full", debug=True)
    ns = "{http://www.w3.org/2000/svg}"
    for el in root.iter():
        tag = el.tag.removeprefix(ns)
        attrs = {
            k.replace("{http://www.w3.org/XML/1998/namespace}", "xml:").replace(
                "{http://www.w3.org/1999/xlink}", "xlink:"
            ): v
            for k, v in el.attrib.items()
        }
        validator.check_all_svg_attribute_values(tag, attrs)
        for child in el:
            validator.check_valid_children(tag, child.tag.removeprefix(ns))
