"""`poster build --since`: steps completed or started since an earlier version are marked on the poster."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner

from poster.build import BuildOptions, highlights_since
from poster.cli import main
from poster.content import load
from poster.content.model import Status
from poster.layout import layout_poster, load_layout
from poster.progress import StepUpdate, Update, prepare, write
from poster.resources import example_content


def _older(tmp_path: Path) -> Path:
    """A copy of the example as it was before: one step not yet done, two not yet started."""
    old = tmp_path / "old"
    shutil.copytree(example_content(), old)
    update = Update(
        steps=(
            StepUpdate("dashboardportaal", status=Status.IN_PROGRESS, progress=60),
            StepUpdate("wijkmonitor", status=Status.PLANNED),
            StepUpdate("dataplatform", status=Status.PLANNED),
        )
    )
    write(prepare(old, update))
    return old


def _new_tags(doc) -> dict[str, str]:
    return {t.ref: t.text for t in doc.texts() if t.role == "plan.step.new"}


def test_since_a_folder_marks_exactly_the_changed_steps(tmp_path):
    old = _older(tmp_path)
    roadmap = load(example_content()).roadmap
    highlights = highlights_since(roadmap, BuildOptions(since=str(old), content_dir=example_content()))
    assert highlights.completed == {"dashboardportaal"}
    assert highlights.started == {"wijkmonitor", "dataplatform"}
    doc = layout_poster(roadmap, load_layout("a0-portrait"), highlights=highlights)
    assert _new_tags(doc) == {
        "dashboardportaal": "nieuw gereed",
        "wijkmonitor": "nieuw gestart",
        "dataplatform": "nieuw gestart",
    }
    legend = [t.text for t in doc.texts() if t.role == "legend.label"]
    assert any(text.startswith("Nieuw sinds ") for text in legend)


def test_without_since_nothing_is_marked():
    roadmap = load(example_content()).roadmap
    doc = layout_poster(roadmap, load_layout("a0-portrait"))
    assert _new_tags(doc) == {}


def _git(cwd: Path, *args: str) -> None:
    subprocess.run(
        ["git", *args],
        cwd=cwd,
        check=True,
        capture_output=True,
        env={
            "GIT_AUTHOR_NAME": "t",
            "GIT_AUTHOR_EMAIL": "t@example.nl",
            "GIT_COMMITTER_NAME": "t",
            "GIT_COMMITTER_EMAIL": "t@example.nl",
            "HOME": str(cwd),
            "PATH": "/usr/bin:/bin",
        },
    )


@pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
def test_since_a_git_revision_through_the_cli(tmp_path, monkeypatch):
    repo = tmp_path / "repo"
    content = repo / "content"
    repo.mkdir()
    shutil.copytree(_older(tmp_path), content)
    _git(repo, "init", "-q")
    _git(repo, "add", ".")
    _git(repo, "commit", "-q", "-m", "v1")
    _git(repo, "tag", "v1")
    for name in ("stappenplan.yaml",):
        shutil.copy(example_content() / name, content / name)
    monkeypatch.chdir(repo)
    result = CliRunner().invoke(main, ["build", "content", "--since", "v1", "--format", "svg", "--out", "out"])
    assert result.exit_code == 0, result.output
    svg = (repo / "out" / "content.svg").read_text(encoding="utf-8")
    assert svg.count("nieuw gereed") == 1 and svg.count("nieuw gestart") == 2


def test_since_an_unknown_revision_is_a_clear_error(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["build", "--since", "no-such-rev", "--format", "svg", "--out", str(out)])
    assert result.exit_code == 1 and isinstance(result.exception, SystemExit)  # a PosterError, not a crash
    first, error = result.stderr.splitlines()[0], result.stderr.splitlines()[-1]
    assert first.startswith("no CONTENT folder given and no content here: using the bundled example")
    assert error.startswith("Error: no-such-rev")
    assert not out.exists()
