"""A plan's draft set on its way into the registry (the Plans page), as frozen records.

Every field may be blank while staff work on a set: the registry's own rules
(models.py, loader.check_records) judge it only when it is checked or
published (indicators.service.plans).  Field names follow the registry's
records and indicators.drafting.Draft, so a row reads like the target it becomes.
"""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import BaseModel, ConfigDict

from indicators.registry.models import Direction, DocumentKind, Level

Decision = Literal["pending", "accept", "reject"]
Link = Literal["existing", "new"]


class _Draft(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid", str_strip_whitespace=True)


class DocumentDraft(_Draft):
    """registry.Document's fields (less seed_first_line and notes), each may be blank."""

    id: str = ""
    title_zh: str = ""
    title_en: str = ""
    issuer: str = ""
    doc_number: str | None = None
    date: dt.date | None = None
    period_start: int | None = None
    period_end: int | None = None
    level: Level | None = None
    kind: DocumentKind | None = None
    region: str = ""


class DraftRow(_Draft):
    """One drafted (or hand-added) target, the reviewer's decision and its indicator link."""

    key: str
    decision: Decision = "pending"
    link: Link = "existing"
    name_zh: str = ""
    unit: str = ""
    region: str = ""
    target_year: int | None = None
    target_value: float | None = None
    target_low: float | None = None
    target_high: float | None = None
    comparator: str = ""
    wording: str = ""
    kind: str = ""
    baseline_year: int | None = None
    baseline_value: float | None = None
    # The baseline is the last actual at or before the plan's start, not from the text.
    baseline_proposed: bool = False
    attribute: str | None = None
    quote: str = ""
    line: int | None = None
    section: str = ""
    indicator_id: str = ""
    confidence: str = ""
    reason: str = ""
    # link == "new": the indicator this row creates (name_zh and unit come from the row).
    new_indicator_name_en: str = ""
    new_indicator_category: str | None = None
    new_indicator_direction: Direction | None = None


class DraftSet(_Draft):
    id: int | None = None
    document: DocumentDraft = DocumentDraft()
    file_name: str = ""
    text: tuple[str, ...] = ()  # the plan's lines as read; line n is text[n - 1]
    rows: tuple[DraftRow, ...] = ()
    status: Literal["open", "published"] = "open"
    updated_by: str | None = None
    updated_at: dt.datetime | None = None

    @property
    def accepted(self) -> tuple[DraftRow, ...]:
        return tuple(row for row in self.rows if row.decision == "accept")
