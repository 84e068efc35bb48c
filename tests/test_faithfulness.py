"""Every number in the registry can be traced to its quote in the seed documents."""

from __future__ import annotations

import re

import pytest

from indicators.config import load_config
from indicators.registry import load_registry

WINDOW = 5  # lines either side of the recorded line where the quote must stand


def squeeze(text: str) -> str:
    return "".join(text.split())


def number_in(value: float, text: str) -> bool:
    written = format(value, "g")
    return re.search(rf"(?<![\d.]){re.escape(written)}(?!\.?\d)", text) is not None


@pytest.fixture(scope="module")
def registry():
    return load_registry(load_config())


def text_targets(registry):
    return [t for t in registry.targets.values() if t.source == "text"]


def test_registry_is_not_trivially_small(registry):
    assert len(registry.targets) >= 80
    assert {t.region for t in registry.targets.values()} == {"CN", "CN-CQ"}


def test_quotes_stand_near_their_recorded_line(registry, seed_text):
    lines = seed_text.splitlines()
    misplaced = []
    for target in text_targets(registry):
        start = max(target.line - 1 - WINDOW, 0)
        window = squeeze("".join(lines[start : target.line + WINDOW]))
        if squeeze(target.quote) not in window:
            misplaced.append(f"{target.id} (line {target.line}): {target.quote}")
    assert not misplaced, "quotes not found near their line:\n" + "\n".join(misplaced)


def test_target_numbers_stand_in_their_quotes(registry):
    missing = []
    for target in text_targets(registry):
        if target.comparator in ("coverage", "increase") or target.value_text:
            continue
        values = (
            [target.target_low, target.target_high]
            if target.comparator == "range"
            else [target.target_value]
        )
        # Keep the spaces: a table row "66 140" must not read as 66140.
        quote = target.quote
        missing += [f"{target.id}: {v:g} not in {quote}" for v in values if not number_in(v, quote)]
    assert not missing, "\n".join(missing)


def test_value_text_stands_in_its_quote(registry):
    for target in registry.targets.values():
        if target.value_text:
            assert squeeze(target.value_text) in squeeze(target.quote), target.id


def test_coverage_targets_say_so(registry):
    for target in text_targets(registry):
        if target.comparator == "coverage":
            assert "覆盖" in target.quote, target.id


def test_outside_text_targets_are_marked(registry):
    outside = [t for t in registry.targets.values() if t.source == "outside_text"]
    assert len(outside) == 8, "the national 14th five-year plan's table has 8 rows"
    assert all(t.document == "cn_ip_plan_14th" for t in outside)
    unverified = {t.indicator for t in outside if not t.verified}
    assert {"ip_pledge_financing_amount", "ip_civil_first_instance_acceptance_rate"} <= unverified


@pytest.mark.parametrize(
    ("indicator", "region", "document", "baseline", "target"),
    [
        ("hv_invention_patents_per_10k", "CN", "cn_outline_2021_2035", None, 12),
        ("hv_invention_patents_per_10k", "CN", "cn_ip_plan_14th", (2020, 6.3), 12),
        ("hv_invention_patents_per_10k", "CN-CQ", "cq_ip_plan_14th", (2020, 3.65), 12),
        ("patent_intensive_industry_gdp_share", "CN", "cn_ip_plan_14th", (2019, 11.6), 13),
        ("copyright_industry_gdp_share", "CN", "cn_ip_plan_14th", (2019, 7.39), 7.5),
        ("copyright_industry_gdp_share", "CN-CQ", "cq_ip_plan_14th", (2020, 6.43), 7.18),
        ("ip_pledge_financing_amount", "CN-CQ", "cq_ip_plan_14th", (2020, 66), 140),
        ("ip_protection_satisfaction", "CN-CQ", "cq_ip_plan_14th", (2020, 80.94), 82),
    ],
)
def test_headline_numbers(registry, indicator, region, document, baseline, target):
    [found] = [
        t for t in registry.targets.values()
        if (t.indicator, t.region, t.document) == (indicator, region, document)
    ]
    assert found.target_value == target
    assert (None if found.baseline is None else (found.baseline.year, found.baseline.value)) == baseline
