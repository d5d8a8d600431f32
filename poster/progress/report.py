"""Progress workflow: the text (nl/en) and JSON forms of updates, diffs and status summaries.

Only formatting: every number and list comes from edit, diff and status. Text is
for people at a terminal; the JSON form is stable data for scripts (ids, ISO
dates, content date strings as written in the format).
"""

from __future__ import annotations

import csv
import io
from datetime import date
from pathlib import Path

from poster.content.model import Language, Milestone, Period, Status, Step
from poster.i18n import Translator
from poster.progress.diff import LevelChanged, RoadmapDiff
from poster.progress.edit import EditPlan, FieldChange
from poster.progress.history import History, Point
from poster.progress.status import STATUS_ORDER, StatusSummary, Tally
from poster.progress.words import format_date, format_period, label, status_label


def _span(start: Period, end: Period, lang: Language) -> str:
    if start == end:
        return format_period(start, lang)
    return f"{format_period(start, lang)} {label(lang, 'until')} {format_period(end, lang)}"


def _value(change: FieldChange, value, lang: Language) -> str:
    if value is None:
        return f"({label(lang, 'none')})"
    if isinstance(value, Status):
        return status_label(lang, value)
    if change.field == "progress":
        return f"{value}%"
    if change.field == "done":
        return label(lang, "done" if value else "not_done")
    if isinstance(value, date):
        return format_date(value, lang)
    return str(value)


def format_changes(plan: EditPlan, relative_to: Path | None = None) -> str:
    """One line per changed value: `file:line  id  field: old → new`.

    The file is named relative to `relative_to` when it lies inside it, else in full.
    """
    lang = plan.language
    rows = []
    for c in plan.changes:
        where = f"{_shown(c.file, relative_to)}:{c.line}"
        what = label(lang, c.field)
        text = f"{what}: {_value(c, c.old, lang)} → {_value(c, c.new, lang)}"
        if c.implied_by:
            text += f" ({label(lang, 'auto')} {label(lang, c.implied_by)})"
        if c.note:
            text += f"  [{label(lang, 'note')}: {c.note}]"
        ident = "" if c.target == "meta" else c.ident
        rows.append((where, ident, text))
    w1 = max((len(r[0]) for r in rows), default=0)
    w2 = max((len(r[1]) for r in rows), default=0)
    return "\n".join(f"{a:<{w1}}  {b:<{w2}}  {t}" for a, b, t in rows)


def _shown(path: Path, relative_to: Path | None) -> str:
    if relative_to is not None:
        try:
            return str(path.relative_to(relative_to.resolve()))
        except ValueError:
            pass
    return str(path)


# --- poster diff -----------------------------------------------------------------------------


