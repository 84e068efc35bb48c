"""Which targets are furthest behind: the order a short list of a large report follows.

A leader looking at thousands of targets needs the ones that need attention
first.  Binding targets (约束性, which "must be met") that are at risk come
before everything else; then the order is the status's (missed, moving away,
fell back, behind, slightly behind, on track, met), then the schedule ratio q
(progress made over progress planned by now, README "Method"), then progress
itself; the target id breaks ties so the same data always gives the same list.
"""

from __future__ import annotations

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
    rank = report["status"].astype(str).map({code: i for i, code in enumerate(BEHIND_ORDER)})
    assessable = progress.notna() & rank.notna()
    ordered = pd.DataFrame({
        "_binding": ~binding_at_risk(report)[assessable],  # False (binding at risk) sorts first
        "_rank": rank[assessable],
        # A missing q (time share 0) sorts after every known one of its status.
        "_schedule": pd.to_numeric(report.loc[assessable, "schedule_ratio"], errors="coerce"),
        "_progress": progress[assessable],
        "_id": report.loc[assessable, "target_id"].astype(str),
    }).sort_values(["_binding", "_rank", "_schedule", "_progress", "_id"], na_position="last",
                   kind="stable")
    return report.loc[ordered.index[:max(limit, 0)]]


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
