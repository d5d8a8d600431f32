"""Content stage: files the content refers to (logo, fonts), checked to lie inside the content folder.

A path is relative to the content folder. Absolute paths, `..` that climbs out
and symlinks that resolve outside are refused, so a content folder from a pull
request can never make the tool read (and embed) a file from elsewhere.
"""

from __future__ import annotations

import os
from pathlib import Path, PurePosixPath
from typing import Any

from yaml.nodes import Node, ScalarNode

from poster.content.fields import ScalarKind, ValidationContext, suggest
from poster.fonts import SHIPPED_FAMILIES


def resolve_asset(text: str, folder: Path) -> Path:
    """The absolute path of a file inside `folder`; ValueError saying what is wrong."""
    if "\0" in text:
        raise ValueError("a file path cannot contain a NUL character")
    written = PurePosixPath(text.replace("\\", "/"))
    if written.is_absolute() or os.path.isabs(text) or (len(text) > 1 and text[1] == ":"):
        raise ValueError(
            f"'{text}' is an absolute path; give a path relative to the content folder, e.g. assets/logo.svg"
        )
    if os.path.normpath(str(written)).split(os.sep)[0] == "..":
        raise ValueError(f"'{text}' points outside the content folder; keep the file inside it, e.g. assets/logo.svg")
    target = folder / Path(*written.parts) if written.parts else folder
    try:
        resolved = target.resolve()
    except (OSError, RuntimeError):  # a symlink loop
        raise ValueError(f"'{text}' cannot be resolved (a symlink loop?)") from None
    if not resolved.is_relative_to(folder):
        raise ValueError(
            f"'{text}' is a link to a file outside the content folder; copy the file into the folder instead"
        )
    if not resolved.exists():
        raise ValueError(f"file '{text}' not found in the content folder")
    if resolved.is_dir():
        raise ValueError(f"'{text}' is a folder, not a file")
    if not resolved.is_file():
        raise ValueError(f"'{text}' is not a regular file (a pipe, device or socket); give the path of an image file")
    return resolved


def other_links(path: Path) -> int:
    """How many other names (hard links) the file has; 0 when it cannot be told."""
    try:
        return max(os.stat(path).st_nlink - 1, 0)
    except OSError:
        return 0


class LogoKind(ScalarKind):
    expect = "a path to an SVG or PNG file, e.g. assets/logo.svg"

    def convert(self, text: str, node: ScalarNode, ctx: ValidationContext) -> Any:
        if not text.lower().endswith((".svg", ".png")):
            raise ValueError(f"the logo '{text}' must be an SVG or PNG file (.svg or .png)")
        resolved = resolve_asset(text, ctx.folder)
        try:
            with resolved.open("rb") as f:
                head = f.read(65536)
        except OSError as e:
            raise ValueError(f"cannot read '{text}': {e.strerror or e}") from None
        if resolved.suffix.lower() == ".png" and not head.startswith(b"\x89PNG\r\n\x1a\n"):
            raise ValueError(f"'{text}' is not a PNG image (its contents do not start like one)")
        if resolved.suffix.lower() == ".svg" and b"<svg" not in head:
            raise ValueError(f"'{text}' is not an SVG image (no <svg> element near its start)")
        return resolved

    def parse(self, node: Node, path: str, ctx: ValidationContext) -> Any:
        value = super().parse(node, path, ctx)
        if isinstance(value, Path) and other_links(value):
            # A hard link is not a symlink: it cannot be told from the file itself
            # and may be the same file as one outside the folder.
            ctx.warning(
                node,
                path,
                f"the logo file has {other_links(value)} other hard link(s), perhaps to a file "
                "outside the content folder; copy the file instead of linking it",
            )
        return value

    def schema(self):
        return {"type": "string", "pattern": r"\.([sS][vV][gG]|[pP][nN][gG])$"}


class FontKind(ScalarKind):
    """A shipped family name (case-insensitive) or a TrueType file inside the content folder."""

    expect = "a font family name or a .ttf file"

    def convert(self, text: str, node: ScalarNode, ctx: ValidationContext) -> Any:
        for name in SHIPPED_FAMILIES:
            if name.casefold() == text.casefold():
                return name
        shipped = ", ".join(SHIPPED_FAMILIES)
        if not text.lower().endswith((".ttf", ".otf", ".ttc", ".woff", ".woff2")) and "/" not in text:
            raise ValueError(
                f"unknown font '{text}'{suggest(text, SHIPPED_FAMILIES)}; use a shipped family "
                f"({shipped}) or a .ttf file in the content folder"
            )
        if not text.lower().endswith(".ttf"):
            raise ValueError(f"the font file '{text}' must be a TrueType font (.ttf)")
        resolved = resolve_asset(text, ctx.folder)
        _check_truetype(text, resolved)
        return resolved

    def schema(self):
        return {
            "type": "string",
            "examples": list(SHIPPED_FAMILIES),
            "description": f"a shipped family ({', '.join(SHIPPED_FAMILIES)}) or a .ttf file in the content folder",
        }


def _check_truetype(text: str, path: Path) -> None:
    # reportlab embeds only TrueType outlines; a CFF font renamed to .ttf would fail late.
    from fontTools.ttLib import TTFont

    try:
        with TTFont(path, lazy=True) as font:
            has_glyf = "glyf" in font
            has_cmap = "cmap" in font
    except Exception as e:  # noqa: BLE001 - a broken font file fails in fontTools in many ways
        raise ValueError(f"'{text}' is not a readable font file ({type(e).__name__})") from None
    if not has_glyf:
        raise ValueError(
            f"'{text}' has PostScript (CFF) outlines; the PDF needs a TrueType-outline (glyf) font: "
            "use the .ttf version of the font"
        )
    if not has_cmap:
        raise ValueError(f"'{text}' has no character map; it cannot be used for text")
