"""Layout stage, slide deck: the roadmap as 16:9 slides for a college meeting, each laid out by the poster's engine.

Every content slide is `layout_poster` on a slide layout (layouts/slides/*.yaml,
page 508 x 285.75 mm, no text under 24 pt - see base.yaml for the rule) and
on a roadmap trimmed to what that slide shows, made with dataclasses.replace:
one pillar and its steps for a stappenplan slide, no pillars for the
milestones slide. Nothing in the engine knows about slides.

The order: title, the whole poster, vision, nulmeting, strategy, milestones,
the stappenplan per pillar, results and progress. A section that does not
fit one slide at 24 pt is tried in shorter forms, in this order, and each
shortening is reported as a warning on that slide:

  vision    lists (benefits, preconditions) on a second slide; then ambitions without their texts
  nulmeting without the notes; then the dimensions over several slides
  strategy  pillar cards without linked dimensions; then the pillars over several slides
  pillar    without the legend (a step title too long for one line beside its bar takes two)
  results   results and progress on a slide each
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace

from poster.content.model import Roadmap
from poster.errors import LayoutError
from poster.i18n import Translator
from poster.layout.context import Highlights, HistoryQuarter
from poster.layout.document import Document
from poster.layout.engine import layout_poster
from poster.layout.spec import LayoutSpec, load_layout
from poster.resources import data_dir
from poster.slides.adjust import body_centred, centred_vertically, retitle, stacked, without_section_numbers
from poster.slides.overview import poster_slide


@dataclass(frozen=True)
class Slide:
    key: str  # "title", "poster", "vision", "baseline", "strategy", "milestones", "plan:<pillar id>", "results", ...
    document: Document


def slide_layout(name: str) -> LayoutSpec:
    return load_layout(data_dir("layouts") / "slides" / f"{name}.yaml")


def layout_deck(
    roadmap: Roadmap,
    poster_png: bytes,
    poster_size_mm: tuple[float, float],
    history: tuple[HistoryQuarter, ...] = (),
) -> tuple[Slide, ...]:
    """Every slide of the deck; LayoutError only when a section fits in none of its forms.

    `history`: the quarters of the poster's chart "Voortgang door de tijd"; they get a slide of their own, last.
    """
    t = Translator(roadmap.meta.language)
    slides = [_title(roadmap), Slide("poster", poster_slide(roadmap, slide_layout("base"), poster_png, poster_size_mm))]
    slides += _vision(roadmap, t)
    if roadmap.baseline is not None:
        slides += _baseline(roadmap, t)
    slides += _strategy(roadmap, t)
    if roadmap.plan.milestones:
        slides.append(_milestones(roadmap, t))
    for pillar in roadmap.strategy.pillars:
        if roadmap.steps_of(pillar):
            slides.append(_pillar(roadmap, pillar, t))
    slides += _results(roadmap, t)
    if history and roadmap.plan.steps:
        highlights = Highlights(since=roadmap.meta.as_of, history=history)
        doc = layout_poster(roadmap, slide_layout("progress-history"), highlights=highlights)
        slides.append(Slide("history", without_section_numbers(doc)))
    return tuple(slides)


# -- laying out one slide ------------------------------------------------------


def _lay(roadmap: Roadmap, layout: str) -> Document:
    """The slide as the engine lays it out, without section numbers (LayoutError if it does not fit)."""
    return without_section_numbers(layout_poster(roadmap, slide_layout(layout)))


def _first(attempts: list[tuple[str, Callable[[], Document]]]) -> tuple[str, Document]:
    """The first attempt that lays out: (its note, its Document); the last attempt's LayoutError otherwise."""
    error: LayoutError | None = None
    for note, attempt in attempts:
        try:
            return note, attempt()
        except LayoutError as e:
            error = e
    assert error is not None, "no attempts"
    raise error


def _noted(doc: Document, note: str) -> Document:
    return replace(doc, warnings=doc.warnings + ((note,) if note else ()))


def _titled(doc: Document, title: str, spec_name: str = "base") -> Document:
    spec = slide_layout(spec_name)
    return retitle(doc, title, spec.width_mm - spec.margin_right)


