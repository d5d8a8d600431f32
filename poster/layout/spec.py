"""Layout stage: layout files (layouts/*.yaml) read into a frozen LayoutSpec.

A layout is data: page size, margins, a column grid, rows of areas (which
component sits where and how many columns it spans), the type scale and
per-component measures. `extends: other-layout` takes everything from another
layout and overrides what this file gives.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from poster.errors import LayoutSpecError
from poster.resources import data_dir

# ISO 216 A sizes, portrait, in mm.
PAGE_SIZES = {
    "A0": (841.0, 1189.0),
    "A1": (594.0, 841.0),
    "A2": (420.0, 594.0),
    "A3": (297.0, 420.0),
    "A4": (210.0, 297.0),
}

COMPONENTS = (
    "header",
    "vision",
    "baseline",
    "strategy",
    "plan",
    "legend",
    "results",
    "progress",
    "quote",
    "footer",
)


# Measures the components read without a default; a layout must give each (or extend one that does).
# The type roles a layout's type_scale must size, and which family (heading or body) and weight each uses.
ROLE_FACES: dict[str, tuple[str, str]] = {
    "title": ("heading", "semibold"),
    "organisation": ("heading", "semibold"),
    "subtitle": ("body", "regular"),
    "meta": ("body", "regular"),
    "section": ("heading", "semibold"),
    "section_number": ("heading", "semibold"),
    "statement": ("heading", "regular"),
    "card_title": ("heading", "semibold"),
    "body": ("body", "regular"),
    "body_strong": ("body", "semibold"),
    "list": ("body", "regular"),
    "label": ("body", "semibold"),
    "caption": ("body", "regular"),
    "step": ("body", "regular"),
    "axis_year": ("heading", "semibold"),
    "axis_sub": ("body", "regular"),
    "lane": ("heading", "semibold"),
    "lane_goal": ("body", "regular"),
    "milestone": ("body", "semibold"),
    "marker": ("body", "semibold"),
    "quote": ("heading", "italic"),
    "quote_source": ("body", "semibold"),
    "number": ("heading", "semibold"),
    "footer": ("body", "regular"),
    "footer_strong": ("body", "semibold"),
}

REQUIRED_MEASURES = (
    "header.logo_height",
    "header.rule",
    "header.gap",
    "section.accent_width",
    "section.accent_height",
    "section.gap_below",
    "card.padding",
    "card.gap",
    "card.radius",
    "card.band",
    "baseline.name_width",
    "baseline.dot",
    "baseline.row_gap",
    "plan.lane_label_width",
    "plan.lane_padding",
    "plan.bar_height",
    "plan.row_gap",
    "plan.icon",
    "plan.bar_padding",
    "plan.label_gap",
    "plan.item_gap",
    "plan.axis_gap",
    "plan.progress_strip",
    "plan.max_stretch",
    "legend.icon",
    "legend.gap",
    "footer.rule",
    "footer.gap",
)


@dataclass(frozen=True)
class TypeSize:
    size_pt: float
    min_pt: float


@dataclass(frozen=True)
class Area:
    """Components stacked in a column span, top to bottom (a stack balances a row's columns).

    Each entry of the stack is a tuple of components set side by side in equal
    widths; usually it holds one.
    """

    stack: tuple[tuple[str, ...], ...]
    span: int  # columns


@dataclass(frozen=True)
class Row:
    height: str | float  # "auto", "fill" or mm
    areas: tuple[Area, ...]


@dataclass(frozen=True)
class LayoutSpec:
    name: str
    width_mm: float
    height_mm: float
    margin_top: float
    margin_right: float
    margin_bottom: float
    margin_left: float
    columns: int
    column_gap: float
    row_gap: float
    rows: tuple[Row, ...]
    type_scale: tuple[tuple[str, TypeSize], ...]
    measures: tuple[tuple[str, float], ...]  # "plan.bar_height" -> mm
    min_text_pt: float  # nothing on the page may be set smaller
    # Drawn at this scale of its design: components lay out on a page 1/scale as
    # large and the result is scaled down (poster/layout/scale.py). Every length
    # and size in the file is still in the printed page's mm and pt.
    scale: float = 1.0

    def type(self, role: str) -> TypeSize:
        for key, size in self.type_scale:
            if key == role:
                return size
        raise KeyError(f"layout {self.name!r} has no type size {role!r}")

    def measure(self, key: str, default: float | None = None) -> float:
        for k, v in self.measures:
            if k == key:
                return v
        if default is None:
            raise KeyError(f"layout {self.name!r} has no measure {key!r}")
        return default


def available_layouts() -> list[str]:
    return sorted(p.stem for p in data_dir("layouts").glob("*.yaml"))


def load_layout(name_or_path: str | Path = "a0-portrait") -> LayoutSpec:
    """A shipped layout by name, or a layout file by path."""
    path = _find(name_or_path)
    return _build(read_layout_data(path), path)


def read_layout_data(name_or_path: str | Path) -> dict[str, Any]:
    """A layout file's data with everything it `extends` merged in (for tools that write layouts)."""
    return _read_with_extends(_find(name_or_path), seen=())


def merge_layout_data(base: dict[str, Any], over: dict[str, Any]) -> dict[str, Any]:
    """`over` on top of `base`, key by key, as `extends` does."""
    return _merge(base, over)


def _find(name_or_path: str | Path) -> Path:
    text = str(name_or_path)
    if text.endswith((".yaml", ".yml")) or "/" in text or "\\" in text:
        path = Path(text)
        if not path.is_file():
            raise LayoutSpecError(f"layout file {text} does not exist")
        return path
    path = data_dir("layouts") / f"{text}.yaml"
    if not path.is_file():
        known = ", ".join(available_layouts())
        raise LayoutSpecError(f"unknown layout {text!r}; shipped layouts: {known} (or give a path to a .yaml file)")
    return path


# Parsed layout files by their text: a roadmap that does not fit is tried on every shipped layout, and parsing
# them again each time was half of that layout's time. Reading a file is cheap; a changed file is parsed again.
_PARSED: dict[str, Any] = {}


def _parse(path: Path) -> Any:
    """The file's YAML data, a fresh copy each time (callers change what they get)."""
    try:
        text = path.read_text(encoding="utf-8")
        if text not in _PARSED:
            if len(_PARSED) > 64:  # a layout file edited again and again while `poster watch` runs
                _PARSED.clear()
            _PARSED[text] = _safe_load(text)
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
        raise LayoutSpecError(f"{path}: cannot read layout: {exc}") from None
    return copy.deepcopy(_PARSED[text])


def _read_with_extends(path: Path, seen: tuple[Path, ...]) -> dict[str, Any]:
    if path.resolve() in seen:
        raise LayoutSpecError(f"{path}: 'extends' forms a loop")
    raw = _parse(path)
    if not isinstance(raw, dict):
        raise LayoutSpecError(f"{path}: a layout file must be a mapping")
    parent = raw.pop("extends", None)
    if parent is None:
        return raw
    text = str(parent)
    base_path = _find(path.parent / text) if text.endswith((".yaml", ".yml")) else _find(text)
    base = _read_with_extends(base_path, seen + (path.resolve(),))
    return _merge(base, raw)


def _safe_load(text: str) -> Any:
    """yaml.safe_load, parsed by libyaml when it is there (1 ms for a layout where PyYAML's reader takes 6, in
    every cold build); a text libyaml refuses is read by PyYAML, which words the error."""
    loader = getattr(yaml, "CSafeLoader", None)
    if loader is not None:
        try:
            return yaml.load(text, Loader=loader)  # the safe loader, in C
        except Exception:  # noqa: BLE001 - PyYAML reads it again and reports what is wrong
            pass
    return yaml.safe_load(text)


def _merge(base: dict[str, Any], over: dict[str, Any]) -> dict[str, Any]:
    out = dict(base)
    for key, value in over.items():
        if isinstance(value, dict) and isinstance(out.get(key), dict):
            out[key] = _merge(out[key], value)
        else:
            out[key] = value
    return out


def _mapping(path: Path, where: str, value: Any) -> dict[str, Any]:
    """A sub-table of the layout: a mapping, or nothing (an empty one)."""
    if value is None:
        return {}
    if not isinstance(value, dict):
        raise LayoutSpecError(f"{path}: {where}: expected a mapping of keys and values, got {value!r}")
    return value


def _num(path: Path, where: str, value: Any, minimum: float = 0.0) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)) or value < minimum:
        raise LayoutSpecError(f"{path}: {where}: expected a number >= {minimum:g}, got {value!r}")
    return float(value)


