"""Fuzz: mutated content through every command - check, build --all, diff, status, progress --dry-run - never a traceback.

Hypothesis mutates a valid roadmap (conftest.BASE): a value replaced by hostile
text (control characters, lone surrogates and surrogate pairs written as YAML
escapes, bidi controls, zero-width spaces, combining marks, emoji, very long
words, YAML syntax), a line dropped, doubled or cut. Each command must end in
its own clean error or succeed; an exception escaping the CLI fails the test.

The time budget keeps it inside `make test`: a few examples through every
command (build --all is the slow one). POSTER_FUZZ_EXAMPLES=500 (and
POSTER_FUZZ_SECONDS) make a real campaign of it.
"""

from __future__ import annotations

import os
import time
import zlib

import pytest
from click.testing import CliRunner
from conftest import BASE, write_files
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from poster.cli import main

EXAMPLES = int(os.environ.get("POSTER_FUZZ_EXAMPLES", "8"))
SECONDS = float(os.environ.get("POSTER_FUZZ_SECONDS", "40"))
BUILD_EVERY = int(os.environ.get("POSTER_FUZZ_BUILD_EVERY", "4"))  # build --all for one example in this many

# BASE with a muted colour dark enough on its lanes for the print preflight, so `build --all` gets to
# the end (HTML, slides, print PDF) on content that is not broken.
COLORS = '  colors: {primary: "#1F3A5F", accent: "cmyk(0, 60, 100, 0)", pillars: ["#123", "#456789"]}'
assert BASE.count(COLORS) == 1
FUZZ_BASE = BASE.replace(COLORS, '  colors: {muted: "#5A5A5A"}')
LINES = FUZZ_BASE.splitlines()
VALUE_LINES = [i for i, line in enumerate(LINES) if ": " in line and not line.rstrip().endswith(":")]

# Pieces hostile text is made of, each as a YAML double-quoted escape or literal.
PIECES = [
    "\\e]0;title\\a",
    "\\e[2J",
    "\\x1b[31m",
    "\\N",
    "\\x85",
    "\\0",
    "\\x7f",  # terminal controls, NEL, NUL, DEL
    "\\ud83d\\ude00",
    "\\ud83d",
    "\\ude00",
    "\\udfff",  # a surrogate pair, lone halves
    "\\u202e",
    "\\u200b",
    "\\u00ad",
    "\\u2028",
    "\\ufeff",  # bidi override, ZWSP, soft hyphen, line sep, BOM
    "e\\u0301\\u0301\\u0301",
    "\\U0001F468\\u200d\\U0001F469\\u200d\\U0001F467",  # combining marks, a ZWJ family
    "gemeenteraadsvergadering" * 40,
    "DATAGEDREVENWERKPROGRAMMA",
    "x" * 300,
    "<script>alert(1)</script>",
    "&amp;",
    "]]>",
    "{{x}}",
    "%s%n",
    "\\\\",
    '\\"',
    "'",
    "#",
    "Réalité",
    "ĳ",
    "ß",
    "İ",
    "\\u0627\\u0644\\u0639\\u0631\\u0628\\u064a\\u0629",
    "日本語",
]


@st.composite
def mutated(draw) -> str:
    lines = list(LINES)
    for _ in range(draw(st.integers(1, 3))):
        i = draw(st.sampled_from(VALUE_LINES))
        kind = draw(st.sampled_from(["value", "value", "value", "drop", "double", "cut", "raw"]))
        if kind == "value":
            key = lines[i].split(": ", 1)[0]
            text = "".join(draw(st.lists(st.sampled_from(PIECES), min_size=1, max_size=4)))
            lines[i] = f'{key}: "{text}"'
        elif kind == "drop":
            lines[i] = ""
        elif kind == "double":
            lines.insert(i, lines[i])
        elif kind == "cut":
            lines[i] = lines[i][: draw(st.integers(0, len(lines[i])))]
        else:
            key = lines[i].split(": ", 1)[0]
            lines[i] = f"{key}: " + draw(st.text(st.characters(blacklist_categories=("Cs",)), max_size=30))
    return "\n".join(lines) + "\n"


