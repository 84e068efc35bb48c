"""What each action of the plans page does: plain functions of the service and the
browser's state, so tests call them without a browser (callbacks/plans.py wires them).

Every function that reads a file, saves or publishes asks require_role itself, on top of
the server's guard (protect_outputs in callbacks/plans.py); publishing also asks the
PlanDesk whether the user's role may publish.  Nothing reaches the registry but publish.
"""

from __future__ import annotations

import binascii
from collections.abc import Mapping, Sequence
from typing import Any

import dash

from callbacks.auth import require_role
from callbacks.plans_state import from_browser, problem_dicts, to_browser
from callbacks.upload import FileTooLarge, decode_contents
from indicators.errors import TrackerError
from indicators.service import TrackerService
from layouts.pages import plans_parts as parts
from layouts.pages.plans import DOC_FIELDS
from layouts.pages.upload import message
from layouts.text.plans import t
from layouts.text.staff import size_label

NO_UPDATE = dash.no_update
KEEP_DOCUMENT = [NO_UPDATE] * len(DOC_FIELDS)


def start(service: TrackerService, from_file: bool, contents: str | None, file_name: str | None,
          pasted: str | None, lang: str) -> tuple:
    """(store, grid rows, message, problems, *document values) for a new plan text."""
    require_role("editor", "drafting targets from a plan")
    try:
        if from_file:
            content = decode_contents(contents or "", service.settings.upload.max_bytes)
            draft_set = service.plans.draft_from_file(file_name or "", content)
        elif (pasted or "").strip():
            draft_set = service.plans.draft_from_text(pasted or "")
        else:
            return NO_UPDATE, NO_UPDATE, message(t("plans.no_text", lang), "warning"), [], *KEEP_DOCUMENT
    except FileTooLarge as too_large:
        limit = size_label(service.settings.upload.max_bytes)
        text = t("plans.read_failed", lang, msg=f"{size_label(too_large.size)} > {limit}")
        return NO_UPDATE, NO_UPDATE, message(text), [], *KEEP_DOCUMENT
    except (binascii.Error, ValueError):
        return NO_UPDATE, NO_UPDATE, message(t("plans.bad_content", lang)), [], *KEEP_DOCUMENT
    except TrackerError as exc:
        return NO_UPDATE, NO_UPDATE, message(t("plans.read_failed", lang, msg=error_text(exc, lang))), \
            [], *KEEP_DOCUMENT
    store, rows, document = to_browser(draft_set)
    done = message(t("plans.drafted", lang, lines=len(store["text"]), rows=len(rows)), "success")
    return store, parts.annotate(rows, [], lang), done, [], *document


def decide(rows: Sequence[Mapping] | None, selected: Sequence[Mapping] | None,
           decision: str) -> list[dict]:
    """The rows with the selected one's decision set (accept / reject)."""
    keys = _selected_keys(selected)
    if not keys:
        raise dash.exceptions.PreventUpdate
    return [{**row, "decision": decision} if row.get("key") in keys else dict(row)
            for row in rows or ()]


def link(service: TrackerService, rows: Sequence[Mapping] | None, selected: Sequence[Mapping] | None,
         indicator_id: str | None, new: bool, lang: str) -> tuple:
    """(rows, message): the selected draft linked to an existing indicator, or made a new one."""
    keys = _selected_keys(selected)
    if not keys:
        return NO_UPDATE, message(t("plans.select_row", lang), "warning")
    if new:
        changes: dict[str, Any] = {"link": "new"}
    else:
        indicator = service.registry.indicators.get(indicator_id or "")
        if indicator is None:
            return NO_UPDATE, message(t("plans.pick_indicator", lang), "warning")
        changes = {"link": "existing", "indicator_id": indicator.id}
    updated = [{**row, **changes} if row.get("key") in keys else dict(row) for row in rows or ()]
    return updated, None


