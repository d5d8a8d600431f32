"""Content stage: the typed, frozen model of one roadmap, as the loader returns it.

Everything here is parsed once, by the loader: dates are `Period`s, colours are
`Color`s, statuses are `Status`, and references (a step's pillar, its
dependencies, a result's step, a pillar's dimensions) point at the objects
themselves. Later stages never see a raw string where a value was meant.
"""

from __future__ import annotations

import calendar
import datetime
from dataclasses import dataclass, field
from datetime import date
from enum import Enum
from pathlib import Path


class Language(str, Enum):
    NL = "nl"
    EN = "en"


class PeriodKind(str, Enum):
    DAY = "day"  # 2025-06-12
    MONTH = "month"  # 2025-06
    QUARTER = "quarter"  # 2025-Q2
    HALF = "half"  # 2025-H1
    YEAR = "year"  # 2025


@dataclass(frozen=True, order=True)
class Period:
    """A date as written in the content: a day, month, quarter, half year or year.

    `first` is the first day of the period (its meaning as a start), `last` the
    last day (its meaning as an end). For a day both are the same.
    """

    first: date
    last: date
    kind: PeriodKind
    year: int
    number: int = 0  # month 1-12, quarter 1-4 or half 1-2; 0 for a year or a day

    @classmethod
    def day(cls, d: date) -> Period:
        return cls(d, d, PeriodKind.DAY, d.year, 0)

    @classmethod
    def month(cls, year: int, month: int) -> Period:
        last = calendar.monthrange(year, month)[1]
        return cls(date(year, month, 1), date(year, month, last), PeriodKind.MONTH, year, month)

    @classmethod
    def quarter(cls, year: int, quarter: int) -> Period:
        first_month = 3 * (quarter - 1) + 1
        last_month = first_month + 2
        last = calendar.monthrange(year, last_month)[1]
        return cls(date(year, first_month, 1), date(year, last_month, last), PeriodKind.QUARTER, year, quarter)

    @classmethod
    def half(cls, year: int, half: int) -> Period:
        first_month = 1 if half == 1 else 7
        last = date(year, 6, 30) if half == 1 else date(year, 12, 31)
        return cls(date(year, first_month, 1), last, PeriodKind.HALF, year, half)

    @classmethod
    def whole_year(cls, year: int) -> Period:
        return cls(date(year, 1, 1), date(year, 12, 31), PeriodKind.YEAR, year, 0)

    def __str__(self) -> str:
        """The canonical written form, as the content format spells it."""
        if self.kind is PeriodKind.DAY:
            return self.first.isoformat()
        if self.kind is PeriodKind.MONTH:
            return f"{self.year:04d}-{self.number:02d}"
        if self.kind is PeriodKind.QUARTER:
            return f"{self.year:04d}-Q{self.number}"
        if self.kind is PeriodKind.HALF:
            return f"{self.year:04d}-H{self.number}"
        return f"{self.year:04d}"


@dataclass(frozen=True)
class Color:
    """An sRGB colour (0-255 per channel), optionally with the CMYK values it was given in (0-1)."""

    r: int
    g: int
    b: int
    cmyk: tuple[float, float, float, float] | None = None

    @property
    def hex(self) -> str:
        return f"#{self.r:02X}{self.g:02X}{self.b:02X}"

    @property
    def rgb01(self) -> tuple[float, float, float]:
        return (self.r / 255, self.g / 255, self.b / 255)

    @property
    def luminance(self) -> float:
        """WCAG 2.1 relative luminance."""

        def channel(c: int) -> float:
            s = c / 255
            return s / 12.92 if s <= 0.04045 else ((s + 0.055) / 1.055) ** 2.4

        return 0.2126 * channel(self.r) + 0.7152 * channel(self.g) + 0.0722 * channel(self.b)

    def contrast(self, other: Color) -> float:
        """WCAG 2.1 contrast ratio, 1.0 to 21.0."""
        a, b = sorted((self.luminance, other.luminance), reverse=True)
        return (a + 0.05) / (b + 0.05)

    def mix(self, other: Color, t: float) -> Color:
        """The colour t of the way from self to other (t=0 is self), in sRGB."""
        return Color(
            round(self.r + (other.r - self.r) * t),
            round(self.g + (other.g - self.g) * t),
            round(self.b + (other.b - self.b) * t),
        )

    @classmethod
    def from_hex(cls, text: str) -> Color:
        """Parse '#RRGGBB' or '#RGB'; raises ValueError otherwise."""
        s = text.strip()
        if not s.startswith("#") or len(s) not in (4, 7):
            raise ValueError(f"not a hex colour: {text!r}")
        digits = s[1:]
        if len(digits) == 3:
            digits = "".join(c * 2 for c in digits)
        value = int(digits, 16)
        return cls((value >> 16) & 0xFF, (value >> 8) & 0xFF, value & 0xFF)


