"""First-run data: what an empty store is filled with, once.

An empty store (one that has never had an upload, so a reverted first upload
stays reverted) gets the published figures of data/published/ (config.yaml
`published_data`) as an upload by PUBLISHED_USER, with each value's source;
or, when `sample_data` is set, the made-up sample instead, labelled as sample
data so every page says so while its values are current.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from indicators.config import Settings
from indicators.importing import parse_upload
from indicators.registry import Registry
from indicators.store.types import SampleDataError

if TYPE_CHECKING:
    from indicators.store.actuals import ActualsStore

SAMPLE_USER = "sample"
PUBLISHED_USER = "公开数据"


@dataclass(frozen=True)
class FirstRun:
    """The upload that filled an empty store, and whether it is the sample."""

    upload_id: int
    is_sample: bool


def load_first_run_data(store: ActualsStore, settings: Settings, registry: Registry) -> FirstRun | None:
    """The sample when sample_data is set, else the published data; None when nothing was loaded."""
    if settings.sample_data:
        sample_id = load_sample_if_empty(store, settings, registry)
        return None if sample_id is None else FirstRun(sample_id, is_sample=True)
    published_id = load_published_if_empty(store, settings, registry)
    return None if published_id is None else FirstRun(published_id, is_sample=False)


def load_sample_if_empty(store: ActualsStore, settings: Settings, registry: Registry) -> int | None:
    """Load the labelled sample file into a store that has never had an upload.

    Returns the sample upload's id, or None when nothing was loaded.
    """
    return _load_if_empty(store, settings, registry, "sample_data", SAMPLE_USER, is_sample=True,
                          fix="regenerate it with `python data/sample/make_sample.py`")


def load_published_if_empty(store: ActualsStore, settings: Settings, registry: Registry) -> int | None:
    """Load the published figures (with their sources) into a store that has never had an upload."""
    return _load_if_empty(store, settings, registry, "published_data", PUBLISHED_USER,
                          is_sample=False, fix="see data/published/README.md for its format")


def _load_if_empty(store: ActualsStore, settings: Settings, registry: Registry, key: str, user: str,
                   *, is_sample: bool, fix: str) -> int | None:
    relative = getattr(settings, key)
    if not relative or not store.is_empty():
        return None
    path = settings.resolve(relative)
    try:
        content = path.read_bytes()
    except OSError as exc:
        raise SampleDataError(f"cannot read the {key} file {path}: {exc.strerror}",
                              hint=f"set {key}: null in config.yaml to start empty") from None
    parsed = parse_upload(content, path.name, registry, settings)
    if not parsed.ok:
        raise SampleDataError(f"the {key} file {path} does not pass validation: {parsed.errors[0]}",
                              hint=fix)
    return store.commit_if_empty(parsed, user, path.name, parsed.sha256, is_sample=is_sample)
