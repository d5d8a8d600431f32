"""Content stage: whatever YAML a folder holds, load() returns a model or diagnostics and never raises."""

from __future__ import annotations

import copy
import os
import tempfile
from datetime import date
from pathlib import Path

import yaml
from conftest import BASE, TODAY
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from poster.content import load
from poster.content.schema import SECTIONS
from poster.content.validate import ListOf, Obj


def _field_names() -> list[str]:
    names: set[str] = set()

    def walk(kind) -> None:
        if isinstance(kind, ListOf):
            walk(kind.item)
        elif isinstance(kind, Obj):
            for f in kind.fields:
                names.add(f.name)
                walk(f.kind)

    for section in SECTIONS.values():
        names.add(section.name)
        walk(section.kind)
    return sorted(names)


KEYS = st.one_of(st.sampled_from(_field_names()), st.text(max_size=12))
SCALARS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(10**6), max_value=10**6),
    st.floats(allow_nan=True, allow_infinity=True),
    st.dates(min_value=date(1, 1, 1)),
    st.text(max_size=30),
    st.sampled_from(
        [
            "2025-Q1",
            "2025-H3",
            "#1F3A5F",
            "cmyk(1,2,3,4)",
            "done",
            "planned",
            "mensen",
            "techniek",
            "portaal",
            "architectuur",
            "2,5",
            "80%",
            "../x.svg",
            "/etc/passwd",
            "assets/logo.svg",
            "Lato",
            "font.ttf",
            "",
            " ",
            "~",
            "<<",
        ]
    ),
)
VALUES = st.recursive(
    SCALARS,
    lambda children: st.one_of(
        st.lists(children, max_size=4),
        st.dictionaries(KEYS, children, max_size=5),
    ),
    max_leaves=25,
)
DOCUMENTS = st.dictionaries(KEYS, VALUES, max_size=6)

# Modest by default to keep `make test` quick; raise it for a long hunt, e.g.
# POSTER_HYPOTHESIS_EXAMPLES=3000 pytest tests/test_content_property.py
EXAMPLES = int(os.environ.get("POSTER_HYPOTHESIS_EXAMPLES", "100"))
SETTINGS = settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _load_text(files: dict[str, str | bytes]):
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        for name, body in files.items():
            (folder / name).write_bytes(body if isinstance(body, bytes) else body.encode("utf-8"))
        result = load(folder, today=TODAY)
    assert (result.roadmap is None) == any(d.is_error for d in result.diagnostics)
    for d in result.diagnostics:
        assert d.message and d.file is not None
        if d.line is not None:
            assert d.line >= 1 and d.column >= 1
    return result


def _dump(data) -> str:
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False)


@SETTINGS
@given(DOCUMENTS, DOCUMENTS)
def test_arbitrary_documents_never_raise(first, second):
    _load_text({"a.yaml": _dump(first), "b.yaml": _dump(second)})


def _leaf_paths(node, prefix=()):
    """Every path into the parsed example, so one of them can be replaced."""
    yield prefix
    if isinstance(node, dict):
        for key, value in node.items():
            yield from _leaf_paths(value, (*prefix, key))
    elif isinstance(node, list):
        for i, value in enumerate(node):
            yield from _leaf_paths(value, (*prefix, i))


BASE_DATA = yaml.safe_load(BASE)
BASE_PATHS = [p for p in _leaf_paths(BASE_DATA) if p]


@SETTINGS
@given(st.lists(st.tuples(st.sampled_from(BASE_PATHS), VALUES), min_size=1, max_size=4))
def test_mutated_roadmaps_never_raise(edits):
    data = copy.deepcopy(BASE_DATA)
    for path, value in edits:
        target = data
        try:
            for key in path[:-1]:
                target = target[key]
            target[path[-1]] = value
        except (KeyError, IndexError, TypeError):
            continue  # an earlier edit replaced the parent
    _load_text({"roadmap.yaml": _dump(data)})


@SETTINGS
@given(st.one_of(st.binary(max_size=200), st.text(max_size=200)))
def test_raw_bytes_and_text_never_raise(body):
    _load_text({"roadmap.yaml": body})


@SETTINGS
@given(st.integers(min_value=0, max_value=len(BASE) - 1), st.text(max_size=8))
def test_text_spliced_into_a_valid_file_never_raises(index, inserted):
    _load_text({"roadmap.yaml": BASE[:index] + inserted + BASE[index:]})
