"""The words of the evaluation report: headings, the date lines, the paragraph per target at risk.

Chinese follows the way government evaluations write (基期、目标、完成率、
距目标还差……、按序时进度应达到……); English says the same plainly.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

from indicators.engine import BINDING, forecast_label, status_label
from indicators.exports.evaluation.frame import (
    DASH,
    attribute_text,
    is_number,
    name_text,
    number_text,
    percent_text,
    row_decimals,
)
from indicators.registry import Document
from indicators.registry.english import unit_en

STRINGS: dict[str, tuple[str, str]] = {
    "title_one": ("{title}主要目标完成情况评估报告", "Evaluation of the targets of {title}"),
    "title_many": ("知识产权规划主要目标完成情况评估报告", "Evaluation of the targets of the IP plans"),
    "date": ("{y}年{m}月{d}日", "{iso}"),
    "as_of": ("数据截至{year}年（各项指标的最新数据年份见表）",
              "Data as of {year} (each indicator's latest year is in the table)"),
    "as_of_none": ("尚无实际数据", "No actual data yet"),
    "overview": ("一、总体情况", "1. Overview"),
    "no_targets": ("所选范围内没有目标。", "The selection holds no target."),
    "table": ("二、主要目标完成情况", "2. The targets"),
    "table_caption": ("表{n}　{title}目标完成情况", "Table {n}. Targets of {title}"),
    "attention": ("三、需要关注的目标", "3. Targets that need attention"),
    "attention_intro": ("以下目标滞后、未完成或预计完成难度较大，约束性指标列在最前。",
                        "These targets are behind, missed or hard to reach; binding ones first."),
    "attention_none": ("没有滞后、未完成或预计完成难度较大的目标。",
                       "No target is behind, missed or hard to reach."),
    "chart": ("四、完成进度图", "4. Progress chart"),
    "chart_legend": ("条形为目标完成度（从基期到目标走过的比例，满格为150%），颜色表示状态；粗竖线为目标（100%），"
                     "细竖线为时间进度。",
                     "Bars: progress from baseline to target (full width 150%), coloured by status; "
                     "thick line: the target (100%); thin line: time elapsed."),
    "chart_limited": ("图中列出最需关注的{shown}项（共{total}项有目标完成度），其余见表。",
                      "The chart shows the {shown} targets furthest behind of {total} with a "
                      "progress figure; the table has them all."),
    "chart_empty": ("没有可计算目标完成度的目标。", "No target has a progress figure."),
    "annex": ("附件", "Annex"),
    "annex_title": ("评估方法", "Method"),
    "source": ("数据来源：本系统中当前有效的上传数据；计算方法见附件。",
               "Source: the values currently stored in the tracker; the method is in the annex."),
}
ORDINALS_ZH = "一二三四五六七八九十"


def s(key: str, english: bool, **fields: object) -> str:
    zh, en = STRINGS[key]
    text = en if english else zh
    return text.format(**fields) if fields else text


def quoted_title(document: Document | None, doc_id: str, english: bool) -> str:
    if document is None:
        return f"“{doc_id}”" if english else f"《{doc_id}》"
    return f"“{document.title_en}”" if english else f"《{document.title_zh}》"


def report_title(documents: list[Document | None], doc_ids: list[str], english: bool) -> str:
    if len(doc_ids) == 1:
        return s("title_one", english, title=quoted_title(documents[0], doc_ids[0], english))
    return s("title_many", english)


def date_text(today: dt.date, english: bool) -> str:
    return s("date", english, y=today.year, m=today.month, d=today.day, iso=today.isoformat())


def sub_ordinal(number: int, english: bool) -> str:
    """（一） for the first paragraph, (1) in English."""
    if english or number > len(ORDINALS_ZH):
        return f"({number})"
    return f"（{ORDINALS_ZH[number - 1]}）"


def with_unit(value: object, unit: str, english: bool, decimals: int = 2) -> str:
    """'3,200亿元' / '3,200 × 100 million yuan'; a count's English unit is left out ('12')."""
    text = number_text(value, decimals)
    if text == DASH:
        return text
    if unit == "%":
        return f"{text}%"
    if english:
        shown = unit_en(unit)
        shown = unit if shown is None else shown
        return f"{text} {shown}" if shown else text
    return f"{text}{unit}"


def gap_text(gap: object, unit: str, english: bool, decimals: int = 2) -> str:
    """距目标还差…/已超出目标…; a share's gap is in percentage points."""
    if not is_number(gap):
        return ""
    amount = abs(float(gap))
    if unit == "%":
        points = number_text(amount, decimals)
        size = f"{points} percentage points" if english else f"{points}个百分点"
    else:
        size = with_unit(amount, unit, english, decimals)
    if float(gap) > 0:
        return f"{size} short of the target" if english else f"距目标还差{size}"
    return f"{size} beyond the target" if english else f"已超出目标{size}"


