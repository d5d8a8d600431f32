"""Content assets: load the logo safely (a sanitised SVG or a size-checked PNG) for layout and renderers.

A logo comes from the user's content folder and ends up inside the SVG, the PDF
and the PNG, so it is treated as hostile: an SVG is parsed without DTDs or
entities and rebuilt from an allow-list of drawing elements, with every
reference that could leave the document (script, event handlers, external
hrefs, CSS @import and url()) removed; a PNG's size is read from its header so a
decompression bomb is refused before anything decodes it, and then the PNG is
decoded once (Pillow) so damaged image data is refused here, with the file's
name, instead of failing inside reportlab or cairo.

An SVG logo may embed raster images as data: URIs on <image> elements, PNG or
JPEG (design tools embed both). Each is decoded from base64 and held to the
same rules as a PNG logo: at most MAX_PIXELS (all embedded images together),
decodable in full (a JPEG's size is read from its frame header before Pillow
decodes it). A JPEG whose bytes contain "<svg" is refused: cairosvg sniffs
embedded images by content and would parse it as an (unsanitised) SVG. Only
<image> may carry a data: URI; on <use> or a gradient cairosvg would read it
as an SVG document, so it is dropped there.

What still fails while a renderer draws the logo becomes an AssetError naming
the file (`drawing_failed`, with the Image item's `source`).
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import io
import re
import struct
import zlib
from collections import OrderedDict
from dataclasses import dataclass, field
from pathlib import Path
from xml.etree import ElementTree as ET

from poster.errors import AssetError
from poster.files import read_at_most

MAX_BYTES = 20 * 1024 * 1024
MAX_PIXELS = 50_000_000
# Nodes an SVG may expand to through <use> (a "billion laughs" made of <use>
# elements would otherwise stall the rasteriser). A detailed logo has thousands.
MAX_EXPANDED_NODES = 200_000

SVG_NS = "http://www.w3.org/2000/svg"
XLINK_NS = "http://www.w3.org/1999/xlink"
XML_NS = "http://www.w3.org/XML/1998/namespace"
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"

# Drawing elements only: no script, foreignObject, animation (<set> can rewrite
# an href), <a> (unwrapped to <g>), metadata or other namespaces.
_ELEMENTS = frozenset(
    "svg g defs symbol use title desc style switch path rect circle ellipse line polyline polygon "
    "text tspan textPath linearGradient radialGradient stop pattern clipPath mask marker image "
    "filter feBlend feColorMatrix feComponentTransfer feComposite feConvolveMatrix feDiffuseLighting "
    "feDisplacementMap feDistantLight feFlood feFuncA feFuncB feFuncG feFuncR feGaussianBlur feImage "
    "feMerge feMergeNode feMorphology feOffset fePointLight feSpecularLighting feSpotLight feTile "
    "feTurbulence".split()
)
_HREFS = ("href", f"{{{XLINK_NS}}}href")
_SAFE_DATA_URI = re.compile(r"data:image/(png|jpeg);base64,([A-Za-z0-9+/=\s]*)", re.ASCII)
_CSS_URL = re.compile(r"url\(\s*(['\"]?)(.*?)\1\s*\)", re.IGNORECASE | re.DOTALL)
_CSS_IMPORT = re.compile(r"@import[^;]*(;|$)", re.IGNORECASE)
_LENGTH = re.compile(r"\s*([0-9]*\.?[0-9]+(?:[eE][-+]?[0-9]+)?)\s*(px|pt|pc|mm|cm|in)?\s*")
_PX_PER_UNIT = {None: 1.0, "px": 1.0, "pt": 4 / 3, "pc": 16.0, "mm": 96 / 25.4, "cm": 96 / 2.54, "in": 96.0}

ET.register_namespace("", SVG_NS)
ET.register_namespace("xlink", XLINK_NS)


@dataclass(frozen=True)
class Logo:
    """A logo ready to embed: `width` x `height` are its intrinsic size (SVG user units or PNG pixels)."""

    data: bytes
    mime: str  # "image/svg+xml" or "image/png"
    width: float
    height: float
    source: Path | None = field(default=None, compare=False)

    @property
    def aspect(self) -> float:
        """Width over height, for layout to keep the logo's proportions."""
        return self.width / self.height


