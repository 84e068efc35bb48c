"""The registry in the database: seed, changes and reverts, each one checked transaction.

    registry = RegistryStore(store.engine)
    registry.seed_if_empty(settings)               # data/registry/*.yaml, once, by 系统
    registry.registry(settings)                     # Registry of the current versions
    ids = registry.write([Change("target", "x", "revise", payload)], user=..., reason=...,
                         settings=settings)
    registry.revert(ids[0], user=..., reason=..., settings=settings)

Every write checks the registry it would leave with the YAML folder's own rules
(indicators.registry.check_records) before it writes anything; then the
versions, one audit row and the data_version bump commit together, so every
process's caches go stale at once.  Nothing is deleted.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass

import pandas as pd
import sqlalchemy as sa

from indicators.config import Settings
from indicators.errors import TrackerError
from indicators.registry import (
    SECTIONS,
    Registry,
    RegistryChangeError,
    RegistryProblem,
    check_records,
    load_registry,
    refusal,
    registry_from_json,
)
from indicators.store.audit import record
from indicators.store.registry_versions import (
    KIND_SECTION,
    PENDING,
    Payloads,
    chain_conflict,
    current_payloads,
    history_frame,
    raw_records,
    registry_version,
    revert_flips,
    stored_texts,
    version_rows,
)
from indicators.store.schema import DATA_VERSION_KEY, WRITE_OPTION, registry_versions, store_meta

SEED_USER = "系统"
SEED_REASON = "首次启动：从 data/registry/ 载入"
SECTION_KIND = {section: kind for kind, section in KIND_SECTION.items()}


@dataclass(frozen=True)
class Change:
    """One record's new version: kind, id, action (add/revise/retire/seed/import) and the record."""

    kind: str
    record_id: str
    action: str
    payload: Mapping[str, object]
    origin: str = "database"  # where its problems are located (an imported file's path)


