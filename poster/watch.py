"""Watch mode: rebuild the poster every time a content, layout or theme file is saved, in one warm process.

The watcher is told of changes by the operating system (watchfiles: inotify on
Linux, FSEvents on macOS), so a save is seen within milliseconds and an idle
watcher costs no CPU; on a network share whose changes the OS does not report,
set WATCHFILES_FORCE_POLLING=1. A burst of writes (editors save in steps) is
one rebuild: watchfiles waits until the files have been quiet for STEP_MS. A
change is rebuilt only when a watched file's modification time or size really
moved (`snapshot`), and a save during a rebuild is reported next. A rebuild reuses
everything the process already loaded - modules, registered fonts, the
hyphenation dictionary, measured words, the content files that did not
change - so only the changed file is parsed again.
SVG and PDF are written first (all-or-nothing, as `poster build` does; in a
thread, while the PNG is drawn), then the HTML page and the PNG, which take
longer, and the manifest last (the split and the order are poster.build's
`format_groups`). The warnings shown, and
refused under --strict, are the build's (`Build.all_warnings`: layout, print
preflight, slides), as `poster build` shows them. An error is reported the way
`poster check` and `poster build` report it, the previous outputs stay as they
were, and the watcher keeps going until it is stopped.

Nothing here prints: every line goes to the `report` callback (the CLI echoes it).
"""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path

from poster.build import Build, BuildOptions, add_outputs, build_files, format_groups
from poster.errors import ContentError, PosterError
from poster.output import write_outputs
from poster.resources import data_dir

STEP_MS = 10  # a save is read once the files stopped changing for this long (editors write in steps)
DEBOUNCE_MS = 1000  # ... or after this long of continuous writing
READY_MS = 100  # how soon after the first build the watcher knows the watches are set up (then: idle wake-ups)
MAX_FILES = 2000  # a content folder is a handful of YAML files and some assets; stop counting beyond this


@dataclass(frozen=True)
class Message:
    """One line for the user: level is "info", "output" (a path written), "warning" or "error"."""

    level: str
    text: str


Report = Callable[[Message], None]


@dataclass
class Rebuild:
    """What one rebuild did: the files written per step and how long after the change was read."""

    ok: bool = False
    written: list[Path] = field(default_factory=list)
    early_ms: float | None = None  # SVG and PDF (and every format but html and png) on disk
    late_ms: float | None = None  # html and png on disk too
    build: Build | None = None


