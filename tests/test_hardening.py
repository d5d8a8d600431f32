"""Hostile content, fixed: every case of the reliability campaign (issue 15) as a regression test.

Texts that are not Unicode, control characters, texts longer than a poster,
logos that only fail when drawn, pipes and devices where files should be. The
fuzz suite (test_fuzz.py) looks for new ones; these must never come back.
"""

from __future__ import annotations

import os
import sys

import pytest
from conftest import BASE, TODAY, at, edit, problems, write_files

from poster.content import load
from poster.content.fields import MAX_TEXT_CHARS

F = "roadmap.yaml"
TITLE = "  title: Routekaart datagedreven werken"
QE, QP, QK = '"Emoji', '"Plan', '"kpi'


def folder_with(tmp_path, text: str, **files):
    return write_files(tmp_path / "content", {F: text, **files})


# -- 1. text that is not Unicode -------------------------------------------------


def test_a_surrogate_pair_escape_is_read_as_the_character_with_a_warning(tmp_path):
    text = edit(BASE, TITLE, '  title: "Emoji \\ud83d\\ude00"')
    folder = folder_with(tmp_path, text)
    result = load(folder, today=TODAY)
    assert result.roadmap is not None and result.roadmap.meta.title == "Emoji \U0001f600"
    assert [d.format(relative_to=folder) for d in result.diagnostics] == [
        f"{F}:{at(text, QE)}: warning: meta.title: a character is written as a pair of \\u escapes "
        "(UTF-16), read as the character it stands for; type the character itself, or write it as one \\U "
        "escape (e.g. \\U0001F600)"
    ]


def test_a_lone_surrogate_is_an_error_naming_the_field(tmp_path):
    text = edit(BASE, TITLE, '  title: "Emoji \\ud83d"')
    assert problems(folder_with(tmp_path, text)) == [
        f"{F}:{at(text, QE)}: error: meta.title: the text holds U+D83D, half of a character written as "
        "two \\u escapes (a UTF-16 pair) with the other half missing; type the character itself, or write it "
        "as one \\U escape (e.g. \\U0001F600)"
    ]


# -- 4. control characters --------------------------------------------------------


def test_control_characters_are_removed_from_a_text_with_a_warning(tmp_path):
    text = edit(BASE, TITLE, '  title: "Plan\\e]0;pwned\\a\\e[2J\\N"')
    folder = folder_with(tmp_path, text)
    result = load(folder, today=TODAY)
    assert result.roadmap.meta.title == "Plan]0;pwned[2J"
    assert [d.format(relative_to=folder) for d in result.diagnostics] == [
        f"{F}:{at(text, QP)}: warning: meta.title: the control character U+001B was removed from the "
        "text (it has no place on a poster); remove the escape that writes it"
    ]


def test_a_control_character_in_an_id_is_an_error(tmp_path):
    text = edit(BASE, "    - id: architectuur", '    - id: "kpi\\e[2Jx"')
    found = problems(folder_with(tmp_path, text))
    assert found[0] == (
        f"{F}:{at(text, QK)}: error: plan.steps[0].id: contains the control character U+001B; remove it"
    )


def test_control_characters_reach_the_terminal_escaped(tmp_path, run):
    # A key is never parsed as a text, so its ESC is still in the message quoting it.
    text = edit(BASE, TITLE, TITLE + '\n  "x\\e]0;pwned\\a\\e[2J": 1')
    folder_with(tmp_path, text)
    result = run("check", "content")
    assert "\x1b" not in result.output and "\x07" not in result.output
    assert "unknown key 'x\\x1b]0;pwned\\x07" in result.output


def test_the_terminal_filter_escapes_controls_and_surrogates_but_not_text():
    from poster.terminal import safe

    assert safe("a\tb\nc é \U0001f600") == "a\tb\nc é \U0001f600"
    assert safe("\x1b[2J\x07\x85\x7f\ud83d") == "\\x1b[2J\\x07\\x85\\x7f\\ud83d"


# -- 7. smaller ---------------------------------------------------------------------


