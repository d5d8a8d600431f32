"""Content stage: load a content folder - every YAML file in it - into a `Roadmap` plus diagnostics.

The library never prints: `load` returns what it found, `load_or_raise` turns
errors (or warnings, when strict) into a `ContentError` carrying them all.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from yaml.nodes import MappingNode, Node, ScalarNode

from poster.content import checks
from poster.content.build import build_roadmap
from poster.content.fields import INVALID, MAX_TEXT_CHARS, Kind, ValidationContext
from poster.content.model import Roadmap
from poster.content.schema import SECTIONS
from poster.content.validate import Obj, Record, unknown_key_message
from poster.content.yamlsrc import YamlFile, describe, is_blank, read_yaml
from poster.errors import ContentError, Diagnostic, Severity

SUFFIXES = (".yaml", ".yml")


@dataclass(frozen=True)
class LoadResult:
    roadmap: Roadmap | None  # None when there is any error
    diagnostics: tuple[Diagnostic, ...]  # sorted by file, line, column
    files: tuple[Path, ...] = ()  # the content files read, in the order read

    @property
    def errors(self) -> tuple[Diagnostic, ...]:
        return tuple(d for d in self.diagnostics if d.is_error)

    @property
    def warnings(self) -> tuple[Diagnostic, ...]:
        return tuple(d for d in self.diagnostics if not d.is_error)


class SectionMemo:
    """Validated sections kept from one load of a folder to the next, for loading many versions (`poster history`).

    A section is taken from the memo only when its YAML node is the very node
    validated before - the reader gave back the same parsed file, as
    `yamlsrc.read_yaml_fast` does for a file whose git blob did not change -
    with the diagnostics it gave then. Validation depends on the node alone,
    except that a logo or font field reads its file: the caller calls
    `forget()` when any file besides the YAML changed. Only what the last load
    used is kept, and a load with errors forgets everything (the cross-checks
    may have taken values out of records on an error).
    """

    def __init__(self) -> None:
        self._kept: dict[int, tuple[Node, Any, tuple[Diagnostic, ...], int]] = {}
        self._used: dict[int, tuple[Node, Any, tuple[Diagnostic, ...], int]] = {}

    def forget(self) -> None:
        self._kept.clear()
        self._used.clear()

    def parse(self, kind: Kind, value: Node, name: str, ctx: ValidationContext) -> Any:
        entry = self._kept.get(id(value))
        if entry is not None and entry[0] is value and ctx.text_chars + entry[3] <= MAX_TEXT_CHARS:
            _, parsed, diagnostics, chars = entry
            ctx.diagnostics.extend(diagnostics)
            ctx.text_chars += chars
        else:
            before, chars = len(ctx.diagnostics), ctx.text_chars
            parsed = kind.parse(value, name, ctx)
            # The limit on all texts together was not crossed inside this section, so its
            # diagnostics hold again wherever it starts, as long as the total stays under it.
            if ctx.text_chars > MAX_TEXT_CHARS:
                return parsed
            entry = (value, parsed, tuple(ctx.diagnostics[before:]), ctx.text_chars - chars)
        self._used[id(value)] = entry
        return parsed

    def finish(self, ok: bool) -> None:
        self._kept, self._used = (self._used, {}) if ok else ({}, {})


def load(
    folder: Path,
    *,
    as_of: date | None = None,
    today: date | None = None,
    overrides: Mapping[Path, str | bytes] | None = None,
    read: Callable[[Path, bytes | None], YamlFile] = read_yaml,
    memo: SectionMemo | None = None,
) -> LoadResult:
    """Read and check a content folder. `as_of` overrides meta.as_of; `today` is the build date.

    `overrides` maps content files of the folder to a text to check instead of
    what is on disk, so an edit is validated before it is written. `read`
    reads one file (`yamlsrc.read_yaml_fast` when loading many versions), and
    `memo` keeps validated sections for the next load (see SectionMemo).
    """
    folder = Path(folder)
    ctx = ValidationContext(folder=folder.resolve())
    files = content_files(folder, ctx)
    found, complete = _sections(files, ctx, _texts(files, overrides or {}), read, memo)
    if files and complete:  # a file that could not be read may hold the missing sections
        _require_sections(folder, found, ctx)
    roadmap = _check_and_build(found, complete, ctx, as_of, today or date.today())
    diagnostics = tuple(sorted(ctx.diagnostics, key=_sort_key))
    ok = not any(d.is_error for d in diagnostics)
    if memo is not None:
        memo.finish(ok)
    return LoadResult(roadmap if ok else None, diagnostics, tuple(files))


def _texts(files: list[Path], overrides: Mapping[Path, str | bytes]) -> dict[str, bytes]:
    """The overriding bytes by absolute path; a path that is not a content file is a mistake of the caller."""
    known = {os.path.abspath(p) for p in files}
    texts = {}
    for path, text in overrides.items():
        key = os.path.abspath(path)
        if key not in known:
            raise ValueError(f"{path} is not a content file of this folder")
        texts[key] = text.encode("utf-8") if isinstance(text, str) else bytes(text)
    return texts


def load_or_raise(
    folder: Path, *, strict: bool = False, as_of: date | None = None
) -> tuple[Roadmap, tuple[Diagnostic, ...]]:
    """The roadmap and its warnings; ContentError on errors, or on warnings when strict."""
    result = load(folder, as_of=as_of)
    if result.roadmap is None or (strict and result.warnings):
        raise ContentError(result.diagnostics)
    return result.roadmap, result.diagnostics


def holds_content(folder: Path) -> bool:
    """Whether `folder` looks like a content folder: a *.yaml file in it starts a section (meta:, plan:, ...).

    For commands run without CONTENT: a folder with other YAML (a CI config) is not content.
    """
    starts = tuple(f"{name}:".encode() for name in SECTIONS)
    try:
        files = [
            p for p in folder.iterdir() if p.suffix.lower() in SUFFIXES and not p.name.startswith(".") and p.is_file()
        ]
        for path in sorted(files)[:50]:
            with path.open("rb") as f:
                if any(line.startswith(starts) for line in f.read(1_000_000).splitlines()):
                    return True
    except OSError:
        return False
    return False


def content_files(folder: Path, ctx: ValidationContext) -> list[Path]:
    """The *.yaml / *.yml files directly in the folder, sorted.

    Hidden files (an editor's temporary copies) are skipped. A link to a file
    outside the folder is refused unread, as an asset would be: a content folder
    from a pull request must not make the tool read (and quote) other files.
    """
    if not folder.is_dir():
        what = "does not exist" if not folder.exists() else "is not a folder"
        ctx.diagnostics.append(Diagnostic(Severity.ERROR, f"the content folder {what}", folder))
        return []
    try:
        found = sorted(
            p
            for p in folder.iterdir()
            if p.suffix.lower() in SUFFIXES and not p.name.startswith(".") and not p.is_dir()
        )
    except OSError as e:
        ctx.diagnostics.append(Diagnostic(Severity.ERROR, f"cannot list the content folder: {e.strerror or e}", folder))
        return []
    outside, usable = [], []
    for path in found:
        try:
            outside_link = not path.resolve().is_relative_to(ctx.folder)
        except (OSError, RuntimeError):  # a link in a loop
            outside_link = False
        if outside_link:
            outside.append(path)
            message = "the file is a link to a file outside the content folder; copy the file into the folder instead"
            ctx.diagnostics.append(Diagnostic(Severity.ERROR, message, path))
        elif path.is_file():
            usable.append(path)
        else:  # a pipe would block the read, a device never end it
            message = "not a regular file (a pipe, device or socket, or a broken link): skipped"
            ctx.diagnostics.append(Diagnostic(Severity.WARNING, message, path))
    if not usable and not outside:
        message = "no content files: the folder has no *.yaml files (run `poster init DIR` to start one)"
        ctx.diagnostics.append(Diagnostic(Severity.ERROR, message, folder))
    return usable


def _sections(
    files: list[Path],
    ctx: ValidationContext,
    texts: dict[str, bytes],
    read: Callable[[Path, bytes | None], YamlFile] = read_yaml,
    memo: SectionMemo | None = None,
) -> tuple[dict, bool]:
    """Each file's sections, validated, and whether every file could be read.

    A section in two files is an error naming both. A section that is present
    but invalid maps to INVALID: it was reported, and is not reported missing.
    """
    sections: dict = {}
    where: dict[str, tuple[Path, int]] = {}
    complete = True
    for path in files:
        source = read(path, texts.get(os.path.abspath(path)))
        ctx.lines[str(path)] = source.lines
        ctx.rejected.update((id(node), node) for node in source.rejected)
        ctx.diagnostics.extend(source.diagnostics)
        if not source.usable:
            complete = False
            continue
        for key, value in _top_level(source, ctx):
            name = key.value
            if name in where:
                first, line = where[name]
                ctx.error(
                    key,
                    name,
                    f"section '{name}' is in both {first.name} (line {line}) and {path.name}; keep it in one file",
                )
                continue
            where[name] = (path, key.start_mark.line + 1)
            _section(name, value, ctx, sections, memo)
    return sections, complete


def _top_level(source: YamlFile, ctx: ValidationContext):
    """The (key, value) pairs of a file's top mapping that name a known section."""
    root = source.root
    if root is None:
        return
    if not isinstance(root, MappingNode):
        ctx.error(root, "", f"expected sections at the top of the file (meta:, vision:, ...), found {describe(root)}")
        return
    seen = set()
    for key, value in root.value:
        if not isinstance(key, ScalarNode):
            ctx.error(key, "", "a section name must be a plain word such as 'plan'")
        elif key.value not in SECTIONS:
            ctx.error(key, key.value, unknown_key_message(key.value, list(SECTIONS), "section"))
        elif key.value not in seen:  # a repeated key was reported when the file was read
            seen.add(key.value)
            yield key, value


def _section(name: str, value, ctx: ValidationContext, sections: dict, memo: SectionMemo | None = None) -> None:
    spec = SECTIONS[name]
    if is_blank(value):
        if spec.required:
            ctx.error(value, name, f"the section '{name}' is empty: it needs {spec.description}")
            sections[name] = INVALID
        # An empty optional section (`baseline:` or `baseline: ~`) is absent, like an empty optional
        # field: references into it are then checked against nothing, not skipped as unreadable.
        return
    sections[name] = spec.kind.parse(value, name, ctx) if memo is None else memo.parse(spec.kind, value, name, ctx)


def _require_sections(folder: Path, found: dict, ctx: ValidationContext) -> None:
    for name, spec in SECTIONS.items():
        if spec.required and name not in found:
            message = f"missing section '{name}' ({spec.description}); add it to one of the files"
            ctx.diagnostics.append(Diagnostic(Severity.ERROR, message, folder))


def _check_and_build(
    found: dict, complete: bool, ctx: ValidationContext, as_of: date | None, today: date
) -> Roadmap | None:
    sections = {name: value for name, value in found.items() if value is not INVALID}
    meta, plan = sections.get("meta"), sections.get("plan")
    given = as_of is not None or (meta is not None and meta.get("as_of") is not None)
    if as_of is None:
        as_of = meta.get("as_of").first if given and meta is not None else today
    # None: the list could not be read (reported already), so references into it are not checked.
    dimensions = checks.index_ids(_items(found, complete, "baseline", "dimensions"), "dimension", ctx)
    pillars = checks.index_ids(_items(found, complete, "strategy", "pillars"), "pillar", ctx)
    step_records = _items(found, complete, "plan", "steps")
    steps = checks.index_ids(step_records, "step", ctx)
    checks.index_ids(_items(found, complete, "plan", "milestones"), "milestone", ctx)
    checks.check_references(ctx, pillars, dimensions, steps, sections.get("results", ()))
    checks.check_cycles(ctx, steps or {})
    if plan is not None:
        checks.check_order(ctx, plan, "plan period")
    for step in step_records or ():
        checks.check_step(ctx, step, plan, as_of)
    if "baseline" in sections:
        checks.check_baseline(ctx, sections["baseline"])
    if pillars is not None and step_records is not None:  # else every lane would be reported empty
        checks.check_lanes(ctx, pillars, step_records)
    if ctx.has_errors:
        return None
    return build_roadmap(sections, ctx.folder, as_of, given)


def _items(found: dict, complete: bool, section: str, name: str) -> tuple[Record, ...] | None:
    """The records of the list `section.name`, or None when it is unusable.

    Unusable: the section or the list was invalid or left out where required
    (each already reported), or the section may be in a file that could not be
    read. An optional section that is simply absent has no items.
    """
    record = found.get(section)
    if record is None:
        return () if complete and not SECTIONS[section].required else None
    if record is INVALID:
        return None
    if name in record.values:
        return record.get(name)
    kind = SECTIONS[section].kind
    assert isinstance(kind, Obj), section  # every section is a mapping of fields
    spec = kind.by_name[name]
    return None if spec.required or name in record.nodes else ()


def _sort_key(d: Diagnostic):
    return (str(d.file or ""), d.line or 0, d.column or 0)
