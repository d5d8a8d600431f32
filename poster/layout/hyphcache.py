"""Layout stage: pyphen's hyphenation patterns read from a cache, not parsed from the dictionary on every start.

Parsing hyph_nl_NL.dic (16 000 patterns) takes pyphen 100 ms, a third of a
cold layout (measured); reading the parsed patterns back from JSON takes 9 ms.
The cache lives in the user's cache folder ($POSTER_CACHE_DIR, else
$XDG_CACHE_HOME/poster, else ~/.cache/poster), is named after the dictionary
file's size and mtime and pyphen's version, holds plain JSON (nothing in it is
ever executed), and is only an accelerator: when it is missing, stale, broken
or cannot be written, pyphen parses the dictionary as it always did.

It is the one file the layout stage ever writes, deliberately: a private cache
outside the content and output folders, never part of a poster, and written
atomically (a temporary file, then a rename) so a reader never sees half of it.
"""

from __future__ import annotations

import json
import os
from pathlib import Path


def pyphen_dictionary(code: str, left: int, right: int):
    """pyphen.Pyphen(lang=code, left=left, right=right), its patterns from the cache when it has them."""
    import pyphen

    try:
        path = Path(pyphen.LANGUAGES[pyphen.language_fallback(code)])
        if path not in pyphen.hdcache:
            cached = _load(path)
            if cached is not None:
                pyphen.hdcache[path] = cached
            else:
                pyphen.hdcache[path] = pyphen.HyphDict(path)
                _store(path, pyphen.hdcache[path])
    except Exception:  # noqa: BLE001 - any surprise in pyphen's internals: parse as pyphen does
        pass
    return pyphen.Pyphen(lang=code, left=left, right=right)


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


def _cache_file(dic: Path) -> Path | None:
    import pyphen

    folder = cache_dir()
    if folder is None:
        return None
    st = dic.stat()
    return folder / f"pyphen-{pyphen.VERSION}-{dic.stem}-{st.st_size}-{st.st_mtime_ns}.json"


def _load(dic: Path):
    """A HyphDict from the cache, or None."""
    import pyphen

    file = _cache_file(dic)
    if file is None or not file.is_file():
        return None
    try:
        data = json.loads(file.read_text(encoding="utf-8"))
        patterns = {key: (int(start), tuple(int(v) for v in values)) for key, (start, values) in data.items()}
    except (OSError, ValueError, TypeError, AttributeError):
        return None
    if not patterns:
        return None
    hd = pyphen.HyphDict.__new__(pyphen.HyphDict)  # what HyphDict.__init__ leaves behind, without the parse
    hd.patterns = patterns
    hd.cache = {}
    hd.maxlen = max(len(key) for key in patterns)
    return hd


def _store(dic: Path, hd) -> None:
    # Only a HyphDict as _load rebuilds it (pyphen's internals may change; the
    # file name carries pyphen's version), and only plain integer patterns: a
    # dictionary with non-standard hyphenation (DataInt values) is not cached.
    if set(vars(hd)) != {"patterns", "cache", "maxlen"}:
        return
    if not all(type(v) is int for _, values in hd.patterns.values() for v in values):
        return
    file = _cache_file(dic)
    if file is None:
        return
    tmp = file.with_name(f".{file.name}.{os.getpid()}.tmp")
    try:
        file.parent.mkdir(parents=True, exist_ok=True)
        tmp.write_text(
            json.dumps({k: [s, list(v)] for k, (s, v) in hd.patterns.items()}, separators=(",", ":")), encoding="utf-8"
        )
        os.replace(tmp, file)
    except OSError:  # read-only home, full disk: parse again next time, and leave no temporary behind
        try:
            tmp.unlink(missing_ok=True)
        except OSError:
            pass
