"""The engine's faster paths (issue 18) give exactly what the plain ones give.

Row measures are computed in blocks of whole targets (engine/measures.py); the
report's text columns are built from codes; series numbers follow the ids'
sorted order.  Each is checked here against the straightforward computation.
"""

from __future__ import annotations

from unittest.mock import patch

import numpy as np
import pandas as pd
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from indicators.engine import gap_report, measures
from indicators.engine.notes import FLAG, note_table, note_texts
from indicators.engine.series import (
    ActualRows,
    earlier_any,
    match_actuals,
    resolve_baselines,
    windowed,
)
from indicators.engine.targets import complete_targets, target_arrays
from tests.test_engine_property import target_strategy

FINITE = st.floats(-1e6, 1e6, allow_nan=False)
SERIES = (st.sampled_from(["a", "b", "c"]), st.sampled_from(["CN", "CN-CQ", "CN-AB"]))
TARGET = target_strategy(FINITE, SERIES, (2010, 2022), (2012, 2026))
ACTUALS = st.lists(st.tuples(*SERIES, st.integers(2005, 2028), FINITE), max_size=40)


def _frames(target_rows: list[dict], actual_rows: list[tuple]) -> tuple[pd.DataFrame, pd.DataFrame]:
    targets = pd.DataFrame(target_rows)
    targets.insert(0, "target_id", [f"t{number}" for number in range(len(targets))])
    actuals = pd.DataFrame(actual_rows, columns=["indicator_id", "region", "year", "value"])
    return targets, actuals


def _assert_same(left, right) -> None:
    assert left.as_of == right.as_of
    pd.testing.assert_frame_equal(left.report, right.report, check_exact=True)
    pd.testing.assert_frame_equal(left.history, right.history, check_exact=True)


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    target_rows=st.lists(TARGET, min_size=1, max_size=8),
    actual_rows=ACTUALS,
    block=st.integers(1, 5),
)
def test_blocks_of_any_size_give_the_whole_array_result(target_rows, actual_rows, block):
    targets, actuals = _frames(target_rows, actual_rows)
    whole = gap_report(targets, actuals)
    with patch.object(measures, "BLOCK_ROWS", block):
        _assert_same(gap_report(targets, actuals), whole)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(target_rows=st.lists(TARGET, min_size=1, max_size=8), actual_rows=ACTUALS)
def test_order_and_dtype_of_the_actuals_do_not_change_the_report(target_rows, actual_rows):
    targets, actuals = _frames(target_rows, actual_rows)
    plain = gap_report(targets, actuals)
    # Categorical ids (as the store gives them), rows sorted by series (no sort needed).
    categorical = actuals.astype({"indicator_id": "category", "region": "category"})
    ordered = categorical.sort_values(["indicator_id", "region", "year"], kind="stable")
    for variant in (categorical, ordered):
        _assert_same(gap_report(targets, variant), plain)


def test_series_of_unknown_ids_are_left_out_on_both_lookup_paths():
    targets, actuals = _frames(
        [{"indicator_id": "a", "region": "CN", "target_year": 2025, "target_value": 10.0,
          "baseline_year": 2020, "baseline_value": 5.0}],
        [("a", "CN", 2021, 6.0), ("a", "XX", 2021, 1.0), ("z", "CN", 2021, 1.0),
         (None, "CN", 2022, 1.0), ("a", None, 2022, 1.0), ("a", "CN", 2022, 7.0)],
    )
    frame = complete_targets(targets)
    plain = match_actuals(frame, actuals, None)
    categorical = match_actuals(
        frame, actuals.astype({"indicator_id": "category", "region": "category"}), None)
    for rows in (plain, categorical):
        assert rows.target.tolist() == [0, 0]
        assert rows.year.tolist() == [2021.0, 2022.0]
        assert rows.value.tolist() == [6.0, 7.0]


