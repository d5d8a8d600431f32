"""kill -9 at the dangerous moments: a real process, stopped where it is about to hurt, then killed.

POSTER_CRASH_POINT makes poster stop itself (SIGSTOP) at a named moment of a
group write (poster.atomic): "staged" (a temporary file written, nothing
else), "journal" (every temporary file and the journal written, nothing
renamed), "renamed" (one file renamed, the others not). The test waits until
the process is stopped there, kills it with SIGKILL, looks at what it left, and
runs the next command: no temporary file may survive it, and no update may stay
half-applied.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from poster.atomic import JOURNAL
from poster.resources import data_dir

pytestmark = pytest.mark.skipif(not hasattr(signal, "SIGSTOP"), reason="needs SIGSTOP and SIGKILL")

EXAMPLE = data_dir("content") / "meierijstad"
TITLE = b"title: Routekaart datagedreven werken"


def poster(*args: str, crash_at: str | None = None, cwd: Path | None = None) -> subprocess.CompletedProcess | None:
    """Run poster; with `crash_at`, wait until it stops itself there, kill it with SIGKILL and return None."""
    env = dict(os.environ)
    env.pop("POSTER_CRASH_POINT", None)
    if crash_at is not None:
        env["POSTER_CRASH_POINT"] = crash_at
    command = [sys.executable, "-m", "poster", *args]
    if crash_at is None:
        return subprocess.run(command, env=env, cwd=cwd, capture_output=True, text=True, timeout=240)
    proc = subprocess.Popen(command, env=env, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        _, status = os.waitpid(proc.pid, os.WUNTRACED)  # returns once it stopped itself (or ended)
        assert os.WIFSTOPPED(status), f"poster ended before reaching {crash_at}: {proc.stderr.read()!r}"
        os.kill(proc.pid, signal.SIGKILL)
        os.waitpid(proc.pid, 0)
        proc.returncode = -9
    finally:
        if proc.returncode is None:
            proc.kill()
        proc.stderr.close()
    return None


def hidden(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.rglob(".*"))


@pytest.fixture
def content(tmp_path) -> Path:
    folder = tmp_path / "meierijstad"
    shutil.copytree(EXAMPLE, folder)
    return folder


def retitle(folder: Path, title: str) -> None:
    path = folder / "poster.yaml"
    path.write_bytes(path.read_bytes().replace(TITLE, b"title: " + title.encode()))


def outputs(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in folder.iterdir()}


@pytest.fixture(scope="module")
def builds(tmp_path_factory):
    """(old outputs, the content changed, the outputs of the changed content), built once."""
    root = tmp_path_factory.mktemp("builds")
    shutil.copytree(EXAMPLE, root / "meierijstad")
    assert poster("build", str(root / "meierijstad"), "--format", "svg,pdf", "--out", str(root / "old")).returncode == 0
    retitle(root / "meierijstad", "Nieuwe titel")
    assert poster("build", str(root / "meierijstad"), "--format", "svg,pdf", "--out", str(root / "new")).returncode == 0
    return root / "old", root / "meierijstad", outputs(root / "new")


# -- a build --------------------------------------------------------------------------


@pytest.mark.slow
@pytest.mark.parametrize("moment", ["staged", "renamed"])
def test_a_build_killed_while_writing_is_repaired_by_the_next(builds, tmp_path, moment):
    old_dir, changed, new = builds
    out = tmp_path / "out"
    shutil.copytree(old_dir, out)
    old = outputs(out)

    poster("build", str(changed), "--format", "svg,pdf", "--out", str(out), crash_at=moment)
    left = hidden(out)
    assert left and all(n.endswith(".poster.tmp") or n == JOURNAL for n in left)
    current = {n: (out / n).read_bytes() for n in old}
    if moment == "renamed":
        assert current["meierijstad.svg"] == new["meierijstad.svg"]  # a mixed set, and the journal says so
        assert current["meierijstad.pdf"] == old["meierijstad.pdf"] and JOURNAL in left
    else:
        assert current == old and JOURNAL not in left  # nothing renamed yet

    # The next build - of one format only - sweeps up and finishes (or drops) the interrupted set.
    done = poster("build", str(changed), "--format", "svg", "--out", str(out))
    assert done.returncode == 0, done.stderr
    assert hidden(out) == []
    if moment == "staged":
        assert (out / "meierijstad.pdf").read_bytes() == old["meierijstad.pdf"]  # never half-applied: not applied
    else:
        assert (out / "meierijstad.pdf").read_bytes() == new["meierijstad.pdf"]
        assert "interrupted write of meierijstad.svg, meierijstad.pdf was completed" in done.stderr
    assert (out / "meierijstad.svg").read_bytes() == new["meierijstad.svg"]


# -- a progress update of two files ----------------------------------------------------------

UPDATE = ("wijkmonitor", "--progress", "20", "--as-of", "2026-12-18")


def files(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.glob("*.yaml"))}


@pytest.fixture(scope="module")
def updated(tmp_path_factory) -> dict[str, bytes]:
    """The example's files after the update, made by an uninterrupted run."""
    folder = tmp_path_factory.mktemp("reference") / "meierijstad"
    shutil.copytree(EXAMPLE, folder)
    assert poster("progress", str(folder), *UPDATE).returncode == 0
    return files(folder)


