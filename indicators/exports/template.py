"""The upload template: every indicator, its unit, the regions with targets.

Wide layout (one column per year), so staff fill in numbers and upload the
file as it is; blank cells mean "no data".  After the note come the optional
source columns (来源, 链接, 发布日期, 原文).  The example row starts with '#',
which the importer skips, and the xlsx has an instructions sheet that the
importer skips too.
"""

from __future__ import annotations

import datetime as dt
import io
from typing import Literal

import openpyxl
import pandas as pd
from openpyxl.styles import Font, PatternFill
from openpyxl.utils import get_column_letter

from indicators.config import Settings
from indicators.exports.safety import escape_formula, frame_to_csv_bytes
from indicators.importing import INFO_SHEET_NAMES
from indicators.importing.values import reference_values, tidy
from indicators.registry import Registry

TemplateFormat = Literal["xlsx", "csv"]

HEADERS = {
    "zh": {"id": "指标编码", "name": "指标名称", "unit": "单位", "region": "地区", "note": "备注",
           "source": "来源", "url": "链接", "published": "发布日期", "quote": "原文"},
    "en": {"id": "indicator_id", "name": "name", "unit": "unit", "region": "region", "note": "note",
           "source": "source", "url": "url", "published": "published", "quote": "quote"},
}
# Optional columns after the note, named as importing.layout reads them (importing.sources
# checks them); like the note, each applies to every year of its row.  Left out when they
# would take the sheet past the importer's column limit: a template must always import.
SOURCE_KEYS = ("source", "url", "published", "quote")
EXAMPLE_LABEL = {"zh": "# 示例（以 # 开头的行不导入）", "en": "# example (rows starting with # are not imported)"}
EXAMPLE_NOTE = {"zh": "示例：数据来源、口径调整等", "en": "example: source, change of definition"}
DATA_SHEET = {"zh": "填报", "en": "Data"}
INSTRUCTIONS = {
    "zh": [
        "填写说明",
        "1. 在“填报”表的年份列中填写该年度的实际值；空白表示暂无数据，不会当作 0。",
        "2. 按“单位”列的单位填写。百分比指标填 13 或 13%，不要填 0.13。",
        "3. 数字可带千分位（1,234.5），全角数字也可以。以 # 开头的行不导入。",
        "4. 地区可填编码（CN、CN-CQ）或名称（全国、重庆市）；指标可填编码、名称或别名。",
        "5. 也可以用长表：指标、地区、年份、数值、备注 各占一列。",
        "6. 不要修改表头，不要合并单元格。“备注”适用于该行的所有年份。",
        "7. 上传后先预览新增和修改的数据，确认后才会保存；每次上传都可以整体撤销。",
    ],
    "en": [
        "How to fill in",
        "1. On the Data sheet, enter each year's actual value in its year column; blank means no data, not 0.",
        "2. Use the unit in the unit column. For percentages enter 13 or 13%, not 0.13.",
        "3. Thousands separators (1,234.5) and full-width digits are fine. Rows starting with # are skipped.",
        "4. Region: code (CN, CN-CQ) or name; indicator: id, Chinese name or alias.",
        "5. The long layout works too: indicator, region, year, value, note columns.",
        "6. Keep the header, do not merge cells. The note applies to every year in its row.",
        "7. Uploads are previewed before they are stored, and each can be reverted as a whole.",
    ],
}
# The instructions line for the source columns, when the template has them.
SOURCE_INSTRUCTION = {
    "zh": "8. 来源列可选：“来源”填发布单位和发布会或文件，“链接”填网址（http/https），"
          "“发布日期”填 2024-01-25，“原文”填给出该数字的原句；与“备注”一样适用于该行所有年份。",
    "en": "8. Optional source columns: source (outlet and release), url (http/https address), "
          "published (release date, e.g. 2024-01-25), quote (the sentence giving the number); "
          "like the note, they apply to every year in the row.",
}


