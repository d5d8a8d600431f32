"""The CLI's shared pieces: settings, the content and output options, loading content for a command.

poster.cli (the main group and its commands), poster.cli_progress and
poster.cli_watch all build on these; none of them imports another CLI module.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import click

from poster.errors import ContentError, Diagnostic, PosterError

if TYPE_CHECKING:
    from poster.content.model import Roadmap

F = TypeVar("F", bound=Callable[..., Any])  # a click command function, returned decorated


@dataclass
class Settings:
    """Options of the `poster` group that every command sees (ctx.obj)."""

    verbosity: int = 0  # -1 quiet, 0 normal, 1 verbose
    levels: tuple[str, ...] = ()  # the -q/-v flags given, before or after the command
    content_said: bool = False  # the folder used when CONTENT is left out was named once

    def info(self, message: str, level: int = 0) -> None:
        """A line on stderr when verbosity is at least `level`."""
        if self.verbosity >= level:
            click.echo(message, err=True)


def settings() -> Settings:
    ctx = click.get_current_context()
    return ctx.find_object(Settings) or Settings()


class DateType(click.ParamType):
    """Any date form of the content format (a period means its first day), or today / vandaag.

    Every --as-of uses it, so a date reads the same in every command and a bad
    one is a usage error (exit 2) everywhere.
    """

    name = "DATE"
    TODAY = ("today", "vandaag")

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        if isinstance(value, date):
            return value
        from poster.content.dates import parse_day

        text = str(value).strip()
        if text.lower() in self.TODAY:
            return date.today()
        try:
            return parse_day(text)
        except ValueError as e:
            self.fail(f"{e} (or 'today')", param, ctx)


def content_argument(f: F) -> F:
    """CONTENT: the content folder; the bundled Meierijstad example when left out."""
    return click.argument("content", required=False, type=click.Path(file_okay=False, path_type=Path))(f)


def strict_option(f: F) -> F:
    return click.option("--strict", is_flag=True, help="Treat warnings as errors.")(f)


def as_of_option(f: F) -> F:
    return click.option(
        "--as-of",
        "as_of",
        type=DateType(),
        metavar="DATE",
        help="Reporting date (overrides meta.as_of), e.g. 2026-11-27, 2026-Q4 or today.",
    )(f)


def content_options(f: F) -> F:
    """CONTENT, --strict and --as-of, in the order --help shows them."""
    return content_argument(strict_option(as_of_option(f)))


def resolve_content(content: Path | None) -> Path:
    """CONTENT, or when it is left out the current folder if it holds content, else the bundled example.

    Which one is used is said once on stderr, so nobody builds the example by accident.
    """
    if content is not None:
        return content
    from poster.content.loader import holds_content
    from poster.resources import example_content

    s = settings()
    if holds_content(Path.cwd()):
        folder, said = Path("."), f"no CONTENT folder given: using the current folder ({Path.cwd().name})"
    else:
        try:
            folder = example_content()
        except FileNotFoundError as e:
            raise PosterError(f"no CONTENT folder given and the bundled example is missing: {e}") from None
        said = (
            f"no CONTENT folder given and no content here: using the bundled example ({shown(folder)}); "
            f"name your folder, e.g. poster {click.get_current_context().info_name} mijn-routekaart"
        )
    if not s.content_said:
        s.content_said = True
        s.info(said)
    return folder


def load_content(
    content: Path | None, *, strict: bool = False, as_of: date | None = None
) -> tuple[Roadmap, tuple[Diagnostic, ...]]:
    """Load content for a command: print its diagnostics to stderr, return the Roadmap.

    Raises ContentError (exit 1) on errors, or on warnings when strict.
    """
    from poster.content import load

    folder = resolve_content(content)
    s = settings()
    recover_folder(folder)
    s.info(f"reading {shown(folder)}", 1)
    result = load(folder, as_of=as_of)
    for d in result.diagnostics:
        if d.is_error or strict or s.verbosity >= 0:  # under --strict a warning fails the run: show it
            click.echo(d.format(relative_to=Path.cwd()), err=True)
    roadmap = result.roadmap
    if roadmap is None or (strict and result.warnings):
        summary = f"{shown(folder)}: {counts(result.diagnostics)}"
        if strict and roadmap is not None:
            summary += " (--strict makes warnings errors)"
        if s.verbosity < 0:
            raise click.exceptions.Exit(1)
        raise ContentError(result.diagnostics, summary)
    return roadmap, result.diagnostics


def recover_folder(folder: Path) -> None:
    """Finish or undo what a killed poster left half-written in `folder` (poster.atomic), saying so."""
    from poster import atomic

    if folder.is_dir():
        atomic.recover(folder, lambda message: click.echo(f"warning: {shown(folder)}: {message}", err=True))


def shown(path: Path) -> str:
    """A path relative to the current directory when it lies inside it."""
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve())) or "."
    except ValueError:
        return str(path)


def plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def counts(diagnostics: tuple[Diagnostic, ...]) -> str:
    errors = sum(1 for d in diagnostics if d.is_error)
    return f"{plural(errors, 'error')}, {plural(len(diagnostics) - errors, 'warning')}"


class FormatList(click.ParamType):
    """A comma-separated list of output formats, e.g. svg,pdf,png."""

    name = "FORMATS"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        if isinstance(value, tuple):
            return value
        from poster.build import OUTPUTS

        names = tuple(dict.fromkeys(v.strip().lower() for v in str(value).split(",") if v.strip()))
        unknown = [n for n in names if n not in OUTPUTS]
        if unknown or not names:
            self.fail(
                f"unknown format {', '.join(unknown) or repr(value)}; choose from {','.join(OUTPUTS)}", param, ctx
            )
        return names


class WidthList(click.ParamType):
    """One or more PNG widths in pixels, comma-separated: 2000 or 800,1600,3200."""

    name = "PX"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        if isinstance(value, tuple):
            return value
        try:
            widths = tuple(dict.fromkeys(int(v) for v in str(value).split(",") if v.strip()))
        except ValueError:
            self.fail(f"{value!r} is not a width in pixels (or a comma-separated list of them)", param, ctx)
        if not widths or any(not 100 <= w <= 20000 for w in widths):
            self.fail(f"PNG widths must be between 100 and 20000 pixels, not {value!r}", param, ctx)
        return widths


def output_options(f: F) -> F:
    """--layout, --out, --format and --png-width: what to build and where (`build` and `watch`)."""
    f = click.option(
        "--png-width",
        "png_widths",
        type=WidthList(),
        default="2000",
        show_default=True,
        help="Width of the PNG in pixels; several (800,1600,3200) write one preview each plus a 400 px thumbnail.",
    )(f)
    f = click.option(
        "--format",
        "formats",
        type=FormatList(),
        default="svg,pdf,png",
        show_default=True,
        help="Comma-separated output formats.",
    )(f)
    f = click.option(
        "--out",
        "out_dir",
        type=click.Path(file_okay=False, path_type=Path),
        default=Path("build"),
        show_default=True,
        help="Folder to write the outputs to.",
    )(f)
    return click.option(
        "--layout",
        "layout_name",
        default="a0-portrait",
        show_default=True,
        metavar="NAME|FILE",
        help="A shipped layout (a0-portrait, a0-landscape, a1- to a3-portrait/-landscape) or a layout .yaml file.",
    )(f)
