"""Content stage: every rule of CONTENT-FORMAT.md gives its exact message at the exact place."""

from __future__ import annotations

from datetime import date

import pytest
from conftest import BASE, at, edit

F = "roadmap.yaml"


def test_base_is_clean(check_text):
    assert check_text(BASE) == []


# (old text, new text, needle where the diagnostic points in the edited text, "severity: path: message")
RULES = [
    pytest.param(
        "    - id: portaal\n      title:",
        "    - id: portaal\n      titel:",
        "titel:",
        "error: plan.steps[1].titel: unknown key 'titel' (did you mean 'title'?)",
        id="unknown-key-dutch",
    ),
    pytest.param(
        "      progress: 60\n",
        "      progres: 60\n",
        "progres:",
        "error: plan.steps[1].progres: unknown key 'progres' (did you mean 'progress'?)",
        id="unknown-key-typo",
    ),
    pytest.param(
        "  source: Gemeente Voorbeeld\n",
        "  source: Gemeente Voorbeeld\n  zzz: 1\n",
        "zzz",
        "error: quote.zzz: unknown key 'zzz'; valid keys here: text, source",
        id="unknown-key-no-suggestion",
    ),
    pytest.param(
        "quote:\n",
        "qoute:\n",
        "qoute",
        "error: qoute: unknown section 'qoute' (did you mean 'quote'?)",
        id="unknown-section",
    ),
    pytest.param(
        "      title: Portaal met dashboards\n",
        "",
        "id: portaal",
        "error: plan.steps[1]: missing required field 'title': what the step delivers, shown on its bar",
        id="missing-field",
    ),
    pytest.param(
        "  title: Routekaart datagedreven werken\n",
        "  title:\n",
        "\n  subtitle",
        "error: meta.title: missing value: the poster's title, e.g. Routekaart datagedreven werken",
        id="blank-required-field",
    ),
    pytest.param(
        "  benefits: [Betere besluiten, Minder dubbel werk]",
        "  benefits: Betere besluiten",
        "Betere besluiten",
        "error: vision.benefits: expected a list of benefits (each item on a line starting with '- '), "
        "found 'Betere besluiten'",
        id="wrong-type-list",
    ),
    pytest.param(
        "  statement: Wij zetten data in voor betere besluiten.",
        "  statement: [a, b]",
        "[a, b]",
        "error: vision.statement: expected a text, found a list",
        id="wrong-type-text",
    ),
    pytest.param(
        "    - id: datawijsheid",
        "    - id: portaal",
        "portaal\n      title: Training",
        "error: plan.steps[2].id: duplicate step id 'portaal' (first at line 45); give each step its own id",
        id="duplicate-step-id",
    ),
    pytest.param(
        "      dimensions: [techniek]\n",
        "      dimensions: [techniek]\n    - id: mensen\n      name: Extra\n",
        "mensen\n      name: Extra",
        "error: strategy.pillars[2].id: duplicate pillar id 'mensen' (first at line 28); give each pillar its own id",
        id="duplicate-pillar-id",
    ),
    pytest.param(
        "target: 4}\nstrategy",
        "target: 4}\n    - {id: cultuur, name: Twee, current: 1, target: 2}\nstrategy",
        "cultuur, name: Twee",
        "error: baseline.dimensions[3].id: duplicate dimension id 'cultuur' (first at line 24); "
        "give each dimension its own id",
        id="duplicate-dimension-id",
    ),
    pytest.param(
        "      pillar: techniek\n      start: 2025-Q3",
        "      pillar: xyz\n      start: 2025-Q3",
        "xyz",
        "error: plan.steps[1].pillar: unknown pillar 'xyz'; valid pillars: mensen, techniek",
        id="unknown-pillar-list",
    ),
    pytest.param(
        "depends_on: [architectuur]",
        "depends_on: [architectur]",
        "architectur]",
        "error: plan.steps[1].depends_on[0]: unknown step 'architectur' (did you mean 'architectuur'?)",
        id="unknown-dependency",
    ),
    pytest.param(
        "    step: portaal\n",
        "    step: portal\n",
        "portal",
        "error: results[0].step: unknown step 'portal' (did you mean 'portaal'?)",
        id="unknown-result-step",
    ),
    pytest.param(
        "dimensions: [techniek]",
        "dimensions: [xyz]",
        "xyz]",
        "error: strategy.pillars[1].dimensions[0]: unknown dimension 'xyz'; valid dimensions: "
        "leiderschap, cultuur, techniek",
        id="unknown-dimension",
    ),
    pytest.param(
        "      status: done\n",
        "      status: done\n      depends_on: [portaal]\n",
        "portaal]",
        "error: plan.steps[0].depends_on[0]: dependency cycle: architectuur -> portaal -> architectuur; "
        "a step cannot (indirectly) depend on itself",
        id="cycle",
    ),
    pytest.param(
        "      end: 2027\n",
        "      end: 2027\n      depends_on: datawijsheid\n",
        "datawijsheid\n  mile",
        "error: plan.steps[2].depends_on[0]: dependency cycle: datawijsheid -> datawijsheid; "
        "a step cannot (indirectly) depend on itself",
        id="self-dependency",
    ),
    pytest.param(
        "      start: 2025-Q3\n      end: 2026-H1",
        "      start: 2025-Q3\n      end: juni 2026",
        "juni",
        "error: plan.steps[1].end: 'juni 2026' is not a date; write YYYY-MM-DD, YYYY-MM, YYYY-Qn, YYYY-Hn or YYYY "
        "(e.g. 2025-06-12, 2025-06, 2025-Q2, 2025-H1 or 2025)",
        id="bad-date",
    ),
    pytest.param(
        "  measured: 2024-03",
        "  measured: 2024-13",
        "2024-13",
        "error: baseline.measured: '2024-13' is not a date: month 13 does not exist (use 01 to 12)",
        id="bad-month",
    ),
    pytest.param(
        "      date: 2025-06-12",
        "      date: 2025-02-30",
        "2025-02-30",
        "error: plan.milestones[0].date: '2025-02-30' is not a date: day 30 does not exist in that month",
        id="bad-day",
    ),
    pytest.param(
        "      start: 2025-Q1\n",
        "      start: 2025-Q5\n",
        "2025-Q5",
        "error: plan.steps[0].start: '2025-Q5' is not a date: quarters are Q1 to Q4",
        id="bad-quarter",
    ),
    pytest.param(
        "      start: 2025-Q3\n      end: 2026-H1",
        "      start: 2025-Q3\n      end: 2025-Q2",
        "2025-Q2",
        "error: plan.steps[1].end: the step ends (2025-Q2) before it starts (2025-Q3); swap them or correct one",
        id="end-before-start",
    ),
    pytest.param(
        "current: 3, target: 4}",
        "current: 6, target: 4}",
        "6, target",
        "error: baseline.dimensions[2].current: level 6 is outside the scale: use 1 (Startend) to 5 (Transformerend); "
        "halves such as 2.5 are allowed",
        id="level-outside-scale",
    ),
    pytest.param(
        "current: 3, target: 4}",
        "current: 2.3, target: 4}",
        "2.3",
        "error: baseline.dimensions[2].current: level 2.3 is not a whole or half number; use e.g. 2 or 2.5",
        id="level-not-half",
    ),
    pytest.param(
        "      progress: 60\n",
        "      progress: 160\n",
        "160",
        "error: plan.steps[1].progress: progress 160 is out of range; use 0 to 100",
        id="progress-range",
    ),
    pytest.param(
        "      progress: 60\n",
        "      progress: veel\n",
        "veel",
        "error: plan.steps[1].progress: progress 'veel' is not a whole number; use 0 to 100",
        id="progress-not-number",
    ),
    pytest.param(
        "      status: in_progress\n",
        "      status: half af\n",
        "half af",
        "error: plan.steps[1].status: unknown status 'half af'; use one of planned, in_progress, done, delayed, "
        "on_hold, cancelled (or: gepland, bezig, gereed, vertraagd, gepauzeerd, geschrapt)",
        id="bad-status",
    ),
    pytest.param(
        "      status: in_progress\n",
        "      status: bezigg\n",
        "bezigg",
        "error: plan.steps[1].status: unknown status 'bezigg' (did you mean 'bezig'?); use one of planned, "
        "in_progress, done, delayed, on_hold, cancelled (or: gepland, bezig, gereed, vertraagd, gepauzeerd, "
        "geschrapt)",
        id="bad-status-dutch-typo",
    ),
    pytest.param(
        '      color: "#0B7A75"',
        '      color: "#0B7A7"',
        '"#0B7A7"',
        'error: strategy.pillars[0].color: \'#0B7A7\' is not a colour; write "#RRGGBB", "#RGB" or '
        '"cmyk(c, m, y, k)" in percent, e.g. "#1F3A5F"',
        id="bad-colour",
    ),
    pytest.param(
        '      color: "#0B7A75"',
        "      color: #0B7A75",
        "#0B7A75",
        "error: strategy.pillars[0].color: no colour given: an unquoted # starts a YAML comment; "
        'quote the colour: "#0B7A75"',
        id="unquoted-colour",
    ),
    pytest.param(
        '      color: "#0B7A75"',
        '      color: "0B7A75"',
        '"0B7A75"',
        "error: strategy.pillars[0].color: '0B7A75' is not a colour: a hex colour starts with '#' and must be "
        'quoted: "#0B7A75"',
        id="colour-without-hash",
    ),
    pytest.param(
        '"cmyk(0, 60, 100, 0)"',
        '"cmyk(0, 160, 100, 0)"',
        '"cmyk(0, 160',
        "error: theme.colors.accent: 'cmyk(0, 160, 100, 0)' is not a colour: each cmyk part is a percentage "
        "from 0 to 100",
        id="bad-cmyk",
    ),
    pytest.param(
        "heading: fira sans",
        "heading: Fira Snas",
        "Fira Snas",
        "error: theme.fonts.heading: unknown font 'Fira Snas' (did you mean 'Fira Sans'?); use a shipped family "
        "(Fira Sans, Lato) or a .ttf file in the content folder",
        id="unknown-font",
    ),
    pytest.param(
        "    - title: Betrouwbare data\n",
        "",
        "- title: Datagedreven",
        "error: vision.ambitions: 1 ambition given; the poster needs 2 to 6",
        id="too-few-ambitions",
    ),
    pytest.param(
        "  benefits: [",
        "    - title: C\n    - title: D\n    - title: E\n    - title: F\n    - title: G\n  benefits: [",
        "- title: Datagedreven",
        "error: vision.ambitions: 7 ambitions given; the poster needs 2 to 6",
        id="too-many-ambitions",
    ),
    pytest.param(
        "  as_of: 2026-03-15",
        "  as_of: 15-03-2026",
        "15-03-2026",
        "error: meta.as_of: '15-03-2026' is not a date; write YYYY-MM-DD, YYYY-MM, YYYY-Qn, YYYY-Hn or YYYY "
        "(e.g. 2025-06-12, 2025-06, 2025-Q2, 2025-H1 or 2025)",
        id="bad-as-of",
    ),
    pytest.param(
        "  horizon: 5",
        "  horizon: 0",
        "0\n",
        "error: baseline.horizon: horizon 0 is out of range; use 1 to 50",
        id="horizon-range",
    ),
    pytest.param(
        "height: 30}",
        "height: 300}",
        "300",
        "error: theme.logo.height: 300 mm is out of range; use more than 0 and at most 200 mm",
        id="logo-height",
    ),
    pytest.param(
        "      done: true",
        "      done: misschien",
        "misschien",
        "error: plan.milestones[0].done: expected true or false, found 'misschien'",
        id="bad-bool",
    ),
    pytest.param(
        "depends_on: [architectuur]",
        "depends_on: {architectuur: 1}",
        "{architectuur",
        "error: plan.steps[1].depends_on: expected a list of ids, e.g. [architectuur, datateam], found a mapping "
        "(key: value lines)",
        id="ids-wrong-type",
    ),
    pytest.param(
        'pillars: ["#123", "#456789"]',
        'pillars: ["#123", "#45678"]',
        '"#45678"',
        'error: theme.colors.pillars[1]: \'#45678\' is not a colour; write "#RRGGBB", "#RGB" or '
        '"cmyk(c, m, y, k)" in percent, e.g. "#1F3A5F"',
        id="bad-palette-colour",
    ),
    pytest.param(
        "  language: nl",
        "  language: de",
        "de\n",
        "error: meta.language: unknown language 'de'; use one of nl, en",
        id="bad-language",
    ),
]


