"""Roadmap models built in code for layout tests and the capacity benchmark.

Two generators:

- `roadmap(...)`: honest, realistic content across the range municipalities
  write - step titles of a chosen length (20-80 characters) as Dutch and
  English roadmaps phrase them (long compounds such as
  "Gegevensbeschermingseffectbeoordeling uitvoeren", acronyms, hyphenated
  words), durations from one quarter to two years, 1-5 years, 2-6 pillars,
  Dutch or English, and the rest of the poster as full as the bundled example or
  sparse. Deterministic for its arguments (the seed included).
- `generated(...)`: the older generator of random-word plans, kept for the
  tests that use it.
"""

from __future__ import annotations

import random
from dataclasses import replace
from datetime import date

from poster.content.model import (
    Ambition,
    Baseline,
    Contact,
    Dimension,
    Language,
    Meta,
    Milestone,
    Period,
    Pillar,
    Plan,
    Quote,
    Result,
    Roadmap,
    Status,
    Step,
    Strategy,
    Vision,
)

WORDS = (
    "data",
    "portaal",
    "dashboards",
    "architectuur",
    "beleid",
    "team",
    "kaarten",
    "inwoners",
    "datawijsheid",
    "governance",
    "privacy",
    "ethiek",
    "normenkader",
    "programma",
    "pilot",
    "gegevensbeschermingseffectbeoordeling",
    "informatiebeveiligingsbeleid",
    "datagedreven",
    "AVG",
    "KPI's",
    "BI-omgeving",
    "opzetten",
    "invoeren",
    "verbeteren",
    "organisatiebreed",
)
# Step titles as a municipality writes them: 20-42 characters.
REALISTIC_TITLES = (
    "Visie op datagedreven werken",
    "Dashboardportaal inrichten",
    "Datastrategie opstellen",
    "Architectuur op orde brengen",
    "Programma datawijsheid",
    "Ethisch normenkader opstellen",
    "Datacatalogus vullen",
    "Eigenaarschap van data beleggen",
    "Algoritmeregister publiceren",
    "Datakwaliteit meten en verbeteren",
    "Leerlijn voor data-analisten",
    "Wijkmonitor voor alle kernen",
    "Selfservice-rapportages voor teams",
    "Open data publiceren",
    "DPIA-werkwijze invoeren",
    "Dataplatform in de cloud",
    "Datacoaches in elk cluster",
    "KPI's in de P&C-cyclus",
    "Bronsystemen aansluiten",
    "Pilot voorspellende analyses",
    "Evaluatie en bijsturing",
    "Functieprofielen aanpassen",
    "Informatiebeveiliging toetsen",
    "Datagedreven begroting",
)
DIMENSION_NAMES = (
    "Leiderschap",
    "Cultuur",
    "Datawijsheid",
    "Governance",
    "Privacy & AVG",
    "Ethiek",
    "Architectuur",
    "Datakwaliteit",
    "Dashboards",
    "Samenwerking",
    "Informatiebeveiliging",
    "Open data",
)
PILLAR_NAMES = (
    "Leiderschap & sturing",
    "Mensen & datawijsheid",
    "Governance & ethiek",
    "Data & architectuur",
    "Toepassingen & inzicht",
    "Samenwerking in de regio",
    "Informatiebeveiliging",
    "Open overheid",
)
STATUSES = (Status.DONE, Status.IN_PROGRESS, Status.PLANNED, Status.DELAYED, Status.ON_HOLD, Status.CANCELLED)


def title(rng: random.Random, words: int) -> str:
    text = " ".join(rng.choice(WORDS) for _ in range(words))
    return text[0].upper() + text[1:]


