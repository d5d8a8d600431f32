"""Progress workflow: read one side of `poster diff` - a content folder, or `REV:path` from git.

A revision is read with git's plumbing (rev-parse, ls-tree, cat-file) into a
temporary folder, so the ordinary loader reads it exactly as it reads a
checkout; diagnostics are renamed to `REV:path/file` so messages name what the
user typed. Every git problem becomes a RevisionError, never a traceback.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import replace
from datetime import date
from pathlib import Path

from poster import content as content_stage
from poster.content.model import Roadmap
from poster.errors import ContentError
from poster.progress.errors import RevisionError


def load_side(spec: str, *, cwd: Path | None = None, today: date | None = None) -> Roadmap:
    """The roadmap at `spec`: a folder, or `REV:path` (`v1.2:content/meierijstad`).

    Raises ContentError (with diagnostics) when that version has errors, and
    RevisionError when git cannot give it.
    """
    with materialize(spec, cwd=cwd) as (folder, shown):
        result = content_stage.load(folder, today=today)
        diagnostics = tuple(_renamed(d, folder, shown) for d in result.diagnostics)
    errors = [d for d in diagnostics if d.is_error]
    if errors or result.roadmap is None:
        raise ContentError(errors, f"{spec}: content has errors")
    return result.roadmap


def is_revision(spec: str, cwd: Path | None = None) -> bool:
    """A folder that exists wins over REV:path, so a folder named 'a:b' still works."""
    return ":" in spec and not (Path(cwd or ".") / spec).is_dir()


@contextmanager
def materialize(spec: str, *, cwd: Path | None = None) -> Iterator[tuple[Path, str]]:
    """Yield (folder to load, name to show for it); a revision lives in a temp folder meanwhile."""
    base = Path(cwd or ".")
    if not is_revision(spec, cwd):
        folder = base / spec
        if not folder.is_dir():
            raise RevisionError(
                f"{spec}: no such content folder (for a git version write REV:path, e.g. HEAD~1:{spec})"
            )
        yield folder, str(folder)
        return
    rev, _, path = spec.partition(":")
    tmp = Path(tempfile.mkdtemp(prefix="poster-rev-"))
    try:
        folder = tmp / (Path(path).name or "content")
        try:
            _extract(base, rev, path, folder)
        except _GitFailed as exc:
            raise RevisionError(f"{spec}: git failed: {exc}") from None
        yield folder, f"{rev}:{path.rstrip('/')}"
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def _git(cwd: Path, *args: str) -> bytes:
    try:
        done = subprocess.run(["git", *args], cwd=cwd, capture_output=True, check=False)
    except FileNotFoundError:
        raise RevisionError("git is not installed; give content folders instead of REV:path") from None
    if done.returncode != 0:
        raise _GitFailed(done.stderr.decode("utf-8", "replace").strip())
    return done.stdout


class _GitFailed(Exception):
    pass


def _extract(cwd: Path, rev: str, path: str, dest: Path) -> None:
    try:
        _git(cwd, "rev-parse", "--git-dir")
    except _GitFailed:
        raise RevisionError(f"{rev}:{path}: {cwd.resolve()} is not inside a git repository") from None
    try:
        _git(cwd, "rev-parse", "--verify", "--quiet", f"{rev}^{{commit}}")
    except _GitFailed:
        raise RevisionError(f"{rev}:{path}: unknown git revision '{rev}' (try a tag, a branch or HEAD~1)") from None
    try:
        # REV:path is relative to the repository root; REV:./path to the current folder.
        tree = _git(cwd, "rev-parse", "--verify", "--quiet", f"{rev}:{path}").decode().strip()
        kind = _git(cwd, "cat-file", "-t", tree).decode().strip()
    except _GitFailed:
        raise RevisionError(
            f"{rev}:{path}: '{path}' does not exist in revision {rev} (the path is relative to the repository root)"
        ) from None
    if kind != "tree":
        raise RevisionError(f"{rev}:{path}: '{path}' is a file in {rev}; give the content folder")
    for mode, obj, name in _tree_entries(cwd, tree):
        if mode in ("100644", "100755"):  # plain files; symlinks and submodules are skipped
            target = dest / name
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(_git(cwd, "cat-file", "blob", obj))
    dest.mkdir(parents=True, exist_ok=True)


def _tree_entries(cwd: Path, tree: str) -> Iterator[tuple[str, str, str]]:
    # --full-tree: run from a subfolder, ls-tree would otherwise filter the tree by that folder.
    for entry in _git(cwd, "ls-tree", "--full-tree", "-r", "-z", tree).split(b"\0"):
        if entry:
            meta, _, name = entry.partition(b"\t")
            mode, _, obj = meta.decode().split(" ")
            yield mode, obj, name.decode("utf-8", "surrogateescape")


def _renamed(d, folder: Path, shown: str):
    if d.file is None:
        return d
    try:
        rel = Path(d.file).resolve().relative_to(folder.resolve())
    except ValueError:
        return d
    return replace(d, file=Path(f"{shown}/{rel.as_posix()}"))
