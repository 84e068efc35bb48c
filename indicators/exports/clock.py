"""Times as readers in China read them: Beijing wall-clock time (UTC+8, no daylight saving).

The store keeps every time in UTC; every page and export shows it here, so the
history page, the detail page and the audit log agree.
"""

from __future__ import annotations

import datetime as dt

import pandas as pd

BEIJING = dt.timezone(dt.timedelta(hours=8), "CST")
SECONDS = "%Y-%m-%d %H:%M:%S"
MINUTES = "%Y-%m-%d %H:%M"


def beijing_time(moment: object, fmt: str = SECONDS) -> str:
    """A stored time (aware, or naive meaning UTC) as Beijing time text; "" when missing."""
    if moment is None or moment is pd.NaT or (not isinstance(moment, dt.datetime) and pd.isna(moment)):
        return ""
    stamp = pd.Timestamp(moment)
    if stamp.tzinfo is None:
        stamp = stamp.tz_localize("UTC")
    return stamp.tz_convert(BEIJING).strftime(fmt)


def beijing_times(moments: pd.Series, fmt: str = SECONDS) -> pd.Series:
    """beijing_time for a whole column (naive values meaning UTC)."""
    stamps = pd.to_datetime(moments)
    if stamps.dt.tz is None:
        stamps = stamps.dt.tz_localize("UTC")
    return stamps.dt.tz_convert(BEIJING).dt.strftime(fmt).fillna("")
