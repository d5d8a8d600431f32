"""Progress workflow: read a content file exactly as it is on disk, and write it back atomically.

Edits are made on the decoded text and spliced, so everything the user wrote
(comments, quoting, blank lines, CRLF line endings, a UTF-8 BOM) survives. The
raw bytes' hash taken at read time guards the write: a file that changed on
disk in between is refused rather than overwritten.
"""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass
from pathlib import Path

from poster import atomic
from poster.progress.errors import ConcurrentChangeError, ProgressError

_BOM = "\ufeff"


@dataclass(frozen=True)
class SourceFile:
    """One YAML file of a content folder: its text without BOM, and how to write it back."""

    path: Path
    text: str
    bom: bool
    newline: str  # the file's own line ending, used for inserted lines
    digest: str  # sha256 of the bytes as read

    @classmethod
    def read(cls, path: Path) -> SourceFile:
        raw = path.read_bytes()
        try:
            # Decode without newline translation: CRLF files must stay CRLF.
            text = raw.decode("utf-8")
        except UnicodeDecodeError as exc:
            raise ProgressError(f"{path}: not UTF-8 text ({exc.reason} at byte {exc.start})") from None
        bom = text.startswith(_BOM)
        if bom:
            text = text[1:]
        newline = "\r\n" if "\r\n" in text else "\n"
        return cls(path, text, bom, newline, _digest(raw))

    def encode(self, text: str) -> bytes:
        return ((_BOM if self.bom else "") + text).encode("utf-8")


def _digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def check_unchanged(source: SourceFile) -> None:
    """Raise ConcurrentChangeError when the file on disk is no longer what was read."""
    try:
        current = source.path.read_bytes()
    except OSError as exc:
        raise ConcurrentChangeError(
            f"{source.path}: cannot re-read before writing ({exc.strerror}); nothing written"
        ) from None
    if _digest(current) != source.digest:
        raise ConcurrentChangeError(
            f"{source.path} changed on disk while the update was being prepared; nothing written. "
            "Run the command again on the new version."
        )


@dataclass(frozen=True)
class Staged:
    """A new text written to a temporary file beside the real one, ready to replace it."""

    source: SourceFile
    real: Path  # the file to replace: the target of a symlinked content file
    tmp: Path
    data: bytes  # the new bytes (in tmp)

    def member(self) -> atomic.Staged:
        """This file as a member of a group of renames (poster.atomic), with its original bytes to put back."""
        original = self.source.encode(self.source.text)
        return atomic.Staged(self.real, self.tmp, atomic.digest(self.data), original)


def stage(source: SourceFile, text: str) -> Staged:
    """Write `text` to a temporary file in the real file's folder: fsync'ed, with the file's permission bits.

    The target is resolved first so a symlinked content file stays a symlink and
    its target is updated. Raises OSError, leaving no temporary file.
    """
    real = Path(os.path.realpath(source.path))
    data = source.encode(text)
    staged = Staged(source, real, atomic.write_temp(real, data, atomic.mode_of(real)), data)
    atomic.crash_point("staged")
    return staged


def swap(staged: Staged) -> None:
    """Replace the real file by the staged one, after a last check that it is still as read."""
    # Last look right before the swap keeps the race window to a few microseconds.
    check_unchanged(staged.source)
    os.replace(staged.tmp, staged.real)


def discard(staged: Staged) -> None:
    atomic.remove([staged.tmp])


def put_back(staged: Staged) -> None:
    """Write the file's original bytes back over a swapped file (when a later file of the same update failed)."""
    atomic.write_atomic(staged.real, staged.source.encode(staged.source.text), atomic.mode_of(staged.real))


def write_atomic(source: SourceFile, text: str) -> None:
    """Replace one file with `text`: temp file in the same folder, fsync, os.replace (see `stage`)."""
    check_unchanged(source)
    staged = stage(source, text)
    try:
        swap(staged)
    finally:
        discard(staged)
