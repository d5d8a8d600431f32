"""Progress workflow: the numbers behind `poster status`, a quick look before a meeting.

Pure functions on the model. A pillar's progress is the plain mean of its
steps' progress, cancelled steps left out: every step counts the same, which is
what a reader of the poster assumes.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from poster.content.model import Milestone, Pillar, Roadmap, Status, Step

# The order a reader scans a plan in: what is finished, what runs, what is stuck, what waits.
STATUS_ORDER = (Status.DONE, Status.IN_PROGRESS, Status.DELAYED, Status.ON_HOLD, Status.PLANNED, Status.CANCELLED)


@dataclass(frozen=True)
class Tally:
    """Step counts per status and the mean progress of a group of steps."""

    counts: tuple[tuple[Status, int], ...]  # every Status, in STATUS_ORDER
    progress: int  # 0-100, rounded mean over the steps that are not cancelled

    @property
    def steps(self) -> int:
        return sum(n for _, n in self.counts)

    def count(self, status: Status) -> int:
        return dict(self.counts)[status]


@dataclass(frozen=True)
class StatusSummary:
    as_of: date
    pillars: tuple[tuple[Pillar, Tally], ...]
    overall: Tally
    overdue: tuple[Step, ...]  # in_progress or delayed past their end
    stale: tuple[Step, ...]  # still planned although their end has passed
    late_milestones: tuple[Milestone, ...]  # not reached, date passed
    next_milestones: tuple[Milestone, ...]  # not reached, date today or later; soonest first


def tally(steps: tuple[Step, ...] | list[Step]) -> Tally:
    counts = tuple((status, sum(1 for s in steps if s.status is status)) for status in STATUS_ORDER)
    counted = [s.progress for s in steps if s.status is not Status.CANCELLED]
    progress = (2 * sum(counted) + len(counted)) // (2 * len(counted)) if counted else 0  # half up
    return Tally(counts, progress)


def summarize(roadmap: Roadmap, *, as_of: date | None = None, next_count: int = 3) -> StatusSummary:
    """The summary at `as_of` (default: the content's reporting date)."""
    day = as_of or roadmap.meta.as_of
    steps = roadmap.plan.steps
    open_ms = sorted((m for m in roadmap.plan.milestones if not m.done), key=lambda m: (m.day, m.id))
    return StatusSummary(
        as_of=day,
        pillars=tuple((p, tally(roadmap.steps_of(p))) for p in roadmap.strategy.pillars),
        overall=tally(steps),
        overdue=tuple(sorted((s for s in steps if s.is_overdue(day)), key=lambda s: (s.end_date, s.id))),
        stale=tuple(s for s in steps if s.status is Status.PLANNED and s.end_date < day),
        late_milestones=tuple(m for m in open_ms if m.day < day),
        next_milestones=tuple(m for m in open_ms if m.day >= day)[:next_count],
    )