def _page(path: Path, raw: dict[str, Any]) -> tuple[float, float]:
    page = _mapping(path, "page", raw.get("page"))
    if "width" in page or "height" in page:
        return _num(path, "page.width", page.get("width"), 50), _num(path, "page.height", page.get("height"), 50)
    size = str(page.get("size", "A0")).upper()
    if size not in PAGE_SIZES:
        raise LayoutSpecError(
            f"{path}: page.size: unknown size {size!r}; use one of {', '.join(PAGE_SIZES)} or width/height in mm"
        )
    w, h = PAGE_SIZES[size]
    orientation = page.get("orientation", "portrait")
    if orientation not in ("portrait", "landscape"):
        raise LayoutSpecError(f"{path}: page.orientation: use portrait or landscape, not {orientation!r}")
    return (h, w) if orientation == "landscape" else (w, h)


def _margins(path: Path, value: Any) -> tuple[float, float, float, float]:
    if isinstance(value, dict):
        return tuple(_num(path, f"margins.{k}", value.get(k)) for k in ("top", "right", "bottom", "left"))  # type: ignore[return-value]
    m = _num(path, "margins", value)
    return (m, m, m, m)


def _rows(path: Path, raw: Any, columns: int) -> tuple[Row, ...]:
    if not isinstance(raw, list) or not raw:
        raise LayoutSpecError(f"{path}: rows: expected a list of rows")
    rows = []
    for i, row in enumerate(raw):
        where = f"rows[{i}]"
        if not isinstance(row, dict):
            raise LayoutSpecError(f"{path}: {where}: expected a mapping with height and areas")
        height = row.get("height", "auto")
        if height not in ("auto", "fill"):
            height = _num(path, f"{where}.height", height, 1)
        listed = row.get("areas") or []
        if not isinstance(listed, list):
            raise LayoutSpecError(f"{path}: {where}.areas: expected a list of areas, got {listed!r}")
        areas = []
        for j, area in enumerate(listed):
            at = f"{where}.areas[{j}]"
            if not isinstance(area, dict):
                raise LayoutSpecError(f"{path}: {at}: expected a mapping with component (or components) and columns")
            entries = area.get("components", [area.get("component")])
            if not isinstance(entries, list) or not entries:
                raise LayoutSpecError(f"{path}: {at}.components: expected a list of component names")
            stack = tuple(tuple(e) if isinstance(e, list) else (e,) for e in entries)
            for name in (n for entry in stack for n in entry):
                if not isinstance(name, str) or name not in COMPONENTS:
                    raise LayoutSpecError(
                        f"{path}: {at}.component: unknown component {name!r}; use one of {', '.join(COMPONENTS)}"
                    )
            span = int(_num(path, f"{at}.columns", area.get("columns", columns), 1))
            areas.append(Area(stack, span))
        if sum(a.span for a in areas) > columns:
            raise LayoutSpecError(
                f"{path}: {where}: areas span {sum(a.span for a in areas)} columns, the grid has {columns}"
            )
        rows.append(Row(height, tuple(areas)))
    return tuple(rows)


