"""Build stage, on the second core: one output format made in a forked process while this one does the others.

A cold `poster build` spends most of its time on the PNG: importing cairosvg
(cairocffi parses cairo's C header with pycparser on every import) and
rasterising the SVG. On a 2-core machine that work can run beside layout, SVG
and PDF. `OutputWorker.start` forks before layout begins; the child imports
the PNG backend while the parent lays the poster out, then receives the `Build`
(pickled), runs the very same `OUTPUTS[fmt](build)` the parent would and sends
the files back. Measured (benchmarks/run.py, 2 cores): a cold build of the
example in all three formats drops from about 1.2 s to about 0.8 s of wall time.

The worker is only an accelerator: anything unusual (no fork on this platform,
one core, a process with threads, the backend already imported, the child
failing or dying) makes `start` return None or `result` return None, and the
caller makes the files itself - so errors are raised by the same code, in the
same process, as without a worker.
"""

from __future__ import annotations

import importlib
import os
import pickle
import signal
import struct
import sys
import threading
import time
from typing import Any

_HEADER = struct.Struct("!Q")  # length of the pickled message that follows

# Imported by the child while the parent lays out: the PNG path (cairosvg, svgwrite).
PNG_MODULES = ("poster.render.rasterize", "poster.render.png", "poster.build")
# close(): how long the child has to end after SIGTERM before SIGKILL, and the writer to notice it is gone.
TERM_GRACE_S = 0.5
WRITER_JOIN_S = 5.0


class OutputWorker:
    """A forked child that makes output files on request, in the order they were submitted."""

    def __init__(self, pid: int, requests: int, replies: int):
        self.pid = pid
        self._requests = requests
        self._replies = replies
        self._pending: list[str] = []
        self._writer: threading.Thread | None = None

    @classmethod
    def start(cls, preload: tuple[str, ...] = PNG_MODULES) -> OutputWorker | None:
        """Fork a worker that imports `preload` at once; None when a worker would not help or is unsafe."""
        # Linux only: macOS frameworks are not fork-safe (Python itself spawns there), Windows cannot fork.
        if not sys.platform.startswith("linux") or (os.cpu_count() or 1) < 2:
            return None
        if all(name in sys.modules for name in preload):
            return None  # a warm process (watch mode, tests): nothing left to overlap
        if threading.active_count() > 1:
            return None  # a lock held by another thread would stay locked in the child
        try:
            req_r, req_w = os.pipe()
            rep_r, rep_w = os.pipe()
        except OSError:
            return None
        try:
            pid = os.fork()
        except OSError:
            for fd in (req_r, req_w, rep_r, rep_w):
                os.close(fd)
            return None
        if pid == 0:  # the child: never returns into the caller's code
            os.close(req_w)
            os.close(rep_r)
            code = 1
            try:
                _serve(req_r, rep_w, preload)
                code = 0
            except BaseException:  # noqa: BLE001 - the parent falls back to making the files itself
                pass
            finally:
                os._exit(code)
        os.close(req_r)
        os.close(rep_w)
        return cls(pid, req_w, rep_r)

    def submit(self, fmt: str, build: Any) -> None:
        """Ask for OUTPUTS[fmt](build); the pickle is written by a thread, so a busy child never blocks the caller."""
        data = pickle.dumps((fmt, build), protocol=pickle.HIGHEST_PROTOCOL)
        self._join_writer()
        self._pending.append(fmt)
        self._writer = threading.Thread(target=_send_quietly, args=(self._requests, data), daemon=True)
        self._writer.start()

    def result(self, fmt: str) -> dict[str, bytes] | None:
        """The files of the oldest submitted request (which must be `fmt`); None if the worker could not make them."""
        if not self._pending or self._pending[0] != fmt:
            return None
        self._pending.pop(0)
        try:
            status, value = _receive(self._replies)
        except (OSError, EOFError, pickle.UnpicklingError):
            return None
        return value if status == "ok" else None

    def close(self) -> None:
        """Stop the child (it may still be importing, or hung) and reap it; returns in bounded time.

        The child is stopped first: a request larger than the pipe buffer (a
        pickled Build is ~100 KB, the buffer 64 KiB) keeps the writer thread
        blocked until the child reads, and a child that never reads would hang
        the caller. Once the child is gone the writer's write fails (EPIPE) and
        the thread ends; only then are the pipes closed.
        """
        try:
            os.kill(self.pid, signal.SIGTERM)
        except OSError:
            pass
        if not self._reaped(TERM_GRACE_S):
            try:
                os.kill(self.pid, signal.SIGKILL)
            except OSError:
                pass
            self._reaped(None)
        self._join_writer(WRITER_JOIN_S)
        for fd in (self._requests, self._replies):
            try:
                os.close(fd)
            except OSError:
                pass

    def _reaped(self, timeout_s: float | None) -> bool:
        """Wait for the child to exit (at most timeout_s; None: as long as it takes); True once it is reaped."""
        deadline = None if timeout_s is None else time.monotonic() + timeout_s
        while True:
            try:
                pid, _ = os.waitpid(self.pid, 0 if deadline is None else os.WNOHANG)
            except ChildProcessError:
                return True  # reaped already (or never ours)
            if pid:
                return True
            if deadline is not None and time.monotonic() >= deadline:
                return False
            time.sleep(0.005)

    def _join_writer(self, timeout_s: float | None = None) -> None:
        if self._writer is not None:
            self._writer.join(timeout_s)  # a daemon thread: one still blocked (never seen) cannot keep us alive
            self._writer = None

    def __enter__(self) -> OutputWorker:
        return self

    def __exit__(self, *exc) -> None:
        self.close()


def _serve(requests: int, replies: int, preload: tuple[str, ...]) -> None:
    """The child's loop: import the backends, then answer requests until the parent closes the pipe."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle; it stops us with SIGTERM
    for name in preload:
        importlib.import_module(name)
    from poster.build import OUTPUTS

    while True:
        try:
            fmt, build = _receive(requests)
        except EOFError:
            return
        try:
            reply: tuple[str, Any] = ("ok", OUTPUTS[fmt](build))
        except Exception as exc:  # noqa: BLE001 - reported as "failed"; the parent raises it itself
            reply = ("error", f"{type(exc).__name__}: {exc}")
        _send(replies, pickle.dumps(reply, protocol=pickle.HIGHEST_PROTOCOL))


def _send(fd: int, data: bytes) -> None:
    view = memoryview(_HEADER.pack(len(data)) + data)
    while view:
        view = view[os.write(fd, view) :]


def _send_quietly(fd: int, data: bytes) -> None:
    try:
        _send(fd, data)
    except OSError:
        pass  # the child is gone: result() sees the closed pipe


def _receive(fd: int) -> Any:
    size = _HEADER.unpack(_read_exactly(fd, _HEADER.size))[0]
    return pickle.loads(_read_exactly(fd, size))


def _read_exactly(fd: int, n: int) -> bytes:
    chunks, left = [], n
    while left:
        chunk = os.read(fd, min(left, 1 << 20))
        if not chunk:
            raise EOFError("worker pipe closed")
        chunks.append(chunk)
        left -= len(chunk)
    return b"".join(chunks)
