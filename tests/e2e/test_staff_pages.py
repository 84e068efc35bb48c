"""Staff pages in the browser: upload with errors, upload and commit, history and revert."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as EC

from indicators.engine import STATUS_CODES
from layouts.pages import history as history_page
from layouts.pages import upload as upload_page

FILE_INPUT = f"#{upload_page.DROP} input[type=file]"


def choose_file(browser, wait, path: Path) -> None:
    wait.until(EC.presence_of_element_located((By.CSS_SELECTOR, FILE_INPUT)))
    browser.find_element(By.CSS_SELECTOR, FILE_INPUT).send_keys(str(path))


def grid_column(browser, grid_id: str, column: str) -> list[str]:
    cells = browser.find_elements(By.CSS_SELECTOR, f"#{grid_id} .ag-cell[col-id='{column}']")
    return [cell.text for cell in cells]


def test_upload_with_an_error_shows_the_error_row(page, wait, tmp_path):
    browser = page("/upload")
    bad = tmp_path / "有错误的数据.csv"
    bad.write_text(
        "指标,地区,年份,数值\n"
        "知识产权质押融资登记金额,全国,2023,abc\n"
        "不存在的指标,全国,2023,12\n",
        encoding="utf-8",
    )
    choose_file(browser, wait, bad)
    errors_grid = upload_page.ERRORS_GRID
    wait.until(lambda d: len(grid_column(d, errors_grid, "message")) == 2)
    assert grid_column(browser, errors_grid, "row") == ["2", "3"]
    messages = grid_column(browser, errors_grid, "message")
    assert "「abc」不是数字" in messages[0]
    assert "未知指标「不存在的指标」" in messages[1]
    assert browser.find_element(By.ID, upload_page.COMMIT).get_attribute("disabled") is not None


def _no_data_series(tracker_service) -> tuple[pd.Series, int]:
    """A target without a value in the as-of year, and that year."""
    gap = tracker_service.report()
    report = gap.report
    missing = report[(report["status"] == "no_data") & report["baseline_value"].notna()
                     & report["target_value"].notna()]
    assert not missing.empty, "the sample data should leave some targets without data"
    return missing.iloc[0], int(gap.as_of)


def test_valid_upload_commit_changes_the_overview(page, wait, click, tiles, tmp_path, logged_in,
                                                  tracker_service):
    browser = page("/")
    wait.until(EC.presence_of_element_located((By.CSS_SELECTOR, tiles.selector("no_data"))))
    before = {code: count for code, (_, count) in tiles().items()}
    target, year = _no_data_series(tracker_service)
    good = tmp_path / "补充数据.csv"
    good.write_text(
        "指标,地区,年份,数值,备注\n"
        f"{target['indicator_id']},{target['region']},{year},{target['target_value']:g},e2e\n",
        encoding="utf-8-sig",
    )
    browser.find_element(By.ID, "nav-upload").click()
    choose_file(browser, wait, good)
    wait.until(EC.text_to_be_present_in_element((By.ID, "upload-count-added"), "1"))
    click(wait.until(EC.element_to_be_clickable((By.ID, upload_page.COMMIT))))
    committed = wait.until(EC.visibility_of_element_located((By.ID, "upload-committed")))
    assert "已提交" in committed.text
    assert tracker_service.store.uploads().loc[0, "user"] == logged_in  # newest first
    click(browser.find_element(By.CSS_SELECTOR, "#upload-result a[href='/']"))
    wait.until(EC.presence_of_element_located((By.CSS_SELECTOR, tiles.selector("no_data"))))
    statuses = tracker_service.report().report["status"]
    after = {code: int((statuses == code).sum()) for code in STATUS_CODES}
    wait.until(lambda _: {code: count for code, (_, count) in tiles().items()} == after)
    assert after["no_data"] < before["no_data"]


def test_history_shows_rows_and_reverts_after_confirmation(page, wait, click, logged_in,
                                                           tracker_service):
    from indicators.importing import parse_upload

    target, year = _no_data_series(tracker_service)
    content = f"indicator_id,region,year,value\n{target['indicator_id']},{target['region']},{year},1\n"
    parsed = parse_upload(content.encode(), "history-e2e.csv", tracker_service.registry,
                          tracker_service.settings)
    # Made by the logged-in editor, who may revert their own uploads.
    upload_id = tracker_service.store.commit(parsed, logged_in, "history-e2e.csv", parsed.sha256)
    browser = page("/history")
    row = f"#{history_page.GRID} .ag-row[row-id='{upload_id}']"
    click(wait.until(EC.element_to_be_clickable((By.CSS_SELECTOR, f"{row} .ag-cell[col-id='file']"))))
    wait.until(lambda d: grid_column(d, history_page.ROWS_GRID, "year") == [str(year)])
    click(wait.until(EC.element_to_be_clickable((By.ID, history_page.REVERT))))
    confirm = wait.until(EC.element_to_be_clickable((By.ID, history_page.CONFIRM)))
    assert "history-e2e.csv" in browser.find_element(By.ID, history_page.MODAL_BODY).text
    confirm.click()
    wait.until(EC.text_to_be_present_in_element((By.ID, history_page.MESSAGE), "已撤销"))
    reverted = browser.find_element(By.CSS_SELECTOR, f"{row} .ag-cell[col-id='reverted']")
    assert reverted.text.startswith("是")
    uploads = tracker_service.store.uploads().set_index("id")
    assert bool(uploads.loc[upload_id, "reverted"])