class RegistryStore:
    def __init__(self, engine: sa.Engine) -> None:
        self.engine = engine

    def version(self) -> int:
        with self.engine.connect() as connection:
            return registry_version(connection)

    def payloads(self) -> Payloads:
        with self.engine.connect() as connection:
            return current_payloads(version_rows(connection))

    def registry(self, settings: Settings, today: dt.date | None = None) -> Registry | None:
        """The current registry, or None while the database holds no registry at all."""
        with self.engine.connect() as connection, connection.begin():  # one snapshot
            version = registry_version(connection)
            texts = stored_texts(connection) if version else {}
        if not version:
            return None
        # Each record was checked when written; registry_from_json checks them again in bulk.
        return registry_from_json({KIND_SECTION[kind]: records for kind, records in texts.items()},
                                  settings, version=version, today=today)

    def problems(self, changes: Sequence[Change], settings: Settings) -> list[RegistryProblem]:
        """What `write` would refuse these changes for; [] when they may be written."""
        try:
            _check(*_proposed(self.payloads(), changes), settings=settings)
        except RegistryChangeError as exc:
            return exc.problems
        return []

    def history(self, kind: str, record_id: str) -> pd.DataFrame:
        with self.engine.connect() as connection:
            return history_frame(connection, kind, record_id)

    def seed_if_empty(self, settings: Settings) -> bool:
        """Fill a database that has no registry yet from the YAML folder; True when it did."""
        if self.version():
            return False  # the database's registry rules: the YAML folder is not even read
        # Raises on any problem, so nothing is written; dt.date.min: retired targets stay in.
        yaml_registry = load_registry(settings, today=dt.date.min)
        changes = [Change(SECTION_KIND[section], key, "seed", model.model_dump(mode="json"))
                   for section in SECTIONS
                   for key, model in getattr(yaml_registry, section).items()]
        # The database is empty (checked again below, in the transaction), so the registry it
        # will hold is exactly the one load_registry has just checked with these settings.
        # No data_version bump: nothing can be cached from a registry that did not exist,
        # and the caches key on the registry version as well.
        with write_transaction(self.engine, bump=False) as connection:
            if registry_version(connection):
                return False
            self._apply(connection, changes, user=SEED_USER, reason=SEED_REASON,
                        settings=settings, audit_action="registry_seed", checked=True)
            return True

    def write(self, changes: Sequence[Change], *, user: str, reason: str, settings: Settings,
              audit_action: str | None = None,
              also: Callable[[sa.Connection], None] | None = None) -> list[int]:
        """New versions of several records in one transaction; their change ids.

        `also` runs inside the same transaction (e.g. marking a draft set published).
        """
        reason = _required_reason(reason)
        if not changes:
            raise refusal("", "", "没有要保存的修改", "nothing to change")
        with write_transaction(self.engine) as connection:
            ids = self._apply(connection, changes, user=user, reason=reason, settings=settings,
                              audit_action=audit_action or f"registry_{changes[0].action}")
            if also is not None:
                also(connection)
            return ids

    def revert(self, change_id: int, *, user: str, reason: str, settings: Settings) -> int:
        """Undo one change (a revert too); the revert is itself a version. Its id."""
        reason = _required_reason(reason)
        change_id = int(change_id)
        with write_transaction(self.engine) as connection:
            rows = version_rows(connection)
            target = next((row for row in rows if row.id == change_id), None)
            if target is None:
                raise refusal(str(change_id), "change_id", f"没有编号为 {change_id} 的修改",
                              f"there is no change #{change_id}")
            if target.reverted_by is not None:
                raise refusal(str(change_id), "reverted_by",
                              f"修改 {change_id} 已被 {target.reverted_by} 撤销，可撤销后者以恢复",
                              f"change #{change_id} was already reverted by #{target.reverted_by}; "
                              "revert that to restore it")
            flips, chain = revert_flips(rows, change_id)
            conflict = chain_conflict(chain)
            if conflict is not None:
                raise refusal(str(change_id), "reverts",
                              f"修改 {conflict.id} 已被之后的撤销改变，请撤销那次撤销",
                              f"change #{conflict.id} was changed by a later revert; revert that instead")
            before = current_payloads(rows)
            after = current_payloads(rows, flips)
            _check(after, {}, [], settings=settings)
            key = (target.kind, target.record_id)
            revert_id = _insert(connection, key, "revert", user, reason,
                                before[key[0]].get(key[1]), after[key[0]].get(key[1]),
                                reverts=change_id)
            for link_id, reverted_by in flips.items():
                connection.execute(
                    sa.update(registry_versions).where(registry_versions.c.id == link_id)
                    .values(reverted_by=revert_id if reverted_by == PENDING else reverted_by))
            record(connection, user=user, action="registry_revert", target=change_id,
                   detail={"revert_change_id": revert_id, "record": f"{key[0]}:{key[1]}",
                           "reason": reason}, counts={"rows_total": 1, "changed": 1})
            return revert_id

    def _apply(self, connection: sa.Connection, changes: Sequence[Change], *, user: str,
               reason: str, settings: Settings, audit_action: str,
               checked: bool = False) -> list[int]:
        """checked: the changes are model dumps of a registry already checked whole (the seed)."""
        before = current_payloads(version_rows(connection))
        if checked:
            news = [change.payload for change in changes]
        else:
            models = _check(*_proposed(before, changes), settings=settings)
            news = [models[KIND_SECTION[c.kind]][c.record_id][0].model_dump(mode="json")
                    for c in changes]
        ids = _insert_many(connection, [
            _version_values((change.kind, change.record_id), change.action, user, reason,
                            before[change.kind].get(change.record_id), new)
            for change, new in zip(changes, news, strict=True)])
        added = sum(1 for c in changes if c.record_id not in before[c.kind])
        record(connection, user=user, action=audit_action, target=",".join(map(str, ids))[:200],
               detail={"reason": reason, "change_ids": ids,
                       "records": [f"{c.kind}:{c.record_id}" for c in changes]},
               counts={"rows_total": len(changes), "added": added,
                       "changed": len(changes) - added})
        return ids


