"""Benchmark: how fast `poster build` is, next to the floor of rasterising its SVG, and how layout grows with the plan.

Run with `make bench` (or `.venv/bin/python benchmarks/run.py`). It prints a
table and writes JSON (default .benchmarks/results.json). Measured, each as
the median of --repeat runs after one untimed warm-up run:

(a) a cold `poster build` of the bundled example, all three formats: a fresh
    process per run (the `poster` console script), wall time from spawn to exit;
(b) the same with `--format pdf` and with `--format svg` alone;
(c) the floor: a fresh process that only sets up fontconfig, imports cairosvg
    and rasterises the SVG of (a) at the same width (2000 px), and (a)/(c);
(d) layout alone, in this process, of generated roadmaps of 10, 100 and 1000
    steps (benchmarks/generate.py), each repetition a new roadmap (another
    seed), on a page made tall enough to hold them at full type size: lanes
    added as the plan grows (20 steps a lane), and a dense plan with every step
    in the example's five lanes;
(e) the peak memory of (a): the largest of the timed runs' ru_maxrss and the
    peak summed PSS of the build process and the PNG worker it forks, sampled
    in one extra run (see `timed`);
(f) `poster watch`: warm rebuilds of the example after editing a step title, in
    this process, until SVG and PDF are written and until the PNG is too.

Child processes get a private bytecode cache (PYTHONPYCACHEPREFIX, filled by
the warm-up run), so "cold" means a new process, not Python compiling every
module again: that is what an installed poster does (pip compiles on install).
--quick (CI) runs everything once, without warm-up or memory sampling, with 10
and 100 steps: it shows the benchmark still works, its numbers mean little.
"""

from __future__ import annotations

import argparse
import itertools
import json
import math
import os
import platform
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

# Issue #7's targets on the 2-core reference machine.
TARGETS = {
    "build_all_s": 1.0,
    "build_over_floor": 1.4,
    "layout_1000_s": 1.0,
    "peak_memory_mb": 250.0,
    "watch_early_s": 0.150,
}

FLOOR_SCRIPT = """\
import os, sys
os.environ["FONTCONFIG_FILE"] = sys.argv[1]
import cairocffi, cairosvg.surface
# The same glyph setting the PNG renderer uses (system cairo 1.16 garbles text without it).
cairosvg.surface.TEXT_ANTIALIAS["geometricPrecision"] = cairocffi.ANTIALIAS_GRAY
with open(sys.argv[2], "rb") as f:
    svg = f.read()
png = cairosvg.svg2png(bytestring=svg, output_width=int(sys.argv[3]))
with open(sys.argv[4], "wb") as f:
    f.write(png)
"""


@dataclass
class Series:
    """Repeated measurements of one thing: seconds (wall and CPU) and peak memory per run."""

    name: str
    label: str
    wall: list[float] = field(default_factory=list)
    cpu: list[float] = field(default_factory=list)
    rss_mb: list[float] = field(default_factory=list)

    @property
    def median(self) -> float:
        return statistics.median(self.wall)

    def as_json(self) -> dict:
        out = {"label": self.label, "median_s": round(self.median, 4), "runs_s": [round(t, 4) for t in self.wall]}
        if self.cpu:
            out["median_cpu_s"] = round(statistics.median(self.cpu), 4)
        if self.rss_mb:
            out["peak_rss_mb"] = round(max(self.rss_mb), 1)
        return out


def child_env(pycache: Path) -> dict[str, str]:
    env = dict(os.environ)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env["PYTHONPYCACHEPREFIX"] = str(pycache)
    env.pop("SOURCE_DATE_EPOCH", None)
    return env


def poster_command() -> list[str]:
    script = Path(sys.executable).with_name("poster")
    return [str(script)] if script.is_file() else [sys.executable, "-m", "poster"]


