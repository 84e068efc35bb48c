"""Issue 17, the importer: absurd values, foreign encodings, long and unsafe text.

Every value is judged after unit conversion against its series' plausible range
(indicators.importing.values.PlausibleRange), and, for a series without
targets, against its stored values at preview (importing.stored); a CSV that is
not UTF-8, UTF-16 or Chinese GBK is refused rather than stored as mojibake
(importing.encoding); text cells lose control characters and are capped
(importing.text).
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from indicators.exports import escape_formula, frame_to_csv_bytes
from indicators.importing import decode_text
from indicators.importing.issues import FileRejected
from indicators.importing.rows import by_column
from indicators.store import ActualsStore, UploadRejected
from tests.store_fixtures import REGISTRY, codes, csv_bytes, dump_tables, make_project, parse

HEADER = "指标,地区,年份,数值\n"
# A score out of 100 and a growth rate, besides the storage project's indicators.
EXTRA_INDICATORS = """\
  - {id: satisfaction, name_zh: 知识产权保护社会满意度, name_en: Satisfaction, unit: 分,
     category: protection}
  - {id: growth, name_zh: 专利许可收入增长率, name_en: Licence income growth, unit: "%",
     category: use}
targets:
  - {id: plan_satisfaction, indicator: satisfaction, region: CN, document: plan, section: 指标,
     quote: q, line: 5, baseline: {year: 2020, value: 80.6}, target_year: 2025, target_value: 82,
     comparator: ">=", kind: level}
  - {id: plan_growth, indicator: growth, region: CN, document: plan, section: 指标, quote: q,
     line: 6, target_year: 2025, target_value: 15, comparator: ">=", kind: level}
