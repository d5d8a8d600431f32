"""The Excel round trip: `poster sheet` writes a workbook, owners fill it in, `poster progress --import` reads it back."""

from __future__ import annotations

import io
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook

from poster.content import load
from poster.progress import ProgressError
from poster.progress.xlsx import read_imports, read_workbook, sheet_bytes
from poster.resources import example_content


@pytest.fixture()
def folder(tmp_path):
    target = tmp_path / "meierijstad"
    shutil.copytree(example_content(), target)
    return target


def _git(cwd: Path, *args: str) -> str:
    return subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True, text=True).stdout


def _row_of(ws, ident: str) -> int:
    return next(r for r in range(2, ws.max_row + 1) if ws.cell(r, 1).value == ident)


def _export(run, folder: Path, out: Path, *extra: str) -> Path:
    result = run("sheet", str(folder), "--out", str(out), *extra)
    assert result.exit_code == 0, result.output
    return out


def _patch(path: Path, old: str, new: str, member: str = "xl/worksheets/sheet1.xml") -> None:
    """Edit the workbook's XML directly: what a hand-made or hostile file can hold that openpyxl would not write."""
    with zipfile.ZipFile(path) as z:
        entries = {i.filename: z.read(i.filename) for i in z.infolist()}
    assert old.encode() in entries[member]
    entries[member] = entries[member].replace(old.encode(), new.encode())
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in entries.items():
            z.writestr(name, data)


def test_round_trip_changes_only_the_edited_values(run, folder, tmp_path):
    _git(folder, "init", "-q")
    _git(folder, "add", ".")
    _git(folder, "-c", "user.name=t", "-c", "user.email=t@example.org", "commit", "-qm", "start")
    out = _export(run, folder, tmp_path / "voortgang.xlsx")

    # An owner opens the sheet: picks words from the drop-down, types a number, a note; ticks a milestone.
    wb = load_workbook(out)
    steps, milestones = wb["Stappen"], wb["Mijlpalen"]
    steps.cell(_row_of(steps, "datacatalogus"), 7).value = "gereed"
    steps.cell(_row_of(steps, "datacatalogus"), 9).value = "opgeleverd in mei"
    steps.cell(_row_of(steps, "wijkmonitor"), 8).value = 40
    steps.cell(_row_of(steps, "algoritmeregister"), 7).value = "bezig"
    milestones.cell(_row_of(milestones, "raadsbesluit-datastrategie"), 4).value = "gereed"
    wb.save(out)

    result = run("progress", str(folder), "--import", str(out))
    assert result.exit_code == 0, result.output
    assert "opgeleverd in mei" in result.stdout
    diff = _git(folder, "diff", "-U0")
    changed = sorted(line for line in diff.splitlines() if line[:1] in "+-" and line[:3] not in ("+++", "---"))
    assert changed == sorted(
        [
            "-      status: in_progress",
            "+      status: done",  # datacatalogus, its progress follows
            "-      progress: 85",
            "+      progress: 100",
            "-      progress: 15",
            "+      progress: 40",  # wijkmonitor
            "-      status: on_hold",
            "+      status: in_progress",  # algoritmeregister
            "+      done: true",  # the milestone
        ]
    ), diff
    after = load(folder).roadmap
    assert after.step("datacatalogus").progress == 100 and after.step("wijkmonitor").progress == 40
    # Read back unchanged, the exported sheet asks for nothing (every row holds the current values).
    again = _export(run, folder, tmp_path / "again.xlsx")
    assert run("progress", str(folder), "--import", str(again)).stdout.startswith("Niets te wijzigen")