def attention_heading(row: Mapping, english: bool) -> str:
    name = name_text(row, english)
    attribute = attribute_text(row.get("attribute"), english)
    return name if attribute == DASH else (f"{name} ({attribute})" if english else f"{name}（{attribute}）")


def attention_body(row: Mapping, notes: list[tuple[int, str]], lang: str) -> str:
    """The paragraph on one target at risk: figures, gap, status, growth, trend, notes."""
    english = lang == "en"
    parts = [_figures(row, english), _status(row, lang), _growth(row, english),
             _trend(row, lang), _history(row, english), _binding(row, english), _notes(notes, english)]
    return (" " if english else "").join(part for part in parts if part)


def _figures(row: Mapping, english: bool) -> str:
    unit, places = str(row.get("unit") or ""), row_decimals(row)
    base = with_unit(row.get("baseline_value"), unit, english, places)
    goal = with_unit(row.get("target_value"), unit, english, places)
    pieces = []
    if base != DASH and is_number(row.get("baseline_year")):
        pieces.append(f"baseline {base} ({int(row['baseline_year'])})" if english
                      else f"基期（{int(row['baseline_year'])}年）{base}")
    pieces.append(f"target {goal} ({int(row['target_year'])})" if english
                  else f"目标（{int(row['target_year'])}年）{goal}")
    if is_number(row.get("latest_year")):
        latest = with_unit(row.get("latest_value"), unit, english, places)
        pieces.append(f"{latest} in {int(row['latest_year'])}" if english
                      else f"{int(row['latest_year'])}年为{latest}")
    if is_number(row.get("completion_rate")):
        rate = percent_text(row["completion_rate"])
        pieces.append(f"completion rate {rate}" if english else f"完成率{rate}")
    gap = gap_text(row.get("gap_to_target"), unit, english, places)
    if gap:
        pieces.append(gap)
    text = ", ".join(pieces) if english else "，".join(pieces)
    return (text[0].upper() + text[1:] + ".") if english else text + "。"


def _status(row: Mapping, lang: str) -> str:
    english = lang == "en"
    words = status_label(str(row.get("status")), lang)
    planned, q = row.get("planned_value"), row.get("schedule_ratio")
    final = is_number(row.get("latest_year")) and row["latest_year"] >= row["target_year"]
    if final or not (is_number(planned) and is_number(q)):
        return f"Status: {words}." if english else f"状态：{words}。"
    planned_text = with_unit(planned, str(row.get("unit") or ""), english, row_decimals(row))
    ratio = percent_text(q)
    if english:
        return f"Status: {words} (the planned path asks for {planned_text}; schedule ratio {ratio})."
    return f"状态：{words}（按序时进度应达到{planned_text}，序时进度比{ratio}）。"


def _growth(row: Mapping, english: bool) -> str:
    required, achieved = row.get("required_annual_growth"), row.get("achieved_annual_growth")
    if not is_number(required) or not is_number(row.get("latest_year")):
        return ""
    years = int(row["target_year"]) - int(row["latest_year"])
    made = percent_text(achieved)
    if english:
        return (f"Reaching the target needs {percent_text(required)} a year over the remaining "
                f"{years} year(s); growth since the baseline was {made} a year.")
    return f"实现目标剩余{years}年需年均增长{percent_text(required)}，基期以来年均增长{made}。"


def _trend(row: Mapping, lang: str) -> str:
    english = lang == "en"
    forecast = str(row.get("forecast") or "not_judged")
    if forecast == "not_judged" or not is_number(row.get("projected_value")):
        return ""
    value = with_unit(row["projected_value"], str(row.get("unit") or ""), english, row_decimals(row))
    words = forecast_label(forecast, lang)
    if english:
        return f"The trend line reaches {value} in {int(row['target_year'])}: {words.lower()}."
    return f"按趋势推算，{int(row['target_year'])}年约为{value}，{words}。"


def _history(row: Mapping, english: bool) -> str:
    first = row.get("first_met_year")
    if not is_number(first) or str(row.get("status")) not in ("met_then_lost", "missed"):
        return ""
    return (f"It met the target in {int(first)} and fell back since." if english
            else f"该目标曾于{int(first)}年达到，此后回落。")


def _binding(row: Mapping, english: bool) -> str:
    if str(row.get("attribute") or "") != BINDING:
        return ""
    return "It is a binding target and must be met." if english else "该指标为约束性指标，必须完成。"


def _notes(notes: list[tuple[int, str]], english: bool) -> str:
    if not notes:
        return ""
    if english:
        return "Notes on the data: " + "; ".join(f"{year}: {text}" for year, text in notes) + "."
    return "数据备注：" + "；".join(f"{year}年：{text}" for year, text in notes) + "。"
