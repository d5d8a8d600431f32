"""The hostile-input benchmark (benchmarks/hostile.py) in its quick CI mode, so it cannot rot."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.slow
def test_quick_hostile_benchmark_runs_and_finds_no_traceback(tmp_path: Path):
    out = tmp_path / "hostile.json"
    result = subprocess.run(
        [sys.executable, str(ROOT / "benchmarks" / "hostile.py"), "--quick", "--json", str(out)],
        capture_output=True,
        text=True,
        timeout=300,
        check=True,
    )
    assert "worst time:" in result.stdout and "tracebacks:   0" in result.stdout
    runs = json.loads(out.read_text(encoding="utf-8"))["runs"]
    assert {r["input"] for r in runs} == {"long-word-16k", "escapes"}
    assert all(r["exit_code"] == 1 and not r["traceback"] for r in runs)  # both refused cleanly by check


def test_every_input_of_the_corpus_is_at_most_5_mb(tmp_path: Path):
    sys.path.insert(0, str(ROOT / "benchmarks"))
    try:
        import hostile
    finally:
        sys.path.remove(str(ROOT / "benchmarks"))
    folders = hostile.corpus(tmp_path)
    assert len(folders) >= 10
    for folder in folders.values():
        assert all(p.stat().st_size <= 5 * 1024 * 1024 for p in folder.rglob("*") if p.is_file())
