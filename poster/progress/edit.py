"""Progress workflow: turn a progress update into exact edits of the user's YAML files.

`prepare()` resolves an `Update` against the loaded roadmap, computes the text
splices, and re-loads the content with the edited texts in memory, so an update
that would break the content is refused before anything is written. `write()` then
replaces each edited file atomically, refusing files that changed meanwhile.
"""

from __future__ import annotations

import difflib
import unicodedata
from collections import defaultdict
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path
from typing import Any

from poster import atomic
from poster import content as content_stage
from poster.content.fields import suggest
from poster.content.model import Language, Roadmap, Status, Step
from poster.content.schema import PROGRESS
from poster.errors import ContentError, Diagnostic
from poster.progress import yamlpos
from poster.progress.errors import ConcurrentChangeError, ProgressError
from poster.progress.source import SourceFile, Staged, check_unchanged, discard, put_back, stage, swap
from poster.progress.yamlpos import Splice

# Where a missing key goes, following the format's key order: after the nearest
# of `after` that is present, else before the first of `before`.
_STATUS_AT = dict(
    after=("end", "start", "pillar", "title", "id"), before=("progress", "owner", "depends_on", "description")
)
_PROGRESS_AT = dict(
    after=("status", "end", "start", "pillar", "title", "id"), before=("owner", "depends_on", "description")
)
_DONE_AT: dict[str, Any] = dict(after=("date", "title", "id"))
_AS_OF_AT: dict[str, Any] = dict(
    after=("version", "language", "subtitle", "title", "organisation"), before=("logo", "contact")
)


@dataclass(frozen=True)
class StepUpdate:
    step_id: str
    status: Status | None = None
    progress: int | None = None
    note: str | None = None  # shown in reports only (the CSV `note` column); never written
    origin: str | None = None  # where the request came from ("voortgang.csv row 3"), for messages


@dataclass(frozen=True)
class MilestoneUpdate:
    milestone_id: str
    done: bool = True
    note: str | None = None
    origin: str | None = None


@dataclass(frozen=True)
class Update:
    steps: tuple[StepUpdate, ...] = ()
    milestones: tuple[MilestoneUpdate, ...] = ()
    as_of: date | None = None


@dataclass(frozen=True)
class FieldChange:
    """One value that the update changes, with its effective value before and after."""

    target: str  # "step", "milestone" or "meta"
    ident: str  # the step or milestone id; "meta" for the reporting date
    field: str  # "status", "progress", "done" or "as_of"
    old: object
    new: object
    file: Path
    line: int  # 1-based line of the value in the file as read (where a new line goes, if added)
    implied_by: str | None = None  # set when this change follows from another field's change
    note: str | None = None


@dataclass(frozen=True)
class EditPlan:
    """Everything `write()` needs; made by `prepare()` after all checks passed."""

    folder: Path
    language: Language
    changes: tuple[FieldChange, ...]
    edits: tuple[tuple[SourceFile, str], ...]  # (file as read, new text) for each changed file
    new_warnings: tuple[Diagnostic, ...] = field(default=())

    def unified_diff(self) -> str:
        out: list[str] = []
        for source, text in self.edits:
            name = _relative(source.path, self.folder)
            out.extend(
                difflib.unified_diff(
                    source.text.splitlines(keepends=True),
                    text.splitlines(keepends=True),
                    fromfile=f"a/{name}",
                    tofile=f"b/{name}",
                )
            )
        return "".join(line if line.endswith("\n") else line + "\n" for line in out)


def contradiction(status: Status | None, progress: int | None) -> str | None:
    """Why an explicitly given status/progress pair would draw a content warning, or None."""
    if status is Status.DONE and progress is not None and progress < 100:
        return f"status done means progress 100, not {progress}; leave out the progress or use 'in_progress'"
    if status is Status.PLANNED and progress:
        return f"a planned step has no progress ({progress}); use status 'in_progress' once it has started"
    return None


