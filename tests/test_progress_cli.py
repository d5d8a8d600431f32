"""poster progress / diff / status on the command line, including diff against git revisions."""

from __future__ import annotations

import json
import shutil
import subprocess

import pytest
from click.testing import CliRunner

from poster.cli import main
from poster.content import load
from poster.resources import example_content


def run(*args: str):
    return CliRunner().invoke(main, [str(a) for a in args])


@pytest.fixture()
def folder(tmp_path):
    target = tmp_path / "meierijstad"
    shutil.copytree(example_content(), target)
    return target


def test_progress_updates_one_step_and_says_what_changed(folder, monkeypatch):
    monkeypatch.chdir(folder.parent)
    result = run("progress", "meierijstad", "wijkmonitor", "--progress", "35")
    assert result.exit_code == 0, result.output
    lines = (folder / "stappenplan.yaml").read_text(encoding="utf-8").splitlines()
    line = lines.index("      progress: 35", lines.index("    - id: wijkmonitor")) + 1
    assert result.stdout.split() == [
        f"meierijstad/stappenplan.yaml:{line}",
        "wijkmonitor",
        "voortgang:",
        "15%",
        "→",
        "35%",
    ]
    assert load(folder).roadmap.step("wijkmonitor").progress == 35


def test_change_lines_outside_the_current_folder_name_the_whole_path(folder):
    result = run("progress", folder, "wijkmonitor", "--progress", "35")
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith(f"{folder.resolve() / 'stappenplan.yaml'}:")


@pytest.mark.parametrize(
    "args",
    [
        ["wijkmonitor", "--progress", "35"],
        ["raadsbesluit-datastrategie", "--done"],
        ["--as-of", "2026-12-18"],
    ],
)
def test_progress_never_edits_the_bundled_example_by_default(folder, monkeypatch, args):
    # The bundled example stands in for "no CONTENT given" (a copy, so a failing test cannot damage the real one).
    monkeypatch.setattr("poster.resources.example_content", lambda: folder)
    before = {p.name: p.read_bytes() for p in folder.glob("*.yaml")}
    result = run("progress", *args)
    assert result.exit_code == 2, result.output
    assert isinstance(result.exception, SystemExit)
    assert "missing CONTENT" in result.stderr
    assert {p.name: p.read_bytes() for p in folder.glob("*.yaml")} == before


def test_progress_dry_run_prints_the_diff_and_writes_nothing(folder):
    before = (folder / "stappenplan.yaml").read_bytes()
    result = run("progress", folder, "datacatalogus", "--status", "gereed", "--dry-run")
    assert result.exit_code == 0, result.output
    assert (
        "-      status: in_progress\n-      progress: 85\n+      status: done\n+      progress: 100\n" in result.stdout
    )
    assert "Proefdraai: niets geschreven." in result.stderr
    assert (folder / "stappenplan.yaml").read_bytes() == before


def test_milestone_done_and_as_of(folder):
    result = run("progress", folder, "raadsbesluit-datastrategie", "--done")
    assert result.exit_code == 0, result.output
    result = run("progress", folder, "--as-of", "2026-12-18")
    assert result.exit_code == 0, result.output
    assert "peildatum: 14 mei 2026 → 18 december 2026" in result.stdout
    roadmap = load(folder).roadmap
    assert roadmap.meta.as_of.isoformat() == "2026-12-18"


@pytest.mark.parametrize(
    "args, message",
    [
        (["wijkmonitr", "--status", "done"], "unknown step 'wijkmonitr' (did you mean 'wijkmonitor'?)"),
        (["wijkmonitor", "--status", "klaarr"], "--status: unknown status 'klaarr'"),
        (["wijkmonitor", "--progress", "110"], "--progress: progress 110 is out of range; use 0 to 100"),
        (["wijkmonitor", "--status", "done", "--progress", "50"], "status done means progress 100, not 50"),
        (["wijkmonitor"], "nothing to update for 'wijkmonitor'"),
        (["portaal-live", "--status", "done"], "'portaal-live' is a milestone: mark it with --done"),
    ],
)
def test_progress_errors_are_one_clear_line_and_write_nothing(folder, args, message):
    before = {p.name: p.read_bytes() for p in folder.glob("*.yaml")}
    result = run("progress", folder, *args)
    assert result.exit_code == 1 and isinstance(result.exception, SystemExit)  # a PosterError, not a crash
    [line] = result.stderr.splitlines()
    assert line.startswith("Error: ") and message in line
    assert {p.name: p.read_bytes() for p in folder.glob("*.yaml")} == before


