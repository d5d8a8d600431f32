"""Content stage: mappings and lists of fields, validated node by node into `Record`s.

One pass reports every unknown key, missing field, wrong type and bad value in
a file; a `Record` keeps the parsed values together with their nodes, so the
cross-checks that follow (references, cycles, dates against the plan) can point
at the exact place too.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field
from typing import Any

from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from poster.content.fields import INVALID, Kind, ValidationContext, wrong_type
from poster.content.yamlsrc import MERGE_TAG, is_blank, join_path

# Keys a Dutch writer may type; only used to suggest the English key.
DUTCH_KEYS = {
    "titel": "title",
    "naam": "name",
    "doel": "goal",
    "stappen": "steps",
    "eigenaar": "owner",
    "omschrijving": "description",
    "beschrijving": "description",
    "pijler": "pillar",
    "pijlers": "pillars",
    "spoor": "pillar",
    "sporen": "pillars",
    "begin": "start",
    "einde": "end",
    "eind": "end",
    "voortgang": "progress",
    "afhankelijk_van": "depends_on",
    "mijlpalen": "milestones",
    "datum": "date",
    "kleur": "color",
    "kleuren": "colors",
    "colour": "color",
    "colours": "colors",
    "organisatie": "organisation",
    "organization": "organisation",
    "taal": "language",
    "versie": "version",
    "peildatum": "as_of",
    "ambities": "ambitions",
    "visie": "vision",
    "nulmeting": "baseline",
    "strategie": "strategy",
    "stappenplan": "plan",
    "resultaten": "results",
    "citaat": "quote",
    "bron": "source",
    "ondertitel": "subtitle",
    "hoogte": "height",
    "huidig": "current",
    "doelniveau": "target",
    "schaal": "scale",
    "dimensies": "dimensions",
    "gemeten": "measured",
    "opmerking": "note",
}


@dataclass(frozen=True)
class Field:
    name: str
    kind: Kind
    description: str
    required: bool = False


@dataclass
class Record:
    """A validated mapping: parsed values by field name, and the nodes they came from."""

    node: MappingNode
    path: str
    values: dict[str, Any] = field(default_factory=dict)
    nodes: dict[str, Node] = field(default_factory=dict)

    def get(self, name: str, default: Any = None) -> Any:
        return self.values.get(name, default)

    def node_of(self, name: str) -> Node:
        """The node of a field's value, or the mapping itself when the field is absent."""
        return self.nodes.get(name, self.node)

    def path_of(self, name: str) -> str:
        return join_path(self.path, name)


def closest_key(name: str, valid: list[str]) -> str | None:
    """The valid key a mistyped (or Dutch) key most likely meant."""
    hint = DUTCH_KEYS.get(name.lower())
    if hint in valid:
        return hint
    close = difflib.get_close_matches(name, valid, n=1, cutoff=0.6)
    return close[0] if close else None


def unknown_key_message(name: str, valid: list[str], what: str = "key") -> str:
    if name == "<<":
        return "merge keys (<<) are not supported; write the fields out"
    meant = closest_key(name, valid)
    if meant is not None:
        return f"unknown {what} '{name}' (did you mean '{meant}'?)"
    return f"unknown {what} '{name}'; valid {what}s here: {', '.join(valid)}"


def nullable(schema: dict) -> dict:
    """The schema that also accepts null (`subtitle:` left empty is taken as absent).

    Null is added inside the schema rather than with a wrapping anyOf, so an
    editor still says "'klaar' is not one of [...]" instead of a vague message.
    """
    s = dict(schema)
    if "enum" in s:
        s["enum"] = [*s["enum"], None]
    elif "anyOf" in s:
        s["anyOf"] = [*s["anyOf"], {"type": "null"}]
    elif "type" in s:
        types = s["type"] if isinstance(s["type"], list) else [s["type"]]
        s["type"] = [*types, "null"]
    return s


