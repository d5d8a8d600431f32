"""CLI: what the commands print reaches the terminal as text, never as terminal commands.

Content can hold control characters (a YAML escape such as "\\e]0;...\\a" sets a
terminal's window title, "\\e[2J" clears it) and lone surrogates (which cannot
be encoded and would end a command in a traceback). The loader refuses or
removes them where it can, but texts also reach the terminal from elsewhere: a
diff against an old version, a message quoting a key, a path. So the CLI wraps
stdout and stderr once, at start-up, in `SafeStream`, which shows such
characters as escapes (\\x1b, \\u0085, \\ud83d): every line any command prints
goes through it, including click's error messages. Newlines and tabs pass.
"""

from __future__ import annotations

import re
import sys
from typing import TextIO

# C0 controls except tab and newline, DEL, C1 controls, and surrogates.
_UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff]")


def _escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def safe(text: str) -> str:
    """`text` with control characters and surrogates written as visible escapes."""
    return _UNSAFE.sub(_escape, text)


class SafeStream:
    """A text stream that escapes what `safe` escapes before writing to the stream it wraps.

    It has no `buffer`, so click writes text through it rather than bytes
    around it.
    """

    def __init__(self, stream: TextIO):
        self._stream = stream

    def write(self, text: str) -> int:
        self._stream.write(safe(text))
        return len(text)

    def writelines(self, lines) -> None:
        for line in lines:
            self.write(line)

    def __getattr__(self, name: str):
        if name == "buffer":
            raise AttributeError(name)
        return getattr(self._stream, name)


def protect_streams() -> None:
    """Wrap sys.stdout and sys.stderr in SafeStream (once)."""
    for name in ("stdout", "stderr"):
        stream = getattr(sys, name)
        if stream is not None and not isinstance(stream, SafeStream):
            setattr(sys, name, SafeStream(stream))
