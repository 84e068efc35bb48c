"""The optional source columns of an upload: which headers, what is kept, what is refused."""

from __future__ import annotations

import datetime as dt

import pytest

from indicators.importing import ROW_COLUMNS, SOURCE_COLUMNS
from indicators.importing.layout import ROLE_BY_HEADER, header_key
from indicators.importing.sources import TEXT_LIMITS, published_date, source_value, url_problem
from tests.store_fixtures import codes, csv_bytes, parse, xlsx_bytes

URL = "https://www.cnipa.gov.cn/art/2024/1/16/art_53_189743.html"
SOURCE = "国务院新闻办公室新闻发布会（2024-01-16）"
QUOTE = "我国每万人口高价值发明专利拥有量达11.8件。"
WITH_SOURCES = f"""
指标,地区,年份,数值,备注,来源,链接,发布日期,原文
hv_patents,CN,2023,11.8,年末存量,{SOURCE},{URL},2024年1月16日,{QUOTE}
pledge,CN,2023,8539.9,,国家知识产权局,,2024-01,
"""


@pytest.mark.parametrize(("header", "role"), [
    ("来源", "source"), ("出处", "source"), ("数据来源", "source"), ("source", "source"),
    ("Source", "source"), ("链接", "url"), ("网址", "url"), ("url", "url"), ("URL", "url"),
    ("发布日期", "published"), ("published", "published"), ("原文", "quote"), ("quote", "quote"),
    ("备注", "note"), ("说明", "note"), ("note", "note"),
])
def test_source_headers_have_their_own_roles_and_notes_keep_theirs(header, role):
    assert ROLE_BY_HEADER[header_key(header)] == role


def test_source_columns_come_after_the_others():
    assert ROW_COLUMNS[-len(SOURCE_COLUMNS):] == SOURCE_COLUMNS == ["source", "url", "published", "quote"]
    assert ROW_COLUMNS[:8] == ["indicator_id", "region", "year", "value", "note", "source_sheet",
                               "source_row", "source_column"]


def test_csv_source_columns_are_stored_with_each_value(project):
    parsed = parse(csv_bytes(WITH_SOURCES), "a.csv", project)
    assert parsed.ok, parsed.errors
    assert parsed.has_sources and parsed.has_notes
    assert parsed.rows[["note", *SOURCE_COLUMNS]].values.tolist() == [
        ["年末存量", SOURCE, URL, "2024-01-16", QUOTE],
        ["", "国家知识产权局", "", "2024-01", ""],
    ]
    assert not [w for w in parsed.warnings if w.code == "ignored_column"]


def test_a_source_column_is_no_longer_read_as_the_note(project):
    parsed = parse(csv_bytes("指标,地区,年份,数值,来源\nhv_patents,CN,2023,11.8,国新办\n"), "a.csv", project)
    assert parsed.ok, parsed.errors
    assert parsed.rows[["note", "source"]].values.tolist() == [["", "国新办"]]
    assert not parsed.has_notes and parsed.has_sources


def test_a_file_without_source_columns_has_blank_sources(project):
    parsed = parse(csv_bytes("指标,地区,年份,数值\nhv_patents,CN,2023,11.8\n"), "a.csv", project)
    assert parsed.ok and not parsed.has_sources
    assert parsed.rows[SOURCE_COLUMNS].values.tolist() == [["", "", "", ""]]


def test_xlsx_source_columns_and_a_date_cell(project):
    content = xlsx_bytes({"数据": [
        ["指标", "地区", "年份", "数值", "出处", "网址", "发布日期", "原文"],
        ["hv_patents", "全国", 2023, 11.8, SOURCE, URL, dt.datetime(2024, 1, 16), QUOTE],
        ["pledge", "全国", 2023, 8539.9, "国家知识产权局", None, None, None],
    ]})
    parsed = parse(content, "a.xlsx", project)
    assert parsed.ok, parsed.errors
    assert parsed.rows[SOURCE_COLUMNS].values.tolist() == [
        [SOURCE, URL, "2024-01-16", QUOTE], ["国家知识产权局", "", "", ""]]


