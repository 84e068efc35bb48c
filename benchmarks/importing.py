"""Parse, validate and commit a 100,000-row CSV and a 50,000-row xlsx.

Against the synthetic registry (500 indicators x 40 regions) and a fresh
SQLite store, so each commit adds every row.  The base of the ratio is plain
pandas reading the same bytes (`read_csv` / `read_excel` with openpyxl), which
checks nothing; for the xlsx also calamine's own read of the sheet
(`CalamineWorkbook.to_python`), the yardstick of our reader (`read_sheets`:
every guard, then calamine), and the whole import against it, interleaved in one
run; and pandas' own calamine engine (`read_excel(engine="calamine")`), what a
pandas user reading the file with calamine waits for.  Prints one JSON line per file, with the load average, since the figures
depend on it; CPU times (`*_cpu_seconds`) too, which the other processes of a
shared machine disturb less than the clock.

    .venv/bin/python benchmarks/importing.py [--csv-rows 100000] [--xlsx-rows 50000] [--openpyxl]

A row count of 0 skips that format (e.g. --xlsx-rows 0 to profile the CSV alone).
--openpyxl reads the xlsx with the openpyxl reader alone, as before calamine.

Goals: under 3 s for the CSV (issue 7); the xlsx import under 1.5 s, its
reading within 1.5 x calamine's own read (issue 18).
"""

from __future__ import annotations

import argparse
import dataclasses
import io
import json
import os
import sys
import tempfile
import time
from pathlib import Path

import openpyxl
import pandas as pd
from python_calamine import CalamineWorkbook

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.synthetic import DEFAULT_FOLDER, Size, actuals_frame, csv_bytes, write_files  # noqa: E402
from indicators.config import load_config  # noqa: E402
from indicators.importing import parse_upload  # noqa: E402
from indicators.importing import xlsx as importer_xlsx  # noqa: E402
from indicators.importing.read import read_sheets  # noqa: E402
from indicators.importing.xlsx_calamine import NotForCalamine  # noqa: E402
from indicators.registry import load_registry  # noqa: E402
from indicators.registry.bulk import paused_gc  # noqa: E402
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


def time_import(content: bytes, file_name: str, settings, registry, database: Path,  # noqa: ANN001
                allow_errors: bool = False) -> dict:
    store = ActualsStore(f"sqlite:///{database}", root=settings.root)
    try:
        started, cpu_started = time.perf_counter(), time.process_time()
        parsed = parse_upload(content, file_name, registry, settings)
        parsed_at, cpu_parsed_at = time.perf_counter(), time.process_time()
        errors = parsed.errors
        if not parsed.ok and not allow_errors:
            raise SystemExit(f"{file_name}: {parsed.errors[:3]}")
        if not parsed.ok:  # --allow-errors: commit the rows that passed, as if the rest were fixed
            parsed = dataclasses.replace(parsed, errors=[])
        store.commit(parsed, "bench", file_name, parsed.sha256)
        done, cpu_done = time.perf_counter(), time.process_time()
    finally:
        store.close()
    return {"rows": len(parsed.rows), "rows_with_errors": len({issue.row for issue in errors}),
            "parse_validate_seconds": round(parsed_at - started, 3),
            "commit_seconds": round(done - parsed_at, 3), "seconds": round(done - started, 3),
            "parse_validate_cpu_seconds": round(cpu_parsed_at - cpu_started, 3),
            "commit_cpu_seconds": round(cpu_done - cpu_parsed_at, 3),
            "cpu_seconds": round(cpu_done - cpu_started, 3),
            "rows_per_second": round(len(parsed.rows) / (done - started))}


def plain_pandas(content: bytes, file_name: str) -> float:
    started = time.perf_counter()
    if file_name.endswith(".csv"):
        pd.read_csv(io.BytesIO(content))
    else:
        pd.read_excel(io.BytesIO(content), engine="openpyxl")
    return time.perf_counter() - started


def xlsx_readers(content: bytes, settings) -> dict:  # noqa: ANN001
    """Our reader (every guard, then calamine) against calamine reading the sheet alone."""
    def ours() -> None:
        with paused_gc():  # as parse_upload reads the sheets
            read_sheets(content, "import.xlsx", settings.upload)

    def calamine_alone() -> None:
        with CalamineWorkbook.from_filelike(io.BytesIO(content)) as book:
            book.get_sheet_by_index(0).to_python()

    # Interleaved, so that both see the same load; CPU time too, which other processes
    # on a shared machine disturb less than the clock.
    walls: dict[str, list[float]] = {"ours": [], "alone": []}
    cpus: dict[str, list[float]] = {"ours": [], "alone": []}
    for _ in range(5):
        for label, work in (("ours", ours),
                            ("alone", calamine_alone)):
            wall, cpu = time.perf_counter(), time.process_time()
            work()
            walls[label].append(time.perf_counter() - wall)
            cpus[label].append(time.process_time() - cpu)
    ours, alone = min(walls["ours"]), min(walls["alone"])
    # What a pandas user gets from calamine: a DataFrame of the sheet (no guard, no type checks).
    pandas_calamine = min(timed_once(lambda: pd.read_excel(io.BytesIO(content), engine="calamine"))
                          for _ in range(3))
    return {"read_sheets_seconds": round(ours, 3), "calamine_read_seconds": round(alone, 3),
            "read_ratio_to_calamine": round(ours / alone, 2),
            "pandas_calamine_read_seconds": round(pandas_calamine, 3),
            "read_ratio_to_pandas_calamine": round(ours / pandas_calamine, 2),
            "read_sheets_cpu_seconds": round(min(cpus["ours"]), 3),
            "calamine_read_cpu_seconds": round(min(cpus["alone"]), 3),
            "read_ratio_to_calamine_cpu": round(min(cpus["ours"]) / min(cpus["alone"]), 2)}


def timed_once(work) -> float:  # noqa: ANN001
    started = time.perf_counter()
    work()
    return time.perf_counter() - started


def openpyxl_only() -> None:
    """Read every xlsx with the openpyxl reader, as before calamine (the "before" figures)."""
    def refuse(*args: object) -> None:
        raise NotForCalamine("benchmark --openpyxl")

    importer_xlsx.read_with_calamine = refuse


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
    parser.add_argument("--openpyxl", action="store_true", help="the openpyxl reader alone")
    parser.add_argument("--allow-errors", action="store_true",
                        help="commit the rows that pass when the synthetic data breaks a rule")
    args = parser.parse_args()
    if args.openpyxl:
        openpyxl_only()
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
            figure = time_import(content, name, settings, registry, Path(temp) / f"{number}.db",
                                 args.allow_errors)
            base = plain_pandas(content, name)
            extra = {}
            if name.endswith(".xlsx"):
                extra = xlsx_readers(content, settings)
                extra["import_ratio_to_calamine"] = round(
                    figure["seconds"] / extra["calamine_read_seconds"], 1)
                extra["import_ratio_to_calamine_cpu"] = round(
                    figure["cpu_seconds"] / extra["calamine_read_cpu_seconds"], 1)
                extra["reader"] = "openpyxl" if args.openpyxl else "calamine"
            print(json.dumps({"figure": f"import_{name.split('.')[-1]}", **figure,
                              "file_mib": round(len(content) / 2**20, 2),
                              "pandas_read_seconds": round(base, 3),
                              "ratio_to_pandas_read": round(figure["seconds"] / base, 1), **extra,
                              "load_average": round(os.getloadavg()[0], 2)}),
                  flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