@pytest.mark.parametrize(("old", "new", "needle", "expected"), RULES)
def test_rule(check_text, old, new, needle, expected):
    text = edit(BASE, old, new)
    assert check_text(text) == [f"{F}:{at(text, needle)}: {expected}"]


def test_too_few_dimensions(check_text):
    text = edit(BASE, "    - {id: techniek, name: Techniek, current: 3, target: 4}\n", "")
    text = edit(text, "dimensions: [techniek]", "dimensions: [cultuur]")
    assert check_text(text) == [
        f"{F}:{at(text, '- {id: leiderschap')}: error: baseline.dimensions: 2 dimensions given; "
        "the poster needs 3 to 12"
    ]


def test_too_many_pillars(check_text):
    extra = "".join(f"    - {{id: p{i}, name: P{i}}}\n" for i in range(7))
    text = edit(BASE, "      dimensions: [techniek]\n", "      dimensions: [techniek]\n" + extra)
    found = check_text(text)
    assert found[0] == (
        f"{F}:{at(text, '- id: mensen')}: error: strategy.pillars: 9 pillars given; the poster needs 2 to 8"
    )
    assert [line.split(": ")[1] for line in found[1:]] == ["warning"] * 7  # the new lanes are empty


def test_section_of_the_wrong_type(check_text):
    text = edit(BASE, "plan:\n  start: 2025-01\n", "plan: 2025\nplan_x:\n  start: 2025-01\n")
    assert check_text(text) == [
        f"{F}:{at(text, '2025')}: error: plan: expected a mapping (key: value lines), found '2025'",
        f"{F}:{at(text, 'plan_x')}: error: plan_x: unknown section 'plan_x' (did you mean 'plan'?)",
    ]  # results[0].step is not checked against a plan that could not be read


