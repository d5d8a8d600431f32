"""Test helper: drive Debian's headless Chromium over the DevTools protocol on a pipe (no websocket, no npm driver).

Chromium started with --remote-debugging-pipe reads protocol messages on fd 3
and writes on fd 4, each a JSON object ended by a NUL byte. That is all a test
needs to open a page, run script in it, press keys and take screenshots, with
nothing but the standard library and the browser Debian ships.
"""

from __future__ import annotations

import base64
import fcntl
import json
import os
import select
import shutil
import subprocess
import tempfile
import time
from pathlib import Path

FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-extensions",
    "--disable-default-apps",
    "--mute-audio",
    "--hide-scrollbars",
    "--force-color-profile=srgb",
    "--font-render-hinting=none",
    "--remote-debugging-pipe",
)


def executable() -> str | None:
    """Debian's chromium (CHROMIUM overrides), or None when it is not installed."""
    for name in (os.environ.get("CHROMIUM"), "chromium", "chromium-browser"):
        if name and shutil.which(name):
            return shutil.which(name)
    return None


def browser_environment() -> dict[str, str]:
    """This process's environment without FONTCONFIG_FILE.

    poster points FONTCONFIG_FILE at its own fonts when it rasterises; a browser
    inheriting that would find Fira Sans and Lato installed and hide a page
    that fails to embed them. The browser sees the system's fonts only.
    """
    return {k: v for k, v in os.environ.items() if k != "FONTCONFIG_FILE"}


class ProtocolError(RuntimeError):
    pass


