"""The progress chart's two looks: labels beside the bars (wide screens) or above them (phones).

Rules as data: each look is a set of numbers; layouts.figures.progress lays
the same rows out with either.
"""

from __future__ import annotations

from typing import NamedTuple


class Look(NamedTuple):
    """How the chart is laid out for a screen: rows, labels, margins (pixels unless noted)."""

    row_px: int  # a row with no label line of its own (wide: the first line fits the row)
    line_px: int  # each label line adds this to every row of its category block
    label_em: float  # labels wrapped at this width (em of their font)
    max_lines: int
    font_size: int
    margin: dict  # l (the least: the wide look widens it to its labels), r, b (room for the
    # x axis's title, as no automargin moves it); the top follows the title and the legend
    gap_px: int  # between category blocks: the x ticks above, the next block's title
    title_em: float  # the title wrapped at this width
    legend_px: int  # the legend's rows under the title
    inside: bool  # labels above their bars, inside the plot area (a phone's full width)
    tickvals: tuple
    track_width: float  # the grey track's thickness, as a share of a row


# Beside the bars on a wide screen; above them, across the whole width, on a phone.
WIDE = Look(row_px=10, line_px=14, label_em=32, max_lines=2, font_size=13,
            margin={"l": 236, "r": 24, "b": 60}, gap_px=62, title_em=70, legend_px=34,
            inside=False, tickvals=(0, 0.25, 0.5, 0.75, 1.0, 1.25), track_width=0.5)
NARROW = Look(row_px=22, line_px=15, label_em=23, max_lines=3, font_size=12,
              margin={"l": 4, "r": 10, "b": 54}, gap_px=64, title_em=17, legend_px=96,
              inside=True, tickvals=(0, 0.5, 1.0), track_width=0.3)
NARROW_BELOW_PX = 720  # the chart's box narrower than this: the NARROW look (callbacks.phone)