@pytest.mark.slow
@pytest.mark.parametrize("moment", ["staged", "renamed"])
def test_a_progress_update_killed_half_way_is_finished_by_the_next_run(content, updated, moment):
    before, after = files(content), updated
    assert [n for n in before if before[n] != after[n]] == ["poster.yaml", "stappenplan.yaml"]

    poster("progress", str(content), *UPDATE, crash_at=moment)
    assert hidden(content)  # the temporary files (and the journal) of the killed update
    if moment == "renamed":
        assert files(content)["poster.yaml"] == after["poster.yaml"]
        assert files(content)["stappenplan.yaml"] == before["stappenplan.yaml"]

    done = poster("check", str(content))
    assert done.returncode == 0, done.stderr
    assert hidden(content) == []
    assert files(content) == (before if moment == "staged" else after)  # all or nothing, never a mix


def test_an_interrupted_update_is_undone_when_a_file_it_still_had_to_write_was_edited(content):
    before = files(content)
    poster("progress", str(content), *UPDATE, crash_at="renamed")
    theirs = before["stappenplan.yaml"].replace(b"progress: 15", b"progress: 25")
    assert theirs != before["stappenplan.yaml"]
    (content / "stappenplan.yaml").write_bytes(theirs)  # a colleague saves meanwhile

    done = poster("check", str(content))
    assert done.returncode == 0, done.stderr
    assert "interrupted update of poster.yaml, stappenplan.yaml was undone, because stappenplan.yaml changed" in (
        done.stderr
    )
    assert hidden(content) == []
    assert files(content) == {**before, "stappenplan.yaml": theirs}


# -- the sweeping up, in this process -------------------------------------------------------


def test_stale_temporaries_are_removed_and_live_ones_and_other_files_kept(tmp_path):
    import time

    from poster import atomic

    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    dead_pid = int(dead.stdout)
    names = {
        f".meierijstad.svg.{dead_pid}.0a1b2c3d.poster.tmp": False,  # a killed build's
        f".meierijstad.pdf.{os.getppid()}.0a1b2c3d.poster.tmp": True,  # a running process's
        ".meierijstad.png.1a2b3c4d.tmp": False,  # an earlier version's, an hour old
        ".notes.txt.1a2b3c4d.tmp": True,  # not ours
        ".hidden": True,
        "meierijstad.svg": True,
    }
    for name in names:
        (tmp_path / name).write_bytes(b"x")
    hour_ago = time.time() - 3700
    os.utime(tmp_path / ".meierijstad.png.1a2b3c4d.tmp", (hour_ago, hour_ago))
    atomic.recover(tmp_path)
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(n for n, kept in names.items() if kept)


def test_a_journal_that_makes_no_sense_is_dropped_and_never_reaches_outside_its_folder(tmp_path):
    from poster import atomic

    folder = tmp_path / "out"
    folder.mkdir()
    outside = tmp_path / "precious.txt"
    outside.write_bytes(b"keep")
    (folder / "x.svg").write_bytes(b"old")
    (folder / atomic.JOURNAL).write_text(
        '{"pid": 0, "files": [{"target": "../precious.txt", "temp": "x.svg", "new": "0", "original": null}]}'
    )
    atomic.recover(folder)
    assert outside.read_bytes() == b"keep" and (folder / "x.svg").read_bytes() == b"old"
    (folder / atomic.JOURNAL).write_text("not json")
    atomic.recover(folder)
    assert sorted(p.name for p in folder.iterdir()) == ["x.svg"]
