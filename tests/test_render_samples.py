"""Hand-made Documents for the renderer tests (the layout engine is not needed to test drawing).

`sample_doc()` is a 200 x 150 mm page that uses every item type and every
variant a renderer handles (fill/stroke/radius, dashes and caps, curves and
joins, every shipped face, a PNG and an SVG logo). `a0_doc()` is a full A0 page
with ~1500 items, for the size and timing checks.
"""

from __future__ import annotations

import io
from dataclasses import replace

from poster.content.model import Color
from poster.fonts import SHIPPED_FAMILIES, Face, register_pdf_face
from poster.layout.document import Circle, Document, DocumentInfo, Image, Line, Path, Rect, Text
from poster.layout.geometry import Box, pt_to_mm

INK = Color(0x1A, 0x1A, 0x1A)
PRIMARY = Color(0x1F, 0x3A, 0x5F)
ACCENT = Color(0xC2, 0x41, 0x0C)
PALE = Color(0xE8, 0xEE, 0xF4)
WHITE = Color(0xFF, 0xFF, 0xFF)

INFO = DocumentInfo(
    title="Routekaart datagedreven werken",
    author="Gemeente Meierijstad",
    subject="Stappenplan 2025-2027",
    keywords=("data", "routekaart", "Meierijstad"),
    language="nl-NL",
    description="Visie, nulmeting, strategie en stappenplan op één poster.",
)

LOGO_SVG = b"""<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 120 60">
<rect x="0" y="0" width="120" height="60" rx="8" fill="#1F3A5F"/>
<circle cx="30" cy="30" r="18" fill="#C2410C"/>
<path d="M60 15 L105 15 L105 45 L60 45 Z" fill="#FFFFFF"/>
</svg>"""


def face(family: str = "Fira Sans", weight: str = "regular") -> Face:
    return SHIPPED_FAMILIES[family].face(weight)


def text(x: float, y: float, s: str, f: Face | None = None, size_pt: float = 12, color: Color = INK, **kw) -> Text:
    """A Text measured the way layout measures it (reportlab stringWidth = the TTF advances)."""
    from reportlab.pdfbase import pdfmetrics

    f = f or face()
    name = register_pdf_face(f)
    font = pdfmetrics.getFont(name)
    width_mm = pt_to_mm(pdfmetrics.stringWidth(s, name, size_pt))
    ascent = pt_to_mm(font.face.ascent * size_pt / 1000)
    descent = pt_to_mm(-font.face.descent * size_pt / 1000)
    return Text(x, y, s, f, size_pt, color, width_mm, ascent, descent, **kw)


def logo_png(width: int = 120, height: int = 60) -> bytes:
    """A small PNG logo with transparency, made with Pillow (deterministic bytes)."""
    from PIL import Image as PILImage
    from PIL import ImageDraw

    img = PILImage.new("RGBA", (width, height), (0, 0, 0, 0))
    draw = ImageDraw.Draw(img)
    draw.rectangle((4, 4, width - 5, height - 5), fill=(0x1F, 0x3A, 0x5F, 255))
    draw.ellipse((width // 2 - 15, height // 2 - 15, width // 2 + 15, height // 2 + 15), fill=(0xC2, 0x41, 0x0C, 255))
    out = io.BytesIO()
    img.save(out, "PNG")
    return out.getvalue()


def sample_items() -> list:
    items: list = [
        Rect(Box(10, 10, 80, 30), fill=PALE, role="header.band"),
        Rect(
            Box(100, 10, 90, 30),
            fill=PRIMARY,
            stroke=ACCENT,
            stroke_mm=1.0,
            radius_mm=4,
            role="plan.step.bar",
            ref="s1",
        ),
        Rect(Box(12, 45, 40, 20), stroke=INK, stroke_mm=0.5, role="frame"),
        Line(10, 70, 190, 70, PRIMARY, 0.8, role="rule"),
        Line(10, 75, 190, 75, ACCENT, 1.2, dash_mm=(3, 2), role="today"),
        Line(60, 50, 90, 62, INK, 2.0, round_cap=True, role="arrow"),
        Circle(150, 100, 8, fill=ACCENT, role="milestone", ref="m1"),
        Circle(175, 100, 8, stroke=PRIMARY, stroke_mm=1.0, role="milestone", ref="m2"),
        Path((("M", 20, 140), ("C", 40, 110, 70, 110, 90, 140), ("Z",)), fill=PRIMARY, role="curve"),
        Path(
            (("M", 100, 140), ("L", 120, 120), ("L", 140, 140)),
            stroke=INK,
            stroke_mm=1.5,
            round_join=True,
            role="chevron",
        ),
        Image(Box(120, 45, 30, 20), logo_png(), "image/png", alt="Logo (PNG)", role="logo"),
        Image(Box(155, 45, 35, 20), LOGO_SVG, "image/svg+xml", alt="Logo (SVG)", role="logo"),
    ]
    y = 85.0
    for fam in ("Fira Sans", "Lato"):
        for weight in ("regular", "italic", "semibold", "bold"):
            items.append(text(12, y, f"{fam} {weight}: Datagedreven werken", face(fam, weight), 11, role="body"))
            y += 6
    items.append(
        text(104, 30, "Stap 1: nulmeting", face("Fira Sans", "bold"), 20, WHITE, role="plan.step.label", ref="s1")
    )
    return items


def sample_doc(**changes) -> Document:
    doc = Document(200, 150, WHITE, tuple(sample_items()), INFO)
    return replace(doc, **changes) if changes else doc


def a0_doc(n_cells: int = 300) -> Document:
    """An A0 page with 5 items per cell (rect, 2 texts, line, circle): 1500 items for n_cells=300."""
    items: list = []
    cols = 15
    w, h = 841 / cols, 1189 / (n_cells // cols + 1)
    faces = [
        face("Fira Sans", "regular"),
        face("Fira Sans", "bold"),
        face("Lato", "italic"),
        face("Fira Sans", "semibold"),
    ]
    for i in range(n_cells):
        x, y = (i % cols) * w, (i // cols) * h
        items.append(Rect(Box(x + 2, y + 2, w - 4, h - 4), fill=PALE, stroke=PRIMARY, stroke_mm=0.3, radius_mm=2))
        items.append(text(x + 4, y + 12, f"Stap {i}: data op orde", faces[i % 4], 14))
        items.append(text(x + 4, y + 20, "Eigenaar: team informatie", faces[(i + 1) % 4], 9, PRIMARY))
        items.append(Line(x + 4, y + 24, x + w - 4, y + 24, ACCENT, 0.5, dash_mm=(2, 1) if i % 2 else ()))
        items.append(Circle(x + w - 8, y + 8, 3, fill=ACCENT))
    return Document(841, 1189, WHITE, tuple(items), INFO)


def test_sample_uses_every_item_type():
    kinds = {type(i) for i in sample_doc().items}
    assert kinds == {Rect, Line, Circle, Path, Text, Image}
    assert {i.mime for i in sample_doc().items if isinstance(i, Image)} == {"image/png", "image/svg+xml"}


def test_a0_doc_has_1500_items():
    assert len(a0_doc().items) == 1500
