"""The progress chart's words: each row's label and each point's hover text.

Split from layouts.figures.progress, which lays the rows out and draws them.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping

import pandas as pd

from layouts.figures.format import (
    document_title,
    format_percent,
    format_point,
    indicator_name,
    region_name,
    status_word,
    target_text,
)
from layouts.text.i18n import t

DOCUMENT_KIND_TAGS = {
    "plan": ("规划", "plan"), "outline": ("纲要", "outline"), "action_plan": ("方案", "action plan"),
    "law": ("法规", "law"), "rule": ("规章", "rule"),
}


def row_labels(block: pd.DataFrame, lang: str, documents: Mapping, regions: Mapping) -> list[str]:
    """'name · region', plus the document's kind where one series has several targets."""
    records = block.to_dict("records")
    series = Counter((str(row["indicator_id"]), str(row["region"])) for row in records)
    labels = []
    for row in records:
        name = indicator_name(row, lang)  # whole: chart_layout wraps it at word boundaries
        region = region_name(str(row["region"]), regions, lang)
        # "重庆市" -> "重庆", "China (national)" -> "China": the hover has the full name.
        region = region.removesuffix("市") if lang != "en" else region.split(" (")[0]
        label = f"{name} · {region}"
        if series[str(row["indicator_id"]), str(row["region"])] > 1:
            document = documents.get(str(row["document_id"]))
            tag = DOCUMENT_KIND_TAGS.get(document.kind if document else "", (str(row["document_id"]),) * 2)
            label += f" · {tag[1] if lang == 'en' else tag[0]}"
        labels.append(label)
    return labels


def progress_hover(row: Mapping, lang: str, documents: Mapping, regions: Mapping) -> str:
    """Hover text of one target: what it is, where it stands, in the UI language."""
    unit = str(row.get("unit") or "")
    lines = [
        f"<b>{indicator_name(row, lang)}</b>",
        f"{t('hover.region', lang)}：{region_name(str(row['region']), regions, lang)}",
        f"{t('hover.document', lang)}：{document_title(str(row['document_id']), documents, lang)}",
        f"{t('hover.baseline', lang)}：{format_point(row.get('baseline_year'), row.get('baseline_value'), unit, lang)}",
        f"{t('hover.target', lang)}：{target_text(row, lang)}",
        f"{t('hover.latest', lang)}：{format_point(row.get('latest_year'), row.get('latest_value'), unit, lang)}",
        f"{t('hover.progress', lang)}：{format_percent(row.get('progress_ratio'))}"
        f"　{t('hover.time_share', lang)}：{format_percent(row.get('time_share'))}",
        f"{t('hover.status', lang)}：{status_word(str(row['status']), lang)}",
        f"<i>{t('hover.click', lang)}</i>",
    ]
    text = "<br>".join(lines)
    # The full-width colon and space are Chinese punctuation: English gets its own.
    return text.replace("：", ": ").replace("\u3000", " · ") if lang == "en" else text
