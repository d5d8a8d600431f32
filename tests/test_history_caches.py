"""What makes `poster history` fast gives exactly what a plain reading gives.

The history reads each commit's YAML once per git blob, composes it with
libyaml (tags looked up once per text), checks plain trees with a lighter pass,
and keeps validated sections from one commit to the next (SectionMemo). Each of
these is compared here with the reading it replaces.
"""

from __future__ import annotations

import io
import os
import shutil
import subprocess
import tarfile
from datetime import date
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from poster.content import fields, loader, yamlsrc
from poster.content.loader import SectionMemo, load
from poster.progress import history as history_module
from poster.progress.history import Point, point_of, read_history
from poster.resources import example_content

needs_libyaml = pytest.mark.skipif(yamlsrc._C_LOADER is None, reason="PyYAML without libyaml")


# --- check_tree: the light pass for plain trees ------------------------------------------------------------------


@st.composite
def yaml_texts(draw) -> str:
    """Flow-style YAML with what check_tree looks for: repeated keys, tags (allowed and foreign), anchors, aliases."""
    anchors: list[str] = []

    def node(depth: int) -> str:
        kind = draw(st.sampled_from(["scalar", "scalar", "alias", "list", "map"] if depth < 3 else ["scalar"]))
        if kind == "alias" and anchors:
            return "*" + draw(st.sampled_from(anchors))
        tag = draw(st.sampled_from(["", "", "", "!!str ", "!!int ", "!foo ", "!!python/name:os.system "]))
        anchor = ""
        if draw(st.booleans()) and depth:
            anchor = f"&a{len(anchors)} "
        if kind == "list":
            body = "[" + ", ".join(node(depth + 1) for _ in range(draw(st.integers(0, 3)))) + "]"
        elif kind == "map":
            keys = draw(st.lists(st.sampled_from(["a", "b", "c", "<<"]), max_size=3))
            body = "{" + ", ".join(f"{k}: {node(depth + 1)}" for k in keys) + "}"
        else:
            body = draw(st.sampled_from(["1", "x", "'q'", "2026-01-01", "~", "yes"]))
        if anchor:
            anchors.append(anchor[1:-1])
        return f"{tag if kind == 'scalar' else ''}{anchor}{body}"

    return node(0) + "\n"


def _full_pass(root, monkeypatch):
    with monkeypatch.context() as m:
        m.setattr(yamlsrc, "_plain_tree", lambda _root: False)
        return yamlsrc.check_tree(root)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=yaml_texts())
def test_the_light_pass_agrees_with_the_full_one(text, monkeypatch):
    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError:
        return  # e.g. a merge key with a scalar value: not a tree to check
    if root is None:
        return
    assert yamlsrc.check_tree(root) == _full_pass(root, monkeypatch)


def test_the_light_pass_takes_only_plain_trees(monkeypatch):
    plain = yaml.compose("a: [1, {b: 2}]\nc: x\n", Loader=yaml.SafeLoader)
    assert yamlsrc._plain_tree(plain)
    for text in ("a: &x 1\nb: *x\n", "a: 1\na: 2\n", "a: !foo 1\n", "a: &m {x: 1}\nb: {<<: *m}\n"):
        root = yaml.compose(text, Loader=yaml.SafeLoader)
        assert not yamlsrc._plain_tree(root), text
        assert yamlsrc.check_tree(root) == _full_pass(root, monkeypatch)
    big = yaml.compose("[" + ", ".join("1" for _ in range(yamlsrc.MAX_VALUES + 1)) + "]", Loader=yaml.SafeLoader)
    assert not yamlsrc._plain_tree(big)


# --- libyaml's composer with tags looked up once per text --------------------------------------------------------


def _nodes(node):
    mark = (node.start_mark.line, node.start_mark.column)
    if isinstance(node, yaml.ScalarNode):
        return ("scalar", node.tag, node.value, node.style, mark)
    if isinstance(node, yaml.SequenceNode):
        return ("seq", node.tag, mark, [_nodes(c) for c in node.value])
    return ("map", node.tag, mark, [(_nodes(k), _nodes(v)) for k, v in node.value])


@needs_libyaml
@settings(max_examples=100, deadline=None)
@given(words=st.lists(st.sampled_from(["1", "1.5", "yes", "No", "~", "null", "2026-01-02", "0x1F", "'1'", "x"])))
def test_cached_tags_are_the_tags_libyaml_gives(words):
    text = "".join(f"k{i}: {w}\n" for i, w in enumerate(words)) + "l: [" + ", ".join(words) + "]\n"
    for _ in range(2):  # the second time every tag comes from the cache
        assert _nodes(yamlsrc._C_LOADER(text).get_single_node()) == _nodes(yaml.CSafeLoader(text).get_single_node())


