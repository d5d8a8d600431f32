"""Progress workflow: the Excel round trip - a progress workbook for the step owners, and reading it back.

`sheet_bytes(roadmap)` makes the workbook `poster sheet` writes: a sheet of
steps (id, pillar, title, owner, start, end, status, progress, note) and a
sheet of milestones, headers in the poster's language, the status a drop-down
of the status words, progress validated 0-100, everything but status, progress
and note locked (sheet protection without a password, so anyone can lift it
knowingly), a filter on every column, widths and frozen panes set.

`read_workbook(path, roadmap)` reads a returned workbook with the same checks
as the CSV import (`csvimport.read_tables`): every bad row named with its sheet
and row, nothing applied if one is bad. A value equal to what the content
already says asks for nothing, so a sheet comes back as only its changes.
Workbooks are read as untrusted: macro workbooks are refused, formulas are read
as the result Excel saved with them (never evaluated) or refused when there is
none, files over 10 MB or sheets over 10,000 rows are refused, control
characters are taken out of text.

`read_imports(paths, roadmap)` reads several sheets (one per owner, CSV or
Excel) into one update; a step that two files change differently is an error
naming both.
"""

from __future__ import annotations

import io
import re
import unicodedata
import zipfile
import zlib
from collections.abc import Iterable, Sequence
from datetime import date, datetime
from pathlib import Path

from poster.content.fields import suggest
from poster.content.model import Language, Roadmap, Status, Step
from poster.content.statuses import STATUS_WORDS, normalise
from poster.files import read_at_most
from poster.i18n import Translator
from poster.progress.csvimport import COLUMNS as _ID_HEADERS
from poster.progress.csvimport import Table, column_name, read_csv, read_tables
from poster.progress.edit import MilestoneUpdate, StepUpdate, Update
from poster.progress.errors import ProgressError

MAX_BYTES = 10 * 1024 * 1024  # a progress sheet is a few dozen kB
MAX_UNPACKED = 100 * 1024 * 1024  # what the zip may unpack to (a small file can unpack to gigabytes)
MAX_ROWS = 10_000
MAX_COLUMNS = (
    32  # columns read per row (a progress sheet has about ten); a sheet's own claim of its size is not trusted
)

_HEADERS = {
    Language.NL: {
        "steps": "Stappen",
        "milestones": "Mijlpalen",
        "id": "id",
        "pillar": "Spoor",
        "title": "Titel",
        "owner": "Eigenaar",
        "start": "Start",
        "end": "Einde",
        "date": "Datum",
        "status": "Status",
        "progress": "Voortgang (%)",
        "note": "Opmerking",
        "status_error": "Kies een status uit de lijst.",
        "progress_error": "Een heel getal van 0 tot 100.",
        "status_prompt": "Kies uit de lijst",
        "progress_prompt": "0 tot 100",
    },
    Language.EN: {
        "steps": "Steps",
        "milestones": "Milestones",
        "id": "id",
        "pillar": "Pillar",
        "title": "Title",
        "owner": "Owner",
        "start": "Start",
        "end": "End",
        "date": "Date",
        "status": "Status",
        "progress": "Progress (%)",
        "note": "Note",
        "status_error": "Choose a status from the list.",
        "progress_error": "A whole number from 0 to 100.",
        "status_prompt": "Choose from the list",
        "progress_prompt": "0 to 100",
    },
}
_STEP_COLUMNS = ("id", "pillar", "title", "owner", "start", "end", "status", "progress", "note")
_MILESTONE_COLUMNS = ("id", "title", "date", "status", "note")
_EDITABLE = {"status", "progress", "note"}
_WIDTHS = {
    "id": (8, 28),
    "pillar": (10, 26),
    "title": (16, 48),
    "owner": (10, 30),
    "start": (9, 16),
    "end": (9, 16),
    "date": (10, 18),
    "status": (12, 14),
    "progress": (14, 14),
    "note": (30, 30),
}

