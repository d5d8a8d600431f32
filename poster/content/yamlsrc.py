"""Content stage: read one YAML file safely into a tree of nodes that know their line and column.

We compose and never construct: nodes keep the exact text that was written (so
`title: No` stays "No"), every node has a position for diagnostics, and no tag
can make PyYAML build an object. Everything that makes a file unusable - too
big, not UTF-8, a syntax error, an alias bomb, a foreign tag, a duplicate key -
becomes a Diagnostic here; nothing raises.
"""

from __future__ import annotations

import codecs
import io
from dataclasses import dataclass
from pathlib import Path
from typing import ClassVar

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from poster.errors import Diagnostic, Severity
from poster.files import read_at_most

MAX_BYTES = 5 * 1024 * 1024
# A full roadmap has a few thousand values. The limit is checked while composing
# (pure-Python PyYAML composes ~25k values a second, so a huge file stops early)
# and again with aliases expanded, which stops a "billion laughs" file long
# before it costs time or memory.
MAX_VALUES = 50_000
_TOO_MANY = (
    f"the file holds more than {MAX_VALUES} values, counting what each alias (*name) repeats; a roadmap needs far fewer"
)

_CORE = "tag:yaml.org,2002:"
ALLOWED_TAGS = frozenset(_CORE + t for t in ("null", "bool", "int", "float", "str", "timestamp", "seq", "map", "merge"))
NULL_TAG = _CORE + "null"
MERGE_TAG = _CORE + "merge"

# Short hints for PyYAML's terse problems, keyed by the start of the problem text.
_HINTS = {
    "mapping values are not allowed": "if the ':' belongs to the text, put the whole text in quotes",
    "could not find expected ':'": "each line of a mapping needs 'key: value'; check the indentation "
    "and put texts with ':' or '#' in quotes",
    "expected <block end>": "check the indentation: items of one list or mapping must start in the same column",
    "found unexpected end of stream": "a quote or bracket is not closed",
    "but found another document": "a content file holds one document: remove the '---' line",
    "found undefined alias": "an alias (*name) needs an anchor (&name) earlier in the same file",
    "expected ',' or ']'": "a [flow list] is not closed, or an item with ':' needs quotes",
    "expected ',' or '}'": "a {flow mapping} is not closed, or a value with ':' needs quotes",
}


@dataclass(frozen=True)
class YamlFile:
    """One content file: its root node (None when unusable) and what went wrong reading it."""

    path: Path
    root: Node | None
    lines: tuple[str, ...]
    diagnostics: tuple[Diagnostic, ...]
    usable: bool  # False: nothing in the file can be used (unreadable, syntax error, alias bomb)
    rejected: tuple[Node, ...] = ()  # nodes with a foreign tag: reported, not validated


def diagnostic_at(node_or_mark, message: str, path: str = "", severity: Severity = Severity.ERROR) -> Diagnostic:
    """A diagnostic at a node's (or mark's) start; the file comes from the mark's name."""
    mark = getattr(node_or_mark, "start_mark", node_or_mark)
    return Diagnostic(severity, message, Path(mark.name), mark.line + 1, mark.column + 1, path)


def read_yaml(path: Path, data: bytes | None = None) -> YamlFile:
    """Read, decode and compose one file; every problem becomes a diagnostic.

    `data`, when given, is taken as the file's bytes instead of reading it (an
    edit checked before it is written).
    """
    problem = None
    if data is None:
        data, problem = _read_bytes(path)
    elif len(data) > MAX_BYTES:
        problem = _too_big(path, len(data))
    if problem is not None:
        return YamlFile(path, None, (), (problem,), False)
    text, problem = _decode(path, data)
    if problem is not None:
        return YamlFile(path, None, (), (problem,), False)
    lines = tuple(text.split("\n"))
    root, problem = _compose(path, text, lines)
    if problem is not None:
        return YamlFile(path, None, lines, (problem,), False)
    if root is None:
        message = "the file is empty; it should hold one or more sections (meta:, vision:, strategy:, plan:, ...)"
        return YamlFile(path, None, lines, (Diagnostic(Severity.ERROR, message, path, 1, 1),), True)
    diagnostics, usable, rejected = check_tree(root)
    return YamlFile(path, root, lines, tuple(diagnostics), usable, rejected)


