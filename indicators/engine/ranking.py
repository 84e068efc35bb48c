"""Which targets are furthest behind: the order a short list of a large report follows.

A leader looking at thousands of targets needs the ones that need attention
first.  Binding targets (约束性, which "must be met") that are at risk come
before everything else; then the order is the status's (missed, moving away,
fell back, behind, slightly behind, on track, met), then the schedule ratio q
(progress made over progress planned by now, README "Method"), then progress
itself; the target id breaks ties so the same data always gives the same list.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

BINDING = "约束性"
# Worst first; no_data and not_assessable have no progress to rank and are left out.
BEHIND_ORDER: tuple[str, ...] = (
    "missed", "moving_away", "met_then_lost", "behind", "slightly_behind", "on_track",
    "achieved", "met_early", "exceeded",
)
# A target is at risk with one of these statuses, or with the forecast "difficult".
AT_RISK_STATUSES: tuple[str, ...] = (
    "missed", "moving_away", "met_then_lost", "behind", "slightly_behind",
)
AT_RISK_FORECASTS: tuple[str, ...] = ("difficult",)


def at_risk(report: pd.DataFrame) -> pd.Series:
    """Per target: behind, missed, fallen back, or forecast to be hard to reach."""
    risky = report["status"].astype(str).isin(AT_RISK_STATUSES)
    if "forecast" in report:
        risky |= report["forecast"].astype(str).isin(AT_RISK_FORECASTS)
    return risky


def binding_at_risk(report: pd.DataFrame) -> pd.Series:
    """Per target: a binding (约束性) target that is at risk, the first to warn about."""
    if "attribute" not in report:
        return pd.Series(False, index=report.index)
    return report["attribute"].astype(str).eq(BINDING) & at_risk(report)


def furthest_behind(report: pd.DataFrame, limit: int) -> pd.DataFrame:
    """The `limit` assessable targets furthest behind, worst first (at most `limit` rows)."""
    progress = pd.to_numeric(report["progress_ratio"], errors="coerce")
    # One hash lookup per row (a dict map over 180,000 strings took a third of a second).
    codes = pd.Index(BEHIND_ORDER).get_indexer(report["status"].astype(str).to_numpy(dtype=object))
    rank = pd.Series(np.where(codes >= 0, codes, np.nan), index=report.index)
    assessable = progress.notna() & rank.notna()
    first = ~binding_at_risk(report)  # False (binding at risk) sorts first
    # Only the first few (binding, status) groups can hold the first `limit` rows: of a
    # national report's 180,000 targets just those are sorted by q, progress and id.
    group = first.astype(int) * len(BEHIND_ORDER) + rank
    if 0 < limit < int(assessable.sum()):
        cutoff = np.sort(group[assessable].to_numpy())[limit - 1]
        assessable &= group <= cutoff
    ordered = pd.DataFrame({
        "_binding": first[assessable],
        "_rank": rank[assessable],
        # A missing q (time share 0) sorts after every known one of its status.
        "_schedule": pd.to_numeric(report.loc[assessable, "schedule_ratio"], errors="coerce"),
        "_progress": progress[assessable],
        "_id": report.loc[assessable, "target_id"].astype(str),
    }).sort_values(["_binding", "_rank", "_schedule", "_progress", "_id"], na_position="last",
                   kind="stable")
    return report.loc[ordered.index[:max(limit, 0)]]


def assessable_count(report: pd.DataFrame) -> int:
    """How many targets furthest_behind ranks (those with a progress and a ranked status)."""
    progress = pd.to_numeric(report["progress_ratio"], errors="coerce")
    return int((progress.notna() & report["status"].astype(str).isin(BEHIND_ORDER)).sum())


def attention_order(report: pd.DataFrame) -> pd.DataFrame:
    """Every target at risk, binding ones first, then by status, q and id (the evaluation's list)."""
    risky = report[at_risk(report)]
    rank = risky["status"].astype(str).map({code: i for i, code in enumerate(BEHIND_ORDER)})
    ordered = pd.DataFrame({
        "_binding": ~binding_at_risk(risky),
        "_rank": rank.fillna(len(BEHIND_ORDER)),
        "_schedule": pd.to_numeric(risky["schedule_ratio"], errors="coerce"),
        "_id": risky["target_id"].astype(str),
    }).sort_values(["_binding", "_rank", "_schedule", "_id"], na_position="last", kind="stable")
    return risky.loc[ordered.index]