@pytest.mark.parametrize("command", ["check", "build", "status", "progress", "watch"])
def test_a_bad_date_is_a_usage_error_in_every_command(folder, command):
    before = {p.name: p.read_bytes() for p in folder.glob("*.yaml")}
    result = run(command, folder, "--as-of", "14-05-2026")
    assert result.exit_code == 2 and isinstance(result.exception, SystemExit)
    assert "Invalid value for '--as-of': '14-05-2026' is not a date" in result.stderr
    assert "(or 'today')" in result.stderr
    assert {p.name: p.read_bytes() for p in folder.glob("*.yaml")} == before


@pytest.mark.parametrize("word", ["today", "vandaag", "Today"])
def test_today_is_a_date_in_every_command(folder, word):
    from datetime import date

    assert run("check", folder, "--as-of", word).exit_code == 0
    result = run("status", folder, "--as-of", word, "--format", "json")
    assert json.loads(result.stdout)["as_of"] == date.today().isoformat()
    assert run("progress", folder, "--as-of", word).exit_code == 0
    assert load(folder).roadmap.meta.as_of == date.today()


def test_progress_import_all_or_nothing_from_the_cli(folder, tmp_path):
    sheet = tmp_path / "voortgang.csv"
    sheet.write_text("id;status;progress\ndatacatalogus;gereed;\nwijkmonitor;bezig;140\n", encoding="utf-8")
    before = (folder / "stappenplan.yaml").read_bytes()
    result = run("progress", folder, "--import", sheet)
    assert result.exit_code == 1
    assert "voortgang.csv row 3: progress 140 is out of range; use 0 to 100" in result.stderr
    assert (folder / "stappenplan.yaml").read_bytes() == before
    sheet.write_text("id;status;progress\ndatacatalogus;gereed;\nwijkmonitor;bezig;40\n", encoding="utf-8")
    result = run("progress", folder, "--import", sheet, "--dry-run")
    assert result.exit_code == 0 and (folder / "stappenplan.yaml").read_bytes() == before
    result = run("progress", folder, "--import", sheet)
    assert result.exit_code == 0
    assert load(folder).roadmap.step("wijkmonitor").progress == 40


def test_status_command(folder):
    result = run("status", folder)
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[:2] == [
        "Routekaart datagedreven werken - Gemeente Meierijstad",
        "Peildatum: 14 mei 2026",
    ]
    data = json.loads(run("status", folder, "--format", "json").stdout)
    assert data["overall"]["steps"] == len(load(folder).roadmap.plan.steps)


def test_diff_between_folders(folder, tmp_path):
    old = tmp_path / "old"
    shutil.copytree(folder, old)
    assert run("progress", folder, "datacatalogus", "--status", "done").exit_code == 0
    result = run("diff", old, folder)
    assert result.exit_code == 0, result.output
    assert result.stdout == "Statuswijzigingen (1)\n  datacatalogus  Datacatalogus met kerngegevens: bezig → gereed\n"
    result = run("diff", old, folder, "--language", "en")
    assert result.stdout.startswith("Status changes (1)\n")


# --- git revisions -----------------------------------------------------------------------------


def git(repo, *args: str) -> str:
    done = subprocess.run(
        ["git", "-c", "user.name=Test", "-c", "user.email=test@example.nl", *args],
        cwd=repo,
        capture_output=True,
        text=True,
        check=True,
    )
    return done.stdout


@pytest.fixture()
def repo(tmp_path, monkeypatch):
    repo = tmp_path / "repo"
    shutil.copytree(example_content(), repo / "content" / "meierijstad")
    git(repo, "init", "-q")
    git(repo, "add", ".")
    git(repo, "commit", "-qm", "v1")
    git(repo, "tag", "v1.2")
    monkeypatch.chdir(repo)
    return repo


def test_diff_between_git_revisions(repo):
    content = "content/meierijstad"
    for args in (
        ["datacatalogus", "--status", "done"],
        ["wijkmonitor", "--progress", "40"],
        ["raadsbesluit-datastrategie", "--done"],
        ["--as-of", "2026-12-18"],
    ):
        assert run("progress", content, *args).exit_code == 0
    git(repo, "commit", "-qam", "voortgang december")
    result = run("diff", f"v1.2:{content}", f"HEAD:{content}")
    assert result.exit_code == 0, result.output
    assert result.stdout == (
        "Peildatum: 14 mei 2026 → 18 december 2026\n\n"
        "Statuswijzigingen (1)\n  datacatalogus  Datacatalogus met kerngegevens: bezig → gereed\n\n"
        "Voortgang (1)\n  wijkmonitor  Wijkmonitor voor alle kernen: 15% → 40%\n\n"
        "Mijlpalen bereikt (1)\n  raadsbesluit-datastrategie  Datastrategie vastgesteld door raad (17 december 2026)\n"
    )
    data = json.loads(run("diff", "HEAD~1:" + content, content, "--format", "json").stdout)
    assert data["progress_changes"] == [{"id": "wijkmonitor", "old": 15, "new": 40}]
    assert [m["id"] for m in data["milestones_reached"]] == ["raadsbesluit-datastrategie"]


