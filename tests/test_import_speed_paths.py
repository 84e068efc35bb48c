"""The fast paths of issue 7: column-wise row checks, keyed current values, bulk inserts.

Plain rows are checked column by column (indicators.importing.rows.by_column) and
every other row cell by cell, so these tests mix both kinds in one file and
pin the records and issues, in order.  The store looks up only the series a
file touches (indicators.store.current).  No timings here: speed is measured
by benchmarks/importing.py and benchmarks/callbacks.py.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from indicators.importing import parse_number
from indicators.importing.rows.by_column import BLANK, mapped, plain_number, plain_numbers
from indicators.store import ActualsStore
from indicators.store import current as store_current
from indicators.store.compact import compact_actuals
from indicators.store.current import current_of
from indicators.store.queries import (
    CURRENT_COLUMNS,
    all_current_frame,
    current_select,
    typed_current,
)
from tests.store_fixtures import csv_bytes, parse, xlsx_bytes

ROW_KEYS = ["indicator_id", "region", "year", "value", "note", "source_sheet", "source_row", "source_column"]


def rows_of(parsed) -> list[tuple]:  # noqa: ANN001
    return [tuple(row) for row in parsed.rows[ROW_KEYS].itertuples(index=False)]


def places(issues) -> list[tuple]:  # noqa: ANN001
    return [(issue.code, issue.sheet, issue.row, issue.column) for issue in issues]


def commit(store: ActualsStore, project, text: str, name: str = "a.csv") -> int:  # noqa: ANN001
    parsed = parse(csv_bytes(text), name, project)
    assert parsed.ok, parsed.errors
    return store.commit(parsed, "王芳", name, parsed.sha256)


def test_plain_and_problem_rows_keep_file_order(project) -> None:
    text = """
    指标,地区,年份,数值
    hv_patents,CN,2021,7
    hv_patents,CN,2022,abc
    copyrights,CN,2021,5
    hv_patents,CN,2023,
    copyrights,CN,2022,6
    hv_patents,CN,2024,9
    """
    parsed = parse(csv_bytes(text), "a.csv", project)
    assert places(parsed.errors) == [("bad_value", "a.csv", 3, "D")]
    # copyrights has no target: warned once, at its first row; row 5 has no value.
    assert places(parsed.warnings) == [("no_target", "a.csv", 4, "B"), ("blank_value", "a.csv", 5, "D")]
    assert parsed.warnings[0].message == "「作品登记数量」在全国没有目标；数值会保存，但不参与进度评估"
    assert rows_of(parsed) == [
        ("hv_patents", "CN", 2021, 7.0, "", "a.csv", 2, "D"),
        ("copyrights", "CN", 2021, 5.0, "", "a.csv", 4, "D"),
        ("copyrights", "CN", 2022, 6.0, "", "a.csv", 6, "D"),
        ("hv_patents", "CN", 2024, 9.0, "", "a.csv", 7, "D"),
    ]


def test_series_without_target_is_warned_once_across_sheets(project) -> None:
    header = ["指标", "地区", "年份", "数值"]
    content = xlsx_bytes({
        "一": [header, ["hv_patents", "CN", 2021, 7], ["copyrights", "CN-CQ", 2021, 5]],
        "二": [header, ["copyrights", "CN-CQ", 2022, 6], ["copyrights", "CN", 2022, 4]],
    })
    parsed = parse(content, "book.xlsx", project)
    assert parsed.ok
    assert places(parsed.warnings) == [("no_target", "一", 3, "B"), ("no_target", "二", 3, "B")]
    assert [(row[0], row[1], row[2], row[5], row[6]) for row in rows_of(parsed)] == [
        ("hv_patents", "CN", 2021, "一", 2), ("copyrights", "CN-CQ", 2021, "一", 3),
        ("copyrights", "CN-CQ", 2022, "二", 2), ("copyrights", "CN", 2022, "二", 3),
    ]


def test_magnitude_checks_match_the_row_by_row_rules(project) -> None:
    # hv_patents in CN: targets 6.3 and 12, so 0.63 to 120 is plausible.
    text = """
    指标,地区,年份,数值
    hv_patents,CN,2021,500
    hv_patents,CN,2022,70000
    ip_share,CN,2021,0.13
    ip_share,CN,2022,-1
    ip_share,CN,2023,12
    """
    parsed = parse(csv_bytes(text), "a.csv", project)
    # 500 is far off and no unit mistake explains it: refused all the same (issue 17).
    # 70000 x 1/10,000 = 7 fits; 0.13 x 100 = 13 fits; a percentage may be negative.
    assert places(parsed.errors) == [("implausible", "a.csv", 2, "D"), ("unit_factor", "a.csv", 3, "D"),
                                     ("percent_as_fraction", "a.csv", 4, "D")]
    assert parsed.errors[1].message == (
        "数值 70,000 与目标相差约 1万 倍：「每万人口高价值发明专利拥有量」以件计（目标约 6.3–12），是否应为 7？")
    assert [(row[0], row[2], row[3]) for row in rows_of(parsed)] == [
        ("ip_share", 2022, -1.0), ("ip_share", 2023, 12.0),
    ]


def test_wide_rows_with_blank_and_bad_cells(project) -> None:
    text = """
    指标,地区,2021,2022,2023
    hv_patents,CN,7,,8
    pledge,CN,,,
    hv_patents,CN-CQ,5,x,6
    """
    parsed = parse(csv_bytes(text), "wide.csv", project)
    assert places(parsed.errors) == [("bad_value", "wide.csv", 4, "D")]
    assert rows_of(parsed) == [
        ("hv_patents", "CN", 2021, 7.0, "", "wide.csv", 2, "C"),
        ("hv_patents", "CN", 2023, 8.0, "", "wide.csv", 2, "E"),
        ("hv_patents", "CN-CQ", 2021, 5.0, "", "wide.csv", 4, "C"),
        ("hv_patents", "CN-CQ", 2023, 6.0, "", "wide.csv", 4, "E"),
    ]


def test_xlsx_rows_with_a_gap_and_a_percent_cell(project) -> None:
    content = xlsx_bytes({"数据": [
        ["指标", "地区", "年份", "数值", "备注"],
        ["hv_patents", "CN", 2021, 7],
        ["hv_patents", None, 2022, 8],
        ["ip_share", "CN", 2021, 0.13, "核定"],
    ]}, percent_cells=("数据!D4",))
    parsed = parse(content, "book.xlsx", project)
    assert places(parsed.errors) == [("missing_region", "数据", 3, "B")]
    assert rows_of(parsed) == [
        ("hv_patents", "CN", 2021, 7.0, "", "数据", 2, "D"),
        ("ip_share", "CN", 2021, 13.0, "核定", "数据", 4, "D"),
    ]


@pytest.mark.parametrize("cell", [
    "7", "-3", "+7", ".5", "7.", "1E2", "5e-3", "1,234.5", "１２", " 9 ", "'12", "13%", "4.5万",
    "", "-", "无", "abc", "1e999", "1.2.3", 7, 8.5, True, None, 10**400, float("inf"),
])
def test_plain_number_agrees_with_parse_number(cell: object) -> None:
    parsed = parse_number(cell)
    expected = BLANK if parsed.kind == "blank" else (
        parsed.value if parsed.kind == "number" and not parsed.percent and not parsed.magnitude else None)
    assert plain_number(cell) == expected
    assert plain_numbers([cell]) == [expected]


def test_whole_column_of_plain_text_numbers() -> None:
    assert plain_numbers(["1", "2.5", "-0.5", "1e999", "1E2"]) == [1.0, 2.5, -0.5, None, 100.0]
    # A line break inside a cell must not pass for two numbers.
    assert plain_numbers(["1", "2\n3"]) == [1.0, plain_number("2\n3")]
    assert plain_numbers(["1", "1e"]) == [1.0, None]


def test_mapped_keeps_equal_but_different_cells_apart() -> None:
    assert mapped(repr, [1, 1.0, True, "1", None, 1]) == ["1", "1.0", "True", "'1'", "None", "1"]
    assert mapped(str.upper, ["a", "b", "a"]) == ["A", "B", "A"]


def test_preview_jumps_use_neighbours_from_file_and_store(store: ActualsStore, project) -> None:
    commit(store, project, """
    指标,地区,年份,数值
    hv_patents,CN,2021,5
    hv_patents,CN,2023,12
    hv_patents,CN,2024,100
    pledge,CN,2022,1000
    pledge,CN-CQ,2022,1
    """)
    parsed = parse(csv_bytes("""
    指标,地区,年份,数值
    hv_patents,CN,2022,10
    hv_patents,CN,2023,30
    pledge,CN,2021,2300
    """), "b.csv", project)
    preview = store.preview(parsed)
    assert (preview.added, preview.changed, preview.unchanged) == (2, 1, 0)
    jumps = [(issue.row, issue.message) for issue in preview.warnings if issue.code == "jump"]
    # 10 / 5 - 1; 30 / 10 - 1 (2022 from the file); 100 / 30 - 1; 1000 / 2300 - 1.
    assert jumps == [
        (2, "数值 10 比 2021 年的 5 变化 +100%，请核对"),
        (3, "数值 30 比 2022 年的 10 变化 +200%，请核对"),
        (3, "数值 30 比 2024 年的 100 变化 +233%，请核对"),
        (4, "数值 2,300 比 2022 年的 1,000 变化 -57%，请核对"),
    ]


def test_current_of_takes_the_newest_active_version(store: ActualsStore, project) -> None:
    first = commit(store, project, "指标,地区,年份,数值\nhv_patents,CN,2021,7\nhv_patents,CN,2022,8\n")
    second = commit(store, project, "指标,地区,年份,数值\nhv_patents,CN,2021,7.5\n", "b.csv")
    keys = pd.DataFrame({"indicator_id": ["hv_patents"], "region": ["CN"], "year": [2021]})
    with store.engine.connect() as connection:
        assert current_of(connection, keys)[["year", "value", "upload_id"]].values.tolist() == [
            [2021, 7.5, second]]
        wider = current_of(connection, keys, margin=1).sort_values("year")
        assert wider[["year", "value"]].values.tolist() == [[2021, 7.5], [2022, 8.0]]
    store.revert(second, "王芳")
    with store.engine.connect() as connection:
        assert current_of(connection, keys)[["value", "upload_id"]].values.tolist() == [[7.0, first]]


def test_lookup_in_chunks_gives_the_same_preview(store: ActualsStore, project, monkeypatch) -> None:
    commit(store, project, "指标,地区,年份,数值\nhv_patents,CN,2021,7\npledge,CN,2021,2300\n")
    parsed = parse(csv_bytes("指标,地区,年份,数值\nhv_patents,CN,2021,8\npledge,CN,2021,2300\n"
                             "hv_patents,CN-CQ,2021,4\n"), "b.csv", project)
    whole = store.preview(parsed)
    monkeypatch.setattr(store_current, "SERIES_PER_QUERY", 1)
    chunked = store.preview(parsed)
    assert (chunked.added, chunked.changed, chunked.unchanged) == (1, 1, 1)
    assert chunked.rows.equals(whole.rows)


def test_revert_and_upload_rows_accept_numpy_ids(store: ActualsStore, project) -> None:
    upload_id = commit(store, project, "指标,地区,年份,数值\nhv_patents,CN,2021,7\n")
    ids = store.uploads()["id"]  # int64, as the history page reads them
    assert isinstance(ids.iloc[0], np.integer)
    assert store.upload_rows(ids.iloc[0])["new_value"].tolist() == [7.0]
    revert_id = store.revert(ids.iloc[0], "王芳")
    assert store.uploads().set_index("id").loc[upload_id, "reverted"]
    assert store.uploads().set_index("id").loc[revert_id, "reverts_upload_id"] == upload_id
    assert store.current_actuals().empty


def test_commit_stores_every_row_with_old_and_new_values(store: ActualsStore, project) -> None:
    commit(store, project, "指标,地区,年份,数值,备注\nhv_patents,CN,2021,7,初步\npledge,CN,2021,2300,\n")
    second = commit(store, project, "指标,地区,年份,数值,备注\nhv_patents,CN,2021,7.5,修订\n"
                                    "pledge,CN,2021,2300,\nhv_patents,CN,2022,9,\n", "b.csv")
    rows = store.upload_rows(second)[["indicator_id", "year", "old_value", "new_value", "old_note",
                                      "new_note", "action", "source_row"]]
    assert rows.astype(object).where(rows.notna(), None).values.tolist() == [
        ["hv_patents", 2021, 7.0, 7.5, "初步", "修订", "changed", 2],
        ["pledge", 2021, 2300.0, 2300.0, "", "", "unchanged", 3],
        ["hv_patents", 2022, None, 9.0, None, "", "added", 4],
    ]


def test_every_current_value_matches_the_windowed_query(store: ActualsStore, project) -> None:
    """all_current_frame (newest version picked in pandas) = current_select (window function)."""
    first = commit(store, project, "指标,地区,年份,数值,备注\nhv_patents,CN,2021,7,初步\n"
                                   "hv_patents,CN-CQ,2021,4,\npledge,CN,2021,2300,\n")
    second = commit(store, project, "指标,地区,年份,数值,备注\nhv_patents,CN,2021,7.5,修订\n"
                                    "pledge,CN,2022,2600,\n", "b.csv")
    commit(store, project, "指标,地区,年份,数值\nhv_patents,CN-CQ,2021,4.4\n", "c.csv")
    store.revert(second, "王芳")
    revert_of_revert = store.revert(store.uploads()["id"].max(), "王芳")
    store.revert(first, "王芳")
    with store.engine.connect() as connection:
        fast = all_current_frame(connection)
        rows = connection.execute(current_select()).all()
    # all_current_frame keeps text as categories (store.compact, issue 18): same form here.
    windowed = compact_actuals(typed_current(pd.DataFrame(rows, columns=CURRENT_COLUMNS)))
    # first is reverted; second is back (revert of its revert); c.csv stands.
    assert fast[["indicator_id", "region", "year", "value"]].values.tolist() == [
        ["hv_patents", "CN", 2021, 7.5], ["hv_patents", "CN-CQ", 2021, 4.4],
        ["pledge", "CN", 2022, 2600.0]]
    assert fast.equals(windowed) and revert_of_revert > second
