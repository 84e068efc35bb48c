"""Model rules: every validation error the registry can raise on one record."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from indicators.registry import Document, Indicator, Target, unit_factor

BASE_TARGET = dict(
    id="t1", indicator="ind", region="CN", document="doc", section="s", quote="达到 12 件",
    line=5, target_year=2025, target_value=12, comparator=">=", kind="level",
    baseline={"year": 2020, "value": 6.3},
)


def make_target(**changes) -> Target:
    return Target.model_validate({**BASE_TARGET, **changes})


def error_text(**changes) -> str:
    with pytest.raises(ValidationError) as info:
        make_target(**changes)
    return str(info.value)


def test_valid_target_and_goal_value():
    target = make_target()
    assert target.goal_value == 12
    assert target.baseline.value == 6.3


def test_models_are_frozen():
    target = make_target()
    with pytest.raises(ValidationError):
        target.target_value = 13


def test_unknown_field_is_an_error():
    assert "extra" in error_text(target_valu=3).lower()


def test_target_year_before_baseline_year():
    assert "before the baseline year" in error_text(target_year=2019)


def test_range_needs_both_bounds_and_order():
    assert "needs target_low and target_high" in error_text(
        comparator="range", target_value=None, target_low=8
    )
    assert "is above target_high" in error_text(
        comparator="range", target_value=None, target_low=10, target_high=8
    )
    ranged = make_target(comparator="range", target_value=None, target_low=8, target_high=10)
    assert ranged.goal_value == 8


def test_range_bounds_only_on_range_targets():
    assert "only a range target" in error_text(target_low=1, target_high=2)


def test_coverage_must_be_100():
    assert "coverage target means 100" in error_text(comparator="coverage", target_value=90)
    assert make_target(comparator="coverage", target_value=100).goal_value == 100


def test_increase_has_no_number():
    assert "has no number" in error_text(comparator="increase")
    assert make_target(comparator="increase", target_value=None).goal_value is None


def test_other_comparators_need_a_value():
    assert "needs a value" in error_text(target_value=None)


def test_missing_or_empty_quote():
    assert "quote" in error_text(quote="")
    without = {k: v for k, v in BASE_TARGET.items() if k != "quote"}
    with pytest.raises(ValidationError, match="quote"):
        Target.model_validate(without)


def test_text_source_needs_a_line_but_outside_text_does_not():
    assert "needs its line number" in error_text(line=None)
    assert make_target(line=None, source="outside_text", verified=False).line is None


def test_cumulative_path_is_linear():
    assert "cumulative target's planned path is linear" in error_text(
        kind="cumulative", path="geometric"
    )


def test_bad_id_pattern():
    assert "pattern" in error_text(id="Bad-Id")


@pytest.mark.parametrize(
    ("written", "base", "factor"),
    [("万件", "件", 1e4), ("件", "万件", 1e-4), ("万亿元", "亿元", 1e4), ("亿元", "万元", 1e4)],
)
def test_unit_factor(written, base, factor):
    assert unit_factor(written, base) == pytest.approx(factor)


def test_unit_factor_rejects_unrelated_units():
    with pytest.raises(ValueError, match="not a magnitude"):
        unit_factor("个", "件")


def test_target_scale_to_indicator_unit():
    assert make_target(unit="万件").scale_to("件") == 1e4
    assert make_target().scale_to("件") == 1.0


def test_document_period_order():
    base = dict(id="d", title_zh="规划", title_en="Plan", issuer="国务院", level="national",
                kind="plan", region="CN")
    assert Document.model_validate({**base, "period_start": 2021, "period_end": 2025})
    with pytest.raises(ValidationError, match="before period_start"):
        Document.model_validate({**base, "period_start": 2025, "period_end": 2021})
    with pytest.raises(ValidationError, match="go together"):
        Document.model_validate({**base, "period_start": 2021})


def test_indicator_percentage_flag():
    share = Indicator(id="s", name_zh="比重", name_en="Share", unit="%", category="use")
    assert share.is_percentage
    assert share.direction == "higher"
