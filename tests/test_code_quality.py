"""Lint, format and types run with the tests, so `make test` fails on a finding.

The rules are in pyproject.toml ([tool.ruff], [tool.mypy]). To fix what these tests report:
    .venv/bin/ruff format . && .venv/bin/ruff check --fix . && .venv/bin/mypy
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def tool(name: str) -> str:
    """The tool installed beside this Python (the venv's), else the one on PATH."""
    here = Path(sys.executable).parent / name
    found = str(here) if here.exists() else shutil.which(name)
    if found is None:
        pytest.fail(f"{name} is not installed: pip install -e '.[test]' installs it")
    return found


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(args, cwd=ROOT, capture_output=True, text=True, timeout=300)


def test_ruff_check_finds_nothing():
    result = run(tool("ruff"), "check", "--no-fix", "--output-format=concise", ".")
    assert result.returncode == 0, "ruff check found (fix: ruff check --fix .):\n" + result.stdout + result.stderr


def test_code_is_formatted_by_ruff():
    result = run(tool("ruff"), "format", "--check", ".")
    assert result.returncode == 0, "not formatted (fix: ruff format .):\n" + result.stdout + result.stderr


def test_mypy_finds_nothing():
    # Files, settings and the cache folder (.mypy_cache, which makes a second run take a second) are in pyproject.toml.
    result = run(tool("mypy"))
    assert result.returncode == 0, "mypy found:\n" + result.stdout + result.stderr
