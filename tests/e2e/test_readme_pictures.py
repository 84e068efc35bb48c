"""The pages the README shows render whole in the browser: charts drawn, no error callout;
the upload page with a previewed file (its revisions, new values, an error and a warning).

With TRACKER_SCREENSHOTS=1 each is saved, full height, as the README's picture under
docs/screenshots/ (as test_plans_e2e.py does for plans.png); otherwise nothing is written.
"""

from __future__ import annotations

import base64
import os
from pathlib import Path

import pytest
from selenium.webdriver.common.by import By

from layouts.pages import upload as upload_page
from tests.e2e.test_staff_pages import choose_file, grid_column

SCREENSHOTS = Path(__file__).resolve().parents[2] / "docs" / "screenshots"
# path, the picture's name, how many drawn plotly charts the page has at least
PAGES = [
    ("/indicator/hv_invention_patents_per_10k/CN", "detail", 2),
    ("/compare?a=CN&b=CN-CQ", "compare", 1),
    ("/history", "history", 0),
]
# A year's file as an office sends it: four revisions, four new values, two mistakes.
PREVIEWED = """\
指标,地区,年份,数值,备注
普通作品版权登记量,重庆市,2024,30.38,统计局年报
区县区域公用品牌数量,重庆市,2024,9.27,统计局年报
数字经济领域维权援助分支机构数量,重庆市,2024,2.06,统计局年报
使用地理标志专用标志的市场主体数量,重庆市,2024,82.4,统计局年报
普通作品版权登记量,重庆市,2025,31.9,
区县区域公用品牌数量,重庆市,2025,9.73,
数字经济领域维权援助分支机构数量,重庆市,2025,2.16,
使用地理标志专用标志的市场主体数量,重庆市,2025,86.52,
知识产权质押融资登记金额,重庆市,2025,一百,
专利密集产业增加值,重庆市,2025,12,
"""


def drawn_charts(browser) -> int:
    """Charts plotly has drawn: an SVG with at least one trace group in it."""
    return browser.execute_script(
        "return [...document.querySelectorAll('.js-plotly-plot')]"
        ".filter(p => p.querySelector('.main-svg .trace, .main-svg .barlayer')).length;")


def save_picture(browser, name: str) -> None:
    """The whole page, below the window's bottom too, when TRACKER_SCREENSHOTS=1."""
    if os.environ.get("TRACKER_SCREENSHOTS") != "1":
        return
    shot = browser.execute_cdp_cmd("Page.captureScreenshot",
                                   {"format": "png", "captureBeyondViewport": True})
    (SCREENSHOTS / f"{name}.png").write_bytes(base64.b64decode(shot["data"]))


def assert_no_error_shown(browser) -> None:
    text = browser.find_element(By.TAG_NAME, "body").text
    assert "Traceback" not in text and "出错" not in text and "Error" not in text


@pytest.mark.parametrize(("path", "name", "charts"), PAGES, ids=[name for _, name, _ in PAGES])
def test_a_readme_page_renders_whole(page, wait, path, name, charts):
    browser = page(path)
    wait.until(lambda d: drawn_charts(d) >= charts)
    assert browser.find_elements(By.TAG_NAME, "h1") or browser.find_elements(By.TAG_NAME, "h2")
    assert_no_error_shown(browser)
    save_picture(browser, name)


def test_the_upload_page_previews_a_years_file(page, wait, tmp_path):
    browser = page("/upload")
    path = tmp_path / "2025年统计数据.csv"
    path.write_text(PREVIEWED, encoding="utf-8")
    choose_file(browser, wait, path)
    wait.until(lambda d: len(grid_column(d, upload_page.ERRORS_GRID, "message")) == 2)
    messages = grid_column(browser, upload_page.ERRORS_GRID, "message")
    assert "「一百」不是数字" in messages[0] and "未知指标「专利密集产业增加值」" in messages[1]
    assert browser.find_element(By.ID, upload_page.COMMIT).get_attribute("disabled") is not None
    save_picture(browser, "upload")
