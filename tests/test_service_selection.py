"""narrowed: a report and its history cut to what a viewer selected, on plain arrays."""

from __future__ import annotations

import io

import numpy as np
import pandas as pd

from indicators.engine import GapReport
from indicators.service.selection import ReportFilter, _of_targets, narrowed, of_series

REPORT = pd.read_csv(io.StringIO("""\
target_id,document_id,region,category
a,plan,CN,creation
b,plan,CN-CQ,creation
c,cq_plan,CN-CQ,use
"""), dtype=str)
HISTORY = pd.DataFrame({
    "target_id": pd.Categorical(["a", "a", "b", "c", "c", "b"], categories=["a", "b", "c"]),
    "year": [2021, 2022, 2021, 2021, 2022, 2022],
})
FULL = GapReport(report=REPORT, history=HISTORY, as_of=2022)


def test_a_region_keeps_its_targets_and_their_history_in_order():
    cut = narrowed(FULL, ReportFilter(region="CN-CQ"))
    assert cut.report["target_id"].tolist() == ["b", "c"]
    assert list(zip(cut.history["target_id"], cut.history["year"], strict=True)) == [
        ("b", 2021), ("c", 2021), ("c", 2022), ("b", 2022)]
    assert cut.history.index.tolist() == [0, 1, 2, 3]
    assert cut.as_of == 2022


def test_filters_combine():
    cut = narrowed(FULL, ReportFilter(region="CN-CQ", category="creation"))
    assert cut.report["target_id"].tolist() == ["b"]
    assert cut.history["year"].tolist() == [2021, 2022]


def test_nothing_matches():
    cut = narrowed(FULL, ReportFilter(document="none"))
    assert cut.report.empty and cut.history.empty


def test_the_code_lookup_agrees_with_isin_also_for_missing_ids_and_unknown_wanted():
    ids = pd.Series(pd.Categorical(["a", None, "b", "c", "a"], categories=["a", "b", "c"]))
    wanted = pd.Series(["a", "zzz"])
    expected = [True, False, False, False, True]
    assert _of_targets(ids, wanted).tolist() == expected
    assert _of_targets(ids.astype(object), wanted).tolist() == expected  # the isin path
    assert isinstance(_of_targets(ids, wanted), np.ndarray)


def test_of_series_keeps_one_indicator_in_one_region():
    report = REPORT.assign(indicator_id=["hv", "hv", "pledge"])
    cut = of_series(GapReport(report=report, history=HISTORY, as_of=2022), "hv", "CN-CQ")
    assert cut.report["target_id"].tolist() == ["b"]
    assert cut.history["year"].tolist() == [2021, 2022]
    assert cut.as_of == 2022