def indicator_options(service: TrackerService, query: str | None, chosen: str | None,
                      lang: str) -> list[dict]:
    """Dropdown options for the indicators matching the query; the chosen one stays listed."""
    found = service.plans.search_indicators(query or "") if (query or "").strip() else []
    if chosen and chosen in service.registry.indicators:
        found = [service.registry.indicators[chosen], *[i for i in found if i.id != chosen]]
    return [{"label": f"{_name(indicator, lang)}（{indicator.unit}）· {indicator.id}",
             "value": indicator.id} for indicator in found]


def quote_panel(store: Mapping | None, selected: Sequence[Mapping] | None, lang: str) -> list:
    if not selected or not isinstance(store, Mapping) or not isinstance(selected[0], Mapping):
        raise dash.exceptions.PreventUpdate
    row = selected[0]
    return parts.quote_context(store.get("text") or [], row.get("line"), str(row.get("quote") or ""),
                               lang)


def check(service: TrackerService, store: Mapping | None, rows: Sequence[Mapping] | None,
          doc_values: Sequence[Any], lang: str) -> tuple:
    """(rows with their problems, the problems panel)."""
    problems = problems_of(service, store, rows, doc_values)
    if problems is None:
        return NO_UPDATE, [message(t("plans.nothing", lang), "warning")]
    return parts.annotate(rows or (), problems, lang), parts.problem_panel(problems, lang)


def hits(store: Mapping | None, query: str | None, lang: str) -> tuple[list[dict], str]:
    lines = store.get("text") if isinstance(store, Mapping) else None
    return parts.search_hits(lines or [], query, lang)


def hit_text(store: Mapping | None, line: object) -> str:
    lines = store.get("text") if isinstance(store, Mapping) else None
    if not lines or not isinstance(line, int) or not 1 <= line <= len(lines):
        raise dash.exceptions.PreventUpdate
    return str(lines[line - 1]).strip()


def add_row(service: TrackerService, store: Mapping | None, rows: Sequence[Mapping] | None,
            doc_values: Sequence[Any], line: object, quote: str | None, lang: str) -> tuple:
    """(rows, message) with a draft made from a sentence the reviewer picked in the text."""
    require_role("editor", "adding a draft target")
    if not isinstance(line, int) or not (quote or "").strip():
        return NO_UPDATE, message(t("plans.no_hit", lang), "warning")
    draft_set, _ = from_browser(store, rows, doc_values)
    if draft_set is None:
        return NO_UPDATE, message(t("plans.nothing", lang), "warning")
    try:
        row = service.plans.draft_row_from_quote(draft_set, line, (quote or "").strip())
    except TrackerError as exc:
        return NO_UPDATE, message(error_text(exc, lang))
    added = [*(dict(r) for r in rows or ()), row.model_dump(mode="json")]
    return parts.annotate(added, [], lang), message(t("plans.added_row", lang, key=row.key), "success")


def problems_of(service: TrackerService, store: Mapping | None, rows: Sequence[Mapping] | None,
              doc_values: Sequence[Any]) -> list[dict] | None:
    """Cells that cannot be read, then the registry's own rules; None when nothing is drafted."""
    if not isinstance(store, Mapping):
        return None
    draft_set, unreadable = from_browser(store, rows, doc_values)
    if draft_set is None:
        return unreadable or None
    return unreadable + problem_dicts(service.plans.check(draft_set))



def error_text(error: TrackerError, lang: str) -> str:
    """The error's message in the UI language (the desk gives some a `message_zh`)."""
    chinese = getattr(error, "message_zh", None)
    return chinese if lang == "zh" and chinese else error.message


def _selected_keys(selected: Sequence[Mapping] | None) -> set[str]:
    return {str(row["key"]) for row in selected or () if isinstance(row, Mapping) and row.get("key")}


def _name(indicator: Any, lang: str) -> str:
    return indicator.name_en if lang == "en" and indicator.name_en else indicator.name_zh

