"""Content stage: the content format as data - every section and field - and its JSON Schema.

The loader validates with these definitions and `poster schema` prints them as
JSON Schema (draft-07, what the VS Code YAML extension reads), so the editor's
hints and the loader's errors cannot drift apart.
"""

from __future__ import annotations

from poster.content.fields import (
    Bool,
    Choice,
    ColorKind,
    DateKind,
    Email,
    Id,
    IdList,
    Integer,
    Level,
    Measure,
    TextKind,
)
from poster.content.filefields import FontKind, LogoKind
from poster.content.model import Status
from poster.content.statuses import DUTCH, STATUS_WORDS
from poster.content.validate import Field, ListOf, Obj

TEXT, ID, DATE, COLOR = TextKind(), Id(), DateKind(), ColorKind()
STATUSES = tuple(s.value for s in Status)
PROGRESS = Integer(0, 100, unit="%", noun="progress")  # PROGRESS.read is also how the progress commands read it
STATUS = Choice(
    STATUSES, "status", aliases={word: s.value for word, s in STATUS_WORDS.items()}, also="or: " + ", ".join(DUTCH)
)

CONTACT = Obj(
    [
        Field("name", TEXT, "name of the contact person"),
        Field("role", TEXT, "their role or team"),
        Field("email", Email(), "e-mail address"),
        Field("phone", TEXT, "phone number"),
    ]
)

META = Obj(
    [
        Field("organisation", TEXT, "the organisation, e.g. Gemeente Meierijstad", required=True),
        Field("title", TEXT, "the poster's title, e.g. Routekaart datagedreven werken", required=True),
        Field("subtitle", TEXT, "a line under the title"),
        Field("language", Choice(("nl", "en"), "language"), "language of the poster's own labels: nl (default) or en"),
        Field("version", TEXT, 'version printed in the footer, e.g. "2.1" (quote it to keep 2.10 as written)'),
        Field("as_of", DATE, "reporting date (peildatum): places the 'we are here' marker; default: the build date"),
        Field("logo", LogoKind(), "logo file (SVG or PNG) relative to the content folder, e.g. assets/logo.svg"),
        Field("contact", CONTACT, "contact person printed on the poster"),
    ]
)

AMBITION = Obj(
    [
        Field("title", TEXT, "the ambition in a few words", required=True),
        Field("text", TEXT, "one or two sentences"),
    ]
)

VISION = Obj(
    [
        Field("statement", TEXT, "the vision statement", required=True),
        Field(
            "ambitions",
            ListOf(AMBITION, "ambition", 2, 6),
            "2 to 6 ambitions, each a title and a short text",
            required=True,
        ),
        Field("benefits", ListOf(TEXT, "benefit"), "what it brings (wat levert het op): short texts"),
        Field("preconditions", ListOf(TEXT, "precondition"), "preconditions (randvoorwaarden): short texts"),
    ]
)

DIMENSION = Obj(
    [
        Field("id", ID, "id used by strategy.pillars[].dimensions, one word", required=True),
        Field("name", TEXT, "name shown on the poster", required=True),
        Field(
            "current", Level(), "current level, 1 to the number of scale levels; halves allowed (2.5)", required=True
        ),
        Field("target", Level(), "desired level at the horizon; halves allowed", required=True),
        Field("note", TEXT, "a one-line remark"),
    ]
)

BASELINE = Obj(
    [
        Field("measured", DATE, "when the baseline was measured, e.g. 2024-03", required=True),
        Field("horizon", Integer(1, 50, noun="horizon"), "years until the desired situation, e.g. 5", required=True),
        Field("scale", ListOf(TEXT, "level name", 2, 10), "names of the levels, level 1 first", required=True),
        Field("dimensions", ListOf(DIMENSION, "dimension", 3, 12), "3 to 12 dimensions measured", required=True),
    ]
)

PILLAR = Obj(
    [
        Field("id", ID, "id used by plan.steps[].pillar, one word", required=True),
        Field("name", TEXT, "name of the pillar (spoor), shown as the lane title", required=True),
        Field("goal", TEXT, "what this pillar achieves"),
        Field("dimensions", IdList(), "baseline dimension ids this pillar improves"),
        Field("color", COLOR, 'lane colour, quoted: "#0B7A75"; default from the theme'),
    ]
)

STRATEGY = Obj(
    [
        Field("intro", TEXT, "a paragraph introducing the approach"),
        Field("pillars", ListOf(PILLAR, "pillar", 2, 8), "2 to 8 pillars; each is a lane of the plan", required=True),
    ]
)

