"""Files: write a file, or a group of files, so that no crash leaves half of it - the one routine every writer uses.

One file: its bytes go to a temporary file beside it (hidden, flushed and
fsync'ed), which is then renamed over it: a reader sees the old file or the new
one, never a mix (`write_atomic`).

A group (the outputs of a build, the content files of one progress update):
every temporary file is written first; then a journal in the folder lists
them; then they are renamed into place one by one; then the journal goes.
A process killed (kill -9, a power cut) before the journal was written
changed nothing; killed after it, the next run (`recover`) finds the journal
and finishes the renames - or, for files the user owns, puts back the ones
already renamed when a file still to go was changed since (the journal holds
their original bytes until the group is in). So a group is all-or-nothing even
across a crash, and while the journal is there the folder is known to be
mixed.

Temporary files are named `.<name>.<pid>.<random>.poster.tmp`: `clean_stale`
removes those of processes that no longer run, so a crash leaves nothing the
next run does not sweep up.

`POSTER_CRASH_POINT` (tests only) names a moment at which the process stops
itself (SIGSTOP), so a test can kill it there with SIGKILL, deterministically:
"staged" (a temporary file written, no journal), "journal" (temporaries and
journal written, nothing renamed) and "renamed"
(the first file renamed, the others not).
"""

from __future__ import annotations

import base64
import hashlib
import json
import os
import re
import secrets
import signal
import stat
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

JOURNAL = ".poster-journal.json"
_SUFFIX = ".poster.tmp"
_OURS = re.compile(r"^\..+\.(\d+)\.[0-9a-f]+\.poster\.tmp$")
# What earlier versions left: output temporaries (.name.8hex.tmp) and mkstemp's (.name.XXXXXXXX.tmp).
_LEGACY = re.compile(r"^\..+\.(svg|pdf|png|html|json|yaml|yml)\.[A-Za-z0-9_]{8}\.tmp$")
_LEGACY_AGE_S = 3600.0


def digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def write_temp(target: Path, data: bytes, mode: int | None = None) -> Path:
    """`data` in a new hidden file beside `target`, flushed to disk; OSError leaves no file behind.

    `mode`: the permission bits to give it (a content file keeps its own);
    None lets the umask decide, as for a plain open().
    """
    target = Path(target)
    temp = target.with_name(f".{target.name}.{os.getpid()}.{secrets.token_hex(4)}{_SUFFIX}")
    fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), 0o666)
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        if mode is not None:
            os.chmod(temp, mode)
    except BaseException:
        remove([temp])
        raise
    return temp


def write_atomic(target: Path, data: bytes, mode: int | None = None) -> None:
    """Replace (or create) one file with `data`: a temporary file, then a rename."""
    temp = write_temp(target, data, mode)
    try:
        os.replace(temp, target)
    except BaseException:
        remove([temp])
        raise


def remove(paths: Iterable[Path]) -> None:
    for path in paths:
        try:
            os.unlink(path)
        except OSError:
            pass


def mode_of(path: Path) -> int:
    return stat.S_IMODE(os.stat(path).st_mode)


# -- groups -----------------------------------------------------------------------


@dataclass
class Staged:
    """One file of a group: its new bytes already in `temp`; for a user's file also its original bytes."""

    target: Path  # the real file (a symlink's target)
    temp: Path
    new_digest: str
    original: bytes | None = None  # None: a file poster made (an output), never put back


def stage(target: Path, data: bytes, *, original: bytes | None = None, mode: int | None = None) -> Staged:
    """Write the temporary file of one member of a group."""
    staged = Staged(Path(target), write_temp(target, data, mode), digest(data), original)
    crash_point("staged")
    return staged


def discard(staged: Iterable[Staged]) -> None:
    """Remove the temporary files of staged members (those renamed are gone already)."""
    remove(s.temp for s in staged)


class Group:
    """The renames of staged files, all-or-nothing across a crash (see the module's docstring).

        with Group(folder, staged) as group:
            for s in staged:
                group.rename(s)  # or replace it yourself, then group.renamed()

    The journal (with the originals of a user's files, to put them back) is
    written on entry and removed, with every leftover temporary file, on exit,
    whether the block finished or raised: an exception is the caller's to
    handle; only a killed process leaves the journal for `recover`.
    """

    def __init__(self, folder: Path, staged: list[Staged]):
        self.folder = Path(folder)
        self.staged = staged
        self.journal = self.folder / JOURNAL
        self.count = 0

    def __enter__(self) -> Group:
        entries = [_entry(self.folder, s) for s in self.staged]
        write_atomic(self.journal, json.dumps({"pid": os.getpid(), "files": entries}).encode())
        _fsync_dir(self.folder)
        crash_point("journal")
        return self

    def rename(self, s: Staged) -> None:
        os.replace(s.temp, s.target)
        self.renamed()

    def renamed(self) -> None:
        self.count += 1
        if self.count == 1 and len(self.staged) > 1:
            crash_point("renamed")

    def __exit__(self, *exc) -> None:
        for folder in {s.target.parent for s in self.staged}:
            _fsync_dir(folder)
        remove([self.journal])
        discard(self.staged)


