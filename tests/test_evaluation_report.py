"""The evaluation report of the national plan as of 2025, from a test upload of the published series.

The published figures are uploaded into a fresh SQLite store as staff would;
then the CLI writes the Word file, the xlsx and the CSV gap report, and the
Word table must hold the CSV's figures.
"""

from __future__ import annotations

import base64
import csv
import io
import re

import docx
import openpyxl
import pytest
from docx.oxml.ns import qn

from indicators.cli import main
from indicators.config import PROJECT_ROOT, load_config
from indicators.engine import forecast_label, status_label, summary_sentence
from indicators.exports import report_to_csv
from indicators.importing import parse_upload
from indicators.registry import load_registry
from indicators.service import TrackerService
from indicators.store import ActualsStore

PUBLISHED = PROJECT_ROOT / "data" / "published" / "published_actuals.csv"
PLAN = "cn_ip_plan_14th"
STAFF_NOTE = "第五次经济普查后数据待修订"
POINT = re.compile(r"^(?P<value>-?[\d,.]+)（(?P<year>\d{4})）$")


@pytest.fixture(scope="module")
def project(tmp_path_factory) -> dict:
    folder = tmp_path_factory.mktemp("evaluation")
    url = f"sqlite:///{folder / 'published.db'}"
    settings = load_config(database_url=url, sample_data=None, published_data=None,
                           cache={"folder": None})
    registry = load_registry(settings)
    store = ActualsStore(url, root=settings.root)
    parsed = parse_upload(PUBLISHED.read_bytes(), PUBLISHED.name, registry, settings)
    assert not parsed.errors  # a broken fixture, not a product check
    store.commit(parsed, "测试", PUBLISHED.name, parsed.sha256)
    store.set_note("copyright_industry_gdp_share", "CN", 2023, STAFF_NOTE, "测试")
    store.close()
    return {"folder": folder, "url": url, "settings": settings, "registry": registry}


def run(project: dict, *args: str) -> int:
    return main([*args, "--db", project["url"]])


@pytest.fixture(scope="module")
def word(project) -> docx.document.Document:
    path = project["folder"] / "评估报告.docx"
    assert run(project, "evaluation", "--document", PLAN, "--as-of", "2025", "-o", str(path)) == 0
    return docx.Document(str(path))


@pytest.fixture(scope="module")
def csv_rows(project) -> dict[str, dict]:
    path = project["folder"] / "report.csv"
    assert run(project, "report", "--document", PLAN, "--as-of", "2025", "--lang", "en",
               "-o", str(path)) == 0
    rows = list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8-sig"))))
    return {row["name_zh"]: row for row in rows}


def point(text: str) -> tuple[float, int] | None:
    match = POINT.match(text)
    return (float(match["value"].replace(",", "")), int(match["year"])) if match else None


def test_the_word_table_holds_the_csv_report_figures(word, csv_rows):
    table = word.tables[0]
    header = [cell.text for cell in table.rows[0].cells]
    assert header == ["序号", "指标名称", "单位", "基期值（年份）", "目标值（年份）", "最新值（年份）",
                      "完成率", "状态", "预计完成情况", "属性"]
    body = [[cell.text for cell in row.cells] for row in table.rows[1:]]
    assert len(body) == len(csv_rows) == 12
    for _, name, unit, baseline, target, latest, rate, status, forecast, attribute in body:
        row = csv_rows[name]
        assert unit == row["unit"]
        for text, value, year in ((baseline, "baseline_value", "baseline_year"),
                                  (target, "target_value", "target_year"),
                                  (latest, "latest_value", "latest_year")):
            if row[value]:
                # Issue 16: both at the indicator's precision (exports.formats), so they agree.
                assert point(text) == (float(row[value]), int(row[year]))
            else:
                assert text == "—"
        expected_rate = f"{float(row['completion_rate']) * 100:.1f}%" if row["completion_rate"] else "—"
        assert rate == expected_rate
        assert status == status_label(row["status"], "zh")
        assert forecast == forecast_label(row["forecast"], "zh")
        assert attribute == ({"Anticipatory": "预期性", "Binding": "约束性"}.get(row["attribute"], "—"))


