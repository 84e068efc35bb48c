"""The upload template's optional source columns (来源, 链接, 发布日期, 原文): filled in, they import."""

from __future__ import annotations

import csv
import io

import openpyxl
import pytest

from indicators.exports import build_template, template_frame
from tests.store_fixtures import codes, parse

# What staff type into the first listed series (hv_patents, 全国), and what the importer stores.
TYPED = {"source": "国家知识产权局 2022年知识产权工作新闻发布会", "url": "https://www.cnipa.gov.cn/",
         "published": "2023年1月16日", "quote": "每万人口高价值发明专利拥有量达到9.4件"}
STORED = {**TYPED, "published": "2023-01-16"}
HEADERS = {"zh": {"source": "来源", "url": "链接", "published": "发布日期", "quote": "原文"},
           "en": {"source": "source", "url": "url", "published": "published", "quote": "quote"}}
INSTRUCTION_START = {"zh": "8. 来源列可选", "en": "8. Optional source columns"}


@pytest.mark.parametrize("file_format", ["xlsx", "csv"])
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_source_columns_filled_in_are_stored_with_the_value(project, file_format, lang) -> None:
    settings, registry = project
    content = build_template(registry, settings, file_format, lang, years=[2021, 2022])
    cells = {HEADERS[lang][role]: text for role, text in TYPED.items()}
    parsed = parse(_fill(content, file_format, {"2021": 9.4, **cells}), f"t.{file_format}", project, lang)
    assert parsed.ok, [str(error) for error in parsed.errors]
    assert parsed.has_sources and parsed.warnings == []
    [row] = parsed.rows.to_dict("records")
    assert (row["indicator_id"], row["region"], row["year"], row["value"]) == ("hv_patents", "CN", 2021, 9.4)
    assert {role: row[role] for role in STORED} == STORED


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_instructions_explain_the_source_columns(project, lang) -> None:
    settings, registry = project
    workbook = openpyxl.load_workbook(io.BytesIO(build_template(registry, settings, "xlsx", lang, years=[2021])))
    lines = [row[0] for row in workbook.worksheets[1].iter_rows(values_only=True)]
    assert [line for line in lines if line.startswith(INSTRUCTION_START[lang])] != []
    assert list(template_frame(registry, settings, lang, years=[2021]).columns[-4:]) == list(HEADERS[lang].values())


def test_source_columns_are_left_out_where_they_would_pass_the_column_limit(project) -> None:
    settings, registry = project  # the test project allows 12 columns
    fits = template_frame(registry, settings, "zh", years=[2021, 2022, 2023])  # 4 + 3 + 1 + 4 = 12
    crowded = template_frame(registry, settings, "zh", years=list(range(2019, 2026)))  # 4 + 7 + 1 = 12
    assert "原文" in fits.columns and list(crowded.columns)[-1] == "备注"
    content = build_template(registry, settings, "xlsx", "zh", years=list(range(2019, 2026)))
    assert codes(parse(content, "t.xlsx", project).errors) == ["no_values"]  # importable, not refused
    lines = [row[0] for row in openpyxl.load_workbook(io.BytesIO(content)).worksheets[1].iter_rows(values_only=True)]
    assert not any(line.startswith(INSTRUCTION_START["zh"]) for line in lines)


def _fill(content: bytes, file_format: str, cells: dict[str, object]) -> bytes:
    """What staff do: type into the first listed series' row (the row after the example)."""
    if file_format == "csv":
        rows = list(csv.reader(io.StringIO(content.decode("utf-8-sig"))))
        for header, value in cells.items():
            rows[2][rows[0].index(header)] = str(value)
        buffer = io.StringIO()
        csv.writer(buffer).writerows(rows)
        return buffer.getvalue().encode("utf-8-sig")
    workbook = openpyxl.load_workbook(io.BytesIO(content))
    sheet = workbook.worksheets[0]
    header = [cell.value for cell in sheet[1]]
    for name, value in cells.items():
        sheet.cell(row=3, column=header.index(name) + 1, value=value)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
