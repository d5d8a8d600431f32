"""Progress workflow: progress over time, read from the content's git history (`poster history`).

Every commit that changed the content folder is read - with one `git cat-file
--batch` process for all trees and files, not a process per file - into a
temporary folder that only gets the files that changed, and loaded by the
ordinary loader. What makes 200 commits take well under two seconds: each YAML
file is composed once per git blob (by libyaml, `read_yaml_fast`), a section
whose file did not change is not validated again (`SectionMemo`), a commit that
changes nothing in the folder is not loaded again, the objects loaded before
are left out of garbage collection meanwhile, and a long history is read in two
processes at once (the newer half in a forked child, when the process has one
thread: `poster history`, not `poster watch`). Each commit becomes a `Point`: the counts per status and the progress, overall and per pillar, on the
commit's author date. A commit whose content does not load is listed as
skipped, with the first error, and does not stop the rest.
"""

from __future__ import annotations

import gc
import os
import pickle
import shutil
import subprocess
import tempfile
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path

from poster import content as content_stage
from poster.content.loader import SUFFIXES, SectionMemo
from poster.content.model import Language, Roadmap
from poster.content.yamlsrc import YamlFile, read_yaml_fast
from poster.progress.errors import RevisionError
from poster.progress.status import Tally, tally

MAX_DEPTH = 3  # sub-folders read below the content folder (assets/)


@dataclass(frozen=True)
class PillarPoint:
    id: str
    name: str
    tally: Tally


@dataclass(frozen=True)
class Point:
    """The roadmap's state as committed: when, and how far each pillar and the whole plan were."""

    commit: str
    day: date  # the commit's author date
    as_of: date  # the content's own reporting date (meta.as_of) in that commit
    subject: str
    overall: Tally
    pillars: tuple[PillarPoint, ...]


@dataclass(frozen=True)
class Skipped:
    commit: str
    day: date
    reason: str


@dataclass(frozen=True)
class History:
    points: tuple[Point, ...]  # oldest first
    skipped: tuple[Skipped, ...] = ()
    language: Language = Language.NL  # of the newest version that loads
    title: str = ""  # "<title> - <organisation>" of that version


def point_of(roadmap: Roadmap, commit: str = "", day: date | None = None, subject: str = "") -> Point:
    pillars = tuple(PillarPoint(p.id, p.name, tally(roadmap.steps_of(p))) for p in roadmap.strategy.pillars)
    return Point(commit, day or roadmap.meta.as_of, roadmap.meta.as_of, subject, tally(roadmap.plan.steps), pillars)


# The histories read in this process, by where, up to which commit and from which, and the day (a version
# without meta.as_of is dated today). `poster watch` rebuilds on every save; the history changes only with a
# commit, so a rebuild asks git for HEAD (one short process) instead of reading every commit again.
_READ: dict[tuple[str, str, str, str | None, date], History] = {}
_KEEP = 8


def read_history(folder: Path, since: str | None = None) -> History:
    """The points of every commit that changed `folder` (after `since`, which counts as the first), oldest first.

    Only commits are read - HEAD and its ancestors - so an edit not yet
    committed changes nothing here (`quarterly` takes the content itself for
    the current quarter); the result is kept for the next call with the same
    HEAD.
    """
    folder = Path(folder)
    if not folder.is_dir():
        raise RevisionError(f"{folder}: no such content folder")
    root, prefix, head = _where(folder)
    start = _revision(root, since) if since else None
    key = (str(root), prefix, head, start, date.today())
    if key not in _READ:
        history = _read(folder, root, prefix, since, start)
        while len(_READ) >= _KEEP:
            del _READ[next(iter(_READ))]
        _READ[key] = history
    return _READ[key]


def _where(folder: Path) -> tuple[Path, str, str]:
    """The repository's top folder, `folder`'s path in it (with a trailing /, or empty) and HEAD's commit id."""
    try:
        lines = _git(folder, "rev-parse", "--show-toplevel", "--show-prefix", "HEAD").split("\n")
        return Path(lines[0]), lines[1].strip(), lines[2].strip()
    except _GitFailed:
        try:
            _git(folder, "rev-parse", "--show-toplevel")
        except _GitFailed:
            raise RevisionError(
                f"{folder}: not inside a git repository; history is read from the commits of the content"
            ) from None
        raise RevisionError(f"{folder}: no commits change this folder (the repository has no commits yet)") from None


