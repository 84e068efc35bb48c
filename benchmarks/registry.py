"""The registry at national scale (issue 18): YAML load, seed, read back, targets frame.

Each step runs in its own process (its peak RSS is its own) and prints JSON lines, each
with a yardstick taken in the same process:

* `load`: load_registry of the YAML against yaml.load (the C safe loader, as
  load_registry's reader) and json.loads of the same records (each record is one JSON line);
* `seed`: seed_if_empty into an empty SQLite file (load_registry of the YAML included);
* `read`: what a worker does at start or after a registry change: RegistryStore.registry
  and targets_frame, against json.loads of the stored records and against the
  record-by-record read it replaced (checked equal).

    .venv/bin/python benchmarks/registry.py [--regions 3000] [--step load|seed|read]

--regions below 3,000 reads a slice: the first regions of benchmarks/national_project's
tree with their plans, written once to /tmp/tracker-bench/registry-<regions>/.
"""

from __future__ import annotations

import argparse
import json
import os
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.national import rss_mib  # noqa: E402
from benchmarks.national_project import DEFAULT_FOLDER, SIZE, region_tree, registry_text  # noqa: E402
from benchmarks.synthetic import Size  # noqa: E402
from indicators.config import SAFE_LOADER, Settings, load_config  # noqa: E402
from indicators.engine import targets_frame  # noqa: E402
from indicators.registry import load_registry, registry_from_records  # noqa: E402
from indicators.store import ActualsStore, RegistryStore  # noqa: E402
from indicators.store.registry_versions import (  # noqa: E402
    current_payloads,
    raw_records,
    version_rows,
)

BENCH = Path("/tmp/tracker-bench")


def timed(action) -> tuple[dict, object]:
    """Wall and CPU seconds of one call, and its value.  Eight engineers share two cores
    here: a process may get a fifth of one, so the ratios use CPU seconds."""
    wall, cpu = time.perf_counter(), time.process_time()
    value = action()
    return {"seconds": round(time.perf_counter() - wall, 2),
            "cpu_seconds": round(time.process_time() - cpu, 2)}, value


def ratio(numerator: dict, denominator: dict) -> float:
    return round(numerator["cpu_seconds"] / max(denominator["cpu_seconds"], 0.01), 2)


def project(regions: int) -> tuple[Settings, Path, Path]:
    """Settings (the national config: every region), the registry file, the SQLite file."""
    folder = DEFAULT_FOLDER if regions >= SIZE.regions else BENCH / f"registry-{regions}"
    source = folder / "registry" / ("national_synthetic.yaml" if regions >= SIZE.regions
                                    else "slice.yaml")
    if not source.exists():
        source.parent.mkdir(parents=True, exist_ok=True)
        tree = region_tree()[:regions]
        text = registry_text(tree, Size(SIZE.indicators, regions, SIZE.years))
        source.write_text(text, encoding="utf-8")
    database = BENCH / f"registry-{regions}.db"
    settings = load_config(DEFAULT_FOLDER / "config.yaml", database_url=f"sqlite:///{database}")
    return settings.model_copy(update={"registry_path": str(source.parent)}), source, database


def yaml_yardsticks(source: Path) -> tuple[dict, dict, int]:
    """The times of json.loads of every record line and of yaml.load of the file; records."""
    text = source.read_text(encoding="utf-8")
    json_seconds, records = timed(lambda: [json.loads(line[4:]) for line in text.splitlines()
                                           if line.startswith("  - ")])
    yaml_seconds, _ = timed(lambda: yaml.load(text, Loader=SAFE_LOADER))  # noqa: S506 - safe
    return json_seconds, yaml_seconds, len(records)


