"""Benchmark: how much roadmap each layout holds - the fit table of issue #10's targets, read from the real layout.

Run with `make bench` (or `.venv/bin/python benchmarks/capacity.py`; `--quick`
for a smoke run with fewer draws). Every roadmap comes from the honest
generator in tests/roadmaps.py (titles of a given length as municipalities
write them, durations of a quarter to two years, the rest of the poster full or
sparse), is laid out by `layout_poster` on a shipped layout, and the outcome is
read from the Document it returns - nothing is rendered or parsed (`--render DIR`
writes PNGs of some draws to look at, after the measuring):

- fits: the layout returned a Document; a LayoutError means "does not fit"
  (any other exception is counted as an error: a bug);
- step pt: the smallest size of a step label (Text items with role
  plan.step.label);
- band: the largest blank band between the header and the footer, in % of the
  page height: either a strip across the whole page with no ink at all, or the
  empty foot of an area (the region a component was given, below the last ink
  drawn inside it - the band a short column leaves under itself);
- arrows: of the plan's dependencies, the share drawn (Path items with role
  plan.dependency, ref "before>after"), and the number of drawn arrows whose
  stroke crosses a text line or a step bar other than the two it joins;
- capacity: per layout, the most steps that fit in every one of a few draws
  (4 years, 4 pillars, the rest full), found by bisection.

Most targets fail before issue #10's layout work: the table is the instrument.
It exits 0 either way unless --strict is given.
"""

from __future__ import annotations

import argparse
import json
import math
import random
import statistics
import sys
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path

from poster.content.model import Roadmap
from poster.errors import LayoutError
from poster.i18n import Translator
from poster.layout import Document, available_layouts, layout_poster, load_layout
from poster.layout.document import Line, Rect, extent
from poster.layout.document import Path as PathItem
from poster.layout.geometry import Box

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT / "tests"))

from roadmaps import dependencies_of, roadmap  # noqa: E402  (tests/ is not a package)

EPS = 0.05  # mm: touching is not crossing
TYPICAL = (45, 56)  # "typical" step titles, ~50 characters
LONG = (60, 80)
A0 = ("a0-portrait", "a0-landscape")


# --- Reading a laid-out Document ------------------------------------------------------------------------------


def step_pt(doc: Document) -> float | None:
    """The smallest step label size in pt (None when the plan shows no step)."""
    sizes = [t.size_pt for t in doc.texts() if t.role == "plan.step.label"]
    return min(sizes) if sizes else None


def _merged(spans: list[tuple[float, float]]) -> list[tuple[float, float]]:
    out: list[tuple[float, float]] = []
    for a, b in sorted(spans):
        if out and a <= out[-1][1] + EPS:
            out[-1] = (out[-1][0], max(out[-1][1], b))
        else:
            out.append((a, b))
    return out


def blank_band(doc: Document) -> tuple[float, str]:
    """The largest blank band between header and footer in mm, and where it is.

    A band is a strip across the page with no ink between the header's box and
    the footer's, or the empty foot of an area: the part of a component's region
    below the lowest ink drawn inside that region.
    """
    header, footer = doc.region("header"), doc.region("footer")
    top = header.bottom if header is not None else 0.0
    bottom = footer.y if footer is not None else doc.height_mm
    boxes = [extent(i) for i in doc.items]
    spans = _merged([(max(b.y, top), min(b.bottom, bottom)) for b in boxes if b.bottom > top and b.y < bottom])
    best, where = 0.0, "-"
    edges = [top] + [e for s in spans for e in s] + [bottom]
    for a, b in zip(edges[0::2], edges[1::2]):
        if b - a > best:
            best, where = b - a, f"across the page at {a:.0f}-{b:.0f} mm"
    for name, region in doc.regions:
        if name in ("header", "footer"):
            continue
        inside = [b for b in boxes if region.contains(Box(b.cx, b.cy, 0.0, 0.0), EPS)]
        if not inside:
            continue
        foot = region.bottom - max(b.bottom for b in inside)
        if foot > best:
            best, where = foot, f"under {name} ({foot:.0f} mm)"
    return best, where


