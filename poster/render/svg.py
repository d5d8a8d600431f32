"""Render stage, SVG: the Document as SVG 1.1 (ElementTree), one user unit = one millimetre.

Text stays real text: one start-anchored <text> per laid-out line, named by a
single font family (see poster.fonts.Face), so the PNG (cairosvg reads this
output) and a browser pick the same TTF layout measured. Content strings only
ever become text nodes or escaped attribute values; the only embedded resource
is the logo, as a base64 data: URI of a sanitised SVG or a PNG. The output is
deterministic: no generated ids, attributes in a fixed (sorted) order, numbers
rounded to a micrometre.

The elements are built with the standard library's ElementTree, as svgwrite
built them before (the same bytes): importing svgwrite took 0.15 s of every
cold build (its attribute validator compiles a grammar on import), a fifth of
a cold build of all three formats. The tests validate the output against the
SVG 1.1 attribute grammar with svgwrite's validator (tests/test_render_svg.py).
"""

from __future__ import annotations

import base64
import re
from collections.abc import Callable
from xml.etree import ElementTree as ET

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
    root = _drawing(doc)
    root.append(
        _element("rect", x="0", y="0", width=num(doc.width_mm), height=num(doc.height_mm), fill=doc.background.hex)
    )
    for item in doc.items:
        root.append(_DRAW[type(item)](item))
    return XML_DECLARATION + ET.tostring(_sorted(root), encoding="utf-8") + b"\n"


def _element(tag: str, text: str | None = None, **attributes: str) -> ET.Element:
    """An element with `attributes` (a "_" in a name is written "-", "xml_" and "xlink_" become prefixes)."""
    el = ET.Element(tag, {_attribute_name(k): v for k, v in attributes.items()})
    el.text = text
    return el


def _attribute_name(name: str) -> str:
    for prefix in ("xml_", "xlink_"):
        if name.startswith(prefix):
            return prefix[:-1] + ":" + name[len(prefix) :]
    return name.replace("_", "-")


def _sorted(el: ET.Element) -> ET.Element:
    """Every element's attributes in sorted order, empty ones left out (the order is part of the output's bytes)."""
    for node in el.iter():
        items = sorted((k, v) for k, v in node.attrib.items() if v)
        node.attrib.clear()
        node.attrib.update(items)
    return el


def num(value: float) -> str:
    """A coordinate in mm, to a micrometre, without trailing zeros ("12.5", "0", "-3.25")."""
    text = f"{value:.3f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def xml_text(text: str) -> str:
    """`text` without the characters XML 1.0 cannot hold (escaping is ElementTree's job)."""
    return _NOT_XML.sub("", text)


def _drawing(doc: Document) -> ET.Element:
    w, h = num(doc.width_mm), num(doc.height_mm)
    root = _element(
        "svg",
        width=f"{w}mm",
        height=f"{h}mm",
        viewBox=f"0 0 {w} {h}",
        version="1.1",
        baseProfile="full",
        xmlns="http://www.w3.org/2000/svg",
    )
    root.set("xmlns:ev", "http://www.w3.org/2001/xml-events")
    root.set("xmlns:xlink", "http://www.w3.org/1999/xlink")
    # Inherited by every <text>: cairosvg matches reportlab's advances only with
    # geometricPrecision (unhinted metrics); hinted, its advances differ from the TTF advances layout measured.
    root.set("text-rendering", "geometricPrecision")
    # Layout measured every space it placed; default SVG whitespace handling
    # would collapse runs of spaces and drop leading/trailing ones.
    root.set("xml:space", "preserve")
    if doc.info.language:
        root.set("xml:lang", xml_text(doc.info.language))
    desc = doc.info.description or doc.info.subject
    _describe(root, xml_text(doc.info.title), xml_text(desc) if desc else None)
    root.append(ET.Element("defs"))
    return root


def _describe(el: ET.Element, title: str | None, desc: str | None = None) -> None:
    """<title> and <desc> children, first (where assistive technology looks for them)."""
    for tag, text in (("title", title), ("desc", desc)):
        if text is not None:
            el.append(_element(tag, text))


def _paint(el, fill: Color | None, stroke: Color | None, stroke_mm: float) -> None:
    el.attrib["fill"] = fill.hex if fill is not None else "none"
    if stroke is not None and stroke_mm > 0:
        el.attrib["stroke"] = stroke.hex
        el.attrib["stroke-width"] = num(stroke_mm)


def _tag(el, role: str, ref: str):
    """class="<role with dots as dashes> ref-<ref>", so a page or a test can find an item."""
    classes = [_NOT_CLASS.sub("-", role.replace(".", "-"))] if role else []
    if ref:
        classes.append("ref-" + _NOT_CLASS.sub("-", ref))
    if classes:
        el.attrib["class"] = " ".join(classes)
    return el


def _rect(item: Rect) -> ET.Element:
    b = item.box
    el = _element("rect", x=num(b.x), y=num(b.y), width=num(b.w), height=num(b.h))
    if item.radius_mm > 0:
        el.attrib["rx"] = el.attrib["ry"] = num(item.radius_mm)
    _paint(el, item.fill, item.stroke, item.stroke_mm)
    return _tag(el, item.role, item.ref)


def _line(item: Line) -> ET.Element:
    el = _element("line", x1=num(item.x1), y1=num(item.y1), x2=num(item.x2), y2=num(item.y2))
    el.attrib["stroke"] = item.color.hex
    el.attrib["stroke-width"] = num(item.width_mm)
    if item.dash_mm:
        el.attrib["stroke-dasharray"] = ",".join(num(d) for d in item.dash_mm)
    if item.round_cap:
        el.attrib["stroke-linecap"] = "round"
    return _tag(el, item.role, item.ref)


def _circle(item: Circle) -> ET.Element:
    el = _element("circle", cx=num(item.cx), cy=num(item.cy), r=num(item.r))
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


def _path(item: Path) -> ET.Element:
    el = _element("path", d=path_data(item.commands))
    _paint(el, item.fill, item.stroke, item.stroke_mm)
    if item.round_join:
        el.attrib["stroke-linejoin"] = "round"
    return _tag(el, item.role, item.ref)


def _text(item: Text) -> ET.Element:
    el = _element("text", xml_text(item.text), x=num(item.x), y=num(item.y))
    # One family per element, quoted: cairosvg uses the first name only and
    # fontconfig (set up by poster.render.cairo) knows only poster's fonts.
    el.attrib["font-family"] = f"'{css_family_name(item.face)}'"
    # Always written: an SVG inlined in a page must not inherit the page's weight or style.
    el.attrib["font-weight"] = item.face.svg_weight
    el.attrib["font-style"] = item.face.svg_style
    # Four decimals: a 1e-3 relative error in size would move the end of a
    # 500 mm headline by 0.5 mm.
    el.attrib["font-size"] = f"{item.size_mm:.4f}".rstrip("0").rstrip(".")
    el.attrib["fill"] = item.color.hex
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


def _image(item: Image) -> ET.Element:
    b = item.box
    el = _element(
        "image",
        xlink_href=data_uri(item.data, item.mime, item.source),
        x=num(b.x),
        y=num(b.y),
        width=num(b.w),
        height=num(b.h),
    )
    el.attrib["preserveAspectRatio"] = "xMidYMid meet"  # fitted and centred, as the PDF draws it
    if item.alt:
        _describe(el, xml_text(item.alt))
    return _tag(el, item.role, item.ref)


_DRAW: dict[type, Callable[..., ET.Element]] = {
    Rect: _rect,
    Line: _line,
    Circle: _circle,
    Path: _path,
    Text: _text,
    Image: _image,
}
