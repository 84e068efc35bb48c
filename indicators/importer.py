"""Parse and validate an uploaded file of yearly actuals, before anything is stored.

    parsed = parse_upload(content, "2024年数据.xlsx", registry, settings, lang="zh")
    parsed.ok, parsed.errors, parsed.warnings, parsed.rows

Every problem in the file is reported at once, located by sheet, Excel row
and column.  Checks that need the stored data (a jump of more than
upload.jump_warning_ratio against the previous or next year) live in
check_against_stored(parsed, current); ActualsStore.preview adds them, so a
preview's warnings are the file's warnings plus those.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

import pandas as pd

from indicators.config import Settings
from indicators.importer_issues import IssueLog, UploadIssue, Where, hint_text
from indicators.importer_layout import find_layout
from indicators.importer_read import FileRejected, SheetTooLarge, read_sheets
from indicators.importer_rows import Record, RowParser
from indicators.importer_values import format_number
from indicators.registry import Registry

__all__ = ["ParsedUpload", "UploadIssue", "check_against_stored", "parse_upload", "ROW_COLUMNS"]

ROW_COLUMNS = ["indicator_id", "region", "year", "value", "note", "source_sheet", "source_row", "source_column"]
Key = tuple[str, str, int]


@dataclass(frozen=True, eq=False)
class ParsedUpload:
    """A validated file: its rows (only those without problems) and every issue."""

    rows: pd.DataFrame
    errors: list[UploadIssue]
    warnings: list[UploadIssue]
    sha256: str
    file_name: str
    # False when the file has no note column: stored notes are then kept.
    has_notes: bool = True
    lang: str = "zh"
    jump_warning_ratio: float = 0.5

    @property
    def ok(self) -> bool:
        return not self.errors


def parse_upload(content: bytes, file_name: str, registry: Registry, settings: Settings,
                 lang: str = "zh") -> ParsedUpload:
    log = IssueLog(lang)
    sha256 = hashlib.sha256(content).hexdigest()
    records, has_notes = _read_records(content, file_name, registry, settings, log)
    records = _drop_duplicates(records, log)
    if not records and not log.errors:
        log.error("no_values", Where())
    return ParsedUpload(
        rows=records_frame(records),
        errors=log.errors,
        warnings=log.warnings,
        sha256=sha256,
        file_name=file_name,
        has_notes=has_notes,
        lang=lang,
        jump_warning_ratio=settings.upload.jump_warning_ratio,
    )


def _read_records(content: bytes, file_name: str, registry: Registry, settings: Settings,
                  log: IssueLog) -> tuple[list[Record], bool]:
    try:
        sheets = read_sheets(content, file_name, settings.upload)
    except FileRejected as rejected:
        rejected.fields.setdefault("hint", hint_text(rejected.hint_code, log.lang))
        log.error(rejected.code, Where(), **rejected.fields)
        return [], False
    except SheetTooLarge as too_large:
        where = Where(str(too_large.fields["sheet"]), too_large.fields.get("row"))  # type: ignore[arg-type]
        log.error(too_large.code, where, **too_large.fields)
        return [], False
    non_empty = [sheet for sheet in sheets if sheet.rows]
    if not non_empty:
        log.error("empty_file", Where())
        return [], False
    parser = RowParser(registry, settings.upload, log)
    records: list[Record] = []
    layouts_found = 0
    has_notes = False
    for sheet in non_empty:
        layout = find_layout(sheet, log, settings.upload)
        if layout is None:
            continue
        layouts_found += 1
        has_notes = has_notes or "note" in layout.roles
        sheet_records = parser.parse_sheet(sheet, layout)
        if not any(number > layout.header_row for number, _ in sheet.rows):
            log.error("empty_sheet", Where(sheet.name), sheet=sheet.name)
        records += sheet_records
    if layouts_found == 0 and not log.errors:
        log.error("no_data_sheet", Where())
    return records, has_notes


def _drop_duplicates(records: list[Record], log: IssueLog) -> list[Record]:
    """Same series and year twice: same value is a warning (kept once), another value an error."""
    first_seen: dict[Key, Record] = {}
    conflicting: set[Key] = set()
    for record in records:
        key = (record.indicator_id, record.region, record.year)
        first = first_seen.get(key)
        if first is None:
            first_seen[key] = record
            continue
        where = Where(record.sheet, record.row, record.column)
        first_place = _place(first, same_sheet=first.sheet == record.sheet, lang=log.lang)
        if first.value == record.value:
            log.warn("duplicate_same", where, first=first_place)
        else:
            conflicting.add(key)
            log.error("duplicate_conflict", where, first=first_place,
                      first_value=format_number(first.value), value=format_number(record.value))
    return [record for key, record in first_seen.items() if key not in conflicting]


def _place(record: Record, *, same_sheet: bool, lang: str) -> str:
    if lang == "zh":
        return f"第 {record.row} 行" if same_sheet else f"工作表「{record.sheet}」第 {record.row} 行"
    return f"row {record.row}" if same_sheet else f"row {record.row} of sheet '{record.sheet}'"


def records_frame(records: list[Record]) -> pd.DataFrame:
    frame = pd.DataFrame(
        [(r.indicator_id, r.region, r.year, r.value, r.note, r.sheet, r.row, r.column) for r in records],
        columns=ROW_COLUMNS,
    )
    return frame.astype({"year": "int64", "value": "float64", "source_row": "int64"})


def check_against_stored(parsed: ParsedUpload, current: pd.DataFrame) -> list[UploadIssue]:
    """Warnings for values that jump more than the configured ratio year on year.

    Each uploaded value is compared with the previous year (from the file or,
    failing that, the store) and with a stored next year the file does not
    replace.  current is ActualsStore.current_actuals().
    """
    log = IssueLog(parsed.lang)
    combined: dict[Key, float] = {
        (ind, reg, int(year)): float(value)
        for ind, reg, year, value in current[["indicator_id", "region", "year", "value"]].itertuples(index=False)
    }
    uploaded = {
        (row.indicator_id, row.region, int(row.year)): row for row in parsed.rows.itertuples(index=False)
    }
    combined.update({key: float(row.value) for key, row in uploaded.items()})
    for (indicator_id, region, year), row in uploaded.items():
        neighbours = [(year - 1, combined.get((indicator_id, region, year - 1)))]
        if (indicator_id, region, year + 1) not in uploaded:
            neighbours.append((year + 1, combined.get((indicator_id, region, year + 1))))
        for other_year, other_value in neighbours:
            change = _relative_change(float(row.value), other_value, other_year < year)
            if change is not None and abs(change) > parsed.jump_warning_ratio:
                log.warn("jump", Where(row.source_sheet, int(row.source_row), row.source_column),
                         value=format_number(float(row.value)), other_year=other_year,
                         other_value=format_number(other_value), change=f"{change:+.0%}")
    return log.warnings


def _relative_change(value: float, other: float | None, other_is_earlier: bool) -> float | None:
    """Change from the earlier year to the later one; None when undefined."""
    if other is None:
        return None
    earlier, later = (other, value) if other_is_earlier else (value, other)
    if earlier == 0:
        return None
    return later / earlier - 1
