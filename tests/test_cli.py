"""CLI: `poster check`, `init`, `schema`, `--version` through click's CliRunner (stdout and stderr apart)."""

from __future__ import annotations

from datetime import date

import pytest
from conftest import BASE, at, edit, write_files

from poster import __version__
from poster.cli import main
from poster.content import load
from poster.content.template import SCHEMA_FILE, render_template

F = "roadmap.yaml"
WARN = edit(BASE, "      status: done\n", "      status: done\n      progress: 80\n")
BROKEN = edit(BASE, "      pillar: mensen\n", "      pillar: mensn\n")


def test_check_clean_content(run, tmp_path):
    write_files(tmp_path / "c", {F: BASE})
    result = run("check", "c")
    assert (result.exit_code, result.stdout) == (0, "")
    assert result.stderr == "c: OK, 0 errors, 0 warnings\n"


def test_check_errors_compiler_style_and_exit_1(run, tmp_path):
    write_files(tmp_path / "c", {F: BROKEN})
    result = run("check", "c")
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr.splitlines() == [
        f"c/{F}:{at(BROKEN, 'mensen')}: warning: strategy.pillars[0].id: pillar 'mensen' has no steps in "
        "plan.steps; its lane on the poster will be empty",
        f"c/{F}:{at(BROKEN, 'mensn')}: error: plan.steps[2].pillar: unknown pillar 'mensn' (did you mean 'mensen'?)",
        "Error: c: 1 error, 1 warning",
    ]


def test_paths_outside_the_current_directory_stay_absolute(run, tmp_path):
    folder = write_files(tmp_path / "elsewhere" / "c", {F: BROKEN})
    (tmp_path / "cwd").mkdir()
    import os

    os.chdir(tmp_path / "cwd")
    result = run("check", str(folder))
    assert result.exit_code == 1
    assert result.stderr.splitlines()[1].startswith(f"{folder / F}:")


def test_warnings_pass_unless_strict(run, tmp_path):
    write_files(tmp_path / "c", {F: WARN})
    line = (
        f"c/{F}:{at(WARN, '80')}: warning: plan.steps[0].progress: status is done but progress is 80; "
        "set progress: 100, or another status"
    )
    result = run("check", "c")
    assert result.exit_code == 0
    assert result.stderr.splitlines() == [line, "c: OK, 0 errors, 1 warning"]
    strict = run("check", "c", "--strict")
    assert strict.exit_code == 1
    assert strict.stderr.splitlines() == [line, "Error: c: 0 errors, 1 warning (--strict makes warnings errors)"]


def test_quiet_hides_warnings_and_summary(run, tmp_path):
    write_files(tmp_path / "w", {F: WARN})
    write_files(tmp_path / "b", {F: BROKEN})
    assert (run("-q", "check", "w").exit_code, run("-q", "check", "w").stderr) == (0, "")
    broken = run("-q", "check", "b")
    assert broken.exit_code == 1
    assert broken.stderr.splitlines() == [
        f"b/{F}:{at(BROKEN, 'mensn')}: error: plan.steps[2].pillar: unknown pillar 'mensn' (did you mean 'mensen'?)"
    ]


def test_quiet_strict_still_shows_the_warning_that_fails_it(run, tmp_path):
    write_files(tmp_path / "w", {F: WARN})
    result = run("-q", "check", "w", "--strict")
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        f"w/{F}:{at(WARN, '80')}: warning: plan.steps[0].progress: status is done but progress is 80; "
        "set progress: 100, or another status"
    ]


def test_verbose_adds_detail(run, tmp_path):
    write_files(tmp_path / "c", {F: BASE})
    result = run("-v", "check", "c")
    assert result.exit_code == 0 and result.stdout == ""
    assert result.stderr.splitlines() == [
        "reading c",
        "c: OK, 0 errors, 0 warnings",
        "Gemeente Voorbeeld: 2 pillars, 3 steps (1 done, 1 in_progress, 1 planned), 1 milestone; as of 2026-03-15",
    ]


def test_quiet_and_verbose_together_is_a_usage_error(run):
    result = run("-q", "-v", "check")
    assert result.exit_code == 2 and "-q and -v cannot be combined" in result.stderr


def test_as_of_overrides_the_file(run, tmp_path):
    write_files(tmp_path / "c", {F: BASE})
    result = run("check", "c", "--as-of", "2028-Q1")
    assert result.exit_code == 0
    assert (
        "warning: plan.steps[2].status: still planned, but its end (2027) lies before as_of (2028-01-01)"
        in result.stderr
    )


