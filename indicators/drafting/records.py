"""What drafting produces: a Finding inside the package, a Draft for the reviewer.

A Draft is one proposed target with every field the reviewer checks; it is
frozen and forbids unknown fields like the registry's own records.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from indicators.registry import RECORD_ID_PATTERN

DraftComparator = Literal[">=", "<=", "==", "range", "coverage"]
DraftKind = Literal["level", "annual", "cumulative", "unspecified"]
Confidence = Literal["high", "medium", "low"]
YearSource = Literal["sentence", "context", "header", "document", "none"]

# CSV columns, in the order a reviewer reads them.
DRAFT_COLUMNS = (
    "name_zh", "unit", "region", "target_year", "target_value", "target_low", "target_high",
    "comparator", "wording", "kind", "baseline_year", "baseline_value", "attribute", "quote",
    "line", "location", "section", "indicator_id", "confidence", "confidence_reason",
)


@dataclass(frozen=True)
class Finding:
    """A target as the text states it, before the registry is consulted."""

    name: str
    unit: str
    comparator: str
    wording: str
    kind: str
    quote: str
    line: int
    section: str
    year: int | None
    year_source: YearSource
    value: float | None = None
    low: float | None = None
    high: float | None = None
    baseline_year: int | None = None
    baseline_value: float | None = None
    attribute: str | None = None
    guessed_comparator: bool = False
    document: int = 0  # the plan of the file it stands in (Span.document)


class Draft(BaseModel):
    """One drafted target, for review before it joins the registry."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    name_zh: str = Field(min_length=1)
    unit: str
    region: str
    target_year: int | None
    target_value: float | None = None
    target_low: float | None = None
    target_high: float | None = None
    comparator: DraftComparator
    wording: str
    kind: DraftKind
    baseline_year: int | None = None
    baseline_value: float | None = None
    attribute: Literal["预期性", "约束性"] | None = None
    quote: str = Field(min_length=1)
    line: int = Field(ge=1)
    location: str = ""
    section: str = ""
    indicator_id: str = Field(pattern=RECORD_ID_PATTERN)
    confidence: Confidence
    confidence_reason: str = ""
    # The lines where the same target is stated again (text and 专栏): drafted once.
    also_lines: tuple[int, ...] = ()