class Obj(Kind):
    """A mapping with known fields; unknown keys and missing required fields are errors."""

    def __init__(self, fields: list[Field], expect: str = "a mapping (key: value lines)"):
        self.fields = tuple(fields)
        self.by_name = {f.name: f for f in self.fields}
        self.expect = expect

    def parse(self, node: Node, path: str, ctx: ValidationContext) -> Any:
        if ctx.refused(node):
            return INVALID
        if not isinstance(node, MappingNode):
            return wrong_type(ctx, node, path, self.expect)
        record = Record(node, path)
        seen: set[str] = set()
        meant: set[str] = set()  # fields an unknown key probably meant: not reported missing too
        for key, value in node.value:
            name = self._key(key, path, ctx)
            if name is None or name in seen:  # a duplicate was reported when the file was read
                continue
            seen.add(name)
            if name in self.by_name:
                self._field(record, self.by_name[name], value, ctx)
            else:
                ctx.error(key, join_path(path, name), unknown_key_message(name, list(self.by_name)))
                guess = closest_key(name, list(self.by_name))
                if guess is not None:
                    meant.add(guess)
        for f in self.fields:
            if f.required and f.name not in seen and f.name not in meant:
                ctx.error(node, path, f"missing required field '{f.name}': {f.description}")
        return record

    @staticmethod
    def _key(key: Node, path: str, ctx: ValidationContext) -> str | None:
        if not isinstance(key, ScalarNode):
            ctx.error(key, path, "a key must be a plain name such as 'title', not a list or mapping")
            return None
        if key.tag == MERGE_TAG:
            return "<<"
        return key.value

    @staticmethod
    def _field(record: Record, f: Field, value: Node, ctx: ValidationContext) -> None:
        path = record.path_of(f.name)
        record.nodes[f.name] = value
        if is_blank(value) and not f.kind.blank_is_error(value, ctx) and not ctx.refused(value):
            if f.required:
                ctx.error(value, path, f"missing value: {f.description}")
            return  # an optional field left empty is simply absent
        parsed = f.kind.parse(value, path, ctx)
        if parsed is not INVALID:
            record.values[f.name] = parsed

    def schema(self) -> dict:
        properties = {}
        for f in self.fields:
            s = f.kind.schema() if f.required else nullable(f.kind.schema())
            properties[f.name] = {"description": f.description, **s}
        result = {"type": "object", "properties": properties, "additionalProperties": False}
        required = [f.name for f in self.fields if f.required]
        if required:
            result["required"] = required
        return result


class ListOf(Kind):
    """A list of items of one kind, with an optional count range the poster needs."""

    def __init__(self, item: Kind, noun: str, low: int = 0, high: int | None = None):
        self.item, self.noun, self.low, self.high = item, noun, low, high
        self.expect = f"a list of {noun}s (each item on a line starting with '- ')"

    def parse(self, node: Node, path: str, ctx: ValidationContext) -> Any:
        if ctx.refused(node):
            return INVALID
        if not isinstance(node, SequenceNode):
            return wrong_type(ctx, node, path, self.expect)
        items = []
        for i, item in enumerate(node.value):
            parsed = self.item.parse(item, f"{path}[{i}]", ctx)
            if parsed is not INVALID:
                items.append(parsed)
        self._check_count(node, path, ctx)
        return tuple(items)

    def _check_count(self, node: SequenceNode, path: str, ctx: ValidationContext) -> None:
        n = len(node.value)
        too_few = n < self.low
        too_many = self.high is not None and n > self.high
        if too_few or too_many:
            given = f"{n} {self.noun}{'' if n == 1 else 's'}"
            wanted = f"{self.low} to {self.high}" if self.high is not None else f"at least {self.low}"
            ctx.error(node, path, f"{given} given; the poster needs {wanted}")

    def schema(self) -> dict:
        s: dict = {"type": "array", "items": self.item.schema()}
        if self.low:
            s["minItems"] = self.low
        if self.high is not None:
            s["maxItems"] = self.high
        return s
