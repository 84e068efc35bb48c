"""The method's rules in words, zh and en, with the thresholds in force.

The Method page, the evaluation report's annex and the xlsx method sheet read
the same sentences, so the words never disagree with the rules the engine
applies (metrics.row_status for statuses, forecast.FORECAST_RULES for
forecasts); each list is in the order the engine applies its rules.
"""

from __future__ import annotations

from indicators.config import StatusThresholds
from indicators.engine.forecast import FORECAST_LABELS_EN, FORECAST_LABELS_ZH


def forecast_rules(thresholds: StatusThresholds, lang: str) -> list[tuple[str, str]]:
    """(verdict words, the rule in words), in the order the rules are applied."""
    margin = f"{thresholds.exceed_margin:.0%}"
    slack, times = thresholds.forecast.projection_slack, thresholds.forecast.growth_ratio
    # The defaults (no slack, growth at least the required) read without their numbers.
    short_en = f" (at most {slack:.0%} short)" if slack else ""
    short_zh = f"（最多差 {slack:.0%}）" if slack else ""
    times_en = f"{times:g} × " if times != 1 else ""
    times_zh = f"的 {times:g} 倍" if times != 1 else ""
    if lang == "en":
        labels = FORECAST_LABELS_EN
        return [
            (labels["not_judged"], "the target year's actual is known, the target has no number, "
                                   "or neither signal can be computed"),
            (labels["exceed"], f"the trend line passes the target by more than {margin} at the "
                               "target year, and the pace is enough (or unknown)"),
            (labels["on_time"], f"the trend line reaches the target{short_en} and the "
                                f"growth achieved since the baseline is at least {times_en}the "
                                "growth still required (an unknown signal counts as agreeing)"),
            (labels["difficult"], "neither the trend nor the pace is enough"),
            (labels["on_time"] + " / " + labels["difficult"],
             "the two disagree: on time when the status is on track or achieved, else hard to reach"),
        ]
    labels = FORECAST_LABELS_ZH
    return [
        ("—", "目标年实际值已知、目标没有数值，或两个依据都无法计算"),
        (labels["exceed"], f"趋势预测值在目标年超出目标值 {margin} 以上，且增速足够（或无法计算）"),
        (labels["on_time"], f"趋势预测值达到目标值{short_zh}，且基期以来年均增速不低于所需年均增速"
                            f"{times_zh}（无法计算的依据视为满足）"),
        (labels["difficult"], "趋势预测和增速都不够"),
        (labels["on_time"] + " / " + labels["difficult"],
         "两者不一致时：符合序时进度或已完成为预计可如期完成，否则为预计完成难度较大"),
    ]


# The statuses in the order the engine applies its rules (metrics.row_status):
# the final ones first, then the schedule's.
RULE_ORDER = ("met_early", "exceeded", "achieved", "missed", "met_then_lost", "on_track",
              "slightly_behind", "behind", "moving_away", "no_data", "not_assessable")


def status_rules(thresholds: StatusThresholds, lang: str) -> list[tuple[str, str]]:
    """(status code, the rule in words) in the order the rules are applied."""
    on_track = f"{thresholds.on_track:g}"
    slightly = f"{thresholds.slightly_behind:g}"
    margin = f"{thresholds.exceed_margin:.0%}"
    rules = {
        "achieved": ("实际值已达到或超过目标值（目标年之后即为如期完成）",
                     "the actual has reached the target (after the target year: met on time)"),
        "met_early": ("目标年实际值达到目标，且此前已提前达到",
                      "met in the target year, and already before it"),
        "exceeded": (f"目标年实际值超出目标值 {margin} 以上",
                     f"in the target year, beyond the target by more than {margin}"),
        "met_then_lost": ("目标年之前曾达到目标，最新值又低于目标",
                          "met before the target year, below the target again now"),
        "missed": ("目标年（或之后）实际值未达到目标值",
                   "the actual of the target year (or later) falls short of the target"),
        "on_track": (f"序时进度比 ≥ {on_track}", f"schedule ratio ≥ {on_track}"),
        "slightly_behind": (f"{slightly} ≤ 序时进度比 < {on_track}",
                            f"{slightly} ≤ schedule ratio < {on_track}"),
        "behind": (f"0 ≤ 序时进度比 < {slightly}", f"0 ≤ schedule ratio < {slightly}"),
        "moving_away": ("序时进度比 < 0，即比基期还差", "schedule ratio < 0: worse than the baseline"),
        "no_data": ("该指标还没有任何实际值", "no actual value yet"),
        "not_assessable": ("有数据但无法计算序时进度比（如仅有基期年的数据）",
                           "data exists but the schedule ratio is undefined "
                           "(e.g. only the baseline year)"),
    }
    return [(code, rules[code][1 if lang == "en" else 0]) for code in RULE_ORDER]
