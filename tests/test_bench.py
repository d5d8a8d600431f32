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


def test_quick_benchmark_prints_its_targets_and_writes_json(tmp_path: Path):
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
        "interleaved rounds",
        "machine load (os.getloadavg",
        "poster build (svg+pdf+png)",
        "floor: cairosvg rasterises the SVG",
        "first build ever",
        "cold build CPU / cairosvg floor CPU (1 pairs)",
        "watch: save -> SVG and PDF in place",
        "watch: save -> PNG in place",
        "peak memory of a cold build",
        "layout growth 10 -> 100 steps",
    ):
        assert label in proc.stdout, f"{label!r} missing from:\n{proc.stdout}"
    result = json.loads(out.read_text(encoding="utf-8"))
    assert result["settings"]["quick"] is True and result["settings"]["rounds"] == 1
    assert {"build", "floor", "first_build"} <= set(result["runs"])
    build = result["runs"]["build"]
    assert len(build["cpu_s"]) == 1 and build["cpu_s"][0] > 0 and build["peak_rss_mb"][0] > 0
    assert len(result["watch"]["early_ms"]) == 2 and all(v > 0 for v in result["watch"]["late_ms"])
    assert len(result["machine"]["load_average"]["start"]) == 3
    targets = {t["target"] for t in result["targets"]}
    assert {"peak memory of a cold build", "watch: save -> PNG in place"} <= targets
    assert all(isinstance(t["met"], bool) for t in result["targets"])


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
