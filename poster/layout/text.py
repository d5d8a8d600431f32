"""Layout stage: measure text with the fonts' real advances and break it into lines (greedy, hyphenated, optionally balanced).

Widths are reportlab's `stringWidth` (the TTF's advance widths, no kerning, as
both renderers draw). Vertical metrics are the font's hhea ascender and
descender (Fira Sans 0.935/0.265 em, Lato 0.987/0.213 em, both equal to
usWin*): they hold Dutch accented capitals (É tops out at 0.91 em in Fira, 0.93
in Lato), which Lato's OS/2 typo ascender (0.805 em) would cut. Renderers place
text by its baseline, so these only size a line's box.
"""

from __future__ import annotations

import bisect
import functools
import itertools
import math
import re
import unicodedata
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass, replace
from enum import Enum

from poster.content.model import Color, Language
from poster.fonts import Face, cmap, em_metrics, register_pdf_face
from poster.layout.document import Text
from poster.layout.geometry import mm_to_pt, pt_to_mm
from poster.layout.hyphenate import EXPLICIT, SOFT_HYPHEN, ZERO_WIDTH_SPACE, Word, dictionary_code, split_word

FILL = 0.65  # below this fill a line takes part of the next word (hyphenated) rather than leave a hole
SIZE_STEP_PT = 0.5
BALANCE_TOLERANCE_MM = 0.05
_EPS = 1e-9

# Breaking spaces: any whitespace but newline and the non-breaking ones (NBSP, figure space, narrow NBSP).
_SPACES = re.compile(r"[^\S\n\u00a0\u2007\u202f]+")
_IGNORED = frozenset("\n\r\t" + SOFT_HYPHEN + ZERO_WIDTH_SPACE)


@dataclass(frozen=True)
class TextStyle:
    face: Face
    size_pt: float
    color: Color
    leading: float = 1.25  # line height as a multiple of size


@dataclass(frozen=True)
class Paragraph:
    """Text broken into measured lines."""

    lines: tuple[str, ...]
    widths_mm: tuple[float, ...]
    style: TextStyle
    line_height_mm: float
    ascent_mm: float  # of the face at this size, for the first baseline
    descent_mm: float  # positive

    @property
    def height_mm(self) -> float:
        """From the first line's ascent to the last line's descent: (n-1) line heights + ascent + descent."""
        if not self.lines:
            return 0.0
        return (len(self.lines) - 1) * self.line_height_mm + self.ascent_mm + self.descent_mm

    @property
    def width_mm(self) -> float:
        return max(self.widths_mm, default=0.0)


class TextDoesNotFit(Exception):
    """Text too wide or too tall even at its minimum size; layout collects these into a LayoutError."""

    def __init__(self, element: str, text: str, overflow_mm: float, axis: str, size_pt: float, detail: str = ""):
        super().__init__(element, text, overflow_mm, axis)
        self.element = element
        self.text = text
        self.overflow_mm = overflow_mm
        self.axis = axis  # "width" or "height"
        self.size_pt = size_pt  # the minimum size it was tried at
        self.detail = detail  # the unbreakable line (width) or the line count (height)

    def __str__(self) -> str:
        where = f"{self.element}: " if self.element else ""
        what = "wide" if self.axis == "width" else "tall"
        head = f"{where}{_quote(self.text)} is {self.overflow_mm:.1f} mm too {what} at {self.size_pt:g} pt (min)"
        if self.axis == "width":
            return f"{head}: the line {_quote(self.detail)} cannot be broken further; shorten the text or add a space or hyphen"
        return f"{head} ({self.detail}); shorten the text"


def _quote(text: str, limit: int = 40) -> str:
    flat = " ".join(text.split())
    return repr(flat if len(flat) <= limit else flat[: limit - 3].rstrip() + "...")


# -- measuring ---------------------------------------------------------------

_MEASURERS: dict[Face, Callable[[str], float]] = {}
_CHAR_WIDTHS: dict[Face, Callable[[str], float]] = {}
# The width cache holds short strings (words, lines) only, and at most this many
# characters in all: memory stays bounded by size, whatever the texts.
_CACHE_CHARS = 1_000_000
_CACHED_LENGTH = 200
_LONG_CACHED = 256


