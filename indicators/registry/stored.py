"""The registry of records read back from the database, checked cheaply and still completely.

Every stored record passed `check_records` when it was written (a write, the
seed, a revert checks the whole registry it leaves) and is kept as its model's
model_dump(mode="json").  Reading it back still runs every rule: the models'
(a record edited by hand in the database, or a rule added since, is refused),
the references and the regions of config.yaml (which may have changed since).
Only the way differs: one pydantic-core call per section over the stored JSON
(indicators.registry.bulk) instead of a dict and a call per record; when that
finds anything, the record-by-record `check_records` runs, so the problems and
their messages are exactly those of the YAML folder's rules.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Mapping

from indicators.config import Settings
from indicators.registry.bulk import paused_gc, validate_json_records
from indicators.registry.loader import (
    SECTIONS,
    RawRecord,
    Registry,
    build_registry,
    check_references,
    registry_from_records,
)

# section -> record id -> the record's stored JSON text, in the order of the registry.
StoredTexts = Mapping[str, Mapping[str, str]]


def registry_from_json(texts: StoredTexts, settings: Settings, *, version: int = 0,
                       today: dt.date | None = None) -> Registry:
    """The registry of stored records; RegistryError, located by record and field, on a problem."""
    with paused_gc():
        records = {}
        for section, model in SECTIONS.items():
            found = validate_json_records(texts.get(section, {}), model)
            if found is None:
                break
            records[section] = {key: (record, "database") for key, record in found.items()}
        else:
            if not check_references(records, settings):
                return build_registry(records, settings.regions, version=version, today=today)
    return registry_from_records(raw_records(texts), settings, version=version, today=today)


def raw_records(texts: StoredTexts) -> list[RawRecord]:
    """The loader's raw records of stored texts; a text that is not JSON stays a string,
    which its model then refuses, located, like any other bad record."""
    return [RawRecord(section, _loads(text), "database", f"{section}/{record_id}")
            for section, records in texts.items() for record_id, text in records.items()]


def _loads(text: str) -> object:
    try:
        return json.loads(text)
    except ValueError:
        return text
