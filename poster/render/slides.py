"""Render stage, slide deck: several laid-out slides as one PDF, a page each, drawn as the PDF renderer draws a poster.

Each page is drawn by poster.render.pdf's own drawing functions (same pen,
same fonts embedded as TrueType subsets, same reproducibility: invariant=1),
so a slide looks exactly like a one-page PDF of its Document.
"""

from __future__ import annotations

import io
from typing import Sequence

from poster import __version__
from poster.layout.document import Document, Text
from poster.layout.geometry import PT_PER_MM
from poster.render import RenderOptions


def render_pages(docs: Sequence[Document], options: RenderOptions = RenderOptions(), *,
                 title: str = "", author: str = "", subject: str = "") -> bytes:
    """One PDF with a page per Document, each page its Document's size."""
    from reportlab.pdfgen.canvas import Canvas

    from poster.fonts import register_pdf_face
    from poster.render import pdf

    if not docs:
        raise ValueError("a deck needs at least one slide")
    faces = pdf._faces(Document(0, 0, docs[0].background, tuple(i for d in docs for i in d.items if isinstance(i, Text)),
                                docs[0].info))
    out = io.BytesIO()
    first = docs[0]
    canvas = Canvas(
        out,
        pagesize=(first.width_mm * PT_PER_MM, first.height_mm * PT_PER_MM),
        invariant=1,
        pageCompression=1,
        initialFontName=register_pdf_face(faces[0]),  # else reportlab references Helvetica on every page
        initialFontSize=10,
        lang=first.info.language or None,
    )
    canvas.setTitle(title or first.info.title)
    canvas.setAuthor(author or first.info.author)
    canvas.setSubject(subject or first.info.subject)
    canvas.setKeywords(", ".join(first.info.keywords))
    canvas.setCreator(f"poster {__version__}")
    for doc in docs:
        height_pt = doc.height_mm * PT_PER_MM
        canvas.setPageSize((doc.width_mm * PT_PER_MM, height_pt))
        canvas.saveState()
        canvas.transform(PT_PER_MM, 0, 0, -PT_PER_MM, 0, height_pt)  # mm, y down, as pdf.render
        canvas.setMiterLimit(4)
        pen = pdf._Pen(canvas, cmyk=False)
        pen.fill(doc.background)
        canvas.rect(0, 0, doc.width_mm, doc.height_mm, stroke=0, fill=1)
        for item in doc.items:
            pdf._DRAW[type(item)](pen, item, options)
        canvas.restoreState()
        canvas.showPage()
    canvas.save()
    return out.getvalue()
