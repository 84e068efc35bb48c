"""Targets as a frame, and as the plain arrays the engine computes on.

`targets_frame` turns registry records into one row per target with every
number in the indicator's unit, so targets compare directly with uploaded
actuals (which are stored in the indicator's unit too).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from indicators.errors import TrackerError
from indicators.registry import Registry, Target

TARGET_FRAME_COLUMNS = [
    "target_id", "indicator_id", "region", "document_id", "name_zh", "name_en", "unit",
    "category", "direction", "comparator", "kind", "path", "baseline_year", "baseline_value",
    "target_year", "target_value", "target_low", "target_high", "plan_start", "verified",
    "secondary_of", "attribute",
]

REQUIRED_COLUMNS = ("target_id", "indicator_id", "region", "target_year")

# Columns a hand-built frame may leave out, with what they mean when absent.
OPTIONAL_DEFAULTS: dict[str, object] = {
    "document_id": "", "name_zh": "", "name_en": "", "unit": "", "category": "",
    "direction": 1, "comparator": ">=", "kind": "level", "path": "linear",
    "baseline_year": np.nan, "baseline_value": np.nan, "target_value": np.nan,
    "target_low": np.nan, "target_high": np.nan, "plan_start": np.nan,
    "verified": True, "secondary_of": None, "attribute": "",
}


# Comparators as small integers so row-wise tests compare ints, not strings.
COMPARATORS = (">=", "<=", "==", "range", "coverage", "increase")


class EngineInputError(TrackerError):
    """The targets frame handed to the engine lacks a column it cannot do without."""


def targets_frame(registry: Registry) -> pd.DataFrame:
    """One row per target, values converted to the indicator's unit."""
    rows = [_target_row(registry, target) for target in registry.targets.values()]
    frame = pd.DataFrame(rows, columns=TARGET_FRAME_COLUMNS)
    for column in ("baseline_year", "plan_start"):
        frame[column] = frame[column].astype("Int64")
    frame["target_year"] = frame["target_year"].astype("int64")
    for column in ("direction",):
        frame[column] = frame[column].astype("int64")
    for column in ("baseline_value", "target_value", "target_low", "target_high"):
        frame[column] = frame[column].astype("float64")
    return frame


def _target_row(registry: Registry, target: Target) -> dict[str, object]:
    indicator = registry.indicators[target.indicator]
    document = registry.documents.get(target.document)
    scale = target.scale_to(indicator.unit)
    baseline = target.baseline
    plan_start = document.period_start if document is not None else None
    if plan_start is None and baseline is not None:
        plan_start = baseline.year
    return {
        "target_id": target.id,
        "indicator_id": target.indicator,
        "region": target.region,
        "document_id": target.document,
        "name_zh": indicator.name_zh,
        "name_en": indicator.name_en,
        "unit": indicator.unit,
        "category": indicator.category,
        "direction": 1 if indicator.direction == "higher" else -1,
        "comparator": target.comparator,
        "kind": target.kind,
        "path": target.path,
        "baseline_year": baseline.year if baseline else None,
        "baseline_value": baseline.value * scale if baseline else None,
        "target_year": target.target_year,
        "target_value": _scaled(target.goal_value, scale),
        "target_low": _scaled(target.target_low, scale),
        "target_high": _scaled(target.target_high, scale),
        "plan_start": plan_start,
        "verified": target.verified,
        "secondary_of": target.secondary_of,
        "attribute": target.attribute or "",  # 约束性 / 预期性, blank when the text gives none
    }


def _scaled(value: float | None, scale: float) -> float | None:
    return None if value is None else value * scale


def complete_targets(targets: pd.DataFrame) -> pd.DataFrame:
    """The frame with every engine column, defaults filled for optional ones."""
    missing = [column for column in REQUIRED_COLUMNS if column not in targets.columns]
    if missing and targets.empty:
        targets = pd.DataFrame(columns=list(REQUIRED_COLUMNS))
    elif missing:
        raise EngineInputError(
            f"targets frame lacks column(s) {missing}",
            hint="build it with indicators.engine.report.targets_frame(registry)",
        )
    # No copy: columns are replaced, never written into, so the caller's frame
    # is untouched (copy-on-write); a deep copy of 180,000 rows cost 30 ms.
    frame = targets.reset_index(drop=True)
    for column, default in OPTIONAL_DEFAULTS.items():
        if column not in frame.columns:
            frame[column] = default
        elif isinstance(default, str | int) and _has_missing(frame[column]):
            frame[column] = frame[column].astype(object).where(frame[column].notna(), default)
    # Without a plan period the baseline year marks the plan's start.
    frame["plan_start"] = frame["plan_start"].where(
        frame["plan_start"].notna(), frame["baseline_year"]
    )
    return frame


def _has_missing(column: pd.Series) -> bool:
    """column.isna().any(), answered from the types alone for text that is all str:
    a type check per value costs a quarter of isna's (3 ms a column at 180,000 rows)."""
    text = column.dtype == object or isinstance(column.dtype, pd.StringDtype)
    if text and pd.api.types.infer_dtype(column.to_numpy(), skipna=False) == "string":
        return False
    return bool(column.isna().any())


@dataclass(frozen=True)
class TargetArrays:
    """Per-target numbers as float arrays (NaN where the registry has none)."""

    direction: np.ndarray
    comparator: np.ndarray
    cumulative: np.ndarray
    geometric: np.ndarray
    text_baseline_year: np.ndarray
    text_baseline_value: np.ndarray
    target_year: np.ndarray
    target_value: np.ndarray
    target_low: np.ndarray
    target_high: np.ndarray
    plan_start: np.ndarray

    @property
    def size(self) -> int:
        return len(self.target_year)


def target_arrays(frame: pd.DataFrame) -> TargetArrays:
    direction = _floats(frame["direction"])
    return TargetArrays(
        # Anything but an explicit -1 means higher is better.
        direction=np.where(direction == -1, -1.0, 1.0),
        comparator=_comparator_codes(frame["comparator"]),
        cumulative=_equals(frame["kind"], "cumulative"),
        geometric=_equals(frame["path"], "geometric"),
        text_baseline_year=_floats(frame["baseline_year"]),
        text_baseline_value=_floats(frame["baseline_value"]),
        target_year=_floats(frame["target_year"]),
        target_value=_floats(frame["target_value"]),
        target_low=_floats(frame["target_low"]),
        target_high=_floats(frame["target_high"]),
        plan_start=_floats(frame["plan_start"]),
    )


def _equals(column: pd.Series, word: str) -> np.ndarray:
    """(column.astype(str) == word) as an array.  Text with NaN for missing compares its
    objects directly, a quarter of the cost, with the same answer (NaN is no word)."""
    if column.dtype == pd.StringDtype(na_value=np.nan):
        return np.asarray(column.to_numpy() == word, dtype=bool)
    return (column.astype(str) == word).to_numpy()


def _comparator_codes(column: pd.Series) -> np.ndarray:
    codes = pd.Index(COMPARATORS).get_indexer(column.astype(str))
    return np.where(codes >= 0, codes, 0).astype(np.int8)  # unknown reads as ">="


def _floats(column: pd.Series) -> np.ndarray:
    values = pd.to_numeric(column, errors="coerce").to_numpy(dtype="float64", na_value=np.nan)
    return np.where(np.isfinite(values), values, np.nan)
