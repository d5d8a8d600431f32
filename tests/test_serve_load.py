"""The preview server under load: resets are quiet, a burst is queued not refused, threads stay bounded."""

from __future__ import annotations

import contextlib
import http.client
import io
import socket
import struct
import threading
import time

import pytest

from poster import serve
from poster.serve import PreviewServer


@pytest.fixture
def server():
    s = PreviewServer().start()
    s.publish({"x.svg": b"<svg xmlns='http://www.w3.org/2000/svg'/>"})
    try:
        yield s
    finally:
        s.close()


def _get(port: int, path: str = "/files/x.svg") -> int:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        conn.request("GET", path, headers={"Host": f"127.0.0.1:{port}"})
        resp = conn.getresponse()
        resp.read()
        return resp.status
    finally:
        conn.close()


def test_a_client_that_resets_its_connection_prints_nothing(server, monkeypatch):
    printed = io.StringIO()
    monkeypatch.setattr("sys.stderr", printed)
    for _ in range(20):
        sock = socket.create_connection(("127.0.0.1", server.port))
        # SO_LINGER 0: close() sends RST, as a browser tab that is killed does.
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        sock.sendall(f"GET /files/x.svg HTTP/1.1\r\nHost: 127.0.0.1:{server.port}\r\n\r\n".encode())
        sock.close()
    # An event stream whose reader goes away, too.
    sock = socket.create_connection(("127.0.0.1", server.port))
    sock.sendall(f"GET /events HTTP/1.1\r\nHost: 127.0.0.1:{server.port}\r\n\r\n".encode())
    sock.recv(100)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
    sock.close()
    server.fail("x")  # makes the stream write to the reset socket
    time.sleep(0.5)
    assert _get(server.port) == 200
    assert printed.getvalue() == ""


def test_a_burst_of_requests_is_served_and_threads_stay_bounded(server):
    results: list[int] = []
    lock = threading.Lock()

    def one():
        status = _get(server.port)
        with lock:
            results.append(status)

    before = threading.active_count()
    clients = [threading.Thread(target=one) for _ in range(200)]
    for c in clients:
        c.start()
    for c in clients:
        c.join(60)
    assert len(results) == 200 and set(results) <= {200, 503}
    assert results.count(200) >= 100
    # A handler thread may still be closing its socket when its client has read the answer: give the
    # last ones a moment to end, then no thread may be left over from the burst.
    deadline = time.monotonic() + 5.0
    while threading.active_count() > before + 1 and time.monotonic() < deadline:
        time.sleep(0.05)
    assert threading.active_count() <= before + 1


def test_half_open_connections_get_503_past_the_limit_and_do_not_pile_up_threads(server, monkeypatch):
    before = threading.active_count()
    with contextlib.ExitStack() as stack:
        idle = [
            stack.enter_context(socket.create_connection(("127.0.0.1", server.port)))
            for _ in range(serve.MAX_CONNECTIONS + 20)
        ]
        time.sleep(0.5)
        assert threading.active_count() - before <= serve.MAX_CONNECTIONS
        idle[-1].settimeout(10)
        assert idle[-1].recv(100).startswith(b"HTTP/1.1 503")
    # Once they close, the server serves again.
    deadline = time.monotonic() + 10
    while _get(server.port) != 200 and time.monotonic() < deadline:
        time.sleep(0.1)
    assert _get(server.port) == 200
