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

import ctypes
import functools
import io
import struct
import zlib

from poster.layout.document import Document

THUMB_WIDTH_PX = 400
SUPERSAMPLE_PX = 1600  # narrower previews are drawn at (a multiple of their width of) at least this, then reduced
# Colours covering at least this share of the pixels are kept exactly (the
# theme's fills, the text colours); the rest of the palette is median cut.
KEEP_SHARE = 0.0005
# Mean absolute error per channel (of 255) above which the palette is refused.
FAITHFUL_MEAN_ERROR = 1.0


def preview_files(
    doc: Document, widths: tuple[int, ...], stem: str, thumb_width: int = THUMB_WIDTH_PX, pdf: bytes | None = None
) -> dict[str, bytes]:
    """{"<stem>-<w>.png": ..., "<stem>-thumb.png": ...}: one preview per width and a thumbnail.

    All are rasterised from one PDF: `pdf` (the PDF renderer's output for `doc`) or one drawn here.
    """
    from poster.render import pdf as pdf_renderer

    pdf = pdf or pdf_renderer.render(doc)
    files = {f"{stem}-{width}.png": raster(doc, width, pdf) for width in widths}
    files[f"{stem}-thumb.png"] = raster(doc, thumb_width, pdf)
    return files


def raster(doc: Document, width_px: int, pdf: bytes | None = None) -> bytes:
    """The poster as a PNG `width_px` wide (encoded by `encode_png`); small sizes drawn larger and scaled down.

    `pdf` is the PDF renderer's output for `doc` when the caller has it. Below
    a few pixels per letter glyph spacing goes uneven (words break apart in a
    400 px thumbnail); drawn at a multiple of the width and reduced by area
    averaging (a box filter: what supersampling means; Lanczos looks no
    sharper here and its ringing makes the file 1.6x larger) they read cleanly.
    """
    from PIL import Image

    from poster.render import pdf as pdf_renderer

    if pdf is None:
        pdf = pdf_renderer.render(doc)
    factor = min(-(-SUPERSAMPLE_PX // width_px), 4)
    if factor <= 1:
        image = picture(pdf, width_px, height_px(doc, width_px))
    else:
        big = picture(pdf, width_px * factor, height_px(doc, width_px * factor))
        image = big.resize((width_px, height_px(doc, width_px)), Image.Resampling.BOX)
    return encode_png(image, pixels_per_metre(doc, width_px))


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


def encode_png(image, ppm: int) -> bytes:
    """The one rule for every PNG poster writes: `image` (PIL, RGB) as PNG bytes with a pHYs of `ppm`.

    A palette PNG when `palette_image` finds a faithful one (the poster's flat
    colours exact, edge pixels approximated: 2.2x smaller than RGB), else RGB.
    Rows are written unfiltered and deflated at ZLIB_LEVEL: Pillow's encoder
    tries five filters per row, which took 0.15 s for a 2000 px poster where
    this takes 0.06 s (measured). Deterministic: the same image, the same bytes.
    """
    image = image if image.mode == "RGB" else image.convert("RGB")
    paletted = palette_image(image)
    if paletted is not None:
        return _png_file(paletted, ppm)
    return _png_file(image, ppm)


# zlib's level for every PNG: 1 is as small as 6 for these flat pictures, at half the time (measured).
ZLIB_LEVEL = 1


def _png_file(image, ppm: int) -> bytes:
    """PNG bytes of an RGB or P (palette) image: IHDR, PLTE (palette), pHYs, one IDAT of unfiltered rows, IEND."""
    width, height = image.size
    raw = image.tobytes()
    if image.mode == "P":
        used = max(i for i, count in enumerate(image.histogram()) if count) + 1
        head = [
            (b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 3, 0, 0, 0)),
            (b"PLTE", bytes(image.getpalette()[: 3 * used])),
        ]
        stride = width
    else:
        head = [(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0))]
        stride = 3 * width
    deflate = zlib.compressobj(ZLIB_LEVEL)
    idat = [deflate.compress(b"\0" + raw[at : at + stride]) for at in range(0, len(raw), stride)]  # filter 0: none
    idat.append(deflate.flush())
    chunks = [*head, (b"pHYs", struct.pack(">IIB", ppm, ppm, 1)), (b"IDAT", b"".join(idat)), (b"IEND", b"")]
    return _SIGNATURE + b"".join(_chunk(kind, body) for kind, body in chunks)


def compact(png: bytes) -> bytes:
    """`png` re-encoded by `encode_png` (a palette when faithful) if that is smaller; else `png` unchanged."""
    from PIL import Image

    with Image.open(io.BytesIO(png)) as img:
        img.load()
        if img.mode != "RGB":
            return png
        data = encode_png(img, resolution(png) or 0)
    if resolution(png) is None:
        data = _SIGNATURE + b"".join(_chunk(k, v) for k, v in _chunks(data) if k != b"pHYs")
    return data if len(data) < len(png) else png