def test_the_workbook_opens_ready_to_use(folder):
    roadmap = load(folder).roadmap
    data = sheet_bytes(roadmap)
    assert data == sheet_bytes(roadmap)  # deterministic: the same content gives the same file
    wb = load_workbook(io.BytesIO(data))
    assert wb.sheetnames == ["Stappen", "Mijlpalen"]
    ws = wb["Stappen"]
    assert [c.value for c in ws[1]] == [
        "id",
        "Spoor",
        "Titel",
        "Eigenaar",
        "Start",
        "Einde",
        "Status",
        "Voortgang (%)",
        "Opmerking",
    ]
    assert ws.max_row == len(roadmap.plan.steps) + 1
    assert ws.protection.sheet and not ws.protection.password and not ws.protection.autoFilter
    assert ws.freeze_panes == "B2" and ws.auto_filter.ref == f"A1:I{ws.max_row}"
    locked = {c.column_letter: c.protection.locked for c in ws[2]}
    assert [k for k, v in locked.items() if not v] == ["G", "H", "I"]  # status, progress, note
    rules = {dv.type: dv for dv in ws.data_validations.dataValidation}
    assert rules["list"].formula1 == '"gepland,bezig,gereed,vertraagd,gepauzeerd,geschrapt"'
    assert str(rules["list"].sqref) == f"G2:G{ws.max_row}" and rules["list"].showErrorMessage
    assert (rules["whole"].formula1, rules["whole"].formula2, str(rules["whole"].sqref)) == (
        "0",
        "100",
        f"H2:H{ws.max_row}",
    )
    assert all(ws.column_dimensions[c].width >= 8 for c in "ABCDEFGHI")
    ms = wb["Mijlpalen"]
    assert [c.value for c in ms[1]] == ["id", "Titel", "Datum", "Status", "Opmerking"]
    assert ms.max_row == len(roadmap.plan.milestones) + 1
    assert [dv.formula1 for dv in ms.data_validations.dataValidation] == ['"gepland,gereed"']


def test_english_content_gets_english_headers_and_words(folder):
    text = (folder / "poster.yaml").read_text(encoding="utf-8")
    (folder / "poster.yaml").write_text(text.replace("language: nl", "language: en"), encoding="utf-8")
    roadmap = load(folder).roadmap
    wb = load_workbook(io.BytesIO(sheet_bytes(roadmap)))
    assert wb.sheetnames == ["Steps", "Milestones"]
    assert wb["Steps"]["H1"].value == "Progress (%)"
    assert wb["Steps"].data_validations.dataValidation[0].formula1 == (
        '"planned,in progress,done,delayed,on hold,cancelled"'
    )


def test_owner_sheet_has_only_that_owners_steps(run, folder, tmp_path):
    out = _export(run, folder, tmp_path / "ia.xlsx", "--owner", " team informatie &  analyse")
    ids = [r[0] for r in load_workbook(out)["Stappen"].iter_rows(min_row=2, values_only=True)]
    roadmap = load(folder).roadmap
    assert ids == [s.id for s in roadmap.plan.steps if s.owner == "Team Informatie & Analyse"] and ids
    result = run("sheet", str(folder), "--out", str(tmp_path / "x.xlsx"), "--owner", "Team Informatie")
    assert result.exit_code == 1 and "no step has owner 'Team Informatie'" in result.stderr
    assert not (tmp_path / "x.xlsx").exists()


def test_bad_rows_are_named_by_sheet_and_row_and_nothing_is_written(run, folder, tmp_path):
    out = _export(run, folder, tmp_path / "voortgang.xlsx")
    wb = load_workbook(out)
    steps, milestones = wb["Stappen"], wb["Mijlpalen"]
    steps.cell(_row_of(steps, "wijkmonitor"), 8).value = 40  # a good row: not written either
    steps.cell(_row_of(steps, "dataplatform"), 7).value = "half af"
    steps.cell(_row_of(steps, "normenkader"), 8).value = 140
    milestones.cell(_row_of(milestones, "raadsbesluit-datastrategie"), 4).value = "bezig"
    wb.save(out)
    before = {p.name: p.read_bytes() for p in folder.glob("*.yaml")}
    result = run("progress", str(folder), "--import", str(out))
    assert result.exit_code == 1
    assert "3 bad rows, nothing written" in result.stderr
    assert (
        f"voortgang.xlsx, sheet Stappen row {_row_of(steps, 'dataplatform')}: unknown status 'half af'" in result.stderr
    )
    assert (
        f"voortgang.xlsx, sheet Stappen row {_row_of(steps, 'normenkader')}: progress 140 is out of range"
        in result.stderr
    )
    assert (
        f"voortgang.xlsx, sheet Mijlpalen row {_row_of(milestones, 'raadsbesluit-datastrategie')}: "
        "'raadsbesluit-datastrategie' is a milestone"
    ) in result.stderr
    assert {p.name: p.read_bytes() for p in folder.glob("*.yaml")} == before


