"""Shared helpers for the content and CLI tests: a small valid roadmap and ways to break it."""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path

import pytest
from hypothesis import settings

from poster.content import load
from poster.resources import data_dir

# Property tests explore new random examples on every local run; the CI gate (.ci/run sets
# HYPOTHESIS_PROFILE=ci) runs the same derandomized examples each time, so its verdict is about the change
# and not about the draw. A failure a local run finds is a bug to fix, and the example to add to the test.
settings.register_profile("ci", derandomize=True, database=None)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "default"))


@pytest.fixture(autouse=True, scope="session")
def _private_cache_dir(tmp_path_factory):
    """The hyphenation cache goes to a temporary folder, not the user's ~/.cache, while tests run."""
    import os

    os.environ.setdefault("POSTER_CACHE_DIR", str(tmp_path_factory.mktemp("poster-cache")))


# A valid one-file roadmap that uses every section. Tests break it with `edit`
# and find expected positions with `at`, so no line number is hard-coded twice.
BASE = """\
meta:
  organisation: Gemeente Voorbeeld
  title: Routekaart datagedreven werken
  subtitle: Van plan naar praktijk
  language: nl
  version: "2.1"
  as_of: 2026-03-15
  contact:
    name: Anna de Vries
    email: a.devries@example.nl
vision:
  statement: Wij zetten data in voor betere besluiten.
  ambitions:
    - title: Datagedreven cultuur
      text: Alle teams gebruiken data.
    - title: Betrouwbare data
  benefits: [Betere besluiten, Minder dubbel werk]
baseline:
  measured: 2024-03
  horizon: 5
  scale: [Startend, Ontwikkelend, Toepassend, Sturend, Transformerend]
  dimensions:
    - {id: leiderschap, name: Leiderschap, current: 2, target: 4}
    - {id: cultuur, name: Cultuur, current: 1.5, target: 3.5}
    - {id: techniek, name: Techniek, current: 3, target: 4}
strategy:
  pillars:
    - id: mensen
      name: Mensen
      dimensions: [cultuur, leiderschap]
      color: "#0B7A75"
    - id: techniek
      name: Techniek
      dimensions: [techniek]
plan:
  start: 2025-01
  end: 2027-12
  steps:
    - id: architectuur
      title: Architectuur op orde
      pillar: techniek
      start: 2025-Q1
      end: 2025-Q3
      status: done
    - id: portaal
      title: Portaal met dashboards
      pillar: techniek
      start: 2025-Q3
      end: 2026-H1
      status: in_progress
      progress: 60
      depends_on: [architectuur]
    - id: datawijsheid
      title: Training datawijsheid
      pillar: mensen
      start: 2026
      end: 2027
  milestones:
    - id: college
      title: Presentatie aan het college
      date: 2025-06-12
      done: true
results:
  - title: Portaal opgeleverd
    date: 2026-02
    step: portaal
quote:
  text: Datagedreven werken leeft nu.
  source: Gemeente Voorbeeld
theme:
  colors: {primary: "#1F3A5F", accent: "cmyk(0, 60, 100, 0)", pillars: ["#123", "#456789"]}
  fonts: {heading: fira sans, body: Lato}
  logo: {position: left, height: 30}
"""

TODAY = date(2026, 11, 27)


def edit(text: str, old: str, new: str, count: int = 1) -> str:
    """Replace `old` (which must occur exactly `count` times) by `new`."""
    assert text.count(old) == count, f"{old!r} occurs {text.count(old)} times"
    return text.replace(old, new)


def at(text: str, needle: str, nth: int = 1, offset: int = 0) -> str:
    """'line:column' (1-based) of the nth occurrence of needle in text, plus offset characters."""
    index = -1
    for _ in range(nth):
        index = text.index(needle, index + 1)
    index += offset
    line = text.count("\n", 0, index) + 1
    column = index - (text.rfind("\n", 0, index) + 1) + 1
    return f"{line}:{column}"


def line_of(text: str, needle: str) -> int:
    return int(at(text, needle).split(":")[0])


def write_files(folder: Path, files: dict[str, str | bytes]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, body in files.items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(body, bytes):
            path.write_bytes(body)
        else:
            path.write_text(body, encoding="utf-8")
    return folder


def problems(folder: Path, **kwargs) -> list[str]:
    """Every diagnostic of a folder, formatted with paths relative to it."""
    kwargs.setdefault("today", TODAY)
    return [d.format(relative_to=folder) for d in load(folder, **kwargs).diagnostics]


@pytest.fixture
def check_text(tmp_path):
    """check_text(text) -> formatted diagnostics of a folder holding only roadmap.yaml."""

    def run(text: str | bytes, name: str = "roadmap.yaml", **kwargs) -> list[str]:
        folder = write_files(tmp_path / "content", {name: text})
        return problems(folder, **kwargs)

    return run


def example_folder() -> Path | None:
    """content/meierijstad when it exists in this checkout or installation."""
    try:
        folder = data_dir("content") / "meierijstad"
    except FileNotFoundError:
        return None
    return folder if any(folder.glob("*.yaml")) else None


@pytest.fixture
def example():
    folder = example_folder()
    if folder is None:
        pytest.skip("content/meierijstad is not written yet")
    return folder


@pytest.fixture
def run(tmp_path, monkeypatch):
    """run(*args): the poster CLI in tmp_path as the current directory, so paths print relative to it."""
    from click.testing import CliRunner

    from poster.cli import main

    monkeypatch.chdir(tmp_path)

    def invoke(*args):
        return CliRunner().invoke(main, list(args), catch_exceptions=False)

    return invoke