def palette_image(img):
    """`img` (RGB) on a 256-colour palette whose entries for its main colours are those colours exactly; None
    when that palette would change the picture (mean error above FAITHFUL_MEAN_ERROR: a photo, say).

    An image of at most 256 colours gets them all, exactly. Otherwise Pillow's
    fast octree picks the palette (0.07 s at 2000 px, where median cut took
    0.3 s) and every entry that holds a main colour - one covering KEEP_SHARE
    of the pixels: the page, the fills, the text colours - is set to that
    colour exactly, so 93 % of the pixels are exact and only anti-aliased
    edges are approximated. No dithering: it would speckle the flat fills.
    """
    from PIL import Image

    few = img.getcolors(256) is not None  # then median cut gives each colour its own entry
    method = Image.Quantize.MEDIANCUT if few else Image.Quantize.FASTOCTREE
    q = img.quantize(256, method=method, dither=Image.Dither.NONE)
    n = img.width * img.height
    palette = q.getpalette()
    indices = q.tobytes()
    for index, count in enumerate(q.histogram()[:256]):
        if count and (few or count >= n * KEEP_SHARE):
            at = indices.find(bytes((index,)))
            palette[3 * index : 3 * index + 3] = img.getpixel((at % img.width, at // img.width))
    q.putpalette(palette)
    return q if _mean_error(img, q) <= FAITHFUL_MEAN_ERROR else None


def _mean_error(img, q) -> float:
    """The largest per-channel mean absolute difference between RGB `img` and palette `q`, in strips (less memory)."""
    from PIL import ImageChops, ImageStat

    totals = [0.0, 0.0, 0.0]
    for top in range(0, img.height, 256):
        box = (0, top, img.width, min(img.height, top + 256))
        diff = ImageChops.difference(img.crop(box), q.crop(box).convert("RGB"))
        for channel, total in enumerate(ImageStat.Stat(diff).sum):
            totals[channel] += total
    return max(totals) / (img.width * img.height)


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


# -- rasterising (used by poster.render.png too) ----------------------------------


def picture(pdf: bytes, width_px: int, height_px: int):
    """The first page of `pdf` as a PIL RGB image of exactly width_px x height_px (the page stretched to fill it).

    Drawn by PDFium through pypdfium2's raw API (its ctypes bindings): the
    bitmap helpers would cost a cold build 0.03 s more of imports for the six
    calls made here (measured).
    """
    from PIL import Image

    raw = _pdfium()
    stride = 3 * width_px
    pixels = bytearray(stride * height_px)  # ours: the image stays valid once PDFium's objects are closed
    document = raw.FPDF_LoadMemDocument64(pdf, len(pdf), None)  # `pdf` outlives the document
    if not document:
        raise ValueError(f"PDFium cannot read the PDF (error {raw.FPDF_GetLastError()})")
    try:
        page = raw.FPDF_LoadPage(document, 0)
        if not page:
            raise ValueError(f"PDFium cannot read the PDF's first page (error {raw.FPDF_GetLastError()})")
        try:
            buffer = (ctypes.c_ubyte * len(pixels)).from_buffer(pixels)
            bitmap = raw.FPDFBitmap_CreateEx(width_px, height_px, raw.FPDFBitmap_BGR, buffer, stride)
            if not bitmap:
                raise MemoryError(f"PDFium cannot make a {width_px} x {height_px} px bitmap")
            try:
                raw.FPDFBitmap_FillRect(bitmap, 0, 0, width_px, height_px, 0xFFFFFFFF)  # opaque white
                # The page (its background included) scaled to the whole bitmap: the
                # height was rounded from the aspect ratio, so the two scales differ by
                # less than half a pixel over the page. No annotations, no forms; RGB
                # byte order (FPDF_REVERSE_BYTE_ORDER), as PIL reads it.
                raw.FPDF_RenderPageBitmap(bitmap, page, 0, 0, width_px, height_px, 0, raw.FPDF_REVERSE_BYTE_ORDER)
            finally:
                raw.FPDFBitmap_Destroy(bitmap)
        finally:
            raw.FPDF_ClosePage(page)
    finally:
        raw.FPDF_CloseDocument(document)
    return Image.frombuffer("RGB", (width_px, height_px), pixels, "raw", "RGB", stride, 1)


@functools.cache
def _pdfium():
    """pypdfium2's raw bindings with PDFium initialised, once per process (pypdfium2's helpers, when
    imported too, initialise it again: PDFium ignores that)."""
    try:
        # What pypdfium2.raw re-exports, without importing pypdfium2's helpers.
        import pypdfium2_raw as raw  # type: ignore[import-untyped]
    except ImportError:  # a pypdfium2 that ships it elsewhere
        import pypdfium2.raw as raw

    config = raw.FPDF_LIBRARY_CONFIG(version=2, m_pUserFontPaths=None, m_pIsolate=None, m_v8EmbedderSlot=0)
    raw.FPDF_InitLibraryWithConfig(config)
    return raw


def height_px(doc: Document, width_px: int) -> int:
    """The PNG's height: the page's aspect ratio at `width_px`, rounded."""
    return max(1, round(width_px * doc.height_mm / doc.width_mm))
