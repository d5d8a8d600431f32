"""Watch mode's preview: a small HTTP server on the loopback interface that shows the latest build and reloads it.

`poster watch --serve` publishes every group of files it writes here. The page
at / frames the poster's HTML page (or, when the build has none, its SVG) and
listens on /events (Server-Sent Events): after each rebuild it reloads the
frame, after a failed one it shows the error above the last good poster.

Only 127.0.0.1 is bound and only requests addressed to it (Host: 127.0.0.1 or
localhost) are answered, so neither the network nor a web page using DNS
rebinding can read the poster. Files are served from memory by name; no path
ever reaches the file system.
"""

from __future__ import annotations

import base64
import hashlib
import html
import json
import socket
import threading
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import unquote, urlsplit

HOST = "127.0.0.1"
KEEPALIVE_S = 15.0  # an SSE comment this often notices clients that went away
MAX_CONNECTIONS = 32  # served at once (each a thread, open pages' event streams among them); more get 503
BACKLOG = 128  # connections the kernel queues before they are accepted (http.server's default is 5)
IDLE_S = 20.0  # a connection that sends nothing for this long is closed (a half-open client)

TYPES = {
    ".html": "text/html; charset=utf-8",
    ".svg": "image/svg+xml",
    ".png": "image/png",
    ".pdf": "application/pdf",
}

_STYLE = """\
html, body { margin: 0; height: 100%; background: #3a3a3a; font: 15px/1.4 system-ui, sans-serif; }
#view { display: block; border: 0; width: 100%; height: 100%; background: #fff; }
#problem { display: none; position: fixed; inset: 0 0 auto 0; margin: 0; padding: 10px 14px;
  background: #8a1c1c; color: #fff; white-space: pre-wrap; max-height: 40vh; overflow: auto; z-index: 1; }
#problem.shown { display: block; }
"""

_SCRIPT = """\
const view = document.getElementById("view");
const problem = document.getElementById("problem");
const events = new EventSource("/events");
events.addEventListener("built", (e) => {
  const state = JSON.parse(e.data);
  problem.classList.remove("shown");
  view.src = "/files/" + encodeURIComponent(state.main) + "?v=" + state.version;
});
events.addEventListener("failed", (e) => {
  problem.textContent = JSON.parse(e.data).text;
  problem.classList.add("shown");
});
"""


def _sha256(text: str) -> str:
    return "sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii")


_CSP = "; ".join(
    [
        "default-src 'none'",
        f"style-src '{_sha256(_STYLE)}'",
        f"script-src '{_sha256(_SCRIPT)}'",
        "connect-src 'self'",
        "frame-src 'self'",
        "img-src 'self' data:",
    ]
)


