"""Output writing: all files or none, previous outputs untouched on failure, no temporary files left."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from poster import atomic
from poster.errors import OutputError
from poster.output import write_outputs


def listing(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


def test_writes_every_file_and_creates_the_folder(tmp_path):
    out = tmp_path / "build" / "nested"
    files = {out / "poster.svg": b"<svg/>", out / "poster.pdf": b"%PDF", out / "poster.png": b"\x89PNG"}
    assert write_outputs(files) == list(files)
    assert listing(out) == {"poster.pdf": b"%PDF", "poster.png": b"\x89PNG", "poster.svg": b"<svg/>"}


def test_replaces_previous_outputs(tmp_path):
    (tmp_path / "poster.svg").write_bytes(b"old")
    write_outputs({tmp_path / "poster.svg": b"new"})
    assert listing(tmp_path) == {"poster.svg": b"new"}


def test_permissions_follow_the_umask_not_private(tmp_path):
    old = os.umask(0o022)
    try:
        write_outputs({tmp_path / "poster.pdf": b"%PDF"})
    finally:
        os.umask(old)
    assert stat.S_IMODE((tmp_path / "poster.pdf").stat().st_mode) == 0o644


def test_failure_while_writing_leaves_previous_outputs_and_no_temporaries(tmp_path, monkeypatch):
    (tmp_path / "poster.svg").write_bytes(b"old svg")
    (tmp_path / "poster.pdf").write_bytes(b"old pdf")
    real = atomic.write_temp

    def failing(target, data, mode=None):
        if target.suffix == ".pdf":
            raise OSError(28, "No space left on device")
        return real(target, data, mode)

    monkeypatch.setattr(atomic, "write_temp", failing)
    with pytest.raises(OutputError) as info:
        write_outputs({tmp_path / "poster.svg": b"new svg", tmp_path / "poster.pdf": b"new pdf"})
    message = info.value.format_message()
    assert "poster.pdf" in message and "No space left on device" in message
    assert "previous outputs left unchanged" in message
    assert listing(tmp_path) == {"poster.pdf": b"old pdf", "poster.svg": b"old svg"}


def _lock(folder: Path) -> bool:
    """Make `folder` unwritable for this process: chmod for a user, the immutable flag for root (who ignores modes)."""
    import subprocess

    if os.geteuid() != 0:
        folder.chmod(0o555)
        return True
    done = subprocess.run(["chattr", "+i", str(folder)], capture_output=True)
    return done.returncode == 0


def _unlock(folder: Path) -> None:
    import subprocess

    if os.geteuid() == 0:
        subprocess.run(["chattr", "-i", str(folder)], capture_output=True)
    folder.chmod(0o755)


@pytest.mark.skipif(os.name != "posix", reason="needs POSIX permissions")
def test_read_only_folder_is_a_clear_error(tmp_path):
    folder = tmp_path / "out"
    folder.mkdir()
    (folder / "poster.svg").write_bytes(b"old")
    if not _lock(folder):
        pytest.skip("running as root on a file system without chattr: cannot make a folder unwritable")
    try:
        with pytest.raises(
            OutputError,
            match=r"poster\.svg: cannot write \((Permission denied|Operation not permitted)\); "
            r"previous outputs left unchanged",
        ):
            write_outputs({folder / "poster.svg": b"new"})
        assert listing(folder) == {"poster.svg": b"old"}
    finally:
        _unlock(folder)


def test_output_folder_that_is_a_file_is_a_clear_error(tmp_path):
    (tmp_path / "build").write_bytes(b"a file, not a folder")
    with pytest.raises(OutputError, match=r"build.poster\.svg: cannot write"):
        write_outputs({tmp_path / "build" / "poster.svg": b"x"})
    assert listing(tmp_path) == {"build": b"a file, not a folder"}


def test_target_that_is_a_directory_is_refused_before_writing(tmp_path):
    (tmp_path / "poster.pdf").mkdir()
    with pytest.raises(OutputError, match=r"poster\.pdf: is a directory"):
        write_outputs({tmp_path / "poster.svg": b"x", tmp_path / "poster.pdf": b"y"})
    assert [p.name for p in tmp_path.iterdir()] == ["poster.pdf"]


def test_rename_failure_names_what_was_already_replaced(tmp_path, monkeypatch):
    real = os.replace
    calls = []

    def failing_replace(src, dst):
        if Path(dst).name == atomic.JOURNAL:
            return real(src, dst)
        calls.append(dst)
        if Path(dst).suffix == ".png":
            raise OSError(5, "Input/output error")
        real(src, dst)

    monkeypatch.setattr(atomic.os, "replace", failing_replace)
    files = {tmp_path / "poster.svg": b"svg", tmp_path / "poster.png": b"png"}
    with pytest.raises(
        OutputError, match=r"poster\.png: cannot replace \(Input/output error\).*poster\.svg already replaced"
    ):
        write_outputs(files)
    assert listing(tmp_path) == {"poster.svg": b"svg"}  # no temporaries left behind


def test_ctrl_c_while_renaming_leaves_no_temporaries(tmp_path, monkeypatch):
    (tmp_path / "poster.pdf").write_bytes(b"old pdf")
    real = os.replace
    calls = []

    def interrupted(src, dst):
        if Path(dst).name == atomic.JOURNAL:
            return real(src, dst)
        calls.append(dst)
        if len(calls) == 2:
            raise KeyboardInterrupt
        real(src, dst)

    monkeypatch.setattr(atomic.os, "replace", interrupted)
    with pytest.raises(KeyboardInterrupt):
        write_outputs(
            {
                tmp_path / "poster.svg": b"new svg",
                tmp_path / "poster.pdf": b"new pdf",
                tmp_path / "poster.png": b"new png",
            }
        )
    assert listing(tmp_path) == {"poster.pdf": b"old pdf", "poster.svg": b"new svg"}


def test_ctrl_c_while_flushing_leaves_no_temporaries(tmp_path, monkeypatch):
    (tmp_path / "poster.svg").write_bytes(b"old svg")
    real = os.fsync
    calls = []

    def interrupted(fd):
        calls.append(fd)
        if len(calls) == 2:
            raise KeyboardInterrupt
        real(fd)

    monkeypatch.setattr(atomic.os, "fsync", interrupted)
    with pytest.raises(KeyboardInterrupt):
        write_outputs({tmp_path / "poster.svg": b"new svg", tmp_path / "poster.pdf": b"new pdf"})
    assert listing(tmp_path) == {"poster.svg": b"old svg"}
