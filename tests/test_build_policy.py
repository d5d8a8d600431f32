"""One build policy for `poster build` and `poster watch`: the manifest last, every warning of the build shown.

The manifest lists the files made before it, so it must come after every other
format however --format names them, and in watch mode after the late group
too. Warnings are layout's and the outputs' (print preflight, slides): watch
shows and --strict refuses the same ones `poster build` does.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from poster.build import BuildOptions, build_files, format_groups, ordered_formats
from poster.cli import main
from poster.content import load
from poster.resources import data_dir
from poster.watch import Message, Watcher

RGB_WARNING = "print PDF: its colours are RGB"


@pytest.fixture
def content(tmp_path: Path) -> Path:
    folder = tmp_path / "content"
    shutil.copytree(data_dir("content") / "minimal", folder)
    return folder


def listed(manifest: bytes) -> list[str]:
    return [f["file"] for f in json.loads(manifest)["files"]]


def test_formats_are_ordered_with_the_manifest_last():
    assert ordered_formats(("manifest", "svg", "pdf")) == ("svg", "pdf", "manifest")
    assert ordered_formats(("svg", "manifest", "print")) == ("svg", "print", "manifest")
    assert ordered_formats(("png", "svg")) == ("png", "svg")


def test_watch_groups_put_the_slow_formats_and_then_the_manifest_late():
    assert format_groups(("manifest", "png", "svg", "pdf", "html")) == (("svg", "pdf"), ("png", "html", "manifest"))
    assert format_groups(("svg", "print")) == (("svg", "print"), ())
    assert format_groups(("png",)) == ((), ("png",))


def test_build_makes_the_manifest_last_whatever_the_order_given(content: Path, tmp_path: Path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(
        main, ["build", str(content), "--format", "manifest,svg", "--out", "out"], catch_exceptions=False
    )
    assert result.exit_code == 0, result.output
    assert listed((tmp_path / "out" / "manifest.json").read_bytes()) == ["content.svg"]


def test_watch_manifest_lists_the_late_files_too(content: Path, tmp_path: Path):
    options = BuildOptions(formats=("svg", "png", "manifest"), png_widths=(200,), stem="poster")
    outcome = Watcher(content, tmp_path / "out", options, report=lambda m: None).rebuild()
    assert outcome.ok
    assert [p.name for p in outcome.written] == ["poster.svg", "poster.png", "manifest.json"]
    assert listed((tmp_path / "out" / "manifest.json").read_bytes()) == ["poster.png", "poster.svg"]


def test_watch_shows_the_warnings_poster_build_shows(content: Path, tmp_path: Path):
    options = BuildOptions(formats=("svg", "print"), stem="poster")
    expected = build_files(load(content).roadmap, options).all_warnings
    assert any(RGB_WARNING in w for w in expected)  # the print preflight's, not layout's
    messages: list[Message] = []
    outcome = Watcher(content, tmp_path / "out", options, report=messages.append).rebuild()
    assert outcome.ok
    assert [m.text for m in messages if m.level == "warning"] == [f"warning: {w}" for w in expected]


def test_watch_strict_refuses_the_print_preflight_warnings(content: Path, tmp_path: Path):
    options = BuildOptions(formats=("svg", "print"), stem="poster")
    messages: list[Message] = []
    outcome = Watcher(content, tmp_path / "out", options, report=messages.append, strict=True).rebuild()
    assert not outcome.ok and outcome.written == []
    assert any(m.level == "error" and "--strict makes warnings errors" in m.text for m in messages), messages
    assert not (tmp_path / "out").exists() or not any((tmp_path / "out").iterdir())
