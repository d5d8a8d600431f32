"""Print stage, page sizes: the rule that makes the A1, A2 and A3 layouts from the A0 ones, and the readable minimums.

The rule (docs/printing.md, "Other sizes"):

1. The A0 design is drawn smaller: the layout gets `scale: r`, the page's
   linear ratio to A0 (A1 1/sqrt(2) = 0.707, A2 1/2, A3 1/(2 sqrt(2)) = 0.354;
   ISO 216 halves the area per step), so every gap, rule and icon of the
   components shrinks with the page (poster/layout/scale.py).
2. Every length of the A0 layout - margins, column and row gaps, component
   measures in mm - is multiplied by r. Unitless measures (counts, ratios)
   stay as they are.
3. Every type size and minimum (type_scale: [size, min]) is multiplied by r,
   but never below the readable minimum for the page size (READABLE_PT): text
   set at body size or larger on A0 keeps at least the size's body minimum,
   everything smaller at least its smallest-text minimum. The layout's
   min_text_pt becomes the size's smallest-text minimum.
4. Lengths and sizes are rounded to 0.01 mm and 0.01 pt.

Raising small text above the pure ratio is what makes A3 work as a handout: at
0.354 the A0 body (24 pt) would be 8.5 pt and captions 6 pt. Larger text needs
room, so where the A0 arrangement does not fit at a size's minimums the size
changes its design first (DESIGN_CHANGES, in A0 millimetres and points): A3
leaves out the quote and tightens margins and gaps. The layouts
layouts/a{1,2,3}-{portrait,landscape}.yaml are written by this module
(`python -m poster.print.sizes`) and a test checks they still match the rule
and the A0 layouts.
"""

from __future__ import annotations

import math
import sys
from pathlib import Path
from typing import Any

import yaml

from poster.layout.spec import PAGE_SIZES, merge_layout_data, read_layout_data

# page size -> (smallest text, smallest body text) in pt, for the reading distance:
# A0 on a wall read from 1.5-2 m, A1 from about 1 m, A2 at arm's length, A3 in the hand.
READABLE_PT: dict[str, tuple[float, float]] = {
    "A0": (14.0, 24.0),
    "A1": (10.0, 17.0),
    "A2": (8.0, 12.0),
    "A3": (7.0, 9.0),
    "A4": (6.0, 8.0),
}
RATIO = {"A0": 1.0, "A1": 2**-0.5, "A2": 0.5, "A3": 2**-1.5, "A4": 0.25}
SCALED_SIZES = ("A1", "A2", "A3")
ORIENTATIONS = ("portrait", "landscape")

# What a size changes in the A0 design before the rule scales it (A0 mm and pt).
# "drop" takes components out of the rows; the areas left in a row share its columns.
DESIGN_CHANGES: dict[tuple[str, str], dict[str, Any]] = {
    ("A3", "portrait"): {
        "drop": ["quote"],
        "margins": {"top": 30, "right": 36, "bottom": 22, "left": 36},
        "grid": {"row_gap": 10},
    },
    ("A3", "landscape"): {
        "drop": ["quote"],
        "margins": {"top": 22, "right": 30, "bottom": 18, "left": 30},
        "grid": {"column_gap": 14, "row_gap": 6},
        "type_scale": {"title": [92, 86]},
        "measures": {"header": {"logo_height": 36, "gap": 10}},
    },
}


def size_name(width_mm: float, height_mm: float) -> str:
    """The ISO A size a page is, or is closest to by area (a custom page reads like its nearest A size)."""
    area = width_mm * height_mm
    return min(PAGE_SIZES, key=lambda n: abs(math.log(area / (PAGE_SIZES[n][0] * PAGE_SIZES[n][1]))))


def readable_minimum(width_mm: float, height_mm: float) -> tuple[str, float, float]:
    """(size name, smallest text pt, smallest body pt) for a page of this size."""
    name = size_name(width_mm, height_mm)
    return (name, *READABLE_PT[name])


