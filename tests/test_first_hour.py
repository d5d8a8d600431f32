"""What a new user meets in the first hour: options where the README puts them, honest defaults, clear help."""

from __future__ import annotations

import pikepdf
import pytest
from conftest import BASE, edit, write_files
from print_helpers import colour_operators


def test_all_writes_the_print_pdf_so_it_takes_the_print_options(run, tmp_path):
    # BASE's accent (cmyk(0, 60, 100, 0)) is a little light for text: this test is about the options
    write_files(tmp_path / "c", {"roadmap.yaml": edit(BASE, 'accent: "cmyk(0, 60, 100, 0)"', 'accent: "#C2410C"')})
    result = run("build", "c", "--all", "--cmyk", "--crop-marks", "--png-width", "400", "--out", "pub")
    assert result.exit_code == 0, result.stderr
    with pikepdf.open(tmp_path / "pub" / "c-print.pdf") as pdf:
        assert colour_operators(pdf) <= {"k", "K"}
        assert "/TrimBox" in pdf.pages[0]
    # without --all or --print they are still refused, and the message names both ways
    result = run("build", "c", "--cmyk")
    assert result.exit_code == 2
    assert "--cmyk only applies to the print PDF: add --print (or --all, which writes it too)" in result.stderr


@pytest.mark.parametrize("where", ["before", "after"])
def test_quiet_and_verbose_work_before_and_after_the_command(run, tmp_path, where):
    write_files(tmp_path / "c", {"roadmap.yaml": BASE})

    def poster(flag, *args):
        return run(flag, *args) if where == "before" else run(*args, flag)

    assert poster("-q", "check", "c").stderr == ""
    verbose = poster("-v", "check", "c")
    assert verbose.exit_code == 0 and "reading c" in verbose.stderr and "pillars" in verbose.stderr
    assert poster("--quiet", "status", "c").exit_code == 0
    both = run("-q", "check", "c", "-v")
    assert both.exit_code == 2 and "-q and -v cannot be combined" in both.stderr


def test_every_command_takes_quiet_and_verbose(run):
    from poster.cli import main

    for name, command in main.commands.items():
        flags = {opt for p in command.params for opt in p.opts}
        assert {"-q", "--quiet", "-v", "--verbose"} <= flags, name


def test_without_content_in_an_empty_folder_it_says_it_uses_the_example(run, tmp_path):
    result = run("check")
    assert result.exit_code == 0
    first = result.stderr.splitlines()[0]
    assert first.startswith("no CONTENT folder given and no content here: using the bundled example (")
    assert "meierijstad" in first and "poster check mijn-routekaart" in first
    assert run("-q", "check").stderr == ""


def test_without_content_it_uses_the_current_folder_when_that_holds_content(run, tmp_path, monkeypatch):
    folder = write_files(tmp_path / "eigen", {"roadmap.yaml": BASE})
    monkeypatch.chdir(folder)
    result = run("build", "--format", "svg", "--out", "uit")
    assert result.exit_code == 0, result.stderr
    assert result.stderr.splitlines()[0] == "no CONTENT folder given: using the current folder (eigen)"
    assert (folder / "uit" / "eigen.svg").is_file()
    # said once, even though the folder is looked up more than once
    assert result.stderr.count("no CONTENT folder given") == 1
    # other YAML (a CI config) is not content
    other = write_files(tmp_path / "repo", {".gitlab-ci.yml": "stages: [test]\n", "mkdocs.yml": "site_name: x\n"})
    monkeypatch.chdir(other)
    assert "using the bundled example" in run("check").stderr


def test_check_help_says_print_writes_nothing_and_format_options_have_help(run):
    check_help = run("check", "--help").output
    print_help = check_help.split("--print", 1)[1].split("--bleed", 1)[0]
    assert "writes nothing" in " ".join(print_help.split()) and "Also write" not in print_help
    build_help = run("build", "--help").output
    assert "Also write <name>-print.pdf" in " ".join(build_help.split())
    for command in ("diff", "status"):
        text = run(command, "--help").output
        line = " ".join(text.split("--format [text|json]", 1)[1].split("--", 1)[0].split())
        assert "json" in line and "scripts" in line, (command, line)


def test_progress_suggests_a_status_word(run, tmp_path):
    folder = write_files(tmp_path / "c", {"roadmap.yaml": BASE})
    before = (folder / "roadmap.yaml").read_bytes()
    result = run("progress", "c", "portaal", "--status", "bezg")
    assert result.exit_code == 1
    assert "unknown status 'bezg' (did you mean 'bezig'?)" in result.stderr
    result = run("progress", "c", "portaal", "--status", "In Progres")
    assert "(did you mean 'in_progress'?)" in result.stderr
    assert (folder / "roadmap.yaml").read_bytes() == before
