"""Which targets are furthest behind: the order a short list of a large report follows.

A leader looking at thousands of targets needs the ones that need attention
first.  The order is the status's (moving away from the target, behind,
slightly behind, on track, achieved), then the schedule ratio q (progress made
over progress planned by now, README "Method"), then progress itself; the
target id breaks ties so the same data always gives the same list.
"""

from __future__ import annotations

import pandas as pd

# Worst first; no_data and not_assessable have no progress to rank and are left out.
BEHIND_ORDER: tuple[str, ...] = ("moving_away", "behind", "slightly_behind", "on_track", "achieved")


def furthest_behind(report: pd.DataFrame, limit: int) -> pd.DataFrame:
    """The `limit` assessable targets furthest behind, worst first (at most `limit` rows)."""
    progress = pd.to_numeric(report["progress_ratio"], errors="coerce")
    rank = report["status"].astype(str).map({code: i for i, code in enumerate(BEHIND_ORDER)})
    assessable = progress.notna() & rank.notna()
    ordered = pd.DataFrame({
        "_rank": rank[assessable],
        # A missing q (time share 0) sorts after every known one of its status.
        "_schedule": pd.to_numeric(report.loc[assessable, "schedule_ratio"], errors="coerce"),
        "_progress": progress[assessable],
        "_id": report.loc[assessable, "target_id"].astype(str),
    }).sort_values(["_rank", "_schedule", "_progress", "_id"], na_position="last", kind="stable")
    return report.loc[ordered.index[:max(limit, 0)]]
