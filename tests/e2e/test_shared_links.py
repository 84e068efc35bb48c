"""Filters live in the address: a reload or a shared link opens the same view."""

from __future__ import annotations

from selenium.common.exceptions import StaleElementReferenceException
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as EC

from layouts.pages import overview as overview_page
from tests.e2e.test_compare_page import _pick


def _tile_total(tiles) -> int | None:
    try:
        return sum(count for _, count in tiles().values())
    except StaleElementReferenceException:  # the body is being drawn again
        return None


def test_overview_region_filter_survives_a_reload(page, wait, click, tiles, tracker_service):
    browser = page("/")
    wait.until(EC.presence_of_element_located((By.CSS_SELECTOR, tiles.selector("achieved"))))
    statuses = tracker_service.report().report
    chongqing = statuses[statuses["region"] == "CN-CQ"]["status"]
    _pick(browser, wait, click, overview_page.REGION_FILTER, "重庆市")
    wait.until(lambda d: _tile_total(tiles) == len(chongqing))
    wait.until(lambda d: "region=CN-CQ" in d.current_url)
    assert "as_of" not in browser.current_url  # the latest year is the default, not pinned
    browser.refresh()
    wait.until(EC.presence_of_element_located((By.CSS_SELECTOR, tiles.selector("achieved"))))
    wait.until(lambda d: _tile_total(tiles) == len(chongqing))
    assert "重庆市" in browser.find_element(By.ID, overview_page.REGION_FILTER).text
