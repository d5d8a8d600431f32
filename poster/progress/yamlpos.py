"""Progress workflow: find where a value sits in a YAML file's text and splice a new one in.

PyYAML's composer gives every node its start and end offset in the text. A
changed value replaces exactly the characters of the old scalar (so its line,
trailing comment and quoting stay); a missing key becomes one new line with the
mapping's own indentation, placed after the key it follows in the format's key
order. Nothing else in the file is touched.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from poster.progress.errors import ProgressError
from poster.progress.source import SourceFile


@dataclass(frozen=True)
class Splice:
    """Replace text[start:end] by `text`; `seq` orders insertions at the same offset."""

    start: int
    end: int
    text: str
    seq: int = 0


def apply_splices(text: str, splices: Sequence[Splice]) -> str:
    # Applied from the end so earlier offsets stay valid; at equal offsets the
    # higher seq goes in first, which leaves the lower seq in front of it.
    for s in sorted(splices, key=lambda s: (s.start, s.seq), reverse=True):
        text = text[: s.start] + s.text + text[s.end :]
    return text


def compose(source: SourceFile) -> MappingNode | None:
    """The file's top-level mapping, or None for an empty file or another top-level shape."""
    try:
        node = yaml.compose(source.text, Loader=yaml.SafeLoader)
    except yaml.YAMLError as exc:
        raise ProgressError(f"{source.path}: YAML error: {exc}") from None
    return node if isinstance(node, MappingNode) else None


def get(mapping: MappingNode, key: str) -> tuple[Node, Node] | None:
    for k, v in mapping.value:
        if isinstance(k, ScalarNode) and k.value == key:
            return k, v
    return None


def section(top: MappingNode | None, name: str) -> MappingNode | None:
    found = get(top, name) if top is not None else None
    return found[1] if found and isinstance(found[1], MappingNode) else None


def items_by_id(mapping: MappingNode | None, list_key: str) -> dict[str, MappingNode]:
    """The mappings of `mapping[list_key]` keyed by their `id` (e.g. plan.steps)."""
    found = get(mapping, list_key) if mapping is not None else None
    if not found or not isinstance(found[1], SequenceNode):
        return {}
    items: dict[str, MappingNode] = {}
    for item in found[1].value:
        ident = get(item, "id") if isinstance(item, MappingNode) else None
        if ident and isinstance(ident[1], ScalarNode):
            # As the loader reads ids: stripped, in normal form C.
            items.setdefault(unicodedata.normalize("NFC", str(ident[1].value).strip()), item)
    return items


def where(source: SourceFile, node: Node) -> str:
    return f"{source.path}:{node.start_mark.line + 1}"


def render(value: str, style: str | None) -> str:
    """`value` (a plain YAML token: a word, number, boolean or date) in the given quoting style."""
    if style in ("'", '"'):
        return f"{style}{value}{style}"
    return value


def set_scalar(
    source: SourceFile,
    mapping: MappingNode,
    key: str,
    value: str,
    *,
    after: Sequence[str],
    before: Sequence[str] = (),
    seq: int = 0,
) -> Splice:
    """The splice that makes `mapping[key]` read `value`: replace it in place, or add a line.

    `after` lists the keys the new line may follow, nearest first; `before` the
    keys it may precede when none of those is there.
    """
    found = get(mapping, key)
    if found is None:
        return _insert(source, mapping, key, value, after, before, seq)
    k, v = found
    if not isinstance(v, ScalarNode) or not _own_scalar(source, k, v):
        raise ProgressError(
            f"{where(source, k)}: `{key}` is written with an anchor, alias, tag or block style; "
            f"change it by hand to `{key}: {value}`"
        )
    return Splice(v.start_mark.index, v.end_mark.index, render(value, v.style), seq)


def _own_scalar(source: SourceFile, k: Node, v: Node) -> bool:
    """A one-line scalar written right at this key (not an alias to a node elsewhere)."""
    if not isinstance(v, ScalarNode) or v.style not in (None, "'", '"'):
        return False
    if v.start_mark.index < k.end_mark.index or v.start_mark.line != v.end_mark.line:
        return False
    return source.text[v.start_mark.index] not in "&!*"


def _insert(source, mapping, key, value, after, before, seq) -> Splice:
    text = source.text
    entry = f"{key}: {value}"
    present = {k.value: (k, v) for k, v in mapping.value if isinstance(k, ScalarNode)}
    if mapping.flow_style:
        # `{id: a, end: 2025-Q3}`: add `, key: value` after the nearest anchor value.
        anchor = next((present[n][1] for n in after if n in present), mapping.value[-1][1])
        return Splice(anchor.end_mark.index, anchor.end_mark.index, f", {entry}", seq)
    indent = " " * mapping.value[0][0].start_mark.column
    for name in after:
        if name in present and _own_scalar(source, *present[name]):
            return _after_line(text, present[name][1].end_mark.index, indent + entry, source.newline, seq)
    for name in before:
        if name in present and _starts_line(text, present[name][0]):
            start = text.rfind("\n", 0, present[name][0].start_mark.index) + 1
            return Splice(start, start, indent + entry + source.newline, seq)
    last_k, last_v = mapping.value[-1]
    if _own_scalar(source, last_k, last_v):
        return _after_line(text, last_v.end_mark.index, indent + entry, source.newline, seq)
    raise ProgressError(f"{where(source, mapping)}: cannot find where to add `{key}`; add `{entry}` by hand")


def _after_line(text: str, index: int, line: str, newline: str, seq: int) -> Splice:
    """Insert `line` as a new line after the line holding offset `index` (after its comment)."""
    nl = text.find("\n", index)
    if nl == -1:  # last line without a line break: keep the file ending the way it did
        return Splice(len(text), len(text), newline + line, seq)
    return Splice(nl + 1, nl + 1, line + newline, seq)


def _starts_line(text: str, node: Node) -> bool:
    start = text.rfind("\n", 0, node.start_mark.index) + 1
    return text[start : node.start_mark.index].strip() == ""
