"""Content stage: rules across fields - unique ids, references, cycles, dates and status.

These run on the validated `Record`s, after every file was read, so a reference
in stappenplan.yaml to a pillar in strategie.yaml is checked like any other.
Each check tolerates fields that were already reported missing or invalid, so
one run reports every problem.
"""

from __future__ import annotations

from collections import deque
from datetime import date

from poster.content.fields import Located, ValidationContext, suggest
from poster.content.model import Period, Status
from poster.content.validate import Record


def index_ids(records: tuple[Record, ...] | None, noun: str, ctx: ValidationContext) -> dict[str, Record] | None:
    """Records by id; a repeated id is an error at its second occurrence. None stays None (unusable list)."""
    if records is None:
        return None
    first: dict[str, Record] = {}
    for rec in records:
        key = rec.get("id")
        if key is None:
            continue
        if key in first:
            line = first[key].node_of("id").start_mark.line + 1
            ctx.error(
                rec.node_of("id"),
                rec.path_of("id"),
                f"duplicate {noun} id '{key}' (first at line {line}); give each {noun} its own id",
            )
        else:
            first[key] = rec
    return first


def check_reference(ctx: ValidationContext, ref: Located, path: str, known: dict | None, noun: str, where: str) -> bool:
    """Whether `ref` names a known id; if not, an error with a suggestion or the valid ids.

    `known` is None when the list of ids could not be read: that was reported, and
    guessing here would add one false error per reference.
    """
    if known is None or ref.value in known:
        return True
    if not known:
        ctx.error(ref.node, path, f"unknown {noun} '{ref.value}': there are no {noun}s ({where} is missing or empty)")
    elif hint := suggest(ref.value, known):
        ctx.error(ref.node, path, f"unknown {noun} '{ref.value}'{hint}")
    else:
        ctx.error(ref.node, path, f"unknown {noun} '{ref.value}'; valid {noun}s: {', '.join(known)}")
    return False


def check_references(
    ctx: ValidationContext,
    pillars: dict | None,
    dimensions: dict | None,
    steps: dict | None,
    results: tuple[Record, ...],
) -> None:
    for pillar in (pillars or {}).values():
        for i, ref in enumerate(pillar.get("dimensions", ())):
            path = f"{pillar.path_of('dimensions')}[{i}]"
            check_reference(ctx, ref, path, dimensions, "dimension", "baseline.dimensions")
    for step in (steps or {}).values():
        if "pillar" in step.values:
            ref = Located(step.get("pillar"), step.node_of("pillar"))
            check_reference(ctx, ref, step.path_of("pillar"), pillars, "pillar", "strategy.pillars")
        for i, ref in enumerate(step.get("depends_on", ())):
            check_reference(ctx, ref, f"{step.path_of('depends_on')}[{i}]", steps, "step", "plan.steps")
    for result in results:
        if "step" in result.values:
            ref = Located(result.get("step"), result.node_of("step"))
            check_reference(ctx, ref, result.path_of("step"), steps, "step", "plan.steps")


def check_cycles(ctx: ValidationContext, steps: dict[str, Record]) -> None:
    """Each dependency cycle once, named in full (a -> b -> a), at the first step's depends_on."""
    graph = {key: [r.value for r in rec.get("depends_on", ()) if r.value in steps] for key, rec in steps.items()}
    reported: set[str] = set()
    for start in steps:  # file order: the cycle is named from its first step
        if start in reported:
            continue
        cycle = _shortest_cycle(graph, start)
        if cycle is None:
            continue
        reported.update(cycle)
        rec = steps[start]
        nxt = cycle[1] if len(cycle) > 1 else start
        index, entry = next((i, r) for i, r in enumerate(rec.get("depends_on")) if r.value == nxt)
        names = " -> ".join([*cycle, start])
        ctx.error(
            entry.node,
            f"{rec.path_of('depends_on')}[{index}]",
            f"dependency cycle: {names}; a step cannot (indirectly) depend on itself",
        )


