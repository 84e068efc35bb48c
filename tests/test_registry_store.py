"""The registry as versioned data: seed, revise, retire, revert, and every process seeing it.

On SQLite, and on PostgreSQL when TEST_DATABASE_URL is set (tests/registry_fixtures.py).
"""

from __future__ import annotations

import datetime as dt
import json

import pandas as pd
import pytest
import sqlalchemy as sa

from indicators.config import load_config
from indicators.errors import RegistryError
from indicators.registry import RegistryChangeError, load_registry, message_zh
from indicators.store import list_audit
from indicators.store.schema import registry_versions
from tests.registry_fixtures import fresh_database, open_service, report_row
from tests.store_fixtures import BACKENDS, dump_tables
from tests.view_fixtures import REGISTRY, write_project

TODAY = dt.date.today()


@pytest.fixture(params=BACKENDS)
def database_url(request, tmp_path):
    yield from fresh_database(request.param, tmp_path)


def test_an_empty_database_starts_from_the_yaml_folder(tmp_path, database_url):
    service = open_service(tmp_path, database_url)
    yaml_registry = load_registry(load_config(tmp_path / "config.yaml"))
    assert dict(service.registry.targets) == dict(yaml_registry.targets)
    assert dict(service.registry.indicators) == dict(yaml_registry.indicators)
    assert service.registry.version == 3 + 3 + 5  # one version per record
    history = service.plans.target_history("plan_hv")
    assert history[["action", "user"]].values.tolist() == [["seed", "系统"]]
    assert history["new"].iloc[0]["target_value"] == 12
    assert list_audit(service.store, action="registry_seed")["rows_total"].tolist() == [11]
    again = open_service(tmp_path, database_url)  # a second start seeds nothing
    assert again.registry.version == 11
    assert len(list_audit(again.store, action="registry_seed")) == 1


def test_a_revision_is_a_version_with_who_when_why(tmp_path, database_url):
    service = open_service(tmp_path, database_url, actuals=True)
    data_version = service.store.data_version()
    change = service.plans.revise_target("plan_hv", {"target_value": 14}, "李四", "中期调整")
    assert service.registry.targets["plan_hv"].target_value == 14
    assert report_row(service, "plan_hv")["target_value"] == 14
    assert report_row(service, "plan_hv")["registry_version"] == change
    history = service.plans.target_history("plan_hv")
    last = history.iloc[-1]
    assert (last["change_id"], last["action"], last["user"], last["reason"]) == \
        (change, "revise", "李四", "中期调整")
    assert (last["old"]["target_value"], last["new"]["target_value"]) == (12, 14)
    assert last["at"][:4].isdigit()  # Beijing time text
    assert service.store.data_version() == data_version + 1
    audit = list_audit(service.store, action="registry_revise")
    assert json.loads(audit["detail"].iloc[0])["reason"] == "中期调整"


def test_revert_and_the_revert_of_a_revert(tmp_path, database_url):
    service = open_service(tmp_path, database_url)
    change = service.plans.revise_target("plan_hv", {"target_value": 14}, "李四", "调整")
    revert = service.plans.revert_change(change, "王五", "录入错误")
    assert service.registry.targets["plan_hv"].target_value == 12
    again = service.plans.revert_change(revert, "王五", "调整其实是对的")
    assert service.registry.targets["plan_hv"].target_value == 14
    history = service.plans.target_history("plan_hv").set_index("change_id")
    assert pd.isna(history.loc[change, "reverted_by"])  # switched on again by `again`
    assert history.loc[revert, "reverted_by"] == again
    assert (history.loc[revert, "old"]["target_value"], history.loc[revert, "new"]["target_value"]) \
        == (14, 12)
    with pytest.raises(RegistryChangeError) as refused:
        service.plans.revert_change(revert, "王五", "twice")
    assert refused.value.problems[0].field == "reverted_by"


def test_a_retired_target_leaves_the_report_from_its_date_and_stays_in_history(tmp_path, database_url):
    service = open_service(tmp_path, database_url, actuals=True)
    service.plans.retire_target("cq_hv", TODAY + dt.timedelta(days=30), "李四", "下月起不再适用")
    assert report_row(service, "cq_hv")  # not yet
    service.plans.retire_target("cq_hv", TODAY, "李四", "规划已废止")
    assert not report_row(service, "cq_hv")
    assert "cq_hv" not in service.registry.targets
    assert service.registry.retired["cq_hv"].retired_from == TODAY
    assert service.plans.target_history("cq_hv")["action"].tolist() == ["seed", "retire", "retire"]
    future = service.registry_store.registry(service.settings, today=TODAY - dt.timedelta(days=1))
    assert "cq_hv" in future.targets  # before its date it counts


