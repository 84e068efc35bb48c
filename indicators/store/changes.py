"""What changed since an upload: the change log a cached report catches up from.

Every commit, revert and note change is an upload (one each, in the same
transaction that bumps the data version), and its upload_rows hold every key
it touched, a revert's included (the values it switched off or on).  So the
series changed after upload #N are those of the upload rows of every later
upload; a reader that kept a report from #N recomputes only those series.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
import sqlalchemy as sa

from indicators.store.current import current_of
from indicators.store.queries import KEY
from indicators.store.schema import upload_rows, uploads

SERIES = ["indicator_id", "region"]
# Every year an actual can have (importing.values bounds them far inside this).
ALL_YEARS = (-(2**31) + 1, 2**31 - 1)


@dataclass(frozen=True)
class StoreChanges:
    upload_ids: tuple[int, ...]  # the uploads after the one asked about, ascending
    series: pd.DataFrame  # indicator_id, region: every series they touched, sorted
    # When the upload asked about was made ("-": no such upload), to tell a restored
    # database whose ids repeat from the history the caller saw.
    since_stamp: str


def changes_since(connection: sa.Connection, upload_id: int) -> StoreChanges:
    """Uploads (of any kind) after `upload_id`, and the series their rows touched."""
    made = connection.execute(
        sa.select(uploads.c.created_at).where(uploads.c.id == int(upload_id))).scalar()
    later = connection.execute(
        sa.select(uploads.c.id).where(uploads.c.id > int(upload_id)).order_by(uploads.c.id)
    ).scalars().all()
    series = connection.execute(
        sa.select(upload_rows.c.indicator_id, upload_rows.c.region).distinct()
        .where(upload_rows.c.upload_id > int(upload_id))
    ).all()
    frame = pd.DataFrame(series, columns=SERIES).astype("str")
    frame = frame.sort_values(SERIES, ignore_index=True)
    return StoreChanges(tuple(int(number) for number in later), frame,
                        made.isoformat() if made is not None else "-")


def current_of_series(connection: sa.Connection, series: pd.DataFrame) -> pd.DataFrame:
    """Current values, with their sources, of every year of the given series."""
    keys = pd.concat([series[SERIES].assign(year=year) for year in ALL_YEARS], ignore_index=True)
    return current_of(connection, keys[KEY])
