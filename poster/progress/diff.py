"""Progress workflow: what changed between two versions of a roadmap (pure functions on the model).

Steps and milestones are matched by id: a renamed id reads as one removed and
one added. `changed_steps()` is the small answer `build --since` needs (which
steps were completed or started); `diff_roadmaps()` is the full comparison
behind `poster diff`.
"""

from __future__ import annotations

from dataclasses import dataclass, fields, is_dataclass, replace
from datetime import date
from enum import Enum
from itertools import zip_longest
from pathlib import Path

from poster.content.model import Dimension, Milestone, Period, Pillar, Result, Roadmap, Status, Step


class StepEvent(str, Enum):
    COMPLETED = "completed"  # done now, not done before (or new and already done)
    STARTED = "started"  # under way now, not started before (or new and already under way)


@dataclass(frozen=True)
class StepChange:
    """One step the poster can highlight as news since an earlier version."""

    step_id: str
    event: StepEvent
    old_status: Status | None  # None: the step did not exist in the old version
    new_status: Status
    old_progress: int | None
    new_progress: int


def _started(step: Step) -> bool:
    """Under way: running, delayed or paused, or with progress (done counts separately)."""
    if step.status in (Status.IN_PROGRESS, Status.DELAYED, Status.ON_HOLD):
        return True
    return step.status is not Status.CANCELLED and step.progress > 0


def changed_steps(old: Roadmap, new: Roadmap) -> tuple[StepChange, ...]:
    """The steps of `new` completed or started since `old`, in `new`'s file order.

    COMPLETED: status done now and not before. STARTED: under way now
    (in_progress, delayed, on_hold, or progress > 0) and neither under way nor
    done before. A step that only moved from in_progress to delayed is neither.
    """
    before = {s.id: s for s in old.plan.steps}
    found = []
    for step in new.plan.steps:
        prev = before.get(step.id)
        if step.status is Status.DONE and (prev is None or prev.status is not Status.DONE):
            event = StepEvent.COMPLETED
        elif (
            _started(step)
            and step.status is not Status.DONE
            and (prev is None or not (_started(prev) or prev.status is Status.DONE))
        ):
            event = StepEvent.STARTED
        else:
            continue
        found.append(
            StepChange(
                step.id,
                event,
                prev.status if prev else None,
                step.status,
                prev.progress if prev else None,
                step.progress,
            )
        )
    return tuple(found)


@dataclass(frozen=True)
class Rescheduled:
    step: Step  # the new version
    old_start: Period
    old_end: Period


@dataclass(frozen=True)
class StatusChanged:
    step: Step
    old: Status


@dataclass(frozen=True)
class ProgressChanged:
    step: Step
    old: int


@dataclass(frozen=True)
class MilestoneMoved:
    milestone: Milestone
    old_date: Period


@dataclass(frozen=True)
class LevelChanged:
    """A baseline dimension whose current or target level changed (matched by id)."""

    dimension: Dimension  # the new version
    old_current: float
    old_target: float


@dataclass(frozen=True)
class TextChanged:
    """A text that reads differently; `path` names it the way diagnostics do."""

    path: str  # e.g. "plan.steps[wijkmonitor].title"
    field: str  # the last part, for the label: title, description, owner, pillar, ...
    old: str | None
    new: str | None


@dataclass(frozen=True)
class RoadmapDiff:
    old_as_of: date
    new_as_of: date
    steps_added: tuple[Step, ...] = ()
    steps_removed: tuple[Step, ...] = ()
    rescheduled: tuple[Rescheduled, ...] = ()
    status_changes: tuple[StatusChanged, ...] = ()
    progress_changes: tuple[ProgressChanged, ...] = ()
    milestones_reached: tuple[Milestone, ...] = ()
    milestones_reopened: tuple[Milestone, ...] = ()
    milestones_added: tuple[Milestone, ...] = ()
    milestones_removed: tuple[Milestone, ...] = ()
    milestones_moved: tuple[MilestoneMoved, ...] = ()
    results_added: tuple[Result, ...] = ()
    results_removed: tuple[Result, ...] = ()
    pillars_added: tuple[Pillar, ...] = ()
    pillars_removed: tuple[Pillar, ...] = ()
    levels: tuple[LevelChanged, ...] = ()
    texts: tuple[TextChanged, ...] = ()
    # The two versions differ, but in nothing listed above (the theme, the scale, a logo file, ...).
    other_changes: bool = False

    @property
    def is_empty(self) -> bool:
        return self.old_as_of == self.new_as_of and not any(
            getattr(self, name) for name in self.__dataclass_fields__ if name not in ("old_as_of", "new_as_of")
        )