def test_a_bad_revision_is_refused_located_and_changes_nothing(tmp_path, database_url):
    service = open_service(tmp_path, database_url)
    before = dump_tables(service.store)
    with pytest.raises(RegistryChangeError) as refused:
        service.plans.revise_target("plan_hv", {"comparator": "range"}, "李四", "改为区间")
    [problem] = refused.value.problems
    assert (problem.record, problem.field) == ("plan_hv", "target_low")
    assert problem.message_en == "a range target needs target_low and target_high"
    assert problem.message_zh == "区间目标须填写下限和上限"
    with pytest.raises(RegistryChangeError) as blank:
        service.plans.revise_target("plan_hv", {"target_value": 13}, "李四", "  ")
    assert blank.value.problems[0].field == "reason"
    with pytest.raises(RegistryChangeError):
        service.plans.revise_target("plan_hv", {"indicator": "nope"}, "李四", "x")
    assert dump_tables(service.store) == before


def test_a_change_in_one_process_shows_in_another_without_reopening(tmp_path, database_url):
    one = open_service(tmp_path, database_url, actuals=True)
    two = open_service(tmp_path, database_url)
    assert report_row(two, "plan_hv")["target_value"] == 12  # cached in two (and shared)
    change = one.plans.revise_target("plan_hv", {"target_value": 15}, "李四", "中期调整")
    assert two.registry.targets["plan_hv"].target_value == 15
    row = report_row(two, "plan_hv")
    assert (row["target_value"], row["registry_version"]) == (15, change)
    one.plans.retire_target("plan_share", TODAY, "李四", "废止")
    assert not report_row(two, "plan_share")


def test_the_database_registry_has_the_folders_rules_and_messages(tmp_path, database_url):
    service = open_service(tmp_path, database_url)
    bad = service.registry_store.payloads()["target"]["plan_hv"] | {"indicator": "nope"}
    with service.store.engine.begin() as connection:  # a row no checked write would make
        connection.execute(registry_versions.insert().values(
            kind="target", record_id="plan_hv", action="revise", user_name="x",
            at=dt.datetime.now(dt.UTC), reason="x", new=json.dumps(bad)))
    with pytest.raises(RegistryError) as from_database:
        service.registry_store.registry(service.settings)
    folder = tmp_path / "yaml"
    folder.mkdir()
    write_project(folder, registry=REGISTRY.replace("indicator: hv_patents, region: CN, document: plan",
                                                    "indicator: nope, region: CN, document: plan"))
    with pytest.raises(RegistryError) as from_yaml:
        load_registry(load_config(folder / "config.yaml"))

    def located(error):
        return [(p.record, p.field, p.message) for p in error.value.problems]

    assert located(from_database) == located(from_yaml) == [("plan_hv", "indicator", "unknown indicator 'nope'")]
    assert message_zh("unknown indicator 'nope'") == "未知指标“nope”"


# Each Chinese message case, with an English message it must translate.
MESSAGE_CASES = [
    ("Field required", "必填"),
    ("String should have at least 1 character", "不能为空"),
    ("Input should be 'national' or 'municipal'", "应为以下之一：'national' 或 'municipal'"),
    ("Input should be a valid number, unable to parse string as a number", "应为数字"),
    ("Input should be greater than or equal to 1949", "应不小于 1949"),
    ("unknown region 'XX' (config.yaml lists ['CN'])", "未知地区“XX”（config.yaml 中的地区：['CN']）"),
    ("'12' is not a magnitude of '件'", "“12”与指标单位“件”不是同一单位的不同量级"),
    ("a '>=' target needs a value", "“>=”型目标须填写目标值"),
    ("2020 is before the baseline year 2021", "目标年 2020 早于基期年 2021"),
    ("something new", "something new"),  # unknown: shown as it is
]


@pytest.mark.parametrize(("english", "chinese"), MESSAGE_CASES)
def test_each_message_has_its_chinese(english, chinese):
    assert message_zh(english) == chinese


def test_no_registry_yet_keeps_the_registry_handed_in(tmp_path):
    from indicators.engine import targets_frame
    from indicators.service import TrackerService
    from indicators.store import ActualsStore

    settings = write_project(tmp_path)
    registry = load_registry(settings)
    store = ActualsStore(f"sqlite:///{tmp_path / 'plain.db'}")
    service = TrackerService(settings, registry, store, targets_frame(registry))
    assert service.registry is registry
    with store.engine.connect() as connection:
        assert connection.execute(sa.select(sa.func.count()).select_from(registry_versions)).scalar() == 0
    store.close()