def format_diff(d: RoadmapDiff, lang: Language) -> str:
    out: list[str] = []
    if d.old_as_of != d.new_as_of:
        out.append(
            f"{label(lang, 'as_of').capitalize()}: {format_date(d.old_as_of, lang)} → {format_date(d.new_as_of, lang)}"
        )
    sections = [
        (
            "status_changes",
            [
                (c.step.id, f"{c.step.title}: {status_label(lang, c.old)} → {status_label(lang, c.step.status)}")
                for c in d.status_changes
            ],
        ),
        (
            "progress_changes",
            [(c.step.id, f"{c.step.title}: {c.old}% → {c.step.progress}%") for c in d.progress_changes],
        ),
        ("milestones_reached", [(m.id, f"{m.title} ({format_period(m.date, lang)})") for m in d.milestones_reached]),
        (
            "rescheduled",
            [
                (
                    c.step.id,
                    f"{c.step.title}: {_span(c.old_start, c.old_end, lang)} → {_span(c.step.start, c.step.end, lang)}",
                )
                for c in d.rescheduled
            ],
        ),
        ("steps_added", [(s.id, _step_line(s, lang)) for s in d.steps_added]),
        ("steps_removed", [(s.id, _step_line(s, lang)) for s in d.steps_removed]),
        ("milestones_added", [(m.id, f"{m.title} ({format_period(m.date, lang)})") for m in d.milestones_added]),
        ("milestones_removed", [(m.id, f"{m.title} ({format_period(m.date, lang)})") for m in d.milestones_removed]),
        (
            "milestones_moved",
            [
                (
                    c.milestone.id,
                    f"{c.milestone.title}: {format_period(c.old_date, lang)} → {format_period(c.milestone.date, lang)}",
                )
                for c in d.milestones_moved
            ],
        ),
        ("milestones_reopened", [(m.id, m.title) for m in d.milestones_reopened]),
        ("results_added", [("+", r.title) for r in d.results_added]),
        ("results_removed", [("-", r.title) for r in d.results_removed]),
        ("pillars_added", [(p.id, p.name) for p in d.pillars_added]),
        ("pillars_removed", [(p.id, p.name) for p in d.pillars_removed]),
        ("levels", [(c.dimension.id, _levels_line(c, lang)) for c in d.levels]),
    ]
    for key, rows in sections:
        if rows:
            out.append("")
            out.append(f"{label(lang, key)} ({len(rows)})")
            width = max(len(i) for i, _ in rows)
            out.extend(f"  {i:<{width}}  {t}" for i, t in rows)
    if d.texts:
        out.append("")
        out.append(f"{label(lang, 'texts')} ({len(d.texts)})")
        for t in d.texts:
            out.append(f"  {t.path}")
            out.append(f"    - {t.old or '(' + label(lang, 'none') + ')'}")
            out.append(f"    + {t.new or '(' + label(lang, 'none') + ')'}")
    if not out:
        out.append(label(lang, "other_changes" if d.other_changes else "no_changes"))
    return "\n".join(out).lstrip("\n")


def _levels_line(c: LevelChanged, lang: Language) -> str:
    def number(x: float) -> str:
        return f"{x:g}".replace(".", ",") if lang is Language.NL else f"{x:g}"

    parts = [
        f"{label(lang, name)} {number(old)} → {number(new)}"
        for name, old, new in (
            ("current", c.old_current, c.dimension.current),
            ("target", c.old_target, c.dimension.target),
        )
        if old != new
    ]
    return f"{c.dimension.name}: {', '.join(parts)}"


def _step_line(s: Step, lang: Language) -> str:
    return f"{s.title} ({s.pillar.name}, {_span(s.start, s.end, lang)}, {status_label(lang, s.status)})"


def _step_json(s: Step) -> dict:
    return {
        "id": s.id,
        "title": s.title,
        "pillar": s.pillar.id,
        "start": str(s.start),
        "end": str(s.end),
        "status": s.status.value,
        "progress": s.progress,
    }


def _milestone_json(m: Milestone) -> dict:
    return {"id": m.id, "title": m.title, "date": str(m.date), "done": m.done}


def diff_json(d: RoadmapDiff) -> dict:
    return {
        "as_of": {"old": d.old_as_of.isoformat(), "new": d.new_as_of.isoformat()},
        "steps_added": [_step_json(s) for s in d.steps_added],
        "steps_removed": [_step_json(s) for s in d.steps_removed],
        "rescheduled": [
            {
                "id": c.step.id,
                "old": {"start": str(c.old_start), "end": str(c.old_end)},
                "new": {"start": str(c.step.start), "end": str(c.step.end)},
            }
            for c in d.rescheduled
        ],
        "status_changes": [{"id": c.step.id, "old": c.old.value, "new": c.step.status.value} for c in d.status_changes],
        "progress_changes": [{"id": c.step.id, "old": c.old, "new": c.step.progress} for c in d.progress_changes],
        "milestones_reached": [_milestone_json(m) for m in d.milestones_reached],
        "milestones_reopened": [_milestone_json(m) for m in d.milestones_reopened],
        "milestones_added": [_milestone_json(m) for m in d.milestones_added],
        "milestones_removed": [_milestone_json(m) for m in d.milestones_removed],
        "milestones_moved": [
            {"id": c.milestone.id, "old": str(c.old_date), "new": str(c.milestone.date)} for c in d.milestones_moved
        ],
        "results_added": [r.title for r in d.results_added],
        "results_removed": [r.title for r in d.results_removed],
        "pillars_added": [{"id": p.id, "name": p.name} for p in d.pillars_added],
        "pillars_removed": [{"id": p.id, "name": p.name} for p in d.pillars_removed],
        "levels": [
            {
                "id": c.dimension.id,
                "current": {"old": c.old_current, "new": c.dimension.current},
                "target": {"old": c.old_target, "new": c.dimension.target},
            }
            for c in d.levels
        ],
        "texts": [{"path": t.path, "old": t.old, "new": t.new} for t in d.texts],
        "other_changes": d.other_changes,
    }


