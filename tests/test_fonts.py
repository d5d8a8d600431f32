"""Fonts: every family a theme can name is shipped as TrueType, loads in reportlab, and is all fontconfig sees."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest
from fontTools.ttLib import TTFont

from poster.fonts import SHIPPED_FAMILIES, WEIGHTS, family, fonts_dir

FACES = sorted({face.path for fam in SHIPPED_FAMILIES.values() for face in fam.faces.values()})
FILES = sorted(fonts_dir().glob("*/*.ttf"))


def test_every_family_has_every_weight():
    for fam in SHIPPED_FAMILIES.values():
        assert set(fam.faces) == set(WEIGHTS)
        assert family(fam.name.upper()) is fam


@pytest.mark.parametrize("path", FACES, ids=lambda p: p.name)
def test_face_exists_and_is_truetype(path: Path):
    assert path.is_file()
    with TTFont(path, lazy=True) as font:
        assert "glyf" in font, "reportlab embeds only TrueType-outline fonts"
        cmap = font.getBestCmap()
    assert all(ord(c) in cmap for c in "Aaëé€–‘’“”&0123456789")


@pytest.mark.parametrize("path", FACES, ids=lambda p: p.name)
def test_face_loads_in_reportlab(path: Path):
    from reportlab.pdfbase.ttfonts import TTFont as RLFont

    font = RLFont(f"test-{path.stem}", str(path))
    assert font.stringWidth("Routekaart", 10) > 0


def test_every_shipped_file_has_a_licence():
    for folder in {p.parent for p in FILES}:
        assert (folder / "OFL.txt").is_file()
    assert (fonts_dir() / "README.md").is_file()


@pytest.mark.skipif(shutil.which("fc-list") is None, reason="fc-list (fontconfig tools) not installed")
def test_fontconfig_sees_exactly_the_shipped_fonts():
    env = {**os.environ, "FONTCONFIG_FILE": str(fonts_dir() / "fonts.conf")}
    listed = subprocess.run(["fc-list", ":", "file"], env=env, capture_output=True, text=True, timeout=60, check=True)
    seen = sorted(Path(line.rstrip(": ").strip()).resolve() for line in listed.stdout.splitlines() if line.strip())
    assert seen == [p.resolve() for p in FILES]
    assert set(FACES) <= set(FILES)
