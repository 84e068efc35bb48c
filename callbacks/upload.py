"""Upload page callbacks: template download, preview, commit.

The uploaded bytes live in the browser (a dcc.Store with the base64 content,
the file name and the SHA-256 seen at preview) and are parsed again at commit,
so no server process keeps anything between the two steps.  Each callback
body is a plain function of the service and its inputs, tested directly.
"""

from __future__ import annotations

import base64
import binascii
import hashlib

import dash
from dash import Input, Output, State, dcc

from callbacks.auth import current_user_name, require_role
from indicators.errors import TrackerError
from indicators.exports import build_template
from indicators.importing import ParsedUpload, parse_upload, render
from indicators.service import TrackerService
from layouts import ids
from layouts.pages import upload as page
from layouts.text.i18n import normalise_language
from layouts.text.staff import t

NO_UPDATE = dash.no_update
# While a commit runs, a second click must not commit the same file again.
BUSY = {"pointerEvents": "none", "opacity": 0.6}


def decode_contents(contents: str, max_bytes: int | None = None) -> bytes:
    """The bytes of a dcc.Upload data URL ("data:<mime>;base64,<data>").

    An upload far over the limit is refused from its encoded length, before
    decoding it costs memory (the importer then reports the exact size).
    """
    _, _, encoded = contents.partition(",")
    if max_bytes is not None and len(encoded) * 3 // 4 > max_bytes + 3:
        raise FileTooLarge(len(encoded) * 3 // 4)
    return base64.b64decode(encoded, validate=True)


class FileTooLarge(ValueError):
    def __init__(self, size: int) -> None:
        super().__init__(size)
        self.size = size


TEMPLATE_NAMES = {"zh": "年度数据填报模板", "en": "actuals_template"}


def template_download(service: TrackerService, file_format: str, lang: str) -> dict:
    """dcc.Download data for the template, named in the UI language."""
    content = build_template(service.registry, service.settings, file_format, lang)
    name = TEMPLATE_NAMES["en" if lang == "en" else "zh"]
    return dcc.send_bytes(content, f"{name}.{file_format}")


def preview(service: TrackerService, contents: str, file_name: str, lang: str):
    """(preview children, pending store data, commit disabled) for a dropped file."""
    require_role("editor", "previewing an upload")  # the guard checks too; this holds if it misses
    limit = service.settings.upload.max_bytes
    try:
        content = decode_contents(contents, limit)
    except FileTooLarge as too_large:
        return [page.message(render("file_too_large", lang, size=too_large.size,
                                     limit=limit))], None, True
    except (binascii.Error, ValueError):
        return [page.message(t("upload.bad_content", lang))], None, True
    parsed = parse_upload(content, file_name, service.registry, service.settings, lang)
    view = preview_view(service, parsed, lang)
    # The preview's errors include those against the stored values, not only the file's.
    committable = parsed.ok and not view["errors"]
    pending = None
    if committable:
        pending = {"content": contents, "file_name": file_name, "sha256": parsed.sha256}
    return page.preview_panel(view, lang), pending, not committable


def commit(service: TrackerService, pending: dict, lang: str):
    """(result children, pending store data, commit disabled) after the commit button."""
    require_role("editor", "committing an upload")  # the guard checks too; this holds if it misses
    try:
        content = decode_contents(pending["content"])
    except (binascii.Error, ValueError, KeyError, TypeError):
        return page.message(t("upload.bad_content", lang)), None, True
    if hashlib.sha256(content).hexdigest() != pending.get("sha256"):
        return page.message(t("upload.expired", lang)), None, True
    parsed = parse_upload(content, pending["file_name"], service.registry, service.settings, lang)
    if not parsed.ok:
        return page.message(t("upload.commit_blocked", lang)), None, True
    try:
        upload_id = service.store.commit(
            parsed, user=current_user_name(), file_name=pending["file_name"], sha256=parsed.sha256
        )
    except TrackerError as exc:
        return page.message(t("upload.failed", lang, msg=exc.message)), NO_UPDATE, False
    service.warm_in_background()
    return page.commit_result(upload_id, len(parsed.rows), lang), None, True


def commit_outputs(service: TrackerService, pending: dict, lang: str) -> tuple:
    """commit's outputs, then the preview's ready line: gone once the button is done with (a
    commit, or a file that can no longer be committed), so that it never sits above the result."""
    result, new_pending, disabled = commit(service, pending, lang)
    return result, new_pending, disabled, None if disabled else NO_UPDATE


def preview_view(service: TrackerService, parsed: ParsedUpload, lang: str) -> dict:
    """What preview_panel shows: the store's diff of the parsed file, shaped for the grids."""
    result = service.store.preview(parsed)
    return {
        "file_name": parsed.file_name,
        "sha256": parsed.sha256,
        "counts": {"added": result.added, "changed": result.changed, "unchanged": result.unchanged},
        "errors": page.issue_rows(result.errors, parsed.file_name),
        "warnings": page.issue_rows(result.warnings, parsed.file_name),
        "rows": page.value_rows(result.rows, service.registry, service.settings, lang),
    }


def register(app: dash.Dash, service: TrackerService) -> None:
    @app.callback(
        Output(page.TEMPLATE_DOWNLOAD, "data"),
        Input(page.TEMPLATE_XLSX, "n_clicks"),
        Input(page.TEMPLATE_CSV, "n_clicks"),
        State(ids.LANG_STORE, "data"),
        prevent_initial_call=True,
    )
    def _template(_xlsx, _csv, lang):
        fmt = "xlsx" if dash.ctx.triggered_id == page.TEMPLATE_XLSX else "csv"
        return template_download(service, fmt, normalise_language(lang))

    @app.callback(
        Output(page.PREVIEW, "children"),
        Output(page.PENDING, "data"),
        Output(page.COMMIT, "disabled"),
        Output(page.RESULT, "children"),
        Input(page.DROP, "contents"),
        State(page.DROP, "filename"),
        State(ids.LANG_STORE, "data"),
        prevent_initial_call=True,
    )
    def _preview(contents, file_name, lang):
        if not contents:
            raise dash.exceptions.PreventUpdate
        return (*preview(service, contents, file_name or "", normalise_language(lang)), None)

    @app.callback(
        Output(page.RESULT, "children", allow_duplicate=True),
        Output(page.PENDING, "data", allow_duplicate=True),
        Output(page.COMMIT, "disabled", allow_duplicate=True),
        Output(page.READY, "children"),
        Output(page.DROP, "contents"),
        Input(page.COMMIT, "n_clicks"),
        State(page.PENDING, "data"),
        State(ids.LANG_STORE, "data"),
        running=[(Output(page.COMMIT, "style"), BUSY, {})],
        prevent_initial_call=True,
    )
    def _commit(n_clicks, pending, lang):
        if not n_clicks or not pending:
            raise dash.exceptions.PreventUpdate
        # Clearing the drop zone lets the same file be chosen again later.
        return (*commit_outputs(service, pending, normalise_language(lang)), None)
