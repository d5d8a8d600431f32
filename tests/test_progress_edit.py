"""poster progress (library): edits change only the values asked for, atomically, or nothing at all."""

from __future__ import annotations

import difflib
import re
import shutil
import tempfile
from contextlib import contextmanager
from datetime import date
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from poster.atomic import JOURNAL
from poster.content import load
from poster.content.model import Status
from poster.errors import ContentError
from poster.progress import (
    ConcurrentChangeError,
    MilestoneUpdate,
    ProgressError,
    StepUpdate,
    Update,
    prepare,
    write,
    yamlpos,
)
from poster.resources import example_content

EXAMPLE = example_content()
STEP_IDS = [s.id for s in load(EXAMPLE).roadmap.plan.steps]


@contextmanager
def example_copy(crlf_bom: bool = False):
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "meierijstad"
        shutil.copytree(EXAMPLE, folder)
        if crlf_bom:
            for path in folder.glob("*.yaml"):
                path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes().replace(b"\n", b"\r\n"))
        yield folder


def snapshot(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


_VALUE_LINE = re.compile(r"^(\s*)(status|progress): (\S+)(.*)$")


def assert_only_values_changed(before: bytes, after: bytes) -> None:
    """Every difference is a status/progress value in place, or a whole new status/progress line."""
    bom = b"\xef\xbb\xbf"
    assert before.startswith(bom) == after.startswith(bom)
    old, new = before.decode("utf-8").splitlines(keepends=True), after.decode("utf-8").splitlines(keepends=True)
    ending = "\r\n" if "\r\n" in before.decode("utf-8") else "\n"
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, old, new, autojunk=False).get_opcodes():
        if tag == "equal":
            continue
        assert tag in ("replace", "insert"), (tag, old[i1:i2])
        removed, added = old[i1:i2], new[j1:j2]
        for line in added:
            assert line.endswith(ending)
        parts = [_VALUE_LINE.match(line) for line in removed + added]
        assert all(parts), f"a line other than status/progress changed: {removed} -> {added}"
        new_parts = [(m.group(1), m.group(2), m.group(4)) for m in parts[len(removed) :]]
        for m in parts[: len(removed)]:
            # A replaced value keeps its line: indentation, key and trailing comment.
            key = (m.group(1), m.group(2), m.group(4))
            assert key in new_parts, f"{m.group(0)!r} lost its indentation or comment"
            new_parts.remove(key)
        assert all(rest.strip() == "" for _, _, rest in new_parts)  # the rest are whole new lines


edits = st.lists(
    st.tuples(st.sampled_from(STEP_IDS), st.none() | st.sampled_from(list(Status)), st.none() | st.integers(0, 100)),
    min_size=1,
    max_size=4,
    unique_by=lambda e: e[0],
).filter(lambda es: all(s is not None or p is not None for _, s, p in es))


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(edits=edits, crlf_bom=st.booleans())
def test_random_edits_change_only_those_values(edits, crlf_bom):
    with example_copy(crlf_bom) as folder:
        before = snapshot(folder)
        update = Update(steps=tuple(StepUpdate(i, s, p) for i, s, p in edits))
        contradictory = any(
            (s is Status.DONE and p is not None and p < 100) or (s is Status.PLANNED and p) for _, s, p in edits
        )
        if contradictory:
            with pytest.raises(ProgressError):
                prepare(folder, update)
            assert snapshot(folder) == before
            return
        write(prepare(folder, update))
        after = snapshot(folder)
        for name in before:
            if name != "stappenplan.yaml":
                assert after[name] == before[name], name
        assert_only_values_changed(before["stappenplan.yaml"], after["stappenplan.yaml"])
        result = load(folder)
        assert result.roadmap is not None
        old_warnings = {(d.path, d.message) for d in load(EXAMPLE).warnings}
        for ident, status, progress in edits:
            step = result.roadmap.step(ident)
            if status is not None:
                assert step.status is status
            if progress is not None:
                assert step.progress == progress
        # The automatic companion changes mean an update never adds a status/progress warning.
        added = {(d.path, d.message) for d in result.warnings} - old_warnings
        assert not [m for p, m in added if "progress" in m and "still planned" not in m]


