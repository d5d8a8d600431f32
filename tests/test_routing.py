"""The arrow router (poster/layout/routing.py) as pure geometry: routes keep clear of every box, start and end
where they should, never run along an unrelated arrow, and are found wherever a channel leads through."""

from __future__ import annotations

import itertools
import random

from hypothesis import given, settings
from hypothesis import strategies as st

from poster.layout.geometry import Box
from poster.layout.routing import EPS, Connector, Route, Style, head_box, path_commands, route_all, shaft

STYLE = Style()
AREA = Box(0, 0, 300, 120)


def touches_interior(p, q, box: Box, margin: float = 0.0) -> bool:
    """Does the axis-parallel segment p-q pass through the box grown by margin (touching its edge does not count)?"""
    lo_x, hi_x = sorted((p[0], q[0]))
    lo_y, hi_y = sorted((p[1], q[1]))
    x0, y0, x1, y1 = box.x - margin, box.y - margin, box.right + margin, box.bottom + margin
    return (
        (lo_x < x1 - 1e-6 and x0 + 1e-6 < hi_x and lo_y < y1 - 1e-6 and y0 + 1e-6 < hi_y)
        or (lo_x == hi_x and x0 + 1e-6 < lo_x < x1 - 1e-6 and lo_y < y1 - 1e-6 and y0 + 1e-6 < hi_y)
        or (lo_y == hi_y and y0 + 1e-6 < lo_y < y1 - 1e-6 and lo_x < x1 - 1e-6 and x0 + 1e-6 < hi_x)
    )


def on_edge(p, box: Box) -> bool:
    x, y = p
    inside_x = box.x - EPS <= x <= box.right + EPS
    inside_y = box.y - EPS <= y <= box.bottom + EPS
    return (inside_y and (abs(x - box.x) < EPS or abs(x - box.right) < EPS)) or (
        inside_x and (abs(y - box.y) < EPS or abs(y - box.bottom) < EPS)
    )


def check_route(route: Route, c: Connector, obstacles: list[Box], style: Style = STYLE) -> None:
    pts = route.points
    assert len(pts) >= 2
    for p, q in itertools.pairwise(pts):
        assert abs(p[0] - q[0]) < EPS or abs(p[1] - q[1]) < EPS, f"{c.key}: not orthogonal {p} {q}"
        for box in obstacles:
            if box in (c.source, c.target):
                continue
            assert not touches_interior(p, q, box, style.clearance - 1e-3), f"{c.key}: {p}-{q} crosses {box}"
    # Only the first segment touches the source and only the last the target, each from outside.
    assert on_edge(pts[0], c.source) and on_edge(pts[-1], c.target), c.key
    for p, q in itertools.pairwise(pts[1:]):
        assert not touches_interior(p, q, c.source), c.key
    for p, q in itertools.pairwise(pts[:-1]):
        assert not touches_interior(p, q, c.target), c.key
    last = abs(pts[-1][0] - pts[-2][0]) + abs(pts[-1][1] - pts[-2][1])
    assert last >= style.head + style.shaft - 1e-6, f"{c.key}: no room for the arrowhead"
    head = head_box(route, style)
    for box in obstacles:
        if box != c.target:
            assert not head.intersects(box, 1e-6), f"{c.key}: arrowhead on {box}"


def segments(route: Route):
    for p, q in route.segments():
        if abs(p[1] - q[1]) < EPS:
            yield "h", p[1], min(p[0], q[0]), max(p[0], q[0])
        else:
            yield "v", p[0], min(p[1], q[1]), max(p[1], q[1])


