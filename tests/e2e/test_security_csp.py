"""Issue 17 in the browser: every page works under the Content-Security-Policy (no violation
reported), and the header's logout button (a POST form) logs out."""

from __future__ import annotations

import pytest
from selenium.webdriver.common.by import By

from layouts import ids

# Installed before any page script runs; DevTools scripts are not subject to the page's policy.
RECORD_VIOLATIONS = """
window.__cspViolations = [];
document.addEventListener('securitypolicyviolation', (event) => {
    window.__cspViolations.push(event.violatedDirective + ' ' + (event.blockedURI || 'inline')
                                + ' ' + (event.sourceFile || '') + ':' + (event.lineNumber || ''));
});
"""
PAGES = ("/", "/indicator", "/compare", "/upload", "/history", "/login?next=/")


@pytest.fixture
def violations(browser):
    script = browser.execute_cdp_cmd("Page.addScriptToEvaluateOnNewDocument",
                                      {"source": RECORD_VIOLATIONS})
    yield lambda: browser.execute_script("return window.__cspViolations || null;")
    browser.execute_cdp_cmd("Page.removeScriptToEvaluateOnNewDocument",
                            {"identifier": script["identifier"]})


def test_every_page_runs_under_the_policy(page, browser, live_server, wait, violations) -> None:
    for path in PAGES:
        if path.startswith("/login"):
            browser.get(live_server + path)
            wait.until(lambda d: d.find_elements(By.ID, "name"))
        else:
            page(path)
            # Let the page's callbacks and charts finish drawing.
            wait.until(lambda d: d.execute_script(
                "return !document.querySelector('[data-dash-is-loading=true]');"))
        assert violations() == [], path


def test_the_overview_grid_formats_numbers_under_the_policy(page, wait, violations) -> None:
    browser = page("/")
    cells = wait.until(lambda d: [c.text for c in d.find_elements(
        By.CSS_SELECTOR, ".ag-cell[col-id='progress_ratio']") if c.text])  # a formatted column in view
    assert cells and all("params" not in text for text in cells)  # the formatter ran
    assert violations() == []
    assert browser.find_element(By.ID, ids.PAGE_CONTENT).text


def test_the_logout_button_posts_and_ends_the_session(page, browser, live_server, wait, click,
                                                     logged_in) -> None:
    from tests.e2e.conftest import E2E_PASSWORD, E2E_USER

    page("/")
    click(browser.find_element(By.ID, "nav-logout"))
    wait.until(lambda d: "logged_out=1" in d.current_url)
    browser.get(live_server + "/history")
    wait.until(lambda d: "/login" in d.current_url)  # the session is gone
    # Log in again, so the other browser tests of this session still find a session.
    browser.find_element(By.ID, "name").send_keys(E2E_USER)
    browser.find_element(By.ID, "password").send_keys(E2E_PASSWORD)
    browser.find_element(By.CSS_SELECTOR, "button[type=submit]").click()
    wait.until(lambda d: d.current_url.endswith("/history"))
