"""CLI: real processes - the installed `poster` script and `python -m poster`."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from conftest import BASE, at, edit, write_files

SCRIPT = Path(sys.executable).parent / "poster"
F = "roadmap.yaml"


def run(args: list[str], cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run(args, cwd=cwd, capture_output=True, text=True, timeout=60)


@pytest.mark.skipif(not SCRIPT.exists(), reason="the package is not installed in this environment")
def test_installed_script_checks_the_example(example):
    result = run([str(SCRIPT), "check", str(example)], cwd=example.parent)
    assert result.returncode == 0, result.stderr
    assert result.stdout == "" and result.stderr == f"{example.name}: OK, 0 errors, 0 warnings\n"


@pytest.mark.skipif(not SCRIPT.exists(), reason="the package is not installed in this environment")
def test_installed_script_version(tmp_path):
    result = run([str(SCRIPT), "--version"], cwd=tmp_path)
    assert result.returncode == 0 and result.stdout.startswith("poster, version ")


def test_python_m_poster_reports_errors_with_exit_1(tmp_path):
    text = edit(BASE, "      start: 2025-Q1\n", "      start: 2025-Q7\n")
    write_files(tmp_path / "c", {F: text})
    result = run([sys.executable, "-m", "poster", "check", "c"], cwd=tmp_path)
    assert result.returncode == 1
    assert result.stdout == ""
    assert result.stderr.splitlines() == [
        f"c/{F}:{at(text, '2025-Q7')}: error: plan.steps[0].start: '2025-Q7' is not a date: quarters are Q1 to Q4",
        "Error: c: 1 error, 0 warnings",
    ]


def test_python_m_poster_usage_error_exits_2(tmp_path):
    result = run([sys.executable, "-m", "poster", "check", "--no-such-option"], cwd=tmp_path)
    assert result.returncode == 2 and "No such option" in result.stderr


def test_python_m_poster_schema_and_init(tmp_path):
    schema = run([sys.executable, "-m", "poster", "schema"], cwd=tmp_path)
    assert schema.returncode == 0 and schema.stdout.startswith("{") and schema.stderr == ""
    init = run([sys.executable, "-m", "poster", "init", "nieuw"], cwd=tmp_path)
    assert init.returncode == 0, init.stderr
    check = run([sys.executable, "-m", "poster", "check", "nieuw", "--strict"], cwd=tmp_path)
    assert check.returncode == 0 and check.stderr == "nieuw: OK, 0 errors, 0 warnings\n"
