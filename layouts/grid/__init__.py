"""The gap report as an interactive table (dash-ag-grid), and the missing-data list.

report_table.py builds the grid and its columns, report_rows.py the rows as
the grid shows them, query.py the server side of a large report (AG Grid's
filter and sort models applied to a frame, with the client grid's semantics).
"""

from layouts.grid.query import query_rows
from layouts.grid.report_rows import grid_frame, grid_records
from layouts.grid.report_table import grid_rows, missing_data_list, report_grid

__all__ = ["grid_frame", "grid_records", "grid_rows", "missing_data_list", "query_rows",
           "report_grid"]
