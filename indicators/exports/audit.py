"""The audit log as people read it: Beijing times, headers and actions as words, and as CSV."""

from __future__ import annotations

import pandas as pd

from indicators.exports.clock import beijing_times
from indicators.exports.safety import frame_to_csv_bytes

COUNT_COLUMNS = ("rows_total", "added", "changed", "unchanged", "removed")
# Only these actions change rows; a login or a user change has no row counts to show.
COUNTED_ACTIONS = frozenset({"commit", "revert", "note"})

AUDIT_LABELS = {
    "id": ("编号", "ID"), "at": ("时间（北京时间）", "Time (Beijing)"), "user": ("用户", "User"),
    "action": ("操作", "Action"), "target": ("对象", "Target"), "rows_total": ("行数", "Rows"),
    "added": ("新增", "Added"), "changed": ("修改", "Changed"), "unchanged": ("未变", "Unchanged"),
    "removed": ("删除", "Removed"), "detail": ("详情", "Detail"),
}
ACTION_LABELS = {
    "commit": ("提交上传", "Upload committed"), "revert": ("撤销上传", "Upload reverted"),
    "note": ("备注", "Note changed"), "user_add": ("新增用户", "User added"),
    "user_role": ("修改角色", "Role changed"), "user_disable": ("停用用户", "User disabled"),
    "user_enable": ("启用用户", "User enabled"), "user_password": ("重设密码", "Password reset"),
    "login": ("登录", "Login"), "login_failed": ("登录失败", "Failed login"),
}


def audit_table(frame: pd.DataFrame, lang: str = "zh") -> pd.DataFrame:
    """The audit frame for people, in the language: Beijing times, words for actions and
    headers, and row counts only where the action changed rows."""
    pick = 1 if lang == "en" else 0
    shown = frame.assign(at=beijing_times(frame["at"])).astype({column: object for column in COUNT_COLUMNS})
    uncounted = ~frame["action"].isin(COUNTED_ACTIONS)
    shown.loc[uncounted, list(COUNT_COLUMNS)] = None
    shown["action"] = frame["action"].map(
        lambda action: ACTION_LABELS[action][pick] if action in ACTION_LABELS else action)
    return shown.rename(columns={column: labels[pick] for column, labels in AUDIT_LABELS.items()})


def audit_csv(frame: pd.DataFrame, lang: str = "zh") -> bytes:
    """The audit frame as CSV bytes for Excel: UTF-8 with BOM, no cell can start a formula."""
    return frame_to_csv_bytes(audit_table(frame, lang))