def test_several_owners_sheets_at_once_and_a_conflict_names_both_files(run, folder, tmp_path):
    roadmap = load(folder).roadmap
    a, b = tmp_path / "anna.xlsx", tmp_path / "piet.xlsx"
    for path, progress in ((a, 40), (b, 40)):
        path.write_bytes(sheet_bytes(roadmap))
        wb = load_workbook(path)
        wb["Stappen"].cell(_row_of(wb["Stappen"], "wijkmonitor"), 8).value = progress
        if path == a:
            wb["Stappen"].cell(_row_of(wb["Stappen"], "dataplatform"), 8).value = 45
        wb.save(path)
    update = read_imports([a, b], roadmap)  # the same change twice is no conflict
    assert sorted((u.step_id, u.progress) for u in update.steps) == [("dataplatform", 45), ("wijkmonitor", 40)]

    wb = load_workbook(b)
    wb["Stappen"].cell(_row_of(wb["Stappen"], "wijkmonitor"), 8).value = 60
    wb.save(b)
    before = {p.name: p.read_bytes() for p in folder.glob("*.yaml")}
    result = run("progress", str(folder), "--import", str(a), "--import", str(b))
    assert result.exit_code == 1
    row = _row_of(wb["Stappen"], "wijkmonitor")
    assert (
        f"'wijkmonitor': anna.xlsx, sheet Stappen row {row} says progress 40, "
        f"piet.xlsx, sheet Stappen row {row} says progress 60"
    ) in result.stderr
    assert {p.name: p.read_bytes() for p in folder.glob("*.yaml")} == before


def test_a_percent_typed_in_excel_is_read_as_percent(folder, tmp_path):
    roadmap = load(folder).roadmap
    path = tmp_path / "v.xlsx"
    path.write_bytes(sheet_bytes(roadmap))
    wb = load_workbook(path)
    cell = wb["Stappen"].cell(_row_of(wb["Stappen"], "wijkmonitor"), 8)
    cell.value, cell.number_format = 0.4, "0%"  # what Excel stores when someone types 40%
    wb.save(path)
    assert [(u.step_id, u.progress) for u in read_workbook(path, roadmap).steps] == [("wijkmonitor", 40)]


# Hostile sheets


def test_formulas_are_read_as_their_saved_result_never_evaluated(folder, tmp_path):
    roadmap = load(folder).roadmap
    path = tmp_path / "v.xlsx"
    path.write_bytes(sheet_bytes(roadmap))
    wb = load_workbook(path)
    row = _row_of(wb["Stappen"], "wijkmonitor")
    wb["Stappen"].cell(row, 8).value = "=50+5"
    wb.save(path)
    with pytest.raises(
        ProgressError, match=rf"formulas without a saved result.*\n  v.xlsx, sheet Stappen cell H{row}: =50\+5"
    ):
        read_workbook(path, roadmap)
    # With the result Excel saved beside the formula, that result is read; the formula itself never runs.
    _patch(path, "<f>50+5</f><v></v>", "<f>50+5</f><v>35</v>")
    assert [(u.step_id, u.progress) for u in read_workbook(path, roadmap).steps] == [("wijkmonitor", 35)]


def test_control_characters_are_taken_out_of_text(folder, tmp_path):
    roadmap = load(folder).roadmap
    path = tmp_path / "v.xlsx"
    path.write_bytes(sheet_bytes(roadmap))
    wb = load_workbook(path)
    row = _row_of(wb["Stappen"], "wijkmonitor")
    wb["Stappen"].cell(row, 7).value = "STATUSMARK"
    wb["Stappen"].cell(row, 9).value = "NOTEMARK"
    wb.save(path)
    _patch(path, "STATUSMARK", "gereed_x0007_")
    # ESC as Excel escapes it, a C1 control (CSI) and a bidi override as XML holds them, a tab and a line break.
    _patch(path, "NOTEMARK", "klaar_x001B_[2J\u009b31m\u202e gezet_x0000_\tin\nmei")
    [update] = read_workbook(path, roadmap).steps
    assert update.note == "klaar[2J31m gezet in mei" and update.status is not None and update.status.value == "done"


