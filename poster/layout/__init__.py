"""Layout stage: from the typed roadmap to a laid-out Document in millimetres (pure geometry, no files written).

The names below are imported when first used (PEP 562), so a command that only
needs a constant of one layout module (`poster history`, `poster sheet`) does
not load the whole engine.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from poster.layout.context import Highlights
    from poster.layout.document import Document
    from poster.layout.engine import layout_poster
    from poster.layout.spec import LayoutSpec, available_layouts, load_layout

_MODULES = {
    "Document": "poster.layout.document",
    "Highlights": "poster.layout.context",
    "LayoutSpec": "poster.layout.spec",
    "available_layouts": "poster.layout.spec",
    "layout_poster": "poster.layout.engine",
    "load_layout": "poster.layout.spec",
}

__all__ = ["Document", "Highlights", "LayoutSpec", "available_layouts", "layout_poster", "load_layout"]


def __getattr__(name: str) -> Any:
    if name not in _MODULES:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(_MODULES[name]), name)
    globals()[name] = value
    return value
