"""Render stage, HTML page: the poster's full text alternative, written from the roadmap (not from the drawing).

Headings per section in the poster's order, the nulmeting as one table, the
stappenplan as one table per pillar with status, overdue and progress in
words, milestones, results and progress. Labels and dates come from
poster.i18n, so the page reads in the poster's language. Every content string
is escaped here; nothing else in the page holds content.
"""

from __future__ import annotations

from html import escape

from poster.content.model import Period, PeriodKind, Roadmap, Status, Step
from poster.i18n import Translator
from poster.layout.context import HistoryQuarter
from poster.render.html_chart import history_chart

PROGRESS_ORDER = (Status.DONE, Status.IN_PROGRESS, Status.DELAYED, Status.ON_HOLD, Status.PLANNED, Status.CANCELLED)


def e(text: object) -> str:
    return escape(str(text), quote=True)


class Writer:
    """The text alternative of one roadmap, section by section; `html()` joins them."""

    def __init__(self, roadmap: Roadmap, history: tuple[HistoryQuarter, ...] = ()):
        self.r = roadmap
        self.t = Translator(roadmap.meta.language)
        self.history = history
        self.tables = 0

    def html(self) -> str:
        parts = [self.vision(), self.baseline(), self.strategy(), self.plan(), self.results(), self.progress()]
        return "\n".join(p for p in parts if p)

    def table(self, caption: str, rest: str, *, hidden_caption: bool = False, narrow: bool = False) -> str:
        """A table in its scrolling wrapper: a group named by the table's caption (not a landmark).

        On a phone a wide table scrolls sideways inside its wrapper; the page's
        script makes a wrapper that scrolls focusable, so a keyboard can scroll
        it too (WCAG 2.1.1; axe: scrollable-region-focusable).
        """
        self.tables += 1
        ident = f"table-{self.tables}"
        table_class = ' class="narrow"' if narrow else ""
        caption_class = ' class="visually-hidden"' if hidden_caption else ""
        return (
            f'<div class="table-wrap" role="group" aria-labelledby="{ident}"><table{table_class}>\n'
            f'<caption id="{ident}"{caption_class}>{e(caption)}</caption>\n{rest}</table></div>'
        )

    # -- words -------------------------------------------------------------
    def number(self, value: float) -> str:
        """1.5 -> '1,5' in Dutch; whole numbers without decimals."""
        text = f"{value:g}"
        return text.replace(".", ",") if self.t.lang == "nl" else text

    def period(self, p: Period) -> str:
        """A period in words a screen reader says well: '1e kwartaal 2025' rather than 'K1 2025'."""
        if p.kind is PeriodKind.QUARTER:
            return f"{self.t('quarter_long', n=p.number)} {p.year}"
        if p.kind is PeriodKind.HALF:
            return f"{self.t('half_long', n=p.number)} {p.year}"
        return self.t.period(p)

    def span(self, start: Period, end: Period) -> str:
        if start == end:
            return self.period(start)
        return self.t("plan_period", start=self.period(start), end=self.period(end))

    def level(self, value: float) -> str:
        """'2 (Ontwikkelend)' or '1,5 (tussen Startend en Ontwikkelend)'."""
        baseline = self.r.baseline
        assert baseline is not None, "levels are written only for a nulmeting"
        scale = baseline.scale
        if value == int(value) and 1 <= value <= len(scale):
            name = scale[int(value) - 1]
        else:
            low, high = int(value), int(value) + 1
            name = self.t("level_between", low=scale[low - 1], high=scale[min(high, len(scale)) - 1])
        return f"{self.number(value)} ({name})"

    def status(self, step: Step) -> str:
        words = e(self.t.status(step.status))
        if step.is_overdue(self.r.meta.as_of):
            words += f', <span class="overdue">{e(self.t("overdue_words", date=self.period(step.end)))}</span>'
        return words

    # -- sections ------------------------------------------------------------
    def section(self, key: str, title: str, body: str) -> str:
        return f'<section aria-labelledby="s-{key}">\n<h3 id="s-{key}">{e(title)}</h3>\n{body}\n</section>'

    def vision(self) -> str:
        v = self.r.vision
        out = [f'<p class="lead">{e(v.statement)}</p>']
        if v.ambitions:
            out.append(f"<h4>{e(self.t('ambitions'))}</h4>")
            cards = []
            for a in v.ambitions:
                text = f"<p>{e(a.text)}</p>" if a.text else ""
                cards.append(f'<li><h5 class="card-title">{e(a.title)}</h5>{text}</li>')
            out.append('<ul class="cards">\n' + "\n".join(cards) + "\n</ul>")
        for key, entries in (("benefits", v.benefits), ("preconditions", v.preconditions)):
            if entries:
                out.append(f"<h4>{e(self.t(key))}</h4>")
                out.append("<ul>\n" + "\n".join(f"<li>{e(x)}</li>" for x in entries) + "\n</ul>")
        q = self.r.quote
        if q is not None:
            source = f"<footer>— {e(q.source)}</footer>" if q.source else ""
            out.append(f"<h4>{e(self.t('quote'))}</h4>\n<blockquote><p>{e(q.text)}</p>{source}</blockquote>")
        return self.section("vision", self.t("vision"), "\n".join(out))

    def baseline(self) -> str:
        b = self.r.baseline
        if b is None:
            return ""
        t = self.t
        now = t("baseline_current", year=b.measured.year)
        target = t("baseline_target", year=b.measured.year + b.horizon)
        caption = t("baseline_caption", measured=self.period(b.measured), horizon=b.horizon)
        levels = ", ".join(f"{i} {name}" for i, name in enumerate(b.scale, 1))
        has_notes = any(d.note for d in b.dimensions)
        head = f'<th scope="col">{e(t("dimension"))}</th><th scope="col">{e(now)}</th><th scope="col">{e(target)}</th>'
        if has_notes:
            head += f'<th scope="col">{e(t("note"))}</th>'
        rows = []
        for d in b.dimensions:
            cells = (
                f'<th scope="row">{e(d.name)}</th><td>{e(self.level(d.current))}</td><td>{e(self.level(d.target))}</td>'
            )
            if has_notes:
                cells += f"<td>{e(d.note or '')}</td>"
            rows.append(f"<tr>{cells}</tr>")
        body = f"<p>{e(t('scale_levels', n=len(b.scale), levels=levels))}</p>\n" + self.table(
            f"{t('baseline')}: {caption}",
            f"<thead><tr>{head}</tr></thead>\n<tbody>\n" + "\n".join(rows) + "\n</tbody>",
        )
        return self.section("baseline", t("baseline"), body)

    def strategy(self) -> str:
        s = self.r.strategy
        out = [f'<p class="intro">{e(s.intro)}</p>'] if s.intro else []
        items = []
        for p in s.pillars:
            goal = f'<span class="block">{e(p.goal)}</span>' if p.goal else ""
            dims = ""
            if p.dimensions:
                dims = (
                    f'<span class="note">{e(self.t("improves"))}: {e(", ".join(d.name for d in p.dimensions))}</span>'
                )
            items.append(f"<li><strong>{e(p.name)}</strong>{goal}{dims}</li>")
        out.append("<ul>\n" + "\n".join(items) + "\n</ul>")
        return self.section("strategy", self.t("strategy"), "\n".join(out))

    def plan(self) -> str:
        plan = self.r.plan
        t = self.t
        out = [
            f"<p>{e(t('plan_period', start=self.period(plan.start), end=self.period(plan.end)))}. "
            f"{e(t('as_of', date=t.date(self.r.meta.as_of)))}.</p>"
        ]
        for pillar in self.r.strategy.pillars:
            steps = self.r.steps_of(pillar)
            out.append(f'<h4 id="p-{e(pillar.id)}">{e(pillar.name)}</h4>')
            if pillar.goal:
                out.append(f'<p class="pillar-goal">{e(t("goal"))}: {e(pillar.goal)}</p>')
            if steps:
                out.append(self.steps_table(pillar.name, steps))
        if plan.milestones:
            out.append(f"<h4>{e(t('milestones'))}</h4>")
            rows = []
            for m in sorted(plan.milestones, key=lambda m: (m.day, m.id)):
                state = t("milestone_reached") if m.done else t("milestone_open")
                rows.append(
                    f'<tr><th scope="row">{e(m.title)}</th><td>{e(self.period(m.date))}</td><td>{e(state)}</td></tr>'
                )
            out.append(
                self.table(
                    t("milestones"),
                    f'<thead><tr><th scope="col">{e(t("milestone"))}</th><th scope="col">{e(t("date"))}</th>'
                    f'<th scope="col">{e(t("status"))}</th></tr></thead>\n<tbody>\n' + "\n".join(rows) + "\n</tbody>",
                    hidden_caption=True,
                )
            )
        return self.section("plan", t("plan"), "\n".join(out))

    def steps_table(self, pillar_name: str, steps: tuple[Step, ...]) -> str:
        t = self.t
        owners = any(s.owner for s in steps)
        deps = any(s.depends_on for s in steps)
        head = [t("step"), t("period"), t("status"), t("progress_label")]
        head += [t("owner")] * owners + [t("depends_on")] * deps
        num = ' class="num"'
        cols = "".join(f'<th scope="col"{num if h == t("progress_label") else ""}>{e(h)}</th>' for h in head)
        rows = []
        for s in steps:
            title = e(s.title) + (f'<span class="note">{e(s.description)}</span>' if s.description else "")
            cells = [
                f'<th scope="row">{title}</th>',
                f"<td>{e(self.span(s.start, s.end))}</td>",
                f"<td>{self.status(s)}</td>",
                f'<td class="num">{s.progress}%</td>',
            ]
            if owners:
                cells.append(f"<td>{e(s.owner or '')}</td>")
            if deps:
                cells.append(f"<td>{e(', '.join(d.title for d in s.depends_on))}</td>")
            rows.append("<tr>" + "".join(cells) + "</tr>")
        # The caption names the table for a screen reader; sighted readers have the pillar's heading above it.
        return self.table(
            t("steps_of", pillar=pillar_name),
            f"<thead><tr>{cols}</tr></thead>\n<tbody>\n" + "\n".join(rows) + "\n</tbody>",
            hidden_caption=True,
        )

    def results(self) -> str:
        results = self.r.results
        if not results:
            return ""
        t = self.t
        rows = []
        for res in results:
            when = self.period(res.date) if res.date else ""
            step = res.step.title if res.step else ""
            rows.append(f'<tr><th scope="row">{e(res.title)}</th><td>{e(when)}</td><td>{e(step)}</td></tr>')
        body = self.table(
            t("results"),
            f'<thead><tr><th scope="col">{e(t("result"))}</th><th scope="col">{e(t("date"))}</th>'
            f'<th scope="col">{e(t("step"))}</th></tr></thead>\n<tbody>\n' + "\n".join(rows) + "\n</tbody>",
            hidden_caption=True,
        )
        return self.section("results", t("results"), body)

    def progress(self) -> str:
        steps = [s for s in self.r.plan.steps if s.status is not Status.CANCELLED]
        if not steps:
            return ""
        t = self.t
        done = sum(1 for s in steps if s.status is Status.DONE)
        average = round(sum(s.progress for s in steps) / len(steps))
        out = [
            f'<p><span class="figure">{average}%</span> {e(t("overall_caption"))}. '
            f"<strong>{e(t('steps_done', done=done, total=len(steps)))}</strong>.</p>"
        ]
        counts = [(st, sum(1 for s in self.r.plan.steps if s.status is st)) for st in PROGRESS_ORDER]
        rows = "\n".join(
            f'<tr><th scope="row">{e(t.status(st))}</th><td class="num">{n}</td></tr>' for st, n in counts if n
        )
        out.append(
            self.table(
                t("status_counts"),
                f'<thead><tr><th scope="col">{e(t("status"))}</th><th scope="col" class="num">{e(t("count"))}'
                f"</th></tr></thead>\n<tbody>\n{rows}\n</tbody>",
                narrow=True,
            )
        )
        per = []
        for p in self.r.strategy.pillars:
            mine = [s for s in self.r.steps_of(p) if s.status is not Status.CANCELLED]
            n_done = sum(1 for s in mine if s.status is Status.DONE)
            per.append(
                f'<tr><th scope="row">{e(p.name)}</th><td>{e(t("steps_done", done=n_done, total=len(mine)))}</td></tr>'
            )
        out.append(
            self.table(
                t("progress_per_pillar"),
                f'<thead><tr><th scope="col">{e(t("pillar"))}</th><th scope="col">{e(t("progress"))}</th>'
                "</tr></thead>\n<tbody>\n" + "\n".join(per) + "\n</tbody>",
                narrow=True,
            )
        )
        if self.history:
            out.append(history_chart(self.history, t, t.date(self.r.meta.as_of), "history-chart"))
            out.append(self.history_table())
        return self.section("progress", t("progress"), "\n".join(out))

    def history_table(self) -> str:
        """The numbers of the chart "Voortgang door de tijd": per quarter the progress and the steps done."""
        t = self.t
        rows = "\n".join(
            f'<tr><th scope="row">{e(t("quarter", n=q.quarter))} {q.year}'
            + (f" ({e(t('as_of', date=t.date(self.r.meta.as_of)).lower())})" if q.current else "")
            + f'</th><td class="num">{q.progress}%</td><td class="num">{q.done}</td></tr>'
            for q in self.history
        )
        return self.table(
            t("history_title"),
            f'<thead><tr><th scope="col">{e(t("history_quarter"))}</th><th scope="col" class="num">{e(t("progress"))}'
            f'</th><th scope="col" class="num">{e(t("history_steps_done"))}</th></tr></thead>\n'
            f"<tbody>\n{rows}\n</tbody>",
            narrow=True,
            hidden_caption=True,  # the chart's caption just above names it on screen
        )


def text_alternative(roadmap: Roadmap, history: tuple[HistoryQuarter, ...] = ()) -> str:
    """The sections of the text version as HTML (headings h3 and below; the page gives the h2)."""
    return Writer(roadmap, history).html()
