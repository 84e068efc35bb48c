"""Load the YAML registry: every *.yaml under the registry folder.

Each file may hold any of the top-level keys `documents`, `indicators` and
`targets`, each a list of records.  Loading collects every problem in every
file before it fails, so one run of `validate` shows the whole list.

The database keeps the same records as versions (indicators.store.registry);
both sources end in `check_records`, so a record stored in the database is
held to the same rules, with the same messages, as one in a YAML file
(reading it back, stored.py checks in bulk first and falls back to check_records).
"""

from __future__ import annotations

import datetime as dt
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from types import MappingProxyType
from typing import TYPE_CHECKING

from pydantic import BaseModel, ValidationError

from indicators.config import Region, Settings, read_yaml_mapping
from indicators.errors import Problem, RegistryError
from indicators.registry.bulk import paused_gc
from indicators.registry.models import Document, Indicator, Target

if TYPE_CHECKING:
    import pandas as pd

SECTIONS: dict[str, type[BaseModel]] = {
    "documents": Document,
    "indicators": Indicator,
    "targets": Target,
}

TARGET_COLUMNS = [
    "target_id", "indicator_id", "region", "document_id", "section", "name_zh", "unit",
    "baseline_year", "baseline_value", "target_year", "target_value", "target_low",
    "target_high", "comparator", "kind", "attribute", "verified",
]


def normalise_label(text: str) -> str:
    """Fold full-width forms and spacing so '重庆 市' and '重庆市' compare equal."""
    folded = unicodedata.normalize("NFKC", str(text))
    return "".join(folded.split()).casefold()


@dataclass(frozen=True)
class RawRecord:
    """One record as read, before checking: its section, the mapping, and where it came from."""

    section: str  # documents | indicators | targets
    item: object
    origin: str  # the YAML file, or "database"
    position: str  # e.g. "targets[3]", named when the record has no id


@dataclass(frozen=True)
class Registry:
    documents: Mapping[str, Document]
    indicators: Mapping[str, Indicator]
    # The targets reports use: retired ones (retired_from on or before `today`) are in `retired`.
    targets: Mapping[str, Target]
    regions: Mapping[str, Region]
    retired: Mapping[str, Target] = field(default_factory=dict)
    # The database registry's version (its newest change id); 0 for a YAML registry.
    version: int = 0
    _indicator_labels: Mapping[str, str] = field(repr=False, default_factory=dict)
    _region_labels: Mapping[str, str] = field(repr=False, default_factory=dict)

    def targets_of(self, indicator_id: str, region: str | None = None) -> list[Target]:
        by_series = self._targets_by_series
        if region is not None:
            return list(by_series.get((indicator_id, region), ()))
        return [t for (indicator, _), found in by_series.items() if indicator == indicator_id
                for t in found]

    @cached_property
    def _targets_by_series(self) -> Mapping[tuple[str, str], tuple[Target, ...]]:
        # The importer asks once per uploaded row; a scan of every target each time
        # made a 20,000-row file against 20,000 targets take minutes.
        index: dict[tuple[str, str], list[Target]] = {}
        for target in self.targets.values():
            index.setdefault((target.indicator, target.region), []).append(target)
        return MappingProxyType({key: tuple(found) for key, found in index.items()})

    def resolve_indicator(self, text: str) -> str | None:
        """Indicator id for an id, its Chinese name or a registered alias."""
        return self._indicator_labels.get(normalise_label(text))

    def resolve_region(self, text: str) -> str | None:
        return self._region_labels.get(normalise_label(text))

    def indicator_labels(self) -> dict[str, str]:
        """Every accepted label (normalised) -> indicator id, for suggestions."""
        return dict(self._indicator_labels)

    def region_labels(self) -> dict[str, str]:
        return dict(self._region_labels)

    def target_table(self) -> pd.DataFrame:
        """One row per target with the CLI's columns, in registry order."""
        import pandas as pd  # only the table needs it: `draft` starts without pandas

        rows = [self._target_row(target) for target in self.targets.values()]
        return pd.DataFrame(rows, columns=TARGET_COLUMNS)

    def _target_row(self, target: Target) -> dict[str, object]:
        indicator = self.indicators[target.indicator]
        baseline = target.baseline
        return {
            "target_id": target.id,
            "indicator_id": target.indicator,
            "region": target.region,
            "document_id": target.document,
            "section": target.section,
            "name_zh": indicator.name_zh,
            "unit": target.unit or indicator.unit,
            "baseline_year": baseline.year if baseline else None,
            "baseline_value": baseline.value if baseline else None,
            "target_year": target.target_year,
            "target_value": target.target_value,
            "target_low": target.target_low,
            "target_high": target.target_high,
            "comparator": target.comparator,
            "kind": target.kind,
            "attribute": target.attribute,
            "verified": target.verified,
        }


def load_registry(settings: Settings, *, today: dt.date | None = None) -> Registry:
    folder = settings.resolve(settings.registry_path)
    files = sorted(folder.rglob("*.yaml"))
    if not files:
        raise RegistryError(
            [Problem(str(folder), None, None, "no *.yaml registry files found")],
            hint="registry_path in config.yaml must point at the registry folder",
        )
    raw, problems = read_registry_files(files)
    records, found = check_records(raw, settings)
    problems += found
    if problems:
        raise RegistryError(problems, hint="fix the listed fields and run `python -m indicators validate`")
    return build_registry(records, settings.regions, today=today)


def registry_from_records(raw: Iterable[RawRecord], settings: Settings, *, version: int = 0,
                          today: dt.date | None = None) -> Registry:
    """The registry of records read elsewhere (the database), by the YAML folder's rules."""
    records, problems = check_records(raw, settings)
    if problems:
        raise RegistryError(problems, hint="fix the listed fields and run `python -m indicators validate --db`")
    return build_registry(records, settings.regions, version=version, today=today)


