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
from indicators.store import ActualsStore

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
    # The fake store holds no registry, so the folder's is used (cli.database_registry).
    monkeypatch.setattr(cli_report, "registry_in", lambda store, settings, folder: folder)
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
    (Path(config).parent / "elsewhere.db").write_bytes(b"")  # a report never creates one
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
        # Issue 16: a run speaks Chinese unless --lang or config.yaml says otherwise.
        (("--region", "火星"), "未知的地区“火星”"),
        (("--document", "nope"), "未知的规划文件“nope”"),
        (("-o", "/no/such/folder/report.csv"), "不存在"),
        (("--region", "火星", "--lang", "en"), "unknown region"),
    ],
)
def test_bad_requests_exit_2_with_a_message(config, capsysbinary, args, message):
    code, out, err = run(config, capsysbinary, *args)
    assert code == 2 and out == b""
    assert message in err


def test_xlsx_to_a_file_and_to_a_folder(config, capsysbinary, tmp_path):
    target = tmp_path / "报告.xlsx"
    code, _, err = run(config, capsysbinary, "--format", "xlsx", "-o", str(target))
    assert code == 0 and "已写入 2 个目标（截至 2023 年）" in err  # issue 16: the run's language
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
    assert code == 2 and out == b"" and "-o" in err and "二进制" in err


def test_with_the_real_store_on_an_empty_database(mini_project, capsysbinary, tmp_path):
    config = str(mini_project(registry=REGISTRY))
    url = f"sqlite:///{tmp_path / 'empty.db'}"
    ActualsStore(url, root=tmp_path).close()  # created (and migrated) by the app, not the report
    code, out, _ = run(config, capsysbinary, "--db", url, "--lang", "en")
    assert code == 0
    assert {row["status"] for row in csv_rows(out)} == {"no_data"}


def test_a_missing_database_file_is_refused_not_created(mini_project, capsysbinary, tmp_path):
    # Issue 17's residue: a mistyped --db in an existing folder used to leave a new empty file.
    config = str(mini_project(registry=REGISTRY))
    code, out, err = run(config, capsysbinary, "--db", f"sqlite:///{tmp_path / 'typo.db'}")
    assert code == 2 and out == b"" and "typo.db" in err
    assert not (tmp_path / "typo.db").exists()


def test_a_run_speaks_one_language(mini_project, monkeypatch, capsysbinary, tmp_path):
    # Issue 16: "wrote 91 targets…" came in English after Chinese lines.  Without --lang the
    # run speaks config.yaml's default_language: Chinese by default, English when it says so.
    from tests.conftest import MINI_CONFIG

    FakeStore.opened = []
    monkeypatch.setattr(cli_report, "ActualsStore", FakeStore)
    monkeypatch.setattr(cli_report, "registry_in", lambda store, settings, folder: folder)
    chinese = str(mini_project(registry=REGISTRY))
    code, _, err = run(chinese, capsysbinary, "-o", str(tmp_path / "a.csv"))
    assert code == 0 and err.startswith("已写入 2 个目标") and "wrote" not in err
    english = str(mini_project(registry=REGISTRY, config=MINI_CONFIG + "app:\n  default_language: en\n"))
    code, _, err = run(english, capsysbinary, "-o", str(tmp_path / "b.csv"))
    assert code == 0 and err.startswith("wrote 2 targets as of 2023")
    header = (tmp_path / "b.csv").read_text(encoding="utf-8-sig").splitlines()[0]
    assert header.split(",")[0] == "target_id"  # the report in the same language


def test_the_report_uses_the_database_registry(mini_project, capsysbinary, tmp_path):
    # A target revised (or a plan published) in the app lives in the database's registry:
    # the CLI's report must follow it, not the YAML folder it was seeded from.
    from indicators.config import load_config
    from indicators.store import Change, RegistryStore

    config = str(mini_project(registry=REGISTRY))
    settings = load_config(config)
    url = f"sqlite:///{tmp_path / 'tracker.db'}"
    store = ActualsStore(url, root=tmp_path)
    registry_store = RegistryStore(store.engine)
    registry_store.seed_if_empty(settings)
    revised = registry_store.registry(settings).targets["cq_pledge"].model_dump(mode="json")
    revised["target_value"] = 150
    registry_store.write([Change("target", "cq_pledge", "revise", revised)], user="李四",
                         reason="中期调整", settings=settings)
    store.close()
    code, out, _ = run(config, capsysbinary, "--db", url, "--lang", "en")
    assert code == 0
    values = {row["target_id"]: row["target_value"] for row in csv_rows(out)}
    assert values == {"cn_pledge": "3200", "cq_pledge": "150"}
