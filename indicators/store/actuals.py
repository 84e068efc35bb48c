"""The actuals store: every upload is an immutable version; nothing is deleted.

    store = ActualsStore("sqlite:///data/tracker.db", root=settings.root)
    preview = store.preview(parsed)            # what would be added/changed, plus jump warnings
    upload_id = store.commit(parsed, user="张三", file_name=..., sha256=parsed.sha256)
    store.revert(upload_id, user="张三")       # recorded as an upload of kind 'revert'
    store.set_note("hv_patents", "CN", 2023, "第五次经济普查后修订", user="张三")  # kind 'note'

The current value of a series is the one from the newest upload that is not
reverted.  Every commit, revert and note change is one transaction that also bumps
data_version, which the dashboard's cache keys on.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pandas as pd
import sqlalchemy as sa

from indicators.config import PROJECT_ROOT, Settings
from indicators.errors import PermissionDenied
from indicators.importing import IssueLog, ParsedUpload, UploadIssue, Where, check_against_stored
from indicators.store.audit import record
from indicators.store.current import current_of
from indicators.store.notes import write_note
from indicators.store.queries import (
    KEY,
    action_counts,
    chain_conflict,
    current_frame,
    diff_against,
    insert_rows,
    revert_chain,
    revert_diff,
    switch_chain,
    upload_rows_frame,
    version_keys,
)
from indicators.store.schema import (
    DATA_VERSION_KEY,
    WRITE_OPTION,
    actual_versions,
    create_engine,
    store_meta,
    upgrade_to_head,
    upload_rows,
    uploads,
)
from indicators.store.types import (
    AlreadyReverted,
    StoreError,
    UnknownUpload,
    UploadPreview,
    UploadRejected,
)

UPLOAD_COLUMNS = [
    "id", "user", "created_at", "file_name", "sha256", "kind", "rows_total", "added", "changed",
    "unchanged", "removed", "reverted", "reverts_upload_id", "reverted_by_upload_id", "is_sample",
    "note",
]


class ActualsStore:
    def __init__(self, database_url: str, root: Path | None = None) -> None:
        self.engine = create_engine(database_url, root or PROJECT_ROOT)
        upgrade_to_head(self.engine)

    @classmethod
    def from_settings(cls, settings: Settings) -> ActualsStore:
        return cls(settings.database_url, root=settings.root)

    def close(self) -> None:
        self.engine.dispose()

    # reading

    def current_actuals(self) -> pd.DataFrame:
        with self.engine.connect() as connection:
            return current_frame(connection)

    def data_version(self) -> int:
        with self.engine.connect() as connection:
            return int(connection.execute(
                sa.select(store_meta.c.int_value).where(store_meta.c.key == DATA_VERSION_KEY)
            ).scalar_one())

    def is_empty(self) -> bool:
        """True when nothing was ever uploaded (a reverted sample still counts as used)."""
        with self.engine.connect() as connection:
            return connection.execute(sa.select(uploads.c.id).limit(1)).first() is None

    def sample_in_use(self) -> bool:
        """Whether any current value comes from the sample file, so the UI can say so."""
        current = self.current_actuals()
        sample_ids = set(self.uploads().query("is_sample")["id"])
        return bool(current["upload_id"].isin(sample_ids).any())

    def uploads(self) -> pd.DataFrame:
        """Every upload and revert, newest first."""
        with self.engine.connect() as connection:
            rows = connection.execute(sa.select(uploads).order_by(uploads.c.id.desc())).mappings().all()
        frame = pd.DataFrame([dict(row) for row in rows], columns=[c.name for c in uploads.columns])
        frame = frame.rename(columns={"user_name": "user"})
        frame["reverted"] = frame["reverted_by_upload_id"].notna()
        frame["created_at"] = pd.to_datetime(frame["created_at"], utc=True)
        counts = ["id", "rows_total", "added", "changed", "unchanged", "removed"]
        types = {**dict.fromkeys(counts, "int64"), "reverts_upload_id": "Int64",
                 "reverted_by_upload_id": "Int64", "is_sample": "bool"}
        return frame.astype(types)[UPLOAD_COLUMNS]

    def upload_rows(self, upload_id: int) -> pd.DataFrame:
        upload_id = int(upload_id)  # as in revert: a numpy integer from a frame is fine too
        with self.engine.connect() as connection:
            self._upload(connection, upload_id)
            return upload_rows_frame(connection, upload_id)

    def series_history(self, indicator_id: str, region: str) -> pd.DataFrame:
        """The series' current values by year, with who uploaded each and when."""
        with self.engine.connect() as connection:
            current = current_frame(connection, indicator_id, region)
            people = connection.execute(
                sa.select(uploads.c.id, uploads.c.user_name, uploads.c.created_at)
                .where(uploads.c.id.in_(current["upload_id"].tolist()))
            ).all()
        provenance = pd.DataFrame(people, columns=["upload_id", "user", "created_at"])
        provenance["created_at"] = pd.to_datetime(provenance["created_at"], utc=True)
        merged = current.merge(provenance.astype({"upload_id": "int64"}), on="upload_id", how="left")
        return merged[["year", "value", "note", "upload_id", "user", "created_at"]]

    def versions(self, indicator_id: str, region: str) -> pd.DataFrame:
        """Every value ever uploaded for the series, oldest first, with whether it still counts."""
        versions = actual_versions.c
        query = (
            sa.select(versions.year, versions.value, versions.note, versions.upload_id,
                      uploads.c.user_name.label("user"), uploads.c.created_at,
                      uploads.c.reverted_by_upload_id.is_(None).label("active"))
            .join(uploads, uploads.c.id == versions.upload_id)
            .where(versions.indicator_id == indicator_id, versions.region == region)
            .order_by(versions.year, versions.upload_id)
        )
        with self.engine.connect() as connection:
            frame = pd.DataFrame(connection.execute(query).all(),
                                 columns=["year", "value", "note", "upload_id", "user", "created_at", "active"])
        frame["created_at"] = pd.to_datetime(frame["created_at"], utc=True)
        return frame.astype({"year": "int64", "value": "float64", "active": "bool"})

    # writing

    def preview(self, parsed: ParsedUpload) -> UploadPreview:
        # Only the file's series are looked up, a year either side for the jump warnings.
        with self.engine.connect() as connection:
            current = current_of(connection, parsed.rows, margin=1)
        diff = diff_against(parsed.rows, current, keep_notes=not parsed.has_notes)
        counts = action_counts(diff)
        warnings = list(parsed.warnings) + check_against_stored(parsed, current)
        warnings += self._same_file_warnings(parsed)
        return UploadPreview(diff, counts["added"], counts["changed"], counts["unchanged"],
                             list(parsed.errors), warnings)

    def commit(self, parsed: ParsedUpload, user: str, file_name: str, sha256: str,
               is_sample: bool = False, note: str = "") -> int:
        """Store every row of a valid file in one transaction; return the upload id."""
        return self._commit(parsed, user, file_name, sha256, is_sample, note, only_if_empty=False)

    def commit_if_empty(self, parsed: ParsedUpload, user: str, file_name: str, sha256: str,
                        is_sample: bool = False) -> int | None:
        """Like commit, but only into a store with no uploads at all (checked under the write lock)."""
        try:
            return self._commit(parsed, user, file_name, sha256, is_sample, "", only_if_empty=True)
        except _NotEmpty:
            return None

    def revert(self, upload_id: int, user: str, note: str = "", *, owner_only: bool = False) -> int:
        """Undo an upload (or a revert) as a whole; the revert is itself an upload.

        owner_only (an editor acting): refuse unless `user` made that upload.
        """
        upload_id = int(upload_id)  # ids read from a frame are numpy integers, which drivers refuse
        with self._write() as connection:
            target = self._upload(connection, upload_id)
            if owner_only and target["user_name"] != user[:200]:
                raise PermissionDenied(
                    f"upload #{upload_id} was made by '{target['user_name']}'; "
                    "only its author or an administrator may revert it")
            chain = revert_chain(connection, target["id"])
            head = chain[0]
            if head["reverted_by_upload_id"] is not None:
                raise AlreadyReverted(
                    f"upload #{upload_id} was already reverted by #{head['reverted_by_upload_id']}",
                    hint=f"revert #{head['reverted_by_upload_id']} to restore it")
            conflict = chain_conflict(chain)
            if conflict is not None:
                raise StoreError(
                    f"cannot revert #{upload_id}: upload #{conflict['id']} has been reverted or "
                    "restored by a later revert", hint="revert that later revert instead")
            keys = version_keys(connection, chain[-1]["id"])
            before = current_of(connection, keys)
            revert_id = self._insert_upload(connection, user, "", "", "revert", False, note,
                                            reverts_upload_id=upload_id)
            switch_chain(connection, chain, revert_id)
            diff = revert_diff(before, current_of(connection, keys), keys)
            insert_rows(connection, upload_rows, diff, revert_id)
            self._set_counts(connection, revert_id, diff)
            record(connection, user=user, action="revert", target=upload_id,
                   detail={"revert_upload_id": revert_id, "note": note}, counts=_counts(diff))
            return revert_id

    def set_note(self, indicator_id: str, region: str, year: int, note: str, user: str) -> int:
        """A new note for a stored value, as an upload of kind 'note' (rules: store.notes)."""
        with self._write() as connection:
            return write_note(connection, indicator_id, region, year, note, user)

    # internals

    @contextmanager
    def _write(self) -> Iterator[sa.Connection]:
        """One write transaction; bumping data_version first also queues concurrent writers."""
        with self.engine.connect() as connection:
            connection.execution_options(**{WRITE_OPTION: True})
            with connection.begin():
                connection.execute(
                    sa.update(store_meta).where(store_meta.c.key == DATA_VERSION_KEY)
                    .values(int_value=store_meta.c.int_value + 1)
                )
                yield connection

    def _commit(self, parsed: ParsedUpload, user: str, file_name: str, sha256: str,
                is_sample: bool, note: str, *, only_if_empty: bool) -> int:
        if parsed.errors:
            raise UploadRejected(parsed.errors)
        with self._write() as connection:
            if only_if_empty and connection.execute(sa.select(uploads.c.id).limit(1)).first():
                raise _NotEmpty
            current = current_of(connection, parsed.rows)
            diff = diff_against(parsed.rows, current, keep_notes=not parsed.has_notes)
            upload_id = self._insert_upload(connection, user, file_name, sha256, "upload", is_sample, note)
            versions = diff.rename(columns={"new_value": "value", "new_note": "note"})
            insert_rows(connection, actual_versions, versions[KEY + ["value", "note"]], upload_id)
            insert_rows(connection, upload_rows, diff, upload_id)
            self._set_counts(connection, upload_id, diff)
            record(connection, user=user, action="commit", target=upload_id, counts=_counts(diff),
                   detail={"file_name": file_name, "sha256": sha256, "is_sample": is_sample,
                           "note": note})
            return upload_id

    @staticmethod
    def _insert_upload(connection: sa.Connection, user: str, file_name: str, sha256: str, kind: str,
                       is_sample: bool, note: str, reverts_upload_id: int | None = None) -> int:
        # Names are labels only; cut them to the columns' sizes rather than fail on PostgreSQL.
        result = connection.execute(uploads.insert().values(
            user_name=user[:200], created_at=dt.datetime.now(dt.UTC), file_name=file_name[:500],
            sha256=sha256,
            kind=kind, reverts_upload_id=reverts_upload_id, rows_total=0, added=0, changed=0,
            unchanged=0, removed=0, note=note, is_sample=is_sample,
        ))
        return int(result.inserted_primary_key[0])

    @staticmethod
    def _set_counts(connection: sa.Connection, upload_id: int, diff: pd.DataFrame) -> None:
        connection.execute(sa.update(uploads).where(uploads.c.id == upload_id)
                           .values(rows_total=len(diff), **action_counts(diff)))

    @staticmethod
    def _upload(connection: sa.Connection, upload_id: int) -> sa.RowMapping:
        row = connection.execute(sa.select(uploads).where(uploads.c.id == int(upload_id))).mappings().first()
        if row is None:
            raise UnknownUpload(f"there is no upload #{upload_id}", hint="list them with `uploads`")
        return row

    def _same_file_warnings(self, parsed: ParsedUpload) -> list[UploadIssue]:
        log = IssueLog(parsed.lang)
        with self.engine.connect() as connection:
            earlier = connection.execute(
                sa.select(uploads.c.id, uploads.c.created_at)
                .where(uploads.c.sha256 == parsed.sha256, uploads.c.kind == "upload",
                       uploads.c.reverted_by_upload_id.is_(None))
                .order_by(uploads.c.id.desc()).limit(1)
            ).first()
        if earlier is not None:
            log.warn("already_uploaded", Where(), upload_id=earlier.id,
                     when=earlier.created_at.strftime("%Y-%m-%d %H:%M UTC"))
        return log.warnings


def _counts(diff: pd.DataFrame) -> dict[str, int]:
    return {"rows_total": len(diff), **action_counts(diff)}


class _NotEmpty(Exception):
    """Rolls back commit_if_empty's transaction when the store already has data."""