def _build(raw: dict[str, Any], path: Path) -> LayoutSpec:
    width, height = _page(path, raw)
    top, right, bottom, left = _margins(path, raw.get("margins", 40))
    grid = _mapping(path, "grid", raw.get("grid"))
    columns = int(_num(path, "grid.columns", grid.get("columns", 12), 1))
    min_text = _num(path, "min_text_pt", raw.get("min_text_pt", 14), 1)
    scale = []
    for role, value in _mapping(path, "type_scale", raw.get("type_scale")).items():
        if not (isinstance(value, list) and len(value) == 2):
            raise LayoutSpecError(f"{path}: type_scale.{role}: expected [size, minimum] in pt")
        size, minimum = (_num(path, f"type_scale.{role}", v, 1) for v in value)
        if minimum < min_text:
            raise LayoutSpecError(
                f"{path}: type_scale.{role}: its minimum {minimum:g} pt is below the layout's "
                f"min_text_pt ({min_text:g} pt); raise it or lower min_text_pt"
            )
        scale.append((str(role), TypeSize(size, min(size, minimum))))
    measures = []
    for comp, values in _mapping(path, "measures", raw.get("measures")).items():
        for key, value in _mapping(path, f"measures.{comp}", values).items():
            measures.append((f"{comp}.{key}", _num(path, f"measures.{comp}.{key}", value)))
    spec = LayoutSpec(
        name=str(raw.get("name", path.stem)),
        width_mm=width,
        height_mm=height,
        margin_top=top,
        margin_right=right,
        margin_bottom=bottom,
        margin_left=left,
        columns=columns,
        column_gap=_num(path, "grid.column_gap", grid.get("column_gap", 10)),
        row_gap=_num(path, "grid.row_gap", grid.get("row_gap", 16)),
        rows=_rows(path, raw.get("rows"), columns),
        type_scale=tuple(scale),
        measures=tuple(measures),
        min_text_pt=min_text,
        scale=_num(path, "scale", raw.get("scale", 1), 0.05),
    )
    _check_complete(spec, path)
    return spec


def _check_complete(spec: LayoutSpec, path: Path) -> None:
    """Every type role and measure the components use is there (a layout of its own usually `extends`)."""
    roles = {role for role, _ in spec.type_scale}
    measures = {key for key, _ in spec.measures}
    missing = [f"type_scale.{r}" for r in ROLE_FACES if r not in roles]
    missing += [f"measures.{m}" for m in REQUIRED_MEASURES if m not in measures]
    if missing:
        raise LayoutSpecError(
            f"{path}: missing {', '.join(missing)}; give them, or start the file with `extends: a0-portrait` "
            "to take everything you leave out from the default layout"
        )