_INK, _RULE, _HEAD_FILL, _INPUT_FILL = "1F2933", "9AA5B1", "E4E7EB", "FFF8DC"


def status_words(lang: Language) -> list[str]:
    """The drop-down's words: the poster's own status names, lower case ('bezig', 'in progress')."""
    words = [Translator(lang).status(s).lower() for s in Status]
    assert all(STATUS_WORDS.get(normalise(w)) is s for w, s in zip(words, Status))  # the import reads them back
    return words


def owners(roadmap: Roadmap) -> list[str]:
    return sorted({s.owner for s in roadmap.plan.steps if s.owner}, key=str.casefold)


def steps_of_owner(roadmap: Roadmap, owner: str | None) -> tuple[Step, ...]:
    """The steps of `owner` (compared without case and outer spaces); all steps for None."""
    if owner is None:
        return roadmap.plan.steps
    key = " ".join(owner.split()).casefold()
    steps = tuple(s for s in roadmap.plan.steps if s.owner and " ".join(s.owner.split()).casefold() == key)
    if not steps:
        known = owners(roadmap)
        hint = suggest(owner, known) or (f"; owners are: {', '.join(known)}" if known else "; no step has an owner")
        raise ProgressError(f"--owner: no step has owner '{owner}'{hint}")
    return steps


def sheet_bytes(roadmap: Roadmap, owner: str | None = None) -> bytes:
    """The progress workbook (.xlsx) for `owner` (None: every step); the same roadmap gives the same bytes."""
    from openpyxl import Workbook

    lang = roadmap.meta.language
    t, words = Translator(lang), status_words(lang)
    head = _HEADERS[lang]
    wb = Workbook()
    steps_ws = wb.active
    steps_ws.title = head["steps"]
    step_rows = [
        {
            "id": s.id,
            "pillar": s.pillar.name,
            "title": s.title,
            "owner": s.owner or "",
            "start": t.period(s.start),
            "end": t.period(s.end),
            "status": t.status(s.status).lower(),
            "progress": s.progress,
            "note": "",
        }
        for s in steps_of_owner(roadmap, owner)
    ]
    _fill(steps_ws, _STEP_COLUMNS, step_rows, head, words)
    ms_ws = wb.create_sheet(head["milestones"])
    ms_words = [t.status(Status.PLANNED).lower(), t.status(Status.DONE).lower()]
    ms_rows = [
        {
            "id": m.id,
            "title": m.title,
            "date": t.period(m.date),
            "status": ms_words[1] if m.done else ms_words[0],
            "note": "",
        }
        for m in roadmap.plan.milestones
    ]
    _fill(ms_ws, _MILESTONE_COLUMNS, ms_rows, head, ms_words)
    fixed = datetime.combine(roadmap.meta.as_of, datetime.min.time())
    wb.properties.creator = roadmap.meta.organisation
    wb.properties.title = f"{roadmap.meta.title} - {head['progress'].split(' (')[0].lower()}"
    wb.properties.created = wb.properties.modified = fixed
    wb.properties.lastModifiedBy = None
    out = io.BytesIO()
    wb.save(out)
    return _fixed_zip_times(out.getvalue())


