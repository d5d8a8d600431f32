"""Command line: `poster progress`, `poster diff` and `poster status` (thin; the work is in poster.progress).

Data goes to stdout, warnings and errors to stderr; every error is a PosterError
(exit 1, one clear message, no traceback).
"""

from __future__ import annotations

import functools
import json
from collections.abc import Callable, Iterable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, ParamSpec, TypeVar

import click

from poster.cli_common import DateType
from poster.content.model import Language, Status
from poster.errors import ContentError, Diagnostic, PosterError

if TYPE_CHECKING:
    from poster.content import LoadResult
    from poster.content.model import Roadmap
    from poster.progress.edit import Update

P = ParamSpec("P")
R = TypeVar("R")


def register(group: click.Group) -> None:
    """Add the progress commands to the main `poster` group."""
    for command in (progress_command, diff_command, status_command, sheet_command, history_command):
        group.add_command(command)


def _quiet() -> bool:
    from poster.cli_common import settings

    return settings().verbosity < 0


def _echo_diagnostics(diagnostics: Iterable[Diagnostic], *, warnings_too: bool = True) -> None:
    for d in diagnostics:
        if d.is_error or (warnings_too and not _quiet()):
            click.echo(d.format(relative_to=Path.cwd()), err=True)


def _reporting_errors(func: Callable[P, R]) -> Callable[P, R]:
    """Print a ContentError's diagnostics (file:line: ...) before click prints its summary."""

    @functools.wraps(func)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        try:
            return func(*args, **kwargs)
        except ContentError as exc:
            _echo_diagnostics(exc.diagnostics)
            raise

    return wrapper


def _parse_progress(text: str) -> int:
    from poster.content.schema import PROGRESS  # the same reading as `progress:` in the YAML

    try:
        return PROGRESS.read(text)
    except ValueError as exc:
        raise PosterError(f"--progress: {exc}") from None


def _parse_status(text: str) -> Status:
    from poster.content.fields import suggest
    from poster.content.statuses import STATUS_WORDS, normalise, parse_status, status_choices

    status = parse_status(text)
    if status is None:
        hint = suggest(normalise(text), STATUS_WORDS)
        raise PosterError(f"--status: unknown status '{text}'{hint}; use {status_choices()}")
    return status


@click.command("progress", short_help="Update progress in the content files.")
@click.argument("args", nargs=-1, metavar="CONTENT [ID]")
@click.option(
    "--status",
    "status_text",
    metavar="STATUS",
    help="New status: planned, in_progress, done, delayed, on_hold, cancelled (or the Dutch words).",
)
@click.option("--progress", "progress_text", metavar="N", help="New progress, a whole number 0-100.")
@click.option("--done/--not-done", default=None, help="Mark a milestone reached (or not); on a step: --status done.")
@click.option(
    "--import",
    "import_files",
    type=click.Path(dir_okay=False, path_type=Path),
    metavar="FILE",
    multiple=True,
    help="Update many steps from a sheet: an Excel workbook from 'poster sheet' (.xlsx) or a CSV with "
    "columns id,status,progress[,note]. Repeat for several owners' sheets.",
)
@click.option(
    "--as-of",
    "as_of",
    type=DateType(),
    metavar="DATE",
    help="Set the reporting date (meta.as_of): YYYY-MM-DD (a period means its first day) or 'today'.",
)
@click.option("--dry-run", is_flag=True, help="Show the changes and the file diff; write nothing.")
@_reporting_errors
def progress_command(
    args: tuple[str, ...],
    status_text: str | None,
    progress_text: str | None,
    done: bool | None,
    import_files: tuple[Path, ...],
    as_of: date | None,
    dry_run: bool,
) -> None:
    """Update progress in the content files, keeping everything else as written.

    \b
    poster progress CONTENT ID --status done
    poster progress CONTENT ID --progress 60
    poster progress CONTENT MILESTONE --done
    poster progress CONTENT --import voortgang.xlsx [--import anna.xlsx ...] [--dry-run]
    poster progress CONTENT --import voortgang.csv [--dry-run]
    poster progress CONTENT --as-of 2026-11-27

    CONTENT is the content folder to update; it is always given, since this
    command writes files. Only the changed values differ afterwards; nothing is
    written if any id or value is wrong, if the result would not load, or if a
    file changed on disk in the meantime.
    """
    from poster.progress import edit, report

    import_file = import_files[0] if import_files else None
    folder, ident = _check_request(args, status_text, progress_text, done, import_file, as_of)
    status = _parse_status(status_text) if status_text is not None else None
    progress = _parse_progress(progress_text) if progress_text is not None else None

    if not folder.is_dir():
        raise PosterError(f"{folder}: no such content folder")
    from poster.cli_common import recover_folder

    recover_folder(folder)  # an update a killed run left half-applied: finished or undone first
    roadmap = edit.require_roadmap(_load(folder), folder)
    if import_files:
        from poster.progress.xlsx import read_imports

        update = read_imports(import_files, roadmap)
    elif ident is not None:
        update = _item_update(roadmap, ident, status, progress, done, folder)
    else:
        update = edit.Update()
    update = edit.Update(update.steps, update.milestones, as_of)

    plan = edit.prepare(folder, update)
    _echo_diagnostics(plan.new_warnings)
    if not plan.changes:
        click.echo(report.label(plan.language, "nothing"))
        return
    click.echo(report.format_changes(plan, relative_to=Path.cwd()))
    if dry_run:
        click.echo("")
        click.echo(plan.unified_diff(), nl=False)
        if not _quiet():
            click.echo(report.label(plan.language, "dry_run"), err=True)
        return
    edit.write(plan)


