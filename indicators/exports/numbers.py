"""Whether a cell holds a figure to print: one test for the pages and every export."""

from __future__ import annotations

import math

import pandas as pd


def is_number(value: object) -> bool:
    """A finite number (not None, NA, NaN, inf or text that is not a number)."""
    if value is None or value is pd.NA:
        return False
    try:
        return math.isfinite(float(value))
    except (TypeError, ValueError):
        return False