# --- poster status ---------------------------------------------------------------------------

_BAR = 10


def _bar(percent: int) -> str:
    filled = (percent * _BAR + 50) // 100  # half up, not Python's round-half-even
    return "█" * filled + "░" * (_BAR - filled) + f" {percent:>3}%"


def format_status(s: StatusSummary, lang: Language, title: str = "") -> str:
    shown = [st for st in STATUS_ORDER if s.overall.count(st)]  # only the statuses that occur
    heads = [label(lang, "pillar").capitalize(), label(lang, "steps")] + [status_label(lang, st) for st in shown]
    rows = [[p.name, *_counts(t, shown)] for p, t in s.pillars] + [[label(lang, "overall"), *_counts(s.overall, shown)]]
    bars = [_bar(t.progress) for _, t in s.pillars] + [_bar(s.overall.progress)]
    widths = [max(len(r[i]) for r in [heads, *rows]) for i in range(len(heads))]

    def line(cells: list[str]) -> str:
        return "  ".join([cells[0].ljust(widths[0])] + [c.rjust(w) for c, w in zip(cells[1:], widths[1:])])

    out = [title] if title else []
    out.append(f"{label(lang, 'as_of').capitalize()}: {format_date(s.as_of, lang)}")
    out += ["", line(heads) + "  " + label(lang, "progress")]
    out += [line(r) + "  " + b for r, b in zip(rows[:-1], bars[:-1])]
    out += ["-" * len(out[-1])]
    out += [line(rows[-1]) + "  " + bars[-1]]
    out += _step_block(label(lang, "overdue"), s.overdue, lang)
    out += _step_block(label(lang, "stale"), s.stale, lang)
    out += _milestone_block(label(lang, "late_milestones"), s.late_milestones, s.as_of, lang)
    out += _milestone_block(label(lang, "next_milestones"), s.next_milestones, s.as_of, lang)
    return "\n".join(out)


def _counts(t: Tally, shown: list[Status]) -> list[str]:
    return [str(t.steps)] + [str(t.count(st)) if t.count(st) else "-" for st in shown]


def _step_block(head: str, steps: tuple[Step, ...], lang: Language) -> list[str]:
    if not steps:
        return []
    width = max(len(s.id) for s in steps)
    lines = ["", f"{head} ({len(steps)})"]
    for s in steps:
        lines.append(
            f"  {s.id:<{width}}  {s.title} ({label(lang, 'ended')} {format_period(s.end, lang)}, "
            f"{status_label(lang, s.status)}, {s.progress}%)"
        )
    return lines


def _milestone_block(head: str, ms: tuple[Milestone, ...], as_of: date, lang: Language) -> list[str]:
    if not ms:
        return []
    dates = [format_period(m.date, lang) for m in ms]
    width = max(len(d) for d in dates)
    lines = ["", head]
    for m, d in zip(ms, dates):
        days = (m.day - as_of).days
        when = label(lang, "today") if days == 0 else label(lang, "in_days").format(n=days) if days > 0 else ""
        lines.append(f"  {d:<{width}}  {m.title}" + (f" ({when})" if when else ""))
    return lines


def status_json(s: StatusSummary) -> dict:
    def tally(t: Tally) -> dict:
        return {"steps": t.steps, "progress": t.progress, "counts": {st.value: n for st, n in t.counts}}

    return {
        "as_of": s.as_of.isoformat(),
        "pillars": [{"id": p.id, "name": p.name, **tally(t)} for p, t in s.pillars],
        "overall": tally(s.overall),
        "overdue": [_step_json(x) for x in s.overdue],
        "stale": [_step_json(x) for x in s.stale],
        "late_milestones": [_milestone_json(m) for m in s.late_milestones],
        "next_milestones": [_milestone_json(m) for m in s.next_milestones],
    }