def test_bad_as_of_is_a_usage_error(run, tmp_path):
    write_files(tmp_path / "c", {F: BASE})
    result = run("check", "c", "--as-of", "gisteren")
    assert result.exit_code == 2
    assert "'gisteren' is not a date" in result.stderr and result.stdout == ""


def test_missing_folder(run):
    result = run("check", "nope")
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        "nope: error: the content folder does not exist",
        "Error: nope: 1 error, 0 warnings",
    ]


def test_content_defaults_to_the_bundled_example(run, example):
    result = run("check")
    assert result.exit_code == 0, result.stderr
    assert result.stderr.endswith(": OK, 0 errors, 0 warnings\n")


def test_hostile_content_gives_no_traceback(run, tmp_path):
    write_files(tmp_path / "c", {F: "a: !!python/object/apply:os.system [echo hi]\n", "b.yaml": b"\xff\xfe\x00"})
    result = run("check", "c")  # catch_exceptions=False: a crash would raise here
    assert result.exit_code == 1 and isinstance(result.exception, SystemExit)
    assert result.stdout == ""
    assert result.stderr.splitlines() == [
        "c/b.yaml:1:1: error: the file is UTF-16; save it as UTF-8",
        "c/roadmap.yaml:1:1: error: a: unknown section 'a'; valid sections here: meta, vision, baseline, strategy, "
        "plan, results, quote, theme",
        "c/roadmap.yaml:1:4: error: a: the tag '!!python/object/apply:os.system' is not allowed: content files hold "
        "only plain texts, numbers, dates, lists and mappings; remove the tag",
        "Error: c: 3 errors, 0 warnings",
    ]


def test_version(run):
    for flag in ("--version", "-V"):
        result = run(flag)
        assert (result.exit_code, result.stdout) == (0, f"poster, version {__version__}\n")


# --- init ---------------------------------------------------------------------


def test_init_writes_a_folder_that_checks_clean(run, tmp_path):
    result = run("init", "nieuw")
    assert result.exit_code == 0 and result.stdout == ""
    assert result.stderr == "created nieuw; check it with: poster check nieuw\n"
    names = sorted(p.name for p in (tmp_path / "nieuw").iterdir())
    assert names == sorted([*render_template(date.today()), SCHEMA_FILE])
    check = run("--verbose", "check", "nieuw", "--strict")
    assert check.exit_code == 0, check.stderr
    assert "nieuw: OK, 0 errors, 0 warnings" in check.stderr


@pytest.mark.parametrize("today", [date(2026, 1, 1), date(2026, 6, 30), date(2027, 12, 31)])
def test_init_content_has_no_warnings_on_any_day(tmp_path, today):
    folder = write_files(tmp_path, render_template(today))
    result = load(folder, today=today)
    assert result.diagnostics == () and result.roadmap.meta.as_of == today


def test_init_shows_every_field_with_comments():
    from poster.content.schema import SECTIONS
    from poster.content.validate import ListOf, Obj

    text = "".join(render_template(date(2026, 1, 1)).values())
    commented = [line for line in text.splitlines() if "#" in line]
    assert len(commented) > 60

    def names(kind):
        if isinstance(kind, ListOf):
            yield from names(kind.item)
        elif isinstance(kind, Obj):
            for f in kind.fields:
                yield f.name
                yield from names(f.kind)

    shown = {line.strip(" #-").split(":")[0] for line in text.splitlines()}
    missing = {n for s in SECTIONS.values() for n in names(s.kind)} - shown
    assert missing == set(), f"fields never shown in the template: {missing}"


def test_init_refuses_a_non_empty_folder(run, tmp_path):
    write_files(tmp_path / "vol", {"notes.txt": "mine"})
    result = run("init", "vol")
    assert result.exit_code == 1
    assert result.stderr == "Error: vol is not an empty folder; choose a new one (init never overwrites files)\n"
    assert sorted(p.name for p in (tmp_path / "vol").iterdir()) == ["notes.txt"]


def test_init_into_an_existing_empty_folder(run, tmp_path):
    (tmp_path / "leeg").mkdir()
    assert run("init", "leeg").exit_code == 0
    assert (tmp_path / "leeg" / "poster.yaml").exists()


def test_build_and_watch_declare_their_output_options_once():
    def declared(command):
        return {
            p.name: (tuple(p.opts), p.default, p.help, type(p.type))
            for p in main.commands[command].params
            if p.name in ("layout_name", "out_dir", "formats", "png_widths")
        }

    assert len(declared("build")) == 4
    assert declared("build") == declared("watch")