def test_plan_end_before_start(check_text):
    text = edit(BASE, "  end: 2027-12\n", "  end: 2024-12\n")
    found = check_text(text)
    assert found[0] == (
        f"{F}:{at(text, '2024-12')}: error: plan.end: the plan period ends (2024-12) before it starts (2025-01); "
        "swap them or correct one"
    )


def test_misspelt_required_key_is_not_also_reported_missing(check_text):
    text = edit(BASE, "  - title: Portaal opgeleverd\n", "  - titel: Portaal opgeleverd\n")
    assert check_text(text) == [
        f"{F}:{at(text, 'titel')}: error: results[0].titel: unknown key 'titel' (did you mean 'title'?)",
    ]


def test_unrelated_unknown_key_and_missing_field_are_both_reported(check_text):
    text = edit(BASE, "  - title: Portaal opgeleverd\n", "  - kop: Portaal opgeleverd\n")
    assert check_text(text) == [
        f"{F}:{at(text, 'kop')}: error: results[0].kop: unknown key 'kop'; valid keys here: title, date, step",
        f"{F}:{at(text, 'kop')}: error: results[0]: missing required field 'title': the result achieved",
    ]


def test_unknown_pillar_leaves_its_lane_empty(check_text):
    text = edit(BASE, "      pillar: mensen\n", "      pillar: mensn\n")
    assert check_text(text) == [
        f"{F}:{at(text, 'mensen')}: warning: strategy.pillars[0].id: pillar 'mensen' has no steps in plan.steps; "
        "its lane on the poster will be empty",
        f"{F}:{at(text, 'mensn')}: error: plan.steps[2].pillar: unknown pillar 'mensn' (did you mean 'mensen'?)",
    ]


