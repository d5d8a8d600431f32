"""Progress workflow: the nl/en labels of its text output.

Status names, dates and periods come from poster.i18n, so the terminal says
what the poster says; the labels only these commands print are poster.i18n's
"report.*" labels.
"""

from __future__ import annotations

from datetime import date

from poster.content.model import Language, Period, Status
from poster.i18n import LABELS, Translator


def label(lang: Language, key: str) -> str:
    """A word of the progress commands' output: poster.i18n's "report.<key>", placeholders ({n}) left in."""
    return LABELS[lang.value][f"report.{key}"]


def status_label(lang: Language, status: Status) -> str:
    """Lower case for use inside a sentence ('bezig → gereed'); the poster's own wording."""
    return Translator(lang).status(status).lower()


def format_date(d: date, lang: Language) -> str:
    """'12 juni 2025' / '12 June 2025', as the poster writes it."""
    return Translator(lang).date(d)


def format_period(p: Period, lang: Language) -> str:
    """A content date as the poster says it: '12 juni 2025', 'juni 2025', 'K3 2025', 'H1 2025', '2025'."""
    return Translator(lang).period(p)
