"""Output stage: write rendered files all-or-nothing, so a failed or killed build never leaves a mixed set.

Every file is rendered to bytes first (poster.render); only then does
`write_outputs` write each to a temporary file beside its target and rename
them into place, as one group (poster.atomic): a failure while writing removes
the temporary files and leaves every previous output as it was; so does an
interruption (KeyboardInterrupt), which is then raised on. A build killed
while renaming leaves a journal in the output folder (the set is mixed while it
is there); the next build into that folder finishes the renames first, and
sweeps up temporary files that killed builds left.
"""

from __future__ import annotations

from pathlib import Path

from poster import atomic
from poster.errors import OutputError


def write_outputs(files: dict[Path, bytes], warn=None) -> list[Path]:
    """Write `files` (path -> bytes) all-or-nothing; returns the paths written, in the given order.

    `warn(message)` hears what was repaired of an earlier, interrupted build.
    """
    targets = [Path(p) for p in files]
    for target in targets:
        if target.is_dir():
            raise OutputError(
                f"{target}: is a directory, cannot write an output file there; previous outputs left unchanged"
            )
    for folder in dict.fromkeys(t.parent for t in targets):
        if folder.is_dir():
            atomic.recover(folder, warn)
    staged: list[atomic.Staged] = []
    done: list[Path] = []
    try:
        try:
            for target, data in zip(targets, files.values()):
                target.parent.mkdir(parents=True, exist_ok=True)
                staged.append(atomic.stage(target, data))
        except OSError as exc:
            failed = targets[len(staged)]
            raise OutputError(f"{failed}: cannot write ({_reason(exc)}); previous outputs left unchanged") from exc
        groups: dict[Path, list[atomic.Staged]] = {}
        for s in staged:
            groups.setdefault(s.target.parent, []).append(s)
        for folder, members in groups.items():
            with atomic.Group(folder, members) as group:
                for s in members:
                    try:
                        group.rename(s)
                    except OSError as exc:
                        already = f" ({', '.join(map(str, done))} already replaced)" if done else ""
                        raise OutputError(
                            f"{s.target}: cannot replace ({_reason(exc)}); it and the files after it were left "
                            f"unchanged{already}"
                        ) from exc
                    done.append(s.target)
    except BaseException:
        # Also on Ctrl-C (the way to stop `poster watch`): no hidden .tmp files left beside the outputs.
        atomic.discard(s for s in staged if s.target not in done)
        raise
    return done


def _reason(exc: OSError) -> str:
    return exc.strerror or str(exc)
