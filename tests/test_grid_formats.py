"""The gap grid shows each column in the exports' format (indicators.exports.formats).

Ratios at one decimal of a percent in every column, values with their
indicator's precision (the row's `decimals`), no float noise in the rows.
"""

from __future__ import annotations

from layouts.figures.format import format_percent
from layouts.grid.report_rows import grid_frame, grid_records
from layouts.grid.report_table import column_defs
from tests.test_export_formats import report  # noqa: F401  (the fixture)

PERCENT_COLUMNS = ("progress_ratio", "completion_rate", "time_share", "schedule_ratio",
                   "required_annual_growth")


def test_grid_rows_carry_rounded_numbers_and_their_decimals(report):  # noqa: F811
    noisy = report.copy()
    noisy.loc[1, "gap_to_path"] = 0.5199999999999996
    rows = grid_records(grid_frame(noisy, "zh", {}, {}))
    assert [row["decimals"] for row in rows] == [0, 2, 2]
    assert rows[1]["gap_to_path"] == 0.52
    assert rows[0]["gap_to_path"] == 10  # 10.4 亿元 at 0 decimals
    assert rows[0]["schedule_ratio"] == 0.766


def test_every_ratio_column_shows_one_decimal_of_a_percent():
    definitions = {column["field"]: column for column in column_defs("zh")}
    formats = {definitions[name]["valueFormatter"]["function"] for name in PERCENT_COLUMNS}
    assert len(formats) == 1 and "d3.format('.1%')" in formats.pop()
    number = definitions["latest_value"]["valueFormatter"]["function"]
    assert "params.data.decimals" in number and "~g" not in number


def test_format_percent_uses_the_same_decimals():
    assert format_percent(0.853) == "85.3%"
    assert format_percent(None) == "—"
