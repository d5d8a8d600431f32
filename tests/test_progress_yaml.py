"""Surgical YAML edits (poster.progress.yamlpos/source): only the changed value's characters move."""

from __future__ import annotations

import pytest

from poster.progress import yamlpos
from poster.progress.errors import ConcurrentChangeError, ProgressError
from poster.progress.source import SourceFile, write_atomic

STEP_AT = dict(after=("status", "end", "start", "title", "id"), before=("owner", "description"))
STATUS_AT = dict(after=("end", "start", "title", "id"), before=("progress", "owner"))


def source(tmp_path, text: str, *, raw: bytes | None = None) -> SourceFile:
    path = tmp_path / "plan.yaml"
    path.write_bytes(raw if raw is not None else text.encode("utf-8"))
    return SourceFile.read(path)


def step_node(src: SourceFile, ident: str):
    return yamlpos.items_by_id(yamlpos.section(yamlpos.compose(src), "plan"), "steps")[ident]


def edit(src: SourceFile, ident: str, key: str, value: str, **where) -> str:
    splice = yamlpos.set_scalar(src, step_node(src, ident), key, value, **(where or STEP_AT))
    return yamlpos.apply_splices(src.text, [splice])


PLAN = """\
plan:
  steps:
    - id: a          # first
      title: "A: één"
      end: 2025-Q3   # moved
      status: 'in_progress'
      progress: 40   # estimate
      owner: X
    - {id: b, title: B, end: 2026}
"""


def test_replacing_keeps_quotes_and_trailing_comment(tmp_path):
    src = source(tmp_path, PLAN)
    out = edit(src, "a", "progress", "60")
    assert out == PLAN.replace("progress: 40   # estimate", "progress: 60   # estimate")
    out = edit(src, "a", "status", "done")
    assert out == PLAN.replace("status: 'in_progress'", "status: 'done'")


def test_missing_key_goes_after_its_predecessor_with_the_mapping_indent(tmp_path):
    text = PLAN.replace("      status: 'in_progress'\n", "")
    src = source(tmp_path, text)
    out = edit(src, "a", "status", "done", **STATUS_AT)
    assert out == PLAN.replace("status: 'in_progress'", "status: done")


def test_two_insertions_at_one_place_keep_status_before_progress(tmp_path):
    text = PLAN.replace("      status: 'in_progress'\n      progress: 40   # estimate\n", "")
    src = source(tmp_path, text)
    node = step_node(src, "a")
    splices = [
        yamlpos.set_scalar(src, node, "progress", "10", seq=1, **STEP_AT),
        yamlpos.set_scalar(src, node, "status", "in_progress", seq=0, **STATUS_AT),
    ]
    out = yamlpos.apply_splices(src.text, splices)
    assert "end: 2025-Q3   # moved\n      status: in_progress\n      progress: 10\n      owner: X\n" in out


def test_flow_mapping_gets_an_inline_entry(tmp_path):
    src = source(tmp_path, PLAN)
    out = edit(src, "b", "status", "done", **STATUS_AT)
    assert out == PLAN.replace("end: 2026}", "end: 2026, status: done}")


def test_crlf_and_bom_survive(tmp_path):
    crlf = PLAN.replace("\n", "\r\n")
    raw = b"\xef\xbb\xbf" + crlf.replace("      progress: 40   # estimate\r\n", "").encode("utf-8")
    src = source(tmp_path, "", raw=raw)
    assert src.bom and src.newline == "\r\n"
    out = edit(src, "a", "progress", "55")
    assert src.encode(out) == b"\xef\xbb\xbf" + crlf.replace("40   # estimate", "55").encode("utf-8")


def test_last_line_without_line_break_stays_that_way(tmp_path):
    text = "plan:\n  steps:\n    - id: a\n      end: 2025"
    out = edit(source(tmp_path, text), "a", "progress", "5")
    assert out == text + "\n      progress: 5"


def test_alias_and_anchor_values_are_refused(tmp_path):
    text = "plan:\n  steps:\n    - id: a\n      status: &s done\n    - id: b\n      status: *s\n"
    src = source(tmp_path, text)
    for ident in ("a", "b"):
        with pytest.raises(ProgressError, match="by hand"):
            edit(src, ident, "status", "planned")


def test_write_refuses_a_file_changed_since_it_was_read(tmp_path):
    src = source(tmp_path, PLAN)
    src.path.write_text(PLAN + "# someone else\n", encoding="utf-8")
    with pytest.raises(ConcurrentChangeError, match="changed on disk"):
        write_atomic(src, "plan: {}\n")
    assert src.path.read_text(encoding="utf-8").endswith("# someone else\n")
    assert [p.name for p in tmp_path.iterdir()] == ["plan.yaml"]  # no temp file left behind


def test_write_keeps_permissions_and_replaces_atomically(tmp_path):
    src = source(tmp_path, PLAN)
    src.path.chmod(0o640)
    write_atomic(src, PLAN.replace("40", "41"))
    assert src.path.read_text(encoding="utf-8") == PLAN.replace("40", "41")
    assert src.path.stat().st_mode & 0o777 == 0o640