_Records = dict[str, dict[str, tuple[BaseModel, str]]]


def check_records(raw: Iterable[RawRecord], settings: Settings) -> tuple[_Records, list[Problem]]:
    """Every record against its model, then the references between them: one list of problems."""
    records: _Records = {section: {} for section in SECTIONS}
    problems: list[Problem] = []
    with paused_gc():
        for one in raw:
            problems += _add_record(records[one.section], SECTIONS[one.section], one.item,
                                    one.origin, one.position)
        problems += check_references(records, settings)
    return records, problems


def read_registry_files(files: Iterable[Path]) -> tuple[list[RawRecord], list[Problem]]:
    raw: list[RawRecord] = []
    problems: list[Problem] = []
    for path in files:
        try:
            with paused_gc():
                data = read_yaml_mapping(path, RegistryError)
        except RegistryError as exc:
            problems += exc.problems
            continue
        for key in data.keys() - SECTIONS.keys():
            problems.append(Problem(str(path), None, key, f"unknown section (expected {sorted(SECTIONS)})"))
        for section in SECTIONS:
            items = data.get(section) or []
            if not isinstance(items, list):
                problems.append(Problem(str(path), None, section, "must be a list of records"))
                continue
            raw += [RawRecord(section, item, str(path), f"{section}[{index}]")
                    for index, item in enumerate(items)]
    return raw, problems


def _add_record(bucket: dict, model: type[BaseModel], item: object, path: str, position: str) -> list[Problem]:
    record_id = item.get("id") if isinstance(item, dict) else None
    label = str(record_id or position)
    try:
        record = model.model_validate(item)
    except ValidationError as exc:
        return [_problem_from_error(path, label, err) for err in exc.errors()]
    if record.id in bucket:
        first = bucket[record.id][1]
        return [Problem(str(path), record.id, "id", f"duplicate id (first defined in {first})")]
    bucket[record.id] = (record, path)
    return []


def _problem_from_error(path: str, label: str, err: dict) -> Problem:
    field_name = ".".join(str(part) for part in err["loc"])
    message = err["msg"].removeprefix("Value error, ")
    # Cross-field rules write "field: message"; point at that field.
    head, sep, rest = message.partition(": ")
    if not field_name and sep and head.isidentifier():
        field_name, message = head, rest
    return Problem(str(path), label, field_name or None, message)


def check_references(records: _Records, settings: Settings) -> list[Problem]:
    problems: list[Problem] = []
    documents = records["documents"]
    indicators = records["indicators"]
    targets = records["targets"]
    regions = set(settings.region_codes)
    # Sorted once: with 3,000 regions a sort per unknown region made a bad file quadratic.
    listed = str(sorted(regions))
    for doc, path in documents.values():
        if doc.region not in regions:
            problems.append(Problem(str(path), doc.id, "region", f"unknown region '{doc.region}' (config.yaml lists {listed})"))
    for target, path in targets.values():
        checks = [
            ("indicator", target.indicator, indicators),
            ("document", target.document, documents),
        ]
        for field_name, ref, pool in checks:
            if ref not in pool:
                problems.append(Problem(str(path), target.id, field_name, f"unknown {field_name} '{ref}'"))
        if target.region not in regions:
            problems.append(Problem(str(path), target.id, "region", f"unknown region '{target.region}' (config.yaml lists {listed})"))
        if target.unit and target.indicator in indicators:
            try:
                target.scale_to(indicators[target.indicator][0].unit)
            except ValueError as exc:
                problems.append(Problem(str(path), target.id, "unit", str(exc).removeprefix("unit: ")))
        if target.secondary_of and target.secondary_of not in targets:
            problems.append(Problem(str(path), target.id, "secondary_of", f"unknown target '{target.secondary_of}'"))
    problems += _check_labels(indicators)
    return problems


def _check_labels(indicators: dict) -> list[Problem]:
    """Ids, names and aliases must each lead to one indicator, or uploads are ambiguous."""
    owner: dict[str, str] = {}
    problems = []
    for indicator, path in indicators.values():
        for label in {indicator.id, indicator.name_zh, *indicator.aliases}:
            key = normalise_label(label)
            if owner.setdefault(key, indicator.id) != indicator.id:
                problems.append(Problem(str(path), indicator.id, "aliases", f"'{label}' already names indicator '{owner[key]}'"))
    return problems


def build_registry(records: _Records, regions: tuple[Region, ...], *, version: int = 0,
                   today: dt.date | None = None) -> Registry:
    indicators = {key: rec for key, (rec, _) in records["indicators"].items()}
    indicator_labels = {
        normalise_label(label): ind.id
        for ind in indicators.values()
        for label in (ind.id, ind.name_zh, *ind.aliases)
    }
    region_labels = {
        normalise_label(label): region.code
        for region in regions
        for label in (region.code, region.name_zh, region.name_en, *region.aliases)
    }
    today = today or dt.date.today()
    targets = {k: rec for k, (rec, _) in records["targets"].items()}
    retired = {k: rec for k, rec in targets.items()
               if rec.retired_from is not None and rec.retired_from <= today}
    return Registry(
        documents=MappingProxyType({k: rec for k, (rec, _) in records["documents"].items()}),
        indicators=MappingProxyType(indicators),
        targets=MappingProxyType({k: rec for k, rec in targets.items() if k not in retired}),
        regions=MappingProxyType({region.code: region for region in regions}),
        retired=MappingProxyType(retired),
        version=version,
        _indicator_labels=MappingProxyType(indicator_labels),
        _region_labels=MappingProxyType(region_labels),
    )
