"""The database registry to and from YAML in data/registry's schema (documents, indicators, targets).

Export writes every current record, retired targets included, in the order
they were added, each as its model writes it without the fields left at their
defaults, so export -> import -> export gives the same bytes.  Import reads a
file by the YAML folder's rules and writes, in one checked transaction, a
version (action 'import') of each record that is new or differs; a record the
file leaves out is left as it is (nothing is deleted: retire a target instead).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import yaml

from indicators.config import Settings
from indicators.errors import Problem, RegistryError
from indicators.registry import SECTIONS, RegistryChangeError, RegistryProblem
from indicators.registry.loader import read_registry_files
from indicators.store import Change, RegistryStore
from indicators.store.registry_versions import KIND_SECTION

HEADER = "# The tracker's registry, exported from its database (python -m indicators registry export).\n"
SECTION_KIND = {section: kind for kind, section in KIND_SECTION.items()}


@dataclass(frozen=True)
class ImportResult:
    change_ids: tuple[int, ...]
    added: int
    changed: int
    unchanged: int
    left_out: int  # records in the database the file does not hold (left as they are)


def export_yaml(registry_store: RegistryStore) -> str:
    payloads = registry_store.payloads()
    data = {}
    for section, model in SECTIONS.items():
        records = payloads[SECTION_KIND[section]].values()
        data[section] = [model.model_validate(payload).model_dump(mode="json", exclude_defaults=True)
                         for payload in records]
    return HEADER + yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=100)


def import_yaml(path: Path, registry_store: RegistryStore, settings: Settings, *, user: str,
                reason: str) -> ImportResult:
    """Write the file's new and changed records; RegistryChangeError (nothing written) on any problem."""
    raw, problems = read_registry_files([path])
    if problems:
        raise RegistryError(problems, hint="nothing was imported")
    current = registry_store.payloads()
    changes: list[Change] = []
    seen: set[tuple[str, str]] = set()
    unchanged = 0
    for one in raw:
        kind = SECTION_KIND[one.section]
        record_id = one.item.get("id") if isinstance(one.item, dict) else None
        key = (kind, str(record_id or one.position))
        if key in seen:
            raise _duplicate(path, key)
        seen.add(key)
        if _same(one.section, one.item, current[kind].get(key[1])):
            unchanged += 1
            continue
        changes.append(Change(kind, key[1], "import", one.item if isinstance(one.item, dict)
                              else {"id": None}, origin=str(path)))
    left_out = sum(1 for kind, records in current.items() for record_id in records
                   if (kind, record_id) not in seen)
    if not changes:
        return ImportResult((), 0, 0, unchanged, left_out)
    ids = registry_store.write(changes, user=user, reason=reason, settings=settings)
    added = sum(1 for change in changes if change.record_id not in current[change.kind])
    return ImportResult(tuple(ids), added, len(changes) - added, unchanged, left_out)


def _same(section: str, item: object, stored: dict | None) -> bool:
    """Whether the file's record is the stored one, both read by the model (defaults filled)."""
    if stored is None or not isinstance(item, dict):
        return False
    model = SECTIONS[section]
    try:
        return model.model_validate(item) == model.model_validate(stored)
    except ValueError:  # pydantic's ValidationError: the write reports it, located
        return False


def _duplicate(path: Path, key: tuple[str, str]) -> RegistryChangeError:
    problem = Problem(str(path), key[1], "id", "duplicate id (first defined in the same file)")
    return RegistryChangeError([RegistryProblem.of(problem)], hint="nothing was imported")
