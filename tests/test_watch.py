"""poster watch: rebuilds after a save, reports a broken edit and keeps watching, SVG and PDF before PNG.

Every wait is bounded (WAIT_S) so a broken watcher fails the test instead of hanging it.
"""

from __future__ import annotations

import os
import shutil
import threading
import time
from pathlib import Path

import pytest

from poster.build import BuildOptions
from poster.resources import data_dir
from poster.watch import Message, Watcher

WAIT_S = 30.0
TITLE = "title: Routekaart datagedreven werken"


@pytest.fixture
def content(tmp_path: Path) -> Path:
    folder = tmp_path / "content"
    shutil.copytree(data_dir("content") / "minimal", folder)
    return folder


def save(path: Path, text: str) -> None:
    """Write as an editor does, and make sure the mtime moves even on a coarse clock."""
    before = path.stat().st_mtime_ns
    path.write_text(text, encoding="utf-8")
    if path.stat().st_mtime_ns == before:
        os.utime(path, ns=(before + 10_000_000, before + 10_000_000))


def wait_for(condition, what: str) -> None:
    deadline = time.monotonic() + WAIT_S
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out after {WAIT_S:.0f} s waiting for {what}")
        time.sleep(0.02)


class Running:
    """A Watcher in a thread, with its messages collected."""

    def __init__(self, content: Path, out: Path, formats=("svg", "pdf", "png")):
        self.messages: list[Message] = []
        self.lock = threading.Lock()
        options = BuildOptions(formats=formats, png_widths=(300,), stem="poster")
        self.watcher = Watcher(content, out, options, report=self._report)
        self.stop = threading.Event()
        self.thread = threading.Thread(target=self.watcher.run, args=(self.stop,), daemon=True)

    def _report(self, message: Message) -> None:
        with self.lock:
            self.messages.append(message)

    def texts(self, level: str | None = None) -> list[str]:
        with self.lock:
            return [m.text for m in self.messages if level is None or m.level == level]

    def __enter__(self) -> Running:
        self.thread.start()
        wait_for(lambda: any(t.startswith("watching") for t in self.texts("info")), "the first build")
        return self

    def __exit__(self, *exc) -> None:
        self.stop.set()
        self.thread.join(WAIT_S)
        assert not self.thread.is_alive(), "the watcher did not stop"


def test_an_edit_is_rebuilt_and_a_broken_edit_is_reported_while_watching_goes_on(content: Path, tmp_path: Path):
    out = tmp_path / "out"
    source = content / "roadmap.yaml"
    good = source.read_text(encoding="utf-8")
    assert TITLE in good
    with Running(content, out) as run:
        assert (out / "poster.svg").is_file() and (out / "poster.pdf").is_file() and (out / "poster.png").is_file()
        assert run.texts("error") == []

        save(source, good.replace(TITLE, "title: Routekaart live bijgewerkt"))
        wait_for(lambda: b"live bijgewerkt" in (out / "poster.svg").read_bytes(), "the edited title in the SVG")
        wait_for(lambda: sum(t.startswith("rebuilt ") for t in run.texts("info")) >= 2, "the rebuild summary")
        last_good = {name: (out / name).read_bytes() for name in ("poster.svg", "poster.pdf", "poster.png")}

        save(source, good.replace("plan:\n", "plan:\n  steps: [\n", 1))  # an unclosed flow list
        wait_for(lambda: run.texts("error"), "the error")
        errors = run.texts("error")
        assert any("roadmap.yaml:" in e and "error:" in e for e in errors), errors  # file:line:col: error: ...
        assert run.thread.is_alive()
        assert {name: (out / name).read_bytes() for name in last_good} == last_good  # previous outputs kept

        save(source, good)
        wait_for(lambda: b"live bijgewerkt" not in (out / "poster.svg").read_bytes(), "the repaired build")
        assert run.thread.is_alive()


def test_svg_and_pdf_are_written_before_the_png(content: Path, tmp_path: Path):
    with Running(content, tmp_path / "out") as run:
        written = [Path(t).name for t in run.texts("output")]
    assert written[:3] == ["poster.svg", "poster.pdf", "poster.png"]


def test_a_layout_error_is_reported_and_the_watcher_keeps_going(content: Path, tmp_path: Path):
    layout = tmp_path / "tiny.yaml"
    layout.write_text("extends: a0-portrait\npage: {width: 120, height: 90}\n", encoding="utf-8")
    options = BuildOptions(layout=str(layout), formats=("svg",), stem="poster")
    messages: list[Message] = []
    watcher = Watcher(content, tmp_path / "out", options, report=messages.append)
    outcome = watcher.rebuild()
    assert not outcome.ok
    assert any(m.level == "error" and "error:" in m.text and "short" in m.text for m in messages), messages
    assert not (tmp_path / "out" / "poster.svg").exists()


def test_the_watched_files_are_the_content_its_assets_and_the_layouts(tmp_path: Path):
    content = tmp_path / "content"
    shutil.copytree(data_dir("content") / "meierijstad", content)
    (content / "notes.txt").write_text("not read by the loader", encoding="utf-8")
    (content / ".hidden.yaml").write_text("meta: {}", encoding="utf-8")
    (content / "build").mkdir()
    (content / "build" / "poster.svg").write_text("<svg/>", encoding="utf-8")
    watcher = Watcher(content, content / "build", BuildOptions(), report=lambda m: None)
    names = {
        p.relative_to(content).as_posix() if p.is_relative_to(content) else p.name for p in watcher.watched_files()
    }
    assert {"poster.yaml", "stappenplan.yaml", "a0-portrait.yaml"} <= names
    assert any(n.startswith("assets/") for n in names)
    assert not {"notes.txt", ".hidden.yaml", "build/poster.svg"} & names