def test_status_done_sets_written_progress_and_reverting_restores_bytes(tmp_path):
    with example_copy() as folder:
        original = snapshot(folder)
        plan = prepare(folder, Update(steps=(StepUpdate("datacatalogus", Status.DONE),)))
        assert [(c.field, c.old, c.new, c.implied_by) for c in plan.changes] == [
            ("status", Status.IN_PROGRESS, Status.DONE, None),
            ("progress", 85, 100, "status"),
        ]
        write(plan)
        write(prepare(folder, Update(steps=(StepUpdate("datacatalogus", Status.IN_PROGRESS, 85),))))
        assert snapshot(folder) == original


def test_progress_on_a_planned_step_starts_it(tmp_path):
    with example_copy() as folder:
        write(prepare(folder, Update(steps=(StepUpdate("datastrategie", progress=10),))))
        text = (folder / "stappenplan.yaml").read_text(encoding="utf-8")
        assert "      end: 2026-Q4\n      status: in_progress\n      progress: 10\n      owner: Concernstaf\n" in text


def test_milestone_done_and_as_of(tmp_path):
    with example_copy() as folder:
        update = Update(milestones=(MilestoneUpdate("raadsbesluit-datastrategie"),), as_of=date(2026, 12, 18))
        write(prepare(folder, update))
        roadmap = load(folder).roadmap
        assert roadmap.meta.as_of == date(2026, 12, 18)
        assert [m.id for m in roadmap.plan.milestones if m.done][-1] == "raadsbesluit-datastrategie"
        assert "  as_of: 2026-12-18\n" in (folder / "poster.yaml").read_text(encoding="utf-8")


def test_as_of_is_inserted_where_the_format_puts_it(tmp_path):
    folder = tmp_path / "minimal"
    shutil.copytree(EXAMPLE.parent / "minimal", folder)
    write(prepare(folder, Update(as_of=date(2026, 6, 1))))
    text = next(folder.glob("*.yaml")).read_text(encoding="utf-8")
    assert "  title: Routekaart datagedreven werken\n  as_of: 2026-06-01\n\nvision:" in text


def test_unknown_ids_and_bad_values_write_nothing(tmp_path):
    # A good update beside the bad ones, through prepare and write as the command does: nothing is written.
    with example_copy() as folder:
        before = snapshot(folder)
        with pytest.raises(ProgressError) as err:
            write(
                prepare(
                    folder,
                    Update(
                        steps=(
                            StepUpdate("normenkader", Status.DONE),
                            StepUpdate("datacatalogu", Status.DONE),
                            StepUpdate("wijkmonitor", progress=140),
                        ),
                        milestones=(MilestoneUpdate("nope"),),
                        as_of=date(2026, 12, 18),
                    ),
                )
            )
        message = err.value.message
        assert "unknown step 'datacatalogu' (did you mean 'datacatalogus'?)" in message
        assert "step 'wijkmonitor': progress 140 is out of range; use 0 to 100" in message
        assert "unknown milestone 'nope'" in message
        assert snapshot(folder) == before


def test_a_file_changed_on_disk_since_reading_is_not_overwritten(tmp_path):
    with example_copy() as folder:
        plan = prepare(folder, Update(steps=(StepUpdate("wijkmonitor", progress=20),)))
        path = folder / "stappenplan.yaml"
        theirs = path.read_text(encoding="utf-8").replace("progress: 15", "progress: 25")
        path.write_text(theirs, encoding="utf-8")  # a colleague saved in between
        with pytest.raises(ConcurrentChangeError, match="changed on disk"):
            write(plan)
        assert path.read_text(encoding="utf-8") == theirs
        assert sorted(p.name for p in folder.iterdir() if p.name.startswith(".")) == []


