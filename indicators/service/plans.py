"""The Plans page's desk: a plan's text to draft targets, reviewed, saved and published.

    desk = service.plans
    draft_set = desk.draft_from_file("规划.docx", content)     # or draft_from_text(pasted)
    saved = desk.save(draft_set.model_copy(update={...}), user="张三")
    desk.check(saved)                                          # located problems, zh and en
    desk.publish(saved.id, user="李四", role="admin", reason="新规划印发")

Publishing writes the document, its new indicators and targets in one
transaction through the registry store (which checks them by the YAML
folder's rules), or raises RegistryChangeError and changes nothing.  Revise,
retire and revert change one record each, with a required reason; every
change is a version and shows in target_history.  Role checks are the
callers' (callbacks); publish repeats its own with the role handed in.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Protocol

import pandas as pd

from indicators.accounts import role_at_least
from indicators.config import Settings
from indicators.drafting import PlanTextError, draft_targets, plan_text_from_bytes
from indicators.exports.clock import beijing_time, beijing_times
from indicators.registry import (
    Indicator,
    Registry,
    RegistryChangeError,
    RegistryProblem,
    normalise_label,
    refusal,
)
from indicators.registry.drafts import DocumentDraft, DraftRow, DraftSet
from indicators.service.plan_drafts import (
    draft_set_from_plan,
    manual_row,
    plan_text_zh,
    propose_baselines,
)
from indicators.service.plan_records import on_rows, plan_changes
from indicators.store import ActualsStore, Change, RegistryStore
from indicators.store.draft_sets import (
    draft_set_record,
    list_draft_sets,
    mark_published,
    save_draft_set,
)

__all__ = ["DocumentDraft", "DraftRow", "DraftSet", "PlanDesk", "PublishResult",
           "RegistryChangeError", "RegistryProblem"]

PASTED_NAME = "pasted.txt"
MAX_FOUND = 20
SET_COLUMNS = ["id", "title_zh", "file_name", "status", "updated_by", "updated_at", "rows",
               "accepted"]
# Kept in their own columns, not in the set's JSON.
SET_META = {"id", "status", "updated_by", "updated_at"}


class _Service(Protocol):
    """What the desk uses of the TrackerService it is bound to (tracker.py imports this module)."""

    settings: Settings
    store: ActualsStore
    registry_store: RegistryStore

    @property
    def registry(self) -> Registry: ...

    def actuals(self) -> pd.DataFrame: ...


@dataclass(frozen=True)
class PublishResult:
    document_id: str
    target_ids: tuple[str, ...]
    indicator_ids: tuple[str, ...]
    change_ids: tuple[int, ...]


class PlanDesk:
    def __init__(self, service: _Service) -> None:
        self._service = service

    @property
    def _store(self) -> RegistryStore:
        return self._service.registry_store

    def may_publish(self, role: str) -> bool:
        return role_at_least(role, self._service.settings.plans.publish_role)

    # drafting

    def draft_from_file(self, file_name: str, content: bytes, *, region: str | None = None) -> DraftSet:
        """A draft set from an uploaded .txt/.docx/.pdf; PlanTextError (with message_zh) if unreadable."""
        try:
            plan = plan_text_from_bytes(file_name or "(no name)", content)
        except PlanTextError as exc:
            exc.message_zh = plan_text_zh(exc)
            raise
        return draft_set_from_plan(plan, self._service.registry, self._service.actuals(),
                                   file_name=file_name, region=self._region(region))

    def draft_from_text(self, text: str, *, region: str | None = None) -> DraftSet:
        set_from_file = self.draft_from_file(PASTED_NAME, (text or "").encode("utf-8"),
                                             region=region)
        return set_from_file.model_copy(update={"file_name": ""})

    def draft_row_from_quote(self, draft_set: DraftSet, line: int, quote: str) -> DraftRow:
        """A target the extractor missed: the extractor on that sentence, else quote/line only."""
        registry = self._service.registry
        try:
            plan = plan_text_from_bytes(PASTED_NAME, (quote or "").encode("utf-8"))
            found = draft_targets(plan, registry, draft_set.document.region or None)
        except PlanTextError:
            found = []
        return manual_row(draft_set, registry, int(line), quote or "", found)

    # checking and saving

    def check(self, draft_set: DraftSet) -> list[RegistryProblem]:
        """The registry's own problems with the accepted rows (rejected ones are ignored)."""
        if not draft_set.accepted:
            return [RegistryProblem(record="", field="rows", message_zh="没有已接受的目标",
                                    message_en="no draft is accepted")]
        planned = plan_changes(draft_set, self._service.registry)
        found = self._store.problems(planned.changes, self._service.settings)
        return planned.problems + on_rows(found, planned)

    def save(self, draft_set: DraftSet, user: str) -> DraftSet:
        if draft_set.id is not None and self.get(draft_set.id).status == "published":
            raise refusal(str(draft_set.id), "status", "已发布的草稿集不能再修改",
                          "a published draft set cannot be changed")
        rows = propose_baselines(list(draft_set.rows), draft_set.document,
                                 self._service.registry, self._service.actuals())
        draft_set = draft_set.model_copy(update={"rows": tuple(rows), "status": "open"})
        set_id, when = save_draft_set(
            self._service.store.engine, draft_set.id, title_zh=draft_set.document.title_zh,
            file_name=draft_set.file_name, status="open", user=user, content=_content(draft_set))
        return draft_set.model_copy(update={"id": set_id, "updated_by": user, "updated_at": when})

    def get(self, set_id: int) -> DraftSet:
        return _draft_set(draft_set_record(self._service.store.engine, int(set_id)))

    def list_sets(self) -> pd.DataFrame:
        frame = list_draft_sets(self._service.store.engine)
        sets = [_draft_set(row) for _, row in frame.iterrows()]
        listed = pd.DataFrame({
            "id": frame["id"], "title_zh": frame["title_zh"], "file_name": frame["file_name"],
            "status": frame["status"], "updated_by": frame["updated_by"],
            "updated_at": beijing_times(frame["updated_at"]) if len(frame) else frame["updated_at"],
            "rows": [len(one.rows) for one in sets], "accepted": [len(one.accepted) for one in sets],
        }, columns=SET_COLUMNS)
        return listed.astype({"id": "int64", "rows": "int64", "accepted": "int64"})

    # publishing and changing the registry

    def publish(self, set_id: int, user: str, role: str, reason: str) -> PublishResult:
        if not self.may_publish(role):
            needed = self._service.settings.plans.publish_role
            raise refusal("", "role", f"发布需要“{needed}”角色（当前：“{role}”）",
                          f"publishing needs the role '{needed}' (yours: '{role}')")
        if not (reason or "").strip():
            raise refusal("", "reason", "请填写发布原因", "a reason for publishing is required")
        draft_set = self.get(set_id)
        if draft_set.status == "published":
            raise refusal(str(set_id), "status", "该草稿集已发布", "this draft set is already published")
        problems = self.check(draft_set)
        if problems:
            raise RegistryChangeError(problems, hint="nothing was published")
        planned = plan_changes(draft_set, self._service.registry)
        published = _content(draft_set)
        try:
            ids = self._store.write(
                planned.changes, user=user, reason=reason, settings=self._service.settings,
                audit_action="registry_publish",
                also=lambda connection: mark_published(connection, int(set_id), published))
        except RegistryChangeError as exc:  # the registry changed since the check
            raise RegistryChangeError(on_rows(exc.problems, planned), hint=exc.hint) from None
        return PublishResult(draft_set.document.id, tuple(planned.target_ids),
                             tuple(planned.indicator_ids), tuple(ids))

    def revise_target(self, target_id: str, changes: Mapping[str, object], user: str,
                      reason: str) -> int:
        current = self._target_payload(target_id)
        if "id" in changes and changes["id"] != target_id:
            raise refusal(target_id, "id", "目标编号不能修改", "a target's id cannot change")
        revised = {**current, **dict(changes)}
        if json.dumps(revised, default=str, sort_keys=True) == json.dumps(current, sort_keys=True):
            raise refusal(target_id, "", "没有字段被修改", "no field was changed")
        return self._write_one(Change("target", target_id, "revise", revised), user, reason)

    def retire_target(self, target_id: str, retired_from: dt.date, user: str, reason: str) -> int:
        current = self._target_payload(target_id)
        if current.get("retired_from") == retired_from.isoformat():
            raise refusal(target_id, "retired_from", f"该目标已自 {retired_from} 起停用",
                          f"the target is already retired from {retired_from}")
        retired = {**current, "retired_from": retired_from.isoformat()}
        return self._write_one(Change("target", target_id, "retire", retired), user, reason)

    def revert_change(self, change_id: int, user: str, reason: str) -> int:
        return self._store.revert(change_id, user=user, reason=reason,
                                  settings=self._service.settings)

    def target_history(self, target_id: str) -> pd.DataFrame:
        frame = self._store.history("target", target_id)
        frame["at"] = [beijing_time(moment) for moment in frame["at"]]
        return frame

    def search_indicators(self, query: str) -> list[Indicator]:
        """Indicators whose id, name or an alias holds the query; exact, then prefix, then inside."""
        wanted = normalise_label(query or "")
        if not wanted:
            return []
        ranked = []
        for position, indicator in enumerate(self._service.registry.indicators.values()):
            labels = [normalise_label(label) for label in
                      (indicator.id, indicator.name_zh, indicator.name_en, *indicator.aliases)]
            rank = min((_rank(label, wanted) for label in labels), default=None)
            if rank is not None and rank < len(RANKS):
                ranked.append((rank, position, indicator))
        return [indicator for _, _, indicator in sorted(ranked, key=lambda item: item[:2])][:MAX_FOUND]

    # internals

    def _write_one(self, change: Change, user: str, reason: str) -> int:
        return self._store.write([change], user=user, reason=reason,
                                 settings=self._service.settings)[0]

    def _target_payload(self, target_id: str) -> dict:
        payload = self._store.payloads()["target"].get(target_id)
        if payload is None:
            raise refusal(target_id, "id", f"没有编号为“{target_id}”的目标",
                          f"there is no target '{target_id}'")
        return payload

    def _region(self, region: str | None) -> str | None:
        if not region:
            return None
        return self._service.registry.resolve_region(region) or region


# How a label matches the query, best first; a label that does none of these is no match.
RANKS = (lambda label, wanted: label == wanted, lambda label, wanted: label.startswith(wanted),
         lambda label, wanted: wanted in label)


def _rank(label: str, wanted: str) -> int:
    return next((rank for rank, test in enumerate(RANKS) if test(label, wanted)), len(RANKS))


def _content(draft_set: DraftSet) -> str:
    return draft_set.model_dump_json(exclude=SET_META)


def _draft_set(row: pd.Series) -> DraftSet:
    data = json.loads(row["content"])
    data.update(id=int(row["id"]), status=row["status"], updated_by=row["updated_by"],
                updated_at=row["updated_at"].to_pydatetime())
    return DraftSet.model_validate(data)