def test_a_crash_inside_a_rebuild_is_reported_not_raised(content: Path, tmp_path: Path, monkeypatch):
    import poster.watch

    def broken(*args, **kwargs):
        raise RuntimeError("simulated bug")

    monkeypatch.setattr(poster.watch, "build_files", broken)
    messages: list[Message] = []
    outcome = Watcher(content, tmp_path / "out", BuildOptions(formats=("svg",)), report=messages.append).rebuild()
    assert not outcome.ok
    assert any("internal error: RuntimeError: simulated bug" in m.text for m in messages)


def test_a_png_that_fails_after_svg_and_pdf_were_written_says_so(content: Path, tmp_path: Path, monkeypatch):
    import poster.build
    from poster.errors import AssetError

    def broken(build):
        raise AssetError("logo.png: simulated")

    monkeypatch.setitem(poster.build.OUTPUTS, "png", broken)
    messages: list[Message] = []
    options = BuildOptions(formats=("svg", "pdf", "png"), stem="poster")
    outcome = Watcher(content, tmp_path / "out", options, report=messages.append).rebuild()
    assert not outcome.ok and [p.name for p in outcome.written] == ["poster.svg", "poster.pdf"]
    texts = [m.text for m in messages]
    assert "error: logo.png: simulated" in texts
    assert any(t.startswith("poster.svg, poster.pdf were rebuilt before the error") for t in texts), texts


def test_when_svg_and_pdf_cannot_be_written_the_png_is_not_written_either(content: Path, tmp_path: Path):
    out = tmp_path / "out"
    (out / "poster.pdf").mkdir(parents=True)  # a folder where the PDF goes: writing SVG and PDF fails
    messages: list[Message] = []
    options = BuildOptions(formats=("svg", "pdf", "png"), png_widths=(300,), stem="poster")
    outcome = Watcher(content, out, options, report=messages.append).rebuild()
    assert not outcome.ok and outcome.written == []
    assert not (out / "poster.png").exists() and not (out / "poster.svg").exists()
    texts = [m.text for m in messages]
    assert any(t.startswith("error: ") and "poster.pdf" in t for t in texts), texts
    assert "previous outputs left unchanged; watching for the next save" in texts


def test_watch_refuses_a_content_folder_that_does_not_exist(tmp_path: Path):
    from click.testing import CliRunner

    from poster.cli import main

    result = CliRunner().invoke(main, ["watch", str(tmp_path / "nope"), "--out", str(tmp_path / "out")])
    assert result.exit_code == 1
    assert "no such content folder" in result.output


def test_only_changes_to_what_is_read_wake_the_watcher(content: Path, tmp_path: Path):
    """inotify reports every write under the folder: swap files, the output and hidden folders are filtered out."""
    out = content / "build"
    watcher = Watcher(content, out, BuildOptions(stem="poster"), report=lambda m: None)
    relevant = [
        content / "roadmap.yaml",
        content / "new.yml",
        content / "assets" / "logo.svg",
        data_dir("layouts") / "a0-portrait.yaml",
    ]
    ignored = [
        content / ".roadmap.yaml.swp",
        content / "roadmap.yaml~",
        content / "notes.txt",
        content / ".git" / "index",
        out / "poster.svg",
        data_dir("layouts") / "README.md",
    ]
    assert all(watcher._relevant(None, str(p)) for p in relevant)
    assert not any(watcher._relevant(None, str(p)) for p in ignored)


def test_a_rebuild_parses_only_the_file_that_changed(tmp_path: Path, monkeypatch):
    from poster.content import load, yamlsrc

    content = tmp_path / "content"
    shutil.copytree(data_dir("content") / "meierijstad", content)
    parsed: list[str] = []
    real = yamlsrc.read_yaml
    monkeypatch.setattr(yamlsrc, "read_yaml", lambda path, data=None: parsed.append(path.name) or real(path, data))
    watcher = Watcher(content, tmp_path / "out", BuildOptions(formats=("svg",), stem="poster"), report=lambda m: None)
    assert watcher.rebuild().ok
    files = sorted(p.name for p in content.glob("*.yaml"))
    assert sorted(parsed) == files and len(files) > 2

    parsed.clear()
    plan = content / "stappenplan.yaml"
    text = plan.read_text(encoding="utf-8")
    save(plan, text.replace("title: Programmaorganisatie inrichten", "title: Programma ingericht"))
    assert watcher.rebuild().ok
    assert parsed == ["stappenplan.yaml"]
    assert b"Programma ingericht" in (tmp_path / "out" / "poster.svg").read_bytes()

    # A broken edit: the same diagnostics as a fresh load reports.
    save(plan, text.replace("title: Programmaorganisatie inrichten", "title: [niet gesloten"))
    messages: list[Message] = []
    watcher.report = messages.append
    assert not watcher.rebuild().ok
    fresh = [d.format(relative_to=Path.cwd()) for d in load(content).diagnostics]
    assert fresh and [m.text for m in messages if m.level in ("error", "warning")][: len(fresh)] == fresh
