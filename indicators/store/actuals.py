"""The actuals store: every upload is an immutable version; nothing is deleted.

    store = ActualsStore("sqlite:///data/tracker.db", root=settings.root)
    preview = store.preview(parsed)            # what would be added/changed, plus jump warnings
    upload_id = store.commit(parsed, user="张三", file_name=..., sha256=parsed.sha256)
    store.revert(upload_id, user="张三")       # recorded as an upload of kind 'revert'
    store.set_note("hv_patents", "CN", 2023, "第五次经济普查后修订", user="张三")  # kind 'note'

The current value of a series is the one from the newest upload that is not
reverted.  Every commit, revert and note change is one transaction that also bumps
data_version, which the dashboard's cache keys on.  Each version carries where
the value was published (source, url, published, quote; revision 0004), so a
value the publisher revised is a new version with its own source, and a
revert brings the old value back with its old source.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pandas as pd
import sqlalchemy as sa

from indicators.config import PROJECT_ROOT, Settings
from indicators.errors import PermissionDenied
from indicators.importing import (
    IssueLog,
    ParsedUpload,
    UploadIssue,
    Where,
    check_against_stored,
    check_plausible_against_stored,
)
from indicators.registry.bulk import paused_gc
from indicators.store.audit import record
from indicators.store.current import current_of
from indicators.store.notes import write_note
from indicators.store.queries import (
    SOURCE_COLUMNS,
    action_counts,
    current_frame,
    diff_against,
    insert_rows,
    upload_rows_frame,
    version_rows,
)
from indicators.store.reverts import (
    chain_conflict,
    revert_chain,
    revert_diff,
    switch_chain,
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
    UploadPreview,
    UploadRejected,
)
from indicators.store.upload_records import insert_upload, set_counts, upload_counts, upload_row

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

    def current_actuals(self, sources: bool = False) -> pd.DataFrame:
        """Current values; sources: with source, url, published, quote after the others.

        Text columns are categorical (store.compact), sorted by key as before.
        """
        with self.engine.connect() as connection:
            return current_frame(connection, sources=sources)

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
            upload_row(connection, upload_id)
            return upload_rows_frame(connection, upload_id)

    def series_history(self, indicator_id: str, region: str) -> pd.DataFrame:
        """The series' current values by year, with who uploaded each and when, and its source."""
        with self.engine.connect() as connection:
            current = current_frame(connection, indicator_id, region, sources=True)
            people = connection.execute(
                sa.select(uploads.c.id, uploads.c.user_name, uploads.c.created_at)
                .where(uploads.c.id.in_(current["upload_id"].tolist()))
            ).all()
        provenance = pd.DataFrame(people, columns=["upload_id", "user", "created_at"])
        provenance["created_at"] = pd.to_datetime(provenance["created_at"], utc=True)
        merged = current.merge(provenance.astype({"upload_id": "int64"}), on="upload_id", how="left")
        return merged[["year", "value", "note", "upload_id", "user", "created_at", *SOURCE_COLUMNS]]

    def versions(self, indicator_id: str, region: str) -> pd.DataFrame:
        """Every value ever uploaded for the series, oldest first, with whether it still counts."""
        versions = actual_versions.c
        query = (
            sa.select(versions.year, versions.value, versions.note, versions.upload_id,
                      uploads.c.user_name.label("user"), uploads.c.created_at,
                      uploads.c.reverted_by_upload_id.is_(None).label("active"),
                      *(versions[name] for name in SOURCE_COLUMNS))
            .join(uploads, uploads.c.id == versions.upload_id)
            .where(versions.indicator_id == indicator_id, versions.region == region)
            .order_by(versions.year, versions.upload_id)
        )
        with self.engine.connect() as connection:
            frame = pd.DataFrame(connection.execute(query).all(),
                                 columns=["year", "value", "note", "upload_id", "user", "created_at", "active",
                                          *SOURCE_COLUMNS])
        frame["created_at"] = pd.to_datetime(frame["created_at"], utc=True)
        frame[SOURCE_COLUMNS] = frame[SOURCE_COLUMNS].fillna("")
        return frame.astype({"year": "int64", "value": "float64", "active": "bool"})

    # writing

    def preview(self, parsed: ParsedUpload) -> UploadPreview:
        # Only the file's series are looked up, a year either side for the jump warnings.
        with self.engine.connect() as connection:
            current = current_of(connection, parsed.rows, margin=1)
        diff = diff_against(parsed.rows, current, keep_notes=not parsed.has_notes,
                            keep_sources=not parsed.has_sources)
        counts = action_counts(diff)
        warnings = list(parsed.warnings) + check_against_stored(parsed, current)
        warnings += self._same_file_warnings(parsed)
        errors = list(parsed.errors) + check_plausible_against_stored(parsed, current)
        return UploadPreview(diff, counts["added"], counts["changed"], counts["unchanged"],
                             errors, warnings)

    def commit(self, parsed: ParsedUpload, user: str, file_name: str, sha256: str,
               is_sample: bool = False, note: str = "") -> int:
        """Store every row of a valid file in one transaction; return the upload id."""
        with paused_gc():  # tens of thousands of rows to bind, none in a cycle (registry.bulk)
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
            target = upload_row(connection, upload_id)
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
            revert_id = insert_upload(connection, user, "", "", "revert", False, note,
                                            reverts_upload_id=upload_id)
            switch_chain(connection, chain, revert_id)
            diff = revert_diff(before, current_of(connection, keys), keys)
            insert_rows(connection, upload_rows, diff, revert_id)
            set_counts(connection, revert_id, diff)
            record(connection, user=user, action="revert", target=upload_id,
                   detail={"revert_upload_id": revert_id, "note": note}, counts=upload_counts(diff))
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
            # A year either side, as at preview: plausibility is judged against stored neighbours,
            # under the write lock, so a value stored since the preview counts too.
            current = current_of(connection, parsed.rows, margin=1)
            implausible = check_plausible_against_stored(parsed, current)
            if implausible:
                raise UploadRejected(implausible)
            diff = diff_against(parsed.rows, current, keep_notes=not parsed.has_notes,
                                keep_sources=not parsed.has_sources)
            upload_id = insert_upload(connection, user, file_name, sha256, "upload", is_sample, note)
            insert_rows(connection, actual_versions, version_rows(diff), upload_id)
            insert_rows(connection, upload_rows, diff, upload_id)
            set_counts(connection, upload_id, diff)
            record(connection, user=user, action="commit", target=upload_id, counts=upload_counts(diff),
                   detail={"file_name": file_name, "sha256": sha256, "is_sample": is_sample,
                           "note": note})
            return upload_id

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


class _NotEmpty(Exception):
    """Rolls back commit_if_empty's transaction when the store already has data."""
