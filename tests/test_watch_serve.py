"""`poster watch --serve` as a user runs it: a subprocess, a browser's requests, an edit, a broken edit, Ctrl-C.

Every wait is bounded, so a hanging watcher or server fails the test instead of blocking the suite.
"""

from __future__ import annotations

import http.client
import json
import os
import queue
import re
import shutil
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from poster.resources import data_dir
from poster.serve import PreviewServer

WAIT_S = 60.0
TITLE = "title: Routekaart datagedreven werken"

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="sends SIGINT as Ctrl-C does")


def get(port: int, path: str, host: str | None = None) -> tuple[int, dict[str, str], bytes]:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=WAIT_S)
    try:
        conn.request("GET", path, headers={"Host": host or f"127.0.0.1:{port}"})
        resp = conn.getresponse()
        return resp.status, {k.lower(): v for k, v in resp.getheaders()}, resp.read()
    finally:
        conn.close()


class Events:
    """Reads a Server-Sent Events stream in a thread; `next(name)` waits for the next event of that name."""

    def __init__(self, port: int):
        self.conn = http.client.HTTPConnection("127.0.0.1", port, timeout=WAIT_S)
        self.conn.request("GET", "/events", headers={"Host": f"127.0.0.1:{port}"})
        self.resp = self.conn.getresponse()
        assert self.resp.status == 200
        assert self.resp.getheader("Content-Type") == "text/event-stream"
        self.events: queue.Queue = queue.Queue()
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        name = None
        try:
            for raw in self.resp:
                line = raw.decode("utf-8").rstrip("\n")
                if line.startswith("event: "):
                    name = line[7:]
                elif line.startswith("data: "):
                    self.events.put((name, json.loads(line[6:])))
        except (OSError, ValueError):
            pass

    def next(self, name: str) -> dict:
        deadline = time.monotonic() + WAIT_S
        while True:
            left = deadline - time.monotonic()
            if left <= 0:
                raise AssertionError(f"no {name!r} event within {WAIT_S:.0f} s")
            try:
                got, data = self.events.get(timeout=left)
            except queue.Empty:
                continue
            if got == name:
                return data

    def close(self) -> None:
        self.conn.close()


class Lines:
    """A subprocess's stderr, line by line, readable with a timeout."""

    def __init__(self, stream):
        self.lines: queue.Queue = queue.Queue()
        self.seen: list[str] = []
        threading.Thread(target=self._read, args=(stream,), daemon=True).start()

    def _read(self, stream) -> None:
        for line in stream:
            self.lines.put(line.rstrip("\n"))

    def wait(self, pattern: str) -> re.Match:
        deadline = time.monotonic() + WAIT_S
        while time.monotonic() < deadline:
            try:
                line = self.lines.get(timeout=0.1)
            except queue.Empty:
                continue
            self.seen.append(line)
            match = re.search(pattern, line)
            if match:
                return match
        raise AssertionError(f"no line matching {pattern!r} within {WAIT_S:.0f} s; saw:\n" + "\n".join(self.seen))


def save(path: Path, text: str) -> None:
    before = path.stat().st_mtime_ns
    path.write_text(text, encoding="utf-8")
    if path.stat().st_mtime_ns == before:
        os.utime(path, ns=(before + 10_000_000, before + 10_000_000))


def test_watch_serve_rebuilds_reloads_reports_and_stops_on_ctrl_c(tmp_path: Path):
    content = tmp_path / "voorbeeld"
    shutil.copytree(data_dir("content") / "minimal", content)
    source = content / "roadmap.yaml"
    good = source.read_text(encoding="utf-8")
    out = tmp_path / "out"
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "poster",
            "watch",
            str(content),
            "--out",
            str(out),
            "--format",
            "svg,pdf",
            "--serve",
            "--port",
            "0",
        ],
        cwd=tmp_path,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        err = Lines(proc.stderr)
        port = int(err.wait(r"preview: http://127\.0\.0\.1:(\d+)/").group(1))
        err.wait(r"^watching \d+ files")

        status, headers, page = get(port, "/")
        assert status == 200 and b"EventSource" in page
        assert "default-src 'none'" in headers["content-security-policy"]
        events = Events(port)
        first = events.next("built")
        status, headers, body = get(port, f"/files/{first['main']}")
        assert status == 200 and body
        status, headers, svg = get(port, "/files/voorbeeld.svg")
        assert status == 200 and headers["content-type"] == "image/svg+xml" and svg.startswith(b"<?xml")

        save(source, good.replace(TITLE, "title: Routekaart in de vergadering"))
        err.wait(r"^rebuilt .*: svg, pdf in \d+ ms")
        again = events.next("built")
        assert again["version"] > first["version"]
        assert b"in de vergadering" in get(port, "/files/voorbeeld.svg")[2]
        assert b"in de vergadering" in (out / "voorbeeld.svg").read_bytes()

        save(source, good.replace("plan:\n", "plan:\n  steps: [\n", 1))
        err.wait(r"roadmap\.yaml:\d+:\d+: error: ")
        failed = events.next("failed")
        assert "error" in failed["text"]
        assert proc.poll() is None  # still watching
        assert b"in de vergadering" in get(port, "/files/voorbeeld.svg")[2]  # the last good poster stays

        save(source, good)
        err.wait(r"^rebuilt .*: svg, pdf in \d+ ms")
        events.next("built")
        events.close()

        proc.send_signal(signal.SIGINT)
        assert proc.wait(timeout=WAIT_S) == 0
        err.wait(r"^stopped after \d+ builds")
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()


def test_the_preview_answers_only_requests_addressed_to_this_computer():
    server = PreviewServer(0).start()
    try:
        server.publish({"p.svg": b"<svg/>"})
        port = server.port
        assert server.httpd.server_address[0] == "127.0.0.1"
        assert get(port, "/files/p.svg")[0] == 200
        assert get(port, "/files/p.svg", host=f"localhost:{port}")[0] == 200
        assert get(port, "/files/p.svg", host="attacker.example")[0] == 403  # DNS rebinding
        assert get(port, "/files/../../etc/passwd")[0] == 404
        assert get(port, "/files/%2e%2e%2fposter.yaml")[0] == 404
        assert get(port, "/nothing")[0] == 404
    finally:
        server.close()


def test_the_page_reloads_for_the_html_page_not_again_for_the_png():
    server = PreviewServer(0)
    try:
        server.publish({"p.svg": b"<svg/>", "p.pdf": b"%PDF"})
        assert (server.main, server.version) == ("p.svg", 1)
        server.publish({"p.html": b"<html>"})
        assert (server.main, server.version) == ("p.html", 2)
        server.publish({"p.png": b"png"})
        assert server.version == 2  # the page shows the HTML; a new PNG does not reload it
        server.fail("roadmap.yaml:3:1: error: ...")
        assert server.problem and server.version == 3
        server.publish({"p.svg": b"<svg/>", "p.pdf": b"%PDF"})
        assert server.problem  # cleared once the page it shows is rebuilt
        server.publish({"p.html": b"<html>"})
        assert server.problem is None and server.version == 4
    finally:
        server.httpd.server_close()
