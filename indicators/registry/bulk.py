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

The models it returns share one set of field names per model class
(share_fields_sets): pydantic gives every instance its own, and a target's was
larger than the target's own values.
"""

from __future__ import annotations

import gc
import typing
from collections.abc import Iterable, Iterator, Mapping
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
            found = adapter.validate_json("[" + ",".join(values[start:start + JSON_SLICE]) + "]")
            share_fields_sets(found)  # slice by slice: the next slice reuses the freed sets
            models += found
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


def share_fields_sets(models: Iterable[BaseModel]) -> None:
    """Let frozen models (and the models in their fields) that were given every field share
    one set of the field names: their class's, made once.

    pydantic keeps on each instance the set of fields its input gave (model_fields_set), a
    hash table of its own: 2.2 KB for a target's 23 fields, more than the target's values,
    or 400 MB over a national registry's 180,000 targets, all equal.  A record read back
    from the database gives every field (it is its model's model_dump).  Sharing is safe
    for frozen models only: no instance adds to its set, and model_copy copies the set
    before it adds the updated names.  Other models and partial sets are left alone.
    """
    set_names, last_kind, names, nested = object.__setattr__, None, None, ()
    inner: list[object] = []  # the models in their fields, shared in one call after them
    for model in models:
        if type(model) is not last_kind:  # a section's models are all of one class
            last_kind = type(model)
            names, nested = _all_fields(last_kind), _model_fields_of(last_kind)
        # The set holds only field names (extra="forbid"): as many names means the same names.
        if names is not None and len(model.__pydantic_fields_set__) == len(names):
            set_names(model, "__pydantic_fields_set__", names)
        inner += [model.__dict__[field] for field in nested]
    if inner:
        share_fields_sets([value for value in inner if isinstance(value, BaseModel)])


@cache
def _all_fields(kind: type[BaseModel]) -> set[str] | None:
    """The field names of a frozen, extra="forbid" model class; None for any other class."""
    config = kind.model_config
    if not config.get("frozen") or config.get("extra") != "forbid":
        return None
    return set(kind.model_fields)


@cache
def _model_fields_of(kind: type[BaseModel]) -> tuple[str, ...]:
    """The fields of `kind` whose type can hold a model (Baseline | None, say)."""
    return tuple(name for name, info in kind.model_fields.items()
                 if _holds_model(info.annotation))


def _holds_model(annotation: object) -> bool:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return True
    return any(_holds_model(argument) for argument in typing.get_args(annotation))