class Budget:
    def __init__(self, seconds: float):
        self.end = time.monotonic() + seconds

    @property
    def spent(self) -> bool:
        return time.monotonic() > self.end


def run_clean(args: list[str]) -> int:
    """Run the CLI in this process; anything but a normal exit (0, 1 or 2) is a crash. Returns the exit code."""
    result = CliRunner().invoke(main, args)
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise AssertionError(
            f"poster {' '.join(args[:1])} raised {type(result.exception).__name__}: {result.exception}"
        ) from result.exception
    assert result.exit_code in (0, 1, 2), (args, result.exit_code, result.output)
    return result.exit_code


@pytest.fixture(scope="module")
def budget():
    return Budget(SECONDS)


@pytest.mark.slow
@settings(
    max_examples=EXAMPLES,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(text=mutated())
def test_mutated_content_never_crashes_a_command(text, tmp_path_factory, budget):
    if budget.spent:
        return  # the time budget of `make test` is used up; the rest of the campaign is for POSTER_FUZZ_EXAMPLES
    root = tmp_path_factory.mktemp("fuzz")
    old = write_files(root / "old", {"roadmap.yaml": FUZZ_BASE})
    new = write_files(root / "new", {"roadmap.yaml": text})
    run_clean(["check", str(new)])
    run_clean(["diff", str(old), str(new)])
    run_clean(["diff", str(old), str(new), "--format", "json"])
    run_clean(["status", str(new)])
    run_clean(["progress", str(new), "portaal", "--progress", "70", "--dry-run"])
    if zlib.crc32(text.encode()) % BUILD_EVERY == 0:
        run_clean(["build", str(new), "--all", "--out", str(root / "out")])


# -- the campaign's cases (issue 15), through every command ---------------------------------------------

TITLE = "  title: Routekaart datagedreven werken"
CASES = {
    "surrogate pair and escapes": (
        TITLE + "\n  subtitle: Van plan naar praktijk",
        '  title: "Emoji \\ud83d\\ude00"\n  subtitle: "x\\e]0;pwned\\a\\e[2J\\N"',
    ),
    "lone surrogate": (TITLE, '  title: "Emoji \\ud83d"'),
    "terminal escapes": (TITLE, '  title: "x\\e]0;pwned\\a\\e[2J\\N"'),
    "escape in an id": ("    - id: architectuur", '    - id: "kpi\\e[2Jx"'),
    "long unbreakable title": ("    - title: Datagedreven cultuur", "    - title: " + "gemeenteraadsvergadering" * 660),
    "zero-width joined": ("      text: Alle teams gebruiken data.", '      text: "' + "data\\u200b" * 3000 + '"'),
    "bad e-mail": ("    email: a.devries@example.nl", "    email: a.devries"),
}


@pytest.mark.slow
@pytest.mark.parametrize("case", CASES)
def test_the_campaigns_cases_never_crash_a_command(case, tmp_path):
    old_line, new_line = CASES[case]
    assert FUZZ_BASE.count(old_line) == 1
    old = write_files(tmp_path / "old", {"roadmap.yaml": FUZZ_BASE})
    new = write_files(tmp_path / "new", {"roadmap.yaml": FUZZ_BASE.replace(old_line, new_line)})
    run_clean(["check", str(new)])
    run_clean(["diff", str(old), str(new)])
    run_clean(["diff", str(new), str(old), "--format", "json"])
    run_clean(["status", str(new)])
    run_clean(["progress", str(new), "portaal", "--progress", "70", "--dry-run"])
    if case == "surrogate pair and escapes":  # passed check, then crashed the HTML, diff and status
        assert run_clean(["build", str(new), "--all", "--out", str(tmp_path / "out")]) == 0
        page = (tmp_path / "out" / "new.html").read_text(encoding="utf-8")
        assert "\x1b" not in page and "\x85" not in page
