"""Layout stage: where a word may break - existing hyphens, dashes and slashes, soft hyphens, pyphen's dictionaries.

A token (text between spaces) becomes a `Word`: its visible text and the
positions where a line may end inside it. EXPLICIT breaks come after a
character already there (nothing is inserted); HYPHEN breaks insert "-".
The line breaker prefers EXPLICIT breaks and uses HYPHEN ones only when it must
or when a line would otherwise be left too empty.
"""

from __future__ import annotations

import functools
import itertools
import re
from dataclasses import dataclass

from poster.content.model import Language

EXPLICIT = 0
HYPHEN = 1

SOFT_HYPHEN = "\u00ad"
ZERO_WIDTH_SPACE = "\u200b"
# A line may end after these; U+2010 is the typographic hyphen, U+2013/U+2014 en/em dash.
_BREAK_AFTER = "-\u2010\u2013\u2014/"
_SEGMENTS = re.compile(f"[{re.escape(_BREAK_AFTER)}]")
# A run of letters, with apostrophes inside ("auto's"); digits and "_" excluded.
_LETTER_RUN = re.compile(r"[^\W\d_]+(?:['\u2019][^\W\d_]+)*")
_APOSTROPHES = "'\u2019"
# Breaking before a diaeresis letter would require dropping the diaeresis
# (Dutch: "cre-eren", "zee-en"); pyphen's nl_NL gives "cre-ëren", a wrong
# spelling, so those positions are not used at all.
_DIAERESIS = frozenset("äëïöüÿÄËÏÖÜŸ")

MIN_WORD_LETTERS = 6  # shorter words are never hyphenated
# Longer runs of letters are not words (the longest Dutch compounds in use have
# about 60 letters): no dictionary breaks them, so they cost nothing to measure
# and are reported as too wide ("add a space or hyphen") rather than cut apart.
MAX_WORD_LETTERS = 100
LEFT_MIN, RIGHT_MIN = 2, 3  # letters kept before and after a hyphenation point


@dataclass(frozen=True)
class Word:
    text: str  # as drawn unbroken (soft hyphens removed)
    breaks: tuple[tuple[int, int], ...]  # (index into text where the next line starts, kind), ascending


@functools.cache
def dictionary_code(language: Language | str) -> str:
    """The pyphen dictionary for a content language ("nl" -> nl_NL, "en" -> en_US); "" if none."""
    import pyphen

    tag = (language.value if isinstance(language, Language) else language).replace("-", "_")
    primary = tag.split("_")[0].lower()
    if tag.lower() in ("nl", "nl_nl", "nl_be"):
        return "nl_NL"
    if primary == "en" and tag.lower() != "en_gb":
        return "en_US"
    return pyphen.language_fallback(tag) or ""


@functools.cache
def _dictionary(code: str):
    from poster.layout.hyphcache import pyphen_dictionary  # parsed patterns cached on disk: 100 ms -> 9 ms

    return pyphen_dictionary(code, left=LEFT_MIN, right=RIGHT_MIN)


@functools.lru_cache(maxsize=1 << 16)
def split_word(token: str, code: str) -> Word:
    """The break opportunities of one space-free token; `code` is a pyphen dictionary or ""."""
    text, hints = _strip_hints(token)
    breaks = dict(hints)
    for pos in _explicit_breaks(text):
        breaks[pos] = EXPLICIT
    if code and _may_hyphenate(text):
        for pos in _dictionary_breaks(text, code):
            breaks.setdefault(pos, HYPHEN)
    return Word(text, tuple(sorted(breaks.items())))


def _strip_hints(token: str) -> tuple[str, dict[int, int]]:
    """Remove soft hyphens and zero-width spaces, remembering them as breaks the author asked for."""
    if SOFT_HYPHEN not in token and ZERO_WIDTH_SPACE not in token:
        return token, {}
    chars: list[str] = []
    hints: dict[int, int] = {}
    for ch in token:
        if ch == SOFT_HYPHEN:
            hints[len(chars)] = HYPHEN
        elif ch == ZERO_WIDTH_SPACE:
            hints[len(chars)] = EXPLICIT
        else:
            chars.append(ch)
    n = len(chars)
    return "".join(chars), {p: k for p, k in hints.items() if 0 < p < n}


def _explicit_breaks(text: str) -> list[int]:
    """After a hyphen, dash or slash with at least two letters on either side.

    "BI-omgeving" breaks after "BI-"; "e-mail", "2025-Q1", "24/7" and the
    empty segment in "https://" do not break there.
    """
    if not _SEGMENTS.search(text):
        return []
    segments = _SEGMENTS.split(text)
    out, pos = [], 0
    for left, right in itertools.pairwise(segments):
        pos += len(left) + 1
        if _letters(left) >= 2 and _letters(right) >= 2:
            out.append(pos)
    return out


def _letters(s: str) -> int:
    return sum(1 for c in s if c.isalpha())


def _may_hyphenate(text: str) -> bool:
    """Tokens with digits, e-mail addresses and URLs keep their spelling whole."""
    if any(c.isdigit() for c in text) or "@" in text or "://" in text:
        return False
    return not text.lower().startswith("www.")


def _dictionary_breaks(text: str, code: str) -> list[int]:
    out: list[int] = []
    for run in _LETTER_RUN.finditer(text):
        word = run.group()
        if not MIN_WORD_LETTERS <= len(word) <= MAX_WORD_LETTERS or _letters(word) < MIN_WORD_LETTERS:
            continue  # short words stay whole, and so do runs too long to be a word
        if sum(1 for c in word if c.isupper()) >= 2:
            continue  # two capitals mean an acronym (KPI's) or a name like DigiD
        out.extend(run.start() + p for p in _word_positions(word, code))
    return out


@functools.lru_cache(maxsize=1 << 16)
def _word_positions(word: str, code: str) -> tuple[int, ...]:
    positions = []
    before = [0, *itertools.accumulate(c.isalpha() for c in word)]  # letters before each index
    for p in _dictionary(code).positions(word):
        if p.data is not None:
            continue  # a non-standard break changes the spelling; never used
        if word[p] in _DIAERESIS or word[p] in _APOSTROPHES or word[p - 1] in _APOSTROPHES:
            continue
        if before[p] < LEFT_MIN or before[-1] - before[p] < RIGHT_MIN:
            continue  # pyphen counts the apostrophe as a letter
        positions.append(int(p))
    return tuple(positions)
