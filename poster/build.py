"""Build: from a loaded roadmap and the user's options to the bytes of every output file (writes nothing).

The CLI's `build` command is a thin wrapper: it loads the content, calls
`build_files`, prints warnings and hands the files to `poster.output.write_outputs`.
Each output format is a function in `OUTPUTS`, keyed by the name `--format`
accepts; a format may write more than one file (a PNG per width, say).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING

from poster.content.model import Roadmap, Status
from poster.errors import LayoutError
from poster.layout import Document, Highlights, layout_poster, load_layout
from poster.layout.context import HistoryQuarter

if TYPE_CHECKING:
    from poster.print.produce import PrintOptions


@dataclass(frozen=True)
class BuildOptions:
    layout: str = "a0-portrait"
    formats: tuple[str, ...] = ("svg", "pdf", "png")
    png_widths: tuple[int, ...] = (2000,)
    stem: str = "poster"  # output files are <stem>.<ext>
    since: str | None = None  # mark steps completed or started since this version (REV, REV:path or a folder)
    content_dir: Path | None = None  # where the content was read from (to find it in git for `since`)
    print_options: PrintOptions | None = None  # the `print` output: bleed, crop marks, CMYK, PDF/X (None: defaults)
    history: bool = False  # the chart "Voortgang door de tijd" from the content's git history (also: the layout)


@dataclass
class Build:
    """One build in progress: the roadmap, its laid-out poster, and the files made so far."""

    roadmap: Roadmap
    options: BuildOptions
    document: Document
    files: dict[str, bytes] = field(default_factory=dict)  # file name -> bytes
    warnings: list[str] = field(default_factory=list)  # what outputs found (the print preflight), for the CLI to show
    history: tuple[HistoryQuarter, ...] = ()  # the quarters of the chart "Voortgang door de tijd", when drawn

    @property
    def all_warnings(self) -> list[str]:
        """Everything to show the user (and what --strict refuses): layout's warnings, then the outputs'."""
        return [*self.document.warnings, *self.warnings]


@dataclass(frozen=True)
class Made:
    """What one output returns: its files, and what it found to warn about (the print preflight, the slides)."""

    files: dict[str, bytes]
    warnings: tuple[str, ...] = ()


# An output reads the build (the document, the files made before it) and returns what it made; only the build's
# driver (build_files, add_outputs) adds that to the Build.
Output = Callable[[Build], Made]


def _svg(b: Build) -> Made:
    from poster.render import RenderOptions, render

    return Made({f"{b.options.stem}.svg": render(b.document, "svg", RenderOptions())})


def _pdf(b: Build) -> Made:
    from poster.render import RenderOptions, render

    return Made({f"{b.options.stem}.pdf": render(b.document, "pdf", RenderOptions())})


def _png(b: Build) -> Made:
    from poster.render import pdf
    from poster.render.previews import preview_files, raster

    # The PNG is the PDF's page rasterised: the PDF this build made already, or one drawn for it.
    drawn = b.files.get(f"{b.options.stem}.pdf") or pdf.render(b.document)
    widths = b.options.png_widths
    if len(widths) == 1:  # drawn and encoded as each preview is: one rule for every PNG
        return Made({f"{b.options.stem}.png": raster(b.document, widths[0], drawn)})

    # Several widths are previews (intranet): <stem>-<w>.png each plus <stem>-thumb.png.
    return Made(preview_files(b.document, widths, b.options.stem, pdf=drawn))


def _html(b: Build) -> Made:
    from poster.render.html import render_page

    return Made({f"{b.options.stem}.html": render_page(b.document, b.roadmap, b.history)})


def _slides(b: Build) -> Made:
    """<stem>-slides.pdf: the 16:9 deck for college meetings (poster/slides), a picture of the poster on slide 2."""
    from poster.render.previews import raster
    from poster.render.slides import render_pages
    from poster.slides import layout_deck

    picture = raster(b.document, SLIDE_POSTER_PX)
    slides = layout_deck(b.roadmap, picture, (b.document.width_mm, b.document.height_mm), b.history)
    meta = b.roadmap.meta
    deck = render_pages(
        [s.document for s in slides],
        title=b.document.info.title,
        author=meta.organisation,
        subject=meta.subtitle or meta.title,
    )
    return Made(
        {f"{b.options.stem}-slides.pdf": deck}, tuple(dict.fromkeys(w for s in slides for w in s.document.warnings))
    )


# The poster on its slide: 2262 px high, sharp on a 4K projector (the slide shows it about 1900 px high there).
SLIDE_POSTER_PX = 1600


OUTPUTS: dict[str, Output] = {"svg": _svg, "pdf": _pdf, "png": _png, "html": _html, "slides": _slides}


def _print(b: Build) -> Made:
    from poster.print.produce import print_files

    # <stem>-print.pdf after a preflight (PrintError, nothing written, on errors)
    files, warnings = print_files(b.document, b.roadmap, b.options.print_options, b.options.stem)
    return Made(files, tuple(warnings))


OUTPUTS["print"] = _print


def _manifest(b: Build) -> Made:
    from poster.bundle import manifest_output

    # manifest.json of the files made before it: `--all` puts it last
    return Made(manifest_output(b.files, b.roadmap.meta, b.options.layout))


OUTPUTS["manifest"] = _manifest


# Made after every other format: the manifest describes the files made before it.
LAST_FORMATS = ("manifest",)
# Slow formats (the PNG rasterises the whole poster): `poster watch` writes them after the others.
LATE_FORMATS = ("html", "png")


def ordered_formats(formats: tuple[str, ...]) -> tuple[str, ...]:
    """`formats` in the order they are made: as given, except that the manifest comes last."""
    return tuple(f for f in formats if f not in LAST_FORMATS) + tuple(f for f in LAST_FORMATS if f in formats)


def format_groups(formats: tuple[str, ...]) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """(early, late) for a build written in two steps (`poster watch`): the slow formats and the manifest late.

    Together they are ordered_formats(formats), so the manifest, last of the
    late group, lists every file of both.
    """
    ordered = ordered_formats(formats)
    late = tuple(f for f in ordered if f in LATE_FORMATS or f in LAST_FORMATS)
    return tuple(f for f in ordered if f not in late), late


def build_files(roadmap: Roadmap, options: BuildOptions) -> Build:
    """Lay the poster out and render every requested format to bytes (LayoutError if it does not fit).

    Formats are made in `ordered_formats` order (the manifest last).
    """
    spec = load_layout(options.layout)
    highlights, history_warning = with_history(roadmap, options, spec, highlights_since(roadmap, options))
    try:
        document = layout_poster(roadmap, spec, highlights=highlights)
    except LayoutError:
        if highlights is None or not highlights.history:
            raise
        # The chart is an extra: on a page too full for it, the poster is made without it, and says so.
        document = layout_poster(roadmap, spec, highlights=replace(highlights, history=()))
        history_warning = f"the chart 'progress over time' does not fit on layout {spec.name}; left off"
    build = Build(roadmap, options, document)
    if highlights is not None and history_warning is None:
        build.history = highlights.history
    if history_warning:
        build.warnings.append(history_warning)
    add_outputs(build, ordered_formats(options.formats))
    return build


def check_layout(roadmap: Roadmap, layout: str) -> list[str]:
    """What `poster check` adds to the content checks: lay the poster out, rendering nothing.

    Laying out loads and checks the logo (poster.assets) and fits every text,
    so a check that passes means the build will not stop at either. Returns the
    layout's warnings; raises LayoutError, LayoutSpecError or AssetError.
    """
    return list(layout_poster(roadmap, load_layout(layout)).warnings)


def add_outputs(build: Build, formats: tuple[str, ...]) -> dict[str, bytes]:
    """Make `formats` (in order), each seeing the files made before it; returns the new files.

    The one place a build grows: each output's files go into build.files and its warnings into build.warnings.
    """
    new: dict[str, bytes] = {}
    for fmt in formats:
        made = OUTPUTS[fmt](build)
        build.files.update(made.files)
        build.warnings.extend(w for w in made.warnings if w not in build.warnings)
        new.update(made.files)
    return new


def highlights_since(roadmap: Roadmap, options: BuildOptions) -> Highlights | None:
    """What changed since `options.since`: a content folder, REV:path, or a bare git revision of this content."""
    if not options.since:
        return None
    from poster.progress import StepEvent, changed_steps, load_side
    from poster.progress.gitrev import is_revision

    since = options.since
    cwd = None
    if not is_revision(since) and not Path(since).is_dir():
        # A bare revision (v1.2, HEAD~3): this content folder as it was then, found relative to itself.
        since, cwd = f"{since}:./", options.content_dir
    old = load_side(since, cwd=cwd)
    changes = changed_steps(old, roadmap)
    return Highlights(
        since=old.meta.as_of,
        completed=frozenset(c.step_id for c in changes if c.event is StepEvent.COMPLETED),
        started=frozenset(c.step_id for c in changes if c.event is StepEvent.STARTED),
    )


def with_history(
    roadmap: Roadmap, options: BuildOptions, spec, highlights: Highlights | None
) -> tuple[Highlights | None, str | None]:
    """`highlights` with the progress per quarter, when --history or the layout (measures progress.history: 1) asks.

    Asked for by --history, a folder without git history is an error; asked
    for by the layout, it is a warning and the poster has no chart.
    """
    if not (options.history or spec.measure("progress.history", 0.0) >= 1):
        return highlights, None
    from poster.errors import PosterError
    from poster.layout.context import HistoryQuarter
    from poster.progress.errors import RevisionError
    from poster.progress.history import quarterly, read_history

    try:
        if options.content_dir is None:
            raise RevisionError("the content folder is not known")
        quarters = quarterly(read_history(options.content_dir), roadmap)
    except RevisionError as exc:
        if options.history:
            raise PosterError(f"--history: {exc.message}") from None
        return highlights, f"no chart 'progress over time': {exc.message}"
    bars = tuple(
        HistoryQuarter(q.year, q.quarter, q.overall.progress, q.overall.count(Status.DONE), q.current, q.fraction)
        for q in quarters
    )
    return replace(highlights or Highlights(since=roadmap.meta.as_of), history=bars), None


def output_stem(folder: Path) -> str:
    """Output files are named after the content folder: content/meierijstad -> meierijstad.pdf."""
    name = folder.resolve().name
    safe = "".join(c if c.isalnum() or c in "-_." else "-" for c in name).strip(".-")
    return safe or "poster"
