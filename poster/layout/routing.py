"""Layout stage: orthogonal routing of connector arrows through the free channels between boxes.

Pure geometry in mm, independent of what the boxes are: the stappenplan gives
its bars and label boxes as obstacles and asks for one arrow per dependency,
from the predecessor's bar to the dependent's bar.

How a route is found: the free space is cut into channels by the obstacles'
edges (each grown by `clearance`); the candidate lines of a search are the
middles of those channels, the lines through the ports, and - once an arrow
runs along a channel - lines `spacing` beside it, so a second arrow in the
same channel runs parallel to the first instead of on top of it. A shortest
path over that grid (length plus a cost per bend, per crossing and per port
that is not the usual one) is the route. An arrow never runs along another
arrow that has neither its start nor its end, never bends on one (that would
read as a branch), never crosses an arrowhead, and never runs along a guide
line (the "we are here" line). A connector with no such route is left out:
the caller decides what to say about it.

Ports: an arrow leaves its source's right end (or, when that is blocked,
the top or bottom edge near the right end) and arrives at its target's left
end with the arrowhead pointing right (or at the top or bottom edge near the
left end, pointing down or up).
"""

from __future__ import annotations

import bisect
import heapq
import itertools
import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from poster.layout.geometry import Box

Point = tuple[float, float]
_H, _V = 0, 1  # axis of a move: horizontal, vertical
_MOVES = ((1.0, 0.0), (-1.0, 0.0), (0.0, 1.0), (0.0, -1.0))  # directions; d ^ 1 is d's opposite
# _TURN[d][e]: 0 when e goes on along d's axis, else the sense of the turn from d to e (1 or 2: one way round or
# the other).
_TURN = tuple(
    tuple(0 if a[0] * b[1] - a[1] * b[0] == 0 else (1 if a[0] * b[1] - a[1] * b[0] > 0 else 2) for b in _MOVES)
    for a in _MOVES
)
EPS = 1e-6
_UNSET = -1.0  # a cache slot not filled yet (costs and distances are never negative)


@dataclass(frozen=True)
class Connector:
    """An arrow to route from `source` to `target` (both also among the obstacles, or not: either works).

    Arrows with the same `source_id` may share segments (a trunk that
    branches reads unambiguously), and an arrow may join the last leg of one
    with the same `target_id`; others never run along each other.
    """

    key: str
    source: Box
    target: Box
    source_id: str = ""
    target_id: str = ""


@dataclass(frozen=True)
class Style:
    """Sizes of a routing in mm."""

    clearance: float = 0.9  # kept free between an arrow and every obstacle, above and below it
    clearance_x: float = 1.6  # ... and beside it: a line close to a bar's end looks as if it started there
    spacing: float = 1.1  # between two arrows running side by side
    head: float = 1.9  # the arrowhead's length: the last segment holds it and a bit of line
    shaft: float = 0.4  # at least this much line before the arrowhead
    port_inset: float = 3.0  # how far along a bar a top or bottom port sits from its end
    bend: float = 6.0  # cost of a bend, in mm of length
    crossing: float = 8.0  # cost of crossing another arrow
    u_turn: float = 12.0  # extra cost of a bend the same way round as the one before (a U around something)
    side_port: float = 10.0  # extra cost of a top or bottom port over the end ones
    # A search that expands more states than this is winding through a maze of boxes: while at least `min_share`
    # of the connectors stay drawn, such an arrow is left out rather than drawn as a staircase (on the example
    # and the generated corpus every route is found well within it); beyond that share the search goes on.
    maze: int = 8_000
    min_share: float = 0.9


@dataclass(frozen=True)
class Route:
    key: str
    points: tuple[Point, ...]  # from the source's edge to the arrowhead's tip on the target's edge
    direction: str  # where the arrowhead points: "right", "left", "down" or "up"

    def segments(self) -> list[tuple[Point, Point]]:
        return list(zip(self.points, self.points[1:]))


@dataclass(frozen=True)
class _Port:
    point: Point
    outward: Point  # unit vector pointing away from the box
    cost: float


def _source_ports(b: Box, s: Style) -> list[_Port]:
    inset = min(s.port_inset, b.w / 2)
    x = b.right - inset
    return [
        _Port((b.right, b.cy), (1.0, 0.0), 0.0),
        _Port((x, b.bottom), (0.0, 1.0), s.side_port),
        _Port((x, b.y), (0.0, -1.0), s.side_port),
    ]


