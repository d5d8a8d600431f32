"""Content stage: the model the loader builds - references as objects, defaults, scalars as written."""

from __future__ import annotations

from datetime import date

import pytest
from conftest import BASE, TODAY, at, edit, write_files

from poster.content import load, load_or_raise
from poster.content.model import (
    DEFAULT_COLORS,
    Color,
    Language,
    LogoPosition,
    Period,
    Status,
    Theme,
)
from poster.errors import ContentError

F = "roadmap.yaml"


def roadmap_of(tmp_path, text: str, **kwargs):
    result = load(write_files(tmp_path, {F: text}), today=kwargs.pop("today", TODAY), **kwargs)
    assert not result.errors, result.errors
    return result.roadmap


def test_references_are_the_objects_themselves(tmp_path):
    rm = roadmap_of(tmp_path, BASE)
    arch, portaal, _training = rm.plan.steps
    assert portaal.depends_on[0] is arch
    assert portaal.pillar is rm.strategy.pillars[1]
    assert rm.results[0].step is portaal
    assert [d.id for d in rm.strategy.pillars[0].dimensions] == ["cultuur", "leiderschap"]
    assert rm.strategy.pillars[0].dimensions[0] is rm.baseline.dimensions[1]
    assert rm.steps_of(rm.strategy.pillars[1]) == (arch, portaal)


def test_steps_keep_file_order_when_a_dependency_comes_later(tmp_path):
    text = edit(BASE, "      status: done\n", "      status: done\n      depends_on: [datawijsheid]\n")
    text = edit(
        text, "      start: 2026\n      end: 2027\n", "      start: 2024\n      end: 2024\n      status: done\n"
    )
    text = edit(text, "  start: 2025-01", "  start: 2024-01")
    rm = roadmap_of(tmp_path, text)
    assert [s.id for s in rm.plan.steps] == ["architectuur", "portaal", "datawijsheid"]
    assert rm.plan.steps[0].depends_on[0] is rm.plan.steps[2]
    assert rm.plan.steps[1].depends_on[0].depends_on[0] is rm.plan.steps[2]


def test_dates_are_periods_start_first_end_last(tmp_path):
    rm = roadmap_of(tmp_path, BASE)
    arch, portaal, training = rm.plan.steps
    assert arch.start == Period.quarter(2025, 1) and arch.start_date == date(2025, 1, 1)
    assert arch.end_date == date(2025, 9, 30)
    assert portaal.end == Period.half(2026, 1) and portaal.end_date == date(2026, 6, 30)
    assert training.start_date == date(2026, 1, 1) and training.end_date == date(2027, 12, 31)
    assert rm.plan.milestones[0].date == Period.day(date(2025, 6, 12))
    assert rm.baseline.measured == Period.month(2024, 3)
    assert rm.results[0].date == Period.month(2026, 2)


def test_status_and_progress_defaults(tmp_path):
    rm = roadmap_of(tmp_path, BASE)
    arch, portaal, training = rm.plan.steps
    assert (arch.status, arch.progress) == (Status.DONE, 100)
    assert (portaal.status, portaal.progress) == (Status.IN_PROGRESS, 60)
    assert (training.status, training.progress) == (Status.PLANNED, 0)


def test_forgiving_spellings(tmp_path):
    text = edit(BASE, "      status: in_progress\n", "      status: In progress\n")
    text = edit(text, "      progress: 60\n", "      progress: 60%\n")
    text = edit(text, "current: 1.5", "current: '1,5'")
    text = edit(text, "      done: true", "      done: ja")
    text = edit(text, "  start: 2025-01", "  start: 2025-1")
    text = edit(text, "      start: 2025-Q1\n", "      start: 2025-k1\n")
    rm = roadmap_of(tmp_path, text)
    assert rm.plan.steps[1].status is Status.IN_PROGRESS and rm.plan.steps[1].progress == 60
    assert rm.baseline.dimensions[1].current == 1.5
    assert rm.plan.milestones[0].done is True
    assert rm.plan.start == Period.month(2025, 1)
    assert rm.plan.steps[0].start == Period.quarter(2025, 1)


def test_scalars_keep_the_text_as_written(tmp_path):
    text = edit(BASE, "  title: Routekaart datagedreven werken", "  title: No")
    text = edit(text, '  version: "2.1"', "  version: 2.10")
    text = edit(text, "  organisation: Gemeente Voorbeeld", "  organisation: 2025")
    text = edit(text, "    - title: Betrouwbare data", "    - title: 1e+3")
    text = edit(text, "    - id: datawijsheid", "    - id: 42")
    rm = roadmap_of(tmp_path, text)
    assert rm.meta.title == "No"
    assert rm.meta.version == "2.10"
    assert rm.meta.organisation == "2025"
    assert rm.vision.ambitions[1].title == "1e+3"
    assert rm.plan.steps[2].id == "42"


