"""Saving, reopening and publishing a draft set: plain functions (callbacks/plans.py wires them).

Publishing is refused, with every problem named and nothing changed, when a cell cannot
be read, an accepted draft breaks a registry rule, the reason is blank, or the user's role
may not publish; the PlanDesk checks all of it again inside one transaction.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping, Sequence
from typing import Any

import dash

from callbacks.auth import current_role, current_user_name, require_role
from callbacks.plans_flow import problems_of
from callbacks.plans_state import from_browser, problem_dicts, to_browser
from indicators.errors import TrackerError
from indicators.registry import RegistryChangeError
from indicators.service import TrackerService
from layouts.pages import plans_parts as parts
from layouts.pages.plans import DOC_FIELDS
from layouts.pages.upload import message
from layouts.text.plans import t

NO_UPDATE = dash.no_update


def save(service: TrackerService, store: Mapping | None, rows: Sequence[Mapping] | None,
         doc_values: Sequence[Any], lang: str) -> tuple:
    """(store, rows, message, saved sets, problems panel) after the save button."""
    require_role("editor", "saving a draft set")
    draft_set, unreadable = from_browser(store, rows, doc_values)
    if draft_set is None and not unreadable:
        return NO_UPDATE, NO_UPDATE, message(t("plans.nothing", lang), "warning"), NO_UPDATE, NO_UPDATE
    if unreadable:  # a cell the set cannot hold: say where, keep everything as typed
        failed = message(t("plans.save_failed", lang, msg=parts.problem_text(unreadable[0], lang)))
        return (NO_UPDATE, parts.annotate(rows or (), unreadable, lang), failed, NO_UPDATE,
                parts.problem_panel(unreadable, lang))
    try:
        saved = service.plans.save(draft_set, current_user_name())
    except TrackerError as exc:
        return NO_UPDATE, NO_UPDATE, message(t("plans.save_failed", lang, msg=exc.message)), \
            NO_UPDATE, NO_UPDATE
    saved_store, saved_rows, _ = to_browser(saved)
    problems = problem_dicts(service.plans.check(saved))
    accepted = sum(row.decision == "accept" for row in saved.rows)
    done = message(t("plans.saved", lang, id=saved.id, accepted=accepted, rows=len(saved.rows)),
                   "success")
    return (saved_store, parts.annotate(saved_rows, problems, lang), done,
            parts.sets_rows(service.plans.list_sets(), lang), parts.problem_panel(problems, lang))


def open_set(service: TrackerService, selected: Sequence[Mapping] | None, lang: str) -> tuple:
    """(store, rows, message, problems panel, *document values) of the saved set picked."""
    require_role("editor", "opening a draft set")
    row = selected[0] if selected and isinstance(selected[0], Mapping) else None
    if row is None or type(row.get("id")) is not int:
        raise dash.exceptions.PreventUpdate
    try:
        draft_set = service.plans.get(row["id"])
    except TrackerError as exc:
        return NO_UPDATE, NO_UPDATE, message(exc.message), NO_UPDATE, *([NO_UPDATE] * len(DOC_FIELDS))
    store, rows, document = to_browser(draft_set)
    problems = problem_dicts(service.plans.check(draft_set))
    return (store, parts.annotate(rows, problems, lang),
            message(t("plans.opened", lang, id=draft_set.id), "success"),
            parts.problem_panel(problems, lang), *document)


def publish(service: TrackerService, store: Mapping | None, rows: Sequence[Mapping] | None,
            doc_values: Sequence[Any], reason: str | None, lang: str) -> tuple:
    """(result, rows, saved sets, store) after the publish button."""
    require_role("editor", "publishing a draft set")
    role = current_role()
    if not service.plans.may_publish(role):
        return message(t("plans.publish_role", lang, role=publish_role(service)), "warning"), \
            NO_UPDATE, NO_UPDATE, NO_UPDATE
    if not (reason or "").strip():
        return message(t("plans.reason_missing", lang), "warning"), NO_UPDATE, NO_UPDATE, NO_UPDATE
    problems = problems_of(service, store, rows, doc_values)
    if problems is None or problems:
        return _refused(problems, rows, lang)
    draft_set, _ = from_browser(store, rows, doc_values)
    user = current_user_name()
    saved = service.plans.save(draft_set, user)  # the set as reviewed is what gets published
    try:
        result = service.plans.publish(saved.id, user, role, reason.strip())
    except RegistryChangeError as exc:
        return _refused(problem_dicts(exc.problems), rows, lang, exc.message)
    service.warm_in_background()
    published_store, published_rows, _ = to_browser(service.plans.get(saved.id))
    shown = dataclasses.asdict(result)
    return (parts.publish_result(shown, lang), parts.annotate(published_rows, [], lang),
            parts.sets_rows(service.plans.list_sets(), lang), published_store)


def publish_role(service: TrackerService) -> str:
    """The lowest role config.yaml lets publish (the guard protects the publish output with it)."""
    return "editor" if service.plans.may_publish("editor") else "admin"


def _refused(problems: list[dict] | None, rows: Sequence[Mapping] | None, lang: str,
             why: str = "") -> tuple:
    if problems is None:
        return message(t("plans.nothing", lang), "warning"), NO_UPDATE, NO_UPDATE, NO_UPDATE
    shown = problems or [{"record": "", "field": "", "message_zh": why, "message_en": why}]
    return parts.refusal(shown, lang), parts.annotate(rows or (), shown, lang), NO_UPDATE, NO_UPDATE
