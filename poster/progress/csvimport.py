"""Progress workflow: read a progress sheet (CSV) into an Update, checking every row first.

Columns `id,status,progress` and optionally `note` (Dutch headers `voortgang`,
`opmerking` too; a `title`/`titel` column is allowed and ignored, so a sheet can
show which step a row is). Comma or semicolon separated - Dutch Excel writes
semicolons - UTF-8 with or without BOM. Rows are numbered as a spreadsheet shows
them (the header is row 1). Every bad row is reported; one bad row means no update.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

from poster.content.fields import suggest
from poster.content.model import Roadmap, Status
from poster.content.schema import PROGRESS
from poster.content.statuses import parse_status, status_choices
from poster.progress.edit import MilestoneUpdate, StepUpdate, Update, contradiction
from poster.progress.errors import ProgressError

_COLUMNS = {
    "id": "id",
    "stap": "id",
    "step": "id",
    "status": "status",
    "progress": "progress",
    "voortgang": "progress",
    "note": "note",
    "notitie": "note",
    "opmerking": "note",
    "title": None,
    "titel": None,  # for the reader of the sheet only
}


def read_csv(path: Path, roadmap: Roadmap) -> Update:
    """The update the sheet asks for; raises ProgressError listing every bad row."""
    rows = _records(path)
    columns = _header(path, rows[0])
    named = {i for i, cell in enumerate(rows[0]) if cell.strip()}  # `title` too: shown, not read
    problems: list[str] = []
    steps = {s.id: s for s in roadmap.plan.steps}
    milestones = {m.id for m in roadmap.plan.milestones}
    step_updates, milestone_updates = [], []
    first_row: dict[str, int] = {}
    for number, cells in enumerate(rows[1:], start=2):
        record = {name: cells[i].strip() if i < len(cells) else "" for i, name in columns.items()}
        stray = [(i, cell.strip()) for i, cell in enumerate(cells) if i not in named and cell.strip()]
        if not any(record.values()) and not stray:
            continue
        where = f"{path.name} row {number}"
        ident = record.get("id", "")
        try:
            if stray:
                i, cell = stray[0]
                raise ValueError(f"column {i + 1} has no header, but holds '{cell}'; name the column or empty the cell")
            if not ident:
                raise ValueError("the id is empty")
            if ident in first_row:
                raise ValueError(f"'{ident}' is already updated in row {first_row[ident]}")
            first_row[ident] = number
            update = _row(ident, record, steps, milestones, where)
        except ValueError as exc:
            problems.append(f"{where}: {exc}")
            continue
        if isinstance(update, StepUpdate):
            step_updates.append(update)
        elif update is not None:
            milestone_updates.append(update)
    if problems:
        raise ProgressError(
            f"{path}: {len(problems)} bad row{'s' if len(problems) != 1 else ''}, nothing written:\n"
            + "\n".join(f"  {p}" for p in problems)
        )
    return Update(steps=tuple(step_updates), milestones=tuple(milestone_updates))


def _records(path: Path) -> list[list[str]]:
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except OSError as exc:
        raise ProgressError(f"{path}: cannot read ({exc.strerror})") from None
    except UnicodeDecodeError:
        raise ProgressError(f"{path}: not UTF-8 text; in Excel choose 'Save as' > 'CSV UTF-8'") from None
    header = text.split("\n", 1)[0]
    # Dutch Excel separates with ';' because ',' is the decimal comma.
    delimiter = ";" if header.count(";") > header.count(",") else ","
    rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))
    if not rows or not any(cell.strip() for cell in rows[0]):
        raise ProgressError(f"{path}: empty file; expected a header row 'id,status,progress'")
    return rows


def _header(path: Path, cells: list[str]) -> dict[int, str]:
    columns: dict[int, str] = {}
    for i, cell in enumerate(cells):
        name = cell.strip().lower()
        if not name:
            continue  # Excel ends lines with ';' once a cell right of the table was touched
        if name not in _COLUMNS:
            raise ProgressError(
                f"{path} row 1: unknown column '{cell.strip()}'; expected id, status, progress and optionally note"
            )
        if _COLUMNS[name] in columns.values():
            raise ProgressError(f"{path} row 1: column '{cell.strip()}' appears twice")
        column = _COLUMNS[name]
        if column:
            columns[i] = column
    if "id" not in columns.values() or not {"status", "progress"} & set(columns.values()):
        raise ProgressError(f"{path} row 1: the header needs an 'id' column and a 'status' or 'progress' column")
    return columns


def _row(ident: str, record: dict[str, str], steps, milestones, where: str):
    status = _status(record.get("status", ""))
    progress = _progress(record.get("progress", ""))
    note = record.get("note") or None
    if ident in steps:
        problem = contradiction(status, progress)
        if problem:
            raise ValueError(problem)
        if status is None and progress is None:
            return None
        return StepUpdate(ident, status, progress, note=note, origin=where)
    if ident in milestones:
        if progress is not None:
            raise ValueError(f"'{ident}' is a milestone: it has no progress, only status done or planned")
        if status not in (None, Status.DONE, Status.PLANNED):
            raise ValueError(f"'{ident}' is a milestone: its status is done (gereed) or planned (gepland)")
        return None if status is None else MilestoneUpdate(ident, status is Status.DONE, note=note, origin=where)
    raise ValueError(f"unknown step or milestone '{ident}'{suggest(ident, [*steps, *milestones])}")


def _status(cell: str) -> Status | None:
    if not cell:
        return None
    status = parse_status(cell)
    if status is None:
        raise ValueError(f"unknown status '{cell}'; use {status_choices()}")
    return status


def _progress(cell: str) -> int | None:
    return PROGRESS.read(cell) if cell else None  # as the loader reads `progress:`
