"""What a new user meets in the first hour: options where the README puts them, honest defaults, clear help."""

from __future__ import annotations

import re

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


def test_every_pdf_has_its_own_file_id_derived_from_its_content(run, tmp_path):
    """Screen PDF, RGB and CMYK print PDFs, A3 and slides: each file its own /ID; the same build, the same ID."""
    write_files(tmp_path / "c", {"roadmap.yaml": edit(BASE, 'accent: "cmyk(0, 60, 100, 0)"', 'accent: "#C2410C"')})
    builds = {
        "a": ("--format", "pdf,slides", "--print"),
        "b": ("--format", "print", "--cmyk"),
        "c": ("--format", "pdf", "--layout", "a3-landscape"),
        "d": ("--format", "pdf,slides", "--print"),  # the same as a
    }
    for out, args in builds.items():
        result = run("build", "c", "--out", out, *args)
        assert result.exit_code == 0, result.stderr
    ids = {}
    for path in sorted(tmp_path.glob("[abcd]/*.pdf")):
        with pikepdf.open(path) as pdf:
            first, second = (bytes(part) for part in pdf.trailer.ID)
            assert first == second and len(first) == 16
            ids[path.relative_to(tmp_path).as_posix()] = first
    assert sorted(ids) == ["a/c-print.pdf", "a/c-slides.pdf", "a/c.pdf", "b/c-print.pdf", "c/c.pdf",
                           "d/c-print.pdf", "d/c-slides.pdf", "d/c.pdf"]  # fmt: skip
    distinct = {name: value for name, value in ids.items() if not name.startswith("d/")}
    assert len(set(distinct.values())) == len(distinct), ids
    for name in ("c-print.pdf", "c-slides.pdf", "c.pdf"):
        assert ids[f"a/{name}"] == ids[f"d/{name}"]


def test_english_captions_read_naturally():
    from poster.i18n import Translator

    en, nl = Translator("en"), Translator("nl")
    assert en("steps_of", pillar="People") == "People: steps"  # was "Steps of People"
    assert nl("steps_of", pillar="Mensen") == "Mensen: stappen"
    assert en("depends_on") == "Depends on"  # was "Follows"


def test_the_dutch_quarter_is_documented_where_dates_are():
    from pathlib import Path

    from poster.content.dates import parse_period

    root = Path(__file__).resolve().parent.parent
    assert parse_period("2026-K1") == parse_period("2026-Q1")
    assert "`2026-K1` is `2026-Q1`" in (root / "docs" / "content-format.md").read_text(encoding="utf-8")
    assert "`2025-K2`" in (root / "README.md").read_text(encoding="utf-8")


def test_the_preview_answers_head_as_it_answers_get():
    import http.client

    from poster.serve import PreviewServer

    def ask(method: str, path: str, host: str | None = None):
        conn = http.client.HTTPConnection("127.0.0.1", server.port, timeout=30)
        try:
            conn.request(method, path, headers={"Host": host or f"127.0.0.1:{server.port}"})
            resp = conn.getresponse()
            return resp.status, {k.lower(): v for k, v in resp.getheaders()}, resp.read()
        finally:
            conn.close()

    server = PreviewServer(0).start()
    try:
        server.publish({"p.svg": b"<svg/>"})
        for path in ("/", "/files/p.svg", "/nothing"):
            got, head = ask("GET", path), ask("HEAD", path)
            assert head[0] == got[0] and head[0] != 501, path
            assert head[1]["content-length"] == str(len(got[2])) and head[1]["content-type"] == got[1]["content-type"]
            assert head[2] == b""
        status, headers, body = ask("HEAD", "/events")  # answered at once, not a stream left open
        assert status == 200 and headers["content-type"] == "text/event-stream" and body == b""
        assert ask("HEAD", "/files/p.svg", host="attacker.example")[0] == 403
        assert ask("GET", "/files/p.svg")[2] == b"<svg/>"  # a HEAD leaves GET on the same server as it was
    finally:
        server.close()


def test_the_preview_banner_shows_each_content_message_not_only_the_count(tmp_path):
    from poster.build import BuildOptions
    from poster.watch import Watcher

    broken = edit(BASE, "pillar: techniek\n      start: 2025-Q1", "pillar: techniek-x\n      start: 2025-Q5")
    folder = write_files(tmp_path / "c", {"roadmap.yaml": broken})
    shown: list[str] = []
    watcher = Watcher(folder, tmp_path / "out", BuildOptions(formats=("svg",), stem="c"), report=lambda m: None,
                      on_error=shown.append)  # fmt: skip
    assert not watcher.rebuild().ok
    (text,) = shown
    lines = text.splitlines()
    assert len([line for line in lines if ": error: " in line]) == 2, text
    assert all(re.match(r".*roadmap\.yaml:\d+:\d+: error: ", line) for line in lines[:2]), text
    assert "unknown pillar 'techniek-x'" in text and "2025-Q5" in text
    assert lines[-1] == "content has 2 errors"


def test_one_png_rule_for_a_single_width_and_for_previews(run, tmp_path):
    """`--png-width 800` alone and the 800 px preview of several widths are the same file (one encoding rule)."""
    write_files(tmp_path / "c", {"roadmap.yaml": BASE})
    assert run("build", "c", "--format", "png", "--png-width", "800", "--out", "one").exit_code == 0
    assert run("build", "c", "--format", "png", "--png-width", "800,400", "--out", "more").exit_code == 0
    assert (tmp_path / "one" / "c.png").read_bytes() == (tmp_path / "more" / "c-800.png").read_bytes()