def _fill(ws, columns: Sequence[str], rows: list[dict], head: dict[str, str], words: list[str]) -> None:
    from openpyxl.styles import Alignment, Border, Font, PatternFill, Protection, Side
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    letter = {c: get_column_letter(i) for i, c in enumerate(columns, start=1)}
    ws.append([head[c] for c in columns])
    for row in rows:
        ws.append([row[c] for c in columns])
    last = max(len(rows) + 1, 2)
    rule = Side(style="thin", color=_RULE)
    for cell in ws[1]:
        cell.font = Font(bold=True, color=_INK)
        cell.fill = PatternFill("solid", fgColor=_HEAD_FILL)
        cell.border = Border(bottom=rule)
        cell.alignment = Alignment(vertical="center")
    unlocked, fill = Protection(locked=False), PatternFill("solid", fgColor=_INPUT_FILL)
    for c in columns:
        for (cell,) in ws.iter_rows(
            min_row=2, max_row=last, min_col=columns.index(c) + 1, max_col=columns.index(c) + 1
        ):
            cell.alignment = Alignment(vertical="top", wrap_text=c in ("title", "note"))
            if c in _EDITABLE:
                cell.protection, cell.fill = unlocked, fill
            if c == "progress":
                cell.number_format = "0"

    def validate(column: str, **rule: str) -> None:
        """A rule on the column's cells below the header, with its hint and its refusal in the sheet's language."""
        dv = DataValidation(
            **rule,
            allow_blank=True,
            showErrorMessage=True,
            errorTitle=head[column],
            error=head[f"{column}_error"],
            showInputMessage=True,
            promptTitle=head[column],
            prompt=head[f"{column}_prompt"],
        )
        dv.add(f"{letter[column]}2:{letter[column]}{last}")
        ws.add_data_validation(dv)

    if "status" in letter:
        validate("status", type="list", formula1='"' + ",".join(words) + '"')
    if "progress" in letter:
        validate("progress", type="whole", operator="between", formula1="0", formula2="100")
    for c in columns:
        low, high = _WIDTHS[c]
        longest = max([len(str(head[c]))] + [len(str(r[c])) for r in rows])
        ws.column_dimensions[letter[c]].width = max(low, min(high, longest + 2))
    ws.auto_filter.ref = f"A1:{letter[columns[-1]]}{last}"
    ws.freeze_panes = "B2"  # the header row and the id stay in view
    # Protected without a password: owners fill in status, progress and note; the rest is locked
    # against slips, and can still be filtered, sorted and widened.
    ws.protection.sheet = True
    ws.protection.autoFilter = False
    ws.protection.sort = False
    ws.protection.formatColumns = False
    ws.protection.formatRows = False


