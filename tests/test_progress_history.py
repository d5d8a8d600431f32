"""poster history: progress over time from a git repository made here, with dated commits; the chart on the poster."""

from __future__ import annotations

import csv
import io
import json
import os
import re
import shutil
import subprocess
from datetime import date
from pathlib import Path

import pytest
from layout_checks import content_box, outside, overlaps

from poster.build import BuildOptions, build_files
from poster.content import load
from poster.content.model import Status
from poster.layout import layout_poster, load_layout
from poster.progress import history as history_module
from poster.progress.history import quarterly, read_history
from poster.resources import example_content
from poster.watch import Watcher

PLAN = "stappenplan.yaml"


def _git(repo: Path, *args: str, day: str | None = None) -> str:
    env = dict(
        os.environ,
        GIT_AUTHOR_NAME="Programma",
        GIT_AUTHOR_EMAIL="p@example.org",
        GIT_COMMITTER_NAME="Programma",
        GIT_COMMITTER_EMAIL="p@example.org",
    )
    if day:
        env.update(GIT_AUTHOR_DATE=f"{day}T10:00:00+01:00", GIT_COMMITTER_DATE=f"{day}T10:00:00+01:00")
    done = subprocess.run(["git", *args], cwd=repo, env=env, check=True, capture_output=True, text=True)
    return done.stdout


def _set_progress(folder: Path, step: str, status: str, progress: int) -> None:
    """Edit one step's status and progress in the YAML, as the step owner would."""
    text = (folder / PLAN).read_text(encoding="utf-8")
    block = re.search(rf"- id: {step}\n(?:      .*\n)+", text)
    assert block, step
    new = re.sub(r"status: \w+", f"status: {status}", block.group(0))
    new = re.sub(r"progress: \d+", f"progress: {progress}", new)
    (folder / PLAN).write_text(text.replace(block.group(0), new), encoding="utf-8")


@pytest.fixture(scope="module")
def repo(tmp_path_factory) -> Path:
    """A repository with the example content and five dated commits over four quarters (one unrelated)."""
    root = tmp_path_factory.mktemp("history")
    folder = root / "content" / "meierijstad"
    shutil.copytree(example_content(), folder)
    _git(root, "init", "-q")
    _set_progress(folder, "wijkmonitor", "in_progress", 5)
    _set_progress(folder, "datacatalogus", "in_progress", 40)
    _git(root, "add", ".")
    _git(root, "commit", "-qm", "start", day="2025-08-20")
    _set_progress(folder, "wijkmonitor", "in_progress", 10)
    _git(root, "commit", "-qam", "wijkmonitor 10", day="2025-11-03")
    (root / "README").write_text("not content\n")
    _git(root, "add", "README")
    _git(root, "commit", "-qm", "unrelated", day="2025-12-01")
    _set_progress(folder, "datacatalogus", "in_progress", 85)
    _git(root, "commit", "-qam", "datacatalogus 85", day="2026-01-15")
    _set_progress(folder, "wijkmonitor", "in_progress", 15)
    _git(root, "commit", "-qam", "wijkmonitor 15", day="2026-04-02")
    return root


def test_every_commit_that_changed_the_content_is_a_point(repo):
    h = read_history(repo / "content" / "meierijstad")
    assert [p.day for p in h.points] == [date(2025, 8, 20), date(2025, 11, 3), date(2026, 1, 15), date(2026, 4, 2)]
    assert [p.subject for p in h.points] == ["start", "wijkmonitor 10", "datacatalogus 85", "wijkmonitor 15"]
    assert not h.skipped and h.language.value == "nl"
    last = h.points[-1]
    now = load(example_content()).roadmap  # the last commit holds the example's own values again
    assert last.overall.progress == round(
        sum(s.progress for s in now.plan.steps if s.status is not Status.CANCELLED)
        / sum(1 for s in now.plan.steps if s.status is not Status.CANCELLED)
    )
    assert [pp.id for pp in last.pillars] == [p.id for p in now.strategy.pillars]
    assert last.overall.steps == len(now.plan.steps) and last.overall.count(Status.DONE) == 9
    # Progress only rose: each point's total is at least the one before.
    totals = [sum(pp.tally.progress for pp in p.pillars) for p in h.points]
    assert totals == sorted(totals) and totals[0] < totals[-1]


