"""Build, publish bundle: every output in one folder with a manifest.json that lists each file (writes nothing).

`poster build --all` asks for every format in BUNDLE_FORMATS that the build
registry knows (the print PDF among them), PNG previews at BUNDLE_PNG_WIDTHS
unless --png-width says otherwise, and last the "manifest" output, which
describes the files the build made before it: name, size and SHA-256, with
the content's version and reporting date. The manifest is deterministic - sorted
keys, files by name, no clock - except that a SOURCE_DATE_EPOCH in the
environment is recorded as the build time, as reproducible builds do.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Collection
from datetime import UTC, datetime

from poster import __version__
from poster.content.model import Meta

MANIFEST = "manifest.json"
BUNDLE_FORMATS = ("svg", "pdf", "print", "png", "html", "slides")
BUNDLE_PNG_WIDTHS = (800, 1600, 3200)


def bundle_formats(known: Collection[str]) -> tuple[str, ...]:
    """The formats `--all` builds: every bundle format in `known` (the build registry's), then the manifest."""
    return tuple(f for f in BUNDLE_FORMATS if f in known) + ("manifest",)


def manifest(files: dict[str, bytes], meta: Meta, layout: str) -> bytes:
    """manifest.json for `files` (name -> bytes) made from content `meta` with `layout`, as UTF-8 JSON bytes."""
    body: dict[str, object] = {
        "generator": f"poster {__version__}",
        "organisation": meta.organisation,
        "title": meta.title,
        "content_version": meta.version,
        "as_of": meta.as_of.isoformat(),
        "layout": layout,
        "files": [
            {"file": name, "size": len(data), "sha256": hashlib.sha256(data).hexdigest()}
            for name, data in sorted(files.items())
        ],
    }
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch.isdigit():
        body["built"] = datetime.fromtimestamp(int(epoch), tz=UTC).isoformat().replace("+00:00", "Z")
    return (json.dumps(body, indent=2, sort_keys=True, ensure_ascii=False) + "\n").encode("utf-8")


def manifest_output(files: dict[str, bytes], meta: Meta, layout: str) -> dict[str, bytes]:
    """The "manifest" output: manifest.json for the files a build made so far (so it comes last)."""
    return {MANIFEST: manifest({k: v for k, v in files.items() if k != MANIFEST}, meta, layout)}
