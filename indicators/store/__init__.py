"""The database: schema, migrations, versioned actuals, notes, the audit log, first-run data.

Every upload is an immutable version; the current value of a series and year
is the latest non-reverted one (actuals.py: ActualsStore; queries.py and
current.py read current values; changes.py which series changed after an upload;
notes.py versions a note change).  Nothing
is deleted: a revert is itself a version, and each version keeps where its
value was published.  sample.py fills an empty store once (published figures,
or the labelled sample).  registry_store.py keeps the registry's documents,
indicators and targets as versions too (seeded from the YAML folder once;
registry_versions.py reads them).  schema.py declares the tables that
the Alembic revisions in migrations/ create; audit.py appends to the audit
log inside the same transaction as the change it records.  SQLite by
default, PostgreSQL for several processes.
"""

from indicators.store.actuals import ActualsStore
from indicators.store.audit import ACTIONS, AuditError, count_since, engine_of, list_audit, record
from indicators.store.changes import StoreChanges, changes_since, current_of_series
from indicators.store.registry_store import SEED_USER, Change, RegistryStore
from indicators.store.sample import (
    PUBLISHED_USER,
    SAMPLE_USER,
    FirstRun,
    load_first_run_data,
    load_published_if_empty,
    load_sample_if_empty,
)
from indicators.store.schema import WRITE_OPTION, create_engine, database_url, upgrade_to_head
from indicators.store.types import (
    AlreadyReverted,
    NoteTooLong,
    NoteUnchanged,
    SampleDataError,
    StoreError,
    UnknownUpload,
    UnknownValue,
    UploadPreview,
    UploadRejected,
)

__all__ = [
    "ACTIONS", "PUBLISHED_USER", "SAMPLE_USER", "SEED_USER", "Change", "RegistryStore", "WRITE_OPTION", "ActualsStore", "AlreadyReverted",
    "AuditError", "FirstRun",
    "NoteTooLong", "NoteUnchanged", "SampleDataError", "StoreChanges", "StoreError", "UnknownUpload",
    "UnknownValue", "UploadPreview", "UploadRejected", "changes_since", "count_since",
    "create_engine", "current_of_series",
    "database_url", "engine_of", "list_audit", "load_first_run_data", "load_published_if_empty",
    "load_sample_if_empty", "record",
    "upgrade_to_head",
]
