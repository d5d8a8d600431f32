"""Content stage: the kinds of value a field can hold.

Each kind parses a YAML node into a value (reporting problems at the node) and
describes itself as JSON Schema, so the validator and `poster schema` come from
one definition. Scalars are read from the text as written, never from YAML 1.1's
guess at a type, and in Unicode normal form C, so "é" typed as one character or
as e + accent is the same text (and the same id).
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from yaml.nodes import Node, ScalarNode, SequenceNode

from poster.content import colors, dates
from poster.content.yamlsrc import describe, diagnostic_at, is_blank
from poster.errors import Diagnostic, Severity

INVALID: Any = object()  # a value that was reported as an error and is left out

_BOOL_TAG = "tag:yaml.org,2002:bool"
_TRUE = {"true", "yes", "on", "ja"}
_FALSE = {"false", "no", "off", "nee"}


@dataclass
class ValidationContext:
    """What parsing needs besides the node: where diagnostics go and the content folder."""

    folder: Path  # resolved
    lines: dict[str, tuple[str, ...]] = field(default_factory=dict)  # file -> lines, for hints
    diagnostics: list[Diagnostic] = field(default_factory=list)
    # Nodes already refused (foreign tags), by id; holding the node keeps its id unique.
    rejected: dict[int, Node] = field(default_factory=dict)
    text_chars: int = 0  # the characters of every text read so far (see MAX_TEXT_CHARS)

    def refused(self, node: Node) -> bool:
        """Whether a node was refused while reading; it is then left out without a second message."""
        return id(node) in self.rejected

    def error(self, node, path: str, message: str) -> None:
        self.diagnostics.append(diagnostic_at(node, message, path))

    def warning(self, node, path: str, message: str) -> None:
        self.diagnostics.append(diagnostic_at(node, message, path, Severity.WARNING))

    @property
    def has_errors(self) -> bool:
        return any(d.is_error for d in self.diagnostics)


@dataclass(frozen=True)
class Located:
    """A value with the node it was written at (for references checked later)."""

    value: Any
    node: Node


def suggest(word: str, options) -> str:
    """' (did you mean 'x'?)' for the closest option, or ''."""
    close = difflib.get_close_matches(word, list(options), n=1, cutoff=0.6)
    return f" (did you mean '{close[0]}'?)" if close else ""


def any_case(word: str) -> str:
    """A JSON Schema (ECMA-262) pattern for `word` in any case: JSON Schema has no (?i) flag."""
    return "".join(f"[{c.lower()}{c.upper()}]" if c.lower() != c.upper() else re.escape(c) for c in word)


def words_pattern(words, separators: bool = False) -> str:
    """A pattern for any of `words`, any case; with `separators` an '_' may also be spaces or hyphens."""

    def one(word: str) -> str:
        parts = word.split("_") if separators else [word]
        return r"(_|[\s-]+)".join(any_case(part) for part in parts)

    return r"^\s*(" + "|".join(one(w) for w in words) + r")\s*$"


def unicode_text(text: str, allows_controls: bool, warn) -> str:
    """`text` as Unicode scalar values, or ValueError; `warn(message)` hears what was repaired.

    PyYAML reads a JSON-style escape of an emoji ("\\ud83d\\ude00") as two
    surrogates, which no file format can hold: a pair is joined into the
    character it stands for (with a warning), a lone half is an error. Control
    characters (ESC, BEL, NEL, ...) can reach a text only through escapes; they
    would move a terminal's cursor or break the HTML: removed from texts (with a
    warning), an error elsewhere (ids, dates, numbers). Newlines and tabs stay.
    """
    if _SURROGATE.search(text):
        joined = text.encode("utf-16-le", "surrogatepass").decode("utf-16-le", "surrogatepass")
        lone = _SURROGATE.search(joined)
        if lone:
            raise ValueError(
                f"the text holds U+{ord(lone.group()):04X}, half of a character written as two "
                "\\u escapes (a UTF-16 pair) with the other half missing; type the character "
                "itself, or write it as one \\U escape (e.g. \\U0001F600)"
            )
        warn(
            "a character is written as a pair of \\u escapes (UTF-16), read as the character it stands for; "
            "type the character itself, or write it as one \\U escape (e.g. \\U0001F600)"
        )
        text = joined
    control = _CONTROL.search(text)
    if control:
        name = f"U+{ord(control.group()):04X}"
        if not allows_controls:
            raise ValueError(f"contains the control character {name}; remove it")
        warn(
            f"the control character {name} was removed from the text (it has no place on a poster); "
            "remove the escape that writes it"
        )
        text = _CONTROL.sub("", text)
    return text


_SURROGATE = re.compile("[\ud800-\udfff]")
# C0 (but tab and newline), DEL and C1 (NEL U+0085 among them).
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def wrong_type(ctx: ValidationContext, node: Node, path: str, expected: str) -> Any:
    ctx.error(node, path, f"expected {expected}, found {describe(node)}")
    return INVALID


class Kind:
    """One kind of value. `expect` completes 'expected ...' in messages."""

    expect = "a value"

    def blank_is_error(self, node: Node, ctx: ValidationContext) -> bool:
        """Whether a blank value is a mistake to report, rather than an optional field left empty."""
        return False

    def parse(self, node: Node, path: str, ctx: ValidationContext) -> Any:
        raise NotImplementedError

    def schema(self) -> dict:
        raise NotImplementedError


class ScalarKind(Kind):
    allows_controls = False  # True: control characters are removed with a warning; False: an error

    def parse(self, node: Node, path: str, ctx: ValidationContext) -> Any:
        if ctx.refused(node):
            return INVALID
        if not isinstance(node, ScalarNode):
            return wrong_type(ctx, node, path, self.expect)
        try:
            text = unicode_text(node.value, self.allows_controls, lambda m: ctx.warning(node, path, m))
            return self.convert(unicodedata.normalize("NFC", text.strip()), node, ctx)
        except ValueError as e:
            ctx.error(node, path, str(e))
            return INVALID

    def convert(self, text: str, node: ScalarNode, ctx: ValidationContext) -> Any:
        raise NotImplementedError


# The longest text any poster can show. The largest shipped layouts (A0, A1)
# filled edge to edge with their smallest type (14 pt on A0, 10 pt drawn at
# 0.71 on A1; leading 1.2; Dutch text's average advance in Fira Sans and Lato)
# hold about 80 000 characters (tests/test_hardening.py computes it for every
# layout); a longer text cannot fit anywhere, and would only make the layout
# search slow. Checked at `check` time, naming the field and the length; and
# for all texts together, since they share the page.
MAX_TEXT_CHARS = 100_000


class TextKind(ScalarKind):
    expect = "a text"
    allows_controls = True

    def convert(self, text: str, node: ScalarNode, ctx: ValidationContext) -> Any:
        if len(text) > MAX_TEXT_CHARS:
            raise ValueError(
                f"the text is {len(text):,} characters long; no poster can show more than "
                f"{MAX_TEXT_CHARS:,} (a whole A0 page in its smallest type): shorten it"
            )
        before, ctx.text_chars = ctx.text_chars, ctx.text_chars + len(text)
        if before <= MAX_TEXT_CHARS < ctx.text_chars:  # said once, at the text that crosses the limit
            raise ValueError(
                f"with this text the content holds {ctx.text_chars:,} characters of text; no poster can show "
                f"more than {MAX_TEXT_CHARS:,} in all (a whole A0 page in its smallest type): shorten the texts"
            )
        return text

    def schema(self) -> dict:
        # Any scalar: `title: 2025` or `version: 2.10` is taken as the text written.
        return {"type": ["string", "number", "boolean"]}


class Email(ScalarKind):
    expect = "an e-mail address, e.g. a.devries@example.nl"
    _PATTERN = re.compile(r"[^@\s]+@[^@\s.]+(\.[^@\s.]+)+")

    def convert(self, text: str, node: ScalarNode, ctx: ValidationContext) -> Any:
        if not self._PATTERN.fullmatch(text):
            shown = text if len(text) <= 40 else text[:37] + "..."
            raise ValueError(f"'{shown}' is not an e-mail address; write it as name@domain, e.g. a.devries@example.nl")
        return text

    def schema(self) -> dict:
        return {"type": "string", "pattern": r"^[^@\s]+@[^@\s.]+(\.[^@\s.]+)+$"}


class Id(ScalarKind):
    expect = "an id (one word, e.g. 'data-strategie')"

    def convert(self, text: str, node: ScalarNode, ctx: ValidationContext) -> Any:
        if not text or re.search(r"\s", text):
            slug = "-".join(text.lower().split()) or "data-strategie"
            raise ValueError(f"'{text}' is not a valid id: an id is one word without spaces, e.g. '{slug}'")
        for i, char in enumerate(text):
            if unicodedata.category(char) == "Cf":  # zero-width space, soft hyphen, ...: two ids would look alike
                name = unicodedata.name(char, "format character")
                raise ValueError(
                    f"the id '{text}' contains an invisible character (U+{ord(char):04X} {name}) "
                    f"after '{text[:i]}'; type the id again without it"
                )
        return text

    def schema(self) -> dict:
        return {"type": ["string", "number"], "pattern": r"^\s*\S+\s*$"}


class IdList(Kind):
    """A list of ids; a single id is taken as a list of one."""

    expect = "a list of ids, e.g. [architectuur, datateam]"

    def parse(self, node: Node, path: str, ctx: ValidationContext) -> Any:
        if ctx.refused(node):
            return INVALID
        items = [(node, path)] if isinstance(node, ScalarNode) else None
        if isinstance(node, SequenceNode):
            items = [(item, f"{path}[{i}]") for i, item in enumerate(node.value)]
        if items is None:
            return wrong_type(ctx, node, path, self.expect)
        found = []
        for item, item_path in items:
            value = Id().parse(item, item_path, ctx)
            if value is not INVALID:
                found.append(Located(value, item))
        return tuple(found)

    def schema(self) -> dict:
        one = Id().schema()
        return {"anyOf": [one, {"type": "array", "items": one}]}


class DateKind(ScalarKind):
    expect = f"a date ({dates.DATE_FORMS})"

    def convert(self, text: str, node: ScalarNode, ctx: ValidationContext) -> Any:
        return dates.parse_period(text)

    def schema(self) -> dict:
        # One schema of two types (pattern applies to strings, the range to numbers)
        # keeps an editor's messages specific, where anyOf would make them vague.
        return {"type": ["string", "integer"], "pattern": dates.JSON_PATTERN, "minimum": 1, "maximum": 9999}


_NUMBER = re.compile(r"[+-]?\d+(?:[.,]\d+)?")


def _number(text: str, node: ScalarNode, expect: str) -> float:
    if node.tag == _BOOL_TAG or not _NUMBER.fullmatch(text):
        raise ValueError(f"expected {expect}, found {describe(node)}")
    return float(text.replace(",", "."))  # "2,5": the Dutch decimal comma


class Level(ScalarKind):
    """A maturity level: a whole or half number; the range depends on the scale (checked later)."""

    expect = "a level number such as 2 or 2.5"

    def convert(self, text: str, node: ScalarNode, ctx: ValidationContext) -> Any:
        value = _number(text, node, self.expect)
        if not (value * 2).is_integer():
            raise ValueError(f"level {text} is not a whole or half number; use e.g. 2 or 2.5")
        return value

    def schema(self) -> dict:
        # As a text: what _number reads, with a fraction that keeps it a whole or half number (2,50).
        return {
            "type": ["number", "string"],
            "minimum": 1,
            "multipleOf": 0.5,
            "pattern": r"^\s*[+-]?\d+([.,](0+|50*))?\s*$",
        }


@dataclass
class Integer(ScalarKind):
    low: int
    high: int | None
    unit: str = ""  # a suffix that may follow the number ("%")
    noun: str = "the value"

    expect = "a whole number"

    def convert(self, text: str, node: ScalarNode, ctx: ValidationContext) -> Any:
        return self.read(text)

    def read(self, text: str) -> int:
        """The whole number a text says ("60", "60 %", "60,0"); ValueError naming the noun and the range.

        The one reading of such a value: the loader, the progress sheet and
        `poster progress --progress` all call it, so they accept the same forms.
        """
        text = text.strip()
        number = text[: -len(self.unit)].strip() if self.unit and text.endswith(self.unit) else text
        use = f"use {self.low} to {self.high}" if self.high is not None else f"use {self.low} or more"
        if not _NUMBER.fullmatch(number):
            shown = text if len(text) <= 40 else text[:37] + "..."
            raise ValueError(f"{self.noun} '{shown}' is not a whole number; {use}")
        value = float(number.replace(",", "."))
        if not value.is_integer():
            raise ValueError(f"{self.noun} {text} is not a whole number; {use}")
        if value < self.low or (self.high is not None and value > self.high):
            raise ValueError(f"{self.noun} {text} is out of range; {use}")
        return int(value)

    def schema(self) -> dict:
        # A text is read like a number ("60", "60,0", "60 %"); its range is checked for numbers only.
        unit = rf"(\s*{re.escape(self.unit)})?" if self.unit else ""
        s: dict = {"type": ["integer", "string"], "minimum": self.low, "pattern": rf"^\s*[+-]?\d+([.,]0+)?{unit}\s*$"}
        if self.high is not None:
            s["maximum"] = self.high
        return s


@dataclass
class Measure(ScalarKind):
    """A positive size in millimetres ("mm" may follow)."""

    high: float
    expect = "a size in mm, e.g. 40"

    def convert(self, text: str, node: ScalarNode, ctx: ValidationContext) -> Any:
        if text.endswith("mm"):
            text = text[:-2].strip()
        value = _number(text, node, self.expect)
        if not 0 < value <= self.high:
            raise ValueError(f"{text} mm is out of range; use more than 0 and at most {self.high:g} mm")
        return value

    def schema(self) -> dict:
        return {
            "type": ["number", "string"],
            "exclusiveMinimum": 0,
            "maximum": self.high,
            "pattern": r"^\s*[+-]?\d+([.,]\d+)?(\s*mm)?\s*$",
        }


class Bool(ScalarKind):
    expect = "true or false"

    def convert(self, text: str, node: ScalarNode, ctx: ValidationContext) -> Any:
        word = text.lower()
        if word in _TRUE or word in _FALSE:
            return word in _TRUE
        raise ValueError(f"expected true or false, found {describe(node)}")

    def schema(self) -> dict:
        # YAML 1.2 (an editor) reads yes/no/ja/nee as texts; the loader takes them as booleans.
        return {"type": ["boolean", "string"], "pattern": words_pattern(sorted(_TRUE | _FALSE))}


@dataclass
class Choice(ScalarKind):
    """One of a few words; case, spaces and hyphens are forgiven ("In progress").

    `aliases` are other words for the same values (normalised the same way), e.g.
    the Dutch status words; `also` names them in messages.
    """

    values: tuple[str, ...]
    noun: str
    aliases: dict[str, str] = field(default_factory=dict)
    also: str = ""

    def __post_init__(self) -> None:
        self.expect = "one of " + ", ".join(self.values)

    def convert(self, text: str, node: ScalarNode, ctx: ValidationContext) -> Any:
        word = re.sub(r"[\s-]+", "_", text.lower())
        if word in self.values:
            return word
        if word in self.aliases:
            return self.aliases[word]
        valid = ", ".join(self.values) + (f" ({self.also})" if self.also else "")
        hint = suggest(word, [*self.values, *self.aliases])
        raise ValueError(f"unknown {self.noun} '{text}'{hint}; use one of {valid}")

    def schema(self) -> dict:
        # Any accepted spelling passes; anything else is checked against the values themselves,
        # so an editor says "'klaarr' is not one of [...]" and offers the values as completions.
        words = list(dict.fromkeys([*self.values, *self.aliases]))
        return {
            "type": "string",
            "examples": list(self.values),
            "if": {"pattern": words_pattern(words, separators=True)},
            "else": {"enum": list(self.values)},
        }


def _comment_after(node: Node, ctx: ValidationContext) -> tuple[int, str] | None:
    """(column, text) of a '#' comment right after an unquoted empty value, from the source line; else None."""
    if getattr(node, "style", None) is not None:  # "" or '' was written: nothing was commented out
        return None
    mark = node.start_mark
    lines = ctx.lines.get(mark.name, ())
    line = lines[mark.line] if mark.line < len(lines) else ""
    hash_at = line.find("#", mark.column)
    if hash_at < 0 or line[mark.column : hash_at].strip():
        return None
    return hash_at, line[hash_at:]


class ColorKind(ScalarKind):
    expect = f"a colour ({colors.COLOR_FORMS})"

    def convert(self, text: str, node: ScalarNode, ctx: ValidationContext) -> Any:
        return colors.parse_color(text)

    def blank_is_error(self, node: Node, ctx: ValidationContext) -> bool:
        # `color: #1F3A5F` reads as empty: the # starts a comment, but a colour was meant.
        return _comment_after(node, ctx) is not None

    def parse(self, node: Node, path: str, ctx: ValidationContext) -> Any:
        if is_blank(node) and not ctx.refused(node):
            self._report_blank(node, path, ctx)
            return INVALID
        return super().parse(node, path, ctx)

    @staticmethod
    def _report_blank(node: Node, path: str, ctx: ValidationContext) -> None:
        mark = node.start_mark
        found = _comment_after(node, ctx)
        if found is None:  # an empty item of a list of colours
            message = 'no colour given; write a colour such as "#1F3A5F", or remove the empty item'
            ctx.diagnostics.append(
                Diagnostic(Severity.ERROR, message, Path(mark.name), mark.line + 1, mark.column + 1, path)
            )
            return
        # An unquoted #1F3A5F is a YAML comment, so the value arrives empty; point at the '#'.
        column, comment = found
        m = re.match(r"#([0-9a-fA-F]{3}|[0-9a-fA-F]{6})\b", comment)
        example = f"#{m.group(1)}" if m else "#1F3A5F"
        message = f'no colour given: an unquoted # starts a YAML comment; quote the colour: "{example}"'
        ctx.diagnostics.append(Diagnostic(Severity.ERROR, message, Path(mark.name), mark.line + 1, column + 1, path))

    def schema(self) -> dict:
        return {"type": "string", "pattern": colors.JSON_PATTERN}
