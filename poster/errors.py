"""Errors: a small hierarchy rooted in click.ClickException, so the CLI prints them without a traceback."""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum
from pathlib import Path

import click


class Severity(str, Enum):
    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True)
class Diagnostic:
    """One problem found in the content, pointing at a file, line and column (1-based).

    `path` is the field path in the content (`plan.steps[3].pillar`); empty for
    problems of the file as a whole (a YAML syntax error, an empty file).
    """

    severity: Severity
    message: str
    file: Path | None = None
    line: int | None = None
    column: int | None = None
    path: str = ""

    def format(self, relative_to: Path | None = None) -> str:
        where = ""
        if self.file is not None:
            shown = self.file
            if relative_to is not None:
                try:
                    # The folder resolved, not the file: a link is shown by its own name.
                    shown = (self.file.parent.resolve() / self.file.name).relative_to(relative_to.resolve())
                except (ValueError, OSError, RuntimeError):  # elsewhere, or a link in a loop
                    shown = self.file
            where = str(shown)
            if self.line is not None:
                where += f":{self.line}"
                if self.column is not None:
                    where += f":{self.column}"
            where += ": "
        field = f"{self.path}: " if self.path else ""
        return f"{where}{self.severity.value}: {field}{self.message}"

    @property
    def is_error(self) -> bool:
        return self.severity is Severity.ERROR


class PosterError(click.ClickException):
    """Base of every error the user can cause; exit code 1, message without traceback."""

    exit_code = 1


class ContentError(PosterError):
    """The content folder has errors (or warnings under --strict); carries every diagnostic."""

    def __init__(self, diagnostics: list[Diagnostic] | tuple[Diagnostic, ...], message: str | None = None):
        self.diagnostics = tuple(diagnostics)
        errors = sum(1 for d in self.diagnostics if d.is_error)
        warnings = len(self.diagnostics) - errors
        if message is None:
            parts = []
            if errors:
                parts.append(f"{errors} error{'s' if errors != 1 else ''}")
            if warnings:
                parts.append(f"{warnings} warning{'s' if warnings != 1 else ''}")
            message = "content has " + " and ".join(parts or ["problems"])
        super().__init__(message)


class LayoutError(PosterError):
    """The content does not fit the layout (after shrinking within the allowed range)."""

    def __init__(self, problems: list[str] | tuple[str, ...], message: str | None = None):
        self.problems = tuple(problems)
        if message is None:
            message = "layout failed:\n" + "\n".join(f"  {p}" for p in self.problems)
        super().__init__(message)


class LayoutSpecError(PosterError):
    """A layout file (layouts/*.yaml or --layout FILE) is missing or invalid."""


class AssetError(PosterError):
    """A logo or font file referenced by the content cannot be used safely."""


class OutputError(PosterError):
    """An output file could not be written; previous outputs are left as they were."""