def _target_ports(b: Box, s: Style) -> list[_Port]:
    inset = min(s.port_inset, b.w / 2)
    x = b.x + inset
    return [
        _Port((b.x, b.cy), (-1.0, 0.0), 0.0),
        _Port((x, b.y), (0.0, -1.0), s.side_port),
        _Port((x, b.bottom), (0.0, 1.0), s.side_port),
    ]


_DIRECTION = {(-1.0, 0.0): "right", (1.0, 0.0): "left", (0.0, -1.0): "down", (0.0, 1.0): "up"}


@dataclass
class _Drawn:
    """What earlier routes left behind: their segments (by axis) and arrowheads."""

    segments: list[tuple[int, float, float, float, str, str, bool]]  # axis, position, lo, hi, source, target, last
    heads: list[tuple[Box, str]]


def route_all(
    connectors: Sequence[Connector],
    obstacles: Sequence[Box],
    area: Box,
    style: Style = Style(),
    guides: Iterable[float] = (),
) -> dict[str, Route]:
    """Routes for the connectors that have one, by key; the rest are left out.

    `area`: where arrows may run. `guides`: x positions of vertical lines an
    arrow may cross but not run along. Shorter connectors are routed first,
    so the simple ones take the channels' middles; the result depends only on
    the input (ties broken by key).
    """
    grown = [_grow(b, style) for b in obstacles]
    index = _Index(grown)
    drawn = _Drawn([], [])
    guide_xs = sorted(guides)
    out: dict[str, Route] = {}

    def length(c: Connector) -> float:
        return abs(c.target.x - c.source.right) + abs(c.target.cy - c.source.cy)

    spare = math.floor(len(connectors) * (1.0 - style.min_share) + 1e-9)  # arrows that may be left out as mazes
    for c in sorted(connectors, key=lambda c: (length(c), c.key)):
        route = None
        left = style.maze if spare > 0 else math.inf
        for window in _windows(c, area, style):
            route, used = _route(c, window, index, drawn, style, guide_xs, left)
            left -= used
            if route is not None or left <= 0:
                break
        if route is None:
            spare -= 1  # left out, as a maze or for want of a route: either counts against the share
            continue
        out[c.key] = route
        segments = route.segments()
        for n, ((x0, y0), (x1, y1)) in enumerate(segments):
            last = n == len(segments) - 1
            if abs(y0 - y1) < EPS:
                drawn.segments.append((_H, y0, min(x0, x1), max(x0, x1), c.source_id, c.target_id, last))
            else:
                drawn.segments.append((_V, x0, min(y0, y1), max(y0, y1), c.source_id, c.target_id, last))
        drawn.heads.append((head_box(route, style), c.target_id))
    return out


def _grow(b: Box, s: Style) -> tuple[float, float, float, float]:
    return (b.x - s.clearance_x, b.y - s.clearance, b.right + s.clearance_x, b.bottom + s.clearance)


def head_box(route: Route, style: Style) -> Box:
    """The box the arrowhead of a route covers."""
    x, y = route.points[-1]
    h, w = style.head, style.head * 0.6
    if route.direction in ("right", "left"):
        return Box(x - h if route.direction == "right" else x, y - w, h, 2 * w)
    return Box(x - w, y - h if route.direction == "down" else y, 2 * w, h)


def _windows(c: Connector, area: Box, style: Style) -> list[Box]:
    """Where to search: near the two boxes first, then the band of the area's full width they span.

    Not the whole area: a route that has to leave the rows between its ends is a maze, not an arrow, and on a
    tall plan searching the whole area for it cost seconds.
    """
    x0 = min(c.source.x, c.target.x)
    x1 = max(c.source.right, c.target.right)
    y0 = min(c.source.y, c.target.y)
    y1 = max(c.source.bottom, c.target.bottom)
    pad_x, pad_y = 30 * style.spacing, 12 * style.spacing
    near = Box(max(area.x, x0 - pad_x), max(area.y, y0 - pad_y), 0, 0)
    near = Box(near.x, near.y, min(area.right, x1 + pad_x) - near.x, min(area.bottom, y1 + pad_y) - near.y)
    y0, y1 = max(area.y, near.y - 2 * pad_y), min(area.bottom, near.bottom + 2 * pad_y)
    band = Box(area.x, y0, area.w, y1 - y0)
    return [near, band] if (near.x, near.w, near.y, near.h) != (band.x, band.w, band.y, band.h) else [band]