def crash_point(name: str) -> None:
    """Tests: stop this process here (SIGSTOP) when POSTER_CRASH_POINT names this moment."""
    if os.environ.get("POSTER_CRASH_POINT") == name and hasattr(signal, "SIGSTOP"):
        os.kill(os.getpid(), signal.SIGSTOP)


def _entry(folder: Path, s: Staged) -> dict:
    original = None if s.original is None else base64.b64encode(s.original).decode("ascii")
    return {
        "target": os.path.relpath(s.target, folder),
        "temp": os.path.relpath(s.temp, folder),
        "new": s.new_digest,
        "original": original,
    }


def _fsync_dir(folder: Path) -> None:
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


# -- the next run -------------------------------------------------------------------


def recover(folder: Path, warn: Callable[[str], None] | None = None) -> None:
    """Finish (or undo) a group a killed process left in `folder`, then remove stale temporary files.

    Never raises for what it finds: a folder that cannot be read or a journal
    that makes no sense is left for the command itself to report.
    """
    folder = Path(folder)
    journal = folder / JOURNAL
    try:
        data = json.loads(journal.read_bytes())
        entries = [_read_entry(folder, e) for e in data["files"]]
        pid = int(data.get("pid", 0))
    except FileNotFoundError:
        entries, pid = None, 0
    except (OSError, ValueError, TypeError, KeyError, AttributeError):
        entries, pid = [], 0  # unreadable: nothing to replay; the temporaries are swept below
    if entries is not None and not _alive(pid):
        message = _replay(entries)
        remove([journal])
        if message and warn is not None:
            warn(message)
    clean_stale(folder)


def _read_entry(folder: Path, e: dict) -> Staged:
    def inside(value: str) -> Path:
        p = (folder / value).resolve()
        if not p.is_relative_to(folder.resolve()):
            raise ValueError("a journal entry outside its folder")
        return p

    original = e.get("original")
    return Staged(
        inside(e["target"]),
        inside(e["temp"]),
        str(e["new"]),
        None if original is None else base64.b64decode(original, validate=True),
    )


def _replay(entries: list[Staged]) -> str:
    """Roll the group forward; or back, when a file still to be renamed was changed by someone since."""
    current = {s.target: _digest_of(s.target) for s in entries}
    pending = [s for s in entries if current[s.target] != s.new_digest]
    changed = [s for s in pending if s.original is not None and current[s.target] != digest(s.original)]
    names = ", ".join(s.target.name for s in entries)
    if not changed:
        for s in pending:
            if s.temp.is_file() and _digest_of(s.temp) == s.new_digest:
                os.replace(s.temp, s.target)
        discard(entries)
        return f"an interrupted write of {names} was completed" if pending else ""
    for s in entries:  # roll back what was renamed, from the originals in the journal
        if s not in pending and s.original is not None:
            write_atomic(s.target, s.original, mode_of(s.target))
    discard(entries)
    changed_names = ", ".join(s.target.name for s in changed)
    return f"an interrupted update of {names} was undone, because {changed_names} changed since; run it again"


def _digest_of(path: Path) -> str | None:
    try:
        return digest(path.read_bytes())
    except OSError:
        return None


def clean_stale(folder: Path) -> list[Path]:
    """Remove the temporary files of writers that no longer run (and old versions' leftovers); returns them."""
    removed = []
    try:
        names = os.listdir(folder)
    except OSError:
        return []
    now = time.time()
    for name in names:
        path = Path(folder) / name
        mine = _OURS.match(name)
        if mine:
            stale = not _alive(int(mine.group(1)))
        elif _LEGACY.match(name):
            try:
                stale = now - path.lstat().st_mtime > _LEGACY_AGE_S
            except OSError:
                stale = False
        else:
            continue
        if stale and path.is_file():
            remove([path])
            removed.append(path)
    return removed


def _alive(pid: int) -> bool:
    """Whether a process with this id runs (not this one: its own earlier groups are finished or abandoned)."""
    if pid <= 0 or pid == os.getpid():
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:  # exists, another user's
        return True
    return True
