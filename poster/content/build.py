"""Content stage: turn validated, cross-checked `Record`s into the frozen model.

Runs only when no error was found, so every required value is present and every
reference resolves; references become the objects themselves.
"""

from __future__ import annotations

from datetime import date
from graphlib import TopologicalSorter
from pathlib import Path

from poster.content import model as m
from poster.content.validate import Record


def build_roadmap(sections: dict, folder: Path, as_of: date, as_of_given: bool) -> m.Roadmap:
    baseline = _baseline(sections["baseline"]) if "baseline" in sections else None
    dimensions = {d.id: d for d in baseline.dimensions} if baseline else {}
    strategy = _strategy(sections["strategy"], dimensions)
    plan = _plan(sections["plan"], {p.id: p for p in strategy.pillars})
    steps = {s.id: s for s in plan.steps}
    return m.Roadmap(
        meta=_meta(sections["meta"], as_of, as_of_given),
        vision=_vision(sections["vision"]),
        strategy=strategy,
        plan=plan,
        baseline=baseline,
        results=tuple(_result(r, steps) for r in sections.get("results", ())),
        quote=_quote(sections["quote"]) if "quote" in sections else None,
        theme=_theme(sections["theme"]) if "theme" in sections else m.Theme(),
        source_dir=folder,
    )


def _meta(rec: Record, as_of: date, as_of_given: bool) -> m.Meta:
    contact = rec.get("contact")
    return m.Meta(
        organisation=rec.get("organisation"),
        title=rec.get("title"),
        as_of=as_of,
        language=m.Language(rec.get("language", "nl")),
        subtitle=rec.get("subtitle"),
        version=rec.get("version"),
        as_of_given=as_of_given,
        logo=rec.get("logo"),
        contact=m.Contact(**contact.values) if contact is not None else None,
    )


def _vision(rec: Record) -> m.Vision:
    return m.Vision(
        statement=rec.get("statement"),
        ambitions=tuple(m.Ambition(a.get("title"), a.get("text")) for a in rec.get("ambitions", ())),
        benefits=tuple(rec.get("benefits", ())),
        preconditions=tuple(rec.get("preconditions", ())),
    )


def _baseline(rec: Record) -> m.Baseline:
    return m.Baseline(
        measured=rec.get("measured"),
        horizon=rec.get("horizon"),
        scale=tuple(rec.get("scale")),
        dimensions=tuple(
            m.Dimension(d.get("id"), d.get("name"), d.get("current"), d.get("target"), d.get("note"))
            for d in rec.get("dimensions")
        ),
    )


def _strategy(rec: Record, dimensions: dict[str, m.Dimension]) -> m.Strategy:
    pillars = tuple(
        m.Pillar(
            id=p.get("id"),
            name=p.get("name"),
            goal=p.get("goal"),
            dimensions=tuple(dimensions[ref.value] for ref in p.get("dimensions", ())),
            color=p.get("color"),
        )
        for p in rec.get("pillars")
    )
    return m.Strategy(pillars=pillars, intro=rec.get("intro"))


def _plan(rec: Record, pillars: dict[str, m.Pillar]) -> m.Plan:
    records = {s.get("id"): s for s in rec.get("steps")}
    graph = {key: [ref.value for ref in s.get("depends_on", ())] for key, s in records.items()}
    built: dict[str, m.Step] = {}
    # Dependencies first, so each Step can hold the Step objects it depends on.
    for key in TopologicalSorter(graph).static_order():
        built[key] = _step(records[key], pillars, built)
    milestones = tuple(
        m.Milestone(x.get("id"), x.get("title"), x.get("date"), x.get("done", False)) for x in rec.get("milestones", ())
    )
    return m.Plan(
        start=rec.get("start"),
        end=rec.get("end"),
        steps=tuple(built[key] for key in records),  # file order
        milestones=milestones,
    )


def _step(rec: Record, pillars: dict[str, m.Pillar], built: dict[str, m.Step]) -> m.Step:
    status = m.Status(rec.get("status", "planned"))
    return m.Step(
        id=rec.get("id"),
        title=rec.get("title"),
        pillar=pillars[rec.get("pillar")],
        start=rec.get("start"),
        end=rec.get("end"),
        status=status,
        progress=rec.get("progress", status.default_progress),
        owner=rec.get("owner"),
        depends_on=tuple(built[key] for key in dict.fromkeys(ref.value for ref in rec.get("depends_on", ()))),
        description=rec.get("description"),
    )


def _result(rec: Record, steps: dict[str, m.Step]) -> m.Result:
    step = rec.get("step")
    return m.Result(rec.get("title"), rec.get("date"), steps[step] if step is not None else None)


def _quote(rec: Record) -> m.Quote:
    return m.Quote(rec.get("text"), rec.get("source"))


def _theme(rec: Record) -> m.Theme:
    colors, fonts, logo = rec.get("colors"), rec.get("fonts"), rec.get("logo")
    default = m.DEFAULT_COLORS
    theme_colors = default
    if colors is not None:
        theme_colors = m.ThemeColors(
            primary=colors.get("primary", default.primary),
            accent=colors.get("accent", default.accent),
            background=colors.get("background", default.background),
            text=colors.get("text", default.text),
            muted=colors.get("muted"),
            surface=colors.get("surface"),
            pillars=tuple(colors.get("pillars", ())),
        )
    theme_fonts = m.ThemeFonts()
    if fonts is not None:
        theme_fonts = m.ThemeFonts(
            heading=fonts.get("heading", theme_fonts.heading), body=fonts.get("body", theme_fonts.body)
        )
    return m.Theme(
        colors=theme_colors,
        fonts=theme_fonts,
        logo_position=m.LogoPosition(logo.get("position", "right")) if logo is not None else m.LogoPosition.RIGHT,
        logo_height_mm=logo.get("height") if logo is not None else None,
    )
