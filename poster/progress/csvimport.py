"""Progress workflow: read a progress sheet (CSV) into an Update, checking every row first.

Columns `id,status,progress` and optionally `note` (Dutch headers `voortgang`,
`opmerking` too; the columns `poster sheet` writes for the reader - title,
pillar, owner, start, end, date - are allowed and ignored). Comma or semicolon
separated - Dutch Excel writes semicolons - UTF-8 with or without BOM. Rows are
numbered as a spreadsheet shows them (the header is row 1). Every bad row is
reported; one bad row means no update.

`read_tables` is the checking itself, shared with the Excel reader
(poster/progress/xlsx.py), which hands it each worksheet as rows of text.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass
from pathlib import Path

from poster.content.fields import suggest
from poster.content.model import Roadmap, Status
from poster.content.schema import PROGRESS
from poster.content.statuses import parse_status, status_choices
from poster.progress.edit import MilestoneUpdate, StepUpdate, Update, contradiction
from poster.progress.errors import ProgressError

COLUMNS = {
    "id": "id",
    "stap": "id",
    "step": "id",
    "status": "status",
    "progress": "progress",
    "voortgang": "progress",
    "note": "note",
    "notitie": "note",
    "opmerking": "note",
    # For the reader of the sheet only (the columns `poster sheet` writes beside the ones read).
    "title": None,
    "titel": None,
    "pillar": None,
    "spoor": None,
    "owner": None,
    "eigenaar": None,
    "start": None,
    "end": None,
    "einde": None,
    "date": None,
    "datum": None,
}


@dataclass(frozen=True)
class Table:
    """Rows of text cells from one sheet; `where` names it in messages ('voortgang.csv', 'x.xlsx, sheet Stappen')."""

    where: str
    rows: list[list[str]]


def read_csv(path: Path, roadmap: Roadmap) -> Update:
    """The update the sheet asks for; raises ProgressError listing every bad row."""
    return read_tables(path, [Table(path.name, _records(path))], roadmap)


def read_tables(path: Path, tables: list[Table], roadmap: Roadmap, *, only_changes: bool = False) -> Update:
    """The update that the tables of one file ask for; raises ProgressError listing every bad row.

    `only_changes`: a cell that holds the step's current value asks for nothing
    (a sheet written by `poster sheet` comes back with every row filled in).
    An id may be updated once per file.
    """
    problems: list[str] = []
    steps = {s.id: s for s in roadmap.plan.steps}
    milestones = {m.id: m for m in roadmap.plan.milestones}
    step_updates: list[StepUpdate] = []
    milestone_updates: list[MilestoneUpdate] = []
    first_row: dict[str, str] = {}
    for table in tables:
        rows = table.rows
        columns = _header(table.where, rows[0])
        named = {i for i, cell in enumerate(rows[0]) if cell.strip()}  # `title` too: shown, not read
        for number, cells in enumerate(rows[1:], start=2):
            record = {name: cells[i].strip() if i < len(cells) else "" for i, name in columns.items()}
            stray = [(i, cell.strip()) for i, cell in enumerate(cells) if i not in named and cell.strip()]
            if not any(record.values()) and not stray:
                continue
            where = f"{table.where} row {number}"
            ident = record.get("id", "")
            try:
                if stray:
                    i, cell = stray[0]
                    raise ValueError(
                        f"column {i + 1} has no header, but holds '{cell}'; name the column or empty the cell"
                    )
                if not ident:
                    raise ValueError("the id is empty")
                if ident in first_row:
                    raise ValueError(f"'{ident}' is already updated in {first_row[ident]}")
                first_row[ident] = f"row {number}" if len(tables) == 1 else f"{table.where} row {number}"
                update = _row(ident, record, steps, milestones, where, only_changes)
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


def column_name(cell: str) -> str:
    """A header as looked up: lower case, without a unit in brackets ('Voortgang (%)' is 'voortgang')."""
    return re.sub(r"\s*\([^)]*\)\s*$", "", cell.strip()).lower()


def _header(where: str, cells: list[str]) -> dict[int, str]:
    columns: dict[int, str] = {}
    for i, cell in enumerate(cells):
        name = column_name(cell)
        if not name:
            continue  # Excel ends lines with ';' once a cell right of the table was touched
        if name not in COLUMNS:
            raise ProgressError(
                f"{where} row 1: unknown column '{cell.strip()}'; expected id, status, progress and optionally note"
            )
        if COLUMNS[name] is not None and COLUMNS[name] in columns.values():
            raise ProgressError(f"{where} row 1: column '{cell.strip()}' appears twice")
        field = COLUMNS[name]
        if field:
            columns[i] = field
    if "id" not in columns.values() or not {"status", "progress"} & set(columns.values()):
        raise ProgressError(f"{where} row 1: the header needs an 'id' column and a 'status' or 'progress' column")
    return columns


def _row(ident: str, record: dict[str, str], steps, milestones, where: str, only_changes: bool):
    status = _status(record.get("status", ""))
    progress = _progress(record.get("progress", ""))
    note = record.get("note") or None
    if ident in steps:
        if only_changes:
            step = steps[ident]
            status = None if status is step.status else status
            progress = None if progress == step.progress else progress
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
        if status is None or (only_changes and milestones[ident].done is (status is Status.DONE)):
            return None
        return MilestoneUpdate(ident, status is Status.DONE, note=note, origin=where)
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
