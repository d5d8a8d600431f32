"""Content stage: the date and colour forms, parsed on their own."""

from __future__ import annotations

from datetime import date

import pytest

from poster.content.colors import parse_color
from poster.content.dates import parse_day, parse_period
from poster.content.model import Color, Period, PeriodKind


@pytest.mark.parametrize(
    ("text", "first", "last", "kind"),
    [
        ("2025-06-12", date(2025, 6, 12), date(2025, 6, 12), PeriodKind.DAY),
        ("2025-6-1", date(2025, 6, 1), date(2025, 6, 1), PeriodKind.DAY),
        ("2025-06", date(2025, 6, 1), date(2025, 6, 30), PeriodKind.MONTH),
        ("2024-02", date(2024, 2, 1), date(2024, 2, 29), PeriodKind.MONTH),
        ("2025-Q1", date(2025, 1, 1), date(2025, 3, 31), PeriodKind.QUARTER),
        ("2025-q4", date(2025, 10, 1), date(2025, 12, 31), PeriodKind.QUARTER),
        ("2025-K2", date(2025, 4, 1), date(2025, 6, 30), PeriodKind.QUARTER),
        ("2025-H1", date(2025, 1, 1), date(2025, 6, 30), PeriodKind.HALF),
        ("2025-H2", date(2025, 7, 1), date(2025, 12, 31), PeriodKind.HALF),
        ("2025", date(2025, 1, 1), date(2025, 12, 31), PeriodKind.YEAR),
        (" 2025 ", date(2025, 1, 1), date(2025, 12, 31), PeriodKind.YEAR),
    ],
)
def test_date_forms(text, first, last, kind):
    period = parse_period(text)
    assert (period.first, period.last, period.kind) == (first, last, kind)


def test_canonical_text_round_trips():
    for text in ("2025-06-12", "2025-06", "2025-Q3", "2025-H2", "2025"):
        assert str(parse_period(text)) == text
    assert parse_period("2025-03") == Period.month(2025, 3)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            "juni 2025",
            "'juni 2025' is not a date; write YYYY-MM-DD, YYYY-MM, YYYY-Qn, YYYY-Hn or YYYY "
            "(e.g. 2025-06-12, 2025-06, 2025-Q2, 2025-H1 or 2025)",
        ),
        (
            "12-06-2025",
            "'12-06-2025' is not a date; write YYYY-MM-DD, YYYY-MM, YYYY-Qn, YYYY-Hn or YYYY "
            "(e.g. 2025-06-12, 2025-06, 2025-Q2, 2025-H1 or 2025)",
        ),
        ("2025-00", "'2025-00' is not a date: month 0 does not exist (use 01 to 12)"),
        ("2025-02-29", "'2025-02-29' is not a date: day 29 does not exist in that month"),
        ("2025-Q0", "'2025-Q0' is not a date: quarters are Q1 to Q4"),
        ("2025-H3", "'2025-H3' is not a date: half years are H1 and H2"),
        ("0000", "'0000' is not a date: there is no year 0"),
        (
            "2025-06-12T10:00:00",
            "'2025-06-12T10:00:00' is not a date; write YYYY-MM-DD, YYYY-MM, YYYY-Qn, YYYY-Hn "
            "or YYYY (e.g. 2025-06-12, 2025-06, 2025-Q2, 2025-H1 or 2025)",
        ),
    ],
)
def test_bad_dates(text, message):
    with pytest.raises(ValueError) as info:
        parse_period(text)
    assert str(info.value) == message


def test_parse_day_takes_the_first_day():
    assert parse_day("2026-Q4") == date(2026, 10, 1)
    assert parse_day("2026-11-27") == date(2026, 11, 27)


@pytest.mark.parametrize(
    ("text", "color"),
    [
        ("#1F3A5F", Color(0x1F, 0x3A, 0x5F)),
        ("#1f3a5f", Color(0x1F, 0x3A, 0x5F)),
        ("#FA0", Color(0xFF, 0xAA, 0x00)),
        ("cmyk(100, 0, 0, 0)", Color(0, 255, 255, cmyk=(1.0, 0.0, 0.0, 0.0))),
        ("CMYK(0%, 50%, 100%, 20%)", Color(204, 102, 0, cmyk=(0.0, 0.5, 1.0, 0.2))),
        ("cmyk(0,0,0,100)", Color(0, 0, 0, cmyk=(0.0, 0.0, 0.0, 1.0))),
        ("cmyk(12,5, 0, 0, 0)", None),
    ],
)
def test_colour_forms(text, color):
    if color is None:
        with pytest.raises(ValueError):
            parse_color(text)
    else:
        assert parse_color(text) == color


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("blue", '\'blue\' is not a colour; write "#RRGGBB", "#RGB" or "cmyk(c, m, y, k)" in percent, e.g. "#1F3A5F"'),
        (
            "#12345",
            '\'#12345\' is not a colour; write "#RRGGBB", "#RGB" or "cmyk(c, m, y, k)" in percent, e.g. "#1F3A5F"',
        ),
        (
            "#GGHHII",
            '\'#GGHHII\' is not a colour; write "#RRGGBB", "#RGB" or "cmyk(c, m, y, k)" in percent, e.g. "#1F3A5F"',
        ),
        ("1F3A5F", "'1F3A5F' is not a colour: a hex colour starts with '#' and must be quoted: \"#1F3A5F\""),
        ("cmyk(0, 0, 0, 101)", "'cmyk(0, 0, 0, 101)' is not a colour: each cmyk part is a percentage from 0 to 100"),
    ],
)
def test_bad_colours(text, message):
    with pytest.raises(ValueError) as info:
        parse_color(text)
    assert str(info.value) == message