def test_an_edit_that_would_break_the_content_is_refused(tmp_path, monkeypatch):
    # No real value the tool writes can break the file, so break the renderer to prove the guard.
    monkeypatch.setattr(yamlpos, "render", lambda value, style: value + " ]")
    with example_copy() as folder:
        before = snapshot(folder)
        with pytest.raises(ContentError, match="would leave the content with errors"):
            prepare(folder, Update(steps=(StepUpdate("wijkmonitor", progress=20),)))
        assert snapshot(folder) == before


def test_warnings_the_update_introduces_are_returned(tmp_path):
    with example_copy() as folder:
        plan = prepare(folder, Update(steps=(StepUpdate("visie-vaststellen", Status.PLANNED),)))
        assert [d.path for d in plan.new_warnings] == ["plan.steps[0].status"]
        assert "still planned" in plan.new_warnings[0].message


def test_a_symlinked_content_file_stays_a_symlink(tmp_path):
    with example_copy() as folder:
        real = folder / "bron" / "stappenplan.yaml"  # a link to outside the folder is refused (test_content_files)
        real.parent.mkdir()
        shutil.move(folder / "stappenplan.yaml", real)
        (folder / "stappenplan.yaml").symlink_to(real)
        write(prepare(folder, Update(steps=(StepUpdate("wijkmonitor", progress=20),))))
        assert (folder / "stappenplan.yaml").is_symlink()
        assert "progress: 20" in real.read_text(encoding="utf-8")


def test_content_with_errors_is_not_touched(tmp_path):
    with example_copy() as folder:
        path = folder / "strategie.yaml"
        path.write_text(path.read_text(encoding="utf-8") + "\nbogus: 1\n", encoding="utf-8")
        before = snapshot(folder)
        with pytest.raises(ContentError, match="fix them first"):
            write(prepare(folder, Update(steps=(StepUpdate("wijkmonitor", progress=20),))))
        assert snapshot(folder) == before


def test_odd_files_in_the_content_folder_do_not_stop_an_update(tmp_path):
    # Only the YAML files are read: a dangling link, a link loop or a FIFO elsewhere is none of the update's business.
    import os

    with example_copy() as folder:
        (folder / "assets" / "weg.png").symlink_to(folder / "assets" / "bestaat-niet.png")
        (folder / "build").mkdir()
        (folder / "build" / "lus").symlink_to(folder / "build" / "lus")
        os.mkfifo(folder / "assets" / "pijp")
        os.mkfifo(folder / "pijp.yaml")  # not a regular file: not content
        write(prepare(folder, Update(steps=(StepUpdate("wijkmonitor", progress=20),))))
        assert load(folder).roadmap.step("wijkmonitor").progress == 20


def test_the_edited_texts_are_checked_in_memory(tmp_path):
    from poster.content import load as load_content

    with example_copy() as folder:
        path = folder / "stappenplan.yaml"
        before = path.read_bytes()
        edited = before.decode("utf-8").replace("progress: 15", "progress: 150")
        result = load_content(folder, overrides={path: edited})
        assert [d.message for d in result.errors] == ["progress 150 is out of range; use 0 to 100"]
        assert result.errors[0].file == path and path.read_bytes() == before
        assert load_content(folder).errors == ()


def test_an_id_written_with_a_combining_accent_is_found(tmp_path):
    with example_copy() as folder:
        path = folder / "stappenplan.yaml"
        path.write_text(
            path.read_text(encoding="utf-8").replace("id: wijkmonitor", "id: wijkmonitor-cafe\u0301"), encoding="utf-8"
        )
        write(prepare(folder, Update(steps=(StepUpdate("wijkmonitor-caf\u00e9", progress=20),))))
        assert load(folder).roadmap.step("wijkmonitor-caf\u00e9").progress == 20


# --- writing two files: all or nothing -------------------------------------------------------------------------

TWO_FILES = Update(steps=(StepUpdate("wijkmonitor", progress=20),), as_of=date(2026, 12, 18))


