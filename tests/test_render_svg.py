"""SVG renderer: valid SVG 1.1 in mm, real text, escaped content, no external references, deterministic."""

from __future__ import annotations

import base64
import re
import subprocess
import sys
import textwrap
from dataclasses import replace
from xml.etree import ElementTree as ET

import pytest
from svgwrite.validator2 import get_validator
from test_render_samples import INFO, sample_doc, text

from poster.layout.document import Image
from poster.layout.geometry import Box
from poster.render import RENDERERS, RenderOptions, render
from poster.render.svg import num, path_data

NS = "{http://www.w3.org/2000/svg}"
XLINK_HREF = "{http://www.w3.org/1999/xlink}href"
XML = "{http://www.w3.org/XML/1998/namespace}"

HOSTILE = [
    "<script>alert(1)</script>",
    "]]>",
    "&amp; &lt; & <",
    "\"double\" and 'single' quotes",
    'x" onload="alert(1)',
    "<svg onload=alert(1)>",
    "<!-- comment --><![CDATA[x]]>",
    "url(http://evil.example/x.png) javascript:alert(1)",
]


def svg_root(doc=None) -> ET.Element:
    return ET.fromstring(render(doc or sample_doc(), "svg"))


def hostile_doc():
    items = [text(10, 10 + 8 * i, s, role=s, ref=s) for i, s in enumerate(HOSTILE)]
    info = replace(INFO, title=HOSTILE[0], author=HOSTILE[4], description=HOSTILE[1], keywords=tuple(HOSTILE))
    return replace(sample_doc(), items=tuple(items), info=info)


def test_page_is_in_millimetres_with_title_and_desc():
    root = svg_root()
    assert root.tag == f"{NS}svg"
    assert (root.get("width"), root.get("height"), root.get("viewBox")) == ("200mm", "150mm", "0 0 200 150")
    assert root.get("version") == "1.1"
    assert root.find(f"{NS}title").text == INFO.title
    assert root.find(f"{NS}desc").text == INFO.description
    assert root.get(f"{XML}lang") == "nl-NL"
    assert root.get("text-rendering") == "geometricPrecision"


def test_every_attribute_passes_svgwrite_svg11_validator():
    validator = get_validator("full", debug=True)
    for el in svg_root().iter():
        tag = el.tag.removeprefix(NS)
        attrs = {_prefixed(k): v for k, v in el.attrib.items()}
        validator.check_all_svg_attribute_values(tag, attrs)
        for child in el:
            validator.check_valid_children(tag, child.tag.removeprefix(NS))


def _prefixed(name: str) -> str:
    return name.replace(XML, "xml:").replace("{http://www.w3.org/1999/xlink}", "xlink:")


def test_one_start_anchored_text_element_per_line():
    doc = sample_doc()
    texts = svg_root(doc).findall(f"{NS}text")
    expected = doc.texts()
    assert [t.text for t in texts] == [t.text for t in expected]
    for el, item in zip(texts, expected):
        assert "text-anchor" not in el.attrib
        assert (float(el.get("x")), float(el.get("y"))) == pytest.approx((item.x, item.y), abs=5e-4)
        assert el.get("font-family") == f"'{item.face.svg_family}'"
        assert "," not in el.get("font-family")
        assert el.get("font-weight", "normal") == item.face.svg_weight
        assert el.get("font-style", "normal") == item.face.svg_style
        assert float(el.get("font-size")) == pytest.approx(item.size_mm, abs=5e-5)
        assert len(el) == 0  # no tspans


def test_shapes_dashes_radius_and_paths():
    root = svg_root()
    bar = root.find(f"{NS}rect[@class='plan-step-bar ref-s1']")
    assert (bar.get("rx"), bar.get("stroke"), bar.get("stroke-width")) == ("4", "#C2410C", "1")
    today = root.find(f"{NS}line[@class='today']")
    assert today.get("stroke-dasharray") == "3,2"
    assert root.find(f"{NS}line[@class='arrow']").get("stroke-linecap") == "round"
    assert root.find(f"{NS}path[@class='curve']").get("d") == "M 20 140 C 40 110 70 110 90 140 Z"
    assert root.find(f"{NS}path[@class='chevron']").get("stroke-linejoin") == "round"
    assert root.find(f"{NS}circle[@class='milestone ref-m2']").get("fill") == "none"


def test_logos_are_data_uris_fitted_and_titled():
    images = svg_root().findall(f"{NS}image")
    assert len(images) == 2
    for el in images:
        href = el.get(XLINK_HREF)
        assert re.fullmatch(r"data:image/(png|svg\+xml);base64,[A-Za-z0-9+/=]+", href)
        assert el.get("preserveAspectRatio") == "xMidYMid meet"
        assert el.find(f"{NS}title").text.startswith("Logo")


