"""The audit log as people read it: times, headers and actions in their language, and as CSV."""

from __future__ import annotations

import pandas as pd

from indicators.exports.safety import frame_to_csv_bytes

AUDIT_LABELS_ZH = {
    "id": "编号", "at": "时间（UTC）", "user": "用户", "action": "操作", "target": "对象",
    "rows_total": "行数", "added": "新增", "changed": "修改", "unchanged": "未变",
    "removed": "删除", "detail": "详情",
}


ACTION_LABELS_ZH = {
    "commit": "提交上传", "revert": "撤销上传", "note": "备注", "user_add": "新增用户",
    "user_role": "修改角色", "user_disable": "停用用户", "user_enable": "启用用户",
    "user_password": "重设密码", "login": "登录", "login_failed": "登录失败",
}


def audit_table(frame: pd.DataFrame, lang: str = "zh") -> pd.DataFrame:
    """The audit frame for people: readable times, and Chinese headers and actions for zh."""
    shown = frame.assign(at=frame["at"].dt.strftime("%Y-%m-%d %H:%M:%S"))
    if lang == "en":
        return shown
    shown["action"] = shown["action"].map(lambda action: ACTION_LABELS_ZH.get(action, action))
    return shown.rename(columns=AUDIT_LABELS_ZH)


def audit_csv(frame: pd.DataFrame, lang: str = "zh") -> bytes:
    """The audit frame as CSV bytes for Excel: UTF-8 with BOM, no cell can start a formula."""
    return frame_to_csv_bytes(audit_table(frame, lang))