def timed(cmd: list[str], env: dict[str, str], cwd: Path, *, sample_memory: bool = False) -> tuple[float, float, float]:
    """Run cmd to completion: (wall seconds, CPU seconds, peak memory in MB); raises if it fails.

    CPU seconds include the processes it starts (poster's PNG worker). Memory
    is wait4's ru_maxrss (the largest single process) or, with
    `sample_memory`, the peak of the process tree's summed proportional set
    size (PSS: pages the worker shares with its parent counted once), sampled
    every few milliseconds - a sampling thread costs CPU, so timed runs do not
    sample.
    """
    with tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        proc = subprocess.Popen(cmd, env=env, cwd=cwd, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=err)
        sampler = TreeMemory(proc.pid) if sample_memory else None
        if hasattr(os, "waitid"):
            os.waitid(os.P_PID, proc.pid, os.WEXITED | os.WNOWAIT)  # exited, not reaped: its pid stays its own
        wall = time.perf_counter() - start
        if sampler is not None:
            sampler.stop()
        _, status, usage = os.wait4(proc.pid, 0)
        proc.returncode = os.waitstatus_to_exitcode(status)
        if proc.returncode != 0:
            err.seek(0)
            raise RuntimeError(f"{' '.join(cmd)} failed ({proc.returncode}):\n{err.read().decode(errors='replace')}")
    # ru_maxrss is in kilobytes on Linux (bytes on macOS).
    rss = usage.ru_maxrss / (1024 * 1024 if sys.platform == "darwin" else 1024)
    if sampler is not None and sampler.peak_mb:
        rss = sampler.peak_mb
    return wall, usage.ru_utime + usage.ru_stime, rss


class TreeMemory:
    """Samples the summed PSS of a process and its descendants from /proc (Linux) in a thread."""

    INTERVAL_S = 0.005

    def __init__(self, pid: int):
        self.pid = pid
        self.peak_mb = 0.0
        self._done = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)
        if Path(f"/proc/{pid}/smaps_rollup").exists():
            self._thread.start()

    def stop(self) -> None:
        self._done.set()
        if self._thread.is_alive():
            self._thread.join()

    def _run(self) -> None:
        while not self._done.is_set():
            self.peak_mb = max(self.peak_mb, sum(_pss_kb(p) for p in _tree(self.pid)) / 1024)
            self._done.wait(self.INTERVAL_S)


def _tree(pid: int) -> list[int]:
    out, todo = [], [pid]
    while todo:
        p = todo.pop()
        out.append(p)
        try:
            todo += [int(c) for c in Path(f"/proc/{p}/task/{p}/children").read_text().split()]
        except (OSError, ValueError):
            pass
    return out


def _pss_kb(pid: int) -> int:
    try:
        for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
            if line.startswith("Pss:"):
                return int(line.split()[1])
    except (OSError, ValueError, IndexError):
        pass
    return 0


def measure_process(series: Series, cmd: list[str], env, cwd: Path, repeat: int, warmup: bool) -> Series:
    """`repeat` timed runs, then (after a warm-up) one more, untimed, that samples the memory of the process tree."""
    if warmup:
        timed(cmd, env, cwd)
    for _ in range(repeat):
        wall, cpu, rss = timed(cmd, env, cwd)
        series.wall.append(wall)
        series.cpu.append(cpu)
        series.rss_mb.append(rss)
    if warmup:
        series.rss_mb.append(timed(cmd, env, cwd, sample_memory=True)[2])
    return series


def measure_builds(work: Path, repeat: int, warmup: bool) -> tuple[dict[str, Series], Path]:
    from poster.resources import example_content

    env = child_env(work / "pycache")
    content = example_content()
    poster = poster_command()
    out: dict[str, Series] = {}
    runs = {
        "build_all": ("(a) poster build, svg+pdf+png", []),
        "build_pdf": ("(b) poster build --format pdf", ["--format", "pdf"]),
        "build_svg": ("(b) poster build --format svg", ["--format", "svg"]),
    }
    for name, (label, extra) in runs.items():
        cmd = poster + ["build", str(content), "--out", str(work / name), "--png-width", str(PNG_WIDTH), *extra]
        out[name] = measure_process(Series(name, label), cmd, env, work, repeat, warmup)
    svg = next((work / "build_all").glob("*.svg"))
    return out, svg


