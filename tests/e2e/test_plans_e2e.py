"""Issue 13 in the browser: a plan's text -> three reviewed drafts -> published -> on the overview.

The plan has three targets: one on an indicator the registry has (linked by searching its
name), one on a new indicator, one whose value the reviewer corrects.  Publishing needs an
administrator (config.yaml's default), so the test logs in as one and back as the editor.

With TRACKER_SCREENSHOTS=1 the reviewed page is saved as docs/screenshots/plans.png (the
README's picture); otherwise nothing is written into the tree.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support import expected_conditions as EC

from layouts.pages import plans as plans_page
from tests.e2e.conftest import E2E_PASSWORD, E2E_USER

PLAN = """某市知识产权强市建设规划（2021—2025年）
一、主要目标
到2025年，每万人口高价值发明专利拥有量达到10件。
到2025年，数据知识产权登记证书发放量达到3000件。
到2025年，专利密集型产业增加值占GDP比重达到13%。
二、重点任务
加强知识产权保护。
"""
ADMIN, ADMIN_PASSWORD = "规划管理员", "e2e-admin-password-1"
DOCUMENT = {"id": "e2e_city_plan", "title_zh": "某市知识产权强市建设规划",
            "title_en": "City IP plan 2021-2025", "issuer": "某市人民政府", "date": "2021-12-01",
            "period_start": "2021", "period_end": "2025"}
SCREENSHOT = Path(__file__).resolve().parents[2] / "docs" / "screenshots" / "plans.png"
GRID = f"#{plans_page.GRID}"


def log_in(browser, live_server, wait, name: str, password: str, next_path: str) -> None:
    browser.get(f"{live_server}/login?next={next_path}")
    # Leaving the Plans page can finish after get() returns (a clean CI run met the old page).
    wait.until(lambda d: d.current_url.startswith(f"{live_server}/login")
               and d.find_elements(By.ID, "name"))
    browser.find_element(By.ID, "name").send_keys(name)
    browser.find_element(By.ID, "password").send_keys(password)
    browser.find_element(By.CSS_SELECTOR, "button[type=submit]").click()
    wait.until(lambda d: d.current_url.endswith(next_path))


@pytest.fixture
def as_admin(browser, live_server, wait, logged_in, tracker_service):
    from indicators.accounts import add_user, get_user

    if get_user(tracker_service.store, ADMIN) is None:
        add_user(tracker_service.store, ADMIN, ADMIN_PASSWORD, "admin", actor="e2e")
    log_in(browser, live_server, wait, ADMIN, ADMIN_PASSWORD, "/plans")
    yield browser
    log_in(browser, live_server, wait, E2E_USER, E2E_PASSWORD, "/history")  # as the others expect


def row_cell(browser, line: int, column: str):
    row = browser.find_element(By.XPATH, f"//div[@id='{plans_page.GRID}']//div[@role='row']"
                               f"[.//div[@col-id='line' and normalize-space()='{line}']]")
    row_index = row.get_attribute("row-index")
    return browser.find_element(By.CSS_SELECTOR, f"{GRID} .ag-center-cols-container "
                                f"[row-index='{row_index}'] [col-id='{column}']")


def select_row(browser, click, line: int) -> None:
    click(row_cell(browser, line, "name_zh"))


def edit_cell(browser, wait, line: int, column: str, value: str) -> None:
    """Double-click a cell (scrolled into view by the grid itself), type, Enter."""
    browser.execute_script("dash_ag_grid.getApi(arguments[0]).ensureColumnVisible(arguments[1]);",
                           plans_page.GRID, column)
    ActionChains(browser).double_click(wait.until(lambda d: row_cell(d, line, column))).perform()
    editor = wait.until(lambda d: d.find_element(By.CSS_SELECTOR,
                                                 f"{GRID} .ag-cell-inline-editing input"))
    editor.send_keys(Keys.CONTROL, "a")
    editor.send_keys(value, Keys.ENTER)
    wait.until(lambda d: row_cell(d, line, column).text == value)


def fill(browser, element_id: str, value: str) -> None:
    box = browser.find_element(By.ID, element_id)
    box.send_keys(Keys.CONTROL, "a")
    box.send_keys(value, Keys.TAB)  # debounce=True inputs send their value on blur


def test_a_plan_goes_from_its_text_to_the_overview(as_admin, page, wait, click, tmp_path):
    browser = page("/plans")
    plan = tmp_path / "某市规划.txt"
    plan.write_text(PLAN, encoding="utf-8")
    wait.until(EC.presence_of_element_located((By.CSS_SELECTOR, f"#{plans_page.DROP} input[type=file]")))
    browser.find_element(By.CSS_SELECTOR, f"#{plans_page.DROP} input[type=file]").send_keys(str(plan))
    wait.until(EC.text_to_be_present_in_element((By.ID, plans_page.START_MESSAGE), "已读取"))
    wait.until(lambda d: len(d.find_elements(By.CSS_SELECTOR, f"{GRID} .ag-center-cols-container "
                                                              "[role='row']")) == 3)
    for field, value in DOCUMENT.items():
        fill(browser, plans_page.doc_input_id(field), value)

    # 1. the existing indicator, linked by searching its name
    select_row(browser, click, 3)
    wait.until(EC.text_to_be_present_in_element((By.ID, plans_page.QUOTE), "第 3 行"))
    assert browser.find_element(By.CSS_SELECTOR, f"#{plans_page.QUOTE} mark").text.startswith("每万人口")
    click(browser.find_element(By.ID, plans_page.LINK_SEARCH))
    search = wait.until(EC.visibility_of_element_located((By.CSS_SELECTOR, "input.dash-dropdown-search")))
    search.send_keys("高价值发明专利")
    # A plain click: scrolling while the list is open would close it.
    wait.until(EC.element_to_be_clickable(
        (By.XPATH, "//*[@role='option'][contains(., '每万人口高价值发明专利拥有量')]"))).click()
    click(browser.find_element(By.ID, plans_page.LINK_APPLY))
    click(browser.find_element(By.ID, plans_page.ACCEPT))
    wait.until(lambda d: row_cell(d, 3, "decision").text == "采纳")

    # 2. a new indicator
    select_row(browser, click, 4)
    click(browser.find_element(By.ID, plans_page.NEW_APPLY))
    wait.until(lambda d: row_cell(d, 4, "link").text == "新指标")
    edit_cell(browser, wait, 4, "indicator_id", "e2e_data_ip_certificates")
    edit_cell(browser, wait, 4, "new_indicator_name_en", "Data IP registration certificates")
    select_row(browser, click, 4)
    click(browser.find_element(By.ID, plans_page.ACCEPT))
    wait.until(lambda d: row_cell(d, 4, "decision").text == "采纳")

    # 3. a value the reviewer corrects
    edit_cell(browser, wait, 5, "target_value", "13.5")
    select_row(browser, click, 5)
    click(browser.find_element(By.ID, plans_page.ACCEPT))
    wait.until(lambda d: row_cell(d, 5, "decision").text == "采纳")

    click(browser.find_element(By.ID, plans_page.CHECK))
    wait.until(EC.text_to_be_present_in_element((By.ID, plans_page.PROBLEMS), "全部通过校验"))
    if os.environ.get("TRACKER_SCREENSHOTS") == "1":
        browser.execute_script("dash_ag_grid.getApi(arguments[0]).ensureColumnVisible('_problems');",
                               plans_page.GRID)
        browser.set_window_size(1366, 1500)
        browser.save_screenshot(str(SCREENSHOT))
        browser.set_window_size(1366, 900)

    reason = browser.find_element(By.ID, plans_page.REASON)
    reason.send_keys("某市规划印发，新增三项目标")
    click(browser.find_element(By.ID, plans_page.PUBLISH))
    published = wait.until(EC.visibility_of_element_located((By.ID, "plans-published")))
    assert "3 个目标" in published.text and "1 个新指标" in published.text

    browser = page(f"/?document={DOCUMENT['id']}")
    wait.until(lambda d: "数据知识产权登记证书" in d.find_element(By.ID, "page-content").text)
    text = browser.find_element(By.ID, "page-content").text
    assert "每万人口高价值发明专利拥有量" in text and "专利密集型产业增加值占GDP比重" in text
    assert "缺少数据" in text or "无数据" in text  # the new indicator has no actuals yet
