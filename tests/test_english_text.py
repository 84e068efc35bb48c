"""The English UI is English: registry definitions and units, labels, and every page's props.

Fast checks without a browser (tests/e2e/test_english_ui.py reads the rendered pages).
Chinese may appear in the English UI only where it is the documents' own words (a quote,
a document number, a section heading), inside an element marked lang="zh-CN", and in the
language switch, which names the other language ("中文") in that language.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest

from indicators.config import load_config
from indicators.registry import load_registry
from indicators.registry.english import attribute_en, unit_en, unit_name_en
from layouts.figures.format import (
    axis_title,
    distinct_labels,
    format_point,
    shorten_name,
    target_text,
    unit_label,
    unit_name,
)
from layouts.text.english import actor_label

HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\u3000-\u303f\uff00-\uffef]")


@pytest.fixture(scope="module")
def registry():
    return load_registry(load_config())


def test_every_indicator_has_an_english_definition_and_name(registry) -> None:
    missing = [i.id for i in registry.indicators.values() if not i.definition_en.strip()]
    assert missing == []
    chinese = [(i.id, text) for i in registry.indicators.values()
               for text in (i.definition_en, i.name_en) if HAN.search(text)]
    assert chinese == []


def test_every_unit_in_the_registry_has_an_english_form(registry) -> None:
    units = {i.unit for i in registry.indicators.values()}
    units |= {t.unit for t in registry.targets.values() if t.unit}
    unknown = sorted(u for u in units if unit_en(u) is None)
    assert unknown == []
    assert [u for u in units if HAN.search(unit_en(u) or "")] == []


def test_document_titles_and_region_names_are_english(registry) -> None:
    assert [d.id for d in registry.documents.values() if HAN.search(d.title_en)] == []
    assert [r.code for r in registry.regions.values() if HAN.search(r.name_en)] == []


UNIT_CASES = [
    # (unit, after a number, named on its own)
    ("件", "", "count"),            # a measure word: the name says what is counted
    ("家", "", "count"),
    ("个", "", "count"),
    ("%", "%", "%"),
    ("人", "people", "people"),
    ("人次", "person-times", "person-times"),
    ("分", "points", "points"),
    ("亿元", "× 100 million yuan", "× 100 million yuan"),
    ("万亿元", "trillion yuan", "trillion yuan"),
    ("万件", "× 10,000", "× 10,000"),
    ("万人", "× 10,000 people", "× 10,000 people"),
    ("万人次", "× 10,000 person-times", "× 10,000 person-times"),
    ("千人", "thousand people", "thousand people"),
]


@pytest.mark.parametrize(("unit", "after", "named"), UNIT_CASES)
def test_unit_english(unit: str, after: str, named: str) -> None:
    assert unit_en(unit) == after
    assert unit_name_en(unit) == named
    assert unit_label(unit, "en") == after and unit_label(unit, "zh") == unit
    assert unit_name(unit, "en") == named
    assert unit_label(unit_label(unit, "en"), "en") == after  # idempotent


def test_an_unknown_unit_has_no_english_and_stays_as_written() -> None:
    assert unit_en("斤") is None and unit_name_en("斤") is None
    assert unit_label("斤", "en") == "斤"


def test_values_and_targets_read_in_english() -> None:
    assert format_point(2020, 3200, "亿元", "en") == "2020: 3,200 × 100 million yuan"
    assert format_point(2020, 3200, "亿元", "zh") == "2020年：3,200 亿元"
    row = {"unit": "件", "comparator": ">=", "target_value": 12, "target_year": 2025}
    assert target_text(row, "en") == "≥ 12 (2025)"
    row = {"unit": "万人", "comparator": ">=", "target_value": 4, "target_year": 2025}
    assert target_text(row, "en") == "≥ 4 × 10,000 people (2025)"


def test_axis_titles_of_counts_have_no_empty_brackets() -> None:
    assert axis_title("fig.trajectory.y", "", "en") == "Value"
    assert axis_title("fig.trajectory.y", "× 100 million yuan", "en") == "Value (× 100 million yuan)"
    assert axis_title("fig.gap.y", "", "en") == "Gap (positive = behind)"
    assert axis_title("fig.trajectory.y", "件", "zh") == "数值（件）"


def test_attributes_follow_the_plans_official_english() -> None:
    assert attribute_en("预期性") == "Anticipatory"
    assert attribute_en("约束性") == "Binding"


def test_system_accounts_read_in_english() -> None:
    from indicators.store import PUBLISHED_USER, SEED_USER

    assert actor_label(SEED_USER, "en") == "System"
    assert actor_label(PUBLISHED_USER, "en") == "Published data"
    assert actor_label(SEED_USER, "zh") == SEED_USER
    assert actor_label("录入员", "en") == "录入员"  # a person's name is shown as written


SHORTEN_CASES = [
    # (name, limit, shortened): abbreviations first, then whole words dropped
    ("Invention patents owned per 10,000 people", 40, "Invention patents owned per 10k people"),
    ("High-value invention patents per 10,000 people", 32, "High-value invention patents…"),
    ("Municipal geographical-indication use demonstration bases", 40, "Mun. GI use demo bases"),
    ("Value added of patent-intensive industries as a share of GDP", 40,
     "Value added of patent-intensive…"),
    ("Short name", 40, "Short name"),
]


@pytest.mark.parametrize(("name", "limit", "short"), SHORTEN_CASES)
def test_english_names_are_shortened_at_word_boundaries(name: str, limit: int, short: str) -> None:
    shortened = shorten_name(name, limit, "en")
    assert shortened == short
    assert len(shortened) <= limit
    kept = shortened.removesuffix("…").split()
    assert all(word in name.split() or word in ("10k", "Mun.", "GI", "demo") for word in kept)


def test_chinese_names_are_still_cut_by_characters() -> None:
    assert shorten_name("每万人口高价值发明专利拥有量", 8, "zh") == "每万人口高价值…"


def test_names_that_shorten_alike_keep_their_full_names() -> None:
    full = ["Share of listed firms applying the standard A", "Share of listed firms applying the standard B",
            "Other"]
    short = [shorten_name(name, 30, "en") for name in full]
    assert short[0] == short[1]
    assert distinct_labels(short, full) == [full[0], full[1], "Other"]


# ---- every page, built on the server, in English -------------------------------------

def english_leaks(component: object, inside_original: bool = False) -> Iterator[str]:
    """Strings with Chinese characters anywhere in a component tree or figure, except
    inside an element marked lang="zh-CN" (the documents' own words)."""
    if isinstance(component, str):
        if HAN.search(component) and not inside_original:
            yield component
        return
    if hasattr(component, "to_plotly_json"):
        component = component.to_plotly_json()
    if isinstance(component, dict):
        props = component.get("props") if "namespace" in component else None
        if props is not None:
            original = inside_original or str(props.get("lang", "")).startswith("zh")
            for key, value in props.items():
                if key not in ALLOWED_PROPS:
                    yield from english_leaks(value, original)
            return
        for key, value in component.items():
            if key not in ALLOWED_KEYS:
                yield from english_leaks(value, inside_original)
    elif isinstance(component, list | tuple):
        for item in component:
            yield from english_leaks(item, inside_original)


# Props and keys that are data, not text a reader sees: the grid's locale is chosen per
# language (checked in test_layouts); 'name_zh'-style fields are kept for sorting/ids.
ALLOWED_PROPS = {"localeText", "id"}
ALLOWED_KEYS = {"locale", "locales", "name_zh", "note_zh_source"}


@pytest.fixture(scope="module")
def sample_service(tmp_path_factory):
    from indicators.accounts import add_user
    from indicators.service import TrackerService

    db = tmp_path_factory.mktemp("english") / "tracker.db"
    settings = load_config(database_url=f"sqlite:///{db}", sample_data="data/sample/sample_actuals.csv")
    service = TrackerService.open(settings)
    add_user(service.store, "english-admin", "english-password-1", "admin", actor="test")
    return service


def _pages(service):
    from layouts.pages import audit, compare, detail, history, method, overview, upload

    yield "overview", overview.layout(service, "en")
    for code in ("CN", "CN-CQ"):
        yield f"overview {code}", overview.layout(service, "en", region=code)
    yield "compare", compare.layout(service, "en", a="CN", b="CN-CQ")
    yield "method", method.layout(service, "en")
    yield "history", history.layout(service, "en", role="admin")
    yield "upload", upload.layout(service, "en", role="admin")
    yield "audit", audit.layout(service, "en", role="admin")
    series = sorted({(t.indicator, t.region) for t in service.registry.targets.values()})
    for indicator, region in series:
        yield f"detail {indicator}/{region}", detail.layout(
            service, "en", indicator_id=indicator, region=region, role="admin")


def test_every_english_page_has_no_chinese_outside_the_documents_words(sample_service) -> None:
    leaks = {name: sorted(set(english_leaks(page)))[:5] for name, page in _pages(sample_service)}
    assert {name: found for name, found in leaks.items() if found} == {}


def test_the_scan_finds_chinese_outside_a_quote() -> None:
    from dash import html

    assert list(english_leaks(html.Div(["Unit: ", html.Span("件")]))) == ["件"]
    assert list(english_leaks(html.Div(html.Span("“原文”", lang="zh-CN")))) == []
    assert list(english_leaks({"data": [{"hovertext": "2020: 6.3 件"}]})) == ["2020: 6.3 件"]