def _windowed_by_masks(arrays, rows: ActualRows, baselines) -> ActualRows:
    """The former whole-array version of series.windowed, as the oracle."""
    cumulative = arrays.cumulative[rows.target]
    if not cumulative.any():
        return rows
    y0 = baselines.year[rows.target]
    inside = (rows.year <= arrays.target_year[rows.target]) & ~(rows.year <= y0)
    rows = rows.take(~cumulative | inside)
    cumulative = arrays.cumulative[rows.target]
    running = rows.value.copy()
    sums = pd.Series(rows.value[cumulative]).groupby(rows.target[cumulative], sort=False).cumsum()
    start = np.nan_to_num(baselines.value[rows.target[cumulative]], nan=0.0)
    running[cumulative] = start + sums.to_numpy()
    return ActualRows(rows.target, rows.year, running)


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(target_rows=st.lists(TARGET, min_size=1, max_size=8), actual_rows=ACTUALS)
def test_running_totals_read_only_the_cumulative_rows_and_match_the_masks(target_rows, actual_rows):
    targets, actuals = _frames(target_rows, actual_rows)
    frame = complete_targets(targets)
    arrays = target_arrays(frame)
    rows = match_actuals(frame, actuals, None)
    baselines = resolve_baselines(arrays, rows)
    with np.errstate(all="ignore"):
        got, expected = windowed(arrays, rows, baselines), _windowed_by_masks(arrays, rows, baselines)
    for name in ("target", "year", "value"):
        np.testing.assert_array_equal(getattr(got, name), getattr(expected, name))


def _earlier_any_by_sums(target: np.ndarray, flags: np.ndarray) -> np.ndarray:
    """The former whole-array formula: flagged rows before this one, less those of earlier targets."""
    before = np.cumsum(flags, dtype=np.int64) - flags
    if len(target) == 0:
        return before > 0
    starts = np.flatnonzero(np.append(True, target[1:] != target[:-1]))
    sizes = np.diff(np.append(starts, len(target)))
    return before - np.repeat(before[starts], sizes) > 0


@given(st.lists(st.tuples(st.integers(0, 6), st.booleans()), max_size=40), st.integers(0, 50))
def test_earlier_any_matches_the_running_sums(pairs, offset):
    pairs.sort(key=lambda pair: pair[0])
    target = np.array([pair[0] + offset for pair in pairs], dtype=np.int64)
    flags = np.array([pair[1] for pair in pairs], dtype=bool)
    assert earlier_any(target, flags).tolist() == _earlier_any_by_sums(target, flags).tolist()


@given(st.lists(st.integers(0, (1 << len(FLAG)) - 1), max_size=30))
def test_note_table_numbers_combinations_as_unique_does(bits):
    values = np.array(bits, dtype=np.int64)
    flags = {name: (values & bit) > 0 for name, bit in FLAG.items()}
    index, zh, en = note_table(flags)
    combos, inverse = np.unique(values, return_inverse=True)
    assert index.tolist() == inverse.tolist()
    assert len(zh) == len(en) == max(len(combos), 1)
    texts_zh, texts_en = note_texts(flags)
    assert texts_zh.tolist() == zh[inverse].tolist() and texts_en.tolist() == en[inverse].tolist()


@given(st.lists(st.integers(0, 5), max_size=30), st.integers(1, 7))
def test_block_bounds_cover_every_row_and_never_split_a_target(targets, size):
    target = np.sort(np.array(targets, dtype=np.int64))
    bounds = measures.block_bounds(target, size)
    assert bounds[0] == 0 and bounds[-1] == len(target) and len(bounds) >= 2
    assert (np.diff(bounds) > 0).all() or len(target) == 0
    for cut in bounds[1:-1]:
        assert target[cut - 1] != target[cut]


def test_text_columns_share_one_object_per_word_and_keep_the_str_dtype():
    targets, actuals = _frames(
        [{"indicator_id": "a", "region": region, "target_year": 2025, "target_value": 10.0,
          "baseline_year": 2020, "baseline_value": 5.0} for region in ("CN", "CN-CQ", "CN-AB")],
        [("a", region, year, 6.0) for region in ("CN", "CN-CQ") for year in (2021, 2022)],
    )
    report = gap_report(targets, actuals).report
    for name in ("status", "baseline_source", "note_zh", "note_en", "forecast"):
        column = report[name]
        assert column.dtype == pd.Series(["x"]).astype(str).dtype
        values = column.to_numpy()
        assert len({id(value) for value in values}) == len(set(values))


def test_the_callers_targets_frame_is_left_as_it_was():
    targets, actuals = _frames(
        [{"indicator_id": "a", "region": "CN", "target_year": 2025, "document_id": None,
          "plan_start": None, "baseline_year": 2020}],
        [("a", "CN", 2021, 6.0)],
    )
    before = targets.copy()
    gap_report(targets, actuals)
    pd.testing.assert_frame_equal(targets, before)
