"""Geometry checks shared by the layout tests: item bounds, overlaps, text inside its box, type sizes."""

from __future__ import annotations

from poster.layout.document import Circle, Document, Image, Line, Path, Rect, Text
from poster.layout.geometry import Box

EPS = 0.05  # mm: rounding in layout arithmetic, far below a printed dot


def bounds(item) -> Box:
    if isinstance(item, Rect):
        return item.box.inset(-item.stroke_mm / 2) if item.stroke is not None else item.box
    if isinstance(item, Image):
        return item.box
    if isinstance(item, Text):
        return item.bbox
    if isinstance(item, Circle):
        r = item.r + item.stroke_mm / 2
        return Box(item.cx - r, item.cy - r, 2 * r, 2 * r)
    if isinstance(item, Line):
        w = item.width_mm / 2
        x0, x1 = sorted((item.x1, item.x2))
        y0, y1 = sorted((item.y1, item.y2))
        # A butt cap ends at the end point: the stroke only widens the line across its direction.
        wx = w if (item.round_cap or x0 == x1 or y0 != y1) else 0.0
        wy = w if (item.round_cap or y0 == y1 or x0 != x1) else 0.0
        return Box(x0 - wx, y0 - wy, x1 - x0 + 2 * wx, y1 - y0 + 2 * wy)
    if isinstance(item, Path):
        xs = [c[i] for c in item.commands for i in range(1, len(c), 2)]
        ys = [c[i] for c in item.commands for i in range(2, len(c), 2)]
        w = item.stroke_mm / 2
        return Box(min(xs) - w, min(ys) - w, max(xs) - min(xs) + 2 * w, max(ys) - min(ys) + 2 * w)
    raise TypeError(item)


def content_box(doc: Document, spec) -> Box:
    return Box(
        spec.margin_left,
        spec.margin_top,
        doc.width_mm - spec.margin_left - spec.margin_right,
        doc.height_mm - spec.margin_top - spec.margin_bottom,
    )


def outside(doc: Document, area: Box) -> list[str]:
    """Items that stick out of `area` (the page inside its margins)."""
    return [f"{i.role}[{i.ref}] {bounds(i)}" for i in doc.items if not area.contains(bounds(i), EPS)]


def _label_host(text: Text, bars: dict[str, Box]) -> Box | None:
    """The bar a step label was placed in, if it lies inside it."""
    bar = bars.get(text.ref)
    return bar if bar is not None and bar.contains(text.bbox, EPS) else None


def overlaps(doc: Document) -> list[str]:
    """Pairs of text lines or step bars that overlap (a label inside its own bar is allowed).

    Line boxes are the font's ascent-to-descent boxes, so two lines of a
    paragraph touch but never overlap.
    """
    texts = [t for t in doc.items if isinstance(t, Text)]
    bars = {i.ref: i.box for i in doc.items if isinstance(i, Rect) and i.role == "plan.step.bar"}
    boxes = [(f"text {t.role}[{t.ref}] {t.text!r}", t.bbox, t) for t in texts]
    boxes += [(f"bar [{ref}]", box, None) for ref, box in bars.items()]
    found = []
    boxes.sort(key=lambda b: b[1].x)
    for i, (name_a, a, ta) in enumerate(boxes):
        for name_b, b, tb in boxes[i + 1 :]:
            if b.x >= a.right - EPS:
                break
            if not a.intersects(b, EPS):
                continue
            text, bar = (
                (ta, b) if ta is not None and tb is None else (tb, a) if tb is not None and ta is None else (None, None)
            )
            if text is not None and _label_host(text, bars) == bar:
                continue
            found.append(f"{name_a} {a} overlaps {name_b} {b}")
    return found


def region_escapes(doc: Document) -> list[str]:
    """Text lines that leave the region of the component that placed them."""
    out = []
    regions = dict(doc.regions)
    prefixes = {
        "header": "header",
        "vision": "vision",
        "baseline": "baseline",
        "strategy": "strategy",
        "plan": "plan",
        "legend": "legend",
        "results": "results",
        "progress": "progress",
        "quote": "quote",
        "footer": "footer",
    }
    for t in doc.texts():
        comp = t.role.split(".", 1)[0]
        if comp == "section":
            continue  # headings belong to whichever component drew them; checked by the page bounds
        name = prefixes.get(comp)
        if name is None and comp == "strategy":
            name = "plan"
        if name is None or name not in regions:
            continue
        if not regions[name].contains(t.bbox, EPS):
            out.append(f"{t.role}[{t.ref}] {t.text!r} {t.bbox} outside {name} {regions[name]}")
    return out
