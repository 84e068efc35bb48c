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
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from indicators.config import Settings
from indicators.importing.issues import IssueLog, UploadIssue, Where, hint_text
from indicators.importing.layout import find_layout
from indicators.importing.read import FileRejected, SheetTooLarge, read_sheets
from indicators.importing.rows import RowReader
from indicators.importing.rows.facts import SeriesFacts
from indicators.importing.text import long_notes, screen_sheets
from indicators.importing.values import PLAUSIBLE_FACTOR, format_number
from indicators.registry import Registry
from indicators.registry.bulk import paused_gc

__all__ = ["ParsedUpload", "UploadIssue", "check_against_stored", "parse_upload", "ROW_COLUMNS",
           "SOURCE_COLUMNS"]

# The source columns (importing.sources) come last, so that positions of the others hold.
SOURCE_COLUMNS = ["source", "url", "published", "quote"]
ROW_COLUMNS = ["indicator_id", "region", "year", "value", "note", "source_sheet", "source_row", "source_column",
               *SOURCE_COLUMNS]
KEY = ["indicator_id", "region", "year"]
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
    # False when the file has none of the source columns: a value it leaves unchanged
    # keeps its stored source (indicators.store.queries.diff_against).
    has_sources: bool = False
    lang: str = "zh"
    jump_warning_ratio: float = 0.5
    # For check_plausible_against_stored: upload.plausible_factor, each indicator's unit,
    # and the series whose registry targets and baselines already bounded their values.
    plausible_factor: float = PLAUSIBLE_FACTOR
    units: dict[str, str] = field(default_factory=dict)
    referenced: frozenset[tuple[str, str]] = frozenset()

    @property
    def ok(self) -> bool:
        return not self.errors


def parse_upload(content: bytes, file_name: str, registry: Registry, settings: Settings,
                 lang: str = "zh") -> ParsedUpload:
    # A 50,000-row sheet is a few hundred thousand cells and rows, none in a cycle: with the
    # collector running, its passes over them were a sixth of the parse (registry.bulk).
    with paused_gc():
        return _parse(content, file_name, registry, settings, lang)


def _parse(content: bytes, file_name: str, registry: Registry, settings: Settings,
           lang: str) -> ParsedUpload:
    log = IssueLog(lang)
    sha256 = hashlib.sha256(content).hexdigest()
    reader = RowReader(registry, settings.upload, log)
    records, has_notes, has_sources = _read_records(content, file_name, reader, settings, log)
    rows = _drop_duplicates(records_frame(records), log)
    if rows.empty and not log.errors:
        log.error("no_values", Where())
    return ParsedUpload(
        rows=rows,
        errors=log.errors,
        warnings=log.warnings,
        sha256=sha256,
        file_name=file_name,
        has_notes=has_notes,
        has_sources=has_sources,
        lang=lang,
        jump_warning_ratio=settings.upload.jump_warning_ratio,
        plausible_factor=settings.upload.plausible_factor,
        **_series_facts(rows, reader.facts),
    )


def _series_facts(rows: pd.DataFrame, facts: SeriesFacts) -> dict[str, object]:
    """ParsedUpload's units and referenced series, for the checks against the store
    (the references the rows were judged by, not computed again)."""
    # Plain lists: iterating pandas' string columns costs a Python call per cell.
    series = dict.fromkeys(zip(rows["indicator_id"].tolist(), rows["region"].tolist(), strict=True))
    keys = [(str(indicator), str(region)) for indicator, region in series]
    indicators = facts.registry.indicators
    return {"units": {indicator: indicators[indicator].unit for indicator, _ in keys},
            "referenced": frozenset(key for key in keys if facts.references(*key))}


def _read_records(content: bytes, file_name: str, reader: RowReader, settings: Settings,
                  log: IssueLog) -> tuple[list[tuple], bool, bool]:
    try:
        sheets = screen_sheets(read_sheets(content, file_name, settings.upload), settings.upload, log)
    except FileRejected as rejected:
        rejected.fields.setdefault("hint", hint_text(rejected.hint_code, log.lang))
        log.error(rejected.code, Where(), **rejected.fields)
        return [], False, False
    except SheetTooLarge as too_large:
        where = Where(str(too_large.fields["sheet"]), too_large.fields.get("row"))  # type: ignore[arg-type]
        log.error(too_large.code, where, **too_large.fields)
        return [], False, False
    non_empty = [sheet for sheet in sheets if sheet.rows]
    if not non_empty:
        log.error("empty_file", Where())
        return [], False, False
    records: list[tuple] = []
    layouts_found = 0
    has_notes = has_sources = False
    for sheet in non_empty:
        layout = find_layout(sheet, log, settings.upload)
        if layout is None:
            continue
        layouts_found += 1
        long_notes(sheet, layout, settings.upload, log)
        has_notes = has_notes or "note" in layout.roles
        has_sources = has_sources or any(role in layout.roles for role in SOURCE_COLUMNS)
        sheet_records = reader.read_sheet(sheet, layout)
        if not any(number > layout.header_row for number, _ in sheet.rows):
            log.error("empty_sheet", Where(sheet.name), sheet=sheet.name)
        records += sheet_records
    if layouts_found == 0 and not log.errors:
        log.error("no_data_sheet", Where())
    return records, has_notes, has_sources


