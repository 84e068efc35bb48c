"""One server worker at national scale: its start, its warm-ups and its memory.

Run by benchmarks/national.py (`--only worker`) in a process of its own, so the
peak it prints is one worker's.  It does what a gunicorn worker does
(app.create_server): create_app on the national database, which reads the
registry back from the database as every server process does, then
freeze_long_lived; then the first report and warm() (the default overview), 50
regions' overviews, and a county's commit followed by the warm-up each worker
runs after any commit.  A database without a registry gets it first, in a child
process (seeding reads the 57 MB YAML: that peak is not a worker's).
"""

from __future__ import annotations

import resource
import subprocess
import sys
import time
from pathlib import Path

SEED = """
import sys
sys.path.insert(0, sys.argv[1])
from indicators.config import load_config
from indicators.store import ActualsStore, RegistryStore
settings = load_config(sys.argv[2])
RegistryStore(ActualsStore.from_settings(settings).engine).seed_if_empty(settings)
"""
ROOT = Path(__file__).resolve().parent.parent
REGION_OVERVIEWS = 50


def peak_mib() -> float:
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)


def resident_mib() -> float:
    """This process's resident memory now (the peak is ru_maxrss)."""
    pages = int(Path("/proc/self/statm").read_text().split()[1])
    return round(pages * resource.getpagesize() / 2**20, 1)


def worker_part(settings, runs: int) -> list[dict]:  # noqa: ARG001 - each step runs once
    import app as app_module
    from benchmarks import dash_requests as dr
    from benchmarks.callbacks import Caller, logged_in_client
    from benchmarks.national import LATEST, county_upload, region_tree

    subprocess.run([sys.executable, "-c", SEED, str(ROOT), str(settings.root / "config.yaml")],
                   check=True)
    started = time.perf_counter()
    app = app_module.create_app(settings)
    service = app.server.config["TRACKER_SERVICE"]
    app_module.freeze_long_lived()
    figures = [step("national_worker_start", started, targets=len(service.registry.targets))]
    started = time.perf_counter()
    service.warm()  # the first report and the default overview, as the watcher does
    figures.append(step("national_worker_first_warm", started))
    caller = Caller(logged_in_client(app, service.store))
    codes = list(region_tree()["code"])
    started = time.perf_counter()
    for code in codes[::len(codes) // REGION_OVERVIEWS][:REGION_OVERVIEWS]:
        caller.post(dr.OVERVIEW_OUTPUT, dr.overview_values(region=code, as_of=LATEST),
                    f"{dr.overview.REGION_FILTER}.value")
    figures.append(step("national_worker_region_overviews", started, count=REGION_OVERVIEWS))
    # The file is made from the worker's own current values: a full read here would be
    # the benchmark's peak, not the worker's.
    commit_seconds = county_upload(settings, service.registry, service.store, 1.01,
                                   service.actuals())
    started = time.perf_counter()
    service.warm()  # what every worker does after any commit (its watcher)
    figures.append(step("national_worker_warm_after_commit", started,
                        commit_seconds=round(commit_seconds, 3)))
    figures.append({"figure": "national_worker_peak_rss_mib", "value": peak_mib(),
                    "resident_mib": resident_mib()})
    return figures


def step(name: str, started: float, **extra: object) -> dict:
    """A step's seconds and the process's resident memory after it."""
    return {"figure": name, "seconds": round(time.perf_counter() - started, 3),
            "resident_mib": resident_mib(), **extra}
