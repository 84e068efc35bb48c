"""Child processes for the crash and concurrency tests (run as `python -m tests.store_workers`).

    commit-loop URL ROOT ROWS      commit uploads of ROWS rows one after another until killed,
                                   printing "committing K" before and "committed K ID" after each
    commit-on-go URL ROOT ROWS N   build editor N's upload, print "ready", wait for a line on
                                   stdin, commit it and print "committed ID START END"

Uploads are built directly as ParsedUpload frames (the importer is tested
elsewhere), so the time goes into the commit itself.
"""

from __future__ import annotations

import hashlib
import sys
import time
from pathlib import Path

import pandas as pd

from indicators.importing import ROW_COLUMNS, ParsedUpload
from indicators.store import ActualsStore

REGIONS = ("CN", "CN-CQ")
YEARS = tuple(range(2000, 2025))


def series_keys(rows: int, offset: int = 0) -> pd.DataFrame:
    """rows distinct (indicator, region, year) keys, starting `offset` keys in."""
    per_indicator = len(REGIONS) * len(YEARS)
    numbers = pd.RangeIndex(offset, offset + rows)
    return pd.DataFrame({
        "indicator_id": [f"ind_{number // per_indicator:05d}" for number in numbers],
        "region": [REGIONS[(number // len(YEARS)) % len(REGIONS)] for number in numbers],
        "year": [YEARS[number % len(YEARS)] for number in numbers],
    })


def upload(keys: pd.DataFrame, value_base: float, label: str) -> ParsedUpload:
    frame = keys.copy()
    frame["value"] = value_base + pd.RangeIndex(len(frame)).astype("float64")
    frame["note"] = label
    frame["source_sheet"] = label
    frame["source_row"] = pd.RangeIndex(2, len(frame) + 2)
    frame["source_column"] = "D"
    frame = frame.reindex(columns=ROW_COLUMNS, fill_value="").astype({"year": "int64", "value": "float64", "source_row": "int64"})
    digest = hashlib.sha256(f"{label}:{value_base}".encode()).hexdigest()
    return ParsedUpload(rows=frame, errors=[], warnings=[], sha256=digest, file_name=f"{label}.csv")


def commit_loop(url: str, root: str, rows: int) -> None:
    store = ActualsStore(url, root=Path(root))
    keys = series_keys(rows)
    number = 0
    while True:
        number += 1
        parsed = upload(keys, value_base=number * 1_000_000.0, label=f"crash-{number}")
        print(f"committing {number}", flush=True)
        upload_id = store.commit(parsed, "crash-test", parsed.file_name, parsed.sha256)
        print(f"committed {number} {upload_id}", flush=True)


def commit_on_go(url: str, root: str, rows: int, editor: int) -> None:
    """Editor N's upload: its own keys, plus the first 1000 keys that every editor sends."""
    store = ActualsStore(url, root=Path(root))
    keys = pd.concat([series_keys(1000), series_keys(rows, offset=1000 + editor * rows)],
                     ignore_index=True)
    parsed = upload(keys, value_base=editor * 1_000_000.0, label=f"editor-{editor}")
    print("ready", flush=True)
    sys.stdin.readline()
    started = time.time()
    upload_id = store.commit(parsed, f"editor{editor}", parsed.file_name, parsed.sha256)
    print(f"committed {upload_id} {started} {time.time()}", flush=True)
    store.close()


if __name__ == "__main__":
    command, arguments = sys.argv[1], sys.argv[2:]
    if command == "commit-loop":
        commit_loop(arguments[0], arguments[1], int(arguments[2]))
    elif command == "commit-on-go":
        commit_on_go(arguments[0], arguments[1], int(arguments[2]), int(arguments[3]))
    else:
        raise SystemExit(f"unknown command {command}")
