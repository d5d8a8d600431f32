"""Progress workflow: the errors its commands raise (all PosterError, so the CLI prints them plainly)."""

from __future__ import annotations

from poster.errors import PosterError


class ProgressError(PosterError):
    """An update that cannot be made: unknown id, bad value, or edited content that would not load."""


class ConcurrentChangeError(ProgressError):
    """A content file changed on disk between reading it and writing the update."""


class RevisionError(PosterError):
    """A `REV:path` side of `poster diff` cannot be read from git."""
