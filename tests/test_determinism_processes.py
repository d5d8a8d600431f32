"""Determinism across processes: the same content gives byte-identical files in fresh interpreters.

The byte-identity tests elsewhere build twice inside one process, where
lru caches and a single hash seed can hide an order that depends on set or
dict iteration of strings. Here each build is its own `python -m poster`
with its own PYTHONHASHSEED, and the first two with fresh (empty) caches; the
third reuses the first's hyphenation cache, so a warm cache is compared with
a cold one too.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

FORMATS = "svg,pdf,png,html,slides"


def build(out: Path, cache: Path, seed: str, cwd: Path) -> dict[str, bytes]:
    env = {**os.environ, "PYTHONHASHSEED": seed, "POSTER_CACHE_DIR": str(cache)}
    env.pop("SOURCE_DATE_EPOCH", None)
    result = subprocess.run(
        [sys.executable, "-m", "poster", "build", "--format", FORMATS, "--png-width", "1000", "--out", str(out)],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=180,
    )
    assert result.returncode == 0, result.stderr
    return {p.name: p.read_bytes() for p in sorted(out.iterdir())}


@pytest.mark.slow
def test_builds_in_separate_processes_with_different_hash_seeds_are_byte_identical(tmp_path: Path):
    first = build(tmp_path / "a", tmp_path / "cache-a", "1", tmp_path)
    second = build(tmp_path / "b", tmp_path / "cache-b", "4242", tmp_path)
    assert any((tmp_path / "cache-a").rglob("*")), "the first build wrote no cache to reuse"
    warm = build(tmp_path / "c", tmp_path / "cache-a", "987654", tmp_path)
    assert sorted(first) == [
        "meierijstad-slides.pdf",
        "meierijstad.html",
        "meierijstad.pdf",
        "meierijstad.png",
        "meierijstad.svg",
    ]
    for name in first:
        assert first[name] == second[name], f"{name} differs between two processes (cold caches, other hash seed)"
        assert first[name] == warm[name], f"{name} differs between a cold and a warm hyphenation cache"