# --- SectionMemo: sections kept from one load to the next --------------------------------------------------------


def _loads_alike(folder: Path, memo: SectionMemo, parsed: dict) -> None:
    """A load with the memo (and files read once per content) equals a load without either."""

    def read(path: Path, data: bytes | None) -> yamlsrc.YamlFile:
        raw = path.read_bytes()
        key = (path.name, raw)
        if key not in parsed:
            parsed[key] = yamlsrc.read_yaml_fast(path, raw)
        return parsed[key]

    fast = load(folder, read=read, memo=memo, today=date(2026, 5, 1))
    plain = load(folder, read=yamlsrc.read_yaml_fast, today=date(2026, 5, 1))
    assert fast.diagnostics == plain.diagnostics
    assert fast.roadmap == plain.roadmap


def _replace(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_the_memo_gives_what_validating_again_gives(tmp_path, monkeypatch):
    folder = tmp_path / "c"
    shutil.copytree(example_content(), folder)
    chars = _text_chars(folder)
    # The limit on all texts together just above the example's, so one longer text crosses it.
    monkeypatch.setattr(fields, "MAX_TEXT_CHARS", chars + 40)
    monkeypatch.setattr(loader, "MAX_TEXT_CHARS", chars + 40)
    memo, parsed = SectionMemo(), {}
    plan, meta, vision = folder / "stappenplan.yaml", folder / "poster.yaml", folder / "visie.yaml"
    # A warning in a file that stays the same: it comes with the section from the memo.
    _replace(vision, "- title: Datagedreven cultuur", '- title: "Datagedreven\\a cultuur"')
    _loads_alike(folder, memo, parsed)
    assert any("control character" in d.message for d in load(folder).warnings)
    _loads_alike(folder, memo, parsed)  # everything from the memo
    _replace(plan, "progress: 60", "progress: 61")
    _loads_alike(folder, memo, parsed)
    _replace(plan, "pillar: data", "pillar: dat")  # an error: the memo is forgotten
    _loads_alike(folder, memo, parsed)
    _replace(plan, "pillar: dat", "pillar: data")
    _loads_alike(folder, memo, parsed)
    # A level outside the scale: the cross-check takes it out of its record, so that record is not kept.
    _replace(folder / "nulmeting.yaml", "current: 2\n", "current: 9\n")
    _loads_alike(folder, memo, parsed)
    _replace(plan, "progress: 61", "progress: 62")
    _loads_alike(folder, memo, parsed)
    _replace(folder / "nulmeting.yaml", "current: 9\n", "current: 2\n")
    _loads_alike(folder, memo, parsed)
    # A longer text in an early file: the unchanged later files now cross the limit on all texts.
    _replace(folder / "nulmeting.yaml", "name: Ethiek", "name: Ethiek " + "x" * 60)
    _loads_alike(folder, memo, parsed)
    assert any("characters of text" in d.message for d in load(folder).errors)
    _replace(folder / "nulmeting.yaml", "name: Ethiek " + "x" * 60, "name: Ethiek")
    _loads_alike(folder, memo, parsed)
    _replace(vision, 'cultuur"', "cultuur " + "y" * 60 + '"')
    _loads_alike(folder, memo, parsed)
    _replace(vision, "cultuur " + "y" * 60, "cultuur")
    _loads_alike(folder, memo, parsed)
    # The logo is checked by reading its file: when a file besides the YAML changes, the caller forgets.
    (folder / "assets" / "logo.svg").write_text("not an image\n", encoding="utf-8")
    memo.forget()
    _loads_alike(folder, memo, parsed)
    _replace(meta, "as_of:", "as_of: 2026-03-01\n  # was:")
    _loads_alike(folder, memo, parsed)


def _text_chars(folder: Path) -> int:
    ctx = fields.ValidationContext(folder=folder.resolve())
    files = loader.content_files(folder, ctx)
    loader._sections(files, ctx, {})
    return ctx.text_chars


# --- the whole history against loading each commit afresh --------------------------------------------------------


def _git(repo: Path, *args: str, day: str | None = None) -> str:
    env = dict(os.environ, GIT_AUTHOR_NAME="p", GIT_AUTHOR_EMAIL="p@e.org", GIT_COMMITTER_NAME="p")
    env["GIT_COMMITTER_EMAIL"] = "p@e.org"
    if day:
        env.update(GIT_AUTHOR_DATE=f"{day}T10:00:00+01:00", GIT_COMMITTER_DATE=f"{day}T10:00:00+01:00")
    return subprocess.run(["git", *args], cwd=repo, env=env, check=True, capture_output=True, text=True).stdout


def _afresh(repo: Path, sha: str, day: date, subject: str, tmp: Path) -> Point | str:
    """The commit's content loaded from a plain checkout (git archive), no caches: its point, or its first error."""
    out = tmp / sha
    data = subprocess.run(["git", "archive", sha, "c"], cwd=repo, capture_output=True, check=True).stdout
    with tarfile.open(fileobj=io.BytesIO(data)) as tar:
        tar.extractall(out, filter="data")
    result = load(out / "c", read=yamlsrc.read_yaml_fast)
    if result.roadmap is None:
        first = next(d for d in result.diagnostics if d.is_error)
        return first.format(relative_to=out / "c")
    return point_of(result.roadmap, sha, day, subject)


def _fail_to_send(*args, **kwargs):
    raise OSError("the pipe broke")


@pytest.mark.parametrize("way", ["one process", "two processes", "the child fails"])
def test_every_commit_reads_as_it_would_alone(tmp_path, monkeypatch, way):
    """Read in one process, split over two (the newer half in a forked child), or with a child that fails (its
    half is read again by the parent): every commit's point is what loading it afresh gives."""
    monkeypatch.setattr(history_module, "_READ", {})
    monkeypatch.setattr(history_module, "SPLIT_FROM", 10**6 if way == "one process" else 2)
    forks: list[object] = []
    if way != "one process":

        class Counted(history_module._Forked):
            def __init__(self, fn):
                forks.append(fn)
                super().__init__(fn)

        monkeypatch.setattr(history_module, "_Forked", Counted)
        monkeypatch.setattr(history_module, "_may_fork", lambda: True)
    if way == "the child fails":
        monkeypatch.setattr(history_module.pickle, "dump", _fail_to_send)
    repo = tmp_path / "repo"
    folder = repo / "c"
    shutil.copytree(example_content(), folder)
    _git(repo, "init", "-q")
    plan, meta = folder / "stappenplan.yaml", folder / "poster.yaml"
    logo = folder / "assets" / "logo.svg"
    good_logo = logo.read_bytes()
    steps: list[tuple[str, object]] = [
        ("start", None),
        ("progress", lambda: _replace(plan, "progress: 60", "progress: 70")),
        ("typo", lambda: _replace(plan, "pillar: data", "pillar: dat")),
        ("fixed", lambda: _replace(plan, "pillar: dat", "pillar: data")),
        ("logo broken", lambda: logo.write_text("not an image\n", encoding="utf-8")),
        ("logo back", lambda: logo.write_bytes(good_logo)),
        ("meta", lambda: _replace(meta, "as_of:", "as_of: 2026-02-01\n  # was:")),
        ("broken yaml", lambda: _replace(plan, "steps:", "steps: [")),
        ("yaml back", lambda: _replace(plan, "steps: [", "steps:")),
        ("logo gone", logo.unlink),
        ("revert", None),  # of "logo gone"
    ]
    for i, (subject, change) in enumerate(steps):
        day = f"2025-{i + 1:02d}-10"
        if subject == "revert":
            _git(repo, "revert", "--no-edit", "HEAD", day=day)
            continue
        if change is not None:
            change()
        _git(repo, "add", "-A")
        _git(repo, "commit", "-qm", subject, day=day)
    h = read_history(folder)
    commits = _git(repo, "log", "--reverse", "--format=%H %as %s").splitlines()
    assert len(commits) == len(steps)
    expected = [_afresh(repo, *_split(line), tmp_path) for line in commits]
    assert [p for p in expected if isinstance(p, Point)] == list(h.points)
    assert [e for e in expected if isinstance(e, str)] == [s.reason for s in h.skipped]
    assert [s.commit for s in h.skipped] == [
        line.split()[0] for line, e in zip(commits, expected) if isinstance(e, str)
    ]
    assert len(h.skipped) == 4  # the typo, the broken logo, the broken YAML, the missing logo
    assert len(forks) == (0 if way == "one process" else 1)


def _split(line: str) -> tuple[str, date, str]:
    sha, day, subject = line.split(" ", 2)
    return sha, date.fromisoformat(day), subject