def _char_width(face: Face) -> Callable[[str], float]:
    """Width in 1/1000 em of one character (the font's default width when it has no glyph)."""
    found = _CHAR_WIDTHS.get(face)
    if found is None:
        from reportlab.pdfbase import pdfmetrics

        ttf = pdfmetrics.getFont(register_pdf_face(face)).face
        get, default = ttf.charWidths.get, ttf.defaultWidth

        def found(c: str) -> float:
            return get(ord(c), default)

        _CHAR_WIDTHS[face] = found
    return found


def _measurer(face: Face) -> Callable[[str], float]:
    """Width in 1/1000 em of a string, summed exactly as reportlab's stringWidth does, short strings cached."""
    found = _MEASURERS.get(face)
    if found is not None:
        return found
    width = _char_width(face)
    cache: dict[str, float] = {}
    held = [0]  # characters in the cache
    # Long strings are the content's own texts, measured whole again and again (does a title fit on one
    # line?): a few are kept, by reference to the text itself, so they cost no memory of their own.
    long: OrderedDict[str, float] = OrderedDict()

    def raw(s: str) -> float:
        w = cache.get(s)
        if w is None:
            if len(s) > _CACHED_LENGTH:
                w = long.get(s)
                if w is None:
                    w = long[s] = sum(map(width, s))
                    if len(long) > _LONG_CACHED:
                        long.popitem(last=False)
                return w
            w = sum(map(width, s))
            if held[0] + len(s) > _CACHE_CHARS:
                cache.clear()  # bound memory for long-running processes (poster watch)
                held[0] = 0
            cache[s] = w
            held[0] += len(s)
        return w

    _MEASURERS[face] = raw
    return raw


def text_width_mm(text: str, face: Face, size_pt: float) -> float:
    """Advance width of one line; equals reportlab's stringWidth (converted to mm)."""
    return pt_to_mm(0.001 * size_pt * _measurer(face)(text))


def face_metrics_mm(face: Face, size_pt: float) -> tuple[float, float]:
    """(ascent, descent) of the face at this size from its hhea table; descent positive."""
    ascent, descent = em_metrics(face)
    size_mm = pt_to_mm(size_pt)
    return ascent * size_mm, descent * size_mm


@functools.lru_cache(maxsize=1 << 14)
def missing_characters(text: str, face: Face) -> str:
    """The characters of `text` the face has no glyph for, each once, in order of appearance."""
    have = cmap(face)
    missing: dict[str, None] = {}
    for ch in text:
        if ch in _IGNORED or ord(ch) in have or ch in missing:
            continue
        if ch == "\u00a0" and 0x20 in have:
            continue  # reportlab draws NBSP with the space glyph
        missing[ch] = None
    return "".join(missing)


# -- breaking ----------------------------------------------------------------
# Widths inside the breaker are in 1/1000 em (the font's units scaled to 1000),
# so word widths are cached once per face and serve every size.


@dataclass(frozen=True)
class _Line:
    text: str
    raw: float
    hyphenated: bool = False


@functools.lru_cache(maxsize=1 << 14)
def _tokens(text: str) -> tuple[tuple[str, ...], ...]:
    """Hard lines (explicit newlines) of space-separated tokens; a blank line stays as an empty one."""
    body = text.replace("\r\n", "\n").replace("\r", "\n").strip()
    if not body:
        return ()
    return tuple(tuple(t for t in _SPACES.split(line) if t) for line in body.split("\n"))


@dataclass(frozen=True)
class _Measured:
    """A word with the width of every prefix, so any piece of it is measured in constant time."""

    text: str
    cum: tuple[float, ...]  # cum[i]: width of text[:i], summed left to right as stringWidth does
    breaks: tuple[int, ...]  # every break position, ascending
    kinds: tuple[int, ...]  # the kind of each
    explicit: tuple[int, ...]  # EXPLICIT break positions, ascending
    explicit_w: tuple[float, ...]  # cum at each
    hyphen: tuple[int, ...]  # HYPHEN break positions, ascending
    hyphen_w: tuple[float, ...]


