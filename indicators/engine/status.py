"""The eleven target statuses, their labels and the one status palette.

Every surface (tiles, charts, tables, the xlsx and Word exports) takes its
words and colours from here, so a status looks and reads the same everywhere.
The palette is built on Okabe & Ito's colour-blind-safe set; neighbouring
statuses differ in lightness as well as hue, so they also survive greyscale
printing.  Four statuses are final (FINAL_CODES): they are given once the
target year's actual is known, when the schedule no longer matters.
"""

from __future__ import annotations

from types import MappingProxyType
from typing import Literal, get_args

# Order matters: the target met (achieved keeps its first place, with the two
# final ways of meeting it next), then worse and worse, then the two "cannot
# say" codes.  Tiles, legends and sorted tables follow it.
StatusCode = Literal[
    "achieved",
    "met_early",
    "exceeded",
    "on_track",
    "slightly_behind",
    "behind",
    "met_then_lost",
    "moving_away",
    "missed",
    "no_data",
    "not_assessable",
]
STATUS_CODES: tuple[StatusCode, ...] = get_args(StatusCode)

# Given only once the actual of the target year (or a later one) is known.
# `achieved` is final then too (met in the target year), and before it means
# the target is met already.
FINAL_CODES: tuple[StatusCode, ...] = ("met_early", "exceeded", "achieved", "missed")

STATUS_LABELS_ZH = MappingProxyType({
    "achieved": "已完成",
    "met_early": "提前完成",
    "exceeded": "超额完成",
    "on_track": "符合序时进度",
    "slightly_behind": "略滞后",
    "behind": "滞后",
    "met_then_lost": "达标后回落",
    "moving_away": "逆向变化",
    "missed": "未完成",
    "no_data": "无数据",
    "not_assessable": "无法评估",
})

STATUS_LABELS_EN = MappingProxyType({
    "achieved": "Achieved",
    "met_early": "Met early",
    "exceeded": "Exceeded",
    "on_track": "On track",
    "slightly_behind": "Slightly behind",
    "behind": "Behind",
    "met_then_lost": "Fell back below target",
    "moving_away": "Moving away",
    "missed": "Missed",
    "no_data": "No data",
    "not_assessable": "Not assessable",
})

# Okabe-Ito: blue, bluish green, orange, vermillion, reddish purple, then greys;
# the final statuses take a darker blue and sky blue beside the blue of
# achieved, yellow for a target met and lost again, and a dark brick red for a
# target missed, darker than every other warm colour.
STATUS_COLOURS = MappingProxyType({
    "achieved": "#0072B2",
    "met_early": "#003F6B",
    "exceeded": "#56B4E9",
    "on_track": "#009E73",
    "slightly_behind": "#E69F00",
    "behind": "#D55E00",
    "met_then_lost": "#F0E442",
    "moving_away": "#CC79A7",
    "missed": "#7F2704",
    "no_data": "#999999",
    "not_assessable": "#D9D9D9",
})

# Text drawn on a status fill: whichever of white and near-black contrasts
# more (WCAG ratio), i.e. white on the two blues and the brick red; near-black
# reaches 4.5:1 on every other fill.
STATUS_TEXT_COLOURS = MappingProxyType({
    "achieved": "#FFFFFF",
    "met_early": "#FFFFFF",
    "exceeded": "#1A1A1A",
    "on_track": "#1A1A1A",
    "slightly_behind": "#1A1A1A",
    "behind": "#1A1A1A",
    "met_then_lost": "#1A1A1A",
    "moving_away": "#1A1A1A",
    "missed": "#FFFFFF",
    "no_data": "#1A1A1A",
    "not_assessable": "#1A1A1A",
})


def status_labels(lang: str = "zh") -> MappingProxyType:
    """Code -> label in the UI language ('zh' or 'en'; anything else falls back to zh)."""
    return STATUS_LABELS_EN if lang == "en" else STATUS_LABELS_ZH


def status_label(code: str, lang: str = "zh") -> str:
    """Label of one status code; an unknown code is shown as itself."""
    return status_labels(lang).get(code, code)


def status_colour(code: str) -> str:
    """Fill colour of a status (the not-assessable grey for an unknown code)."""
    return STATUS_COLOURS.get(code, STATUS_COLOURS["not_assessable"])


def status_text_colour(code: str) -> str:
    return STATUS_TEXT_COLOURS.get(code, STATUS_TEXT_COLOURS["not_assessable"])
