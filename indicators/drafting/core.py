"""Draft the targets of a plan text: spans -> findings -> drafts with indicator ids."""

from __future__ import annotations

from indicators.drafting import keyvalue, tables
from indicators.drafting import patterns as p
from indicators.drafting.clauses import Context
from indicators.drafting.goals import goal_periods, report_year
from indicators.drafting.headlines import drop_restated_statistics
from indicators.drafting.layout import Span, split_spans
from indicators.drafting.matching import IndicatorMatcher
from indicators.drafting.patterns_unseen import AS_OF
from indicators.drafting.records import Draft, Finding
from indicators.drafting.repeats import merge_repeats
from indicators.drafting.sentences import sentence_findings
from indicators.drafting.text import PlanText
from indicators.drafting.years import base_year_marks, named_plan_periods, year_values
from indicators.registry.loader import Registry

DEFAULT_REGION = "CN"
STRONG_WORDS = frozenset(word for word, _, _ in p.BEFORE_WORDS) | frozenset(p.FLOOR_CUES)
NO_YEAR_FLOORS = ("以上", "及以上")
REASONS = {
    "context": ("medium", "target year taken from an earlier sentence of the section"),
    "document": ("low", "target year inferred from the document's period, not the sentence"),
    "none": ("low", "no target year in the text: fill it in"),
}


def find_targets(plan: PlanText) -> list[Finding]:
    """Every target the text states, in reading order, without registry matching."""
    spans = split_spans(plan)
    set_years = stated_target_years(spans)
    # The lines before the first title or 规划期 (a headline) take the period stated
    # after them; the lines of a later plan without a period take none.
    lead_period = next((span.period for span in spans if span.period), None)
    context = Context(period=lead_period or fallback_period(spans, set_years),
                      plain_after=min(set_years) - 1 if set_years else None,
                      this_year=report_year([span.fold for span in spans[:1]]))
    header: tuple[int, ...] = ()
    findings: list[Finding] = []
    for span in spans:
        if lead_period and span.period:
            context.period = None
        if span.starts_section and not span.is_row:
            header = ()
        if span.is_row:
            findings += row_findings(span, header, span.period or context.period)
            continue
        header = tables.header_years(span.fold) or header
        findings += sentence_findings(span, context)
    findings = drop_restated_statistics(spans, _unique(findings))
    return [finding for finding in findings if _has_year_or_word(finding)]


def _has_year_or_word(finding: Finding) -> bool:
    # Without any year (a law: 两人以上, 一件申请) a goal needs a word like 达到, a floor after
    # the number with a verb or a rate (建立4家以上, 覆盖率90%以上), a creating verb
    # (引进新技术150项: laws create nothing) or 全覆盖.
    words = finding.wording.split("…")
    floor = words[-1] in NO_YEAR_FLOORS and (finding.unit == "%" or len(words) > 1)
    created = finding.guessed_comparator and finding.kind == "cumulative"
    return (finding.year is not None or words[0] in STRONG_WORDS or floor or created
            or finding.comparator == "coverage")


def stated_target_years(spans: list[Span]) -> list[int]:
    """The years the text sets with 到/力争/…前, baselines (在2021年的基础上) left out."""
    return [int(match["year"]) for span in spans
            for pattern in (p.TO_YEAR, p.BY_YEAR) for match in pattern.finditer(span.fold)
            if match.start("year") not in base_year_marks(span.fold)
            and not match.group().startswith(AS_OF)
            and match.start("year") not in year_values(span.fold)]


def fallback_period(spans: list[Span], years: list[int]) -> tuple[int, int] | None:
    """For a text that states no period (a news report): that of the latest plan it
    names (《…纲要（2021—2035年）》, “十四五”规划; an older one is named for
    comparison), else its first to last target year."""
    named = [period for span in spans for period in named_plan_periods(span.fold)]
    if named:
        return max(named, key=lambda period: (period[1], period[0]))
    if years:
        return (min(years), max(years))
    # 到"十五五"末 in a chapter cut from its outline: the named goal period.
    goals = [period for span in spans for period in goal_periods(span.fold)]
    return max(goals) if goals else None


