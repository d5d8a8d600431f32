"""Progress workflow: update progress in the content files, compare versions, summarise status.

Library API (the CLI in poster/cli_progress.py is a thin layer over it):
- `prepare(folder, Update(...))` -> EditPlan, then `write(plan)`: surgical, atomic edits.
- `read_csv(path, roadmap)` -> Update: a progress sheet, checked row by row.
- `load_side(spec)` -> Roadmap: a content folder or `REV:path` from git.
- `diff_roadmaps(old, new)` -> RoadmapDiff; `changed_steps(old, new)` -> StepChange per
  step completed or started since `old` (for `build --since`).
- `summarize(roadmap)` -> StatusSummary.
"""

from poster.progress.csvimport import read_csv
from poster.progress.diff import RoadmapDiff, StepChange, StepEvent, changed_steps, diff_roadmaps
from poster.progress.edit import EditPlan, FieldChange, MilestoneUpdate, StepUpdate, Update, prepare, write
from poster.progress.errors import ConcurrentChangeError, ProgressError, RevisionError
from poster.progress.gitrev import load_side
from poster.progress.status import StatusSummary, summarize

__all__ = [
    "ConcurrentChangeError",
    "EditPlan",
    "FieldChange",
    "MilestoneUpdate",
    "ProgressError",
    "RevisionError",
    "RoadmapDiff",
    "StatusSummary",
    "StepChange",
    "StepEvent",
    "StepUpdate",
    "Update",
    "changed_steps",
    "diff_roadmaps",
    "load_side",
    "prepare",
    "read_csv",
    "summarize",
    "write",
]