def load_logo(path: Path) -> Logo:
    """Read, check and (for SVG) sanitise a logo file; AssetError naming the file and the fix otherwise."""
    path = Path(path)
    kind = path.suffix.lower()
    if kind not in (".svg", ".png"):
        raise AssetError(f"{path}: a logo must be an .svg or .png file, not {kind or 'a file without extension'}")
    try:
        data, size = read_at_most(path, MAX_BYTES)
    except OSError as exc:
        raise AssetError(f"{path}: cannot read the logo ({exc.strerror or exc})") from exc
    if data is None:
        raise AssetError(
            f"{path}: the logo is {size / 2**20:.0f} MB, more than poster accepts "
            f"({MAX_BYTES // 2**20} MB); export it smaller (a logo needs at most a few hundred kB)"
        )
    if kind == ".png":
        width, height = check_png(data, path)
        return Logo(data, "image/png", width, height, path)
    clean = sanitize_svg(data, path)
    svg_width, svg_height = svg_size(clean, path)
    return Logo(clean, "image/svg+xml", svg_width, svg_height, path)


def drawing_failed(source: str, exc: BaseException) -> AssetError:
    """The error for a logo (read from `source`) that passed its checks but could not be drawn."""
    where = f"{source}: " if source else ""
    return AssetError(
        f"{where}cannot draw the logo ({type(exc).__name__}: {exc}); "
        "export it again as PNG or as plain SVG (e.g. Inkscape 'Plain SVG')"
    )


def check_png(data: bytes, source: object) -> tuple[int, int]:
    """png_size, then every chunk's checksum and a full decode; AssetError naming `source` and the fix otherwise."""
    width, height = png_size(data, source)
    _check_png_chunks(data, source)
    _check_decodes(data, "PNG", source)
    return width, height


def _jpeg_size(data: bytes, source: object) -> tuple[int, int]:
    """A JPEG's size from its frame header (nothing decoded yet), refused above MAX_PIXELS."""
    if not data.startswith(b"\xff\xd8"):
        raise AssetError(f"{source}: not a JPEG image (it does not start like one); export the logo again")
    if b"<svg" in data:
        raise AssetError(
            f"{source}: the JPEG holds the text '<svg' (the rasteriser would read it as SVG); "
            "export the logo again, or embed the image as PNG"
        )
    from PIL import JpegImagePlugin

    try:
        # Pillow's JPEG reader parses the markers up to the frame header and decodes nothing; made directly (not
        # through Image.open) it skips Pillow's own size limit, so the claim is judged by MAX_PIXELS below.
        with JpegImagePlugin.JpegImageFile(io.BytesIO(data)) as im:
            width, height = im.size
    except Exception:  # noqa: BLE001 - Pillow's parser fails in several ways on damaged bytes
        width = height = 0
    if width == 0 or height == 0:
        raise AssetError(f"{source}: damaged JPEG (no frame header with its size); export the logo again")
    _check_pixels(width, height, "JPEG", source)
    return width, height


def _check_pixels(width: int, height: int, kind: str, source: object) -> None:
    if width * height > MAX_PIXELS:
        raise AssetError(
            f"{source}: the {kind} claims {width} x {height} pixels ({width * height / 1e6:.0f} megapixels), more than "
            f"poster accepts ({MAX_PIXELS // 1_000_000}); scale it down (3000 px on the long side is plenty) or use an SVG"
        )


def _check_png_chunks(data: bytes, source: object) -> None:
    """Every chunk up to IEND complete and with a correct CRC (libpng, which cairo uses, refuses a wrong one)."""
    pos = len(PNG_SIGNATURE)
    while True:
        if pos + 12 > len(data):
            raise AssetError(f"{source}: damaged PNG (the file ends before its IEND chunk); export the logo again")
        length, kind = struct.unpack(">I4s", data[pos : pos + 8])
        end = pos + 8 + length
        if end + 4 > len(data):
            raise AssetError(f"{source}: damaged PNG (the file ends inside a chunk); export the logo again")
        if zlib.crc32(data[pos + 4 : end]) != struct.unpack(">I", data[end : end + 4])[0]:
            name = kind.decode("latin-1")
            raise AssetError(
                f"{source}: damaged PNG (the checksum of its {name!r} chunk is wrong); export the logo again"
            )
        if kind == b"IEND":
            return
        pos = end + 4