def _revision(root: Path, since: str) -> str:
    try:
        return _git(root, "rev-parse", "--verify", "--quiet", f"{since}^{{commit}}").strip()
    except _GitFailed:
        raise RevisionError(f"--since {since}: unknown git revision (try a tag, a branch or HEAD~10)") from None


def _read(folder: Path, root: Path, prefix: str, since: str | None, start: str | None) -> History:
    commits = _commits(root, prefix, start, folder)
    if not commits:
        raise RevisionError(f"{folder}: no commits change this folder" + (f" after {since}" if since else ""))
    half = len(commits) // 2
    if len(commits) >= SPLIT_FROM and _may_fork():
        # The older half here, the newer half in a forked child at the same time: on two cores the wall time
        # halves. Each half is read exactly as a whole history would read it, so the result is the same.
        child = _Forked(lambda: _read_span(folder, root, prefix, commits[half:]))
        first = _read_span(folder, root, prefix, commits[:half])
        second = child.result()
        if second is None:  # the child failed: read its half here
            second = _read_span(folder, root, prefix, commits[half:])
    else:
        first, second = _read_span(folder, root, prefix, commits), _Span([], [], None)
    points, skipped = first.points + second.points, first.skipped + second.skipped
    last = second.last or first.last
    if last is None:
        return History((), tuple(skipped))
    return History(tuple(points), tuple(skipped), last[0], last[1])


# A history of at least this many commits is read in two processes at once (where the system can fork).
SPLIT_FROM = 40


@dataclass
class _Span:
    """What reading some of the commits found: their points, the skipped ones, and the newest version's
    language and "<title> - <organisation>" (None when none loads)."""

    points: list[Point]
    skipped: list[Skipped]
    last: tuple[Language, str] | None


def _may_fork() -> bool:
    """Fork only a process with one thread (`poster history`): forking a threaded one (`poster watch`) may
    copy a lock another thread holds."""
    return hasattr(os, "fork") and threading.active_count() == 1


class _Forked:
    """A function run in a forked child; its pickled result comes back through a pipe."""

    def __init__(self, fn: Callable[[], _Span]) -> None:
        self.read_end, write_end = os.pipe()
        self.pid = os.fork()
        if self.pid == 0:  # the child: run, send, and leave without the parent's exit handlers
            code = 1
            try:
                os.close(self.read_end)
                with os.fdopen(write_end, "wb") as out:
                    pickle.dump(fn(), out, protocol=pickle.HIGHEST_PROTOCOL)
                code = 0
            finally:
                os._exit(code)
        os.close(write_end)

    def result(self) -> _Span | None:
        with os.fdopen(self.read_end, "rb") as pipe:
            data = pipe.read()
        _, status = os.waitpid(self.pid, 0)
        if status != 0 or not data:
            return None
        span = pickle.loads(data)
        return span if isinstance(span, _Span) else None