# --- warnings -----------------------------------------------------------------

WARNINGS = [
    pytest.param(
        "      start: 2025-Q1\n",
        "      start: 2024-Q4\n",
        "2024-Q4",
        "warning: plan.steps[0].start: the step (2024-Q4 to 2025-Q3) lies partly outside the plan period "
        "2025-01 to 2027-12; the poster shows only the plan period",
        id="partly-outside-plan",
    ),
    pytest.param(
        "      start: 2026\n      end: 2027\n",
        "      start: 2028\n      end: 2029\n",
        "2029",
        "warning: plan.steps[2].end: the step (2028 to 2029) lies outside the plan period "
        "2025-01 to 2027-12; the poster shows only the plan period",
        id="outside-plan",
    ),
    pytest.param(
        "      status: done\n",
        "      status: done\n      progress: 80\n",
        "80",
        "warning: plan.steps[0].progress: status is done but progress is 80; set progress: 100, or another status",
        id="done-not-100",
    ),
    pytest.param(
        "      status: in_progress\n",
        "      status: planned\n",
        "60",
        "warning: plan.steps[1].progress: progress is 60 but status is planned; set status: in_progress",
        id="progress-but-planned",
    ),
    pytest.param(
        "current: 3, target: 4}",
        "current: 3, target: 2.5}",
        "2.5}",
        "warning: baseline.dimensions[2].target: the target (2.5) is below the current level (3)",
        id="target-below-current",
    ),
    pytest.param(
        "      status: done\n",
        "      status: planned\n",
        "planned",
        "warning: plan.steps[0].status: still planned, but its end (2025-Q3) lies before as_of (2026-03-15); "
        "update the status (in_progress, delayed, done, on_hold or cancelled)",
        id="planned-in-the-past",
    ),
    pytest.param(
        "      dimensions: [techniek]\n",
        "      dimensions: [techniek]\n    - id: leeg\n      name: Leeg\n",
        "leeg",
        "warning: strategy.pillars[2].id: pillar 'leeg' has no steps in plan.steps; its lane on the poster "
        "will be empty",
        id="pillar-without-steps",
    ),
]


