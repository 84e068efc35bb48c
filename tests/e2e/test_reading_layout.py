"""Reading on a phone (390x844) and a desktop (1440x900), in Chinese and English.

No page scrolls sideways, the overview chart's labels fit inside it and the
chart is shown whole (no scroll box of its own), the gap table shows its
reading columns (on a phone the four that fit), and the phone's header folds
its navigation behind a menu button.
"""

from __future__ import annotations

import pytest
from selenium.webdriver.common.by import By

from layouts import ids
from layouts.grid import column_chooser
from layouts.grid.report_table import GRID, column_defs
from layouts.pages import overview as overview_page
from layouts.pages.shell import MENU, MENU_BUTTON

PHONE, DESKTOP = (390, 844, True), (1440, 900, False)
VIEWPORTS = {"phone": PHONE, "desktop": DESKTOP}
PAGES = ("/", "DETAIL", "/compare", "/upload", "/history", "/audit", "/method")

OVERFLOW_JS = ("return [document.documentElement.scrollWidth, window.innerWidth,"
               " document.documentElement.clientWidth];")
# Every text of the chart (row labels, ticks, titles, legend) inside the chart's own box.
TEXTS_OUTSIDE_JS = """
const svg = document.querySelector(arguments[0] + ' .main-svg');
const box = svg.getBoundingClientRect();
const outside = [];
for (const text of document.querySelectorAll(arguments[0] + ' svg text')) {
    const r = text.getBoundingClientRect();
    if (!r.width || !text.textContent.trim()) { continue; }
    if (r.left < box.left - 1 || r.right > box.right + 1 || r.top < box.top - 1
        || r.bottom > box.bottom + 1) {
        outside.push([text.textContent, Math.round(r.left), Math.round(r.right)]);
    }
}
return outside;
"""
# Tick labels of one x axis that overlap their neighbours (ticks "piled on each other").
PILED_TICKS_JS = """
const piled = [];
for (const axis of document.querySelectorAll(arguments[0] + ' .xaxislayer-above')) {
    const boxes = [...axis.querySelectorAll('.xtick text')].map(t => t.getBoundingClientRect())
        .filter(r => r.width).sort((a, b) => a.left - b.left);
    for (let i = 1; i < boxes.length; i++) {
        if (boxes[i].left < boxes[i - 1].right) { piled.push(i); }
    }
}
return piled;
"""
# Charts and grids draw after the page: every chart has its SVG, every grid rows or its overlay.
DRAWN_JS = """
const graphs = [...document.querySelectorAll('.dash-graph')];
const grids = [...document.querySelectorAll('.ag-root-wrapper')];
return graphs.every(g => g.querySelector('.main-svg'))
    && grids.every(g => g.querySelector('.ag-row, .ag-overlay-no-rows-wrapper'));
"""
SCROLL_BOXES_JS = """
let node = document.getElementById(arguments[0]);
const boxes = [];
while (node && node !== document.body) {
    const style = getComputedStyle(node);
    if (/(auto|scroll|hidden)/.test(style.overflowY) && node.scrollHeight > node.clientHeight + 1) {
        boxes.push(node.className || node.tagName);
    }
    node = node.parentElement;
}
return boxes;
"""
HEADERS_JS = """
const grid = document.getElementById(arguments[0]);
return [...grid.querySelectorAll('.ag-header-cell')].map(cell => {
    const r = cell.getBoundingClientRect();
    return [cell.textContent.trim(), Math.round(r.right - grid.getBoundingClientRect().right)];
});
"""


@pytest.fixture
def viewport(browser):
    """Emulate a screen size (a phone as a touch device) for one test; restore afterwards."""

    def set_size(size: tuple[int, int, bool]) -> None:
        width, height, mobile = size
        browser.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", {
            "width": width, "height": height, "deviceScaleFactor": 1, "mobile": mobile})

    yield set_size
    browser.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})


@pytest.fixture
def open_page(page, browser, viewport):
    """open_page(path, size, lang): the page at that size, in that language."""

    def open_at(path: str, size: tuple[int, int, bool], lang: str):
        viewport(size)
        browser.execute_script("window.localStorage.setItem(arguments[0], arguments[1]);",
                               ids.LANG_STORE, f'"{lang}"')
        return page(path)

    return open_at


def _detail_path(tracker_service) -> str:
    report = tracker_service.report().report
    row = report[report["latest_value"].notna() & report["baseline_value"].notna()].iloc[0]
    return f"/indicator/{row['indicator_id']}/{row['region']}"