class Watcher:
    """Rebuilds `content` into `out_dir` with `options` whenever one of its files changes."""

    def __init__(
        self,
        content: Path,
        out_dir: Path,
        options: BuildOptions,
        *,
        report: Report,
        strict: bool = False,
        as_of: date | None = None,
        on_files: Callable[[dict[str, bytes]], None] | None = None,
        on_error: Callable[[str], None] | None = None,
    ):
        self.content = Path(content)
        self.out_dir = Path(out_dir)
        self.options = options
        self.report = report
        self.strict = strict
        self.as_of = as_of
        self.on_files = on_files  # every group of files once written (the preview server)
        self.on_error = on_error  # the text of a failed rebuild (the preview server shows it)
        self.rebuilds = 0
        self._yaml: dict = {}  # content files as last read, by path and bytes (poster.content.yamlsrc.read_yaml_kept)

    # -- what to watch ------------------------------------------------------
    def watched_files(self) -> list[Path]:
        """Content files (YAML directly in the folder, assets below it) and the layout files."""
        files: list[Path] = []
        out = self.out_dir.resolve()
        folder = self.content
        if folder.is_dir() and not folder.resolve().is_relative_to(out):
            # Hidden folders (.git, .venv) and the output are pruned before they are listed; stop at the cap.
            for root, dirs, names in os.walk(folder):
                here = Path(root)
                dirs[:] = sorted(
                    d for d in dirs if not d.startswith(".") and not (here / d).resolve().is_relative_to(out)
                )
                for name in sorted(names):
                    path = here / name
                    if name.startswith(".") or (here == folder and path.suffix.lower() not in (".yaml", ".yml")):
                        continue  # beside the YAML only YAML is read; assets live in subfolders
                    if path.is_file():
                        files.append(path)
                    if len(files) >= MAX_FILES:
                        break
                if len(files) >= MAX_FILES:
                    break
        for layouts in self._layout_folders():
            files += sorted(p for p in layouts.glob("*") if p.suffix in (".yaml", ".yml") and p.is_file())
        return files

    def snapshot(self) -> dict[Path, tuple[int, int]]:
        """(mtime in ns, size) of every watched file; a file that vanished is left out."""
        state = {}
        for path in self.watched_files():
            try:
                st = path.stat()
            except OSError:
                continue
            state[path] = (st.st_mtime_ns, st.st_size)
        return state

    # -- building -----------------------------------------------------------
    def rebuild(self) -> Rebuild:
        """Read the content, lay out, write SVG and PDF, then HTML and PNG; report and return what happened."""
        start = time.perf_counter()
        self.rebuilds += 1
        outcome = Rebuild()
        try:
            roadmap = self._load()
            if roadmap is None:
                return outcome
            # The order and the split are poster.build's: the slow formats and the manifest (last) late.
            early, late = format_groups(self.options.formats)
            build = build_files(roadmap, replace(self.options, formats=early))
            outcome.build = build
            self._warnings(build, 0)
            if not late:
                outcome.written += self._write(build.files)
                outcome.early_ms = (time.perf_counter() - start) * 1000
            else:
                # SVG and PDF go to disk in a thread (mostly waiting for the disk) while the PNG is drawn;
                # the PNG is written only after them, and only when they were.
                writing = _Writing(self, dict(build.files), start)
                seen = len(build.all_warnings)
                try:
                    files = add_outputs(build, late)
                finally:
                    outcome.written += writing.result()  # raises what writing them raised
                    outcome.early_ms = writing.done_ms
                self._warnings(build, seen)
                outcome.written += self._write(files)
            outcome.late_ms = (time.perf_counter() - start) * 1000
            outcome.ok = True
            self.report(Message("info", self._summary(outcome, early, late)))
        except PosterError as exc:
            self._failed(exc.format_message(), outcome.written, _with_diagnostics(exc))
        except Exception as exc:  # noqa: BLE001 - a bug must not end a session in a meeting; say what broke
            self._failed(f"internal error: {type(exc).__name__}: {exc} (please report this)", outcome.written)
        return outcome

    def _warnings(self, build: Build, seen: int) -> None:
        """Report the build's warnings after the first `seen` (layout's and the outputs', as `poster build` does)."""
        warnings = build.all_warnings[seen:]
        for warning in warnings:
            self.report(Message("warning", f"warning: {warning}"))
        if self.strict and warnings:
            raise PosterError(
                "the build has warnings (--strict makes warnings errors); the files they concern were not written"
            )

    def _load(self):
        """The roadmap, its diagnostics reported compiler-style; None (reported) when it has errors."""
        from poster.content import load
        from poster.content.yamlsrc import read_yaml_kept

        used: dict = {}
        result = load(
            self.content, as_of=self.as_of, read=lambda path, data: read_yaml_kept(path, data, self._yaml, used)
        )
        self._yaml = used  # the files as read this time: an unchanged one is not parsed again
        for d in result.diagnostics:
            self.report(Message("error" if d.is_error else "warning", d.format(relative_to=Path.cwd())))
        if result.roadmap is None or (self.strict and result.warnings):
            raise ContentError(result.diagnostics)
        return result.roadmap

    def _write(self, files: dict[str, bytes]) -> list[Path]:
        written = write_outputs({self.out_dir / name: data for name, data in files.items()})
        for path in written:
            self.report(Message("output", _shown(path)))
        if self.on_files is not None:
            self.on_files(files)
        return written

    def _failed(self, text: str, written: list[Path], shown: str | None = None) -> None:
        """Report a failed rebuild; the preview shows `shown` (every message, when the content had errors)."""
        self.report(Message("error", f"error: {text}"))
        if written:  # the PNG (or HTML) failed after SVG and PDF were written
            names = ", ".join(p.name for p in written)
            self.report(
                Message(
                    "info",
                    f"{names} were rebuilt before the error, the other outputs left unchanged; "
                    "watching for the next save",
                )
            )
        else:
            self.report(Message("info", "previous outputs left unchanged; watching for the next save"))
        if self.on_error is not None:
            self.on_error(shown or text)

    def _summary(self, outcome: Rebuild, early: tuple[str, ...], late: tuple[str, ...]) -> str:
        """'rebuilt build/meierijstad: svg, pdf in 118 ms; png in 472 ms' (times since the save was read)."""
        text = f"rebuilt {_shown(self.out_dir / self.options.stem)}:"
        if early:
            text += f" {', '.join(early)} in {outcome.early_ms:.0f} ms"
        if late:
            text += f"{';' if early else ''} {', '.join(late)} in {outcome.late_ms:.0f} ms"
        return text

    # -- the loop -----------------------------------------------------------
    def run(self, stop: threading.Event | None = None) -> None:
        """Build once, then rebuild after every change until `stop` is set (or KeyboardInterrupt).

        "watching ..." is said once the operating system watches the files
        (watchfiles sets its watches up when first asked for changes; a save
        before that would be missed), and a save made during the first build
        is rebuilt then.
        """
        import watchfiles

        stop = stop or threading.Event()
        state = self.snapshot()
        self.rebuild()
        roots = [r for r in self._roots() if r.is_dir()]
        changes = watchfiles.watch(
            *roots,
            watch_filter=self._relevant,
            stop_event=stop,
            step=STEP_MS,
            debounce=DEBOUNCE_MS,
            rust_timeout=READY_MS,
            yield_on_timeout=True,  # the first (empty) answer says the watches are set up
        )
        watching = False
        for batch in changes:
            if watching and not batch:
                continue  # a timeout: nothing changed
            now = self.snapshot()
            if now != state:  # touched only, or a file outside what is read: no rebuild
                changed = sorted(set(now.items()) ^ set(state.items()))
                names = ", ".join(dict.fromkeys(_shown(p) for p, _ in changed))
                self.report(Message("info", f"changed: {names}"))
                state = now
                self.rebuild()
            if not watching:
                watching = True
                self.report(
                    Message(
                        "info", f"watching {len(state)} files in {_shown(self.content)} and the layout; Ctrl-C stops"
                    )
                )

    def _layout_folders(self) -> list[Path]:
        """The shipped layouts, and the folder of a layout given as a file (a layout may extend a sibling)."""
        folders = [data_dir("layouts")]
        name = str(self.options.layout)
        if name.endswith((".yaml", ".yml")) or "/" in name or "\\" in name:
            folders.append(Path(name).parent)
        return list(dict.fromkeys(folders))

    def _roots(self) -> list[Path]:
        return list(dict.fromkeys(p.resolve() for p in [self.content, *self._layout_folders()]))

    def _relevant(self, change: object, path: str) -> bool:
        """Whether a changed path is one `watched_files` lists (or could list, once created)."""
        p = Path(path)
        if p.name.startswith("."):
            return False  # editors' swap and lock files
        content, out = self.content.resolve(), self.out_dir.resolve()
        if p.is_relative_to(out):
            return False
        if p.is_relative_to(content):
            parts = p.relative_to(content).parts
            if any(part.startswith(".") for part in parts):
                return False  # .git, .venv
            return len(parts) > 1 or p.suffix.lower() in (".yaml", ".yml")  # beside the YAML only YAML is read
        return p.suffix in (".yaml", ".yml") and any(p.parent == f.resolve() for f in self._layout_folders())