def measure_floor(work: Path, svg: Path, repeat: int, warmup: bool) -> Series:
    from poster.fonts import fontconfig_file

    script = work / "floor.py"
    script.write_text(FLOOR_SCRIPT, encoding="utf-8")
    cmd = [sys.executable, str(script), str(fontconfig_file()), str(svg), str(PNG_WIDTH), str(work / "floor.png")]
    return measure_process(
        Series("floor", "(c) floor: cairosvg rasterises that SVG"),
        cmd,
        child_env(work / "pycache"),
        work,
        repeat,
        warmup,
    )


def measure_layout(sizes: tuple[int, ...], repeat: int, lanes: int | None = None) -> dict[int, Series]:
    """Seconds of layout_poster for each plan size, in this process (fonts and dictionaries loaded).

    lanes=None: lanes grow with the plan (generate.lanes_for); lanes=5: a dense
    plan, the example's five lanes holding every step.
    """
    from generate import check_full_size, generate_roadmap, lanes_for, tall_spec

    from poster.layout import layout_poster, load_layout

    spec = load_layout("a0-portrait")
    # Warm-up: fonts registered, hyphenation dictionary read, modules imported - as in `poster watch`.
    layout_poster(generate_roadmap(10, seed=-1), tall_spec(spec, 10))
    out = {}
    for n in sizes:
        k = lanes or lanes_for(n)
        series = Series(f"layout_{n}" + ("_dense" if lanes else ""), f"(d) layout, {n} steps in {k} lanes")
        tall = tall_spec(spec, n)
        for seed in range(repeat):
            roadmap = generate_roadmap(n, seed=seed, lanes=lanes)
            start = time.perf_counter()
            doc = layout_poster(roadmap, tall)
            series.wall.append(time.perf_counter() - start)
            check_full_size(doc, tall)
        out[n] = series
    return out


def measure_watch(work: Path, repeat: int) -> tuple[Series, Series]:
    """Warm rebuilds of `poster watch` in this process: after each edit of a step title, until SVG+PDF / all are written.

    Timed from the moment the watcher starts reading the changed content (the
    poll that notices the save comes before: at most POLL_S later).
    """
    import shutil

    from poster.build import BuildOptions
    from poster.resources import example_content
    from poster.watch import Watcher

    content = work / "watched"
    shutil.copytree(example_content(), content)
    plan = content / "stappenplan.yaml"
    original = plan.read_text(encoding="utf-8")
    anchor = "title: Programmaorganisatie inrichten"
    if anchor not in original:
        raise RuntimeError(f"benchmarks/run.py edits {anchor!r} in the example; update the anchor")
    watcher = Watcher(content, work / "watch-out", BuildOptions(stem="poster"), report=lambda message: None)
    watcher.rebuild()  # the first build of a session: imports, fonts, dictionaries
    early = Series("watch_early", "(f) watch: warm rebuild, SVG+PDF written")
    late = Series("watch_late", "(f) watch: warm rebuild, PNG written too")
    for i in range(repeat):
        plan.write_text(original.replace(anchor, f"{anchor} {i}"), encoding="utf-8")
        outcome = watcher.rebuild()
        if not outcome.ok:
            raise RuntimeError("a watch rebuild of the example failed")
        early.wall.append(outcome.early_ms / 1000)
        late.wall.append(outcome.late_ms / 1000)
    return early, late


def growth(layout: dict[int, Series]) -> list[dict]:
    """Per 10x more steps: how much longer layout took, next to what n log n would allow."""
    sizes = sorted(layout)
    rows = []
    for a, b in itertools.pairwise(sizes):
        ratio = layout[b].median / layout[a].median
        nlogn = (b * math.log(b)) / (a * math.log(a))
        rows.append(
            {
                "from": a,
                "to": b,
                "ratio": round(ratio, 2),
                "n_log_n_ratio": round(nlogn, 2),
                "within_n_log_n": ratio <= nlogn,
            }
        )
    return rows


