"""A draft set's accepted rows as registry changes, and the registry's problems back on the rows.

Publishing adds one document, the new indicators its rows create and one
target per accepted row.  The registry judges them by its own rules
(indicators.store.registry_store checks with loader.check_records); a problem
it finds names a record id and a model field, which `on_rows` turns back into
the row's key and the row's field, so the page points at the cell to fix.
Rules the registry cannot see (an id already taken, half a baseline) are
checked here first, each a case in ROW_RULES.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from indicators.drafting.output import unique_id as drafted_unique_id
from indicators.registry import Registry, RegistryProblem
from indicators.registry.drafts import DraftRow, DraftSet
from indicators.store import Change

DEFAULT_SECTION = "正文"
# Model field -> the draft row's field that sets it.
TARGET_FIELDS = {"indicator": "indicator_id", "baseline": "baseline_year",
                 "baseline.year": "baseline_year", "baseline.value": "baseline_value"}
INDICATOR_FIELDS = {"id": "indicator_id", "name_en": "new_indicator_name_en",
                    "category": "new_indicator_category",
                    "direction": "new_indicator_direction", "aliases": "name_zh"}


@dataclass
class PlannedChanges:
    changes: list[Change] = field(default_factory=list)
    problems: list[RegistryProblem] = field(default_factory=list)
    # record id -> (row key, field names of that record) so problems land on the row
    owners: dict[str, tuple[str, dict[str, str]]] = field(default_factory=dict)
    target_ids: list[str] = field(default_factory=list)
    indicator_ids: list[str] = field(default_factory=list)


def _half_baseline(row: DraftRow, registry: Registry) -> tuple[str, str, str] | None:
    if (row.baseline_year is None) != (row.baseline_value is None):
        return ("baseline_value", "基期年和基期值须同时填写", "baseline_year and baseline_value go together")
    return None


def _unknown_link(row: DraftRow, registry: Registry) -> tuple[str, str, str] | None:
    if row.link == "existing" and row.indicator_id not in registry.indicators:
        return ("indicator_id", f"未知指标“{row.indicator_id}”，请选择已有指标或改为新指标",
                f"unknown indicator '{row.indicator_id}': link an existing one or make it new")
    return None


def _taken_new_id(row: DraftRow, registry: Registry) -> tuple[str, str, str] | None:
    if row.link == "new" and row.indicator_id in registry.indicators:
        return ("indicator_id", f"指标编号“{row.indicator_id}”已被已有指标使用，请链接该指标或换一个编号",
                f"indicator id '{row.indicator_id}' is taken: link that indicator or use another id")
    return None


# Each rule: a row and the registry -> (field, zh, en) when the row breaks it.
ROW_RULES: tuple[Callable[[DraftRow, Registry], tuple[str, str, str] | None], ...] = (
    _half_baseline, _unknown_link, _taken_new_id,
)


def plan_changes(draft_set: DraftSet, registry: Registry) -> PlannedChanges:
    planned = PlannedChanges()
    document = draft_set.document
    doc_payload = document.model_dump(mode="json")
    planned.owners[document.id] = (document.id, {})
    if document.id in registry.documents:
        planned.problems.append(_problem(document.id, "id", f"文件编号“{document.id}”已存在",
                                         f"document '{document.id}' already exists"))
    planned.changes.append(Change("document", document.id, "add", doc_payload))
    used = set(registry.targets) | set(registry.retired)
    for row in draft_set.accepted:
        for rule in ROW_RULES:
            broken = rule(row, registry)
            if broken:
                planned.problems.append(_problem(row.key, *broken))
        if row.link == "new" and row.indicator_id not in planned.indicator_ids:
            planned.indicator_ids.append(row.indicator_id)
            planned.owners[row.indicator_id] = (row.key, INDICATOR_FIELDS)
            planned.changes.append(Change("indicator", row.indicator_id, "add", new_indicator(row)))
        target_id = unique_id(f"{document.id}_{row.indicator_id}_{row.target_year}", used)
        planned.target_ids.append(target_id)
        planned.owners[target_id] = (row.key, TARGET_FIELDS)
        unit = _indicator_unit(row, registry)
        planned.changes.append(Change("target", target_id, "add",
                                      target_payload(row, target_id, document.id,
                                                     document.region, unit)))
    return planned


def new_indicator(row: DraftRow) -> dict[str, object]:
    return {"id": row.indicator_id, "name_zh": row.name_zh, "name_en": row.new_indicator_name_en,
            "unit": row.unit, "category": row.new_indicator_category,
            "direction": row.new_indicator_direction or "higher"}


def target_payload(row: DraftRow, target_id: str, document_id: str, region: str,
                   indicator_unit: str | None) -> dict[str, object]:
    payload: dict[str, object] = {
        "id": target_id, "indicator": row.indicator_id, "region": row.region or region,
        "document": document_id, "section": row.section or DEFAULT_SECTION, "quote": row.quote,
        "line": row.line, "source": "text" if row.line is not None else "outside_text",
        "target_year": row.target_year, "target_value": row.target_value,
        "target_low": row.target_low, "target_high": row.target_high,
        "comparator": row.comparator, "kind": row.kind, "attribute": row.attribute or None,
    }
    if row.baseline_year is not None and row.baseline_value is not None:
        payload["baseline"] = {"year": row.baseline_year, "value": row.baseline_value}
    if indicator_unit is not None and row.unit and row.unit != indicator_unit:
        payload["unit"] = row.unit
    if row.baseline_proposed:
        payload["notes"] = "基期值为规划起始年前最近的实际值（正文未给出）"
    return payload


def on_rows(problems: Iterable[RegistryProblem], planned: PlannedChanges) -> list[RegistryProblem]:
    """The registry's problems, each moved to the row (and the row's field) it comes from."""
    problems = list(problems)
    failed = {_record_id(problem.record) for problem in problems}
    located = []
    for problem in problems:
        record = _record_id(problem.record)
        owner = planned.owners.get(record)
        if _follows(problem, failed):
            continue  # "unknown document 'x'" when x has problems of its own: those say why
        if owner is None:
            located.append(problem)
            continue
        key, fields = owner
        located.append(problem.model_copy(update={
            "record": key, "field": fields.get(problem.field, problem.field)}))
    return located


def _follows(problem: RegistryProblem, failed: set[str]) -> bool:
    if problem.field not in ("document", "indicator"):
        return False
    quoted = problem.message_en.partition("'")[2].rpartition("'")[0]
    return quoted in failed


def unique_id(base: str, used: set[str]) -> str:
    """drafting's unique_id, starting with a letter as a record id must."""
    base = re.sub(r"[^a-z0-9_]", "_", base.lower())
    return drafted_unique_id(base if base[:1].isalpha() else f"t_{base}", used)


def _indicator_unit(row: DraftRow, registry: Registry) -> str | None:
    indicator = registry.indicators.get(row.indicator_id)
    if row.link == "existing" and indicator is not None:
        return indicator.unit
    return None


def _record_id(label: str) -> str:
    # The store names a record "targets/<id>" when it has no id of its own to give.
    return label.rpartition("/")[2]


def _problem(record: str, field_name: str, zh: str, en: str) -> RegistryProblem:
    return RegistryProblem(record=record, field=field_name, message_zh=zh, message_en=en)