def template_years(registry: Registry, today: dt.date | None = None) -> list[int]:
    """From the earliest baseline year to the latest target year, but not past this year."""
    this_year = (today or dt.date.today()).year
    targets = list(registry.targets.values())
    baselines = [t.baseline.year for t in targets if t.baseline is not None]
    first = min(baselines, default=this_year - 1)
    last = min(max((t.target_year for t in targets), default=this_year), this_year)
    return list(range(first, max(first, last) + 1))


def template_frame(registry: Registry, settings: Settings, lang: str = "zh",
                   years: list[int] | None = None) -> pd.DataFrame:
    """One row per indicator and region with targets (every region if it has none), plus an example."""
    years = years if years is not None else template_years(registry)
    labels = HEADERS["zh" if lang == "zh" else "en"]
    rows = []
    for indicator in registry.indicators.values():
        target_regions = {target.region for target in registry.targets_of(indicator.id)}
        for region in settings.regions:
            if target_regions and region.code not in target_regions:
                continue
            rows.append({
                labels["id"]: indicator.id,
                labels["name"]: indicator.name_zh,
                labels["unit"]: indicator.unit,
                labels["region"]: region.name_zh if lang == "zh" else region.code,
            })
    frame = pd.DataFrame(rows, columns=[labels[key] for key in ("id", "name", "unit", "region")])
    for year in years:
        frame[str(year)] = pd.Series([None] * len(frame), dtype="float64")
    frame[labels["note"]] = ""
    if len(frame.columns) + len(SOURCE_KEYS) <= settings.upload.max_columns:
        for key in SOURCE_KEYS:
            frame[labels[key]] = ""
    if not frame.empty:
        example = _example_row(frame, years, labels, lang, registry, settings)
        frame = pd.concat([example, frame], ignore_index=True)
    return frame


def _example_row(frame: pd.DataFrame, years: list[int], labels: dict[str, str], lang: str,
                 registry: Registry, settings: Settings) -> pd.DataFrame:
    """The first row again, marked with '#', with two plausible values in its unit."""
    example = frame.iloc[[0]].copy()
    indicator_id = str(example.iloc[0][labels["id"]])
    region = next(r.code for r in settings.regions if example.iloc[0][labels["region"]] in (r.code, r.name_zh))
    start = min(reference_values(registry, indicator_id, region), default=100.0)
    example[labels["id"]] = EXAMPLE_LABEL["zh" if lang == "zh" else "en"]
    for offset, year in enumerate(years[:2]):
        example[str(year)] = tidy(round(start * (1 + 0.05 * offset), 2))
    example[labels["note"]] = EXAMPLE_NOTE["zh" if lang == "zh" else "en"]
    return example


def build_template(registry: Registry, settings: Settings, file_format: TemplateFormat,
                   lang: str = "zh", years: list[int] | None = None) -> bytes:
    frame = template_frame(registry, settings, lang, years)
    if file_format == "csv":
        return frame_to_csv_bytes(frame)
    return _xlsx(frame, lang)


def _xlsx(frame: pd.DataFrame, lang: str) -> bytes:
    key = "zh" if lang == "zh" else "en"
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = DATA_SHEET[key]
    sheet.append([str(column) for column in frame.columns])
    for values in frame.itertuples(index=False, name=None):
        sheet.append([_cell(value) for value in values])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    grey = PatternFill("solid", fgColor="EEEEEE")
    for cell in sheet[2]:
        cell.fill = grey
    sheet.freeze_panes = "E2"
    for index, width in enumerate(_widths(frame), start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    info = workbook.create_sheet(INFO_SHEET_NAMES[key])
    has_sources = HEADERS[key]["source"] in frame.columns
    for line in INSTRUCTIONS[key] + ([SOURCE_INSTRUCTION[key]] if has_sources else []):
        info.append([line])
    info.column_dimensions["A"].width = 100
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _cell(value: object) -> object:
    if value is None or (isinstance(value, float) and pd.isna(value)) or value == "":
        return None
    return escape_formula(value)


def _widths(frame: pd.DataFrame) -> list[float]:
    widths = []
    for column in frame.columns:
        longest = max([len(str(column))] + [len(str(value)) for value in frame[column].dropna()])
        widths.append(min(40.0, max(8.0, longest * 1.6)))
    return widths
