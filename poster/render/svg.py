"""Render stage, SVG: the Document as SVG 1.1 (svgwrite), one user unit = one millimetre.

Text stays real text: one start-anchored <text> per laid-out line, named by a
single font family (see poster.fonts.Face), so the PNG (cairosvg reads this
output) and a browser pick the same TTF layout measured. Content strings only
ever become text nodes or escaped attribute values; the only embedded resource
is the logo, as a base64 data: URI of a sanitised SVG or a PNG. The output is
deterministic: no generated ids, attributes in a fixed order, numbers rounded to
a micrometre.
"""

from __future__ import annotations

import base64
import re
from collections.abc import Callable
from typing import Any

import svgwrite

from poster.assets import sanitize_svg
from poster.content.model import Color
from poster.fonts import Face
from poster.layout.document import Circle, Document, Image, Line, Path, Rect, Text
from poster.render import RenderOptions

XML_DECLARATION = b'<?xml version="1.0" encoding="UTF-8"?>\n'

# Characters XML 1.0 cannot carry at all (control characters, lone surrogates):
# ElementTree would write them and produce a file no parser accepts.
_NOT_XML = re.compile("[^\t\n\r\u0020-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
_NOT_CLASS = re.compile(r"[^A-Za-z0-9_-]+")
# A user font's family name comes from the font file: it may not break out of
# the quoted name or start a list (cairosvg would take the part before a comma).
_NOT_FAMILY = re.compile(r"""["',;\\\x00-\x1f]""")


def render(doc: Document, options: RenderOptions = RenderOptions()) -> bytes:
    dwg = _drawing(doc)
    dwg.add(dwg.rect(insert=("0", "0"), size=(num(doc.width_mm), num(doc.height_mm)), fill=doc.background.hex))
    for item in doc.items:
        dwg.add(_DRAW[type(item)](dwg, item))
    return XML_DECLARATION + dwg.tostring().encode("utf-8") + b"\n"


def num(value: float) -> str:
    """A coordinate in mm, to a micrometre, without trailing zeros ("12.5", "0", "-3.25")."""
    text = f"{value:.3f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def xml_text(text: str) -> str:
    """`text` without the characters XML 1.0 cannot hold (escaping is svgwrite's job)."""
    return _NOT_XML.sub("", text)


def _drawing(doc: Document) -> svgwrite.Drawing:
    w, h = num(doc.width_mm), num(doc.height_mm)
    # debug=False: svgwrite's SVG 1.1 validator on every attribute set is two
    # thirds of the render (30 ms instead of 10 for the example, measured), and
    # `poster watch` has 150 ms for SVG and PDF together. Every value written here
    # is a number from num(), a colour's hex or a fixed keyword; content only
    # reaches text nodes and sanitised class/family names. The tests run the same
    # validator over rendered output (tests/test_render_svg.py, tests/test_bench.py).
    dwg = svgwrite.Drawing(size=(f"{w}mm", f"{h}mm"), viewBox=f"0 0 {w} {h}", profile="full", debug=False)
    # Inherited by every <text>: cairosvg matches reportlab's advances only with
    # geometricPrecision (unhinted metrics); see GUIDE "Facts already checked".
    dwg["text-rendering"] = "geometricPrecision"
    # Layout measured every space it placed; default SVG whitespace handling
    # would collapse runs of spaces and drop leading/trailing ones.
    dwg["xml:space"] = "preserve"
    if doc.info.language:
        dwg["xml:lang"] = xml_text(doc.info.language)
    desc = doc.info.description or doc.info.subject
    dwg.set_desc(title=xml_text(doc.info.title), desc=xml_text(desc) if desc else None)
    return dwg


def _paint(el, fill: Color | None, stroke: Color | None, stroke_mm: float) -> None:
    el["fill"] = fill.hex if fill is not None else "none"
    if stroke is not None and stroke_mm > 0:
        el["stroke"] = stroke.hex
        el["stroke-width"] = num(stroke_mm)


def _tag(el, role: str, ref: str):
    """class="<role with dots as dashes> ref-<ref>", so a page or a test can find an item."""
    classes = [_NOT_CLASS.sub("-", role.replace(".", "-"))] if role else []
    if ref:
        classes.append("ref-" + _NOT_CLASS.sub("-", ref))
    if classes:
        el["class"] = " ".join(classes)
    return el


def _rect(dwg: svgwrite.Drawing, item: Rect):
    b = item.box
    el = dwg.rect(insert=(num(b.x), num(b.y)), size=(num(b.w), num(b.h)))
    if item.radius_mm > 0:
        el["rx"] = el["ry"] = num(item.radius_mm)
    _paint(el, item.fill, item.stroke, item.stroke_mm)
    return _tag(el, item.role, item.ref)


def _line(dwg: svgwrite.Drawing, item: Line):
    el = dwg.line(start=(num(item.x1), num(item.y1)), end=(num(item.x2), num(item.y2)))
    el["stroke"] = item.color.hex
    el["stroke-width"] = num(item.width_mm)
    if item.dash_mm:
        el["stroke-dasharray"] = ",".join(num(d) for d in item.dash_mm)
    if item.round_cap:
        el["stroke-linecap"] = "round"
    return _tag(el, item.role, item.ref)


def _circle(dwg: svgwrite.Drawing, item: Circle):
    el = dwg.circle(center=(num(item.cx), num(item.cy)), r=num(item.r))
    _paint(el, item.fill, item.stroke, item.stroke_mm)
    return _tag(el, item.role, item.ref)


def path_data(commands) -> str:
    """SVG path data for the Document's absolute M/L/C/Z commands."""
    parts = []
    for op, *coords in commands:
        if op not in ("M", "L", "C", "Z") or len(coords) != {"M": 2, "L": 2, "C": 6, "Z": 0}[op]:
            raise ValueError(f"unknown path command {(op, *coords)!r}")
        parts.append(" ".join([op, *(num(c) for c in coords)]))
    return " ".join(parts)


def _path(dwg: svgwrite.Drawing, item: Path):
    el = dwg.path(d=path_data(item.commands))
    _paint(el, item.fill, item.stroke, item.stroke_mm)
    if item.round_join:
        el["stroke-linejoin"] = "round"
    return _tag(el, item.role, item.ref)


def _text(dwg: svgwrite.Drawing, item: Text):
    el = dwg.text(xml_text(item.text), insert=(num(item.x), num(item.y)))
    # One family per element, quoted: cairosvg uses the first name only and
    # fontconfig (set up by poster.render.cairo) knows only poster's fonts.
    el["font-family"] = f"'{css_family_name(item.face)}'"
    # Always written: an SVG inlined in a page must not inherit the page's weight or style.
    el["font-weight"] = item.face.svg_weight
    el["font-style"] = item.face.svg_style
    # Four decimals: a 1e-3 relative error in size would move the end of a
    # 500 mm headline by 0.5 mm.
    el["font-size"] = f"{item.size_mm:.4f}".rstrip("0").rstrip(".")
    el["fill"] = item.color.hex
    return _tag(el, item.role, item.ref)


def css_family_name(face: Face) -> str:
    """The face's family name as SVG and CSS name it, safe inside single quotes (unquoted here)."""
    return _NOT_FAMILY.sub("", face.svg_family)


def data_uri(data: bytes, mime: str, source: str = "") -> str:
    if mime == "image/svg+xml":
        data = sanitize_svg(data, source or "the logo")  # idempotent; a hand-made Document may carry raw SVG
    elif mime != "image/png":
        raise ValueError(f"cannot embed an image of type {mime!r} (only image/svg+xml and image/png)")
    return f"data:{mime};base64,{base64.b64encode(data).decode('ascii')}"


def _image(dwg: svgwrite.Drawing, item: Image):
    b = item.box
    el = dwg.image(data_uri(item.data, item.mime, item.source), insert=(num(b.x), num(b.y)), size=(num(b.w), num(b.h)))
    el["preserveAspectRatio"] = "xMidYMid meet"  # fitted and centred, as the PDF draws it
    if item.alt:
        el.set_desc(title=xml_text(item.alt))
    return _tag(el, item.role, item.ref)


_DRAW: dict[type, Callable[..., Any]] = {
    Rect: _rect,
    Line: _line,
    Circle: _circle,
    Path: _path,
    Text: _text,
    Image: _image,
}
