"""First load of the overview in headless Chromium, with the sample data.

The app runs under gunicorn (1 worker) on loopback with the real registry and
the sample data, open to anonymous viewers so no login page comes first.
Each run starts a new browser (empty cache) and opens "/".  Navigation Timing
gives DOMContentLoaded and the load event; a Dash page is only usable once its
callbacks have filled the page, so the times (performance.now(), the same
clock) until the status tiles, the drawn progress chart and the gap table's
first rows are in the document are reported too; overview_rendered_ms is the
last of them, the whole overview.  Prints one JSON line with the median of the runs.

    .venv/bin/python benchmarks/pageload.py [--runs 3]

The same browser then opens "/" again, as a returning viewer does: with the
component bundles and assets cached for a year (callbacks.static_cache), only
the page and its data travel (reload_transferred_kib).

Goals: the whole overview within 1.2 s (issue 16; 1.5 s for the tiles, issue 7); the first
load under 1 MiB on the wire (issue 18).

On a shared machine only figures measured side by side compare:

    .venv/bin/python benchmarks/pageload.py --runs 5 --against /tmp/before-tree

serves a second copy of the project (another checkout, same .venv) beside this
one and opens them in turn, one load each, so both see the same load; it prints
one JSON line per tree ("tree": "this" / "against") and their ratios.  Each load
also reports `server_ms`: the server's time (responseStart - requestStart) for
the page, /_dash-layout, /_dash-dependencies and the callbacks before the last
milestone, summed, and `scripts_done_ms`, when the last script had arrived.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import statistics
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks import server  # noqa: E402
from benchmarks.server import gunicorn_server, project_config  # noqa: E402

CHROMIUM = "/usr/bin/chromium"
CHROMEDRIVER = "/usr/bin/chromedriver"
FLAGS = ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
         "--no-first-run", "--disable-background-networking", "--window-size=1366,768")
# What a viewer waits for, each as the selector of its first sign in the document.
MILESTONES = {
    "tiles_ms": "#overview-body .status-tile",
    "chart_ms": "#overview-chart .main-svg .ytick",  # plotly.js has drawn the rows
    "table_rows_ms": "#overview-grid .ag-row",
}
# Resolves with {milestone: performance.now()} once every milestone is in the document.
WAIT_FOR_OVERVIEW = """
const done = arguments[arguments.length - 1];
const milestones = arguments[0];
const seen = {};
function check() {
    for (const [name, selector] of Object.entries(milestones)) {
        if (!(name in seen) && document.querySelector(selector)) { seen[name] = performance.now(); }
    }
    return Object.keys(seen).length === Object.keys(milestones).length;
}
if (check()) { done(seen); return; }
new MutationObserver((_, observer) => {
    if (check()) { observer.disconnect(); done(seen); }
}).observe(document.documentElement, {childList: true, subtree: true});
"""
NAVIGATION = "return performance.getEntriesByType('navigation')[0].toJSON();"
# The server's share: time to first byte of the page, its layout and dependencies, and the
# callbacks answered before the overview was whole (arguments[0]: that moment).
SERVER_MS = """
const until = arguments[0];
const nav = performance.getEntriesByType('navigation')[0];
let total = nav.responseStart - nav.requestStart;
let scripts = 0;
for (const r of performance.getEntriesByType('resource')) {
    if (r.initiatorType === 'script' || r.name.endsWith('.js')) { scripts = Math.max(scripts, r.responseEnd); }
    if (/_dash-(layout|dependencies|update-component)/.test(r.name) && r.responseEnd <= until) {
        total += r.responseStart - r.requestStart;
    }
}
return [total, scripts];
"""


def browser():
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in FLAGS:
        options.add_argument(flag)
    driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
    driver.set_script_timeout(60)
    return driver


def one_load(base_url: str) -> dict:
    driver = browser()
    try:
        first = _open_overview(driver, base_url)
        # The same browser comes back: what its cache holds is not fetched again.
        again = _open_overview(driver, base_url)
    finally:
        driver.quit()
    return {**first, "reload_rendered_ms": again["overview_rendered_ms"],
            "reload_transferred_kib": again["transferred_kib"]}


def _open_overview(driver, base_url: str) -> dict:  # noqa: ANN001
    driver.get(base_url + "/")
    milestones = driver.execute_async_script(WAIT_FOR_OVERVIEW, MILESTONES)
    navigation = driver.execute_script(NAVIGATION)
    # transferSize: bytes on the wire (compressed bodies and headers); 0 for a cache hit.
    transferred = driver.execute_script(
        "return performance.getEntriesByType('resource')"
        ".reduce((sum, r) => sum + (r.transferSize || 0), 0);")
    rendered = max(milestones.values())
    server_ms, scripts_done_ms = driver.execute_script(SERVER_MS, rendered)
    return {"dom_content_loaded_ms": navigation["domContentLoadedEventEnd"],
            "load_event_ms": navigation["loadEventEnd"], **milestones,
            "overview_rendered_ms": rendered, "server_ms": server_ms,
            "scripts_done_ms": scripts_done_ms,
            "transferred_kib": (transferred + navigation.get("transferSize", 0)) / 1024}


@contextlib.contextmanager
def app_server(folder: Path, root: Path) -> Iterator[str]:
    """gunicorn -w 1 serving the project at `root` with the sample data; yields its base URL."""
    folder.mkdir(parents=True, exist_ok=True)
    config = project_config(folder, f"sqlite:///{folder / 'tracker.db'}", anonymous_view=True)
    here, server.ROOT = server.ROOT, root  # gunicorn_server starts the app of server.ROOT
    try:
        running = gunicorn_server(config, workers=1, log=folder / "gunicorn.log")
        base_url = running.__enter__()
    finally:
        server.ROOT = here
    try:
        one_load(base_url)  # the server's first request fills its caches; a viewer's rarely does
        yield base_url
    finally:
        running.__exit__(None, None, None)


def summary(loads: list[dict], **labels: object) -> dict:
    figure = {"figure": "page_load_overview", "runs": len(loads), "data": "sample", **labels}
    for key in loads[0]:
        figure[key] = round(statistics.median(load[key] for load in loads), 1)
    return figure


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--against", type=Path, action="append", default=[],
                        help="another checkout, measured in turn with this one (may be repeated)")
    args = parser.parse_args()
    others = {("against" if i == 0 else f"against_{i + 1}"): root.resolve()
              for i, root in enumerate(args.against)}
    trees = {"this": server.ROOT, **others}
    loads: dict[str, list[dict]] = {name: [] for name in trees}
    with tempfile.TemporaryDirectory(prefix="tracker-pageload-") as temp, contextlib.ExitStack() as stack:
        urls = {name: stack.enter_context(app_server(Path(temp) / name, root))
                for name, root in trees.items()}
        for _ in range(args.runs):
            for name, base_url in urls.items():  # in turn: both trees see the same load
                loads[name].append(one_load(base_url))
    figures = {name: summary(runs, tree=name) if others else summary(runs)
               for name, runs in loads.items()}
    for figure in figures.values():
        print(json.dumps(figure))
    for name in others:
        this, against = figures["this"], figures[name]
        print(json.dumps({"figure": f"page_load_ratio_this_to_{name}", **{
            key: round(this[key] / against[key], 2) for key in this
            if key.endswith("_ms") and against.get(key)}}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
