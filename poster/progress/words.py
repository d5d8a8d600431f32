"""Progress workflow: the nl/en labels of its text output.

Status names, dates and periods come from poster.i18n, so the terminal says
what the poster says; the labels only these commands print are kept here, in
one small table, until they move to poster/i18n.py.
"""

from __future__ import annotations

from datetime import date

from poster.content.model import Language, Period, Status
from poster.i18n import Translator

LABELS = {
    Language.NL: {
        "as_of": "peildatum",
        "status": "status",
        "progress": "voortgang",
        "done": "bereikt",
        "not_done": "nog niet bereikt",
        "pillar": "spoor",
        "steps_added": "Nieuwe stappen",
        "steps_removed": "Vervallen stappen",
        "rescheduled": "Verschoven",
        "status_changes": "Statuswijzigingen",
        "progress_changes": "Voortgang",
        "milestones_reached": "Mijlpalen bereikt",
        "milestones_added": "Nieuwe mijlpalen",
        "milestones_removed": "Vervallen mijlpalen",
        "milestones_moved": "Verschoven mijlpalen",
        "milestones_reopened": "Mijlpalen heropend",
        "results_added": "Nieuwe resultaten",
        "results_removed": "Vervallen resultaten",
        "pillars_added": "Nieuwe sporen",
        "pillars_removed": "Vervallen sporen",
        "levels": "Nulmeting",
        "current": "huidig",
        "target": "doel",
        "other_changes": "Geen verschillen in deze lijst, wel andere wijzigingen (bijvoorbeeld in het thema, "
        "de schaal van de nulmeting of het logo).",
        "texts": "Gewijzigde teksten",
        "no_changes": "Geen verschillen.",
        "overall": "Totaal",
        "steps": "stappen",
        "overdue": "Over de einddatum",
        "stale": "Nog 'gepland' maar einddatum voorbij",
        "next_milestones": "Volgende mijlpalen",
        "late_milestones": "Mijlpalen over datum",
        "none": "geen",
        "until": "t/m",
        "ended": "einddatum",
        "in_days": "over {n} dagen",
        "today": "vandaag",
        "auto": "volgt uit",
        "dry_run": "Proefdraai: niets geschreven.",
        "note": "notitie",
        "history": "Voortgang door de tijd",
        "date": "datum",
        "commit": "commit",
        "per_pillar": "Voortgang per spoor",
        "skipped": "Overgeslagen: deze versies laden niet",
        "nothing": "Niets te wijzigen: alles stond al zo.",
    },
    Language.EN: {
        "as_of": "reporting date",
        "status": "status",
        "progress": "progress",
        "done": "reached",
        "not_done": "not reached",
        "pillar": "pillar",
        "steps_added": "Steps added",
        "steps_removed": "Steps removed",
        "rescheduled": "Rescheduled",
        "status_changes": "Status changes",
        "progress_changes": "Progress",
        "milestones_reached": "Milestones reached",
        "milestones_added": "Milestones added",
        "milestones_removed": "Milestones removed",
        "milestones_moved": "Milestones moved",
        "milestones_reopened": "Milestones reopened",
        "results_added": "Results added",
        "results_removed": "Results removed",
        "pillars_added": "Pillars added",
        "pillars_removed": "Pillars removed",
        "levels": "Baseline",
        "current": "current",
        "target": "target",
        "other_changes": "Nothing this list shows changed, but other things did (for example the theme, "
        "the baseline's scale or the logo).",
        "texts": "Changed texts",
        "no_changes": "No differences.",
        "overall": "Overall",
        "steps": "steps",
        "overdue": "Past their end date",
        "stale": "Still 'planned' after their end date",
        "next_milestones": "Next milestones",
        "late_milestones": "Milestones past their date",
        "none": "none",
        "until": "to",
        "ended": "ended",
        "in_days": "in {n} days",
        "today": "today",
        "auto": "follows from",
        "dry_run": "Dry run: nothing written.",
        "note": "note",
        "history": "Progress over time",
        "date": "date",
        "commit": "commit",
        "per_pillar": "Progress per pillar",
        "skipped": "Skipped: these versions do not load",
        "nothing": "Nothing to change: everything was already so.",
    },
}


def label(lang: Language, key: str) -> str:
    return LABELS[lang][key]


def status_label(lang: Language, status: Status) -> str:
    """Lower case for use inside a sentence ('bezig → gereed'); the poster's own wording."""
    return Translator(lang).status(status).lower()


def format_date(d: date, lang: Language) -> str:
    """'12 juni 2025' / '12 June 2025', as the poster writes it."""
    return Translator(lang).date(d)


def format_period(p: Period, lang: Language) -> str:
    """A content date as the poster says it: '12 juni 2025', 'juni 2025', 'K3 2025', 'H1 2025', '2025'."""
    return Translator(lang).period(p)