def _unique(findings: list[Finding]) -> list[Finding]:
    seen: set[tuple[object, ...]] = set()
    unique = []
    for finding in findings:
        key = (finding.line, finding.name, finding.value, finding.low, finding.unit)
        if key not in seen:
            seen.add(key)
            unique.append(finding)
    return unique


def draft_targets(plan: PlanText, registry: Registry | None = None,
                  region: str | None = None) -> list[Draft]:
    """Drafts of the plan's targets, each with an indicator id (existing or proposed)."""
    matcher = IndicatorMatcher(registry)
    region = region or guess_region(plan, registry)
    findings = find_targets(plan)
    drafts = [_draft(finding, plan, region, matcher) for finding in findings]
    return merge_repeats(drafts, [finding.document for finding in findings])


def guess_region(plan: PlanText, registry: Registry | None) -> str:
    """The region whose name the title (the first lines) carries, else national."""
    if registry is None:
        return DEFAULT_REGION
    head = "".join(plan.folds[:10])
    for code, region in registry.regions.items():
        names = (region.name_zh, *region.aliases)
        if code != DEFAULT_REGION and any(name and name in head for name in names):
            return code
    return DEFAULT_REGION


def _draft(finding: Finding, plan: PlanText, region: str, matcher: IndicatorMatcher) -> Draft:
    confidence, reason = _confidence(finding)
    return Draft(
        name_zh=finding.name, unit=finding.unit, region=region, target_year=finding.year,
        target_value=finding.value if finding.low is None else None,
        target_low=finding.low, target_high=finding.high, comparator=finding.comparator,
        wording=finding.wording, kind=finding.kind, baseline_year=finding.baseline_year,
        baseline_value=finding.baseline_value, attribute=finding.attribute,
        quote=finding.quote, line=finding.line, location=plan.locations[finding.line - 1],
        section=finding.section, indicator_id=matcher.indicator_for(finding.name, finding.unit),
        confidence=confidence, confidence_reason=reason,
    )


def _confidence(finding: Finding) -> tuple[str, str]:
    level, reasons = "high", []
    if finding.year_source in REASONS:
        level, reason = REASONS[finding.year_source]
        reasons.append(reason)
    if finding.guessed_comparator:
        reasons.append(f"comparator {finding.comparator} guessed: no 达到/以上/不低于 in the text")
        level = "low" if finding.wording != "表列" else max(level, "medium", key=_rank)
    return level, "; ".join(reasons)


def _rank(level: str) -> int:
    return {"high": 0, "medium": 1, "low": 2}[level]


def row_findings(span: Span, years: tuple[int, ...], period: tuple[int, int] | None) -> list[Finding]:
    """One finding per target column of a table row; the earlier columns are its baseline."""
    row = keyvalue.parse_row(span.fold, span.table_unit)
    if row is None or (period is None and row.years and not p.GOAL_SECTION.search(span.section)):
        return []  # 有效发明专利量（件）；2023年：8200；2024年：9600 without a period: statistics
    if row.name_span:
        name = span.text[slice(*row.name_span)]
    else:
        name = tables.ROW_NUMBER.sub("", span.text.strip()).lstrip("#＃ ")[: len(row.name)] or row.name
    return [
        Finding(name=name, unit=row.unit, comparator=cell.comparator, wording="表列", kind=cell.kind,
                quote=span.text.strip(), line=span.lines[0], section=span.section, year=cell.year,
                year_source="header" if years else "document", value=cell.value,
                baseline_year=cell.baseline[0], baseline_value=cell.baseline[1],
                attribute=row.attribute, guessed_comparator=True, document=span.document)
        for cell in tables.row_targets(row, row.years or years, period)
    ]
