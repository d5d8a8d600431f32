"""A private cache folder for what costs time to compute and never changes for the same input.

Two things live there: pyphen's parsed hyphenation patterns
(poster.layout.hyphcache) and SVG logos rasterised for the PDF
(poster.render.pdf). Each file is named after everything its content depends
on, is written atomically (a temporary file, then a rename) so a reader never
sees half of it, and is only an accelerator: when a file is missing, broken or
cannot be written, the work is done as if there were no cache.

The folder: $POSTER_CACHE_DIR, else $XDG_CACHE_HOME/poster, else ~/.cache/poster.
"""

from __future__ import annotations

import os
from pathlib import Path

from poster import atomic


def cache_dir() -> Path | None:
    configured = os.environ.get("POSTER_CACHE_DIR")
    if configured:
        return Path(configured)
    base = os.environ.get("XDG_CACHE_HOME")
    if base:
        return Path(base) / "poster"
    try:
        return Path.home() / ".cache" / "poster"
    except RuntimeError:  # no home directory
        return None


def read(name: str) -> bytes | None:
    """The bytes of cache file `name`, or None (no cache folder, no such file, unreadable)."""
    folder = cache_dir()
    if folder is None:
        return None
    try:
        return (folder / name).read_bytes()
    except OSError:
        return None


def write(name: str, data: bytes) -> None:
    """Store `data` as cache file `name`, atomically; a folder that cannot be written only costs time later."""
    folder = cache_dir()
    if folder is None:
        return
    try:
        folder.mkdir(parents=True, exist_ok=True)
        atomic.write_atomic(folder / name, data)  # leaves no temporary behind when it fails
    except OSError:  # read-only home, full disk
        pass