def test_texts_are_stripped_but_keep_inner_line_breaks(tmp_path):
    text = edit(
        BASE,
        "  statement: Wij zetten data in voor betere besluiten.",
        "  statement: |\n    Regel een\n    Regel twee\n",
    )
    assert roadmap_of(tmp_path, text).vision.statement == "Regel een\nRegel twee"


def test_id_with_spaces(tmp_path):
    text = edit(BASE, "    - id: datawijsheid", "    - id: Data wijsheid")
    folder = write_files(tmp_path, {F: text})
    d = load(folder, today=TODAY).errors[0]
    assert d.format(relative_to=folder) == (
        f"{F}:{at(text, 'Data wijsheid')}: error: plan.steps[2].id: 'Data wijsheid' is not a valid id: an id is one "
        "word without spaces, e.g. 'data-wijsheid'"
    )


def test_as_of_from_the_file_partial_forms_take_the_first_day(tmp_path):
    rm = roadmap_of(tmp_path, edit(BASE, "  as_of: 2026-03-15", "  as_of: 2026-Q2"))
    assert rm.meta.as_of == date(2026, 4, 1) and rm.meta.as_of_given


def test_as_of_defaults_to_today(tmp_path):
    rm = roadmap_of(tmp_path, edit(BASE, "  as_of: 2026-03-15\n", ""), today=date(2026, 5, 1))
    assert rm.meta.as_of == date(2026, 5, 1) and rm.meta.as_of_given is False


def test_as_of_argument_overrides_the_file(tmp_path):
    rm = roadmap_of(tmp_path, BASE, as_of=date(2025, 2, 1))
    assert rm.meta.as_of == date(2025, 2, 1) and rm.meta.as_of_given


def test_meta_fields(tmp_path):
    rm = roadmap_of(tmp_path, edit(BASE, "  language: nl", "  language: EN"))
    assert rm.meta.language is Language.EN
    assert rm.meta.contact.name == "Anna de Vries" and rm.meta.contact.role is None
    assert rm.quote.text == "Datagedreven werken leeft nu." and rm.source_dir == tmp_path.resolve()
    assert rm.vision.benefits == ("Betere besluiten", "Minder dubbel werk")


def test_theme(tmp_path):
    theme = roadmap_of(tmp_path, BASE).theme
    assert theme.colors.primary == Color(0x1F, 0x3A, 0x5F)
    assert theme.colors.accent == Color(255, 102, 0, cmyk=(0.0, 0.6, 1.0, 0.0))
    assert theme.colors.background == DEFAULT_COLORS.background  # not given: the default
    assert theme.colors.pillars == (Color(0x11, 0x22, 0x33), Color(0x45, 0x67, 0x89))
    assert (theme.fonts.heading, theme.fonts.body) == ("Fira Sans", "Lato")
    assert (theme.logo_position, theme.logo_height_mm) == (LogoPosition.LEFT, 30.0)


def test_no_theme_gives_the_model_defaults(tmp_path):
    text = BASE[: BASE.index("theme:")]
    assert roadmap_of(tmp_path, text).theme == Theme()


def test_optional_sections_can_be_left_out(tmp_path):
    text = BASE
    for section in ("baseline", "results", "quote", "theme"):
        start = text.index(f"{section}:")
        end = min(
            (
                text.index(f"\n{s}:", start) + 1
                for s in ("strategy", "plan", "quote", "theme")
                if f"\n{s}:" in text[start:]
            ),
            default=len(text),
        )
        text = text[:start] + text[end:]
    text = text.replace("      dimensions: [cultuur, leiderschap]\n", "").replace("      dimensions: [techniek]\n", "")
    rm = roadmap_of(tmp_path, text)
    assert rm.baseline is None and rm.results == () and rm.quote is None and rm.theme == Theme()


def test_load_or_raise(tmp_path):
    folder = write_files(tmp_path, {F: edit(BASE, "      status: done\n", "      status: done\n      progress: 80\n")})
    rm, diagnostics = load_or_raise(folder)
    assert rm.plan.steps[0].progress == 80 and len(diagnostics) == 1
    with pytest.raises(ContentError) as info:
        load_or_raise(folder, strict=True)
    assert info.value.diagnostics == diagnostics
    assert info.value.exit_code == 1 and "1 warning" in info.value.message


def test_load_or_raise_on_errors(tmp_path):
    folder = write_files(tmp_path, {F: edit(BASE, "pillar: mensen", "pillar: x")})
    with pytest.raises(ContentError) as info:
        load_or_raise(folder)
    assert [d.severity.value for d in info.value.diagnostics] == ["warning", "error"]
