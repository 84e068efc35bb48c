"""Revise target callbacks on the detail page: pick a target, revise it, retire it, revert
a change of its history.  Every change asks require_role("editor") before the PlanDesk,
and the server's guard refuses the outputs (protect_outputs) to anyone below editor.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence

import dash
from dash import Input, Output, State
from dash.exceptions import PreventUpdate

from callbacks.auth import current_role, current_user_name, protect_outputs, require_role
from callbacks.detail import series_in
from indicators.errors import TrackerError
from indicators.service import TrackerService
from layouts import ids
from layouts.pages import detail as detail_page
from layouts.pages import detail_revise as panel
from layouts.pages.upload import message
from layouts.text.i18n import normalise_language
from layouts.text.plans import t

PROTECTED = (f"{panel.MESSAGE}.children", f"{panel.HISTORY}.rowData")
NO_UPDATE = dash.no_update


def pick(service: TrackerService, target_id: str | None, lang: str) -> list:
    """(*field values, history rows) of the picked target."""
    require_role("editor", "reading a target's history")
    target = find_target(service, target_id)
    if target is None:
        raise PreventUpdate
    history = panel.history_rows(service.plans.target_history(target.id), lang)
    return [*panel.field_values(target), history]


def change(service: TrackerService, action: str, target_id: str | None, values: list,
           reason: str | None, retire_from: str | None, selected: Sequence[Mapping] | None,
           lang: str) -> tuple:
    """(message, history rows) after revise / retire / revert."""
    require_role("editor", "changing a target")
    target = find_target(service, target_id)
    if target is None:
        raise PreventUpdate
    user, why = current_user_name(), (reason or "").strip()
    try:
        if action == panel.SAVE:
            changes = panel.changes_from(target, values)
            if not changes:
                return message(t("revise.unchanged", lang), "secondary"), NO_UPDATE
            done = t("revise.saved", lang, id=service.plans.revise_target(target.id, changes, user, why))
        elif action == panel.RETIRE:
            day = _date(retire_from)
            if day is None:
                return message(t("revise.bad_date", lang, value=retire_from or "")), NO_UPDATE
            done = t("revise.retired", lang, id=service.plans.retire_target(target.id, day, user, why))
        else:
            change_id = _change_id(selected)
            if change_id is None:
                return message(t("revise.pick_change", lang), "warning"), NO_UPDATE
            done = t("revise.reverted", lang, id=service.plans.revert_change(change_id, user, why))
    except TrackerError as exc:
        return message(t("revise.failed", lang, msg=_problems_text(exc, lang))), NO_UPDATE
    service.warm_in_background()
    return message(done, "success"), panel.history_rows(service.plans.target_history(target.id), lang)


def find_target(service: TrackerService, target_id: str | None):  # noqa: ANN201 - a Target
    """A current or a retired target (a retirement made by mistake is reverted from here)."""
    registry = service.registry
    return registry.targets.get(target_id or "") or registry.retired.get(target_id or "")


def refreshed_body(service: TrackerService, pathname: str | None, as_of: int | None, lang: str):
    indicator_id, region = series_in(service, pathname)
    year = as_of if as_of in service.data_years() else None
    return detail_page.detail_body(service, lang, indicator_id, region, year, current_role())


def _date(text: str | None) -> dt.date | None:
    try:
        return dt.date.fromisoformat((text or "").strip())
    except ValueError:
        return None


def _change_id(selected: Sequence[Mapping] | None) -> int | None:
    row = selected[0] if selected and isinstance(selected[0], Mapping) else None
    return row["change_id"] if row is not None and type(row.get("change_id")) is int else None


def _problems_text(error: TrackerError, lang: str) -> str:
    problems = getattr(error, "problems", None) or []
    shown = [(p.message_en if lang == "en" else p.message_zh) for p in problems]
    separator, colon = ("; ", ": ") if lang == "en" else ("；", "：")
    return separator.join(f"{p.field}{colon}{m}" if p.field else m
                          for p, m in zip(problems, shown, strict=False)) or error.message


def register(app: dash.Dash, service: TrackerService) -> None:
    protect_outputs(app, PROTECTED, "editor")
    fields = [panel.field_id(field) for field in panel.FIELDS]

    @app.callback(*[Output(f, "value") for f in fields], Output(panel.HISTORY, "rowData"),
                  Input(panel.TARGET, "value"), State(ids.LANG_STORE, "data"))
    def _pick(target_id, lang):
        return pick(service, target_id, normalise_language(lang))

    @app.callback(Output(panel.MESSAGE, "children"),
                  Output(panel.HISTORY, "rowData", allow_duplicate=True),
                  Output(detail_page.BODY, "children", allow_duplicate=True),
                  Input(panel.SAVE, "n_clicks"), Input(panel.RETIRE, "n_clicks"),
                  Input(panel.REVERT, "n_clicks"), State(panel.TARGET, "value"),
                  *[State(f, "value") for f in fields], State(panel.REASON, "value"),
                  State(panel.RETIRE_FROM, "value"), State(panel.HISTORY, "selectedRows"),
                  State(ids.URL, "pathname"), State(detail_page.AS_OF, "value"),
                  State(ids.LANG_STORE, "data"), prevent_initial_call=True)
    def _change(_save, _retire, _revert, target_id, *rest):
        *values, reason, retire_from, selected, pathname, as_of, lang = rest
        lang = normalise_language(lang)
        shown = change(service, dash.ctx.triggered_id, target_id, values, reason, retire_from,
                       selected, lang)
        return (*shown, refreshed_body(service, pathname, as_of, lang))
