"""National scale: 3,000 regions, 180,000 targets, 2,160,000 actuals (benchmarks/national_project.py).

Each part runs in its own process (its peak RSS is its own) and prints JSON lines:

* `engine`: reading every current value, the full gap report (best of --runs)
  against a pandas groupby-last over the same actuals, and the report with sources;
* `incremental`: one county's upload (its 60 series, latest year), then the
  patched actuals and report (indicators.service.incremental) against a full
  read and report, checked equal;
* `callbacks`: overview (all targets, one region), indicator page and
  comparison through app.server.test_client() as an editor (benchmarks.callbacks),
  first render and cached; and the overview right after a commit;
* `registry`: benchmarks/registry.py's steps (YAML load, seed into an empty SQLite
  file, a worker's read back and targets frame), each against a yardstick;
* `worker`: one server worker's start on the national database, its warm-ups and its
  resident and peak memory (benchmarks/national_worker.py).

    .venv/bin/python benchmarks/national.py [--only engine|incremental|callbacks|registry|worker] [--runs 3]
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import time
from pathlib import Path

import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.national_project import (  # noqa: E402
    DEFAULT_FOLDER,
    SIZE,
    build,
    region_registry,
    region_tree,
    targets_of,
)
from benchmarks.synthetic import FIRST_YEAR, csv_bytes  # noqa: E402
from indicators.engine import gap_report, targets_frame  # noqa: E402
from indicators.importing import parse_upload  # noqa: E402
from indicators.registry import load_registry  # noqa: E402
from indicators.service.cache import version_token  # noqa: E402
from indicators.service.incremental import Incremental, full_report  # noqa: E402
from indicators.store import ActualsStore  # noqa: E402

LATEST = FIRST_YEAR + SIZE.years - 1
COUNTY = 2500  # position of the region whose upload is timed (a county)


def rss_mib() -> float:
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)


def timed(action):
    started = time.perf_counter()
    value = action()
    return time.perf_counter() - started, value


def best_of(runs: int, action) -> float:
    return min(timed(action)[0] for _ in range(runs))


def engine_part(settings, runs: int) -> list[dict]:
    targets, registry_seconds, _ = targets_of(settings)
    store = ActualsStore.from_settings(settings)
    read_seconds, actuals = timed(lambda: store.current_actuals(sources=True))
    report_seconds = best_of(runs, lambda: gap_report(targets, actuals, None, settings.status))
    floor = best_of(runs, lambda: actuals.groupby(["indicator_id", "region"]).last())
    sources_seconds = best_of(1, lambda: full_report(targets, actuals, None, settings.status))
    return [
        {"figure": "national_registry_load", "seconds": round(registry_seconds, 1),
         "targets": len(targets), "note": "load_registry of the YAML, first load"},
        {"figure": "national_read_current_actuals", "seconds": round(read_seconds, 2),
         "actual_rows": len(actuals)},
        {"figure": "national_gap_report", "seconds": round(report_seconds, 3),
         "groupby_last_seconds": round(floor, 3), "ratio": round(report_seconds / floor, 2)},
        {"figure": "national_report_with_sources", "seconds": round(sources_seconds, 3)},
        {"figure": "national_engine_peak_rss_mib", "value": rss_mib()},
    ]


def county_upload(settings, registry, store, factor: float,
                  current: pd.DataFrame | None = None) -> float:
    """One county's 60 values of the latest year, each revised by `factor`; the seconds the
    commit took (not the reading of the current values the file is made from).  `current`:
    the current values when the caller holds them (else they are read from the store)."""
    code = region_tree()["code"].iloc[COUNTY]
    rows = pd.DataFrame({"indicator_id": [f"ind_{i:04d}" for i in range(SIZE.indicators)],
                         "region": code, "year": LATEST})
    current = store.current_actuals() if current is None else current
    current = current[["indicator_id", "region", "year", "value"]].astype(
        {"indicator_id": str, "region": str}).merge(rows, on=["indicator_id", "region", "year"])
    current["value"] = (current["value"] * factor).round(3)
    parsed = parse_upload(csv_bytes(current[["indicator_id", "region", "year", "value"]]),
                          "county.csv", registry, settings)
    if not parsed.ok:
        raise SystemExit(f"county upload failed validation: {parsed.errors[:3]}")
    return timed(lambda: store.commit(parsed, "bench", "county.csv", parsed.sha256))[0]


def incremental_part(settings, runs: int) -> list[dict]:
    targets = targets_of(settings)[0]
    registry = region_registry(settings, region_tree()["code"].iloc[COUNTY])
    store = ActualsStore.from_settings(settings)
    state = Incremental(store)
    token = version_token(store.engine)
    state.report(token, None, targets, settings.status, state.actuals(token))
    patched_times, full_times = [], []
    for run in range(runs):
        commit_seconds = county_upload(settings, registry, store,
                                       1.01 if run % 2 == 0 else 1 / 1.01)
        token = version_token(store.engine)
        seconds, report = timed(lambda token=token: state.report(
            token, None, targets, settings.status, state.actuals(token)))
        patched_times.append(seconds)
        full_seconds, full = timed(lambda: full_report(
            targets, store.current_actuals(sources=True), None, settings.status))
        full_times.append(full_seconds)
        pd.testing.assert_frame_equal(report.report, full.report)  # outside the clocks
        pd.testing.assert_frame_equal(report.history, full.history)
    patched, whole = min(patched_times), min(full_times)
    return [
        {"figure": "national_county_commit", "seconds": round(commit_seconds, 3), "rows": 60},
        {"figure": "national_incremental_after_one_region", "seconds": round(patched, 3),
         "full_read_and_report_seconds": round(whole, 3), "ratio_to_full": round(patched / whole, 3),
         "equal_to_full": True},
        {"figure": "national_incremental_peak_rss_mib", "value": rss_mib()},
    ]


def callbacks_part(settings, runs: int) -> list[dict]:
    import app as app_module
    from benchmarks import dash_requests as dr
    from benchmarks.callbacks import Caller, comparison_calls, logged_in_client
    from indicators.service.tracker import TrackerService, shared_cache

    started = time.perf_counter()
    registry = targets_of(settings)[2] or load_registry(settings)
    targets = targets_frame(registry)
    service = TrackerService(settings, registry, ActualsStore.from_settings(settings), targets,
                             shared=shared_cache(settings, targets))
    # create_app opens its service from config.yaml (load_registry again): hand it this one.
    app_module.TrackerService.open = lambda *_args, **_kwargs: service
    app = app_module.create_app(settings)
    service.report()  # not warm(): it would build the overview timed below as a first render
    app_module.freeze_long_lived()  # as a server process does (app.serve_long), minus the watcher
    figures = [{"figure": "national_registry_app_start_and_first_report",
                "seconds": round(time.perf_counter() - started, 2)}]
    caller = Caller(logged_in_client(app, service.store))
    codes = list(region_tree()["code"])
    picks = [codes[i] for i in (0, 5, 100, 1000, 2999)]
    calls = {
        "overview_all_targets": [(dr.ROUTER_OUTPUT, dr.router_values("/"), "url.pathname")],
        "overview_one_region": [(dr.OVERVIEW_OUTPUT, dr.overview_values(region=code, as_of=LATEST),
                                 f"{dr.overview.REGION_FILTER}.value") for code in picks],
        "indicator_page": [(dr.ROUTER_OUTPUT, dr.router_values(f"/indicator/ind_{i:04d}/{code}"),
                            "url.pathname") for i, code in zip((1, 7, 13, 29, 59), picks, strict=True)],
        "comparison_page": comparison_calls([codes[0], *picks[1:]], SIZE, 4),
    }
    for name, group in calls.items():
        figures += caller.measure(f"national_{name}", group, runs if len(group) > 1 else runs * 3)
    # The tracker patches its actuals and report after a commit (indicators.service.incremental):
    # the first commit of a process pays that path's set-up; the upload page's commit also warms
    # the report and the default overview in the background before the viewer comes.
    for label, warmed in (("first_commit_of_process", False), ("later_commit", False),
                          ("warmed", True)):
        figures.append(after_commit(caller, service, settings, calls, label, warmed))
    figures += handed_on(caller, service, settings, codes[100:120])
    figures.append({"figure": "national_callbacks_peak_rss_mib", "value": rss_mib()})
    return figures


def handed_on(caller, service, settings, regions: list[str]) -> list[dict]:
    """Regions' overviews and indicator pages before and after another county's commit
    (service.carry hands on the pages the commit did not touch), and the county's own."""
    from benchmarks import dash_requests as dr

    def overview(code):
        return (dr.OVERVIEW_OUTPUT, dr.overview_values(region=code),
                f"{dr.overview.REGION_FILTER}.value")

    def indicator(code):
        return dr.ROUTER_OUTPUT, dr.router_values(f"/indicator/ind_0003/{code}"), "url.pathname"

    def median_ms(calls) -> float:
        return round(sorted(caller.post(*call)[0] for call in calls)[len(calls) // 2] * 1000, 1)

    pages = {"overview": [overview(code) for code in regions],
             "indicator_page": [indicator(code) for code in regions]}
    first = {name: median_ms(calls) for name, calls in pages.items()}
    county = region_tree()["code"].iloc[COUNTY]
    caller.post(*overview(county))
    county_upload(settings, service.registry, service.store, 1.03)
    service.warm_in_background().join()
    figures = [{"figure": f"national_{name}_after_another_regions_commit", "regions": len(regions),
                "first_render_p50_ms": first[name], "after_commit_p50_ms": median_ms(calls)}
               for name, calls in pages.items()]
    seconds = caller.post(*overview(county))[0]
    figures.append({"figure": "national_overview_of_the_committing_region_after_its_commit",
                    "ms": round(seconds * 1000, 1)})
    return figures


def after_commit(caller, service, settings, calls, label: str, warmed: bool) -> dict:
    """One county's upload, then the overview of all targets: report and views rebuilt."""
    commit_seconds = county_upload(settings, service.registry, service.store,
                                   1.02 if label != "later_commit" else 1 / 1.02)
    warm_seconds = timed(lambda: service.warm_in_background().join())[0] if warmed else None
    seconds, size, _ = caller.post(*calls["overview_all_targets"][0])
    return {"figure": f"national_overview_first_after_commit_{label}",
            "seconds": round(seconds, 3), "commit_seconds": round(commit_seconds, 3),
            "warm_seconds": warm_seconds and round(warm_seconds, 3),
            "response_kib": round(size / 1024, 1)}


def registry_part(settings, runs: int) -> list[dict]:
    from benchmarks.registry import STEPS, run_steps  # it imports this module

    return run_steps(SIZE.regions, list(STEPS))


def worker_part(settings, runs: int) -> list[dict]:
    from benchmarks.national_worker import worker_part as part  # it imports this module

    return part(settings, runs)


# The callbacks part first: it validates the whole registry anyway and leaves the targets
# frame pickled for the others.
PARTS = {"callbacks": callbacks_part, "engine": engine_part, "incremental": incremental_part,
         "registry": registry_part, "worker": worker_part}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--folder", type=Path, default=DEFAULT_FOLDER)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--only", choices=sorted(PARTS))
    parser.add_argument("--timeout", type=float, default=900, help="seconds per part")
    args = parser.parse_args()
    settings = build(args.folder, log=lambda text: print(text, file=sys.stderr))
    if args.only:
        for figure in PARTS[args.only](settings, args.runs):
            print(json.dumps(figure), flush=True)
        return 0
    for name in PARTS:  # each in its own process: its own peak memory, one stall cannot stop the rest
        command = [sys.executable, __file__, *sys.argv[1:], "--only", name]
        try:
            done = subprocess.run(command, capture_output=True, text=True, timeout=args.timeout,
                                  check=False)
        except subprocess.TimeoutExpired:
            print(json.dumps({"figure": f"national_{name}", "error": "timed out"}), flush=True)
            continue
        sys.stdout.write(done.stdout)
        if done.returncode != 0:
            print(json.dumps({"figure": f"national_{name}",
                              "error": done.stderr.strip().splitlines()[-1:]}), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
