"""Content stage: the starter content folder that `poster init` writes.

Comments explain every field in English; the example content is Dutch, as for
the first users. Dates are relative to the year of `today`, so a fresh folder
passes `poster check` without warnings whenever it is created.
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from string import Template

SCHEMA_FILE = "poster.schema.json"
_MODELINE = f"# yaml-language-server: $$schema={SCHEMA_FILE}\n"

POSTER = (
    _MODELINE
    + """\
# poster.yaml - who the poster is for, and its house style.
# Every *.yaml file in this folder is read; each section (meta, vision, ...)
# may be in only one file. Check your edits with:  poster check <this folder>

meta:
  organisation: Gemeente Voorbeeld          # required: printed in the header
  title: Routekaart datagedreven werken     # required: the poster's title
  subtitle: Van plan naar een datagedreven organisatie   # optional line under the title
  language: nl            # labels the poster prints itself: nl (default) or en
  version: "1.0"          # optional, printed in the footer; quote it so 1.10 stays 1.10
  as_of: $today           # reporting date (peildatum): places the "we are here" marker.
                          # Any date form works (see stappenplan.yaml); default: the build date.
  # logo: assets/logo.svg # optional: an SVG or PNG file inside this folder
  contact:                # optional: who to ask about the roadmap
    name: Anna de Vries
    role: Programmamanager datagedreven werken
    email: a.devries@voorbeeld.nl
    phone: 0412 123 456

theme:                    # optional: house style; leave out for the defaults
  colors:                 # quote every colour: an unquoted # starts a comment
    primary: "#1F3A5F"    # "#RRGGBB", "#RGB" or "cmyk(c, m, y, k)" in percent
    accent: "#C2410C"
    background: "#FFFFFF"
    text: "#1A1A1A"
    # muted: "#5A6270"    # secondary text; derived from text and background if left out
    # surface: "#EEF2F7"  # card background; derived from primary and background if left out
    pillars: ["#0B7A75", "#7A4EAB", "#A55C1A"]   # lane colours for pillars without a color
  fonts:
    heading: Fira Sans    # a shipped family (Fira Sans, Lato) or a .ttf file in this folder
    body: Fira Sans
  logo:
    position: right       # left or right of the title
    height: 40            # in mm; leave out to let the layout decide
"""
)

VISIE = (
    _MODELINE
    + """\
# visie.yaml - the vision: where the organisation wants to go.

vision:
  statement: >-           # required: the vision in one or two sentences ('>-' folds the lines)
    Gemeente Voorbeeld zet data optimaal in om bij te dragen aan de
    organisatiedoelen en maatschappelijke meerwaarde te creëren.
  ambitions:              # required: 2 to 6 cards, each a title and a short text
    - title: Datagedreven cultuur
      text: Alle teams gebruiken data in hun dagelijkse werk.
    - title: Betrouwbare data
      text: Data is vindbaar, actueel en van goede kwaliteit.
    - title: Verantwoord gebruik
      text: We gaan ethisch en volgens de AVG om met data.
  benefits:               # optional: what it brings ("wat levert het op"), short texts
    - Betere onderbouwing van beleid en besluiten
    - Minder handwerk en dubbel werk
  preconditions:          # optional: what it needs ("randvoorwaarden"), short texts
    - Draagvlak bij college en directie
    - Tijd en budget voor opleiding

quote:                    # optional: one quote with its source
  text: Datagedreven werken leeft nu in de organisatie.
  source: Directie Gemeente Voorbeeld
"""
)

NULMETING = (
    _MODELINE
    + """\
# nulmeting.yaml - the baseline: where we stand and where we want to be. Optional section.

baseline:
  measured: $measured     # when it was measured: any date form, e.g. 2024-03
  horizon: 5              # years until the desired situation
  scale: [Startend, Ontwikkelend, Toepassend, Sturend, Transformerend]   # level 1 first
  dimensions:             # 3 to 12; levels run from 1 to the number of scale names
    - id: leiderschap     # one word; strategy pillars refer to it
      name: Leiderschap   # shown on the poster
      current: 2          # where we stand; halves allowed (2.5)
      target: 4           # where we want to be at the horizon
      note: Sturen op data wordt vanzelfsprekend   # optional one-liner
    - id: cultuur
      name: Cultuur
      current: 1.5
      target: 4
    - id: mensen
      name: Mensen & datawijsheid
      current: 2
      target: 3.5
    - id: techniek
      name: Techniek & data
      current: 2.5
      target: 4
    - id: governance
      name: Governance, privacy & ethiek
      current: 2
      target: 4
