"""Render stage, rasterising an SVG with cairosvg, seeing poster's fonts only: an SVG logo for the PDF.

The poster's own PNG is drawn by PDFium from the PDF (poster.render.png); this
module draws the SVG logo the PDF embeds as an image (reportlab cannot draw
SVG), and the tests use it to check the SVG against a real renderer.

Nothing happens on import: `cairosvg_setup()`, called by `svg_to_png`, sets the
process up once. cairosvg asks cairo for a font by family name and cairo asks
fontconfig, which reads its configuration once, on first use - not when
cairocffi is imported (checked: importing cairosvg, then setting
FONTCONFIG_FILE, then drawing text still sees only the configured fonts; after
the first text is drawn a new FONTCONFIG_FILE is ignored and cairo keeps its
resolved faces cached). So:

1. FONTCONFIG_FILE points at fonts/fonts.conf (the shipped fonts, no system
   directories) before cairo draws its first text;
2. before every rasterisation the fonts fontconfig actually lists are read back
   through libfontconfig and anything outside poster's fonts (and the user's own
   font files, added as application fonts) is an error, never a silent fallback
   to a system font.

fonts.conf also maps the weight cairo asks for "normal" text (medium) to
regular: with FiraSans-Medium.ttf in fonts/ "Fira Sans" would otherwise be
drawn in Medium while the PDF embeds Regular.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import functools
import os
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from poster.content.model import Color
from poster.errors import AssetError, PosterError
from poster.fonts import fontconfig_file, fonts_dir


@functools.cache
def cairosvg_setup() -> Any:
    """Point fontconfig at poster's fonts, import cairosvg, set its glyph rendering; once per process.

    Returns the module cairosvg.surface. On the system cairo 1.16
    ANTIALIAS_BEST (what cairosvg uses for text-rendering="geometricPrecision",
    which the SVG renderer sets) garbles glyphs; GRAY draws them cleanly
    (checked on this cairo). That is cairosvg's own table, so it is set
    here, by the one function that draws with cairosvg, and not on import.
    """
    os.environ["FONTCONFIG_FILE"] = str(fontconfig_file())
    import cairocffi
    import cairosvg.surface
    import cairosvg.url

    cairosvg.surface.TEXT_ANTIALIAS["geometricPrecision"] = cairocffi.ANTIALIAS_GRAY
    return cairosvg.surface


def _opaque_surface(background: Color) -> Any:
    """cairosvg's PNG surface drawing into RGB24 (cairo then writes an RGB PNG, no alpha).

    The surface is painted with `background` before cairosvg draws: cairosvg's
    own background_color is clipped to the SVG viewport, which ends inside the
    last pixel row when the height is rounded up (A0 at 2000 px: 2827.6 of
    2828 rows), and an RGB24 surface starts out black.
    """
    import cairocffi

    base: Any = cairosvg_setup().PNGSurface

    class OpaquePNGSurface(base):
        def _create_surface(self, width, height):
            width, height = round(width), round(height)
            surface = cairocffi.ImageSurface(cairocffi.FORMAT_RGB24, width, height)
            context = cairocffi.Context(surface)
            context.set_source_rgb(*background.rgb01)
            context.paint()
            return surface, width, height

    return OpaquePNGSurface


def svg_to_png(svg: bytes, width_px: int, *, background: Color | None = None, font_files: Iterable[Path] = ()) -> bytes:
    """Rasterise `svg` at `width_px` (height by its aspect ratio, rounded).

    With `background` the PNG is opaque RGB on that colour; without, RGBA with
    the SVG's transparency kept (a logo drawn over the page).
    `font_files` are user TTFs outside fonts/ that the SVG's text may name.
    """
    import cairosvg.url

    surface_module = cairosvg_setup()
    isolate_fonts(font_files)
    surface: Any = _opaque_surface(background) if background is not None else surface_module.PNGSurface
    # safe_fetch resolves data: URIs only (the logo); anything else becomes an empty image.
    return surface.convert(bytestring=svg, output_width=width_px, url_fetcher=cairosvg.url.safe_fetch)


_added_fonts: set[Path] = set()  # user font files already given to fontconfig in this process


def isolate_fonts(font_files: Iterable[Path] = ()) -> None:
    """Make sure fontconfig offers poster's fonts (plus `font_files`) and nothing else."""
    fc = _fontconfig()
    if fc is None:
        return  # cairo built without fontconfig (Windows, macOS Quartz): nothing to restrict here
    allowed_dir = fonts_dir().resolve()
    extra = {Path(f).resolve() for f in font_files if not Path(f).resolve().is_relative_to(allowed_dir)}
    for path in sorted(extra - _added_fonts):
        if not fc.FcConfigAppFontAddFile(None, os.fsencode(path)):
            raise AssetError(f"{path}: fontconfig cannot load this font file; use a TrueType (.ttf) font")
        _added_fonts.add(path)
    foreign = [f for f in loaded_font_files() if not (f.is_relative_to(allowed_dir) or f in _added_fonts)]
    if foreign:
        raise PosterError(
            f"fontconfig was set up with other fonts ({foreign[0]}, ...) before poster could restrict it "
            "to its own; render in a fresh process (and do not draw text with cairo before poster does)"
        )


def loaded_font_files() -> list[Path]:
    """The font files fontconfig's current configuration offers (system and application sets)."""
    fc = _fontconfig()
    if fc is None:
        return []
    config = fc.FcConfigGetCurrent()  # initialises fontconfig from FONTCONFIG_FILE on first call
    files = []
    for which in (0, 1):  # FcSetSystem, FcSetApplication
        fontset = fc.FcConfigGetFonts(config, which)
        if not fontset:
            continue
        fs = ctypes.cast(fontset, ctypes.POINTER(_FcFontSet)).contents
        for i in range(fs.nfont):
            name = ctypes.c_char_p()
            if fc.FcPatternGetString(fs.fonts[i], b"file", 0, ctypes.byref(name)) == 0 and name.value:
                files.append(Path(os.fsdecode(name.value)).resolve())
    return files


class _FcFontSet(ctypes.Structure):
    _fields_ = [("nfont", ctypes.c_int), ("sfont", ctypes.c_int), ("fonts", ctypes.POINTER(ctypes.c_void_p))]


@functools.cache
def _fontconfig():
    """libfontconfig, the same copy cairo linked (the dynamic loader shares it by soname).

    The usual soname first: ctypes.util.find_library starts ldconfig (and gcc) to look.
    """
    try:
        fc = ctypes.CDLL("libfontconfig.so.1")
    except OSError:
        name = ctypes.util.find_library("fontconfig")
        if name is None:
            return None
        fc = ctypes.CDLL(name)
    fc.FcConfigGetCurrent.restype = ctypes.c_void_p
    fc.FcConfigGetFonts.restype = ctypes.c_void_p
    fc.FcConfigGetFonts.argtypes = [ctypes.c_void_p, ctypes.c_int]
    fc.FcPatternGetString.argtypes = [ctypes.c_void_p, ctypes.c_char_p, ctypes.c_int, ctypes.POINTER(ctypes.c_char_p)]
    fc.FcConfigAppFontAddFile.argtypes = [ctypes.c_void_p, ctypes.c_char_p]
    return fc
