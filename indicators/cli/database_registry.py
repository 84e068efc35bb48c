"""Which registry a data command uses: the database's, once it holds one.

Plans published in the app live in the database (indicators.store.RegistryStore).
A command that reads or writes values must see them, or `report` would leave
out a plan the dashboard shows and `import` would call its indicators unknown.
A database that does not exist yet, or holds no registry, means the YAML folder:
it is what an empty database is seeded from, so both give the same answer.
"""

from __future__ import annotations

from pathlib import Path

from indicators.config import Settings
from indicators.registry import Registry
from indicators.store import ActualsStore, RegistryStore, database_url


def registry_in(store: ActualsStore, settings: Settings, folder_registry: Registry) -> Registry:
    """The database's current registry, or the folder's while the database has none."""
    found = RegistryStore(store.engine).registry(settings)
    return folder_registry if found is None else found


def database_exists(raw_url: str, root: Path) -> bool:
    """Whether opening the URL would find a database rather than create one.

    Only an SQLite file can be absent; a server database is asked (it exists
    once its URL is configured, and the migrations create the tables).
    """
    url = database_url(raw_url, root)
    if url.get_backend_name() != "sqlite" or url.database in (None, "", ":memory:"):
        return True
    return Path(url.database).is_file()
