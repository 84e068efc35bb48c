"""The registry read back from the database in bulk (indicators.registry.stored) is the one the
YAML folder gives, and a stored record that breaks a rule is still refused, located.

The record-by-record path (check_records on the parsed payloads) is the reference.
"""

from __future__ import annotations

import datetime as dt
import gc
import json

import pytest
import sqlalchemy as sa

from benchmarks.synthetic import Size, write_files
from indicators.config import PROJECT_ROOT, Settings, load_config
from indicators.errors import RegistryError
from indicators.registry import (
    Registry,
    bulk,
    load_registry,
    registry_from_json,
    registry_from_records,
)
from indicators.registry.bulk import paused_gc
from indicators.store import ActualsStore, Change, RegistryStore
from indicators.store.registry_versions import (
    KIND_SECTION,
    current_payloads,
    current_texts,
    raw_records,
    version_rows,
)
from indicators.store.registry_versions import stored_texts as stored_texts_of
from indicators.store.schema import registry_versions
from tests.registry_fixtures import open_service

FIELDS = ("documents", "indicators", "targets", "retired", "regions")


def seeded(settings: Settings) -> RegistryStore:
    store = RegistryStore(ActualsStore.from_settings(settings).engine)
    assert store.seed_if_empty(settings)
    return store


def stored_texts(store: RegistryStore) -> dict[str, dict[str, str]]:
    with store.engine.connect() as connection:
        texts = current_texts(version_rows(connection))
    return {KIND_SECTION[kind]: records for kind, records in texts.items()}


def assert_same(found: Registry, expected: Registry) -> None:
    for name in FIELDS:
        assert list(getattr(found, name).items()) == list(getattr(expected, name).items()), name
    assert found.indicator_labels() == expected.indicator_labels()
    assert found.region_labels() == expected.region_labels()


def reference(store: RegistryStore, settings: Settings, today: dt.date | None = None) -> Registry:
    """The record-by-record path the bulk one replaced."""
    with store.engine.connect() as connection:
        rows = version_rows(connection)
    return registry_from_records(raw_records(current_payloads(rows)), settings,
                                 version=rows[-1].id, today=today)


@pytest.fixture
def project_settings(tmp_path) -> Settings:
    return load_config(PROJECT_ROOT / "config.yaml", database_url=f"sqlite:///{tmp_path / 'r.db'}")


def test_the_seed_registry_read_back_is_the_yaml_one(project_settings):
    store = seeded(project_settings)
    texts = stored_texts(store)
    found = registry_from_json(texts, project_settings, version=store.version())
    assert_same(found, load_registry(project_settings))
    assert found.version == store.version() == sum(len(records) for records in texts.values())
    assert_same(store.registry(project_settings), reference(store, project_settings))


def test_a_synthetic_registry_read_back_is_the_yaml_one(tmp_path):
    settings = write_files(tmp_path, Size(indicators=12, regions=30, years=3))
    store = seeded(settings)
    found = registry_from_json(stored_texts(store), settings)
    assert_same(found, load_registry(settings))
    assert len(found.targets) == 12 * 30


def test_retired_targets_are_read_back_as_retired(project_settings):
    store = seeded(project_settings)
    texts = stored_texts(store)
    target_id, text = next(iter(texts["targets"].items()))
    texts["targets"][target_id] = json.dumps({**json.loads(text), "retired_from": "2020-01-01"},
                                             ensure_ascii=False)
    found = registry_from_json(texts, project_settings)
    assert target_id in found.retired and target_id not in found.targets
    assert found.retired[target_id].retired_from == dt.date(2020, 1, 1)


def corrupt(store: RegistryStore, target_id: str, new: str) -> None:
    c = registry_versions.c
    with store.engine.begin() as connection:
        connection.execute(sa.update(registry_versions)
                           .where(c.kind == "target", c.record_id == target_id).values(new=new))


def problems_of(store: RegistryStore, settings: Settings) -> list[tuple]:
    """The problems a worker's read meets, the same from the store and from the bulk check."""
    found = []
    for read in (lambda: store.registry(settings),
                 lambda: registry_from_json(stored_texts(store), settings)):
        with pytest.raises(RegistryError) as caught:
            read()
        found.append([(p.file, p.record, p.field, p.message) for p in caught.value.problems])
    assert found[0] == found[1]
    return found[0]


def first_target(store: RegistryStore) -> tuple[str, dict]:
    target_id, text = next(iter(stored_texts(store)["targets"].items()))
    return target_id, json.loads(text)