def _check_request(args, status_text, progress_text, done, import_file, as_of) -> tuple[Path, str | None]:
    """The content folder and the id, after refusing combinations that say nothing or too much."""
    wants_item = status_text is not None or progress_text is not None or done is not None
    folder, ident = _content_and_id(args, wants_item)
    if ident is not None and not wants_item:
        raise PosterError(f"nothing to update for '{ident}': give --status, --progress or --done")
    if ident is not None and import_file is not None:
        raise PosterError("give either an ID with --status/--progress/--done, or --import FILE, not both")
    if ident is None and import_file is None and as_of is None:
        raise PosterError(
            "nothing to update: give an ID with --status/--progress/--done, --import FILE or --as-of DATE"
        )
    if done is not None and (status_text is not None or progress_text is not None):
        raise PosterError("--done/--not-done cannot be combined with --status or --progress")
    return folder, ident


def _load(folder: Path) -> LoadResult:
    from poster.content import load

    return load(folder)


def _content_and_id(args: tuple[str, ...], wants_item: bool) -> tuple[Path, str | None]:
    """CONTENT is required: a command that writes files never falls back to the bundled example."""
    if len(args) > 2:
        raise PosterError(f"too many arguments: {' '.join(args)} (expected CONTENT [ID])")
    if len(args) == 2:
        return Path(args[0]), args[1]
    if not args:
        raise click.UsageError(
            "missing CONTENT: give the content folder to update, e.g. "
            "poster progress content/meierijstad ID --status done"
        )
    if wants_item and not Path(args[0]).is_dir():
        raise click.UsageError(
            f"missing CONTENT: give the content folder before the ID, e.g. "
            f"poster progress content/meierijstad {args[0]} ..."
        )
    return Path(args[0]), None


def _item_update(
    roadmap: Roadmap, ident: str, status: Status | None, progress: int | None, done: bool | None, folder: Path
) -> Update:
    from poster.progress import edit

    steps = {s.id for s in roadmap.plan.steps}
    milestones = {m.id for m in roadmap.plan.milestones}
    if done is not None and ident in milestones:
        return edit.Update(milestones=(edit.MilestoneUpdate(ident, done),))
    if ident in milestones and ident not in steps:
        raise PosterError(f"'{ident}' is a milestone: mark it with --done or --not-done")
    if done is not None and ident in steps:
        if not done:
            raise PosterError(f"'{ident}' is a step: set its status with --status")
        status = Status.DONE
    if ident not in steps and Path(ident).is_dir():
        raise PosterError(f"unknown step '{ident}' in {folder}; to update a step in {ident}, give both: {ident} ID")
    return edit.Update(steps=(edit.StepUpdate(ident, status, progress),))


@click.command("diff", short_help="What changed between two versions (folders or git revisions).")
@click.argument("old", metavar="OLD")
@click.argument("new", metavar="NEW")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "json"]),
    default="text",
    show_default=True,
    help="text: the changes in words; json: the same for scripts.",
)
@click.option(
    "--language",
    type=click.Choice(["nl", "en"]),
    default=None,
    help="Language of the text output (default: NEW's meta.language).",
)
@_reporting_errors
def diff_command(old: str, new: str, fmt: str, language: str | None) -> None:
    """What changed between two versions of a roadmap.

    \b
    OLD and NEW are content folders or git revisions with a path:
      poster diff v1.2:content/meierijstad content/meierijstad
      poster diff HEAD~3:content/meierijstad HEAD:content/meierijstad
    """
    from poster.progress import diff_roadmaps, load_side, report

    before, after = load_side(old), load_side(new)
    d = diff_roadmaps(before, after)
    if fmt == "json":
        click.echo(json.dumps(report.diff_json(d), ensure_ascii=False, indent=2))
    else:
        click.echo(report.format_diff(d, Language(language) if language else after.meta.language))


