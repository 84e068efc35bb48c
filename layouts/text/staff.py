"""UI strings of the staff pages (upload, history), Chinese first.

Kept apart from layouts/text/i18n.py so the two page groups can grow without
editing each other's tables; the lookup rules (Chinese fallback, a missing key
shows itself) are i18n's `translate`.
"""

from __future__ import annotations

from layouts.text.i18n import translate

TEXT: dict[str, tuple[str, str]] = {
    # upload page
    "upload.title": ("数据上传", "Upload data"),
    "upload.needs_editor": (
        "上传和提交数据需要“编辑”或“管理员”角色。您可以下载模板；如需上传，请联系管理员开通权限，"
        "或以编辑身份登录。",
        "Uploading and committing data needs the editor or admin role. You can download the "
        "template; to upload, ask an administrator for the role or log in as an editor.",
    ),
    "upload.intro": (
        "上传年度统计数据（Excel 或 CSV）。先预览新增、修改和未变化的行以及所有校验问题，"
        "确认无误后再提交；提交前不会写入数据库。",
        "Upload yearly statistics (Excel or CSV). Preview the added, changed and unchanged "
        "rows and every validation problem first, then commit; nothing is stored before "
        "the commit.",
    ),
    "upload.step_template": ("第一步：下载模板", "Step 1: download the template"),
    "upload.template_help": (
        "模板列出每个指标的名称、单位和有目标的地区，并附示例行，无需猜测指标编码。",
        "The template lists every indicator with its name, unit and the regions that have "
        "targets, with an example row, so you never have to guess ids.",
    ),
    "upload.template_xlsx": ("下载 Excel 模板", "Download Excel template"),
    "upload.template_csv": ("下载 CSV 模板", "Download CSV template"),
    "upload.step_file": ("第二步：选择文件", "Step 2: choose a file"),
    "upload.drop": (
        "将 Excel（.xlsx）或 CSV 文件拖放到此处，或点击选择文件",
        "Drag and drop an Excel (.xlsx) or CSV file here, or click to choose one",
    ),
    "upload.limit": ("文件不超过 {size}。", "Files up to {size}."),
    "upload.step_preview": ("第三步：预览并提交", "Step 3: preview and commit"),
    "upload.no_file": (
        "尚未选择文件。选择文件后，这里会显示预览。",
        "No file chosen yet. The preview appears here once you choose a file.",
    ),
    "upload.file": ("文件：{name}（SHA-256 {sha}…）", "File: {name} (SHA-256 {sha}…)"),
    "upload.added": ("新增", "Added"),
    "upload.changed": ("修改", "Changed"),
    "upload.unchanged": ("未变化", "Unchanged"),
    "upload.errors_title": ("错误（{n} 项，须修正后才能提交）", "Errors ({n}; fix them before committing)"),
    "upload.warnings_title": ("警告（{n} 项，不影响提交）", "Warnings ({n}; they do not block the commit)"),
    "upload.rows_title": ("将写入的数据", "Rows to be stored"),
    "upload.no_rows": ("文件中没有可写入的数据行。", "The file holds no rows to store."),
    "upload.commit": ("提交", "Commit"),
    "upload.commit_blocked": (
        "存在错误，无法提交。请修正文件后重新上传。",
        "There are errors, so the file cannot be committed. Fix the file and upload it again.",
    ),
    "upload.commit_ready": (
        "没有错误。点击“提交”写入数据库。",
        "No errors. Click Commit to store the rows.",
    ),
    "upload.committed": ("已提交：上传编号 {id}，共 {n} 行。", "Committed: upload #{id}, {n} rows."),
    "upload.to_overview": ("查看总览", "Go to the overview"),
    "upload.to_history": ("查看上传记录", "See the upload history"),
    "upload.expired": (
        "待提交的文件已失效（内容与预览不一致），请重新上传。",
        "The pending file no longer matches the preview; please upload it again.",
    ),
    "upload.bad_content": ("无法读取上传的内容，请重新选择文件。", "Could not read the upload; choose the file again."),
    "upload.failed": ("提交失败：{msg}", "Commit failed: {msg}"),
    # column headers shared by the grids
    "col.sheet": ("工作表", "Sheet"),
    "col.row": ("行", "Row"),
    "col.column": ("列", "Column"),
    "col.message": ("问题", "Problem"),
    "col.change": ("变化", "Change"),
    "col.indicator": ("指标", "Indicator"),
    "col.region": ("地区", "Region"),
    "col.year": ("年份", "Year"),
    "col.unit": ("单位", "Unit"),
    "col.old_value": ("原值", "Old value"),
    "col.new_value": ("新值", "New value"),
    "col.note": ("备注", "Note"),
    "change.added": ("新增", "added"),
    "change.changed": ("修改", "changed"),
    "change.unchanged": ("未变化", "unchanged"),
    "change.removed": ("移除", "removed"),
    # history page
    "history.title": ("上传记录", "Upload history"),
    "history.intro": (
        "每次上传都单独保存，可查看其数据行，也可整体撤销（撤销本身也会记录）。",
        "Every upload is kept as its own version: view its rows or revert it as a whole "
        "(the revert is recorded too).",
    ),
    "history.empty": ("还没有任何上传。", "No uploads yet."),
    "history.go_upload": ("去上传数据", "Upload data"),
    "history.select": (
        "在上表中选择一次上传，查看它写入的数据行。",
        "Select an upload in the table above to see its rows.",
    ),
    "history.rows_title": ("上传 {id} 的数据行（{file}）", "Rows of upload #{id} ({file})"),
    "history.no_rows": ("这次上传没有改变任何数据。", "This upload changed no values."),
    "history.revert": ("撤销这次上传", "Revert this upload"),
    "history.confirm": (
        "确定撤销上传 {id}（{file}）吗？它写入的数值将恢复为之前的值，撤销本身会被记录。",
        "Revert upload #{id} ({file})? The values it set go back to what was there before; "
        "the revert itself is recorded.",
    ),
    "history.cancel": ("取消", "Cancel"),
    "history.confirm_button": ("确认撤销", "Revert"),
    "history.reverted_by": ("是（由 {id} 撤销）", "yes (by #{id})"),
    "history.revert_of": ("撤销上传 {id}", "revert of #{id}"),
    "history.note_file": ("在详情页修改备注", "note edited on the detail page"),
    "history.reverted_ok": ("已撤销上传 {id}。", "Upload #{id} has been reverted."),
    "history.already_reverted": ("这次上传已被撤销。", "This upload has already been reverted."),
    "history.revert_failed": ("撤销失败：{msg}", "Revert failed: {msg}"),
    "col.id": ("编号", "ID"),
    "col.user": ("上传人", "User"),
    "col.time": ("时间（北京时间）", "Time (Beijing)"),
    "col.file": ("文件", "File"),
    "col.kind": ("类型", "Kind"),
    "col.rows": ("行数", "Rows"),
    "col.added": ("新增", "Added"),
    "col.changed": ("修改", "Changed"),
    "col.unchanged": ("未变化", "Unchanged"),
    "col.removed": ("移除", "Removed"),
    "col.reverted": ("已撤销", "Reverted"),
    "kind.upload": ("上传", "upload"),
    "kind.sample": ("示例数据", "sample data"),
    "kind.revert": ("撤销", "revert"),
    "kind.note": ("备注修改", "note change"),
    "yes": ("是", "yes"),
    "no": ("否", "no"),
}


def t(key: str, lang: str | None = "zh", **values: object) -> str:
    """The string for `key` in `lang` ("zh" or "en"), with {placeholders} filled."""
    return translate(TEXT, key, lang, **values)


def size_label(size_bytes: int) -> str:
    """A byte count as staff read it: 10 MB, 512 KB."""
    if size_bytes >= 1024 * 1024:
        return f"{size_bytes / (1024 * 1024):g} MB"
    if size_bytes >= 1024:
        return f"{size_bytes / 1024:g} KB"
    return f"{size_bytes} B"
