"""Counts the way evaluations write them, and one summary sentence per document.

Mid-term and final evaluations (中期评估, 总结评估) sum a plan's indicators up
in one sentence: "8项主要指标中，已完成6项（其中提前完成4项），未完成1项，
无数据1项".  GROUPS says which statuses each phrase counts; `summary_sentence`
writes the phrases in that order and leaves out those with no target.  A
document whose targets carry an attribute (约束性/预期性: the plan's main
indicator table) is summed up over those "main indicators" first, then over its
other quantified targets.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import pandas as pd

from indicators.engine.ranking import BINDING, at_risk
from indicators.registry import Document

# (group, statuses counted, Chinese phrase, English phrase), in the sentence's order.
GROUPS: tuple[tuple[str, tuple[str, ...], str, str], ...] = (
    ("met", ("achieved", "met_early", "exceeded"), "已完成{n}项", "{n} met"),
    ("on_schedule", ("on_track",), "达到时序进度{n}项", "{n} on schedule"),
    ("behind_schedule", ("slightly_behind", "behind", "met_then_lost", "moving_away"),
     "未达时序进度{n}项", "{n} behind schedule"),
    ("missed", ("missed",), "未完成{n}项", "{n} missed"),
    ("not_assessable", ("not_assessable",), "无法评估{n}项", "{n} not assessable"),
    ("no_data", ("no_data",), "无数据{n}项", "{n} without data"),
)
# Parts in brackets after a group: (group, what is counted, Chinese, English).
DETAILS: tuple[tuple[str, str, str, str], ...] = (
    ("met", "early", "提前完成{n}项", "{n} of them early"),
    ("met", "exceeded", "超额完成{n}项", "{n} of them by more than the margin"),
    ("behind_schedule", "fell_back", "达标后回落{n}项", "{n} of them fallen back below the target"),
)
# Forecast verdicts as the sentence counts them.
FORECAST_PHRASES: tuple[tuple[str, str, str], ...] = (
    ("exceed", "预计可超额完成{n}项", "{n} expected to exceed the target"),
    ("on_time", "预计可如期完成{n}项", "{n} expected to be met on time"),
    ("difficult", "预计完成难度较大{n}项", "{n} hard to reach"),
)


@dataclass(frozen=True)
class EvaluationCounts:
    total: int
    groups: Mapping[str, int]
    details: Mapping[str, int]  # early, exceeded, fell_back
    forecasts: Mapping[str, int]
    pending_final: int  # the target year has passed but its actual is not published
    same_targets: bool  # the forecasts are exactly those pending targets (one clause then)
    binding: int
    binding_at_risk: int


def evaluation_counts(report: pd.DataFrame, as_of: int | None) -> EvaluationCounts:
    """How many targets of `report` fall in each group of the summary sentence."""
    return _counts(len(report), _flags(report, as_of).sum())


def _flags(report: pd.DataFrame, as_of: int | None) -> pd.DataFrame:
    """Per target, one boolean column per thing the sentence counts: summed whole for one
    document, or by one groupby for thousands (a national report has 3,000 documents)."""
    # As categories: each comparison below then looks at a dozen codes, not 180,000 strings.
    status = report["status"].astype(str).astype("category")
    latest = pd.to_numeric(report["latest_year"], errors="coerce")
    target_year = pd.to_numeric(report["target_year"], errors="coerce")
    before_target = latest < target_year
    forecast = _column(report, "forecast").astype("category")
    judged = [code for code, _, _ in FORECAST_PHRASES]
    binding = _column(report, "attribute").astype("category").eq(BINDING)
    pending = latest.notna() & before_target & (as_of is not None) & (target_year <= (as_of or 0))
    flags = {f"group:{group}": status.isin(codes) for group, codes, _, _ in GROUPS}
    flags |= {f"forecast:{code}": forecast.eq(code) for code, _, _ in FORECAST_PHRASES}
    flags |= {
        # Met before the target year: met early for good, or met already while it is ahead.
        "early": status.eq("met_early") | (status.eq("achieved") & before_target),
        "exceeded": status.eq("exceeded"), "fell_back": status.eq("met_then_lost"),
        "pending": pending,
        # A blank comparison counts as equal, as Series.all() skips it.
        "mismatch": ~(forecast.isin(judged) == pending).fillna(True),
        "binding": binding, "binding_at_risk": binding & at_risk(report),
    }
    return pd.DataFrame({name: flag.fillna(False).astype(bool) for name, flag in flags.items()},
                        index=report.index)


def _counts(total: int, sums: Mapping[str, int]) -> EvaluationCounts:
    return EvaluationCounts(
        total=int(total),
        groups={group: int(sums[f"group:{group}"]) for group, _, _, _ in GROUPS},
        details={key: int(sums[key]) for key in ("early", "exceeded", "fell_back")},
        forecasts={code: int(sums[f"forecast:{code}"]) for code, _, _ in FORECAST_PHRASES},
        pending_final=int(sums["pending"]), same_targets=not int(sums["mismatch"]),
        binding=int(sums["binding"]), binding_at_risk=int(sums["binding_at_risk"]),
    )


def _column(report: pd.DataFrame, name: str) -> pd.Series:
    if name not in report:
        return pd.Series("", index=report.index)
    return report[name].fillna("").astype(str)


def counts_phrase(counts: EvaluationCounts, lang: str = "zh") -> str:
    """"已完成6项（其中提前完成4项），未完成1项，无数据1项" for the counted targets."""
    english = lang == "en"
    parts = []
    for group, _, zh, en in GROUPS:
        if not counts.groups[group]:
            continue
        text = (en if english else zh).format(n=counts.groups[group])
        inner = [(d_en if english else d_zh).format(n=counts.details[key])
                 for owner, key, d_zh, d_en in DETAILS if owner == group and counts.details[key]]
        if inner:
            text += f" ({', '.join(inner)})" if english else f"（其中{'、'.join(inner)}）"
        parts.append(text)
    return (", ".join(parts) if english else "，".join(parts)) or ("none" if english else "无")


def follow_up_phrases(counts: EvaluationCounts, lang: str = "zh") -> list[str]:
    """The clauses after the counts: data still to come, forecasts, binding targets at risk."""
    english = lang == "en"
    phrases = []
    pending, judged = counts.pending_final, sum(counts.forecasts.values())
    if pending:
        phrases.append(
            f"for {pending} the target year's figure is not published yet and the latest one "
            "is used" if english else f"其中{pending}项目标年数据尚未发布，按最新数据判断")
    verdicts = [(en if english else zh).format(n=counts.forecasts[code])
                for code, zh, en in FORECAST_PHRASES if counts.forecasts[code]]
    if judged and pending and counts.same_targets:  # the same targets: one clause, not two
        phrases[-1] += f": {', '.join(verdicts)}" if english else f"，{'、'.join(verdicts)}"
    elif judged:
        phrases.append(f"of the {judged} without a final figure, {', '.join(verdicts)}" if english
                       else f"尚无最终结果的{judged}项中，{'、'.join(verdicts)}")
    if counts.binding and counts.binding_at_risk:
        phrases.append(
            f"{counts.binding_at_risk} of the {counts.binding} binding targets are at risk"
            if english else f"{counts.binding}项约束性指标中{counts.binding_at_risk}项存在风险")
    elif counts.binding:
        phrases.append(f"none of the {counts.binding} binding targets is at risk" if english
                       else f"{counts.binding}项约束性指标均未出现风险")
    return phrases


def summary_sentence(report: pd.DataFrame, document: Document | None, as_of: int | None,
                     lang: str = "zh") -> str:
    """The evaluation's summary of one document's targets, as of a year."""
    english = lang == "en"
    attributed = _column(report, "attribute").ne("")
    if attributed.any() and not attributed.all():
        main, other = report[attributed], report[~attributed]
    else:
        main, other = report, report.iloc[0:0]
    title = _title(document, report, english)
    label = ("main indicators" if english else "主要指标") if attributed.any() else (
        "targets" if english else "指标")
    sentences = [_sentence(main, as_of, english, title, label)]
    if len(other):
        sentences.append(_sentence(other, as_of, english, None, None))
    return " ".join(sentences) if english else "".join(sentences)


def _sentence(report: pd.DataFrame, as_of: int | None, english: bool, title: str | None,
              label: str | None) -> str:
    return _counted_sentence(evaluation_counts(report, as_of), as_of, english, title, label)


def _counted_sentence(counts: EvaluationCounts, as_of: int | None, english: bool,
                      title: str | None, label: str | None) -> str:
    lang = "en" if english else "zh"
    body = [counts_phrase(counts, lang), *follow_up_phrases(counts, lang)]
    if english:
        if title is None:
            head = f"Of the {counts.total} other quantified targets in the text"
        else:
            year = f"As of {as_of}, of" if as_of is not None else "Of"
            head = f"{year} the {counts.total} {label} of {title}"
        return f"{head}: {'; '.join(body)}."
    if title is None:
        head = f"规划文本中的其他{counts.total}项量化目标中"
    else:
        year = f"截至{as_of}年，" if as_of is not None else ""
        head = f"{year}{title}{counts.total}项{label}中"
    return f"{head}，{'；'.join(body)}。"


def _title(document: Document | None, report: pd.DataFrame, english: bool) -> str:
    if document is None:
        ids = report["document_id"].astype(str).unique() if len(report) else []
        name = ids[0] if len(ids) == 1 else ""
        return f"“{name}”" if english else f"《{name}》"
    return f"“{document.title_en}”" if english else f"《{document.title_zh}》"


def document_summaries(report: pd.DataFrame, documents: Mapping[str, Document],
                       as_of: int | None, lang: str = "zh",
                       limit: int | None = None) -> list[tuple[str, str]]:
    """(document id, summary sentence) for every document with targets in `report` (the first
    `limit` of them), each equal to summary_sentence of that document's rows."""
    if report.empty:
        return []
    document_ids = report["document_id"].astype(str).rename("_document")
    if limit is not None:
        # Only the first `limit` documents (in order of appearance) are summed: a national
        # report has 3,000 documents and the overview names 20 (0.13 s -> 0.01 s).
        shown = document_ids.isin(pd.unique(document_ids.to_numpy())[:limit]).to_numpy()
        report, document_ids = report[shown], document_ids[shown]
    attributed = _column(report, "attribute").ne("").rename("_attributed")
    flags = _flags(report, as_of).assign(_total=1)
    sums = flags.groupby([document_ids, attributed], sort=False).sum()
    parts: dict[str, dict[bool, Mapping[str, int]]] = {}
    for (doc_id, has_attribute), row in zip(sums.index, sums.to_dict("records"), strict=True):
        parts.setdefault(str(doc_id), {})[bool(has_attribute)] = row
    ids = list(parts)[:limit] if limit is not None else list(parts)
    return [(doc_id, _grouped_sentence(parts[doc_id], documents.get(doc_id), doc_id, as_of, lang))
            for doc_id in ids]


def _grouped_sentence(parts: Mapping[bool, Mapping[str, int]], document: Document | None,
                      doc_id: str, as_of: int | None, lang: str) -> str:
    """summary_sentence from one document's summed flags (main: attributed, other: the rest)."""
    english = lang == "en"
    counted = {key: _counts(row["_total"], row) for key, row in parts.items()}
    title = _title(document, pd.DataFrame({"document_id": [doc_id]}), english)
    if True in counted:
        label = "main indicators" if english else "主要指标"
        sentences = [_counted_sentence(counted[True], as_of, english, title, label)]
        if False in counted:
            sentences.append(_counted_sentence(counted[False], as_of, english, None, None))
    else:
        label = "targets" if english else "指标"
        sentences = [_counted_sentence(counted[False], as_of, english, title, label)]
    return " ".join(sentences) if english else "".join(sentences)