def test_since_starts_at_that_revision(repo):
    first = _git(repo, "rev-list", "--reverse", "HEAD").split()[1]  # "wijkmonitor 10"
    h = read_history(repo / "content" / "meierijstad", since=first)
    assert [p.subject for p in h.points] == ["wijkmonitor 10", "datacatalogus 85", "wijkmonitor 15"]


def test_the_command_as_text_json_and_csv(run, repo):
    folder = str(repo / "content" / "meierijstad")
    text = run("history", folder)
    assert text.exit_code == 0, text.output
    lines = text.stdout.splitlines()
    assert lines[:2] == ["Routekaart datagedreven werken - Gemeente Meierijstad", "Voortgang door de tijd"]
    assert lines[3].split()[:4] == ["Datum", "Peildatum", "Totaal", "stappen"]
    assert lines[4].startswith("20 aug 2025") and lines[7].startswith("2 apr 2026")
    assert "Voortgang per spoor" in lines and "Leiderschap & sturing" in text.stdout

    data = json.loads(run("history", folder, "--format", "json").stdout)
    assert [p["date"] for p in data["points"]] == ["2025-08-20", "2025-11-03", "2026-01-15", "2026-04-02"]
    assert data["points"][-1]["overall"]["counts"]["done"] == 9 and data["skipped"] == []
    assert {pp["id"] for pp in data["points"][0]["pillars"]} >= {"data", "mensen"}

    rows = list(csv.DictReader(io.StringIO(run("history", folder, "--format", "csv").stdout)))
    pillars = len(data["points"][0]["pillars"])
    assert len(rows) == 4 * (pillars + 1)
    assert rows[0]["pillar_id"] == "" and rows[0]["pillar"] == "Totaal" and rows[0]["date"] == "2025-08-20"
    assert int(rows[0]["progress"]) == data["points"][0]["overall"]["progress"]


def test_a_version_that_does_not_load_is_skipped_with_its_error(tmp_path):
    folder = tmp_path / "c"
    shutil.copytree(example_content(), folder)
    _git(tmp_path, "init", "-q")
    _git(tmp_path, "add", ".")
    _git(tmp_path, "commit", "-qm", "good", day="2026-01-10")
    text = (folder / PLAN).read_text(encoding="utf-8")
    (folder / PLAN).write_text(text.replace("pillar: data", "pillar: dat", 1), encoding="utf-8")
    _git(tmp_path, "commit", "-qam", "typo", day="2026-02-10")
    (folder / PLAN).write_text(text, encoding="utf-8")
    _git(tmp_path, "commit", "-qam", "fixed", day="2026-03-10")
    h = read_history(folder)
    assert [p.subject for p in h.points] == ["good", "fixed"]
    assert len(h.skipped) == 1 and h.skipped[0].day == date(2026, 2, 10) and "dat" in h.skipped[0].reason


def test_errors_are_plain_messages(run, tmp_path, repo):
    plain = tmp_path / "plain"
    shutil.copytree(example_content(), plain)
    result = run("history", str(plain))
    assert result.exit_code == 1 and "not inside a git repository" in result.stderr
    result = run("history", str(repo / "content" / "meierijstad"), "--since", "v9.9")
    assert result.exit_code == 1 and "--since v9.9: unknown git revision" in result.stderr


def test_git_is_started_a_fixed_number_of_times_whatever_the_number_of_commits(repo, monkeypatch):
    # The trees and files of every commit come through one `git cat-file --batch`, not a process per file.
    started = []
    real_popen = subprocess.Popen

    class CountingPopen(real_popen):  # type: ignore[misc, valid-type]
        def __init__(self, args, *a, **kw):
            started.append(args[1])
            super().__init__(args, *a, **kw)

    monkeypatch.setattr(history_module.subprocess, "Popen", CountingPopen)
    monkeypatch.setattr(history_module, "_READ", {})  # nothing read before in this process
    read_history(repo / "content" / "meierijstad")
    assert sorted(started) == ["cat-file", "log", "rev-parse"]  # subprocess.run goes through Popen too
    started.clear()
    read_history(repo / "content" / "meierijstad")  # the same HEAD: what was read is kept
    assert started == ["rev-parse"]


