"""The README's tour of the commands, run line by line in an empty folder as a new user would: every line works.

The lines are read from README.md itself, so the tour cannot drift from what works. Each runs in bash with
the installed `poster` first on PATH; git gets an identity from the environment (a new user has one
configured). The watch line runs until its first rebuild is reported, then gets Ctrl-C; it is given
--port 0 so the test never collides with a preview already on port 8000.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
README = ROOT / "README.md"
WAIT_S = 180.0

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(shutil.which("git") is None, reason="SKIPPED README TOUR: git is not installed"),
    pytest.mark.skipif(sys.platform == "win32", reason="the tour is a POSIX shell session"),
]


def tour_lines() -> list[str]:
    """The commands of the README's tour block, without their comments."""
    text = README.read_text(encoding="utf-8")
    block = text.split("## A tour of the commands", 1)[1].split("```sh\n", 1)[1].split("```", 1)[0]
    lines = []
    for raw in block.splitlines():
        command = raw.split("  #", 1)[0].strip()
        if command:
            lines.append(command)
    return lines


def test_the_tour_is_what_the_readme_shows():
    lines = tour_lines()
    assert lines[0] == "poster init mijn-routekaart"
    assert any(line.startswith("poster watch") for line in lines)
    assert all(line.startswith(("poster ", "git ")) for line in lines), lines


def test_the_readme_tour_runs_top_to_bottom_in_an_empty_folder(tmp_path):
    bin_dir = Path(sys.executable).parent
    assert (bin_dir / "poster").exists(), "poster is not installed beside this Python"
    env = {
        **os.environ,
        "PATH": f"{bin_dir}{os.pathsep}{os.environ.get('PATH', '')}",
        "HOME": str(tmp_path / "home"),
        "GIT_AUTHOR_NAME": "Beleidsmedewerker",
        "GIT_AUTHOR_EMAIL": "routekaart@example.org",
        "GIT_COMMITTER_NAME": "Beleidsmedewerker",
        "GIT_COMMITTER_EMAIL": "routekaart@example.org",
        "GIT_CONFIG_NOSYSTEM": "1",
    }
    (tmp_path / "home").mkdir()
    work = tmp_path / "werkmap"
    work.mkdir()
    outputs = {}
    for line in tour_lines():
        if line.startswith("poster watch"):
            _watch(line + " --port 0", work, env)
            continue
        result = subprocess.run(["bash", "-c", line], cwd=work, env=env, capture_output=True, text=True, timeout=WAIT_S)
        assert result.returncode == 0, f"{line}\nstdout: {result.stdout}\nstderr: {result.stderr}"
        outputs[line] = result
    # what the lines promise is there
    assert (work / "mijn-routekaart" / "poster.schema.json").is_file()
    assert {p.name for p in (work / "build").iterdir()} >= {
        "mijn-routekaart.svg",
        "mijn-routekaart.pdf",
        "mijn-routekaart.png",
        "mijn-routekaart-print.pdf",
    }
    assert (work / "drukwerk" / "mijn-routekaart.pdf").is_file()
    manifest = json.loads((work / "publicatie" / "manifest.json").read_text(encoding="utf-8"))
    assert len(manifest["files"]) >= 8
    diff = next(r for line, r in outputs.items() if line.startswith("poster diff"))
    assert "portaal" in diff.stdout or "Portaal" in diff.stdout, diff.stdout
    assert json.loads((work / "poster.schema.json").read_text(encoding="utf-8"))["type"] == "object"


def _watch(line: str, cwd: Path, env: dict[str, str]) -> None:
    """Run `poster watch ... --serve` until its first rebuild is reported, then stop it as Ctrl-C does."""
    proc = subprocess.Popen(
        ["bash", "-c", f"exec {line}"],
        cwd=cwd,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
    )
    seen: list[str] = []
    try:
        deadline = time.monotonic() + WAIT_S
        assert proc.stderr is not None
        while time.monotonic() < deadline:
            text = proc.stderr.readline()
            if not text:
                break
            seen.append(text.rstrip("\n"))
            if text.startswith("rebuilt "):
                break
        assert any(s.startswith("preview: http://127.0.0.1:") for s in seen), seen
        assert any(s.startswith("rebuilt ") for s in seen), seen
        proc.send_signal(signal.SIGINT)
        assert proc.wait(timeout=60) == 0
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()