def check_progress(value: int) -> str | None:
    """Why a progress given as a number (the library API) is not valid, or None."""
    try:
        PROGRESS.read(str(value))
    except ValueError as exc:
        return str(exc)
    return None


def resolve_step(step: Step, has_progress_key: bool, req: StepUpdate) -> tuple[Status, int | None, str | None]:
    """The status and progress to write, and which of the two was implied by the other.

    One value given alone pulls the other along so the update never introduces a
    format warning: `done` sets a written progress to 100, `planned` sets it to 0;
    progress on a planned step (or below 100 on a done one) makes it in_progress.
    A progress of None means: leave the progress key as it is (or absent).
    """
    status, progress, implied = req.status or step.status, req.progress, None
    if req.status is not None and req.progress is not None:
        problem = contradiction(req.status, req.progress)
        if problem:
            raise ProgressError(f"{_origin(req)}step '{step.id}': {problem}")
    elif req.status is not None and has_progress_key:
        if status is Status.DONE and step.progress != 100:
            progress, implied = 100, "progress"
        elif status is Status.PLANNED and step.progress > 0:
            progress, implied = 0, "progress"
    elif req.progress is not None:
        if (step.status is Status.PLANNED and req.progress > 0) or (step.status is Status.DONE and req.progress < 100):
            status, implied = Status.IN_PROGRESS, "status"
    return status, progress, implied


def _origin(req) -> str:
    return f"{req.origin}: " if req.origin else ""


def prepare(folder: Path, update: Update, *, today: date | None = None) -> EditPlan:
    """Check the update against the content and compute the edited files; writes nothing."""
    folder = Path(folder).resolve()
    update = _normalised(update)
    before = content_stage.load(folder, today=today)
    roadmap = require_roadmap(before, folder)
    sources = tuple(_read(path) for path in before.files)  # the files the loader read
    doc = _Document(sources)
    splices: dict[Path, list[Splice]] = defaultdict(list)
    changes: list[FieldChange] = []
    problems: list[str] = []
    for made in (
        _step_edits(doc, roadmap, update, problems),
        _milestone_edits(doc, roadmap, update, problems),
        _as_of_edits(doc, roadmap, update),
    ):
        for source, splice, change in made:
            splices[source.path].append(splice)
            changes.append(replace(change, line=source.text.count("\n", 0, splice.start) + 1))
    if len(problems) == 1:
        raise ProgressError(f"{problems[0]}; nothing written")
    if problems:
        raise ProgressError(f"{len(problems)} problems, nothing written:\n" + "\n".join(f"  {p}" for p in problems))
    edits = tuple((s, yamlpos.apply_splices(s.text, splices[s.path])) for s in sources if splices.get(s.path))
    new_warnings = _validate(folder, edits, before.diagnostics, today)
    return EditPlan(folder, roadmap.meta.language, tuple(changes), edits, new_warnings)


def _normalised(update: Update) -> Update:
    """Ids in normal form C, as the loader reads them ("é" typed as e + accent is the same id)."""

    def nfc(text: str) -> str:
        return unicodedata.normalize("NFC", text)

    return replace(
        update,
        steps=tuple(replace(s, step_id=nfc(s.step_id)) for s in update.steps),
        milestones=tuple(replace(m, milestone_id=nfc(m.milestone_id)) for m in update.milestones),
    )