# Decoding a large logo takes a while and `poster watch` reads the logo on every
# rebuild: the images that decoded are remembered by their SHA-256.
_DECODED: OrderedDict[bytes, None] = OrderedDict()


def _check_decodes(data: bytes, kind: str, source: object) -> None:
    """Decode the whole image once with Pillow (after its size was checked); AssetError if that fails."""
    from PIL import Image

    key = hashlib.sha256(kind.encode() + data).digest()
    if key in _DECODED:
        return
    try:
        with Image.open(io.BytesIO(data), formats=[kind]) as im:
            _check_pixels(im.width, im.height, kind, source)
            im.load()
    except AssetError:
        raise
    except Exception as exc:
        raise AssetError(
            f"{source}: damaged {kind}: its image data cannot be decoded ({type(exc).__name__}: {exc}); "
            "export the logo again"
        ) from exc
    _DECODED[key] = None
    while len(_DECODED) > 16:
        _DECODED.popitem(last=False)


def png_size(data: bytes, source: object) -> tuple[int, int]:
    """Width and height from the IHDR chunk, refusing non-PNG bytes and decompression bombs."""
    if not data.startswith(PNG_SIGNATURE):
        raise AssetError(
            f"{source}: not a PNG file (it does not start with the PNG signature); export the logo as PNG or SVG"
        )
    if len(data) < 33 or data[12:16] != b"IHDR" or struct.unpack(">I", data[8:12])[0] != 13:
        raise AssetError(f"{source}: damaged PNG (no valid IHDR header); export the logo again")
    if zlib.crc32(data[12:29]) != struct.unpack(">I", data[29:33])[0]:
        raise AssetError(f"{source}: damaged PNG (the IHDR checksum is wrong); export the logo again")
    width, height = struct.unpack(">II", data[16:24])
    if width == 0 or height == 0:
        raise AssetError(f"{source}: damaged PNG (it claims {width} x {height} pixels); export the logo again")
    _check_pixels(width, height, "PNG", source)
    return width, height


def sanitize_svg(data: bytes, source: object) -> bytes:
    """The SVG rebuilt from safe parts only, with a viewBox; AssetError if it cannot be parsed safely."""
    if len(data) > MAX_BYTES:
        raise AssetError(f"{source}: the SVG is larger than {MAX_BYTES // 2**20} MB; simplify or export it smaller")
    root = _parse(data, source)
    _clean_element(root)
    _check_embedded_images(root, source)
    _check_expansion(root, source)
    _ensure_viewbox(root, source)
    return ET.tostring(root, encoding="utf-8")


def svg_size(data: bytes, source: object) -> tuple[float, float]:
    """The width and height of a sanitised SVG's viewBox."""
    box = _viewbox(_parse(data, source).get("viewBox"))
    if box is None:
        raise AssetError(f"{source}: the SVG has no valid viewBox")
    return box[2], box[3]


def _parse(data: bytes, source: object) -> ET.Element:
    import defusedxml.ElementTree as SafeET
    from defusedxml import DefusedXmlException

    try:
        root = SafeET.fromstring(data, forbid_dtd=True, forbid_entities=True, forbid_external=True)
    except DefusedXmlException as exc:
        raise AssetError(
            f"{source}: the SVG declares a DTD or entities, which poster refuses for safety "
            f"({type(exc).__name__}); save it again as plain SVG (e.g. Inkscape 'Plain SVG')"
        ) from exc
    except ET.ParseError as exc:
        raise AssetError(f"{source}: not a well-formed SVG file ({exc}); export the logo again") from exc
    if root.tag == "svg":  # no xmlns: read the whole file as SVG
        for el in root.iter():
            if isinstance(el.tag, str) and not el.tag.startswith("{"):
                el.tag = f"{{{SVG_NS}}}{el.tag}"
    if root.tag != f"{{{SVG_NS}}}svg":
        raise AssetError(f"{source}: not an SVG file (the root element is {root.tag!r}, not <svg>)")
    return root


