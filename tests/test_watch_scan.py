"""poster watch: scanning the content folder reads only what it watches (hidden folders and the output are pruned)."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from poster import watch
from poster.build import BuildOptions
from poster.resources import data_dir
from poster.watch import Watcher


@pytest.fixture
def listed(monkeypatch):
    """The folders the scan lists (every directory walk goes through os.scandir)."""
    seen: list[Path] = []
    real = os.scandir

    def scandir(path="."):
        seen.append(Path(os.fsdecode(path)))
        return real(path)

    monkeypatch.setattr(os, "scandir", scandir)
    return seen


def test_hidden_folders_and_the_output_are_not_walked(tmp_path: Path, listed):
    content = tmp_path / "content"
    shutil.copytree(data_dir("content") / "meierijstad", content)
    for name in (".git/objects/ab", ".venv/lib", "build/previews"):
        (content / name).mkdir(parents=True)
        (content / name / "x.yaml").write_text("x: 1\n", encoding="utf-8")
    watcher = Watcher(content, content / "build", BuildOptions(), report=lambda m: None)
    files = watcher.watched_files()
    assert any(p.parent.name == "assets" for p in files)
    inside = [p.relative_to(content).as_posix() for p in listed if p.is_relative_to(content)]
    assert inside and not [p for p in inside if p.startswith((".git", ".venv", "build"))], inside


def test_the_scan_stops_at_the_cap(tmp_path: Path, listed, monkeypatch):
    monkeypatch.setattr(watch, "MAX_FILES", 20)
    content = tmp_path / "content"
    shutil.copytree(data_dir("content") / "minimal", content)
    for folder in ("a", "b", "c"):
        (content / folder).mkdir()
        for i in range(30):
            (content / folder / f"{i}.png").write_bytes(b"")
    watcher = Watcher(content, tmp_path / "out", BuildOptions(), report=lambda m: None)
    files = [p for p in watcher.watched_files() if p.is_relative_to(content)]
    assert len(files) == 20
    assert len([p for p in listed if p.is_relative_to(content)]) < 4  # stopped inside the first full folder