@pytest.mark.parametrize(("old", "new", "needle", "expected"), WARNINGS)
def test_warning(check_text, old, new, needle, expected):
    text = edit(BASE, old, new)
    assert check_text(text) == [f"{F}:{at(text, needle)}: {expected}"]


def test_warnings_do_not_stop_the_model(tmp_path):
    from conftest import TODAY, write_files

    from poster.content import load

    folder = write_files(tmp_path, {F: edit(BASE, "      status: done\n", "      status: done\n      progress: 80\n")})
    result = load(folder, today=TODAY)
    assert result.roadmap is not None and len(result.warnings) == 1 and not result.errors


def test_planned_step_without_status_points_at_the_step(check_text):
    text = edit(BASE, "      status: done\n", "")
    assert check_text(text) == [
        f"{F}:{at(text, 'id: architectuur')}: warning: plan.steps[0].status: still planned, but its end (2025-Q3) "
        "lies before as_of (2026-03-15); update the status (in_progress, delayed, done, on_hold or cancelled)"
    ]


@pytest.mark.parametrize("value", ['""', "''", "", "~", '""  # kleur volgt'])
def test_an_empty_optional_colour_is_absent(check_text, value):
    text = edit(BASE, '      color: "#0B7A75"', f"      color: {value}")
    assert check_text(text) == []


def test_an_empty_colour_in_a_list_names_the_fix_without_a_comment_hint(check_text):
    EMPTY = '""]'
    text = edit(BASE, 'pillars: ["#123", "#456789"]', 'pillars: ["#123", ""]')
    assert check_text(text) == [
        f"{F}:{at(text, EMPTY)}: error: theme.colors.pillars[1]: no colour given; write a colour such as "
        '"#1F3A5F", or remove the empty item',
    ]


# --- look-alike text: one normal form, no invisible characters in ids ----------------------------------------

