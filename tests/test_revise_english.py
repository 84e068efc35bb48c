"""Issue 16, the detail page's registry history in the English UI: the system's account and
reason, the attribute and units in English, English separators; people's words as written."""

from __future__ import annotations

import re

import pandas as pd

from indicators.store import SEED_USER
from indicators.store.registry_store import SEED_REASON
from layouts.pages import detail_revise

HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\u3000-\u303f\uff00-\uffef]")
SEED = {"change_id": 1, "at": "2026-12-01 09:00", "user": SEED_USER, "action": "seed",
        "reason": SEED_REASON, "old": None, "reverted_by": None,
        "new": {"attribute": "预期性", "baseline": {"year": 2020, "value": 6.3}, "comparator": ">=",
                "document": "plan", "unit": "亿元", "target_value": 12.0}}
REVISED = {"change_id": 2, "at": "2026-12-02 09:00", "user": "王芳", "action": "revise",
           "reason": "中期调整", "reverted_by": None,
           "old": {"attribute": "预期性", "unit": "件"}, "new": {"attribute": "约束性", "unit": "万件"}}


def test_the_seed_row_reads_in_english_in_the_english_ui():
    rows = detail_revise.history_rows(pd.DataFrame([SEED]), "en")
    row = rows[0]
    assert row["user"] == "System" and row["reason"] == "first start: loaded from data/registry/"
    assert "attribute: — → Anticipatory" in row["what"]
    assert "baseline: — → 6.3 (2020)" in row["what"]
    assert row["what"].endswith("; …") and not HAN.search(str(row))


def test_a_revision_shows_attribute_and_unit_in_english_and_people_as_written():
    row = detail_revise.history_rows(pd.DataFrame([REVISED]), "en")[0]
    assert row["what"] == "attribute: Anticipatory → Binding; unit: count → × 10,000"
    assert row["user"] == "王芳" and row["reason"] == "中期调整"  # people's words stay


def test_the_chinese_ui_keeps_the_registry_words():
    row = detail_revise.history_rows(pd.DataFrame([SEED, REVISED]), "zh")[0]
    assert row["what"] == "attribute: 预期性 → 约束性；unit: 件 → 万件"
    seed = detail_revise.history_rows(pd.DataFrame([SEED]), "zh")[0]
    assert seed["user"] == SEED_USER and seed["reason"] == SEED_REASON
    assert seed["what"].endswith("；…") and "baseline: — → 6.3 (2020)" in seed["what"]


def test_a_refusal_reads_with_english_punctuation_in_english():
    from callbacks.detail_revise import _problems_text
    from indicators.registry.problems import refusal

    error = refusal("t1", "reason", "请写明原因", "give a reason")
    assert _problems_text(error, "en") == "reason: give a reason"
    assert _problems_text(error, "zh") == "reason：请写明原因"