@pytest.mark.parametrize(
    "spec, message",
    [
        ("v9:content/meierijstad", "unknown git revision 'v9'"),
        ("HEAD:content/elders", "'content/elders' does not exist in revision HEAD"),
        ("HEAD:content/meierijstad/poster.yaml", "is a file in HEAD; give the content folder"),
    ],
)
def test_diff_revision_errors_are_clear(repo, spec, message):
    result = run("diff", spec, "content/meierijstad")
    assert result.exit_code == 1 and isinstance(result.exception, SystemExit)  # a RevisionError, not a crash
    [line] = result.stderr.splitlines()
    assert line.startswith("Error: ") and message in line


def test_diff_outside_a_git_repository(folder, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path.parent))  # even if /tmp lies in a repo
    result = run("diff", "HEAD:meierijstad", "meierijstad")
    assert result.exit_code == 1
    assert "is not inside a git repository" in result.stderr


def test_the_commands_are_registered_on_poster():
    assert {"progress", "diff", "status"} <= set(main.commands)


def test_quiet_hides_warnings_of_status_but_not_the_data(folder):
    result = run("-q", "status", folder, "--as-of", "2027-02-01")
    assert result.exit_code == 0 and result.stderr == ""
    assert "Peildatum: 1 februari 2027" in result.stdout


def test_content_with_errors_is_reported_once_and_left_alone(folder):
    path = folder / "strategie.yaml"
    path.write_text(path.read_text(encoding="utf-8") + "bogus: 1\n", encoding="utf-8")
    before = (folder / "stappenplan.yaml").read_bytes()
    result = run("progress", folder, "wijkmonitor", "--progress", "20")
    assert result.exit_code == 1
    assert result.stderr.count("unknown section 'bogus'") == 1
    assert "content has errors; fix them first" in result.stderr
    assert (folder / "stappenplan.yaml").read_bytes() == before
    result = run("progress", folder / "nope", "--as-of", "today")
    assert result.exit_code == 1 and "nope: no such content folder" in result.stderr


def test_progress_in_the_content_folder_itself(folder, monkeypatch):
    monkeypatch.chdir(folder)
    result = run("progress", ".", "kpi-sturing", "--progress", "70")
    assert result.exit_code == 0, result.output
    assert result.exception is None
    assert load(folder).roadmap.step("kpi-sturing").progress == 70


# One reading of a progress value: the YAML, a progress sheet and --progress accept the same forms.
GOOD_PROGRESS = ["40", "40%", "40 %", "40.0", "40,0", "+40", " 40 "]
BAD_PROGRESS = ["40.5", "veel", "140", "-5", "4 0", "40%%"]


@pytest.mark.parametrize("text", GOOD_PROGRESS + BAD_PROGRESS)
def test_a_progress_value_reads_the_same_in_yaml_csv_and_on_the_command_line(folder, tmp_path, text):
    from poster.progress import read_csv

    good = text in GOOD_PROGRESS
    path = folder / "stappenplan.yaml"
    original = path.read_text(encoding="utf-8")
    path.write_text(original.replace("progress: 15", f'progress: "{text}"'), encoding="utf-8")
    in_yaml = load(folder).roadmap
    assert (in_yaml is not None and in_yaml.step("wijkmonitor").progress == 40) == good
    path.write_text(original, encoding="utf-8")

    sheet = tmp_path / "voortgang.csv"
    sheet.write_text(f"id;progress\nwijkmonitor;{text}\n", encoding="utf-8")
    try:
        in_csv = read_csv(sheet, load(folder).roadmap).steps[0].progress
    except Exception:  # noqa: BLE001 - a ProgressError naming the row
        in_csv = None
    assert (in_csv == 40) == good

    result = run("progress", folder, "wijkmonitor", "--progress", text)
    assert (result.exit_code == 0) == good, result.output
    assert isinstance(result.exception, SystemExit) or result.exception is None
    assert (load(folder).roadmap.step("wijkmonitor").progress == 40) == good
