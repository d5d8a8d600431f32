"""Command line, print options: --print, --bleed, --crop-marks, --cmyk, --output-intent, --safe-zone for `build` and `check`.

`print_options` adds the options to a command and hands it one parameter,
`print_options`: a PrintOptions when --print was given (or, for `build`,
`--format` names print, or --all, which writes the print PDF too), else None.
A print option without --print is a usage error rather than silently ignored.
`check` uses `print_options(check=True)`: there --print runs the preflight only.
"""

from __future__ import annotations

import functools
from pathlib import Path

import click

from poster.layout.bleed import DEFAULT_BLEED_MM, MAX_BLEED_MM
from poster.print.produce import DEFAULT_SAFE_ZONE_MM, MAX_SAFE_ZONE_MM, PrintOptions

_PRINT_HELP = (
    "Also write <name>-print.pdf for the print shop (bleed, boxes, embedded fonts) "
    "after a preflight; see docs/printing.md."
)
_CHECK_HELP = (
    "Also run the print preflight: build the print PDF in memory and check it as a print shop would (writes nothing)."
)
_OPTIONS = (
    click.option(
        "--bleed",
        "bleed",
        type=click.FloatRange(0, MAX_BLEED_MM),
        metavar="MM",
        default=None,
        help=f"Bleed on every side of the print PDF in mm  [default: {DEFAULT_BLEED_MM:g}].",
    ),
    click.option(
        "--crop-marks",
        "crop_marks",
        is_flag=True,
        default=None,
        help="Crop marks outside the bleed, in registration colour.",
    ),
    click.option(
        "--cmyk",
        "cmyk",
        is_flag=True,
        default=None,
        help="Every colour as CMYK, no transparency (the print shop asks for CMYK).",
    ),
    click.option(
        "--output-intent",
        "output_intent",
        metavar="FILE.icc",
        default=None,
        type=click.Path(exists=True, dir_okay=False, path_type=Path),
        help="The shop's CMYK output profile (e.g. FOGRA39): makes the print PDF PDF/X-4 (implies --cmyk).",
    ),
    click.option(
        "--safe-zone",
        "safe_zone",
        type=click.FloatRange(0, MAX_SAFE_ZONE_MM),
        metavar="MM",
        default=None,
        help=f"Keep text and logos this far inside the trim  [default: {DEFAULT_SAFE_ZONE_MM:g}].",
    ),
)
_FLAGS = {
    "bleed": "--bleed",
    "crop_marks": "--crop-marks",
    "cmyk": "--cmyk",
    "output_intent": "--output-intent",
    "safe_zone": "--safe-zone",
}


def print_options(f=None, *, check: bool = False):
    """Add the print options to a click command; the command receives `print_options: PrintOptions | None`.

    `@print_options` for `build`; `@print_options(check=True)` for `check`, whose --print writes nothing.
    """
    if f is None:
        return functools.partial(print_options, check=check)

    @functools.wraps(f)
    def command(*args, **kwargs):
        wanted = kwargs.pop("print_") or "print" in (kwargs.get("formats") or ()) or kwargs.get("all_outputs")
        given = {key: kwargs.pop(key) for key in _FLAGS}
        if not wanted:
            stray = [_FLAGS[k] for k, v in given.items() if v is not None]
            if stray:
                verb = "applies" if len(stray) == 1 else "apply"
                also = "" if check else " (or --all, which writes it too)"
                raise click.UsageError(f"{', '.join(stray)} only {verb} to the print PDF: add --print{also}")
            return f(*args, print_options=None, **kwargs)
        options = PrintOptions(
            bleed_mm=DEFAULT_BLEED_MM if given["bleed"] is None else given["bleed"],
            crop_marks=bool(given["crop_marks"]),
            cmyk=bool(given["cmyk"]),
            output_intent=given["output_intent"],
            safe_zone_mm=DEFAULT_SAFE_ZONE_MM if given["safe_zone"] is None else given["safe_zone"],
        )
        return f(*args, print_options=options, **kwargs)

    for option in reversed(_OPTIONS):
        command = option(command)
    return click.option("--print", "print_", is_flag=True, help=_CHECK_HELP if check else _PRINT_HELP)(command)


def check_print(roadmap, layout_name: str, options: PrintOptions, strict: bool, content: str = "") -> str:
    """`poster check --print`: build the print PDF in memory and report the preflight; returns the summary line.

    Prints every finding on stderr; raises PosterError (exit 1) on errors, or on warnings with --strict.
    `content` (how the content check went) starts the summary line.
    """
    from poster.errors import PosterError
    from poster.layout import layout_poster, load_layout
    from poster.print.produce import print_pdf

    result = print_pdf(layout_poster(roadmap, load_layout(layout_name)), roadmap, options)
    for finding in result.findings:
        click.echo(finding.format(), err=True)
    errors, warnings = len(result.errors), len(result.warnings)
    summary = f"preflight ({layout_name}): {errors} error{'s' if errors != 1 else ''}, {warnings} warning{'s' if warnings != 1 else ''}"
    if content:
        summary = f"{content}; {summary}"
    if errors or (strict and warnings):
        raise PosterError(
            summary
            + (" (--strict makes warnings errors)" if not errors else "")
            + "; the print PDF is not ready for the print shop"
        )
    return summary
