"""The comparison page in the browser: national vs Chongqing by default, then two other choices."""

from __future__ import annotations

from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as EC

from layouts.pages import compare as compare_page


def _pick(browser, wait, click, dropdown_id: str, label: str) -> None:
    click(browser.find_element(By.CSS_SELECTOR, f"#{dropdown_id}"))
    # A plain click: scrolling while the list is open would close it.
    wait.until(EC.element_to_be_clickable(
        (By.XPATH, f"//*[@role='option'][contains(., '{label}')]"))).click()
    wait.until(EC.text_to_be_present_in_element((By.ID, dropdown_id), label))


def test_compare_switches_regions_and_the_verdict_follows(page, wait, click):
    browser = page("/compare")
    body = (By.ID, compare_page.BODY)
    wait.until(EC.text_to_be_present_in_element(body, "全国与重庆市对比"))
    wait.until(EC.text_to_be_present_in_element(body, "重庆市相对全国"))  # the verdict column
    wait.until(EC.presence_of_element_located(
        (By.CSS_SELECTOR, f"#{compare_page.CHART} .js-plotly-plot")))
    _pick(browser, wait, click, compare_page.REGION_A, "重庆市")
    wait.until(EC.text_to_be_present_in_element(body, "请选择两个不同的地区"))
    _pick(browser, wait, click, compare_page.REGION_B, "全国")
    wait.until(EC.text_to_be_present_in_element(body, "重庆市与全国对比"))
    wait.until(EC.text_to_be_present_in_element(body, "全国相对重庆市"))
    assert "重庆市相对全国" not in browser.find_element(*body).text
    panels = browser.find_elements(By.CSS_SELECTOR, f"#{compare_page.CHART} .xtick")
    assert panels  # the chart is drawn again for the new pair
    # The choice is in the address, so a reload (or a shared link) shows the same pair.
    wait.until(lambda d: "a=CN-CQ" in d.current_url and "b=CN" in d.current_url)
    browser.refresh()
    wait.until(EC.text_to_be_present_in_element(body, "全国相对重庆市"))