def test_contact_email_is_checked(tmp_path):
    text = edit(BASE, "    email: a.devries@example.nl", "    email: a.devries at example")
    assert problems(folder_with(tmp_path, text)) == [
        f"{F}:{at(text, 'a.devries at')}: error: meta.contact.email: 'a.devries at example' is not an e-mail "
        "address; write it as name@domain, e.g. a.devries@example.nl"
    ]


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs named pipes")
def test_a_yaml_pipe_is_skipped_with_a_warning_and_a_pipe_logo_is_not_called_a_folder(tmp_path):
    text = edit(BASE, TITLE, TITLE + "\n  logo: assets/logo.png")
    folder = folder_with(tmp_path, text)
    (folder / "assets").mkdir()
    os.mkfifo(folder / "assets" / "logo.png")
    os.mkfifo(folder / "extra.yaml")
    assert problems(folder) == [
        "extra.yaml: warning: not a regular file (a pipe, device or socket, or a broken link): skipped",
        f"{F}:{at(text, 'assets/logo.png')}: error: meta.logo: 'assets/logo.png' is not a regular file (a pipe, "
        "device or socket); give the path of an image file",
    ]


@pytest.mark.skipif(not os.path.exists("/dev/urandom"), reason="needs /dev/urandom")
def test_a_yaml_link_to_a_device_is_refused(tmp_path):
    folder = folder_with(tmp_path, BASE)
    (folder / "random.yaml").symlink_to("/dev/urandom")
    assert problems(folder) == [
        "random.yaml: error: the file is a link to a file outside the content folder; copy the file into the "
        "folder instead"
    ]


def test_a_logo_with_another_hard_link_gets_a_warning(tmp_path):
    from conftest import example_folder

    example = example_folder()
    if example is None:
        pytest.skip("needs the example logo")
    outside = tmp_path / "elsewhere.svg"
    outside.write_bytes((example / "assets" / "logo.svg").read_bytes())
    text = edit(BASE, TITLE, TITLE + "\n  logo: assets/logo.svg")
    folder = folder_with(tmp_path, text)
    (folder / "assets").mkdir()
    os.link(outside, folder / "assets" / "logo.svg")
    assert problems(folder) == [
        f"{F}:{at(text, 'assets/logo.svg')}: warning: meta.logo: the logo file has 1 other hard link(s), perhaps "
        "to a file outside the content folder; copy the file instead of linking it"
    ]


# -- 2. text longer than a poster ------------------------------------------------------


def test_a_text_longer_than_any_poster_can_show_is_refused_naming_field_and_length(tmp_path):
    long = "gemeenteraadsvergadering " * (MAX_TEXT_CHARS // 25 + 1)
    text = edit(BASE, "      text: Alle teams gebruiken data.", f"      text: {long.strip()}")
    assert problems(folder_with(tmp_path, text)) == [
        f"{F}:{at(text, 'gemeenteraads')}: error: vision.ambitions[0].text: the text is "
        f"{len(long.strip()):,} characters long; no poster can show more than {MAX_TEXT_CHARS:,} (a whole A0 "
        "page in its smallest type): shorten it"
    ]


def test_the_text_limit_is_more_than_any_shipped_layout_can_show():
    """MAX_TEXT_CHARS is derived from the layouts: each page, edge to edge, in its smallest type."""
    from poster.fonts import SHIPPED_FAMILIES, family
    from poster.layout.geometry import pt_to_mm
    from poster.layout.spec import available_layouts, load_layout
    from poster.layout.text import text_width_mm

    sample = "Wij zetten data in voor betere besluiten, samen met inwoners en partners in de regio."
    capacity = 0.0
    for name in available_layouts():
        spec = load_layout(name)
        for fam in SHIPPED_FAMILIES:
            face = family(fam).face("regular")
            char_mm = text_width_mm(sample, face, spec.min_text_pt) / len(sample)
            line_mm = pt_to_mm(spec.min_text_pt * 1.2)
            capacity = max(capacity, spec.width_mm * spec.height_mm / (char_mm * line_mm))
    assert 0.5 * MAX_TEXT_CHARS < capacity <= MAX_TEXT_CHARS


# -- 3. check runs the logo checks and the layout ---------------------------------------


def _png_claiming(width: int, height: int) -> bytes:
    import struct
    import zlib

    def chunk(kind: bytes, body: bytes) -> bytes:
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))

    ihdr = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", zlib.compress(b"\0" * 10)) + chunk(b"IEND", b"")