def _fixed_zip_times(data: bytes) -> bytes:
    """The same archive with every entry dated 1980-01-01, so the same roadmap gives the same file."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            entry = zipfile.ZipInfo(info.filename, date_time=(1980, 1, 1, 0, 0, 0))
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = 0o600 << 16
            dst.writestr(entry, src.read(info.filename))
    return out.getvalue()


# Reading


_MACRO_SUFFIXES = (".xlsm", ".xltm", ".xlam")
_OTHER_SUFFIXES = {
    ".xls": "the old Excel format (.xls)",
    ".ods": "an OpenDocument sheet (.ods)",
    ".numbers": "a Numbers file",
}
_ROW_TAG = re.compile(rb"<(?:\w+:)?row[\s>/]")
_BIDI = dict.fromkeys(map(ord, "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"))


def is_workbook(path: Path) -> bool:
    return path.suffix.lower() in (".xlsx", ".xltx", *_MACRO_SUFFIXES, *_OTHER_SUFFIXES)


def read_workbook(path: Path, roadmap: Roadmap, *, label: str | None = None) -> Update:
    """The update a returned workbook asks for; ProgressError (naming sheet and row) on anything wrong."""
    name = label or path.name
    # A sheet without an id column is the owner's own (notes, a summary): not read. A sheet with one is
    # checked in full, so a misspelt status or progress header is still an error.
    tables = [
        Table(f"{name}, sheet {title}", rows)
        for title, rows in _sheets(path, name)
        if any(_ID_HEADERS.get(column_name(cell)) == "id" for cell in rows[0])
    ]
    if not tables:
        raise ProgressError(
            f"{path}: no sheet with a header row 'id, status, progress' (write one with 'poster sheet')"
        )
    return read_tables(path, tables, roadmap, only_changes=True)


def _sheets(path: Path, name: str) -> list[tuple[str, list[list[str]]]]:
    data = _checked_bytes(path)
    from openpyxl import load_workbook

    try:
        formulas = load_workbook(io.BytesIO(data), read_only=True, data_only=False)
        values = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as exc:  # noqa: BLE001 - a damaged or hostile file makes openpyxl raise many kinds
        raise ProgressError(
            f"{path}: cannot be read as an Excel workbook ({type(exc).__name__}: {exc}); "
            "open it in Excel and save it again as .xlsx"
        ) from None
    try:
        sheets: list[tuple[str, list[list[str]]]] = []
        missing: list[str] = []
        for ws_f, ws_v in zip(formulas.worksheets, values.worksheets):
            rows = _rows(path, ws_f, ws_v, f"{name}, sheet {ws_v.title}", missing)
            if rows and any(cell.strip() for cell in rows[0]):
                sheets.append((ws_v.title, rows))
    except ProgressError:
        raise
    except Exception as exc:  # noqa: BLE001 - the same while reading the rows (read-only mode parses lazily)
        raise ProgressError(f"{path}: cannot be read as an Excel workbook ({type(exc).__name__}: {exc})") from None
    finally:
        formulas.close()
        values.close()
    if missing:
        shown = missing[:10] + ([f"... and {len(missing) - 10} more"] if len(missing) > 10 else [])
        raise ProgressError(
            f"{path}: formulas without a saved result, nothing written (formulas are never "
            "calculated here; open the file in Excel and save it, or type the values):\n"
            + "\n".join(f"  {m}" for m in shown)
        )
    return sheets


def _checked_bytes(path: Path) -> bytes:
    suffix = path.suffix.lower()
    if suffix in _MACRO_SUFFIXES:
        raise ProgressError(
            f"{path}: a workbook with macros ({suffix}) is refused; save it as an Excel workbook (.xlsx)"
        )
    if suffix in _OTHER_SUFFIXES:
        raise ProgressError(f"{path}: {_OTHER_SUFFIXES[suffix]} cannot be read; save it as an Excel workbook (.xlsx)")
    try:
        data, size = read_at_most(path, MAX_BYTES)
    except OSError as exc:
        raise ProgressError(f"{path}: cannot read ({exc.strerror})") from None
    if data is None:
        raise ProgressError(
            f"{path}: {size / 1024 / 1024:.1f} MB is too large for a progress sheet "
            f"(at most {MAX_BYTES // 1024 // 1024} MB); remove what it does not need"
        )
    if not zipfile.is_zipfile(io.BytesIO(data)):
        raise ProgressError(
            f"{path}: not an Excel workbook (.xlsx); save the sheet from Excel as .xlsx, or as CSV UTF-8"
        )
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            infos = archive.infolist()
            if sum(i.file_size for i in infos) > MAX_UNPACKED:
                raise ProgressError(
                    f"{path}: unpacks to more than {MAX_UNPACKED // 1024 // 1024} MB; not a progress sheet"
                )
            names = [i.filename.lower() for i in infos]
            types = archive.read("[Content_Types].xml") if "[content_types].xml" in names else b""
            # Counted in the XML before any parsing: a sheet of a million rows is refused at once.
            for info in infos:
                member = info.filename.lower()
                if (
                    member.startswith("xl/worksheets/")
                    and member.endswith(".xml")
                    and (len(_ROW_TAG.findall(archive.read(info))) > MAX_ROWS)
                ):
                    raise ProgressError(
                        f"{path}: a sheet has more than {MAX_ROWS:,} rows; a progress sheet has a row per step"
                    )
    except (zipfile.BadZipFile, NotImplementedError, EOFError, OSError, zlib.error) as exc:
        raise ProgressError(f"{path}: a damaged Excel workbook ({exc}); open it in Excel and save it again") from None
    if any(n.endswith("vbaproject.bin") for n in names) or b"macroenabled" in types.lower():
        raise ProgressError(
            f"{path}: the workbook contains macros and is refused; save it as an Excel workbook without macros (.xlsx)"
        )
    return data


def _rows(path: Path, ws_f, ws_v, where: str, missing: list[str]) -> list[list[str]]:
    rows: list[list[str]] = []
    for ws in (ws_f, ws_v):
        ws.reset_dimensions()  # read the rows that are there, not the size the file claims
    for number, (row_f, row_v) in enumerate(
        zip(ws_f.iter_rows(max_col=MAX_COLUMNS), ws_v.iter_rows(max_col=MAX_COLUMNS)), start=1
    ):
        if number > MAX_ROWS:
            raise ProgressError(
                f"{path}: sheet '{ws_v.title}' has more than {MAX_ROWS:,} rows; a progress sheet has a row per step"
            )
        texts = []
        for cell_f, cell_v in zip(row_f, row_v):
            if getattr(cell_f, "data_type", None) == "f" and cell_v.value is None:
                missing.append(f"{where} cell {cell_f.coordinate}: {str(cell_f.value)[:60]}")
            texts.append(_text(cell_v))
        rows.append(texts)
    while rows and not any(c.strip() for c in rows[-1]):
        rows.pop()
    return rows


def _text(cell) -> str:
    value = getattr(cell, "value", None)
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, (int, float)):
        if "%" in (getattr(cell, "number_format", "") or ""):
            value = value * 100  # 40 % typed in a percent cell is stored as 0.4
        if isinstance(value, float) and value.is_integer():
            value = int(value)
        return str(round(value, 6) if isinstance(value, float) else value)
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    return clean_text(_EXCEL_ESCAPE.sub(lambda m: chr(int(m.group(1), 16)), str(value)))


# How a workbook's XML writes characters XML cannot hold (_x001B_ is ESC); Excel reads them so, openpyxl does not.
_EXCEL_ESCAPE = re.compile(r"_x([0-9A-Fa-f]{4})_")


def clean_text(text: str) -> str:
    """Text from an untrusted cell: line breaks and tabs as spaces, other control and bidi characters removed."""
    text = re.sub(r"[\t\r\n\v\f]+", " ", text).translate(_BIDI)
    return "".join(ch for ch in text if unicodedata.category(ch) != "Cc")


# Several sheets at once


def read_imports(paths: Iterable[Path], roadmap: Roadmap) -> Update:
    """One update from several sheets (CSV or Excel); a step or milestone changed differently is an error."""
    paths = list(paths)
    names = [p.name for p in paths]
    parts = []
    for path in paths:
        if not path.is_file():
            raise ProgressError(f"{path}: no such file")
        label = str(path) if names.count(path.name) > 1 else path.name
        parts.append(read_workbook(path, roadmap, label=label) if is_workbook(path) else read_csv(path, roadmap))
    if len(parts) == 1:
        return parts[0]
    steps: dict[str, StepUpdate] = {}
    milestones: dict[str, MilestoneUpdate] = {}
    conflicts: list[str] = []
    for part in parts:
        for s in part.steps:
            seen = steps.setdefault(s.step_id, s)
            if (seen.status, seen.progress) != (s.status, s.progress):
                conflicts.append(f"'{s.step_id}': {seen.origin} says {_says(seen)}, {s.origin} says {_says(s)}")
        for m in part.milestones:
            seen_m = milestones.setdefault(m.milestone_id, m)
            if seen_m.done != m.done:
                conflicts.append(
                    f"'{m.milestone_id}': {seen_m.origin} says {_done(seen_m)}, {m.origin} says {_done(m)}"
                )
    if conflicts:
        raise ProgressError(
            f"{len(conflicts)} step{'s' if len(conflicts) != 1 else ''} changed differently in two "
            "sheets, nothing written; agree on one value and import again:\n" + "\n".join(f"  {c}" for c in conflicts)
        )
    return Update(steps=tuple(steps.values()), milestones=tuple(milestones.values()))


def _says(s: StepUpdate) -> str:
    parts = ([f"status {s.status.value}"] if s.status else []) + (
        [f"progress {s.progress}"] if s.progress is not None else []
    )
    return " and ".join(parts)


def _done(m: MilestoneUpdate) -> str:
    return "reached" if m.done else "not reached"
