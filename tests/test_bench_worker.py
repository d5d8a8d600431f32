"""poster.worker: the PNG made in a forked process gives the very same files, and every failure falls back.

Each case runs in a fresh interpreter: the worker only forks while cairosvg is
not imported yet, which is never true inside a test process that rendered a PNG.
"""

from __future__ import annotations

import subprocess
import sys
import textwrap

import pytest

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the worker forks on Linux only")

SETUP = """\
import os, sys
import poster.worker as W
from poster.build import BuildOptions, build_files
from poster.content import load_or_raise
from poster.resources import example_content

started = []
_start = W.OutputWorker.start.__func__
def start(cls, *args, **kwargs):
    worker = _start(cls, *args, **kwargs)
    started.append(worker is not None)
    return worker
W.OutputWorker.start = classmethod(start)

roadmap = load_or_raise(example_content())[0]
options = BuildOptions(png_widths=(400,), stem="p")

def no_children_left():
    try:
        os.waitpid(-1, os.WNOHANG)
    except ChildProcessError:
        return True
    return False
"""


def run(body: str) -> str:
    script = SETUP + textwrap.dedent(body)
    proc = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=180)
    assert proc.returncode == 0, proc.stderr
    return proc.stdout.strip()


def test_parallel_build_forks_a_worker_and_gives_the_same_bytes():
    out = run("""
        parallel = build_files(roadmap, options, parallel=True)
        assert started == [True], started
        assert no_children_left()
        serial = build_files(roadmap, options)
        assert list(parallel.files) == list(serial.files) == ["p.svg", "p.pdf", "p.png"]
        assert parallel.files == serial.files
        print("same")
    """)
    assert out == "same"


def test_a_worker_that_dies_is_replaced_by_rendering_here():
    out = run("""
        def crash(requests, replies, preload):
            raise SystemExit(3)
        W._serve = crash
        parallel = build_files(roadmap, options, parallel=True)
        assert started == [True] and no_children_left()
        serial = build_files(roadmap, options)
        assert parallel.files == serial.files
        print("fell back")
    """)
    assert out == "fell back"


def test_an_error_in_the_png_is_raised_here_as_itself():
    out = run("""
        import poster.build
        from poster.errors import AssetError
        def broken(build):
            raise AssetError("logo.svg: simulated")
        poster.build.OUTPUTS["png"] = broken
        try:
            build_files(roadmap, options, parallel=True)
        except AssetError as e:
            assert str(e) == "logo.svg: simulated"
            assert started == [True] and no_children_left()
            print("raised")
    """)
    assert out == "raised"


def test_no_worker_once_the_backend_is_loaded_or_without_png():
    out = run("""
        build_files(roadmap, BuildOptions(formats=("svg",)), parallel=True)
        assert started == [], started  # no PNG asked: no worker
        import poster.render.rasterize, poster.render.png
        build_files(roadmap, options, parallel=True)
        assert started == [False], started  # a warm process: nothing to overlap
        print("ok")
    """)
    assert out == "ok"


def test_a_layout_error_stops_the_worker_at_once():
    out = run("""
        from dataclasses import replace
        from poster.errors import LayoutError
        from pathlib import Path
        import tempfile
        tiny = Path(tempfile.mkdtemp()) / "tiny.yaml"
        tiny.write_text("extends: a0-portrait\\npage: {width: 120, height: 90}\\n")
        try:
            build_files(roadmap, replace(options, layout=str(tiny)), parallel=True)
        except LayoutError:
            assert started == [True] and no_children_left()
            print("stopped")
    """)
    assert out == "stopped"


def test_close_does_not_wait_for_a_child_that_never_reads():
    """A request larger than the pipe buffer blocks the writer until the child reads; close() must not wait for that."""
    out = run("""
        import tempfile, time
        from pathlib import Path
        folder = Path(tempfile.mkdtemp())
        (folder / "never_done.py").write_text("import time\\ntime.sleep(30)\\n")  # the child hangs importing it
        sys.path.insert(0, str(folder))
        worker = W.OutputWorker.start(preload=("never_done",))
        assert worker is not None
        worker.submit("png", b"x" * 200_000)  # three times the 64 KiB pipe buffer
        time.sleep(0.2)
        t0 = time.monotonic()
        worker.close()
        took = time.monotonic() - t0
        assert took < 5, took
        assert no_children_left()
        print("closed")
    """)
    assert out == "closed"