class _Writing:
    """`watcher._write(files)` in a thread: result() waits for it and returns the paths, or raises its error."""

    def __init__(self, watcher: Watcher, files: dict[str, bytes], start: float):
        self._written: list[Path] = []
        self._error: BaseException | None = None
        self._start = start
        self.done_ms: float | None = None

        def run() -> None:
            try:
                self._written = watcher._write(files)
            except BaseException as exc:  # noqa: BLE001 - handed to the rebuild, which reports it
                self._error = exc
            self.done_ms = (time.perf_counter() - self._start) * 1000

        self._thread = threading.Thread(target=run, name="poster-watch-write", daemon=True)
        self._thread.start()

    def result(self) -> list[Path]:
        self._thread.join()
        if self._error is not None:
            raise self._error
        return self._written


def _shown(path: Path) -> str:
    try:
        return str(Path(path).resolve().relative_to(Path.cwd().resolve())) or "."
    except ValueError:
        return str(path)


def _with_diagnostics(exc: PosterError) -> str:
    """The error's message preceded by each of its diagnostics (file:line:col: ...), as the terminal showed them.

    For the preview's banner: the messages themselves, so nobody has to look at the terminal.
    """
    diagnostics = getattr(exc, "diagnostics", ()) or ()
    lines = [d.format(relative_to=Path.cwd()) for d in diagnostics]
    return "\n".join([*lines, exc.format_message()])
