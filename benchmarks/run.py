"""Benchmark: poster's speed against issue 12's targets, from interleaved runs, with CPU time as the stable figure.

Run with `make bench` (or `.venv/bin/python benchmarks/run.py`). It prints every
target with its measured figure and verdict, the machine's load while it ran,
and writes JSON (default .benchmarks/results.json).

On a shared machine wall time depends on what else runs; the CPU time a
process tree uses much less. So the comparisons are made in rounds: each round
runs a cold `poster build` of the bundled example (SVG + PDF + PNG at 2000 px),
the floor (a fresh Python process that only rasterises that build's SVG with
cairosvg) and Typst (a fresh process compiling benchmarks/typst/poster.typ, the
same content, to PDF + PNG + SVG), in an order that rotates from round to
round, so the three see the same load. A round gives a ratio per pair; a
verdict is on the median of those ratios. CPU time is user + system of the
process and everything it started (wait4's rusage); wall time is spawn to exit.

"Cold" means a new process, as a user runs `poster build`: the modules'
bytecode is compiled (a private PYTHONPYCACHEPREFIX, filled by a warm-up run,
as pip compiles on install) and poster's cache folder (POSTER_CACHE_DIR: the
parsed hyphenation patterns and the logo drawn for the PDF) holds what the
first build put there. One more build with an empty cache folder is shown
beside it ("first build ever"), without a target.

`poster watch` is measured end to end from a second process: the benchmark
starts `poster watch` on a copy of the example, edits a step title, and reads
how long after the edited file's modification time the SVG, PDF and PNG were
renamed into place (the renamed files' ctime).

Layout (the engine is benchmarked warm, in this process): generated plans of
100 and 1000 steps, all in the example's five lanes (benchmarks/generate.py),
on a page made tall enough to hold them at full type size.

--quick (CI) runs everything once with small plans: it keeps the benchmark
working; its numbers mean little.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import platform
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

PNG_WIDTH = 2000
TYPST_POSTER = HERE / "typst" / "poster.typ"
LAYOUT_BUDGET_S = 20.0  # per plan size: stop generating more plans once their layouts took this long
LAYOUT_LIMIT_S = 60.0  # one layout stopped after this long (its figure: at least this)

# Issue 12's targets.
TARGETS = {
    "build_cpu_over_floor": 0.6,  # x: CPU of a cold build / CPU of the cairosvg floor
    "build_wall_over_typst": 5.0,  # x: wall of a cold build / wall of Typst
    "watch_early_ms": 100.0,  # save -> SVG and PDF in place, median
    "watch_late_ms": 300.0,  # save -> PNG in place, median
    "peak_memory_mb": 150.0,  # cold build, process tree
    "layout_1000_s": 0.3,  # warm, 1000 steps in 5 lanes
    "layout_growth": 12.0,  # x: 100 -> 1000 steps in 5 lanes
}

FLOOR_SCRIPT = """\
import os, sys
os.environ["FONTCONFIG_FILE"] = sys.argv[1]
import cairocffi, cairosvg.surface
# The same glyph setting poster uses for cairosvg (system cairo 1.16 garbles text without it).
cairosvg.surface.TEXT_ANTIALIAS["geometricPrecision"] = cairocffi.ANTIALIAS_GRAY
with open(sys.argv[2], "rb") as f:
    svg = f.read()
png = cairosvg.svg2png(bytestring=svg, output_width=int(sys.argv[3]))
with open(sys.argv[4], "wb") as f:
    f.write(png)
"""

TYPST_SCRIPT = """\
import sys, typst
poster, fonts, out, ppi = sys.argv[1], sys.argv[2], sys.argv[3], float(sys.argv[4])
compiler = typst.Compiler(poster, font_paths=[fonts], ignore_system_fonts=True)
for fmt, extra in (("pdf", {}), ("png", {"ppi": ppi}), ("svg", {})):
    with open(f"{out}.{fmt}", "wb") as f:
        f.write(compiler.compile(format=fmt, **extra))
