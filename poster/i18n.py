"""Fixed labels the poster prints and dates in the poster's language, without OS locales."""

from __future__ import annotations

import datetime
from datetime import date

from poster.content.model import Language, Period, PeriodKind, Status

_MONTHS = {
    "nl": (
        "januari",
        "februari",
        "maart",
        "april",
        "mei",
        "juni",
        "juli",
        "augustus",
        "september",
        "oktober",
        "november",
        "december",
    ),
    "en": (
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ),
}
_MONTHS_SHORT = {
    "nl": ("jan", "feb", "mrt", "apr", "mei", "jun", "jul", "aug", "sep", "okt", "nov", "dec"),
    "en": ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"),
}

LABELS: dict[str, dict[str, str]] = {
    "nl": {
        "vision": "Visie",
        "ambitions": "Ambities",
        "benefits": "Wat levert het op",
        "preconditions": "Randvoorwaarden",
        "baseline": "Nulmeting",
        "baseline_caption": "Gemeten in {measured} · ambitie over {horizon} jaar",
        "baseline_current": "Nu ({year})",
        "baseline_target": "Ambitie ({year})",
        "strategy": "Strategische aanpak",
        "improves": "Werkt aan",
        "plan": "Stappenplan",
        "strategy_plan": "Aanpak en stappenplan",
        "plan_period": "{start} – {end}",
        "milestones": "Mijlpalen",
        "milestone": "Mijlpaal",
        "milestone_done": "Mijlpaal bereikt",
        "we_are_here": "We zijn hier",
        "overdue": "Te laat",
        "overdue_long": "Over de einddatum",
        "progress_label": "Voortgang",
        "dependency": "Afhankelijkheid",
        "new_completed": "nieuw gereed",
        "new_started": "nieuw gestart",
        "new_since": "Nieuw sinds {date}",
        "results": "Resultaten",
        "progress": "Voortgang",
        "steps_done": "{done} van {total} stappen gereed",
        "overall": "Totaal",
        "overall_caption": "gemiddelde voortgang van alle stappen",
        "status_counts": "Stappen per status",
        "history_title": "Voortgang door de tijd",
        "history_caption": "Gemiddelde voortgang aan het eind van elk kwartaal; daaronder het aantal stappen gereed.",
        "history_done": "gereed",
        "history_quarter": "Kwartaal",
        "history_steps_done": "Stappen gereed",
        "history_chart_summary": "Staafdiagram: de gemiddelde voortgang per kwartaal, van {first}% in het {start} tot "
        "{last}% in het {end}; stappen gereed van {done_first} tot {done_last}. De tabel hierna geeft alle getallen.",
        "history_chart_summary_one": "Staafdiagram: de gemiddelde voortgang in het {end}, {last}%; {done_last} stappen "
        "gereed. De tabel hierna geeft de getallen.",
        "history_chart_as_of": "Het driehoekje onder de as markeert de peildatum ({date}).",
        "legend": "Legenda",
        "as_of": "Stand per {date}",
        "version": "Versie {version}",
        "contact": "Contact",
        "made_with": "Gemaakt met poster",
        "quarter": "K{n}",
        "half": "H{n}",
        # The HTML page and the slide deck (poster/render/html*.py, poster/slides).
        "quarter_long": "{n}e kwartaal",
        "half_long": "{n}e helft",
        "html_skip": "Naar de tekstversie",
        "html_poster": "Poster",
        "html_poster_alt": "Poster {title}. De volledige inhoud staat onder de poster in de tekstversie.",
        "html_viewer": "Poster, in- en uitzoomen en schuiven",
        "html_zoom_in": "Inzoomen",
        "html_zoom_out": "Uitzoomen",
        "html_zoom_reset": "Hele poster",
        "html_zoom_level": "Zoom {percent}%",
        "html_zoom_controls": "Zoomen",
        "html_help": "Klik op de poster of ga er met Tab naartoe: + en − zoomen, de pijltjestoetsen schuiven, "
        "0 toont de hele poster. Met de muis: scrollwiel en slepen; op een touchscreen: knijpen en vegen.",
        "html_text_version": "Tekstversie van de poster",
        "html_text_intro": "Alle inhoud van de poster in tekst en tabellen, in de volgorde van de poster.",
        "dimension": "Dimensie",
        "note": "Toelichting",
        "scale_levels": "Schaal van 1 tot {n}: {levels}.",
        "level_between": "tussen {low} en {high}",
        "pillar": "Spoor",
        "pillars": "Sporen",
        "goal": "Doel",
        "step": "Stap",
        "period": "Periode",
        "status": "Status",
        "owner": "Eigenaar",
        "depends_on": "Volgt op",
        "date": "Datum",
        "result": "Resultaat",
        "count": "Aantal",
        "steps_of": "{pillar}: stappen",
        "overdue_words": "te laat: einddatum {date} is verstreken",
        "milestone_open": "Nog niet bereikt",
        "milestone_reached": "Bereikt",
        "quote": "Citaat",
        "progress_per_pillar": "Voortgang per spoor",
        "slide_poster": "De hele poster",
        "slide_continued": "{title} (vervolg)",
        # The progress commands' terminal output (poster progress, diff, status), read by poster.progress.words.
        "report.as_of": "peildatum",
        "report.status": "status",
        "report.progress": "voortgang",
        "report.done": "bereikt",
        "report.not_done": "nog niet bereikt",
        "report.pillar": "spoor",
        "report.steps_added": "Nieuwe stappen",
        "report.steps_removed": "Vervallen stappen",
        "report.rescheduled": "Verschoven",
        "report.status_changes": "Statuswijzigingen",
        "report.progress_changes": "Voortgang",
        "report.milestones_reached": "Mijlpalen bereikt",
        "report.milestones_added": "Nieuwe mijlpalen",
        "report.milestones_removed": "Vervallen mijlpalen",
        "report.milestones_moved": "Verschoven mijlpalen",
        "report.milestones_reopened": "Mijlpalen heropend",
        "report.results_added": "Nieuwe resultaten",
        "report.results_removed": "Vervallen resultaten",
        "report.pillars_added": "Nieuwe sporen",
        "report.pillars_removed": "Vervallen sporen",
        "report.levels": "Nulmeting",
        "report.current": "huidig",
        "report.target": "doel",
        "report.other_changes": "Geen verschillen in deze lijst, wel andere wijzigingen (bijvoorbeeld in het thema, de schaal van de nulmeting of het logo).",
        "report.texts": "Gewijzigde teksten",
        "report.no_changes": "Geen verschillen.",
        "report.overall": "Totaal",
        "report.steps": "stappen",
        "report.overdue": "Over de einddatum",
        "report.stale": "Nog 'gepland' maar einddatum voorbij",
        "report.next_milestones": "Volgende mijlpalen",
        "report.late_milestones": "Mijlpalen over datum",
        "report.none": "geen",
        "report.until": "t/m",
        "report.ended": "einddatum",
        "report.in_days": "over {n} dagen",
        "report.today": "vandaag",
        "report.auto": "volgt uit",
        "report.dry_run": "Proefdraai: niets geschreven.",
        "report.note": "notitie",
        "report.history": "Voortgang door de tijd",
        "report.date": "datum",
        "report.commit": "commit",
        "report.per_pillar": "Voortgang per spoor",
        "report.skipped": "Overgeslagen: deze versies laden niet",
        "report.nothing": "Niets te wijzigen: alles stond al zo.",
    },
    "en": {
        "vision": "Vision",
        "ambitions": "Ambitions",
        "benefits": "What it brings",
        "preconditions": "Preconditions",
        "baseline": "Baseline",
        "baseline_caption": "Measured in {measured} · target in {horizon} years",
        "baseline_current": "Now ({year})",
        "baseline_target": "Target ({year})",
        "strategy": "Strategic approach",
        "improves": "Improves",
        "plan": "Roadmap",
        "strategy_plan": "Approach and roadmap",
        "plan_period": "{start} – {end}",
        "milestones": "Milestones",
        "milestone": "Milestone",
        "milestone_done": "Milestone reached",
        "we_are_here": "We are here",
        "overdue": "Overdue",
        "overdue_long": "Past its end date",
        "progress_label": "Progress",
        "dependency": "Dependency",
        "new_completed": "newly done",
        "new_started": "newly started",
        "new_since": "New since {date}",
        "results": "Results",
        "progress": "Progress",
        "steps_done": "{done} of {total} steps done",
        "overall": "Overall",
        "overall_caption": "average progress of all steps",
        "status_counts": "Steps by status",
        "history_title": "Progress over time",
        "history_caption": "Average progress at the end of each quarter; below it the number of steps done.",
        "history_done": "done",
        "history_quarter": "Quarter",
        "history_steps_done": "Steps done",
        "history_chart_summary": "Bar chart: the average progress per quarter, from {first}% in {start} to {last}% in "
        "{end}; steps done from {done_first} to {done_last}. The table after it gives every number.",
        "history_chart_summary_one": "Bar chart: the average progress in {end}, {last}%; {done_last} steps done. "
        "The table after it gives the numbers.",
        "history_chart_as_of": "The small triangle under the axis marks the reporting date ({date}).",
        "legend": "Legend",
        "as_of": "Status as of {date}",
        "version": "Version {version}",
        "contact": "Contact",
        "made_with": "Made with poster",
        "quarter": "Q{n}",
        "half": "H{n}",
        # The HTML page and the slide deck (poster/render/html*.py, poster/slides).
        "quarter_long": "Q{n}",
        "half_long": "H{n}",
        "html_skip": "Skip to the text version",
        "html_poster": "Poster",
        "html_poster_alt": "Poster {title}. Its full content follows below the poster in the text version.",
        "html_viewer": "Poster, zoom and pan",
        "html_zoom_in": "Zoom in",
        "html_zoom_out": "Zoom out",
        "html_zoom_reset": "Whole poster",
        "html_zoom_level": "Zoom {percent}%",
        "html_zoom_controls": "Zoom",
        "html_help": "Click the poster or reach it with Tab: + and − zoom, the arrow keys pan, 0 shows the whole "
        "poster. With a mouse: wheel and drag; on a touch screen: pinch and swipe.",
        "html_text_version": "Text version of the poster",
        "html_text_intro": "All the poster's content as text and tables, in the poster's order.",
        "dimension": "Dimension",
        "note": "Note",
        "scale_levels": "Scale from 1 to {n}: {levels}.",
        "level_between": "between {low} and {high}",
        "pillar": "Pillar",
        "pillars": "Pillars",
        "goal": "Goal",
        "step": "Step",
        "period": "Period",
        "status": "Status",
        "owner": "Owner",
        "depends_on": "Depends on",
        "date": "Date",
        "result": "Result",
        "count": "Count",
        "steps_of": "{pillar}: steps",
        "overdue_words": "overdue: end date {date} has passed",
        "milestone_open": "Not yet reached",
        "milestone_reached": "Reached",
        "quote": "Quote",
        "progress_per_pillar": "Progress per pillar",
        "slide_poster": "The whole poster",
        "slide_continued": "{title} (continued)",
        # The progress commands' terminal output (poster progress, diff, status), read by poster.progress.words.
        "report.as_of": "reporting date",
        "report.status": "status",
        "report.progress": "progress",
        "report.done": "reached",
        "report.not_done": "not reached",
        "report.pillar": "pillar",
        "report.steps_added": "Steps added",
        "report.steps_removed": "Steps removed",
        "report.rescheduled": "Rescheduled",
        "report.status_changes": "Status changes",
        "report.progress_changes": "Progress",
        "report.milestones_reached": "Milestones reached",
        "report.milestones_added": "Milestones added",
        "report.milestones_removed": "Milestones removed",
        "report.milestones_moved": "Milestones moved",
        "report.milestones_reopened": "Milestones reopened",
        "report.results_added": "Results added",
        "report.results_removed": "Results removed",
        "report.pillars_added": "Pillars added",
        "report.pillars_removed": "Pillars removed",
        "report.levels": "Baseline",
        "report.current": "current",
        "report.target": "target",
        "report.other_changes": "Nothing this list shows changed, but other things did (for example the theme, the baseline's scale or the logo).",
        "report.texts": "Changed texts",
        "report.no_changes": "No differences.",
        "report.overall": "Overall",
        "report.steps": "steps",
        "report.overdue": "Past their end date",
        "report.stale": "Still 'planned' after their end date",
        "report.next_milestones": "Next milestones",
        "report.late_milestones": "Milestones past their date",
        "report.none": "none",
        "report.until": "to",
        "report.ended": "ended",
        "report.in_days": "in {n} days",
        "report.today": "today",
        "report.auto": "follows from",
        "report.dry_run": "Dry run: nothing written.",
        "report.note": "note",
        "report.history": "Progress over time",
        "report.date": "date",
        "report.commit": "commit",
        "report.per_pillar": "Progress per pillar",
        "report.skipped": "Skipped: these versions do not load",
        "report.nothing": "Nothing to change: everything was already so.",
    },
}

