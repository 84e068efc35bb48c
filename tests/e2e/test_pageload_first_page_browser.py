"""The overview drawn without waiting on the router, by the basic plotly.js bundle (issue 16).

A script added before the page's own (DevTools' addScriptToEvaluateOnNewDocument)
notes when the status tiles first appear; the page's resource timing says when
each callback request left.  The timing itself is benchmarks/pageload.py's.
"""

from __future__ import annotations

from selenium.webdriver.support.ui import WebDriverWait

from tests.e2e.conftest import WAIT_SECONDS

WATCH_TILES = """
new MutationObserver((_, observer) => {
    if (document.querySelector('#overview-body .status-tile')) {
        window.__tilesAt = performance.now();
        observer.disconnect();
    }
}).observe(document, {childList: true, subtree: true});
"""
DRAWN = ("return window.__tilesAt !== undefined"
         " && !!document.querySelector('#overview-chart .main-svg .ytick')"
         " && !!document.querySelector('#overview-grid .ag-row');")
CALLBACKS_BEFORE_TILES = """
return performance.getEntriesByType('resource')
    .filter(r => r.name.includes('_dash-update-component') && r.startTime < window.__tilesAt)
    .map(r => r.name);
"""
TRACE_TYPES = "return Object.keys(window.Plotly.PlotSchema.get().traces).sort();"


def test_the_overview_is_drawn_before_any_callback_and_by_the_basic_bundle(browser, page):
    added = browser.execute_cdp_cmd("Page.addScriptToEvaluateOnNewDocument", {"source": WATCH_TILES})
    try:
        page("/")
        WebDriverWait(browser, WAIT_SECONDS).until(lambda d: d.execute_script(DRAWN))
        # The tiles come with the layout: no router round trip before them.
        assert browser.execute_script(CALLBACKS_BEFORE_TILES) == []
        # dcc.Graph drew the chart with the vendored basic bundle, not the full plotly.js.
        assert browser.execute_script(TRACE_TYPES) == ["bar", "pie", "scatter"]
    finally:
        browser.execute_cdp_cmd("Page.removeScriptToEvaluateOnNewDocument",
                                {"identifier": added["identifier"]})
