"""One sheet's data rows to records: the column-wise path first, the cell-by-cell path for the rest.

A cell's journey, top to bottom:

1. by_column.plan_sheet reads every column of the sheet at once: each distinct
   cell text is cleaned, parsed and resolved once, and a row that cannot raise
   any issue (known indicator and region, year in range, plain plausible
   number, not the first row of a series without a target) becomes a record.
2. Every other row goes to by_row.RowChecker, which checks it cell by cell and
   logs each problem with its Excel location; a row with a problem gives no
   record, the rest of the sheet is still read.
3. The records of both paths are merged back into sheet order.

Both paths ask a series' questions of one SeriesFacts, so they agree on
references and on which "no target" warning was given.  The column-wise path
exists only for speed (a 100,000-row CSV: 10.5 s cell by cell, 2.3 s this
way); the issues, their wording and order are the cell-by-cell checker's own.
"""

from __future__ import annotations

import bisect

from indicators.config import UploadLimits
from indicators.importing.issues import IssueLog
from indicators.importing.layout import SheetLayout
from indicators.importing.rows.by_column import plan_sheet
from indicators.importing.rows.by_row import RowChecker
from indicators.importing.rows.facts import SeriesFacts
from indicators.importing.sheet import RawSheet
from indicators.registry import Registry


class RowReader:
    """Reads the sheets of one upload; series facts are shared across its sheets."""

    def __init__(self, registry: Registry, limits: UploadLimits, log: IssueLog) -> None:
        self.facts = SeriesFacts(registry, limits, log)
        self.checker = RowChecker(self.facts)

    def read_sheet(self, sheet: RawSheet, layout: SheetLayout) -> list[tuple]:
        """The sheet's records as tuples (indicator_id, region, year, value, note,
        sheet, row, column, source, url, published, quote), in sheet order."""
        plan = plan_sheet(self.facts, sheet, layout)
        records: list[tuple] = []
        taken = 0
        for position in plan.slow:
            end = bisect.bisect_left(plan.positions, position, lo=taken)
            records += plan.records[taken:end]
            taken = end
            number, cells = plan.rows[position]
            # Plain tuples like the fast path's: pandas infers other dtypes for named ones.
            records += [tuple(record) for record in self.checker.check_row(layout, number, cells)]
        return records + plan.records[taken:]
