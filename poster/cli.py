"""Command line: a thin click layer over content, layout and render.

Data goes to stdout (`poster schema`); diagnostics, summaries and errors go to
stderr, so `poster schema > content.schema.json` stays clean. Commands that read
content share the decorators below and `load_content`, which prints the
diagnostics compiler-style and fails with exit code 1.
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import click

from poster import __version__
from poster.cli_common import (
    Settings,
    content_options,
    counts,
    load_content,
    output_options,
    plural,
    resolve_content,
    settings,
    shown,
)
from poster.cli_progress import register as _register_progress
from poster.cli_watch import register as _register_watch
from poster.errors import ContentError, PosterError
from poster.print.cli import print_options
from poster.terminal import protect_streams


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "-V", "--version", prog_name="poster")
@click.option("-q", "--quiet", is_flag=True, help="Show only errors.")
@click.option("-v", "--verbose", is_flag=True, help="Show more detail.")
@click.pass_context
def main(ctx: click.Context, quiet: bool, verbose: bool) -> None:
    """Turn a roadmap kept as YAML into a print-ready A0 poster."""
    protect_streams()  # no text from content reaches the terminal as a control sequence
    ctx.obj = Settings()
    for flag, given in (("-q", quiet), ("-v", verbose)):
        if given:
            _set_level(ctx, flag)


def _set_level(ctx: click.Context, flag: str) -> None:
    """-q or -v, before the command (`poster -q build`) or after it (`poster build -q`)."""
    s = ctx.find_object(Settings)
    if s is None:
        return
    s.levels = tuple(dict.fromkeys(s.levels + (flag,)))
    if len(s.levels) > 1:
        raise click.UsageError("-q and -v cannot be combined", ctx)
    s.verbosity = -1 if flag == "-q" else 1


def _level_option(flag: str, name: str, help: str) -> click.Option:
    def given(ctx: click.Context, _param, value: bool) -> None:
        if value:
            _set_level(ctx, flag)

    return click.Option([flag, name], is_flag=True, expose_value=False, callback=given, help=help)


@main.command()
@content_options
@click.option(
    "--layout",
    "layout_name",
    default="a0-portrait",
    show_default=True,
    metavar="NAME|FILE",
    help="The layout to lay the poster out in (and, with --print, to check the print PDF of).",
)
@print_options(check=True)
def check(content: Path | None, strict: bool, as_of: date | None, layout_name: str, print_options) -> None:
    """Check the content folder CONTENT and report every problem.

    Prints file:line:column diagnostics on stderr; exits 1 on errors (or on
    warnings with --strict), 0 otherwise. It also checks the logo and lays the
    poster out in --layout (rendering nothing), so what passes also builds.
    With --print it also builds the print PDF in memory and runs the preflight
    on it (writing nothing).
    """
    roadmap, diagnostics = load_content(content, strict=strict, as_of=as_of)
    s = settings()
    folder = resolve_content(content)
    from poster.build import check_layout  # the logo and the layout too: what `build` would stop at

    layout_warnings = check_layout(roadmap, layout_name)
    for warning in layout_warnings:
        click.echo(f"warning: {warning}", err=True)
    if strict and layout_warnings:
        raise PosterError("the layout has warnings (--strict makes warnings errors)")
    ok = f"{shown(folder)}: OK, {counts(diagnostics)}"
    if print_options is None:
        s.info(ok)
        s.info(_describe(roadmap), 1)
        return
    from poster.print.cli import check_print

    # the preflight's findings first, then one line that says how both checks went
    s.info(_describe(roadmap), 1)
    s.info(
        check_print(
            roadmap, layout_name, print_options, strict, content=f"{shown(folder)}: content OK, {counts(diagnostics)}"
        )
    )


def _describe(roadmap) -> str:
    steps = roadmap.plan.steps
    by_status: dict[str, int] = {}
    for step in steps:
        by_status[step.status.value] = by_status.get(step.status.value, 0) + 1
    statuses = ", ".join(f"{n} {name}" for name, n in by_status.items())
    as_of = roadmap.meta.as_of.isoformat() + ("" if roadmap.meta.as_of_given else " (today; no meta.as_of)")
    return (
        f"{roadmap.meta.organisation}: {plural(len(roadmap.strategy.pillars), 'pillar')}, "
        f"{plural(len(steps), 'step')}{' (' + statuses + ')' if statuses else ''}, "
        f"{plural(len(roadmap.plan.milestones), 'milestone')}; as of {as_of}"
    )


@main.command()
def schema() -> None:
    """Print the JSON Schema of a content file, for editors.

    Editors such as VS Code (YAML extension) use it to complete and check
    content as you type. Save it, and name it in the first line of a file:

    \b
        poster schema > poster.schema.json
        # yaml-language-server: $schema=poster.schema.json
    """
    from poster.content.schema import json_schema

    click.echo(json.dumps(json_schema(), indent=2, ensure_ascii=False))


@main.command()
@click.argument("directory", type=click.Path(file_okay=False, path_type=Path))
def init(directory: Path) -> None:
    """Write a new content folder DIRECTORY to start from.

    The files explain every field in comments and hold Dutch example content;
    the folder must not exist yet or be empty.
    """
    from poster.content.template import write_template

    if directory.exists() and (not directory.is_dir() or any(directory.iterdir())):
        raise PosterError(f"{shown(directory)} is not an empty folder; choose a new one (init never overwrites files)")
    try:
        written = write_template(directory, date.today())
    except OSError as e:
        raise PosterError(f"cannot write {shown(directory)}: {e.strerror or e}") from None
    s = settings()
    for path in written:
        s.info(f"wrote {shown(path)}", 1)
    s.info(f"created {shown(directory)}; check it with: poster check {shown(directory)}")


@main.command()
@content_options
@output_options
@click.option(
    "--all",
    "all_outputs",
    is_flag=True,
    help="The publish bundle: every format (PDF, print PDF, SVG, PNG previews at 800,1600,3200, "
    "HTML page, slides) and a manifest.json listing them.",
)
@click.option(
    "--since",
    metavar="REV",
    default=None,
    help="Mark steps completed or started since this version: a git revision (v1.2, HEAD~3), "
    "REV:path, or a content folder.",
)
@click.option(
    "--history",
    is_flag=True,
    help="Add the chart 'Voortgang door de tijd': progress per quarter, from the content's git history.",
)
@print_options
def build(
    content: Path | None,
    strict: bool,
    as_of: date | None,
    layout_name: str,
    out_dir: Path,
    formats: tuple[str, ...],
    png_widths: tuple[int, ...],
    all_outputs: bool,
    since: str | None,
    history: bool,
    print_options,
) -> None:
    """Build the poster of CONTENT into --out, one file per format.

    Prints the path of every file written, one per line. Every format is
    rendered before anything is written, so a build that fails leaves the
    previous outputs as they were.
    """
    from poster.build import BuildOptions, build_files, output_stem
    from poster.errors import LayoutError
    from poster.output import write_outputs

    roadmap, _ = load_content(content, strict=strict, as_of=as_of)
    folder = resolve_content(content)
    if all_outputs:
        from poster.build import OUTPUTS
        from poster.bundle import BUNDLE_PNG_WIDTHS, bundle_formats

        formats = bundle_formats(OUTPUTS)
        if click.get_current_context().get_parameter_source("png_widths") is click.core.ParameterSource.DEFAULT:
            png_widths = BUNDLE_PNG_WIDTHS
    if print_options is not None and "print" not in formats:
        formats += ("print",)
    options = BuildOptions(
        layout=layout_name,
        formats=formats,
        png_widths=png_widths,
        stem=output_stem(folder),
        since=since,
        content_dir=folder,
        print_options=print_options,
        history=history,
    )
    try:
        result = build_files(roadmap, options)
    except LayoutError as e:
        raise LayoutError(e.problems, f"{e.message}\nnothing was written; previous outputs left unchanged") from None
    except ContentError as e:  # the --since version has errors: say which
        for d in e.diagnostics:
            click.echo(d.format(relative_to=Path.cwd()), err=True)
        raise
    s = settings()
    warnings = result.all_warnings
    for warning in warnings:
        if s.verbosity >= 0 or strict:
            click.echo(f"warning: {warning}", err=True)
    if strict and warnings:
        raise PosterError("the build has warnings (--strict makes warnings errors); nothing was written")
    repaired = lambda message: click.echo(f"warning: {shown(out_dir)}: {message}", err=True)  # noqa: E731
    for path in write_outputs({out_dir / name: data for name, data in result.files.items()}, repaired):
        click.echo(shown(path))


# The progress workflow (progress, diff, status) keeps its commands in its own module,
# and so does `poster watch` (rebuild on save, live preview).
_register_progress(main)
_register_watch(main)

# -q and -v work after the command too (`poster build x -q`), as before it.
for _command in main.commands.values():
    _command.params += [
        _level_option("-q", "--quiet", "Show only errors."),
        _level_option("-v", "--verbose", "Show more detail."),
    ]
