"""Checking many registry records at once: a pause of the cycle collector, bulk pydantic calls.

(The pause serves the importer and the store's commit too: an upload is likewise
hundreds of thousands of new objects and no cycles.)

A national registry is 180,000 targets.  Building that many objects (YAML nodes,
dicts, models) with the cycle collector running makes each full collection walk
every object built so far, so loading grew faster than the file; the records hold
no cycles, so reference counting frees them all the same and the pause only
leaves the collector's work for later.

Records read back from the database are their model's own JSON; pydantic-core
checks them JSON_SLICE at a time (`validate_json`), with no Python dict in
between, by the same models and rules.  Its answer is all-or-nothing: None on
any problem, and the caller then checks record by record for the located messages.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from functools import cache

from pydantic import BaseModel, TypeAdapter, ValidationError

JSON_SLICE = 10_000  # records validated in one pydantic-core call


@contextmanager
def paused_gc() -> Iterator[None]:
    """No cyclic collection inside the block (nested or concurrent pauses only end it sooner)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


@cache
def _list_adapter(model: type[BaseModel]) -> TypeAdapter:
    return TypeAdapter(list[model])


def validate_json_records(texts: Mapping[str, str], model: type[BaseModel]
                          ) -> dict[str, BaseModel] | None:
    """record id -> model of each stored JSON text, or None when any text is not a valid
    record of `model` or does not hold the id it is stored under."""
    if not texts:
        return {}
    adapter, values = _list_adapter(model), list(texts.values())
    models: list[BaseModel] = []
    try:
        # In slices: one JSON array of a national registry's 180,000 targets was a 100 MB
        # string, and its parse a peak of its own on top of the models.
        for start in range(0, len(values), JSON_SLICE):
            models += adapter.validate_json("[" + ",".join(values[start:start + JSON_SLICE]) + "]")
    except ValidationError:
        return None
    # A text that is not one JSON object could split or merge array items: the count and
    # each id must match the rows they came from.
    if len(models) != len(texts):
        return None
    records = dict(zip(texts, models, strict=True))
    if any(key != record.id for key, record in records.items()):
        return None
    return records