def read_yaml_fast(path: Path, data: bytes | None = None) -> YamlFile:
    """`read_yaml`, composed entirely by libyaml (C) when it is there.

    For reading many versions of one folder (`poster history`). A file libyaml
    cannot compose is read by `read_yaml`, so its diagnostics are the usual
    ones; positions in a file libyaml composed may differ slightly at the end of
    a block, which is why the editing commands do not use this.
    """
    if data is None:
        data, problem = _read_bytes(path)
        if problem is not None:
            return YamlFile(path, None, (), (problem,), False)
    return _read_fast(path, data) or read_yaml(path, data)


def _c_loader() -> type | None:
    """libyaml's whole loader (C composer too), with each plain scalar's tag resolved once per text; None without it.

    PyYAML resolves every scalar's tag in Python, with regular expressions: a
    fifth of composing a file in C. Tags depend only on the text and how it was
    written (SafeLoader has no path resolvers), and the same texts come back in
    every version of a file.
    """
    base = getattr(yaml, "CSafeLoader", None)
    if base is None:
        return None

    class CachedTagLoader(base):  # type: ignore[valid-type, misc]
        tags: ClassVar[dict[tuple[str, tuple[bool, bool]], str]] = {}

        def resolve(self, kind, value, implicit):
            if kind is not ScalarNode:
                return super().resolve(kind, value, implicit)
            key = (value, implicit)
            tag = self.tags.get(key)
            if tag is None:
                if len(self.tags) >= 100_000:  # bounded: a long `poster watch` session reads many texts
                    self.tags.clear()
                tag = self.tags[key] = super().resolve(kind, value, implicit)
            return tag

    return CachedTagLoader


_C_LOADER = _c_loader()


def read_yaml_kept(path: Path, data: bytes | None, kept: dict, used: dict) -> YamlFile:
    """`read_yaml`, reused from `kept` when the file's path and bytes are the same; what was read goes into `used`.

    For `poster watch`: a rebuild reads again only the file that changed (each
    the reader `poster build` uses, so the diagnostics are the same). The caller
    keeps `used` for the next rebuild, so only the current versions are held.
    """
    if data is None:
        data, problem = _read_bytes(path)
        if problem is not None:
            return YamlFile(path, None, (), (problem,), False)
    key = (str(path), data)
    found = kept.get(key)
    if found is None:
        found = read_yaml(path, data)
    used[key] = found
    return found


def _read_fast(path: Path, data: bytes) -> YamlFile | None:
    loader_class = _C_LOADER
    if loader_class is None or len(data) > MAX_BYTES:
        return None
    text, problem = _decode(path, data)
    if problem is not None:
        return None
    stream = _NamedText(text)
    stream.name = str(path)  # libyaml takes the marks' file name from the stream
    loader = loader_class(stream)
    try:
        root = loader.get_single_node()
    except Exception:  # noqa: BLE001 - any problem: read_yaml reads the file again and reports it as always
        return None
    finally:
        loader.dispose()
    if root is None:
        return None
    diagnostics, usable, rejected = check_tree(root)
    return YamlFile(path, root, tuple(text.split("\n")), tuple(diagnostics), usable, rejected)


class _NamedText(io.StringIO):
    name = ""


def _read_bytes(path: Path) -> tuple[bytes, Diagnostic | None]:
    try:
        data, size = read_at_most(path, MAX_BYTES)
    except OSError as e:
        return b"", Diagnostic(Severity.ERROR, f"cannot read the file: {e.strerror or e}", path)
    if data is None:
        return b"", _too_big(path, size)
    return data, None


