"""A plan's text to a draft set: the extractor's drafts as rows, the document proposed.

The extractor (indicators.drafting) finds the targets; here each becomes a
DraftRow the reviewer decides on, linked to the indicator it matched or to a
new one.  "Successive plans": a row whose text gives no baseline gets the last
actual at or before the plan's start year for its series, marked
baseline_proposed, in the target's own unit.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

import pandas as pd

from indicators.drafting import Draft, PlanText, draft_targets
from indicators.drafting.command import default_document_id, plan_title
from indicators.drafting.output import DOCUMENT_KINDS, guess_category
from indicators.drafting.text import fold_text
from indicators.drafting.years import period_of_title
from indicators.registry import Registry, unit_factor
from indicators.registry.drafts import DocumentDraft, DraftRow, DraftSet

NATIONAL = "CN"
ASSUMED_KIND = "level"


def draft_set_from_plan(plan: PlanText, registry: Registry, actuals: pd.DataFrame, *,
                        file_name: str, region: str | None) -> DraftSet:
    drafts = draft_targets(plan, registry, region)
    document = proposed_document(plan, file_name, drafts[0].region if drafts else region)
    rows = [row_from_draft(draft, f"d{number}", registry)
            for number, draft in enumerate(drafts, start=1)]
    rows = propose_baselines(rows, document, registry, actuals)
    return DraftSet(document=document, file_name=file_name, text=plan.lines, rows=tuple(rows))


def proposed_document(plan: PlanText, file_name: str, region: str | None) -> DocumentDraft:
    """The document as far as the text tells: title, period, level, kind; staff fill the rest."""
    title = plan_title(plan)
    period = period_of_title(fold_text(title))
    region = region or NATIONAL
    if file_name:
        document_id = default_document_id(Path(file_name))
    else:  # pasted text: an id from the title, the same for the same title
        document_id = f"draft_{hashlib.sha1(title.encode('utf-8')).hexdigest()[:8]}"
    return DocumentDraft(
        id=document_id, title_zh=title, region=region,
        level="national" if region == NATIONAL else "municipal",
        kind=next((kind for word, kind in DOCUMENT_KINDS if word in title), "plan"),
        period_start=period[0] if period else None, period_end=period[1] if period else None)


def row_from_draft(draft: Draft, key: str, registry: Registry) -> DraftRow:
    new = draft.indicator_id not in registry.indicators
    reason = draft.confidence_reason
    kind = draft.kind
    if kind == "unspecified":
        kind = ASSUMED_KIND
        reason = "; ".join(part for part in (reason, "kind not stated in the text: level assumed")
                           if part)
    return DraftRow(
        key=key, link="new" if new else "existing", name_zh=draft.name_zh, unit=draft.unit,
        region=draft.region, target_year=draft.target_year, target_value=draft.target_value,
        target_low=draft.target_low, target_high=draft.target_high,
        comparator=draft.comparator, wording=draft.wording, kind=kind,
        baseline_year=draft.baseline_year, baseline_value=draft.baseline_value,
        attribute=draft.attribute, quote=draft.quote, line=draft.line, section=draft.section,
        indicator_id=draft.indicator_id, confidence=draft.confidence, reason=reason,
        new_indicator_category=guess_category(draft.name_zh) if new else None,
        new_indicator_direction=("lower" if draft.comparator == "<=" else "higher") if new else None,
    )


def propose_baselines(rows: list[DraftRow], document: DocumentDraft, registry: Registry,
                      actuals: pd.DataFrame) -> list[DraftRow]:
    """Rows without a baseline from the text get the last actual at or before the plan's start.

    A proposal made earlier is made again (the period or the link may have changed since).
    """
    if document.period_start is None:
        return rows
    return [_with_proposal(row, document, registry, actuals) for row in rows]


def _with_proposal(row: DraftRow, document: DocumentDraft, registry: Registry,
                   actuals: pd.DataFrame) -> DraftRow:
    stated = row.baseline_year is not None or row.baseline_value is not None
    if stated and not row.baseline_proposed:
        return row
    cleared = row.model_copy(update={"baseline_year": None, "baseline_value": None,
                                     "baseline_proposed": False})
    indicator = registry.indicators.get(row.indicator_id)
    if indicator is None or row.link != "existing":
        return cleared
    region = row.region or document.region
    series = actuals[(actuals["indicator_id"] == indicator.id) & (actuals["region"] == region)
                     & (actuals["year"] <= int(document.period_start or 0))]
    if series.empty:
        return cleared
    latest = series.sort_values("year").iloc[-1]
    value = float(latest["value"])
    if row.unit and row.unit != indicator.unit:
        try:  # actuals are in the indicator's unit; the row's numbers in its own
            value = value / unit_factor(row.unit, indicator.unit)
        except ValueError:
            return cleared
    return cleared.model_copy(update={"baseline_year": int(latest["year"]),
                                      "baseline_value": value, "baseline_proposed": True})


def manual_row(draft_set: DraftSet, registry: Registry, line: int, quote: str,
               found: list[Draft]) -> DraftRow:
    """A target the extractor missed: its draft of that sentence, or only where it stands."""
    key = _next_manual_key(draft_set)
    section = _section_of(draft_set, line)
    if found:
        row = row_from_draft(found[0], key, registry)
        return row.model_copy(update={"line": line, "section": row.section or section})
    return DraftRow(key=key, quote=quote.strip(), line=line, section=section,
                    region=draft_set.document.region)


def _next_manual_key(draft_set: DraftSet) -> str:
    used = {row.key for row in draft_set.rows}
    number = 1
    while f"m{number}" in used:
        number += 1
    return f"m{number}"


def _section_of(draft_set: DraftSet, line: int) -> str:
    """The section of the nearest drafted row above the line (the extractor knows sections)."""
    above = [row for row in draft_set.rows if row.line is not None and row.line <= line
             and row.section]
    return max(above, key=lambda row: row.line or 0).section if above else ""


# Why a plan file cannot be read (drafting.errors.PlanTextError.why), in Chinese.
PLAN_TEXT_ZH: tuple[tuple[str, str], ...] = (
    ("is empty", "文件是空的"),
    ("unknown extension", "只能读取 .txt、.docx 或 .pdf 文件（.doc/.wps 请另存为 .docx）"),
    ("image, not text", "这是一张图片，不是文字"),
    ("is a PDF file, not text", "这是 PDF 文件，请以 .pdf 上传"),
    ("zip archive", "这是压缩文件（.docx/.xlsx？），请以正确的扩展名上传"),
    ("old Office file", "这是旧版 Office 文件（.doc/.xls），请另存为 .docx"),
    ("binary file", "这不是文字文件"),
    ("cannot be decoded", "无法以 UTF-8 或 GBK/GB18030 读取这段文字"),
    ("not a valid .docx", "不是有效的 .docx 文件"),
    ("encrypted PDF", "PDF 已加密，无法读取"),
    ("without a text layer", "PDF 没有文字层（扫描件？），请先做文字识别，或直接粘贴文字"),
    ("not a readable PDF", "无法读取该 PDF"),
)


def plan_text_zh(error: Exception) -> str:
    """The Chinese of a PlanTextError: which file, and why it cannot be read."""
    why = str(getattr(error, "why", ""))
    path = str(getattr(error, "path", ""))
    text = next((zh for marker, zh in PLAN_TEXT_ZH if marker in why), why)
    return f"{path}：{text}" if path else text