NFD_E = "e\u0301"  # "é" as e + combining acute, as some editors and macOS file names write it


def test_ids_that_look_equal_are_equal(check_text, tmp_path):
    text = edit(BASE, "    - id: portaal\n", "    - id: portaal-caf\u00e9\n")
    text = edit(text, "    step: portaal\n", f"    step: portaal-caf{NFD_E}\n")
    assert check_text(text) == []
    dup = edit(BASE, "    - id: datawijsheid\n", f"    - id: portaal-caf{NFD_E}\n")
    dup = edit(dup, "    - id: portaal\n", "    - id: portaal-caf\u00e9\n")
    found = [line for line in check_text(dup) if ": error: " in line]
    assert [line.split(": error: ")[1] for line in found] == [
        f"plan.steps[2].id: duplicate step id 'portaal-caf\u00e9' (first at line {at(dup, 'portaal').split(':')[0]}); "
        "give each step its own id",
        "results[0].step: unknown step 'portaal' (did you mean 'portaal-caf\u00e9'?)",
    ]


def test_texts_are_read_in_one_normal_form(tmp_path):
    from conftest import write_files

    from poster.content import load

    text = edit(BASE, "  title: Routekaart datagedreven werken\n", f"  title: Cr{NFD_E}{NFD_E}r data\n")
    roadmap = load(write_files(tmp_path / "c", {F: text}), today=date(2026, 11, 27)).roadmap
    assert roadmap.meta.title == "Cr\u00e9\u00e9r data"


@pytest.mark.parametrize(
    "invisible, name", [("\u200b", "ZERO WIDTH SPACE"), ("\u00ad", "SOFT HYPHEN"), ("\u2060", "WORD JOINER")]
)
def test_an_id_with_an_invisible_character_is_refused(check_text, invisible, name):
    text = edit(BASE, "    - id: portaal\n", f"    - id: port{invisible}aal\n")
    found = check_text(text)
    code = f"U+{ord(invisible):04X}"
    assert found[0] == (
        f"{F}:{at(text, 'port')}: error: plan.steps[1].id: the id 'port{invisible}aal' contains an invisible "
        f"character ({code} {name}) after 'port'; type the id again without it"
    )


@pytest.mark.parametrize(
    "word, status",
    [
        ("gereed", "done"),
        ("Bezig", "in_progress"),
        ("in uitvoering", "in_progress"),
        ("Vertraagd", "delayed"),
        ("gepauzeerd", "on_hold"),
        ("geschrapt", "cancelled"),
        ("gepland", "planned"),
        ("On hold", "on_hold"),
    ],
)
def test_the_dutch_status_words_of_the_command_line_work_in_yaml_too(tmp_path, word, status):
    from conftest import write_files

    from poster.content import load

    text = edit(BASE, "      status: in_progress\n", f"      status: {word}\n")
    result = load(write_files(tmp_path / "c", {F: text}), today=date(2026, 11, 27))
    assert result.errors == ()
    assert result.roadmap.step("portaal").status.value == status


def test_every_status_word_the_example_names_is_accepted(example):
    import re

    from poster.content.statuses import parse_status

    comment = (
        (example / "stappenplan.yaml").read_text(encoding="utf-8").split("# - status:")[1].split("# - progress")[0]
    )
    pairs = re.findall(r"([a-z_]+)\s+#?\s*\(([a-z_]+)\)", comment)  # "in_progress (bezig)", over line breaks too
    assert len(pairs) == 6
    assert [(en, nl) for en, nl in pairs if parse_status(en) is None or parse_status(en) != parse_status(nl)] == []


@pytest.mark.parametrize("empty", ["", " ~", " null"])
def test_an_empty_optional_section_is_absent_and_references_into_it_are_errors(check_text, empty):
    """`baseline:` left empty used to skip the reference checks and then crash building the model."""
    start = BASE.index("baseline:\n")
    end = BASE.index("strategy:")
    text = BASE[:start] + f"baseline:{empty}\n" + BASE[end:]
    found = check_text(text)
    assert found and all("unknown dimension" in line and "there are no dimensions" in line for line in found)