"""


@dataclass
class Runs:
    """Fresh-process runs of one command: wall and CPU seconds and peak memory (MB) per run."""

    label: str
    wall: list[float] = field(default_factory=list)
    cpu: list[float] = field(default_factory=list)
    rss_mb: list[float] = field(default_factory=list)

    def as_json(self) -> dict:
        return {
            "label": self.label,
            "wall_s": [round(v, 4) for v in self.wall],
            "cpu_s": [round(v, 4) for v in self.cpu],
            "peak_rss_mb": [round(v, 1) for v in self.rss_mb],
        }


def median(values: list[float]) -> float:
    return statistics.median(values) if values else float("nan")


def timed(cmd: list[str], env: dict[str, str], cwd: Path) -> tuple[float, float, float]:
    """Run cmd to completion: (wall s, CPU s of the process tree, largest resident set in MB); raises if it fails."""
    with tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        proc = subprocess.Popen(cmd, env=env, cwd=cwd, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=err)
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - start
        proc.returncode = os.waitstatus_to_exitcode(status)
        if proc.returncode != 0:
            err.seek(0)
            raise RuntimeError(f"{' '.join(cmd)} failed ({proc.returncode}):\n{err.read().decode(errors='replace')}")
    # ru_maxrss: kilobytes on Linux (bytes on macOS); the largest of the process and the children it waited for.
    rss = usage.ru_maxrss / (1024 * 1024 if sys.platform == "darwin" else 1024)
    return wall, usage.ru_utime + usage.ru_stime, rss


def child_env(work: Path, cache: Path) -> dict[str, str]:
    env = dict(os.environ)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env.pop("SOURCE_DATE_EPOCH", None)
    env["PYTHONPYCACHEPREFIX"] = str(work / "pycache")
    env["POSTER_CACHE_DIR"] = str(cache)
    return env


def poster_command() -> list[str]:
    script = Path(sys.executable).with_name("poster")
    return [str(script)] if script.is_file() else [sys.executable, "-m", "poster"]


def typst_available() -> bool:
    """Whether the bench extra's Typst is installed (not the folder benchmarks/typst/ beside this script,
    which a plain import would take for a namespace package)."""
    import importlib.util

    spec = importlib.util.find_spec("typst")
    return spec is not None and spec.origin is not None


# -- the cold build, the floor and Typst, in rounds ------------------------------------------------


def commands(work: Path) -> dict[str, list[str]]:
    from poster.fonts import fontconfig_file, fonts_dir
    from poster.resources import example_content

    (work / "floor.py").write_text(FLOOR_SCRIPT, encoding="utf-8")
    (work / "typst_poster.py").write_text(TYPST_SCRIPT, encoding="utf-8")
    build = [*poster_command(), "build", str(example_content()), "--out", str(work / "build")]
    build += ["--png-width", str(PNG_WIDTH)]
    svg = work / "build" / f"{example_content().name}.svg"
    floor = [sys.executable, str(work / "floor.py"), str(fontconfig_file()), str(svg), str(PNG_WIDTH)]
    floor.append(str(work / "floor.png"))
    cmds = {"build": build, "floor": floor}
    if typst_available():
        ppi = PNG_WIDTH / (841 / 25.4)  # A0 is 841 mm wide: 2000 px
        cmds["typst"] = [sys.executable, str(work / "typst_poster.py"), str(TYPST_POSTER), str(fonts_dir()),
                         str(work / "typst-poster"), f"{ppi:.4f}"]  # fmt: skip
    return cmds


def measure_rounds(work: Path, rounds: int, warmup: bool) -> dict[str, Runs]:
    """`rounds` rounds of build, floor and Typst in rotating order (A B C, B C A, C A B, ...)."""
    env = child_env(work, work / "cache")
    cmds = commands(work)
    labels = {
        "build": "poster build (svg+pdf+png)",
        "floor": "floor: cairosvg rasterises the SVG",
        "typst": "typst compiles poster.typ (pdf+png+svg)",
    }
    runs = {name: Runs(labels[name]) for name in cmds}
    timed(cmds["build"], env, work)  # the SVG for the floor, the cache folder, the bytecode
    if warmup:
        for cmd in cmds.values():
            timed(cmd, env, work)
    names = list(cmds)
    for r in range(rounds):
        for name in names[r % len(names) :] + names[: r % len(names)]:
            wall, cpu, rss = timed(cmds[name], env, work)
            runs[name].wall.append(wall)
            runs[name].cpu.append(cpu)
            runs[name].rss_mb.append(rss)
    first = Runs("poster build, first build ever (empty cache folder)")
    wall, cpu, rss = timed(cmds["build"], child_env(work, work / "empty-cache"), work)
    first.wall.append(wall)
    first.cpu.append(cpu)
    first.rss_mb.append(rss)
    runs["first_build"] = first
    return runs


def pair_ratios(a: Runs, b: Runs, attr: str) -> list[float]:
    """a/b per round (the runs of one round were made side by side)."""
    return [x / y for x, y in zip(getattr(a, attr), getattr(b, attr))]


# -- poster watch, end to end from a second process ------------------------------------------------


def measure_watch(work: Path, edits: int) -> dict[str, list[float]]:
    """Start `poster watch` on a copy of the example; per edit, ms from the file's mtime to the outputs renamed in place."""
    from poster.resources import example_content

    content = work / "watched"
    shutil.copytree(example_content(), content)
    out = work / "watch-out"
    plan = content / "stappenplan.yaml"
    original = plan.read_text(encoding="utf-8")
    anchor = "title: Programmaorganisatie inrichten"
    if anchor not in original:
        raise RuntimeError(f"benchmarks/run.py edits {anchor!r} in the example; update the anchor")
    env = child_env(work, work / "cache")
    cmd = [*poster_command(), "watch", str(content), "--out", str(out), "--png-width", str(PNG_WIDTH)]
    proc = subprocess.Popen(cmd, env=env, cwd=work, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                            stderr=subprocess.PIPE, text=True)  # fmt: skip
    lines: list[str] = []
    reader = threading.Thread(target=lambda: lines.extend(iter(proc.stderr.readline, "")), daemon=True)  # type: ignore[union-attr]
    reader.start()
    names = [f"watched.{ext}" for ext in ("svg", "pdf", "png")]
    early: list[float] = []
    late: list[float] = []
    cpu: list[float] = []
    try:
        wait_until(lambda: any(line.startswith("watching") for line in lines), 120, "poster watch to start", lines)
        for i in range(edits):
            before = {n: (out / n).stat().st_ino for n in names}
            cpu_before = _process_cpu_ms(proc.pid)
            rebuilt = sum(line.startswith("rebuilt") for line in lines)
            plan.write_text(original.replace(anchor, f"{anchor} {i}"), encoding="utf-8")
            saved = plan.stat().st_mtime_ns
            done = _rebuilt(lines, rebuilt, out, names, before)
            wait_until(done, 60, "the rebuild", lines)
            ctime = {n: (out / n).stat().st_ctime_ns for n in names}
            early.append((max(ctime[names[0]], ctime[names[1]]) - saved) / 1e6)
            late.append((ctime[names[2]] - saved) / 1e6)
            cpu.append(_process_cpu_ms(proc.pid) - cpu_before)
            time.sleep(0.3)  # the editor's user reads the poster
    finally:
        proc.terminate()
        try:
            proc.wait(10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
    return {"early_ms": early, "late_ms": late, "cpu_ms": cpu}


def _process_cpu_ms(pid: int) -> float:
    """User + system CPU milliseconds a running process has used so far (/proc/PID/stat; NaN elsewhere)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except (OSError, IndexError):
        return float("nan")
    return (int(fields[11]) + int(fields[12])) * 1000 / os.sysconf("SC_CLK_TCK")


def _rebuilt(lines: list[str], seen: int, out: Path, names: list[str], before: dict[str, int]):
    """A test: has watch reported one more rebuild, with every output renamed into place (a new inode)?"""
    return lambda: (
        sum(line.startswith("rebuilt") for line in lines) > seen and all(_inode(out / n) != before[n] for n in names)
    )


def _inode(path: Path) -> int | None:
    try:
        return path.stat().st_ino
    except OSError:
        return None


def wait_until(condition, timeout_s: float, what: str, lines: list[str]) -> None:
    deadline = time.monotonic() + timeout_s
    while not condition():
        if time.monotonic() > deadline:
            raise RuntimeError(f"timed out waiting for {what}; poster watch said:\n" + "".join(lines[-20:]))
        time.sleep(0.005)


# -- layout, warm, in this process -----------------------------------------------------------------


def measure_layout(sizes: tuple[int, ...], repeat: int, lanes: int = 5) -> dict[int, list[float]]:
    """Seconds of layout_poster per plan size (every step in `lanes` lanes), a new generated roadmap per run."""
    from generate import check_full_size, generate_roadmap, tall_spec

    from poster.layout import layout_poster, load_layout

    spec = load_layout("a0-portrait")
    layout_poster(generate_roadmap(10, seed=-1), tall_spec(spec, 10))  # fonts, dictionaries, modules: as in watch
    out: dict[int, list[float]] = {}
    for n in sizes:
        tall = tall_spec(spec, n)
        out[n] = []
        for seed in range(repeat):
            roadmap = generate_roadmap(n, seed=seed, lanes=lanes)
            start = time.perf_counter()
            try:
                with _time_limit(LAYOUT_LIMIT_S):
                    doc = layout_poster(roadmap, tall)
            except _TooSlow:
                out[n].append(LAYOUT_LIMIT_S)  # stopped: the figure is a lower bound (the report says so)
                break
            out[n].append(time.perf_counter() - start)
            check_full_size(doc, tall)
            if sum(out[n]) > LAYOUT_BUDGET_S:
                break  # a slow engine: fewer plans of this size rather than a benchmark that never ends
    return out


class _TooSlow(BaseException):  # not an Exception: nothing in the engine catches it
    pass


@contextlib.contextmanager
def _time_limit(seconds: float):
    """Stop what runs inside after `seconds` of wall time (SIGALRM, main thread, Unix); elsewhere no limit."""
    if not hasattr(signal, "setitimer") or threading.current_thread() is not threading.main_thread():
        yield
        return

    def stop(signum, frame):
        raise _TooSlow

    previous = signal.signal(signal.SIGALRM, stop)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


# -- the machine -----------------------------------------------------------------------------------


class Contention:
    """How much CPU other processes took while the benchmark ran (from /proc/stat, Linux), as a share of all CPUs."""

    def __init__(self):
        self.start = (time.perf_counter(), _busy_s(), _own_cpu_s())

    def share(self) -> float | None:
        now = (time.perf_counter(), _busy_s(), _own_cpu_s())
        if self.start[1] is None or now[1] is None:
            return None
        wall = now[0] - self.start[0]
        busy = now[1] - self.start[1]
        own = now[2] - self.start[2]
        return max(0.0, (busy - own) / (wall * (os.cpu_count() or 1))) if wall else None


def _busy_s() -> float | None:
    """CPU seconds all processes spent busy since boot."""
    try:
        fields = [int(v) for v in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]]
    except (OSError, ValueError):
        return None
    idle = fields[3] + (fields[4] if len(fields) > 4 else 0)  # idle + iowait
    return (sum(fields[:8]) - idle) / os.sysconf("SC_CLK_TCK")


def _own_cpu_s() -> float:
    import resource

    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def load_average() -> list[float] | None:
    return [round(v, 2) for v in os.getloadavg()] if hasattr(os, "getloadavg") else None


def machine() -> dict:
    info: dict = {"python": platform.python_version(), "platform": platform.platform(), "cpus": os.cpu_count()}
    try:
        info["commit"] = (
            subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True, timeout=10)
            .stdout.strip() or None
        )  # fmt: skip
    except (OSError, subprocess.SubprocessError):
        info["commit"] = None
    return info


# -- verdicts and the report -----------------------------------------------------------------------


def evaluate(runs: dict[str, Runs], watch: dict[str, list[float]], layout: dict[int, list[float]]) -> list[dict]:
    """One row per target: the measured figure, the limit, met or not, and what else to show beside it."""
    rows = []

    def row(name: str, value: float, limit: float, unit: str, note: str = "") -> None:
        rows.append({"target": name, "value": round(value, 3), "limit": limit, "unit": unit, "met": value <= limit,
                     "note": note})  # fmt: skip

    build, floor = runs["build"], runs["floor"]
    n = len(build.cpu)
    cpu = median(pair_ratios(build, floor, "cpu"))
    wall = median(pair_ratios(build, floor, "wall"))
    row(f"cold build CPU / cairosvg floor CPU ({n} pairs)", cpu, TARGETS["build_cpu_over_floor"], "x",
        f"wall {wall:.2f}x")  # fmt: skip
    if "typst" in runs:
        typst = runs["typst"]
        wall = median(pair_ratios(build, typst, "wall"))
        cpu = median(pair_ratios(build, typst, "cpu"))
        row(f"cold build wall / Typst wall ({n} pairs)", wall, TARGETS["build_wall_over_typst"], "x",
            f"CPU {cpu:.2f}x")  # fmt: skip
    row("watch: save -> SVG and PDF in place", median(watch["early_ms"]), TARGETS["watch_early_ms"], "ms",
        f"median of {len(watch['early_ms'])} edits")  # fmt: skip
    row("watch: save -> PNG in place", median(watch["late_ms"]), TARGETS["watch_late_ms"], "ms",
        f"median of {len(watch['late_ms'])} edits; {median(watch['cpu_ms']):.0f} ms CPU per rebuild")  # fmt: skip
    row("peak memory of a cold build", max(build.rss_mb), TARGETS["peak_memory_mb"], "MB",
        "largest resident set of the build's processes")  # fmt: skip
    sizes = sorted(layout)
    if not sizes:
        return rows
    big, small = sizes[-1], sizes[-2] if len(sizes) > 1 else sizes[-1]
    stopped = {n for n, times in layout.items() if LAYOUT_LIMIT_S in times}
    if big == 1000:
        row("layout, 1000 steps in 5 lanes (warm)", median(layout[1000]), TARGETS["layout_1000_s"], "s",
            f"stopped after {LAYOUT_LIMIT_S:.0f} s: at least this" if 1000 in stopped else "")  # fmt: skip
    if big > small:
        growth = median(layout[big]) / median(layout[small])
        row(f"layout growth {small} -> {big} steps (5 lanes)", growth, TARGETS["layout_growth"], "x",
            ("both sizes stopped: no figure" if small in stopped else "a layout was stopped: at least this")
            if big in stopped else "")  # fmt: skip
        if big in stopped:
            rows[-1]["met"] = False  # a lower bound shows no target met
    return rows


def report(runs: dict[str, Runs], watch: dict, layout: dict[int, list[float]], targets: list[dict], info: dict) -> str:
    load = info["load_average"]
    lines = [
        f"poster benchmark - {len(runs['build'].cpu)} interleaved rounds; {info['cpus']} CPUs; commit {info['commit']}",
        f"machine load (os.getloadavg, 1/5/15 min): {load['start']} at the start, {load['end']} at the end",
    ]
    share = info.get("other_processes_cpu_share")
    if share is not None:
        lines.append(f"other processes used {share:.0%} of the CPUs meanwhile"
                     + (": wall times are inflated, CPU times and the ratios of each round much less" if share > 0.15
                        else ""))  # fmt: skip
    lines += ["", f"fresh processes, median of each     {'CPU':>9} {'wall':>9} {'peak RSS':>9}"]
    for r in runs.values():
        lines.append(f"  {r.label:48} {median(r.cpu):8.3f}s {median(r.wall):8.3f}s {max(r.rss_mb):7.0f}MB")
    for n, times in sorted(layout.items()):
        lines.append(
            f"  {'layout, ' + str(n) + ' steps in 5 lanes (warm, in-process)':48} {'':9} {median(times):8.3f}s"
        )
    lines += ["", f"targets{'':45} {'measured':>10}   {'limit':>9}   verdict"]
    for t in targets:
        verdict = "met" if t["met"] else "MISSED"
        value = f"{t['value']:.0f}" if t["unit"] in ("ms", "MB") else f"{t['value']:.2f}"
        lines.append(f"  {t['target']:50} {value:>7} {t['unit']:2}  <= {t['limit']:g} {t['unit']:2}  {verdict:6}"
                     + (f"  ({t['note']})" if t["note"] else ""))  # fmt: skip
    if "typst" not in runs:
        lines.append("  (Typst is not installed: pip install -e '.[bench]' to measure the Typst target)")
    if not layout:
        lines.append("  (layout targets left out: --skip-layout)")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=9, help="interleaved rounds of build, floor and Typst (9)")
    parser.add_argument("--edits", type=int, default=12, help="edits timed in poster watch (12)")
    parser.add_argument("--repeat", type=int, default=5, help="generated plans per layout size (5)")
    parser.add_argument("--quick", action="store_true", help="one round, two edits, small plans, no warm-up (CI)")
    parser.add_argument("--json", type=Path, default=ROOT / ".benchmarks" / "results.json",
                        help="where to write the results (default .benchmarks/results.json)")  # fmt: skip
    parser.add_argument("--check", action="store_true", help="exit 1 when a target is missed")
    parser.add_argument("--skip-layout", action="store_true",
                        help="leave out the layout targets (1000-step plans: minutes on a slow engine)")  # fmt: skip
    args = parser.parse_args(argv)
    rounds, edits, repeat = (1, 2, 1) if args.quick else (max(1, args.rounds), max(1, args.edits), max(1, args.repeat))
    sizes = (10, 100) if args.quick else (100, 1000)

    info = machine()
    start_load = load_average()
    contention = Contention()
    with tempfile.TemporaryDirectory(prefix="poster-bench-") as tmp:
        work = Path(tmp)
        runs = measure_rounds(work, rounds, warmup=not args.quick)
        watch = measure_watch(work, edits)
    layout = {} if args.skip_layout else measure_layout(sizes, repeat)
    share = contention.share()
    info["load_average"] = {"start": start_load, "end": load_average()}
    info["other_processes_cpu_share"] = None if share is None else round(share, 3)
    targets = evaluate(runs, watch, layout)
    print(report(runs, watch, layout, targets, info))

    result = {
        "machine": info,
        "settings": {"rounds": rounds, "edits": edits, "repeat": repeat, "quick": args.quick, "png_width": PNG_WIDTH},
        "runs": {name: r.as_json() for name, r in runs.items()},
        "watch": {k: [round(v, 1) for v in vs] for k, vs in watch.items()},
        "layout": {str(n): [round(t, 4) for t in ts] for n, ts in layout.items()},
        "targets": targets,
    }
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    print(f"\nwrote {args.json}")
    return 1 if args.check and not all(t["met"] for t in targets) else 0


if __name__ == "__main__":
    sys.exit(main())
