"""The English UI in the browser: no Chinese characters on any page outside proper names.

What may stay Chinese, and why:
- text inside an element marked lang="zh-CN": the documents' own words (a target's exact
  quote, a document's number and section heading), kept so the figure can be found in
  the document, and labelled as the original;
- the language switch, which names the other language in that language ("中文");
- people's user names (the logged-in editor is "录入员"), written as they are.
The check reads the text nodes, the titles/labels/placeholders and every chart's data
and layout (hover texts included), after the page's callbacks have filled it.
"""

from __future__ import annotations

import re
import time

import pytest
from selenium.webdriver.common.by import By

from layouts import ids

HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\u3000-\u303f\uff00-\uffef]")
ADMIN, ADMIN_PASSWORD = "english-admin", "e2e-english-password-1"

VISIBLE_TEXT = """
const skip = el => el.closest('script, style, noscript, [lang^="zh"], #' + arguments[0]);
const out = [];
const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
while (walker.nextNode()) {
  const node = walker.currentNode, text = node.textContent.trim();
  if (text && !skip(node.parentElement)) out.push(text);
}
for (const el of document.querySelectorAll('[title], [placeholder], [aria-label]')) {
  if (skip(el)) continue;
  for (const name of ['title', 'placeholder', 'aria-label']) {
    const value = el.getAttribute(name);
    if (value) out.push('@' + name + ': ' + value);
  }
}
for (const plot of document.querySelectorAll('.js-plotly-plot')) {
  out.push(JSON.stringify(plot.data || []), JSON.stringify((plot.layout || {}).annotations || []),
           JSON.stringify(((plot.layout || {}).title) || ''));
}
out.push('@document.title: ' + document.title);
return out;
"""
SETTLED = (
    "return document.querySelectorAll('._dash-loading, ._dash-loading-callback').length === 0"
    " && !!document.getElementById(arguments[0])"
    " && document.getElementById(arguments[0]).children.length > 0;"
)


def log_in(browser, live_server, wait, name: str, password: str, next_path: str) -> None:
    browser.get(f"{live_server}/login?next={next_path}&lang=en")
    browser.find_element(By.ID, "name").send_keys(name)
    browser.find_element(By.ID, "password").send_keys(password)
    browser.find_element(By.CSS_SELECTOR, "button[type=submit]").click()
    wait.until(lambda d: d.current_url.endswith(next_path))


@pytest.fixture(scope="module")
def english_admin(browser, live_server, logged_in, tracker_service):
    """The browser as an administrator (the audit page), in English; back to the editor after."""
    from selenium.webdriver.support.ui import WebDriverWait

    from indicators.accounts import add_user, get_user
    from tests.e2e.conftest import E2E_PASSWORD, E2E_USER, WAIT_SECONDS

    wait = WebDriverWait(browser, WAIT_SECONDS)
    if get_user(tracker_service.store, ADMIN) is None:
        add_user(tracker_service.store, ADMIN, ADMIN_PASSWORD, "admin", actor="e2e")
    log_in(browser, live_server, wait, ADMIN, ADMIN_PASSWORD, "/history")
    yield browser
    browser.execute_script("window.localStorage.clear();")
    log_in(browser, live_server, wait, E2E_USER, E2E_PASSWORD, "/history")  # as the others expect


def people(tracker_service) -> set[str]:
    """Names written as their owners wrote them: users, and the files they uploaded
    (another browser test may have uploaded 补充数据.csv before this one runs)."""
    from indicators.accounts import list_users

    files = tracker_service.store.uploads()["file_name"].dropna()
    return {str(name) for name in list_users(tracker_service.store)["name"]} | {
        str(name) for name in files if str(name)}


def chinese_on(browser, live_server, wait, path: str, names: set[str]) -> list[str]:
    browser.get(live_server + path)
    wait.until(lambda d: d.execute_script(SETTLED, ids.PAGE_CONTENT))
    time.sleep(1.5)  # let the page's later callbacks (grid rows, charts) land
    wait.until(lambda d: d.execute_script(SETTLED, ids.PAGE_CONTENT))
    found = browser.execute_script(VISIBLE_TEXT, ids.LANG_TOGGLE)
    leaks = []
    for text in found:
        for name in names:  # people's names are written as they are
            text = text.replace(name, "")
        if HAN.search(text):
            leaks.append(text[:200])
    return leaks


def english_paths(tracker_service) -> list[str]:
    report = tracker_service.report().report
    with_data = report[report["latest_value"].notna()]
    series = list(dict.fromkeys(zip(with_data["indicator_id"], with_data["region"], strict=True)))
    # Several indicators: national and Chongqing, a table row quote, a 万件 and a 亿元 unit.
    wanted = [("hv_invention_patents_per_10k", "CN"), ("ip_pledge_financing_amount", "CN-CQ"),
              ("overseas_invention_patent_grants", "CN"), ("licensed_patent_attorneys", "CN")]
    chosen = [s for s in wanted if s in series] + series[:2]
    return ["/", "/?region=CN-CQ", *[f"/indicator/{i}/{r}" for i, r in dict.fromkeys(chosen)],
            "/compare?a=CN&b=CN-CQ", "/method", "/history", "/upload", "/audit"]


def test_every_english_page_is_english(english_admin, live_server, wait, tracker_service):
    browser = english_admin
    browser.execute_script("window.localStorage.setItem(arguments[0], JSON.stringify('en'));",
                           ids.LANG_STORE)
    names = people(tracker_service)
    leaks = {path: chinese_on(browser, live_server, wait, path, names)
             for path in english_paths(tracker_service)}
    bad = {path: found[:5] for path, found in leaks.items() if found}
    assert bad == {}, "\n".join(f"{path}: {found}" for path, found in bad.items())
    # The check sees English at all (the language really is English).
    browser.get(live_server + "/")
    # Read in the page: the menu is drawn again as the page settles (a found element goes stale).
    nav_text = "return (document.getElementById('nav-overview') || {}).textContent || '';"
    wait.until(lambda d: "Overview" in d.execute_script(nav_text))


def test_the_quote_stays_in_the_original_marked_as_chinese(english_admin, live_server, wait):
    browser = english_admin
    browser.execute_script("window.localStorage.setItem(arguments[0], JSON.stringify('en'));",
                           ids.LANG_STORE)
    browser.get(live_server + "/indicator/ip_pledge_financing_amount/CN")
    wait.until(lambda d: d.find_elements(By.CSS_SELECTOR, ".quote [lang='zh-CN']"))
    quote = browser.find_element(By.CSS_SELECTOR, ".quote [lang='zh-CN']").text
    assert "知识产权质押融资登记金额" in quote
    assert "Original text" in browser.find_element(By.CSS_SELECTOR, ".quote").text
    assert "Anticipatory" in browser.find_element(By.ID, ids.PAGE_CONTENT).text
