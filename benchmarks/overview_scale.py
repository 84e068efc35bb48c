"""The overview's body at national scale, without the 316 s registry load (issue 18).

A copy of the national project (benchmarks/national_project.py) in --folder,
its registry read with documents and indicators only (the targets come from
the pickled targets frame, as benchmarks/national.py hands them to the
service), then: the full report once, the overview body of all targets and of
one region built (first) and served from the view cache (cached, p50/p95),
the size of what the router would send, and the report's own time as the
yardstick.  Prints JSON lines; --profile prints the body build's cProfile top.

    .venv/bin/python benchmarks/overview_scale.py [--folder /tmp/tracker-bench-O] [--profile]
"""

from __future__ import annotations

import argparse
import cProfile
import json
import pickle
import pstats
import statistics
import sys
import time
from pathlib import Path

import plotly.io as pio

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from indicators.config import load_config  # noqa: E402
from indicators.registry import load_registry  # noqa: E402
from indicators.service import TrackerService  # noqa: E402
from indicators.store import ActualsStore  # noqa: E402

DEFAULT_FOLDER = Path("/tmp/tracker-bench-O")


def light_service(folder: Path) -> TrackerService:
    """The service over the folder's database: documents and indicators from the YAML (the
    targets section left out), targets from targets.pkl."""
    light = folder / "light"
    if not (light / "plan.yaml").exists():
        light.mkdir(exist_ok=True)
        text = (folder / "registry" / "national_synthetic.yaml").read_text(encoding="utf-8")
        (light / "plan.yaml").write_text(text.split("\ntargets:")[0] + "\ntargets: []\n",
                                         encoding="utf-8")
    settings = load_config(folder / "config.yaml", database_url=f"sqlite:///{folder / 'tracker.db'}")
    registry = load_registry(settings.model_copy(update={"registry_path": str(light)}))
    with (folder / "targets.pkl").open("rb") as handle:
        targets, _seconds = pickle.load(handle)  # noqa: S301 - this benchmark's own file
    return TrackerService(settings, registry, ActualsStore.from_settings(settings), targets)


def timed(action) -> tuple[float, object]:
    started = time.perf_counter()
    value = action()
    return time.perf_counter() - started, value


def body_size(children) -> int:
    """Bytes of the body as Dash serialises it (the router's response, less the envelope)."""
    return len(pio.json.to_json_plotly(children).encode("utf-8"))


def measure(service: TrackerService, label: str, selection, runs: int, profile: bool) -> list[dict]:
    from layouts.pages import overview

    def build():  # through the view cache: the cached figures below find it there
        return overview.overview_body(service, "zh", selection)

    if profile:
        profiler = cProfile.Profile()
        first, body = timed(lambda: profiler.runcall(build))
        pstats.Stats(profiler, stream=sys.stderr).sort_stats("cumulative").print_stats(45)
    else:
        first, body = timed(build)
    cached = [timed(lambda: overview.overview_body(service, "zh", selection))[0]
              for _ in range(runs)]
    page = [timed(lambda: overview.layout(service, "zh", region=selection.region))
            for _ in range(runs)]
    grid_first, _ = timed(lambda: grid_block(service, selection))
    blocks = sorted(timed(lambda: grid_block(service, selection))[0] for _ in range(runs))
    return [{"figure": f"overview_scale_{label}", "first_build_seconds": round(first, 3),
             **quantiles("body_cached", cached), "body_kib": round(body_size(body) / 1024, 1),
             **quantiles("page_cached", [seconds for seconds, _ in page]),
             "page_kib": round(body_size(page[0][1]) / 1024, 1),
             "grid_first_block_seconds": round(grid_first, 3), **quantiles("grid_block", blocks)}]


def quantiles(name: str, seconds: list[float]) -> dict:
    ordered = sorted(seconds)
    return {f"{name}_p50_ms": round(statistics.median(ordered) * 1000, 2),
            f"{name}_p95_ms": round(ordered[round(0.95 * (len(ordered) - 1))] * 1000, 2)}


def grid_block(service: TrackerService, selection) -> dict:
    """A block of the server-side grid sorted by progress (the first request builds its frame)."""
    from callbacks.overview import grid_block as block

    request = {"startRow": 0, "endRow": 100, "filterModel": {},
               "sortModel": [{"colId": "progress_ratio", "sort": "asc"}]}
    return block(service, request, "zh", None, selection.region, None, selection.as_of)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--folder", type=Path, default=DEFAULT_FOLDER)
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--profile", action="store_true")
    parser.add_argument("--only", choices=("all", "region"))
    args = parser.parse_args()
    from layouts.pages import overview

    service = light_service(args.folder)
    actuals_seconds, _ = timed(service.actuals)
    report_seconds, gap = timed(service.report)
    print(json.dumps({"figure": "overview_scale_yardstick", "actuals_seconds": round(actuals_seconds, 2),
                      "report_seconds": round(report_seconds, 2), "targets": len(gap.report)}),
          flush=True)
    # As the router asks for "/" and "/?region=...": the default (latest) year.
    cases = {"all": overview.selection_from(service, None, None, None, None),
             "region": overview.selection_from(service, None, "CN-AAB", None, None)}
    for label, selection in cases.items():
        if args.only in (None, label):
            for figure in measure(service, label, selection, args.runs, args.profile):
                print(json.dumps(figure), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