def diff_roadmaps(old: Roadmap, new: Roadmap) -> RoadmapDiff:
    old_steps = {s.id: s for s in old.plan.steps}
    new_ids = {s.id for s in new.plan.steps}
    pairs = [(old_steps[s.id], s) for s in new.plan.steps if s.id in old_steps]
    old_ms = {m.id: m for m in old.plan.milestones}
    new_ms_ids = {m.id for m in new.plan.milestones}
    ms_pairs = [(old_ms[m.id], m) for m in new.plan.milestones if m.id in old_ms]
    old_results = {r.title for r in old.results}
    new_results = {r.title for r in new.results}
    old_pillars = {p.id for p in old.strategy.pillars}
    new_pillars = {p.id for p in new.strategy.pillars}
    listed = RoadmapDiff(
        old_as_of=old.meta.as_of,
        new_as_of=new.meta.as_of,
        steps_added=tuple(s for s in new.plan.steps if s.id not in old_steps),
        steps_removed=tuple(s for s in old.plan.steps if s.id not in new_ids),
        rescheduled=tuple(Rescheduled(n, o.start, o.end) for o, n in pairs if (o.start, o.end) != (n.start, n.end)),
        status_changes=tuple(StatusChanged(n, o.status) for o, n in pairs if o.status is not n.status),
        progress_changes=tuple(ProgressChanged(n, o.progress) for o, n in pairs if _progress_news(o, n)),
        milestones_reached=tuple(n for o, n in ms_pairs if n.done and not o.done),
        milestones_reopened=tuple(n for o, n in ms_pairs if o.done and not n.done),
        milestones_added=tuple(m for m in new.plan.milestones if m.id not in old_ms),
        milestones_removed=tuple(m for m in old.plan.milestones if m.id not in new_ms_ids),
        milestones_moved=tuple(MilestoneMoved(n, o.date) for o, n in ms_pairs if o.date != n.date),
        results_added=tuple(r for r in new.results if r.title not in old_results),
        results_removed=tuple(r for r in old.results if r.title not in new_results),
        pillars_added=tuple(p for p in new.strategy.pillars if p.id not in old_pillars),
        pillars_removed=tuple(p for p in old.strategy.pillars if p.id not in new_pillars),
        levels=tuple(_levels(old, new)),
        texts=tuple(_texts(old, new, pairs, ms_pairs)),
    )
    if listed.is_empty and _comparable(old, old.source_dir) != _comparable(new, new.source_dir):
        return replace(listed, other_changes=True)
    return listed


def _dimensions(roadmap: Roadmap) -> dict[str, Dimension]:
    return {d.id: d for d in roadmap.baseline.dimensions} if roadmap.baseline else {}


def _levels(old: Roadmap, new: Roadmap):
    before = _dimensions(old)
    for dim in _dimensions(new).values():
        prev = before.get(dim.id)
        if prev is not None and (prev.current, prev.target) != (dim.current, dim.target):
            yield LevelChanged(dim, prev.current, prev.target)


def _comparable(value, folder: Path | None):
    """The model as plain values, files named relative to the content folder (two checkouts compare equal)."""
    if is_dataclass(value):
        return (type(value).__name__,) + tuple(
            _comparable(getattr(value, f.name), folder) for f in fields(value) if f.name != "source_dir"
        )
    if isinstance(value, tuple):
        return tuple(_comparable(v, folder) for v in value)
    if isinstance(value, Path) and folder is not None and value.is_relative_to(folder):
        return ("file", value.relative_to(folder).as_posix())
    return value


def _progress_news(old: Step, new: Step) -> bool:
    """A progress change worth a line: not the one that merely follows a status change
    (planned -> done moves the default progress from 0 to 100 by itself)."""
    if old.progress == new.progress:
        return False
    return not (old.status is not new.status and new.progress == new.status.default_progress)


def _texts(old: Roadmap, new: Roadmap, pairs, ms_pairs):
    def field(path: str, name: str, a, b):
        if (a or None) != (b or None):
            yield TextChanged(f"{path}.{name}" if path else name, name, a, b)

    yield from field("meta", "title", old.meta.title, new.meta.title)
    yield from field("meta", "subtitle", old.meta.subtitle, new.meta.subtitle)
    yield from field("meta", "version", old.meta.version, new.meta.version)
    yield from field("vision", "statement", old.vision.statement, new.vision.statement)
    # Ambitions have no id: compare by position; an extra card on either side reads as text added or removed.
    for i, (a, b) in enumerate(zip_longest(old.vision.ambitions, new.vision.ambitions)):
        yield from field(f"vision.ambitions[{i}]", "title", a and a.title, b and b.title)
        yield from field(f"vision.ambitions[{i}]", "text", a and a.text, b and b.text)
    # Benefits and preconditions are short texts without id: compared by position, like ambitions.
    for name in ("benefits", "preconditions"):
        for i, (a, b) in enumerate(zip_longest(getattr(old.vision, name), getattr(new.vision, name))):
            yield from field("vision", f"{name}[{i}]", a, b)
    old_dims = _dimensions(old)
    for dim in _dimensions(new).values():
        prev = old_dims.get(dim.id)
        yield from field(f"baseline.dimensions[{dim.id}]", "name", prev and prev.name, dim.name)
        yield from field(f"baseline.dimensions[{dim.id}]", "note", prev and prev.note, dim.note)
    for key, prev in old_dims.items():
        if key not in _dimensions(new):
            yield from field(f"baseline.dimensions[{key}]", "name", prev.name, None)
    yield from field("strategy", "intro", old.strategy.intro, new.strategy.intro)
    old_pillars = {p.id: p for p in old.strategy.pillars}
    for p in new.strategy.pillars:
        if p.id in old_pillars:
            yield from field(f"strategy.pillars[{p.id}]", "name", old_pillars[p.id].name, p.name)
            yield from field(f"strategy.pillars[{p.id}]", "goal", old_pillars[p.id].goal, p.goal)
    for o, n in pairs:
        where = f"plan.steps[{n.id}]"
        yield from field(where, "title", o.title, n.title)
        if o.pillar.id != n.pillar.id:  # by id: a renamed pillar is one change, not one per step
            yield TextChanged(f"{where}.pillar", "pillar", o.pillar.name, n.pillar.name)
        yield from field(where, "owner", o.owner, n.owner)
        yield from field(where, "description", o.description, n.description)
    for o, n in ms_pairs:
        yield from field(f"plan.milestones[{n.id}]", "title", o.title, n.title)
    yield from field("quote", "text", old.quote and old.quote.text, new.quote and new.quote.text)
    yield from field("quote", "source", old.quote and old.quote.source, new.quote and new.quote.source)