def _clean_element(el: ET.Element) -> None:
    """Drop unsafe children and attributes of `el`, recursively."""
    for child in list(el):
        local = _svg_local(child)
        if local == "a":  # a link: keep what it draws, not where it leads
            child.tag = f"{{{SVG_NS}}}g"
        elif local not in _ELEMENTS:
            _remove_keeping_tail(el, child)
            continue
        _clean_element(child)
    for name, value in list(el.attrib.items()):
        cleaned = _clean_attribute(name, value)
        if cleaned is None:
            del el.attrib[name]
        elif cleaned != value:
            el.set(name, cleaned)
    if _svg_local(el) == "style":
        css = _clean_css(el.text or "") if el.get("type", "text/css") == "text/css" else None
        el.text = css or ""
        el[:] = []


def _svg_local(el: ET.Element) -> str | None:
    tag = el.tag if isinstance(el.tag, str) else ""  # comments and processing instructions
    prefix = f"{{{SVG_NS}}}"
    return tag[len(prefix) :] if tag.startswith(prefix) else None


def _remove_keeping_tail(parent: ET.Element, child: ET.Element) -> None:
    """Remove `child` but keep the text after it (it belongs to the parent's text content)."""
    if child.tail:
        index = list(parent).index(child)
        if index > 0:
            prev = parent[index - 1]
            prev.tail = (prev.tail or "") + child.tail
        else:
            parent.text = (parent.text or "") + child.tail
    parent.remove(child)


def _clean_attribute(name: str, value: str) -> str | None:
    """The attribute's safe value, or None to drop it."""
    ns, _, local = name[1:].partition("}") if name.startswith("{") else ("", "", name)
    if local.lower().startswith("on"):
        return None  # event handler
    if ns not in ("", XLINK_NS, XML_NS) or (ns == XML_NS and local == "base"):
        return None  # editor metadata, or xml:base (re-targets relative references)
    if name in _HREFS:
        href = value.strip()
        return href if _is_fragment(href) or _SAFE_DATA_URI.fullmatch(href) else None
    if local == "style":
        return _clean_css(value)
    return value if _only_fragment_urls(value) else None  # fill="url(http://...)" and the like


def _is_fragment(ref: str) -> bool:
    return bool(re.fullmatch(r"#[^\s'\"()\\]+", ref.strip()))


def _clean_css(css: str) -> str | None:
    """CSS without @import and without url() to anything but '#fragment'; None when not safe to keep."""
    if "\\" in css or "<" in css:
        return None  # escapes could spell @import or url( in disguise; logo tools never write them
    css = _CSS_IMPORT.sub("", css)
    css = _CSS_URL.sub(lambda m: m.group(0) if _is_fragment(m.group(2)) else "none", css)
    if "@import" in css.lower() or not _only_fragment_urls(css):
        return None  # something the patterns above did not understand (e.g. an unclosed url)
    return css


def _only_fragment_urls(text: str) -> bool:
    """Every url( in `text` is a complete url(#fragment) (CSS accepts an unclosed url( at the end)."""
    opened = len(re.findall(r"url\(", text, re.IGNORECASE))
    return opened == sum(1 for m in _CSS_URL.finditer(text) if _is_fragment(m.group(2)))


