"""Drafts out: a CSV for review in Excel, and YAML in the registry's own schema.

The YAML validates as it stands once copied into the registry folder, so a
reviewer edits real records rather than filling a form; the fields the text
cannot give (title_en, name_en, category, issuer) hold values that validate
(title_en and name_en copy the Chinese) and every such record says in `notes`
what is still to be reviewed.  All drafted targets are `verified: false`.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from collections.abc import Sequence

import yaml

from indicators.drafting.numerals import format_number
from indicators.drafting.records import DRAFT_COLUMNS, Draft
from indicators.exports.safety import escape_formula
from indicators.registry.loader import Registry
from indicators.registry.models import is_magnitude_of

# Title words -> the registry's document kind; the first that the title holds wins.
DOCUMENT_KINDS = (("纲要", "outline"), ("方案", "action_plan"), ("行动计划", "action_plan"),
                  ("办法", "rule"), ("规定", "rule"), ("条例", "rule"), ("法", "law"))
# Name words -> indicator category, a first guess for the reviewer.
CATEGORY_WORDS = (
    (("海外", "涉外", "国际", "马德里", "PCT", "进出口"), "international"),
    (("保护", "维权", "执法", "纠纷", "侵权", "仲裁", "调解", "满意度"), "protection"),
    (("人才", "培训", "文化", "宣传", "教育", "专家", "人次", "志愿者"), "environment_talent"),
    (("服务", "代理", "公共", "信息", "机构"), "management_service"),
    (("质押", "融资", "转化", "运营", "产值", "许可", "交易", "证券化", "密集型", "品牌", "示范"), "use"),
)
REVIEW_HEADER = """\
# Drafted by `python -m indicators draft` from {source} on {today}.
# TO BE REVIEWED before this file joins data/registry/:
#  - each target's quote, line, value, unit, comparator, kind and target_year
#    against the text (all are verified: false; notes give the wording and confidence);
#  - the document's title_en, issuer, date, doc_number, level, kind and period;
#  - each new indicator's id (new_...), name_en (copied from name_zh), category
#    (guessed), direction and definition — or point its targets at an existing indicator.
# Then run `python -m indicators validate`.
"""


def drafts_to_csv(drafts: Sequence[Draft]) -> bytes:
    """UTF-8 with BOM for Excel; text cells that could start a formula get a leading quote.

    Numbers are written as the documents write them (12, not 12.0) and are not
    escaped, so Excel still reads -5 as a number.
    """
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(DRAFT_COLUMNS)
    for draft in drafts:
        writer.writerow([_csv_cell(getattr(draft, column)) for column in DRAFT_COLUMNS])
    return buffer.getvalue().encode("utf-8-sig")


def _csv_cell(value: object) -> object:
    if value is None:
        return ""
    if isinstance(value, bool | int | float):
        return format_number(float(value)) if isinstance(value, float) else value
    return escape_formula(value)


def _cell(value: object) -> object:
    # 12 rather than 12.0, as the documents write it.
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


def drafts_to_registry_yaml(drafts: Sequence[Draft], registry: Registry, *, document_id: str,
                            title: str, source: str, period: tuple[int, int] | None = None,
                            region: str = "CN") -> str:
    """One registry file: the document (unless already registered), new indicators, targets."""
    data: dict[str, list[dict[str, object]]] = {}
    if document_id not in registry.documents:
        data["documents"] = [_document(document_id, title, source, period, region)]
    new = _new_indicators(drafts, registry, source)
    if new:
        data["indicators"] = list(new.values())
    units = {key: indicator.unit for key, indicator in registry.indicators.items()}
    units.update({key: str(record["unit"]) for key, record in new.items()})
    data["targets"] = _targets(drafts, registry, document_id, units)
    header = REVIEW_HEADER.format(source=source, today=dt.date.today().isoformat())
    skipped = [draft for draft in drafts if draft.target_year is None]
    if skipped:
        header += "".join(f"# left out, no target year: line {draft.line} {draft.quote}\n"
                          for draft in skipped)
    return header + yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=100)


def _document(document_id: str, title: str, source: str, period: tuple[int, int] | None,
              region: str) -> dict[str, object]:
    record: dict[str, object] = {
        "id": document_id, "title_zh": title, "title_en": title,
        "issuer": "待核实", "level": "national" if region == "CN" else "municipal",
        "kind": next((kind for word, kind in DOCUMENT_KINDS if word in title), "plan"),
        "region": region,
    }
    if period:
        record["period_start"], record["period_end"] = period
    record["notes"] = (f"Drafted from {source}. To be reviewed: title_en (copied from title_zh), "
                       "issuer (待核实 = to be checked), date, doc_number, level, kind, period.")
    return record


def _new_indicators(drafts: Sequence[Draft], registry: Registry,
                    source: str) -> dict[str, dict[str, object]]:
    new: dict[str, dict[str, object]] = {}
    for draft in drafts:
        if draft.indicator_id in registry.indicators or draft.indicator_id in new:
            continue
        category = guess_category(draft.name_zh)
        new[draft.indicator_id] = {
            "id": draft.indicator_id, "name_zh": draft.name_zh, "name_en": draft.name_zh,
            "unit": draft.unit, "direction": "lower" if draft.comparator == "<=" else "higher",
            "category": category,
            "notes": (f"Drafted from {source} line {draft.line}. To be reviewed: id, name_en "
                      f"(copied from name_zh), category (guessed: {category}), direction, "
                      "definition."),
        }
    return new


def guess_category(name: str) -> str:
    for words, category in CATEGORY_WORDS:
        if any(word in name for word in words):
            return category
    return "creation"


def _targets(drafts: Sequence[Draft], registry: Registry, document_id: str,
             units: dict[str, str]) -> list[dict[str, object]]:
    used = set(registry.targets)
    targets = []
    for draft in drafts:
        if draft.target_year is None:
            continue
        target_id = unique_id(f"{document_id}_{draft.indicator_id}_{draft.target_year}", used)
        targets.append(_target(draft, target_id, document_id, units[draft.indicator_id]))
    return targets


def unique_id(base: str, used: set[str]) -> str:
    """`base` as an id (lower-case letters, digits, _), numbered _2, _3… past those in `used`."""
    base = re.sub(r"[^a-z0-9_]", "_", base.lower())
    candidate, number = base, 1
    while candidate in used:
        number += 1
        candidate = f"{base}_{number}"
    used.add(candidate)
    return candidate


def _target(draft: Draft, target_id: str, document_id: str, unit: str) -> dict[str, object]:
    record: dict[str, object] = {
        "id": target_id, "indicator": draft.indicator_id, "region": draft.region,
        "document": document_id, "section": draft.section or "正文", "quote": draft.quote,
        "line": draft.line, "source": "text", "verified": False,
    }
    if (draft.baseline_year is not None and draft.baseline_value is not None
            and draft.target_year is not None and draft.baseline_year <= draft.target_year):
        record["baseline"] = {"year": draft.baseline_year, "value": _cell(draft.baseline_value)}
    record["target_year"] = draft.target_year
    for field in ("target_value", "target_low", "target_high"):
        if getattr(draft, field) is not None:
            record[field] = _cell(getattr(draft, field))
    if draft.unit != unit and is_magnitude_of(draft.unit, unit):
        record["unit"] = draft.unit
    record["comparator"] = draft.comparator
    record["kind"] = "level" if draft.kind == "unspecified" else draft.kind
    if draft.attribute:
        record["attribute"] = draft.attribute
    record["notes"] = _target_notes(draft)
    return record


def _target_notes(draft: Draft) -> str:
    parts = [f"Drafted: wording {draft.wording}", f"confidence {draft.confidence}"]
    if draft.confidence_reason:
        parts.append(draft.confidence_reason)
    if draft.kind == "unspecified":
        parts.append("kind not stated in the text: level assumed, to be reviewed")
    if draft.location:
        parts.append(f"at {draft.location}")
    if draft.target_value is not None:
        parts.append(f"value {format_number(draft.target_value)} {draft.unit}")
    return "; ".join(parts) + "."
