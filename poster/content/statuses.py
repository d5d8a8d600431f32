"""Content stage: the words a person may write for a step's status - in YAML, a CSV cell or after --status.

One table for the loader, the progress sheet and the command line, so a word
that works in one place works in all of them. Words are compared normalised:
lower case, runs of spaces and hyphens as one underscore ("In progress").
"""

from __future__ import annotations

import re

from poster.content.model import Status

STATUS_WORDS: dict[str, Status] = {
    **{s.value: s for s in Status},
    "gepland": Status.PLANNED,
    "bezig": Status.IN_PROGRESS,
    "in_uitvoering": Status.IN_PROGRESS,
    "gereed": Status.DONE,
    "klaar": Status.DONE,
    "afgerond": Status.DONE,
    "vertraagd": Status.DELAYED,
    "gepauzeerd": Status.ON_HOLD,
    "geschrapt": Status.CANCELLED,
    "vervallen": Status.CANCELLED,
    "canceled": Status.CANCELLED,
}

# The Dutch word for each status, in Status order, for messages and documentation.
DUTCH = ("gepland", "bezig", "gereed", "vertraagd", "gepauzeerd", "geschrapt")


def normalise(word: str) -> str:
    return re.sub(r"[\s-]+", "_", word.strip().lower())


def parse_status(word: str) -> Status | None:
    return STATUS_WORDS.get(normalise(word))


def status_choices() -> str:
    """The accepted words, for error messages."""
    return ", ".join(s.value for s in Status) + f" (or: {', '.join(DUTCH)})"
