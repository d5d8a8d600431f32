"""Logo loading: hostile SVGs are refused or defused, PNG bombs and non-PNG bytes are refused."""

from __future__ import annotations

import base64
import struct
import zlib
from pathlib import Path
from xml.etree import ElementTree as ET

import pytest
from test_render_samples import LOGO_SVG, logo_png

from poster.assets import MAX_BYTES, Logo, load_logo, sanitize_svg
from poster.errors import AssetError

SVG_OPEN = b'<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" viewBox="0 0 100 50">'
NS = "{http://www.w3.org/2000/svg}"


# A complete PNG (embedded images are decoded, so a signature alone no longer passes).
TINY_PNG_URI = b"data:image/png;base64," + base64.b64encode(logo_png(12, 12))


def write(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def clean(body: bytes, open_tag: bytes = SVG_OPEN) -> bytes:
    return sanitize_svg(open_tag + body + b"</svg>", "logo.svg")


def png_header(width: int, height: int) -> bytes:
    """A PNG signature and an IHDR chunk (with a correct CRC) claiming width x height."""
    body = b"IHDR" + struct.pack(">IIBBBBB", width, height, 8, 6, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + struct.pack(">I", 13) + body + struct.pack(">I", zlib.crc32(body))


def assert_no_external_reference(data: bytes) -> None:
    root = ET.fromstring(data)
    for el in root.iter():
        assert el.tag.split("}")[-1] not in ("script", "foreignObject", "set", "animate"), el.tag
        for name, value in el.attrib.items():
            assert not name.split("}")[-1].lower().startswith("on"), name
            if name.endswith("href"):
                assert value.startswith(("#", "data:image/png;base64,")), value
            assert "http" not in value and "javascript" not in value.lower(), (name, value)
        if el.text:
            assert "@import" not in el.text and "http" not in el.text


# --- SVG ---------------------------------------------------------------------


def test_svg_logo_keeps_its_drawing_and_reports_its_size(tmp_path):
    logo = load_logo(write(tmp_path, "logo.svg", LOGO_SVG))
    assert isinstance(logo, Logo) and logo.mime == "image/svg+xml"
    assert (logo.width, logo.height, logo.aspect) == (120, 60, 2)
    root = ET.fromstring(logo.data)
    assert [el.tag.removeprefix(NS) for el in root] == ["rect", "circle", "path"]
    assert root.get("viewBox") == "0 0 120 60"


def test_xxe_entity_is_refused(tmp_path):
    xxe = (
        b'<?xml version="1.0"?><!DOCTYPE svg [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'
        + SVG_OPEN
        + b"<text>&xxe;</text></svg>"
    )
    with pytest.raises(AssetError, match=r"logo\.svg.*DTD or entities.*Plain SVG"):
        load_logo(write(tmp_path, "logo.svg", xxe))


def test_billion_laughs_is_refused(tmp_path):
    lol = (
        b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
        + b"".join(
            b'<!ENTITY lol%d "%s">' % (i, (b"&lol%d;" % (i - 1) if i > 1 else b"&lol;") * 10) for i in range(1, 10)
        )
        + b"]>"
        + SVG_OPEN
        + b"<text>&lol9;</text></svg>"
    )
    with pytest.raises(AssetError, match="DTD or entities"):
        load_logo(write(tmp_path, "logo.svg", lol))


def test_plain_doctype_is_refused_too():
    with pytest.raises(AssetError, match="DTD"):
        sanitize_svg(
            b'<!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN" "http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd">'
            + SVG_OPEN
            + b"</svg>",
            "x",
        )


def test_script_and_foreign_object_are_removed():
    out = clean(
        b"<script>alert(1)</script><script xlink:href='http://evil.example/x.js'/>"
        b"<foreignObject><body xmlns='http://www.w3.org/1999/xhtml'><iframe src='http://evil.example'/></body></foreignObject>"
        b"<rect width='10' height='10'/>"
    )
    assert_no_external_reference(out)
    assert [el.tag.removeprefix(NS) for el in ET.fromstring(out)] == ["rect"]


def test_event_handlers_are_removed():
    out = clean(
        b"<g onclick='alert(1)' ONMOUSEOVER='alert(2)'><rect width='1' height='1' onload='alert(3)'/></g>",
        open_tag=SVG_OPEN.replace(b"<svg ", b"<svg onload='alert(0)' "),
    )
    assert_no_external_reference(out)
    assert ET.fromstring(out).find(f"{NS}g/{NS}rect") is not None


def test_external_and_javascript_hrefs_are_removed():
    out = clean(
        b"<image xlink:href='http://evil.example/x.png' width='5' height='5'/>"
        b"<image href='file:///etc/passwd' width='5' height='5'/>"
        b"<image xlink:href='data:image/svg+xml;base64,PHN2Zz48L3N2Zz4=' width='5' height='5'/>"
        b"<a xlink:href='javascript:alert(1)'><rect width='1' height='1'/></a>"
        b"<use xlink:href='other.svg#x'/><use xlink:href='#r'/><rect id='r' width='1' height='1'/>"
        b"<image xlink:href='" + TINY_PNG_URI + b"' width='5' height='5'/>"
    )
    assert_no_external_reference(out)
    root = ET.fromstring(out)
    hrefs = [v for el in root.iter() for k, v in el.attrib.items() if k.endswith("href")]
    assert hrefs == ["#r", TINY_PNG_URI.decode()]
    assert root.find(f"{NS}g/{NS}rect") is not None  # the link became a group, its drawing stays


def test_animation_cannot_rewrite_an_href():
    out = clean(b"<a><set attributeName='href' to='javascript:alert(1)'/><rect width='1' height='1'/></a>")
    assert_no_external_reference(out)
    assert b"set" not in out.split(b">", 1)[1]


@pytest.mark.parametrize(
    "css",
    [
        b"@import url(http://evil.example/x.css); rect { fill: red }",
        b"@import 'http://evil.example/x.css'; rect { fill: red }",
        b"rect { fill: url(http://evil.example/p.svg#p) }",
        b"rect { background: url('http://evil.example/track.png') }",
        b"rect { fill: url(http://evil.example/unclosed",
        b"rect { fill: u\\72l(http://evil.example/escaped) }",
        b"@font-face { font-family: x; src: url(data:font/ttf;base64,AAAA) }",
    ],
)
def test_external_css_is_removed(css):
    out = clean(b"<style>" + css + b"</style><rect width='1' height='1' style='" + css.replace(b"'", b'"') + b"'/>")
    assert_no_external_reference(out)
    assert b"url(h" not in out and b"@import" not in out and b"url(d" not in out


def test_fragment_urls_and_plain_css_survive():
    out = clean(
        b"<defs><linearGradient id='g'><stop offset='0' stop-color='#fff'/></linearGradient></defs>"
        b"<style>.a { fill: #C2410C }</style>"
        b"<rect class='a' width='1' height='1' fill='url(#g)' style='stroke: url(#g); stroke-width: 2'/>"
    )
    root = ET.fromstring(out)
    rect = root.find(f"{NS}rect")
    assert rect.get("fill") == "url(#g)" and rect.get("style") == "stroke: url(#g); stroke-width: 2"
    assert root.find(f"{NS}style").text == ".a { fill: #C2410C }"


def test_presentation_attribute_with_external_url_is_dropped():
    out = clean(b"<rect width='1' height='1' fill='url(http://evil.example/p.svg#p)' filter='url(other.svg#f)'/>")
    rect = ET.fromstring(out).find(f"{NS}rect")
    assert rect.get("fill") is None and rect.get("filter") is None


def test_use_bomb_is_refused():
    levels = [b"<rect id='l0' width='1' height='1'/>"]
    for i in range(1, 12):
        levels.append(b"<g id='l%d'>" % i + b"<use xlink:href='#l%d'/>" % (i - 1) * 10 + b"</g>")
    with pytest.raises(AssetError, match="expands to more than"):
        clean(b"<defs>" + b"".join(levels) + b"</defs>")


def test_use_loop_is_refused():
    with pytest.raises(AssetError, match="loop"):
        clean(b"<g id='a'><use xlink:href='#b'/></g><g id='b'><use xlink:href='#a'/></g>")


def test_viewbox_is_derived_from_width_and_height():
    out = sanitize_svg(
        b'<svg xmlns="http://www.w3.org/2000/svg" width="30mm" height="15mm"><rect width="10" height="10"/></svg>', "x"
    )
    root = ET.fromstring(out)
    w = 30 * 96 / 25.4
    assert [float(v) for v in root.get("viewBox").split()] == pytest.approx([0, 0, w, w / 2], abs=1e-5)
    assert float(root.get("width")) == pytest.approx(w, abs=1e-5)


def test_svg_without_any_size_is_refused_with_the_fix():
    with pytest.raises(AssetError, match='add viewBox="0 0 WIDTH HEIGHT"'):
        sanitize_svg(b'<svg xmlns="http://www.w3.org/2000/svg" width="100%"><rect/></svg>', "logo.svg")


def test_svg_without_namespace_is_read_as_svg():
    out = sanitize_svg(b'<svg viewBox="0 0 10 10"><rect width="5" height="5"/><script>x</script></svg>', "x")
    root = ET.fromstring(out)
    assert root.tag == f"{NS}svg" and [el.tag for el in root] == [f"{NS}rect"]


def test_sanitising_is_idempotent():
    once = clean(b"<g onclick='x'><rect width='1' height='1' style='fill: url(http://e/x)'/></g><script/>")
    assert sanitize_svg(once, "x") == once


@pytest.mark.parametrize(
    "data, message",
    [
        (b"not xml at all", "not a well-formed SVG"),
        (b"<html xmlns='http://www.w3.org/1999/xhtml'/>", "not an SVG file"),
        (b"\x89PNG\r\n\x1a\n", "not a well-formed SVG"),
    ],
)
def test_broken_svg_files_are_refused(tmp_path, data, message):
    with pytest.raises(AssetError, match=message):
        load_logo(write(tmp_path, "logo.svg", data))


# --- PNG ---------------------------------------------------------------------


def test_png_logo_size_from_its_header(tmp_path):
    logo = load_logo(write(tmp_path, "logo.png", logo_png(120, 60)))
    assert (logo.mime, logo.width, logo.height, logo.aspect) == ("image/png", 120, 60, 2)
    assert logo.data == logo_png(120, 60)


def test_png_bomb_is_refused_before_decoding(tmp_path):
    bomb = png_header(100_000, 100_000) + b"\x00" * 64  # claims 10 gigapixels
    with pytest.raises(AssetError, match=r"bomb\.png: the PNG claims 100000 x 100000 pixels .*scale it down"):
        load_logo(write(tmp_path, "bomb.png", bomb))


def png_file(width: int, height: int, idat: bytes | None = None) -> bytes:
    """A 1-bit greyscale PNG, all black (cheap to make and decode at any size), or with the IDAT given."""

    def chunk(kind: bytes, body: bytes) -> bytes:
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))

    if idat is None:
        idat = zlib.compress(b"\0" * ((width + 7) // 8 + 1) * height)
    ihdr = struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", idat) + chunk(b"IEND", b"")


def test_png_just_under_the_pixel_limit_is_accepted(tmp_path):
    logo = load_logo(write(tmp_path, "big.png", png_file(10_000, 5_000)))
    assert (logo.width, logo.height) == (10_000, 5_000)


def test_non_png_bytes_with_png_name_are_refused(tmp_path):
    with pytest.raises(AssetError, match=r"fake\.png: not a PNG file"):
        load_logo(write(tmp_path, "fake.png", LOGO_SVG))


def test_damaged_png_header_is_refused(tmp_path):
    data = bytearray(png_header(10, 10))
    data[20] ^= 0xFF  # change the height without fixing the CRC
    with pytest.raises(AssetError, match="checksum"):
        load_logo(write(tmp_path, "logo.png", bytes(data)))


def test_too_large_file_is_refused_without_reading_it(tmp_path):
    path = tmp_path / "huge.png"
    with open(path, "wb") as f:
        f.truncate(MAX_BYTES + 1)  # sparse: no 20 MB written
    with pytest.raises(AssetError, match=r"huge\.png: the logo is 20 MB, more than poster accepts"):
        load_logo(path)


def test_other_file_types_and_missing_files(tmp_path):
    with pytest.raises(AssetError, match=r"logo\.gif: a logo must be an \.svg or \.png file"):
        load_logo(write(tmp_path, "logo.gif", b"GIF89a"))
    with pytest.raises(AssetError, match=r"missing\.png: cannot read the logo"):
        load_logo(tmp_path / "missing.png")
