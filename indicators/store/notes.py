"""Changing the note (备注) of a stored value, as a version like any other.

A note change is an upload of kind 'note' with one version: the value as it
stands and the new note.  So it shows in the history, is revertable as a
whole (the old note comes back), bumps data_version and writes an audit row
with action 'note', all in the caller's write transaction
(ActualsStore.set_note opens it).

Rules:
- only a value that is stored now can get a note (UnknownValue otherwise);
- the note is cleaned like a note in an uploaded file (NFKC, trimmed); an
  empty note clears it;
- a note equal to the current one is refused with NoteUnchanged, and nothing
  is written: a version that changes nothing would only clutter the history;
- the note upload is marked as sample data when the value came from the
  sample file, so "sample data in use" stays true while that value stands;
- the new version keeps the value's source (source, url, published, quote).
"""

from __future__ import annotations

import datetime as dt

import pandas as pd
import sqlalchemy as sa

from indicators.importing import clean_text
from indicators.store.audit import record
from indicators.store.queries import (
    DIFF_COLUMNS,
    SOURCE_COLUMNS,
    current_frame,
    insert_rows,
    version_rows,
    with_actions,
)
from indicators.store.schema import actual_versions, upload_rows, uploads
from indicators.store.types import NoteTooLong, NoteUnchanged, UnknownValue

MAX_NOTE_LENGTH = 1000


def clean_note(note: str) -> str:
    text = clean_text(note)
    if len(text) > MAX_NOTE_LENGTH:
        raise NoteTooLong(f"the note has {len(text)} characters; at most {MAX_NOTE_LENGTH} are kept",
                          hint="shorten it, or put the full explanation in the method notes")
    return text


def write_note(connection: sa.Connection, indicator_id: str, region: str, year: int, note: str,
               user: str) -> int:
    """Store a new version of one value with a new note; return the note upload's id."""
    new_note = clean_note(note)
    current = current_frame(connection, indicator_id, region, sources=True)
    row = current[current["year"] == int(year)]
    if row.empty:
        raise UnknownValue(
            f"there is no stored value for {indicator_id} / {region} / {year}",
            hint="upload the value first; a note can only be set on a value that is stored")
    stored = row.iloc[0]
    if stored["note"] == new_note:
        raise NoteUnchanged(f"the note of {indicator_id} / {region} / {year} is already "
                            f"'{new_note}'; nothing was changed")
    upload_id = _insert_note_upload(connection, user, _is_sample(connection, int(stored["upload_id"])))
    diff = _note_diff(indicator_id, region, int(year), float(stored["value"]), stored["note"], new_note,
                      {name: stored[name] for name in SOURCE_COLUMNS})
    insert_rows(connection, actual_versions, version_rows(diff), upload_id)
    insert_rows(connection, upload_rows, diff, upload_id)
    record(connection, user=user, action="note", target=upload_id,
           counts={"rows_total": 1, "changed": 1},
           detail={"indicator_id": indicator_id, "region": region, "year": int(year),
                   "old_note": stored["note"], "new_note": new_note})
    return upload_id


def _note_diff(indicator_id: str, region: str, year: int, value: float, old_note: str,
               new_note: str, sources: dict[str, str]) -> pd.DataFrame:
    # The value keeps its source: only the note changes.
    frame = pd.DataFrame([{
        "indicator_id": indicator_id, "region": region, "year": year, "old_value": value,
        "new_value": value, "old_note": old_note, "new_note": new_note,
        **{f"{side}_{name}": text for name, text in sources.items() for side in ("old", "new")},
    }])
    return with_actions(frame)[DIFF_COLUMNS]


def _is_sample(connection: sa.Connection, upload_id: int) -> bool:
    return bool(connection.execute(
        sa.select(uploads.c.is_sample).where(uploads.c.id == upload_id)).scalar_one())


def _insert_note_upload(connection: sa.Connection, user: str, is_sample: bool) -> int:
    # Counts are known up front: one value, changed (its note).
    result = connection.execute(uploads.insert().values(
        user_name=user[:200], created_at=dt.datetime.now(dt.UTC), file_name="", sha256="",
        kind="note", reverts_upload_id=None, rows_total=1, added=0, changed=1, unchanged=0,
        removed=0, note="", is_sample=is_sample,
    ))
    return int(result.inserted_primary_key[0])