class _Index:
    """Grown obstacle rectangles (x0, y0, x1, y1), sorted by top edge for a quick look-up of those in a window."""

    def __init__(self, rects: list[tuple[float, float, float, float]]):
        self.rects = sorted(rects, key=lambda r: r[1])
        self.tops = [r[1] for r in self.rects]
        self.tallest = max((r[3] - r[1] for r in self.rects), default=0.0)

    def within(self, w: Box) -> list[tuple[float, float, float, float]]:
        first = bisect.bisect_left(self.tops, w.y - self.tallest - 1.0)
        last = bisect.bisect_right(self.tops, w.bottom)
        return [r for r in self.rects[first:last] if r[0] < w.right and w.x < r[2] and r[1] < w.bottom and w.y < r[3]]


def _middles(edges: list[float]) -> list[float]:
    edges = sorted(set(edges))
    return [(a + b) / 2 for a, b in itertools.pairwise(edges) if b - a > EPS]


def _blocked(lines: list[float], others: list[float], rects, axis: int) -> tuple[bytearray, bytearray]:
    """Which nodes lie strictly inside a rect, and which steps to the next node cross one: flat arrays, 1 = blocked.

    axis _H: lines are y values, nodes lie at the x values `others`; entry [line * len(others) + k] is node k
    of that line (or the step from node k to node k + 1). Each rect marks only the lines it spans (found by
    bisection), so the cost grows with what the rects cover, not with lines times rects.
    """
    n = len(others)
    nodes = bytearray(len(lines) * n)
    steps = bytearray(len(lines) * n)
    for r in rects:
        lo_c, hi_c, a, b = (r[1], r[3], r[0], r[2]) if axis == _H else (r[0], r[2], r[1], r[3])
        v0 = bisect.bisect_right(lines, lo_c + EPS)  # lines with lo_c + EPS < v < hi_c - EPS
        v1 = bisect.bisect_left(lines, hi_c - EPS)
        if v0 >= v1:
            continue
        i0 = bisect.bisect_right(others, a + EPS)
        i1 = bisect.bisect_left(others, b - EPS)
        s0, s1 = max(i0 - 1, 0), min(i1, n - 1)
        for v in range(v0, v1):
            base = v * n
            if i1 > i0:
                nodes[base + i0 : base + i1] = b"\x01" * (i1 - i0)
            if s1 > s0:
                steps[base + s0 : base + s1] = b"\x01" * (s1 - s0)
    return nodes, steps


