"""The detail page's chart titles on a phone (390x844) and a desktop, in Chinese and English.

For the series with the longest name: every text of both charts lies inside the chart's
box, no chart text runs under the plotly toolbar, and the title above each chart fits its
own box (it wraps instead of running out).
"""

from __future__ import annotations

import pytest

from layouts.pages.detail import GAP, TRAJECTORY
from tests.e2e.test_reading_layout import (  # noqa: F401 - fixtures used by name
    DESKTOP,
    DRAWN_JS,
    PHONE,
    TEXTS_OUTSIDE_JS,
    open_page,
    viewport,
)

# Texts of the chart whose box meets the toolbar's (buttons shown or not: a tap shows them).
UNDER_TOOLBAR_JS = """
const chart = document.querySelector(arguments[0]);
const bar = chart.querySelector('.modebar');
if (!bar) { return ['no toolbar']; }
const b = bar.getBoundingClientRect();
const under = [];
for (const text of chart.querySelectorAll('svg text')) {
    const r = text.getBoundingClientRect();
    if (!r.width || !text.textContent.trim()) { continue; }
    if (r.left < b.right && r.right > b.left && r.top < b.bottom && r.bottom > b.top) {
        under.push(text.textContent);
    }
}
return under;
"""
# Headings above the charts wider than their own box (text cut off or running out).
TITLES_JS = """
return [...document.querySelectorAll('.chart-title')].map(
    node => [node.textContent, node.scrollWidth, node.clientWidth, node.getBoundingClientRect().right,
             node.parentElement.getBoundingClientRect().right]);
"""


def _longest_series(tracker_service, lang: str) -> str:
    report = tracker_service.report().report
    indicators = tracker_service.registry.indicators
    rows = report[report["latest_value"].notna()]
    name = (lambda i: indicators[i].name_en) if lang == "en" else (lambda i: indicators[i].name_zh)
    row = max(rows.to_dict("records"), key=lambda r: len(name(r["indicator_id"])))
    return f"/indicator/{row['indicator_id']}/{row['region']}"


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("size", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_detail_chart_titles_fit(open_page, browser, wait, tracker_service, size, lang):  # noqa: F811
    open_page(_longest_series(tracker_service, lang), size, lang)
    wait.until(lambda d: d.execute_script(DRAWN_JS) and d.find_elements("css selector", ".modebar"))
    for chart in (f"#{TRAJECTORY}", f"#{GAP}"):
        assert browser.execute_script(TEXTS_OUTSIDE_JS, chart) == [], chart
        assert browser.execute_script(UNDER_TOOLBAR_JS, chart) == [], chart
    titles = browser.execute_script(TITLES_JS)
    assert len(titles) == 2
    for text, scroll, client, right, parent_right in titles:
        assert text.strip()
        assert scroll <= client + 1 and right <= parent_right + 1, text
