"""Load the labelled sample file into a store that has never had an upload."""

from __future__ import annotations

from typing import TYPE_CHECKING

from indicators.config import Settings
from indicators.importing import parse_upload
from indicators.registry import Registry
from indicators.store.types import SampleDataError

if TYPE_CHECKING:
    from indicators.store.actuals import ActualsStore

SAMPLE_USER = "sample"


def load_sample_if_empty(store: ActualsStore, settings: Settings, registry: Registry) -> int | None:
    """Load the labelled sample file into a store that has never had an upload.

    Returns the sample upload's id, or None when nothing was loaded.
    """
    if not settings.sample_data or not store.is_empty():
        return None
    path = settings.resolve(settings.sample_data)
    try:
        content = path.read_bytes()
    except OSError as exc:
        raise SampleDataError(f"cannot read the sample data {path}: {exc.strerror}",
                              hint="set sample_data: null in config.yaml to start empty") from None
    parsed = parse_upload(content, path.name, registry, settings)
    if not parsed.ok:
        raise SampleDataError(
            f"the sample data {path} does not pass validation: {parsed.errors[0]}",
            hint="regenerate it with `python data/sample/make_sample.py`")
    return store.commit_if_empty(parsed, SAMPLE_USER, path.name, parsed.sha256, is_sample=True)
