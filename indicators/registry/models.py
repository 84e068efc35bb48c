"""Registry records: documents, indicators (measured series) and targets.

Three kinds of record are kept apart because one measured series carries
several targets from several documents and regions.  All models are frozen and
forbid unknown fields, so a typo in the YAML is an error, not a silent default.
"""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

Level = Literal["national", "municipal"]
DocumentKind = Literal["plan", "outline", "action_plan", "law", "rule"]
Direction = Literal["higher", "lower"]
Category = Literal[
    "creation",
    "use",
    "protection",
    "management_service",
    "environment_talent",
    "international",
]
Comparator = Literal[">=", "<=", "==", "range", "coverage", "increase"]
TargetKind = Literal["level", "annual", "cumulative"]
PathShape = Literal["linear", "geometric"]
Attribute = Literal["预期性", "约束性"]
Source = Literal["text", "outside_text"]

RECORD_ID_PATTERN = r"^[a-z][a-z0-9_]*$"

# Chinese magnitude prefixes a target may write before the indicator's unit.
MAGNITUDE_PREFIXES = {"万": 1e4, "亿": 1e8, "万亿": 1e12, "千": 1e3, "百": 1e2}


def unit_factor(written_unit: str, base_unit: str) -> float:
    """How many base units one written unit holds: unit_factor('万件', '件') == 10000.

    Raises ValueError when the two units are not a magnitude apart.
    """
    for prefix, factor in sorted(MAGNITUDE_PREFIXES.items(), key=lambda kv: -len(kv[0])):
        if written_unit == prefix + base_unit:
            return factor
        if base_unit.startswith(prefix) and written_unit == base_unit[len(prefix):]:
            return 1 / factor
        for other, other_factor in MAGNITUDE_PREFIXES.items():
            if written_unit == prefix + base_unit[len(other):] and base_unit.startswith(other):
                return factor / other_factor
    raise ValueError(f"unit: '{written_unit}' is not a magnitude of '{base_unit}'")


def is_magnitude_of(written_unit: str, base_unit: str) -> bool:
    """Whether the written unit is the base unit or a magnitude of it ('万件' of '件')."""
    if written_unit == base_unit:
        return True
    try:
        unit_factor(written_unit, base_unit)
    except ValueError:
        return False
    return True


class Record(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid", str_strip_whitespace=True)


class Document(Record):
    id: str = Field(pattern=RECORD_ID_PATTERN)
    title_zh: str = Field(min_length=1)
    title_en: str = Field(min_length=1)
    issuer: str = Field(min_length=1)
    doc_number: str | None = None
    date: dt.date | None = None
    period_start: int | None = None
    period_end: int | None = None
    level: Level
    kind: DocumentKind
    region: str
    seed_first_line: int | None = Field(default=None, ge=1)
    notes: str = ""

    @model_validator(mode="after")
    def _period_in_order(self) -> Document:
        if (self.period_start is None) != (self.period_end is None):
            raise ValueError("period_start and period_end go together")
        if self.period_start is not None and self.period_end < self.period_start:
            raise ValueError(
                f"period_end {self.period_end} is before period_start {self.period_start}"
            )
        return self


class Indicator(Record):
    id: str = Field(pattern=RECORD_ID_PATTERN)
    name_zh: str = Field(min_length=1)
    name_en: str = Field(min_length=1)
    unit: str = Field(min_length=1)
    # `definition` is the documents' own (Chinese) wording, empty when they give none;
    # definition_en says in English what the series counts, from that wording, the name
    # and the quote (the English UI shows it; never a statistic the documents lack).
    definition: str = ""
    definition_en: str = ""
    direction: Direction = "higher"
    category: Category
    aliases: tuple[str, ...] = ()
    notes: str = ""

    @property
    def is_percentage(self) -> bool:
        return self.unit == "%"


class Baseline(Record):
    year: int = Field(ge=1949, le=2100)
    value: float


class Target(Record):
    id: str = Field(pattern=RECORD_ID_PATTERN)
    indicator: str
    region: str
    document: str
    section: str = Field(min_length=1)
    quote: str = Field(min_length=1)
    line: int | None = Field(default=None, ge=1)
    source: Source = "text"
    verified: bool = True
    baseline: Baseline | None = None
    target_year: int = Field(ge=1949, le=2100)
    target_value: float | None = None
    target_low: float | None = None
    target_high: float | None = None
    # The unit as the text writes it for this target, when it differs from the
    # indicator's unit (national 海外发明专利授权量 is in 万件, Chongqing's in 件).
    unit: str | None = None
    # Words in the quote that carry the number when it is not written in
    # digits, e.g. "万亿元" for 1 万亿元.
    value_text: str | None = None
    comparator: Comparator
    kind: TargetKind
    path: PathShape = "linear"
    attribute: Attribute | None = None
    secondary_of: str | None = None
    # No longer applies: kept in the registry's history, left out of reports from this date.
    retired_from: dt.date | None = None
    notes: str = ""

    @model_validator(mode="after")
    def _consistent(self) -> Target:
        # Each rule names its field first so the loader can point at it.
        if self.baseline is not None and self.target_year < self.baseline.year:
            raise ValueError(
                f"target_year: {self.target_year} is before the baseline year "
                f"{self.baseline.year}"
            )
        if self.source == "text" and self.line is None:
            raise ValueError("line: a target quoted from the text needs its line number")
        self._check_values()
        if self.path == "geometric" and self.kind == "cumulative":
            raise ValueError("path: a cumulative target's planned path is linear")
        return self

    def _check_values(self) -> None:
        if self.comparator == "range":
            if self.target_low is None or self.target_high is None:
                raise ValueError("target_low: a range target needs target_low and target_high")
            if self.target_low > self.target_high:
                raise ValueError(
                    f"target_low: {self.target_low} is above target_high {self.target_high}"
                )
            if self.target_value is not None:
                raise ValueError("target_value: a range target uses target_low/target_high")
            return
        if self.target_low is not None or self.target_high is not None:
            raise ValueError("target_low: only a range target has low and high bounds")
        if self.comparator == "increase":
            if self.target_value is not None:
                raise ValueError("target_value: an 'increase' target has no number")
            return
        if self.target_value is None:
            raise ValueError(f"target_value: a '{self.comparator}' target needs a value")
        if self.comparator == "coverage" and self.target_value != 100:
            raise ValueError(
                f"target_value: a coverage target means 100 (%), not {self.target_value:g}"
            )

    def scale_to(self, indicator_unit: str) -> float:
        """Factor that turns this target's numbers into the indicator's unit."""
        if self.unit is None or self.unit == indicator_unit:
            return 1.0
        return unit_factor(self.unit, indicator_unit)

    @property
    def goal_value(self) -> float | None:
        """The number achievement is judged against (the low bound of a range)."""
        if self.comparator == "range":
            return self.target_low
        return self.target_value
