"""Layout stage: pyphen's hyphenation patterns read from a cache, not parsed from the dictionary on every start.

Parsing hyph_nl_NL.dic (16 000 patterns) takes pyphen 100 ms, a third of a
cold layout (measured); reading the parsed patterns back takes 15 ms: the file
is JSON whose lists pyphen uses as they are (it unpacks each pattern as
`offset, values`), after a SHA-256 of the text, written in front of it, showed
the file is the one poster wrote (checking every value instead took 50 ms).
The cache lives in poster's cache folder (poster.cache), is named after the
dictionary file's size and mtime and pyphen's version, holds plain JSON
(nothing in it is ever executed), and is only an accelerator: when it is
missing, stale, broken or cannot be written, pyphen parses the dictionary as it
always did.

It is the one file the layout stage ever writes, deliberately: a private cache
outside the content and output folders, never part of a poster.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from poster import cache


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


def _cache_name(dic: Path) -> str:
    import pyphen

    st = dic.stat()
    return f"pyphen-{pyphen.VERSION}-{dic.stem}-{st.st_size}-{st.st_mtime_ns}.v2.json"


def _load(dic: Path):
    """A HyphDict from the cache, or None."""
    import pyphen

    stored = cache.read(_cache_name(dic))
    if stored is None:
        return None
    digest, _, text = stored.partition(b"\n")
    if digest != hashlib.sha256(text).hexdigest().encode():
        return None  # damaged or not ours
    try:
        patterns = json.loads(text)
    except ValueError:
        return None
    if not isinstance(patterns, dict) or not patterns:
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
    text = json.dumps({k: [s, list(v)] for k, (s, v) in hd.patterns.items()}, separators=(",", ":")).encode()
    cache.write(_cache_name(dic), hashlib.sha256(text).hexdigest().encode() + b"\n" + text)
