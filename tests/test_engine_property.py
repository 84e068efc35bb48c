"""Property test: any finite numbers, the engine answers with one of seven statuses."""

from __future__ import annotations

import numpy as np
import pandas as pd
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from indicators.engine import COMPARATORS, REPORT_COLUMNS, STATUS_CODES, gap_report

FINITE = st.floats(allow_nan=False, allow_infinity=False)
SERIES = (st.sampled_from(["a", "b"]), st.sampled_from(["CN", "CN-CQ"]))



def target_strategy(finite: st.SearchStrategy, series: tuple, baseline_years: tuple[int, int],
                    target_years: tuple[int, int], **extra: st.SearchStrategy
                    ) -> st.SearchStrategy:
    """One target row with every field of its kind random (test_engine_blocks uses it too)."""
    return st.fixed_dictionaries({
        "indicator_id": series[0],
        "region": series[1],
        "direction": st.sampled_from([1, -1]),
        "comparator": st.sampled_from(COMPARATORS),
        "kind": st.sampled_from(["level", "annual", "cumulative"]),
        "path": st.sampled_from(["linear", "geometric"]),
        "baseline_year": st.one_of(st.none(), st.integers(*baseline_years)),
        "baseline_value": st.one_of(st.none(), finite),
        "target_year": st.integers(*target_years),
        "target_value": st.one_of(st.none(), finite),
        **extra,
        "plan_start": st.one_of(st.none(), st.integers(*baseline_years)),
    })


TARGET = target_strategy(FINITE, SERIES, (2000, 2030), (2000, 2035),
                         target_low=FINITE, target_high=FINITE)
ACTUALS = st.lists(st.tuples(*SERIES, st.integers(1995, 2040), FINITE), max_size=25)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    target_rows=st.lists(TARGET, min_size=1, max_size=6),
    actual_rows=ACTUALS,
    as_of=st.one_of(st.none(), st.integers(1990, 2045)),
)
def test_engine_never_raises_and_status_is_one_of_seven(target_rows, actual_rows, as_of):
    targets = pd.DataFrame(target_rows)
    targets.insert(0, "target_id", [f"t{number}" for number in range(len(targets))])
    actuals = pd.DataFrame(actual_rows, columns=["indicator_id", "region", "year", "value"])
    result = gap_report(targets, actuals, as_of)
    assert len(result.report) == len(targets)
    assert list(result.report.columns[: len(REPORT_COLUMNS)]) == REPORT_COLUMNS
    assert set(result.report["status"]) <= set(STATUS_CODES)
    assert set(result.history["status"].astype(str)) <= set(STATUS_CODES)
    numbers = result.report.select_dtypes("number").to_numpy(dtype=float, na_value=np.nan)
    assert not np.isinf(numbers).any()
    history_numbers = result.history.select_dtypes("number").to_numpy(dtype=float)
    assert not np.isinf(history_numbers).any()