def test_the_published_series_give_the_final_statuses(csv_rows):
    # 每万人口高价值发明专利拥有量: 11.8 (2023) < 12 <= 14 (2024), 16 in 2025: met early.
    assert csv_rows["每万人口高价值发明专利拥有量"]["status"] == "met_early"
    assert csv_rows["每万人口高价值发明专利拥有量"]["first_met_year"] == "2024"
    # 满意度 82.04 (2023) >= 82, 82.81 in 2025: met early.
    assert csv_rows["知识产权保护社会满意度"]["status"] == "met_early"
    # 版权产业 7.44 (2023) against 7.5, no 2025 figure: still judged by the schedule.
    copyright_row = csv_rows["版权产业增加值占GDP比重"]
    assert (copyright_row["status"], copyright_row["forecast"]) == ("slightly_behind", "difficult")


def test_the_word_file_opens_with_title_dates_summary_and_annex(word, project):
    texts = [paragraph.text for paragraph in word.paragraphs]
    assert texts[0] == "《“十四五”国家知识产权保护和运用规划》主要目标完成情况评估报告"
    assert re.fullmatch(r"\d{4}年\d{1,2}月\d{1,2}日", texts[1])
    assert texts[2].startswith("数据截至2025年")
    assert texts[3] == "一、总体情况"
    assert texts[4].startswith("截至2025年，《“十四五”国家知识产权保护和运用规划》8项主要指标中，已完成6项")
    for heading in ("二、主要目标完成情况", "三、需要关注的目标", "四、完成进度图", "附件", "评估方法"):
        assert heading in texts


def test_a_target_at_risk_gets_its_paragraph_with_gap_growth_and_the_staff_note(word):
    texts = [paragraph.text for paragraph in word.paragraphs]
    start = texts.index("（一）版权产业增加值占GDP比重（预期性）")
    paragraph = texts[start + 1]
    assert "2023年为7.44%" in paragraph and "距目标还差0.06个百分点" in paragraph
    assert "实现目标剩余2年需年均增长0.4%" in paragraph  # Issue 16: ratios to 0.1 %
    assert "预计完成难度较大" in paragraph
    assert f"2023年：{STAFF_NOTE}" in paragraph


def test_chinese_text_names_its_east_asian_fonts(word):
    normal = word.styles["Normal"].element.rPr.rFonts
    assert normal.get(qn("w:eastAsia")) == "仿宋"
    title_fonts = word.paragraphs[0].runs[0]._r.rPr.rFonts
    assert title_fonts.get(qn("w:eastAsia")) == "宋体"
    heading_fonts = word.paragraphs[3].runs[0]._r.rPr.rFonts
    assert heading_fonts.get(qn("w:eastAsia")) == "黑体"
    cell_fonts = word.tables[0].rows[1].cells[1].paragraphs[0].runs[0]._r.rPr.rFonts
    assert cell_fonts.get(qn("w:eastAsia")) == "宋体"


def test_the_progress_chart_is_a_table_of_shaded_cells(word):
    chart = word.tables[1]
    # a scale row, then one row per target with a progress figure (8 of 12 here)
    assert len(chart.rows) == 1 + 8
    first = chart.rows[1]
    assert first.cells[0].text == "版权产业增加值占GDP比重"  # the one behind comes first
    # progress (7.44 - 7.39) / (7.5 - 7.39) = 45 %: 9 cells of 5 %
    shaded = [cell for cell in first.cells[1:31] if cell._tc.tcPr.find(qn("w:shd")) is not None]
    assert len(shaded) == 9
    assert first.cells[31].text.startswith("45.5%")  # Issue 16: ratios to 0.1 %