def scaled_layout(a0: dict[str, Any], size: str, orientation: str) -> dict[str, Any]:
    """The keys a layout for `size` overrides in the A0 layout `a0` (read with its `extends` resolved)."""
    from poster.layout.scale import UNITLESS_MEASURES

    changes = dict(DESIGN_CHANGES.get((size, orientation), {}))
    dropped = set(changes.pop("drop", ()))
    a0 = merge_layout_data(a0, changes)
    r = RATIO[size]
    smallest, body_min = READABLE_PT[size]
    scale = a0.get("type_scale") or {}
    body_a0 = float(scale.get("body", [24])[0])

    def mm(v: float) -> float:
        return round(v * r, 2)

    def pt(v: float) -> float:
        return max(round(v * r, 2), body_min if v >= body_a0 else smallest)

    margins = a0.get("margins", 40)
    grid = a0.get("grid") or {}
    out: dict[str, Any] = {
        "name": f"{size.lower()}-{orientation}",
        "page": {"size": size, "orientation": orientation},
        "scale": round(r, 6),
        "margins": {k: mm(v) for k, v in margins.items()} if isinstance(margins, dict) else mm(margins),
        "grid": {**grid, **{k: mm(grid[k]) for k in ("column_gap", "row_gap") if k in grid}},
        "min_text_pt": smallest,
        "type_scale": {role: [pt(size_pt), min(pt(min_pt), pt(size_pt))] for role, (size_pt, min_pt) in scale.items()},
        "measures": {
            comp: {k: (v if f"{comp}.{k}" in UNITLESS_MEASURES else mm(v)) for k, v in (values or {}).items()}
            for comp, values in (a0.get("measures") or {}).items()
        },
    }
    if dropped:
        out["rows"] = _without(a0["rows"], dropped)
    return out


def _without(rows: list[dict[str, Any]], dropped: set[str]) -> list[dict[str, Any]]:
    """The rows with `dropped` components taken out; the areas left in a row share the columns it had."""
    out = []
    for row in rows:
        areas = []
        for area in row.get("areas") or []:
            stack = []
            for entry in area.get("components", [area.get("component")]):
                kept = (
                    [n for n in entry if n not in dropped]
                    if isinstance(entry, list)
                    else [entry] * (entry not in dropped)
                )
                if kept:
                    stack.append(kept if isinstance(entry, list) else kept[0])
            if stack:
                rest = {k: v for k, v in area.items() if k not in ("component", "components")}
                one = len(stack) == 1 and isinstance(stack[0], str)
                areas.append({"component": stack[0], **rest} if one else {"components": stack, **rest})
        if not areas:
            continue
        had = sum(a.get("columns", 1) for a in row["areas"])
        left = sum(a.get("columns", 1) for a in areas)
        if left < had:  # the freed columns go to the last area (one area left: it spans the row)
            areas[-1] = {**areas[-1], "columns": areas[-1].get("columns", 1) + had - left}
        out.append({**row, "areas": areas})
    return out


def layout_text(size: str, orientation: str) -> str:
    """The YAML of layouts/<size>-<orientation>.yaml, as the rule makes it from a0-<orientation>."""
    base = f"a0-{orientation}"
    raw = read_layout_data(base)  # the loader's own reading, `extends` resolved
    body = yaml.safe_dump(
        scaled_layout(raw, size, orientation), sort_keys=False, allow_unicode=True, default_flow_style=None, width=100
    )
    smallest, body_min = READABLE_PT[size]
    changed = DESIGN_CHANGES.get((size, orientation))
    head = (
        f"# {size} {orientation}: {base}.yaml drawn at {RATIO[size]:.3f} by the size rule (poster/print/sizes.py,\n"
        f"# docs/printing.md): lengths and type x {RATIO[size]:.3f}, but body text at least {body_min:g} pt and all\n"
        f"# text at least {smallest:g} pt{'; the design changed first: ' + _describe(changed) if changed else ''}.\n"
        f"# Generated - do not edit: change {base}.yaml or the rule and run  python -m poster.print.sizes\n"
        f"extends: {base}\n"
    )
    return head + body


def _describe(changes: dict[str, Any]) -> str:
    parts = [f"without {', '.join(changes['drop'])}"] if changes.get("drop") else []
    parts += [k for k in changes if k != "drop"]
    return ", ".join(parts)


def layout_path(size: str, orientation: str) -> Path:
    from poster.resources import data_dir

    return data_dir("layouts") / f"{size.lower()}-{orientation}.yaml"


def main(argv: list[str] | None = None) -> int:
    """Write (or with --check, only compare) every scaled layout file."""
    check = "--check" in (argv if argv is not None else sys.argv[1:])
    stale = []
    for size in SCALED_SIZES:
        for orientation in ORIENTATIONS:
            path, text = layout_path(size, orientation), layout_text(size, orientation)
            if check:
                if not path.is_file() or path.read_text(encoding="utf-8") != text:
                    stale.append(path)
            else:
                path.write_text(text, encoding="utf-8")
    for path in stale:
        print(f"{path}: out of date; run python -m poster.print.sizes", file=sys.stderr)  # noqa: T201 - a script
    return 1 if stale else 0


if __name__ == "__main__":
    raise SystemExit(main())
