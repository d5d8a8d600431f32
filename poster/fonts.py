"""Fonts shared by layout and renderers: the faces shipped in fonts/, their files and names.

A `Face` is one TTF file. Layout measures text with it (reportlab's
`stringWidth`, which equals the TTF's advances); the PDF renderer embeds it under
`Face.pdf_name`; the SVG/PNG renderers name it by `svg_family` + `svg_weight`.
cairosvg only knows normal and bold, so a semibold face is named by its own
family ("Fira Sans SemiBold"), which fontconfig lists for that file.
"""

from __future__ import annotations

import functools
import struct
from dataclasses import dataclass
from pathlib import Path

from poster.resources import data_dir


@dataclass(frozen=True)
class Face:
    pdf_name: str  # name registered with reportlab, unique per file
    svg_family: str  # the family fontconfig matches for this file
    svg_weight: str  # "normal" or "bold"
    svg_style: str  # "normal" or "italic"
    path: Path


# Weights a text style can ask for. A family maps each to one of its files.
WEIGHTS = ("regular", "italic", "semibold", "bold")


@dataclass(frozen=True)
class Family:
    name: str
    faces: dict[str, Face]  # weight -> face

    def face(self, weight: str) -> Face:
        return self.faces[weight]


def fonts_dir() -> Path:
    return data_dir("fonts")


def _shipped() -> dict[str, Family]:
    root = fonts_dir()
    fira = root / "fira-sans"
    lato = root / "lato"
    return {
        "Fira Sans": Family(
            "Fira Sans",
            {
                "regular": Face("FiraSans-Regular", "Fira Sans", "normal", "normal", fira / "FiraSans-Regular.ttf"),
                "italic": Face("FiraSans-Italic", "Fira Sans", "normal", "italic", fira / "FiraSans-Italic.ttf"),
                "semibold": Face(
                    "FiraSans-SemiBold", "Fira Sans SemiBold", "normal", "normal", fira / "FiraSans-SemiBold.ttf"
                ),
                "bold": Face("FiraSans-Bold", "Fira Sans", "bold", "normal", fira / "FiraSans-Bold.ttf"),
            },
        ),
        "Lato": Family(
            "Lato",
            {
                "regular": Face("Lato-Regular", "Lato", "normal", "normal", lato / "Lato-Regular.ttf"),
                "italic": Face("Lato-Italic", "Lato", "normal", "italic", lato / "Lato-Italic.ttf"),
                "semibold": Face("Lato-Semibold", "Lato Semibold", "normal", "normal", lato / "Lato-Semibold.ttf"),
                "bold": Face("Lato-Bold", "Lato", "bold", "normal", lato / "Lato-Bold.ttf"),
            },
        ),
    }


SHIPPED_FAMILIES: dict[str, Family] = _shipped()
DEFAULT_FAMILY = "Fira Sans"


def family(name: str) -> Family:
    """A shipped family by name, case-insensitive; KeyError if unknown."""
    for key, fam in SHIPPED_FAMILIES.items():
        if key.casefold() == name.casefold():
            return fam
    raise KeyError(name)


def family_from_file(path: Path) -> Family:
    """A user font file from the content folder, used for every weight of its role."""
    stem = "".join(c if c.isalnum() else "-" for c in path.stem)
    face = Face(f"User-{stem}", _fontconfig_family(path), "normal", "normal", path)
    return Family(face.svg_family, dict.fromkeys(WEIGHTS, face))


def _fontconfig_family(path: Path) -> str:
    """The family fontconfig will list first for a TTF: its nameID 1."""
    from fontTools.ttLib import TTFont

    with TTFont(path, lazy=True) as font:
        name = font["name"].getDebugName(1)
    return name or path.stem


@functools.cache
def register_pdf_face(face: Face) -> str:
    """Register a face with reportlab once per process; returns its reportlab name."""
    from reportlab.pdfbase import pdfmetrics

    pdfmetrics.registerFont(_pdf_font(face))
    return face.pdf_name


@functools.cache
def _pdf_font(face: Face):
    from poster.fontcache import ttfont  # reportlab's parse of the file, kept in poster's cache folder

    return ttfont(face.pdf_name, face.path)


def parsed_face(face: Face):
    """reportlab's parse of the face's own TrueType file: its tables, character map, widths.

    Not the font reportlab's registry holds under face.pdf_name: reportlab
    registers a font whose PostScript name it already knows as that earlier
    font (a user's subset of Lato Italic would be the shipped Lato Italic).
    """
    return _pdf_font(face).face


@functools.cache
def cmap(face: Face) -> frozenset[int]:
    """Code points the face has a glyph for (to report missing characters, never draw tofu).

    reportlab's character map, the one the PDF is drawn with: a character it
    lacks would be drawn as the empty box. Read from the parse the PDF needs
    anyway (poster.fontcache keeps it), so no second font library is imported
    for it (fontTools: ~0.07 s of a cold build, measured); for the shipped faces
    it equals fontTools' best cmap.
    """
    return frozenset(code for code, glyph in parsed_face(face).charToGlyph.items() if glyph)


@functools.cache
def em_metrics(face: Face) -> tuple[float, float]:
    """(ascent, descent) of the face in em from its hhea table; descent positive."""
    parsed = parsed_face(face)
    at = parsed.table["hhea"]["offset"]
    ascent, descent = struct.unpack_from(">hh", parsed._ttf_data, at + 4)  # after the table's 4-byte version
    return ascent / parsed.unitsPerEm, -descent / parsed.unitsPerEm


def fontconfig_file() -> Path:
    """The fontconfig file that shows the renderer only the fonts in fonts/ (user fonts are added at draw time)."""
    return fonts_dir() / "fonts.conf"