def _segments(item) -> list[tuple[float, float, float, float]]:
    """The straight pieces of a line or path (curves flattened)."""
    if isinstance(item, Line):
        return [(item.x1, item.y1, item.x2, item.y2)]
    segs, start, cur = [], None, None
    for c in item.commands:
        op = c[0]
        if op == "M":
            start = cur = (c[1], c[2])
        elif op == "L":
            segs.append((*cur, c[1], c[2]))
            cur = (c[1], c[2])
        elif op == "C":
            x0, y0 = cur
            pts = [(x0, y0), (c[1], c[2]), (c[3], c[4]), (c[5], c[6])]
            prev = cur
            for k in range(1, 17):
                t = k / 16
                u = 1 - t
                x = u**3 * pts[0][0] + 3 * u * u * t * pts[1][0] + 3 * u * t * t * pts[2][0] + t**3 * pts[3][0]
                y = u**3 * pts[0][1] + 3 * u * u * t * pts[1][1] + 3 * u * t * t * pts[2][1] + t**3 * pts[3][1]
                segs.append((*prev, x, y))
                prev = (x, y)
            cur = prev
        elif op == "Z" and cur is not None and start is not None:
            segs.append((*cur, *start))
            cur = start
    return segs


def _crosses(seg: tuple[float, float, float, float], box: Box, grow: float) -> bool:
    """Does the segment, widened by `grow` mm, pass through the inside of `box`? (Liang-Barsky clipping)"""
    x0, y0, x1, y1 = seg
    lo_x, hi_x = box.x - grow + EPS, box.right + grow - EPS
    lo_y, hi_y = box.y - grow + EPS, box.bottom + grow - EPS
    if lo_x >= hi_x or lo_y >= hi_y:
        return False
    dx, dy = x1 - x0, y1 - y0
    t0, t1 = 0.0, 1.0
    for p, q in ((-dx, x0 - lo_x), (dx, hi_x - x0), (-dy, y0 - lo_y), (dy, hi_y - y0)):
        if p == 0:
            if q < 0:
                return False
            continue
        r = q / p
        if p < 0:
            t0 = max(t0, r)
        else:
            t1 = min(t1, r)
        if t0 > t1:
            return False
    return True


@dataclass
class Arrows:
    total: int  # dependencies in the content
    drawn: int
    crossing: int  # drawn arrows that cross a text line or a bar other than their own two
    legend_undrawn: bool  # the legend names dependencies although none is drawn


def arrows(doc: Document, content: Roadmap) -> Arrows:
    deps = dependencies_of(content)
    parts: dict[str, list] = {}
    for item in doc.items:
        if item.role.startswith("plan.dependency") and isinstance(item, (PathItem, Line)):
            parts.setdefault(item.ref, []).append(item)
    bars = {i.ref: i.box for i in doc.items if isinstance(i, Rect) and i.role == "plan.step.bar"}
    texts = [t.bbox for t in doc.texts()]
    crossing = 0
    for ref, items in parts.items():
        before, _, after = ref.partition(">")
        obstacles = texts + [b for r, b in bars.items() if r not in (before, after)]
        if any(_crosses(seg, box, _width(i) / 2) for i in items for seg in _segments(i) for box in obstacles):
            crossing += 1
    word = Translator(content.meta.language)("dependency")
    named = any(t.role.startswith("legend") and word in t.text for t in doc.texts())
    drawn = len({ref for ref in parts if tuple(ref.split(">", 1)) in set(deps)})
    return Arrows(len(deps), drawn, crossing, named and not parts)


def _width(item) -> float:
    return item.width_mm if isinstance(item, Line) else (item.stroke_mm if item.stroke is not None else 0.0)


# --- Laying out -----------------------------------------------------------------------------------------------


@dataclass
class Outcome:
    fits: bool
    step_pt: float | None = None
    band_pct: float = 0.0
    band_where: str = ""
    error: str = ""  # an exception other than LayoutError: a bug