class PreviewServer:
    """Serves the files last published, and tells open pages when they change."""

    def __init__(self, port: int = 0, title: str = "poster"):
        self.title = title
        self.files: dict[str, bytes] = {}
        self.main: str | None = None  # the file the page shows (the HTML page, else the SVG)
        self.version = 0
        self.problem: str | None = None
        self._changed = threading.Condition()
        self._closing = False
        self.httpd = _BoundedServer((HOST, port), self._handler())
        self._thread: threading.Thread | None = None

    @property
    def port(self) -> int:
        return self.httpd.server_address[1]

    @property
    def url(self) -> str:
        return f"http://{HOST}:{self.port}/"

    def start(self) -> PreviewServer:
        self._thread = threading.Thread(target=self.httpd.serve_forever, name="poster-preview", daemon=True)
        self._thread.start()
        return self

    def close(self) -> None:
        with self._changed:
            self._closing = True
            self._changed.notify_all()
        self.httpd.shutdown()
        self.httpd.server_close()

    def publish(self, files: dict[str, bytes]) -> None:
        """New files of a rebuild; the page reloads once the file it shows is among them."""
        with self._changed:
            self.files.update(files)
            shown = _main_file(self.files)
            if shown is None or (shown not in files and shown == self.main):
                return  # e.g. the PNG after the page already reloaded for the HTML
            self.main = shown
            self.problem = None
            self.version += 1
            self._changed.notify_all()

    def fail(self, text: str) -> None:
        """A rebuild failed: open pages show `text` over the last good poster."""
        with self._changed:
            self.problem = text
            self.version += 1
            self._changed.notify_all()

    # -- HTTP ---------------------------------------------------------------
    def _handler(self) -> type[BaseHTTPRequestHandler]:
        server = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"
            server_version = "poster-preview"
            timeout = IDLE_S
            _head_only = False  # answering HEAD: headers as for GET, no body

            def log_message(self, format, *args):
                pass

            def do_HEAD(self):
                """The headers a GET would send, without the body (link checkers and monitors ask this way)."""
                self._head_only = True
                try:
                    self.do_GET()
                finally:
                    self._head_only = False

            def do_GET(self):
                if not _local_host(self.headers.get("Host", ""), server.port):
                    return self._send(HTTPStatus.FORBIDDEN, b"forbidden\n", "text/plain; charset=utf-8")
                path = urlsplit(self.path).path
                if path == "/":
                    return self._send(HTTPStatus.OK, server.page(), "text/html; charset=utf-8", csp=_CSP)
                if path == "/events":
                    if self._head_only:
                        return self._send(HTTPStatus.OK, b"", "text/event-stream")
                    return self._events()
                if path == "/favicon.ico":  # asked for by every browser; nothing to show
                    return self._send(HTTPStatus.NO_CONTENT, b"", "image/x-icon")
                if path.startswith("/files/"):
                    name = unquote(path[len("/files/") :])
                    with server._changed:
                        data = server.files.get(name)
                    if data is not None:
                        kind = TYPES.get(name[name.rfind(".") :].lower(), "application/octet-stream")
                        return self._send(HTTPStatus.OK, data, kind)
                self._send(HTTPStatus.NOT_FOUND, b"not found\n", "text/plain; charset=utf-8")

            def _send(self, status, body: bytes, kind: str, csp: str | None = None):
                self.send_response(status)
                self.send_header("Content-Type", kind)
                self.send_header("Content-Length", str(len(body)))
                self.send_header("Cache-Control", "no-store")
                self.send_header("X-Content-Type-Options", "nosniff")
                if csp:
                    self.send_header("Content-Security-Policy", csp)
                self.end_headers()
                if not self._head_only:
                    self.wfile.write(body)

            def _events(self):
                self.send_response(HTTPStatus.OK)
                self.send_header("Content-Type", "text/event-stream")
                self.send_header("Cache-Control", "no-store")
                self.send_header("Connection", "close")
                self.end_headers()
                self.close_connection = True
                seen = -1
                try:
                    while True:
                        with server._changed:
                            if server.version == seen and not server._closing:
                                server._changed.wait(KEEPALIVE_S)
                            if server._closing:
                                return
                            changed, seen = server.version != seen, server.version
                            event = server._event() if changed else None
                        self.wfile.write(event or b": still here\n\n")
                        self.wfile.flush()
                except (BrokenPipeError, ConnectionResetError, OSError):
                    return  # the page was closed

        return Handler

    def _event(self) -> bytes | None:
        """The SSE message for the current state (caller holds the lock)."""
        if self.problem is not None:
            return _sse("failed", {"text": self.problem})
        if self.main is not None:
            return _sse("built", {"main": self.main, "version": self.version})
        return None

    def page(self) -> bytes:
        title = html.escape(f"{self.title} - poster watch")
        return (
            '<!doctype html>\n<html lang="nl">\n<head>\n<meta charset="utf-8">\n'
            f"<title>{title}</title>\n<style>{_STYLE}</style>\n</head>\n<body>\n"
            '<pre id="problem" role="alert"></pre>\n'
            f'<iframe id="view" title="{title}"></iframe>\n'
            f"<script>{_SCRIPT}</script>\n</body>\n</html>\n"
        ).encode()


class _BoundedServer(ThreadingHTTPServer):
    """A thread per connection, at most MAX_CONNECTIONS at once, a deep backlog, and quiet disconnects.

    A connection over the limit gets a short 503 from the accepting thread and
    is closed, so a burst of clients cannot make the watcher start hundreds of
    threads. A client that resets or drops its connection is not an error:
    nothing is printed (http.server would print a traceback for each).
    """

    daemon_threads = True
    request_queue_size = BACKLOG
    _BUSY = (
        b"HTTP/1.1 503 Service Unavailable\r\nContent-Type: text/plain; charset=utf-8\r\n"
        b"Content-Length: 5\r\nRetry-After: 1\r\nConnection: close\r\n\r\nbusy\n"
    )

    def __init__(self, address, handler):
        self._slots = threading.BoundedSemaphore(MAX_CONNECTIONS)
        super().__init__(address, handler)

    def process_request(self, request, client_address):
        if not self._slots.acquire(blocking=False):
            try:
                request.settimeout(1.0)
                request.sendall(self._BUSY)
            except OSError:
                pass
            self.shutdown_request(request)
            return
        try:
            super().process_request(request, client_address)
        except BaseException:
            self._slots.release()
            raise

    def process_request_thread(self, request, client_address):
        try:
            super().process_request_thread(request, client_address)
        finally:
            self._slots.release()

    def handle_error(self, request, client_address):
        import sys

        if isinstance(sys.exc_info()[1], (ConnectionError, socket.timeout, TimeoutError)):
            return  # the client went away or went quiet: nothing to report
        super().handle_error(request, client_address)


def _main_file(files: dict[str, bytes]) -> str | None:
    for suffix in (".html", ".svg", ".png"):
        names = sorted(n for n in files if n.endswith(suffix))
        if names:
            return names[0]
    return None


def _sse(event: str, data: dict) -> bytes:
    return f"event: {event}\ndata: {json.dumps(data)}\n\n".encode()


def _local_host(host: str, port: int) -> bool:
    """The Host header names this server on the loopback interface (DNS rebinding protection)."""
    return host in {f"127.0.0.1:{port}", f"localhost:{port}"}