def _proposed(before: Payloads, changes: Sequence[Change]) -> tuple[Payloads, dict, list]:
    """The records once the changes are made, where each changed one came from, and clashes
    (an 'add' of a record that exists: it would silently replace it)."""
    after = {kind: dict(records) for kind, records in before.items()}
    origins = {}
    clashes = []
    for change in changes:
        if change.action == "add" and change.record_id in before[change.kind]:
            clashes.append(RegistryProblem(
                record=change.record_id, field="id",
                message_zh=f"编号“{change.record_id}”已被使用",
                message_en=f"the id '{change.record_id}' is already taken"))
        after[change.kind][change.record_id] = dict(change.payload)
        origins[(change.kind, change.record_id)] = change.origin
    return after, origins, clashes


def _check(payloads: Payloads, origins: Mapping, clashes: list, *, settings: Settings) -> dict:
    records, problems = check_records(raw_records(payloads, origins), settings)
    if problems or clashes:
        raise RegistryChangeError(clashes + [RegistryProblem.of(problem) for problem in problems],
                                  hint="nothing was changed; fix the listed fields")
    return records


def _insert(connection: sa.Connection, key: tuple[str, str], action: str, user: str, reason: str,
            old: Mapping | None, new: Mapping | None, *, reverts: int | None = None) -> int:
    return _insert_many(connection, [_version_values(key, action, user, reason, old, new,
                                                     reverts=reverts)])[0]


def _version_values(key: tuple[str, str], action: str, user: str, reason: str,
                    old: Mapping | None, new: Mapping | None, *,
                    reverts: int | None = None) -> dict[str, object]:
    return {"kind": key[0], "record_id": key[1], "action": action, "user_name": str(user)[:200],
            "at": dt.datetime.now(dt.UTC), "reason": reason, "old": _dumps(old),
            "new": _dumps(new), "reverts": reverts}


def _insert_many(connection: sa.Connection, rows: list[dict[str, object]]) -> list[int]:
    """Insert version rows with one executemany (180,000 seed rows one by one took minutes);
    their ids in the order of `rows`.

    RETURNING in parameter order makes SQLAlchemy send SQLite one statement per row, so the
    ids are read back instead: write_transaction holds the writers' lock, so the rows above
    the newest id before the insert are these, numbered in the order they were inserted.
    """
    c = registry_versions.c
    newest = connection.execute(sa.select(sa.func.coalesce(sa.func.max(c.id), 0))).scalar_one()
    connection.execute(registry_versions.insert(), rows)
    ids = [int(row_id) for row_id in connection.execute(
        sa.select(c.id).where(c.id > newest).order_by(c.id)).scalars()]
    if len(ids) != len(rows):  # pragma: no cover - another writer without the lock
        raise TrackerError(f"登记册版本表：写入 {len(rows)} 行，却有 {len(ids)} 个新编号"
                           f"（registry_versions: {len(ids)} new ids for {len(rows)} rows）")
    return ids


def _dumps(payload: Mapping | None) -> str | None:
    return None if payload is None else json.dumps(payload, ensure_ascii=False)


def _required_reason(reason: str) -> str:
    reason = (reason or "").strip()
    if not reason:
        raise refusal("", "reason", "请填写修改原因", "a reason for the change is required")
    return reason


@contextmanager
def write_transaction(engine: sa.Engine, *, bump: bool = True) -> Iterator[sa.Connection]:
    """One write transaction; taking store_meta's row first queues concurrent writers."""
    with engine.connect() as connection:
        connection.execution_options(**{WRITE_OPTION: True})
        with connection.begin():
            meta = store_meta.c
            if bump:
                connection.execute(sa.update(store_meta).where(meta.key == DATA_VERSION_KEY)
                                   .values(int_value=meta.int_value + 1))
            else:
                connection.execute(sa.select(meta.int_value).where(meta.key == DATA_VERSION_KEY)
                                   .with_for_update())
            yield connection