class Chromium:
    """One headless browser with one page; use as a context manager."""

    def __init__(self, width: int = 1280, height: int = 900, timeout: float = 30.0):
        self.width, self.height, self.timeout = width, height, timeout
        self.events: list[dict] = []
        self._id = 0
        self._buffer = b""

    # -- process -------------------------------------------------------------
    def __enter__(self) -> Chromium:
        exe = executable()
        if exe is None:
            raise FileNotFoundError("chromium is not installed")
        self._profile = tempfile.mkdtemp(prefix="poster-chromium-")
        to_browser_r, self._to_browser = os.pipe()
        self._from_browser, from_browser_w = os.pipe()

        def pipes_on_3_and_4() -> None:  # in the child, before exec
            a = fcntl.fcntl(to_browser_r, fcntl.F_DUPFD, 10)
            b = fcntl.fcntl(from_browser_w, fcntl.F_DUPFD, 10)
            os.dup2(a, 3)
            os.dup2(b, 4)

        self._proc = subprocess.Popen(
            [
                exe,
                *FLAGS,
                f"--user-data-dir={self._profile}",
                f"--window-size={self.width},{self.height}",
                "about:blank",
            ],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            # close_fds=False: it would run after preexec_fn and close 3 and 4 again. Python's own
            # descriptors are close-on-exec anyway; only the two dup2 copies reach chromium.
            preexec_fn=pipes_on_3_and_4,  # noqa: PLW1509 - only fcntl and dup2, no lock taken
            close_fds=False,
            env=browser_environment(),
        )
        os.close(to_browser_r)
        os.close(from_browser_w)
        try:
            self._attach()
        except BaseException:
            self.__exit__(None, None, None)
            raise
        return self

    def __exit__(self, *exc) -> None:
        try:
            self._send("Browser.close", {}, session=False, wait=False)
        except OSError:
            pass
        try:
            self._proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self._proc.kill()
            self._proc.wait()
        for fd in (self._to_browser, self._from_browser):
            try:
                os.close(fd)
            except OSError:
                pass
        shutil.rmtree(self._profile, ignore_errors=True)

    def _attach(self) -> None:
        self._session = None
        deadline = time.monotonic() + self.timeout
        while True:
            targets = self._send("Target.getTargets", {}, session=False)["targetInfos"]
            pages = [t for t in targets if t["type"] == "page"]
            if pages:
                break
            if time.monotonic() > deadline:
                raise ProtocolError("chromium opened no page")
            time.sleep(0.05)
        attached = self._send(
            "Target.attachToTarget", {"targetId": pages[0]["targetId"], "flatten": True}, session=False
        )
        self._session = attached["sessionId"]
        for domain in ("Page", "Runtime", "Log"):
            self.send(f"{domain}.enable")
        self.send(
            "Emulation.setDeviceMetricsOverride",
            {"width": self.width, "height": self.height, "deviceScaleFactor": 1, "mobile": False},
        )

    # -- protocol ------------------------------------------------------------
    def send(self, method: str, params: dict | None = None) -> dict:
        return self._send(method, params or {}, session=True)

    def _send(self, method: str, params: dict, session: bool, wait: bool = True) -> dict:
        self._id += 1
        message = {"id": self._id, "method": method, "params": params}
        if session and self._session:
            message["sessionId"] = self._session
        os.write(self._to_browser, json.dumps(message).encode() + b"\0")
        if not wait:
            return {}
        while True:
            reply = self._read()
            if reply.get("id") == self._id:
                if "error" in reply:
                    raise ProtocolError(f"{method}: {reply['error']}")
                return reply.get("result", {})
            self.events.append(reply)

    def _read(self) -> dict:
        deadline = time.monotonic() + self.timeout
        while b"\0" not in self._buffer:
            left = deadline - time.monotonic()
            if left <= 0 or not select.select([self._from_browser], [], [], left)[0]:
                raise ProtocolError(f"no answer from chromium within {self.timeout:.0f} s")
            chunk = os.read(self._from_browser, 1 << 20)
            if not chunk:
                raise ProtocolError("chromium closed the pipe")
            self._buffer += chunk
        message, self._buffer = self._buffer.split(b"\0", 1)
        return json.loads(message)

    def wait_for(self, method: str) -> dict:
        """The next event `method` (one that came already counts)."""
        for i, event in enumerate(self.events):
            if event.get("method") == method:
                return self.events.pop(i)
        while True:
            event = self._read()
            if event.get("method") == method:
                return event
            self.events.append(event)

    # -- page ----------------------------------------------------------------
    def open(self, path: Path) -> None:
        self.events.clear()
        self.send("Page.navigate", {"url": Path(path).resolve().as_uri()})
        self.wait_for("Page.loadEventFired")
        self.evaluate("document.fonts.ready.then(() => true)")

    def evaluate(self, expression: str):
        """The value of a JavaScript expression (promises awaited); ProtocolError on a thrown exception."""
        result = self.send("Runtime.evaluate", {"expression": expression, "awaitPromise": True, "returnByValue": True})
        if "exceptionDetails" in result:
            raise ProtocolError(f"{expression[:60]}...: {result['exceptionDetails']}")
        return result["result"].get("value")

    def press(self, key: str, code: str | None = None, text: str | None = None) -> None:
        """A real key press (keydown, char, keyup) as the keyboard sends it."""
        vk = {"Tab": 9, "Enter": 13, "ArrowLeft": 37, "ArrowUp": 38, "ArrowRight": 39, "ArrowDown": 40}
        base = {"key": key, "code": code or key, "windowsVirtualKeyCode": vk.get(key, ord(key.upper()[0]))}
        self.send("Input.dispatchKeyEvent", {"type": "rawKeyDown", **base})
        if text:
            self.send("Input.dispatchKeyEvent", {"type": "char", "text": text, **base})
        self.send("Input.dispatchKeyEvent", {"type": "keyUp", **base})

    def screenshot(self, clip: dict | None = None) -> bytes:
        params: dict = {"format": "png", "captureBeyondViewport": False}
        if clip:
            params["clip"] = {**clip, "scale": 1}
        return base64.b64decode(self.send("Page.captureScreenshot", params)["data"])

    def console_problems(self) -> list[str]:
        """Errors the page logged or threw so far (CSP violations among them)."""
        out = []
        for ev in self.events:
            if ev.get("method") == "Runtime.exceptionThrown":
                out.append(json.dumps(ev["params"]["exceptionDetails"])[:300])
            elif ev.get("method") == "Log.entryAdded" and ev["params"]["entry"]["level"] == "error":
                out.append(ev["params"]["entry"]["text"])
        return out
