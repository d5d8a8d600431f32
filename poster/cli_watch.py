"""Command line: `poster watch` (thin; the work is in poster.watch and poster.serve).

Messages (what changed, what was rebuilt in how long, diagnostics, errors) go
to stderr; with -v the path of every file written also goes to stdout.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import click


def register(group: click.Group) -> None:
    """Add `watch` to the main `poster` group."""
    group.add_command(watch_command)


def _options(f):
    from poster.cli_common import content_options, output_options

    f = click.option(
        "--port",
        type=click.IntRange(0, 65535),
        default=8000,
        show_default=True,
        help="Port of the --serve preview (0 picks a free one).",
    )(f)
    f = click.option(
        "--history",
        is_flag=True,
        help="Add the chart 'Voortgang door de tijd' from the content's git history "
        "(read again only after a commit, not on every save).",
    )(f)
    f = click.option(
        "--serve",
        is_flag=True,
        help="Serve a live preview on http://127.0.0.1:PORT/ (this computer only); "
        "it reloads after every rebuild. Adds html to --format when poster can write it.",
    )(f)
    return content_options(output_options(f))


@click.command("watch")
@_options
def watch_command(
    content: Path | None,
    strict: bool,
    as_of: date | None,
    layout_name: str,
    out_dir: Path,
    formats: tuple[str, ...],
    png_widths: tuple[int, ...],
    serve: bool,
    port: int,
    history: bool,
) -> None:
    """Rebuild the poster of CONTENT every time a content, layout or theme file is saved.

    SVG and PDF are written first, then the PNG. An error is printed and the
    previous outputs stay; the watcher keeps going until Ctrl-C. With --serve
    a browser on this computer shows the poster and reloads it after each
    rebuild, e.g. on the projector during a meeting.
    """
    from poster.build import OUTPUTS, BuildOptions, output_stem
    from poster.cli_common import resolve_content, settings, shown
    from poster.errors import PosterError
    from poster.watch import Message, Watcher

    folder = resolve_content(content)
    if not folder.is_dir():
        raise PosterError(f"{shown(folder)}: no such content folder (create one with: poster init {shown(folder)})")
    s = settings()
    if serve and "html" in OUTPUTS and "html" not in formats:
        formats = (*formats, "html")
    options = BuildOptions(
        layout=layout_name,
        formats=formats,
        png_widths=png_widths,
        stem=output_stem(folder),
        content_dir=folder,  # for the history chart (--history, or a layout that has it)
        history=history,
    )

    def report(message: Message) -> None:
        if message.level == "output":  # every path of every rebuild: only with -v (the summary names them)
            if s.verbosity > 0:
                click.echo(message.text)
        elif message.level == "error" or s.verbosity >= 0:
            click.echo(message.text, err=True)

    server = None
    if serve:
        from poster.serve import PreviewServer

        try:
            server = PreviewServer(port, title=options.stem).start()
        except OSError as e:
            raise PosterError(
                f"cannot serve the preview on 127.0.0.1:{port} ({e.strerror or e}); "
                "try another --port, or --port 0 for a free one"
            ) from None
    watcher = Watcher(
        folder,
        out_dir,
        options,
        report=report,
        strict=strict,
        as_of=as_of,
        on_files=server.publish if server else None,
        on_error=server.fail if server else None,
    )
    if server is not None:
        s.info(f"preview: {server.url}")
    try:
        watcher.run()
    except KeyboardInterrupt:
        s.info(f"stopped after {watcher.rebuilds} build{'s' if watcher.rebuilds != 1 else ''} of {shown(folder)}")
    finally:
        if server is not None:
            server.close()