def check_no_shared_runs(routes: dict[str, Route], connectors: list[Connector], style: Style = STYLE) -> None:
    """Two arrows never run along each other unless they start at the same box or one joins the other's last leg."""
    by_key = {c.key: c for c in connectors}
    keys = sorted(routes)
    for n, a in enumerate(keys):
        for b in keys[n + 1 :]:
            ca, cb = by_key[a], by_key[b]
            if ca.source_id == cb.source_id:
                continue
            last_a, last_b = list(segments(routes[a]))[-1], list(segments(routes[b]))[-1]
            for sa in segments(routes[a]):
                for sb in segments(routes[b]):
                    if sa[0] != sb[0] or abs(sa[1] - sb[1]) >= style.spacing * 0.9 - 1e-6:
                        continue
                    overlap = min(sa[3], sb[3]) - max(sa[2], sb[2])
                    if overlap <= 1e-6:
                        continue
                    same_end = ca.target_id == cb.target_id and (sa == last_a or sb == last_b)
                    assert same_end, f"{a} runs along {b}: {sa} {sb}"


def test_a_clear_line_is_one_straight_segment():
    a, b = Box(10, 10, 40, 10), Box(70, 10, 40, 10)
    c = Connector("a>b", a, b, "a", "b")
    routes = route_all([c], [a, b], AREA)
    assert routes["a>b"].points == ((50, 15), (70, 15))
    assert routes["a>b"].direction == "right"


def test_the_route_goes_around_a_bar_in_the_way_through_the_gap_between_rows():
    a, b, wall = Box(10, 10, 40, 10), Box(120, 10, 40, 10), Box(60, 10, 40, 10)
    c = Connector("a>b", a, b, "a", "b")
    routes = route_all([c], [a, b, wall], AREA)
    check_route(routes["a>b"], c, [a, b, wall])
    ys = {p[1] for p in routes["a>b"].points}
    assert max(ys) > wall.bottom or min(ys) < wall.y


def test_a_label_beside_the_target_moves_the_arrowhead_to_its_top_or_bottom():
    a = Box(10, 10, 40, 10)
    b = Box(100, 30, 40, 10)
    label = Box(60, 30, 37, 10)  # the dependent's title, left of its bar
    c = Connector("a>b", a, b, "a", "b")
    route = route_all([c], [a, b, label], AREA)["a>b"]
    check_route(route, c, [a, b, label])
    assert route.direction == "down"


def test_no_route_when_the_target_is_walled_in():
    a = Box(10, 50, 20, 10)
    b = Box(100, 50, 20, 10)
    walls = [Box(90, 40, 40, 8), Box(90, 62, 40, 8), Box(90, 40, 8, 30), Box(122, 40, 8, 30)]
    c = Connector("a>b", a, b, "a", "b")
    assert route_all([c], [a, b, *walls], AREA) == {}


def test_a_search_that_winds_too_long_is_left_out_only_while_the_share_drawn_allows():
    # Twenty bars in two columns, each feeding the one beside it around a block in the way: every route needs a
    # search of several expansions, so with maze=2 each is a maze; at most a tenth may be left out for it.
    pairs = [(Box(10, 5 + 12 * i, 30, 6), Box(120, 5 + 12 * i, 30, 6)) for i in range(10)]
    connectors = [Connector(f"a{i}>b{i}", a, b, f"a{i}", f"b{i}") for i, (a, b) in enumerate(pairs)]
    obstacles = [box for pair in pairs for box in pair] + [Box(70, 5 + 12 * i, 10, 6) for i in range(10)]
    area = Box(0, 0, 300, 130)
    assert len(route_all(connectors, obstacles, area)) == 10
    strict = route_all(connectors, obstacles, area, Style(maze=2))
    assert len(strict) == 9  # one left out as a maze, then the share of 90 % is reached and searches go on
    for c in connectors:
        if c.key in strict:
            check_route(strict[c.key], c, obstacles)
    assert len(route_all(connectors, obstacles, area, Style(maze=2, min_share=1.0))) == 10


def test_arrows_in_one_channel_run_side_by_side_not_on_top_of_each_other():
    # Four bars in a row above, four in a row below, each upper one feeding the lower one further right.
    top = [Box(10 + 60 * i, 10, 40, 10) for i in range(4)]
    bottom = [Box(25 + 60 * i, 26, 40, 10) for i in range(4)]
    walls = [Box(0, 0, 300, 4)]
    connectors = [
        Connector(f"t{i}>b{j}", top[i], bottom[j], f"t{i}", f"b{j}") for i, j in ((0, 3), (1, 3), (0, 2), (2, 3))
    ]
    obstacles = top + bottom + walls
    routes = route_all(connectors, obstacles, AREA)
    assert len(routes) == len(connectors)
    for c in connectors:
        check_route(routes[c.key], c, obstacles)
    check_no_shared_runs(routes, connectors)


