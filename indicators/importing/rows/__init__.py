"""The data rows of one sheet to records, checking every cell (see reader.py for the journey).

Exports RowReader; by_column (fast, whole columns) and by_row (cell by cell,
every message) are its two paths, facts what both ask of a series, cells the
column-at-a-time conversions by_column is built on.
"""

from indicators.importing.rows.reader import RowReader

__all__ = ["RowReader"]
