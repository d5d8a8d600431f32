"""Content stage: hostile and broken files give one clear error each and never raise.

How long they take is measured by benchmarks/hostile.py (`make bench`), not asserted here."""

from __future__ import annotations

import tracemalloc

from conftest import BASE, TODAY, at, edit, write_files

from poster.content import load
from poster.content.yamlsrc import MAX_BYTES, MAX_VALUES

TOO_MANY = (
    f"the file holds more than {MAX_VALUES} values, counting what each alias (*name) repeats; a roadmap needs far fewer"
)

F = "roadmap.yaml"


def test_python_tag_is_refused_and_named(check_text):
    text = edit(BASE, "  subtitle: Van plan naar praktijk", "  subtitle: !!python/object/apply:os.system [echo hi]")
    assert check_text(text) == [
        f"{F}:{at(text, '!!python')}: error: meta.subtitle: the tag '!!python/object/apply:os.system' is not "
        "allowed: content files hold only plain texts, numbers, dates, lists and mappings; remove the tag"
    ]


def test_local_tag_is_refused(check_text):
    text = edit(BASE, "  subtitle: Van plan naar praktijk", "  subtitle: !secret x")
    assert check_text(text) == [
        f"{F}:{at(text, '!secret')}: error: meta.subtitle: the tag '!secret' is not allowed: content files hold "
        "only plain texts, numbers, dates, lists and mappings; remove the tag"
    ]


def billion_laughs(levels: int = 9) -> str:
    lines = ['a0: &a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    for i in range(1, levels + 1):
        lines.append(f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 9) + "]")
    lines.append(f"vision:\n  benefits: *a{levels}")
    return "\n".join(lines) + "\n"


def test_billion_laughs_fails_fast_and_small(check_text):
    # Time is measured by benchmarks/hostile.py (the "laughs" input), not asserted here.
    tracemalloc.start()
    found = check_text(billion_laughs(9))
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert found == [f"{F}:1:1: error: {TOO_MANY}"]
    assert peak < 200 * 1024 * 1024


