"""Caches the speed work added: pyphen's parsed patterns on disk give the very same hyphenation, and never break it."""

from __future__ import annotations

import pyphen
import pytest

from poster.layout import hyphcache

WORDS = (
    "gegevensbeschermingseffectbeoordeling",
    "informatiebeveiligingsbeleid",
    "datagedreven",
    "routekaart",
    "organisatiebreed",
    "ketenpartners",
    "stappenplan",
    "verwerkingsregister",
)


@pytest.fixture
def cache(tmp_path, monkeypatch):
    monkeypatch.setenv("POSTER_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setattr(pyphen, "hdcache", {})
    return tmp_path / "cache"


def fresh(code: str = "nl_NL") -> pyphen.Pyphen:
    pyphen.hdcache.clear()
    return hyphcache.pyphen_dictionary(code, 2, 3)


def test_the_cached_patterns_hyphenate_exactly_as_parsed_ones(cache):
    parsed = fresh()  # parses and writes the cache
    assert len(list(cache.glob("pyphen-*-hyph_nl_NL-*.json"))) == 1
    cached = fresh()  # reads it
    assert cached.hd is not parsed.hd
    as_read = {
        key: (start, tuple(values)) for key, (start, values) in cached.hd.patterns.items()
    }  # lists, unpacked alike
    assert as_read == parsed.hd.patterns and cached.hd.maxlen == parsed.hd.maxlen
    for word in WORDS:
        assert [int(p) for p in cached.positions(word)] == [int(p) for p in parsed.positions(word)]
        assert cached.inserted(word) == pyphen.Pyphen(lang="nl_NL", left=2, right=3, cache=False).inserted(word)


@pytest.mark.parametrize("damage", ["text", "digest"])
def test_a_broken_cache_file_is_ignored(cache, damage):
    fresh()
    for file in cache.glob("*.json"):
        digest = file.read_bytes().partition(b"\n")[0]
        if damage == "text":
            file.write_bytes(digest + b"\n" + b'{"a1b": [0, "not numbers"]}')  # the digest no longer matches
        else:
            bad = b'{"a1b": [0, "not numbers"]}'
            file.write_bytes(b"0" * len(digest) + b"\n" + bad)
    again = fresh()
    assert again.inserted("routekaart") == "rou-te-kaart"


def test_an_unwritable_cache_folder_only_costs_time(cache, tmp_path, monkeypatch):
    blocker = tmp_path / "file"
    blocker.write_text("", encoding="utf-8")
    monkeypatch.setenv("POSTER_CACHE_DIR", str(blocker / "cache"))  # a folder inside a file cannot exist
    assert fresh().inserted("routekaart") == "rou-te-kaart"


# --- reportlab's parsed TrueType faces (poster.fontcache) ----------------------------------------


def _font_state(font) -> dict:
    """Everything on a TTFont and its face but the per-document state and the scale function (compared by value)."""
    state = {k: v for k, v in vars(font).items() if k not in ("face", "state", "encoding")}
    state["encoding"] = type(font.encoding)
    face = {k: v for k, v in vars(font.face).items() if k != "_pdfScale"}
    face["_pdfScale"] = [font.face._pdfScale(v) for v in (0, 1, 123, 2048)]
    face["types"] = {k: type(v) for k, v in vars(font.face).items() if k != "_pdfScale"}
    face["ustr"] = {k: v.ustr for k, v in vars(font.face).items() if hasattr(v, "ustr")}
    return {**state, "face": face}


@pytest.mark.parametrize("weight", ["regular", "italic", "semibold", "bold"])
@pytest.mark.parametrize("family_name", ["Fira Sans", "Lato"])
def test_a_face_from_the_cache_is_the_face_reportlab_parses(cache, family_name, weight):
    from reportlab.pdfbase.ttfonts import TTFont

    from poster.fontcache import ttfont
    from poster.fonts import family

    face = family(family_name).face(weight)
    parsed = TTFont(face.pdf_name, str(face.path))
    first = ttfont(face.pdf_name, face.path)  # parses and stores
    assert len(list(cache.glob("ttf-*.marshal"))) == 1
    again = ttfont(face.pdf_name, face.path)  # restored
    assert again.face is not first.face
    assert _font_state(again) == _font_state(first) == _font_state(parsed)


def test_a_damaged_face_cache_is_parsed_again(cache):
    from poster.fontcache import ttfont
    from poster.fonts import family

    face = family("Fira Sans").face("regular")
    expected = _font_state(ttfont(face.pdf_name, face.path))
    for file in cache.glob("ttf-*.marshal"):
        data = bytearray(file.read_bytes())
        data[-10] ^= 0xFF
        file.write_bytes(bytes(data))
    assert _font_state(ttfont(face.pdf_name, face.path)) == expected


# --- what layout reads of a face without fontTools (poster.fonts, poster.fontcache) ----------------


@pytest.mark.parametrize("family_name", ["Fira Sans", "Lato"])
def test_character_map_and_vertical_metrics_are_fonttools_own(family_name):
    from fontTools.ttLib import TTFont

    from poster.fonts import cmap, em_metrics, family

    for face in family(family_name).faces.values():
        with TTFont(face.path, lazy=True) as font:
            best = {code for code, name in font.getBestCmap().items() if name != ".notdef"}
            hhea, units = font["hhea"], font["head"].unitsPerEm
            assert cmap(face) == best
            assert em_metrics(face) == (hhea.ascent / units, -hhea.descent / units)


def test_a_glyph_outline_from_the_cache_is_the_one_fonttools_draws(cache):
    from poster.fontcache import _draw_glyph, glyph_outline
    from poster.fonts import family

    path = family("Fira Sans").face("bold").path
    drawn = _draw_glyph(path, "\u201c")
    glyph_outline.cache_clear()
    assert glyph_outline(path, "\u201c") == drawn  # drawn and stored
    (file,) = cache.glob("glyph-*.marshal")
    glyph_outline.cache_clear()
    assert glyph_outline(path, "\u201c") == drawn  # read back
    data = bytearray(file.read_bytes())
    data[-3] ^= 0xFF
    file.write_bytes(bytes(data))
    glyph_outline.cache_clear()
    assert glyph_outline(path, "\u201c") == drawn  # damaged: drawn again


def test_a_user_font_named_like_a_shipped_face_is_read_from_its_own_file(tmp_path):
    """reportlab registers a font whose PostScript name it knows as the earlier font; the character map
    and metrics layout reads are the user's file's own (here: a subset of Lato Italic without curly quotes)."""
    from fontTools import subset

    from poster.fonts import cmap, family, family_from_file, register_pdf_face

    shipped = family("Lato").face("italic")
    register_pdf_face(shipped)
    font = subset.load_font(str(shipped.path), subset.Options())
    sub = subset.Subsetter(subset.Options())
    sub.populate(unicodes=list(range(0x20, 0x7F)))
    sub.subset(font)
    font.save(str(tmp_path / "Plain-Italic.ttf"))
    user = family_from_file(tmp_path / "Plain-Italic.ttf").face("italic")
    register_pdf_face(user)
    assert 0x201C in cmap(shipped) and 0x201C not in cmap(user)
    assert cmap(user) <= frozenset(range(0x20, 0x7F)) | {0xA0}  # the subsetter keeps NBSP beside the space
