"""Every current value in little memory: repeated text as categories (issue 18).

At national scale (2.16 million current values) the full read held one
Python string per row and text column: about 900 MiB, and 1.5 GiB at its
peak while the driver's rows and the frame existed side by side.  The text
columns repeat heavily (60 indicators, 3,000 regions, one source per
release), so the full read keeps them as categoricals, and reads the
driver's rows in chunks, each made compact before the next is fetched.

One canonical form, so that a frame patched after a change (service.incremental)
equals a full read (assert_frame_equal): every text column is categorical
with exactly the values present as its categories, sorted; numbers keep the
dtypes of queries.typed_current.  Sorted categories also make a sort by the
codes the same as a sort by the text.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd
from pandas.api.types import union_categoricals

KEY = ["indicator_id", "region", "year"]
TEXT_COLUMNS = ("indicator_id", "region", "note", "source", "url", "published", "quote")
# Versions stored before revision 0004, or without one, have NULL sources: read as "".
BLANK_WHEN_NULL = ("source", "url", "published", "quote")
NUMBER_TYPES = {"year": "int64", "value": "float64", "upload_id": "int64"}
CHUNK_ROWS = 50_000  # driver rows held at once: about 15 MiB of tuples


def as_category(column: pd.Series) -> pd.Series:
    """column as a categorical of its present values, sorted (the canonical form)."""
    if isinstance(column.dtype, pd.CategoricalDtype):
        return _canonical_categories(column)
    categories = pd.Index(pd.Index(column.dropna().unique()).astype("str")).sort_values()
    return column.astype(pd.CategoricalDtype(categories))


def _canonical_categories(column: pd.Series) -> pd.Series:
    """A categorical column with its unused categories dropped and the rest sorted as text.

    By counting codes (remove_unused_categories sorts them: 0.1 s a column at 2.16
    million rows, most of a patch); unchanged when already canonical.
    """
    codes, categories = column.cat.codes.to_numpy(), column.cat.categories
    used = np.bincount(codes[codes >= 0], minlength=len(categories)) > 0
    kept = pd.Index(categories[used].astype("str"))
    wanted = kept.sort_values()
    if used.all() and categories.equals(wanted) and categories.dtype == "str":
        return column
    remap = np.full(len(categories) + 1, -1, dtype=np.int64)  # the last: code -1 stays -1
    remap[np.flatnonzero(used)] = wanted.get_indexer(kept)
    return pd.Series(pd.Categorical.from_codes(remap[codes], dtype=pd.CategoricalDtype(wanted)),
                     index=column.index, name=column.name)


def compact_actuals(frame: pd.DataFrame) -> pd.DataFrame:
    """frame in the canonical compact form (text columns categorical, numbers typed)."""
    texts = {name: as_category(frame[name]) for name in TEXT_COLUMNS if name in frame}
    numbers = {name: kind for name, kind in NUMBER_TYPES.items() if name in frame}
    return frame.assign(**texts).astype(numbers)


def chunk_frame(rows: Sequence[tuple], names: Sequence[str]) -> pd.DataFrame:
    """One chunk of driver rows as a frame, text columns already categorical."""
    frame = pd.DataFrame.from_records(rows, columns=list(names))
    for name in names:
        if name in TEXT_COLUMNS:
            values = frame[name].fillna("") if name in BLANK_WHEN_NULL else frame[name]
            frame[name] = pd.Categorical(values.astype(object))
        elif name in NUMBER_TYPES:
            frame[name] = frame[name].astype(NUMBER_TYPES[name])
    return frame


def joined(chunks: list[pd.DataFrame], names: Sequence[str]) -> pd.DataFrame:
    """The chunks as one frame; categoricals united (categories sorted)."""
    if not chunks:
        return compact_actuals(pd.DataFrame({name: pd.Series(dtype=object) for name in names}))
    columns: dict[str, object] = {}
    for name in names:
        parts = [chunk[name] for chunk in chunks]
        if name in TEXT_COLUMNS:
            columns[name] = union_categoricals(parts, sort_categories=True)
        else:
            columns[name] = np.concatenate([part.to_numpy() for part in parts])
    return pd.DataFrame(columns, columns=list(names))


def newest_sorted(frame: pd.DataFrame) -> pd.DataFrame:
    """The newest version (highest upload_id) of each key, rows sorted by key.

    One stable sort by key then upload id, keeping each key's last row: the
    same rows as a stable sort by upload id, drop_duplicates(keep="last") and a
    sort by key, at one sort of integer codes instead of three.
    """
    if frame.empty:
        return compact_actuals(frame.reset_index(drop=True))
    order = np.lexsort((frame["upload_id"].to_numpy(), frame["year"].to_numpy(),
                        frame["region"].cat.codes.to_numpy(),
                        frame["indicator_id"].cat.codes.to_numpy()))
    keys = [frame["indicator_id"].cat.codes.to_numpy()[order],
            frame["region"].cat.codes.to_numpy()[order], frame["year"].to_numpy()[order]]
    last = np.ones(len(order), dtype=bool)
    last[:-1] = np.logical_or.reduce([key[1:] != key[:-1] for key in keys])
    return compact_actuals(frame.take(order[last]).reset_index(drop=True))