def test_a_rebuild_reads_the_history_again_only_after_a_commit(tmp_path, monkeypatch):
    """`poster watch` builds on every save: the history is read once per HEAD, the edit itself still shows."""
    folder = tmp_path / "c"
    shutil.copytree(example_content(), folder)
    _git(tmp_path, "init", "-q")
    _git(tmp_path, "add", ".")
    _git(tmp_path, "commit", "-qm", "start", day="2026-01-10")
    _set_progress(folder, "wijkmonitor", "in_progress", 5)
    _git(tmp_path, "commit", "-qam", "wijkmonitor 5", day="2026-02-10")
    reads = []
    real = history_module._read
    monkeypatch.setattr(history_module, "_read", lambda *a: reads.append(a) or real(*a))

    options = BuildOptions(formats=("svg",), stem="c", content_dir=folder, history=True)
    watcher = Watcher(folder, tmp_path / "out", options, report=lambda m: None)

    def build():
        outcome = watcher.rebuild()
        assert outcome.ok and outcome.build is not None
        return outcome.build.history

    first = build()
    assert len(reads) == 1
    _set_progress(folder, "wijkmonitor", "in_progress", 95)  # saved, not committed
    edited = build()
    assert len(reads) == 1  # not read again
    assert edited[-1].progress > first[-1].progress and edited[:-1] == first[:-1]  # the edit is the current quarter
    _git(tmp_path, "commit", "-qam", "wijkmonitor 95", day="2026-03-10")
    build()
    assert len(reads) == 2
    assert [p.subject for p in read_history(folder).points] == ["start", "wijkmonitor 5", "wijkmonitor 95"]


def test_quarters_carry_the_last_commit_forward_and_end_with_the_content_itself(repo):
    folder = repo / "content" / "meierijstad"
    h = read_history(folder)
    roadmap = load(folder).roadmap  # as_of 2026-05-14
    qs = quarterly(h, roadmap)
    assert [(q.year, q.quarter) for q in qs] == [(2025, 3), (2025, 4), (2026, 1), (2026, 2)]
    assert [q.overall for q in qs[:3]] == [h.points[0].overall, h.points[1].overall, h.points[2].overall]
    assert qs[-1].current and not any(q.current for q in qs[:-1])
    assert qs[-1].overall.progress == h.points[-1].overall.progress  # the working tree equals the last commit
    assert 0.45 < qs[-1].fraction < 0.5  # 14 May: just before the middle of K2


def test_the_poster_gets_the_chart_and_the_html_page_its_table(repo):
    folder = repo / "content" / "meierijstad"
    roadmap = load(folder).roadmap
    build = build_files(roadmap, BuildOptions(formats=("html",), stem="meierijstad", content_dir=folder, history=True))
    doc = build.document
    bars = [i for i in doc.items if i.role == "progress.history.bar"]
    assert [b.ref for b in bars] == ["2025-Q3", "2025-Q4", "2026-Q1", "2026-Q2"]
    assert bars[-1].fill != bars[0].fill  # the reporting quarter stands out
    heights = [b.box.h for b in bars]
    assert heights == sorted(heights)
    assert any(i.role == "progress.history.as_of" for i in doc.items)
    spec = load_layout("a0-portrait")
    assert outside(doc, content_box(doc, spec)) == [] and overlaps(doc) == []
    page = build.files["meierijstad.html"].decode()
    assert ">Voortgang door de tijd</caption>" in page
    assert "K2 2026 (stand per 14 mei 2026)" in page
    # Without --history nothing of it is drawn.
    plain = layout_poster(roadmap, spec)
    assert not any(i.role.startswith("progress.history") for i in plain.items)


def test_history_asked_for_without_git(run, tmp_path):
    plain = tmp_path / "plain"
    shutil.copytree(example_content(), plain)
    result = run("build", str(plain), "--history", "--format", "svg", "--out", str(tmp_path / "out"))
    assert result.exit_code == 1 and "--history:" in result.stderr and "not inside a git repository" in result.stderr
    assert not (tmp_path / "out").exists()