def test_a_file_with_too_many_values_stops_while_composing(check_text):
    step = "    - {{id: s{i}, title: Stap {i}, pillar: techniek, start: 2025, end: 2025}}\n"
    text = "plan:\n  steps:\n" + "".join(step.format(i=i) for i in range(MAX_VALUES // 10))
    assert check_text(text) == [f"{F}:1:1: error: {TOO_MANY}"]


def test_recursive_alias(check_text):
    # The alias is the anchored node itself, so the position is where the anchor is.
    assert check_text("vision: &v\n  benefits: [*v]\n") == [
        f"{F}:1:9: error: vision.benefits[0]: an alias (*name) refers to the list or mapping it is part of; "
        "remove the recursion"
    ]


def test_harmless_aliases_are_fine(check_text):
    text = edit(BASE, "  ambitions:\n", "  ambitions: &amb\n")
    text = edit(text, "  benefits: [Betere besluiten, Minder dubbel werk]", "  benefits: [Betere besluiten, *t]")
    text = edit(text, "    - title: Betrouwbare data", "    - title: &t Betrouwbare data")
    assert check_text(text) == []


def test_file_over_5_mb_is_refused_before_reading(tmp_path):
    folder = write_files(tmp_path, {F: BASE})
    with (folder / "big.yaml").open("wb") as f:
        f.truncate(MAX_BYTES + 1)  # sparse: the loader must not read it
    found = [d.format(relative_to=folder) for d in load(folder, today=TODAY).diagnostics]
    assert found == ["big.yaml:1:1: error: the file is 5.0 MB; a content file may be at most 5 MB"]


def test_not_utf8_points_at_the_first_bad_byte(check_text):
    text = edit(BASE, "  subtitle: Van plan naar praktijk", "  subtitle: Van plan naar praktijk, één")
    data = text.encode("utf-8").replace("één".encode(), "één".encode("latin-1"))
    assert check_text(data) == [
        f"{F}:{at(text, 'één')}: error: the file is not valid UTF-8: byte 0xE9 cannot be read; "
        "save the file with UTF-8 encoding"
    ]


def test_utf8_bom_is_fine(check_text):
    assert check_text(b"\xef\xbb\xbf" + BASE.encode("utf-8")) == []


def test_utf8_bom_does_not_shift_columns(check_text):
    text = edit(BASE, "  language: nl", "  language: xx")
    found = check_text(b"\xef\xbb\xbf" + text.encode("utf-8"))
    assert found == [f"{F}:{at(text, 'xx')}: error: meta.language: unknown language 'xx'; use one of nl, en"]


def test_utf16_is_named(check_text):
    assert check_text(BASE.encode("utf-16")) == [f"{F}:1:1: error: the file is UTF-16; save it as UTF-8"]


def test_tab_in_indentation(check_text):
    text = edit(BASE, "  subtitle: Van", "\tsubtitle: Van")
    assert check_text(text) == [
        f"{F}:{at(text, chr(9))}: error: a tab in the indentation: YAML indents with spaces only; "
        "replace the tab with spaces"
    ]


def test_tab_after_spaces_in_indentation(check_text):
    text = edit(BASE, "      title: Portaal met dashboards", "    \t  title: Portaal met dashboards")
    assert check_text(text) == [
        f"{F}:{at(text, chr(9))}: error: a tab in the indentation: YAML indents with spaces only; "
        "replace the tab with spaces"
    ]


def test_duplicate_key_is_an_error_at_the_second(check_text):
    text = edit(BASE, "      progress: 60\n", "      progress: 60\n      progress: 70\n")
    assert check_text(text) == [
        f"{F}:{at(text, 'progress: 70')}: error: plan.steps[1].progress: duplicate key 'progress' "
        f"(first at line {at(text, 'progress: 60').split(':')[0]}); YAML would silently keep only one: "
        "remove or rename one of them"
    ]


def test_duplicate_section_in_one_file(check_text):
    text = BASE + "quote:\n  text: Twee keer.\n"
    assert check_text(text) == [
        f"{F}:{at(text, 'quote:', 2)}: error: quote: duplicate key 'quote' (first at line "
        f"{at(text, 'quote:').split(':')[0]}); YAML would silently keep only one: remove or rename one of them"
    ]


def test_empty_file(check_text):
    message = "error: the file is empty; it should hold one or more sections (meta:, vision:, strategy:, plan:, ...)"
    assert f"{F}:1:1: {message}" in check_text("")
    assert f"{F}:1:1: {message}" in check_text("# only a comment\n")


def test_empty_file_beside_good_ones(tmp_path):
    folder = write_files(tmp_path, {F: BASE, "leeg.yaml": ""})
    assert [d.format(relative_to=folder) for d in load(folder, today=TODAY).diagnostics] == [
        "leeg.yaml:1:1: error: the file is empty; it should hold one or more sections "
        "(meta:, vision:, strategy:, plan:, ...)"
    ]


def test_special_characters_are_kept_verbatim(tmp_path):
    odd = "Data & <ethiek> ]]> \"quotes\" 'single' “curly” — 🚀 😀"
    text = edit(BASE, "  subtitle: Van plan naar praktijk", f"  subtitle: '{odd.replace(chr(39), chr(39) * 2)}'")
    text = edit(text, "      title: Portaal met dashboards", f"      title: {odd.replace('&', 'en')}")
    result = load(write_files(tmp_path, {F: text}), today=TODAY)
    assert result.diagnostics == ()
    assert result.roadmap.meta.subtitle == odd
    assert result.roadmap.plan.steps[1].title == odd.replace("&", "en")


def test_syntax_error_position_and_message(check_text):
    text = edit(BASE, "      title: Portaal met dashboards", "      title: Portaal: met dashboards")
    assert check_text(text) == [
        f"{F}:{at(text, ': met')}: error: YAML syntax error: mapping values are not allowed here; "
        "if the ':' belongs to the text, put the whole text in quotes"
    ]


def test_unclosed_quote_points_where_it_opened(check_text):
    text = edit(BASE, "  source: Gemeente Voorbeeld", "  source: 'Gemeente Voorbeeld")
    assert check_text(text) == [
        f"{F}:{at(text, chr(39) + 'Gemeente')}: error: YAML syntax error: a quoted text is not closed; "
        "add the closing quote"
    ]


def test_bad_indentation(check_text):
    text = edit(BASE, "    - title: Betrouwbare data", "   - title: Betrouwbare data")
    found = check_text(text)
    assert len(found) == 1 and "YAML syntax error" in found[0] and "indentation" in found[0]


def test_two_documents(check_text):
    found = check_text(BASE + "---\nx: 1\n")
    line = BASE.count("\n") + 1
    assert found == [
        f"{F}:{line}:1: error: YAML syntax error: but found another document (expected a single document in "
        "the stream started at line 1); a content file holds one document: remove the '---' line"
    ]


def test_control_character(check_text):
    text = edit(BASE, "  subtitle: Van plan", "  subtitle: Van\x07 plan")
    assert check_text(text) == [
        f"{F}:{at(text, chr(7))}: error: the file contains the control character U+0007, which YAML does not "
        "allow; remove it"
    ]


def test_deep_nesting(check_text):
    found = check_text("vision: " + "[" * 5000 + "]" * 5000 + "\n")
    assert found[0] == f"{F}:1:1: error: the file nests lists or mappings too deeply to be a roadmap"


def test_complex_key(check_text):
    text = edit(BASE, "  source: Gemeente Voorbeeld\n", "  source: Gemeente Voorbeeld\n  ? [a, b]\n  : x\n")
    assert check_text(text) == [
        f"{F}:{at(text, '[a, b]')}: error: quote: a key must be a plain name such as 'title', not a list or mapping"
    ]


def test_merge_key(check_text):
    text = edit(BASE, "  source: Gemeente Voorbeeld\n", "  source: Gemeente Voorbeeld\n  <<: {x: 1}\n")
    assert check_text(text) == [
        f"{F}:{at(text, '<<')}: error: quote.<<: merge keys (<<) are not supported; write the fields out"
    ]