def _shortest_cycle(graph: dict[str, list[str]], start: str) -> list[str] | None:
    """The shortest path start -> ... -> start as [start, ...], or None."""
    came_from: dict[str, str] = {}
    queue = deque([start])
    while queue:
        node = queue.popleft()
        for nxt in graph[node]:
            if nxt == start:
                path = [node]
                while path[-1] != start:
                    path.append(came_from[path[-1]])
                return path[::-1]
            if nxt not in came_from:
                came_from[nxt] = node
                queue.append(nxt)
    return None


def check_order(ctx: ValidationContext, rec: Record, what: str) -> None:
    """An error when the record (the plan, a step) ends before it starts."""
    start, end = rec.get("start"), rec.get("end")
    if start is not None and end is not None and end.last < start.first:
        ctx.error(
            rec.node_of("end"),
            rec.path_of("end"),
            f"the {what} ends ({end}) before it starts ({start}); swap them or correct one",
        )


def check_step(ctx: ValidationContext, step: Record, plan: Record | None, as_of: date) -> None:
    check_order(ctx, step, "step")
    _check_in_plan(ctx, step, plan)
    _check_status(ctx, step, as_of)


def _check_in_plan(ctx: ValidationContext, step: Record, plan: Record | None) -> None:
    start, end = step.get("start"), step.get("end")
    if plan is None or None in (start, end, plan.get("start"), plan.get("end")) or end.last < start.first:
        return
    first, last = plan.get("start").first, plan.get("end").last
    if start.first >= first and end.last <= last:
        return
    period = f"{plan.get('start')} to {plan.get('end')}"
    wholly = end.last < first or start.first > last
    name = "start" if start.first < first else "end"
    how = "outside" if wholly else "partly outside"
    ctx.warning(
        step.node_of(name),
        step.path_of(name),
        f"the step ({start} to {end}) lies {how} the plan period {period}; the poster shows only the plan period",
    )


def _check_status(ctx: ValidationContext, step: Record, as_of: date) -> None:
    if "status" in step.nodes and "status" not in step.values:
        return  # an invalid status was reported; guessing one would add noise
    status = Status(step.get("status", "planned"))
    progress = step.get("progress")
    if progress is not None and status is Status.DONE and progress < 100:
        ctx.warning(
            step.node_of("progress"),
            step.path_of("progress"),
            f"status is done but progress is {progress}; set progress: 100, or another status",
        )
    if progress is not None and status is Status.PLANNED and progress > 0:
        ctx.warning(
            step.node_of("progress"),
            step.path_of("progress"),
            f"progress is {progress} but status is planned; set status: in_progress",
        )
    end: Period | None = step.get("end")
    if status is Status.PLANNED and end is not None and end.last < as_of:
        ctx.warning(
            step.node_of("status"),
            step.path_of("status"),
            f"still planned, but its end ({end}) lies before as_of ({as_of.isoformat()}); "
            "update the status (in_progress, delayed, done, on_hold or cancelled)",
        )


def check_baseline(ctx: ValidationContext, baseline: Record) -> None:
    scale = baseline.get("scale")
    for dim in baseline.get("dimensions", ()):
        if scale and len(scale) >= 2:
            for name in ("current", "target"):
                _check_level(ctx, dim, name, scale)
        current, target = dim.get("current"), dim.get("target")
        if current is not None and target is not None and target < current:
            ctx.warning(
                dim.node_of("target"),
                dim.path_of("target"),
                f"the target ({target:g}) is below the current level ({current:g})",
            )


def _check_level(ctx: ValidationContext, dim: Record, name: str, scale: tuple[str, ...]) -> None:
    level = dim.get(name)
    if level is not None and not 1 <= level <= len(scale):
        dim.values.pop(name)  # so the target/current comparison does not add noise
        ctx.error(
            dim.node_of(name),
            dim.path_of(name),
            f"level {level:g} is outside the scale: use 1 ({scale[0]}) to {len(scale)} ({scale[-1]}); "
            "halves such as 2.5 are allowed",
        )


def check_lanes(ctx: ValidationContext, pillars: dict[str, Record], steps: tuple[Record, ...]) -> None:
    used = {step.get("pillar") for step in steps}
    for key, pillar in pillars.items():
        if key not in used:
            ctx.warning(
                pillar.node_of("id"),
                pillar.path_of("id"),
                f"pillar '{key}' has no steps in plan.steps; its lane on the poster will be empty",
            )