def _chart_ready(browser, narrow: bool) -> bool:
    """The chart is drawn, in the layout for its width (the phone's arrives clientside)."""
    return bool(browser.execute_script(
        "const gd = document.querySelector(arguments[0] + ' .js-plotly-plot');"
        "if (!gd || !gd._fullLayout || !document.querySelector(arguments[0] + ' .ytick')) "
        "{ return false; }"
        "return (gd.layout.yaxis.ticklabelposition === 'inside') === arguments[1];",
        f"#{overview_page.CHART}", narrow))


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("screen", ["phone", "desktop"])
def test_no_page_scrolls_sideways(open_page, browser, wait, live_server, tracker_service,
                                  screen, lang):
    size = VIEWPORTS[screen]
    for path in PAGES:
        path = _detail_path(tracker_service) if path == "DETAIL" else path
        open_page(path, size, lang)
        wait.until(lambda d: d.execute_script(DRAWN_JS))
        scroll_width, inner_width, _ = browser.execute_script(OVERFLOW_JS)
        assert inner_width == size[0], path  # a phone widens its viewport to fit wide content
        assert scroll_width <= inner_width, f"{path} is {scroll_width} px wide at {inner_width}"
    browser.get(live_server + f"/login?lang={lang}")
    scroll_width, inner_width, _ = browser.execute_script(OVERFLOW_JS)
    assert scroll_width <= inner_width == size[0], "/login"


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("screen", ["phone", "desktop"])
def test_overview_chart_is_whole_and_its_labels_fit(open_page, browser, wait, screen, lang):
    open_page("/", VIEWPORTS[screen], lang)
    wait.until(lambda d: _chart_ready(d, narrow=screen == "phone"))
    chart = f"#{overview_page.CHART}"
    assert browser.execute_script(TEXTS_OUTSIDE_JS, chart) == []
    assert browser.execute_script(PILED_TICKS_JS, chart) == []
    assert browser.execute_script(SCROLL_BOXES_JS, overview_page.CHART) == []
    drawn, planned = browser.execute_script(
        "const gd = document.querySelector(arguments[0] + ' .js-plotly-plot');"
        "return [gd.getBoundingClientRect().height, gd._fullLayout.height];", chart)
    assert abs(drawn - planned) <= 2  # the figure's own height: every row, one block per category
    if screen == "phone":
        plot_width = browser.execute_script(
            "return document.querySelector(arguments[0] + ' .nsewdrag').getBoundingClientRect()"
            ".width;", chart)
        assert plot_width > 280  # the labels sit above their bars, so the plot spans the width


def _visible_headers(report, lang: str, columns: tuple[str, ...]) -> list[str]:
    headers = {c["field"]: c["headerName"] for c in column_defs(lang)}
    return [headers[c] for c in columns]


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("screen", ["phone", "desktop"])
def test_gap_table_shows_its_reading_columns(open_page, browser, wait, tracker_service, screen,
                                             lang):
    open_page("/", VIEWPORTS[screen], lang)
    wait.until(lambda d: d.find_elements(By.CSS_SELECTOR, f"#{GRID} .ag-row"))
    report = tracker_service.report().report
    if screen == "phone":
        expected = _visible_headers(report, lang, column_chooser.PHONE_COLUMNS)
    else:
        expected = _visible_headers(report, lang, (*column_chooser.ALWAYS,
                                                   *column_chooser.default_columns(report)))
    wait.until(lambda d: [h for h, _ in d.execute_script(HEADERS_JS, GRID)] == expected)
    # Every visible column inside the grid: nothing behind a sideways scroll.
    assert all(right <= 1 for _, right in browser.execute_script(HEADERS_JS, GRID))
    if screen == "phone":
        assert not browser.find_element(By.ID, column_chooser.CHOOSER).is_displayed()


def test_column_chooser_adds_a_column_and_the_browser_remembers_it(open_page, browser, wait,
                                                                   click):
    open_page("/", DESKTOP, "zh")
    wait.until(lambda d: d.find_elements(By.CSS_SELECTOR, f"#{GRID} .ag-row"))
    unit = {c["field"]: c["headerName"] for c in column_defs("zh")}["unit"]
    assert unit not in [h for h, _ in browser.execute_script(HEADERS_JS, GRID)]
    click(browser.find_element(By.CSS_SELECTOR, ".column-chooser summary"))
    click(browser.find_element(By.CSS_SELECTOR, f"#{column_chooser.CHOOSER} input[value='unit']"))
    wait.until(lambda d: unit in [h for h, _ in d.execute_script(HEADERS_JS, GRID)])
    browser.refresh()
    wait.until(lambda d: d.find_elements(By.CSS_SELECTOR, f"#{GRID} .ag-row"))
    wait.until(lambda d: unit in [h for h, _ in d.execute_script(HEADERS_JS, GRID)])


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_phone_header_is_one_row_with_a_menu(open_page, browser, wait, click, lang):
    open_page("/", PHONE, lang)
    header = browser.find_element(By.CSS_SELECTOR, ".app-header")
    assert header.size["height"] <= 60
    menu = browser.find_element(By.ID, MENU)
    assert not menu.is_displayed()
    click(browser.find_element(By.ID, MENU_BUTTON))
    wait.until(lambda d: d.find_element(By.ID, MENU).is_displayed())
    click(browser.find_element(By.ID, "nav-method"))
    wait.until(lambda d: d.current_url.endswith("/method"))
    wait.until(lambda d: not d.find_element(By.ID, MENU).is_displayed())  # a new page closes it