def _drop_duplicates(frame: pd.DataFrame, log: IssueLog) -> pd.DataFrame:
    """Same series and year twice: same value is a warning (kept once), another value an error.

    Only the rows whose key repeats are looked at one by one, in file order.
    """
    repeated = frame.duplicated(KEY, keep=False)
    if not repeated.any():
        return frame
    first_seen: dict[Key, tuple] = {}
    conflicting: set[Key] = set()
    for record in frame[repeated].itertuples(index=False):
        key = (record.indicator_id, record.region, record.year)
        first = first_seen.setdefault(key, record)
        if first is record:
            continue
        where = Where(record.source_sheet, record.source_row, record.source_column)
        first_place = _place(first, same_sheet=first.source_sheet == record.source_sheet,
                             lang=log.lang)
        if first.value == record.value:
            log.warn("duplicate_same", where, first=first_place)
        else:
            conflicting.add(key)
            log.error("duplicate_conflict", where, first=first_place,
                      first_value=format_number(first.value), value=format_number(record.value))
    kept = frame.drop_duplicates(KEY, keep="first")
    if conflicting:
        keys = pd.MultiIndex.from_frame(kept[KEY])
        kept = kept[~keys.isin(list(conflicting))]
    # Rebuilt when nothing is left, so that an empty result has the usual empty dtypes.
    return kept.reset_index(drop=True) if len(kept) else records_frame([])


def _place(record: tuple, *, same_sheet: bool, lang: str) -> str:
    row, sheet = int(record.source_row), record.source_sheet  # type: ignore[attr-defined]
    if lang == "zh":
        return f"第 {row} 行" if same_sheet else f"工作表「{sheet}」第 {row} 行"
    return f"row {row}" if same_sheet else f"row {row} of sheet '{sheet}'"


def records_frame(records: list[tuple]) -> pd.DataFrame:
    """Records (tuples in ROW_COLUMNS order) as the typed frame ParsedUpload.rows holds."""
    frame = pd.DataFrame(records, columns=ROW_COLUMNS)
    return frame.astype({"year": "int64", "value": "float64", "source_row": "int64"})


def check_against_stored(parsed: ParsedUpload, current: pd.DataFrame) -> list[UploadIssue]:
    """Warnings for values that jump more than the configured ratio year on year.

    Each uploaded value is compared with the previous year (from the file or,
    failing that, the store) and with a stored next year the file does not
    replace.  current holds the stored current values (ActualsStore's
    current_actuals(), or only those of the file's series and years +-1).
    Computed for whole columns; messages are built for the flagged rows only,
    in file order, the previous year before the next.
    """
    log = IssueLog(parsed.lang)
    rows = parsed.rows.reset_index(drop=True)
    if rows.empty:
        return log.warnings
    values = rows["value"].to_numpy(dtype="float64")
    stored = current[KEY + ["value"]].astype({"year": "int64", "value": "float64"}).drop_duplicates(KEY)
    uploaded = rows[KEY + ["value"]]
    # The file replaces the store's value of the same key.
    combined = pd.concat([uploaded, stored], ignore_index=True).drop_duplicates(KEY, keep="first")
    previous = _value_at(rows, combined, -1)
    following = _value_at(rows, stored, +1)
    following[~np.isnan(_value_at(rows, uploaded, +1))] = np.nan  # the file has that year
    checks = [(-1, previous, *_jumps(previous, values, True, parsed.jump_warning_ratio)),
              (+1, following, *_jumps(following, values, False, parsed.jump_warning_ratio))]
    flagged_rows = np.flatnonzero(checks[0][3] | checks[1][3])
    places = rows.loc[flagged_rows, ["year", "source_sheet", "source_row", "source_column"]]
    for position, (year, sheet, row, column) in zip(flagged_rows, places.itertuples(index=False),
                                                    strict=True):
        for offset, other, change, flagged in checks:
            if flagged[position]:
                log.warn("jump", Where(sheet, int(row), column),
                         value=format_number(float(values[position])), other_year=int(year) + offset,
                         other_value=format_number(float(other[position])),
                         change=f"{float(change[position]):+.0%}")
    return log.warnings


def _value_at(rows: pd.DataFrame, values: pd.DataFrame, offset: int) -> np.ndarray:
    """values' value at each row's series and year + offset; NaN where it has none."""
    wanted = rows[["indicator_id", "region"]].assign(year=rows["year"] + offset)
    found = wanted.merge(values[KEY + ["value"]], on=KEY, how="left", sort=False)
    return found["value"].to_numpy(dtype="float64", copy=True)


def _jumps(other: np.ndarray, values: np.ndarray, other_is_earlier: bool,
           ratio: float) -> tuple[np.ndarray, np.ndarray]:
    """(relative change from the earlier year to the later, whether it exceeds ratio)."""
    earlier, later = (other, values) if other_is_earlier else (values, other)
    with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
        change = later / earlier - 1
    flagged = ~np.isnan(other) & (earlier != 0) & (np.abs(change) > ratio)
    return change, flagged
