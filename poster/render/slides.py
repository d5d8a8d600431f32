"""Render stage, slide deck: several laid-out slides as one PDF, a page each, drawn as the PDF renderer draws a poster.

Each page is drawn by poster.render.pdf.render_pages (same pen, same fonts
embedded as TrueType subsets, same reproducibility: invariant=1), so a slide
looks exactly like a one-page PDF of its Document. The deck's metadata is its
own: the poster's title, the organisation as author.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from poster.layout.document import Document
from poster.render import RenderOptions


def render_pages(
    docs: Sequence[Document],
    options: RenderOptions = RenderOptions(),
    *,
    title: str = "",
    author: str = "",
    subject: str = "",
) -> bytes:
    """One PDF with a page per Document, each page its Document's size."""
    from poster.render import pdf

    if not docs:
        raise ValueError("a deck needs at least one slide")
    first = docs[0].info
    info = replace(
        first,
        title=title or first.title,
        author=author or first.author,
        subject=subject or first.subject,
        description="",
    )
    return pdf.render_pages(docs, options, info)