@pytest.mark.parametrize(
    "name, data, needle",
    [
        ("logo.png", _png_claiming(20000, 20000), "pixels"),
        ("logo.png", _png_claiming(4, 4)[:-20], "logo"),
        (
            "logo.svg",
            b'<?xml version="1.0"?><!DOCTYPE svg [<!ENTITY x "y">]><svg xmlns="http://www.w3.org/2000/svg" '
            b'viewBox="0 0 10 10">&x;</svg>',
            "logo",
        ),
        (
            "logo.svg",
            b'<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" '
            b'viewBox="0 0 10 10"><g id="a"><rect width="1" height="1"/></g>'
            + b"".join(
                b'<g id="%c">' % (98 + i) + b'<use xlink:href="#%c"/>' % (97 + i) * 10 + b"</g>" for i in range(8)
            )
            + b"</svg>",
            "<use>",
        ),
    ],
)
def test_check_refuses_a_logo_the_build_would_refuse(tmp_path, run, name, data, needle):
    text = edit(BASE, TITLE, TITLE + f"\n  logo: assets/{name}")
    folder_with(tmp_path, text, **{f"assets/{name}": data})
    result = run("check", "content")
    assert result.exit_code == 1, result.output
    assert needle in result.output and "OK" not in result.output


def test_check_lays_the_poster_out_and_reports_what_does_not_fit(tmp_path, run):
    word = "Gegevensverwerkingsovereenkomstenregisterbeheerderscommissievoorzitter" * 3
    text = edit(BASE, "    - title: Datagedreven cultuur", f"    - title: {word.upper()}")
    folder_with(tmp_path, text)
    result = run("check", "content")
    assert result.exit_code == 1
    assert "layout failed" in result.output and "vision.ambitions[0].title" in result.output


# -- 7. the slides with a long unbreakable pillar name -----------------------------------


def test_slides_break_a_pillar_name_too_wide_for_its_card(tmp_path):
    from poster.content import load_or_raise
    from poster.slides import layout_deck

    text = edit(BASE, "      name: Mensen\n", "      name: DATAGEDREVENWERKPROGRAMMA\n")
    roadmap, _ = load_or_raise(folder_with(tmp_path, text))
    slides = layout_deck(roadmap, _png_claiming(1, 1), (841, 1189))
    lines = [
        item.text
        for s in slides
        for item in s.document.items
        if getattr(item, "role", "") and "DATAGEDREVEN" in getattr(item, "text", "")
    ]
    assert lines, "the name is on a slide"


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX file modes")
def test_terminal_streams_are_wrapped_once(monkeypatch):
    import io

    from poster.terminal import SafeStream, protect_streams

    monkeypatch.setattr("sys.stdout", io.StringIO())
    monkeypatch.setattr("sys.stderr", io.StringIO())
    protect_streams()
    protect_streams()
    assert isinstance(sys.stdout, SafeStream) and not isinstance(sys.stdout._stream, SafeStream)


def test_texts_longer_together_than_any_poster_can_show_are_refused_where_they_cross_the_limit(tmp_path):
    half = "gegevens " * (MAX_TEXT_CHARS // 18 + 100)
    text = edit(BASE, "      text: Alle teams gebruiken data.", f"      text: {half.strip()}")
    text = edit(text, "  statement: Wij zetten data in voor betere besluiten.", f"  statement: {half.strip()}")
    [found] = problems(folder_with(tmp_path, text))
    where = at(text, "      text: gegevens", offset=len("      text: "))
    assert found.startswith(f"{F}:{where}: error: vision.ambitions[0].text: with this text the content holds ")
    assert found.endswith(
        f" characters of text; no poster can show more than {MAX_TEXT_CHARS:,} in all (a whole A0 page in its "
        "smallest type): shorten the texts"
    )


def test_a_text_far_too_tall_is_reported_from_an_estimate_without_breaking_it_all():
    from poster.fonts import family
    from poster.layout.text import TextDoesNotFit, TextStyle, fit_text

    style = TextStyle(family("Fira Sans").face("regular"), 12.0, "#000000")
    with pytest.raises(TextDoesNotFit) as err:
        fit_text("data " * 20000, style, 50.0, language="nl", min_pt=10.0, max_lines=2)
    assert err.value.axis == "height" and err.value.detail.startswith("at least ")
    assert err.value.detail.endswith(" lines, room for 2")