def generated(
    n_steps: int,
    n_pillars: int,
    years: int,
    n_dims: int = 6,
    seed: int = 0,
    title_words: tuple[int, int] = (2, 5),
    realistic: bool = False,
    start_month: int = 1,
    end_month: int = 12,
) -> Roadmap:
    """A roadmap with n_steps spread over n_pillars lanes and `years` years, as_of in the middle.

    Titles are random words (long compounds included), or with `realistic`
    titles like those of a real stappenplan.
    """
    rng = random.Random(seed)
    first_year = 2025
    dims = tuple(
        Dimension(
            f"d{i}",
            DIMENSION_NAMES[i] if realistic else title(rng, rng.randint(1, 2)),
            rng.choice((1, 1.5, 2, 2.5)),
            rng.choice((3, 3.5, 4)),
        )
        for i in range(n_dims)
    )
    pillars = tuple(
        Pillar(
            f"p{i}",
            PILLAR_NAMES[i] if realistic else title(rng, rng.randint(1, 3)),
            goal=("Data helpt teams om beter te besluiten." if realistic else title(rng, rng.randint(5, 12)) + "."),
            dimensions=dims[i % n_dims : i % n_dims + 1],
        )
        for i in range(n_pillars)
    )
    quarters = years * 4
    steps = []
    for i in range(n_steps):
        q0 = rng.randrange(quarters)
        q1 = min(quarters - 1, q0 + rng.randint(0, 3))
        status = rng.choice(STATUSES)
        progress = (
            100
            if status is Status.DONE
            else (rng.randint(10, 90) if status in (Status.IN_PROGRESS, Status.DELAYED) else 0)
        )
        deps = (steps[rng.randrange(len(steps))],) if steps and rng.random() < 0.2 else ()
        name = rng.choice(REALISTIC_TITLES) if realistic else title(rng, rng.randint(*title_words))
        steps.append(
            Step(
                f"s{i}",
                name,
                pillars[i % n_pillars],
                Period.quarter(first_year + q0 // 4, q0 % 4 + 1),
                Period.quarter(first_year + q1 // 4, q1 % 4 + 1),
                status,
                progress,
                depends_on=deps,
            )
        )
    last_year = first_year + years - 1
    milestones = tuple(
        Milestone(f"m{i}", title(rng, rng.randint(2, 4)), Period.quarter(first_year + i % years, 2 + i % 3), done=i < 2)
        for i in range(min(years + 1, 5))
    )
    return Roadmap(
        meta=Meta(
            "Gemeente Voorbeeld",
            "Routekaart datagedreven werken",
            as_of=date(first_year + years // 2, 6, 1),
            subtitle="Gegenereerd voor tests",
            version="1.0",
        ),
        vision=Vision(
            title(rng, 14) + ".",
            tuple(Ambition(title(rng, 2), title(rng, 10)) for _ in range(4)),
            benefits=("Betere besluiten", "Minder dubbel werk"),
            preconditions=("AVG op orde",),
        ),
        strategy=Strategy(pillars),
        plan=Plan(Period.month(first_year, start_month), Period.month(last_year, end_month), tuple(steps), milestones),
        baseline=Baseline(
            Period.month(2024, 3), 5, ("Startend", "Ontwikkelend", "Toepassend", "Sturend", "Transformerend"), dims
        ),
        results=(
            Result("Portaal met alle dashboards opgeleverd", Period.month(first_year, 9), steps[0] if steps else None),
        ),
        quote=Quote("Datagedreven werken leeft nu in de organisatie.", "Gemeente Voorbeeld"),
    )


# --- The honest generator -------------------------------------------------------------------------------------
#
# Step titles are built the way municipal roadmaps phrase them: a subject (often one long compound, an acronym
# or a hyphenated word), zero to three qualifying phrases, and in Dutch usually an infinitive at the end
# ("Gegevensbeschermingseffectbeoordeling uitvoeren"); in English a verb first ("Carry out ..."). Some titles
# are a bare noun phrase ("Portfoliomanagement voor informatievoorzieningsprojecten") or a pilot.

_NL = {
    "subjects": (
        "Portfoliomanagement",
        "Gegevensbeschermingseffectbeoordeling",
        "Informatiebeveiligingsbeleid",
        "Datagovernance",
        "Datakwaliteitsmonitor",
        "Dashboard sociaal domein",
        "Wijkmonitor",
        "Algoritmeregister",
        "Verwerkingsregister",
        "Datacatalogus",
        "Centraal dataplatform",
        "Kpi-set",
        "BI-omgeving",
        "Zaakgericht werken",
        "Leerlijn data-analyse",
        "Ethisch normenkader",
        "Privacy by design",
        "DPIA-werkwijze",
        "Datastrategie",
        "Informatievoorzieningsplan",
        "Basisregistratie Adressen en Gebouwen",
        "Common Ground-architectuur",
        "Managementinformatie",
        "Datageletterdheidsprogramma",
        "Eigenaarschap van kerngegevens",
        "Metadatabeheer",
        "Open data-beleid",
        "Risicogestuurd toezicht",
        "Omgevingswetdataketen",
        "Datawarehouse",
        "Masterdatamanagement",
        "Archiveringsvoorzieningen",
        "Informatiebeheerplan",
        "AVG-verwerkingsovereenkomsten",
        "Datagedreven begroting",
        "Datacoachnetwerk",
        "Functieprofielen",
        "Klantcontactanalyse",
        "Rapportagestraat",
        "ICT-kwaliteitsnormen",
        "Kerngegevensbeheer",
        "BRP-koppelingen",
        "Raadsinformatievoorziening",
        "Onderhoudsvoorspelling openbare ruimte",
    ),
    "phrases": (
        "voor informatievoorzieningsprojecten",
        "voor het sociaal domein",
        "met ketenpartners",
        "in alle clusters",
        "in de P&C-cyclus",
        "voor inwoners en ondernemers",
        "binnen de hele organisatie",
        "op basis van de nulmeting",
        "conform de AVG",
        "voor de Omgevingswet",
        "in samenwerking met de regio",
        "voor bestuur en directie",
        "per kern en wijk",
        "in het datawarehouse",
        "via het dataplatform",
        "(fase 2)",
        "(pilot)",
        "gemeentebreed",
        "met de I&A-adviseurs",
        "voor alle teams",
        "rond de begroting",
        "in de Sociale Dienst",
        "samen met de buurgemeenten",
        "voor Veiligheid en Handhaving",
        "op het intranet",
    ),
    "verbs": (
        "uitvoeren",
        "opstellen",
        "inrichten",
        "vaststellen",
        "invoeren",
        "borgen",
        "evalueren",
        "uitrollen",
        "opschalen",
        "verkennen",
        "aanbesteden",
        "implementeren",
        "publiceren",
        "ontwikkelen",
        "actualiseren",
        "toetsen",
        "koppelen",
        "professionaliseren",
        "verankeren",
    ),
    "pilot": "Pilot",
}
_EN = {
    "subjects": (
        "portfolio management",
        "data protection impact assessments (DPIA)",
        "the information security policy",
        "data governance",
        "the data quality monitor",
        "the social care dashboard",
        "the neighbourhood monitor",
        "the algorithm register",
        "the record of processing activities",
        "the data catalogue",
        "a central data platform",
        "the KPI set",
        "the BI environment",
        "case management",
        "a learning path for analysts",
        "the ethical framework",
        "privacy by design",
        "the data strategy",
        "the information management plan",
        "the address and building register",
        "a Common Ground architecture",
        "management information",
        "the data literacy programme",
        "ownership of core data",
        "the open data policy",
        "risk-based supervision",
        "the data warehouse",
        "master data management",
        "data-sharing agreements",
        "a data-driven budget",
        "a network of data coaches",
        "job profiles",
        "customer contact analytics",
        "predictive road maintenance",
        "council information services",
        "ICT quality standards",
    ),
    "phrases": (
        "for information projects",
        "for the social domain",
        "with chain partners",
        "in all departments",
        "in the planning and control cycle",
        "for residents and businesses",
        "across the organisation",
        "based on the baseline",
        "in line with the GDPR",
        "for the Environment Act",
        "with neighbouring councils",
        "for the board and management",
        "per district and village",
        "in the data warehouse",
        "on the data platform",
        "(phase 2)",
        "(pilot)",
        "council-wide",
        "with the BI team",
        "for every team",
        "around the budget",
        "in Adult Social Care",
        "on the intranet",
    ),
    "verbs": (
        "Carry out",
        "Draw up",
        "Set up",
        "Adopt",
        "Introduce",
        "Roll out",
        "Scale up",
        "Explore",
        "Procure",
        "Implement",
        "Publish",
        "Develop",
        "Update",
        "Assess",
        "Connect",
        "Embed",
        "Evaluate",
        "Professionalise",
    ),
    "pilot": "Pilot of",
}

# Durations in quarters, weighted as roadmaps have them: mostly one to four quarters, a few up to two years.
_DURATIONS = ((1, 18), (2, 28), (3, 20), (4, 16), (5, 6), (6, 6), (7, 3), (8, 3))

_TEXTS = {
    "nl": {
        "organisations": (
            "Gemeente Dommelvliet",
            "Gemeente Heuvelrand",
            "Gemeente Maasoever",
            "Gemeente Kempenhof",
            "Gemeente Lingewaard-Oost",
            "Gemeente Westerkwartier-Zuid",
        ),
        "title": "Routekaart datagedreven werken",
        "subtitle": "Van nulmeting naar een datagedreven organisatie",
        "statement_full": (
            "{org} zet data optimaal in om bij te dragen aan de organisatiedoelen en om "
            "maatschappelijke meerwaarde te creëren voor inwoners, ondernemers en partners."
        ),
        "statement_sparse": "We gebruiken data om betere besluiten te nemen voor onze inwoners.",
        "ambitions": (
            (
                "Datagedreven cultuur",
                "Alle teams gebruiken data vanzelfsprekend in hun dagelijkse werk en bij besluiten.",
            ),
            (
                "Meerwaarde voor inwoners",
                "Data helpt ons inwoners en ondernemers in alle kernen beter van dienst te zijn.",
            ),
            (
                "Sturen op informatie",
                "Directie en college sturen op actuele, betrouwbare informatie over doelen en effecten.",
            ),
            (
                "Datawijze medewerkers",
                "Medewerkers weten welke data er is, kunnen die lezen en gebruiken die met vertrouwen.",
            ),
            (
                "Verantwoord en ethisch",
                "We voldoen aan de AVG en wegen de ethische kant van elk datagebruik zorgvuldig af.",
            ),
            ("Eén betrouwbare basis", "Data is vindbaar, van goede kwaliteit en veilig beschikbaar."),
        ),
        "benefits": (
            "Beleid en besluiten beter onderbouwd",
            "Alle informatie vindbaar op één plek",
            "Eerder zicht op knelpunten in kernen en wijken",
            "Betere dienstverlening aan inwoners",
            "Minder handwerk en dubbel werk",
        ),
        "preconditions": (
            "Voldoen aan de AVG en informatiebeveiliging",
            "Ethische afweging bij elk nieuw datagebruik",
            "Zichtbaar en voorbeeldgevend leiderschap",
            "Toekomstbestendige informatiearchitectuur",
            "Voldoende capaciteit en budget",
        ),
        "scale": ("Startend", "Ontwikkelend", "Toepassend", "Sturend", "Transformerend"),
        "dimensions": (
            ("Leiderschap & visie", "Visie in ontwikkeling; sturing op data nog incidenteel"),
            ("Datagedreven cultuur", "Data wordt vooral gebruikt om achteraf te verantwoorden"),
            ("Mensen & datawijsheid", "Kennis zit vooral bij enkele specialisten"),
            ("Datagovernance", "Eigenaarschap van data nog niet belegd"),
            ("Privacy & AVG", "Verwerkingsregister op orde, DPIA's nog niet standaard"),
            ("Ethiek", "Nog geen afwegingskader voor algoritmes"),
            ("Techniek & architectuur", "Veel losse bronsystemen zonder koppelingen"),
            ("Datakwaliteit & beheer", "Kwaliteit wisselend en niet gemeten"),
            ("Dashboards & analyses", "Veel losse dashboards, lastig vindbaar"),
        ),
        "pillars": (
            ("Leiderschap & sturing", "Directie en leidinggevenden geven richting en sturen zichtbaar op data."),
            ("Mensen & datawijsheid", "Medewerkers zijn datawijs en gebruiken data met vertrouwen in hun werk."),
            ("Governance, AVG & ethiek", "Data is goed belegd, voldoet aan de AVG en wordt ethisch gebruikt."),
            ("Data & architectuur", "Een toekomstbestendige architectuur met betrouwbare, vindbare data."),
            ("Toepassingen & inzicht", "Dashboards, kaarten en analyses helpen teams betere besluiten te nemen."),
            ("Samenwerking in de regio", "Met buurgemeenten en ketenpartners delen we data en kennis."),
        ),
        "intro": (
            "Samenhangende sporen brengen ons van de nulmeting naar onze ambitie. Techniek is er één van: "
            "leiderschap, mensen en governance wegen even zwaar."
        ),
        "milestones": (
            "Presentatie routekaart aan college",
            "Dashboardportaal live voor iedereen",
            "Evaluatie jaar {n}",
            "Datastrategie vastgesteld door de raad",
            "Herijking routekaart",
            "Tussenrapportage aan de raad",
        ),
        "results": (
            "Alle dashboards en kaarten vindbaar in één portaal",
            "Ontwikkeling datawijsheid gestart",
            "Opstellen ethisch normenkader gestart",
            "Architectuur geoptimaliseerd voor de toekomst",
            "Eigenaarschap van kerngegevens belegd",
            "Eerste datacoaches aan de slag",
        ),
        "quote_full": (
            "Datagedreven werken leeft nu in de organisatie. Collega's zijn ermee bezig en het is onderwerp "
            "van gesprek. Door de routekaart is de voortgang goed inzichtelijk en dat motiveert."
        ),
        "quote_sparse": "Data helpt ons elke dag een beetje beter te worden.",
        "contact": ("Sanne de Vries", "Programmamanager datagedreven werken", "data@voorbeeld.nl"),
    },
    "en": {
        "organisations": (
            "Harrowfield Borough Council",
            "Westmere District Council",
            "Kingsbridge City Council",
            "Ashford Vale Council",
            "North Calder Council",
            "Riverside Metropolitan Borough Council",
        ),
        "title": "Data-driven working roadmap",
        "subtitle": "From baseline to a data-driven organisation",
        "statement_full": (
            "{org} makes the best use of data to help reach its goals and to create public value for "
            "residents, businesses and partners."
        ),
        "statement_sparse": "We use data to make better decisions for our residents.",
        "ambitions": (
            ("Data-driven culture", "Every team uses data as a matter of course in daily work and decisions."),
            ("Value for residents", "Data helps us serve residents and businesses in every district sooner."),
            ("Steering on information", "Management and members steer on current, reliable information."),
            ("Data-literate staff", "Staff know what data there is, can read it and use it with confidence."),
            ("Responsible and ethical", "We comply with the GDPR and weigh the ethics of every use of data."),
            ("One reliable foundation", "Data is findable, of good quality and safely available."),
        ),
        "benefits": (
            "Better-founded policy and decisions",
            "All information in one place",
            "Earlier sight of problems in districts",
            "Better services for residents",
            "Less manual work",
        ),
        "preconditions": (
            "GDPR and information security in order",
            "An ethical review of every new use of data",
            "Visible leadership that sets the example",
            "A future-proof information architecture",
            "Enough capacity and budget",
        ),
        "scale": ("Starting", "Developing", "Applying", "Steering", "Transforming"),
        "dimensions": (
            ("Leadership & vision", "Vision in progress; steering on data is occasional"),
            ("Data-driven culture", "Data mostly used to account for the past"),
            ("People & data literacy", "Knowledge sits with a few specialists"),
            ("Data governance", "Ownership of data not yet assigned"),
            ("Privacy & GDPR", "Processing register in order, DPIAs not yet routine"),
            ("Ethics", "No framework yet for algorithms"),
            ("Technology & architecture", "Many separate source systems"),
            ("Data quality & management", "Quality varies and is not measured"),
            ("Dashboards & analytics", "Many separate dashboards, hard to find"),
        ),
        "pillars": (
            ("Leadership & steering", "Management gives direction and visibly steers on data."),
            ("People & data literacy", "Staff are data-literate and use data with confidence in their work."),
            ("Governance, GDPR & ethics", "Data is owned, complies with the GDPR and is used ethically."),
            ("Data & architecture", "A future-proof architecture with reliable, findable data."),
            ("Applications & insight", "Dashboards, maps and analyses help teams make better decisions."),
            ("Regional cooperation", "We share data and knowledge with neighbouring councils and partners."),
        ),
        "intro": (
            "Connected tracks take us from the baseline to our ambition. Technology is one of them: leadership, "
            "people and governance weigh as much."
        ),
        "milestones": (
            "Roadmap presented to the cabinet",
            "Dashboard portal live for everyone",
            "Review of year {n}",
            "Data strategy adopted by council",
            "Roadmap revised",
            "Interim report to council",
        ),
        "results": (
            "All dashboards and maps findable in one portal",
            "Data literacy programme started",
            "Work on the ethical framework started",
            "Architecture ready for the future",
            "Ownership of core data assigned",
            "First data coaches at work",
        ),
        "quote_full": (
            "Data-driven working is alive in the organisation now. Colleagues are working on it and talking "
            "about it. The roadmap makes our progress visible, and that motivates."
        ),
        "quote_sparse": "Data helps us get a little better every day.",
        "contact": ("Sam Taylor", "Data programme manager", "data@example.gov.uk"),
    },
}

FIRST_YEAR = 2025


def step_title(rng: random.Random, chars: tuple[int, int], language: str = "nl") -> str:
    """A step title of chars[0] to chars[1] characters (inclusive), phrased as a roadmap of that language does."""
    lo, hi = chars
    words = _NL if language == "nl" else _EN
    best, best_miss = "", None
    for _ in range(400):
        subject = rng.choice(words["subjects"])
        phrases = rng.sample(words["phrases"], rng.randint(0, 3))
        kind = rng.random()
        if language == "nl":
            if kind < 0.65:
                parts = [subject, *phrases, rng.choice(words["verbs"])]
            elif kind < 0.9:
                parts = [subject, *(phrases or [rng.choice(words["phrases"])])]
            else:
                parts = [
                    words["pilot"],
                    subject[0].lower() + subject[1:] if subject[1:2].islower() else subject,
                    *phrases,
                ]
        else:
            if kind < 0.8:
                parts = [rng.choice(words["verbs"]), subject, *phrases]
            else:
                parts = [words["pilot"], subject, *phrases]
        text = " ".join(parts)
        text = text[0].upper() + text[1:]
        miss = max(lo - len(text), len(text) - hi, 0)
        if miss == 0:
            return text
        if best_miss is None or miss < best_miss:
            best, best_miss = text, miss
    return best  # the range is narrower than the vocabulary allows: the nearest title found


def _period(year0: int, quarter: int, end: bool, rng: random.Random) -> Period:
    """Quarter `quarter` (0-based from the plan's start), sometimes written as a month or a half year."""
    year, q = year0 + quarter // 4, quarter % 4 + 1
    r = rng.random()
    if r < 0.12:
        return Period.month(year, 3 * (q - 1) + (3 if end else 1))
    if r < 0.18 and q in ((2, 4) if end else (1, 3)):
        return Period.half(year, 1 if q <= 2 else 2)
    return Period.quarter(year, q)


def _status(rng: random.Random, start: date, end: date, as_of: date) -> tuple[Status, int]:
    if end < as_of:
        status = rng.choices((Status.DONE, Status.DELAYED, Status.CANCELLED), (85, 12, 3))[0]
    elif start > as_of:
        status = rng.choices((Status.PLANNED, Status.ON_HOLD, Status.CANCELLED), (92, 5, 3))[0]
    else:
        status = rng.choices((Status.IN_PROGRESS, Status.DELAYED, Status.ON_HOLD), (75, 18, 7))[0]
    progress = {
        Status.DONE: 100,
        Status.IN_PROGRESS: rng.randrange(10, 95, 5),
        Status.DELAYED: rng.randrange(5, 60, 5),
    }.get(status, 0)
    return status, progress


def roadmap(
    *,
    steps: int = 40,
    years: int = 4,
    pillars: int = 4,
    title_chars: tuple[int, int] = (45, 56),
    full: bool = True,
    language: str = "nl",
    seed: int = 0,
    baseline: bool | None = None,
    results: bool | None = None,
    quote: bool | None = None,
    dependencies: float = 0.3,
) -> Roadmap:
    """A realistic roadmap: `steps` steps over `years` years (1-5) in `pillars` lanes (1-6).

    Titles have title_chars[0] to title_chars[1] characters. `full`: the rest
    of the poster as full as the bundled example (5 ambitions with texts,
    benefits, 4 preconditions, 8 baseline dimensions with notes, a strategy
    intro, a long quote, 5 results, milestones); else sparse (3 short
    ambitions, few lists, 5 dimensions without notes, 2 results, a short
    quote). `baseline`, `results`, `quote`: None follows `full` (a full
    poster has them all; a sparse one has each or not, by the seed); True or
    False forces it. `dependencies`: the share of steps that wait for an
    earlier one. The same arguments always give the same roadmap.
    """
    if language not in _TEXTS:
        raise ValueError(f"language {language!r}: nl or en")
    rng = random.Random(f"roadmap:{steps}:{years}:{pillars}:{title_chars}:{full}:{language}:{seed}")
    text = _TEXTS[language]
    quarters = 4 * years
    last_year = FIRST_YEAR + years - 1
    as_of = date(FIRST_YEAR + years // 2, 6 if years % 2 else 1, 14)
    org = rng.choice(text["organisations"])
    if not full:
        baseline = rng.random() < 0.5 if baseline is None else baseline
        results = rng.random() < 0.5 if results is None else results
        quote = rng.random() < 0.5 if quote is None else quote

    n_dims = 8 if full else 5
    dims = tuple(
        Dimension(
            f"dim-{i + 1}",
            name,
            current,
            round(min(current + rng.choice((1.0, 1.5, 2.0, 2.5)), 5.0) * 2) / 2,
            note if full else None,
        )
        for i, (name, note) in enumerate(text["dimensions"][:n_dims])
        for current in (rng.choice((1.0, 1.5, 2.0, 2.5, 3.0)),)
    )
    has_baseline = full if baseline is None else baseline
    lanes = tuple(
        Pillar(
            f"spoor-{i + 1}",
            name if i < len(text["pillars"]) else f"{name} {i + 1}",
            goal=goal if full or rng.random() < 0.5 else None,
            dimensions=tuple(rng.sample(dims, rng.randint(1, 2))) if has_baseline else (),
        )
        for i in range(pillars)
        for name, goal in (text["pillars"][i % len(text["pillars"])],)
    )

    # Steps per lane: every lane gets one (when there are enough), the rest by uneven weights.
    weights = [rng.uniform(0.6, 1.4) for _ in lanes]
    owners = list(range(min(steps, pillars))) + rng.choices(range(pillars), weights, k=max(steps - pillars, 0))
    plan_steps: list[Step] = []
    for lane_index in range(pillars):
        lane = lanes[lane_index]
        count = owners.count(lane_index)
        made: list[Step] = []
        for k in range(count):
            length = min(rng.choices([d for d, _ in _DURATIONS], [w for _, w in _DURATIONS])[0], quarters)
            q0 = rng.randrange(quarters - length + 1)
            q1 = q0 + length - 1
            start, end = _period(FIRST_YEAR, q0, False, rng), _period(FIRST_YEAR, q1, True, rng)
            if end.last < start.first:
                end = Period.quarter(FIRST_YEAR + q1 // 4, q1 % 4 + 1)
            status, progress = _status(rng, start.first, end.last, as_of)
            made.append(
                Step(f"{lane.id}-{k + 1}", step_title(rng, title_chars, language), lane, start, end, status, progress)
            )
        made.sort(key=lambda s: (s.start.first, s.end.last))  # a lane's steps in the file in time order
        plan_steps += made
    plan_steps = _with_dependencies(rng, plan_steps, dependencies)

    n_milestones = min(years + 2, 6) if full else rng.randint(0, 2)
    milestones = tuple(
        Milestone(
            f"mijlpaal-{i + 1}",
            text["milestones"][i % len(text["milestones"])].format(n=i + 1),
            Period.day(date(FIRST_YEAR + i * years // max(n_milestones, 1), 1 + (5 * i) % 12, 10 + i)),
            done=date(FIRST_YEAR + i * years // max(n_milestones, 1), 1 + (5 * i) % 12, 10 + i) < as_of,
        )
        for i in range(n_milestones)
    )
    finished = [s for s in plan_steps if s.status is Status.DONE]
    n_results = (5 if full else 2) if (full if results is None else results) else 0
    result_items = tuple(
        Result(title, (step.end if step else Period.month(FIRST_YEAR, 3 + i)), step)
        for i, title in enumerate(text["results"][:n_results])
        for step in ((finished[i] if i < len(finished) else None),)
    )
    if full:
        vision = Vision(
            text["statement_full"].format(org=org.split(" ", 1)[-1] if language == "nl" else org),
            tuple(Ambition(t, x) for t, x in text["ambitions"][:5]),
            text["benefits"],
            text["preconditions"][:4],
        )
    else:
        vision = Vision(
            text["statement_sparse"],
            tuple(Ambition(t, x if rng.random() < 0.5 else None) for t, x in text["ambitions"][:3]),
            text["benefits"][: rng.randint(0, 2)],
            text["preconditions"][: rng.randint(0, 2)],
        )
    contact = Contact(*text["contact"][:2], email=text["contact"][2]) if full else None
    has_quote = full if quote is None else quote
    return Roadmap(
        meta=Meta(
            org,
            text["title"],
            as_of=as_of,
            language=Language(language),
            subtitle=text["subtitle"] if full else None,
            version="2.1" if full else None,
            contact=contact,
        ),
        vision=vision,
        strategy=Strategy(lanes, intro=text["intro"] if full else None),
        plan=Plan(Period.month(FIRST_YEAR, 1), Period.month(last_year, 12), tuple(plan_steps), milestones),
        baseline=Baseline(Period.month(FIRST_YEAR - 1, 11), 5, text["scale"], dims) if has_baseline else None,
        results=result_items,
        quote=Quote(text["quote_full" if full else "quote_sparse"], org) if has_quote else None,
    )


def _with_dependencies(rng: random.Random, steps: list[Step], share: float) -> list[Step]:
    """`steps` where about `share` of them wait for one or two steps that end before they start.

    Mostly a recent step of the same lane (often the one just before), some
    from another lane. Steps are visited by start date, so a predecessor is
    always already final when it is referred to.
    """
    final: dict[str, Step] = {}
    for step in sorted(steps, key=lambda s: (s.start.first, s.end.last, s.id)):
        earlier = sorted(
            (s for s in final.values() if s.end.last < step.start.first), key=lambda s: s.end.last, reverse=True
        )
        if earlier and rng.random() < share:
            own = [s for s in earlier if s.pillar.id == step.pillar.id]
            pool = (own if own and rng.random() < 0.75 else earlier)[:4]  # the few that ended last
            picked = rng.sample(pool, min(len(pool), rng.choices((1, 2), (80, 20))[0]))
            final[step.id] = replace(step, depends_on=tuple(sorted(picked, key=lambda s: s.id)))
        else:
            final[step.id] = step
    return [final[s.id] for s in steps]


def dependencies_of(roadmap: Roadmap) -> list[tuple[str, str]]:
    """Every (predecessor id, step id) pair of the plan, in file order."""
    return [(d.id, s.id) for s in roadmap.plan.steps for d in s.depends_on]
