"""Render stage, PNG previews: the poster at several widths plus a thumbnail, each with its resolution, compressed well.

A preview is the PNG renderer's output made smaller without visible change:
an 8-bit palette instead of RGB when that stays faithful, else the RGB file as
it was. The poster is flat colour plus anti-aliased edges (about 5,000 colours
at 1600 px, 93% of the pixels in some 30 of them), so a palette that keeps the
most used colours exactly and approximates only the edge pixels is 2.5 times
smaller than RGB (measured on the example: 1600 px 482 kB RGB, 188 kB palette;
mean error 0.13 of 255). A palette that would change the picture more (a photo
in a logo, say) is refused by `FAITHFUL_MEAN_ERROR` and the RGB file is kept.

Every PNG carries a pHYs chunk: its pixels per metre on the printed page, so
an image viewer or word processor shows it at the poster's real size.
"""

from __future__ import annotations

import io
import struct
import zlib

from poster.layout.document import Document
from poster.render import RenderOptions

THUMB_WIDTH_PX = 400
SUPERSAMPLE_PX = 1600  # narrower previews are drawn at (a multiple of their width of) at least this, then reduced
# Colours covering at least this share of the pixels are kept exactly (the
# theme's fills, the text colours); the rest of the palette is median cut.
KEEP_SHARE = 0.0005
KEEP_MAX = 96
# Mean absolute error per channel (of 255) above which the palette is refused.
FAITHFUL_MEAN_ERROR = 1.0


def preview_files(
    doc: Document, widths: tuple[int, ...], stem: str, thumb_width: int = THUMB_WIDTH_PX
) -> dict[str, bytes]:
    """{"<stem>-<w>.png": ..., "<stem>-thumb.png": ...}: one preview per width and a thumbnail."""
    files = {f"{stem}-{width}.png": compact(raster(doc, width)) for width in widths}
    files[f"{stem}-thumb.png"] = compact(raster(doc, thumb_width))
    return files


def raster(doc: Document, width_px: int) -> bytes:
    """The poster as an RGB PNG `width_px` wide; small sizes drawn larger and scaled down.

    cairo places unhinted glyphs at whole pixels, so below a few pixels per
    letter the spacing goes uneven (words break apart in a 400 px thumbnail);
    drawn at a multiple of the width and reduced by area averaging (a box filter: what
    supersampling means; Lanczos looks no sharper here and its ringing makes the file 1.6x larger) they
    read cleanly.
    """
    from PIL import Image

    from poster.render import render
    from poster.render.png import height_px

    factor = min(-(-SUPERSAMPLE_PX // width_px), 4)
    if factor <= 1:
        return render(doc, "png", RenderOptions(png_width_px=width_px))
    big = render(doc, "png", RenderOptions(png_width_px=width_px * factor))
    with Image.open(io.BytesIO(big)) as img:
        small = img.convert("RGB").resize((width_px, height_px(doc, width_px)), Image.Resampling.BOX)
    out = io.BytesIO()
    small.save(out, "PNG", compress_level=9)
    return with_resolution(out.getvalue(), pixels_per_metre(doc, width_px))


def pixels_per_metre(doc: Document, width_px: int) -> int:
    """The resolution of a PNG `width_px` wide of the whole sheet, as pHYs stores it."""
    return round(width_px / doc.width_mm * 1000)


def with_resolution(png: bytes, ppm: int) -> bytes:
    """`png` with a pHYs chunk of `ppm` pixels per metre (replacing one it had), pixels untouched."""
    chunks = [c for c in _chunks(png) if c[0] != b"pHYs"]
    phys = (b"pHYs", struct.pack(">IIB", ppm, ppm, 1))  # unit 1: metre
    chunks.insert(1, phys)  # right after IHDR: the spec wants it before IDAT
    return _SIGNATURE + b"".join(_chunk(kind, body) for kind, body in chunks)


def resolution(png: bytes) -> int | None:
    """Pixels per metre from the pHYs chunk (x and y are equal here), or None."""
    for kind, body in _chunks(png):
        if kind == b"pHYs":
            x, y, unit = struct.unpack(">IIB", body)
            return x if unit == 1 and x == y else None
    return None


def compact(png: bytes) -> bytes:
    """The same picture as a palette PNG when that is faithful and smaller; else `png` unchanged.

    The pHYs chunk is carried over. Deterministic: the same input gives the same bytes.
    """
    from PIL import Image, ImageChops, ImageStat

    with Image.open(io.BytesIO(png)) as img:
        img.load()
        if img.mode != "RGB":
            return png
        paletted = _palette_image(img)
        if paletted is None:
            return png
        diff = ImageChops.difference(img, paletted.convert("RGB"))
        if max(ImageStat.Stat(diff).mean) > FAITHFUL_MEAN_ERROR:
            return png
    out = io.BytesIO()
    paletted.save(out, "PNG", compress_level=9)
    ppm = resolution(png)
    data = with_resolution(out.getvalue(), ppm) if ppm else out.getvalue()
    return data if len(data) < len(png) else png


def _palette_image(img):
    """`img` on a 256-colour median-cut palette whose entries for its main colours are those colours exactly.

    Pillow's median cut maps a flat fill to the average of its box, a shade or
    two off (white became 252); each main colour's entry is set back to the
    colour itself. Pillow's quantize-to-a-given-palette is no way round this:
    its lookup works on a coarse colour cache and misses by as much.
    """
    from PIL import Image

    n = img.width * img.height
    few = img.getcolors(256)
    counted = few if few is not None else img.getcolors(n)
    main = [
        c
        for count, c in sorted(counted, key=lambda cc: (-cc[0], cc[1]))[:KEEP_MAX]
        if few is not None or count >= n * KEEP_SHARE
    ]
    # No dithering: it would speckle the flat fills.
    q = img.quantize(256, method=Image.Quantize.MEDIANCUT, dither=Image.Dither.NONE)
    palette = q.getpalette()
    raw = img.tobytes()
    fixed: set[int] = set()
    for colour in main:
        offset = _find_pixel(raw, bytes(colour))
        index = q.getpixel((offset % img.width, offset // img.width))
        if index not in fixed:  # two main colours in one entry: the second stays approximate
            fixed.add(index)
            palette[3 * index : 3 * index + 3] = colour
    q.putpalette(palette)
    return q


def _find_pixel(raw: bytes, rgb: bytes) -> int:
    """The index of the first pixel of colour `rgb` in packed RGB bytes (it must occur)."""
    at = raw.find(rgb)
    while at % 3:
        at = raw.find(rgb, at + 1)
    return at // 3


_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def _chunks(png: bytes) -> list[tuple[bytes, bytes]]:
    if png[:8] != _SIGNATURE:
        raise ValueError("not a PNG file")
    out, pos = [], 8
    while pos < len(png):
        length, kind = struct.unpack(">I4s", png[pos : pos + 8])
        out.append((kind, png[pos + 8 : pos + 8 + length]))
        pos += 12 + length
    return out


def _chunk(kind: bytes, body: bytes) -> bytes:
    return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body) & 0xFFFFFFFF)
