"""Command line: a thin click layer over content, layout and render."""

from __future__ import annotations

import click

from poster import __version__


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="poster")
def main() -> None:
    """Turn a roadmap kept as YAML into a print-ready A0 poster."""