class Status(str, Enum):
    PLANNED = "planned"
    IN_PROGRESS = "in_progress"
    DONE = "done"
    DELAYED = "delayed"
    ON_HOLD = "on_hold"
    CANCELLED = "cancelled"

    @property
    def default_progress(self) -> int:
        """Progress a step has when its file gives a status but no progress."""
        return 100 if self is Status.DONE else 0


@dataclass(frozen=True)
class Contact:
    name: str | None = None
    role: str | None = None
    email: str | None = None
    phone: str | None = None


@dataclass(frozen=True)
class Meta:
    organisation: str
    title: str
    as_of: date
    language: Language = Language.NL
    subtitle: str | None = None
    version: str | None = None
    as_of_given: bool = True  # False when as_of defaulted to the build date
    logo: Path | None = None  # absolute path, checked to lie inside the content folder
    contact: Contact | None = None


@dataclass(frozen=True)
class Ambition:
    title: str
    text: str | None = None


@dataclass(frozen=True)
class Vision:
    statement: str
    ambitions: tuple[Ambition, ...] = ()
    benefits: tuple[str, ...] = ()
    preconditions: tuple[str, ...] = ()


@dataclass(frozen=True)
class Dimension:
    id: str
    name: str
    current: float  # 1..len(scale); halves allowed
    target: float
    note: str | None = None


@dataclass(frozen=True)
class Baseline:
    measured: Period
    horizon: int  # years until the desired situation
    scale: tuple[str, ...]  # level names, level 1 first
    dimensions: tuple[Dimension, ...]


@dataclass(frozen=True)
class Pillar:
    id: str
    name: str
    goal: str | None = None
    dimensions: tuple[Dimension, ...] = ()
    color: Color | None = None  # None: the theme's palette decides


@dataclass(frozen=True)
class Strategy:
    pillars: tuple[Pillar, ...]
    intro: str | None = None


@dataclass(frozen=True)
class Step:
    id: str
    title: str
    pillar: Pillar
    start: Period
    end: Period
    status: Status = Status.PLANNED
    progress: int = 0  # 0-100
    owner: str | None = None
    depends_on: tuple[Step, ...] = ()
    description: str | None = None

    @property
    def start_date(self) -> date:
        return self.start.first

    @property
    def end_date(self) -> date:
        return self.end.last

    def is_overdue(self, as_of: date) -> bool:
        """Running or delayed past its end date: the poster marks it."""
        return self.status in (Status.IN_PROGRESS, Status.DELAYED) and self.end_date < as_of


@dataclass(frozen=True)
class Milestone:
    id: str
    title: str
    date: Period
    done: bool = False

    @property
    def day(self) -> datetime.date:  # `date` here is the field above
        """The day the milestone is drawn at: the end of its period (a deadline)."""
        return self.date.last


@dataclass(frozen=True)
class Plan:
    start: Period
    end: Period
    steps: tuple[Step, ...]  # in file order
    milestones: tuple[Milestone, ...] = ()

    @property
    def start_date(self) -> date:
        return self.start.first

    @property
    def end_date(self) -> date:
        return self.end.last


@dataclass(frozen=True)
class Result:
    title: str
    date: Period | None = None
    step: Step | None = None


@dataclass(frozen=True)
class Quote:
    text: str
    source: str | None = None


class LogoPosition(str, Enum):
    LEFT = "left"
    RIGHT = "right"


@dataclass(frozen=True)
class ThemeColors:
    primary: Color
    accent: Color
    background: Color
    text: Color
    muted: Color | None = None  # secondary text; None: derived from text and background
    surface: Color | None = None  # card backgrounds; None: derived from primary and background
    pillars: tuple[Color, ...] = ()  # palette for pillars without their own colour


@dataclass(frozen=True)
class ThemeFonts:
    """A family name shipped in fonts/ ("Fira Sans", "Lato") or a TTF file inside the content folder."""

    heading: str | Path = "Fira Sans"
    body: str | Path = "Fira Sans"


DEFAULT_COLORS = ThemeColors(
    primary=Color(0x1F, 0x3A, 0x5F),
    accent=Color(0xC2, 0x41, 0x0C),
    background=Color(0xFF, 0xFF, 0xFF),
    text=Color(0x1A, 0x1A, 0x1A),
)


@dataclass(frozen=True)
class Theme:
    colors: ThemeColors = DEFAULT_COLORS
    fonts: ThemeFonts = field(default_factory=ThemeFonts)
    logo_position: LogoPosition = LogoPosition.RIGHT
    logo_height_mm: float | None = None  # None: the layout decides


@dataclass(frozen=True)
class Roadmap:
    meta: Meta
    vision: Vision
    strategy: Strategy
    plan: Plan
    baseline: Baseline | None = None
    results: tuple[Result, ...] = ()
    quote: Quote | None = None
    theme: Theme = field(default_factory=Theme)
    source_dir: Path | None = None  # the content folder, absolute

    def steps_of(self, pillar: Pillar) -> tuple[Step, ...]:
        return tuple(s for s in self.plan.steps if s.pillar.id == pillar.id)

    def step(self, step_id: str) -> Step:
        for s in self.plan.steps:
            if s.id == step_id:
                return s
        raise KeyError(step_id)
