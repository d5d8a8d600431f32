"""Packaging: `pip install .` carries every subpackage and the data poster needs (fonts, layouts, example)."""

from __future__ import annotations

import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_every_subpackage_is_listed_in_pyproject():
    """pyproject.toml lists packages by hand (the data folders are mapped into poster/data): a new
    subpackage that is not listed works in a checkout but is missing from an installed wheel."""
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    listed = set(config["tool"]["setuptools"]["packages"])
    found = {
        ".".join(p.parent.relative_to(ROOT).parts)
        for p in (ROOT / "poster").rglob("__init__.py")
        if "__pycache__" not in p.parts
    }
    assert found - listed == set(), "add these to [tool.setuptools] packages in pyproject.toml"


def test_the_data_folders_are_mapped_and_packaged():
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    mapping = config["tool"]["setuptools"]["package-dir"]
    assert mapping == {"poster.data.fonts": "fonts", "poster.data.layouts": "layouts", "poster.data.content": "content"}
    data = config["tool"]["setuptools"]["package-data"]
    assert any(p.endswith(".ttf") for p in data["poster.data.fonts"])
    assert "*.yaml" in data["poster.data.layouts"]
    assert any("assets" in p for p in data["poster.data.content"])
