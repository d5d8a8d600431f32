"""Layout stage, slide deck: the roadmap as 16:9 slides laid out by the poster's own engine (see deck.py)."""

from poster.slides.deck import Slide, layout_deck, slide_layout

__all__ = ["Slide", "layout_deck", "slide_layout"]
