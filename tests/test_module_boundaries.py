"""Module boundaries: imports point one way between the stages and never in a circle; modules use each other's
public names only; the PDF renderer's page drawing is public for the slide deck.

The stages, lowest first (docs/architecture.md):
    base (errors, resources, files, fonts, fontcache, assets, cache, output, terminal) -> content (and i18n, progress) -> layout -> render
    -> print, slides -> build (and bundle, watch, serve) -> cli
A module may import its own stage and the ones below it. Every import counts: at the top of the file, inside a
function (imported late for speed) and under TYPE_CHECKING - a late import is still a dependency.
"""

from __future__ import annotations

import ast
import io
from dataclasses import replace
from pathlib import Path

import pikepdf
from test_render_samples import face, sample_doc

import poster
from poster.render import pdf, svg

PACKAGE = Path(poster.__file__).parent

# The stage of each part of the package (a subpackage counts as one part); lower may not import higher.
STAGES = {
    "poster": 0,
    "poster.errors": 0,
    "poster.resources": 0,
    "poster.cache": 0,
    "poster.atomic": 0,
    "poster.files": 0,
    "poster.output": 0,
    "poster.fonts": 0,
    "poster.fontcache": 0,
    "poster.assets": 0,
    "poster.terminal": 0,
    "poster.content": 1,
    "poster.i18n": 1,
    "poster.progress": 1,
    "poster.layout": 2,
    "poster.render": 3,
    "poster.print": 4,
    "poster.slides": 4,
    "poster.build": 5,
    "poster.bundle": 5,
    "poster.watch": 5,
    "poster.serve": 5,
    "poster.cli": 6,
    "poster.cli_common": 6,
    "poster.cli_progress": 6,
    "poster.cli_watch": 6,
    "poster.__main__": 6,
}
# File-level import cycles not yet taken apart. The list may only shrink: a cycle not listed fails, and so does
# a listed one that is gone (then delete it here).
KNOWN_CYCLES: list[list[str]] = []


def module_name(path: Path) -> str:
    parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = {module_name(path): path for path in sorted(PACKAGE.rglob("*.py"))}


def imports_of(path: Path, own: str = "") -> dict[str, int]:
    """The poster modules `path` (module `own`) imports anywhere in the file (-> the first line that does)."""
    found: dict[str, int] = {}
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names = [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            # `from poster.content import colors` imports the submodule, not the package's __init__.
            names = [
                f"{node.module}.{a.name}" if f"{node.module}.{a.name}" in MODULES else node.module for a in node.names
            ]
        else:
            continue
        for name in names:
            while name and name not in MODULES:
                name = name.rpartition(".")[0]
            if name.startswith("poster") and name != own:
                found.setdefault(name, node.lineno)
    return found


def import_graph() -> dict[str, dict[str, int]]:
    return {name: imports_of(path, name) for name, path in MODULES.items()}


def stage_of(module: str) -> int:
    part = ".".join(module.split(".")[:2])
    if part not in STAGES:
        raise AssertionError(f"{module}: give {part} a stage in STAGES (tests/test_module_boundaries.py)")
    return STAGES[part]


def cycles(graph: dict[str, dict[str, int]]) -> list[list[str]]:
    """The strongly connected components of more than one module (Tarjan), each sorted."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    found: list[list[str]] = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        for w in graph.get(v, {}):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = []
            while True:
                w = stack.pop()
                component.append(w)
                if w == v:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for v in sorted(graph):
        if v not in index:
            visit(v)
    return sorted(found)


def test_imports_point_down_the_stages():
    upward = [
        f"{MODULES[a].relative_to(PACKAGE.parent)}:{line}: {a} (stage {stage_of(a)}) imports {b} (stage {stage_of(b)})"
        for a, targets in import_graph().items()
        for b, line in targets.items()
        if stage_of(b) > stage_of(a)
    ]
    assert upward == [], "imports against the flow content -> layout -> render -> print/slides -> build -> cli:\n" + (
        "\n".join(upward)
    )


def test_no_file_level_import_cycle():
    graph = import_graph()
    found = cycles(graph)
    new = [c for c in found if c not in KNOWN_CYCLES]
    detail = "\n".join(
        f"{' <-> '.join(c)}: " + "; ".join(f"{a} -> {sorted(set(graph[a]) & set(c))}" for a in c) for c in new
    )
    assert new == [], "modules that import each other (directly or around a circle):\n" + detail
    gone = [c for c in KNOWN_CYCLES if c not in found]
    assert gone == [], f"no longer a cycle, remove from KNOWN_CYCLES: {gone}"


def test_the_cycle_finder_sees_a_cycle_and_a_late_import(tmp_path):
    assert cycles({"a": {"b": 1}, "b": {"c": 1}, "c": {"a": 1}, "d": {"a": 1}}) == [["a", "b", "c"]]
    module = tmp_path / "m.py"
    module.write_text("def f():\n    from poster.layout.engine import layout_poster\n", encoding="utf-8")
    assert "poster.layout.engine" in imports_of(module)


def private_uses(path: Path) -> list[str]:
    """`module._name` for a poster module imported into `path`, and `from poster.x import _name`."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    modules: set[str] = set()
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("poster"):
            for alias in node.names:
                modules.add(alias.asname or alias.name)
                if alias.name.startswith("_") and not alias.name.startswith("__"):
                    found.append(f"{path.relative_to(PACKAGE.parent)}:{node.lineno}: {node.module}.{alias.name}")
        elif isinstance(node, ast.Import):
            modules.update(a.asname or a.name.split(".")[0] for a in node.names if a.name.startswith("poster"))
    for node in ast.walk(tree):
        if (
            isinstance(node, ast.Attribute)
            and isinstance(node.value, ast.Name)
            and node.value.id in modules
            and node.attr.startswith("_")
            and not node.attr.startswith("__")
        ):
            found.append(f"{path.relative_to(PACKAGE.parent)}:{node.lineno}: {node.value.id}.{node.attr}")
    return found


def test_no_module_uses_another_modules_private_names():
    found = [use for path in sorted(PACKAGE.rglob("*.py")) for use in private_uses(path)]
    assert found == [], "private names used across modules (make them public):\n" + "\n".join(found)


def test_render_is_render_pages_with_one_page():
    doc = sample_doc()
    assert pdf.render(doc) == pdf.render_pages([doc])


def test_render_pages_gives_a_page_per_document_with_its_size_and_the_info_given():
    small = replace(sample_doc(), width_mm=100.0, height_mm=50.0)
    info = replace(small.info, title="Deck")
    data = pdf.render_pages([sample_doc(), small], info=info)
    with pikepdf.open(io.BytesIO(data)) as doc:
        sizes = [[round(float(v) / 72 * 25.4, 1) for v in page.MediaBox[2:]] for page in doc.pages]
        assert sizes == [[sample_doc().width_mm, sample_doc().height_mm], [100.0, 50.0]]
        assert str(doc.docinfo["/Title"]) == "Deck"


def test_css_family_name_cannot_break_out_of_its_quotes():
    f = face()
    assert svg.css_family_name(f) == f.svg_family
    hostile = replace(f, svg_family="Evil', serif; x: \"y\\")
    assert svg.css_family_name(hostile) == "Evil serif x: y"
