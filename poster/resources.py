"""Where the data shipped with poster lives: fonts/, layouts/ and the example content.

In a checkout they are top-level folders beside the package; an installed wheel
carries them as `poster/data/<name>` (see pyproject.toml's package-dir).
"""

from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


def data_dir(name: str) -> Path:
    """The folder `name` (fonts, layouts, content) of this installation."""
    for candidate in (_PACKAGE / "data" / name, _PACKAGE.parent / name):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError(f"poster's {name}/ folder is missing from this installation ({_PACKAGE})")


def example_content() -> Path:
    """The bundled Meierijstad example, the default CONTENT of every command."""
    return data_dir("content") / "meierijstad"
