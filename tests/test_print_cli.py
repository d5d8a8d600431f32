"""CLI: `poster build --print ...` and `poster check --print` on the example and on a theme that fails the preflight."""

from __future__ import annotations

import pikepdf
import pytest
from conftest import BASE, edit, write_files
from print_helpers import box, cmyk_profile, colour_operators, srgb_profile

from poster.layout.bleed import CROP_AREA_MM
from poster.layout.geometry import mm_to_pt
from poster.print import preflight as pf

PALE = edit(BASE, 'colors: {primary: "#1F3A5F",', 'colors: {primary: "#1F3A5F", text: "#AAAAAA",')


def test_build_print_cmyk_crop_marks_on_the_example(run, tmp_path, example):
    result = run("build", str(example), "--format", "pdf", "--out", "out", "--print", "--cmyk", "--crop-marks")
    assert result.exit_code == 0, result.stderr
    assert result.stdout.split() == ["out/meierijstad.pdf", "out/meierijstad-print.pdf"]
    assert result.stderr == ""  # no preflight finding, not even a warning
    with pikepdf.open(tmp_path / "out" / "meierijstad-print.pdf") as pdf:
        page = pdf.pages[0]
        margin = 3 + CROP_AREA_MM
        assert box(page, "/MediaBox") == pytest.approx(
            [0, 0, mm_to_pt(841 + 2 * margin), mm_to_pt(1189 + 2 * margin)], abs=0.01
        )
        assert box(page, "/TrimBox") == pytest.approx(
            [mm_to_pt(margin), mm_to_pt(margin), mm_to_pt(margin + 841), mm_to_pt(margin + 1189)], abs=0.01
        )
        assert box(page, "/BleedBox") == pytest.approx(
            [mm_to_pt(margin - 3), mm_to_pt(margin - 3), mm_to_pt(margin + 844), mm_to_pt(margin + 1192)], abs=0.01
        )
        assert pf.fonts(pdf) == []
        assert colour_operators(pdf) <= {"k", "K"}
        images = [x for x in page.Resources.XObject.values() if x.Subtype == "/Image"]
        assert images and all(x.ColorSpace == "/DeviceCMYK" and "/SMask" not in x for x in images)


def test_build_with_an_output_intent_writes_pdfx(run, tmp_path, example):
    (tmp_path / "shop.icc").write_bytes(cmyk_profile("Coated FOGRA39 (test)"))
    result = run("build", str(example), "--format", "print", "--out", "out", "--output-intent", "shop.icc")
    assert result.exit_code == 0, result.stderr
    assert result.stdout.split() == ["out/meierijstad-print.pdf"]
    with pikepdf.open(tmp_path / "out" / "meierijstad-print.pdf") as pdf:
        assert str(pdf.docinfo.GTS_PDFXVersion) == "PDF/X-4"
        assert str(pdf.Root.OutputIntents[0].OutputConditionIdentifier) == "FOGRA39"
        assert colour_operators(pdf) <= {"k", "K"}  # --output-intent implies --cmyk


def test_an_rgb_print_pdf_warns_and_strict_refuses_it(run, tmp_path, example):
    result = run("build", str(example), "--format", "pdf", "--out", "out", "--print")
    assert result.exit_code == 0
    assert result.stderr.startswith("warning: print PDF: its colours are RGB")
    strict = run("build", str(example), "--format", "pdf", "--out", "strict", "--print", "--strict")
    assert strict.exit_code == 1 and not (tmp_path / "strict").exists()


def test_print_options_need_print(run, example):
    result = run("build", str(example), "--cmyk", "--bleed", "5")
    assert result.exit_code == 2
    assert "--bleed, --cmyk only apply to the print PDF: add --print" in result.stderr


def test_a_failing_preflight_writes_nothing(run, tmp_path):
    write_files(tmp_path / "pale", {"roadmap.yaml": PALE})
    (tmp_path / "out").mkdir()
    (tmp_path / "out" / "pale.pdf").write_bytes(b"previous")
    result = run("build", "pale", "--format", "pdf", "--out", "out", "--print", "--cmyk")
    assert result.exit_code == 1
    assert "error: " in result.stderr and "theme.colors.text (#AAAAAA)" in result.stderr
    assert "nothing was written" in result.stderr
    assert (tmp_path / "out" / "pale.pdf").read_bytes() == b"previous"
    assert not (tmp_path / "out" / "pale-print.pdf").exists()


def test_check_print_reports_findings_and_fails(run, tmp_path):
    write_files(tmp_path / "pale", {"roadmap.yaml": PALE})
    result = run("check", "pale", "--print", "--cmyk")
    assert result.exit_code == 1
    lines = result.stderr.splitlines()
    # no "OK" before the errors: the findings, then one line saying how the content and the preflight went
    assert not any("OK" in line for line in lines[:-1])
    assert any(
        line.startswith("error: ") and "contrast" in line and "darken theme.colors.text" in line for line in lines
    )
    assert lines[-1].startswith("Error: pale: content OK, 0 errors, 0 warnings; preflight (a0-portrait): ")
    assert lines[-1].endswith("the print PDF is not ready for the print shop")
    assert not list(tmp_path.glob("**/*.pdf"))  # check writes nothing


def test_check_print_on_a3_passes(run, example):
    result = run("check", str(example), "--print", "--cmyk", "--crop-marks", "--layout", "a3-landscape")
    assert result.exit_code == 0, result.stderr
    assert result.stderr.splitlines()[-1] == (
        f"{example}: content OK, 0 errors, 0 warnings; preflight (a3-landscape): 0 errors, 0 warnings"
    )


def test_a_display_profile_is_a_clear_error(run, tmp_path, example):
    (tmp_path / "screen.icc").write_bytes(srgb_profile())
    result = run("build", str(example), "--format", "print", "--out", "out", "--output-intent", "screen.icc")
    assert result.exit_code == 1
    assert result.stderr.startswith("Error: screen.icc: this is a display profile, not an output (printer) profile")
    assert not (tmp_path / "out").exists()
