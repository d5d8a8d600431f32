"""Content stage: a folder of files - sections across files, missing sections, assets and fonts."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from conftest import BASE, TODAY, at, edit, problems, write_files

from poster.content import load
from poster.fonts import SHIPPED_FAMILIES

F = "roadmap.yaml"


def split(text: str) -> dict[str, str]:
    """BASE split into one file per section (a.yaml holds meta, ...), to test multi-file rules."""
    files: dict[str, str] = {}
    current = None
    for line in text.splitlines(keepends=True):
        if line[:1].isalpha():
            current = line.split(":")[0] + ".yaml"
        files[current] = files.get(current, "") + line
    return files


def test_split_folder_loads_like_one_file(tmp_path):
    folder = write_files(tmp_path, split(BASE))
    assert len(list(folder.glob("*.yaml"))) == 8
    assert problems(folder) == []
    one = load(write_files(tmp_path / "one", {F: BASE}), today=TODAY).roadmap
    many = load(folder, today=TODAY).roadmap
    assert one.plan == many.plan and one.meta == many.meta


def test_yml_files_are_read_and_hidden_files_ignored(tmp_path):
    files = split(BASE)
    files["vision.yml"] = files.pop("vision.yaml")
    files[".#plan.yaml"] = "this: [is an editor's lock file"
    folder = write_files(tmp_path, files)
    assert problems(folder) == []


def test_a_section_in_two_files_names_both(tmp_path):
    files = split(BASE)
    files["z.yaml"] = "quote:\n  text: Nog een citaat.\n"
    folder = write_files(tmp_path, files)
    assert problems(folder) == [
        "z.yaml:1:1: error: quote: section 'quote' is in both quote.yaml (line 1) and z.yaml; keep it in one file"
    ]


def test_missing_sections_are_errors_of_the_folder(tmp_path):
    files = split(BASE)
    del files["plan.yaml"], files["results.yaml"]
    folder = write_files(tmp_path, files)
    assert problems(folder)[0] == (
        ".: error: missing section 'plan' (the stappenplan: period, steps with dates and status, "
        "milestones); add it to one of the files"
    )


def test_empty_required_section(check_text):
    text = edit(BASE, "  source: Gemeente Voorbeeld\n", "  source: Gemeente Voorbeeld\nvision_x: 1\n")
    text = edit(text, "vision:\n  statement", "vision:\nx:\n  statement")
    found = check_text(text)
    assert found[0] == (
        f"{F}:{at(text, 'vision:', offset=7)}: error: vision: the section 'vision' is empty: it needs the vision "
        "statement, ambitions, benefits, preconditions"
    )


def test_top_level_must_be_a_mapping(check_text):
    found = check_text("- meta\n- plan\n")
    assert f"{F}:1:1: error: expected sections at the top of the file (meta:, vision:, ...), found a list" in found


def test_folder_without_yaml(tmp_path):
    assert problems(tmp_path) == [
        ".: error: no content files: the folder has no *.yaml files (run `poster init DIR` to start one)"
    ]


def test_folder_that_does_not_exist(tmp_path):
    missing = tmp_path / "nope"
    assert problems(missing) == [".: error: the content folder does not exist"]
    assert load(missing).diagnostics[0].format() == f"{missing}: error: the content folder does not exist"


def test_diagnostics_are_sorted_by_file_line_column(tmp_path):
    files = split(BASE)
    files["plan.yaml"] = edit(files["plan.yaml"], "pillar: mensen", "pillar: x")
    files["meta.yaml"] = edit(files["meta.yaml"], "  language: nl", "  language: xx")
    files["meta.yaml"] = edit(files["meta.yaml"], "  as_of: 2026-03-15", "  as_of: gisteren")
    found = [d.split(": ")[0] for d in problems(write_files(tmp_path, files))]
    assert found == sorted(found, key=lambda s: (s.split(":")[0], int(s.split(":")[1]), int(s.split(":")[2])))
    assert len(found) == 4  # the lane of 'mensen' is now empty, too


# --- assets -------------------------------------------------------------------

SVG = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><rect width="10" height="10"/></svg>'


def with_logo(value: str) -> str:
    return edit(BASE, "  as_of: 2026-03-15\n", f"  as_of: 2026-03-15\n  logo: {value}\n")


def test_logo_inside_the_folder_is_stored_absolute(tmp_path):
    folder = write_files(tmp_path / "c", {F: with_logo("assets/logo.svg"), "assets/logo.svg": SVG})
    result = load(folder, today=TODAY)
    assert result.diagnostics == ()
    assert result.roadmap.meta.logo == (folder / "assets" / "logo.svg").resolve()
    assert result.roadmap.meta.logo.is_absolute()


@pytest.mark.parametrize(
    ("value", "message"),
    [
        (
            "/etc/logo.svg",
            "'/etc/logo.svg' is an absolute path; give a path relative to the content folder, e.g. assets/logo.svg",
        ),
        (
            "../logo.svg",
            "'../logo.svg' points outside the content folder; keep the file inside it, e.g. assets/logo.svg",
        ),
        (
            "assets/../../logo.svg",
            "'assets/../../logo.svg' points outside the content folder; keep the file inside it, e.g. assets/logo.svg",
        ),
        ("assets/missing.svg", "file 'assets/missing.svg' not found in the content folder"),
        ("assets/logo.gif", "the logo 'assets/logo.gif' must be an SVG or PNG file (.svg or .png)"),
        ("assets/fake.png", "'assets/fake.png' is not a PNG image (its contents do not start like one)"),
        ("assets", "the logo 'assets' must be an SVG or PNG file (.svg or .png)"),
    ],
)
def test_bad_logo(tmp_path, value, message):
    (tmp_path / "logo.svg").write_text(SVG)
    text = with_logo(value)
    folder = write_files(tmp_path / "c", {F: text, "assets/logo.gif": "GIF89a", "assets/fake.png": "not a png"})
    assert problems(folder) == [f"{F}:{at(text, value)}: error: meta.logo: {message}"]


def test_logo_symlink_leaving_the_folder(tmp_path):
    (tmp_path / "secret.svg").write_text(SVG)
    text = with_logo("assets/logo.svg")
    folder = write_files(tmp_path / "c", {F: text})
    (folder / "assets").mkdir()
    os.symlink(tmp_path / "secret.svg", folder / "assets" / "logo.svg")
    assert problems(folder) == [
        f"{F}:{at(text, 'assets/logo.svg')}: error: meta.logo: 'assets/logo.svg' is a link to a file outside "
        "the content folder; copy the file into the folder instead"
    ]


# --- fonts --------------------------------------------------------------------


def with_fonts(heading: str) -> str:
    return edit(BASE, "heading: fira sans", f"heading: {heading}")


def test_shipped_family_names_are_case_insensitive(tmp_path):
    folder = write_files(tmp_path, {F: with_fonts("LATO")})
    fonts = load(folder, today=TODAY).roadmap.theme.fonts
    assert (fonts.heading, fonts.body) == ("Lato", "Lato")
    assert set(SHIPPED_FAMILIES) == {"Fira Sans", "Lato"}


def test_truetype_file_in_the_folder(tmp_path):
    folder = write_files(tmp_path, {F: with_fonts("fonts/Eigen.ttf")})
    (folder / "fonts").mkdir()
    shutil.copy(SHIPPED_FAMILIES["Lato"].face("regular").path, folder / "fonts" / "Eigen.ttf")
    result = load(folder, today=TODAY)
    assert result.diagnostics == ()
    assert result.roadmap.theme.fonts.heading == (folder / "fonts" / "Eigen.ttf").resolve()


def _cff_font(path: Path) -> None:
    from fontTools.fontBuilder import FontBuilder
    from fontTools.pens.t2CharStringPen import T2CharStringPen

    fb = FontBuilder(1000, isTTF=False)
    fb.setupGlyphOrder([".notdef", "A"])
    fb.setupCharacterMap({65: "A"})
    pen = T2CharStringPen(500, None)
    pen.moveTo((0, 0)), pen.lineTo((500, 0)), pen.lineTo((250, 700)), pen.closePath()
    charstrings = {".notdef": pen.getCharString(), "A": pen.getCharString()}
    fb.setupCFF("Test-Regular", {"FullName": "Test"}, charstrings, {})
    fb.setupHorizontalMetrics({".notdef": (500, 0), "A": (500, 0)})
    fb.setupHorizontalHeader(ascent=800, descent=-200)
    fb.setupNameTable({"familyName": "Test", "styleName": "Regular"})
    fb.setupOS2()
    fb.setupPost()
    fb.save(str(path))


@pytest.mark.parametrize(
    ("value", "prepare", "message"),
    [
        (
            "cff.ttf",
            _cff_font,
            "'cff.ttf' has PostScript (CFF) outlines; the PDF needs a TrueType-outline (glyf) "
            "font: use the .ttf version of the font",
        ),
        ("broken.ttf", lambda p: p.write_bytes(b"\0\1\0\0 not a font"), "'broken.ttf' is not a readable font file"),
        ("font.otf", None, "the font file 'font.otf' must be a TrueType font (.ttf)"),
        ("missing.ttf", None, "file 'missing.ttf' not found in the content folder"),
        (
            "../Lato.ttf",
            None,
            "'../Lato.ttf' points outside the content folder; keep the file inside it, e.g. assets/logo.svg",
        ),
        (
            "Arial",
            None,
            "unknown font 'Arial'; use a shipped family (Fira Sans, Lato) or a .ttf file in the content folder",
        ),
    ],
)
def test_bad_font(tmp_path, value, prepare, message):
    text = with_fonts(value)
    folder = write_files(tmp_path, {F: text})
    if prepare is not None:
        prepare(folder / value)
    found = problems(folder)
    assert len(found) == 1
    assert found[0].startswith(f"{F}:{at(text, value)}: error: theme.fonts.heading: {message}")


# --- a collection that could not be read is not also reported as empty, once per reference ----------------------


def _example_with(tmp_path, name: str, old: str, new: str) -> Path:
    folder = tmp_path / "meierijstad"
    shutil.copytree(Path(__file__).parents[1] / "content" / "meierijstad", folder)
    path = folder / name
    path.write_text(edit(path.read_text(encoding="utf-8"), old, new), encoding="utf-8")
    return folder


def test_a_syntax_error_in_the_pillars_file_is_the_only_error(tmp_path):
    folder = _example_with(tmp_path, "strategie.yaml", "strategy:\n", "strategy:\n  intro: [niet gesloten\n")
    errors = [d for d in load(folder, today=TODAY).diagnostics if d.is_error]
    assert [d.file.name for d in errors] == ["strategie.yaml"]
    assert errors[0].message.startswith("YAML syntax error")


def test_a_syntax_error_in_the_plan_file_is_the_only_error(tmp_path):
    folder = _example_with(tmp_path, "stappenplan.yaml", "plan:\n", "plan:\n  start: [niet gesloten\n")
    diagnostics = load(folder, today=TODAY).diagnostics
    assert [(d.file.name, d.is_error) for d in diagnostics] == [("stappenplan.yaml", True)]


def test_a_misspelt_list_key_is_not_followed_by_an_error_per_reference(tmp_path):
    folder = _example_with(tmp_path, "nulmeting.yaml", "  dimensions:\n", "  dimensies:\n")
    errors = [d for d in load(folder, today=TODAY).diagnostics if d.is_error]
    assert [(d.path, d.message) for d in errors] == [
        ("baseline.dimensies", "unknown key 'dimensies' (did you mean 'dimensions'?)")
    ]


def test_references_to_an_optional_section_that_is_absent_are_still_errors(tmp_path):
    files = split(BASE)
    del files["baseline.yaml"]
    folder = write_files(tmp_path, files)
    assert [p.split(": ", 2)[2] for p in problems(folder)] == [
        "strategy.pillars[0].dimensions[0]: unknown dimension 'cultuur': there are no dimensions "
        "(baseline.dimensions is missing or empty)",
        "strategy.pillars[0].dimensions[1]: unknown dimension 'leiderschap': there are no dimensions "
        "(baseline.dimensions is missing or empty)",
        "strategy.pillars[1].dimensions[0]: unknown dimension 'techniek': there are no dimensions "
        "(baseline.dimensions is missing or empty)",
    ]


def test_a_content_file_linking_outside_the_folder_is_refused_unread(tmp_path):
    secret = tmp_path / "elders" / "geheim.yaml"
    secret.parent.mkdir()
    secret.write_text("geheim-wachtwoord: x\n", encoding="utf-8")
    folder = write_files(tmp_path / "c", split(BASE))
    os.symlink(secret, folder / "extra.yaml")
    found = problems(folder)
    assert found == [  # named as the link, relative to the folder the link is in
        "extra.yaml: error: the file is a link to a file outside the content folder; "
        "copy the file into the folder instead",
    ]
    assert "geheim-wachtwoord" not in "".join(found)


def test_a_content_file_linking_inside_the_folder_is_read(tmp_path):
    files = split(BASE)
    folder = write_files(tmp_path / "c", {name: body for name, body in files.items() if name != "plan.yaml"})
    (folder / "bron").mkdir()
    (folder / "bron" / "plan.yaml").write_text(files["plan.yaml"], encoding="utf-8")
    os.symlink(folder / "bron" / "plan.yaml", folder / "plan.yaml")
    assert problems(folder) == []


def test_a_yaml_link_in_a_loop_is_skipped_like_any_other_non_file(tmp_path):
    folder = write_files(tmp_path / "c", split(BASE))
    os.symlink(folder / "lus.yaml", folder / "lus.yaml")
    # Skipped, and said so (issue 15: a file that is skipped silently looks like a lost edit).
    assert problems(folder) == [
        "lus.yaml: warning: not a regular file (a pipe, device or socket, or a broken link): skipped"
    ]