def _measured(word: Word, width: Callable[[str], float]) -> _Measured:
    cum = tuple(itertools.accumulate(map(width, word.text), initial=0))
    positions = tuple(p for p, _ in word.breaks)
    kinds = tuple(k for _, k in word.breaks)
    explicit = tuple(p for p, k in word.breaks if k == EXPLICIT)
    hyphen = tuple(p for p, k in word.breaks if k != EXPLICIT)
    return _Measured(
        word.text,
        cum,
        positions,
        kinds,
        explicit,
        tuple(cum[p] for p in explicit),
        hyphen,
        tuple(cum[p] for p in hyphen),
    )


@functools.lru_cache(maxsize=256)
def _prepared(face: Face, code: str, text: str) -> tuple[tuple[_Measured, ...], ...]:
    """The hard lines of `text`, each a tuple of measured words; made once per text and face, for every size."""
    width = _char_width(face)
    return tuple(tuple(_measured(split_word(t, code), width) for t in line) for line in _tokens(text))


class Hyphenation(str, Enum):
    """When the line breaker hyphenates a word that would fit on the next line (see _Breaker)."""

    NORMAL = "normal"  # only when the current line is less than FILL full
    FORCED = "forced"  # never: only words wider than a line are broken (balanced headings)
    EAGER = "eager"  # whenever a piece fills the line (to meet max_lines before shrinking the type)


class _Breaker:
    """Greedy line breaking of one text in one face, in time near-linear in the text's length.

    Every word carries its prefix widths (`_Measured`), so a piece of a long
    word is measured by a subtraction and the longest piece that fits a line is
    found by bisection over its break positions: no piece is measured twice.

    The Hyphenation mode says when a word that would fit the next line is
    hyphenated to fill the current one.
    """

    def __init__(self, face: Face, language: Language | str, text: str, break_words: bool = False, fill: float = FILL):
        self.break_words = break_words  # a word wider than a line, with no break that fits, breaks anywhere
        self.fill = fill  # hyphenate to fill a line only when it is less full than this (0: never)
        self.raw = _measurer(face)
        self.space = self.raw(" ")
        self.hyphen = self.raw("-")
        self.hard = _prepared(face, dictionary_code(language), text)

    def wrap(self, limit: float, mode: Hyphenation) -> list[_Line]:
        out: list[_Line] = []
        for words in self.hard:
            out.extend(self._wrap_words(words, limit, mode) if words else [_Line("", 0.0)])
        return out

    def _wrap_words(self, words: tuple[_Measured, ...], limit: float, mode: Hyphenation) -> list[_Line]:
        lines: list[_Line] = []
        cur: list[str] = []
        cur_w = 0.0
        for k, word in enumerate(words):
            start = 0
            while True:
                piece = word.text[start:] if start else word.text
                w = word.cum[-1] - word.cum[start] if start else word.cum[-1]
                gap = self.space if cur else 0.0
                if cur_w + gap + w <= limit + _EPS:
                    cur.append(piece)
                    cur_w += gap + w
                    break
                # Never hyphenate the paragraph's last word when it fits a line: its tail would be the last line.
                last = k == len(words) - 1
                optional = not last and (
                    mode is Hyphenation.EAGER or (mode is Hyphenation.NORMAL and cur_w < self.fill * limit)
                )
                cut = self._cut(word, start, limit - cur_w - gap, w > limit + _EPS or optional)
                if cut is None and cur:
                    lines.append(_Line(" ".join(cur), cur_w))
                    cur, cur_w = [], 0.0
                    continue
                if cut is None:
                    cut = self._first_cut(word, start)  # nothing fits a whole line: overflow as little as possible
                    if self.break_words and (cut is None or cut[1] > limit + _EPS):
                        cut = self._anywhere(word, start, limit)
                    if cut is None:
                        cur, cur_w = [piece], w  # unbreakable and too wide: it overflows on its own line
                        break
                head, head_w, start, hyphenated = cut
                lines.append(_Line(" ".join([*cur, head]), cur_w + gap + head_w, hyphenated))
                cur, cur_w = [], 0.0
        if cur:
            lines.append(_Line(" ".join(cur), cur_w))
        return lines

    def _cut(self, word: _Measured, start: int, room: float, hyphenate: bool):
        """The longest head of word[start:] that fits `room`: at an existing break if any fits, else hyphenated."""
        base = word.cum[start]
        i = bisect.bisect_right(word.explicit_w, base + room + _EPS) - 1
        if i >= 0 and word.explicit[i] > start:
            pos = word.explicit[i]
            return word.text[start:pos], word.cum[pos] - base, pos, False
        if hyphenate:
            i = bisect.bisect_right(word.hyphen_w, base + room - self.hyphen + _EPS) - 1
            if i >= 0 and word.hyphen[i] > start:
                pos = word.hyphen[i]
                return word.text[start:pos] + "-", word.cum[pos] - base + self.hyphen, pos, True
        return None

    def _anywhere(self, word: _Measured, start: int, limit: float):
        """The longest head of word[start:] that fits `limit`, cut between any two characters (not before a
        combining mark); at least one character. None when the rest fits whole."""
        end = len(word.text)
        pos = bisect.bisect_right(word.cum, word.cum[start] + limit + _EPS) - 1
        pos = max(start + 1, min(pos, end))
        while start + 1 < pos < end and unicodedata.combining(word.text[pos]):
            pos -= 1
        if pos >= end:
            return None
        return word.text[start:pos], word.cum[pos] - word.cum[start], pos, False

    def _first_cut(self, word: _Measured, start: int):
        i = bisect.bisect_right(word.breaks, start)
        if i == len(word.breaks):
            return None
        pos, head = word.breaks[i], word.text[start : word.breaks[i]]
        if word.kinds[i] == EXPLICIT:
            return head, word.cum[pos] - word.cum[start], pos, False
        return head + "-", word.cum[pos] - word.cum[start] + self.hyphen, pos, True

    def balance(self, lines: list[_Line], limit: float, mode: Hyphenation, tolerance: float) -> list[_Line]:
        """The narrowest width giving no more lines (and no more hyphens): even lines, same count."""
        n, hyphens = len(lines), sum(line.hyphenated for line in lines)
        lo = max(0.0, sum(line.raw for line in lines) / n - self.space)
        hi, best = limit, lines
        while hi - lo > tolerance:
            mid = (lo + hi) / 2
            trial = self.wrap(mid, mode)
            widest = max(line.raw for line in trial)
            if len(trial) <= n and sum(line.hyphenated for line in trial) <= hyphens and widest <= mid + _EPS:
                hi, best = widest, trial  # search on below the widest line this width produced
            else:
                lo = mid
        return best