def write(plan: EditPlan) -> None:
    """Write every edited file, all or nothing; first check that none changed since it was read.

    Each new text goes to a temporary file beside its file first; only when all
    are on disk are they swapped in. Should a swap still fail (a disk filling up,
    a file changed at that very moment), the files already swapped are put back,
    and the error says what the folder holds now.
    """
    for source, _ in plan.edits:
        check_unchanged(source)
    staged: list[Staged] = []
    try:
        for source, text in plan.edits:
            staged.append(stage(source, text))
    except OSError as exc:
        for done in staged:
            discard(done)
        raise ProgressError(f"{source.path}: cannot write ({exc.strerror or exc}); no file was changed") from None
    try:
        # A journal makes the swaps all-or-nothing even when the process is killed
        # between two of them: the next run finishes or undoes them (poster.atomic).
        with atomic.Group(plan.folder, [item.member() for item in staged]) as group:
            for i, item in enumerate(staged):
                try:
                    swap(item)
                except (OSError, ConcurrentChangeError) as exc:
                    raise _failed_part_way(item, exc, staged[:i]) from None
                group.renamed()
    finally:
        for item in staged:
            discard(item)


def _failed_part_way(item: Staged, exc: Exception, swapped: list[Staged]) -> ProgressError:
    """The error for a swap that failed after others succeeded; those are put back first."""
    concurrent = isinstance(exc, ConcurrentChangeError)
    if concurrent:
        first = f"{item.source.path} changed on disk while the update was being written"
    else:
        first = f"{item.source.path}: cannot write ({getattr(exc, 'strerror', None) or exc})"
    restored, stuck = [], []
    for done in swapped:
        try:
            put_back(done)
            restored.append(done.source.path.name)
        except OSError as again:
            stuck.append(
                f"{done.source.path.name} was already updated and could not be put back ({again.strerror or again})"
            )
    if stuck:
        message = f"{first}; " + "; ".join(stuck) + ": check it, e.g. with git diff"
    elif restored:
        verb = "was" if len(restored) == 1 else "were"
        message = f"{first}; {', '.join(restored)} {verb} put back as it was: no file was changed"
    else:
        message = f"{first}; no file was changed"
    if concurrent and not stuck:
        message += ". Run the command again on the new version."
    return (ConcurrentChangeError if concurrent else ProgressError)(message)


def _read(path: Path) -> SourceFile:
    try:
        return SourceFile.read(path)
    except OSError as exc:
        raise ProgressError(f"{path}: cannot read ({exc.strerror or exc}); nothing written") from None


def require_roadmap(
    result, folder: Path, hint: str = "fix them first (see 'poster check'); nothing written"
) -> Roadmap:
    errors = [d for d in result.diagnostics if d.is_error]
    if errors or result.roadmap is None:
        raise ContentError(errors, f"{folder}: content has errors; {hint}")
    return result.roadmap


class _Document:
    """The composed YAML nodes of a content folder, looked up by section."""

    def __init__(self, sources: tuple[SourceFile, ...]):
        self._tops = [(s, yamlpos.compose(s)) for s in sources]

    def section(self, name: str):
        for source, top in self._tops:
            node = yamlpos.section(top, name)
            if node is not None:
                return source, node
        raise ProgressError(f"no file of the content folder has a `{name}` section")


def _step_edits(doc: _Document, roadmap: Roadmap, update: Update, problems: list[str]):
    if not update.steps:
        return
    source, plan = doc.section("plan")
    nodes = yamlpos.items_by_id(plan, "steps")
    known = {s.id: s for s in roadmap.plan.steps}
    seen: set[str] = set()
    for req in update.steps:
        step, node = known.get(req.step_id), nodes.get(req.step_id)
        if step is None or node is None:
            problems.append(f"{_origin(req)}unknown step '{req.step_id}'{suggest(req.step_id, known)}")
            continue
        if req.step_id in seen:
            problems.append(f"{_origin(req)}step '{req.step_id}' is updated twice")
            continue
        seen.add(req.step_id)
        if req.progress is not None and check_progress(req.progress):
            problems.append(f"{_origin(req)}step '{req.step_id}': {check_progress(req.progress)}")
            continue
        try:
            yield from _one_step(source, node, step, req)
        except ProgressError as exc:
            problems.append(exc.message)