STATUS_LABELS: dict[str, dict[Status, str]] = {
    "nl": {
        Status.PLANNED: "Gepland",
        Status.IN_PROGRESS: "Bezig",
        Status.DONE: "Gereed",
        Status.DELAYED: "Vertraagd",
        Status.ON_HOLD: "Gepauzeerd",
        Status.CANCELLED: "Geschrapt",
    },
    "en": {
        Status.PLANNED: "Planned",
        Status.IN_PROGRESS: "In progress",
        Status.DONE: "Done",
        Status.DELAYED: "Delayed",
        Status.ON_HOLD: "On hold",
        Status.CANCELLED: "Cancelled",
    },
}

BCP47 = {"nl": "nl-NL", "en": "en-GB"}


class Translator:
    """Labels and date formats for one language."""

    def __init__(self, language: Language | str):
        self.lang = language.value if isinstance(language, Language) else str(language)
        if self.lang not in LABELS:
            raise KeyError(f"no translations for language {self.lang!r}")

    def __call__(self, key: str, **values: object) -> str:
        return LABELS[self.lang][key].format(**values)

    def status(self, status: Status) -> str:
        return STATUS_LABELS[self.lang][status]

    @property
    def bcp47(self) -> str:
        return BCP47[self.lang]

    def month(self, number: int, short: bool = False) -> str:
        return (_MONTHS_SHORT if short else _MONTHS)[self.lang][number - 1]

    def date(self, d: date, short: bool = False) -> str:
        """'16 maart 2026' / '16 March 2026'; short: '16 mrt 2026'."""
        return f"{d.day} {self.month(d.month, short)} {d.year}"

    def month_year(self, d: datetime.date, short: bool = False) -> str:  # `date` here is the method above
        return f"{self.month(d.month, short)} {d.year}"

    def period(self, p: Period) -> str:
        """A period as a reader says it: 'maart 2024', 'K2 2025', '2025'."""
        if p.kind is PeriodKind.DAY:
            return self.date(p.first)
        if p.kind is PeriodKind.MONTH:
            return self.month_year(p.first)
        if p.kind is PeriodKind.QUARTER:
            return f"{self('quarter', n=p.number)} {p.year}"
        if p.kind is PeriodKind.HALF:
            return f"{self('half', n=p.number)} {p.year}"
        return str(p.year)
