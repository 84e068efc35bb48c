"""Plain-language notes on the special cases behind a report row.

Each special case is one bit; rows share few combinations, so the text is
built once per distinct combination and spread back by index.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from indicators.engine.metrics import (
    MODE_HOLD,
    MODE_INCREASE,
    MODE_MET_AT_BASE,
    RANGE,
    geometric_possible,
)
from indicators.engine.series import Baselines
from indicators.engine.targets import TargetArrays

# (flag name, Chinese note, English note), in the order they are read.
NOTES: tuple[tuple[str, str, str], ...] = (
    ("first_actual", "文本未给出基期，以规划起始年或之前最近一年的实际值作基期",
     "no baseline in the text: the latest actual at or before the plan's start year is used"),
    ("no_baseline", "文本未给出基期且无可用实际值，比率留空，状态仅依据目标值判断",
     "no baseline in the text or the data: ratios blank, status judged against the target alone"),
    ("cumulative", "累计型：实际值为规划期内逐年值之和",
     "cumulative: the actual is the sum of the yearly values within the plan period"),
    ("cumulative_zero", "累计基数为0（规划起始前一年）",
     "cumulative total starts from 0 the year before the plan starts"),
    ("hold", "目标值与基期值相同（保持水平）：按比较关系判断，比率留空",
     "target equals the baseline (hold a level): judged by the comparator, ratios blank"),
    ("met_at_base", "基期已达到目标：比率留空，低于目标即为滞后",
     "the baseline already met the target: ratios blank, behind if it falls short"),
    ("increase", "“合理稳定增长”类目标：与上一期实际值比较，无比率",
     "'steady growth' target: latest value compared with the previous one, no ratios"),
    ("range", "区间目标：以下限判断是否完成及计算比率",
     "range target: the low bound is used for achievement and ratios"),
    ("linear_fallback", "基期或目标值非正，几何路径无法计算，改用线性路径",
     "baseline or target not positive: geometric path undefined, linear path used"),
    ("after_target_year", "最新数据晚于目标年份",
     "the latest actual is after the target year"),
    ("unverified", "目标数值未能在原文中核实",
     "the target figure is not verified in the source text"),
    ("fell_back", "此前曾达到目标，最新值已回落至目标以下",
     "met the target in an earlier year; the latest value is below it again"),
)
FLAG = {name: 1 << position for position, (name, _, _) in enumerate(NOTES)}


def note_texts(flags: dict[str, np.ndarray]) -> tuple[np.ndarray, np.ndarray]:
    """Chinese and English notes per row from boolean arrays keyed by flag name."""
    index, zh, en = note_table(flags)
    return zh[index], en[index]


def note_table(flags: dict[str, np.ndarray]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(index per row, Chinese notes, English notes): row i's notes are zh[index[i]], en[index[i]]."""
    size = len(next(iter(flags.values()))) if flags else 0
    bits = np.zeros(size, dtype=np.int64)
    for name, flagged in flags.items():
        bits |= np.where(flagged, FLAG[name], 0)
    # The combinations present, ascending, and each row's position among them (what
    # np.unique(return_inverse=True) gives) by counting, not sorting: bits < 2**len(NOTES).
    present = np.bincount(bits, minlength=1) > 0
    combos = np.flatnonzero(present)
    index = (np.cumsum(present) - 1)[bits]
    zh = np.array([_join(combo, 1) for combo in combos] or [""], dtype=object)
    en = np.array([_join(combo, 2) for combo in combos] or [""], dtype=object)
    return index, zh, en


def _join(bits: int, language: int) -> str:
    parts = [note[language] for note in NOTES if bits & FLAG[note[0]]]
    return ("；" if language == 1 else "; ").join(parts)


def note_flags(
    frame: pd.DataFrame, arrays: TargetArrays, baselines: Baselines, modes: np.ndarray,
    latest_year: np.ndarray,
) -> dict[str, np.ndarray]:
    """Which special cases apply to each target, for the report's notes."""
    source = baselines.source
    return {
        "first_actual": source == "first_actual",
        "no_baseline": (source == "none") & (modes != MODE_INCREASE),
        "cumulative": arrays.cumulative,
        "cumulative_zero": source == "cumulative_zero",
        "hold": modes == MODE_HOLD,
        "met_at_base": modes == MODE_MET_AT_BASE,
        "increase": modes == MODE_INCREASE,
        "range": arrays.comparator == RANGE,
        "linear_fallback": arrays.geometric & np.isfinite(baselines.value)
        & ~geometric_possible(baselines.value, arrays.target_value),
        "after_target_year": latest_year > arrays.target_year,
        "unverified": frame["verified"].eq(False).to_numpy(),
    }
