"""Leader pages in the browser: overview tiles, an indicator's trajectory, CSV export, English."""

from __future__ import annotations

import io
from pathlib import Path

import pandas as pd
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as EC

from indicators.engine import STATUS_CODES, STATUS_LABELS_EN, STATUS_LABELS_ZH
from indicators.exports import report_to_csv
from layouts import ids
from layouts.pages import detail as detail_page
from layouts.pages import overview as overview_page


def test_overview_shows_the_status_tiles_with_the_sample_data(page, wait, tiles, tracker_service):
    browser = page("/")
    wait.until(EC.presence_of_element_located((By.CSS_SELECTOR, tiles.selector("achieved"))))
    statuses = tracker_service.report().report["status"]
    assert tiles() == {
        code: (STATUS_LABELS_ZH[code], int((statuses == code).sum())) for code in STATUS_CODES
    }
    assert len(statuses) > 0 and (statuses != "no_data").any()
    assert browser.find_element(By.ID, "sample-banner").text  # sample data is labelled as such


def _plot_traces(browser, graph_id: str) -> list[dict]:
    """Trace names and point counts of a rendered plotly graph, read from the page."""
    return browser.execute_script(
        "const plot = document.querySelector(arguments[0] + ' .js-plotly-plot');"
        "return plot && plot.data ? plot.data.map(t => ({name: t.name || '',"
        " points: (t.x || []).length})) : null;",
        f"#{graph_id}",
    )


def test_indicator_page_shows_the_trajectory_chart(page, wait, tracker_service):
    report = tracker_service.report().report
    with_data = report[report["latest_value"].notna() & report["baseline_value"].notna()].iloc[0]
    browser = page(f"/indicator/{with_data['indicator_id']}/{with_data['region']}")
    wait.until(lambda d: _plot_traces(d, detail_page.TRAJECTORY))
    traces = _plot_traces(browser, detail_page.TRAJECTORY)
    assert len(traces) >= 3  # at least baseline/targets, planned path and actual values
    assert sum(trace["points"] for trace in traces) >= 3
    # The chart's title is above it in HTML (it wraps on a phone), not in the SVG.
    title = browser.find_element(By.CSS_SELECTOR, f"#{detail_page.BODY} .{detail_page.CHART_TITLE}")
    assert with_data["name_zh"] in title.text
    assert with_data["name_zh"] in browser.find_element(By.ID, ids.PAGE_CONTENT).text


def _wait_for_file(wait, folder: Path, suffix: str) -> Path:
    def finished(_driver):
        files = [p for p in folder.glob(f"*{suffix}") if p.stat().st_size > 0]
        return files[0] if files else False

    return wait.until(finished)


def test_export_csv_downloads_the_gap_report(page, wait, download_dir, tracker_service):
    page("/")
    for old in download_dir.glob("*.csv"):
        old.unlink()
    button = wait.until(EC.element_to_be_clickable((By.ID, overview_page.EXPORT_CSV)))
    button.click()
    path = _wait_for_file(wait, download_dir, ".csv")
    content = path.read_bytes()
    gap = tracker_service.report()
    assert path.name == f"差距报告_{gap.as_of}.csv"  # the Chinese UI names it in Chinese
    assert content.startswith(b"\xef\xbb\xbf")  # UTF-8 with BOM for Excel
    assert content == report_to_csv(gap.report, "zh")
    frame = pd.read_csv(io.BytesIO(content), encoding="utf-8-sig")
    assert len(frame) == len(gap.report)
    assert gap.report["name_zh"].iloc[0] in content.decode("utf-8-sig")


def test_switch_to_english(page, wait, tiles):
    browser = page("/")
    achieved_label = tiles.selector("achieved") + " .tile-label"
    wait.until(EC.presence_of_element_located((By.CSS_SELECTOR, achieved_label)))
    browser.find_element(By.ID, ids.LANG_TOGGLE).click()
    wait.until(EC.text_to_be_present_in_element((By.ID, "nav-overview"), "Overview"))
    wait.until(EC.text_to_be_present_in_element(
        (By.CSS_SELECTOR, achieved_label), STATUS_LABELS_EN["achieved"]))
    wait.until(lambda d: "Target Tracker" in d.title)
    # The choice is kept per browser: a reload stays in English.
    browser.refresh()
    wait.until(EC.text_to_be_present_in_element((By.ID, "nav-upload"), "Upload"))
    browser.find_element(By.ID, "nav-upload").click()
    wait.until(EC.text_to_be_present_in_element((By.ID, ids.PAGE_CONTENT), "Upload data"))
