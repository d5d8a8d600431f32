"""Content files are composed from libyaml's events (yamlsrc._compose_fast): the same nodes as PyYAML's own reader.

The fast path only replaces PyYAML's pure-Python scanner and parser; its
composer, tags, values and positions must be exactly those of the Python path,
and anything it cannot read goes to the Python path for the usual diagnostics.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from poster.content import yamlsrc
from poster.resources import data_dir

pytestmark = pytest.mark.skipif(yamlsrc._FAST_LOADER is None, reason="PyYAML without libyaml: no fast path")

SHAPES = [
    "a: 1\nb: [x, 'y', \"z\"]\nc: {d: e, f: [1, 2]}\n",
    'plan:\n  steps:\n    - id: a\n      title: "Eén stap: met dubbele punt"\n      progress: 40%\n',
    "base: &b {x: 1}\nuse: *b\nmerged:\n  <<: *b\n  y: 2\n",
    "text: |\n  regel een\n  regel twee\nfolded: >-\n  een\n  twee\n\nleeg:\nnul: ~\n",
    "datum: 2026-03-15\nja: yes\ngetal: 1.5e3\nstr: !!str 12\n",
    "- a\n- - b\n  - c\n- {k: v}\n",
    "# alleen commentaar\nkey: 'quoted # not a comment'  # a comment\n",
    "theme:\n  colors:\n    primary: #1F3A5F  # unquoted: a comment\n    accent: \"#B8461B\"\n    leeg: ''\n",
]


def nodes(node):
    """Everything the content stage reads from a node: kind, tag, value, a scalar's style, start position; recursively.

    (Not a collection's flow_style: libyaml says False where PyYAML says None, and content does not read it.)
    """
    mark = (node.start_mark.name, node.start_mark.line, node.start_mark.column)
    if isinstance(node, yaml.ScalarNode):
        return ("scalar", node.tag, node.value, node.style, mark)
    if isinstance(node, yaml.SequenceNode):
        return ("seq", node.tag, mark, [nodes(c) for c in node.value])
    return ("map", node.tag, mark, [(nodes(k), nodes(v)) for k, v in node.value])


def python_path(path: Path, text: str):
    loader = yamlsrc._CountingLoader(text)
    loader.name = str(path)
    try:
        return loader.get_single_node()
    finally:
        loader.dispose()


def shipped_content() -> list[Path]:
    return sorted(data_dir("content").rglob("*.yaml")) + sorted(data_dir("layouts").rglob("*.yaml"))


@pytest.mark.parametrize("text", SHAPES)
def test_the_fast_path_composes_what_pyyaml_composes(text):
    path = Path("c/x.yaml")
    assert nodes(yamlsrc._compose_fast(path, text)) == nodes(python_path(path, text))


def test_every_shipped_file_composes_alike():
    files = shipped_content()
    assert files
    for path in files:
        text = path.read_text(encoding="utf-8")
        assert nodes(yamlsrc._compose_fast(path, text)) == nodes(python_path(path, text)), path


@pytest.mark.parametrize(
    "text, words",
    [
        ("a: [1, 2\n", "YAML syntax error"),
        ("a:\n\t- b\n", "a tab in the indentation"),
        ("a: 'open\n", "a quoted text is not closed"),
        ("[" * 5000 + "]" * 5000 + "\n", ""),
        ("a: *nowhere\n", "alias"),
    ],
)
def test_what_the_fast_path_cannot_read_is_reported_by_the_python_path(tmp_path, text, words):
    path = tmp_path / "x.yaml"
    path.write_text(text, encoding="utf-8")
    result = yamlsrc.read_yaml(path)
    assert result.diagnostics and all(d.file == path for d in result.diagnostics if d.file)
    assert words in " ".join(d.message for d in result.diagnostics)


def test_too_many_values_stop_the_fast_path_too(tmp_path):
    path = tmp_path / "x.yaml"
    path.write_text("[" + ", ".join("1" for _ in range(yamlsrc.MAX_VALUES + 10)) + "]\n", encoding="utf-8")
    result = yamlsrc.read_yaml(path)
    assert not result.usable
    assert "more than" in result.diagnostics[0].message
