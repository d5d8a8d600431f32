"""Content stage: `poster schema` - a draft-07 JSON Schema from the validator's own field definitions."""

from __future__ import annotations

import json
from datetime import date

import jsonschema
import pytest
import yaml
from click.testing import CliRunner
from conftest import BASE, edit

from poster.cli import main
from poster.content.schema import SECTIONS, json_schema
from poster.content.template import render_template


class EditorLoader(yaml.SafeLoader):
    """Reads YAML roughly as an editor's YAML 1.2 language server does: dates stay strings."""


EditorLoader.add_constructor("tag:yaml.org,2002:timestamp", lambda loader, node: loader.construct_scalar(node))


def validator() -> jsonschema.Draft7Validator:
    schema = json_schema()
    jsonschema.Draft7Validator.check_schema(schema)
    return jsonschema.Draft7Validator(schema)


def errors(text: str) -> list[str]:
    return [e.message for e in validator().iter_errors(yaml.load(text, Loader=EditorLoader))]


def test_schema_is_valid_draft_07():
    schema = json_schema()
    assert schema["$schema"] == "http://json-schema.org/draft-07/schema#"
    jsonschema.Draft7Validator.check_schema(schema)


def test_no_section_is_required_because_content_may_be_split():
    schema = json_schema()
    assert "required" not in schema
    assert set(schema["properties"]) == set(SECTIONS)
    assert errors("quote:\n  text: Alleen een citaat.\n") == []


def test_every_field_has_a_description():
    def walk(node, path):
        if isinstance(node, dict):
            for name, sub in node.get("properties", {}).items():
                assert sub.get("description"), f"{path}.{name} has no description"
            for key, value in node.items():
                walk(value, f"{path}.{key}")
        elif isinstance(node, list):
            for i, item in enumerate(node):
                walk(item, f"{path}[{i}]")

    walk(json_schema(), "")


def test_accepts_the_test_roadmap():
    assert errors(BASE) == []


@pytest.mark.parametrize("name", sorted(render_template(date(2026, 1, 1))))
def test_accepts_every_init_file(name):
    assert errors(render_template(date(2026, 1, 1))[name]) == []


def test_accepts_every_file_of_the_example(example):
    files = sorted(example.glob("*.yaml"))
    assert files
    for path in files:
        assert errors(path.read_text(encoding="utf-8")) == [], path.name


@pytest.mark.parametrize(
    ("old", "new", "fragment"),
    [
        ("      status: done\n", "      status: klaarr\n", "'klaarr' is not one of"),
        ("  language: nl", "  language: de", "'de' is not one of"),
        ("    - id: portaal\n      title:", "    - id: portaal\n      titel:", "'titel' was unexpected"),
        ("quote:\n", "qoute:\n", "'qoute' was unexpected"),
        ('      color: "#0B7A75"', '      color: "blue"', "does not match"),
        ("      progress: 60\n", "      progress: 160\n", "160 is greater than the maximum of 100"),
        ("    - title: Betrouwbare data\n", "", "is too short"),
        ("  end: 2027-12", "  end: juni 2027", "does not match"),
    ],
)
def test_rejects_what_the_loader_rejects(old, new, fragment):
    assert BASE.count(old) == 1
    found = errors(BASE.replace(old, new))
    assert any(fragment in message for message in found), found


def test_cli_prints_the_schema_on_stdout_only():
    result = CliRunner().invoke(main, ["schema"])
    assert result.exit_code == 0
    assert json.loads(result.stdout) == json_schema()
    assert result.stderr == ""


# Forms the loader accepts (it is forgiving where that costs nothing): the schema must accept them too.
FORGIVEN = [
    ("      done: true\n", "      done: ja\n"),
    ("      done: true\n", "      done: Nee\n"),
    ("      done: true\n", "      done: YES\n"),
    ("      done: true\n", '      done: "off"\n'),
    ("current: 2,", "current: 2.50,"),
    ("current: 2,", 'current: "2,5",'),
    ("current: 2,", 'current: "2.50",'),
    ("current: 2,", "current: '3.0',"),
    ("      progress: 60\n", '      progress: "60"\n'),
    ("      progress: 60\n", "      progress: 60.0\n"),
    ("      progress: 60\n", "      progress: 60%\n"),
    ("      progress: 60\n", '      progress: "60 %"\n'),
    ("      progress: 60\n", '      progress: "60,0"\n'),
    ("  horizon: 5\n", '  horizon: "5"\n'),
    ("height: 30}", "height: 30 mm}"),
    ("height: 30}", 'height: "30"}'),
    ("height: 30}", 'height: "30,5"}'),
    ("      status: in_progress\n", "      status: In progress\n"),
    ("      status: in_progress\n", "      status: in-progress\n"),
    ("      status: in_progress\n", "      status: bezig\n"),
    ("      status: done\n", "      status: Gereed\n"),
    ("  language: nl", "  language: NL"),
    ("position: left", "position: Left"),
]


@pytest.mark.parametrize(("old", "new"), FORGIVEN, ids=[new.strip() for _, new in FORGIVEN])
def test_accepts_what_the_loader_accepts(check_text, old, new):
    text = edit(BASE, old, new)
    assert [p for p in check_text(text) if ": error: " in p] == []
    assert errors(text) == []