def load_step(settings: Settings, source: Path, database: Path) -> list[dict]:
    json_seconds, yaml_seconds, records = yaml_yardsticks(source)
    seconds, registry = timed(lambda: load_registry(settings))
    return [{"figure": "registry_yaml_load", **seconds, "targets": len(registry.targets),
             "records": records, "megabytes": round(source.stat().st_size / 1e6, 1),
             "yaml_load": yaml_seconds, "json_loads": json_seconds,
             "cpu_ratio_to_yaml_load": ratio(seconds, yaml_seconds),
             "cpu_ratio_to_json_loads": ratio(seconds, json_seconds)},
            {"figure": "registry_yaml_load_peak_rss_mib", "value": rss_mib()}]


def seed_step(settings: Settings, source: Path, database: Path) -> list[dict]:
    database.unlink(missing_ok=True)
    store = ActualsStore.from_settings(settings)
    try:
        seconds, seeded = timed(lambda: RegistryStore(store.engine).seed_if_empty(settings))
    finally:
        store.close()
    return [{"figure": "registry_seed_empty_sqlite", **seconds, "seeded": seeded,
             "note": "load_registry of the YAML, then one bulk insert"},
            {"figure": "registry_seed_peak_rss_mib", "value": rss_mib()}]


def read_step(settings: Settings, source: Path, database: Path) -> list[dict]:
    """The worker's read first, so the peak RSS is a worker's; the yardsticks after it."""
    store = ActualsStore.from_settings(settings)
    try:
        seconds, registry = timed(lambda: RegistryStore(store.engine).registry(settings))
    finally:
        store.close()
    frame_seconds, frame = timed(lambda: targets_frame(registry))
    worker_rss = rss_mib()
    floor = stored_yardstick(database)
    old_seconds, old = timed(lambda: record_by_record(settings))
    same = old.targets == registry.targets and old.documents == registry.documents
    return [{"figure": "registry_read_back", **seconds, "targets": len(registry.targets),
             "sqlite3_and_json_loads": floor, "cpu_ratio_to_json_loads": ratio(seconds, floor),
             "record_by_record": old_seconds,
             "cpu_ratio_to_record_by_record": ratio(seconds, old_seconds),
             "equal_to_record_by_record": same},
            {"figure": "registry_targets_frame", **frame_seconds, "rows": len(frame)},
            {"figure": "registry_read_and_frame_peak_rss_mib", "value": worker_rss},
            {"figure": "registry_read_step_peak_rss_mib", "value": rss_mib(),
             "note": "with the yardsticks"}]


def record_by_record(settings: Settings):
    """The read before issue 18: every version as a row, json.loads, check_records."""
    store = ActualsStore.from_settings(settings)
    try:
        with store.engine.connect() as connection:
            rows = version_rows(connection)
    finally:
        store.close()
    return registry_from_records(raw_records(current_payloads(rows)), settings,
                                 version=rows[-1].id)


def stored_yardstick(database: Path) -> dict:
    """The time to read every stored record's text and json.loads it, with sqlite3 alone."""
    def read() -> list:
        with sqlite3.connect(database) as connection:
            rows = connection.execute("SELECT new FROM registry_versions").fetchall()
        return [json.loads(row[0]) for row in rows]
    return timed(read)[0]


STEPS = {"load": load_step, "seed": seed_step, "read": read_step}


def run_steps(regions: int, steps: list[str]) -> list[dict]:
    """Each step in its own process, in order; a failed step reports its last error line."""
    figures = [{"figure": "registry_run", "regions": regions,
                "load_average": [round(load, 2) for load in os.getloadavg()]}]
    for step in steps:
        done = subprocess.run([sys.executable, __file__, "--regions", str(regions), "--step", step],
                              capture_output=True, text=True, check=False)
        figures += [json.loads(line) for line in done.stdout.splitlines() if line.strip()]
        if done.returncode != 0:
            figures.append({"figure": f"registry_{step}",
                            "error": done.stderr.strip().splitlines()[-1:]})
    return figures


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--regions", type=int, default=SIZE.regions)
    parser.add_argument("--step", choices=sorted(STEPS))
    args = parser.parse_args()
    if args.step:
        figures = STEPS[args.step](*project(args.regions))
    else:
        figures = run_steps(args.regions, list(STEPS))
    for figure in figures:
        print(json.dumps(figure), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