"""
)

STRATEGIE = (
    _MODELINE
    + """\
# strategie.yaml - the strategic approach: its pillars are the lanes of the stappenplan.

strategy:
  intro: >-               # optional paragraph
    We werken langs drie sporen tegelijk: mensen, techniek en governance.
  pillars:                # required: 2 to 8
    - id: mensen          # one word; plan steps name their pillar by this id
      name: Mensen & cultuur
      goal: Medewerkers zijn datawijs en gebruiken data met vertrouwen.
      dimensions: [cultuur, mensen, leiderschap]   # optional: baseline dimension ids it improves
      color: "#0B7A75"    # optional lane colour (quoted); else from theme.colors.pillars
    - id: techniek
      name: Data & techniek
      goal: Een betrouwbaar fundament van data en voorzieningen.
      dimensions: [techniek]
    - id: governance
      name: Governance & ethiek
      goal: Duidelijke afspraken over eigenaarschap, privacy en ethiek.
      dimensions: [governance]
"""
)

STAPPENPLAN = (
    _MODELINE
    + """\
# stappenplan.yaml - the step plan: what happens when, and how far it is.
# Dates: YYYY-MM-DD, YYYY-MM, YYYY-Qn (quarter; YYYY-Kn works too), YYYY-Hn (half year) or YYYY.
# As a start they mean the first day of that period, as an end the last day.

plan:
  start: $y0-01           # required: first month shown
  end: $y2-12             # required: last month shown
  steps:                  # required: one bar each, in its pillar's lane
    - id: architectuur    # one word, unique; used by depends_on and results
      title: Data-architectuur op orde   # required: shown on the bar
      pillar: techniek    # required: a strategy pillar id
      start: $y0-Q1       # required
      end: $y0-Q2         # required
      status: done        # planned (default), in_progress, done, delayed, on_hold or cancelled
      progress: 100       # 0-100; default 100 when done, else 0
      owner: Team Informatievoorziening  # optional
      description: Een toekomstvaste basis voor data en rapportages.   # optional
    - id: portaal
      title: Portaal met alle dashboards en kaarten
      pillar: techniek
      start: $y0-H2
      end: $y1-H1
      status: in_progress
      progress: 30
      depends_on: [architectuur]         # optional: ids of steps that must come first
    - id: datawijsheid
      title: Training datawijsheid voor alle teams
      pillar: mensen
      start: $y0-Q1
      end: $y0-Q4
      status: in_progress
      progress: 50
    - id: ambassadeurs
      title: Netwerk van data-ambassadeurs
      pillar: mensen
      start: $y1-Q1
      end: $y1-Q4
      depends_on: [datawijsheid]
    - id: normenkader
      title: Ethisch normenkader
      pillar: governance
      start: $y0-Q2
      end: $y1-Q1
      status: in_progress
      progress: 20
    - id: eigenaarschap
      title: Rollen en eigenaarschap van data
      pillar: governance
      start: $y1-Q2
      end: $y2-Q2
  milestones:             # optional: moments on the timeline
    - id: college         # one word, unique
      title: Presentatie aan het college
      date: $y0-Q1        # any date form; drawn at the end of the period
      done: true          # optional: true once it happened
    - id: evaluatie
      title: Evaluatie van de routekaart
      date: $y2-12

results:                  # optional: results achieved, shown as a list
  - title: Data-architectuur vernieuwd
    date: $y0-06          # optional
    step: architectuur    # optional: the step it came from
"""
)

FILES = {
    "poster.yaml": POSTER,
    "visie.yaml": VISIE,
    "nulmeting.yaml": NULMETING,
    "strategie.yaml": STRATEGIE,
    "stappenplan.yaml": STAPPENPLAN,
}


def render_template(today: date) -> dict[str, str]:
    """The files of a new content folder, by name, with dates around `today`."""
    y = today.year
    values = {"today": today.isoformat(), "measured": f"{y - 1}-Q4", "y0": str(y), "y1": str(y + 1), "y2": str(y + 2)}
    return {name: Template(text).substitute(values) for name, text in FILES.items()}


def write_template(folder: Path, today: date) -> list[Path]:
    """Write a new content folder (which must not hold files); returns the paths written."""
    from poster.content.schema import json_schema

    folder.mkdir(parents=True, exist_ok=True)
    written = []
    texts = render_template(today)
    texts[SCHEMA_FILE] = json.dumps(json_schema(), indent=2, ensure_ascii=False) + "\n"
    for name, text in texts.items():
        path = folder / name
        with path.open("x", encoding="utf-8") as f:  # "x": never overwrite a file
            f.write(text)
        written.append(path)
    return written
