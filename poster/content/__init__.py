"""Content stage: load a content folder into the typed, frozen model (`poster.content.model`)."""

from poster.content.loader import LoadResult, load, load_or_raise

__all__ = ["LoadResult", "load", "load_or_raise"]
