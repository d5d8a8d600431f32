"""Files: read a file the user names (content, logo, progress sheet) with a cap on its size."""

from __future__ import annotations

from pathlib import Path


def read_at_most(path: Path, limit: int) -> tuple[bytes | None, int]:
    """(its bytes, its size), or (None, its size) when the file holds more than `limit` bytes.

    The size is looked at before reading and the read is capped, so a huge file (or one that grows while it is
    read) costs nothing. OSError as reading raises it: the caller says which file and what to do.
    """
    size = path.stat().st_size
    if size <= limit:
        with path.open("rb") as f:
            data = f.read(limit + 1)
        if len(data) <= limit:
            return data, len(data)
        size = len(data)
    return None, size