def _too_big(path: Path, size: int) -> Diagnostic:
    message = f"the file is {size / 1_048_576:.1f} MB; a content file may be at most 5 MB"
    return Diagnostic(Severity.ERROR, message, path, 1, 1)


def _decode(path: Path, data: bytes) -> tuple[str, Diagnostic | None]:
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        message = "the file is UTF-16; save it as UTF-8"
        return "", Diagnostic(Severity.ERROR, message, path, 1, 1)
    if data.startswith(codecs.BOM_UTF8):
        data = data[len(codecs.BOM_UTF8) :]  # editors on Windows add it; it means nothing
    try:
        return data.decode("utf-8"), None
    except UnicodeDecodeError as e:
        good = data[: e.start].decode("utf-8")
        line, column = line_column(good, len(good))
        message = (
            f"the file is not valid UTF-8: byte 0x{data[e.start]:02X} cannot be read; save the file with UTF-8 encoding"
        )
        return "", Diagnostic(Severity.ERROR, message, path, line, column)


def line_column(text: str, index: int) -> tuple[int, int]:
    """1-based line and column of a character index in text."""
    line = text.count("\n", 0, index) + 1
    column = index - (text.rfind("\n", 0, index) + 1) + 1
    return line, column


class _TooManyValues(Exception):
    pass


class _CountingLoader(yaml.SafeLoader):
    """SafeLoader that stops composing once a file holds more values than a roadmap could."""

    def compose_node(self, parent, index):
        self.composed = getattr(self, "composed", 0) + 1
        if self.composed > MAX_VALUES:
            raise _TooManyValues
        return super().compose_node(parent, index)


# Files up to this size are first composed from libyaml's events (below): every file that is read at all, since
# PyYAML's Python scanner needs 9 s for a 5 MB file (benchmarks/hostile.py), libyaml 0.2 s.
FAST_MAX_BYTES = MAX_BYTES


def _fast_loader() -> type | None:
    """A loader whose scanner and parser are libyaml's (C) and whose composer is PyYAML's, counting; None without libyaml.

    PyYAML's pure-Python scanner and parser are nine tenths of reading a
    content folder (38 ms for the example, on every `poster watch` rebuild);
    libyaml's give the same events in 3 ms. The composer stays PyYAML's own
    Python code, so MAX_VALUES is counted while composing and deep nesting
    ends in a RecursionError (libyaml also refuses more than 1000 levels).
    Tags, values, scalar styles (a plain scalar's is None) and start
    positions are PyYAML's; a collection's flow_style may differ (False where
    PyYAML says None), and the content stage does not read it.
    """
    try:
        from yaml._yaml import CParser
    except ImportError:
        return None
    from yaml.composer import Composer
    from yaml.resolver import Resolver

    class FastLoader(Composer, CParser, Resolver):
        def __init__(self, stream):
            CParser.__init__(self, stream)
            Composer.__init__(self)
            Resolver.__init__(self)
            self.composed = 0

        def compose_node(self, parent, index):
            self.composed += 1
            if self.composed > MAX_VALUES:
                raise _TooManyValues
            return super().compose_node(parent, index)

        def compose_scalar_node(self, anchor):
            node = super().compose_scalar_node(anchor)
            node.style = node.style or None  # a plain scalar: libyaml's events say '', PyYAML's None
            return node

    return FastLoader


_FAST_LOADER = _fast_loader()


def _compose_fast(path: Path, text: str) -> Node | None:
    """The file's root node composed from libyaml's events; raises on any problem (the caller reads it again)."""
    assert _FAST_LOADER is not None
    stream = _NamedText(text)
    stream.name = str(path)  # libyaml takes the marks' file name from the stream
    loader = _FAST_LOADER(stream)
    try:
        return loader.get_single_node()
    finally:
        loader.dispose()


