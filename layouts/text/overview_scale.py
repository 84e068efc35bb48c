"""UI strings of the overview at national scale (thousands of regions and documents), Chinese first.

Kept apart from layouts/text/catalogue.py, which is at its size limit; looked up
with i18n's `translate` (Chinese fallback, a missing key shows itself).
"""

from __future__ import annotations

from layouts.text.i18n import translate

TEXT: dict[str, tuple[str, str]] = {
    "overview.summary_limited": (
        "只列出前 {shown} 份文件的摘要（视图中共 {total} 份）；按文件或地区筛选可查看其他文件，"
        "“评估报告”按钮导出所选范围内每份文件的摘要。",
        "Only the first {shown} documents are summed up here ({total} in view); filter by "
        "document or region to see the others, or download the evaluation report.",
    ),
    "overview.filter_search": ("输入名称搜索", "Type to search"),
}


def text(key: str, lang: str | None, **fields: object) -> str:
    return translate(TEXT, key, lang, **fields)
