"""Editing a note on the detail page in the browser: pick a year, type, save, table refreshes."""

from __future__ import annotations

from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support import expected_conditions as EC

from layouts.grid.report_table import detail_href
from layouts.pages.detail_parts import DATA_TABLE, NOTE_MESSAGE, NOTE_SAVE, NOTE_TEXT, NOTE_YEAR

NEW_NOTE = "第五次经济普查后修订 e2e"


def _series_with_two_years(tracker_service) -> tuple[str, str, list[int]]:
    """A series with a target and at least two stored years, and those years, newest first."""
    report = tracker_service.report().report
    current = tracker_service.store.current_actuals()
    for row in report.drop_duplicates(["indicator_id", "region"]).itertuples():
        years = current[(current["indicator_id"] == row.indicator_id)
                        & (current["region"] == row.region)]["year"]
        if len(years) >= 2:
            return row.indicator_id, row.region, sorted(years.tolist(), reverse=True)
    raise AssertionError("the sample data should have a series with two stored years")


def test_an_editor_changes_a_note_and_the_table_shows_it(page, wait, click, logged_in,
                                                         tracker_service, browser):
    indicator_id, region, years = _series_with_two_years(tracker_service)
    # A note to start from, so picking the year visibly fills the text box.
    tracker_service.store.set_note(indicator_id, region, years[1], "初始备注", user=logged_in)
    browser = page(detail_href(indicator_id, region))
    wait.until(EC.presence_of_element_located((By.ID, NOTE_SAVE)))
    # Pick the second-newest year; its note (if any) fills the text box.
    click(browser.find_element(By.CSS_SELECTOR, f"#{NOTE_YEAR}"))
    # A plain click: scrolling while the list is open would close it.
    wait.until(EC.element_to_be_clickable(
        (By.XPATH, f"//*[@role='option'][contains(., '{years[1]}')]"))).click()
    wait.until(EC.text_to_be_present_in_element((By.ID, NOTE_YEAR), str(years[1])))
    stored = tracker_service.store.series_history(indicator_id, region).set_index("year")
    text_box = browser.find_element(By.ID, NOTE_TEXT)
    wait.until(lambda _: text_box.get_attribute("value") == "初始备注")
    text_box.send_keys(Keys.CONTROL, "a")
    text_box.send_keys(NEW_NOTE)
    click(browser.find_element(By.ID, NOTE_SAVE))
    wait.until(EC.text_to_be_present_in_element((By.ID, NOTE_MESSAGE), "备注已保存"))
    wait.until(EC.text_to_be_present_in_element((By.ID, DATA_TABLE), NEW_NOTE))
    after = tracker_service.store.series_history(indicator_id, region).set_index("year")
    assert after.loc[years[1], "note"] == NEW_NOTE
    assert after.loc[years[1], "value"] == stored.loc[years[1], "value"]
    assert tracker_service.store.uploads().loc[0, ["kind", "user"]].tolist() == ["note", logged_in]