def _limit(width_mm: float, size_pt: float) -> float:
    """A width in mm as 1/1000 em at this size."""
    return mm_to_pt(width_mm) / (0.001 * size_pt)


def break_text(
    text: str,
    style: TextStyle,
    width_mm: float,
    language: Language | str,
    *,
    max_lines: int | None = None,
    balance: bool = False,
    break_words: bool = False,
    fill: float = FILL,
    eager: bool = True,
) -> Paragraph:
    """Break text into lines no wider than width_mm (except an unbreakable token, which overflows).

    `break_words`: such a token is broken between any two characters instead
    (the slides, whose type cannot shrink enough for a long acronym).
    `fill`: a word that fits the next line is hyphenated only when the line is less full than this (0: never;
    a word wider than a line still is). `eager`: with more lines than max_lines, hyphenate to save one.
    """
    breaker = _Breaker(style.face, language, text, break_words, fill)
    limit = _limit(width_mm, style.size_pt)
    mode = Hyphenation.NORMAL
    lines = breaker.wrap(limit, mode)
    if balance:
        forced = breaker.wrap(limit, Hyphenation.FORCED)
        if len(forced) <= len(lines):  # balanced text avoids optional hyphens unless they save a line
            lines, mode = forced, Hyphenation.FORCED
    if eager and max_lines is not None and len(lines) > max_lines:
        hyphenated = breaker.wrap(limit, Hyphenation.EAGER)
        if len(hyphenated) < len(lines):  # a hyphen is better than smaller type
            lines, mode = hyphenated, Hyphenation.EAGER
    if balance and len(lines) > 1 and max(line.raw for line in lines) <= limit + _EPS:
        lines = breaker.balance(lines, limit, mode, _limit(BALANCE_TOLERANCE_MM, style.size_pt))
    return _paragraph(tuple(line.text for line in lines), style)