_SPECS: dict[str, object] = {}


def lay(content: Roadmap, layout: str) -> tuple[Outcome, Document | None]:
    spec = _SPECS.get(layout) or _SPECS.setdefault(layout, load_layout(layout))
    try:
        doc = layout_poster(content, spec)
    except LayoutError:
        return Outcome(False), None
    except Exception as e:  # noqa: BLE001 - the benchmark reports a crash and goes on
        return Outcome(False, error=f"{type(e).__name__}: {e}"), None
    band, where = blank_band(doc)
    return Outcome(True, step_pt(doc), 100 * band / doc.height_mm, where), doc


# --- Targets --------------------------------------------------------------------------------------------------


@dataclass
class Row:
    target: str
    layout: str
    draws: int
    fits: int
    good: int  # draws that fit and meet the target's size (and band) condition
    need: int  # good draws needed
    step_pt_min: float | None
    step_pt_median: float | None
    band_pct_max: float | None
    note: str = ""
    errors: list[str] = field(default_factory=list)

    @property
    def passed(self) -> bool:
        return self.good >= self.need and not self.errors


def fit_row(
    target: str, layout: str, draws: list[Roadmap], min_pt: float, need: int, max_band_pct: float | None = None
) -> Row:
    outs = [lay(d, layout)[0] for d in draws]
    fitted = [o for o in outs if o.fits]
    sizes = [o.step_pt for o in fitted if o.step_pt is not None]

    def good(o: Outcome) -> bool:
        return (
            o.fits
            and (o.step_pt or 0.0) >= min_pt - 1e-6
            and (max_band_pct is None or o.band_pct <= max_band_pct + 1e-9)
        )

    worst = max(fitted, key=lambda o: o.band_pct, default=None)
    note = f"worst band {worst.band_where}" if max_band_pct is not None and worst is not None else ""
    if RENDER.dir is not None and fitted:  # the draw furthest from the target, to look at
        key = (lambda o: o.band_pct) if max_band_pct is not None else (lambda o: -(o.step_pt or 0.0))
        i = max((i for i, o in enumerate(outs) if o.fits), key=lambda i: key(outs[i]))
        render_png(draws[i], layout, f"{target.split(':')[0]}-{layout}-draw{i}")
    return Row(
        target,
        layout,
        len(draws),
        len(fitted),
        sum(good(o) for o in outs),
        need,
        min(sizes, default=None),
        statistics.median(sizes) if sizes else None,
        max((o.band_pct for o in fitted), default=None),
        note,
        [o.error for o in outs if o.error],
    )