def _read_span(folder: Path, root: Path, prefix: str, commits: list[tuple[str, date, str]]) -> _Span:
    points: list[Point] = []
    skipped: list[Skipped] = []
    last: Roadmap | None = None
    work = Path(tempfile.mkdtemp(prefix="poster-history-"))
    try:
        content = work / (folder.resolve().name or "content")
        content.mkdir()
        written: dict[str, str] = {}  # relative path -> blob id now in the work folder
        parsed: dict[tuple[str, str], YamlFile] = {}  # (file name, blob id) -> the file read
        memo = SectionMemo()
        assets: frozenset[tuple[str, str]] = frozenset()  # the files besides the YAML (a logo may be checked)
        previous: dict[frozenset[tuple[str, str]], Roadmap | Skipped] = {}  # the last folder's blobs -> its result
        with _Batch(root, len(commits[0][0]) // 2) as batch, _collect_less():
            for sha, day, subject in commits:
                files = dict(batch.files(f"{sha}:{prefix}"))
                state = frozenset(files.items())
                if state not in previous:  # else nothing in the folder changed (a merge)
                    new = _sync(content, written, files, batch)
                    # Only the versions in this commit are kept: a file that changes in every commit
                    # does not pile up 200 parsed trees (the garbage collector would walk them all).
                    parsed = {key: parsed[key] for key in files.items() if key in parsed}
                    if assets != (assets := frozenset(i for i in files.items() if not _is_yaml(i[0]))):
                        memo.forget()
                    previous = {state: _load(content, files, new, parsed, memo, sha, day)}
                result = previous[state]
                if isinstance(result, Skipped):
                    skipped.append(Skipped(sha, day, result.reason))
                    continue
                points.append(point_of(result, sha, day, subject))
                last = result
    finally:
        shutil.rmtree(work, ignore_errors=True)
    newest = None if last is None else (last.meta.language, f"{last.meta.title} - {last.meta.organisation}")
    return _Span(points, skipped, newest)


def _load(
    content: Path,
    files: dict[str, str],
    new: dict[str, bytes],
    parsed: dict[tuple[str, str], YamlFile],
    memo: SectionMemo,
    sha: str,
    day: date,
) -> Roadmap | Skipped:
    """The roadmap in the work folder, each YAML file read once per blob id; or why it does not load.

    `new` holds the files just written; `parsed` the files read before, by (name, blob id).
    """

    def read(path: Path, data: bytes | None) -> YamlFile:
        key = (path.name, files.get(path.name, ""))
        if data is not None or not key[1]:
            return read_yaml_fast(path, data)
        if key not in parsed:
            parsed[key] = read_yaml_fast(path, new.get(path.name))
        return parsed[key]

    result = content_stage.load(content, read=read, memo=memo)
    if result.roadmap is None:
        first = next((d for d in result.diagnostics if d.is_error), None)
        return Skipped(sha, day, first.format(relative_to=content) if first else "the content does not load")
    return result.roadmap


def _is_yaml(rel: str) -> bool:
    return "/" not in rel and rel.lower().endswith(SUFFIXES)


@contextmanager
def _collect_less() -> Iterator[None]:
    """The objects there are when reading starts are left out of garbage collection meanwhile.

    Reading 200 versions makes millions of short-lived objects; each collection
    of the oldest generation would walk every module, class and function
    loaded too (a tenth of the time). Nothing is kept from collection: the
    objects are put back afterwards.
    """
    gc.freeze()
    try:
        yield
    finally:
        gc.unfreeze()


def _commits(root: Path, prefix: str, start: str | None, folder: Path) -> list[tuple[str, date, str]]:
    path = prefix or "."
    args = ["log", "-z", "--format=%H%x00%aI%x00%s", "--reverse"]
    if start is not None:
        args.append(f"{start}..HEAD")
    try:
        out = _git(root, *args, "--", path)
    except _GitFailed as exc:
        raise RevisionError(f"{folder}: git log failed: {exc}") from None
    fields = out.split("\0")
    commits = []
    for i in range(0, len(fields) - 2, 3):
        sha, when, subject = fields[i].strip(), fields[i + 1], fields[i + 2]
        commits.append((sha, datetime.fromisoformat(when).date(), subject))
    if start is not None:
        try:
            first = _git(root, "log", "-1", "--format=%H%x00%aI%x00%s", start).rstrip("\n").split("\0")
            _git(root, "rev-parse", "--verify", "--quiet", f"{start}:{path}")
            commits.insert(0, (first[0], datetime.fromisoformat(first[1]).date(), first[2]))
        except _GitFailed:
            pass  # the folder did not exist yet at `since`
    return commits


def _sync(content: Path, written: dict[str, str], files: dict[str, str], batch: _Batch) -> dict[str, bytes]:
    """Make the work folder hold exactly `files` (relative path -> blob id), writing only what changed.

    Returns what was written, by relative path (so it need not be read back).
    """
    for rel in list(written):
        if rel not in files:
            (content / rel).unlink(missing_ok=True)
            del written[rel]
    new = {}
    for rel, blob in files.items():
        if written.get(rel) != blob:
            target = content / rel
            target.parent.mkdir(parents=True, exist_ok=True)
            new[rel] = batch.read(blob)[1]
            # A new file, not the old one overwritten: ext4 flushes a file truncated and rewritten
            # when it is closed (auto_da_alloc), 1-2 ms a commit.
            target.unlink(missing_ok=True)
            target.write_bytes(new[rel])
            written[rel] = blob
    return new


class _GitFailed(Exception):
    pass


def _git(cwd: Path, *args: str) -> str:
    try:
        done = subprocess.run(["git", *args], cwd=cwd, capture_output=True, check=False)
    except FileNotFoundError:
        raise RevisionError("git is not installed; history is read from git") from None
    if done.returncode != 0:
        raise _GitFailed(done.stderr.decode("utf-8", "replace").strip())
    return done.stdout.decode("utf-8", "replace")


class _Batch:
    """One `git cat-file --batch` process: ask for an object by name, read it back, as often as needed."""

    def __init__(self, root: Path, id_bytes: int = 20):
        self.root = root
        self.id_bytes = id_bytes  # 20 for SHA-1 repositories, 32 for SHA-256
        self._trees: dict[str, list[tuple[bytes, str, str]]] = {}

    def __enter__(self) -> _Batch:
        self.proc = subprocess.Popen(
            ["git", "cat-file", "--batch"], cwd=self.root, stdin=subprocess.PIPE, stdout=subprocess.PIPE
        )
        return self

    def __exit__(self, *exc: object) -> None:
        assert self.proc.stdin is not None
        self.proc.stdin.close()
        self.proc.wait()

    def read(self, name: str) -> tuple[str, bytes]:
        """(type, content) of the object `name`; ("missing", b"") when there is none."""
        stdin, stdout = self.proc.stdin, self.proc.stdout
        assert stdin is not None and stdout is not None
        stdin.write(name.encode("utf-8", "surrogateescape") + b"\n")
        stdin.flush()
        header = stdout.readline().decode("utf-8", "replace").split()
        if len(header) != 3:
            return "missing", b""
        data = stdout.read(int(header[2]))
        stdout.read(1)  # the newline after the content
        return header[1], data

    def files(self, name: str, depth: int = 0, under: str = "") -> Iterator[tuple[str, str]]:
        """(relative path, blob id) of the plain files in the tree `name`, sub-folders to MAX_DEPTH."""
        for mode, entry, obj in self.tree(name):
            if mode in (b"100644", b"100755"):
                yield under + entry, obj
            elif mode == b"40000" and depth < MAX_DEPTH:
                yield from self.files(obj, depth + 1, f"{under}{entry}/")

    def tree(self, name: str) -> list[tuple[bytes, str, str]]:
        """The entries of the tree `name`; a sub-folder's tree (named by its id) is read once, not per commit."""
        if name in self._trees:
            return self._trees[name]
        kind, data = self.read(name)
        entries = list(_tree_entries(data, self.id_bytes)) if kind == "tree" else []
        if ":" not in name:
            self._trees[name] = entries
        return entries


def _tree_entries(data: bytes, id_bytes: int) -> Iterator[tuple[bytes, str, str]]:
    """A tree object's entries: (mode, name, object id); names that could escape the folder are skipped."""
    i = 0
    while i < len(data):
        space = data.index(b" ", i)
        nul = data.index(b"\0", space)
        mode, name = data[i:space], data[space + 1 : nul].decode("utf-8", "surrogateescape")
        obj = data[nul + 1 : nul + 1 + id_bytes].hex()
        i = nul + 1 + id_bytes
        if name not in (".", "..") and "/" not in name and "\\" not in name:
            yield mode, name, obj


@dataclass(frozen=True)
class Quarter:
    year: int
    quarter: int
    overall: Tally
    current: bool  # the quarter of the reporting date: the content as it is now
    fraction: float | None  # where the reporting date falls in that quarter (0-1)


def quarterly(h: History, roadmap: Roadmap) -> tuple[Quarter, ...]:
    """The state at the end of each quarter from the first commit to the reporting date.

    A quarter shows the last commit made in or before it; the quarter of
    `roadmap.meta.as_of` shows `roadmap` itself (what is being built, committed
    or not). Commits after the reporting date are left out.
    """
    as_of = roadmap.meta.as_of
    points = [p for p in h.points if p.day <= as_of]
    now = (as_of.year, (as_of.month - 1) // 3 + 1)
    if not points:
        return (Quarter(*now, tally(roadmap.plan.steps), True, _fraction(as_of)),)
    year, q = points[0].day.year, (points[0].day.month - 1) // 3 + 1
    out: list[Quarter] = []
    i, last = 0, points[0]
    while (year, q) < now:
        end = _quarter_end(year, q)
        while i < len(points) and points[i].day <= end:
            last, i = points[i], i + 1
        out.append(Quarter(year, q, last.overall, False, None))
        year, q = (year + 1, 1) if q == 4 else (year, q + 1)
    out.append(Quarter(*now, tally(roadmap.plan.steps), True, _fraction(as_of)))
    return tuple(out)


def _quarter_end(year: int, q: int) -> date:
    return (date(year + 1, 1, 1) if q == 4 else date(year, 3 * q + 1, 1)) - timedelta(days=1)


def _fraction(day: date) -> float:
    q = (day.month - 1) // 3
    start = date(day.year, 3 * q + 1, 1)
    end = _quarter_end(day.year, q + 1)
    return ((day - start).days + 0.5) / ((end - start).days + 1)
