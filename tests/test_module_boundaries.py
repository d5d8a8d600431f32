"""Modules use each other's public names only; the PDF renderer's page drawing is public for the slide deck."""

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