@click.command("status", short_help="Progress per pillar, overdue steps and next milestones.")
@click.argument("content", required=False, type=click.Path(file_okay=False, path_type=Path))
@click.option(
    "--as-of",
    "as_of",
    type=DateType(),
    metavar="DATE",
    help="Look at this date instead of meta.as_of, e.g. 2027-02-01 or today.",
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "json"]),
    default="text",
    show_default=True,
    help="text: a table per pillar; json: the same for scripts.",
)
def status_command(content: Path | None, as_of: date | None, fmt: str) -> None:
    """A summary for a quick look before a meeting: per pillar the steps per
    status and the progress, the steps past their end date, the next milestones.

    Text in the content's language (meta.language); --format json for scripts.
    """
    from poster.cli_common import load_content
    from poster.progress import report, summarize

    roadmap, _ = load_content(content, as_of=as_of)  # prints the content's diagnostics, like `check`
    summary = summarize(roadmap)
    if fmt == "json":
        click.echo(json.dumps(report.status_json(summary), ensure_ascii=False, indent=2))
    else:
        title = f"{roadmap.meta.title} - {roadmap.meta.organisation}"
        click.echo(report.format_status(summary, roadmap.meta.language, title))


@click.command("sheet", short_help="Write a progress workbook (.xlsx) for the step owners to fill in.")
@click.argument("content", required=False, type=click.Path(file_okay=False, path_type=Path))
@click.option(
    "--out",
    "out_file",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    metavar="FILE.xlsx",
    help="Where to write the workbook (default: voortgang.xlsx, or progress.xlsx for English content).",
)
@click.option("--owner", metavar="NAME", default=None, help="Only the steps of this owner (as written after owner:).")
def sheet_command(content: Path | None, out_file: Path | None, owner: str | None) -> None:
    """Write a progress workbook for the people who do the work.

    \b
    poster sheet content/meierijstad --out voortgang.xlsx
    poster sheet content/meierijstad --owner "Team Informatie & Analyse" --out team-ia.xlsx
    poster progress content/meierijstad --import voortgang.xlsx --dry-run

    One row per step (and a sheet of milestones) in the poster's language.
    Owners fill in status (a drop-down), progress (0-100) and a note; the
    other columns are locked. Read it back with 'poster progress --import'.
    """
    from poster.cli_common import load_content, shown
    from poster.output import write_outputs
    from poster.progress.xlsx import sheet_bytes

    roadmap, _ = load_content(content)
    if out_file is None:
        out_file = Path("voortgang.xlsx" if roadmap.meta.language is Language.NL else "progress.xlsx")
    if out_file.suffix.lower() != ".xlsx":
        raise PosterError(f"--out {out_file}: the workbook is an Excel file; give a name ending in .xlsx")
    data = sheet_bytes(roadmap, owner)
    for path in write_outputs({out_file: data}):
        click.echo(shown(path))


@click.command("history", short_help="Progress over time, from the content's git history.")
@click.argument("content", required=False, type=click.Path(file_okay=False, path_type=Path))
@click.option("--since", metavar="REV", default=None, help="Start at this git revision (a tag, a branch, HEAD~10).")
@click.option("--format", "fmt", type=click.Choice(["text", "json", "csv"]), default="text", show_default=True)
def history_command(content: Path | None, since: str | None, fmt: str) -> None:
    """Per commit that changed CONTENT: the progress and the steps per status,
    overall and per pillar, on the commit's date.

    \b
    poster history content/meierijstad
    poster history content/meierijstad --since v1.0 --format csv > voortgang.csv

    Text in the content's language; --format json or csv for scripts and sheets.
    A version that does not load is listed as skipped, with its first error.
    """
    from poster.cli_common import resolve_content
    from poster.progress import report
    from poster.progress.history import read_history

    folder = resolve_content(content)
    h = read_history(folder, since)
    lang = h.language
    if fmt == "json":
        click.echo(json.dumps(report.history_json(h), ensure_ascii=False, indent=2))
    elif fmt == "csv":
        click.echo(report.history_csv(h, lang), nl=False)
    else:
        click.echo(report.format_history(h, lang, h.title))
