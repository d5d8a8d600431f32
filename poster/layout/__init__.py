"""Layout stage: from the typed roadmap to a laid-out Document in millimetres (pure geometry, no files written)."""

from poster.layout.context import Highlights
from poster.layout.document import Document
from poster.layout.engine import layout_poster
from poster.layout.spec import LayoutSpec, available_layouts, load_layout

__all__ = ["Document", "Highlights", "LayoutSpec", "available_layouts", "layout_poster", "load_layout"]