def _one_step(source: SourceFile, node, step: Step, req: StepUpdate):
    has_key = yamlpos.get(node, "progress") is not None
    status, progress, implied = resolve_step(step, has_key, req)
    base = FieldChange("step", step.id, "", None, None, source.path, 0, note=req.note)
    if status is not step.status:
        splice = yamlpos.set_scalar(source, node, "status", status.value, seq=0, **_STATUS_AT)
        yield (
            source,
            splice,
            replace(
                base,
                field="status",
                old=step.status,
                new=status,
                implied_by="progress" if implied == "status" else None,
            ),
        )
    kept = step.progress if has_key else status.default_progress
    if progress is not None and progress != kept:
        splice = yamlpos.set_scalar(source, node, "progress", str(progress), seq=1, **_PROGRESS_AT)
        yield (
            source,
            splice,
            replace(
                base,
                field="progress",
                old=step.progress,
                new=progress,
                implied_by="status" if implied == "progress" else None,
            ),
        )


def _milestone_edits(doc: _Document, roadmap: Roadmap, update: Update, problems: list[str]):
    if not update.milestones:
        return
    source, plan = doc.section("plan")
    nodes = yamlpos.items_by_id(plan, "milestones")
    known = {m.id: m for m in roadmap.plan.milestones}
    for req in update.milestones:
        ms, node = known.get(req.milestone_id), nodes.get(req.milestone_id)
        if ms is None or node is None:
            problems.append(f"{_origin(req)}unknown milestone '{req.milestone_id}'{suggest(req.milestone_id, known)}")
        elif ms.done != req.done:
            splice = yamlpos.set_scalar(source, node, "done", _yaml_bool(source, node, req.done), **_DONE_AT)
            yield (
                source,
                splice,
                FieldChange("milestone", ms.id, "done", ms.done, req.done, source.path, 0, note=req.note),
            )


def _yaml_bool(source: SourceFile, node, value: bool) -> str:
    """'true'/'false', but 'True'/'TRUE' when the file already writes it that way."""
    word = "true" if value else "false"
    found = yamlpos.get(node, "done")
    old = found[1].value if found and hasattr(found[1], "value") else ""
    if isinstance(old, str) and old[:1].isupper():
        return word.upper() if old.isupper() and len(old) > 1 else word.capitalize()
    return word


def _as_of_edits(doc: _Document, roadmap: Roadmap, update: Update):
    meta = roadmap.meta
    if update.as_of is None or (meta.as_of_given and meta.as_of == update.as_of):
        return
    source, node = doc.section("meta")
    splice = yamlpos.set_scalar(source, node, "as_of", update.as_of.isoformat(), **_AS_OF_AT)
    old = meta.as_of if meta.as_of_given else None
    yield source, splice, FieldChange("meta", "meta", "as_of", old, update.as_of, source.path, 0)


def _validate(folder: Path, edits, before: tuple[Diagnostic, ...], today: date | None) -> tuple[Diagnostic, ...]:
    """Load the content with the edited texts in place; refuse errors, return the warnings it adds.

    Only the YAML is replaced (in memory): assets are checked where they are, and
    nothing else in the folder is read or copied.
    """
    if not edits:
        return ()
    overrides = {source.path: source.encode(text) for source, text in edits}
    after = content_stage.load(folder, today=today, overrides=overrides).diagnostics
    errors = [d for d in after if d.is_error]
    if errors:
        raise ContentError(errors, "the update would leave the content with errors; nothing written")
    old = {_key(d, folder) for d in before if not d.is_error}
    return tuple(d for d in after if _key(d, folder) not in old)


def _key(d: Diagnostic, folder: Path):
    # Lines shift when a key is inserted, so a warning is "the same" by file, field and message.
    return (_relative(d.file, folder) if d.file else None, d.path, d.message)


def _relative(path: Path, folder: Path) -> str:
    try:
        return str(Path(path).resolve().relative_to(folder.resolve()))
    except ValueError:
        return str(path)
