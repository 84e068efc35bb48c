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
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

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
    return {"dom_content_loaded_ms": navigation["domContentLoadedEventEnd"],
            "load_event_ms": navigation["loadEventEnd"], **milestones,
            "overview_rendered_ms": max(milestones.values()),
            "transferred_kib": (transferred + navigation.get("transferSize", 0)) / 1024}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="tracker-pageload-") as temp:
        folder = Path(temp)
        config = project_config(folder, f"sqlite:///{folder / 'tracker.db'}", anonymous_view=True)
        with gunicorn_server(config, workers=1, log=folder / "gunicorn.log") as base_url:
            one_load(base_url)  # the server's first request fills its caches; a viewer's rarely does
            loads = [one_load(base_url) for _ in range(args.runs)]
    figure = {"figure": "page_load_overview", "runs": args.runs, "data": "sample"}
    for key in loads[0]:
        figure[key] = round(statistics.median(load[key] for load in loads), 1)
    print(json.dumps(figure))
    return 0


if __name__ == "__main__":
    sys.exit(main())
