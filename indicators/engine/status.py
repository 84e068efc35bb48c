"""The seven target statuses, their labels and the one status palette.

Every surface (tiles, charts, tables, the xlsx export) takes its words and
colours from here, so a status looks and reads the same everywhere.  The
palette is built on Okabe & Ito's colour-blind-safe set; neighbouring statuses
differ in lightness as well as hue, so they also survive greyscale printing.
"""

from __future__ import annotations

from types import MappingProxyType
from typing import Literal

StatusCode = Literal[
    "achieved",
    "on_track",
    "slightly_behind",
    "behind",
    "moving_away",
    "no_data",
    "not_assessable",
]

# Order matters: best to worst, then the two "cannot say" codes.  Tiles,
# legends and sorted tables follow it.
STATUS_CODES: tuple[StatusCode, ...] = (
    "achieved",
    "on_track",
    "slightly_behind",
    "behind",
    "moving_away",
    "no_data",
    "not_assessable",
)

STATUS_LABELS_ZH = MappingProxyType({
    "achieved": "已完成",
    "on_track": "符合序时进度",
    "slightly_behind": "略滞后",
    "behind": "滞后",
    "moving_away": "逆向变化",
    "no_data": "无数据",
    "not_assessable": "无法评估",
})

STATUS_LABELS_EN = MappingProxyType({
    "achieved": "Achieved",
    "on_track": "On track",
    "slightly_behind": "Slightly behind",
    "behind": "Behind",
    "moving_away": "Moving away",
    "no_data": "No data",
    "not_assessable": "Not assessable",
})

# Okabe-Ito: blue, bluish green, orange, vermillion, reddish purple, then greys.
STATUS_COLOURS = MappingProxyType({
    "achieved": "#0072B2",
    "on_track": "#009E73",
    "slightly_behind": "#E69F00",
    "behind": "#D55E00",
    "moving_away": "#CC79A7",
    "no_data": "#999999",
    "not_assessable": "#D9D9D9",
})

# Text drawn on a status fill: whichever of white and near-black contrasts
# more (WCAG ratio), i.e. white only on the blue; near-black reaches 4.5:1 on
# every other fill.
STATUS_TEXT_COLOURS = MappingProxyType({
    "achieved": "#FFFFFF",
    "on_track": "#1A1A1A",
    "slightly_behind": "#1A1A1A",
    "behind": "#1A1A1A",
    "moving_away": "#1A1A1A",
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
