"""Content stage: colours as the content writes them, parsed into `Color`s.

Accepted: "#RGB", "#RRGGBB" and "cmyk(c, m, y, k)" with each part in percent
(0-100, a % sign allowed). CMYK is converted to sRGB by the naive rule
r = 255 * (1 - c) * (1 - k) (same for g with m, b with y), without an ICC
profile: screen previews are approximate, and the PDF renderer can use the
exact `Color.cmyk` (0-1) the print shop was given.
"""

from __future__ import annotations

import re

from poster.content.model import Color

COLOR_FORMS = '"#RRGGBB", "#RGB" or "cmyk(c, m, y, k)" in percent'
_HEX = re.compile(r"#(?:[0-9a-fA-F]{3}|[0-9a-fA-F]{6})")
_BARE_HEX = re.compile(r"(?:[0-9a-fA-F]{3}|[0-9a-fA-F]{6})")
_NUMBER = r"\s*(\d+(?:\.\d+)?)\s*%?\s*"  # no decimal comma here: the comma separates the parts
_CMYK = re.compile(rf"cmyk\({_NUMBER},{_NUMBER},{_NUMBER},{_NUMBER}\)", re.IGNORECASE)
JSON_PATTERN = r"^(#([0-9a-fA-F]{3}|[0-9a-fA-F]{6})|[cC][mM][yY][kK]\(.*\))$"


def parse_color(text: str) -> Color:
    """Parse a colour; ValueError with a message that shows the valid forms."""
    written = text.strip()
    if _HEX.fullmatch(written):
        return Color.from_hex(written)
    m = _CMYK.fullmatch(written)
    if m:
        return _from_cmyk(written, [float(g) for g in m.groups()])
    if _BARE_HEX.fullmatch(written) and any(c.isdigit() for c in written):
        hint = f"a hex colour starts with '#' and must be quoted: \"#{written}\""
        raise ValueError(f"'{written}' is not a colour: {hint}")
    raise ValueError(f"'{written}' is not a colour; write {COLOR_FORMS}, e.g. \"#1F3A5F\"")


def _from_cmyk(written: str, parts: list[float]) -> Color:
    if any(p > 100 for p in parts):
        raise ValueError(f"'{written}' is not a colour: each cmyk part is a percentage from 0 to 100")
    c, m, y, k = (p / 100 for p in parts)
    return Color(
        round(255 * (1 - c) * (1 - k)),
        round(255 * (1 - m) * (1 - k)),
        round(255 * (1 - y) * (1 - k)),
        cmyk=(c, m, y, k),
    )


# -- contrast (WCAG 2.1 success criteria 1.4.3 and 1.4.11) ----------------------

TEXT_CONTRAST = 4.5  # text
LARGE_TEXT_CONTRAST = 3.0  # large-scale text: at least 18 pt, or 14 pt bold
GRAPHIC_CONTRAST = 3.0  # marks, bars and controls
LARGE_PT, LARGE_BOLD_PT = 18.0, 14.0
_BLACK, _WHITE = Color(0, 0, 0), Color(255, 255, 255)


def is_large_text(size_pt: float, bold: bool) -> bool:
    """Large-scale text as WCAG defines it: at least 18 pt, or at least 14 pt in bold."""
    return size_pt >= LARGE_PT - 0.005 or (bold and size_pt >= LARGE_BOLD_PT - 0.005)


def text_contrast_needed(size_pt: float, bold: bool = False) -> float:
    """The contrast WCAG asks for text of this size: 3:1 for large-scale text, 4.5:1 otherwise."""
    return LARGE_TEXT_CONTRAST if is_large_text(size_pt, bold) else TEXT_CONTRAST


def readable(color: Color, grounds: tuple[Color, ...], ratio: float) -> Color:
    """`color`, or the least change of it towards black or white that reaches `ratio` on every ground.

    It moves towards black on light grounds and towards white on dark ones
    (towards the other end when that one cannot reach the ratio), in steps of
    1 %, so a derived colour stays as close to its design as the contrast allows.
    """
    if all(color.contrast(g) >= ratio for g in grounds):
        return color
    darkest = min(grounds, key=lambda g: g.luminance)
    ends = (_BLACK, _WHITE) if darkest.luminance > 0.18 else (_WHITE, _BLACK)
    for end in ends:
        for step in range(1, 101):
            mixed = color.mix(end, step / 100)
            if all(mixed.contrast(g) >= ratio for g in grounds):
                return mixed
    return max(ends, key=lambda end: min(end.contrast(g) for g in grounds))
