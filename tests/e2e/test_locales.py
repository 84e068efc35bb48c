"""The chart toolbar and the grids speak the UI language, in the browser."""

from __future__ import annotations

from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as EC

from layouts import ids
from layouts.pages import overview as overview_page

MODEBAR_TITLES = (
    "const buttons = document.querySelectorAll(arguments[0] + ' .modebar-btn');"
    "return Array.from(buttons).map(b => b.getAttribute('data-title'));"
)


def _toolbar_titles(browser, wait, graph_id: str) -> list[str]:
    wait.until(lambda d: d.execute_script(MODEBAR_TITLES, f"#{graph_id}"))
    return browser.execute_script(MODEBAR_TITLES, f"#{graph_id}")


def test_chart_toolbar_is_chinese_in_the_chinese_ui_and_english_in_english(page, wait):
    browser = page("/")
    titles = _toolbar_titles(browser, wait, overview_page.CHART)
    assert "下载图表为PNG格式" in titles or "下载图表" in titles
    assert not any(title and title.isascii() for title in titles), titles
    browser.find_element(By.ID, ids.LANG_TOGGLE).click()
    wait.until(EC.text_to_be_present_in_element((By.ID, "nav-overview"), "Overview"))
    wait.until(lambda d: "Download plot as a PNG" in _toolbar_titles(d, wait, overview_page.CHART))
