"""`python -m indicators report`: formats, languages, filters and errors."""

from __future__ import annotations

import csv
import io
import sys
from pathlib import Path

import openpyxl
import pandas as pd
import pytest

from indicators.cli import main
from indicators.cli import report as cli_report
from indicators.engine import REPORT_COLUMNS

REGISTRY = """
documents:
  - {id: plan, title_zh: 规划, title_en: Plan, issuer: 国务院, level: national, kind: plan,
     region: CN, period_start: 2021, period_end: 2025}
  - {id: cq_plan, title_zh: 重庆规划, title_en: Chongqing plan, issuer: 重庆市人民政府,
     level: municipal, kind: plan, region: CN-CQ, period_start: 2021, period_end: 2025}
indicators:
  - {id: pledge, name_zh: 知识产权质押融资登记金额, name_en: IP pledge financing, unit: 亿元,
     category: use}
targets:
  - {id: cn_pledge, indicator: pledge, region: CN, document: plan, section: 表, quote: q,
     line: 1, baseline: {year: 2020, value: 2180}, target_year: 2025, target_value: 3200,
     comparator: ">=", kind: level}
  - {id: cq_pledge, indicator: pledge, region: CN-CQ, document: cq_plan, section: 专栏1,
     quote: q, line: 2, baseline: {year: 2020, value: 66}, target_year: 2025,
     target_value: 140, comparator: ">=", kind: level}
"""

ACTUALS = pd.DataFrame({
    "indicator_id": ["pledge"] * 3,
    "region": ["CN", "CN-CQ", "CN-CQ"],
    "year": [2023, 2021, 2023],
    "value": [3300.0, 80.0, 100.0],
    "note": ["", "", ""],
    "upload_id": [1, 1, 2],
})


class FakeStore:
    opened: list[tuple[str, object]] = []

    def __init__(self, database_url: str, root: object = None) -> None:
        FakeStore.opened.append((database_url, root))

    def current_actuals(self, sources: bool = False) -> pd.DataFrame:
        return ACTUALS.copy()

    def close(self) -> None:
        pass


@pytest.fixture
def config(mini_project, monkeypatch) -> str:
    FakeStore.opened = []
    monkeypatch.setattr(cli_report, "ActualsStore", FakeStore)
    return str(mini_project(registry=REGISTRY))


def run(config: str, capsysbinary, *args: str) -> tuple[int, bytes, str]:
    code = main(["--config", config, "report", *args])
    captured = capsysbinary.readouterr()
    return code, captured.out, captured.err.decode("utf-8")


def csv_rows(content: bytes) -> list[dict[str, str]]:
    assert content.startswith(b"\xef\xbb\xbf")
    return list(csv.DictReader(io.StringIO(content.decode("utf-8-sig"))))


def test_csv_en_to_stdout(config, capsysbinary):
    code, out, _ = run(config, capsysbinary, "--lang", "en")
    assert code == 0
    rows = csv_rows(out)
    assert list(rows[0])[: len(REPORT_COLUMNS)] == REPORT_COLUMNS
    statuses = {row["target_id"]: row["status"] for row in rows}
    # CN 3300 >= 3200; CN-CQ 100 against planned 110.4 (q = 0.766)
    assert statuses == {"cn_pledge": "achieved", "cq_pledge": "slightly_behind"}


def test_csv_zh_is_the_default(config, capsysbinary):
    code, out, _ = run(config, capsysbinary)
    assert code == 0
    rows = csv_rows(out)
    assert rows[1]["状态"] == "略滞后"
    assert rows[1]["指标名称"] == "知识产权质押融资登记金额"


def test_database_url_from_the_option_or_the_config(config, capsysbinary):
    run(config, capsysbinary, "--db", "sqlite:///elsewhere.db")
    run(config, capsysbinary)
    (first_url, root), (second_url, _) = FakeStore.opened
    assert first_url == "sqlite:///elsewhere.db"
    assert second_url == "sqlite:///data/tracker.db"  # the config default
    assert root == Path(config).resolve().parent  # relative SQLite paths resolve here


@pytest.mark.parametrize("region", ["CN-CQ", "重庆"])
def test_region_filter_accepts_code_or_name(config, capsysbinary, region):
    _, out, _ = run(config, capsysbinary, "--region", region, "--lang", "en")
    assert [row["target_id"] for row in csv_rows(out)] == ["cq_pledge"]


def test_document_filter_and_as_of(config, capsysbinary):
    _, out, _ = run(config, capsysbinary, "--document", "cq_plan", "--as-of", "2022",
                    "--lang", "en")
    (row,) = csv_rows(out)
    # 2021: planned 66 + 74*0.2 = 80.8, q = 14/14.8 = 0.946
    assert (row["target_id"], row["latest_year"], row["status"]) == (
        "cq_pledge", "2021", "slightly_behind"
    )


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("--region", "火星"), "unknown region"),
        (("--document", "nope"), "unknown document"),
        (("-o", "/no/such/folder/report.csv"), "does not exist"),
    ],
)
def test_bad_requests_exit_2_with_a_message(config, capsysbinary, args, message):
    code, out, err = run(config, capsysbinary, *args)
    assert code == 2 and out == b""
    assert message in err


def test_xlsx_to_a_file_and_to_a_folder(config, capsysbinary, tmp_path):
    target = tmp_path / "报告.xlsx"
    code, _, err = run(config, capsysbinary, "--format", "xlsx", "-o", str(target))
    assert code == 0 and "wrote 2 targets as of 2023" in err
    sheet = openpyxl.load_workbook(target).worksheets[0]
    assert sheet.freeze_panes == "A2" and sheet.max_row == 3
    folder = tmp_path / "out"
    folder.mkdir()
    code, _, _ = run(config, capsysbinary, "--format", "xlsx", "--lang", "en", "-o", str(folder))
    assert code == 0
    assert (folder / "gap_report_2023.xlsx").exists()


def test_xlsx_refuses_a_terminal(config, capsysbinary, monkeypatch):
    monkeypatch.setattr(sys.stdout, "isatty", lambda: True)
    code, out, err = run(config, capsysbinary, "--format", "xlsx")
    assert code == 2 and out == b"" and "-o PATH" in err


def test_with_the_real_store_on_an_empty_database(mini_project, capsysbinary, tmp_path):
    config = str(mini_project(registry=REGISTRY))
    url = f"sqlite:///{tmp_path / 'empty.db'}"
    code, out, _ = run(config, capsysbinary, "--db", url, "--lang", "en")
    assert code == 0
    assert {row["status"] for row in csv_rows(out)} == {"no_data"}
