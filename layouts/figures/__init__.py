"""Plotly figure builders: pure functions of engine output (DataFrames) and the UI language.

common.py holds what every chart shares (fonts, colours, config), format.py
numbers and labels as a reader sees them; progress.py is the overview's
chart, detail.py and detail_traces.py the indicator page's, compare.py the
two-region comparison.  Nothing here reads the database or the URL.
"""

from layouts.figures.common import graph_config
from layouts.figures.compare import compare_chart, comparison_rows
from layouts.figures.detail import gap_chart, gap_figure, trajectory_chart, trajectory_figure
from layouts.figures.progress import progress_chart, progress_figure

__all__ = ["compare_chart", "comparison_rows", "gap_chart", "gap_figure", "graph_config",
           "progress_chart", "progress_figure", "trajectory_chart", "trajectory_figure"]
