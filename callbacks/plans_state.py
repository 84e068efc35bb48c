"""The draft set between the browser and the PlanDesk.

The browser holds a draft set in three places (SET_STORE: id, file name, status,
text; the grid's rowData: the rows; the document inputs: the document).
`from_browser` rebuilds the DraftSet from them; a cell that cannot be read (a year
typed as "二五年", a date as "去年") becomes a located problem for its row and field
instead of an error, so the page can say which and why.  `to_browser` goes back.
"""

from __future__ import annotations

import typing
from collections.abc import Mapping, Sequence
from typing import Any

from pydantic import BaseModel, ValidationError

from indicators.registry import message_zh
from indicators.registry.drafts import DocumentDraft, DraftRow, DraftSet
from layouts.pages.plans import DOC_FIELDS
from layouts.pages.plans_parts import strip_grid_keys

DOCUMENT_RECORD = ""  # the record a problem of the document's own fields names


def from_browser(store: Mapping | None, rows: Sequence[Mapping] | None,
                 doc_values: Sequence[Any]) -> tuple[DraftSet | None, list[dict]]:
    """(the DraftSet, or None when nothing was drafted yet or it cannot be built; the problems
    of cells that could not be read)."""
    if not isinstance(store, Mapping) or not isinstance(store.get("text"), list):
        return None, []
    problems: list[dict] = []
    document = _document(dict(zip(DOC_FIELDS, doc_values, strict=False)), problems)
    draft_rows = []
    for row in rows or ():
        built = _row(row, problems) if isinstance(row, Mapping) else None
        if built is not None:
            draft_rows.append(built)
    if document is None:
        return None, problems
    draft_set = DraftSet(
        id=store.get("id"), document=document, file_name=str(store.get("file_name") or ""),
        text=[str(line) for line in store["text"]], rows=tuple(draft_rows),
        status=store.get("status") or "open", updated_by=store.get("updated_by"),
        updated_at=store.get("updated_at"),
    )
    return draft_set, problems


def to_browser(draft_set: DraftSet) -> tuple[dict, list[dict], list[Any]]:
    """(SET_STORE data, grid rows, document input values in DOC_FIELDS order)."""
    data = draft_set.model_dump(mode="json")
    store = {key: data[key] for key in ("id", "file_name", "status", "text", "updated_by",
                                         "updated_at")}
    return store, data["rows"], [data["document"].get(field) for field in DOC_FIELDS]


def problem_dicts(problems: Sequence[Any]) -> list[dict]:
    """RegistryProblems (models or dicts) as the plain dicts the page's builders take."""
    return [problem.model_dump(mode="json") if hasattr(problem, "model_dump") else dict(problem)
            for problem in problems]


def _document(values: dict, problems: list[dict]) -> DocumentDraft | None:
    try:
        return DocumentDraft.model_validate(_blank_to_none(values, DocumentDraft))
    except ValidationError as exc:
        problems.extend(_located(exc, DOCUMENT_RECORD))
        return None


def _row(row: Mapping, problems: list[dict]) -> DraftRow | None:
    values = _blank_to_none(strip_grid_keys(row), DraftRow)
    try:
        return DraftRow.model_validate(values)
    except ValidationError as exc:
        problems.extend(_located(exc, str(row.get("key") or "")))
        return None


def _blank_to_none(values: Mapping, model: type[BaseModel]) -> dict:
    # An emptied cell or input arrives as "" (text) or None (number): both mean "not given"
    # where the field may be missing; a text field that must be there keeps its "".
    return {key: (None if isinstance(value, str) and not value.strip() and _optional(model, key)
                  else value)
            for key, value in values.items()}


def _optional(model: type[BaseModel], field: str) -> bool:
    info = model.model_fields.get(field)
    return info is not None and type(None) in typing.get_args(info.annotation)


def _located(error: ValidationError, record: str) -> list[dict]:
    located = []
    for item in error.errors(include_url=False):
        field = str(item["loc"][0]) if item.get("loc") else ""
        shown = item.get("input")
        message = item["msg"] if isinstance(shown, dict | list) or shown is None \
            else f"{item['msg']} (“{shown}”)"
        located.append({"record": record, "field": field, "message_en": message,
                        "message_zh": _zh(item["msg"], shown)})
    return located


def _zh(message: str, shown: object) -> str:
    text = message_zh(message)
    return text if shown is None or isinstance(shown, dict | list) else f"{text}（“{shown}”）"
