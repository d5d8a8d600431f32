"""poster progress --import: a progress sheet, checked row by row, applied all or nothing."""

from __future__ import annotations

import shutil

import pytest

from poster.content import load
from poster.content.model import Status
from poster.progress import ProgressError, prepare, read_csv, write
from poster.resources import example_content


@pytest.fixture()
def folder(tmp_path):
    target = tmp_path / "meierijstad"
    shutil.copytree(example_content(), target)
    return target


def sheet(tmp_path, text: str, encoding: str = "utf-8") -> object:
    path = tmp_path / "voortgang.csv"
    path.write_bytes(text.encode(encoding))
    return path


def test_dutch_excel_sheet_with_bom_semicolons_and_dutch_words(folder, tmp_path):
    path = sheet(
        tmp_path,
        "id;titel;status;voortgang;opmerking\r\n"
        "datacatalogus;Datacatalogus;Gereed;;opgeleverd in mei\r\n"
        "wijkmonitor;Wijkmonitor;bezig;40%;\r\n"
        ";;;;\r\n"
        "raadsbesluit-datastrategie;;gereed;;\r\n",
        "utf-8-sig",
    )
    roadmap = load(folder).roadmap
    update = read_csv(path, roadmap)
    assert [(u.step_id, u.status, u.progress, u.note, u.origin) for u in update.steps] == [
        ("datacatalogus", Status.DONE, None, "opgeleverd in mei", "voortgang.csv row 2"),
        ("wijkmonitor", Status.IN_PROGRESS, 40, None, "voortgang.csv row 3"),
    ]
    assert [(m.milestone_id, m.done) for m in update.milestones] == [("raadsbesluit-datastrategie", True)]
    write(prepare(folder, update))
    after = load(folder).roadmap
    assert after.step("datacatalogus").progress == 100 and after.step("wijkmonitor").progress == 40


def test_comma_separated_english_sheet(folder, tmp_path):
    path = sheet(tmp_path, "id,status,progress\nnormenkader,in_progress,65\nalgoritmeregister,on hold,\n")
    update = read_csv(path, load(folder).roadmap)
    assert [(u.step_id, u.status, u.progress) for u in update.steps] == [
        ("normenkader", Status.IN_PROGRESS, 65),
        ("algoritmeregister", Status.ON_HOLD, None),
    ]


def test_every_bad_row_is_reported_with_its_number(folder, tmp_path):
    path = sheet(
        tmp_path,
        "id;status;progress\n"
        "datacatalogus;gereed;\n"
        "wijkmonitr;bezig;20\n"
        "normenkader;half af;\n"
        "dataplatform;bezig;veel\n"
        "datacatalogus;bezig;90\n"
        "kpi-sturing;gereed;80\n"
        "portaal-live;;50\n",
    )
    with pytest.raises(ProgressError) as err:
        read_csv(path, load(folder).roadmap)
    lines = err.value.message.splitlines()
    assert lines[0].endswith("voortgang.csv: 6 bad rows, nothing written:")
    assert lines[1:] == [
        "  voortgang.csv row 3: unknown step or milestone 'wijkmonitr' (did you mean 'wijkmonitor'?)",
        "  voortgang.csv row 4: unknown status 'half af'; use planned, in_progress, done, delayed, on_hold, "
        "cancelled (or: gepland, bezig, gereed, vertraagd, gepauzeerd, geschrapt)",
        "  voortgang.csv row 5: progress 'veel' is not a whole number; use 0 to 100",
        "  voortgang.csv row 6: 'datacatalogus' is already updated in row 2",
        "  voortgang.csv row 7: status done means progress 100, not 80; leave out the progress or use 'in_progress'",
        "  voortgang.csv row 8: 'portaal-live' is a milestone: it has no progress, only status done or planned",
    ]


def test_a_bad_last_row_writes_nothing(folder, tmp_path):
    # Through the command, which reads the sheet, prepares and writes: the good rows before it are not written either.
    from click.testing import CliRunner

    from poster.cli import main

    before = {p.name: p.read_bytes() for p in folder.glob("*.yaml")}
    path = sheet(tmp_path, "id,status,progress\ndatacatalogus,done,\nwijkmonitor,in_progress,30\ndataplatform,,101\n")
    result = CliRunner().invoke(main, ["progress", str(folder), "--import", str(path)])
    assert result.exit_code == 1 and isinstance(result.exception, SystemExit)
    assert "voortgang.csv row 4: progress 101 is out of range; use 0 to 100" in result.stderr
    assert {p.name: p.read_bytes() for p in folder.glob("*.yaml")} == before


@pytest.mark.parametrize(
    "text, message",
    [
        ("", "empty file"),
        ("id,status,progres\n", "unknown column 'progres'"),
        ("id,note\nx,y\n", "needs an 'id' column and a 'status' or 'progress' column"),
    ],
)
def test_bad_headers(folder, tmp_path, text, message):
    with pytest.raises(ProgressError, match=message):
        read_csv(sheet(tmp_path, text), load(folder).roadmap)


def test_a_sheet_that_is_not_utf8_says_how_to_save_it(folder, tmp_path):
    path = sheet(tmp_path, "id;status;opmerking\nwijkmonitor;bezig;één\n", "cp1252")
    with pytest.raises(ProgressError, match="not UTF-8 text; in Excel choose 'Save as' > 'CSV UTF-8'"):
        read_csv(path, load(folder).roadmap)


def test_empty_header_cells_from_excel_are_ignored(folder, tmp_path):
    # Excel writes a trailing ';' on every line once a cell right of the table was touched.
    path = sheet(tmp_path, "id;status;progress;\r\nwijkmonitor;bezig;40;\r\nnormenkader;gereed;;;\r\n")
    update = read_csv(path, load(folder).roadmap)
    assert [(u.step_id, u.status, u.progress) for u in update.steps] == [
        ("wijkmonitor", Status.IN_PROGRESS, 40),
        ("normenkader", Status.DONE, None),
    ]


def test_a_value_under_an_empty_header_is_a_bad_row(folder, tmp_path):
    path = sheet(tmp_path, "id;;progress\nwijkmonitor;gereed;40\n")
    with pytest.raises(ProgressError) as err:
        read_csv(path, load(folder).roadmap)
    assert err.value.message.splitlines()[1] == (
        "  voortgang.csv row 2: column 2 has no header, but holds 'gereed'; name the column or empty the cell"
    )
