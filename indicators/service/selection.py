"""What a viewer narrowed the report to (ReportFilter) and the report narrowed to it.

A national report has 180,000 targets and 2 million history rows; a region's overview
narrows it on every first view, so the narrowing works on plain arrays.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from indicators.engine import GapReport

__all__ = ["ReportFilter", "history_of", "narrowed", "of_series"]


@dataclass(frozen=True)
class ReportFilter:
    """What a viewer narrowed the report to; empty means everything."""

    as_of: int | None = None
    document: str | None = None
    region: str | None = None
    category: str | None = None

    @property
    def narrows(self) -> bool:
        return bool(self.document or self.region or self.category)


def narrowed(full: GapReport, selection: ReportFilter) -> GapReport:
    report = full.report
    keep = np.ones(len(report), dtype=bool)
    for column, wanted in (
        ("document_id", selection.document),
        ("region", selection.region),
        ("category", selection.category),
    ):
        if wanted:
            # numpy compares the plain values in a third of pandas' string comparison's time.
            keep &= report[column].to_numpy() == wanted
    report = report[keep].reset_index(drop=True)
    history = history_of(full.history, report["target_id"]).reset_index(drop=True)
    return GapReport(report=report, history=history, as_of=full.as_of)


def of_series(full: GapReport, indicator_id: str, region: str) -> GapReport:
    """The targets of one series (an indicator in a region) and their history: the
    indicator page's part of the report."""
    report = full.report
    keep = (report["indicator_id"].to_numpy() == indicator_id) & (report["region"].to_numpy() == region)
    report = report[keep]
    return GapReport(report=report, history=history_of(full.history, report["target_id"]),
                     as_of=full.as_of)


def history_of(history: pd.DataFrame, target_ids: pd.Series) -> pd.DataFrame:
    """The history rows of the given targets, in their order."""
    return history[_of_targets(history["target_id"], target_ids)]


def _of_targets(ids: pd.Series, wanted: pd.Series) -> np.ndarray:
    """Which history rows belong to the wanted targets: a lookup by category code for the
    engine's categorical ids (2 million rows: 2 ms instead of isin's 11)."""
    if not isinstance(ids.dtype, pd.CategoricalDtype):
        return ids.isin(wanted).to_numpy()
    positions = ids.cat.categories.get_indexer(wanted)
    lookup = np.zeros(len(ids.cat.categories) + 1, dtype=bool)  # the last slot: code -1 (none)
    lookup[positions[positions >= 0]] = True
    return lookup[ids.cat.codes.to_numpy()]