class Contention:
    """How much CPU other processes took while the benchmark ran (from /proc/stat, Linux), as a share of all CPUs."""

    def __init__(self):
        self.start = (time.perf_counter(), _busy_s(), _own_cpu_s())

    def share(self) -> float | None:
        wall, busy, own = (
            b - a if a is not None and b is not None else None
            for a, b in zip(self.start, (time.perf_counter(), _busy_s(), _own_cpu_s()))
        )
        if busy is None or not wall:
            return None
        return max(0.0, (busy - own) / (wall * (os.cpu_count() or 1)))


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


def wait_for_idle(max_s: float, threshold: float = 0.15) -> float | None:
    """Wait (up to max_s) for a second in which other processes use under `threshold` of the CPUs."""
    deadline = time.monotonic() + max_s
    told = False
    while True:
        probe = Contention()
        time.sleep(1.0)
        share = probe.share()
        if share is None or share < threshold or time.monotonic() > deadline:
            return share
        if not told:
            print(
                f"waiting up to {max_s:.0f} s for the machine to be idle (others use {share:.0%} of the CPUs)",
                file=sys.stderr,
            )
            told = True


def machine() -> dict:
    info = {
        "python": platform.python_version(),
        "platform": platform.platform(),
        "cpus": os.cpu_count(),
        "load_average_1m": round(os.getloadavg()[0], 2) if hasattr(os, "getloadavg") else None,
    }
    try:
        info["commit"] = (
            subprocess.run(
                ["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True, timeout=10
            ).stdout.strip()
            or None
        )
    except (OSError, subprocess.SubprocessError):
        info["commit"] = None
    return info


def evaluate(
    builds: dict[str, Series], floor: Series, layouts: tuple[dict[int, Series], ...], watch: tuple[Series, Series]
) -> list[dict]:
    checks = [
        ("(a) build, all formats", builds["build_all"].median, TARGETS["build_all_s"], "s"),
        ("(a)/(c) build over floor", builds["build_all"].median / floor.median, TARGETS["build_over_floor"], "x"),
        ("(e) peak memory of (a)", max(builds["build_all"].rss_mb), TARGETS["peak_memory_mb"], "MB"),
        ("(f) watch: SVG+PDF written", watch[0].median, TARGETS["watch_early_s"], "s"),
    ]
    # The targets apply to the generated plans whose lanes grow with them; the
    # dense plans (every step in five lanes) are shown beside them, without a target.
    layout = layouts[0]
    if 1000 in layout:
        checks.append(("(d) layout, 1000 steps", layout[1000].median, TARGETS["layout_1000_s"], "s"))
    out = [
        {"target": name, "value": round(value, 3), "limit": limit, "unit": unit, "met": value <= limit}
        for name, value, limit, unit in checks
    ]
    for g in growth(layout):
        out.append(
            {
                "target": f"(d) growth {g['from']} -> {g['to']} steps",
                "value": g["ratio"],
                "limit": g["n_log_n_ratio"],
                "unit": "x",
                "met": g["within_n_log_n"],
            }
        )
    return out


def _dense(layout: dict[int, Series]) -> str:
    return ", dense" if any(s.name.endswith("_dense") for s in layout.values()) else ""


def table(
    builds: dict[str, Series],
    floor: Series,
    layouts: tuple[dict[int, Series], ...],
    watch: tuple[Series, Series],
    targets: list[dict],
    info: dict,
    repeat: int,
) -> str:
    lines = [
        f"poster benchmark - median of {repeat} run{'s' if repeat != 1 else ''}; "
        f"{info['cpus']} CPUs, load {info['load_average_1m']}, Python {info['python']}, commit {info['commit']}",
        "",
        f"{'measurement':44} {'median':>9} {'cpu':>8} {'peak RSS':>9}",
    ]
    for s in [*builds.values(), floor]:
        cpu = f"{statistics.median(s.cpu):7.3f}s" if s.cpu else ""
        lines.append(f"{s.label:44} {s.median:8.3f}s {cpu:>8} {max(s.rss_mb):7.1f}MB")
    lines.append(f"{'(a)/(c) build over floor':44} {builds['build_all'].median / floor.median:8.2f}x")
    for layout in layouts:
        for _n, s in sorted(layout.items()):
            lines.append(f"{s.label:44} {s.median:8.3f}s")
        for g in growth(layout):
            lines.append(
                f"{'(d) growth ' + str(g['from']) + ' -> ' + str(g['to']) + ' steps' + _dense(layout):44} "
                f"{g['ratio']:8.2f}x  (n log n: {g['n_log_n_ratio']:.2f}x)"
                + ("  - dense plans: shown, no target" if _dense(layout) else "")
            )
    for s in watch:
        lines.append(f"{s.label:44} {s.median:8.3f}s")
    share = info.get("other_processes_cpu_share")
    if share is not None:
        lines.append(
            f"other processes used {share:.0%} of the CPUs during the run"
            + (" - timings are inflated; run again on an idle machine" if share > 0.15 else "")
        )
    lines += ["", "targets:"]
    for t in targets:
        mark = "met " if t["met"] else "MISSED"
        lines.append(f"  {mark:6} {t['target']:40} {t['value']:8.3f}{t['unit']:3} <= {t['limit']:g}{t['unit']}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeat", type=int, default=7, help="repetitions per measurement (default 7)")
    parser.add_argument("--quick", action="store_true", help="one run each, no warm-up, 10 and 100 steps (CI)")
    parser.add_argument(
        "--json",
        type=Path,
        default=ROOT / ".benchmarks" / "results.json",
        help="where to write the results (default .benchmarks/results.json)",
    )
    parser.add_argument("--check", action="store_true", help="exit 1 when a target is missed")
    parser.add_argument(
        "--wait-idle",
        type=float,
        default=120.0,
        metavar="S",
        help="first wait up to S seconds for other processes to leave the CPUs alone (default 120)",
    )
    args = parser.parse_args(argv)
    repeat = 1 if args.quick else max(1, args.repeat)
    warmup = not args.quick
    sizes = (10, 100) if args.quick else (10, 100, 1000)

    if not args.quick and args.wait_idle > 0:
        wait_for_idle(args.wait_idle)
    contention = Contention()
    info = machine()
    with tempfile.TemporaryDirectory(prefix="poster-bench-") as tmp:
        work = Path(tmp)
        builds, svg = measure_builds(work, repeat, warmup)
        floor = measure_floor(work, svg, repeat, warmup)
        layouts = (measure_layout(sizes, repeat), measure_layout(sizes, repeat, lanes=5))
        watch = measure_watch(work, repeat)
    share = contention.share()
    info["other_processes_cpu_share"] = None if share is None else round(share, 3)
    targets = evaluate(builds, floor, layouts, watch)
    print(table(builds, floor, layouts, watch, targets, info, repeat))

    result = {
        "machine": info,
        "settings": {"repeat": repeat, "quick": args.quick, "warmup": warmup, "png_width": PNG_WIDTH},
        "builds": {name: s.as_json() for name, s in builds.items()},
        "floor": floor.as_json(),
        "build_over_floor": round(builds["build_all"].median / floor.median, 3),
        "layout": {s.name: s.as_json() for layout in layouts for s in layout.values()},
        "layout_growth": [g | {"dense": bool(_dense(layout))} for layout in layouts for g in growth(layout)],
        "watch": {s.name: s.as_json() for s in watch},
        "targets": targets,
    }
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    print(f"\nwrote {args.json}")
    return 1 if args.check and not all(t["met"] for t in targets) else 0


if __name__ == "__main__":
    sys.exit(main())