# --- poster history --------------------------------------------------------------------------


def format_history(h: History, lang: Language, title: str = "") -> str:
    """Per commit the overall progress and steps per status, then the progress per pillar."""
    t = Translator(lang)
    shown = [st for st in STATUS_ORDER if any(p.overall.count(st) for p in h.points)]
    day = [t.date(p.day, short=True) for p in h.points]
    heads = (
        [
            label(lang, "date").capitalize(),
            label(lang, "as_of").capitalize(),
            label(lang, "overall"),
            label(lang, "steps"),
        ]
        + [status_label(lang, st) for st in shown]
        + [label(lang, "commit")]
    )
    rows = [
        [d, t.date(p.as_of, short=True), f"{p.overall.progress}%", *_counts(p.overall, shown), p.commit[:7]]
        for d, p in zip(day, h.points)
    ]
    out = [title] if title else []
    out += [label(lang, "history"), "", *_table(heads, rows, left=2)]
    names = list(dict.fromkeys(pp.name for p in h.points for pp in p.pillars))  # pillars may come and go
    if names:
        cells = [[d] + [_pillar_progress(p, n) for n in names] for d, p in zip(day, h.points)]
        out += ["", label(lang, "per_pillar"), "", *_table([label(lang, "date").capitalize(), *names], cells, left=1)]
    if h.skipped:
        out += ["", f"{label(lang, 'skipped')} ({len(h.skipped)})"]
        out += [f"  {t.date(s.day, short=True)}  {s.commit[:7]}  {s.reason}" for s in h.skipped]
    return "\n".join(out)


def _pillar_progress(p: Point, name: str) -> str:
    found = next((pp for pp in p.pillars if pp.name == name), None)
    return f"{found.tally.progress}%" if found else "-"


def _table(heads: list[str], rows: list[list[str]], left: int) -> list[str]:
    """Aligned columns: the first `left` to the left, the rest to the right (the commit again to the left)."""
    widths = [max(len(r[i]) for r in [heads, *rows]) for i in range(len(heads))]

    def line(cells: list[str]) -> str:
        return "  ".join(
            c.ljust(w) if i < left or (i == len(cells) - 1 and heads[-1] == "commit") else c.rjust(w)
            for i, (c, w) in enumerate(zip(cells, widths))
        ).rstrip()

    return [line(heads), *(line(r) for r in rows)]


def _tally_json(t: Tally) -> dict:
    return {"progress": t.progress, "steps": t.steps, "counts": {st.value: t.count(st) for st in STATUS_ORDER}}


def history_json(h: History) -> dict:
    return {
        "points": [
            {
                "commit": p.commit,
                "date": p.day.isoformat(),
                "as_of": p.as_of.isoformat(),
                "subject": p.subject,
                "overall": _tally_json(p.overall),
                "pillars": [{"id": pp.id, "name": pp.name, **_tally_json(pp.tally)} for pp in p.pillars],
            }
            for p in h.points
        ],
        "skipped": [{"commit": s.commit, "date": s.day.isoformat(), "reason": s.reason} for s in h.skipped],
    }


def history_csv(h: History, lang: Language) -> str:
    """One row per commit and pillar plus one for the whole plan (pillar_id empty): ready for a pivot table."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(
        ["date", "as_of", "commit", "pillar_id", "pillar", "steps", "progress", *(st.value for st in STATUS_ORDER)]
    )
    for p in h.points:
        rows = [("", label(lang, "overall"), p.overall)] + [(pp.id, pp.name, pp.tally) for pp in p.pillars]
        for ident, name, t in rows:
            writer.writerow(
                [
                    p.day.isoformat(),
                    p.as_of.isoformat(),
                    p.commit,
                    ident,
                    name,
                    t.steps,
                    t.progress,
                    *(t.count(st) for st in STATUS_ORDER),
                ]
            )
    return out.getvalue()
