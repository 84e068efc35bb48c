"""Parse, validate and commit a 100,000-row CSV and a 50,000-row xlsx.

Against the synthetic registry (500 indicators x 40 regions) and a fresh
SQLite store, so each commit adds every row.  The base of the ratio is plain
pandas reading the same bytes (`read_csv` / `read_excel`), which checks
nothing.  Prints one JSON line per file.

    .venv/bin/python benchmarks/importing.py [--csv-rows 100000] [--xlsx-rows 50000]

A row count of 0 skips that format (e.g. --xlsx-rows 0 to profile the CSV alone).

Goal (issue 7): under 3 s for the CSV.
"""

from __future__ import annotations

import argparse
import io
import json
import sys
import tempfile
import time
from pathlib import Path

import openpyxl
import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.synthetic import DEFAULT_FOLDER, Size, actuals_frame, csv_bytes, write_files  # noqa: E402
from indicators.config import load_config  # noqa: E402
from indicators.importing import parse_upload  # noqa: E402
from indicators.registry import load_registry  # noqa: E402
from indicators.store import ActualsStore  # noqa: E402


def xlsx_bytes(frame: pd.DataFrame) -> bytes:
    workbook = openpyxl.Workbook(write_only=True)
    sheet = workbook.create_sheet("数据")
    sheet.append(list(frame.columns))
    for row in frame.itertuples(index=False, name=None):
        sheet.append(list(row))
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def time_import(content: bytes, file_name: str, settings, registry, database: Path) -> dict:
    store = ActualsStore(f"sqlite:///{database}", root=settings.root)
    try:
        started = time.perf_counter()
        parsed = parse_upload(content, file_name, registry, settings)
        parsed_at = time.perf_counter()
        if not parsed.ok:
            raise SystemExit(f"{file_name}: {parsed.errors[:3]}")
        store.commit(parsed, "bench", file_name, parsed.sha256)
        done = time.perf_counter()
    finally:
        store.close()
    return {"rows": len(parsed.rows), "parse_validate_seconds": round(parsed_at - started, 3),
            "commit_seconds": round(done - parsed_at, 3), "seconds": round(done - started, 3),
            "rows_per_second": round(len(parsed.rows) / (done - started))}


def plain_pandas(content: bytes, file_name: str) -> float:
    started = time.perf_counter()
    if file_name.endswith(".csv"):
        pd.read_csv(io.BytesIO(content))
    else:
        pd.read_excel(io.BytesIO(content), engine="openpyxl")
    return time.perf_counter() - started


def sample_rows(count: int, size: Size) -> pd.DataFrame:
    """`count` distinct series-years of the synthetic data, as staff would upload them."""
    frame = actuals_frame(size)
    if count > len(frame):
        raise SystemExit(f"only {len(frame)} synthetic rows; ask for fewer")
    return frame.sample(n=count, random_state=5).sort_index().reset_index(drop=True)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--csv-rows", type=int, default=100_000)
    parser.add_argument("--xlsx-rows", type=int, default=50_000)
    parser.add_argument("--folder", type=Path, default=DEFAULT_FOLDER)
    args = parser.parse_args()
    size = Size()
    write_files(args.folder, size)  # the registry only; no database needed
    with tempfile.TemporaryDirectory(prefix="tracker-import-") as temp:
        settings = load_config(args.folder / "config.yaml", root=Path(temp), sample_data=None,
                               registry_path=str(args.folder / "registry"),
                               cache={"folder": None})
        registry = load_registry(settings)
        files = [("import.csv", csv_bytes(sample_rows(args.csv_rows, size)))] if args.csv_rows else []
        if args.xlsx_rows:  # 0 skips a format
            files.append(("import.xlsx", xlsx_bytes(sample_rows(args.xlsx_rows, size))))
        for number, (name, content) in enumerate(files):
            figure = time_import(content, name, settings, registry, Path(temp) / f"{number}.db")
            base = plain_pandas(content, name)
            print(json.dumps({"figure": f"import_{name.split('.')[-1]}", **figure,
                              "file_mib": round(len(content) / 2**20, 2),
                              "pandas_read_seconds": round(base, 3),
                              "ratio_to_pandas_read": round(figure["seconds"] / base, 1)}),
                  flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
