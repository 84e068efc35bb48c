"""The gap report grid's server side: AG Grid's filter and sort models applied to a frame.

A large report is not sent to the browser; the grid (infinite row model) asks
for blocks of rows with its current filter and sort, and `query_rows` answers
from the frame of report_rows.grid_frame, with the same semantics as the
grid's own client-side filters (case-insensitive text, blanks never match a
number condition), so a leader sees the same rows either way.
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
import pandas as pd

from indicators.engine import STATUS_CODES
from layouts.grid.report_rows import grid_records

MAX_BLOCK = 1000  # rows per request, whatever the browser asks for


def query_rows(frame: pd.DataFrame, request: Mapping, order: np.ndarray | None = None) -> dict:
    """One block of rows for AG Grid's getRowsRequest: {"rowData": [...], "rowCount": n}.

    `order`: matching_positions of this request's filter and sort models, when the caller
    kept it from an earlier block (scrolling asks for block after block of one order)."""
    positions = matching_positions(frame, request) if order is None else order
    start = max(int(request.get("startRow") or 0), 0)
    end = min(max(int(request.get("endRow") or start), start), start + MAX_BLOCK)
    return {"rowData": grid_records(frame.iloc[positions[start:end]]), "rowCount": len(positions)}


def matching_positions(frame: pd.DataFrame, request: Mapping) -> np.ndarray:
    """Positions of the frame's rows that pass the filter model, in the sort model's order."""
    keep = np.ones(len(frame), dtype=bool)
    for column, model in (request.get("filterModel") or {}).items():
        if column in frame and isinstance(model, Mapping):
            keep &= _matches(frame[column], model).to_numpy(dtype=bool)
    positions = np.flatnonzero(keep)
    return _sorted(frame, positions, request.get("sortModel") or [])


def _matches(values: pd.Series, model: Mapping) -> pd.Series:
    conditions = model.get("conditions")
    if not conditions:
        return _condition(values, model)
    results = [_condition(values, {**condition, "filterType": model.get("filterType")})
               for condition in conditions]
    combined = results[0]
    for result in results[1:]:
        combined = combined | result if model.get("operator") == "OR" else combined & result
    return combined


def _condition(values: pd.Series, condition: Mapping) -> pd.Series:
    kind = condition.get("type") or "contains"
    blank = values.isna() | (values.astype(str).str.strip() == "")
    if kind == "blank":
        return blank
    if kind == "notBlank":
        return ~blank
    if condition.get("filterType") == "number":
        return _number_condition(pd.to_numeric(values, errors="coerce"), kind, condition)
    return _text_condition(values.fillna("").astype(str).str.lower(), kind,
                           str(condition.get("filter") or "").lower())


def _text_condition(text: pd.Series, kind: str, wanted: str) -> pd.Series:
    tests = {
        "equals": lambda: text == wanted,
        "notEqual": lambda: text != wanted,
        "contains": lambda: text.str.contains(wanted, regex=False),
        "notContains": lambda: ~text.str.contains(wanted, regex=False),
        "startsWith": lambda: text.str.startswith(wanted),
        "endsWith": lambda: text.str.endswith(wanted),
    }
    return tests.get(kind, tests["contains"])().astype(bool)


def _number_condition(numbers: pd.Series, kind: str, condition: Mapping) -> pd.Series:
    value = pd.to_numeric(pd.Series([condition.get("filter")]), errors="coerce").iloc[0]
    if pd.isna(value):
        return pd.Series(True, index=numbers.index)  # an empty box filters nothing, as in the grid
    upper = pd.to_numeric(pd.Series([condition.get("filterTo")]), errors="coerce").iloc[0]
    tests = {
        "equals": lambda: numbers == value,
        "notEqual": lambda: numbers != value,
        "lessThan": lambda: numbers < value,
        "lessThanOrEqual": lambda: numbers <= value,
        "greaterThan": lambda: numbers > value,
        "greaterThanOrEqual": lambda: numbers >= value,
        "inRange": lambda: (numbers >= value) & (numbers <= upper),
    }
    return tests.get(kind, tests["equals"])().fillna(False).astype(bool)


def _sorted(frame: pd.DataFrame, positions: np.ndarray, sort_model: list) -> np.ndarray:
    rows = frame.iloc[positions] if len(positions) < len(frame) else frame
    columns, ascending = [], []
    keys = pd.DataFrame(index=pd.RangeIndex(len(positions)))
    for position, item in enumerate(sort_model):
        column = str(item.get("colId") or "")
        if column not in rows or item.get("sort") not in ("asc", "desc"):
            continue
        keys[f"k{position}"] = _sort_key(rows, column).to_numpy()
        columns.append(f"k{position}")
        ascending.append(item["sort"] == "asc")
    if not columns:
        return positions
    order = keys.sort_values(columns, ascending=ascending, kind="stable").index.to_numpy()
    return positions[order]


def _sort_key(rows: pd.DataFrame, column: str) -> pd.Series:
    """Blanks sort as the smallest value, as AG Grid sorts them on the client."""
    if column == "status":
        return rows["status_code"].map({code: i for i, code in enumerate(STATUS_CODES)})
    values = rows[column]
    numbers = pd.to_numeric(values, errors="coerce")
    if numbers.notna().sum() == values.notna().sum():
        return numbers.astype(float).fillna(float("-inf"))
    return values.fillna("").astype(str)
