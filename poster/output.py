"""Output stage: write rendered files all-or-nothing, so a failed build never damages good outputs.

Every file is rendered to bytes first (poster.render); only then does
`write_outputs` write each to a temporary file beside its target and rename them
into place once all were written. A failure while writing removes the temporary
files and leaves every previous output as it was; so does an interruption
(KeyboardInterrupt), which is then raised on.
"""

from __future__ import annotations

import os
import secrets
from pathlib import Path

from poster.errors import OutputError


def write_outputs(files: dict[Path, bytes]) -> list[Path]:
    """Write `files` (path -> bytes) all-or-nothing; returns the paths written, in the given order."""
    targets = [Path(p) for p in files]
    for target in targets:
        if target.is_dir():
            raise OutputError(
                f"{target}: is a directory, cannot write an output file there; previous outputs left unchanged"
            )
    temps: dict[Path, Path] = {}
    done: list[Path] = []
    try:
        try:
            for target, data in zip(targets, files.values()):
                temps[target] = _write_temp(target, data)
        except OSError as exc:
            failed = next(t for t in targets if t not in temps)
            raise OutputError(f"{failed}: cannot write ({_reason(exc)}); previous outputs left unchanged") from exc
        for target in targets:
            try:
                os.replace(temps[target], target)
            except OSError as exc:
                already = f" ({', '.join(map(str, done))} already replaced)" if done else ""
                raise OutputError(
                    f"{target}: cannot replace ({_reason(exc)}); it and the files after it were left unchanged{already}"
                ) from exc
            done.append(target)
    except BaseException:
        # Also on Ctrl-C (the way to stop `poster watch`): no hidden .tmp files left beside the outputs.
        _remove(temp for target, temp in temps.items() if target not in done)
        raise
    return done


def _write_temp(target: Path, data: bytes) -> Path:
    """`data` in a new hidden file beside `target`, flushed to disk."""
    target.parent.mkdir(parents=True, exist_ok=True)
    temp = target.with_name(f".{target.name}.{secrets.token_hex(4)}.tmp")
    # os.open with mode 0o666 lets the umask decide the permissions, as for a
    # plain open(); tempfile.mkstemp would make the output private (0600).
    fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), 0o666)
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
    except BaseException:
        _remove([temp])
        raise
    return temp


def _remove(paths) -> None:
    for path in paths:
        try:
            os.unlink(path)
        except OSError:
            pass


def _reason(exc: OSError) -> str:
    return exc.strerror or str(exc)
