"""Print production: bleed, crop marks, CMYK, PDF/X-4 and preflight for a PDF a print shop accepts as is.

`poster.print.produce.print_pdf` takes a laid-out Document and PrintOptions and
returns the print PDF's bytes with the preflight's findings; the layout part
(bleed, crop marks) is poster/layout/bleed.py, the colour rule is
poster/render/cmyk.py (the PDF renderer applies it), the size rule for A1-A3
is poster/print/sizes.py. This module imports nothing heavy.
"""