def _paragraph(lines: tuple[str, ...], style: TextStyle) -> Paragraph:
    ascent, descent = face_metrics_mm(style.face, style.size_pt)
    return Paragraph(
        lines=lines,
        widths_mm=tuple(text_width_mm(line, style.face, style.size_pt) for line in lines),
        style=style,
        line_height_mm=pt_to_mm(style.size_pt * style.leading),
        ascent_mm=ascent,
        descent_mm=descent,
    )


# -- fitting -------------------------------------------------------------------


# Memoised: the engine measures every component at several type factors and the
# stappenplan at several step sizes, so the same text is fitted to the same width
# again and again (a third of the calls for the example), and `poster watch`
# re-fits the unchanged texts of every rebuild. fit_text is pure and Paragraph
# frozen; a text that does not fit is cached too (as the arguments of its
# TextDoesNotFit, raised anew each time): the engine asks again at every
# variant it tries, and a long text is what costs most to break.
def fit_text(
    text: str,
    style: TextStyle,
    width_mm: float,
    *,
    language: Language | str,
    min_pt: float,
    max_lines: int | None = None,
    max_height_mm: float | None = None,
    balance: bool = False,
    element: str = "",
    break_words: bool = False,
    fill: float = FILL,
) -> Paragraph:
    """The paragraph at the largest size from style.size_pt down to min_pt (0.5 pt steps) that fits; else TextDoesNotFit."""
    found = _fit(text, style, width_mm, language, min_pt, max_lines, max_height_mm, balance, element, break_words, fill)
    if isinstance(found, Paragraph):
        return found
    raise TextDoesNotFit(*found)


@functools.lru_cache(maxsize=1 << 14)
def _fit(
    text: str,
    style: TextStyle,
    width_mm: float,
    language: Language | str,
    min_pt: float,
    max_lines: int | None,
    max_height_mm: float | None,
    balance: bool,
    element: str,
    break_words: bool,
    fill: float,
) -> Paragraph | tuple:
    """fit_text's paragraph, or the arguments of its TextDoesNotFit."""
    problem = None
    size = style.size_pt
    sizes = _sizes(style.size_pt, min_pt)
    ink = _ink(style.face, language, text)
    # Without hyphens to fill lines (fill 0) a word that fits a line is never hyphenated, not even to save a line:
    # the text shrinks or the caller chooses another place for it (projected text is set ragged).
    for eager in (False,) if fill == 0 else (True,):
        for size in sizes:
            sized = replace(style, size_pt=size)
            if _surely_too_tall(ink, sized, width_mm, max_lines, max_height_mm):
                if size != sizes[-1]:
                    continue  # a long text skips the sizes it cannot fit at without breaking it at each
                least = _least_lines(ink, sized, width_mm)
                if least > _ESTIMATE_FROM:  # far too long: say so from the estimate rather than break it all
                    room = f"room for {max_lines}" if max_lines is not None else f"room for {max_height_mm:.1f} mm"
                    overflow, axis = _too_tall(least, sized, max_lines, max_height_mm)
                    return (element, text, overflow, axis, size, f"at least {least} lines, {room}")
            # Balancing never adds a line or widens one, so only the chosen size is balanced.
            par = break_text(
                text, sized, width_mm, language, max_lines=max_lines, break_words=break_words, fill=fill, eager=eager
            )
            problem = _problem(par, width_mm, max_lines, max_height_mm)
            if problem is None:
                if not balance:
                    return par
                even = break_text(
                    text,
                    sized,
                    width_mm,
                    language,
                    max_lines=max_lines,
                    balance=True,
                    break_words=break_words,
                    fill=fill,
                    eager=eager,
                )
                return even if _problem(even, width_mm, max_lines, max_height_mm) is None else par
    assert problem is not None  # _sizes() is never empty
    overflow, axis, detail = problem
    return (element, text, overflow, axis, size, detail)


# A text that needs more lines than this (a lower bound) where it may have a few is reported without breaking it.
_ESTIMATE_FROM = 200


def _least_lines(ink: float, style: TextStyle, width_mm: float) -> int:
    limit = _limit(width_mm, style.size_pt)
    return max(1, math.ceil(ink / limit - 1e-6)) if limit > 0 else 1


