"""A large gap report in the browser: rows come from the server by block, tiles still filter.

The threshold is lowered so the sample data (dozens of targets) takes the
path a province's thousands of targets take; the view is opened for one
region and an earlier year, a filter no other browser test renders, because
rendered bodies are cached per data version.
"""

from __future__ import annotations

from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as EC

from layouts.grid import report_table

GRID_ROWS_JS = """
let api = null;
try { api = dash_ag_grid.getApi(arguments[0]); } catch (error) { return null; }  // not drawn yet
if (!api || api.getGridOption('rowModelType') !== 'infinite') { return null; }
const rows = [];
api.forEachNode(node => { if (node.data) { rows.push(node.data.status); } });
return {count: api.getDisplayedRowCount(), loaded: rows};
"""


def _grid_state(browser):
    return browser.execute_script(GRID_ROWS_JS, report_table.GRID)


def test_large_report_grid_loads_rows_from_the_server_and_a_tile_filters_them(
        page, wait, click, tiles, tracker_service, monkeypatch):
    monkeypatch.setattr(report_table, "GRID_CLIENT_LIMIT", 5)
    years = tracker_service.data_years()
    year = years[-2] if len(years) > 1 else years[-1]
    gap = tracker_service.report(year)
    report = gap.report[gap.report["region"] == "CN"]
    browser = page(f"/?region=CN&as_of={year}")
    wait.until(lambda d: (_grid_state(d) or {}).get("count") == len(report))
    assert len(_grid_state(browser)["loaded"]) == len(report)  # one block holds them all

    behind = int((report["status"] == "behind").sum())
    assert 0 < behind < len(report)  # else the filter below would prove nothing
    click(browser.find_element(By.CSS_SELECTOR, tiles.selector("behind")))
    wait.until(lambda d: (_grid_state(d) or {}).get("count") == behind)
    assert set(_grid_state(browser)["loaded"]) <= {"滞后"}
    wait.until(EC.presence_of_element_located((By.CSS_SELECTOR, f"#{report_table.GRID} .ag-row")))