def test_wide_layout_rows_carry_their_source_to_every_year(project):
    text = f"指标,地区,2022,2023,来源,链接\nhv_patents,CN,9.4,11.8,{SOURCE},{URL}\n"
    parsed = parse(csv_bytes(text), "a.csv", project)
    assert parsed.ok, parsed.errors
    assert parsed.rows[["year", "source", "url"]].values.tolist() == [
        [2022, SOURCE, URL], [2023, SOURCE, URL]]


@pytest.mark.parametrize("link", [
    "javascript:alert(1)", "ftp://example.org/a.csv", "www.cnipa.gov.cn/a.html", "https://",
    "http://exa mple.org", "data:text/html,<b>x</b>", "file:///etc/passwd",
])
def test_a_link_that_is_not_http_is_a_located_error_in_both_languages(project, link):
    text = f"指标,地区,年份,数值,链接\nhv_patents,CN,2022,9.4,{URL}\nhv_patents,CN,2023,11.8,{link}\n"
    for lang, words in (("zh", "不是以 http:// 或 https:// 开头的网址"),
                        ("en", "is not a web address starting with http:// or https://")):
        parsed = parse(csv_bytes(text), "a.csv", project, lang=lang)
        [error] = parsed.errors
        assert (error.code, error.row, error.column, error.header) == ("bad_url", 3, "E", "链接")
        assert words in error.message
        assert parsed.rows["year"].tolist() == [2022]  # the other row is still read


def test_too_long_source_and_bad_date_are_located_errors(project):
    long_source = "来" * (TEXT_LIMITS["source"] + 1)
    text = (f"指标,地区,年份,数值,来源,发布日期\nhv_patents,CN,2022,9.4,{long_source},2023-12\n"
            "hv_patents,CN,2023,11.8,国新办,去年年底\n")
    parsed = parse(csv_bytes(text), "a.csv", project, lang="en")
    assert codes(parsed.errors) == ["source_too_long", "bad_published"]
    assert [(e.row, e.column) for e in parsed.errors] == [(2, "E"), (3, "F")]
    assert "501 characters, above the limit of 500" in parsed.errors[0].message
    assert "'去年年底' is not a date" in parsed.errors[1].message
    assert parsed.rows.empty


# Rules as data: each case of importing.sources.

@pytest.mark.parametrize(("text", "expected"), [
    ("2024", "2024"), ("2024-01", "2024-01"), ("2024-1", "2024-01"), ("2024年1月", "2024-01"),
    ("2024-01-16", "2024-01-16"), ("2024/1/16", "2024-01-16"), ("2024.01.16", "2024-01-16"),
    ("2024年1月16日", "2024-01-16"), ("2024年 1月 16日", "2024-01-16"),
    ("2024-13", None), ("2024-02-30", None), ("24-01-16", None), ("去年", None), ("2024-01-16 10:00", None),
])
def test_published_date_forms(text, expected):
    assert published_date(text) == expected


@pytest.mark.parametrize(("text", "problem"), [
    (URL, None), ("http://61.152.230.22/news,cjpl,54908953.html", None), ("HTTPS://X.CN/a", None),
    ("javascript:alert(1)", "scheme"), ("mailto:a@b.cn", "scheme"), ("www.x.cn", "scheme"),
    ("https://", "host"), ("http:///path", "host"), ("http://a b.cn", "space"),
    ("http://x.cn/\u0007", "space"), ("http://[::1", "form"),
])
def test_url_rules(text, problem):
    assert url_problem(text) == problem


def test_source_cells_are_kept_as_typed_apart_from_trimming():
    # A quote stays character for character: no full-width folding as for notes.
    assert source_value("quote", "  占GDP的比重为７.４１％。 ") == ("占GDP的比重为７.４１％。", None)
    assert source_value("source", "'=国新办") == ("=国新办", None)  # our export's formula guard
    assert source_value("published", dt.date(2024, 1, 16)) == ("2024-01-16", None)
    assert source_value("url", None) == ("", None)