def _compose(path: Path, text: str, lines: tuple[str, ...]) -> tuple[Node | None, Diagnostic | None]:
    if _FAST_LOADER is not None and len(text) <= FAST_MAX_BYTES:
        try:
            return _compose_fast(path, text), None
        except _TooManyValues:
            return None, Diagnostic(Severity.ERROR, _TOO_MANY, path, 1, 1)
        except Exception:  # noqa: BLE001 - any problem: PyYAML's Python reader finds it and words the diagnostic
            pass
    loader = None
    try:
        loader = _CountingLoader(text)
        loader.name = str(path)  # marks take the file name from the loader
        return loader.get_single_node(), None
    except _TooManyValues:
        return None, Diagnostic(Severity.ERROR, _TOO_MANY, path, 1, 1)
    except yaml.reader.ReaderError as e:
        line, column = line_column(text, e.position)
        message = f"the file contains the control character U+{e.character:04X}, which YAML does not allow; remove it"
        return None, Diagnostic(Severity.ERROR, message, path, line, column)
    except yaml.MarkedYAMLError as e:
        return None, _syntax_diagnostic(path, e, lines)
    except RecursionError:
        message = "the file nests lists or mappings too deeply to be a roadmap"
        return None, Diagnostic(Severity.ERROR, message, path, 1, 1)
    finally:
        if loader is not None:
            loader.dispose()


def _syntax_diagnostic(path: Path, e: yaml.MarkedYAMLError, lines: tuple[str, ...]) -> Diagnostic:
    mark = e.problem_mark or e.context_mark
    line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
    tab = _indent_tab(lines, line)
    if tab is not None or "'\\t'" in (e.problem or ""):
        if tab is not None:
            column = tab
        message = "a tab in the indentation: YAML indents with spaces only; replace the tab with spaces"
        return Diagnostic(Severity.ERROR, message, path, line, column)
    if (e.context or "").startswith("while scanning a quoted scalar") and e.context_mark:
        # The scanner fails where the file ends; the fix is where the quote opened.
        message = "YAML syntax error: a quoted text is not closed; add the closing quote"
        return Diagnostic(Severity.ERROR, message, path, e.context_mark.line + 1, e.context_mark.column + 1)
    problem = e.problem or e.context or "syntax error"
    message = f"YAML syntax error: {problem}"
    if e.context and e.context_mark and e.problem_mark and e.context_mark.line != e.problem_mark.line:
        message += f" ({e.context} started at line {e.context_mark.line + 1})"
    for start, hint in _HINTS.items():
        if problem.startswith(start):
            message += f"; {hint}"
            break
    return Diagnostic(Severity.ERROR, message, path, line, column)


def _indent_tab(lines: tuple[str, ...], line: int) -> int | None:
    """The 1-based column of a tab in the leading whitespace of a line, if any."""
    if not 1 <= line <= len(lines):
        return None
    text = lines[line - 1]
    indent = text[: len(text) - len(text.lstrip(" \t"))]
    return indent.index("\t") + 1 if "\t" in indent else None


def check_tree(root: Node) -> tuple[list[Diagnostic], bool, tuple[Node, ...]]:
    """Tags, duplicate keys and the expanded size of the whole tree, in one iterative pass.

    Aliases make the tree a graph; each node is visited once and its expanded size
    memoised, so a billion-laughs file is measured in microseconds and rejected.
    Returns the diagnostics, whether the tree may be validated at all, and the
    nodes whose tag was refused (validation skips them).
    """
    if _plain_tree(root):
        return [], True, ()
    sizes: dict[int, int] = {}
    on_path: set[int] = set()
    diagnostics: list[Diagnostic] = []
    rejected: list[Node] = []
    stack: list[tuple[Node, str, bool]] = [(root, "", False)]
    while stack:
        node, path, finished = stack.pop()
        key = id(node)
        if finished:
            on_path.discard(key)
            sizes[key] = 1 + sum(sizes[id(child)] for child in _children(node))
            if sizes[key] > MAX_VALUES:
                return [Diagnostic(Severity.ERROR, _TOO_MANY, Path(root.start_mark.name), 1, 1)], False, ()
            continue
        if key in sizes:
            continue
        if key in on_path:
            message = "an alias (*name) refers to the list or mapping it is part of; remove the recursion"
            return [diagnostic_at(node, message, path)], False, ()
        on_path.add(key)
        if node.tag not in ALLOWED_TAGS:
            diagnostics.append(diagnostic_at(node, _tag_message(node.tag), path))
            rejected.append(node)
        if isinstance(node, MappingNode):
            diagnostics.extend(_duplicate_keys(node, path))
        stack.append((node, path, True))
        for child, child_path in _children_with_paths(node, path):
            if id(child) not in sizes:
                stack.append((child, child_path, False))
    return diagnostics, True, tuple(rejected)


