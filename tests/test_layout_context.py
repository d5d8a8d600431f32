"""The layout Context's trial work: what a block run quietly reports is dropped, and what was there stays."""

from __future__ import annotations

import pytest

from poster.content import load
from poster.layout import load_layout
from poster.layout.context import Context
from poster.resources import example_content


@pytest.fixture(scope="module")
def ctx() -> Context:
    result = load(example_content())
    assert result.roadmap is not None
    return Context(result.roadmap, load_layout("a0-portrait"))


def test_quietly_drops_what_the_block_reports_and_keeps_what_was_there(ctx):
    ctx.problems[:], ctx.warnings[:] = ["p0"], ["w0", "w1"]
    problems, warnings = ctx.problems, ctx.warnings
    with ctx.quietly():
        ctx.problems.append("p1")
        ctx.warnings.clear()  # even a block that removes earlier findings leaves them in place
        ctx.warnings.append("w2")
    assert (ctx.problems, ctx.warnings) == (["p0"], ["w0", "w1"])
    assert ctx.problems is problems and ctx.warnings is warnings  # the same lists: a holder of one sees it


def test_quietly_restores_after_an_exception(ctx):
    ctx.problems[:], ctx.warnings[:] = [], ["w0"]
    with pytest.raises(ValueError), ctx.quietly():
        ctx.warnings.append("w1")
        raise ValueError
    assert ctx.warnings == ["w0"]


def test_a_trial_fit_that_fails_reports_nothing(ctx):
    ctx.problems[:] = []
    assert ctx.try_fit("Datagedreven werken " * 400, "body", 20.0, element="t", max_lines=1) is None
    assert ctx.problems == []