@pytest.mark.parametrize("name", ["v.xlsm", "v.xltm"])
def test_macro_workbooks_are_refused_by_name(folder, tmp_path, name):
    path = tmp_path / name
    path.write_bytes(sheet_bytes(load(folder).roadmap))
    with pytest.raises(ProgressError, match=r"a workbook with macros \(\.xl.m\) is refused"):
        read_workbook(path, load(folder).roadmap)


def test_macros_inside_an_xlsx_are_refused(folder, tmp_path):
    path = tmp_path / "v.xlsx"
    path.write_bytes(sheet_bytes(load(folder).roadmap))
    with zipfile.ZipFile(path, "a") as z:
        z.writestr("xl/vbaProject.bin", b"\xd0\xcf\x11\xe0 not really")
    with pytest.raises(ProgressError, match="contains macros"):
        read_workbook(path, load(folder).roadmap)


def test_too_large_or_too_long_sheets_are_refused(folder, tmp_path):
    roadmap = load(folder).roadmap
    big = tmp_path / "big.xlsx"
    big.write_bytes(b"PK" + b"\0" * (10 * 1024 * 1024 + 1))
    with pytest.raises(ProgressError, match="too large for a progress sheet"):
        read_workbook(big, roadmap)
    long = tmp_path / "long.xlsx"
    wb = Workbook(write_only=True)
    ws = wb.create_sheet("Stappen")
    ws.append(["id", "status"])
    for i in range(10_000):
        ws.append([f"stap-{i}", "bezig"])
    wb.save(long)
    with pytest.raises(ProgressError, match="more than 10,000 rows"):
        read_workbook(long, roadmap)
    far = tmp_path / "far.xlsx"  # two rows in the file, the second at row 10,005
    wb = Workbook()
    wb.active.append(["id", "status"])
    wb.active.cell(10_005, 1).value = "wijkmonitor"
    wb.save(far)
    with pytest.raises(ProgressError, match="more than 10,000 rows"):
        read_workbook(far, roadmap)


@pytest.mark.parametrize(
    "name, data, message",
    [
        ("v.xlsx", b"id;status\nx;y\n", "not an Excel workbook"),
        ("v.xls", b"\xd0\xcf\x11\xe0", r"old Excel format \(\.xls\) cannot be read; save it as an Excel workbook"),
        ("v.xlsx", b"PK\x05\x06" + b"\0" * 18, "cannot be read as an Excel workbook"),
    ],
)
def test_files_that_are_not_workbooks_are_refused_clearly(folder, tmp_path, name, data, message):
    path = tmp_path / name
    path.write_bytes(data)
    with pytest.raises(ProgressError, match=message):
        read_workbook(path, load(folder).roadmap)


def test_a_sheet_the_owner_added_is_not_read_but_a_wrong_header_is_an_error(folder, tmp_path):
    roadmap = load(folder).roadmap
    path = tmp_path / "v.xlsx"
    path.write_bytes(sheet_bytes(roadmap))
    wb = load_workbook(path)
    notes = wb.create_sheet("Toelichting")
    notes.append(["Wat we dit kwartaal deden"])
    notes.append(["Veel vergaderd"])
    wb["Stappen"].cell(_row_of(wb["Stappen"], "wijkmonitor"), 8).value = 40
    wb.save(path)
    assert [(u.step_id, u.progress) for u in read_workbook(path, roadmap).steps] == [("wijkmonitor", 40)]
    wb["Stappen"]["G1"].value = "Statuss"
    wb.save(path)
    with pytest.raises(ProgressError, match=r"v\.xlsx, sheet Stappen row 1: unknown column 'Statuss'"):
        read_workbook(path, roadmap)