def test_a_layout_asks_for_the_chart_and_a_full_page_leaves_it_off_with_a_warning(repo, tmp_path):
    folder = repo / "content" / "meierijstad"
    roadmap = load(folder).roadmap
    asked = tmp_path / "met-grafiek.yaml"
    asked.write_text("extends: a0-portrait\nname: met-grafiek\nmeasures:\n  progress: {history: 1}\n")
    build = build_files(roadmap, BuildOptions(layout=str(asked), formats=(), content_dir=folder))
    assert sum(i.role == "progress.history.bar" for i in build.document.items) == 4 and not build.warnings
    # A page the example only just fills (A3 landscape, and a 259 mm page, hold the chart since the stappenplan
    # packs denser: the chart is left off from about 241 mm down to 235).
    short = tmp_path / "kort.yaml"
    short.write_text("extends: a3-landscape\nname: kort\npage: {width: 420, height: 238}\n")
    full = build_files(roadmap, BuildOptions(layout=str(short), formats=(), content_dir=folder, history=True))
    assert full.warnings == ["the chart 'progress over time' does not fit on layout kort; left off"]
    assert not any(i.role.startswith("progress.history") for i in full.document.items) and not full.history


def test_the_slide_deck_gets_a_slide_of_its_own(repo):
    from PIL import Image

    from poster.slides import layout_deck

    folder = repo / "content" / "meierijstad"
    roadmap = load(folder).roadmap
    quarters = build_files(roadmap, BuildOptions(formats=(), content_dir=folder, history=True)).history
    png = io.BytesIO()
    Image.new("RGB", (84, 119), "white").save(png, "PNG")
    slides = layout_deck(roadmap, png.getvalue(), (841.0, 1189.0), quarters)
    assert slides[-1].key == "history"
    doc = slides[-1].document
    assert sum(i.role == "progress.history.bar" for i in doc.items) == 4
    assert min(i.size_pt for i in doc.items if i.role.startswith("progress.history") and hasattr(i, "size_pt")) >= 24
    assert [o for o in overlaps(doc) if "progress.history" in o] == []
    assert not any(s.key == "history" for s in layout_deck(roadmap, png.getvalue(), (841.0, 1189.0)))


@pytest.mark.parametrize(
    "layout, count, language",
    [("a0-portrait", 1, "nl"), ("a0-portrait", 20, "en"), ("a0-landscape", 12, "nl"), ("a1-portrait", 7, "en")],
)
def test_the_chart_stays_in_its_area_across_the_range(layout, count, language, tmp_path):
    # From one quarter to more than three years of them (the oldest are left off), 0 % and 100 % bars, nl and en.
    from dataclasses import replace

    from poster.layout import Highlights
    from poster.layout.context import HistoryQuarter

    roadmap = load(example_content()).roadmap
    roadmap = replace(roadmap, meta=replace(roadmap.meta, language=type(roadmap.meta.language)(language)))
    quarters = tuple(
        HistoryQuarter(
            2020 + i // 4, i % 4 + 1, (0, 100, 37, 5)[i % 4], i, i == count - 1, 0.5 if i == count - 1 else None
        )
        for i in range(count)
    )
    spec = load_layout(layout)
    doc = layout_poster(roadmap, spec, highlights=Highlights(since=roadmap.meta.as_of, history=quarters))
    chart = [i for i in doc.items if i.role.startswith("progress.history")]
    assert sum(i.role == "progress.history.bar" for i in chart) == sum(1 for q in quarters[-12:] if q.progress)
    assert outside(doc, content_box(doc, spec)) == []
    assert [o for o in overlaps(doc) if "progress.history" in o] == []
    values = [i for i in chart if i.role == "progress.history.value"]
    assert len(values) in (min(count, 12), 2 if count > 1 else 1)  # every value, or the first and the current


def test_watch_has_the_chart_too(run, repo, monkeypatch, tmp_path):
    """`poster watch --history` (or a layout with the chart) builds with the content's folder, for its git history."""
    import poster.watch

    seen = []

    class Once(poster.watch.Watcher):
        def run(self, stop=None):
            seen.append(self.rebuild())
            raise KeyboardInterrupt

    monkeypatch.setattr(poster.watch, "Watcher", Once)
    folder = repo / "content" / "meierijstad"
    result = run("watch", str(folder), "--history", "--format", "svg", "--out", str(tmp_path / "out"))
    assert result.exit_code == 0, result.output
    assert seen and seen[0].ok and [(q.year, q.quarter) for q in seen[0].build.history][-1] == (2026, 2)
    assert "--history" in run("watch", "--help").stdout