def test_a_stored_record_that_breaks_a_rule_is_refused_located(project_settings):
    store = seeded(project_settings)
    target_id, payload = first_target(store)
    corrupt(store, target_id, json.dumps({**payload, "comparator": "range", "target_value": None,
                                          "target_low": 9.0, "target_high": 3.0}))
    assert problems_of(store, project_settings) == [
        ("database", target_id, "target_low", "9.0 is above target_high 3.0")]


def test_a_stored_text_that_is_not_json_is_refused_located(project_settings):
    store = seeded(project_settings)
    target_id, _ = first_target(store)
    corrupt(store, target_id, '{"id": "broken')
    [(file, record, field, _message)] = problems_of(store, project_settings)
    assert (file, record, field) == ("database", f"targets/{target_id}", None)


def test_one_stored_text_holding_two_records_is_not_read_as_two(project_settings):
    store = seeded(project_settings)
    texts = stored_texts(store)["targets"]
    (first, first_text), (_, second_text) = list(texts.items())[:2]
    corrupt(store, first, f"{first_text},{second_text}")
    [(file, record, _field, _message)] = problems_of(store, project_settings)
    assert (file, record) == ("database", f"targets/{first}")


def test_a_stored_record_under_another_id_reads_as_record_by_record(project_settings):
    store = seeded(project_settings)
    texts = stored_texts(store)["targets"]
    (first, _), (second, second_text) = list(texts.items())[:2]
    corrupt(store, first, second_text)  # two rows now hold the record `second`
    assert problems_of(store, project_settings) == [
        ("database", second, "id", "duplicate id (first defined in database)")]


def test_a_region_taken_out_of_config_is_reported_on_read(project_settings):
    store = seeded(project_settings)
    document = next(iter(load_registry(project_settings).documents.values()))
    fewer = tuple(region for region in project_settings.regions if region.code != document.region)
    settings = project_settings.model_copy(update={"regions": fewer})
    problems = problems_of(store, settings)
    assert ("database", document.id, "region") in [problem[:3] for problem in problems]


def test_paused_gc_restores_the_collector():
    assert gc.isenabled()
    with paused_gc():
        assert not gc.isenabled()
        with paused_gc():
            assert not gc.isenabled()
        assert not gc.isenabled()
    assert gc.isenabled()


def test_after_changes_and_reverts_the_read_is_the_record_by_record_one(tmp_path):
    service = open_service(tmp_path, f"sqlite:///{tmp_path / 'changes.db'}")
    store, settings = service.registry_store, service.settings
    try:
        change = service.plans.revise_target("plan_hv", {"target_value": 14}, "李四", "调整")
        revert = service.plans.revert_change(change, "王五", "录入错误")
        service.plans.revert_change(revert, "王五", "调整其实是对的")
        payload = {**store.payloads()["target"]["plan_hv"], "id": "plan_hv_copy"}
        [added] = store.write([Change("target", "plan_hv_copy", "add", payload)], user="李四",
                              reason="新增", settings=settings)
        service.plans.revert_change(added, "王五", "不要了")  # an add reverted: no record
        service.plans.retire_target("cq_hv", dt.date(2020, 1, 1), "李四", "规划已废止")
        with store.engine.connect() as connection:
            assert stored_texts_of(connection) == current_texts(version_rows(connection))
        found = store.registry(settings)
        assert "plan_hv_copy" not in found.targets and "cq_hv" in found.retired
        assert found.targets["plan_hv"].target_value == 14
        assert_same(found, reference(store, settings))
        assert found.version == store.version()
    finally:
        service.store.close()


@pytest.mark.parametrize("slice_size", [1, 2, 7])
def test_records_checked_in_slices_read_back_the_same(project_settings, monkeypatch, slice_size):
    store = seeded(project_settings)
    whole = store.registry(project_settings)
    monkeypatch.setattr(bulk, "JSON_SLICE", slice_size)
    assert_same(store.registry(project_settings), whole)


def test_a_bad_record_in_a_later_slice_is_still_refused_located(project_settings, monkeypatch):
    store = seeded(project_settings)
    target_id, text = list(stored_texts(store)["targets"].items())[-1]
    corrupt(store, target_id, json.dumps({**json.loads(text), "comparator": "range",
                                          "target_value": None, "target_low": 9.0,
                                          "target_high": 3.0}))
    monkeypatch.setattr(bulk, "JSON_SLICE", 2)
    assert problems_of(store, project_settings) == [
        ("database", target_id, "target_low", "9.0 is above target_high 3.0")]