def _failing_replace(monkeypatch, fail_calls: set[int]):
    """os.replace as the writer sees it, failing (disk full) on the given calls, 1-based."""
    import os

    from poster.progress import source as source_module

    calls = []
    real = os.replace

    def replace_(src, dst):
        if Path(dst).name == JOURNAL:  # the group's journal (poster.atomic), not one of the files
            return real(src, dst)
        calls.append(Path(dst).name)
        if len(calls) in fail_calls:
            raise OSError(28, "No space left on device")
        return real(src, dst)

    monkeypatch.setattr(source_module.os, "replace", replace_)
    return calls


def test_a_write_that_fails_on_the_second_file_puts_the_first_back(monkeypatch):
    with example_copy() as folder:
        before = snapshot(folder)
        plan = prepare(folder, TWO_FILES)
        assert [s.path.name for s, _ in plan.edits] == ["poster.yaml", "stappenplan.yaml"]
        calls = _failing_replace(monkeypatch, {2})
        with pytest.raises(ProgressError) as err:
            write(plan)
        assert err.value.message == (
            f"{folder / 'stappenplan.yaml'}: cannot write (No space left on device); "
            "poster.yaml was put back as it was: no file was changed"
        )
        assert calls == ["poster.yaml", "stappenplan.yaml", "poster.yaml"]
        assert snapshot(folder) == before
        assert not [p for p in folder.iterdir() if p.name.startswith(".")]  # no temporary files left


def test_a_file_that_cannot_be_put_back_is_named(monkeypatch):
    with example_copy() as folder:
        plan = prepare(folder, TWO_FILES)
        _failing_replace(monkeypatch, {2, 3})
        with pytest.raises(ProgressError) as err:
            write(plan)
        assert err.value.message.startswith(f"{folder / 'stappenplan.yaml'}: cannot write (No space left on device); ")
        assert err.value.message.endswith(
            "poster.yaml was already updated and could not be put back (No space left on device): "
            "check it, e.g. with git diff"
        )
        assert "as_of: 2026-12-18" in (folder / "poster.yaml").read_text(encoding="utf-8")
        assert "progress: 15" in (folder / "stappenplan.yaml").read_text(encoding="utf-8")
        assert not [p for p in folder.iterdir() if p.name.startswith(".")]


def test_a_temporary_file_that_cannot_be_made_changes_nothing(monkeypatch):
    from poster import atomic

    with example_copy() as folder:
        before = snapshot(folder)
        plan = prepare(folder, TWO_FILES)
        real = atomic.write_temp
        made = []

        def write_temp(*args, **kwargs):
            if made:
                raise OSError(13, "Permission denied")
            made.append(real(*args, **kwargs))
            return made[-1]

        monkeypatch.setattr(atomic, "write_temp", write_temp)
        with pytest.raises(ProgressError) as err:
            write(plan)
        assert (
            err.value.message == f"{folder / 'stappenplan.yaml'}: cannot write (Permission denied); no file was changed"
        )
        assert snapshot(folder) == before
        assert not [p for p in folder.iterdir() if p.name.startswith(".")]


def test_a_file_changed_while_writing_puts_the_first_back(monkeypatch):
    from poster.progress import source as source_module

    with example_copy() as folder:
        before = snapshot(folder)
        plan = prepare(folder, TWO_FILES)
        real_swap = source_module.swap
        theirs = before["stappenplan.yaml"].replace(b"progress: 15", b"progress: 25")

        def swap(staged):
            if staged.real.name == "stappenplan.yaml":  # a colleague saves just before our swap
                (folder / "stappenplan.yaml").write_bytes(theirs)
            real_swap(staged)

        monkeypatch.setattr("poster.progress.edit.swap", swap)
        with pytest.raises(ConcurrentChangeError) as err:
            write(plan)
        assert err.value.message == (
            f"{folder / 'stappenplan.yaml'} changed on disk while the update was being written; "
            "poster.yaml was put back as it was: no file was changed. Run the command again on the new version."
        )
        assert (folder / "stappenplan.yaml").read_bytes() == theirs
        assert (folder / "poster.yaml").read_bytes() == before["poster.yaml"]
        assert not [p for p in folder.iterdir() if p.name.startswith(".")]
