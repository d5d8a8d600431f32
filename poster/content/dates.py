"""Content stage: the five date forms of the content format, parsed into `Period`s.

A date is written as a day, month, quarter, half year or year. The loader keeps
the period; a start means its first day and an end its last (`Period.first` /
`Period.last`). Parsed from the text as written, so `2025` (a YAML int) and
`2025-06-12` (a YAML date) and their quoted forms are all the same.
"""

from __future__ import annotations

import re
from datetime import date

from poster.content.model import Period

DATE_FORMS = "YYYY-MM-DD, YYYY-MM, YYYY-Qn, YYYY-Hn or YYYY"
EXAMPLES = "e.g. 2025-06-12, 2025-06, 2025-Q2, 2025-H1 or 2025"

# Month and day may have one digit (YAML 1.1 itself reads 2025-6-1 as a date);
# K (kwartaal) is accepted beside Q because Dutch writers use it.
_DATE = re.compile(
    r"(?P<year>\d{4})"
    r"(?:-(?P<month>\d{1,2})(?:-(?P<day>\d{1,2}))?"
    r"|-[QqKk](?P<quarter>\d)"
    r"|-[Hh](?P<half>\d))?"
)
JSON_PATTERN = r"^\d{4}(-\d{1,2}(-\d{1,2})?|-[QqKk][1-4]|-[Hh][12])?$"


def parse_period(text: str) -> Period:
    """Parse one of the five forms; ValueError with a message that shows the valid forms."""
    written = text.strip()
    m = _DATE.fullmatch(written)
    if m is None:
        raise ValueError(f"'{written}' is not a date; write {DATE_FORMS} ({EXAMPLES})")
    year = int(m["year"])
    if year < 1:
        raise ValueError(f"'{written}' is not a date: there is no year 0")
    if m["quarter"] is not None:
        return _quarter(written, year, int(m["quarter"]))
    if m["half"] is not None:
        return _half(written, year, int(m["half"]))
    if m["month"] is None:
        return Period.whole_year(year)
    month = int(m["month"])
    if not 1 <= month <= 12:
        raise ValueError(f"'{written}' is not a date: month {month} does not exist (use 01 to 12)")
    if m["day"] is None:
        return Period.month(year, month)
    try:
        return Period.day(date(year, month, int(m["day"])))
    except ValueError:
        raise ValueError(f"'{written}' is not a date: day {int(m['day'])} does not exist in that month") from None


def _quarter(written: str, year: int, quarter: int) -> Period:
    if not 1 <= quarter <= 4:
        raise ValueError(f"'{written}' is not a date: quarters are Q1 to Q4")
    return Period.quarter(year, quarter)


def _half(written: str, year: int, half: int) -> Period:
    if half not in (1, 2):
        raise ValueError(f"'{written}' is not a date: half years are H1 and H2")
    return Period.half(year, half)


def parse_day(text: str) -> date:
    """A single day from any form: the first day of the period (used for as_of)."""
    return parse_period(text).first