def test_numbers_are_rounded_to_micrometres():
    item = text(10.123456, 20.987654321, "x")
    data = render(replace(sample_doc(), items=(item,)), "svg").decode()
    assert 'x="10.123"' in data and 'y="20.988"' in data
    numbers = re.findall(
        r'(?:x|y|width|height|r|cx|cy|stroke-width)="(-?[0-9.]+)"', render(sample_doc(), "svg").decode()
    )
    assert numbers and all(len(n.partition(".")[2]) <= 3 for n in numbers)


@pytest.mark.parametrize(
    "value, expected",
    [(1.0, "1"), (2.5, "2.5"), (1 / 3, "0.333"), (-0.0001, "0"), (-2.0005, "-2.001"), (1189.0, "1189"), (0.0, "0")],
)
def test_num_formats_fixed_precision(value, expected):
    assert num(value) == expected


def test_path_data_rejects_unknown_commands():
    assert path_data((("M", 0, 0), ("L", 1.5, 2), ("Z",))) == "M 0 0 L 1.5 2 Z"
    with pytest.raises(ValueError):
        path_data((("A", 1, 1, 0, 0, 1, 2, 2),))


def test_hostile_text_stays_text():
    doc = hostile_doc()
    data = render(doc, "svg")
    root = ET.fromstring(data)  # well-formed despite ]]>, & and quotes
    tags = {el.tag for el in root.iter()}
    assert tags <= {f"{NS}{t}" for t in ("svg", "title", "desc", "defs", "rect", "text")}
    assert [el.text for el in root.findall(f"{NS}text")] == HOSTILE
    assert root.find(f"{NS}title").text == HOSTILE[0]
    for el in root.iter():
        for name, value in el.attrib.items():
            assert not name.lower().startswith("on"), (name, value)
            assert "href" not in name
            if name == "class":
                assert re.fullmatch(r"[A-Za-z0-9 _-]+", value), value
    assert b"<script" not in data and b"<svg onload" not in data


def test_control_characters_are_dropped_not_written():
    doc = replace(sample_doc(), items=(text(10, 10, "a\x00b\x07c\x1bd\ufffee"),))
    root = svg_root(doc)
    assert root.find(f"{NS}text").text == "abcde"


def test_hostile_svg_logo_is_sanitised_inside_the_data_uri():
    evil = (
        b'<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" viewBox="0 0 10 10" onload="alert(1)">'
        b'<script>alert(1)</script><image xlink:href="http://evil.example/x.png" width="5" height="5"/>'
        b'<rect width="10" height="10" fill="#123456"/></svg>'
    )
    doc = replace(sample_doc(), items=(Image(Box(10, 10, 20, 20), evil, "image/svg+xml"),))
    href = svg_root(doc).find(f"{NS}image").get(XLINK_HREF)
    inner = base64.b64decode(href.split(",", 1)[1])
    assert b"script" not in inner and b"onload" not in inner and b"evil" not in inner
    assert b"#123456" in inner


def test_deterministic_bytes():
    assert render(sample_doc(), "svg") == render(sample_doc(), "svg")
    assert render(sample_doc(), "svg").startswith(b'<?xml version="1.0" encoding="UTF-8"?>\n<svg ')


def test_registry_lists_the_three_formats_and_rejects_others():
    assert set(RENDERERS) == {"svg", "pdf", "png"}
    with pytest.raises(ValueError, match="unknown output format 'gif'"):
        render(sample_doc(), "gif")
    with pytest.raises(ValueError):
        RenderOptions(png_width_px=0)


def test_svg_render_imports_neither_reportlab_nor_cairo():
    """`poster check` and SVG-only builds must not pay for the PDF and PNG backends."""
    code = textwrap.dedent(
        """
        import sys
        from poster.content.model import Color
        from poster.fonts import SHIPPED_FAMILIES
        from poster.layout.document import Document, DocumentInfo, Rect, Text
        from poster.layout.geometry import Box
        from poster.render import RENDERERS, RenderOptions
        face = SHIPPED_FAMILIES["Fira Sans"].face("regular")
        info = DocumentInfo("t", "a", "s", (), "nl-NL")
        white = Color(255, 255, 255)
        doc = Document(100, 100, white, (Rect(Box(1, 1, 5, 5), fill=white), Text(1, 5, "x", face, 10, white, 2, 3, 1)), info)
        assert RENDERERS["svg"](doc, RenderOptions()).startswith(b"<?xml")
        heavy = sorted(m for m in sys.modules if m.split(".")[0] in ("reportlab", "cairosvg", "cairocffi", "PIL"))
        assert not heavy, heavy
        assert "poster.render.pdf" not in sys.modules and "poster.render.png" not in sys.modules
        """
    )
    subprocess.run([sys.executable, "-c", code], check=True)
