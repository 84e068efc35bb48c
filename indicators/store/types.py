"""Errors of the actuals store and the preview it returns (re-exported by indicators.store.actuals)."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from indicators.errors import TrackerError
from indicators.importing import UploadIssue


class StoreError(TrackerError):
    """A store operation was refused."""


class UploadRejected(StoreError):
    """commit() was handed a file with errors; nothing was stored."""

    def __init__(self, issues: list[UploadIssue]) -> None:
        self.issues = list(issues)
        shown = "\n".join(f"  {issue}" for issue in self.issues[:10])
        more = f"\n  ... and {len(self.issues) - 10} more" if len(self.issues) > 10 else ""
        super().__init__(f"upload rejected: {len(self.issues)} error(s)\n{shown}{more}",
                         hint="fix the file and upload it again; nothing was stored")


class UnknownUpload(StoreError):
    pass


class AlreadyReverted(StoreError):
    pass


class SampleDataError(StoreError):
    pass


class UnknownValue(StoreError):
    """A note was set on a series and year that has no stored value."""


class NoteUnchanged(StoreError):
    """The new note equals the current one; nothing was written."""


class NoteTooLong(StoreError):
    pass


@dataclass(frozen=True, eq=False)
class UploadPreview:
    """What committing a parsed file would do, row by row, against the store now."""

    rows: pd.DataFrame
    added: int
    changed: int
    unchanged: int
    errors: list[UploadIssue]
    warnings: list[UploadIssue]

    @property
    def ok(self) -> bool:
        return not self.errors

    @property
    def rows_total(self) -> int:
        return len(self.rows)