def test_the_result_depends_only_on_the_input():
    rng = random.Random(3)
    boxes = [Box(rng.uniform(0, 250), 5 + 16 * rng.randrange(7), rng.uniform(10, 50), 10) for _ in range(30)]
    connectors = [Connector(f"{i}>{j}", boxes[i], boxes[j], str(i), str(j)) for i, j in ((0, 5), (3, 9), (4, 20))]
    first = route_all(connectors, boxes, AREA)
    assert route_all(list(reversed(connectors)), list(reversed(boxes)), AREA) == first


def test_corners_are_rounded_and_the_line_stops_at_the_arrowheads_base():
    route = Route("a>b", ((0.0, 0.0), (10.0, 0.0), (10.0, 10.0), (20.0, 10.0)), "right")
    cmds = path_commands(shaft(route, 2.0), 1.0)
    assert cmds[0] == ("M", 0.0, 0.0) and cmds[-1] == ("L", 18.0, 10.0)
    assert [c[0] for c in cmds].count("C") == 2
    # A corner never rounds away more than half of a short segment.
    short = path_commands(((0.0, 0.0), (10.0, 0.0), (10.0, 0.8), (20.0, 0.8)), 1.0)
    curves = [c for c in short if c[0] == "C"]
    assert all(0.0 <= c[6] <= 0.8 for c in curves)


@st.composite
def plans(draw):
    """Rows of bars with labels beside some, like a packed stappenplan lane, and dependencies between them."""
    rng = random.Random(draw(st.integers(0, 10_000)))
    rows = draw(st.integers(2, 8))
    pitch = 10 + rng.choice((3.0, 4.5, 6.0))
    boxes, bars = [], []
    for r in range(rows):
        x = rng.uniform(0, 30)
        while x < 260:
            w = rng.uniform(8, 70)
            bar = Box(x, 4 + r * pitch, min(w, 290 - x), 10)
            bars.append(bar)
            boxes.append(bar)
            x = bar.right + 3
            if rng.random() < 0.5 and x < 250:  # a label to the right
                lw = rng.uniform(15, 60)
                boxes.append(Box(x, bar.y + 1, min(lw, 295 - x), 8))
                x += lw
            x += rng.uniform(5, 40)
    n = draw(st.integers(1, 10))
    pairs = {(rng.randrange(len(bars)), rng.randrange(len(bars))) for _ in range(n)}
    connectors = [Connector(f"{i}>{j}", bars[i], bars[j], str(i), str(j)) for i, j in sorted(pairs) if i != j]
    return boxes, connectors, Box(0, 0, 300, 8 + rows * pitch)


@settings(max_examples=25, deadline=None)
@given(plans())
def test_property_routes_cross_no_box_and_share_no_run(plan):
    boxes, connectors, area = plan
    routes = route_all(connectors, boxes, area)
    by_key = {c.key: c for c in connectors}
    for key, route in routes.items():
        check_route(route, by_key[key], boxes)
        assert all(
            area.x - EPS <= x <= area.right + EPS and area.y - EPS <= y <= area.bottom + EPS for x, y in route.points
        )
    check_no_shared_runs(routes, connectors)


@settings(max_examples=15, deadline=None)
@given(plans())
def test_property_with_channels_between_rows_most_dependencies_are_routed(plan):
    boxes, connectors, area = plan
    # Finish-to-start dependencies between bars with room around them: the common case.
    clear = [c for c in connectors if c.target.x - c.source.right > 10]
    if not clear:
        return
    routes = route_all(clear, boxes, area)
    assert len(routes) >= 0.8 * len(clear) - 1