def dense_rows(n: int) -> list[Row]:
    rows = []
    for layout in A0:
        lang = ("nl", "en")
        d40 = [
            roadmap(steps=40, years=4, pillars=4, title_chars=TYPICAL, language=lang[s % 2], seed=s) for s in range(n)
        ]
        d60 = [
            roadmap(steps=60, years=4, pillars=4, title_chars=TYPICAL, language=lang[s % 2], seed=s) for s in range(n)
        ]
        dlong = [
            roadmap(steps=40, years=4, pillars=4, title_chars=LONG, language=lang[s % 2], seed=s) for s in range(n)
        ]
        rows.append(fit_row("40 steps, 45-56 ch, full: all fit >= 18 pt", layout, d40, 18, n))
        rows.append(fit_row("60 steps, 45-56 ch, full: 90 % fit >= 16 pt", layout, d60, 16, -(-9 * n // 10)))
        rows.append(fit_row("40 steps, 60-80 ch, full: all fit >= 16 pt", layout, dlong, 16, n))
    return rows


def sparse_draws(n: int) -> list[Roadmap]:
    """8-15 steps, 1-5 years, 2-4 pillars, nl and en; baseline, results and quote each with and without."""
    out = []
    for s in range(n):
        flags = ((s >> 0) & 1, (s >> 1) & 1, (s >> 2) & 1)  # every combination within 8 draws
        out.append(
            roadmap(
                steps=8 + (s * 7) % 8,
                years=1 + (s * 3) % 5,
                pillars=2 + s % 3,
                title_chars=(20, 56),
                full=False,
                language=("nl", "en")[(s // 8) % 2],
                seed=s,
                baseline=bool(flags[0]),
                results=bool(flags[1]),
                quote=bool(flags[2]),
            )
        )
    return out


def small_draws(n: int) -> list[Roadmap]:
    """Small plans of every kind: 1-15 steps, 1-5 years, 1-6 pillars, titles anywhere in 20-80, full or sparse."""
    rng = random.Random(f"small:{n}")
    out = []
    for s in range(n):
        lo = rng.randint(20, 70)
        out.append(
            roadmap(
                steps=rng.randint(1, 15),
                years=rng.randint(1, 5),
                pillars=rng.randint(1, 6),
                title_chars=(lo, min(lo + rng.randint(5, 30), 80)),
                full=s % 2 == 0,
                language=("nl", "en")[(s // 2) % 2],
                seed=500 + s,
            )
        )
    return out


def small_rows(n: int) -> list[Row]:
    draws = small_draws(n)
    return [fit_row("small 1-15 steps, any titles: all fit >= 18 pt", layout, draws, 18, n) for layout in A0]


@dataclass
class Timing:
    what: str
    median_ms: float
    target_ms: float

    @property
    def passed(self) -> bool:
        return self.median_ms <= self.target_ms


def warm_layout(n: int, layout: str = "a0-portrait") -> Timing:
    """The median over n 60-step roadmaps of a warm layout (best of 3), whether it fits or not.

    Timed in CPU time of this process (layout is single-threaded), so other work on a shared machine does not
    inflate it; benchmarks/run.py times wall clock on an idle machine.
    """
    spec = load_layout(layout)
    times = []
    for s in range(n):
        content = roadmap(steps=60, years=4, pillars=4, title_chars=TYPICAL, language=("nl", "en")[s % 2], seed=s)
        lay(content, layout)  # warm: fonts, hyphenation, caches
        best = math.inf
        for _ in range(3):
            t0 = time.process_time()
            try:
                layout_poster(content, spec)
            except LayoutError:
                pass
            best = min(best, time.process_time() - t0)
        times.append(best)
    return Timing(
        f"warm layout of 60 steps on {layout}, median of {n} (CPU time)", 1000 * statistics.median(times), 100.0
    )


def sparse_rows(n: int) -> list[Row]:
    draws = sparse_draws(n)
    return [
        fit_row("sparse 8-15 steps: band <= 5 %, labels >= 24 pt", layout, draws, 24, n, max_band_pct=5.0)
        for layout in A0
    ]


@dataclass
class ArrowRow:
    layout: str
    source: str
    posters: int  # laid out (those that did not fit are left out)
    total: int
    drawn: int
    crossing: int
    legend_undrawn: int

    @property
    def share(self) -> float:
        return self.drawn / self.total if self.total else 1.0

    @property
    def passed(self) -> bool:
        return self.posters > 0 and self.share >= 0.9 and self.crossing == 0 and self.legend_undrawn == 0


def corpus(n: int) -> list[Roadmap]:
    """Typical roadmaps with dependencies: 10-30 steps, 2-4 years, 3-5 pillars, titles 20-56, full, nl and en."""
    return [
        roadmap(
            steps=10 + (s * 7) % 21,
            years=2 + s % 3,
            pillars=3 + s % 3,
            title_chars=(20, 56),
            language=("nl", "en")[s % 2],
            seed=100 + s,
            dependencies=0.35,
        )
        for s in range(n)
    ]


def arrow_rows(layouts: list[str], n: int) -> list[ArrowRow]:
    from poster.content import load_or_raise
    from poster.resources import example_content

    example = load_or_raise(example_content())[0]
    draws = corpus(n)
    rows = []
    for layout in layouts:
        for source, contents in (("example", [example]), (f"corpus of {n}", draws)):
            found = []
            for c in contents:
                _, doc = lay(c, layout)
                if doc is not None:
                    found.append(arrows(doc, c))
            rows.append(
                ArrowRow(
                    layout,
                    source,
                    len(found),
                    sum(a.total for a in found),
                    sum(a.drawn for a in found),
                    sum(a.crossing for a in found),
                    sum(a.legend_undrawn for a in found),
                )
            )
    return rows


@dataclass
class CapacityRow:
    layout: str
    titles: str
    steps: int  # the most steps that fit in every draw
    step_pt: float | None  # the smallest step label at that count
    draws: int


def capacity(layout: str, titles: tuple[int, int], draws: int, hi: int = 160) -> CapacityRow:
    """The most steps (4 years, 4 pillars, the rest full) that fit in all `draws` draws, by bisection."""

    def worst(n: int) -> tuple[bool, float | None]:
        sizes = []
        for s in range(draws):
            out, _ = lay(
                roadmap(steps=n, years=4, pillars=4, title_chars=titles, language=("nl", "en")[s % 2], seed=1000 + s),
                layout,
            )
            if not out.fits:
                return False, None
            sizes.append(out.step_pt)
        return True, min((x for x in sizes if x is not None), default=None)

    lo, top = 1, hi
    fits, pt = worst(lo)
    if not fits:
        return CapacityRow(layout, f"{titles[0]}-{titles[1]}", 0, None, draws)
    ok_n, ok_pt = lo, pt
    while lo < top:  # fits(lo) holds; find the largest n in [lo, top] that fits
        mid = (lo + top + 1) // 2
        fits, pt = worst(mid)
        if fits:
            lo, ok_n, ok_pt = mid, mid, pt
        else:
            top = mid - 1
    if RENDER.dir is not None:
        render_png(
            roadmap(steps=ok_n, years=4, pillars=4, title_chars=titles, seed=1000),
            layout,
            f"capacity-{titles[0]}-{titles[1]}-{layout}-{ok_n}-steps",
        )
    return CapacityRow(layout, f"{titles[0]}-{titles[1]}", ok_n, ok_pt, draws)


@dataclass
class _Render:
    dir: Path | None = None  # --render: PNGs of the draws to look at


RENDER = _Render()


def render_png(content: Roadmap, layout: str, name: str) -> None:
    """Write the poster of `content` on `layout` to RENDER.dir/name.png (1600 px wide)."""
    from poster.render import RenderOptions, render

    _, doc = lay(content, layout)
    if doc is None or RENDER.dir is None:
        return
    RENDER.dir.mkdir(parents=True, exist_ok=True)
    slug = "".join(c if c.isalnum() or c in "-." else "-" for c in name).strip("-")
    (RENDER.dir / f"{slug}.png").write_bytes(render(doc, "png", RenderOptions(png_width_px=1600)))


# --- Output ---------------------------------------------------------------------------------------------------


def _pt(v: float | None) -> str:
    return "-" if v is None else f"{v:.1f}"


def print_tables(
    fit: list[Row], timing: list[Timing], arrow: list[ArrowRow], cap: list[CapacityRow], seconds: float
) -> None:
    print("Fit table (issue #10 targets)")
    print(
        f"{'target':<48} {'layout':<13} {'fits':>6} {'good':>6} {'need':>5} {'pt min':>7} {'pt med':>7} "
        f"{'band %':>7}  verdict"
    )
    for r in fit:
        band = "-" if r.band_pct_max is None else f"{r.band_pct_max:.1f}"
        print(
            f"{r.target:<48} {r.layout:<13} {r.fits:>3}/{r.draws:<2} {r.good:>6} {r.need:>5} {_pt(r.step_pt_min):>7} "
            f"{_pt(r.step_pt_median):>7} {band:>7}  {'PASS' if r.passed else 'FAIL'}"
            + (f"  ({r.note})" if r.note else "")
        )
        for e in dict.fromkeys(r.errors):
            print(f"    ERROR (not a LayoutError): {e}")
    for t in timing:
        print(f"{t.what:<70} {t.median_ms:>6.0f} ms (target <= {t.target_ms:.0f} ms)  {'PASS' if t.passed else 'FAIL'}")
    print()
    print("Dependency arrows (target: >= 90 % drawn, 0 crossing a label or bar, legend only when drawn)")
    print(
        f"{'layout':<13} {'content':<14} {'posters':>7} {'drawn':>9} {'share':>6} {'crossing':>8} "
        f"{'legend':>6}  verdict"
    )
    for a in arrow:
        print(
            f"{a.layout:<13} {a.source:<14} {a.posters:>7} {a.drawn:>4}/{a.total:<4} {100 * a.share:>5.0f}% "
            f"{a.crossing:>8} {('ok' if not a.legend_undrawn else str(a.legend_undrawn) + ' bad'):>6}  "
            f"{'PASS' if a.passed else 'FAIL'}"
        )
    print()
    print("Capacity: the most steps that fit in every draw (4 years, 4 pillars, the rest of the poster full)")
    print(f"{'layout':<13} {'titles':>8} {'steps':>6} {'step pt':>8} {'draws':>6}")
    for c in cap:
        print(f"{c.layout:<13} {c.titles:>8} {c.steps:>6} {_pt(c.step_pt):>8} {c.draws:>6}")
    passed = sum(r.passed for r in fit) + sum(t.passed for t in timing) + sum(a.passed for a in arrow)
    print()
    print(f"targets: {passed} of {len(fit) + len(timing) + len(arrow)} pass ({seconds:.0f} s)")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="5 draws a target, 2 for capacity, fewer layouts")
    parser.add_argument("--draws", type=int, help="draws per target (default 20, 5 with --quick)")
    parser.add_argument("--json", type=Path, help="also write the results here as JSON")
    parser.add_argument("--strict", action="store_true", help="exit 1 when a target fails")
    parser.add_argument(
        "--render",
        type=Path,
        metavar="DIR",
        help="write PNGs to look at: per target the draw furthest from it, per layout the capacity",
    )
    parser.add_argument(
        "--only", choices=("fit", "arrows", "capacity"), action="append", help="run only these parts (repeatable)"
    )
    args = parser.parse_args(argv)
    RENDER.dir = args.render
    n = args.draws or (5 if args.quick else 20)
    parts = set(args.only or ("fit", "arrows", "capacity"))
    layouts = list(A0) + (["a3-landscape"] if args.quick else [x for x in available_layouts() if x not in A0])
    t0 = time.perf_counter()
    fit = dense_rows(n) + sparse_rows(n) + small_rows(n) if "fit" in parts else []
    timing = [warm_layout(min(n, 10))] if "fit" in parts else []
    arrow = arrow_rows(layouts, n) if "arrows" in parts else []
    cap: list[CapacityRow] = []
    if "capacity" in parts:
        for titles in (TYPICAL,) if args.quick else (TYPICAL, LONG):
            cap += [capacity(layout, titles, 2 if args.quick else 3) for layout in layouts]
    seconds = time.perf_counter() - t0
    print_tables(fit, timing, arrow, cap, seconds)
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(
            json.dumps(
                {
                    "settings": {"draws": n, "quick": args.quick, "seconds": round(seconds, 1)},
                    "fit": [asdict(r) | {"passed": r.passed} for r in fit],
                    "timing": [asdict(t) | {"passed": t.passed} for t in timing],
                    "arrows": [asdict(a) | {"share": a.share, "passed": a.passed} for a in arrow],
                    "capacity": [asdict(c) for c in cap],
                },
                indent=2,
            )
            + "\n",
            encoding="utf-8",
        )
    failed = [r for r in fit if not r.passed] + [t for t in timing if not t.passed] + [a for a in arrow if not a.passed]
    return 1 if args.strict and failed else 0


if __name__ == "__main__":
    sys.exit(main())
