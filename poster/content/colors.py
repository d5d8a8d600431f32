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