def _check_embedded_images(root: ET.Element, source: object) -> None:
    """Decode every data: image the SVG kept and hold it to the PNG logo's rules; only <image> may embed one."""
    images: list[tuple[str, bytes, str]] = []  # (kind, bytes, where)
    for el in root.iter():
        for name in _HREFS:
            value = el.get(name, "")
            match = _SAFE_DATA_URI.fullmatch(value.strip()) if value.startswith("data:") else None
            if match is None:
                continue
            if _svg_local(el) != "image":
                del el.attrib[name]  # cairosvg would read a data: image on <use> or a gradient as SVG
                continue
            kind = match.group(1).upper()
            where = f"{source}: the {kind} embedded in the SVG (data: image {len(images) + 1})"
            try:
                raw = base64.b64decode("".join(match.group(2).split()), validate=True)
            except (binascii.Error, ValueError) as exc:
                raise AssetError(f"{where} is not valid base64 ({exc}); export the logo again") from exc
            images.append((kind, raw, where))
    # Sizes from the headers first, so many large images are refused before any is decoded.
    sizes = [png_size(raw, where) if kind == "PNG" else _jpeg_size(raw, where) for kind, raw, where in images]
    pixels = sum(w * h for w, h in sizes)
    if pixels > MAX_PIXELS:
        raise AssetError(
            f"{source}: the images embedded in the SVG hold {pixels / 1e6:.0f} megapixels together, more than "
            f"poster accepts ({MAX_PIXELS // 1_000_000}); embed smaller images or export the logo as PNG"
        )
    for kind, raw, where in images:
        if kind == "PNG":
            _check_png_chunks(raw, where)
        _check_decodes(raw, kind, where)


def _check_expansion(root: ET.Element, source: object) -> None:
    """Refuse an SVG whose <use> references expand to more than MAX_EXPANDED_NODES nodes, or loop."""
    by_id = {el.get("id"): el for el in root.iter() if el.get("id")}
    sizes: dict[int, int] = {}
    visiting: set[int] = set()

    def size(el: ET.Element) -> int:
        key = id(el)
        if key in sizes:
            return sizes[key]
        if key in visiting:
            raise AssetError(f"{source}: the SVG's <use> elements refer to each other in a loop; export the logo again")
        visiting.add(key)
        total = 1 + sum(size(child) for child in el)
        if _svg_local(el) == "use":
            href = next((el.get(h, "") for h in _HREFS if el.get(h)), "")
            target = by_id.get(href[1:]) if href.startswith("#") else None
            total += size(target) if target is not None else 0
        visiting.discard(key)
        sizes[key] = min(total, MAX_EXPANDED_NODES + 1)
        return sizes[key]

    if size(root) > MAX_EXPANDED_NODES:
        raise AssetError(
            f"{source}: the SVG expands to more than {MAX_EXPANDED_NODES} elements through <use> references; "
            "simplify the logo (or flatten it in the drawing program)"
        )


def _ensure_viewbox(root: ET.Element, source: object) -> None:
    """Give the root a viewBox (from width/height when missing) and width/height equal to it."""
    # The renderers fit the logo into its box themselves (the <image>'s own
    # preserveAspectRatio, or the PDF's fit); the root's would fight that.
    root.attrib.pop("preserveAspectRatio", None)
    box = _viewbox(root.get("viewBox"))
    if box is None:
        w, h = _length_px(root.get("width")), _length_px(root.get("height"))
        if w is None or h is None:
            raise AssetError(
                f"{source}: the SVG has neither a viewBox nor a width and height in absolute units; "
                'add viewBox="0 0 WIDTH HEIGHT" to its <svg> element'
            )
        box = (0.0, 0.0, w, h)
        root.set("viewBox", " ".join(_fmt(v) for v in box))
    root.set("width", _fmt(box[2]))
    root.set("height", _fmt(box[3]))


def _viewbox(value: str | None) -> tuple[float, float, float, float] | None:
    if not value:
        return None
    try:
        parts = tuple(float(p) for p in re.split(r"[\s,]+", value.strip()))
    except ValueError:
        return None
    if len(parts) != 4 or parts[2] <= 0 or parts[3] <= 0 or not all(abs(p) < 1e9 for p in parts):
        return None
    return parts[0], parts[1], parts[2], parts[3]


def _length_px(value: str | None) -> float | None:
    m = _LENGTH.fullmatch(value or "")
    if not m:
        return None
    px = float(m.group(1)) * _PX_PER_UNIT[m.group(2)]
    return px if 0 < px < 1e9 else None


def _fmt(value: float) -> str:
    return f"{value:.6f}".rstrip("0").rstrip(".")