def test_the_xlsx_evaluation_holds_the_same_numbers(project, csv_rows):
    path = project["folder"] / "评估报告.xlsx"
    assert run(project, "evaluation", "--document", PLAN, "--as-of", "2025", "--format", "xlsx",
               "-o", str(path)) == 0
    sheet = openpyxl.load_workbook(path)["评估表"]
    rows = list(sheet.iter_rows(values_only=True))
    header_at = next(i for i, row in enumerate(rows) if row[0] == "序号")
    header = list(rows[header_at])
    for values in rows[header_at + 1:]:
        row = dict(zip(header, values, strict=True))
        expected = csv_rows[row["指标名称"]]
        for column, name in (("基期值", "baseline_value"), ("目标值", "target_value"),
                             ("最新值", "latest_value"), ("完成率", "completion_rate")):
            # Issue 16: the CSV holds ratios at the percentage's precision (0.1 %).
            tolerance = {"abs": 5e-4} if name == "completion_rate" else {"rel": 1e-6}
            if expected[name]:
                assert row[column] == pytest.approx(float(expected[name]), **tolerance)
            else:
                assert row[column] is None


def test_english_word_file(project):
    path = project["folder"] / "evaluation_en.docx"
    assert run(project, "evaluation", "--document", PLAN, "--as-of", "2025", "--lang", "en",
               "-o", str(path)) == 0
    document = docx.Document(str(path))
    assert document.paragraphs[0].text.startswith("Evaluation of the targets of “National Plan")
    assert document.tables[0].rows[0].cells[1].text == "Indicator"
    assert "Hard to reach" in [cell.text for cell in document.tables[0].columns[8].cells]


def test_unknown_or_empty_documents_are_refused(project, capsys):
    out = project["folder"] / "x.docx"
    assert run(project, "evaluation", "--document", "nope", "-o", str(out)) == 2
    assert "未知的规划文件“nope”" in capsys.readouterr().err
    assert run(project, "evaluation", "--document", "cn_patent_law", "-o", str(out)) == 2
    assert "没有可评估的目标" in capsys.readouterr().err
    assert not out.exists()


def test_csv_report_appends_the_evaluation_columns_after_the_old_ones(project):
    settings = project["settings"]
    service = TrackerService.open(settings, load_sample=False)
    report = service.report(2025).report
    header = next(csv.reader(io.StringIO(report_to_csv(report, "en").decode("utf-8-sig"))))
    # English exports end with name_en, appended after the evaluation columns.
    assert header[-6:] == ["attribute", "completion_rate", "achieved_annual_growth",
                           "first_met_year", "forecast", "name_en"]
    zh_header = next(csv.reader(io.StringIO(report_to_csv(report, "zh").decode("utf-8-sig"))))
    assert zh_header[-5:] == ["指标属性", "完成率", "基期以来年均增速", "首次达到目标年份", "预计完成情况"]


def test_the_overview_button_downloads_the_same_word_report(project):
    from callbacks.overview import evaluation_file
    from layouts.pages import overview

    service = TrackerService.open(project["settings"], load_sample=False)
    download = evaluation_file(service, "zh", PLAN, None, None, 2025)
    assert download["filename"] == "evaluation_cn_ip_plan_14th_2025.docx"
    document = docx.Document(io.BytesIO(base64.b64decode(download["content"])))
    report = service.filtered_report(overview.selection_from(service, PLAN, None, None, 2025))
    expected = summary_sentence(report.report, service.registry.documents[PLAN], 2025, "zh")
    assert document.paragraphs[4].text == expected
    page = str(overview.layout(service, "zh", document=PLAN, as_of=2025))
    assert overview.EXPORT_DOCX in page and "评估摘要" in page and expected[:40] in page


def test_method_page_explains_final_statuses_and_the_forecast(project):
    from layouts.pages import method

    service = TrackerService.open(project["settings"], load_sample=False)
    text = str(method.layout(service, "zh"))
    assert "提前完成" in text and "达标后回落" in text and "预计完成难度较大" in text
    assert "超出目标值 10% 以上" in text
    english = str(method.layout(service, "en"))
    assert "Hard to reach" in english and "binding" in english.lower()