def _too_tall(lines: int, style: TextStyle, max_lines: int | None, max_height_mm: float | None) -> tuple:
    """(overflow_mm, "height") of `lines` lines where max_lines / max_height_mm allow fewer."""
    ascent, descent = face_metrics_mm(style.face, style.size_pt)
    line_mm = pt_to_mm(style.size_pt * style.leading)
    over = [0.0]
    if max_lines is not None:
        over.append((lines - max_lines) * line_mm)
    if max_height_mm is not None:
        over.append((lines - 1) * line_mm + ascent + descent - max_height_mm)
    return max(over), "height"


def _ink(face: Face, language: Language | str, text: str) -> float:
    """The summed width of the text's words (1/1000 em): its lines, however broken, are together at least this wide."""
    return sum(word.cum[-1] for line in _prepared(face, dictionary_code(language), text) for word in line)


def _surely_too_tall(
    ink: float, style: TextStyle, width_mm: float, max_lines: int | None, max_height_mm: float | None
) -> bool:
    """Whether the text needs more lines than allowed at this size, whatever the breaks (a lower bound)."""
    if max_lines is None and max_height_mm is None:
        return False
    limit = _limit(width_mm, style.size_pt)
    if limit <= 0:
        return False
    lines = max(1, math.ceil(ink / limit - 1e-6))
    if max_lines is not None and lines > max_lines:
        return True
    if max_height_mm is None:
        return False
    ascent, descent = face_metrics_mm(style.face, style.size_pt)
    return (lines - 1) * pt_to_mm(style.size_pt * style.leading) + ascent + descent > max_height_mm + 1e-6


def _sizes(size_pt: float, min_pt: float) -> list[float]:
    n = max(0, int((size_pt - min_pt) / SIZE_STEP_PT + 1e-9))
    sizes = [round(size_pt - i * SIZE_STEP_PT, 6) for i in range(n + 1)]
    if sizes[-1] > min_pt + 1e-9:
        sizes.append(min_pt)
    return sizes


def _problem(par: Paragraph, width_mm: float, max_lines: int | None, max_height_mm: float | None):
    """(overflow_mm, axis, detail) of the first constraint the paragraph breaks, or None."""
    if par.width_mm > width_mm + 1e-6:
        widest = max(range(len(par.lines)), key=lambda i: par.widths_mm[i])
        return par.width_mm - width_mm, "width", par.lines[widest]
    n = len(par.lines)
    over = []
    if max_lines is not None and n > max_lines:
        over.append(((n - max_lines) * par.line_height_mm, f"{n} lines, room for {max_lines}"))
    if max_height_mm is not None and par.height_mm > max_height_mm + 1e-6:
        over.append((par.height_mm - max_height_mm, f"{n} lines, room for {max_height_mm:.1f} mm"))
    if not over:
        return None
    overflow, detail = max(over)
    return overflow, "height", detail


# -- placing -------------------------------------------------------------------


def paragraph_items(
    par: Paragraph,
    x: float,
    y_top: float,
    *,
    align: str = "left",
    box_width_mm: float | None = None,
    role: str = "",
    ref: str = "",
) -> list[Text]:
    """One start-anchored Text per line; the first baseline at y_top + ascent, the next ones a line height apart.

    For center/right the x of each line comes from its measured width within
    box_width_mm (default: the paragraph's own width), because cairosvg anchors
    middle/end text on the ink box, not the advance.
    """
    if align not in ("left", "center", "right"):
        raise ValueError(f"align must be left, center or right, not {align!r}")
    box_w = par.width_mm if box_width_mm is None else box_width_mm
    style = par.style
    items = []
    for i, (line, w) in enumerate(zip(par.lines, par.widths_mm)):
        if not line:
            continue  # a blank line of a `|` block keeps its space but draws nothing
        dx = 0.0 if align == "left" else (box_w - w) / (2 if align == "center" else 1)
        baseline = y_top + par.ascent_mm + i * par.line_height_mm
        items.append(
            Text(
                x + dx,
                baseline,
                line,
                style.face,
                style.size_pt,
                style.color,
                w,
                par.ascent_mm,
                par.descent_mm,
                role,
                ref,
            )
        )
    return items
