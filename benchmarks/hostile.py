"""Benchmark: the worst a hostile content folder can cost - every command, each input up to 5 MB.

Run by `make bench` (or `.venv/bin/python benchmarks/hostile.py`). It writes a
corpus of hostile content folders (below), runs each command on each in a
fresh process - `check`, `build --all`, `diff` (against the example),
`status` and `progress --dry-run` - and measures wall time, CPU time and
peak memory (ru_maxrss of the process; the whole build runs in it). It prints
a table and the worst of each, against issue 15's targets: no input of up to 5 MB takes more than 10 s
or 500 MB in any command. --quick (CI) runs one command on two inputs, to keep
the benchmark working; its numbers mean little. Exit status 1 with --strict
when a target is missed, or when any run ends in a traceback.

The corpus (the cases of the reliability campaign, and bigger):
  long-word-16k      an ambition title of one word, "gemeenteraadsvergadering" repeated to 16,000 characters
  long-word-90k      the same to 90,000 characters: under the limit of 100,000 for all texts together
  long-text-90k      an ambition title of 90,000 characters of ordinary words (laid out, and refused as too tall)
  zero-width-16k     16,000 characters of words joined by zero-width spaces
  mixed-15k          15,000 characters of accents, combining marks, emoji and zero-width spaces
  many-long-5mb      a 5 MB file: 49 steps each with a 99,000-character title of ordinary words
  over-limit-5mb     a 5 MB file: one text of 4.9 million characters (refused at check)
  escapes            surrogate pairs, lone surrogates and terminal escapes in titles and ids
  laughs             a billion-laughs file (aliases)
  logo-20000px       a PNG logo whose header claims 20000 x 20000 pixels
  logo-use-bomb      an SVG logo of nested <use> references
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import struct
import subprocess
import sys
import tempfile
import time
import zlib
from dataclasses import asdict, dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
EXAMPLE = ROOT / "content" / "meierijstad"

TARGET_S = 10.0
TARGET_MB = 500.0
TIMEOUT_S = 120.0
TITLE = "  title: Routekaart datagedreven werken"
AMBITION = "    - title: Datagedreven cultuur"
COMMANDS = ("check", "build --all", "diff", "status", "progress --dry-run")


def _png_claiming(width: int, height: int) -> bytes:
    def chunk(kind: bytes, body: bytes) -> bytes:
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))

    ihdr = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", zlib.compress(b"\0" * 64)) + chunk(b"IEND", b"")


def _use_bomb() -> bytes:
    levels = "".join(f'<g id="l{i + 1}">' + f'<use xlink:href="#l{i}"/>' * 10 + "</g>" for i in range(9))
    return (
        '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" viewBox="0 0 10 10">'
        f'<g id="l0"><rect width="1" height="1"/></g>{levels}</svg>'
    ).encode()


def _mixed(n: int, seed: int = 15) -> str:
    rng = random.Random(seed)
    pieces = [
        "é",
        "ë",
        "ĳ",
        "e\u0301",
        "a\u0308\u0301",
        "\U0001f600",
        "\U0001f468\u200d\U0001f469",
        "\u200b",
        "data",
        " ",
        "ß",
        "ø",
    ]
    out = []
    while sum(map(len, out)) < n:
        out.append(rng.choice(pieces))
    return "".join(out)


def _words(n: int, seed: int = 1) -> str:
    rng = random.Random(seed)
    vocabulary = "de het een data gemeente raad werken datagedreven informatie beleid organisatie inwoners".split()
    out: list[str] = []
    length = 0
    while length < n:
        out.append(rng.choice(vocabulary))
        length += len(out[-1]) + 1
    return " ".join(out)[:n].strip()


def _quoted(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def corpus(root: Path) -> dict[str, Path]:
    """Write every hostile content folder under `root`; name -> folder."""
    files = {p.name: p.read_text(encoding="utf-8") for p in EXAMPLE.glob("*.yaml")}
    made: dict[str, Path] = {}

    def variant(
        name: str,
        edits: dict[str, tuple[str, str]] | None = None,
        extra: dict[str, bytes] | None = None,
        replace_file: dict[str, str] | None = None,
    ) -> None:
        folder = root / name
        shutil.copytree(EXAMPLE, folder)
        for file, (old, new) in (edits or {}).items():
            text = files[file]
            assert old in text, (file, old)
            (folder / file).write_text(text.replace(old, new, 1), encoding="utf-8")
        for file, text in (replace_file or {}).items():
            (folder / file).write_text(text, encoding="utf-8")
        for rel, data in (extra or {}).items():
            (folder / rel).parent.mkdir(parents=True, exist_ok=True)
            (folder / rel).write_bytes(data)
        made[name] = folder

    word = "gemeenteraadsvergadering"
    variant("long-word-16k", {"visie.yaml": (AMBITION, "    - title: " + (word * 700)[:16000])})
    variant("long-word-90k", {"visie.yaml": (AMBITION, "    - title: " + (word * 4200)[:90000])})
    variant("long-text-90k", {"visie.yaml": (AMBITION, "    - title: " + _words(90000))})
    variant("zero-width-16k", {"visie.yaml": (AMBITION, "    - title: " + _quoted(("data\u200b" * 3200)[:16000]))})
    variant("mixed-15k", {"visie.yaml": (AMBITION, "    - title: " + _quoted(_mixed(15000)))})
    steps = "".join(
        f"    - id: lang-{i}\n      title: {_words(99000, seed=i)}\n      pillar: leiderschap\n"
        f"      start: 2025-Q1\n      end: 2025-Q2\n"
        for i in range(49)
    )
    plan = files["stappenplan.yaml"]
    variant("many-long-5mb", {"stappenplan.yaml": ("  steps:\n", "  steps:\n" + steps)})
    variant("over-limit-5mb", {"visie.yaml": (AMBITION, "    - title: " + "data " * 980_000)})
    variant(
        "escapes",
        {
            "poster.yaml": (TITLE, '  title: "Emoji \\ud83d\\ude00 \\ud83d \\e]0;pwned\\a\\e[2J"'),
            "stappenplan.yaml": ("    - id: ", '    - id: "kpi\\e[2Jx"\n      title: x\n      pillar: y\n    - id: '),
        },
    )
    laughs = ['a0: &a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    laughs += [f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 9) + "]" for i in range(1, 10)]
    variant("laughs", extra={"lachen.yaml": ("\n".join(laughs) + "\nquote:\n  text: *a9\n").encode()})
    variant(
        "logo-20000px",
        {"poster.yaml": ("logo: assets/logo.svg", "logo: assets/groot.png")},
        extra={"assets/groot.png": _png_claiming(20000, 20000)},
    )
    variant(
        "logo-use-bomb",
        {"poster.yaml": ("logo: assets/logo.svg", "logo: assets/bom.svg")},
        extra={"assets/bom.svg": _use_bomb()},
    )
    assert plan  # the step list is spliced into the example's own
    for folder in made.values():
        for path in folder.glob("*.yaml"):
            assert path.stat().st_size <= 5 * 1024 * 1024, path
    return made


@dataclass
class Run:
    input: str
    command: str
    seconds: float
    cpu_seconds: float
    peak_mb: float
    exit_code: int
    traceback: bool


def measure(args: list[str], cwd: Path) -> tuple[float, float, float, int, bool]:
    """(wall seconds, CPU seconds, peak MB, exit code, whether stderr holds a traceback) of one fresh process."""
    with tempfile.TemporaryFile() as err:
        started = time.perf_counter()
        proc = subprocess.Popen(
            [str(ROOT / ".venv" / "bin" / "poster"), *args] if _venv() else [sys.executable, "-m", "poster", *args],
            cwd=cwd,
            stdout=subprocess.DEVNULL,
            stderr=err,
        )
        deadline = started + TIMEOUT_S
        while True:
            pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
            if pid:
                break
            if time.perf_counter() > deadline:
                proc.kill()
                pid, status, usage = os.wait4(proc.pid, 0)
                break
            time.sleep(0.02)
        seconds = time.perf_counter() - started
        proc.returncode = os.waitstatus_to_exitcode(status)
        err.seek(0)
        text = err.read().decode("utf-8", "replace")
    cpu = usage.ru_utime + usage.ru_stime
    # ru_maxrss of a waited-for process: its own peak resident memory in kB (Linux).
    return seconds, cpu, usage.ru_maxrss / 1024, proc.returncode, "Traceback (most recent call last)" in text


def _venv() -> bool:
    return (ROOT / ".venv" / "bin" / "poster").exists()


def command_args(command: str, folder: Path, base: Path, out: Path) -> list[str]:
    if command == "check":
        return ["check", str(folder)]
    if command == "build --all":
        return ["build", str(folder), "--all", "--out", str(out)]
    if command == "diff":
        return ["diff", str(base), str(folder)]
    if command == "status":
        return ["status", str(folder)]
    return ["progress", str(folder), "wijkmonitor", "--progress", "40", "--dry-run"]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--quick", action="store_true", help="CI: two inputs, `check` only")
    parser.add_argument("--strict", action="store_true", help="exit 1 when a target is missed")
    parser.add_argument("--json", type=Path, default=ROOT / ".benchmarks" / "hostile.json")
    args = parser.parse_args(argv)
    runs: list[Run] = []
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        folders = corpus(root / "corpus")
        commands = COMMANDS
        if args.quick:
            folders = {k: folders[k] for k in ("long-word-16k", "escapes")}
            commands = ("check",)
        for name, folder in folders.items():
            for command in commands:
                args_ = command_args(command, folder, EXAMPLE, root / "out" / name)
                seconds, cpu, mb, code, trace = measure(args_, root)
                runs.append(Run(name, command, round(seconds, 2), round(cpu, 2), round(mb, 1), code, trace))
                flag = "  TRACEBACK" if trace else ""
                print(
                    f"{name:<16} {command:<20} {seconds:7.2f} s {cpu:7.2f} s CPU {mb:8.1f} MB  exit {code}{flag}",
                    flush=True,
                )
    worst_s = max(runs, key=lambda r: r.seconds)
    worst_cpu = max(runs, key=lambda r: r.cpu_seconds)
    worst_mb = max(runs, key=lambda r: r.peak_mb)
    tracebacks = [r for r in runs if r.traceback]
    ok = worst_s.seconds <= TARGET_S and worst_mb.peak_mb <= TARGET_MB and not tracebacks
    print()
    print(f"worst time:   {worst_s.seconds:.2f} s ({worst_s.input}, {worst_s.command}); target <= {TARGET_S:g} s")
    print(f"worst CPU:    {worst_cpu.cpu_seconds:.2f} s ({worst_cpu.input}, {worst_cpu.command})")
    print(f"worst memory: {worst_mb.peak_mb:.0f} MB ({worst_mb.input}, {worst_mb.command}); target <= {TARGET_MB:g} MB")
    print(f"tracebacks:   {len(tracebacks)}; target 0")
    print("PASS" if ok else "FAIL")
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(
        json.dumps({"quick": args.quick, "passed": ok, "runs": [asdict(r) for r in runs]}, indent=2) + "\n",
        encoding="utf-8",
    )
    return 1 if args.strict and not ok else 0


if __name__ == "__main__":
    sys.exit(main())
