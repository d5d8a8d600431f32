"""Print stage: a laid-out poster to the print PDF (bleed, crop marks, CMYK, PDF/X-4) and its preflight findings.

`print_pdf` is the whole print path; `print_files` is the `print` output of
poster.build (it makes `<stem>-print.pdf`, raises PrintError when the
preflight finds errors, so nothing is written, and returns the warnings for
the build to report).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from poster.errors import PosterError
from poster.layout.bleed import DEFAULT_BLEED_MM, MAX_BLEED_MM, with_bleed
from poster.print.preflight import Finding, PreflightOptions, preflight

if TYPE_CHECKING:
    from poster.content.model import Roadmap
    from poster.layout.document import Document

DEFAULT_SAFE_ZONE_MM = 5.0
MAX_SAFE_ZONE_MM = 50.0


class PrintError(PosterError):
    """The preflight found errors: the print PDF is not written. Carries every finding."""

    def __init__(self, findings: list[Finding]):
        self.findings = tuple(findings)
        errors = sum(1 for f in findings if f.is_error)
        lines = "\n".join(f.format() for f in findings)
        super().__init__(
            f"preflight of the print PDF:\n{lines}\npreflight: {errors} error{'s' if errors != 1 else ''}: "
            "the print PDF is not ready for the print shop; nothing was written"
        )


@dataclass(frozen=True)
class PrintOptions:
    """What `poster build --print` makes: see docs/printing.md."""

    bleed_mm: float = DEFAULT_BLEED_MM
    crop_marks: bool = False
    cmyk: bool = False
    output_intent: Path | None = None  # a CMYK output ICC profile: the PDF becomes PDF/X-4 (and CMYK)
    safe_zone_mm: float = DEFAULT_SAFE_ZONE_MM

    def __post_init__(self) -> None:
        if not 0 <= self.bleed_mm <= MAX_BLEED_MM:
            raise ValueError(f"bleed must be between 0 and {MAX_BLEED_MM:g} mm, not {self.bleed_mm:g}")
        if not 0 <= self.safe_zone_mm <= MAX_SAFE_ZONE_MM:
            raise ValueError(f"the safe zone must be between 0 and {MAX_SAFE_ZONE_MM:g} mm, not {self.safe_zone_mm:g}")

    @property
    def uses_cmyk(self) -> bool:
        return self.cmyk or self.output_intent is not None  # PDF/X-4 with a CMYK profile needs CMYK colours


@dataclass
class PrintResult:
    pdf: bytes
    sheet: Document  # the poster on its print sheet: bleed, crop marks, Document.trim and .bleed set
    findings: list[Finding] = field(default_factory=list)

    @property
    def errors(self) -> list[Finding]:
        return [f for f in self.findings if f.is_error]

    @property
    def warnings(self) -> list[Finding]:
        return [f for f in self.findings if not f.is_error]


def print_pdf(doc: Document, roadmap: Roadmap | None = None, options: PrintOptions = PrintOptions()) -> PrintResult:
    """The print PDF of a laid-out poster and what the preflight found (it never raises for findings)."""
    from poster.print.pdfx import make_pdfx, read_output_profile
    from poster.render import RenderOptions, render

    profile = read_output_profile(options.output_intent) if options.output_intent is not None else None
    sheet = with_bleed(doc, options.bleed_mm, options.crop_marks)
    icc = profile.data if profile is not None else None
    pdf = render(sheet, "pdf", RenderOptions(cmyk=options.uses_cmyk, cmyk_profile=icc))
    if profile is not None:
        pdf = make_pdfx(pdf, profile)
    findings = preflight(sheet, pdf, roadmap, PreflightOptions(options.safe_zone_mm, options.uses_cmyk))
    return PrintResult(pdf, sheet, findings)


def print_files(
    doc: Document, roadmap: Roadmap, options: PrintOptions | None, stem: str
) -> tuple[dict[str, bytes], list[str]]:
    """The `print` output: ({<stem>-print.pdf: bytes}, the preflight's warnings); PrintError on preflight errors."""
    result = print_pdf(doc, roadmap, options or PrintOptions())
    if result.errors:
        raise PrintError(result.findings)
    return {f"{stem}-print.pdf": result.pdf}, [f.format().removeprefix("warning: ") for f in result.warnings]
