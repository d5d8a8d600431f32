"""reportlab's parsed TrueType faces kept in poster's cache folder, so a cold build does not parse them again.

reportlab reads a TTF's tables (cmap, hmtx, loca, ...) value by value in
Python: registering the example's four faces took ~0.1 s of every cold build,
an eighth of it (measured). What the parse leaves on the face object -
numbers, names, the character and glyph tables - is stored with `marshal`
(plain values only: nothing in it is executed) in poster's cache folder
(poster.cache), named after the font file's path, size and modification time
and the versions of reportlab and poster, and checked by its SHA-256 before
use. The font file's bytes are read again (the PDF embeds subsets of them).

The outline of a glyph drawn as a shape (the quote's opening mark, drawn
by fontTools) is kept the same way (`glyph_outline`): fontTools reads the
font's glyph names and glyph table to draw one glyph, ~0.07 s of imports and
parsing a cold build then does without.

Only an accelerator: a face with anything but plain values on it, a missing,
stale or damaged file, a cache folder that cannot be written - reportlab
parses the font as it always did.
"""

from __future__ import annotations

import functools
import hashlib
import marshal
from pathlib import Path
from typing import Any

from poster import __version__, cache

_PLAIN = (int, float, str, bytes, list, tuple, dict, bool, type(None))
_NOT_STORED = ("_ttf_data", "_pdfScale")  # the file's bytes (read again) and a function (made again)


def ttfont(name: str, path: Path) -> Any:
    """reportlab's TTFont(name, path), its face restored from the cache when it is there (else parsed and stored)."""
    from reportlab.pdfbase.ttfonts import TTFont

    key = _cache_name(path)
    face = _load(key, path) if key else None
    if face is None:
        font = TTFont(name, str(path))
        if key:
            _store(key, font.face)
        return font
    font = TTFont.__new__(TTFont)
    # What TTFont.__init__ does besides parsing (reportlab's version is part of the cache file's name).
    font.fontName = name
    font.face = face
    font.encoding = _ttfonts().TTEncoding()
    from weakref import WeakKeyDictionary

    font.state = WeakKeyDictionary()
    from reportlab import rl_config

    font._asciiReadable = rl_config.ttfAsciiReadable
    font.shapable = not any(_fnmatch(name, glob) for glob in _ttfonts().unShapedFontGlob)
    return font


def _ttfonts():
    from reportlab.pdfbase import ttfonts

    return ttfonts


def _fnmatch(name: str, pattern: str) -> bool:
    from fnmatch import fnmatch

    return fnmatch(name, pattern)


def _cache_name(path: Path, kind: str = "ttf") -> str | None:
    import reportlab

    try:
        st = path.stat()
    except OSError:
        return None
    ident = f"{path.resolve()}\0{st.st_size}\0{st.st_mtime_ns}\0{reportlab.Version}\0{__version__}".encode()
    return f"{kind}-{path.stem[:40]}-{hashlib.sha256(ident).hexdigest()[:24]}.marshal"


def _load(name: str, path: Path) -> Any:
    stored = cache.read(name)
    if stored is None or len(stored) <= 32 or hashlib.sha256(stored[32:]).digest() != stored[:32]:
        return None
    try:
        state = marshal.loads(stored[32:])
        data = path.read_bytes()
    except (ValueError, EOFError, TypeError, OSError):
        return None
    if not isinstance(state, dict) or not isinstance(state.get("__names__"), dict):
        return None
    ttfonts = _ttfonts()
    face = ttfonts.TTFontFace.__new__(ttfonts.TTFontFace)
    names = state.pop("__names__")
    for attr, value in state.items():
        setattr(face, attr, value)
    for attr, (raw, text) in names.items():
        named = bytes.__new__(ttfonts.TTFNameBytes, raw)
        named.ustr = text
        setattr(face, attr, named)
    face._ttf_data = data
    face._pdfScale = _pdf_scale(face.unitsPerEm)
    return face


def _pdf_scale(units_per_em: int):
    """The scale TTFontFile.extractInfo sets: font units to 1/1000 em."""
    if units_per_em == 1000:
        return lambda x: x
    mult = 1000 / units_per_em
    return lambda x: x * mult


def _store(name: str, face: Any) -> None:
    ttfonts = _ttfonts()
    state: dict[str, Any] = {}
    names: dict[str, tuple[bytes, str]] = {}
    for attr, value in vars(face).items():
        if attr in _NOT_STORED:
            continue
        if type(value) is ttfonts.TTFNameBytes:
            names[attr] = (bytes(value), value.ustr)
        elif type(value) in _PLAIN:
            state[attr] = value
        else:
            return  # something this cache does not know how to keep: parse every time
    state["__names__"] = names
    try:
        payload = marshal.dumps(state)
    except ValueError:  # a value inside a list or dict that marshal cannot write
        return
    cache.write(name, hashlib.sha256(payload).digest() + payload)


@functools.cache
def glyph_outline(path: Path, char: str) -> tuple[Any, tuple[float, float, float, float], int]:
    """One glyph as fontTools draws it: (its RecordingPen value, its ink bounds, the font's units per em).

    From the cache folder when it is there (named after the font file and
    fontTools' version, SHA-256 checked), else drawn by fontTools and stored.
    """
    key = _cache_name(path, f"glyph-{ord(char):x}-{_fonttools_stamp()}")
    if key:
        stored = cache.read(key)
        if stored is not None and len(stored) > 32 and hashlib.sha256(stored[32:]).digest() == stored[:32]:
            try:
                outline, bounds, units = marshal.loads(stored[32:])
                return outline, tuple(bounds), int(units)
            except (ValueError, EOFError, TypeError):
                pass
    outline, bounds, units = _draw_glyph(path, char)
    if key:
        try:
            payload = marshal.dumps((outline, bounds, units))
        except ValueError:
            return outline, bounds, units
        cache.write(key, hashlib.sha256(payload).digest() + payload)
    return outline, bounds, units


def _draw_glyph(path: Path, char: str) -> tuple[Any, tuple[float, float, float, float], int]:
    from fontTools.pens.boundsPen import BoundsPen
    from fontTools.pens.recordingPen import RecordingPen
    from fontTools.ttLib import TTFont

    with TTFont(path, lazy=True) as font:
        glyphs = font.getGlyphSet()
        glyph = glyphs[font.getBestCmap()[ord(char)]]
        pen, bounds = RecordingPen(), BoundsPen(glyphs)
        glyph.draw(pen)
        glyph.draw(bounds)
        outline = tuple((op, tuple(args)) for op, args in pen.value)
        return outline, tuple(bounds.bounds), font["head"].unitsPerEm


def _fonttools_stamp() -> str:
    """A short digest of fontTools' version (its __init__.py, read without importing it)."""
    import importlib.util

    spec = importlib.util.find_spec("fontTools")
    try:
        data = Path(spec.origin).read_bytes() if spec is not None and spec.origin else b""
    except OSError:
        data = b""
    return hashlib.sha256(data).hexdigest()[:12]