def _route(
    c: Connector, window: Box, index: _Index, drawn: _Drawn, s: Style, guides: list[float], limit: float = math.inf
) -> tuple[Route | None, int]:
    """The cheapest route in the window, or None; and how many states the search expanded (at most `limit`)."""
    rects = index.within(window)
    own = {c.source, c.target}
    sources = [p for p in _source_ports(c.source, s) if _inside(p.point, window)]
    targets = [p for p in _target_ports(c.target, s) if _inside(p.point, window)]
    if not sources or not targets:
        return None, 0

    def mine(seg) -> bool:
        """May this route run along the segment? Along one from the same start, or the last leg into the same end:
        either way every branch means what it says. Joining another arrow's middle would not."""
        return seg[4] == c.source_id != "" or (seg[6] and seg[5] == c.target_id != "")

    # Only what lies in or near the window can block, cost or guide a step in it.
    m = s.spacing * 3.5 + s.clearance_x + s.head + 1.0
    wx0, wy0, wx1, wy1 = window.x - m, window.y - m, window.right + m, window.bottom + m
    nearby = [
        g
        for g in drawn.segments
        if (
            (wy0 <= g[1] <= wy1 and g[2] <= wx1 and wx0 <= g[3])
            if g[0] == _H
            else (wx0 <= g[1] <= wx1 and g[2] <= wy1 and wy0 <= g[3])
        )
    ]
    others = [g for g in nearby if not mine(g)]
    shared = [g for g in nearby if mine(g)]  # an arrow with the same start or end: better joined than beside
    heads = [
        b
        for b, t in drawn.heads
        if not (t == c.target_id and t != "") and b.x <= wx1 and wx0 <= b.right and b.y <= wy1 and wy0 <= b.bottom
    ]

    # Candidate lines: channel middles, the ports' lines, and tracks beside earlier arrows.
    ys = _middles([window.y, window.bottom] + [v for r in rects for v in (r[1], r[3])])
    xs = _middles([window.x, window.right] + [v for r in rects for v in (r[0], r[2])])
    ys += [p.point[1] for p in sources + targets if p.outward[1] == 0]
    xs += [p.point[0] for p in sources + targets if p.outward[0] == 0]
    for axis, pos, *_ in shared:
        (ys if axis == _H else xs).append(pos)
    for axis, pos, lo, hi, *_ in others:
        if axis == _H and window.y < pos < window.bottom and lo < window.right and window.x < hi:
            ys += [pos - s.spacing, pos + s.spacing]
        elif axis == _V and window.x < pos < window.right and lo < window.bottom and window.y < hi:
            xs += [pos - s.spacing, pos + s.spacing]
    xs = sorted({round(x, 6) for x in xs if window.x - EPS <= x <= window.right + EPS})
    ys = sorted({round(y, 6) for y in ys if window.y - EPS <= y <= window.bottom + EPS})
    # Lines too close to a guide carry no vertical moves.
    near_guide = {i for i, x in enumerate(xs) if any(abs(x - g) < s.spacing * 0.9 for g in guides)}

    # Obstacles: the grown boxes, earlier arrows' heads (grown), and earlier arrows running along a line.
    solid = list(rects) + [_grow(b, s) for b in heads]
    h_nodes, h_steps = _blocked(ys, xs, solid, _H)
    v_nodes, v_steps = _blocked(xs, ys, solid, _V)
    near = s.spacing * 0.9
    reach = s.spacing * 2.5
    # An earlier arrow blocks steps along it (and close beside it) and bends on it; crossing it costs.
    nx, ny = len(xs), len(ys)
    bend_at = bytearray(nx * ny)  # node i * ny + j: 1 where no bend may be made
    for axis, pos, lo, hi, *_ in others:
        along, across = (ys, xs) if axis == _H else (xs, ys)
        steps_ = h_steps if axis == _H else v_steps
        n_across = len(across)
        j0, j1 = bisect.bisect_left(along, pos - near), bisect.bisect_right(along, pos + near)
        i0, i1 = bisect.bisect_left(across, lo - near), bisect.bisect_right(across, hi + near)
        s0, s1 = max(i0 - 1, 0), min(i1, n_across - 1)
        # No bend within a few spacings of its ends either: a join there would look like a branch of it.
        k0, k1 = bisect.bisect_left(across, lo - reach), bisect.bisect_right(across, hi + reach)
        for j in range(j0, j1):
            if s1 > s0:
                steps_[j * n_across + s0 : j * n_across + s1] = b"\x01" * (s1 - s0)
            if k1 > k0:
                if axis == _H:  # nodes (k, j) for k in k0..k1: every ny-th entry
                    bend_at[k0 * ny + j : k1 * ny + j : ny] = b"\x01" * (k1 - k0)
                else:  # nodes (j, k)
                    bend_at[j * ny + k0 : j * ny + k1] = b"\x01" * (k1 - k0)
    crossings_h = sorted((pos, lo, hi) for axis, pos, lo, hi, *_ in others if axis == _V)
    crossings_v = sorted((pos, lo, hi) for axis, pos, lo, hi, *_ in others if axis == _H)

    def crossing_cost(axis: int, fixed: float, a: float, b: float) -> float:
        lo_, hi_ = min(a, b), max(a, b)
        lines = crossings_h if axis == _H else crossings_v
        k = bisect.bisect_left(lines, (lo_ - EPS,))
        n = 0
        while k < len(lines) and lines[k][0] <= hi_ + EPS:
            if lines[k][1] - EPS <= fixed <= lines[k][2] + EPS:
                n += 1
            k += 1
        return n * s.crossing

    along_shared: dict[tuple[int, float], list[tuple[float, float]]] = {}
    for axis, pos, lo, hi, *_ in shared:
        along_shared.setdefault((axis, round(pos, 6)), []).append((lo, hi))

    def discount(axis: int, fixed: float, a: float, b: float) -> float:
        """The share of a step that runs on an arrow it may join (and costs half)."""
        lo_, hi_ = min(a, b), max(a, b)
        if any(lo <= lo_ + EPS and hi_ <= hi + EPS for lo, hi in along_shared.get((axis, round(fixed, 6)), ())):
            return 0.5
        return 1.0

    def free_segment(p: Point, q: Point) -> bool:
        """A port's stub: clear of every grown box but its own, and of earlier heads."""
        lo_x, hi_x = min(p[0], q[0]), max(p[0], q[0])
        lo_y, hi_y = min(p[1], q[1]), max(p[1], q[1])
        own_grown = {_grow(b, s) for b in own}
        for r in solid:
            if r in own_grown:
                continue
            if r[0] < hi_x - EPS and lo_x + EPS < r[2] and r[1] < hi_y - EPS and lo_y + EPS < r[3]:
                return False
            if lo_x == hi_x and r[0] + EPS < lo_x < r[2] - EPS and r[1] < hi_y - EPS and lo_y + EPS < r[3]:
                return False
            if lo_y == hi_y and r[1] + EPS < lo_y < r[3] - EPS and r[0] < hi_x - EPS and lo_x + EPS < r[2]:
                return False
        # An end stub may not run along an earlier arrow either.
        for axis, pos, lo, hi, *_ in others:
            if axis == _H and lo_y == hi_y and abs(pos - lo_y) < near and lo < hi_x and lo_x < hi:
                return False
            if axis == _V and lo_x == hi_x and abs(pos - lo_x) < near and lo < hi_y and lo_y < hi:
                return False
        return True

    def node_ok(i: int, j: int) -> bool:
        return not h_nodes[j * nx + i] and not v_nodes[i * ny + j]

    # Start: from each source port, along its outward ray, to the first free grid node.
    start: list[tuple[float, int, int, int, int]] = []  # cost, i, j, direction, port
    for n, port in enumerate(sources):
        for i, j in _ray(port, xs, ys):
            if not node_ok(i, j):
                continue
            q = (xs[i], ys[j])
            if free_segment(port.point, q):
                start.append((port.cost + _dist(port.point, q), i, j, _MOVES.index(port.outward), n))
            break
    # Goals: grid nodes from which a target port is reached straight on, with room for the head.
    goals: dict[tuple[int, int], tuple[float, int, int]] = {}  # node -> cost of the last leg, port, its direction
    for n, port in enumerate(targets):
        axis = _H if port.outward[1] == 0 else _V
        for i, j in _ray(port, xs, ys):
            q = (xs[i], ys[j])
            if _dist(port.point, q) < s.head + s.shaft - EPS:
                continue
            if node_ok(i, j) and free_segment(q, port.point):
                fixed, a, b = (ys[j], q[0], port.point[0]) if axis == _H else (xs[i], q[1], port.point[1])
                cost = port.cost + _dist(port.point, q) + crossing_cost(axis, fixed, a, b)
                if (i, j) not in goals or cost < goals[(i, j)][0]:
                    goals[(i, j)] = (cost, n, _MOVES.index((-port.outward[0], -port.outward[1])))
            break
    if not start or not goals:
        return None, 0

    # A* over (node, direction of the last move), guided by the distance left (a bound but where it joins an arrow).
    ends = [p.point for p in targets]

    # Flat per-node caches (index i * ny + j), filled on first use: _UNSET until then, math.inf for a blocked step.
    lefts = [_UNSET] * (nx * ny)

    def left(i: int, j: int) -> float:
        """The distance left, plus a bend if the node is in line with no target port."""
        x0, y0 = xs[i], ys[j]
        h = lefts[i * ny + j] = min(
            abs(x0 - x) + abs(y0 - y) + (s.bend if abs(x0 - x) > EPS and abs(y0 - y) > EPS else 0.0) for x, y in ends
        )
        return h

    h_cost = [_UNSET] * (nx * ny)  # the step from node (i, j) to (i + 1, j)
    v_cost = [_UNSET] * (nx * ny)  # ... and to (i, j + 1)

    def step_cost(axis: int, i: int, j: int) -> float:
        """Cost of the step from node (i, j) to the next one along the axis; math.inf when blocked."""
        if axis == _H:
            ok = not h_steps[j * nx + i] and node_ok(i, j) and node_ok(i + 1, j)
            fixed, a, b = ys[j], xs[i], xs[i + 1]
        else:
            ok = i not in near_guide and not v_steps[i * ny + j] and node_ok(i, j) and node_ok(i, j + 1)
            fixed, a, b = xs[i], ys[j], ys[j + 1]
        cost = (b - a) * discount(axis, fixed, a, b) + crossing_cost(axis, fixed, a, b) if ok else math.inf
        (h_cost if axis == _H else v_cost)[i * ny + j] = cost
        return cost

    # A state is (i, j, direction of the last move, sense of the last turn: 0 none yet, 1 or 2), coded as one int
    # ((i * ny + j) * 4 + d) * 3 + sense, which sorts as the tuple would.
    best: dict[int, float] = {}
    prev: dict[int, int | None] = {}
    heap: list[tuple[float, float, int, int]] = []
    origin: dict[int, int] = {}
    for cost, i, j, d, n in start:
        key = ((i * ny + j) * 4 + d) * 3
        if cost < best.get(key, math.inf):
            best[key], prev[key], origin[key] = cost, None, n
            h = lefts[i * ny + j]
            heapq.heappush(heap, (cost + (left(i, j) if h < 0 else h), -cost, key, n))
    end: tuple[float, int] | None = None
    bend, u_turn, inf = s.bend, s.u_turn, math.inf
    pop, push, best_get = heapq.heappop, heapq.heappush, best.get
    goal_at = {i * ny + j: goal for (i, j), goal in goals.items()}
    last_i = (nx - 1) * ny
    expanded = 0
    while heap:
        if expanded >= limit:
            return None, expanded  # a maze: see Style.maze
        expanded += 1
        estimate, cost, key, n = pop(heap)
        cost = -cost  # stored negated: of equal estimates the one furthest along goes first
        if cost > best_get(key, inf):
            continue
        node, sense = divmod(key, 3)
        node, d = divmod(node, 4)
        goal = goal_at.get(node)
        bend_ok = not bend_at[node]
        # Into the target straight on, or after one bend (not on another arrow); never doubling back.
        if goal is not None and goal[2] != d ^ 1 and (goal[2] == d or bend_ok):
            total = cost + goal[0]
            if goal[2] != d:
                total += bend + (u_turn if _TURN[d][goal[2]] == sense else 0.0)
            if end is None or total < end[0]:
                end = (total, key)
        if end is not None and estimate >= end[0]:
            break
        turns = _TURN[d]
        j = node % ny
        for nd in range(4):
            if nd == d ^ 1:
                continue  # no doubling back
            turn = turns[nd]
            if turn and not bend_ok:
                continue
            if nd == 0:
                if node >= last_i:
                    continue
                nnode = node + ny
                step = h_cost[node]
                if step < 0:
                    step = step_cost(_H, node // ny, j)
            elif nd == 1:
                if node < ny:
                    continue
                nnode = node - ny
                step = h_cost[nnode]
                if step < 0:
                    step = step_cost(_H, nnode // ny, j)
            elif nd == 2:
                if j + 1 >= ny:
                    continue
                nnode = node + 1
                step = v_cost[node]
                if step < 0:
                    step = step_cost(_V, node // ny, j)
            else:
                if j == 0:
                    continue
                nnode = node - 1
                step = v_cost[nnode]
                if step < 0:
                    step = step_cost(_V, node // ny, j - 1)
            if step == inf:
                continue
            new = cost + step
            if turn:  # a second turn the same way round makes a U around something: a detour that frames it
                new += bend + (u_turn if turn == sense else 0.0)
            nsense = turn or sense
            base = (nnode * 4 + nd) * 3
            nkey = base + nsense
            if new < best_get(nkey, inf) - EPS:
                # Leave out a state another one at the node, going the same way, beats whatever comes next: one with
                # no turn yet for less, or one after the other turn for less by more than a U's extra.
                if nsense and (
                    best_get(base, inf) < new - EPS or best_get(base + 3 - nsense, inf) + u_turn < new - EPS
                ):
                    continue
                best[nkey], prev[nkey], origin[nkey] = new, key, n
                h = lefts[nnode]
                push(heap, (new + (left(*divmod(nnode, ny)) if h < 0 else h), -new, nkey, n))
    if end is None:
        return None, expanded
    # Walk back: grid nodes from the goal to the first node after the source port.
    _, key = end
    goal_port = targets[goals[divmod(key // 12, ny)][1]]
    nodes: list[Point] = []
    k: int | None = key
    first = key
    while k is not None:
        i, j = divmod(k // 12, ny)
        nodes.append((xs[i], ys[j]))
        first = k
        k = prev[k]
    nodes.reverse()
    src_port = sources[origin[first]]
    points = _simplify([src_port.point] + nodes + [goal_port.point])
    return Route(c.key, tuple(points), _DIRECTION[goal_port.outward]), expanded


def _inside(p: Point, w: Box) -> bool:
    return w.x - EPS <= p[0] <= w.right + EPS and w.y - EPS <= p[1] <= w.bottom + EPS


def _ray(port: _Port, xs: list[float], ys: list[float]):
    """Grid nodes on the port's line, going outward from it, nearest first."""
    (px, py), (dx, dy) = port.point, port.outward
    if dy == 0:
        j = bisect.bisect_left(ys, py - EPS)
        if j >= len(ys) or abs(ys[j] - py) > EPS:
            return
        if dx > 0:
            for i in range(bisect.bisect_right(xs, px + EPS), len(xs)):
                yield i, j
        else:
            for i in range(bisect.bisect_left(xs, px - EPS) - 1, -1, -1):
                yield i, j
    else:
        i = bisect.bisect_left(xs, px - EPS)
        if i >= len(xs) or abs(xs[i] - px) > EPS:
            return
        if dy > 0:
            for j in range(bisect.bisect_right(ys, py + EPS), len(ys)):
                yield i, j
        else:
            for j in range(bisect.bisect_left(ys, py - EPS) - 1, -1, -1):
                yield i, j


def _dist(p: Point, q: Point) -> float:
    return abs(p[0] - q[0]) + abs(p[1] - q[1])


def _simplify(points: list[Point]) -> list[Point]:
    """Drop repeated points and the middle of three points on one line."""
    out: list[Point] = []
    for p in points:
        if out and _dist(out[-1], p) < EPS:
            continue
        if len(out) >= 2:
            a, b = out[-2], out[-1]
            if (abs(a[0] - b[0]) < EPS and abs(b[0] - p[0]) < EPS) or (
                abs(a[1] - b[1]) < EPS and abs(b[1] - p[1]) < EPS
            ):
                out[-1] = p
                continue
        out.append(p)
    return out


def path_commands(points: Sequence[Point], radius: float) -> tuple[tuple, ...]:
    """SVG-like path commands (M, L, C) through the points with every corner rounded to at most `radius`."""
    k = 0.5523  # a quarter circle as one cubic Bezier
    cmds: list[tuple] = [("M", *points[0])]
    for n in range(1, len(points) - 1):
        a, b, c = points[n - 1], points[n], points[n + 1]
        last = n + 1 == len(points) - 1
        r = min(radius, _dist(a, b) / 2 if n > 1 else _dist(a, b), _dist(b, c) if last else _dist(b, c) / 2)
        if r <= EPS:
            cmds.append(("L", *b))
            continue
        u = ((b[0] - a[0]) / _dist(a, b), (b[1] - a[1]) / _dist(a, b))
        v = ((c[0] - b[0]) / _dist(b, c), (c[1] - b[1]) / _dist(b, c))
        p0 = (b[0] - u[0] * r, b[1] - u[1] * r)
        p1 = (b[0] + v[0] * r, b[1] + v[1] * r)
        cmds.append(("L", *p0))
        cmds.append(("C", p0[0] + u[0] * r * k, p0[1] + u[1] * r * k, p1[0] - v[0] * r * k, p1[1] - v[1] * r * k, *p1))
    cmds.append(("L", *points[-1]))
    return tuple(cmds)


def shaft(route: Route, head: float) -> tuple[Point, ...]:
    """The route's points with the last one moved back to the arrowhead's base (the head covers the rest)."""
    *rest, (x, y) = route.points
    dx, dy = {"right": (-1, 0), "left": (1, 0), "down": (0, -1), "up": (0, 1)}[route.direction]
    return (*rest, (x + dx * head, y + dy * head))