def _chunks(items: tuple, n: int) -> Iterator[tuple]:
    size = -(-len(items) // n)
    for i in range(0, len(items), size):
        yield items[i : i + size]


# -- the slides ------------------------------------------------------------------


def _title(roadmap: Roadmap) -> Slide:
    """The header, the quote under it at a fixed distance, the two centred on the slide together."""
    spec = slide_layout("title")
    top, bottom = spec.margin_top, spec.height_mm - spec.margin_bottom
    head = _lay(roadmap, "title-plain")
    if roadmap.quote is not None:
        try:
            quote = _lay(roadmap, "title-quote")
        except LayoutError:
            quote = None
        if quote is not None:
            both = stacked(head, quote, TITLE_QUOTE_GAP_MM)
            if _fits(both, top, bottom):
                head = both
    return Slide("title", centred_vertically(head, top, bottom))


TITLE_QUOTE_GAP_MM = 30.0


def _fits(doc: Document, top: float, bottom: float) -> bool:
    from poster.slides.adjust import extent

    y0, y1 = extent(doc) or (top, top)
    return y0 >= top - 0.01 and y1 <= bottom + 0.01


def _vision(roadmap: Roadmap, t: Translator) -> list[Slide]:
    v = roadmap.vision
    try:
        return [Slide("vision", _lay(roadmap, "vision"))]
    except LayoutError:
        pass
    main = replace(roadmap, vision=replace(v, benefits=(), preconditions=()))
    brief = replace(main, vision=replace(main.vision, ambitions=tuple(replace(a, text=None) for a in v.ambitions)))
    note, doc = _first(
        [
            ("", lambda: _lay(main, "vision")),
            (
                "slides: the ambitions are shown without their texts (they do not fit one slide at 24 pt)",
                lambda: _lay(brief, "vision"),
            ),
        ]
    )
    slides = [Slide("vision", _noted(doc, note))]
    if v.benefits or v.preconditions:
        # The lists on a slide of their own: the vision without statement and ambitions.
        lists = replace(roadmap, vision=replace(v, statement="", ambitions=()))
        more = _titled(_lay(lists, "vision"), t("slide_continued", title=t("vision")))
        slides.append(Slide("vision:lists", more))
    return slides


def _baseline(roadmap: Roadmap, t: Translator) -> list[Slide]:
    b = roadmap.baseline
    assert b is not None, "a baseline slide is made only when there is a nulmeting"
    plain = replace(b, dimensions=tuple(replace(d, note=None) for d in b.dimensions))
    return _whole_or_lean(
        roadmap,
        "baseline",
        replace(roadmap, baseline=plain),
        "slides: the nulmeting is shown without its notes (they do not fit one slide at 24 pt)",
        plain.dimensions,
        lambda dims: replace(roadmap, baseline=replace(plain, dimensions=dims)),
        t,
    )


def _strategy(roadmap: Roadmap, t: Translator) -> list[Slide]:
    lean = replace(roadmap.strategy, pillars=tuple(replace(p, dimensions=()) for p in roadmap.strategy.pillars))
    return _whole_or_lean(
        roadmap,
        "strategy",
        replace(roadmap, strategy=lean),
        "slides: the pillar cards are shown without their linked dimensions (they do not fit at 24 pt)",
        lean.pillars,
        lambda pillars: replace(roadmap, strategy=replace(lean, pillars=pillars)),
        t,
    )


def _whole_or_lean(
    roadmap: Roadmap, name: str, lean: Roadmap, note: str, items: tuple, variant: Callable, t: Translator
) -> list[Slide]:
    """The section `name` on one slide as it is; else as in `lean` (less detail), saying so in `note`; else its
    `items` spread over several slides (`variant(some)` is the lean roadmap with only those)."""
    try:
        said, doc = _first([("", lambda: _lay(roadmap, name)), (note, lambda: _lay(lean, name))])
        return [Slide(name, _noted(doc, said))]
    except LayoutError:
        pass
    return _spread(roadmap, name, t(name), items, variant, t)


def _spread(roadmap: Roadmap, layout: str, title: str, items: tuple, variant: Callable, t: Translator) -> list[Slide]:
    """A section's list (dimensions, pillars) over 2, 3, ... slides until every part fits."""
    error = None
    for n in range(2, len(items) + 1):
        try:
            docs = [_lay(variant(part), layout) for part in _chunks(items, n)]
        except LayoutError as e:
            error = e
            continue
        out = [Slide(layout, docs[0])]
        out += [
            Slide(f"{layout}:{i}", _titled(d, t("slide_continued", title=title))) for i, d in enumerate(docs[1:], 2)
        ]
        return out
    raise error or LayoutError((f"slides: {layout} does not fit a slide",))


def _milestones(roadmap: Roadmap, t: Translator) -> Slide:
    """The plan's time line with milestones and "we are here", for a roadmap without pillars or steps."""
    bare = replace(
        roadmap, strategy=replace(roadmap.strategy, pillars=(), intro=None), plan=replace(roadmap.plan, steps=())
    )
    spec = slide_layout("milestones")
    doc = body_centred(_lay(bare, "milestones"), spec.height_mm - spec.margin_bottom)
    return Slide("milestones", _titled(doc, f"{t('plan')}: {t('milestones').lower()}"))


def _pillar(roadmap: Roadmap, pillar, t: Translator) -> Slide:
    """The stappenplan of one pillar: its lane alone, titled with its name."""
    from poster.layout.context import make_palette

    # Alone in its roadmap the pillar would take the palette's first colour: keep the poster's.
    own = replace(pillar, color=make_palette(roadmap).pillar(pillar.id))
    steps = roadmap.steps_of(pillar)
    # Dependencies on other pillars' steps have no bar here to point from.
    local = tuple(
        replace(s, pillar=own, depends_on=tuple(d for d in s.depends_on if d.pillar.id == pillar.id)) for s in steps
    )
    only = replace(
        roadmap,
        strategy=replace(roadmap.strategy, pillars=(own,), intro=None),
        plan=replace(roadmap.plan, steps=local, milestones=()),
    )
    doc = _first([("", lambda: _lay(only, "pillar")), ("", lambda: _lay(only, "pillar-plain"))])[1]
    doc = _titled(doc, f"{t('plan')}: {pillar.name}")
    return Slide(f"plan:{pillar.id}", doc)


def _results(roadmap: Roadmap, t: Translator) -> list[Slide]:
    has_results = bool(roadmap.results)
    has_steps = bool(roadmap.plan.steps)
    if has_results and has_steps:
        try:
            return [Slide("results", _lay(roadmap, "results"))]
        except LayoutError:
            pass
    out = []
    if has_results:
        out.append(Slide("results", _lay(roadmap, "results-only")))
    if has_steps:
        out.append(Slide("progress", _lay(roadmap, "progress")))
    return out
