"""Text engine of the layout stage: measuring, breaking, hyphenating, balancing, fitting, placing."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from reportlab.pdfbase.pdfmetrics import stringWidth

from poster.content.model import Color, Language
from poster.fonts import family, register_pdf_face
from poster.layout.geometry import pt_to_mm
from poster.layout.hyphenate import HYPHEN, split_word
from poster.layout.text import (
    TextDoesNotFit,
    TextStyle,
    break_text,
    face_metrics_mm,
    fit_text,
    missing_characters,
    paragraph_items,
    text_width_mm,
)

FIRA = family("Fira Sans").face("regular")
FIRA_SEMI = family("Fira Sans").face("semibold")
LATO = family("Lato").face("regular")
BLACK = Color(0, 0, 0)

LONG_COMPOUNDS = [
    "gegevensbeschermingseffectbeoordeling",
    "informatiebeveiligingsbeleid",
    "datagedrevenwerkenprogramma",
]
VOCABULARY = LONG_COMPOUNDS + [
    "de",
    "het",
    "een",
    "en",
    "van",
    "met",
    "voor",
    "in",
    "op",
    "aan",
    "data",
    "gegevens",
    "beleid",
    "dashboard",
    "portaal",
    "organisatie",
    "medewerkers",
    "datakwaliteit",
    "architectuur",
    "governance",
    "inrichten",
    "opzetten",
    "Meierijstad",
    "creëren",
    "ideeën",
    "financiële",
    "coördinatie",
    "geïnformeerd",
    "naïef",
    "zeeën",
    "AVG",
    "BI",
    "KPI's",
    "ICT-beleid",
    "BI-omgeving",
    "Privacy-officer",
    "2025-Q1",
    "e-mail",
    "info@meierijstad.nl",
    "(pilot)",
    "team,",
    "werken.",
    "en/of",
    "art.\u00a012",
]


def style(face=FIRA, size=12.0, leading=1.25) -> TextStyle:
    return TextStyle(face, size, BLACK, leading)


def rejoin(lines: tuple[str, ...], words: list[str]) -> list[str]:
    """The words of the broken lines, with fragments split over a line end put back together.

    A line ending in "-" where the expected word does not continue with "-" had
    the hyphen inserted by hyphenation; it is dropped when rejoining.
    """
    out: list[str] = []
    carry = ""
    for line in lines:
        tokens = line.split(" ")
        tokens[0] = carry + tokens[0]
        carry = ""
        out.extend(tokens[:-1])
        last, expected = tokens[-1], words[len(out)] if len(out) < len(words) else ""
        if last == expected:
            out.append(last)
        elif expected.startswith(last):
            carry = last  # broken after an existing hyphen, dash or slash
        elif last.endswith("-") and expected.startswith(last[:-1]):
            carry = last[:-1]  # hyphen inserted
        else:
            out.append(last)  # let the comparison show the mismatch
    assert not carry, f"a fragment was left over: {carry!r}"
    return out


# -- measuring -----------------------------------------------------------------


@pytest.mark.parametrize("face", [FIRA, FIRA_SEMI, LATO])
@pytest.mark.parametrize(
    "text", ["Routekaart datagedreven werken", "creëren ideeën – financiële", "KPI's\u00a0AVG", "", "😀"]
)
@pytest.mark.parametrize("size", [7, 11.5, 18, 96])
def test_width_equals_reportlab_string_width(face, text, size):
    expected = pt_to_mm(stringWidth(text, register_pdf_face(face), size))
    assert text_width_mm(text, face, size) == expected


def test_face_metrics_are_hhea_and_height_formula():
    ascent, descent = face_metrics_mm(FIRA, 10)
    assert ascent == pytest.approx(pt_to_mm(10) * 0.935)
    assert descent == pytest.approx(pt_to_mm(10) * 0.265)
    par = break_text("een\ntwee\ndrie", style(size=10, leading=1.5), 100, "nl")
    assert par.line_height_mm == pytest.approx(pt_to_mm(15))
    assert par.height_mm == pytest.approx(2 * pt_to_mm(15) + ascent + descent)
    assert par.width_mm == max(par.widths_mm)


def test_missing_characters_finds_emoji_and_cjk_only():
    assert missing_characters("Data 😀 gedreven 数据\n\u00ad 😀", FIRA) == "😀数据"
    assert missing_characters("creëren ideeën – ‘financiële’ €\u00a05\n", FIRA) == ""


# -- breaking ------------------------------------------------------------------

dutchish = st.lists(st.sampled_from(VOCABULARY), min_size=1, max_size=18).map(" ".join)


@settings(max_examples=60, deadline=None)
@given(
    text=dutchish,
    width=st.floats(30, 140),
    size=st.sampled_from([9.0, 12.0, 16.5, 20.0]),
    face=st.sampled_from([FIRA, FIRA_SEMI, LATO]),
    balance=st.booleans(),
)
def test_wrapping_fits_and_loses_nothing(text, width, size, face, balance):
    par = break_text(text, style(face, size), width, "nl", balance=balance)
    for line, w in zip(par.lines, par.widths_mm):
        # Only a token with no break opportunity (an e-mail address) may overflow, alone on its line.
        assert w <= width + 1e-9 or (line in VOCABULARY and not split_word(line, "nl_NL").breaks), (line, w)
    assert par.widths_mm == tuple(text_width_mm(line, face, size) for line in par.lines)
    words = text.split(" ")
    assert rejoin(par.lines, words) == words
    for line in par.lines:
        assert line == line.strip() and "  " not in line


@pytest.mark.parametrize("word", LONG_COMPOUNDS)
def test_long_compounds_are_hyphenated_into_narrow_columns(word):
    par = break_text(word, style(size=14), 35, "nl")
    assert len(par.lines) > 1
    assert all(line.endswith("-") for line in par.lines[:-1])
    assert all(w <= 35 for w in par.widths_mm)
    assert "".join(line[:-1] for line in par.lines[:-1]) + par.lines[-1] == word
    assert min(len(line) for line in par.lines) >= 3  # at least 2 letters + hyphen, 3 letters after


@pytest.mark.parametrize(
    "token",
    [
        "AVG",
        "BI",
        "KPI's",
        "ICT",
        "2025-Q1",
        "e-mail",
        "info@meierijstad.nl",
        "https://www.meierijstad.nl",
        "www.meierijstad.nl",
        "COVID19",
        "DigiD",
        "Agile",
        "Beleid"[:5],
    ],
)
def test_no_hyphenation_points_in_acronyms_numbers_addresses_and_short_words(token):
    assert [k for _, k in split_word(token, "nl_NL").breaks if k == HYPHEN] == []


def test_acronyms_stay_whole_in_narrow_lines():
    text = "Rapportage KPI's en AVG met BI en ICT in 2025-Q1 per e-mail info@meierijstad.nl"
    par = break_text(text, style(size=12), 26, "nl")
    for token in ["KPI's", "AVG", "BI", "ICT", "2025-Q1", "e-mail"]:
        assert any(token in line.split(" ") for line in par.lines), (token, par.lines)


def test_existing_hyphens_are_used_before_hyphenation():
    s = style(size=12)
    for text, head, tail in [
        ("De Privacy-officer", "De Privacy-", "officer"),
        ("Nieuwe BI-omgeving", "Nieuwe BI-", "omgeving"),
    ]:
        # Room for more than the head (so hyphenation could take a syllable more) but not the whole text.
        width = (text_width_mm(head + tail[:3] + "-", FIRA, 12) + text_width_mm(text, FIRA, 12)) / 2
        assert break_text(text, s, width, "nl").lines == (head, tail)


def test_diaeresis_words_never_break_before_the_diaeresis():
    for word in ["creëren", "ideeën", "financiële", "coördinatie", "naïef", "geïnformeerd", "zeeën", "België"]:
        for pos, _ in split_word(word, "nl_NL").breaks:
            assert word[pos] not in "äëïöü", (word, pos)
    par = break_text("financiële coördinatie", style(size=12), 14, "nl")
    assert all(line.rstrip("-") in "financiële coördinatie" for line in par.lines), par.lines
    assert not any(line[0] in "ëïö" for line in par.lines)


def test_hyphenates_only_to_fill_a_line_left_too_empty():
    s = style(size=12)
    word = "informatiebeveiligingsbeleid"
    width = text_width_mm(f"{word} nu", FIRA, 12) + 1  # the word fits a line of its own
    # A nearly full line: the word moves down whole.
    full = "organisatie medewerkers"
    assert text_width_mm(full, FIRA, 12) > 0.65 * width
    assert break_text(f"{full} {word} nu", s, width, "nl").lines[:2] == (full, f"{word} nu")
    # A nearly empty line: the word is hyphenated to fill it.
    lines = break_text(f"aan {word} nu", s, width, "nl").lines
    assert lines[0].startswith("aan ") and lines[0].endswith("-")


def test_last_word_is_not_hyphenated_when_it_fits_a_line():
    s = style(size=12)
    word = "informatiebeveiligingsbeleid"
    width = text_width_mm(word, FIRA, 12) + 1
    assert break_text(f"aan {word}", s, width, "nl").lines == ("aan", word)


def test_newlines_are_hard_breaks_and_nbsp_does_not_break():
    par = break_text("Eerste regel\n\nDerde regel\n", style(size=12), 200, "nl")
    assert par.lines == ("Eerste regel", "", "Derde regel")
    text = "volgens art.\u00a012 van de wet"
    width = text_width_mm("volgens art.\u00a01", FIRA, 12)
    assert "art.\u00a012" in " ".join(break_text(text, style(size=12), width, "nl").lines).split(" ")


def test_english_uses_the_english_dictionary():
    width = text_width_mm("a organisational", FIRA, 12) - 1
    par = break_text("a organisational change", style(size=12), width, Language.EN)
    assert par.lines[0] == "a organisa-"


@pytest.mark.parametrize(
    "text, width, lines",
    [
        ("Samen bouwen aan een datagedreven gemeente Meierijstad", 180, 2),
        ("Routekaart datagedreven werken voor de gemeente Meierijstad in drie jaar", 170, 2),
        ("Een twee drie vier vijf zes zeven acht negen tien elf twaalf dertien", 150, 2),
    ],
)
def test_balance_keeps_line_count_with_a_narrower_widest_line(text, width, lines):
    s = style(FIRA_SEMI, 24)
    plain = break_text(text, s, width, "nl")
    even = break_text(text, s, width, "nl", balance=True)
    assert len(plain.lines) == len(even.lines) == lines
    assert even.width_mm < plain.width_mm
    assert " ".join(even.lines) == text
    # The narrowest possible: 0.1 mm less would need another line.
    assert len(break_text(text, s, even.width_mm - 0.1, "nl", balance=True).lines) > lines


# -- fitting -------------------------------------------------------------------


def test_fit_text_keeps_size_when_it_fits():
    par = fit_text("Dashboardportaal", style(size=18), 100, language="nl", min_pt=12)
    assert par.style.size_pt == 18


def test_fit_text_shrinks_in_half_points():
    word = "ABCDEFGHIJ"  # unbreakable
    width = text_width_mm(word, FIRA, 16.2)
    par = fit_text(word, style(size=18), width, language="nl", min_pt=12)
    assert par.style.size_pt == 16.0 and par.lines == (word,)


def test_fit_text_raises_width_overflow_at_min_size():
    word = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
    with pytest.raises(TextDoesNotFit) as info:
        fit_text(word, style(size=18), 30, language="nl", min_pt=12, element="plan.steps[dashboardportaal].title")
    err = info.value
    assert err.axis == "width" and err.element == "plan.steps[dashboardportaal].title" and err.text == word
    assert err.overflow_mm == pytest.approx(text_width_mm(word, FIRA, 12) - 30)
    assert str(err).startswith(
        f"plan.steps[dashboardportaal].title: 'ABCDEFGHIJKLMNOPQRSTUVWXYZ' is {err.overflow_mm:.1f} mm too wide at 12 pt (min)"
    )


def test_fit_text_raises_height_overflow_for_max_lines_and_height():
    text = "een twee drie vier vijf zes zeven acht negen tien"
    width = text_width_mm("een twee drie", FIRA, 12)
    with pytest.raises(TextDoesNotFit) as info:
        fit_text(text, style(size=14), width, language="nl", min_pt=12, max_lines=2)
    at_min = break_text(text, style(size=12), width, "nl")
    assert info.value.axis == "height"
    assert info.value.overflow_mm == pytest.approx((len(at_min.lines) - 2) * at_min.line_height_mm)
    with pytest.raises(TextDoesNotFit) as info:
        fit_text(text, style(size=14), width, language="nl", min_pt=12, max_height_mm=10)
    assert info.value.overflow_mm == pytest.approx(at_min.height_mm - 10)
    assert "too tall at 12 pt (min)" in str(info.value)


def test_fit_text_meets_max_lines_by_shrinking():
    text = "Datagestuurd werken in de hele organisatie"
    s = style(size=20)
    width = text_width_mm(text, FIRA, 17)
    assert len(break_text(text, s, width, "nl").lines) == 2
    par = fit_text(text, s, width, language="nl", min_pt=12, max_lines=1)
    assert len(par.lines) == 1 and 17 <= par.style.size_pt < 20


# -- placing -------------------------------------------------------------------


def test_paragraph_items_baselines_and_alignment():
    par = break_text("kort\neen langere regel\n\nlaatste", style(size=10), 200, "nl")
    y0 = 50.0
    left = paragraph_items(par, 10, y0, role="vision.statement", ref="v")
    assert [t.text for t in left] == ["kort", "een langere regel", "laatste"]  # the blank line draws nothing
    assert [t.y for t in left] == pytest.approx([y0 + par.ascent_mm + i * par.line_height_mm for i in (0, 1, 3)])
    assert all(t.x == 10 and t.role == "vision.statement" and t.ref == "v" for t in left)
    assert left[0].bbox.y == pytest.approx(y0)
    centred = paragraph_items(par, 10, y0, align="center", box_width_mm=100)
    for t in centred:
        assert t.x + t.width_mm / 2 == pytest.approx(60)
        assert t.width_mm == text_width_mm(t.text, FIRA, 10)
    right = paragraph_items(par, 10, y0, align="right")
    assert all(t.x + t.width_mm == pytest.approx(10 + par.width_mm) for t in right)


def test_fit_text_balances_at_the_chosen_size():
    text = "Een twee drie vier vijf zes zeven acht negen tien elf twaalf dertien"
    for start, expected_size in [(30, 27.5), (24, 24.0)]:
        par = fit_text(text, style(FIRA_SEMI, start), 150, language="nl", min_pt=16, max_lines=2, balance=True)
        assert par.style.size_pt == expected_size and len(par.lines) == 2
        assert par.lines == break_text(text, par.style, 150, "nl", balance=True).lines
    assert par.width_mm < break_text(text, par.style, 150, "nl").width_mm - 10  # at 24 pt balancing shows