STEP = Obj(
    [
        Field("id", ID, "id used by depends_on and results[].step, one word", required=True),
        Field("title", TEXT, "what the step delivers, shown on its bar", required=True),
        Field("pillar", ID, "the id of the strategy pillar (lane) it belongs to", required=True),
        Field("start", DATE, "first period of the step, e.g. 2025-Q1", required=True),
        Field("end", DATE, "last period of the step, e.g. 2025-Q3", required=True),
        Field(
            "status",
            STATUS,
            "one of " + ", ".join(STATUSES) + " (default planned); the Dutch words " + ", ".join(DUTCH) + " work too",
        ),
        Field("progress", PROGRESS, "percent done, 0-100; default 100 when done, else 0"),
        Field("owner", TEXT, "who carries it out"),
        Field("depends_on", IdList(), "ids of steps that must come first"),
        Field("description", TEXT, "a short explanation"),
    ]
)

MILESTONE = Obj(
    [
        Field("id", ID, "a unique id, one word", required=True),
        Field("title", TEXT, "what happens", required=True),
        Field("date", DATE, "when, e.g. 2025-06-12 or 2025-Q2", required=True),
        Field("done", Bool(), "true when it has happened"),
    ]
)

PLAN = Obj(
    [
        Field("start", DATE, "first period shown, e.g. 2025-01", required=True),
        Field("end", DATE, "last period shown, e.g. 2027-12", required=True),
        Field("steps", ListOf(STEP, "step"), "the steps, in the order they are listed on the poster", required=True),
        Field("milestones", ListOf(MILESTONE, "milestone"), "moments on the timeline"),
    ]
)

RESULT = Obj(
    [
        Field("title", TEXT, "the result achieved", required=True),
        Field("date", DATE, "when it was achieved"),
        Field("step", ID, "the id of the step it came from"),
    ]
)

QUOTE = Obj(
    [
        Field("text", TEXT, "the quote, without quotation marks", required=True),
        Field("source", TEXT, "who said it"),
    ]
)

COLORS = Obj(
    [
        Field("primary", COLOR, 'main house colour, e.g. "#1F3A5F"'),
        Field("accent", COLOR, "accent colour for highlights"),
        Field("background", COLOR, "page background"),
        Field("text", COLOR, "body text colour"),
        Field("muted", COLOR, "secondary text; default derived from text and background"),
        Field("surface", COLOR, "card background; default derived from primary and background"),
        Field("pillars", ListOf(COLOR, "colour"), "palette for pillars without their own colour"),
    ]
)

FONTS = Obj(
    [
        Field("heading", FontKind(), "font for headings: a shipped family or a .ttf file in the content folder"),
        Field("body", FontKind(), "font for text: a shipped family or a .ttf file in the content folder"),
    ]
)

LOGO = Obj(
    [
        Field("position", Choice(("left", "right"), "logo position"), "left or right of the title (default right)"),
        Field("height", Measure(200), "logo height in mm; default: the layout decides"),
    ]
)

THEME = Obj(
    [
        Field("colors", COLORS, 'house colours (quote each: "#1F3A5F", or cmyk(c, m, y, k) in percent)'),
        Field("fonts", FONTS, "fonts for headings and body text"),
        Field("logo", LOGO, "placement of meta.logo"),
    ]
)

SECTIONS: dict[str, Field] = {
    f.name: f
    for f in [
        Field("meta", META, "organisation, title, language, version, reporting date, logo, contact", required=True),
        Field("vision", VISION, "the vision statement, ambitions, benefits, preconditions", required=True),
        Field("baseline", BASELINE, "the nulmeting: current and desired maturity per dimension"),
        Field("strategy", STRATEGY, "the pillars (sporen) of the strategic approach; the plan's lanes", required=True),
        Field("plan", PLAN, "the stappenplan: period, steps with dates and status, milestones", required=True),
        Field("results", ListOf(RESULT, "result"), "achieved results not tied to one step"),
        Field("quote", QUOTE, "one quote with its source"),
        Field("theme", THEME, "house style: colours, fonts, logo placement"),
    ]
}


def json_schema() -> dict:
    """JSON Schema (draft-07) of one content file.

    No section is required: a roadmap may be split over files, each holding some
    sections; the loader checks that the folder as a whole has them all.
    """
    top = Obj(list(SECTIONS.values())).schema()
    top.pop("required", None)
    return {
        "$schema": "http://json-schema.org/draft-07/schema#",
        "title": "poster content file (format v1)",
        "description": "One YAML file of a poster content folder; see CONTENT-FORMAT.md.",
        **top,
    }