def _plain_tree(root: Node) -> bool:
    """Whether the tree is what nearly every content file is: no alias, no foreign tag, no repeated key, not too big.

    Such a tree has nothing to report, and this pass (no paths, no sizes) costs a
    third of `check_tree`'s full one; anything else is left to the full pass.
    """
    seen: set[int] = set()
    stack = [root]
    while stack:
        node = stack.pop()
        key = id(node)
        if key in seen or node.tag not in ALLOWED_TAGS:
            return False  # an alias (the node is reached twice) or a tag to report
        seen.add(key)
        if isinstance(node, MappingNode):
            names = set()
            for k, v in node.value:
                if not isinstance(k, ScalarNode) or k.tag == MERGE_TAG or k.value in names:
                    return False
                names.add(k.value)
                stack.append(k)
                stack.append(v)
        elif isinstance(node, SequenceNode):
            stack.extend(node.value)
    return len(seen) <= MAX_VALUES


def _tag_message(tag: str) -> str:
    shown = "!!" + tag[len(_CORE) :] if tag.startswith(_CORE) else tag
    return (
        f"the tag '{shown}' is not allowed: content files hold only plain texts, numbers, dates, "
        "lists and mappings; remove the tag"
    )


def _children(node: Node):
    if isinstance(node, MappingNode):
        for k, v in node.value:
            yield k
            yield v
    elif isinstance(node, SequenceNode):
        yield from node.value


def _children_with_paths(node: Node, path: str):
    if isinstance(node, MappingNode):
        for k, v in node.value:
            child_path = join_path(path, k.value) if isinstance(k, ScalarNode) else path
            yield k, path
            yield v, child_path
    elif isinstance(node, SequenceNode):
        for i, item in enumerate(node.value):
            yield item, f"{path}[{i}]"


def _duplicate_keys(node: MappingNode, path: str) -> list[Diagnostic]:
    first_line: dict[str, int] = {}
    found = []
    for k, _ in node.value:
        if not isinstance(k, ScalarNode) or k.tag == MERGE_TAG:
            continue
        if k.value in first_line:
            message = (
                f"duplicate key '{k.value}' (first at line {first_line[k.value]}); "
                "YAML would silently keep only one: remove or rename one of them"
            )
            found.append(diagnostic_at(k, message, join_path(path, k.value)))
        else:
            first_line[k.value] = k.start_mark.line + 1
    return found


def join_path(path: str, name: str) -> str:
    return f"{path}.{name}" if path else name


def is_blank(node: Node) -> bool:
    """A value that says nothing: `key:`, `key: ~`, `key: null` or `key: ""`."""
    if not isinstance(node, ScalarNode):
        return False
    return node.tag == NULL_TAG or not node.value.strip()


def describe(node: Node) -> str:
    """What a node is, in the words of a message: 'a list', 'a mapping', 'the text 'x''."""
    if isinstance(node, MappingNode):
        return "a mapping (key: value lines)"
    if isinstance(node, SequenceNode):
        return "a list"
    if is_blank(node):
        return "nothing"
    text = node.value if len(node.value) <= 40 else node.value[:37] + "..."
    return f"'{text}'"