"""


@pytest.fixture
def wide_project(tmp_path: Path):
    return make_project(tmp_path, registry=REGISTRY.replace("targets:\n", EXTRA_INDICATORS, 1))


def rows(parsed) -> list[tuple]:  # noqa: ANN001
    return [tuple(row) for row in parsed.rows[["indicator_id", "region", "year", "value"]]
            .itertuples(index=False)]


def places(issues) -> list[tuple]:  # noqa: ANN001
    return [(issue.code, issue.row, issue.column) for issue in issues]


# 1. plausibility after conversion, in the indicator's unit


def test_an_absurd_value_is_an_error_naming_value_unit_and_range(project) -> None:
    parsed = parse(csv_bytes(HEADER + "hv_patents,CN,2021,1e300\n"), "a.csv", project)
    assert places(parsed.errors) == [("implausible", 2, "D")]
    assert parsed.errors[0].message == (
        "数值 1e+300 不在「每万人口高价值发明专利拥有量」的合理范围 0.63–120（件）内"
        "（由其目标值和基期值推算，上下相差 10 倍），请核对数值和单位")
    english = parse(csv_bytes(HEADER + "hv_patents,CN,2021,1e300\n"), "a.csv", project, lang="en")
    assert english.errors[0].message.startswith(
        "1e+300 is outside the plausible range 0.63–120 (件) of 'High-value patents per 10k'")
    assert rows(parsed) == []


def test_a_unit_column_does_not_switch_the_check_off(project) -> None:
    text = "指标,地区,年份,数值,单位\n海外发明专利授权量,全国,2021,53770,万件\n"
    parsed = parse(csv_bytes(text), "a.csv", project)
    assert places(parsed.errors) == [("implausible_converted", 2, "D")]
    assert parsed.errors[0].message.startswith(
        "「53770 万件」换算为 537,700,000（件）后不在「海外发明专利授权量」的合理范围 4,000–900,000（件）内")
    assert rows(parsed) == []
    # Plausible once converted: stored in 件.
    good = "指标,地区,年份,数值,单位\n海外发明专利授权量,全国,2021,4.5万,\n海外发明专利授权量,全国,2022,4.6,万件\n"
    assert rows(parse(csv_bytes(good), "a.csv", project)) == [
        ("overseas_patents", "CN", 2021, 45000.0), ("overseas_patents", "CN", 2022, 46000.0)]


def test_shares_scores_growth_rates_and_absurd_sizes(wide_project) -> None:
    lines = [
        "ip_share,CN,2021,150", "ip_share,CN,2022,101%", "ip_share,CN,2023,100",  # a share: 0-100
        "satisfaction,CN,2021,120", "satisfaction,CN,2022,99.5",  # out of 100 points
        "growth,CN,2021,151", "growth,CN,2022,120", "growth,CN,2023,-30",  # a rate: 10 x its goal
        "copyrights,CN,2021,2e15", "copyrights,CN,2022,3000000",  # no targets: max_value only
    ]
    parsed = parse(csv_bytes(HEADER + "\n".join(lines) + "\n"), "a.csv", wide_project)
    assert places(parsed.errors) == [("above_share", 2, "D"), ("above_share", 3, "D"),
                                     ("above_score", 5, "D"), ("implausible", 7, "D"),
                                     ("too_large", 10, "D")]
    assert parsed.errors[2].message == "数值 120 超过「知识产权保护社会满意度」的满分 100 分，合理范围 0–100"
    assert [row[2] for row in rows(parsed)] == [2023, 2022, 2022, 2023, 2022]


def test_a_cumulative_goal_bounds_values_only_from_above(tmp_path: Path) -> None:
    # Built up to 100 by 2025 with no baseline: 9 or 1 in 2021 is plausible (one centre
    # built of 100), 5,000 (more than 10 x the goal) is not.
    registry = REGISTRY.replace(
        "     comparator: \">=\", kind: level}\n  - {id: plan_share",
        "     comparator: \">=\", kind: level}\n  - {id: plan_copyrights, indicator: copyrights, region: CN,"
        " document: plan, section: 指标, quote: q, line: 9, target_year: 2025, target_value: 100,"
        " comparator: \"==\", kind: cumulative}\n  - {id: plan_share", 1)
    project = make_project(tmp_path, registry=registry)
    parsed = parse(csv_bytes(HEADER + "copyrights,CN,2021,1\ncopyrights,CN,2022,9\n"
                             "copyrights,CN,2023,5000\n"), "a.csv", project)
    assert places(parsed.errors) == [("implausible", 4, "D")]


def test_the_factor_is_configurable(tmp_path: Path) -> None:
    project = make_project(tmp_path)
    strict = (project[0].model_copy(update={"upload": project[0].upload.model_copy(
        update={"plausible_factor": 2.0})}), project[1])
    content = csv_bytes(HEADER + "hv_patents,CN,2021,30\n")
    assert parse(content, "a.csv", project).ok
    assert places(parse(content, "a.csv", strict).errors) == [("implausible", 2, "D")]


def test_both_row_paths_judge_alike(wide_project, monkeypatch) -> None:
    lines = ["hv_patents,CN,2021,0.62", "hv_patents,CN,2022,0.63", "hv_patents,CN,2023,120",
             "hv_patents,CN,2024,120.1", "hv_patents,CN,2025,0", "ip_share,CN,2021,100",
             "ip_share,CN,2022,100.5", "ip_share,CN,2023,-5", "ip_share,CN,2024,0.13",
             "satisfaction,CN,2021,100", "satisfaction,CN,2022,100.01", "growth,CN,2021,-150",
             "growth,CN,2022,-151", "copyrights,CN,2021,1e15", "copyrights,CN,2022,1.1e15",
             "hv_patents,CN-CQ,2021,-1", "pledge,CN,2021,32000", "pledge,CN,2022,32001"]
    content = csv_bytes(HEADER + "\n".join(lines) + "\n")
    mixed = parse(content, "a.csv", wide_project)
    # Every row cell by cell: what the column-wise path let through must be what it accepts.
    monkeypatch.setattr(by_column.SeriesChecks, "fits", lambda self, numbers: numbers != numbers)
    slow = parse(content, "a.csv", wide_project)
    assert places(mixed.errors) == places(slow.errors)
    assert places(mixed.warnings) == places(slow.warnings)
    assert rows(mixed) == rows(slow)
    assert [row for _, row, _ in places(mixed.errors)] == [2, 5, 8, 10, 12, 14, 16, 17, 19]


def test_a_series_without_targets_is_held_to_its_stored_values(project, tmp_path: Path) -> None:
    store = ActualsStore(f"sqlite:///{tmp_path / 'history.db'}")
    first = parse(csv_bytes(HEADER + "copyrights,CN,2021,5000\ncopyrights,CN,2022,5200\n"), "a.csv", project)
    store.commit(first, "张三", "a.csv", first.sha256)
    absurd = parse(csv_bytes(HEADER + "copyrights,CN,2023,60000000\n"), "b.csv", project)
    assert absurd.ok  # the file alone cannot tell: the series has no targets
    preview = store.preview(absurd)
    assert places(preview.errors) == [("implausible_history", 2, "D")]
    assert preview.errors[0].message == (
        "数值 60,000,000（件）与该地区已保存的数值 5,200 相差超过 10 倍，"
        "不在合理范围 520–52,000（件）内，请核对数值和单位")
    # A correction is not judged by the values it replaces.
    fixed = parse(csv_bytes(HEADER + "copyrights,CN,2021,60000\ncopyrights,CN,2022,62000\n"), "c.csv", project)
    assert store.preview(fixed).errors == []
    # Targets bound a series with targets; its stored values do not narrow them.
    target_bound = parse(csv_bytes(HEADER + "hv_patents,CN,2021,1\nhv_patents,CN,2022,100\n"), "d.csv", project)
    store.commit(target_bound, "张三", "d.csv", target_bound.sha256)
    assert store.preview(parse(csv_bytes(HEADER + "hv_patents,CN,2023,50\n"), "e.csv", project)).ok


def test_commit_refuses_what_the_preview_refuses_against_stored_values(project, tmp_path: Path) -> None:
    store = ActualsStore(f"sqlite:///{tmp_path / 'history.db'}")
    first = parse(csv_bytes(HEADER + "copyrights,CN,2021,5000\ncopyrights,CN,2022,5200\n"), "a.csv", project)
    store.commit(first, "张三", "a.csv", first.sha256)
    before = dump_tables(store)
    absurd = parse(csv_bytes(HEADER + "copyrights,CN,2023,60000000\n"), "b.csv", project)
    with pytest.raises(UploadRejected) as refused:
        store.commit(absurd, "张三", "b.csv", absurd.sha256)
    assert [issue.code for issue in refused.value.issues] == ["implausible_history"]
    assert dump_tables(store) == before


# 2. encodings

ASCII_HEADER = "indicator_id,region,year,value,note\nhv_patents,CN,2021,7.5,{}\n"


FOREIGN = [
    ("第五次經濟普查後修訂", "big5", "big5"),
    ("naïve café", "cp1252", "western"),
    ("データを修正しました", "shift_jis", "shift_jis"),
    ("데이터를 수정했습니다", "euc_kr", "euc_kr"),
    ("데이터 수정", "euc_kr", "gbk_or_euc_kr"),
    ("данные исправлены", "koi8_r", "cyrillic"),
    ("данные исправлены", "cp1251", "cyrillic"),
]
CHINESE = [ASCII_HEADER.format("第五次经济普查后修订"),
           "指标,地区,年份,数值,备注\n高价值发明专利拥有量,重庆,2021,5.1,更改\n"]


def test_only_utf8_utf16_and_chinese_gbk_are_read(project) -> None:
    for note, encoding, hint in FOREIGN:
        content = ASCII_HEADER.format(note).encode(encoding)
        with pytest.raises(FileRejected) as caught:
            decode_text(content)
        assert (caught.value.code, caught.value.hint_code) == ("foreign_encoding", hint), encoding
        parsed = parse(content, "a.csv", project)
        assert codes(parsed.errors) == ["foreign_encoding"] and parsed.rows.empty
        assert "CSV UTF-8" in parsed.errors[0].message
    for text in CHINESE:
        for encoding in ("utf-8", "utf-8-sig", "gbk", "gb18030", "utf-16"):
            assert decode_text(text.encode(encoding)) == text
            assert parse(text.encode(encoding), "a.csv", project).ok


# 3. and 4. text: caps and unsafe characters


def note_file(note: str) -> bytes:
    return csv_bytes("指标,地区,年份,数值,备注\n") + f"hv_patents,CN,2021,7.5,{note}\n".encode()


def test_long_notes_and_cells_are_errors_at_the_cell(project) -> None:
    assert places(parse(note_file("注" * 1000), "a.csv", project).errors) == []
    assert places(parse(note_file("注" * 1001), "a.csv", project).errors) == [("cell_too_long", 2, "E")]
    # NFKC makes 18 characters of "ﷺ": capped as stored, as the note editor does.
    parsed = parse(note_file("ﷺ" * 60), "a.csv", project)
    assert places(parsed.errors) == [("note_too_long", 2, "E")]
    assert parsed.errors[0].message == "备注有 1080 个字符，超过上限 1000（与备注编辑器相同）"
    long_name = csv_bytes(HEADER) + ("x" * 1001 + ",CN,2021,7\n").encode()
    # The cell is emptied, so the row also lacks its indicator.
    assert places(parse(long_name, "a.csv", project).errors) == [
        ("cell_too_long", 2, "A"), ("missing_indicator", 2, "A")]


def test_all_text_of_a_file_is_capped(tmp_path: Path) -> None:
    settings, registry = make_project(tmp_path)
    small = settings.model_copy(update={"upload": settings.upload.model_copy(update={"max_text_chars": 50})})
    content = csv_bytes(HEADER + "".join(f"hv_patents,CN,{year},7\n" for year in range(2021, 2026)))
    parsed = parse(content, "a.csv", (small, registry))
    assert codes(parsed.errors) == ["too_much_text"] and parsed.rows.empty


def test_control_and_direction_characters_are_removed_with_a_warning(project) -> None:
    parsed = parse(note_file("\x1b[2J\x1b[31m修订\u202e\u200b=1"), "a.csv", project)
    assert parsed.ok
    assert places(parsed.warnings) == [("control_characters", 2, "E")]
    assert parsed.warnings[0].message == "已删除 4 个不可见的控制字符或文字方向控制符（如终端转义序列）"
    assert parsed.rows["note"].tolist() == ["[2J[31m修订=1"]
    # An indicator name with a zero-width space in it is found.
    named = parse(csv_bytes(HEADER) + "高价值\u200b发明专利拥有量,CN,2021,7\n".encode(), "a.csv", project)
    assert named.ok and rows(named) == [("hv_patents", "CN", 2021, 7.0)]


@pytest.mark.parametrize("lead", ["\u200b", "\ufeff", "\u2060", "\u202e", " \u200b", "\u00a0"])
def test_invisible_characters_before_a_formula_are_escaped(lead: str) -> None:
    assert escape_formula(lead + "=HYPERLINK(1)") == "'" + lead + "=HYPERLINK(1)"
    exported = frame_to_csv_bytes(pd.DataFrame({"note": [lead + "=1+1"], "value": [-5.0]}))
    assert exported.decode("utf-8-sig").splitlines()[1] == f"'{lead}=1+1,-5.0"
