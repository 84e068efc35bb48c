"""A table row quoted as a target's source is shown under the headers it stands for."""

from __future__ import annotations

from indicators.registry import Baseline, Target
from layouts.pages.source_quote import quote_block, table_row


def target(quote: str, baseline: float | None = 66, goal: float = 140) -> Target:
    return Target(id="t", indicator="ip_pledge_financing_amount", region="CN-CQ", document="d",
                  section="专栏1", quote=quote, source="outside_text", target_year=2025,
                  target_value=goal, comparator=">=", kind="level",
                  baseline=Baseline(year=2020, value=baseline) if baseline is not None else None)


def test_a_numbered_table_row_becomes_headers_and_cells() -> None:
    row = target("8 知识产权质押融资登记金额 亿元 66 140 预期性")
    assert table_row(row) == [("name", "知识产权质押融资登记金额 亿元"), ("year:2020", "66"),
                              ("year:2025", "140"), ("attribute", "预期性")]


def test_a_row_without_baseline_or_attribute() -> None:
    assert table_row(target("海外发明专利授权量（万件） 9", baseline=None, goal=9)) == [
        ("name", "海外发明专利授权量（万件）"), ("year:2025", "9")]


def test_a_sentence_or_a_row_whose_numbers_differ_stays_a_quote() -> None:
    assert table_row(target("知识产权质押融资登记金额达到140亿元")) is None
    assert table_row(target("知识产权质押融资登记金额 亿元 60 140 预期性")) is None


def test_the_block_shows_the_table_and_keeps_the_exact_quote() -> None:
    block = quote_block(target("8 知识产权质押融资登记金额 亿元 66 140 预期性"), "en")
    headers = [cell.children for cell in block[0].children[0].children.children]
    assert headers == ["Indicator", "2020", "2025", "Attribute"]
    # The English UI keeps the document's own words, marked as Chinese and labelled.
    label, exact = block[1].children.children
    assert exact.lang == "zh-CN" and exact.children == "“8 知识产权质押融资登记金额 亿元 66 140 预期性”"
    assert label.children.startswith("Original text")
    sentence = quote_block(target("知识产权质押融资登记金额达到140亿元"), "zh")
    assert len(sentence) == 1 and sentence[0].children == "“知识产权质押融资登记金额达到140亿元”"
